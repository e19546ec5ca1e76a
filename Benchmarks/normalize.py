#!/usr/bin/env python3
"""Benchmark: `onoma normalize` against ICU's own uconv on 1M real multilingual names.

Builds the release binary, makes two 1M-name files from the CLDR gazetteer in Glossaries/cldr (generated from ICU's
data, so real names in hundreds of languages and scripts), and times, in the same run:

  uconv -x 'Any-Latin; Latin-ASCII; Lower'      (ICU's command-line transliterator, one name per line)
  onoma normalize FILE --quiet --no-link        (normalized, key, script and Latin form per name)
  onoma normalize FILE --quiet                  (the same plus the linked entity, on the default store)

once with realistic repeats (names drawn with a Zipf distribution, as news batches repeat names) and once with every
name unique. Prints both wall times, the ratio and both CPU times. Files go to Benchmarks/out/ (not committed).

Usage: python3 Benchmarks/normalize.py [--rows N] [--skip-build] [--scratch-path DIR] [--files repeats,unique]
                                      [--modes no-link,link]
"""
import argparse
import glob
import os
import random
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Benchmarks", "out")


def terms_of(path):
    """Every term of a TSV glossary (our format): language cells split on ' | ', markers dropped."""
    with open(path, encoding="utf-8-sig") as f:
        header = None
        for line in f:
            cells = line.rstrip("\n").rstrip("\r").split("\t")
            if header is None:
                header = cells
                fixed = {i for i, h in enumerate(header) if h in ("id", "type", "domain", "note", "source", "wikidata")}
                continue
            for i, cell in enumerate(cells):
                if i in fixed or not cell:
                    continue
                for term in cell.split(" | "):
                    term = term.split(" {")[0].strip().strip('"')
                    if term:
                        yield term


def make_files(rows):
    os.makedirs(OUT, exist_ok=True)
    sources = sorted(glob.glob(os.path.join(ROOT, "Glossaries", "**", "*.tsv"), recursive=True))
    pool = sorted({t for path in sources if "/examples/" not in path for t in terms_of(path)})
    if not pool:
        sys.exit("no glossary terms found under Glossaries/: run `onoma glossary generate cldr` first")
    rng = random.Random(20221109)
    rng.shuffle(pool)
    repeats = os.path.join(OUT, f"names-repeats-{rows}.txt")
    unique = os.path.join(OUT, f"names-unique-{rows}.txt")
    if not os.path.exists(repeats):
        # Zipf-like draws: rank r has weight 1/r^1.1, as name frequencies in news are.
        weights = [1.0 / (r + 1) ** 1.1 for r in range(len(pool))]
        with open(repeats, "w", encoding="utf-8") as f:
            for name in rng.choices(pool, weights=weights, k=rows):
                f.write(name + "\n")
    if not os.path.exists(unique):
        seen = set(pool[:rows])
        names = list(seen)
        # Beyond the pool, two-part names ("given family" style) from pairs of same-script names keep every row unique.
        while len(names) < rows:
            a, b = rng.choice(pool), rng.choice(pool)
            name = a + " " + b
            if name not in seen:
                seen.add(name)
                names.append(name)
        rng.shuffle(names)
        with open(unique, "w", encoding="utf-8") as f:
            for name in names:
                f.write(name + "\n")
    return len(pool), repeats, unique


def timed(command, stdin_path):
    """Wall time of the whole process, and its CPU time (user + system, all threads), in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdin_path, "rb") as stdin, open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=devnull, check=True)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--scratch-path", default=".build", help="swift build's scratch path (default .build)")
    parser.add_argument("--files", default="repeats,unique", help="which files: repeats, unique or both")
    parser.add_argument("--modes", default="no-link,link", help="which runs: no-link, link or both")
    args = parser.parse_args()
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "onoma", "--scratch-path", args.scratch_path],
                       cwd=ROOT, check=True)
    onoma = os.path.join(ROOT, args.scratch_path, "release", "onoma")
    files, modes = args.files.split(","), args.modes.split(",")
    pool, repeats, unique = make_files(args.rows)
    print(f"name pool: {pool} distinct names from Glossaries/; {args.rows} rows per file; {os.cpu_count()} cores")
    uconv = ["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Any-Latin; Latin-ASCII; Lower"]
    # Warm the default store and the transcription-key cache once, so the timed runs measure the batch itself.
    subprocess.run([onoma, "lookup", "Erevan", "--from", "fr"], stdout=subprocess.DEVNULL, check=False)
    for label, path in (("realistic repeats", repeats), ("all unique", unique)):
        if label.split()[-1] not in files:
            continue
        peer, peer_cpu = timed(uconv, path)
        for mode, extra in (("normalize only", ["--no-link"]), ("with linking", [])):
            if ("no-link" if extra else "link") not in modes:
                continue
            ours, ours_cpu = timed([onoma, "normalize", "--quiet"] + extra, path)
            print(f"{label:18s} {mode:15s} uconv {peer:7.2f} s   onoma {ours:7.2f} s   ratio {peer / ours:5.1f}x   "
                  f"({args.rows / ours / 1e6:.2f} M names/s)   CPU: uconv {peer_cpu:.2f} s, onoma {ours_cpu:.2f} s")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of any child: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
