#!/usr/bin/env python3
"""Names of unknown language on the default store: each CLDR city and territory name, as the gazetteer writes it
in one language, looked up without `--from`.

A batch of names often comes without its language (`onoma normalize names.csv` with no `--from`). The names here are
all stored, so the exact step finds every one; what is measured is which concept comes first when several share the
name: English *Poland* is also the Malay name of Polish, Turkish *Cuba* is Juba, Indonesian *Islandia* is Icelandic.
A query is right when the returned entity is the place or a concept with its type and English name (the curated
twin), wrong when it is another concept.

Usage: python3 Benchmarks/matching/unknown_language.py [--onoma PATH] [--langs en,fr,de,es,ru,pl] [--failures FILE]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazetteer_fmr as gf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--onoma', default=os.path.join(ROOT, '.build-bench', 'release', 'onoma'))
    parser.add_argument('--langs', default='en,fr,de,es,ru,pl', help='the gazetteer columns queried')
    parser.add_argument('--failures', help='write every wrong answer to this TSV file')
    args = parser.parse_args()
    tables = gf.shipped_tables()
    english = gf.concept_names(tables)[0]
    wrong_rows = []
    print('names of unknown language (no --from), default store: CLDR city and territory names per language')
    with tempfile.TemporaryDirectory(prefix='onoma-unknown-language-') as work:
        for lang in args.langs.split(','):
            queries = []
            for f in gf.HELD:
                _, header, rows = gf.read_tsv(os.path.join(ROOT, 'Glossaries', f))
                if lang not in header:
                    continue
                column = header.index(lang)
                for row in rows:
                    if column < len(row):
                        queries += [(name, row[0]) for name in gf.names(row[column])]
            path = os.path.join(work, 'queries-%s.txt' % lang)
            with open(path, 'w', encoding='utf-8') as g:
                g.write(''.join(name + '\n' for name, _ in queries))
            run = subprocess.run([args.onoma, 'normalize', path, '--format', 'jsonl', '--quiet'], check=True,
                                 capture_output=True, text=True)
            right = wrong = none = 0
            for (name, cid), line in zip(queries, run.stdout.splitlines()):
                got = json.loads(line).get('entity')
                if not got:
                    none += 1
                elif got == cid or english.get(got) == english.get(cid):
                    right += 1
                else:
                    wrong += 1
                    wrong_rows.append((lang, name, cid, got))
            n = max(len(queries), 1)
            print('  %s: %d names; right %d = %.1f %%, wrong %d = %.1f %%, none %d' % (
                lang, len(queries), right, 100.0 * right / n, wrong, 100.0 * wrong / n, none))
    for lang, name, cid, got in wrong_rows[:15]:
        print('  wrong: %s %-24s (%s) -> %s' % (lang, name, cid, got))
    if args.failures:
        with open(args.failures, 'w', encoding='utf-8') as f:
            f.write('lang\tquery\tgold\treturned\n')
            for row in wrong_rows:
                f.write('\t'.join(row) + '\n')


if __name__ == '__main__':
    main()
