#!/usr/bin/python3
# Peer (a) of `make bench`: what a reviewer's office would write with PyYAML
# (libyaml's C loader) to check many reports: load each file, validate keys
# and value types against its form, apply the form's rules (rules 1-5 of
# FORMATS.md: table 三 row totals, （七）总计 column sums, 一+二=（七）+四,
# table 四 totals, types and signs) and print every finding.
#
# Usage: check_reports.py [--forms DIR] [--last LAST.yaml] FILE...
# Exit status: 0 no error finding, 1 error findings, 2 a file did not load.
import os
import re
import sys

sys.dont_write_bytecode = True  # keep the work tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yaml  # noqa: E402
import nbform  # noqa: E402

LIMIT_FILE = 4 << 20
MONEY_RE = re.compile(r"^(\d+)(?:\.(\d+))?(.*)$")
YEAR_RE = re.compile(r"^\d{4}$")


class Bad(Exception):
    pass


def check_value(v, col, where):
    """Rule 5: counts are non-negative integers, signed may be negative,
    money is a non-negative exact decimal string with an allowed unit."""
    if v is None:
        return
    if col.vtype == "money":
        if not isinstance(v, str):
            raise Bad("%s: money must be a quoted decimal string" % where)
        m = MONEY_RE.match(v)
        if not m or (m.group(3) and m.group(3) not in col.units):
            raise Bad("%s: bad money value %r" % (where, v))
        if len(m.group(1)) + len(m.group(2) or "") > 18:
            raise Bad("%s: money value too long" % where)
        return
    if isinstance(v, bool) or not isinstance(v, int):
        raise Bad("%s: not an integer: %r" % (where, v))
    if v < 0 and col.vtype != "signed":
        raise Bad("%s: negative count %d" % (where, v))
    if not -(1 << 63) <= v < (1 << 63):
        raise Bad("%s: beyond 64 bits" % where)


def expect_map(v, where):
    if not isinstance(v, dict):
        raise Bad("%s: expected a mapping" % where)
    return v


def validate(forms, doc):
    """Returns (form, tables) or raises Bad."""
    doc = expect_map(doc, "document")
    allowed = {"nianbao_report", "form", "cover", "text", "tables"}
    for k in doc:
        if k not in allowed:
            raise Bad("unknown key %r" % (k,))
    if doc.get("nianbao_report") != 1:
        raise Bad("nianbao_report: unsupported version %r"
                  % (doc.get("nianbao_report"),))
    form = forms.get(doc.get("form"))
    if form is None:
        raise Bad("form: unknown form %r" % (doc.get("form"),))
    cover = expect_map(doc.get("cover") or {}, "cover")
    for k, v in cover.items():
        if k not in form.kinds:
            raise Bad("cover: unknown key %r" % (k,))
        if form.kinds[k] == "year":
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)
                                  or not YEAR_RE.match(str(v))):
                raise Bad("cover.%s: not a year" % k)
        elif not isinstance(v, str):
            raise Bad("cover.%s: not a string" % k)
    text = expect_map(doc.get("text") or {}, "text")
    for k, v in text.items():
        if k not in form.section_ids:
            raise Bad("text: unknown key %r" % (k,))
        if not isinstance(v, str):
            raise Bad("text.%s: not a string" % k)
    tables = expect_map(doc.get("tables") or {}, "tables")
    for tid, tv in tables.items():
        t = form.tables.get(tid)
        if t is None:
            raise Bad("tables: unknown table %r" % (tid,))
        tv = expect_map(tv, tid)
        rows = {r.id for r in t.rows.leaves}
        cols = {c.id: c for c in t.cols.leaves}
        for rid, rv in tv.items():
            if rid not in rows:
                raise Bad("%s: unknown row %r" % (tid, rid))
            rv = expect_map(rv, "%s.%s" % (tid, rid))
            for cid, v in rv.items():
                col = cols.get(cid)
                if col is None:
                    raise Bad("%s.%s: unknown column %r" % (tid, rid, cid))
                check_value(v, col, "%s.%s.%s" % (tid, rid, cid))
    return form, tables


def last_has(rule, last_form):
    """Can `rule` read last year's report? Its "last." terms must name nodes
    that last year's form has in the same table and axis (a gk2019 report
    has no 现行有效件数, so gk2021's t2-valid-count cannot use it)."""
    if last_form is None:
        return False
    lt = last_form.tables.get(rule.table.id)
    if lt is None:
        return False
    axis = lt.cols if rule.each == "row" else lt.rows
    mine = rule.other
    for _, last, name in rule.lhs + rule.rhs:
        if last and name not in axis.nodes:
            return False
        if last and ([l.id for l in axis.nodes[name].leaves]
                     != [l.id for l in mine.nodes[name].leaves]):
            return False
    return True


def check_rules(form, tables, last, severity, last_form=None):
    """Findings of the form's rules; rules reading last year need `last`."""
    out = []
    for rule in form.rules:
        if rule.severity != severity:
            continue
        if rule.needs_last and (last is None or not last_has(rule, last_form)):
            continue
        t = rule.table
        tv = tables.get(t.id, {})
        lv = (last or {}).get(t.id, {})
        each = t.rows.leaves if rule.each == "row" else t.cols.leaves
        lhs_leaf = rule.other.nodes[rule.lhs[0][2]].leaves[0].id
        for n in each:
            a = nbform.side_sum(rule, rule.lhs, tv, lv, n.id)
            b = nbform.side_sum(rule, rule.rhs, tv, lv, n.id)
            if a != b:
                if rule.each == "row":
                    cell = "%s.%s.%s" % (t.id, n.id, lhs_leaf)
                else:
                    cell = "%s.%s.%s" % (t.id, lhs_leaf, n.id)
                out.append({"rule": rule.id, "severity": rule.severity,
                            "where": "%s=%s" % (rule.each, n.id),
                            "cell": cell, "expected": b, "actual": a,
                            "text": rule.text})
    return out


def check_tables(form, tables, last=None):
    return check_rules(form, tables, last, "error")


def check_carry(form, tables, last, last_form):
    return check_rules(form, tables, last, "warning", last_form)


def load(path):
    with open(path, "rb") as f:
        data = f.read(LIMIT_FILE + 1)
    if len(data) > LIMIT_FILE:
        raise Bad("file larger than 4 MiB")
    # Truncation: the document must end with an explicit "..." line.
    if not data.endswith(b"\n...\n"):
        raise Bad("no document end marker '...' (truncated?)")
    try:
        return yaml.load(data, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as e:
        raise Bad(str(e).replace("\n", " "))


def main(argv):
    forms_dirs = []
    last_path = None
    files = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--forms":
            forms_dirs.append(argv[i + 1])
            i += 2
            continue
        if a == "--last":
            last_path = argv[i + 1]
            i += 2
            continue
        files.append(a)
        i += 1
    forms = nbform.load_forms(forms_dirs or
                              ([os.environ["NIANBAO_FORMS"]]
                               if os.environ.get("NIANBAO_FORMS") else []))
    last = last_form = None
    if last_path:
        try:
            last_form, last = validate(forms, load(last_path))
        except (Bad, OSError) as e:
            print("%s: %s" % (last_path, e))
            return 2
    status = 0
    w = sys.stdout.write
    for path in files:
        try:
            form, tables = validate(forms, load(path))
        except (Bad, OSError) as e:
            w("%s: error: %s\n" % (path, e))
            status = 2
            continue
        found = check_tables(form, tables)
        if last is not None:
            found += check_carry(form, tables, last, last_form)
        for fd in found:
            w("%s: %s: %s [%s] %s: %s gives %d, found %d\n"
              % (path, fd["severity"], fd["cell"], fd["rule"], fd["where"],
                 fd["text"], fd["expected"], fd["actual"]))
            if fd["severity"] == "error" and status == 0:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
