#!/usr/bin/python3
"""The column a clerk reads off the screen: the header over the mark.

Reads a screen (tmux capture-pane -p) on stdin and prints the label of the
column marked with "^" under the headers, as the clerk reads it: the mark
stands under the column's figures, the label is centred over them on the
header lines right above, wrapped over one or two lines ("商业" / "企业"
prints 商业企业). A group's label on a rule ("──行政诉讼──") is not part
of it. Prints nothing when no column is marked, and "?" when more than
one is (a mark left behind by a move).
"""
import sys
import unicodedata

BLANKISH = set(" │|<>")
SEPARATORS = set(" ─│|")


def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cells(line):
    """(display column, character) of each character of line."""
    out, x = [], 0
    for ch in line:
        out.append((x, ch))
        x += width(ch)
    return out


def tokens(line):
    """Runs of label characters: [start, end, text, on_rule]."""
    out, cur, prev = [], None, " "
    for x, ch in cells(line) + [(10**6, " ")]:
        if ch in SEPARATORS:
            if cur:
                cur[3] = cur[3] or ch == "─"
                out.append(cur)
            cur = None
        elif cur is None:
            cur = [x, x + width(ch), ch, prev == "─"]
        else:
            cur[1] = x + width(ch)
            cur[2] += ch
        prev = ch
    return out


def main():
    lines = sys.stdin.read().split("\n")
    for i in range(1, len(lines)):
        line = lines[i]
        if "^" not in line or not set(line) <= BLANKISH | {"^"}:
            continue
        cs = cells(line)
        divider = [x for x, ch in cs if ch in "│|"]
        marks = [x for x, ch in cs if ch == "^" and (not divider or x > divider[0])]
        if not divider or not marks:
            continue
        if len(marks) > 1:
            print("?")
            return
        caret = marks[0]
        # The bottom line of the label ends at or before the column's
        # last figure, over which the mark stands.
        best = None
        for t in tokens(lines[i - 1]):
            if t[0] > divider[0] and t[1] <= caret + 2 and not t[3] and (best is None or t[1] > best[1]):
                best = t
        if not best:
            return
        label = best[2]
        # The lines above it: a token over the same columns, not a
        # group's label on a rule.
        for j in range(i - 2, max(i - 4, -1), -1):
            if (divider[0], "│") not in cells(lines[j]) and (divider[0], "|") not in cells(lines[j]):
                break  # above the table's header
            over = [t for t in tokens(lines[j]) if t[0] < best[1] and t[1] > best[0]]
            if len(over) != 1 or over[0][3]:
                break
            label = over[0][2] + label
        print(label)
        return


main()
