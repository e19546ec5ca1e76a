#!/usr/bin/env python3
"""False matches on the shipped store: names of places the store does not hold, looked up in a store as dense as
the default one.

`eval.py` measures the false-match rate on a sparse glossary (each place's English and native names only). The
embedded default store is another regime: the CLDR gazetteer lists every place in ~700 locales, so a name nobody
stored has, somewhere among 117,000 terms, a look-alike in a language its writer never read (French *Pékin* and the
Bafia name of Pitcairn, *pitkɛ́n*). This script measures that regime.

Set-up (offline; needs only a release build of onoma):
  store     = every file of Glossaries/ except examples/ (as the default store is built), with the time-zone cities
              and territories of one fold left out of Glossaries/cldr/cities.tsv and territories.tsv;
  folds     = those generated place concepts dealt into K folds by sha1("gazetteer:" + id) % K; every concept is
              left out once;
  queries   = each left-out concept's fr de es it pl cs tr nl pt names (the gazetteer's own cells, every spelling),
              one `onoma normalize --from LANG --store … --format jsonl` run per fold and language;
  twins     = a curated concept of the same type and English name as a left-out one (Glossaries/curated/places.tsv
              has Belarus too) is left out with it: it is the same entity;
  false     = any entity returned. Reported by the method that matched, and apart (not counted) for a query spelled
              like a term of a concept still in the store (exact or key step: another place of that very name, such
              as the city and the territory of Luxembourg, is no error of the cascade) and for a returned concept whose
              English name holds the left-out one's or is held in it (*Île Norfolk* → the time zone city Norfolk):
              the set holds those places twice.

With --recall, the other side: the fold's places stay in the store without their names in the nine query
languages (and those languages' regional variants: fr-CA, es-419 …), and are queried with those names. A query is
right when the returned entity is the place (or its curated twin), wrong when it is another, none when nothing.
The store still holds the places' names in the other ~690 locales (Catalan, Galician, Slovak …), so some queries meet
their very spelling there.

Usage: python3 Benchmarks/matching/gazetteer_fmr.py [--onoma PATH] [--folds 10] [--recall] [--keep DIR] [--langs fr,de,…]
                                                   [--failures FILE] [--matches FILE] [--no-from]
"""
import argparse
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
LANGS = ['fr', 'de', 'es', 'it', 'pl', 'cs', 'tr', 'nl', 'pt']
HELD = ('cldr/cities.tsv', 'cldr/territories.tsv')


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    header = lines[0].split('\t')
    rows = [line.split('\t') for line in lines[1:] if line and not line.startswith('#')]
    return lines[0], header, rows


def names(cell):
    """The terms of a cell: ' | ' separated, markers ({…}) and quotes dropped."""
    out = []
    for term in cell.split(' | ') if cell else []:
        term = term.split(' {')[0].strip().strip('"')
        if term:
            out.append(term)
    return out


def shipped_tables():
    """Every glossary file of Glossaries/ but the examples, parsed: {path under Glossaries/: read_tsv(path)}."""
    glossaries = os.path.join(ROOT, 'Glossaries')
    files = sorted(os.path.relpath(os.path.join(d, f), glossaries)
                   for d, _, fs in os.walk(glossaries) for f in fs
                   if f.endswith('.tsv') and not os.path.relpath(d, glossaries).startswith('examples'))
    return {f: read_tsv(os.path.join(glossaries, f)) for f in files}


def concept_names(tables):
    """Per concept id, its type and first English name (case-folded, or None), and every name of it, case-folded."""
    english = {}
    spellings = {}
    for _, header, rows in tables.values():
        fixed = {i for i, h in enumerate(header) if h in ('id', 'type', 'domain', 'note', 'source', 'wikidata')}
        for row in rows:
            en = names(row[header.index('en')]) if 'en' in header and header.index('en') < len(row) else []
            english[row[0]] = (row[1], en[0].casefold() if en else None)
            spellings.setdefault(row[0], set()).update(
                n.casefold() for i, cell in enumerate(row) if i not in fixed for n in names(cell))
    return english, spellings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--onoma', default=os.path.join(ROOT, '.build-bench', 'release', 'onoma'))
    parser.add_argument('--folds', type=int, default=10)
    parser.add_argument('--keep', help='keep the stores and glossaries in this directory')
    parser.add_argument('--failures', help='write every false match (with --recall: every miss) to this TSV file')
    parser.add_argument('--no-from', action='store_true',
                        help='look the names up without their language (no --from): the unknown-language regime')
    parser.add_argument('--matches', help='write every query that returned an entity, with its method, score and '
                        'verdict (right, wrong; false, homonym, nested), to this TSV file (score_reliability.py)')
    parser.add_argument('--recall', action='store_true',
                        help='keep the places, without their names in the query languages, and look for them')
    parser.add_argument('--langs', default=','.join(LANGS),
                        help='query languages, comma-separated (default: %(default)s): any locale of the gazetteer, '
                             'e.g. zh,yue for names in Chinese characters')
    args = parser.parse_args()
    LANGS[:] = [lang for lang in args.langs.split(',') if lang]
    if not os.path.exists(args.onoma):
        sys.exit('no onoma binary at %s: build it with swift build -c release --product onoma' % args.onoma)

    glossaries = os.path.join(ROOT, 'Glossaries')
    tables = shipped_tables()
    files = sorted(tables)
    concepts = [(row[0], f) for f in HELD for row in tables[f][2]]
    english, spellings = concept_names(tables)
    fold_of = {cid: int(hashlib.sha1(('gazetteer:' + cid).encode()).hexdigest(), 16) % args.folds
               for cid, _ in concepts}

    work = args.keep or tempfile.mkdtemp(prefix='onoma-gazetteer-')
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache'))
    totals = collections.Counter()
    by_method = collections.Counter()
    homonyms = collections.Counter()
    nested = collections.Counter()
    by_lang = collections.defaultdict(collections.Counter)
    examples = []
    returned = []     # every query that returned an entity: its row of --matches, verdict last
    try:
        for fold in range(args.folds):
            out_dir = os.path.join(work, 'fold%d' % fold)
            os.makedirs(os.path.join(out_dir, 'cldr'), exist_ok=True)
            left_out = {cid for cid, k in fold_of.items() if k == fold}
            identities = {english[cid] for cid in left_out if english[cid][1]}
            twins = {cid for cid, identity in english.items()
                     if cid not in fold_of and identity in identities}
            if args.recall:
                twins = set()
            queries = collections.defaultdict(list)   # lang -> [(name, cid)]
            paths = []
            for f in files:
                if f in HELD or any(row[0] in twins for row in tables[f][2]):
                    first, header, rows = tables[f]
                    if args.recall:
                        # The fold's places stay, without their cells in the query languages.
                        blank = {i for i, h in enumerate(header) if h.split('-')[0] in LANGS}
                        kept = [[('' if i in blank and row[0] in left_out else c) for i, c in enumerate(row)]
                                for row in rows]
                    else:
                        kept = [row for row in rows if row[0] not in left_out and row[0] not in twins]
                    path = os.path.join(out_dir, f)
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, 'w', encoding='utf-8') as g:
                        g.write(first + '\n' + ''.join('\t'.join(row) + '\n' for row in kept))
                    for row in rows:
                        if row[0] not in left_out:
                            continue
                        for lang in LANGS:
                            if lang in header and header.index(lang) < len(row):
                                for name in names(row[header.index(lang)]):
                                    queries[lang].append((name, row[0]))
                    paths.append(path)
                else:
                    paths.append(os.path.join(glossaries, f))
            store = os.path.join(out_dir, 'store.sqlite')
            subprocess.run([args.onoma, 'glossary', 'import', *paths, '--store', store, '--quiet'], check=True,
                           env=env, stdout=subprocess.DEVNULL)
            # The names the store still holds: a left-out place spelled like one of them is a homonym.
            known = set().union(*(spelled for cid, spelled in spellings.items()
                                  if cid not in left_out and cid not in twins))
            for lang in LANGS:
                distinct = sorted(set(queries[lang]))
                if not distinct:
                    continue
                query_file = os.path.join(out_dir, 'queries-%s.txt' % lang)
                with open(query_file, 'w', encoding='utf-8') as g:
                    g.write(''.join(name + '\n' for name, _ in distinct))
                from_lang = [] if args.no_from else ['--from', lang]
                run = subprocess.run([args.onoma, 'normalize', query_file, *from_lang, '--store', store,
                                      '--format', 'jsonl', '--quiet'], check=True, env=env, capture_output=True,
                                     text=True)
                for (name, cid), line in zip(distinct, run.stdout.splitlines()):
                    row = json.loads(line)
                    if row.get('entity'):
                        returned.append([lang, name, cid, row['entity'], row.get('method'), row.get('score') or 0])
                    totals['queries'] += 1
                    by_lang[lang]['queries'] += 1
                    if args.recall:
                        got = row.get('entity')
                        verdict = 'none' if not got else 'right' if (
                            got == cid or (english.get(got) == english[cid] and english[cid][1])) else 'wrong'
                        totals[verdict] += 1
                        by_lang[lang][verdict] += 1
                        if got:
                            returned[-1].append(verdict)
                        if verdict == 'right':
                            by_method[row.get('method')] += 1
                        else:
                            examples.append((lang, name, cid, got or '-', row.get('method') or '-', row.get('score')))
                        continue
                    if not row.get('entity'):
                        continue
                    method = row.get('method')
                    if method in ('exact', 'key') and name.casefold() in known:
                        homonyms[method] += 1
                        returned[-1].append('homonym')
                        continue
                    gold, got = english[cid][1] or '', english.get(row['entity'], (None, None))[1] or ''
                    if gold and got and (gold in got or got in gold):
                        nested[method] += 1
                        returned[-1].append('nested')
                        continue
                    returned[-1].append('false')
                    totals['false'] += 1
                    by_lang[lang]['false'] += 1
                    by_method[method] += 1
                    examples.append((lang, name, cid, row['entity'], method, row.get('score')))
            print('fold %d: %d concepts left out, %d queries so far, %d false' % (
                fold, len(left_out), totals['queries'], totals['false']), file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    n = totals['queries']
    if args.matches:
        with open(args.matches, 'w', encoding='utf-8') as f:
            f.write('lang\tquery\tgold\treturned\tmethod\tscore\tverdict\n')
            for lang, name, cid, entity, method, score, verdict in returned:
                f.write('%s\t%s\t%s\t%s\t%s\t%.3f\t%s\n' % (lang, name, cid, entity, method, score, verdict))
    if args.failures:
        with open(args.failures, 'w', encoding='utf-8') as f:
            f.write('lang\tquery\tgold\treturned\tmethod\tscore\n')
            for lang, name, cid, entity, method, score in examples:
                f.write('%s\t%s\t%s\t%s\t%s\t%.3f\n' % (lang, name, cid, entity, method, score or 0))
    if args.recall:
        print('gazetteer recall (%d folds, %d place concepts, each kept without its names in %s)' % (
            args.folds, len(concepts), ' '.join(LANGS)))
        print('queries %d; right %d = %.1f %%, wrong %d = %.1f %%, none %d = %.1f %%' % (
            n, totals['right'], 100.0 * totals['right'] / max(n, 1), totals['wrong'],
            100.0 * totals['wrong'] / max(n, 1), totals['none'], 100.0 * totals['none'] / max(n, 1)))
        print('right by method: ' + ', '.join('%s %d' % kv for kv in by_method.most_common()))
        print('by language (right): ' + ', '.join('%s %.1f %% (%d)' % (l, 100.0 * c['right'] / max(c['queries'], 1),
                                                                       c['queries'])
                                                  for l, c in sorted(by_lang.items())))
        step = max(1, len(examples) // 25)
        for lang, name, cid, entity, method, score in examples[::step][:25]:
            print('  %s %-28s (%s) -> %s %s %.3f' % (lang, name, cid, entity, method, score or 0))
        return
    print('gazetteer false matches (%d folds, %d left-out place concepts, every file of Glossaries/ else)' % (
        args.folds, len(concepts)))
    print('queries %d; false matches %d = %.1f %%; homonyms (exact/key on a name still stored, not counted) %s' % (
        n, totals['false'], 100.0 * totals['false'] / max(n, 1), dict(homonyms)))
    print('nested names (one English name holds the other, not counted): %s' % dict(nested))
    print('false matches by method: ' + ', '.join('%s %d' % kv for kv in by_method.most_common()))
    print('by language: ' + ', '.join('%s %.1f %% (%d)' % (l, 100.0 * c['false'] / max(c['queries'], 1), c['queries'])
                                      for l, c in sorted(by_lang.items())))
    step = max(1, len(examples) // 25)
    for lang, name, cid, entity, method, score in examples[::step][:25]:
        print('  %s %-28s (%s) -> %s %s %.3f' % (lang, name, cid, entity, method, score or 0))


if __name__ == '__main__':
    main()
