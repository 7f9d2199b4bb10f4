#!/usr/bin/python3
"""The Word export read the way its readers read it: every XML part parses;
LibreOffice's PDF of it (made by run.sh) holds every figure; python-docx
finds the tables merged as the template merges them, with repeating header
rows, and every figure in the cell its row and column labels name; the
prose comes back intact with its quotes, <, & and tabs, and without the
control characters XML cannot carry."""
import collections
import os
import re
import subprocess
import zipfile
import xml.dom.minidom

import docx
from docx.oxml.ns import qn

from officelib import WORK, SAMPLES, cells, check, done

NOT_IN_PATH = {"申请人情况"}  # printed over 表三's columns, not in label paths


class Grid:
    """A python-docx table's cells computed once (table.cell() recomputes
    the whole grid on every call): a merged cell repeats its one cell."""

    def __init__(self, tbl):
        self.tbl = tbl
        self.ncol = len(tbl.columns)
        self.nrow = len(tbl.rows)
        self.cells = tbl._cells
        self.text = [c.text for c in self.cells]

    def cell(self, r, c):
        return self.cells[r * self.ncol + c]

    def t(self, r, c):
        return self.text[r * self.ncol + c]


def distinct(seq):
    out = []
    for x in seq:
        if x and x not in out:
            out.append(x)
    return out


def grid_values(tbl, L, H):
    """{label path: text} for a table with L label columns, H header rows."""
    res = {}
    for r in range(H, tbl.nrow):
        rl = distinct(tbl.t(r, k) for k in range(L))
        for c in range(L, tbl.ncol):
            cl = [x for x in distinct(tbl.t(h, c) for h in range(H))
                  if x not in NOT_IN_PATH]
            res["/".join(rl + cl)] = tbl.t(r, c)
    return res


def stacked_values(tbl):
    """表二: a title row (one cell across), a header row, then rows."""
    res = {}
    ncol = tbl.ncol
    title = head = None
    for r in range(tbl.nrow):
        tcs = [tbl.cell(r, c)._tc for c in range(ncol)]
        if all(t is tcs[0] for t in tcs):
            title, head = tbl.t(r, 0), r + 1
            continue
        if r == head:
            continue
        for c in range(1, ncol):
            if c > 1 and tcs[c] is tcs[c - 1]:
                continue
            key = "/".join([title, tbl.t(r, 0), tbl.t(head, c)])
            res[key] = tbl.t(r, c)
    return res


def span_rows(tbl, r, c):
    tc = tbl.cell(r, c)._tc
    n = 0
    while r + n < tbl.nrow and tbl.cell(r + n, c)._tc is tc:
        n += 1
    return n


def numbers(text):
    return collections.Counter(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", text))


for stem in SAMPLES:
    path = os.path.join(WORK, stem + ".docx")
    y2021 = "form: gk2021" in open(os.path.join(WORK, stem + ".yaml"), encoding="utf-8").read()
    z = zipfile.ZipFile(path)
    bad = []
    for n in z.namelist():
        try:
            xml.dom.minidom.parseString(z.read(n))
        except Exception as e:  # noqa: BLE001 (any parse error fails)
            bad.append("%s: %s" % (n, e))
    need = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
            "word/settings.xml", "word/_rels/document.xml.rels", "docProps/core.xml",
            "docProps/app.xml"}
    check("%s.docx parts well-formed" % stem, not bad and need <= set(z.namelist()),
          "; ".join(bad) or "missing %s" % (need - set(z.namelist())))

    doc_xml = z.read("word/document.xml").decode()
    styles = z.read("word/styles.xml").decode()
    footers = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    page = ('<w:pgSz w:w="11906" w:h="16838"/>' in doc_xml and 'w:top="2098"' in doc_xml
            and 'w:left="1587"' in doc_xml and 'w:right="1474"' in doc_xml
            and 'w:bottom="1984"' in doc_xml)
    fonts = ('w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>' in styles
             and 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="黑体"' in styles
             and '<w:sz w:val="32"/>' in styles and 'w:firstLineChars="200"' in styles)
    check("%s.docx GB/T 9704 page, fonts, page numbers" % stem,
          page and fonts and 'w:instr=" PAGE "' in footers,
          "page %s fonts %s" % (page, fonts))

    # Every figure in LibreOffice's PDF text, as often as the tables hold it.
    pdf = os.path.join(WORK, "pdf", stem + ".pdf")
    if not os.path.exists(pdf):
        check("%s.docx converts to PDF" % stem, False, "LibreOffice wrote no PDF")
    else:
        info = subprocess.run(["pdfinfo", pdf], capture_output=True).stdout.decode()
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                              capture_output=True).stdout.decode()
        have = numbers(text)
        want = collections.Counter()
        for cid, sec, rest, val in cells(stem):
            m = re.match(r"-?(\d+(?:\.\d+)?)", val)
            if m:
                want[m.group(1)] += 1
        missing = {k: v - have[k] for k, v in want.items() if have[k] < v}
        check("%s.docx converts to an A4 PDF with every figure" % stem,
              "595.3" in info and "841.8" in info and not missing and want,
              "A4 %s; missing %s" % ("595.3" in info, missing))

    d = docx.Document(path)
    tables = d.tables
    if len(tables) != 3:
        check("%s.docx three tables" % stem, False, "%d tables" % len(tables))
        continue
    t2, t3, t4 = (Grid(t) for t in tables)
    why = []
    if t3.cell(0, 0)._tc is not t3.cell(2, 2)._tc or t3.cell(0, 0)._tc is t3.cell(3, 0)._tc:
        why.append("表三 corner not 3x3")
    if t3.t(0, 3) != "申请人情况" or t3.cell(0, 3)._tc is not t3.cell(0, 9)._tc:
        why.append("申请人情况 not over 7 columns")
    if t3.t(1, 4) != "法人或其他组织" or t3.cell(1, 4)._tc is not t3.cell(1, 8)._tc \
            or t3.cell(1, 4)._tc is t3.cell(2, 4)._tc:
        why.append("法人或其他组织 not over 5 columns")
    r3 = [r for r in range(t3.nrow) if t3.t(r, 0) == "三、本年度办理结果"]
    if not r3 or span_rows(t3, r3[0], 0) != (22 if y2021 else 20):
        why.append("三、本年度办理结果 spans %s rows" % (r3 and span_rows(t3, r3[0], 0)))
    if t4.t(0, 5) != "行政诉讼" or t4.cell(0, 5)._tc is not t4.cell(0, 14)._tc \
            or t4.cell(0, 4)._tc is t4.cell(0, 5)._tc:
        why.append("行政诉讼 not over 10 columns")
    if t4.cell(1, 0)._tc is not t4.cell(2, 0)._tc:
        why.append("表四 结果维持 not over two header rows")
    check("%s.docx merged cells as the template" % stem, not why, "; ".join(why))

    def flags(tbl, tag):
        return [tr.trPr is not None and tr.trPr.find(qn(tag)) is not None
                for tr in tbl.tbl._tbl.tr_lst]
    h3, h4 = flags(t3, "w:tblHeader"), flags(t4, "w:tblHeader")
    cant = all(all(flags(t, "w:cantSplit")) for t in (t2, t3, t4))
    check("%s.docx header rows repeat, rows never split" % stem,
          h3[:4] == [True, True, True, False] and not any(h3[3:])
          and h4 == [True, True, True, False] and not any(flags(t2, "w:tblHeader")) and cant,
          "表三 %s 表四 %s cantSplit %s" % (h3[:5], h4, cant))

    # Every figure in the cell its labels name; blank stays blank.
    rows = cells(stem)
    got = {"二": stacked_values(t2), "三": grid_values(t3, 3, 3), "四": grid_values(t4, 0, 3)}
    wrong = []
    n = 0
    for cid, sec, rest, val in rows:
        n += 1
        v = got.get(sec, {}).get(rest)
        if v != val:
            wrong.append("%s: %r, want %r" % (cid, v, val))
    extra = sum(len(g) for g in got.values()) - n
    check("%s.docx every figure in its cell (%d)" % (stem, n), not wrong and extra == 0,
          "; ".join(wrong[:5]) + (" (%d more)" % (len(wrong) - 5) if len(wrong) > 5 else "")
          + (" %d cells too many" % extra if extra else ""))

    if stem.startswith("hostile"):
        paras = [p.text for p in d.paragraphs]
        want_title = '岚川市<审计>&"统计"局\'办\'2021年政府信息公开工作年度报告'
        want_s2 = '甲<乙>&丙"丁\'戊己庚\t辛&amp;壬癸]]>'
        check("%s.docx text escaped and intact" % stem,
              paras[0] == want_title and want_s2 in paras
              and "&lt;乙&gt;&amp;丙&quot;丁&apos;戊" in doc_xml
              and "\x01" not in doc_xml and "\x1f" not in doc_xml,
              "title %r, s2 %r" % (paras[0], [p for p in paras if p.startswith("甲")]))
done()
