#!/usr/bin/env python3
# Runs a program that reads a passphrase from its terminal (age -p, age -d on a passphrase file,
# minisign -S with an encrypted key) on a pseudo-terminal and answers every passphrase or
# password prompt with the given passphrase.
# Usage: pty_passphrase.py PASSPHRASE PROGRAM ARGS...   Exit status is the program's; its terminal
# output goes to stderr.
import os, pty, sys
passphrase = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b""
sent = 0
while True:
    try:
        data = os.read(fd, 1024)
    except OSError:
        break
    if not data:
        break
    out += data
    lower = out.lower()
    prompts = lower.count(b"passphrase") + lower.count(b"password")
    while sent < prompts:
        os.write(fd, passphrase + b"\n")
        sent += 1
_, status = os.waitpid(pid, 0)
sys.stderr.write(out.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
