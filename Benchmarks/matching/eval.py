#!/usr/bin/env python3
"""Measured quality of Onoma's matching cascade (the Swift `onoma` binary), end to end, with baselines.

Offline; needs PyICU (built on the system libicu, 72 here), numpy, rapidfuzz, unidecode and abydos
(Beider-Morse baseline; `pip install abydos`, 0.5.0 works on Python 3.11), and a release build of onoma:

    cd /work/main && PATH=/opt/swift/usr/bin:$PATH swift build -c release --product onoma --scratch-path .build-eval
    python3 Benchmarks/matching/eval.py            # or --build to run that build first

Data set (the one of Benchmarks/transcription/eval.py, imported from it: same concepts, same merge, same
classes, same split):
  concepts  = the canonical location time zones (exemplar city, pattern "VVV") and the ISO territories, from ICU's
              CLDR data; concepts whose English names fold to the same ASCII string are merged.
  glossary  = per concept its English name(s) and, when the main language of the concept's country (likely
              subtags of und_<region>) is written in a non-Latin script and ICU has a BGN/PCGN transliterator for
              it, its NATIVE name in the ORIGINAL script under the native language tag (ru Ереван, hy Երևան,
              ka თბილისი): the Swift cascade transliterates it itself.  (The transcription eval stored the BGN
              output instead; the set of names is the same, so native names BGN cannot fully transliterate are
              left out here too.)  Written as an Onoma TSV glossary (Glossaries/FORMAT.md), type place.
  queries   = the concept's fr de es it pl cs tr nl pt names (CLDR), one `onoma normalize --from LANG` run per
              language.
  class     = TRANSCRIPTION when the normalized Levenshtein distance between the query's ASCII fold (Latin-ASCII,
              letters only) and the ASCII fold of the English name or of the BGN transliteration of the native
              name is <= 0.5, else TRANSLATION (Allemagne/Germany).  Independent of the rule tables.
              "identical" transcriptions (same string as an English name after input preparation) are counted
              apart: the headline transcription figure leaves them out (as the transcription eval does); the
              "incl. identical" figure keeps them.
  split     = sha1(concept id) % 100 < 30 -> UNSEEN slice (30 %), else DEV: the split the rule tables were
              written on, so the unseen slice stays unseen.  Failures are only ever listed for the dev slice.

Scoring:
  accuracy@1  = the returned entity (onoma: `entity` of the jsonl row, which is the best match with score >= 0.5;
                baselines: best candidate above their threshold) is the gold concept; no match counts as wrong.
  false match = K-fold hold-out: concepts are dealt into K folds by sha1("fmr:" + id) % K (independent of the
                dev/unseen split); for each fold a second store is built WITHOUT that fold's concepts and queried
                with their fr..pt names: any entity returned is a false match.  Every concept is held out exactly
                once, so the rate is over all queries.  The table uses K = 20 (5 % held out per store, close to
                leave-one-out, the transcription eval's definition); K = 5 (a random 20 % held out per store, the
                plain "held-out 20 %" design) is printed as a sensitivity line: it reads lower, because a concept
                whose look-alike (Colombo / Colombia) falls in the same fold cannot be falsely matched to it.
                Reported on the dev and unseen slices.  Target <= 2 %.
  reliability = per score band (one per fixed-score step, four fuzzy bands), the matches returned right or wrong
                with the gold concept in the store and false with it held out (K-fold run): the share of right ones
                is the band's precision when half of the names asked are in the store (reliability_table()).
  baselines   = on the same glossary, queries, classes, split and folds:
                (a) unidecode + rapidfuzz normalized Levenshtein similarity of the lower-cased alphanumeric
                    unidecode folds, best match over the English and the unidecoded native names; accept iff
                    similarity >= t, t calibrated on DEV as the value maximising dev transcription acc@1 with a
                    dev false-match rate <= 2 % (same procedure as the transcription eval);
                (b) Beider-Morse (abydos BeiderMorse, generic name mode, approximate match, languages given:
                    the query's language, english for English names, auto-detected for the unidecoded native
                    names; each word of a multi-word name is coded apart, BMPM's approximate mode, so one shared
                    word suffices): a glossary name is a candidate when its phonetic code set intersects the query's;
                    the candidate with the best similarity of (a) wins; a match whenever there is a candidate.
                    Also shown with a similarity threshold calibrated like (a).
Timing: wall-clock time of each `onoma normalize` run (process start, store open, index build, all queries; median
of --timing-runs runs), and a one-query run on the same store to estimate the fixed start-up part.  The stores live
in a temporary directory, and XDG_CACHE_HOME points there too (Onoma's transcription-key cache starts empty: the
first, "cold" one-query run fills it, as a user's first run would).

Usage: python3 eval.py [--build] [--onoma PATH] [--folds 20,5] [--timing-runs 3] [--failures FILE] [--explain N]
                       [--keep DIR]
"""
import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import signal
import tempfile
import time
from collections import Counter, defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
SCRATCH = '.build-eval'
DEFAULT_ONOMA = os.path.join(ROOT, SCRATCH, 'release', 'onoma')
BUILD_CMD = 'cd %s && PATH=/opt/swift/usr/bin:$PATH swift build -c release --product onoma --scratch-path %s' % (
    ROOT, SCRATCH)

sys.dont_write_bytecode = True     # write nothing outside Benchmarks/matching
_spec = importlib.util.spec_from_file_location(
    'transcription_eval', os.path.join(ROOT, 'Benchmarks', 'transcription', 'eval.py'))
te = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(te)

QUERY_LANGS = list(te.QUERY_LANGS)    # fr de es it pl cs tr nl pt (--langs for others)
MAX_FMR = te.MAX_FMR                  # 0.02
TARGET_ACC = 0.95
BM_LANG = {'fr': 'french', 'de': 'german', 'es': 'spanish', 'it': 'italian', 'pl': 'polish', 'cs': 'czech',
           'tr': 'turkish', 'nl': 'dutch', 'pt': 'portuguese', 'en': 'english'}


# ---------------------------------------------------------------- glossary

def slug(cid):
    return re.sub('[^a-z0-9]+', '-', cid.lower()).strip('-')


def check_term(t):
    if not t or '\t' in t or '\n' in t or ' | ' in t or t.startswith('"') or t.startswith('#') \
            or re.search(r' \{[^}]*\}$', t):
        raise SystemExit('name cannot be written as a TSV term: %r' % t)
    return t


def write_glossary(path, data, exclude=frozenset()):
    langs = sorted({l for c in data for _, l in c['entries'] if l != 'en'})
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\t'.join(['id', 'type', 'note', 'en'] + langs) + '\n')
        n = 0
        for c in data:
            if c['id'] in exclude:
                continue
            cells = defaultdict(list)
            for name, l in c['entries']:
                cells[l].append(check_term(name))
            f.write('\t'.join([c['slug'], 'place', 'CLDR ' + ', '.join(c['all_ids'])] +
                              [' | '.join(cells[l]) for l in ['en'] + langs]) + '\n')
            n += 1
    return n


# ---------------------------------------------------------------- onoma runs

class Onoma:
    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir
        self.env = dict(os.environ, XDG_CACHE_HOME=os.path.join(workdir, 'cache'))
        self.env.pop('ONOMA_STORE', None)

    def run(self, args, check=True):
        p = subprocess.run([self.binary] + args, capture_output=True, text=True, env=self.env)
        if check and p.returncode != 0:
            raise SystemExit('onoma %s failed (%d): %s' % (' '.join(args[:3]), p.returncode, p.stderr.strip()))
        return p

    def make_store(self, name, data, exclude=frozenset()):
        tsv = os.path.join(self.workdir, name + '.tsv')
        store = os.path.join(self.workdir, name + '.sqlite')
        n = write_glossary(tsv, data, exclude)
        self.run(['glossary', 'import', tsv, '--store', store, '--quiet'])
        return store, n

    def normalize(self, store, lang, names):
        """(rows, seconds): one jsonl row per name, in order."""
        path = os.path.join(self.workdir, 'queries-%s.txt' % lang)
        with open(path, 'w', encoding='utf-8') as f:
            for n in names:
                f.write(n + '\n')
        t0 = time.perf_counter()
        p = self.run(['normalize', path, '--from', lang, '--store', store, '--format', 'jsonl', '--quiet'])
        secs = time.perf_counter() - t0
        rows = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
        if len(rows) != len(names):
            raise SystemExit('onoma normalize --from %s: %d rows for %d names' % (lang, len(rows), len(names)))
        for r, n in zip(rows, names):
            if r['input'] != n:
                raise SystemExit('onoma normalize: row order mismatch (%r vs %r)' % (r['input'], n))
            if r.get('error'):
                raise SystemExit('onoma normalize: error row for %r: %s' % (n, r['error']))
        return rows, secs

    def lookup(self, store, lang, name):
        p = self.run(['lookup', name, '--from', lang, '--store', store, '--json', '--limit', '3'], check=False)
        if p.returncode not in (0, 1):
            return {'error': p.stderr.strip()}
        return json.loads(p.stdout.strip().splitlines()[0])


# ---------------------------------------------------------------- scoring helpers

def decide(S, econc, gold, qfold, efold):
    """Best entry per query over the full glossary, and over the glossary without the query's fold."""
    econc = np.asarray(econc)
    bi = S.argmax(axis=1)
    best = S[np.arange(len(S)), bi]
    held = efold[None, :] == qfold[:, None]
    S2 = np.where(held, -1.0, S)
    li = S2.argmax(axis=1)
    return best, econc[bi], S2[np.arange(len(S)), li], econc[li]


def rate(x, mask):
    return (float(np.mean(x[mask])) if mask.any() else float('nan'), int(mask.sum()))


def fmt(x, width=13):
    v, n = x
    s = '   -  (0)' if n == 0 else '%.3f (%d)' % (v, n)
    return s.ljust(width)


SCORE_BINS = [(0.995, 1.001, 'exact (1.00)'), (0.965, 0.995, 'key (0.97)'), (0.935, 0.965, 'transliteration (0.94)'),
              (0.895, 0.935, 'transcription (0.90)'), (0.875, 0.895, 'generic words (0.88)'),
              (0.8, 0.875, 'fuzzy 0.80-0.87'), (0.7, 0.8, 'fuzzy 0.70-0.79'), (0.6, 0.7, 'fuzzy 0.60-0.69'),
              (0.5, 0.6, 'fuzzy 0.50-0.59')]


def reliability_table(score, method, right, fm_score, fm_method, fm, dev, unseen, k):
    """Whether a score means what it says: for each score band, the matches returned with the gold concept in the
    store (right or wrong) and with it held out (always wrong), and the share of right ones among all of them.

    Every query is asked twice, once with its concept in the store and once without (the K-fold hold-out), so the
    share is the precision of a band when half the names asked are in the store. Bands by score, which the
    method sets (a fixed score per exact to generic-word step, a similarity-dependent one for the fuzzy step)."""
    lines = ['score reliability (each query asked with its concept in the store, and held out of it, %d-fold): '
             'per score band, matches returned right / wrong with the concept in / wrong with it held out, and '
             'right among all' % k,
             '  %-24s | %-29s | %-29s' % ('band', 'DEV right/wrong/held -> share', 'UNS right/wrong/held -> share')]
    for low, high, label in SCORE_BINS:
        cells = []
        for mask in (dev, unseen):
            present = mask & (score >= low) & (score < high) & (method != None)  # noqa: E711
            held = mask & fm & (fm_score >= low) & (fm_score < high)
            r, w, h = int((present & right).sum()), int((present & ~right).sum()), int(held.sum())
            total = r + w + h
            cells.append('%4d / %3d / %3d -> %s' % (r, w, h, '%.2f' % (r / total) if total else '  - '))
        lines.append('  %-24s | %-29s | %-29s' % (label, cells[0], cells[1]))
    return '\n'.join(lines)


BM_SECONDS = 2.0


def bm_codes(encoders, name, lang):
    if lang not in encoders:
        from abydos.phonetic import BeiderMorse
        encoders[lang] = BeiderMorse(language_arg=BM_LANG.get(lang, 0))
    # abydos's alternatives multiply with a name's length: a long romanization (Korean 상트페테르부르크,
    # sangteupeteuleubuleukeu) ran for many minutes. Such a name gets no code after BM_SECONDS (counted as a failure).
    def give_up(signum, frame):
        raise TimeoutError(name)
    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, BM_SECONDS)
    try:
        return frozenset(encoders[lang].encode(name).split())
    except Exception:            # should abydos fail on an input: no code, never a candidate (counted)
        encoders['failed'] = encoders.get('failed', 0) + 1
        return frozenset()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)



# ---------------------------------------------------------------- failure categories (dev slice only)

CATEGORY_TEXT = {
    'nested': 'the set holds the place twice: the gold concept and the returned one have English names where one '
              'begins the other or adds an s (Norfolk / Norfolk Island, Mexico / Mexico City, Comoro / Comoros, '
              'Faroe / Faroe Islands): a data-set artefact more than a matcher error',
    'other-name': 'another concept has this very name (exact/key/transliteration/transcription step)',
    'wrong-fuzzy': 'wrong entity through the fuzzy step (a similar name of another concept)',
    'qualifier': 'the query carries a qualifier in parentheses: Tripoli (Libye), Yangón (Rangún)',
    'skeleton-veto': 'near miss vetoed by the skeleton: key similarity >= 0.755 but skeleton similarity < 0.755 '
                     '(Yakarta ikrt/jkrt 0.75, Berlim, Wagadugu)',
    'generic-word': 'multi-word name with a translated generic word (Saint/San/Svatý, Islands/Adaları, '
                    'North/Severní, Cape/Cabo, City/Kenti)',
    'near-miss': 'near miss: best key similarity 0.6 to 0.755 (Moscú/Moscow, Aszchabad/Ashgabat)',
    'exonym': 'exonym or name from another source, similarity < 0.6 (Polonia/Poland, Rangun/Yangon, '
              'Kišiněv/Chisinau): counted as a transcription by the ASCII-distance criterion',
    'spelled-as-other': 'the query is spelled like another concept\'s name (exact/key/transcription step)',
    'fuzzy-similar': 'fuzzy step: a similar but different name (Colombie -> Colombo, Estland -> Iceland, '
                     'Anguilla -> Angola, Guyana -> Ghana, Dominikana -> Dominica)',
}


def _lev(a, b):
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.normalized_similarity(a.replace(' ', ''), b.replace(' ', ''))


def gold_similarity(folder, q, gold_entries):
    """(description, best min(key, skeleton) similarity, best key similarity) of a query to its gold names,
    computed as the Swift fuzzy step does (query keys: its language's + common, and common alone)."""
    qkeys = dict.fromkeys([folder.key(q['name'], q['lang']), folder.key(q['name'], 'und')])
    best = (-1.0, -1.0, '')
    for kq in qkeys:
        sq = folder.skeleton(kq)
        for n, l in gold_entries:
            ke = folder.key(n, l)
            se = folder.skeleton(ke)
            ks, ss = _lev(kq, ke), _lev(sq, se)
            cand = (min(ks, ss), ks, '%s [%s] vs %s [%s]: key %.2f skeleton %.2f' % (kq, sq, ke, se, ks, ss))
            best = max(best, cand)
    return best[2], best[0], best[1]


def nested(folder, cid_a, cid_b, ent_by_c):
    """Whether two concepts' English names are the same place named twice in the set: one name's words begin
    the other's (Norfolk / Norfolk Island, Vatican / Vatican City, Mexico / Mexico City), or they differ by a
    final s (Comoro / Comoros)."""
    def en(cid):
        return [folder.key(n, l).split() for n, l in ent_by_c.get(cid, ()) if l == 'en']

    def begins(a, b):               # a's words begin b, or a + s / a + island(s) = b (keys may join words)
        ja, jb = ''.join(a), ''.join(b)
        if not jb.startswith(ja) or ja == jb:
            return False
        rest = jb[len(ja):]
        return a == b[:len(a)] or rest == 's' or rest.startswith('island')
    return any(begins(a, b) or begins(b, a) for a in en(cid_a) for b in en(cid_b))


def miss_category(folder, q, pred, method, ent_by_c):
    if pred is not None:
        if nested(folder, q['cid'], pred, ent_by_c):
            return 'nested'
        return 'wrong-fuzzy' if method == 'fuzzy' else 'other-name'
    if '(' in q['name']:
        return 'qualifier'
    _, sim, keysim = gold_similarity(folder, q, ent_by_c[q['cid']])
    if keysim >= 0.755 and sim < 0.755:
        return 'skeleton-veto'
    qw = folder.key(q['name'], q['lang']).split()
    gws = [folder.key(n, l).split() for n, l in ent_by_c[q['cid']]]
    if any((len(qw) > 1 or len(gw) > 1) and any(_lev(a, b) >= 0.75 for a in qw for b in gw if len(a) > 2)
           for gw in gws):
        return 'generic-word'
    return 'near-miss' if sim >= 0.6 else 'exonym'


def false_category(folder, q, pred, method, ent_by_c):
    if nested(folder, q['cid'], pred, ent_by_c):
        return 'nested'
    return 'fuzzy-similar' if method == 'fuzzy' else 'spelled-as-other'


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--onoma', default=DEFAULT_ONOMA, help='onoma binary (default: %(default)s)')
    ap.add_argument('--build', action='store_true', help='build the binary first: ' + BUILD_CMD)
    ap.add_argument('--folds', default='20,5',
                    help='false-match hold-out: comma-separated fold counts K; the first gives the table and the '
                         'baselines\' calibration, the others a sensitivity line (default %(default)s: 5 %% and '
                         '20 %% of the concepts held out per store)')
    ap.add_argument('--timing-runs', type=int, default=3,
                    help='run each language this many times; the median wall time is reported (default 3)')
    ap.add_argument('--failures', help='write the DEV-slice onoma misses and false matches to this TSV')
    ap.add_argument('--explain', type=int, default=0,
                    help='show N dev misses and N dev false matches with `onoma lookup --json` explanations')
    ap.add_argument('--langs', help='query languages, comma-separated (default: %s); CLDR has names in any '
                    'locale, so languages no rule table was written from can be measured too' % ','.join(QUERY_LANGS))
    ap.add_argument('--keep', help='keep the stores, glossaries and raw outputs in this directory')
    args = ap.parse_args()

    if args.build:
        subprocess.run(BUILD_CMD, shell=True, check=True)
    if not os.access(args.onoma, os.X_OK):
        raise SystemExit('no onoma binary at %s; build it with:\n  %s' % (args.onoma, BUILD_CMD))
    import icu
    from unidecode import unidecode
    try:
        import abydos
        bm_label = 'abydos %s BeiderMorse' % abydos.__version__
    except ImportError:
        raise SystemExit('abydos is needed for the Beider-Morse baseline: pip install abydos')

    if args.langs:
        QUERY_LANGS[:] = [l for l in args.langs.split(',') if l]
        te.EXTRA_LANGS.extend(l for l in QUERY_LANGS if l not in te.QUERY_LANGS + te.EXTRA_LANGS)
    t_start = time.perf_counter()
    folder = te.Folder()
    data = te.build_dataset()
    qs = [q for q in te.make_queries(data, folder) if q['lang'] in QUERY_LANGS]
    slugs = {}
    for c in data:
        c['slug'] = slug(c['id'])
        c['all_ids'] = [c['id']]
        if c['slug'] in slugs:
            raise SystemExit('slug collision: %s %s' % (c['id'], slugs[c['slug']]))
        slugs[c['slug']] = c['id']
    Ks = [int(k) for k in args.folds.split(',')]
    K = Ks[0]

    def folds_of(k):
        return {c['id']: int(hashlib.sha1(('fmr:' + c['id']).encode()).hexdigest(), 16) % k for c in data}
    fold_of = folds_of(K)

    entries = [(c['id'], n, l) for c in data for n, l in c['entries']]
    native_c = {cid for cid, _, l in entries if l != 'en'}
    print('ICU %s; %s; onoma %s' % (icu.ICU_VERSION, bm_label, os.path.relpath(args.onoma, ROOT)))
    print('concepts %d (unseen %d), glossary terms %d (en %d, native-script %d in %d languages), queries %d'
          % (len(data), sum(c['unseen'] for c in data), len(entries), sum(l == 'en' for _, _, l in entries),
             sum(l != 'en' for _, _, l in entries), len({l for _, _, l in entries if l != 'en'}), len(qs)))

    gold = np.array([q['cid'] for q in qs], dtype=object)
    qlang = np.array([q['lang'] for q in qs])
    unseen = np.array([q['unseen'] for q in qs])
    ident = np.array([q['identical'] for q in qs])
    is_tr = np.array([q['cls'] == 'transcription' for q in qs])
    nonlat = np.array([q['cid'] in native_c for q in qs])
    qfold = np.array([fold_of[q['cid']] for q in qs])
    dev = ~unseen
    print('classes: transcription %d (of which identical to an English name %d), translation %d; '
          'dev %d / unseen %d queries' % (is_tr.sum(), (is_tr & ident).sum(), (~is_tr).sum(), dev.sum(),
                                          unseen.sum()))

    results = {}   # method -> dict(ok=bool array, fm=bool array, thr=str)

    # ------------------------------------------------------------ onoma
    workdir = tempfile.mkdtemp(prefix='onoma-match-eval-')
    try:
        on = Onoma(args.onoma, workdir)
        store, nconc = on.make_store('glossary', data)
        by_lang = defaultdict(list)
        for i, q in enumerate(qs):
            by_lang[q['lang']].append(i)
        # start-up estimate (also fills the transcription-key cache of this store's terms, as a real user's
        # first run would; the measured runs then start warm)
        _, t_cold = on.normalize(store, 'fr', ['Erevan'])
        t_one = float(np.median([on.normalize(store, 'fr', ['Erevan'])[1] for _ in range(args.timing_runs)]))
        pred_on = np.empty(len(qs), dtype=object)
        meth_on = np.empty(len(qs), dtype=object)
        score_on = np.zeros(len(qs))
        timing = {}
        for lang in QUERY_LANGS:
            idx = by_lang[lang]
            runs = [on.normalize(store, lang, [qs[i]['name'] for i in idx]) for _ in range(args.timing_runs)]
            if any(r != runs[0][0] for r, _ in runs):
                raise SystemExit('onoma normalize --from %s: repeated runs differ' % lang)
            rows = runs[0][0]
            timing[lang] = (len(idx), float(np.median([secs for _, secs in runs])))
            for i, r in zip(idx, rows):
                pred_on[i] = slugs.get(r['entity']) if r['entity'] else None
                meth_on[i] = r['method']
                score_on[i] = r['score'] or 0.0
        # false matches: for each fold count k, k stores, each without one fold, queried with that fold's names
        fm_runs = {}
        for k_count in Ks:
            f_of = folds_of(k_count)
            qf = np.array([f_of[q['cid']] for q in qs])
            fm = np.zeros(len(qs), dtype=bool)
            fpred = np.empty(len(qs), dtype=object)
            fmeth = np.empty(len(qs), dtype=object)
            fscore = np.zeros(len(qs))
            fstores = {}
            for k in range(k_count):
                held = {c['id'] for c in data if f_of[c['id']] == k}
                fstores[k], _ = on.make_store('k%d-without-fold%d' % (k_count, k), data, exclude=held)
                for lang in QUERY_LANGS:
                    idx = [i for i in by_lang[lang] if qf[i] == k]
                    if not idx:
                        continue
                    rows, _ = on.normalize(fstores[k], lang, [qs[i]['name'] for i in idx])
                    for i, r in zip(idx, rows):
                        fm[i] = r['entity'] is not None
                        fpred[i] = slugs.get(r['entity']) if r['entity'] else None
                        fmeth[i] = r['method']
                        fscore[i] = r['score'] or 0.0
            fm_runs[k_count] = (fm, fpred, fmeth, fstores, qf, fscore)
        fm_on, fm_pred, fm_meth, fold_stores, _, fm_score = fm_runs[K]
        fm_extra = {'onoma (Swift cascade, score>=0.5)': {k: v[0] for k, v in fm_runs.items()}}
        results['onoma (Swift cascade, score>=0.5)'] = {
            'ok': pred_on == gold, 'fm': fm_on, 'thr': '0.5'}

        # ------------------------------------------------------------ baseline (a): unidecode + Levenshtein
        econc = [cid for cid, _, _ in entries]
        efold = np.array([fold_of[cid] for cid in econc])

        def extra_fmr(S, t):
            out = {}
            for k_count in Ks:
                f_of = folds_of(k_count)
                _, _, lo, _ = decide(S, econc, gold, np.array([f_of[q['cid']] for q in qs]),
                                     np.array([f_of[c] for c in econc]))
                out[k_count] = lo >= t
            return out
        bq = [te.baseline_key(q['name']) for q in qs]
        be = [te.baseline_key(n) for _, n, _ in entries]     # unidecode of the native names too
        S_lev = te.lev_sim(bq, be)
        best, pred, loo, _ = decide(S_lev, econc, gold, qfold, efold)
        t = te.calibrate(best, pred, loo, gold, is_tr & ~ident, dev)
        results['unidecode + Levenshtein'] = {'ok': (pred == gold) & (best >= t), 'fm': loo >= t,
                                              'thr': '%.3f' % t}
        fm_extra['unidecode + Levenshtein'] = extra_fmr(S_lev, t)

        # ------------------------------------------------------------ baseline (b): Beider-Morse
        enc = {}
        ecodes = [bm_codes(enc, te.prep(n) if l == 'en' else te.prep(unidecode(n)), 'en' if l == 'en' else None)
                  for _, n, l in entries]
        qcache = {}
        post = defaultdict(set)
        for j, cs in enumerate(ecodes):
            for code in cs:
                post[code].add(j)
        cand = np.zeros(S_lev.shape, dtype=bool)
        for i, q in enumerate(qs):
            key = (q['name'], q['lang'])
            if key not in qcache:
                # A non-Latin query (--langs ru,el …) is coded from its unidecode form, as glossary names are: abydos
                # on the raw Arabic or Hebrew letters ran for many minutes.
                latin = not te.has_non_latin(q['name'])
                qcache[key] = bm_codes(enc, te.prep(q['name'] if latin else unidecode(q['name'])),
                                       q['lang'] if latin else None)
            hit = set()
            for code in qcache[key]:
                hit |= post.get(code, set())
            if hit:
                cand[i, list(hit)] = True
        S_bm = np.where(cand, S_lev, -1.0)
        bm_note = 'Beider-Morse: %d distinct query codings, %d glossary codings, %d abydos failures (or over %.0f s); ' \
            '%.1f candidate glossary names per query on average' % (len(qcache), len(ecodes), enc.get('failed', 0),
                                                                     BM_SECONDS, cand.sum(1).mean())
        best, pred, loo, _ = decide(S_bm, econc, gold, qfold, efold)
        results['Beider-Morse (codes intersect)'] = {'ok': (pred == gold) & (best >= 0), 'fm': loo >= 0,
                                                     'thr': 'any'}
        fm_extra['Beider-Morse (codes intersect)'] = extra_fmr(S_bm, 0.0)
        t = te.calibrate(best, pred, loo, gold, is_tr & ~ident, dev)
        results['Beider-Morse + Lev >= t'] = {'ok': (pred == gold) & (best >= t), 'fm': loo >= t,
                                              'thr': '%.3f' % t}
        fm_extra['Beider-Morse + Lev >= t'] = extra_fmr(S_bm, t)

        # ------------------------------------------------------------ tables
        trn = is_tr & ~ident
        lines = []
        out = lines.append
        out('')
        out('%-34s %-6s| %-13s %-13s | %-13s %-13s | %-13s %-13s | %-13s %-13s' % (
            'method (fr de es it pl cs tr nl pt)', 'thr', 'transcr. DEV', 'transcr. UNS',
            'tr+ident DEV', 'tr+ident UNS', 'transl. DEV', 'transl. UNS', 'FMR DEV', 'FMR UNS'))
        out('-' * 168)
        for name, r in results.items():
            out('%-34s %-6s| %s %s | %s %s | %s %s | %s %s' % (
                name, r['thr'], fmt(rate(r['ok'], dev & trn)), fmt(rate(r['ok'], unseen & trn)),
                fmt(rate(r['ok'], dev & is_tr)), fmt(rate(r['ok'], unseen & is_tr)),
                fmt(rate(r['ok'], dev & ~is_tr)), fmt(rate(r['ok'], unseen & ~is_tr)),
                fmt(rate(r['fm'], dev)), fmt(rate(r['fm'], unseen))))
        out('-' * 168)
        out('transcr. = transcription acc@1 without the queries identical to an English name (the headline '
            'figure); tr+ident = all transcriptions;')
        out('transl. = translation acc@1; FMR = false-match rate, %d-fold hold-out (%.0f %% of the concepts left '
            'out of each store; every concept left out once); UNS = unseen slice. (n) = queries.' % (K, 100.0 / K))
        for k_count in Ks[1:]:
            out('FMR with %d folds (%.0f %% held out per store) DEV / UNS: %s' % (
                k_count, 100.0 / k_count, '; '.join('%s %.3f / %.3f' % (
                    name.split(' (')[0] if name.startswith('onoma') else name, rate(v[k_count], dev)[0],
                    rate(v[k_count], unseen)[0]) for name, v in fm_extra.items())))
        r = results['onoma (Swift cascade, score>=0.5)']
        acc_d, acc_u = rate(r['ok'], dev & trn)[0], rate(r['ok'], unseen & trn)[0]
        acc_di, acc_ui = rate(r['ok'], dev & is_tr)[0], rate(r['ok'], unseen & is_tr)[0]
        fmr_d, fmr_u = rate(r['fm'], dev)[0], rate(r['fm'], unseen)[0]
        out('targets: transcription acc@1 >= %.2f -> onoma %.3f dev / %.3f unseen (incl. identical %.3f / %.3f): '
            '%s;  false matches <= %.0f%% -> onoma %.1f%% dev / %.1f%% unseen: %s' % (
                TARGET_ACC, acc_d, acc_u, acc_di, acc_ui,
                'MET' if min(acc_d, acc_u) >= TARGET_ACC else 'NOT MET', 100 * MAX_FMR, 100 * fmr_d,
                100 * fmr_u, 'MET' if max(fmr_d, fmr_u) <= MAX_FMR else 'NOT MET'))

        out('')
        out('per language, transcription acc@1 (without identical) DEV / UNSEEN, and onoma FMR DEV / UNSEEN:')
        short = {'onoma (Swift cascade, score>=0.5)': 'onoma', 'unidecode + Levenshtein': 'unidecode+Lev',
                 'Beider-Morse (codes intersect)': 'BM', 'Beider-Morse + Lev >= t': 'BM+Lev>=t'}
        out('  lang | ' + ' | '.join('%-27s' % short[m] for m in results) + ' | onoma FMR')
        for lang in QUERY_LANGS:
            lm = qlang == lang
            cells = ['%s %s' % (fmt(rate(r['ok'], lm & dev & trn)), fmt(rate(r['ok'], lm & unseen & trn)))
                     for r in results.values()]
            fm = results['onoma (Swift cascade, score>=0.5)']['fm']
            out('  %-4s | %s | %.3f / %.3f' % (lang, ' | '.join(cells), rate(fm, lm & dev)[0],
                                               rate(fm, lm & unseen)[0]))
        out('')
        out('onoma transcription acc@1 (without identical) by gold concept: with a native non-Latin name '
            '%s dev %s unseen; English name only %s dev %s unseen' % (
                fmt(rate(r['ok'], dev & trn & nonlat)).strip(), fmt(rate(r['ok'], unseen & trn & nonlat)).strip(),
                fmt(rate(r['ok'], dev & trn & ~nonlat)).strip(), fmt(rate(r['ok'], unseen & trn & ~nonlat)).strip()))
        mc = Counter(m or 'none' for m in meth_on[dev & trn & (pred_on == gold)])
        out('onoma, dev transcriptions found, by step: ' + ', '.join('%s %d' % kv for kv in mc.most_common()))
        miss = dev & is_tr & (pred_on != gold)
        out('onoma, dev transcription misses: %d, of which no match %d, wrong entity %d (%s)' % (
            miss.sum(), (miss & (pred_on == None)).sum(), (miss & (pred_on != None)).sum(),  # noqa: E711
            ', '.join('%s %d' % kv for kv in Counter(meth_on[miss & (pred_on != None)]).most_common())))  # noqa
        fmc = Counter(fm_meth[dev & fm_on])
        out('onoma, dev false matches: %d, by step: %s' % ((dev & fm_on).sum(),
                                                           ', '.join('%s %d' % kv for kv in fmc.most_common())))
        out('')
        out(reliability_table(score_on, meth_on, pred_on == gold, fm_score, fm_meth, fm_on, dev, unseen, K))

        nq = sum(n for n, _ in timing.values())
        secs = sum(s for _, s in timing.values())
        net = sum(max(s - t_one, 1e-9) for _, s in timing.values())
        out('')
        out('onoma timing (median of %d runs each): %d queries in %d `normalize` runs, %.2f s wall -> %.0f queries/s end to end '
            '(process start + store open + index of %d terms each run); start-up alone (1-query run) %.3f s '
            '(first, cold cache %.3f s) -> %.0f queries/s net of start-up. Per language: %s' % (
                args.timing_runs, nq, len(timing), secs, nq / secs, len(entries), t_one, t_cold, nq / net,
                ', '.join('%s %d/%.2fs' % (l, n, s) for l, (n, s) in timing.items())))
        out(bm_note)
        out('whole evaluation %.0f s (%d stores, %d normalize runs)' % (
            time.perf_counter() - t_start, 1 + sum(Ks), len(QUERY_LANGS) * (args.timing_runs + sum(Ks)) + 1
            + args.timing_runs))
        print('\n'.join(lines))

        # ------------------------------------------------------------ failures (dev slice only)
        ent_by_c = defaultdict(list)
        for c, n, l in entries:
            ent_by_c[c].append((n, l))

        def gold_names(cid):
            return ' / '.join('%s %s' % (l, n) for n, l in ent_by_c[cid])

        fails = []
        for i, q in enumerate(qs):
            if q['unseen']:
                continue          # never look at the unseen slice
            if is_tr[i] and pred_on[i] != gold[i]:
                fails.append(('MISS', i))
            if fm_on[i]:
                fails.append(('FALSE', i))
        cat = {}
        for kind, i in fails:
            if kind == 'MISS':
                cat[kind, i] = miss_category(folder, qs[i], pred_on[i], meth_on[i], ent_by_c)
            else:
                cat[kind, i] = false_category(folder, qs[i], fm_pred[i], fm_meth[i], ent_by_c)
        print('\nfailure categories, DEV slice only (heuristic; keys, skeletons and similarities from the PyICU '
              're-implementation of the rule tables in Benchmarks/transcription/eval.py):')
        for kind, title in (('MISS', 'onoma transcription misses'), ('FALSE', 'onoma false matches')):
            cc = Counter(cat[kind, i] for k, i in fails if k == kind)
            tot = sum(cc.values())
            print('  %s: %d' % (title, tot))
            for c, n in cc.most_common():
                print('    %4d  %4.1f%%  %s' % (n, 100.0 * n / max(tot, 1), CATEGORY_TEXT[c]))
        if args.failures:
            with open(args.failures, 'w', encoding='utf-8') as f:
                f.write('kind\tcategory\tclass\tidentical\tlang\tquery\tgold\tgold names\treturned\tmethod\t'
                        'pyicu key\n')
                for kind, i in fails:
                    q = qs[i]
                    ret = pred_on[i] if kind == 'MISS' else fm_pred[i]
                    f.write('\t'.join(str(x) for x in (
                        kind, cat[kind, i], q['cls'], int(q['identical']), q['lang'], q['name'], q['cid'],
                        gold_names(q['cid']), ret or '-', (meth_on[i] if kind == 'MISS' else fm_meth[i]) or '-',
                        folder.key(q['name'], q['lang']))) + '\n')
            print('\n%d dev failures written to %s' % (len(fails), args.failures))
        if args.explain:
            for kind in ('MISS', 'FALSE'):
                # up to N examples, taken in turn from each category (most frequent first), in set order
                by_cat = defaultdict(list)
                for k, i in fails:
                    if k == kind:
                        by_cat[cat[k, i]].append(i)
                order = [c for c, _ in Counter({c: len(v) for c, v in by_cat.items()}).most_common()]
                pick, r = [], 0
                longest = max((len(v) for v in by_cat.values()), default=0)
                while len(pick) < args.explain and r < longest:
                    for c in order:
                        v = by_cat[c]
                        if r < len(v) and len(pick) < args.explain:
                            # a fixed permutation (37 is prime): spread over the set, reproducible
                            pick.append(v[(r * 37 + 5) % len(v)] if len(v) % 37 else v[r])
                    r += 1
                print('\n== %d dev %s, with `onoma lookup --json` explanations' % (
                    len(pick), 'transcription misses (full store)' if kind == 'MISS' else
                    'false matches (store without the query\'s fold)'))
                for i in pick:
                    q = qs[i]
                    st = store if kind == 'MISS' else fold_stores[qfold[i]]
                    res = on.lookup(st, q['lang'], q['name'])
                    m = (res.get('matches') or [None])[0]
                    gk, _, _ = gold_similarity(folder, q, ent_by_c[q['cid']])
                    print('- [%s] %s %r, gold %s (%s); pyicu: %s' % (
                        cat[kind, i], q['lang'], q['name'], q['cid'], gold_names(q['cid']), gk))
                    if m:
                        print('    -> %s %s %.3f: %s' % (slugs.get(m['entity'], m['entity']), m['method'],
                                                         m['score'], m['explanation']))
                    else:
                        print('    -> no match (%s)' % (res.get('error') or 'onoma explains matches only'))
    finally:
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            for fn in os.listdir(workdir):
                if fn != 'cache':
                    shutil.copy(os.path.join(workdir, fn), args.keep)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    main()
