"""Learn the fuzzy step's edit costs (Sources/OnomaMatching/Rules/edit-costs.tsv) from the DEV slice.

Offline; needs PyICU, rapidfuzz, numpy (as Benchmarks/transcription/eval.py, whose set, keys and split it imports).
Only the dev slice is read: the unseen slice's queries are never loaded into the counts or the checks.

What it learns. Each edit of a transcription key is an operation with a position class: a substitution of one
letter for another (unordered pair) or an insertion/deletion of a letter, at the key's first letter (I), in its last
two (F) or elsewhere (M). Counted over
  - positive pairs: each dev transcription query's closest key pair (Levenshtein) with its own concept's keys, when
    their similarity is >= 0.5 (an alignment, not an exonym);
  - negative pairs: the same query's 8 closest keys of other concepts (similarity >= 0.5): the look-alikes.
An operation's rate r(op) = (positives + b*m) / (negatives + m), shrunk towards the base rate b = all positives /
all negatives with m = 20 pseudo-counts, says how much more often it separates spellings of one name than names of
two places. Its cost, in edits, is clip(1 - LAMBDA * ln(r / b), 0.2, 1.5): an operation seen as often among
look-alikes as among spellings costs one edit, a typical spelling variation (fr -ou/en -ow, a final vowel) less,
one that separates different names more. The first letter's costs are doubled by the matcher, not here.
Operations whose cost is within 0.05 of 1 are left out of the table (they cost 1).

Usage: python3 Benchmarks/matching/learn_costs.py [--write] [--cv]
  --write  writes Sources/OnomaMatching/Rules/edit-costs.tsv (the table the Swift matcher loads)
  --cv     2-fold cross-validation over dev concepts of the PyICU model of the fuzzy rule (costs learned on one half,
           measured on the other): transcription acc@1 and leave-one-out false-match rate, before and after
"""
import argparse
import hashlib
import importlib.util
import math
import os
import sys
from collections import Counter, defaultdict

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
_spec = importlib.util.spec_from_file_location('te', os.path.join(ROOT, 'Benchmarks', 'transcription', 'eval.py'))
te = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(te)
from rapidfuzz import process                       # noqa: E402
from rapidfuzz.distance import Levenshtein as Lev   # noqa: E402

OUT = os.path.join(ROOT, 'Sources', 'OnomaMatching', 'Rules', 'edit-costs.tsv')
LAMBDA, SHRINK, LOW, HIGH = 0.4, 20, 0.2, 1.5
THRESHOLD = 0.83            # EntityMatcher.learnedSimilarity
FUZZY, WEIGHTED = 0.755, 0.85


def position(i, n):
    return 'I' if i == 0 else 'F' if i >= n - 2 else 'M'


def operations(a, b):
    out = []
    for op in Lev.editops(a, b):
        i, j = op.src_pos, op.dest_pos
        if op.tag == 'replace':
            out.append(('sub', ''.join(sorted((a[i], b[j]))), position(max(i, j), max(len(a), len(b)))))
        elif op.tag == 'delete':
            out.append(('indel', a[i], position(i, len(a))))
        else:
            out.append(('indel', b[j], position(j, len(b))))
    return out


def load():
    folder = te.Folder()
    data = [c for c in te.build_dataset() if not c['unseen']]      # dev slice only
    queries = [q for q in te.make_queries(data, folder) if q['lang'] in te.QUERY_LANGS]

    def keys(name, lang):
        s, conv = folder.latin(name, lang)
        out = {folder.common.transliterate(s)}
        if folder.lang.get(conv) is not None:
            out.add(folder.common.transliterate(folder.lang[conv].transliterate(s)))
        return sorted(k for k in out if k)
    entries = [(c['id'], k.replace(' ', ''), folder.skeleton(k).replace(' ', ''))
               for c in data for n, l in c['entries'] for k in keys(n, l)]
    for q in queries:
        q['keys'] = [(k.replace(' ', ''), folder.skeleton(k).replace(' ', '')) for k in keys(q['name'], q['lang'])]
    return queries, entries


def count(queries, entries):
    keys = [e[1] for e in entries]
    positive, negative = Counter(), Counter()
    for q in queries:
        if q['cls'] != 'transcription' or q['identical']:
            continue
        best = None
        for k, _ in q['keys']:
            for e in entries:
                if e[0] == q['cid']:
                    d = Lev.distance(k, e[1])
                    if best is None or d < best[0]:
                        best = (d, k, e[1])
        if best and best[0] > 0 and 1 - best[0] / max(len(best[1]), len(best[2])) >= 0.5:
            positive.update((op, q['cid']) for op in operations(best[1], best[2]))
        for k, _ in q['keys']:
            for _, _, i in process.extract(k, keys, scorer=Lev.normalized_similarity, score_cutoff=0.5, limit=8):
                if entries[i][0] != q['cid']:
                    negative.update((op, q['cid']) for op in operations(k, keys[i]))
    # Each operation counts once per concept: nine languages' spellings of one exonym (Rangoon/Yangon) are one piece
    # of evidence, not nine.
    return Counter(op for op, _ in positive), Counter(op for op, _ in negative)


def costs(positive, negative):
    base = sum(positive.values()) / sum(negative.values())
    table = {}
    for op in set(positive) | set(negative):
        rate = (positive[op] + base * SHRINK) / (negative[op] + SHRINK)
        table[op] = min(HIGH, max(LOW, 1 - LAMBDA * math.log(rate / base)))
    return {op: c for op, c in table.items() if abs(c - 1) >= 0.05}, positive, negative


# ---- the PyICU model of the fuzzy rule (EntityMatcher.pairSimilarity), for --cv

VOWEL_KIN = ["aeiou", "bpfv", "dt", "gk", "mn", "vu", "kh", "ij"]
KIN = defaultdict(int)
for _bit, _letters in enumerate(VOWEL_KIN):
    for _c in _letters:
        KIN[_c] |= 1 << _bit


def weighted(a, b):
    """Similarity.weightedDistance: half edits."""
    ind = lambda c: 1 if (KIN[c] & 1) or c == 'h' else 2                       # noqa: E731
    sub = lambda x, y: 0 if x == y else 1 if KIN[x] & KIN[y] else 2             # noqa: E731
    prev = [0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        prev[j] = prev[j - 1] + ind(b[j - 1]) * (2 if j == 1 else 1)
    for i in range(1, len(a) + 1):
        d = ind(a[i - 1]) * (2 if i == 1 else 1)
        cur = [prev[0] + d] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + d, cur[j - 1] + ind(b[j - 1]) * (2 if j == 1 else 1),
                         prev[j - 1] + sub(a[i - 1], b[j - 1]) * (2 if i == j == 1 else 1))
        prev = cur
    return prev[-1]


def learned(a, b, table):
    """Similarity.learnedDistance: edits, first letter doubled."""
    def cost(op):
        return table.get(op, 1.0) * (2 if op[2] == 'I' else 1)
    n, m = len(a), len(b)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + cost(('indel', b[j - 1], position(j - 1, m)))
    for i in range(1, n + 1):
        d = cost(('indel', a[i - 1], position(i - 1, n)))
        cur = [prev[0] + d] + [0.0] * m
        for j in range(1, m + 1):
            s = 0 if a[i - 1] == b[j - 1] else cost(
                ('sub', ''.join(sorted((a[i - 1], b[j - 1]))), position(max(i - 1, j - 1), max(n, m))))
            cur[j] = min(prev[j] + d, cur[j - 1] + cost(('indel', b[j - 1], position(j - 1, m))), prev[j - 1] + s)
        prev = cur
    return prev[-1]


def vowel_tail(x, y):
    """One key is the other plus vowels (tunis/tunisi): the learned rule does not apply."""
    s, l = sorted((x, y), key=len)
    return l.startswith(s) and all(c in 'aeiou' for c in l[len(s):])


def similarity(x, y, sx, sy, table):
    short, long_ = min(len(x), len(y)), max(len(x), len(y))
    if short < 4:
        return 0
    distance = Lev.distance(x, y)
    value = 0
    if short < 6:
        common = 0
        while common < short and x[common] == y[common]:
            common += 1
        ok = common >= short - 2
        if ok and long_ > short:
            ok = common == short and (x if len(x) > len(y) else y)[short] in 'aou'
        if ok and weighted(x, y) <= 1:
            value = 1 - weighted(x, y) / 2 / long_
    else:
        ks = 1 - distance / long_
        sl = max(len(sx), len(sy))
        ss = 1 if sl == 0 else 1 - Lev.distance(sx, sy) / sl
        if ks >= FUZZY and ss >= FUZZY:
            value = min(ks, ss)
        w = 1 - weighted(x, y) / 2 / long_
        if w >= WEIGHTED:
            value = max(value, w)
    if table is not None and not vowel_tail(x, y) and distance <= max(1, int((1 - FUZZY) * long_ + 1e-9)):
        w = 1 - learned(x, y, table) / long_
        if w >= THRESHOLD:
            value = max(value, w)
    return value


def measure(queries, entries, table):
    keys = [e[1] for e in entries]
    hit = total = false = 0
    for q in queries:
        best = {}
        for k, s in q['keys']:
            for _, _, i in process.extract(k, keys, scorer=Lev.normalized_similarity, score_cutoff=0.4, limit=None):
                e = entries[i]
                v = 1.0 if k == e[1] else similarity(k, e[1], s, e[2], table)
                best[e[0]] = max(best.get(e[0], 0), v)
        if q['cls'] == 'transcription' and not q['identical']:
            total += 1
            top = max(best.items(), key=lambda kv: kv[1], default=(None, 0))
            hit += top[0] == q['cid'] and top[1] > 0
        false += max((v for c, v in best.items() if c != q['cid']), default=0) > 0
    return hit / total, false / len(queries)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--cv', action='store_true')
    args = ap.parse_args()
    queries, entries = load()
    table, positive, negative = costs(*count(queries, entries))
    if args.cv:
        fold = lambda cid: int(hashlib.sha1(('cv' + cid).encode()).hexdigest(), 16) % 2   # noqa: E731
        for f in (0, 1):
            train = [q for q in queries if fold(q['cid']) != f]
            test = [q for q in queries if fold(q['cid']) == f]
            half, _, _ = costs(*count(train, entries))
            before, after = measure(test, entries, None), measure(test, entries, half)
            print('fold %d: acc@1 %.3f -> %.3f, FMR (leave-one-out) %.4f -> %.4f (%d queries)'
                  % (f, before[0], after[0], before[1], after[1], len(test)))
    lines = ['# Onoma learned edit costs: what the fuzzy step\'s learned distance (Similarity.learnedDistance) charges',
             '# for each edit of a transcription key. Written by Benchmarks/matching/learn_costs.py --write from the',
             '# DEV slice of the CLDR set (Benchmarks/matching/README.md); the unseen slice is never read. Do not edit',
             '# by hand: change the script (its docstring tells how costs are learned) and run it again.',
             '#',
             '# Columns: operation (sub: one letter for another, either order; indel: a letter added or dropped),',
             '# letters, position (I: first letter of the key, M: inside, F: last two letters), cost in edits,',
             '# positives and negatives (the counts it was learned from). Unlisted operations cost 1; the matcher',
             '# doubles every cost at the first letter. lambda %.2f, shrink %d, costs clipped to [%.2f, %.2f].'
             % (LAMBDA, SHRINK, LOW, HIGH)]
    for op in sorted(table, key=lambda op: (op[0], op[2], op[1])):
        lines.append('%s\t%s\t%s\t%.2f\t%d\t%d' % (op[0], op[1], op[2], table[op], positive[op], negative[op]))
    if args.write:
        with open(OUT, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        print('wrote %s: %d operations' % (os.path.relpath(OUT, ROOT), len(table)))
    else:
        print('\n'.join(lines))


if __name__ == '__main__':
    main()
