#!/usr/bin/env python3
"""Quality of `onoma link` (entity linking in running text) against hand-made gold annotations.

Standard library only (Python 3.11).  See Benchmarks/linking/README.md.

    python3 Benchmarks/linking/eval.py                       # the default texts (below)
    python3 Benchmarks/linking/eval.py --text T.txt --gold T-gold.tsv [--text … --gold …]
    python3 Benchmarks/linking/eval.py --onoma .build/debug/onoma
    python3 Benchmarks/linking/eval.py --self-test           # tests of this script, no onoma needed

Default texts (a pair whose text file is missing is skipped with a note):
    ../shared/corpus/fr-presstv-karabakh-2022-03-27.txt       Tests/…/linking/fr-presstv-gold.tsv
    Tests/…/corpus/fr-presstv-excerpt.txt                     Tests/…/linking/fr-presstv-excerpt-gold.tsv
    Tests/…/linking/heldout/fr-second.txt                     Tests/…/linking/heldout/fr-second-gold.tsv

Text.  A text file is read as UTF-8, nothing normalized (a BOM, CR, NBSP stay characters of the text).  When it starts
with `#` lines (fixture header: source, licence), those lines are not part of the text: the text is the remaining
lines joined with "\\n", written to a temporary file, and that file is what `onoma link` reads, so that its offsets are
offsets into the body.

System.  `onoma link FILE --from fr --to en --format jsonl` (plus any --link-arg), one JSON object per mention:
start, end (Unicode scalar offsets, end exclusive), byteStart, byteEnd (UTF-8), surface, entity, kind (name or
adjective), and others, which are ignored.  Every mention is checked: surface == text[start:end] and the byte offsets
equal the UTF-8 offsets of that span; a mismatch is an error, reported, and the mention still scored on its
start/end.

Gold (TSV, UTF-8, `#` lines are comments; header row `surface entity kind canonical_en [occurrences]`).  Expansion:
every occurrence of every surface in the text, bounded on both sides by a character that is not a letter, a mark or a
digit (or by the text's edge), is a candidate; candidates are taken longest first (then leftmost), a candidate that
overlaps one already taken is dropped (a surface inside a longer mention is not a separate mention).  The kept
occurrences of a surface are numbered 1, 2, … in text order; a row with an `occurrences` cell (e.g. `1,3`) annotates
only those, a row without one annotates the others; an occurrence no row claims is no mention (it still hides the
shorter surfaces inside it).  A surface that never occurs, or an occurrence number that does not exist, is an error
of the gold file and stops the run.

Scores, per text:
  names     strict mention P/R/F1 on proper names: gold rows of kind `name` against system mentions of kind `name`;
  all       strict mention P/R/F1 on every mention (names and adjectives), kind not compared;
  entities  the set of distinct entities of the gold against the system's (all mentions): P/R/F1.
A system mention is correct when its [start, end) is a gold span and its entity is that span's gold entity; each
gold span is matched at most once (a duplicate system mention is a false positive).
Held-out texts (a path with a `heldout` folder) get their scores only: their false positives, false negatives and
error messages would show the text to the developer of the linker; --show-heldout lists them too.
Exit status 0, also when scores are low or mentions invalid; 2 when onoma cannot be run or fails; 1 for a bad gold
file or bad arguments.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "Tests" / "TestResources" / "Resources"
DEFAULT_PAIRS = [
    (REPO.parent / "shared" / "corpus" / "fr-presstv-karabakh-2022-03-27.txt",
     RESOURCES / "linking" / "fr-presstv-gold.tsv"),
    (RESOURCES / "corpus" / "fr-presstv-excerpt.txt",
     RESOURCES / "linking" / "fr-presstv-excerpt-gold.tsv"),
    (RESOURCES / "linking" / "heldout" / "fr-second.txt",
     RESOURCES / "linking" / "heldout" / "fr-second-gold.tsv"),
]
DEFAULT_ONOMA = REPO / ".build" / "release" / "onoma"
KINDS = ("name", "adjective")
ENTITY_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class GoldError(Exception):
    """A gold file that cannot be expanded (bad row, surface not in the text, bad occurrence number)."""


class ToolError(Exception):
    """`onoma link` could not be run or failed."""


# ---------------------------------------------------------------------------------------------------- text and gold

def read_text(path: Path) -> tuple[str, bool]:
    """The text to link and whether leading `#` header lines were removed (then the text is the body)."""
    raw = path.read_bytes().decode("utf-8")
    return strip_header(raw)


def strip_header(raw: str) -> tuple[str, bool]:
    lines = raw.split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    if n == 0:
        return raw, False
    body = lines[n:]
    while body and body[-1] == "":       # "the remaining lines": a final newline is a line end, not a line
        body.pop()
    return "\n".join(body), True


@dataclasses.dataclass(frozen=True)
class GoldRow:
    line: int
    surface: str
    entity: str
    kind: str
    canonical: str
    occurrences: tuple[int, ...] | None


@dataclasses.dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    entity: str | None
    kind: str
    extra: str = ""          # for system mentions: method/score, shown in listings


def parse_gold(text: str, origin: str = "gold") -> list[GoldRow]:
    rows: list[GoldRow] = []
    header_seen = False
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells[:4] != ["surface", "entity", "kind", "canonical_en"] or cells[4:] not in ([], ["occurrences"]):
                raise GoldError(f"{origin}:{number}: header must be surface, entity, kind, canonical_en "
                                f"[, occurrences]; got {cells}")
            continue
        if len(cells) not in (4, 5):
            raise GoldError(f"{origin}:{number}: {len(cells)} cells, expected 4 or 5: {line!r}")
        surface, entity, kind, canonical = cells[:4]
        if not surface or surface != surface.strip():
            raise GoldError(f"{origin}:{number}: empty surface or surrounding spaces: {surface!r}")
        if not ENTITY_ID.match(entity):
            raise GoldError(f"{origin}:{number}: entity id {entity!r} is not a slug [a-z0-9][a-z0-9-]*")
        if kind not in KINDS:
            raise GoldError(f"{origin}:{number}: kind {kind!r} is not one of {KINDS}")
        if not canonical.strip():
            raise GoldError(f"{origin}:{number}: empty canonical_en")
        occurrences = None
        if len(cells) == 5 and cells[4].strip():
            try:
                occurrences = tuple(int(x) for x in cells[4].split(","))
            except ValueError:
                raise GoldError(f"{origin}:{number}: occurrences must be like 1,3: {cells[4]!r}") from None
            if any(n < 1 for n in occurrences) or len(set(occurrences)) != len(occurrences):
                raise GoldError(f"{origin}:{number}: occurrences must be distinct numbers from 1: {cells[4]!r}")
        rows.append(GoldRow(number, surface, entity, kind, canonical, occurrences))
    if not header_seen:
        raise GoldError(f"{origin}: no header row")
    return rows


def is_word_char(ch: str) -> bool:
    """Letters, marks and digits: a mention may not start or end next to one."""
    return unicodedata.category(ch)[0] in "LMN"


def find_bounded(text: str, surface: str) -> list[int]:
    """Start offsets of every occurrence of `surface` bounded by non-word characters or the text's edges."""
    starts = []
    i = text.find(surface)
    while i >= 0:
        end = i + len(surface)
        if (i == 0 or not is_word_char(text[i - 1])) and (end == len(text) or not is_word_char(text[end])):
            starts.append(i)
        i = text.find(surface, i + 1)
    return starts


def expand_gold(text: str, rows: list[GoldRow], origin: str = "gold") -> list[Mention]:
    """The gold mentions of `text`, in text order (see the module docstring for the rule)."""
    by_surface: dict[str, list[GoldRow]] = {}
    for row in rows:
        by_surface.setdefault(row.surface, []).append(row)
    candidates = []
    for surface, srows in by_surface.items():
        starts = find_bounded(text, surface)
        if not starts:
            raise GoldError(f"{origin}:{srows[0].line}: surface {surface!r} does not occur in the text "
                            f"(bounded by non-letters)")
        candidates.extend((s, s + len(surface), surface) for s in starts)
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str]] = []
    covered = bytearray(len(text))
    for start, end, surface in candidates:
        if any(covered[start:end]):
            continue
        covered[start:end] = b"\x01" * (end - start)
        taken.append((start, end, surface))
    taken.sort()
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for start, end, surface in taken:
        occurrences.setdefault(surface, []).append((start, end))

    mentions = []
    for surface, srows in by_surface.items():
        kept = occurrences.get(surface, [])
        if not kept:
            raise GoldError(f"{origin}:{srows[0].line}: every occurrence of {surface!r} is inside a longer surface")
        claimed: dict[int, GoldRow] = {}
        default_rows = [r for r in srows if r.occurrences is None]
        if len(default_rows) > 1:
            raise GoldError(f"{origin}:{default_rows[1].line}: {surface!r} has several rows without occurrences")
        for row in srows:
            for n in row.occurrences or ():
                if n > len(kept):
                    raise GoldError(f"{origin}:{row.line}: {surface!r} has {len(kept)} occurrence(s) "
                                    f"after longer surfaces are removed; no occurrence {n}")
                if n in claimed:
                    raise GoldError(f"{origin}:{row.line}: occurrence {n} of {surface!r} claimed twice")
                claimed[n] = row
        for n, (start, end) in enumerate(kept, start=1):
            row = claimed.get(n) or (default_rows[0] if default_rows else None)
            if row is not None:
                mentions.append(Mention(start, end, surface, row.entity, row.kind))
    mentions.sort(key=lambda m: m.start)
    return mentions


# ---------------------------------------------------------------------------------------------------- system output

def run_onoma(onoma: Path, text_file: Path, link_args: list[str]) -> str:
    cmd = [str(onoma), "link", str(text_file), "--from", "fr", "--to", "en", "--format", "jsonl", *link_args]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=600)
    except FileNotFoundError:
        raise ToolError(f"{onoma}: not found (build it: swift build -c release)") from None
    except (PermissionError, OSError) as error:
        raise ToolError(f"{onoma}: cannot run: {error}") from None
    except subprocess.TimeoutExpired:
        raise ToolError(f"{' '.join(cmd)}: no answer after 600 s") from None
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace").strip()
        raise ToolError(f"{' '.join(cmd)}: exit status {proc.returncode}\n{stderr[-2000:]}")
    try:
        return proc.stdout.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ToolError(f"{' '.join(cmd)}: output is not UTF-8: {error}") from None


def parse_system(text: str, output: str) -> tuple[list[Mention], list[str]]:
    """System mentions and the errors found checking them against the text."""
    mentions, errors = [], []
    utf8_offset = None
    for number, line in enumerate(output.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"output line {number}: not JSON ({error}): {line[:120]!r}")
            continue
        if not isinstance(obj, dict):
            errors.append(f"output line {number}: not a JSON object: {line[:120]!r}")
            continue
        start, end = obj.get("start"), obj.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"output line {number}: bad start/end {start!r}/{end!r} (text has {len(text)} scalars)")
            continue
        span = text[start:end]
        surface = obj.get("surface")
        where = f"[{start},{end}) {span!r}"
        if surface != span:
            errors.append(f"{where}: surface {surface!r} is not text[start:end]")
        if utf8_offset is None:
            utf8_offset = utf8_offsets(text)
        byte_start, byte_end = obj.get("byteStart"), obj.get("byteEnd")
        if (byte_start, byte_end) != (utf8_offset[start], utf8_offset[end]):
            errors.append(f"{where}: byteStart/byteEnd {byte_start!r}/{byte_end!r}, "
                          f"expected {utf8_offset[start]}/{utf8_offset[end]}")
        kind = obj.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} is not one of {KINDS} (scored as name)")
            kind = "name"
        entity = obj.get("entity")
        if entity is not None and not isinstance(entity, str):
            errors.append(f"{where}: entity {entity!r} is not a string")
            entity = str(entity)
        extra = " ".join(f"{obj[k]}" for k in ("method", "score") if obj.get(k) is not None)
        mentions.append(Mention(start, end, span, entity or None, kind, extra))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, errors


def utf8_offsets(text: str) -> list[int]:
    """offsets[i] = UTF-8 byte offset of scalar i; offsets[len(text)] = byte length."""
    offsets = [0] * (len(text) + 1)
    total = 0
    for i, ch in enumerate(text):
        offsets[i] = total
        total += len(ch.encode("utf-8", "surrogatepass"))
    offsets[len(text)] = total
    return offsets


# ---------------------------------------------------------------------------------------------------- scoring

@dataclasses.dataclass
class Score:
    gold: int
    system: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def cell(self) -> str:
        return f"{self.precision:6.1%} {self.recall:6.1%} {self.f1:6.1%}"


def match(gold: list[Mention], system: list[Mention]) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """(true positives, false positives, false negatives), strict span + entity."""
    gold_by_span = {(m.start, m.end): m for m in gold}
    used: set[tuple[int, int]] = set()
    tp, fp = [], []
    for m in system:
        key = (m.start, m.end)
        g = gold_by_span.get(key)
        if g is not None and key not in used and m.entity == g.entity:
            used.add(key)
            tp.append(m)
        else:
            fp.append(m)
    fn = [g for g in gold if (g.start, g.end) not in used]
    return tp, fp, fn


def score(gold: list[Mention], system: list[Mention]) -> Score:
    tp, _, _ = match(gold, system)
    return Score(len(gold), len(system), len(tp))


def entity_score(gold: list[Mention], system: list[Mention]) -> tuple[Score, set[str], set[str]]:
    g = {m.entity for m in gold}
    s = {m.entity for m in system if m.entity}
    return Score(len(g), len(s), len(g & s)), s - g, g - s


@dataclasses.dataclass
class Result:
    label: str
    gold: list[Mention]
    system: list[Mention]
    errors: list[str]
    heldout: bool = False

    @property
    def names(self) -> Score:
        return score([m for m in self.gold if m.kind == "name"], [m for m in self.system if m.kind == "name"])

    @property
    def all(self) -> Score:
        return score(self.gold, self.system)

    @property
    def entities(self) -> Score:
        return entity_score(self.gold, self.system)[0]


def overlapping(m: Mention, others: list[Mention]) -> list[Mention]:
    return [o for o in others if o.start < m.end and m.start < o.end]


def describe(m: Mention) -> str:
    return f"{m.start:>6}  {m.surface!r:<34} {m.entity or '(none)':<34} {m.kind}"


def report(result: Result, out, details: bool = True) -> None:
    print(f"\n=== {result.label}", file=out)
    n_names = sum(m.kind == "name" for m in result.gold)
    s_names = sum(m.kind == "name" for m in result.system)
    print(f"gold: {len(result.gold)} mentions ({n_names} names, {len(result.gold) - n_names} adjectives); "
          f"system: {len(result.system)} ({s_names} names, {len(result.system) - s_names} adjectives)", file=out)
    for label, sc in (("names", result.names), ("all", result.all)):
        print(f"{label:<9} P {sc.precision:6.1%}  R {sc.recall:6.1%}  F1 {sc.f1:6.1%}   "
              f"({sc.correct} correct of {sc.system} found, {sc.gold} gold)", file=out)
    es, extra, missing = entity_score(result.gold, result.system)
    print(f"entities  P {es.precision:6.1%}  R {es.recall:6.1%}  F1 {es.f1:6.1%}   "
          f"({es.correct} shared of {es.system} found, {es.gold} gold)", file=out)
    if not details:
        print(f"held out: {len(result.errors)} error(s) in the system output; mentions not listed "
              f"(--show-heldout lists them)", file=out)
        return
    if missing:
        print(f"  entities never found: {', '.join(sorted(missing))}", file=out)
    if extra:
        print(f"  entities not in the gold: {', '.join(sorted(extra))}", file=out)

    tp, fp, fn = match(result.gold, result.system)
    kind_mismatch = [m for m in tp
                     if next(g for g in result.gold if (g.start, g.end) == (m.start, m.end)).kind != m.kind]
    if fp:
        print(f"\nfalse positives ({len(fp)}):   offset  surface  entity  kind  [method score]  — gold nearby",
              file=out)
        for m in fp:
            near = overlapping(m, result.gold)
            hint = "; ".join(
                ("same span, gold " if (g.start, g.end) == (m.start, m.end) else "overlaps gold ")
                + f"{g.surface!r} {g.entity}" for g in near) or "no gold mention here"
            print(f"  FP {describe(m)}  [{m.extra}]  — {hint}", file=out)
    if fn:
        print(f"\nfalse negatives ({len(fn)}):   offset  surface  entity  kind  — system nearby", file=out)
        for g in fn:
            near = overlapping(g, result.system)
            hint = "; ".join(
                ("same span, system " if (o.start, o.end) == (g.start, g.end) else "overlaps system ")
                + f"{o.surface!r} {o.entity}" for o in near) or "nothing found here"
            print(f"  FN {describe(g)}  — {hint}", file=out)
    if kind_mismatch:
        print(f"\nright span and entity, other kind than the gold ({len(kind_mismatch)}; "
              f"misses in the names score):", file=out)
        for m in kind_mismatch:
            print(f"  KIND {describe(m)}", file=out)
    if result.errors:
        print(f"\nERRORS in the system output ({len(result.errors)}):", file=out)
        for e in result.errors:
            print(f"  ERROR {e}", file=out)


def summary(results: list[Result], out) -> None:
    print("\n" + "=" * 118, file=out)
    print(f"{'':<30} {'gold':>7} {'system':>7}   {'names (strict)':^20}   {'all (strict)':^20}   "
          f"{'entities':^20} {'errors':>6}", file=out)
    prf = f"{'P':>6} {'R':>6} {'F1':>6}"
    print(f"{'text':<30} {'n/a':>7} {'n/a':>7}   {prf}   {prf}   {prf} {'':>6}", file=out)
    for r in results:
        gn = sum(m.kind == "name" for m in r.gold)
        sn = sum(m.kind == "name" for m in r.system)
        print(f"{r.label[:30]:<30} {f'{gn}/{len(r.gold) - gn}':>7} {f'{sn}/{len(r.system) - sn}':>7}   "
              f"{r.names.cell()}   {r.all.cell()}   {r.entities.cell()} {len(r.errors):>6}", file=out)
    print("n/a = names/adjectives.  names: gold and system mentions of kind name; all: names and adjectives, kind not"
          " compared;\nstrict = same span [start, end) and same entity.  entities: distinct entities, gold vs system."
          "  errors: invalid system mentions.", file=out)


# ---------------------------------------------------------------------------------------------------- driver

def evaluate(text_path: Path, gold_path: Path, onoma: Path, link_args: list[str], out) -> Result:
    text, had_header = read_text(text_path)
    rows = parse_gold(gold_path.read_bytes().decode("utf-8"), str(gold_path))
    gold = expand_gold(text, rows, str(gold_path))
    if had_header:
        with tempfile.TemporaryDirectory(prefix="onoma-link-eval-") as tmp:
            body = Path(tmp) / text_path.name
            body.write_bytes(text.encode("utf-8"))
            output = run_onoma(onoma, body, link_args)
    else:
        output = run_onoma(onoma, text_path, link_args)
    system, errors = parse_system(text, output)
    heldout = "heldout" in text_path.parts or "heldout" in gold_path.parts
    return Result(text_path.stem + (" (held out)" if heldout else ""), gold, system, errors, heldout)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onoma", type=Path, default=DEFAULT_ONOMA,
                        help=f"the onoma binary (default {DEFAULT_ONOMA.relative_to(REPO)})")
    parser.add_argument("--text", type=Path, action="append", default=[], help="a text to link (with --gold)")
    parser.add_argument("--gold", type=Path, action="append", default=[], help="its gold TSV")
    parser.add_argument("--link-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for `onoma link` (repeatable), e.g. --link-arg=--store=x.sqlite")
    parser.add_argument("--summary-only", action="store_true", help="no per-text listings")
    parser.add_argument("--show-heldout", action="store_true",
                        help="also list the mentions of held-out texts (for the annotator, not the linker's developer)")
    parser.add_argument("--self-test", action="store_true", help="run this script's own tests and exit")
    args = parser.parse_args(argv)

    if args.self_test:
        self_test()
        print("self-test: ok")
        return 0
    if len(args.text) != len(args.gold):
        parser.error("give --text and --gold in pairs")
    pairs = list(zip(args.text, args.gold))
    if not pairs:
        pairs = []
        for text_path, gold_path in DEFAULT_PAIRS:
            if text_path.exists():
                pairs.append((text_path, gold_path))
            else:
                print(f"note: {text_path} not found, skipped", file=sys.stderr)
    if not args.onoma.is_absolute() and not args.onoma.exists() and (REPO / args.onoma).exists():
        args.onoma = REPO / args.onoma
    out = sys.stdout
    results = []
    try:
        for text_path, gold_path in pairs:
            result = evaluate(text_path, gold_path, args.onoma, args.link_arg, out)
            results.append(result)
            if not args.summary_only:
                report(result, out, details=args.show_heldout or not result.heldout)
    except GoldError as error:
        print(f"gold error: {error}", file=sys.stderr)
        return 1
    except ToolError as error:
        print(f"onoma failed: {error}", file=sys.stderr)
        return 2
    summary(results, out)
    return 0


# ---------------------------------------------------------------------------------------------------- self-test

def self_test() -> None:
    def gold(tsv_rows: str) -> list[GoldRow]:
        return parse_gold("# comment\nsurface\tentity\tkind\tcanonical_en\toccurrences\n" + tsv_rows)

    def spans(text: str, rows: str) -> list[tuple[str, str, str]]:
        return [(text[m.start:m.end], m.entity, m.kind) for m in expand_gold(text, gold(rows))]

    # Longer surfaces win; elision: the mention is the word after the apostrophe.
    text = "Le Haut-Karabakh, l'Arménie et l’Arménie ; crise du Karabakh."
    rows = ("Haut-Karabakh\tnagorno-karabakh\tname\tNagorno-Karabakh\n"
            "Karabakh\tnagorno-karabakh\tname\tNagorno-Karabakh\n"
            "Arménie\tarmenia\tname\tArmenia\n")
    assert spans(text, rows) == [("Haut-Karabakh", "nagorno-karabakh", "name"), ("Arménie", "armenia", "name"),
                                 ("Arménie", "armenia", "name"), ("Karabakh", "nagorno-karabakh", "name")]
    # Boundaries: letters (also accented ones) and digits block; punctuation, NBSP and © do not.
    text = "russes russe biélorusse russe2 «russe» ©russe\u00a0russe"
    got = expand_gold(text, gold("russe\trussia\tadjective\tRussia\nrusses\trussia\tadjective\tRussia\n"))
    assert [(m.start, m.surface) for m in got] == [(0, "russes"), (7, "russe"), (32, "russe"), (40, "russe"),
                                                  (46, "russe")], got
    # A longer surface that overlaps a shorter one partially also wins; the shorter's later occurrences stay.
    text = "le ministère russe de la Défense et le président russe"
    rows = ("ministère russe de la Défense\tministry-of-defence-russia\tname\tMinistry\n"
            "russe\trussia\tadjective\tRussia\n")
    assert spans(text, rows) == [("ministère russe de la Défense", "ministry-of-defence-russia", "name"),
                                 ("russe", "russia", "adjective")]
    # Occurrence numbers count after longer surfaces are removed; unclaimed occurrences are skipped.
    text = "US Capitol, US-OTAN, US, US"
    rows = ("US Capitol\tus-capitol\tname\tUS Capitol\n"
            "US\tunited-states\tname\tUnited States\t1,3\n"
            "OTAN\tnato\tname\tNATO\n")
    got = expand_gold(text, gold(rows))
    assert [(m.start, m.surface, m.entity) for m in got] == [
        (0, "US Capitol", "us-capitol"), (12, "US", "united-states"), (15, "OTAN", "nato"),
        (25, "US", "united-states")], got
    # Two rows for one surface: explicit occurrences, the rest to the row without a list.
    got = spans("Géorgie, Géorgie, Géorgie", "Géorgie\tgeorgia-country\tname\tGeorgia\n"
                                             "Géorgie\tgeorgia-us-state\tname\tGeorgia\t2\n")
    assert [e for _, e, _ in got] == ["georgia-country", "georgia-us-state", "georgia-country"], got
    # Gold errors.
    for bad_text, bad_rows in (("rien", "Arménie\tarmenia\tname\tArmenia\n"),
                               ("Arménie", "Arménie\tarmenia\tname\tArmenia\t2\n"),
                               ("Arménie", "Arménie\tArmenia\tname\tArmenia\n"),
                               ("Arménie", "Arménie\tarmenia\tnoun\tArmenia\n"),
                               ("Arménien", "Arménie\tarmenia\tname\tArmenia\n")):
        try:
            expand_gold(bad_text, gold(bad_rows))
        except GoldError:
            pass
        else:
            raise AssertionError(f"no GoldError for {bad_rows!r} on {bad_text!r}")
    # Header lines: the text is the body.
    assert strip_header("# a\n# b\nLigne 1\nLigne 2\n") == ("Ligne 1\nLigne 2", True)
    assert strip_header("TV\n# pas un en-tête\n") == ("TV\n# pas un en-tête\n", False)

    # System output: validation of surface and UTF-8 offsets; scoring.
    text = "L’Arménie et l'Azerbaïdjan ; Erevan."
    g = expand_gold(text, gold("Arménie\tarmenia\tname\tArmenia\nAzerbaïdjan\tazerbaijan\tname\tAzerbaijan\n"
                               "Erevan\tyerevan\tname\tYerevan\n"))
    b = utf8_offsets(text)
    assert b[2] == 4 and b[len(text)] == len(text.encode())
    lines = [
        {"start": 2, "end": 9, "byteStart": 4, "byteEnd": 12, "surface": "Arménie", "entity": "armenia",
         "kind": "name", "method": "exact", "score": 1.0, "future": [1]},
        {"start": 15, "end": 26, "byteStart": 18, "byteEnd": 30, "surface": "Azerbaïdjan", "entity": "iran",
         "kind": "name"},
        {"start": 13, "end": 26, "byteStart": b[13], "byteEnd": b[26], "surface": "WRONG", "entity": "azerbaijan",
         "kind": "adjective"},
    ]
    system, errors = parse_system(text, "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    assert len(system) == 3 and len(errors) == 1 and "surface" in errors[0], errors
    _, errors = parse_system(text, json.dumps({**lines[0], "byteStart": 2}) + "\nnot json\n")
    assert len(errors) == 2 and "byteStart" in errors[0] and "not JSON" in errors[1], errors
    tp, fp, fn = match(g, system)
    assert [m.surface for m in tp] == ["Arménie"] and len(fp) == 2 and [m.surface for m in fn] == [
        "Azerbaïdjan", "Erevan"]
    sc = score(g, system)
    assert (sc.correct, sc.system, sc.gold) == (1, 3, 3) and abs(sc.f1 - 1 / 3) < 1e-9
    dup = score(g, [system[0], system[0]])
    assert (dup.correct, dup.system) == (1, 2)
    es, extra, missing = entity_score(g, system)
    assert (es.correct, es.system, es.gold) == (2, 3, 3) and extra == {"iran"} and missing == {"yerevan"}
    assert Score(0, 0, 0).f1 == 1.0 and Score(2, 0, 0).f1 == 0.0

    # End to end with a stand-in for onoma (a Python script): header stripping and offsets on the body.
    with tempfile.TemporaryDirectory(prefix="onoma-link-eval-test-") as tmp:
        tmp = Path(tmp)
        fake = tmp / "onoma"
        fake.write_text(
            "#!" + sys.executable + "\n"
            "import json, sys\n"
            "assert sys.argv[1] == 'link' and sys.argv[3:9] == ['--from','fr','--to','en','--format','jsonl']\n"
            "text = open(sys.argv[2], 'rb').read().decode('utf-8')\n"
            "assert not text.startswith('#'), text\n"
            "i = text.index('Erevan')\n"
            "b = len(text[:i].encode())\n"
            "print(json.dumps({'start': i, 'end': i + 6, 'byteStart': b, 'byteEnd': b + 6, 'surface': 'Erevan',"
            " 'entity': 'yerevan', 'type': 'place', 'kind': 'name', 'canonical': 'Yerevan'}))\n",
            encoding="utf-8")
        fake.chmod(0o755)
        text_file = tmp / "t.txt"
        text_file.write_text("# source: test\n# second header line\nÀ Erevan, l'Arménie.\n", encoding="utf-8")
        gold_file = tmp / "t-gold.tsv"
        gold_file.write_text("surface\tentity\tkind\tcanonical_en\nErevan\tyerevan\tname\tYerevan\n"
                             "Arménie\tarmenia\tname\tArmenia\n", encoding="utf-8")
        result = evaluate(text_file, gold_file, fake, [], sys.stdout)
        assert result.errors == [] and not result.heldout, result.errors
        assert (result.all.correct, result.all.system, result.all.gold) == (1, 1, 2), result
        import io
        buffer = io.StringIO()
        report(result, buffer)
        assert "FN " in buffer.getvalue() and "'Arménie'" in buffer.getvalue(), buffer.getvalue()
        (tmp / "heldout").mkdir()
        held_text = tmp / "heldout" / "t.txt"
        held_text.write_bytes(text_file.read_bytes())
        held = evaluate(held_text, gold_file, fake, [], sys.stdout)
        buffer = io.StringIO()
        report(held, buffer, details=False)
        summary([result, held], buffer)
        assert held.heldout and "Arménie" not in buffer.getvalue() and "(held out)" in buffer.getvalue()
        try:
            evaluate(text_file, gold_file, tmp / "missing-onoma", [], sys.stdout)
        except ToolError:
            pass
        else:
            raise AssertionError("no ToolError for a missing binary")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
