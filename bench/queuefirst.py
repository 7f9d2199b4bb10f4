#!/usr/bin/python3
"""Time to the first screen of a full-screen program, through a pty.

    queuefirst.py MARK [DONE] -- PROGRAM ARGS...

Starts PROGRAM in a pseudo-terminal of 80x24 (TERM=xterm) and reads its
output. Prints one line of key=value pairs:
  first_ms, first_bytes   when the output first contains MARK (UTF-8):
                          the last thing the first screen draws;
  done_ms, done_bytes     when it contains DONE (if given), e.g. the
                          message that every file has been read.
Then sends q and waits for the program to end.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def main():
    args = sys.argv[1:]
    sep = args.index("--")
    marks, prog = args[:sep], args[sep + 1:]
    mark = marks[0].encode()
    done = marks[1].encode() if len(marks) > 1 else None
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.environ["LANG"] = os.environ["LC_ALL"] = "C.UTF-8"
        os.execvp(prog[0], prog)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    first = donet = None
    first_b = done_b = 0
    deadline = t0 + 120
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        now = time.monotonic()
        if first is None and mark in out:
            first, first_b = now, len(out)
        if done and donet is None and done in out:
            donet, done_b = now, len(out)
        if first is not None and (done is None or donet is not None):
            break
    os.write(fd, b"q")
    end = time.monotonic() + 10
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        wp, _ = os.waitpid(pid, os.WNOHANG)
        if wp:
            break
    else:
        os.kill(pid, 9)
    line = "first_ms=%.1f first_bytes=%d" % (((first or now) - t0) * 1000, first_b)
    if done:
        line += " done_ms=%.1f done_bytes=%d" % (((donet or now) - t0) * 1000, done_b)
    print(line)


main()
