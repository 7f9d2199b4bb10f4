#!/usr/bin/python3
# The peer of `nianbao sum` for bench/review.sh: the same sums with PyYAML's
# C loader. Reads every file, hashes it (SHA-256), adds every table cell
# (int for counts, Decimal for money, so both are exact), counts blanks, and
# writes the totals as YAML with the C dumper. It does not check the rules
# nor derive totals, which nianbao does on top: the comparison favours it.
# Usage: sum_reports.py OUT FILE...
import decimal
import hashlib
import sys

import yaml


def main():
    out, files = sys.argv[1], sys.argv[2:]
    sums, blank, inputs = {}, {}, []
    form = None
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        d = yaml.load(data, Loader=yaml.CSafeLoader)
        if form is None:
            form = d["form"]
        elif d["form"] != form:
            sys.exit("%s: layout %s, not %s" % (path, d["form"], form))
        inputs.append({"file": path, "agency": d["cover"]["agency"],
                       "sha256": hashlib.sha256(data).hexdigest()})
        for tid, rows in d["tables"].items():
            for rid, cols in rows.items():
                for cid, v in cols.items():
                    k = (tid, rid, cid)
                    if v is None:
                        blank[k] = blank.get(k, 0) + 1
                        continue
                    if isinstance(v, str):
                        v = decimal.Decimal(v.rstrip("元万"))
                    sums[k] = sums.get(k, 0) + v
    tables = {}
    for (t, r, c), v in sums.items():
        tables.setdefault(t, {}).setdefault(r, {})[c] = \
            str(v) if isinstance(v, decimal.Decimal) else v
    doc = {"form": form, "tables": tables, "rollup": {"inputs": inputs}}
    with open(out, "w") as f:
        yaml.dump(doc, f, Dumper=yaml.CDumper, allow_unicode=True)


main()
