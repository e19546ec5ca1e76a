#!/usr/bin/env python3
"""Typos of stored place names on the shipped store: the recall that the matcher's tolerance buys.

The other side of Benchmarks/matching/gazetteer_fmr.py. That script measures how often a place the store lacks is
taken for another; this one how often a misspelt name of a place the store holds still finds it. Every CLDR city and
territory (Glossaries/cldr/cities.tsv, territories.tsv) is queried with its name in nine languages after one typing
error, as `onoma normalize --from LANG` on the default store (every file of Glossaries/ but the examples):

  - one edit per name, drawn with a fixed seed, never on the first letter: a letter dropped, two neighbours
    swapped, a letter doubled, or a letter replaced by a neighbour on a QWERTY keyboard;
  - names of five letters or more (letters only counted); a typo that is itself a stored name (of anything) is
    skipped, since the store answers it exactly.

A query is right when the returned entity is the place (or its curated twin: same type and English name), nested when
it is a place whose English name holds the other's or is held by it (the time zone Canary, the territory Canary
Islands), wrong when it is another, none when nothing. The script prints the three rates, by method and by language, and some examples.

Usage: python3 Benchmarks/matching/gazetteer_typos.py [--onoma PATH] [--failures FILE] [--matches FILE] [--no-from]
"""
import argparse
import collections
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
_spec = importlib.util.spec_from_file_location('gazetteer_fmr', os.path.join(HERE, 'gazetteer_fmr.py'))
gf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gf)

NEIGHBOURS = {}
for row in ('qwertyuiop', 'asdfghjkl', 'zxcvbnm'):
    for i, c in enumerate(row):
        NEIGHBOURS[c] = (row[i - 1] if i > 0 else '') + (row[i + 1] if i + 1 < len(row) else '')


def typo(name, rng):
    """`name` with one typing error off its first letter, or None when it has too few letters."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 5:
        return None
    i = rng.choice(letters[1:])
    kind = rng.choice(('drop', 'swap', 'double', 'neighbour'))
    if kind == 'drop':
        return name[:i] + name[i + 1:]
    if kind == 'swap':
        j = i + 1 if i + 1 < len(name) and name[i + 1].isalpha() else i - 1
        if j < 1 or name[j] == name[i]:
            return name[:i] + name[i + 1:]
        a, b = min(i, j), max(i, j)
        return name[:a] + name[b] + name[a] + name[b + 1:]
    if kind == 'double':
        return name[:i + 1] + name[i] + name[i + 1:]
    near = NEIGHBOURS.get(name[i].lower(), '')
    if not near:
        return name[:i] + name[i + 1:]
    return name[:i] + rng.choice(near) + name[i + 1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--onoma', default=os.path.join(ROOT, '.build-bench', 'release', 'onoma'))
    parser.add_argument('--failures', help='write every query not found right to this TSV file')
    parser.add_argument('--no-from', action='store_true',
                        help='look the names up without their language (no --from): the unknown-language regime')
    parser.add_argument('--matches', help='write every query that returned an entity, with its method, score and '
                        'verdict (right, wrong, nested), to this TSV file')
    args = parser.parse_args()
    if not os.path.exists(args.onoma):
        sys.exit('no onoma binary at %s: build it with swift build -c release --product onoma' % args.onoma)

    tables = gf.shipped_tables()
    english, spellings = gf.concept_names(tables)
    known = set().union(*spellings.values())

    rng = random.Random(20261205)
    queries = collections.defaultdict(list)    # lang -> [(typo, name, cid)]
    for f in gf.HELD:
        _, header, rows = tables[f]
        for row in rows:
            for lang in gf.LANGS:
                if lang not in header or header.index(lang) >= len(row):
                    continue
                for name in gf.names(row[header.index(lang)]):
                    wrong = typo(name, rng)
                    if wrong and wrong.casefold() not in known:
                        queries[lang].append((wrong, name, row[0]))

    totals = collections.Counter()
    by_method = collections.Counter()
    by_lang = collections.defaultdict(collections.Counter)
    misses = []
    returned = []
    with tempfile.TemporaryDirectory(prefix='onoma-typos-') as work:
        for lang in gf.LANGS:
            path = os.path.join(work, 'queries-%s.txt' % lang)
            with open(path, 'w', encoding='utf-8') as g:
                g.write(''.join(wrong + '\n' for wrong, _, _ in queries[lang]))
            from_lang = [] if args.no_from else ['--from', lang]
            run = subprocess.run([args.onoma, 'normalize', path, *from_lang, '--format', 'jsonl', '--quiet'],
                                 check=True, capture_output=True, text=True)
            for (wrong, name, cid), line in zip(queries[lang], run.stdout.splitlines()):
                row = json.loads(line)
                got = row.get('entity')
                gold, found = english[cid][1] or '', english.get(got, (None, None))[1] or ''
                verdict = 'none' if not got else 'right' if (
                    got == cid or (english.get(got) == english[cid] and english[cid][1])) else 'nested' if (
                    gold and found and (gold in found or found in gold)) else 'wrong'
                totals[verdict] += 1
                by_lang[lang][verdict] += 1
                if got:
                    returned.append((lang, wrong, name, cid, got, row.get('method'), row.get('score') or 0, verdict))
                if verdict == 'right':
                    by_method[row.get('method')] += 1
                else:
                    misses.append((lang, wrong, name, cid, got or '-', row.get('method') or '-', row.get('score')))

    n = sum(totals.values())
    if args.matches:
        with open(args.matches, 'w', encoding='utf-8') as f:
            f.write('lang\ttypo\tname\tgold\treturned\tmethod\tscore\tverdict\n')
            for lang, wrong, name, cid, got, method, score, verdict in returned:
                f.write('%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%s\n' % (lang, wrong, name, cid, got, method, score, verdict))
    print('gazetteer typos (one typing error in each CLDR city and territory name, %s, default store)'
          % ' '.join(gf.LANGS))
    print('queries %d; right %d = %.1f %%, wrong %d = %.1f %%, none %d = %.1f %%; nested %d = %.1f %% (one English '
          'name holds the other: the time zone Canary and the territory Canary Islands)' % (
              n, totals['right'], 100.0 * totals['right'] / max(n, 1), totals['wrong'],
              100.0 * totals['wrong'] / max(n, 1), totals['none'], 100.0 * totals['none'] / max(n, 1),
              totals['nested'], 100.0 * totals['nested'] / max(n, 1)))
    print('right by method: ' + ', '.join('%s %d' % kv for kv in by_method.most_common()))
    print('by language (right): ' + ', '.join('%s %.1f %% (%d)' % (l, 100.0 * c['right'] / max(sum(c.values()), 1),
                                                                   sum(c.values()))
                                              for l, c in sorted(by_lang.items())))
    step = max(1, len(misses) // 20)
    for lang, wrong, name, cid, got, method, score in misses[::step][:20]:
        print('  %s %-24s (%s, %s) -> %s %s %.3f' % (lang, wrong, name, cid, got, method, score or 0))
    if args.failures:
        with open(args.failures, 'w', encoding='utf-8') as f:
            f.write('lang\ttypo\tname\tgold\treturned\tmethod\tscore\n')
            for lang, wrong, name, cid, got, method, score in misses:
                f.write('%s\t%s\t%s\t%s\t%s\t%s\t%.3f\n' % (lang, wrong, name, cid, got, method, score or 0))


if __name__ == '__main__':
    main()
