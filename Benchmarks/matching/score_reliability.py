#!/usr/bin/env python3
"""Whether a score means what it says on the shipped store: the share of right matches per score band.

Reads the `--matches` files of the two runs of `gazetteer_fmr.py` on one build: with `--recall` (each left-out place
still in the store without its names in the query's language: a returned entity is right or wrong) and without it
(each left-out place gone from the store: any entity returned is a false match). Every query is asked in both runs,
so a band's share of right matches is its precision when half the names asked are in the store, under the names
the store lacks in that language. `eval.py` prints the same table for its sparse CLDR glossary.

Matches of a name still stored (homonym) or of a place whose English name holds the other's (nested) are counted
in neither run, as gazetteer_fmr.py counts them.

Usage:
  python3 Benchmarks/matching/gazetteer_fmr.py --recall --matches /tmp/recall.tsv
  python3 Benchmarks/matching/gazetteer_fmr.py --matches /tmp/absent.tsv
  python3 Benchmarks/matching/score_reliability.py /tmp/recall.tsv /tmp/absent.tsv
"""
import argparse
import csv
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval import SCORE_BINS  # noqa: E402


def read(path):
    with open(path, encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter='\t'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('recall', help='--matches file of gazetteer_fmr.py --recall')
    parser.add_argument('absent', help='--matches file of gazetteer_fmr.py (places left out)')
    args = parser.parse_args()
    recall, absent = read(args.recall), read(args.absent)
    print('score reliability on the shipped store (gazetteer_fmr.py, both runs): per score band, matches right / '
          'wrong with the place in the store, false with it left out, and right among all')
    print('  %-24s | %s' % ('band', 'right / wrong / false -> share'))
    for low, high, label in SCORE_BINS:
        def band(rows, verdict):
            return sum(1 for r in rows if r['verdict'] == verdict and low <= float(r['score']) < high)
        right, wrong, false = band(recall, 'right'), band(recall, 'wrong'), band(absent, 'false')
        total = right + wrong + false
        print('  %-24s | %5d / %4d / %4d -> %s' % (label, right, wrong, false,
                                                    '%.2f' % (right / total) if total else '-'))


if __name__ == '__main__':
    main()
