"""Shared by t_docx.py and t_xlsx.py: the report's cells as nianbao sees
them, and PASS/FAIL lines for tests/lib/runner.sh."""
import os
import subprocess
import sys

NIANBAO = os.environ.get("NIANBAO", "./nianbao")
WORK = os.environ["OFFICE_WORK"]      # exports and PDFs, made by run.sh
SAMPLES = os.environ["OFFICE_SAMPLES"].split()  # stems: WORK/STEM.yaml

failed = 0


def check(name, ok, why=""):
    global failed
    if ok:
        print("PASS %s" % name)
    else:
        failed += 1
        print("FAIL %s: %s" % (name, why))
    sys.stdout.flush()


def cells(stem):
    """[(id, section number, label path after it, value)] as `nianbao
    cells` prints them; the value as typed, "" for blank."""
    out = subprocess.run([NIANBAO, "cells", os.path.join(WORK, stem + ".yaml")],
                         check=True, capture_output=True).stdout.decode()
    rows = []
    for line in out.splitlines():
        cid, path, val = line.split("\t")
        sec, rest = path.split("/", 1)
        rows.append((cid, sec, rest, val))
    return rows


def findings(stem):
    """[(severity word, key, message)] of `nianbao check`."""
    r = subprocess.run([NIANBAO, "check", os.path.join(WORK, stem + ".yaml")],
                       capture_output=True)
    res = []
    prefix = os.path.join(WORK, stem + ".yaml") + ": "
    for line in r.stdout.decode().splitlines():
        if not line.startswith(prefix):
            continue
        key, sev, msg = line[len(prefix):].split(": ", 2)
        res.append((sev, key, msg))
    return res


def done():
    sys.exit(1 if failed else 0)
