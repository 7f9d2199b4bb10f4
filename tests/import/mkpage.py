#!/usr/bin/python3
"""Write a report file as a published page, the way portals print it, with
the quirks of FORMATS.md ("What published reports really look like") one by
one; and what an import of that page must give (a JSON of cells and texts).
Used once to write the fixtures of tests/import/ and by bench/import.sh to
make its 1,000 pages.

    mkpage.py REPORT.yaml OUT.(html|txt) EXPECT.json [quirk...]

quirks: word (Word-export clutter), gbk (GB18030 bytes, meta gb2312),
one-table (all tables in one <table>), split (each sub-table its own),
variants (brackets, 1、, stray spaces, split headers, typos), blank-total
(the 总计 column left blank), dashes (/ - — in some cells), headings
(worded differently, run into the first paragraph), wrong-total (a 总计
that is not the sum, kept as published)."""
import html
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import yaml  # noqa: E402
import nbform  # noqa: E402

VARIANTS = {
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "1.属于国家秘密": "1、属于国家秘密",
    "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
    "社会公益组织": "社会公益 组织",
    "三、本年度办理结果": "三、本年度办 理结果",
    "第二十条第（一）项": "第二十条 第（一）项",
    "本年制发件数": "本年制发\n件数",
    "本年新制作数量": "本年新\n制作数量",
    "（四）无法提供": "㈣无法提供",
    "未经复议直接起诉": "未经复议 直接起诉",
}


def depth_nodes(axis):
    out = []

    def walk(n, d):
        out.append((n, d))
        for c in n.children:
            walk(c, d + 1)
    for n in axis.top:
        walk(n, 0)
    return out


def axis_depth(axis):
    return max(d for _, d in depth_nodes(axis)) + 1


def table_grid(t, stacked, width, title):
    """Rows of cells (label or value key, rowspan, colspan, kind)."""
    rows = []
    L = 0 if (len(t.rows.leaves) == 1 and not t.rows.leaves[0].label) else axis_depth(t.rows)
    H = axis_depth(t.cols)
    V = len(t.cols.leaves)
    extra = width - (L + V)
    if stacked and title:
        rows.append([(title, 1, width, "title")])
    head = [[] for _ in range(H)]
    if L:
        head[0].append((t.corner, H, L, "corner"))
    for n, d in depth_nodes(t.cols):
        cs = len(n.leaves)
        if n.leaves[-1] is t.cols.leaves[-1]:
            cs += extra
        head[d].append((n.label, 1 if n.children else H - d, cs, "head"))
    rows += head
    rnodes = depth_nodes(t.rows) if L else []
    for r in t.rows.leaves:
        row = []
        for n, d in rnodes:
            if n.leaves[0] is r:
                row.append((n.label, len(n.leaves) if n.children else 1,
                            1 if n.children else L - d, "label"))
        for k, c in enumerate(t.cols.leaves):
            row.append(((t.id, r.id, c.id), 1, 1 + (extra if k == V - 1 else 0), "value"))
        rows.append(row)
    return rows


def main():
    src, out, exp = sys.argv[1:4]
    q = set(sys.argv[4:])
    forms = nbform.load_forms()
    with open(src, encoding="utf-8") as f:
        rep = yaml.safe_load(f)
    form = forms[rep["form"]]
    fy = yaml.safe_load(open(os.path.join(nbform.FORMS_DIR, form.id + ".yaml"), encoding="utf-8"))
    tdefs = {t["id"]: t for t in fy["tables"]}
    for t in form.table_list:
        t.corner = tdefs[t.id].get("corner", "")
        t.title = tdefs[t.id].get("title")
    if "short" in q:  # one paragraph a section: a small fixture
        for k, v in rep["text"].items():
            rep["text"][k] = "".join((v or "").splitlines(True)[:1])
    cells = {}
    for tid, rows in rep["tables"].items():
        for rid, cols in rows.items():
            for cid, v in cols.items():
                cells["%s.%s.%s" % (tid, rid, cid)] = "" if v is None else str(v)
    shown = dict(cells)
    if "blank-total" in q:
        for k in list(cells):
            if k.startswith("t3.") and k.endswith(".total") and ".new." not in k and ".carried." not in k:
                shown[k] = cells[k] = ""
    if "dashes" in q:
        for i, k in enumerate(sorted(k for k in cells if k.startswith("t3.w_"))):
            if cells[k] in ("0", ""):
                shown[k] = "/-—"[i % 3]
                cells[k] = ""
    if "wrong-total" in q:
        k = "t3.result_total.total"
        shown[k] = cells[k] = str(int(cells[k] or 0) + 6)
    text = txt = "txt" == out.rsplit(".", 1)[-1]
    agency = rep["cover"].get("agency") or ""
    year = rep["cover"].get("year")
    title = "%s%s年政府信息公开工作年度报告" % (agency, year) if agency else ""
    lab = (lambda s: VARIANTS.get(s, s)) if "variants" in q else (lambda s: s)
    word = "word" in q

    def para(s):
        s = html.escape(s)
        if word:
            return ("<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;"
                    "mso-line-height-rule:exactly'><span style='font-size:16.0pt;"
                    "font-family:仿宋_GB2312;mso-hansi-font-family:宋体'>%s<o:p></o:p></span></p>\n" % s)
        return "<p>%s</p>\n" % s

    def cell(s, rs, cs, kind):
        s = html.escape(s).replace("\n", "<br>")
        a = (" rowspan=%d" % rs if rs > 1 else "") + (" colspan=%d" % cs if cs > 1 else "")
        if word:
            return ("<td width=64%s style='border:solid windowtext 1.0pt;mso-border-alt:solid "
                    "windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center "
                    "style='text-align:center'><span style='font-size:10.0pt;font-family:宋体'>"
                    "%s<o:p></o:p></span></p></td>" % (a, s if s else "&nbsp;"))
        return "<td%s>%s</td>" % (a, s)
    lines = []
    body = []
    if title:
        lines.append(title)
        body.append("<p align=center><b>%s</b></p>\n" % html.escape(title) if not word
                    else para(title))
    for l in (rep["cover"].get("preamble") or "").splitlines():
        lines.append(l)
        body.append(para(l))
    one = "one-table" in q
    opened = False
    for si, s in enumerate(fy["sections"]):
        h = s["heading"]
        paras = (rep["text"].get(s["id"]) or "").splitlines()
        if "headings" in q and s["id"] == "s5":
            h = "五、政府信息公开工作存在的主要问题及改进情况"
        if "headings" in q and s["id"] == "s1" and paras:
            h, paras = h + "。" + paras[0], paras[1:]
        lines.append(h)
        if opened and one:
            body.append("</table>\n")
            opened = False
        body.append(para(h))
        for l in paras:
            lines.append(l)
            body.append(para(l))
        tids = s.get("tables", [])
        if not tids:
            continue
        ts = [t for t in form.table_list if t.id in tids]
        width = max((0 if (len(t.rows.leaves) == 1 and not t.rows.leaves[0].label)
                     else axis_depth(t.rows)) + len(t.cols.leaves) for t in ts)
        for k, t in enumerate(ts):
            if not opened or "split" in q:
                if opened:
                    body.append("</table>\n")
                body.append("<table border=1 cellspacing=0 cellpadding=0%s>\n" %
                            (" class=MsoNormalTable style='border-collapse:collapse;mso-table-layout-alt:fixed'" if word else ""))
                opened = True
            for row in table_grid(t, len(ts) > 1, width, t.title):
                tr = []
                for v, rs, cs, kind in row:
                    s2 = shown[".".join(v)] if kind == "value" else lab(v or "")
                    lines.append(s2.replace("\n", " ") + " |")
                    tr.append(cell(s2, rs, cs, kind))
                body.append("<tr>" + "".join(tr) + "</tr>\n")
        if not one:
            body.append("</table>\n")
            opened = False
    if opened:
        body.append("</table>\n")
    charset = "gb2312" if "gbk" in q else "utf-8"
    page = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<head>\n"
            "<meta http-equiv=Content-Type content=\"text/html; charset=%s\">\n"
            "<title>%s</title>\n<style>p.MsoNormal{margin:0cm;font-size:10.5pt}</style>\n"
            "<!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]-->\n"
            "</head>\n<body lang=ZH-CN>\n<div class=WordSection1>\n%s</div>\n"
            "<script>var nav='首页 > 政府信息公开 > 年报';</script>\n</body>\n</html>\n"
            % (charset, html.escape(title or "年度报告"), "".join(body)))
    data = ("\n".join(lines) + "\n") if txt else page
    with open(out, "wb") as f:
        f.write(data.encode("gb18030" if "gbk" in q else "utf-8"))
    # The page says only what its opening paragraph says.
    import re
    m = re.search(r"https?://[A-Za-z0-9./:_?&=%#~-]*[A-Za-z0-9/]", rep["cover"].get("preamble") or "")
    rep["cover"]["website"] = m.group(0) if m else ""
    texts = {sid: rep["text"].get(sid) or "" for sid in (s["id"] for s in fy["sections"])}
    with open(exp, "w", encoding="utf-8") as f:
        json.dump({"form": form.id, "cells": cells, "text": texts,
                   "cover": {k: rep["cover"].get(k) for k in ("agency", "year", "period", "website",
                                                               "address", "postcode", "phone",
                                                               "fax", "email")} if agency else {}},
                  f, ensure_ascii=False, indent=0, sort_keys=True)
    del text


main()
