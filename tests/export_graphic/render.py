#!/usr/bin/python3
"""Headless Chromium draws each 图解; the PNG must have the picture's size
and real content (many distinct pixel values, not one flat colour)."""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import make_cases, export  # noqa: E402

fails = 0


def check(name, ok, why=""):
    global fails
    if ok:
        print("PASS %s" % name)
    else:
        fails += 1
        print("FAIL %s: %s" % (name, why))


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes, unfiltered)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "PNG type %d/%d" % (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows, bpp


def main():
    work = sys.argv[1]
    keep = os.environ.get("KEEP_PNG")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    for name, report, last in make_cases(work):
        svg = os.path.join(work, name + ".svg")
        rc, err = export(report, last, svg)
        if rc:
            check(name + "/render", False, "export failed: " + err)
            continue
        root = ET.parse(svg).getroot()
        w, h = int(root.get("width")), int(root.get("height"))
        png = os.path.join(work, name + ".png")
        prof = tempfile.mkdtemp(prefix="nbchrome.")
        try:
            r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                "--no-first-run", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync",
                                "--hide-scrollbars", "--user-data-dir=" + prof,
                                "--window-size=%d,%d" % (w, h), "--screenshot=" + png,
                                "file://" + svg], capture_output=True, timeout=60)
        finally:
            shutil.rmtree(prof, ignore_errors=True)
        if not os.path.exists(png):
            check(name + "/render", False, "no PNG: %s" % r.stderr.decode()[-300:])
            continue
        pw, ph, rows, bpp = png_pixels(png)
        # Dark pixels (text, bars, rules) in the top band (the title) and
        # in the lower half (the charts): the picture was drawn, not blank.
        def dark(r0, r1):
            return sum(1 for y in range(r0, r1) for x in range(0, pw * bpp, bpp)
                       if rows[y][x] < 96)
        top, low = dark(20, 100), dark(ph // 2, ph)
        check(name + "/render", (pw, ph) == (w, h) and top > 500 and low > 2000,
              "PNG %dx%d (SVG %dx%d), dark pixels: title %d, lower half %d" %
              (pw, ph, w, h, top, low))
        if keep:
            shutil.copy(png, os.path.join(keep, name + ".png"))
    return 1 if fails else 0


sys.exit(main())
