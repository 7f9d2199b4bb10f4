#!/usr/bin/python3
"""The column a clerk reads off the screen: the header over the mark.

Reads a screen (tmux capture-pane -p) on stdin and prints the last line of
the label of the column marked with "^" under the headers, as the clerk
would read it: the mark stands under the column's figures, its label is
centred over them on the header line right above. Prints nothing when no
table column is marked.
"""
import sys
import unicodedata

BLANKISH = set(" │|<>")
SEPARATORS = set(" ─│|")


def cells(line):
    """(display column, character) of each character of line."""
    out, x = [], 0
    for ch in line:
        out.append((x, ch))
        x += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
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
        caret = marks[-1]
        tokens, cur = [], None
        for x, ch in cells(lines[i - 1]) + [(10**6, " ")]:
            if ch in SEPARATORS:
                if cur:
                    tokens.append(cur)
                cur = None
            elif cur is None:
                cur = [x, x + (2 if unicodedata.east_asian_width(ch) in "WF" else 1), ch]
            else:
                cur[1] = x + (2 if unicodedata.east_asian_width(ch) in "WF" else 1)
                cur[2] += ch
        # The label ends at or before the column's last figure (caret).
        best = None
        for start, end, text in tokens:
            if start > divider[0] and end <= caret + 2 and (best is None or end > best[1]):
                best = (start, end, text)
        if best:
            print(best[2])
        return


main()
