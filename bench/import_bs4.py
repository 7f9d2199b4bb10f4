#!/usr/bin/python3
"""The benchmark peer of `nianbao import`: the same extraction in Python
with BeautifulSoup over lxml. For each page: decode (UTF-8, else GB18030),
parse, read the cells of every table in order and the paragraphs, place the
cells by the template's grid (labels normalised and compared, figures
parsed), the prose under its headings, and write a report file.

    import_bs4.py OUTDIR PAGE..."""
import difflib
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests", "import"))
import yaml  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
import nbform  # noqa: E402

FORMS = nbform.load_forms()
FDEFS = {}
for fid in FORMS:
    FDEFS[fid] = yaml.safe_load(open(os.path.join(nbform.FORMS_DIR, fid + ".yaml"), encoding="utf-8"))


def norm(s):
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s).replace("、", ".").replace("“", "").replace("”", "")
    return s.lower()


def depth_nodes(axis):
    out = []

    def walk(n, d):
        out.append((n, d))
        for c in n.children:
            walk(c, d + 1)
    for n in axis.top:
        walk(n, 0)
    return out


def grid(fid):
    """The flattened layout: (kind, label or cell key) in reading order."""
    form, fy = FORMS[fid], FDEFS[fid]
    tdefs = {t["id"]: t for t in fy["tables"]}
    seq = []
    for s in fy["sections"]:
        ts = [t for t in form.table_list if t.id in s.get("tables", [])]
        for t in ts:
            L = 0 if (len(t.rows.leaves) == 1 and not t.rows.leaves[0].label) else \
                max(d for _, d in depth_nodes(t.rows)) + 1
            H = max(d for _, d in depth_nodes(t.cols)) + 1
            if len(ts) > 1:
                seq.append(("label", tdefs[t.id].get("title")))
            heads = [[] for _ in range(H)]
            for n, d in depth_nodes(t.cols):
                heads[d].append(("label", n.label))
            if L:
                heads[0].insert(0, ("corner", tdefs[t.id].get("corner", "")))
            for h in heads:
                seq += h
            rn = depth_nodes(t.rows) if L else []
            for r in t.rows.leaves:
                seq += [("label", n.label) for n, d in rn if n.leaves[0] is r]
                seq += [("value", (t.id, r.id, c.id, c.vtype)) for c in t.cols.leaves]
    return seq


GRIDS = {fid: grid(fid) for fid in FORMS}


def same(a, b):
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def value(s):
    s = s.strip()
    if s in ("", "/", "-", "—", "－", "／"):
        return None
    s2 = unicodedata.normalize("NFKC", s).replace(",", "")
    if re.fullmatch(r"[+-]?\d+", s2):
        return int(s2)
    if re.fullmatch(r"\d+(\.\d+)?(元|万元)?", s2):
        return s2
    raise ValueError("not a figure: %r" % s)


def one(path, outdir):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    soup = BeautifulSoup(text, "lxml")
    cells = [c.get_text(" ", strip=True) for c in soup.find_all(["td", "th"])]
    paras = [p.get_text("", strip=True) for p in soup.find_all("p")]
    ncells = [norm(c) for c in cells]
    best = max(FORMS, key=lambda fid: sum(1 for k, l in GRIDS[fid] if k == "label" and norm(l) in ncells))
    form, seq = FORMS[best], GRIDS[best]
    tables = {}
    i = 0
    for kind, what in seq:
        if kind == "value":
            t, r, c, vt = what
            v = value(cells[i])
            if vt == "money" and v is not None:
                v = str(v)
            tables.setdefault(t, {}).setdefault(r, {})[c] = v
            i += 1
            continue
        while i < len(cells) and not ncells[i]:
            i += 1
        if kind == "corner" or same(ncells[i], norm(what)):
            i += 1
            continue
        raise ValueError("%s: cell %d: expected %s, found %s" % (path, i, what, cells[i]))
    heads = {s["number"]: s["id"] for s in FDEFS[best]["sections"]}
    text_of, cur, pre = {}, None, []
    for p in paras:
        m = re.match(r"([一二三四五六])、", p)
        if m and heads.get(m.group(1)) and (cur is None or heads[m.group(1)] >= cur):
            cur = heads[m.group(1)]
            text_of.setdefault(cur, [])
            continue
        if p.strip():
            (text_of[cur] if cur else pre).append(p)
    title = pre[0] if pre else ""
    m = re.match(r"(.*?)(\d{4})年", title)
    rep = {"cover": {"agency": m.group(1) if m else "", "year": int(m.group(2)) if m else None,
                     "preamble": "\n".join(pre[1:]) + "\n" if len(pre) > 1 else ""},
           "text": {k: "".join(l + "\n" for l in v) for k, v in text_of.items()},
           "tables": tables}
    base = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(outdir, base + ".yaml"), "wb") as f:
        f.write(nbform.dump_report(form, rep))


def main():
    for p in sys.argv[2:]:
        one(p, sys.argv[1])


main()
