#!/usr/bin/env python3
"""Names as inflected languages write them in a sentence (*Moskwie*, *Putinem*, *Москве*, *Helsingissä*), looked up
with --from: found when the shipped store holds the name's dictionary form, and false matches when it does not.

A batch of names extracted from Polish, Russian or Finnish news holds the names in the case the sentence gave them,
not in the dictionary form a glossary stores. The forms here are real data nobody on the team wrote: the inflection
dictionaries of simplemma (PyPI, built from Wiktionary and other open lexicons), which map each inflected form to its
lemma. For each query language, every lemma that is a one-word name of the shipped glossaries (Glossaries/, that
language's column; names of languages and scripts left out) gives its inflected forms as queries; the gold is the
concept(s) holding that name. Forms that are themselves a stored name in any language are left out (the written-order
steps find those), as are forms equal to the lemma after case folding.

  --mode found (default): the default store (every shipped file); right when a gold concept comes back (or its twin:
      the same type and English name, the curated *Moscow* and the time-zone city), wrong when another, none when
      nothing.
  --mode absent: the concepts dealt into K folds by sha1(id) % K; each fold left out of a store of every shipped file
      (and, as gazetteer_fmr.py does, the concepts with the same English name: the curated *Minsk* and the time-zone
      city); each left-out concept's inflected forms looked up. Any concept returned is a false match, except (apart)
      one holding the lemma itself as a name (a namesake: the lemma is another place's name too).

Queries are split by sha1(lemma): < 30 of 100 is the unseen slice (only its figures are printed, no failures),
so the ending tables are not written against the forms measured.

Needs `pip install simplemma` and a release build of onoma.

Usage: python3 Benchmarks/matching/inflection_eval.py [--onoma PATH] [--mode found|absent] [--folds 5]
                                                      [--langs pl,cs,…] [--per-lang 1500] [--failures FILE]
"""
import argparse
import collections
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
# Languages with a simplemma dictionary and names in the shipped glossaries; simplemma's `hbs` serves hr, sr, bs.
LANGS = ['ru', 'uk', 'bg', 'pl', 'cs', 'sk', 'sl', 'hr', 'lt', 'lv', 'fi', 'et', 'hu', 'tr', 'de', 'el', 'hy', 'ka',
         'ro', 'is', 'ga']
DICTIONARY = {'hr': 'hbs', 'sr': 'hbs', 'bs': 'hbs'}

_spec = importlib.util.spec_from_file_location('gazetteer_fmr', os.path.join(HERE, 'gazetteer_fmr.py'))
gf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gf)


def dictionary(lang):
    """simplemma's inflection dictionary of `lang`: {form: lemma}."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk
    except ImportError:
        sys.exit('needs simplemma: pip install simplemma')
    raw = _load_dictionary_from_disk(DICTIONARY.get(lang, lang))
    return {k.decode(): v.decode() for k, v in raw.items()}


def language_names(tables, lang):
    """{one-word name of `lang`, case-folded: (name as written, {concept ids})} from the shipped files; names of
    languages and scripts left out (in most of these languages adjectives, *греческий*, *hrvatski*, not names)."""
    out = {}
    for _, header, rows in tables.values():
        columns = [i for i, h in enumerate(header) if h == lang]
        for row in rows:
            if row[1] in ('language', 'script'):
                continue
            for i in columns:
                if i >= len(row):
                    continue
                for name in gf.names(row[i]):
                    if ' ' in name or '-' in name:
                        continue
                    out.setdefault(name.casefold(), (name, set()))[1].add(row[0])
    return out


def queries_of(lang, tables, every_name, per_lang):
    """The inflected forms of `lang`'s one-word names: [(form, lemma, {gold ids})], at most `per_lang`."""
    names = language_names(tables, lang)
    found = []
    for form, lemma in dictionary(lang).items():
        key = lemma.casefold()
        if key not in names or form.casefold() == key or form.casefold() in every_name:
            continue
        written, ids = names[key]
        # Written as the name is: capitalized when the name is.
        text = form[0].upper() + form[1:] if written[:1].isupper() else form
        found.append((text, written, ids))
    # One query per distinct form; a deterministic sample when there are more than asked for.
    distinct = {}
    for text, written, ids in found:
        distinct.setdefault(text, (written, set()))[1].update(ids)
    rows = sorted(((t, w, ids) for t, (w, ids) in distinct.items()),
                  key=lambda r: hashlib.sha1(('inflection:' + r[0]).encode()).hexdigest())
    return rows[:per_lang]


def unseen(lemma):
    return int(hashlib.sha1(('inflection:' + lemma.casefold()).encode()).hexdigest(), 16) % 100 < 30


def run(onoma, lang, rows, store, env, work):
    path = os.path.join(work, 'queries-%s.txt' % lang)
    with open(path, 'w', encoding='utf-8') as g:
        g.write(''.join(text + '\n' for text, _, _ in rows))
    store_args = ['--store', store] if store else []
    out = subprocess.run([onoma, 'normalize', path, '--from', lang, *store_args, '--format', 'jsonl', '--quiet'],
                         check=True, env=env, capture_output=True, text=True).stdout.splitlines()
    return [json.loads(line) for line in out]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--onoma', default=os.path.join(ROOT, '.build-bench', 'release', 'onoma'))
    parser.add_argument('--mode', choices=['found', 'absent'], default='found')
    parser.add_argument('--folds', type=int, default=5)
    parser.add_argument('--langs', default=','.join(LANGS))
    parser.add_argument('--per-lang', type=int, default=1500, help='at most this many forms per language')
    parser.add_argument('--failures', help='write the dev slice\'s misses (found) or false matches (absent) here')
    parser.add_argument('--keep', help='keep the stores and query files in this directory')
    args = parser.parse_args()
    if not os.path.exists(args.onoma):
        sys.exit('no onoma binary at %s: build it with swift build -c release --product onoma' % args.onoma)
    langs = [lang for lang in args.langs.split(',') if lang]
    tables = gf.shipped_tables()
    english, spellings = gf.concept_names(tables)
    every_name = set().union(*spellings.values())
    work = args.keep or tempfile.mkdtemp(prefix='onoma-inflection-')
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache'),
               ONOMA_GLOSSARIES=os.environ.get('ONOMA_GLOSSARIES', os.path.join(ROOT, 'Glossaries')))
    queries = {lang: queries_of(lang, tables, every_name, args.per_lang) for lang in langs}
    counts = collections.defaultdict(collections.Counter)   # (lang, slice) -> verdicts
    methods = collections.Counter()
    failures = []

    def tally(lang, text, written, ids, row, verdicts):
        part = 'unseen' if unseen(written) else 'dev'
        got = row.get('entity')
        verdict = verdicts(got)
        counts[(lang, part)][verdict] += 1
        counts[(lang, part)]['queries'] += 1
        if got and verdict in ('right', 'false'):
            methods[(verdict, row.get('method'))] += 1
        if part == 'dev' and verdict not in ('right', 'absent-none', 'namesake'):
            failures.append((verdict, lang, text, written, ','.join(sorted(ids)), got or '-', row.get('method') or '-',
                             row.get('score') or ''))

    if args.mode == 'found':
        for lang in langs:
            rows = queries[lang]
            if not rows:
                continue
            for (text, written, ids), row in zip(rows, run(args.onoma, lang, rows, None, env, work)):
                # The gold's twin (the curated *Moscow* and the time-zone city: same type and English name) is
                # the same place.
                identities = {english[cid] for cid in ids if english[cid][1]}
                tally(lang, text, written, ids, row,
                      lambda got, identities=identities: 'none' if not got else 'right'
                      if got in ids or english.get(got) in identities else 'wrong')
    else:
        files = sorted(tables)
        every_id = sorted(english)
        fold_of = {cid: int(hashlib.sha1(('inflection:' + cid).encode()).hexdigest(), 16) % args.folds
                   for cid in every_id}
        for fold in range(args.folds):
            left_out = {cid for cid, k in fold_of.items() if k == fold}
            identities = {english[cid] for cid in left_out if english[cid][1]}
            left_out |= {cid for cid, identity in english.items() if identity in identities}
            out_dir = os.path.join(work, 'fold%d' % fold)
            paths = []
            for f in files:
                first, _, rows = tables[f]
                path = os.path.join(out_dir, f)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, 'w', encoding='utf-8') as g:
                    g.write(first + '\n' + ''.join('\t'.join(r) + '\n' for r in rows if r[0] not in left_out))
                paths.append(path)
            store = os.path.join(out_dir, 'store.sqlite')
            subprocess.run([args.onoma, 'glossary', 'import', *paths, '--store', store, '--quiet'], check=True,
                           env=env, stdout=subprocess.DEVNULL)
            for lang in langs:
                # A form is asked in the fold where all its gold concepts are left out.
                rows = [r for r in queries[lang] if r[2] <= left_out and fold_of[min(r[2])] == fold]
                if not rows:
                    continue
                for (text, written, ids), row in zip(rows, run(args.onoma, lang, rows, store, env, out_dir)):
                    lemma = written.casefold()

                    def verdict(got, lemma=lemma):
                        if not got:
                            return 'absent-none'
                        return 'namesake' if lemma in spellings.get(got, set()) else 'false'
                    tally(lang, text, written, ids, row, verdict)

    # Report.
    header = 'lang   dev: n    ' + ('right  wrong  none' if args.mode == 'found' else 'false  namesake') + \
        '   | unseen: n    ' + ('right  wrong  none' if args.mode == 'found' else 'false  namesake')
    print(header)
    total = collections.defaultdict(collections.Counter)
    for lang in langs:
        cells = []
        for part in ('dev', 'unseen'):
            c = counts[(lang, part)]
            total[part].update(c)
            n = c['queries'] or 1
            if args.mode == 'found':
                cells.append('%5d  %.3f  %.3f  %.3f' % (c['queries'], c['right'] / n, c['wrong'] / n, c['none'] / n))
            else:
                cells.append('%5d  %.3f  %.3f   ' % (c['queries'], c['false'] / n, c['namesake'] / n))
        print('%-5s %s   | %s' % (lang, cells[0], cells[1]))
    cells = []
    for part in ('dev', 'unseen'):
        c = total[part]
        n = c['queries'] or 1
        if args.mode == 'found':
            cells.append('%5d  %.3f  %.3f  %.3f' % (c['queries'], c['right'] / n, c['wrong'] / n, c['none'] / n))
        else:
            cells.append('%5d  %.3f  %.3f   ' % (c['queries'], c['false'] / n, c['namesake'] / n))
    print('%-5s %s   | %s' % ('all', cells[0], cells[1]))
    print('by method:', ', '.join('%s %s %d' % (v, m, k) for (v, m), k in sorted(methods.items())))
    if args.failures:
        with open(args.failures, 'w', encoding='utf-8') as g:
            g.write('verdict\tlang\tquery\tlemma\tgold\treturned\tmethod\tscore\n')
            for f in sorted(failures):
                g.write('\t'.join(str(x) for x in f) + '\n')


if __name__ == '__main__':
    main()
