"""The trigger lexicon: the team's own versioned data files in ``curation/events/data``.

``triggers.csv`` maps a lemma and part of speech to a PLOVER event type, with
cues (dependents the word must or must not have) and where its target is
found; ``plover.csv`` gives each type its quad class and CAMEO root;
``sectors.csv`` maps head nouns ("forces", "ministry") to the sector suffix
of the actor-id convention. Rows for one lemma are tried in file order and the
first whose cues hold wins, so "call for" (REQUEST) is tried before a bare
"call" (CONSULT).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from curation.errors import Errors, EventLexiconError

DATA = Path(__file__).with_name("data")
CUE_DEPS = frozenset({"dobj", "prep", "prt", "subj", "obj_any", "xcomp"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A dependent the trigger must (or, negated, must not) have."""

    dep: str  # dobj, prep, prt, subj, xcomp, obj_any (any child with one of the given dependency labels)
    lemmas: frozenset[str]  # empty: any lemma
    negate: bool = False


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str  # VERB or NOUN
    cues: tuple[Cue, ...]
    event_type: str
    targets: tuple[str, ...]  # dobj, dative, or preposition lemmas, in the order they are tried
    symmetric: bool
    line: int  # line in triggers.csv, for messages and the extractor's provenance


@dataclass(frozen=True, slots=True)
class EventType:
    """A PLOVER category with its quad class and CAMEO root code."""

    name: str
    quad_class: str
    cameo_root: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The loaded lexicon and its version."""

    version: str
    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    types: dict[str, EventType]
    sectors: dict[str, str]  # head-noun lemma -> sector suffix (MIL, GOV, ...)

    @property
    def nouns(self) -> frozenset[str]:
        """Lemmas of the event nouns."""
        return frozenset(lemma for lemma, pos in self.rules if pos == "NOUN")

    def candidates(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        """Rules for ``lemma`` as ``pos`` (VERB or NOUN), in file order."""
        return self.rules.get((lemma.lower(), pos), ())


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EventLexiconError(Errors.E090.format(path=path, line=0, detail=str(exc))) from exc
    lines = [(i, ln) for i, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise EventLexiconError(Errors.E090.format(path=path, line=0, detail="the file is empty"))
    header = lines[0][1]
    reader = csv.DictReader([header] + [ln for _, ln in lines[1:]])
    out = []
    for (line_no, _), row in zip(lines[1:], reader, strict=True):
        if None in row or any(v is None for v in row.values()):
            raise EventLexiconError(Errors.E090.format(path=path, line=line_no, detail="wrong number of fields"))
        out.append((line_no, row))
    return out


def _cues(text: str, path: Path, line: int) -> tuple[Cue, ...]:
    cues = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        negate = part.startswith("!")
        dep, _, lemmas = part.lstrip("!").partition(":")
        if dep not in CUE_DEPS:
            raise EventLexiconError(Errors.E090.format(
                path=path, line=line, detail=f"unknown cue '{dep}' (known: {', '.join(sorted(CUE_DEPS))})"))
        cues.append(Cue(dep, frozenset(x for x in lemmas.split("|") if x), negate))
    return tuple(cues)


@lru_cache(maxsize=4)
def load_lexicon(folder: str | None = None) -> Lexicon:
    """Load the lexicon from ``folder`` (default: the shipped data files)."""
    base = Path(folder) if folder else DATA
    types: dict[str, EventType] = {}
    for _, row in _rows(base / "plover.csv"):
        types[row["event_type"]] = EventType(row["event_type"], row["quad_class"], row["cameo_root"])
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    path = base / "triggers.csv"
    for line, row in _rows(path):
        pos = row["pos"].strip()
        if pos not in ("VERB", "NOUN"):
            raise EventLexiconError(Errors.E090.format(
                path=path, line=line, detail=f"pos must be VERB or NOUN, got {pos!r}"))
        if row["event_type"] not in types:
            raise EventLexiconError(Errors.E090.format(
                path=path, line=line, detail=f"unknown event type {row['event_type']!r}; see plover.csv"))
        rule = TriggerRule(
            lemma=row["lemma"].strip().lower(), pos=pos, cues=_cues(row["cue"], path, line),
            event_type=row["event_type"], targets=tuple(t for t in row["targets"].split("|") if t),
            symmetric=row["symmetric"].strip() == "1", line=line)
        rules.setdefault((rule.lemma, pos), []).append(rule)
    sectors = {row["head"].strip().lower(): row["sector"].strip() for _, row in _rows(base / "sectors.csv")}
    version = (base / "VERSION").read_text(encoding="utf-8").strip() if (base / "VERSION").exists() else "0"
    return Lexicon(version=version, rules={k: tuple(v) for k, v in rules.items()}, types=types, sectors=sectors)
