#!/usr/bin/env python3
"""factdiff beside the tools people would otherwise use, on the same generated pairs, in one run.

For each size and edit pattern, a French news-like pair is generated (examples/news_pair.rs,
the generator `cargo bench` uses) and compared by:

- factdiff compare --format json (the whole pipeline: load, normalise, segment, align, word
  diffs, entities and facts, report), wall time and peak memory;
- git diff --no-index --word-diff=porcelain (a word diff only);
- Python's difflib.SequenceMatcher over the words of both texts, get_opcodes() (what
  NewsDiffs-style tools run), in a child process with a time limit.

Each factdiff and git timing is the best of RUNS runs; difflib runs once (it is the slow
side by far, and stops at DIFFLIB_LIMIT seconds). It prints one table row per pair with the ratios
factdiff / git and difflib / factdiff, then the scaling exponent of factdiff's time from the
smallest to the largest size (least squares on log time against log size). Run it through
benches/compare.sh, which builds the release binaries first.
"""

import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACTDIFF = os.path.join(ROOT, "target", "release", "factdiff")
NEWS_PAIR = os.path.join(ROOT, "target", "release", "examples", "news_pair")
SIZES = os.environ.get("SIZES", "100KB 300KB 1MB 3MB 10MB").split()
EDITS = os.environ.get("EDITS", "light heavy").split()
LANG = os.environ.get("LANG_CODE", "fr")
RUNS = int(os.environ.get("RUNS", "3"))
DIFFLIB_LIMIT = float(os.environ.get("DIFFLIB_LIMIT", "120"))

DIFFLIB_CHILD = r"""
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().split()
b = open(sys.argv[2], encoding="utf-8").read().split()
ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
print(sum(1 for op in ops if op[0] != "equal"))
"""


def run(cmd, ok_codes=(0, 1), timeout=None):
    """Wall seconds of one run of cmd; None on timeout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None
    wall = time.perf_counter() - start
    if proc.returncode not in ok_codes:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {err.decode(errors='replace')}")
    return wall


def peak_of(cmd):
    """Peak RSS in MB of one run, by GNU time."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M"] + cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    last = out.stderr.decode(errors="replace").strip().splitlines()[-1]
    return int(last) / 1024


def best(cmd, timeout=None):
    times = []
    for _ in range(RUNS):
        r = run(cmd, timeout=timeout)
        if r is None:
            return None
        times.append(r)
    return min(times)


def size_bytes(s):
    s = s.upper().rstrip("B")
    mult = {"K": 1_000, "M": 1_000_000}.get(s[-1:], 1)
    return int(s.rstrip("KM")) * mult


def main():
    for tool in (FACTDIFF, NEWS_PAIR):
        if not os.path.exists(tool):
            sys.exit(f"{tool} missing: run benches/compare.sh (it builds the release binaries)")
    work = tempfile.mkdtemp(prefix="factdiff-compare-")
    print(f"factdiff vs git diff --word-diff vs difflib · {LANG} news-like pairs · best of {RUNS}")
    print(f"{'size':>6} {'edits':>6} | {'factdiff':>9} {'peak':>7} | {'git':>8} {'difflib':>9} |"
          f" {'factdiff/git':>12} {'difflib/factdiff':>16}")
    series = {}
    for edits in EDITS:
        for size in SIZES:
            d = os.path.join(work, f"{size}-{edits}")
            subprocess.run([NEWS_PAIR, LANG, size, edits, d], check=True)
            v1, v2 = os.path.join(d, "v1.txt"), os.path.join(d, "v2.txt")
            out = os.path.join(d, "report.json")
            fd_cmd = [FACTDIFF, "compare", "--format", "json", "-o", out, v1, v2]
            fd = best(fd_cmd)
            peak = peak_of(fd_cmd)
            git = best(["git", "diff", "--no-index", "--word-diff=porcelain", v1, v2])
            # One run: difflib is the slow side by far, and may hit its time limit.
            dl = run([sys.executable, "-c", DIFFLIB_CHILD, v1, v2], timeout=DIFFLIB_LIMIT)
            series.setdefault(edits, []).append((os.path.getsize(v1), fd))
            dl_text = f"{dl:8.2f}s" if dl is not None else f">{DIFFLIB_LIMIT:.0f}s".rjust(9)
            dl_ratio = f"{dl / fd:15.0f}×" if dl is not None else f">{DIFFLIB_LIMIT / fd:.0f}×".rjust(16)
            print(f"{size:>6} {edits:>6} | {fd:8.3f}s {peak:5.0f}MB | {git:7.3f}s {dl_text} |"
                  f" {fd / git:11.2f}× {dl_ratio}", flush=True)
    for edits, points in series.items():
        if len(points) >= 2:
            xs = [math.log(b) for b, _ in points]
            ys = [math.log(t) for _, t in points]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            print(f"scaling exponent of factdiff's time, {edits} edits, {SIZES[0]}–{SIZES[-1]}: {slope:.2f}")
    subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
