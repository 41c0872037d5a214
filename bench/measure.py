#!/usr/bin/env python3
"""Runs one command and prints its wall time and memory, for Ward's benchmarks.

Usage: measure.py STDERR_FILE COMMAND [ARGUMENT...]
The command's standard output is discarded and its standard error goes to STDERR_FILE. Prints one
line: `WALL_SECONDS PEAK_RSS_KB PEAK_ANON_KB EXIT_STATUS`. The peak RSS is the kernel's high-water
mark of the process (file-backed pages of a memory-mapped input included); the peak anonymous
memory (heap, stacks: what grows with the data a program holds) is sampled from
/proc/PID/status every 10 ms, so a spike shorter than that can be missed.
"""
import os
import subprocess
import sys
import time


def anonymous_kb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "wb") as errors, open(os.devnull, "wb") as null:
        start = time.monotonic()
        child = subprocess.Popen(sys.argv[2:], stdout=null, stderr=errors)
        peak_anon = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            peak_anon = max(peak_anon, anonymous_kb(child.pid))
            time.sleep(0.01)
        wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    print(f"{wall:.3f} {usage.ru_maxrss} {peak_anon} {code}")


if __name__ == "__main__":
    main()
