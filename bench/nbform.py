# Form files and report files in Python, for the benchmark peer, the bench
# generator and the sample-data generator. Mirrors man/nianbao-form.5 and
# man/nianbao-report.5; uses PyYAML with libyaml (CSafeLoader / CEmitter) so
# the bytes written are libyaml's, like nianbao's own writer.
import os
import re
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
FORMS_DIR = os.path.join(os.path.dirname(HERE), "forms")


class Node:
    __slots__ = ("id", "label", "children", "leaves", "vtype", "units")

    def __init__(self, d, vtype="count"):
        self.id = d["id"]
        self.label = d.get("label", "")
        self.vtype = d.get("type", vtype)
        self.units = d.get("units", [])
        self.children = [Node(c, self.vtype) for c in d.get("children", [])]
        if self.children:
            self.leaves = [l for c in self.children for l in c.leaves]
        else:
            self.leaves = [self]


class Axis:
    def __init__(self, lst):
        self.top = [Node(d) for d in lst]
        self.leaves = [l for n in self.top for l in n.leaves]
        self.nodes = {}

        def walk(n):
            self.nodes[n.id] = n
            for c in n.children:
                walk(c)
        for n in self.top:
            walk(n)


class Table:
    def __init__(self, d):
        self.id = d["id"]
        self.name = d.get("name", self.id)
        self.rows = Axis(d["rows"])
        self.cols = Axis(d["columns"])


TERM_RE = re.compile(r"\s*([+-])?\s*(last\.)?([A-Za-z_][A-Za-z0-9_]*)\s*")


def parse_side(s):
    terms = []
    pos = 0
    first = True
    while pos < len(s):
        m = TERM_RE.match(s, pos)
        if not m or m.end() == pos:
            raise ValueError("bad rule side: %r" % s)
        sign = m.group(1)
        if sign is None and not first:
            raise ValueError("missing operator in %r" % s)
        terms.append((-1 if sign == "-" else 1, bool(m.group(2)), m.group(3)))
        first = False
        pos = m.end()
    return terms


class Rule:
    def __init__(self, d, tables):
        self.id = d["id"]
        self.table = tables[d["table"]]
        self.each = d["each"]
        self.severity = d.get("severity", "error")
        self.derive = bool(d.get("derive", False))
        self.text = d["rule"]
        lhs, rhs = d["rule"].split("=")
        self.lhs = parse_side(lhs)
        self.rhs = parse_side(rhs)
        self.needs_last = any(t[1] for t in self.lhs + self.rhs)
        # names are nodes of the other axis
        other = self.table.cols if self.each == "row" else self.table.rows
        for _, _, name in self.lhs + self.rhs:
            if name not in other.nodes:
                raise ValueError("rule %s: no %s" % (self.id, name))
        self.other = other


class Form:
    def __init__(self, path):
        with open(path, "rb") as f:
            d = yaml.load(f, Loader=yaml.CSafeLoader)
        self.path = path
        self.id = d["id"]
        self.title = d.get("title", "")
        self.years = d.get("years", {})
        self.fields = d["fields"]
        self.sections = d["sections"]
        self.table_list = [Table(t) for t in d["tables"]]
        self.tables = {t.id: t for t in self.table_list}
        self.rules = [Rule(r, self.tables) for r in d.get("rules", [])]
        # text slots: cover fields, then the prose of each section with text
        self.cover_ids = [f["id"] for f in self.fields]
        self.kinds = {f["id"]: f.get("kind", "line") for f in self.fields}
        self.section_ids = [s["id"] for s in self.sections
                            if s.get("text", "optional") != "none"]


def load_forms(dirs=None):
    forms = {}
    for d in [FORMS_DIR] + list(dirs or []):
        for name in sorted(os.listdir(d)):
            if name.endswith(".yaml"):
                f = Form(os.path.join(d, name))
                forms[f.id] = f
    return forms


# ---------------------------------------------------------------------------
# Writing: build the event stream with explicit styles and let libyaml's
# emitter (CEmitter) lay it out with the settings of src/report_yaml.c:
# unicode, indent 2, width -1 (no folding), "\n" line breaks.

E = yaml.events


def _key(k):
    return E.ScalarEvent(None, None, (True, True), k, style=None)


def _plain(v):
    return E.ScalarEvent(None, None, (True, True), v, style=None)


def _dq(v):
    return E.ScalarEvent(None, None, (True, True), v, style='"')


def _text(v):
    if v == "":
        return _dq("")
    return E.ScalarEvent(None, None, (True, True), v, style="|")


def _cell(v, vtype):
    if v is None:
        return _plain("~")
    if vtype == "money":
        return _dq(str(v))
    return _plain(str(int(v)))


def report_events(form, rep):
    """rep: {'cover': {id: value}, 'text': {id: str},
    'tables': {tid: {rid: {cid: value}}}}; year is an int or None."""
    ev = [E.StreamStartEvent(encoding="utf-8"),
          E.DocumentStartEvent(explicit=False),
          E.MappingStartEvent(None, None, True, flow_style=False)]
    ev += [_key("nianbao_report"), _plain("1"), _key("form"), _plain(form.id)]
    ev += [_key("cover"), E.MappingStartEvent(None, None, True, flow_style=False)]
    for fid in form.cover_ids:
        v = rep["cover"].get(fid)
        kind = form.kinds[fid]
        ev.append(_key(fid))
        if kind == "year":
            ev.append(_plain("~" if v is None else str(v)))
        elif kind == "text":
            ev.append(_text(v or ""))
        else:
            ev.append(_dq(v or ""))
    ev.append(E.MappingEndEvent())
    ev += [_key("text"), E.MappingStartEvent(None, None, True, flow_style=False)]
    for sid in form.section_ids:
        ev += [_key(sid), _text(rep["text"].get(sid, ""))]
    ev.append(E.MappingEndEvent())
    ev += [_key("tables"), E.MappingStartEvent(None, None, True, flow_style=False)]
    for t in form.table_list:
        tv = rep["tables"].get(t.id, {})
        ev += [_key(t.id), E.MappingStartEvent(None, None, True, flow_style=False)]
        for r in t.rows.leaves:
            rv = tv.get(r.id, {})
            ev += [_key(r.id), E.MappingStartEvent(None, None, True, flow_style=False)]
            for c in t.cols.leaves:
                ev += [_key(c.id), _cell(rv.get(c.id), c.vtype)]
            ev.append(E.MappingEndEvent())
        ev.append(E.MappingEndEvent())
    ev.append(E.MappingEndEvent())
    ev += [E.MappingEndEvent(), E.DocumentEndEvent(explicit=True),
           E.StreamEndEvent()]
    return ev


def dump_report(form, rep, width=-1):
    kw = dict(Dumper=yaml.CDumper, allow_unicode=True)
    if width is not None:
        kw["width"] = width
    s = yaml.emit(report_events(form, rep), **kw)
    return s.encode("utf-8") if isinstance(s, str) else s


# ---------------------------------------------------------------------------
# Arithmetic (rules 1-4 and the form's derive rules) on plain dicts of
# tables: {tid: {rid: {cid: int|str|None}}}.

def as_int(v):
    """Blank counts as 0 in arithmetic; money is not summed by any rule."""
    if v is None:
        return 0
    return v


def side_sum(rule, terms, tv, lastv, leaf):
    """Sum of one side of `rule` at `leaf` (a row id when each=row, else a
    column id); tv/lastv map rid -> cid -> value."""
    total = 0
    for sign, last, name in terms:
        src = lastv if last else tv
        for l in rule.other.nodes[name].leaves:
            if rule.each == "row":
                v = src.get(leaf, {}).get(l.id)
            else:
                v = src.get(l.id, {}).get(leaf)
            total += sign * as_int(v)
    return total


def derive(form, tables):
    """Fill every computed cell (derive rules: left side one leaf)."""
    for rule in form.rules:
        if not rule.derive:
            continue
        t = rule.table
        tv = tables.setdefault(t.id, {})
        (_, _, lname), = rule.lhs
        target = rule.other.nodes[lname].leaves[0].id
        each = t.rows.leaves if rule.each == "row" else t.cols.leaves
        for n in each:
            s = side_sum(rule, rule.rhs, tv, None, n.id)
            if rule.each == "row":
                tv.setdefault(n.id, {})[target] = s
            else:
                tv.setdefault(target, {})[n.id] = s
