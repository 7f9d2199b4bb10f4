#!/usr/bin/python3
"""compare.py IMPORTED.yaml EXPECT.json: every cell and section text of the
imported report as expected (and the cover fields the expectation names).
Prints each difference; exit 1 when there is one."""
import json
import sys
import yaml

got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
exp = json.load(open(sys.argv[2], encoding="utf-8"))
bad = []
if got["form"] != exp["form"]:
    bad.append("form: %s, expected %s" % (got["form"], exp["form"]))
for key, want in exp["cells"].items():
    t, r, c = key.split(".")
    v = got["tables"].get(t, {}).get(r, {}).get(c)
    v = "" if v is None else str(v)
    if v != want:
        bad.append("%s: %r, expected %r" % (key, v, want))
for sid, want in exp["text"].items():
    if (got["text"].get(sid) or "") != want:
        bad.append("text.%s: %r, expected %r" % (sid, (got["text"].get(sid) or "")[:80], want[:80]))
for k, want in exp.get("cover", {}).items():
    v = got["cover"].get(k)
    if (v or "") != (want or ""):
        bad.append("cover.%s: %r, expected %r" % (k, v, want))
for b in bad[:20]:
    print("  " + b)
sys.exit(1 if bad else 0)
