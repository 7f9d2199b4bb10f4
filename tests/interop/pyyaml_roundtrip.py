#!/usr/bin/python3
"""Do other YAML readers see in nianbao's files what nianbao sees?

For each sample report (sample-data/*.yaml), its `nianbao fmt` rewrite, and
a generated report filled with awkward values (written by PyYAML, as a
hand-edited file would be, then rewritten by `nianbao fmt`), load the file
with PyYAML (yaml.safe_load) and compare every cell with `nianbao cells`:
cell t3.new.natural is data['tables']['t3']['new']['natural']; a blank cell
is None; a count is an int; money is a string equal to the cells output.
Texts (data['cover'][id], data['text'][id]) are compared with the values
generated, and between a file and its rewrite. The same checks run with
js-yaml when `node` and js-yaml (npm install --prefix /tmp/jsy js-yaml, or
$JSYAML_DIR) are there; otherwise they are skipped with a message.

Usage: tests/interop/pyyaml_roundtrip.py   (NIANBAO=path/to/nianbao)
The last line is "N passed, N failed"; the exit status is 1 on failure.
"""
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NIANBAO = os.environ.get("NIANBAO", os.path.join(TOP, "nianbao"))
JSYAML_DIR = os.environ.get("JSYAML_DIR", "/tmp/jsy")
JS_SAFE = 2 ** 53

passed = 0
failed = 0
notes = []


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        if failed <= 40:
            print("FAIL:", what)


def run(*args):
    p = subprocess.run([NIANBAO, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def cells(path):
    """{id: value text} from `nianbao cells`."""
    rc, out, err = run("cells", path)
    if rc != 0:
        raise RuntimeError("nianbao cells %s: %s" % (path, err.strip()))
    res = {}
    for line in out.splitlines():
        cid, _path, val = line.split("\t")
        res[cid] = val
    return res


def form_types():
    """{form id: ({(table, col): type, units}, {field: kind})} from forms/*.yaml."""
    res = {}
    for path in glob.glob(os.path.join(TOP, "forms", "*.yaml")):
        with open(path, encoding="utf-8") as f:
            form = yaml.safe_load(f)
        cols = {}

        def walk(nodes, tid):
            for n in nodes:
                if n.get("children"):
                    walk(n["children"], tid)
                else:
                    cols[(tid, n["id"])] = (n.get("type", "count"), n.get("units") or [])

        for t in form["tables"]:
            walk(t["columns"], t["id"])
        kinds = {fd["id"]: fd.get("kind", "line") for fd in form["fields"]}
        res[form["id"]] = (cols, kinds)
    return res


def lookup(data, cid):
    t, r, c = cid.split(".")
    try:
        return True, data["tables"][t][r][c]
    except (KeyError, TypeError):
        return False, None


def compare_cells(data, path, reader, expected=None):
    """Every cell of `nianbao cells path` against the data a reader loaded."""
    for cid, val in cells(path).items():
        found, v = lookup(data, cid)
        what = "%s %s: %s" % (reader, os.path.basename(path), cid)
        if not found:
            ok(False, what + ": missing")
            continue
        if val == "":
            ok(v is None, what + ": blank, reader has %r" % (v,))
        elif isinstance(v, bool):
            ok(False, what + ": reader has a boolean %r for %r" % (v, val))
        elif isinstance(v, int) or isinstance(v, float):
            if reader == "js-yaml" and abs(int(v)) >= JS_SAFE:
                notes.append(cid + " " + path)
                continue
            ok(isinstance(v, int) and str(v) == val,
               what + ": count %r, reader has %r" % (val, v))
        else:
            ok(isinstance(v, str) and v == val, what + ": %r, reader has %r" % (val, v))
        if expected is not None and cid in expected:
            ok(val == expected[cid], what + ": generated %r, nianbao has %r"
               % (expected[cid], val))


def texts(data):
    res = {}
    for sec in ("cover", "text"):
        for k, v in ((data or {}).get(sec) or {}).items():
            res["%s.%s" % (sec, k)] = v
    return res


def norm_text(v):
    """A text as nianbao stores it: None is "", a year is its digits."""
    if v is None:
        return ""
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return v


def compare_texts(a, b, reader, what, b_is_expected=False):
    ta, tb = texts(a), texts(b)
    for k, v in tb.items():
        want = norm_text(v)
        if b_is_expected:
            want = want.replace("\r\n", "\n").replace("\r", "\n").replace("\u0085", "\n")
        ok(k in ta and norm_text(ta[k]) == want,
           "%s %s: %s: %r, reader has %r" % (reader, what, k, want, ta.get(k)))


AWKWARD = [
    "no", "yes", "on", "off", "012", "0x1F", "1e3", ".inf", "~", "null", "true",
    "2021-01-01", "12:30", '"quoted"', "it's", "a: b", "- x", "# not a comment",
    "  leading spaces", "trailing spaces  ", "tab\there", "multi\nline\n",
    "no final newline\nsecond line", "中文（全角）、标点…——“引号”", "\u3000全角空格开头",
    "emoji 😀 𠀀", "...", "---", "line\n\n\nblank lines\n\n", "back\\slash",
    "{[flow]}, &anchor *alias !tag | >", "windows\r\nline ends\r\n", "old mac\rline",
    "\u0085next line", "\u2028line separator", "\ufeffbom inside", "x" * 3000,
    "\x01control\x7f", "%YAML", "@at `tick`", " ", "\n", "\n\nstarts with blank lines",
    "ends with spaces on a line  \nnext", "    indented block\n  less\n",
]


def generate(form_id, year, types, rng, tmp):
    """A report filled by PyYAML; returns (path, expected cells, data)."""
    blank = os.path.join(tmp, "blank-%s.yaml" % form_id)
    rc, _o, err = run("new", "--form", form_id, "--year", str(year), "--force", blank)
    if rc != 0:
        raise RuntimeError("nianbao new: " + err)
    with open(blank, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    cols, kinds = types[form_id]
    expected = {}
    i = 0
    for tid, rows in data["tables"].items():
        for rid, row in rows.items():
            for cid in row:
                typ, units = cols[(tid, cid)]
                k = rng.randrange(10)
                key = "%s.%s.%s" % (tid, rid, cid)
                if k == 0:
                    v, e = None, ""
                elif typ == "money":
                    n = rng.choice(["0", "12.50", "96171.6", "0.000001",
                                    "999999999999999999", "73802895.90", "5"])
                    u = rng.choice([""] + units)
                    v = e = n + u
                else:
                    n = rng.choice([0, 1, 7, 120, 65536, 2 ** 31, 2 ** 53 - 1] * 6 +
                                   [2 ** 53 + 1, 2 ** 63 - 1])
                    if typ == "signed" and rng.randrange(2):
                        n = -n
                    v, e = n, str(n)
                row[cid] = v
                expected[key] = e
                i += 1
    want_texts = {}
    for sec in ("cover", "text"):
        for fid in data[sec]:
            if kinds.get(fid) == "year":
                data[sec][fid] = year
                continue
            data[sec][fid] = AWKWARD[rng.randrange(len(AWKWARD))]
    path = os.path.join(tmp, "filled-%s.yaml" % form_id)
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(data, f, allow_unicode=True, sort_keys=False, explicit_end=True)
    # What the texts mean is what a YAML reader reads back (a raw NEL inside
    # a quoted scalar is a folded line break, not a character).
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return path, expected, data


def js_loader():
    node = shutil.which("node")
    mod = os.path.join(JSYAML_DIR, "node_modules", "js-yaml")
    if not node:
        print("js-yaml: skipped (no node)")
        return None
    if not os.path.isdir(mod):
        print("js-yaml: skipped (not installed; npm install --prefix %s js-yaml)" % JSYAML_DIR)
        return None
    script = ("const y=require(%s);const fs=require('fs');"
              "process.stdout.write(JSON.stringify(y.load(fs.readFileSync(process.argv[1],'utf8'))));"
              % json.dumps(mod))

    def load(path):
        p = subprocess.run([node, "-e", script, path], capture_output=True)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode("utf-8", "replace"))
        return json.loads(p.stdout.decode("utf-8"))
    return load


def main():
    if not os.access(NIANBAO, os.X_OK):
        print("no nianbao at %s (build it, or set NIANBAO)" % NIANBAO)
        print("0 passed, 1 failed")
        return 1
    readers = [("PyYAML", lambda p: yaml.safe_load(open(p, encoding="utf-8")))]
    js = js_loader()
    if js:
        readers.append(("js-yaml", js))
    types = form_types()
    rng = random.Random(20240601)
    tmp = tempfile.mkdtemp(prefix="nb-interop-")
    try:
        files = []  # (path as given, its nianbao rewrite, expected cells, generated data)
        for s in sorted(glob.glob(os.path.join(TOP, "sample-data", "*.yaml"))):
            files.append((s, None, None))
        for form_id, year in (("gk2021", 2021), ("gk2019", 2019)):
            path, exp, data = generate(form_id, year, types, rng, tmp)
            files.append((path, exp, data))
        for src, exp, gen in files:
            rc, out, err = run("fmt", src)
            ok(rc == 0, "nianbao fmt %s: %s" % (os.path.basename(src), err.strip()))
            if rc != 0:
                continue
            fmt = os.path.join(tmp, "fmt-" + os.path.basename(src))
            with open(fmt, "w", encoding="utf-8") as f:
                f.write(out)
            # A file nianbao wrote (a sample) reads back byte for byte.
            if gen is None:
                with open(src, encoding="utf-8") as f:
                    ok(f.read() == out, "%s: nianbao fmt changes a file nianbao wrote"
                       % os.path.basename(src))
            for name, load in readers:
                try:
                    d_fmt = load(fmt)
                except Exception as e:  # a reader refusing nianbao's output
                    ok(False, "%s cannot read nianbao's %s: %s" % (name, fmt, e))
                    continue
                compare_cells(d_fmt, fmt, name, exp)
                if gen is not None:
                    compare_texts(d_fmt, gen, name, os.path.basename(fmt), True)
                else:
                    d_src = load(src)
                    compare_cells(d_src, src, name)
                    compare_texts(d_fmt, d_src, name, os.path.basename(src))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if notes:
        print("note: js-yaml: %d counts past 2^53 not compared (a JavaScript number "
              "cannot hold them exactly)" % len(notes))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
