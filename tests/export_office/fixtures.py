#!/usr/bin/python3
"""Write the awkward reports the export tests read, into directory argv[1]:

hostile-2021.yaml  the 2021 sample whose agency and 二's prose hold quotes,
                   <, >, &, an entity-looking "&amp;", control characters,
                   a tab and U+FFFE, and whose 收费金额 has 18 digits (more
                   than a double holds);
money-2019.yaml    the 2019 seed with 采购总金额 "73802895.90元" (a unit and a
                   trailing zero to keep) and a negative 本年增/减.
"""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]


def rewrite(src, dst, pairs):
    with open(os.path.join(TOP, "sample-data", src), encoding="utf-8") as f:
        s = f.read()
    for a, b in pairs:
        if a not in s:
            sys.exit("fixtures.py: %s has no %r" % (src, a))
        s = s.replace(a, b, 1)
    with open(os.path.join(out, dst), "w", encoding="utf-8") as f:
        f.write(s)


rewrite("city-2021.yaml", "hostile-2021.yaml", [
    ('agency: "岚川市人民政府办公室"', 'agency: "岚川市<审计>&\\"统计\\"局\'办\'"'),
    ('  s2: ""', '  s2: "甲<乙>&丙\\"丁\'戊\\x01己\\x1f庚\\t辛&amp;壬\\uFFFE癸]]>"'),
    ('fees: "18651.06"', 'fees: "123456789012.345678"'),
])
rewrite("seed-2019.yaml", "money-2019.yaml", [
    ('amount: "0"', 'amount: "73802895.90元"'),
    ('change: 0', 'change: -18'),
])
