#!/usr/bin/python3
"""Run a full-screen program in a pseudo-terminal and measure it.

    ptyrec.py [options] -- PROGRAM ARGS...

Measures, through a pty of COLSxLINES:
  - the time from start to the first complete screen: the last byte written
    before the output has been quiet for --quiet ms;
  - the bytes written to the terminal for each keystroke of --keys, sent
    one at a time, each time waiting for the output to go quiet (after
    --prep keys that are not counted, e.g. to reach a table cell);
  - the peak resident memory of the program: ru_maxrss as GNU time
    (/usr/bin/time -f %M) reports it. (The pty child's own ru_maxrss would
    include the Python interpreter it was forked from.)

Keys are written as a comma-separated list; each item is one keystroke:
a literal character, or one of ENTER TAB UP DOWN LEFT RIGHT ESC BS C-x.
A key may carry a class for the breakdown: "digit=5" counts 5 under
"digit". Prints one line of key=value pairs on stdout.
"""
import argparse
import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time

SEQ = {
    "ENTER": b"\r", "TAB": b"\t", "ESC": b"\x1b", "BS": b"\x7f",
    "UP": b"\x1b[A", "DOWN": b"\x1b[B", "RIGHT": b"\x1b[C", "LEFT": b"\x1b[D",
}


def keybytes(k):
    if k in SEQ:
        return SEQ[k]
    if k.startswith("C-") and len(k) == 3:
        return bytes([ord(k[2].lower()) & 0x1F])
    if k == "COMMA":
        return b","
    return k.encode("utf-8")


def parse_keys(s):
    out = []
    for item in [x for x in s.split(",") if x]:
        cls, _, k = item.rpartition("=")
        out.append((cls or "key", keybytes(k)))
    return out


class Pty:
    def __init__(self, argv, env, cols, lines):
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            except OSError as e:
                os.write(2, ("exec %s: %s\n" % (argv[0], e)).encode())
            os._exit(127)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.t0 = time.monotonic()
        self.total = 0
        self.data = bytearray()
        self.status = None
        self.rusage = None

    def read_until_quiet(self, quiet_ms, first_ms=2000, limit_s=20):
        """Read until no output for quiet_ms (after some output arrived, or
        after first_ms with none). Returns (bytes read, time of last byte)."""
        n = 0
        last = None
        start = time.monotonic()
        while True:
            wait = quiet_ms if n else first_ms
            r, _, _ = select.select([self.fd], [], [], wait / 1000.0)
            if not r:
                break
            try:
                b = os.read(self.fd, 65536)
            except OSError:
                b = b""
            if not b:
                break
            n += len(b)
            self.data += b
            last = time.monotonic()
            if last - start > limit_s:
                break
        self.total += n
        return n, last

    def send(self, b):
        # As a terminal does: in application cursor-key mode (DECCKM,
        # set by a program's "keypad transmit" \e[?1h) the arrows are
        # \eOA..\eOD, which is what terminfo's kcuu1.. name for xterm;
        # a program that only knows those takes \e[A as Esc then "[A".
        if self.app_cursor and len(b) == 3 and b[:2] == b"\x1b[" and b[2:] in (b"A", b"B", b"C", b"D"):
            b = b"\x1bO" + b[2:]
        os.write(self.fd, b)

    @property
    def app_cursor(self):
        set_at = self.data.rfind(b"\x1b[?1h")
        reset_at = self.data.rfind(b"\x1b[?1l")
        return set_at > reset_at

    def finish(self, quit_keys, quiet_ms):
        for _, b in quit_keys:
            self.send(b)
            self.read_until_quiet(quiet_ms, first_ms=300)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status, self.rusage = status, ru
                break
            self.read_until_quiet(50, first_ms=50)
        if self.status is None:
            os.kill(self.pid, signal.SIGTERM)
            time.sleep(0.2)
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, self.status, self.rusage = os.wait4(self.pid, 0)
        os.close(self.fd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", default="program")
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--term", default="xterm")
    ap.add_argument("--env", action="append", default=[], help="VAR=VALUE")
    ap.add_argument("--prep", default="", help="keys sent first, not counted")
    ap.add_argument("--keys", required=True, help="the measured keys")
    ap.add_argument("--quit", default="", help="keys that end the program")
    ap.add_argument("--quiet", type=int, default=150, help="ms of silence")
    ap.add_argument("--first-quiet", type=int, default=400)
    ap.add_argument("--dump", help="write everything the program wrote here")
    ap.add_argument("--dump-keys", help="write what each measured key caused here, "
                    "one block per key, escapes shown as \\e (to see where bytes go)")
    ap.add_argument("argv", nargs="+")
    o = ap.parse_args()
    cols, lines = (int(x) for x in o.size.split("x"))
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "TERM": o.term,
           "HOME": os.environ.get("HOME", "/tmp"),
           "TMPDIR": os.environ.get("TMPDIR", "/tmp")}
    for kv in o.env:
        k, _, v = kv.partition("=")
        env[k] = v

    argv = o.argv
    rssfile = None
    if os.access("/usr/bin/time", os.X_OK):
        import tempfile
        fd, rssfile = tempfile.mkstemp(prefix="ptyrec-rss.")
        os.close(fd)
        argv = ["/usr/bin/time", "-f", "%M", "-o", rssfile] + argv
    p = Pty(argv, env, cols, lines)
    n, last = p.read_until_quiet(o.first_quiet, first_ms=10000)
    first_ms = (last - p.t0) * 1000 if last else float("nan")
    first_bytes = n
    for _, b in parse_keys(o.prep):
        p.send(b)
        p.read_until_quiet(o.quiet, first_ms=1000)
    per = {}
    tot = 0
    keys = parse_keys(o.keys)
    lat = []
    blocks = []
    for cls, b in keys:
        t = time.monotonic()
        at = len(p.data)
        p.send(b)
        n, last = p.read_until_quiet(o.quiet, first_ms=1000)
        blocks.append((cls, b, bytes(p.data[at:])))
        tot += n
        c = per.setdefault(cls, [0, 0])
        c[0] += 1
        c[1] += n
        if last:
            lat.append((last - t) * 1000)
    p.finish(parse_keys(o.quit), o.quiet)
    if o.dump:
        with open(o.dump, "wb") as f:
            f.write(p.data)
    if o.dump_keys:
        with open(o.dump_keys, "w", encoding="utf-8") as f:
            for cls, b, out in blocks:
                f.write("=== %s %r: %d bytes\n" % (cls, b, len(out)))
                f.write(out.replace(b"\x1b", b"\\e").decode("utf-8", "replace") + "\n")
    rss = p.rusage.ru_maxrss if p.rusage else 0
    if rssfile:
        try:
            with open(rssfile) as f:
                rss = int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            rss = 0
        os.unlink(rssfile)
    lat.sort()
    med = lat[len(lat) // 2] if lat else float("nan")
    fields = [
        "name=%s" % o.name,
        "keys=%d" % len(keys),
        "bytes_per_key=%.1f" % (tot / len(keys) if keys else 0),
        "first_screen_ms=%.1f" % first_ms,
        "first_screen_bytes=%d" % first_bytes,
        "key_latency_median_ms=%.2f" % med,
        "maxrss_kb=%d" % rss,
        "exit=%s" % (os.waitstatus_to_exitcode(p.status) if p.status is not None else "?"),
    ]
    for cls, (k, b) in sorted(per.items()):
        fields.append("bytes_per_%s=%.1f" % (cls, b / k))
    print(" ".join(fields))
    return 0


if __name__ == "__main__":
    sys.exit(main())
