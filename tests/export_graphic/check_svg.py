#!/usr/bin/python3
"""The 图解 as an XML reader sees it. Prints PASS/FAIL lines."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import NIANBAO, make_cases, export  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
fails = 0


def check(name, ok, why=""):
    global fails
    if ok:
        print("PASS %s" % name)
    else:
        fails += 1
        print("FAIL %s: %s" % (name, why))


def cells(report):
    """id -> int (blank 0) from `nianbao cells`."""
    out = subprocess.run([NIANBAO, "cells", report], capture_output=True,
                         check=True).stdout.decode("utf-8")
    v = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("t"):
            v[parts[0]] = int(parts[2]) if re.fullmatch(r"-?\d+", parts[2]) else 0
    return v


def pct(part, whole):
    """The share as nianbao prints it: one decimal, half up, integers only."""
    if whole <= 0 or part < 0:
        return None
    t = (part * 1000 * 2 + whole) // (2 * whole)
    return "%d.%d%%" % (t // 10, t % 10)


def expected(v):
    """The figures (and shares) the picture must print."""
    def row(r):
        return sum(x for k, x in v.items()
                   if k.startswith("t3.") and k.endswith(".total") and
                   k.split(".")[1] in r)
    layout2021 = "t3.o_other.total" in v
    groups = {
        "granted": ["granted"], "partial": ["partial"],
        "withheld": ["w_secret", "w_law", "w_safety", "w_third", "w_internal",
                     "w_process", "w_enforce", "w_query"],
        "unable": ["u_none", "u_create", "u_unclear"],
        "declined": ["d_petition", "d_repeat", "d_published", "d_mass", "d_confirm"],
        "otherwise": ["o_nocorrect", "o_nofee", "o_other"] if layout2021 else ["otherwise"],
    }
    total = row(["result_total"])
    nxt = row(["next"])
    want = ["%d件" % row(["new"]), "%d件" % row(["carried"]), "%d件" % total,
            "%d件" % nxt]
    for g, leaves in groups.items():
        n = row(leaves)
        want.append("%d件" % n)
        p = pct(n, total)
        if p:
            want.append(p)
    p = pct(nxt, total + nxt)
    if p:
        want.append(p)
    for k, x in v.items():
        if k.startswith("t4.cases."):
            want.append(str(x))
    return want


def texts(root):
    """Every <text> element's whole text (tspans joined)."""
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def main():
    work = sys.argv[1]
    for name, report, last in make_cases(work):
        out = os.path.join(work, name + ".svg")
        rc, err = export(report, last, out)
        check(name + "/exit", rc == 0 and os.path.exists(out), "status %d: %s" % (rc, err))
        if rc != 0 or not os.path.exists(out):
            continue
        data = open(out, "rb").read()
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            check(name + "/well-formed", False, str(e))
            continue
        check(name + "/well-formed", root.tag == SVG + "svg", root.tag)
        # Self-contained: no script, no link to anything outside.
        bad = [e.tag for e in root.iter() if e.tag.endswith("script") or
               e.tag.endswith("image") or e.tag.endswith("foreignObject")]
        refs = re.findall(rb'(?:href|src)\s*=|url\((?!#)', data)
        check(name + "/self-contained", not bad and not refs, "%s %s" % (bad, refs))
        ff = root.get("font-family", "")
        check(name + "/fonts", all(f in ff for f in
                                   ("Noto Sans CJK SC", "黑体", "SimHei", "sans-serif")), ff)
        w, h = int(root.get("width")), int(root.get("height"))
        check(name + "/size", root.get("viewBox") == "0 0 %d %d" % (w, h) and h > 300,
              "%s %d %d" % (root.get("viewBox"), w, h))
        alltext = " ".join(texts(root))
        title = root.find(SVG + "title")
        check(name + "/title", title is not None and title.text.endswith("图解"),
              title.text if title is not None else "none")
        v = cells(report)
        missing = [x for x in expected(v) if x not in alltext]
        check(name + "/figures", not missing, "missing %s" % missing)
        # Labels come from the form: short forms of table 三's rows.
        for lab in ("予以公开", "部分公开", "结转下年度继续办理", "行政复议", "结果维持"):
            if lab not in alltext:
                check(name + "/labels", False, lab)
                break
        else:
            check(name + "/labels", True)
        # Numbers are printed, so grey levels and hatching carry no
        # meaning alone: every bar has a number beside it.
        rects = [r for r in root.iter(SVG + "rect") if r.get("fill", "").startswith("url(#")]
        check(name + "/patterns", len(rects) >= 2, "%d patterned shapes" % len(rects))
        if name == "city-2021-last":
            check(name + "/shares", "42.7%" in alltext and "24.3%" in alltext, alltext[:200])
            # last year: 2020's 243 new, 2021's 307: +64
            check(name + "/change", "比上年 +64" in alltext and "▲" in alltext, alltext[:300])
        if name == "hostile-title":
            t = title.text
            check(name + "/escaped", t.startswith("A&B <报告> \"引号\" '单' ") and
                  t.endswith("]]>年报图解") and
                  not any(ord(c) < 0x20 for c in t), repr(t))
        if name == "blank":
            check(name + "/zeros", "0件" in alltext and "%" not in alltext.replace("占比", ""),
                  alltext[:300])
    return 1 if fails else 0


sys.exit(main())
