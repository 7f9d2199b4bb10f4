#!/usr/bin/python3
"""The spreadsheet export read back with openpyxl: a sheet per table
section with the template's merged headers as merged ranges; every figure
in the cell its row and column labels name, a number (an int for counts;
money the number typed, shown with its decimals and unit, a note keeping
the digits a double cannot); computed totals as formulas whose cached
result is the figure and which give it when evaluated; the findings of
`nianbao check` on the 检查结果 sheet; text intact."""
import os
import re

import openpyxl

from officelib import WORK, SAMPLES, cells, check, done, findings

NOT_IN_PATH = {"申请人情况"}  # printed over 表三's columns, not in label paths
TOP = 3  # the sheet's heading, a blank row, then the grid (1-based rows)


class Sheet:
    """Cell values with merged ranges resolved to their top-left cell."""

    def __init__(self, ws, wv):
        self.ws, self.wv = ws, wv
        self.owner = {}
        for m in ws.merged_cells.ranges:
            for r in range(m.min_row, m.max_row + 1):
                for c in range(m.min_col, m.max_col + 1):
                    self.owner[(r, c)] = (m.min_row, m.min_col)

    def top(self, r, c):
        return self.owner.get((r, c), (r, c))

    def v(self, r, c):
        return self.ws.cell(*self.top(r, c)).value

    def merged(self):
        return {str(m) for m in self.ws.merged_cells.ranges}


def distinct(seq):
    out = []
    for x in seq:
        if isinstance(x, str) and x not in out:
            out.append(x)
    return out


def grid_cells(sh, L, H):
    """{label path: (row, col)} of a table with L label columns, H header rows."""
    res = {}
    ws = sh.ws
    for r in range(TOP + H, ws.max_row + 1):
        rl = distinct(sh.v(r, k) for k in range(1, L + 1))
        for c in range(L + 1, ws.max_column + 1):
            cl = [x for x in distinct(sh.v(h, c) for h in range(TOP, TOP + H))
                  if x not in NOT_IN_PATH]
            res["/".join(rl + cl)] = (r, c)
    return res


def stacked_cells(sh):
    res = {}
    ws = sh.ws
    title = head = None
    for r in range(TOP, ws.max_row + 1):
        if sh.top(r, ws.max_column) == (r, 1):
            title, head = sh.v(r, 1), r + 1
            continue
        if r == head:
            continue
        for c in range(2, ws.max_column + 1):
            if sh.top(r, c) != (r, c):
                continue
            res["/".join([title, sh.v(r, 1), sh.v(head, c)])] = (r, c)
    return res


def evaluate(ws, f):
    """A formula of SUM(A1:B2), references, + and -, over ws's values."""
    def val(ref):
        v = ws[ref].value
        if isinstance(v, str) and v.startswith("="):
            return evaluate(ws, v)
        return v or 0
    total = 0
    for sign, sm, a, b, one in re.findall(
            r"([+-]?)(?:(SUM)\(([A-Z]+\d+):([A-Z]+\d+)\)|([A-Z]+\d+))", f[1:]):
        if sm:
            x = sum(val(c.coordinate) for row in ws[a:b] for c in row)
        else:
            x = val(one)
        total += -x if sign == "-" else x
    return total


def agrees(cell, cached, typed):
    """Does the spreadsheet cell hold the typed figure?"""
    v = cell.value
    if typed == "":
        return v is None
    m = re.fullmatch(r"(-?\d+)(?:\.(\d+))?(\D*)", typed)
    if not m:
        return False
    whole, dec, unit = m.group(1), m.group(2), m.group(3)
    fmt = cell.number_format
    if isinstance(v, str) and v.startswith("="):
        return dec is None and cached == int(whole) and evaluate(cell.parent, v) == int(whole)
    if dec is None and not unit:
        return type(v) is int and v == int(whole)
    # Money: the number, shown with its decimals and its unit.
    digits = len((whole + (dec or "")).lstrip("-").lstrip("0"))
    want_fmt = "0" + ("." + "0" * len(dec) if dec else "") + ('"%s"' % unit if unit else "")
    if fmt != want_fmt or not isinstance(v, (int, float)):
        return False
    if digits <= 15:
        return repr(float(v)) == repr(float(whole + "." + (dec or "0")))
    note = cell.comment.text if cell.comment else ""
    return note.startswith(typed) and abs(v - float(whole + "." + dec)) < 1e-3 * abs(v)


for stem in SAMPLES:
    path = os.path.join(WORK, stem + ".xlsx")
    y2021 = "form: gk2021" in open(os.path.join(WORK, stem + ".yaml"), encoding="utf-8").read()
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    names = wb.sheetnames
    check("%s.xlsx sheets" % stem, names == ["封面", "表二", "表三", "表四", "检查结果"],
          "%s" % names)
    if not {"表二", "表三", "表四", "检查结果"} <= set(names):
        continue
    s2, s3, s4 = (Sheet(wb[n], wv[n]) for n in ("表二", "表三", "表四"))

    want3 = {"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A7:C7",
             "A8:A29" if y2021 else "A8:A27", "B8:C8"}
    want4 = {"A3:E3", "F3:O3", "A4:A5", "E4:E5", "F4:J4", "K4:O4"}
    check("%s.xlsx merged headers" % stem,
          want3 <= s3.merged() and want4 <= s4.merged() and "A3:D3" in s2.merged(),
          "表三 lacks %s, 表四 lacks %s" % (want3 - s3.merged(), want4 - s4.merged()))

    got = {"二": stacked_cells(s2), "三": grid_cells(s3, 3, 3), "四": grid_cells(s4, 0, 3)}
    sheets = {"二": s2, "三": s3, "四": s4}
    wrong, n = [], 0
    for cid, sec, rest, val in cells(stem):
        n += 1
        at = got.get(sec, {}).get(rest)
        if not at:
            wrong.append("%s: no cell" % cid)
            continue
        sh = sheets[sec]
        c = sh.ws.cell(*at)
        if not agrees(c, sh.wv.cell(*at).value, val):
            wrong.append("%s at %s: %r (%s) cached %r, want %r" % (
                cid, c.coordinate, c.value, c.number_format, sh.wv.cell(*at).value, val))
    extra = sum(len(g) for g in got.values()) - n
    check("%s.xlsx every figure in its cell (%d)" % (stem, n), not wrong and not extra,
          "; ".join(wrong[:4]) + (" (%d more)" % (len(wrong) - 4) if len(wrong) > 4 else "")
          + (" %d cells too many" % extra if extra else ""))

    # Totals as formulas: 表三's 总计 column and （七）总计 row, 表四's three 总计.
    f3 = [s3.ws.cell(r, 10).value for r in range(TOP + 3, s3.ws.max_row + 1)]
    r7 = [r for r in range(TOP + 3, s3.ws.max_row + 1) if s3.v(r, 2) == "（七）总计"]
    f7 = [s3.ws.cell(r7[0], c).value for c in range(4, 11)] if r7 else []
    f4 = [s4.ws.cell(TOP + 3, c).value for c in (5, 10, 15)]
    isf = lambda v: isinstance(v, str) and v.startswith("=")  # noqa: E731
    if stem != "city-2021-bad":
        check("%s.xlsx totals are formulas" % stem,
              all(map(isf, f3 + f7 + f4)) and len(f7) == 7 and f4[0] == "=SUM(A6:D6)"
              and f3[0] == "=SUM(D6:I6)",
              "总计 %s （七） %s 表四 %s" % (f3[:3], f7[:3], f4))
    else:
        # A wrong total keeps the report's figure: a number, not a formula.
        g = got["三"]["三、本年度办理结果/（一）予以公开/总计"]
        v = s3.ws.cell(*g).value
        check("%s.xlsx a wrong total stays the figure" % stem, v == 128 and isf(f3[0]),
              "%r" % v)

    ws = wb["检查结果"]
    rows = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=2)]
    sev = {"error": "错误", "warning": "警告"}
    want = [(sev[s], k, m) for s, k, m in findings(stem)]
    have = [(r[0], r[1], r[3]) for r in rows]
    check("%s.xlsx findings sheet (%d)" % (stem, len(want)),
          have == want and (stem != "city-2021-bad" or len(want) >= 5),
          "have %s want %s" % (have[:2], want[:2]))

    if stem.startswith("hostile"):
        cv = wb["封面"]
        agency = '岚川市<审计>&"统计"局\'办\''
        check("%s.xlsx text intact" % stem,
              cv["A1"].value == agency + "2021年政府信息公开工作年度报告"
              and cv["B3"].value == agency,
              "%r %r" % (cv["A1"].value, cv["B3"].value))
done()
