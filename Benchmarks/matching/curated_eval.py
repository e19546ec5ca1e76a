#!/usr/bin/env python3
"""The curated glossaries' concepts (people, places, organizations, events: multi-word names as news writes them),
looked up in nine languages: false matches when a concept is missing, and names found when a language is missing.

`eval.py` and `gazetteer_fmr.py` measure places, one or two words each, from CLDR. News also names ministries,
armed forces, wars and people, whose names share most of their words with other concepts' (*Ministry of Defence of
Ukraine*, *… of Armenia*). This script measures that regime on Glossaries/curated (offline; needs only a release build
of onoma):

  --mode absent (default): the curated concepts dealt into K folds by sha1(id) % K; each fold left out of a store of
      every shipped file (as the default store is built); each left-out concept looked up by its names in each query
      language with --from. Any concept returned is a false match, except (reported apart) one whose English name
      holds the left-out one's or is held in it (the concept's CLDR twin: curated *Minsk* and the time-zone city) and
      a language concept found for a country's adjective (Russian *турецкий* is Turkish, the language).
  --mode recall: for each query language, a store of the curated glossaries without that language's column; each
      concept's names in that language looked up with --from. Right when the returned concept is the one, wrong when
      another, none when nothing.

Query languages (default): ru uk hy ka fa fr de tr az, the curated files' non-English columns.

  --forms: instead of each name as the glossary writes it, the people's names of two to four words as lists, registers
      and news write them: family name first with a comma (*Poutine, Vladimir*) and in capitals (*POUTINE Vladimir*),
      the given names as initials (*V. Poutine*), and after a title of the query language (*M. Poutine*, *господин
      Путин*; the titles are Rules/person-titles.txt's own, so this measures the mechanism, not the table's coverage).
      The family name is taken to be the last word: the few names with a particle are asked in forms nobody writes
      (*Drian, Jean-Yves Le*). For names with two given names or more, also the first given name alone with the
      family name (*Recep Erdoğan*) and the later ones (*Tayyip Erdoğan*). Reported per form.

Usage: python3 Benchmarks/matching/curated_eval.py [--onoma PATH] [--mode absent|recall] [--folds 5] [--langs …]
                                                 [--forms] [--keep DIR] [--failures FILE]
"""
import argparse
import collections
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
LANGS = ['ru', 'uk', 'hy', 'ka', 'fa', 'fr', 'de', 'tr', 'az']

# The shipped files' reader, shared with gazetteer_fmr.py.
_spec = importlib.util.spec_from_file_location('gazetteer_fmr', os.path.join(HERE, 'gazetteer_fmr.py'))
gf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gf)
names, shipped_tables = gf.names, gf.shipped_tables


# One title per query language for --forms (a form of address, as a list of names would write it).
TITLES = {'ru': 'господин', 'uk': 'пан', 'hy': 'պարոն', 'ka': 'ბატონი', 'fa': 'آقای', 'fr': 'M.', 'de': 'Herr',
          'tr': 'Sayın', 'az': 'cənab', 'en': 'Mr'}


def forms(name, language):
    """A person's name of two to four words as lists write it: (form, text) pairs."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return []
    family, given = words[-1], words[:-1]
    out = [('comma', f'{family}, {" ".join(given)}'), ('caps', f'{family.upper()} {" ".join(given)}')]
    if all(w[:1].isupper() for w in given):
        initials = ' '.join('-'.join(p[0] + '.' for p in w.split('-') if p) for w in given)
        out.append(('initials', f'{initials} {family}'))
    if language in TITLES:
        out.append(('title', f'{TITLES[language]} {family}'))
    # Given names left out, when there are two or more (a hyphen joins two: *Kassym-Jomart*): the first alone
    # (*Recep Erdoğan*, *Kassym Tokayev*) and the others alone (*Tayyip Erdoğan*, *Javad Zarif*).
    parts = [p for w in given for p in w.split('-') if p]
    if len(parts) >= 2:
        out.append(('first-given', f'{parts[0]} {family}'))
        out.append(('later-given', f'{" ".join(parts[1:])} {family}'))
    return out


def queries_of(args, header, row, language):
    """(query, concept, form) for a row's names in `language`: the names, or with --forms a person's list forms."""
    found = names(cell(header, row, language))
    if not args.forms:
        return [(name, row[0], 'name') for name in found]
    if cell(header, row, 'type') != 'person':
        return []
    return [(text, row[0], form) for name in found for form, text in forms(name, language)]


def cell(header, row, column):
    i = header.index(column) if column in header else -1
    return row[i] if 0 <= i < len(row) else ''


def import_store(onoma, files, store):
    subprocess.run([onoma, 'glossary', 'import', *files, '--store', store, '--quiet'], check=True,
                   stdout=subprocess.DEVNULL)


def lookup(onoma, store, language, queries, work):
    """The entity and method `onoma normalize --from language` gives each query, in order."""
    path = os.path.join(work, f'queries-{language}.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(q + '\n' for q in queries))
    out = subprocess.run([onoma, 'normalize', path, '--from', language, '--store', store],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    header = out[0].split('\t')
    rows = [line.split('\t') for line in out[1:]]
    assert len(rows) == len(queries), f'{language}: {len(rows)} rows for {len(queries)} queries'
    return [(r[header.index('entity')], r[header.index('canonical')], r[header.index('method')]) for r in rows]


def absent(args, tables, work):
    english = {}
    for path, (_, header, rows) in tables.items():
        for row in rows:
            first = names(cell(header, row, 'en'))
            english[row[0]] = first[0].casefold() if first else None
    curated = [p for p in tables if p.startswith('curated/')]
    fold_of = {row[0]: int(hashlib.sha1(row[0].encode()).hexdigest(), 16) % args.folds
               for p in curated for row in tables[p][2]}
    total, false, twins, adjectives = collections.Counter(), collections.Counter(), 0, 0
    by_form, false_by_form = collections.Counter(), collections.Counter()
    by_method, failures = collections.Counter(), []
    for fold in range(args.folds):
        folder = os.path.join(work, f'fold-{fold}')
        os.makedirs(folder, exist_ok=True)
        files, queries = [], collections.defaultdict(list)
        for path, (first_line, header, rows) in tables.items():
            kept = []
            for row in rows:
                if path.startswith('curated/') and fold_of[row[0]] == fold:
                    for language in args.langs:
                        queries[language] += queries_of(args, header, row, language)
                else:
                    kept.append(row)
            out = os.path.join(folder, path.replace('/', '-'))
            with open(out, 'w', encoding='utf-8') as f:
                f.write(first_line + '\n' + ''.join('\t'.join(r) + '\n' for r in kept))
            files.append(out)
        store = os.path.join(folder, 'store.sqlite')
        import_store(args.onoma, files, store)
        for language in args.langs:
            if not queries[language]:
                continue
            found = lookup(args.onoma, store, language, [q for q, _, _ in queries[language]], folder)
            for (query, gold, form), (entity, canonical, method) in zip(queries[language], found):
                total[language] += 1
                by_form[form] += 1
                if not entity:
                    continue
                gold_en, got_en = english.get(gold), canonical.casefold()
                if gold_en and (gold_en in got_en or got_en in gold_en):
                    twins += 1
                elif entity.startswith('lang-'):
                    adjectives += 1
                else:
                    false[language] += 1
                    false_by_form[form] += 1
                    by_method[method] += 1
                    failures.append((language, query, gold, entity, method))
        print(f'fold {fold}: {sum(total.values())} queries so far, {sum(false.values())} false', file=sys.stderr)
    n, f = sum(total.values()), sum(false.values())
    print(f'curated concepts left out ({args.folds} folds), looked up in {", ".join(args.langs)}')
    print(f'queries {n}; false matches {f} = {100 * f / max(1, n):.1f} %; not counted: CLDR twins {twins}, '
          f'adjectives found as their language {adjectives}')
    print('false matches by method: ' + ', '.join(f'{m} {c}' for m, c in by_method.most_common()))
    print('by language: ' + ', '.join(f'{l} {100 * false[l] / max(1, total[l]):.1f} % ({total[l]})'
                                      for l in args.langs))
    if args.forms:
        print('by form: ' + ', '.join(f'{k} {100 * false_by_form[k] / max(1, by_form[k]):.1f} % ({by_form[k]})'
                                      for k in sorted(by_form)))
    return failures


def recall(args, tables, work):
    curated = {p: t for p, t in tables.items() if p.startswith('curated/')}
    results, failures = {}, []
    per_form = collections.defaultdict(collections.Counter)
    for language in args.langs:
        folder = os.path.join(work, f'without-{language}')
        os.makedirs(folder, exist_ok=True)
        files, queries = [], []
        for path, (_, header, rows) in curated.items():
            keep = [i for i, h in enumerate(header) if h != language]
            out = os.path.join(folder, path.replace('/', '-'))
            with open(out, 'w', encoding='utf-8') as f:
                f.write('\t'.join(header[i] for i in keep) + '\n')
                for row in rows:
                    f.write('\t'.join(row[i] if i < len(row) else '' for i in keep) + '\n')
                    queries += queries_of(args, header, row, language)
            files.append(out)
        store = os.path.join(folder, 'store.sqlite')
        import_store(args.onoma, files, store)
        counts = collections.Counter()
        found = lookup(args.onoma, store, language, [q for q, _, _ in queries], folder) if queries else []
        for (query, gold, form), (entity, _, method) in zip(queries, found):
            kind = 'right' if entity == gold else 'wrong' if entity else 'none'
            counts[kind] += 1
            per_form[form][kind] += 1
            if kind != 'right':
                failures.append((language, query, gold, entity or '-', method or '-'))
        results[language] = (len(queries), counts)
    print(f'curated names of one language looked up in the curated glossaries without that language (--from)')
    for language, (n, counts) in results.items():
        print(f'  {language}: {n} names, right {counts["right"] / max(1, n):.3f}, wrong {counts["wrong"]}, '
              f'none {counts["none"]}')
    if args.forms:
        for form, counts in sorted(per_form.items()):
            n = sum(counts.values())
            print(f'  form {form}: {n} names, right {counts["right"] / max(1, n):.3f}, wrong {counts["wrong"]}, '
                  f'none {counts["none"]}')
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--onoma', default=os.path.join(ROOT, '.build-bench', 'release', 'onoma'))
    parser.add_argument('--mode', choices=['absent', 'recall'], default='absent')
    parser.add_argument('--folds', type=int, default=5)
    parser.add_argument('--langs', default=','.join(LANGS), help='query languages, comma-separated')
    parser.add_argument('--keep', help='keep the stores and queries in this directory')
    parser.add_argument('--failures', help='write the false matches (absent) or misses (recall) to this TSV')
    parser.add_argument('--forms', action='store_true',
                        help="people's names as lists write them (family name first, initials, a title)")
    args = parser.parse_args()
    args.langs = [l for l in args.langs.split(',') if l]
    if not os.path.exists(args.onoma):
        sys.exit(f'{args.onoma} not found: swift build -c release --scratch-path .build-bench --product onoma')
    work = args.keep or tempfile.mkdtemp(prefix='onoma-curated-')
    os.makedirs(work, exist_ok=True)
    try:
        tables = shipped_tables()
        failures = (absent if args.mode == 'absent' else recall)(args, tables, work)
        if args.failures:
            with open(args.failures, 'w', encoding='utf-8') as f:
                f.write('language\tquery\tgold\treturned\tmethod\n')
                f.writelines('\t'.join(r) + '\n' for r in failures)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
