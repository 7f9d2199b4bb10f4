#!/usr/bin/python3
"""Checks of an exported HTML page, as its readers see it.

  check_html.py markup PAGE         strict HTML5 parse (html5lib), and self-
                                    contained: no script, no external resource
  check_html.py dom DOM CELLS       every figure of `nianbao cells` is in the
                                    DOM (Chromium --dump-dom) in its table cell:
                                    row and column resolved through rowspans
                                    and colspans, named by the headers above
                                    and left of it; no value cell unaccounted
  check_html.py pdftext TEXT CELLS  every non-blank figure is in the text of
                                    the printed PDF (pdftotext)
  check_html.py prose DOM EXPECTED  every line of EXPECTED is the text of one
                                    <p> (or the <h1>) of the DOM

Prints what is wrong and exits 1; exits 0 silently when all is well.
"""
import re
import sys

import html5lib


def parse(path, strict=False):
    with open(path, 'rb') as f:
        data = f.read()
    p = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=False)
    return p.parse(data, transport_encoding='utf-8')


def text(el):
    return ''.join(el.itertext()).strip()


def read_cells(path):
    cells = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            cid, lpath, val = line.rstrip('\n').split('\t')
            cells.append((cid, lpath, val))
    return cells


def markup(page):
    bad = []
    try:
        doc = parse(page, strict=True)
    except Exception as e:  # html5lib raises ParseError with the position
        return ['%s: not well-formed HTML5: %s' % (page, e)]
    for el in doc.iter():
        if el.tag in ('script', 'link', 'iframe', 'img', 'object', 'embed'):
            bad.append('%s: <%s> in a self-contained page' % (page, el.tag))
        for a in ('src', 'href'):
            if el.get(a) is not None:
                bad.append('%s: <%s %s=...>: an external resource' % (page, el.tag, a))
    with open(page, encoding='utf-8') as f:
        if re.search(r'url\(|@import', f.read()):
            bad.append('%s: the style sheet loads something' % page)
    return bad


def grid(table):
    """[(row, col) -> cell element], nrows, ncols: the table's slots."""
    slots = {}
    rows = [tr for tr in table.iter('tr')]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if cell.tag not in ('td', 'th'):
                continue
            while (r, c) in slots:
                c += 1
            rs = int(cell.get('rowspan', '1'))
            cs = int(cell.get('colspan', '1'))
            for i in range(r, r + rs):
                for k in range(c, c + cs):
                    if (i, k) in slots:
                        raise ValueError('cells overlap at row %d column %d' % (i, k))
                    slots[(i, k)] = cell
            c += cs
    nrows = len(rows)
    ncols = max(k for (_, k) in slots) + 1 if slots else 0
    for r in range(nrows):
        for k in range(ncols):
            if (r, k) not in slots:
                raise ValueError('row %d column %d covered by no cell' % (r, k))
    return slots, nrows, ncols


def chains(slots, nrows, ncols):
    """For every value cell: (element, ordered header texts naming it)."""
    header_row = [all(slots[(r, k)].tag == 'th' for k in range(ncols)) for r in range(nrows)]
    out = []
    seen = set()
    for r in range(nrows):
        for c in range(ncols):
            td = slots[(r, c)]
            if td.tag != 'td' or id(td) in seen:
                continue
            seen.add(id(td))
            # The headers of a value row are the nearest block of header
            # rows above it (each stacked table of 表二 has its own).
            above = []
            i = r - 1
            while i >= 0 and not header_row[i]:
                i -= 1
            while i >= 0 and header_row[i]:
                h = slots[(i, c)]
                if not above or above[0] is not h:
                    above.insert(0, h)
                i -= 1
            left = []
            for k in range(c):
                h = slots[(r, k)]
                if h.tag == 'th' and (not left or left[-1] is not h):
                    left.append(h)
            # A title spanning the whole table, then the row labels, then
            # the column labels: the order of `nianbao cells` label paths.
            full = [h for h in above if int(h.get('colspan', '1')) == ncols]
            cols = [h for h in above if h not in full]
            out.append((td, [text(h) for h in full + left + cols]))
    return out


def names(path, chain):
    """Whether the label path is the chain with some headers left out (those
    the form does not print in paths, such as 申请人情况)."""
    rest = path
    for h in chain:
        if rest == h:
            return True
        if rest.startswith(h + '/'):
            rest = rest[len(h) + 1:]
    return rest == ''


def dom(dompath, cellspath):
    doc = parse(dompath)
    cells = read_cells(cellspath)
    bad = []
    by_section = {}
    for sec in doc.iter('section'):
        h2 = sec.find('h2')
        if h2 is None:
            continue
        vals = []
        for table in sec.iter('table'):
            try:
                slots, nrows, ncols = grid(table)
            except ValueError as e:
                bad.append('%s: a table of %s: %s' % (dompath, text(h2), e))
                continue
            vals += chains(slots, nrows, ncols)
        by_section[text(h2)] = vals
    used = set()
    for cid, lpath, val in cells:
        num, _, rest = lpath.partition('/')
        heads = [h for h in by_section if h.startswith(num + '、')]
        if len(heads) != 1:
            bad.append('%s: %s: no section %s' % (dompath, cid, num))
            continue
        hits = [(td, ch) for td, ch in by_section[heads[0]] if names(rest, ch)]
        if len(hits) != 1:
            bad.append('%s: %s (%s): %d table cells carry these headers, not 1' %
                       (dompath, cid, lpath, len(hits)))
            continue
        td, ch = hits[0]
        used.add(id(td))
        if text(td) != val:
            bad.append('%s: %s (%s): the cell shows "%s", the report has "%s"' %
                       (dompath, cid, lpath, text(td), val))
    for h, vals in by_section.items():
        for td, ch in vals:
            if id(td) not in used:
                bad.append('%s: %s: a value cell under %s is no cell of the report' %
                           (dompath, h, '/'.join(ch)))
    if not cells:
        bad.append('%s: no cells given' % cellspath)
    return bad


def pdftext(textpath, cellspath):
    with open(textpath, encoding='utf-8') as f:
        words = set(f.read().split())
    bad = []
    for cid, lpath, val in read_cells(cellspath):
        if val and val not in words:
            bad.append('%s: %s (%s) = %s is not in the printed text' % (textpath, cid, lpath, val))
    return bad


def prose(dompath, expected):
    doc = parse(dompath)
    paras = [text(p) for p in doc.iter('p')] + [text(h) for h in doc.iter('h1')]
    paras += [text(t) for t in doc.iter('title')]
    bad = []
    with open(expected, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line and line not in paras:
                bad.append('%s: no paragraph reads %r' % (dompath, line))
    return bad


def main(argv):
    cmds = {'markup': (markup, 1), 'dom': (dom, 2), 'pdftext': (pdftext, 2), 'prose': (prose, 2)}
    if len(argv) < 2 or argv[1] not in cmds or len(argv) != 2 + cmds[argv[1]][1]:
        print(__doc__, file=sys.stderr)
        return 64
    fn, _ = cmds[argv[1]]
    bad = fn(*argv[2:])
    for b in bad[:20]:
        print(b)
    if len(bad) > 20:
        print('... and %d more' % (len(bad) - 20))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
