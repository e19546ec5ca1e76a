#!/usr/bin/env python3
"""Evaluate Onoma's transcription-convention rule tables (Sources/OnomaMatching/Rules).

Offline; needs PyICU (built against the system libicu, 72 here), rapidfuzz, unidecode, numpy.

Development set (built from ICU's own CLDR data):
  concepts  = the canonical location time zones (exemplar city, pattern "VVV") and the
              ISO territories (Locale('und_'+region).getDisplayCountry(Locale(lang))).
              Concepts whose English names fold to the same ASCII string are merged
              (Singapore the city and the territory).
  glossary  = per concept its English name and, when the main language of the concept's
              country (likely subtags of und_<region>) is written in a non-Latin script
              and ICU has a BGN/PCGN transliterator for it, its native name transliterated
              by that transliterator (convention "en").
  queries   = the concept's fr de es it pl cs tr nl pt names (plus hu ro sv hr az,
              reported separately as "extra").
  class     = a query is a TRANSCRIPTION when the normalized Levenshtein distance between
              its plain ASCII fold (Latin-ASCII, letters only) and the ASCII fold of the
              English or the native (BGN) name is <= 0.5; otherwise a TRANSLATION
              (Allemagne/Germany).  The criterion does not use the rule tables, so the
              classes do not move while the rules are written, and the baseline and the
              rules are scored on the same sets.  "identical" queries (same string as the
              English name after input preparation) are reported apart: they only test
              that a language's rules do not damage a name spelled the English way.
  split     = concepts whose sha1(concept id) % 100 < 30 are the UNSEEN slice; the rules
              were written looking only at the 70% dev slice.

Matching (what the Swift side implements; see README.md):
  keys      = for a query: its transcription key under <lang file> + common AND its key
              under common alone (names kept in their source spelling: Chicago, Johannesburg
              in a French or Polish text); glossary entries: the same, en for BGN output.
  candidate = glossary entries whose skeleton equals the query's skeleton, or whose key is
              within normalized Levenshtein distance CAND_DIST of the query's key
  similarity= min(levSim(key q, key e), levSim(skeleton q, skeleton e)), keys without
              spaces, levSim(a, b) = 1 - Levenshtein(a, b) / max(len a, len b); the best
              pair of key variants counts
  winner    = candidate with the best similarity
  accept    = similarity >= threshold, the threshold calibrated on the dev slice as the one
              that maximises accuracy@1 on dev transcriptions (non-identical) with a
              false-match rate <= 2% (false match: a query whose concept was removed from the
              glossary is accepted for another concept).
  Also shown: the same matcher with one key variant only, with common only, with plain
  Levenshtein or Jaro-Winkler instead of the min, and the baseline unidecode + Levenshtein
  (all candidates, threshold calibrated the same way).

Usage: python3 eval.py [--per-lang] [--failures FILE] [--unseen]
"""
import argparse
import csv
import ctypes
import hashlib
import os
import re
import sys
import unicodedata
from collections import defaultdict

import icu
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein
from unidecode import unidecode

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
RULES = os.path.join(ROOT, 'Sources', 'OnomaMatching', 'Rules')

QUERY_LANGS = ['fr', 'de', 'es', 'it', 'pl', 'cs', 'tr', 'nl', 'pt']
EXTRA_LANGS = ['hu', 'ro', 'sv', 'hr', 'az']
CLASS_DIST = 0.5      # transcription vs translation criterion (ASCII folds)
CAND_DIST = 0.5       # candidate generation: normalized Levenshtein distance on keys
MAX_FMR = 0.02
UNSEEN_PERCENT = 30

# Language of a non-Latin name -> ICU BGN/PCGN transliterator (output convention: en).
BGN = {
    'ru': 'Russian-Latin/BGN', 'uk': 'Ukrainian-Latin/BGN', 'be': 'Belarusian-Latin/BGN',
    'bg': 'Bulgarian-Latin/BGN', 'mk': 'Macedonian-Latin/BGN', 'sr': 'Serbian-Latin/BGN',
    'kk': 'Kazakh-Latin/BGN', 'ky': 'Kirghiz-Latin/BGN', 'mn': 'Mongolian-Latin/BGN',
    'tk': 'Turkmen-Latin/BGN', 'uz': 'Uzbek-Latin/BGN', 'az': 'Azerbaijani-Latin/BGN',
    'hy': 'Armenian-Latin/BGN', 'ka': 'Georgian-Latin/BGN', 'el': 'Greek-Latin/BGN',
    'he': 'Hebrew-Latin/BGN', 'ar': 'Arabic-Latin/BGN', 'fa': 'Persian-Latin/BGN',
    'ps': 'Pashto-Latin/BGN', 'am': 'Amharic-Latin/BGN', 'dv': 'Maldivian-Latin/BGN',
    'ko': 'Korean-Latin/BGN',
}
# Script of a name whose language is unknown -> transliterator.
SCRIPT_DEFAULT = {'Cyrl': 'Russian-Latin/BGN', 'Armn': 'Armenian-Latin/BGN',
                  'Geor': 'Georgian-Latin/BGN', 'Grek': 'Greek-Latin/BGN',
                  'Hebr': 'Hebrew-Latin/BGN', 'Arab': 'Arabic-Latin/BGN', 'Khmr': 'Khmer-Latin/Onoma',
                  'Laoo': 'Lao-Latin/Onoma'}

NON_LATIN = icu.UnicodeSet('[[:L:]-[:Latin:]]')


def _respellings(path=os.path.join(ROOT, 'Sources', 'OnomaText', 'Rules', 'letter-respellings.txt')):
    """Letters ICU's transliterators leave unread and what Onoma respells them as before transliterating
    (Sources/OnomaText/Rules/letter-respellings.txt: Urdu, Sindhi ... letters, Malayalam, Sinhala, Tifinagh ...)."""
    table = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                fields = line.split('#', 1)[0].split()
                if len(fields) >= 2 and fields[1] == '>':
                    table[int(fields[0][2:], 16)] = ''.join(chr(int(x[2:], 16)) for x in fields[2:])
    return table


RESPELLINGS = _respellings()
_tcache = {}


# Transliterators Onoma ships as rule files (Sources/OnomaText/Rules/, Transliteration.shippedRuleFiles): ICU has
# none for these scripts.
SHIPPED = {'Khmer-Latin/Onoma': os.path.join(ROOT, 'Sources', 'OnomaText', 'Rules', 'khmer-latin.txt'),
           'Lao-Latin/Onoma': os.path.join(ROOT, 'Sources', 'OnomaText', 'Rules', 'lao-latin.txt')}


def translit(tid):
    if tid not in _tcache:
        if tid in SHIPPED and os.path.exists(SHIPPED[tid]):
            with open(SHIPPED[tid], encoding='utf-8') as f:
                _tcache[tid] = icu.Transliterator.createFromRules(tid, f.read(), icu.UTransDirection.FORWARD)
        else:
            _tcache[tid] = icu.Transliterator.createInstance(tid)
    return _tcache[tid]


# ---------------------------------------------------------------- folding

def prep(s):
    """Input preparation (the Swift side does the same): NFC, lower-case (no case folding
    of ß), every character that is not a letter, mark or digit -> space, spaces collapsed."""
    s = unicodedata.normalize('NFC', s).lower()
    s = ''.join(c if unicodedata.category(c)[0] in 'LMN' else ' ' for c in s)
    return ' '.join(s.split())


def has_non_latin(s):
    return any(NON_LATIN.contains(c) for c in s)


def script_of(s):
    for c in s:
        if NON_LATIN.contains(c):
            return icu.Script.getScript(c).getShortName()
    return 'Latn'


class Folder:
    def __init__(self, rules_dir=RULES):
        self.lang = {}
        for fn in sorted(os.listdir(rules_dir)):
            m = re.match(r'transcription-([a-z]+(?:-[A-Z][a-z]+)?)\.txt$', fn)
            if m:
                self.lang[m.group(1)] = self._load(os.path.join(rules_dir, fn))
        self.common = self.lang.pop('common')
        self.skel = self._load(os.path.join(rules_dir, 'skeleton.txt'))
        # Languages sharing a table (convention-languages.txt: "cs: sk" reads Slovak with the Czech table).
        shared = os.path.join(rules_dir, 'convention-languages.txt')
        if os.path.exists(shared):
            with open(shared, encoding='utf-8') as f:
                for line in f:
                    table, _, others = line.split('#', 1)[0].partition(':')
                    for other in others.split():
                        # A script named again on a later line keeps its first table here (the Swift side also
                        # reads its names with the later one).
                        self.lang.setdefault(other, self.lang[table.strip()])

    @staticmethod
    def _expand(text, folder):
        """`::include transcription-xx ;` lines replaced by that table's rules, as TranscriptionRules does."""
        lines = []
        for line in text.split('\n'):
            words = line.split()
            if words[:1] == ['::include'] and len(words) == 3 and words[2] == ';':
                with open(os.path.join(folder, words[1] + '.txt'), encoding='utf-8') as f:
                    lines.append(Folder._expand(f.read(), folder))
            else:
                lines.append(line)
        return '\n'.join(lines)

    @staticmethod
    def _load(path):
        with open(path, encoding='utf-8') as f:
            text = Folder._expand(f.read(), os.path.dirname(path))
        return icu.Transliterator.createFromRules(os.path.basename(path), text,
                                                  icu.UTransDirection.FORWARD)

    def latin(self, name, lang):
        """(prepared Latin text, convention).  Non-Latin names go through BGN (convention en)."""
        if has_non_latin(name):
            tid = BGN.get(lang) or SCRIPT_DEFAULT.get(script_of(name), 'Any-Latin')
            latin = translit(tid).transliterate(name.translate(RESPELLINGS))
            if has_non_latin(latin):
                # Letters the system does not read (ICU's Korean-Latin/BGN leaves Hangul syllables as they are) go
                # through Any-Latin, as Onoma's Latin form does.
                latin = translit('Any-Latin').transliterate(latin)
            return prep(latin), 'en'
        return prep(name), lang

    def key(self, name, lang):
        s, conv = self.latin(name, lang)
        t = self.lang.get(conv)
        if t is not None:
            s = t.transliterate(s)
        return self.common.transliterate(s)

    def skeleton(self, key):
        return self.skel.transliterate(key)


def ascii_fold(s):
    """Rule-independent fold used for the class criterion: Latin-ASCII, letters only."""
    return re.sub('[^a-z]', '', translit('Latin-ASCII').transliterate(s).lower())


def baseline_key(name):
    return re.sub('[^a-z0-9]', '', unidecode(unicodedata.normalize('NFC', name)).lower())


# ---------------------------------------------------------------- data set

def canonical_zones():
    i18n = ctypes.CDLL('libicui18n.so.%s' % icu.ICU_VERSION.split('.')[0])
    uc = ctypes.CDLL('libicuuc.so.%s' % icu.ICU_VERSION.split('.')[0])
    sfx = '_' + icu.ICU_VERSION.split('.')[0]
    op = getattr(i18n, 'ucal_openTimeZoneIDEnumeration' + sfx)
    op.restype = ctypes.c_void_p
    nx = getattr(uc, 'uenum_next' + sfx)
    nx.restype = ctypes.c_char_p
    nx.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int)]
    cl = getattr(uc, 'uenum_close' + sfx)
    cl.argtypes = [ctypes.c_void_p]
    st = ctypes.c_int(0)
    en = op(2, None, None, ctypes.byref(st))   # UCAL_ZONE_TYPE_CANONICAL_LOCATION
    out = []
    while True:
        n = ctypes.c_int32(0)
        s = nx(en, ctypes.byref(n), ctypes.byref(st))
        if not s:
            break
        out.append(s.decode())
    cl(en)
    return out


def native_lang(region):
    loc = icu.Locale('und_' + region).addLikelySubtags()
    lang, script = loc.getLanguage(), loc.getScript()
    if script != 'Latn' and lang in BGN:
        return lang
    return None


def build_dataset():
    langs = ['en'] + QUERY_LANGS + EXTRA_LANGS
    tzn = {}

    def exemplar(zone, lang):
        if lang not in tzn:
            tzn[lang] = icu.SimpleDateFormat('VVV', icu.Locale(lang))
        f = tzn[lang]
        f.setTimeZone(icu.TimeZone.createTimeZone(zone))
        return f.format(0.0)

    raw = []   # (cid, names{lang:name}, native_lang)
    for z in canonical_zones():
        region = icu.TimeZone.getRegion(z)
        if not region or region == '001' or not region.isalpha():
            continue
        nl = native_lang(region)
        names = {l: exemplar(z, l) for l in langs}
        if nl:
            names['native'] = exemplar(z, nl)
        raw.append(('tz:' + z, names, nl))
    for region in icu.Locale.getISOCountries():
        loc = icu.Locale('und_' + region)
        en = loc.getDisplayCountry(icu.Locale('en'))
        if not en or en == region:
            continue
        nl = native_lang(region)
        names = {l: loc.getDisplayCountry(icu.Locale(l)) for l in langs}
        if nl:
            names['native'] = loc.getDisplayCountry(icu.Locale(nl))
        raw.append(('rg:' + region, names, nl))

    concepts = {}   # merged by ASCII fold of the English name
    for cid, names, nl in raw:
        k = ascii_fold(prep(names['en']))
        c = concepts.setdefault(k, {'ids': [], 'names': defaultdict(set), 'native_lang': None})
        c['ids'].append(cid)
        for l, n in names.items():
            if n:
                c['names'][l].add(n)
        if nl:
            c['native_lang'] = nl
    out = []
    for c in concepts.values():
        cid = sorted(c['ids'])[0]
        unseen = int(hashlib.sha1(cid.encode()).hexdigest(), 16) % 100 < UNSEEN_PERCENT
        entries = [(n, 'en') for n in sorted(c['names']['en'])]
        for n in sorted(c['names'].get('native', ())):
            if not has_non_latin(n):
                continue
            lat = translit(BGN[c['native_lang']]).transliterate(n)
            if has_non_latin(lat):        # BGN left letters untransliterated: unusable
                continue
            entries.append((n, c['native_lang']))
        out.append({'id': cid, 'unseen': unseen, 'entries': entries,
                    'names': {l: sorted(v) for l, v in c['names'].items()}})
    return out


# ---------------------------------------------------------------- evaluation

def make_queries(data, folder):
    qs = []
    for c in data:
        gl = [ascii_fold(folder.latin(n, l)[0]) for n, l in c['entries']]
        en_prepped = {prep(n) for n in c['names']['en']}
        for lang in QUERY_LANGS + EXTRA_LANGS:
            for n in c['names'].get(lang, ()):
                a = ascii_fold(folder.latin(n, lang)[0])   # a non-Latin name through its BGN romanization
                d = min(Levenshtein.normalized_distance(a, g) for g in gl)
                qs.append({'cid': c['id'], 'unseen': c['unseen'], 'lang': lang, 'name': n,
                           'identical': prep(n) in en_prepped,
                           'cls': 'transcription' if d <= CLASS_DIST else 'translation'})
    return qs


def lev_sim(a, b):
    return process.cdist(a, b, scorer=Levenshtein.normalized_similarity, workers=-1,
                         dtype=np.float32)


def jw_sim(a, b):
    return process.cdist(a, b, scorer=JaroWinkler.normalized_similarity, workers=-1,
                         dtype=np.float32)


def onoma_scores(qvariants, ekeys, eskels, scorer='min'):
    """Similarity matrix queries x glossary entries, as the Swift side computes it.

    For each query variant (key, skeleton) and entry (key, skeleton), keys without spaces:
      candidate  = skeleton(q) == skeleton(e)  or  normalized Levenshtein(key q, key e) <= CAND_DIST
      similarity = min(levSim(key q, key e), levSim(skeleton q, skeleton e))
                   levSim(a, b) = 1 - Levenshtein(a, b) / max(len a, len b)
    and the best variant counts (variants: key under the query's language file + common,
    key under common alone, for names kept in their source spelling)."""
    ek = [k.replace(' ', '') for k in ekeys]
    S = None
    for qkeys, qskels in qvariants:
        qk = [k.replace(' ', '') for k in qkeys]
        L = lev_sim(qk, ek)
        if scorer == 'min':
            Sv = np.minimum(L, lev_sim(qskels, eskels))
        elif scorer == 'jw':
            Sv = jw_sim(qk, ek)
        else:
            Sv = L
        sk_ids = {x: i for i, x in enumerate(sorted(set(qskels) | set(eskels)))}
        qs = np.array([sk_ids[x] for x in qskels])[:, None]
        es = np.array([sk_ids[x] for x in eskels])[None, :]
        cand = (qs == es) | (1.0 - L <= CAND_DIST)
        Sv = np.where(cand, Sv, 0.0)
        S = Sv if S is None else np.maximum(S, Sv)
    return S


def decide(S, econc, qconc):
    """(best score with the full glossary, its concept, best score with the query's own
    concept removed, the concept of that false match)."""
    econc = np.array(econc)
    qconc = np.array(qconc)
    best_i = S.argmax(axis=1)
    best = S[np.arange(S.shape[0]), best_i]
    pred = econc[best_i]
    own = econc[None, :] == qconc[:, None]
    S2 = np.where(own, -1.0, S)
    return best, pred, S2.max(axis=1), econc[S2.argmax(axis=1)]


def calibrate(best, pred, loo, gold, is_tr, dev):
    """Threshold (accept if similarity >= t) maximising dev accuracy@1 on transcriptions with
    dev FMR <= MAX_FMR.  Candidates are the observed score values; the returned threshold is
    the roundest multiple of 0.005 that accepts exactly the same scores."""
    ok = pred == gold
    vals = np.unique(np.concatenate([best[dev], loo[dev]]))
    vals = vals[vals > 0]
    bestt, bestacc = 1.0, -1
    for t in vals:
        if np.mean(loo[dev] >= t) > MAX_FMR:
            continue
        acc = np.mean((ok & (best >= t))[dev & is_tr])
        if acc > bestacc + 1e-12:
            bestt, bestacc = t, acc
    lower = vals[vals < bestt]
    prev = lower.max() if len(lower) else 0.0
    clean = np.ceil((prev + 1e-6) / 0.005) * 0.005
    return float(clean) if clean <= bestt else float(bestt)


def metrics(best, pred, loo, gold, t, mask_tr, mask_tl, mask_all):
    ok = (pred == gold) & (best >= t)
    def m(mask):
        return (float(np.mean(ok[mask])) if mask.any() else float('nan'), int(mask.sum()))
    return {'tr': m(mask_tr), 'tl': m(mask_tl),
            'fmr': (float(np.mean((loo >= t)[mask_all])) if mask_all.any() else float('nan'),
                    int(mask_all.sum()))}


def fmt(x):
    v, n = x
    return '  -   (0)' if n == 0 else '%.3f (%d)' % (v, n)


def check_examples(folder, path):
    groups = defaultdict(list)
    with open(path, encoding='utf-8') as f:
        for row in csv.DictReader(f, delimiter='\t'):
            groups[row['group']].append((row['lang'], row['name']))
    bad = 0
    for g, rows in groups.items():
        keys = [(folder.key(n, l), l, n) for l, n in rows]
        if len({k for k, _, _ in keys}) != 1:
            bad += 1
            print('  EXAMPLE FAIL %s: %s' % (g, '; '.join('%s:%s=%s' % (l, n, k) for k, l, n in keys)))
    print('examples: %d/%d groups fold to one transcription key' % (len(groups) - bad, len(groups)))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--failures', help='write dev-slice failures (only dev!) to this file')
    ap.add_argument('--per-lang', action='store_true', help='per query language tables')
    ap.add_argument('--unseen', action='store_true',
                    help='also report the UNSEEN slice (only once the rules are final)')
    args = ap.parse_args()

    folder = Folder()
    print('ICU %s; rule files: %s' % (icu.ICU_VERSION, ' '.join(sorted(folder.lang))))
    check_examples(folder, os.path.join(HERE, 'examples.tsv'))

    data = build_dataset()
    qs = make_queries(data, folder)
    entries = [(c['id'], n, l) for c in data for n, l in c['entries']]
    print('concepts %d (unseen %d), glossary entries %d (native %d), queries %d'
          % (len(data), sum(c['unseen'] for c in data), len(entries),
             sum(l != 'en' for _, _, l in entries), len(qs)))

    gold = np.array([q['cid'] for q in qs])
    lang = np.array([q['lang'] for q in qs])
    unseen = np.array([q['unseen'] for q in qs])
    ident = np.array([q['identical'] for q in qs])
    is_tr = np.array([q['cls'] == 'transcription' for q in qs])
    main_l = np.isin(lang, QUERY_LANGS)
    dev = ~unseen & main_l
    econc = [cid for cid, _, _ in entries]

    # --- methods
    ekeys = [folder.key(n, l) for _, n, l in entries]
    eskel = [folder.skeleton(k) for k in ekeys]
    qkeys = [folder.key(q['name'], q['lang']) for q in qs]
    qskel = [folder.skeleton(k) for k in qkeys]
    ckeys = [folder.key(q['name'], 'und') for q in qs]     # language unknown: common only
    cskel = [folder.skeleton(k) for k in ckeys]
    bq = [baseline_key(q['name']) for q in qs]
    be = [baseline_key(n) for _, n, _ in entries]

    lang_v = (qkeys, qskel)
    common_v = (ckeys, cskel)
    methods = {
        'onoma (lang+common, min)': onoma_scores([lang_v, common_v], ekeys, eskel, 'min'),
        'onoma lang-key only, min': onoma_scores([lang_v], ekeys, eskel, 'min'),
        'onoma common-only, min': onoma_scores([common_v], ekeys, eskel, 'min'),
        'onoma (lang+common), Lev': onoma_scores([lang_v, common_v], ekeys, eskel, 'lev'),
        'onoma (lang+common), JW': onoma_scores([lang_v, common_v], ekeys, eskel, 'jw'),
        'baseline unidecode+Lev': lev_sim(bq, be),
    }
    MAIN = 'onoma (lang+common, min)'
    results = {}
    for name, S in methods.items():
        best, pred, loo, loo_c = decide(S, econc, gold)
        t = calibrate(best, pred, loo, gold, is_tr & ~ident, dev)
        results[name] = (best, pred, loo, t)
        if name == MAIN:
            loo_pred = loo_c

    nid = ~ident
    print('\nclass counts (main languages): transcription %d (identical to en %d), translation %d'
          % ((is_tr & main_l).sum(), (is_tr & main_l & ident).sum(), (~is_tr & main_l).sum()))
    print('\n%-27s %6s | %-14s %-14s %-14s %-14s | %-14s' % (
        'method', 'thr', 'tr acc@1', 'tr(incl.ident)', 'transl acc@1', 'FMR', 'tr nonLatin'))
    native_c = {cid for cid, _, l in entries if l != 'en'}
    nonlat = np.array([q['cid'] in native_c for q in qs])
    slices = (('DEV', ~unseen), ('UNSEEN', unseen)) if args.unseen else (('DEV', ~unseen),)
    for sl_name, sl in slices:
        print('-- %s slice (fr de es it pl cs tr nl pt)' % sl_name)
        for name, (best, pred, loo, t) in results.items():
            base = sl & main_l
            m1 = metrics(best, pred, loo, gold, t, base & is_tr & nid, base & ~is_tr, base)
            m2 = metrics(best, pred, loo, gold, t, base & is_tr, base & ~is_tr, base)
            m3 = metrics(best, pred, loo, gold, t, base & is_tr & nid & nonlat, base & ~is_tr, base)
            print('%-27s %6.3f | %-14s %-14s %-14s %-14s | %-14s' % (
                name, t, fmt(m1['tr']), fmt(m2['tr']), fmt(m1['tl']), fmt(m1['fmr']), fmt(m3['tr'])))
    print('(tr acc@1 excludes queries identical to the English name; tr nonLatin = concepts with a'
          ' non-Latin native name)')

    if args.per_lang:
        for name in (MAIN, 'baseline unidecode+Lev'):
            best, pred, loo, t = results[name]
            print('\nper language, %s (thr %.3f): tr acc@1 dev / unseen | transl acc@1 dev / unseen'
                  ' | FMR dev / unseen' % (name, t))
            for l in QUERY_LANGS + EXTRA_LANGS:
                row = []
                for sl in (~unseen, unseen if args.unseen else np.zeros_like(unseen)):
                    base = sl & (lang == l)
                    row.append(metrics(best, pred, loo, gold, t, base & is_tr & nid, base & ~is_tr, base))
                print('  %-3s%s %-13s %-13s | %-13s %-13s | %-13s %-13s' % (
                    l, '*' if l in EXTRA_LANGS else ' ', fmt(row[0]['tr']), fmt(row[1]['tr']),
                    fmt(row[0]['tl']), fmt(row[1]['tl']), fmt(row[0]['fmr']), fmt(row[1]['fmr'])))
        print('  (* extra languages, not used for calibration)')

    if args.failures:
        best, pred, loo, t = results[MAIN]
        ek = dict()
        for cid, k in zip(econc, ekeys):
            ek.setdefault(cid, []).append(k)
        with open(args.failures, 'w', encoding='utf-8') as f:
            for i, q in enumerate(qs):
                if q['unseen']:
                    continue          # never look at the unseen slice
                miss = is_tr[i] and not (pred[i] == gold[i] and best[i] >= t)
                fm = loo[i] >= t
                if miss or fm:
                    f.write('%s\t%s\t%s\t%s\t%s\t%s\tkey=%s\tgold=%s\tpred=%s %.3f\tloo=%s %.3f %s\n' % (
                        'MISS' if miss else 'FALSE', 'N' if nonlat[i] else '-', q['cls'], q['lang'], q['name'], q['cid'],
                        qkeys[i] + ('' if ckeys[i] == qkeys[i] else ' | ' + ckeys[i]), '/'.join(ek[q['cid']]), pred[i], best[i], loo_pred[i], loo[i],
                        '/'.join(ek[loo_pred[i]])))


if __name__ == '__main__':
    main()
