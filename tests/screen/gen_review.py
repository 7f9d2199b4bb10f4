#!/usr/bin/python3
# Generates report files for the reviewer's screen tests from the samples:
# clean 2021 reports, reports with errors, pairs of one body in 2020 and
# 2021 under unrelated file names (every other pair's carried-over figure
# disagreeing with last year's), reports carrying a reviewer's comment, and
# unfinished reports (u000 with 2 blank cells, u001 with 5: zeros made
# blank, which warns but breaks no total).
# Deterministic. Usage: gen_review.py DIR N  (N >= 100)
# Prints the number of files with errors (pairs with a mismatch included).
import os
import sys

sys.dont_write_bytecode = True
top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLE = os.path.join(top, "sample-data")
AGENCY = "岚川市人民政府办公室"


def read(name):
    with open(os.path.join(SAMPLE, name), encoding="utf-8") as f:
        return f.read()


def write(d, name, text):
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    d, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(d, exist_ok=True)
    clean, bad, old = read("city-2021.yaml"), read("city-2021-bad.yaml"), read("city-2020.yaml")
    npair, nbad, ncomment = n // 15, n // 10, n // 15
    errors = 0
    k = 0
    for j in range(npair):
        a = "岚川市配对%02d局" % j
        write(d, "p%03d-old.yaml" % j, old.replace(AGENCY, a))
        cur = clean.replace(AGENCY, a)
        if j % 2 == 0:
            # 上年结转 no longer what last year carried forward.
            cur = cur.replace("    carried:\n      natural: 14\n", "    carried:\n      natural: 15\n", 1)
            errors += 1
        write(d, "x%03d-new.yaml" % j, cur)
        k += 2
    for j in range(nbad):
        write(d, "b%03d.yaml" % j, bad.replace(AGENCY, "岚川市有误%02d局" % j))
        errors += 1
        k += 1
    for j in range(ncomment):
        text = clean.replace(AGENCY, "岚川市意见%02d局" % j)
        body = ("comments:\n- target: \"t3\"\n  text: |-\n    请补充说明第%d项\n"
                "  author: \"审核员\"\n  time: \"2022-03-01T09:00:00+08:00\"\n"
                "  resolved: false\n...\n" % j)
        text = text[: text.rindex("...\n")] + body
        write(d, "c%03d.yaml" % j, text)
        k += 1
    for j, nblank in enumerate((2, 5)):
        text = clean.replace(AGENCY, "岚川市未完%02d局" % j)
        head, tail = text.split("    carried:\n", 1)
        tail = tail.replace(": 0\n", ": ~\n", nblank)
        write(d, "u%03d.yaml" % j, head + "    carried:\n" + tail)
        k += 1
    j = 0
    while k < n:
        write(d, "r%03d.yaml" % j, clean.replace(AGENCY, "岚川市正常%03d局" % j))
        j += 1
        k += 1
    print(errors)


main()
