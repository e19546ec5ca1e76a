#!/usr/bin/env python3
"""The peer of `onoma-bench link`: a plain dictionary tagger over a store's terms, with PyPI pyahocorasick.

Every term of the store (one per line in --terms, as written) is lower-cased and added to one Aho-Corasick
automaton; each text is read, lower-cased and scanned for leftmost-longest matches (`Automaton.iter_long`), and a
match counts when it is a whole word (no letter or digit just before or after it). No normalization beyond
lower case, no case rules, no cascade, no document consistency: the floor of what a dictionary scan costs.

Prints one JSON object per line on standard output: {"event": "build", ...} once, then {"event": "scan", ...} per
text and run, with seconds (wall: time.perf_counter; CPU: time.process_time), sizes and VmRSS/VmHWM (bytes, from
/proc/self/status).

    python3 Benchmarks/linking/peer_ahocorasick.py --terms Benchmarks/out/link-terms-default.txt \\
        --text Benchmarks/out/link-fr-news-20mb.txt

Installs pyahocorasick with pip when it is missing. Python 3.9+.
"""

import argparse
import json
import os
import subprocess
import sys
import time

try:
    import ahocorasick
except ImportError:
    print("peer: pyahocorasick missing; installing it with pip", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyahocorasick"], check=True)
    import ahocorasick


def memory():
    """VmRSS and VmHWM of this process, in bytes (0 where /proc is not available)."""
    figures = {"VmRSS": 0, "VmHWM": 0}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                name, _, value = line.partition(":")
                if name in figures:
                    figures[name] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return figures["VmRSS"], figures["VmHWM"]


def emit(**fields):
    print(json.dumps(fields), flush=True)


def build(path):
    """Reads the terms and builds the automaton; emits the build event."""
    rss_before, _ = memory()
    start = time.perf_counter()
    with open(path, encoding="utf-8") as file:
        terms = file.read().split("\n")
    patterns = {term.strip().lower() for term in terms}
    patterns.discard("")
    loaded = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for pattern in patterns:
        automaton.add_word(pattern, len(pattern))
    automaton.make_automaton()
    built = time.perf_counter()
    rss_after, hwm = memory()
    emit(event="build", terms=sum(1 for term in terms if term), patterns=len(patterns),
         load_seconds=loaded - start, build_seconds=built - loaded,
         rss_before_build=rss_before, rss_after_build=rss_after, hwm=hwm)
    return automaton


def scan(automaton, path):
    """Reads, lower-cases and tags one text; emits the scan event."""
    start = time.perf_counter()
    cpu_start = time.process_time()
    with open(path, encoding="utf-8") as file:
        text = file.read().lower()
    length = len(text)
    mentions = 0
    for end, size in automaton.iter_long(text):
        begin = end - size + 1
        if begin > 0 and text[begin - 1].isalnum():
            continue
        if end + 1 < length and text[end + 1].isalnum():
            continue
        mentions += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    rss, hwm = memory()
    emit(event="scan", text=path, bytes=os.path.getsize(path), seconds=seconds, cpu_seconds=cpu_seconds,
         mentions=mentions, rss=rss, hwm=hwm)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", required=True, help="the store's terms, one per line")
    parser.add_argument("--text", action="append", required=True, help="a UTF-8 text to tag (repeatable)")
    parser.add_argument("--runs", type=int, default=1, help="scans of each text (default 1)")
    args = parser.parse_args()
    automaton = build(args.terms)
    for path in args.text:
        for _ in range(args.runs):
            scan(automaton, path)


if __name__ == "__main__":
    main()
