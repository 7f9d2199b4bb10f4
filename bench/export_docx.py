#!/usr/bin/python3
# The benchmark peer of `nianbao export --format docx`: what an office would
# otherwise write, python-docx (Debian's python3-docx) over PyYAML with
# libyaml's C loader. For each report: the title, the opening, the six
# sections' headings and prose, and the three tables with the template's
# merges (表二's stacked sub-tables with their title rows, 表三's corner cell,
# column groups and row groups, 表四's two header levels), labels from the
# form files. One process for all files (Python's start-up paid once).
#
# Usage: export_docx.py OUTDIR REPORT...
import os
import sys

import yaml
from docx import Document

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbform  # noqa: E402


def depth(nodes):
    return max((1 + depth(n.children) for n in nodes), default=0)


def headers(nodes, d, total, at, out):
    """(row, col, rowspan, colspan, label) of each header cell of an axis
    laid out along `at` (its first leaf's position)."""
    for n in nodes:
        span = len(n.leaves)
        down = 1 if n.children else total - d
        out.append((d, at, down, span, n.label))
        headers(n.children, d + 1, total, at, out)
        at += span
    return out


def cell_text(v):
    return "" if v is None else str(v)


class Grid:
    """A docx table filled fast: python-docx's Table.cell() walks every cell
    on each call (quadratic for a 280-cell table), so the peer takes the
    cell list once before merging and once after, as a careful script
    would. Merges are disjoint rectangles, so the first list stays valid."""

    def __init__(self, doc, nrow, ncol):
        self.tbl = doc.add_table(rows=nrow, cols=ncol)
        self.tbl.style = "Table Grid"
        self.ncol = ncol
        self.cells = self.tbl._cells
        self.text = []

    def put(self, r, c, rs, cs, text):
        if rs > 1 or cs > 1:
            self.cells[r * self.ncol + c].merge(
                self.cells[(r + rs - 1) * self.ncol + c + cs - 1])
        self.text.append((r, c, text))

    def done(self):
        cells = self.tbl._cells
        for r, c, text in self.text:
            cells[r * self.ncol + c].text = text


def grid_table(doc, t, values, corner):
    """A table with merged header trees on both axes (表三, 表四)."""
    has_labels = any(n.label for n in t.rows.top)
    rd = depth(t.rows.top) if has_labels else 0
    cd = depth(t.cols.top)
    ncol, nrow = len(t.cols.leaves), len(t.rows.leaves)
    g = Grid(doc, cd + nrow, rd + ncol)
    if rd:
        g.put(0, 0, cd, rd, corner or "")
    for (d, at, down, span, lab) in headers(t.cols.top, 0, cd, 0, []):
        g.put(d, rd + at, down, span, lab)
    if rd:
        for (d, at, across, span, lab) in headers(t.rows.top, 0, rd, 0, []):
            g.put(cd + at, d, span, across, lab)
    tv = values.get(t.id, {})
    for i, r in enumerate(t.rows.leaves):
        row = tv.get(r.id, {})
        for j, c in enumerate(t.cols.leaves):
            g.put(cd + i, rd + j, 1, 1, cell_text(row.get(c.id)))
    g.done()


def stacked_table(doc, subs, values):
    """表二: sub-tables stacked, a title row each, narrower ones spanning."""
    width = 1 + max(len(t.cols.leaves) for t, _ in subs)
    nrows = sum(2 + len(t.rows.leaves) for t, _ in subs)
    g = Grid(doc, nrows, width)
    r = 0
    for t, d in subs:
        g.put(r, 0, 1, width, d.get("title") or t.name)
        r += 1
        n = len(t.cols.leaves)
        g.put(r, 0, 1, 1, d.get("corner", ""))
        for j, c in enumerate(t.cols.leaves):
            g.put(r, 1 + j, 1, (width - 1 - j) if j == n - 1 else 1, c.label)
        r += 1
        tv = values.get(t.id, {})
        for row in t.rows.leaves:
            g.put(r, 0, 1, 1, row.label)
            for j, c in enumerate(t.cols.leaves):
                g.put(r, 1 + j, 1, (width - 1 - j) if j == n - 1 else 1,
                    cell_text(tv.get(row.id, {}).get(c.id)))
            r += 1
    g.done()


def export(forms, raw, path, out):
    with open(path, "rb") as f:
        rep = yaml.load(f, Loader=yaml.CSafeLoader)
    form = forms[rep["form"]]
    d = raw[rep["form"]]
    tdefs = {t["id"]: t for t in d["tables"]}
    cover = rep.get("cover", {})
    text = rep.get("text", {})
    values = rep.get("tables", {})
    doc = Document()
    title = cover.get("title") or form.title.replace(
        "{agency}", str(cover.get("agency") or "")).replace(
        "{year}", str(cover.get("year") or ""))
    doc.add_heading(title, 0)
    for line in (cover.get("preamble") or "").splitlines():
        doc.add_paragraph(line)
    for s in form.sections:
        doc.add_heading(s["heading"], 1)
        for line in (text.get(s["id"]) or "").splitlines():
            doc.add_paragraph(line)
        ts = s.get("tables", [])
        if not ts:
            continue
        if len(ts) > 1:
            stacked_table(doc, [(form.tables[i], tdefs[i]) for i in ts], values)
        else:
            t = form.tables[ts[0]]
            grid_table(doc, t, values, tdefs[ts[0]].get("corner"))
    doc.save(out)


def main():
    outdir = sys.argv[1]
    forms = nbform.load_forms()
    raw = {}
    for fid, f in forms.items():
        with open(f.path, "rb") as fh:
            raw[fid] = yaml.load(fh, Loader=yaml.CSafeLoader)
    for p in sys.argv[2:]:
        name = os.path.splitext(os.path.basename(p))[0] + ".docx"
        export(forms, raw, p, os.path.join(outdir, name))


if __name__ == "__main__":
    main()
