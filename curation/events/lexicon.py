"""The trigger lexicon: the team's own versioned data files in ``curation/events/data``.

- ``lexicon/<TYPE>.csv``: one file per PLOVER category. Each row maps a lemma
  and part of speech to the category, the finest CAMEO code the trigger
  supports and the PLOVER mode, with *cues* (dependents the word must or must
  not have: the light-verb object of "staged a protest", the particle of
  "pull out", the preposition of "call for") and *argument constraints* (the
  semantic class its subject or object must or must not have: "kill" is an
  assault only when what is killed is not a deal or a bill). ``targets`` says
  where the recipient is found (``dobj``, ``dobj.of``, ``dative`` or a
  preposition), ``symmetric`` marks the types whose conjoined parties are each
  other's counterpart.
- ``plover.csv``: each category's quad class and CAMEO root;
  ``modes.csv``: its modes and PLOVER conflict-cooperation scores.
- ``nouns.csv``: head nouns with their semantic class and the PLOVER sector a
  modifying state is coded as ("Russian forces" -> MIL, "Afghan civilians" -> CVL).
- ``home_cues.csv``: words that say which state an article is about when it
  names none ("MPs", "Downing Street", "£": GBR).
- ``evaluation.csv``: words that make reported speech about an actor a
  criticism or praise (:mod:`curation.events.speech`); a phrasal verb is
  written with its particle ("let down"); polarity ``unmet`` marks what is
  expected of an actor ("deliver", "tackle") and is a criticism only negated
  ("ministers had not delivered").

The rules for one lemma are tried most specific first (more cues and argument
constraints first), then in file and line order; the first whose cues and
constraints hold wins, so "call for" (REQUEST) is tried before a bare "call"
(CONSULT) wherever the rows are written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from curation.errors import Errors, EventLexiconError

DATA = Path(__file__).with_name("data")
CUE_DEPS = frozenset({"dobj", "prep", "prt", "subj", "obj_any", "xcomp", "mod", "pobj", "head", "content"})
ARG_ROLES = frozenset({"subj", "obj"})
CLASSES = frozenset({"actor", "person", "political", "armed", "people", "org", "place", "abstract", "thing",
                     "state", "none"})
POS = frozenset({"VERB", "NOUN"})
_CAMEO = re.compile(r"^[0-9]{2,4}$")


@dataclass(frozen=True, slots=True)
class Cue:
    """A dependent the trigger must (or, negated, must not) have.

    ``dep``: dobj, prep, prt, subj, xcomp, mod (a compound or adjective modifier of a noun trigger), pobj (the
    object of a preposition, written ``pobj:in=talk|meeting``), head (the word the trigger depends on), content (a
    word anywhere in the trigger's complement clause: "warned that sanctions would follow"), or obj_any (any child
    with one of the given dependency labels).
    """

    dep: str
    lemmas: frozenset[str]  # empty: any lemma
    negate: bool = False
    prep: str = ""  # for pobj cues: the preposition


@dataclass(frozen=True, slots=True)
class ArgConstraint:
    """The semantic class the trigger's subject or object must (or, negated, must not) have."""

    role: str  # subj, obj
    classes: frozenset[str]
    negate: bool = False


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str  # VERB or NOUN
    cues: tuple[Cue, ...]
    args: tuple[ArgConstraint, ...]
    event_type: str
    cameo: str  # finest CAMEO code the trigger supports (2 to 4 digits)
    mode: str | None  # PLOVER mode, when the trigger says it
    targets: tuple[str, ...]  # dobj, dobj.of, dative, or preposition lemmas, in the order they are tried
    symmetric: bool
    line: int  # line in its file, for messages and the extractor's provenance
    file: str = ""

    @property
    def specificity(self) -> int:
        """How many conditions the row sets (rows that set more are tried first)."""
        return len(self.cues) + len(self.args)


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
    modes: dict[str, dict[str, float]]  # type -> mode ("" for the category) -> PLOVER score
    noun_class: dict[str, str]  # head-noun lemma -> semantic class
    sectors: dict[str, str]  # head-noun lemma -> PLOVER sector code (MIL, GOV, COP, CVL, ...)
    evaluation: dict[str, str] = field(default_factory=dict)  # lemma -> negative / positive (evaluation.csv)
    home_cues: tuple[tuple[str, str], ...] = ()  # (cue, state): words that say the article's state (home_cues.csv)

    def cue_states(self, text: str) -> dict[str, int]:
        """How many distinct ``home_cues`` of each state ``text`` holds."""
        if not self.home_cues:
            return {}
        present = tuple(cs for cs in self.home_cues if cs[0] in text)  # a plain substring test first
        if not present:
            return {}
        states = dict(present)
        found: dict[str, int] = {}
        for cue in set(_cue_pattern(present).findall(text)):
            found[states[cue]] = found.get(states[cue], 0) + 1
        return found

    def noun_key(self, lemma: str) -> str:
        """The key of ``nouns.csv`` a noun's lemma stands under: the lemma, or for a capitalised plural the tagger
        took for a name and left unlemmatised ("Pensioners' protests", "MPs"), the singular."""
        lemma = lemma.lower()
        if lemma in self.noun_class or not lemma.endswith("s"):
            return lemma
        return lemma[:-1] if lemma[:-1] in self.noun_class else lemma

    @property
    def nouns(self) -> frozenset[str]:
        """Lemmas of the event nouns."""
        return frozenset(lemma for lemma, pos in self.rules if pos == "NOUN")

    def candidates(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        """Rules for ``lemma`` as ``pos`` (VERB or NOUN), most specific first."""
        return self.rules.get((lemma.lower(), pos), ())


@lru_cache(maxsize=256)
def _cue_pattern(cues: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One pattern for all the cues (longest first), words on word boundaries, symbols ("£") anywhere."""
    parts = [re.escape(c) if not c[:1].isalnum() else r"(?<!\w)" + re.escape(c) + r"(?!\w)"
             for c, _ in sorted(cues, key=lambda cs: -len(cs[0]))]
    return re.compile("|".join(parts))


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


def _err(path: Path, line: int, detail: str) -> EventLexiconError:
    return EventLexiconError(Errors.E090.format(path=path, line=line, detail=detail))


def _cues(text: str, path: Path, line: int) -> tuple[Cue, ...]:
    cues = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        negate = part.startswith("!")
        dep, _, lemmas = part.lstrip("!").partition(":")
        if dep not in CUE_DEPS:
            raise _err(path, line, f"unknown cue '{dep}' (known: {', '.join(sorted(CUE_DEPS))})")
        prep = ""
        if dep == "pobj":
            prep, eq, lemmas = lemmas.partition("=")
            if not eq or not prep:
                raise _err(path, line, "a pobj cue is written pobj:PREP=lemma|lemma")
        cues.append(Cue(dep, frozenset(x.strip().lower() for x in lemmas.split("|") if x.strip()), negate, prep))
    return tuple(cues)


def _args(text: str, path: Path, line: int) -> tuple[ArgConstraint, ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        role, sep, classes = part.partition(":")
        negate = classes.startswith("!")
        names = frozenset(c.strip() for c in classes.lstrip("!").split("|") if c.strip())
        if not sep or role not in ARG_ROLES or not names:
            raise _err(path, line, f"an argument constraint is ROLE:CLASS|CLASS or ROLE:!CLASS with ROLE in "
                                   f"{sorted(ARG_ROLES)}, got {part!r}")
        unknown = names - CLASSES
        if unknown:
            raise _err(path, line, f"unknown class {sorted(unknown)} (known: {', '.join(sorted(CLASSES))})")
        out.append(ArgConstraint(role, names, negate))
    return tuple(out)


def _rule(row: dict[str, str], path: Path, line: int, types: dict[str, EventType],
          modes: dict[str, dict[str, float]]) -> TriggerRule:
    pos = row["pos"].strip()
    if pos not in POS:
        raise _err(path, line, f"pos must be VERB or NOUN, got {pos!r}")
    etype = row["event_type"].strip()
    if etype not in types:
        raise _err(path, line, f"unknown event type {etype!r}; see plover.csv")
    cameo = row["cameo"].strip() or types[etype].cameo_root
    if not _CAMEO.match(cameo):
        raise _err(path, line, f"cameo must be a CAMEO code of 2 to 4 digits, got {cameo!r}")
    mode = row["mode"].strip() or None
    if mode is not None and mode not in modes.get(etype, {}):
        raise _err(path, line, f"mode {mode!r} is not a mode of {etype} (see modes.csv)")
    return TriggerRule(
        lemma=row["lemma"].strip().lower(), pos=pos, cues=_cues(row["cue"], path, line),
        args=_args(row["args"], path, line), event_type=etype, cameo=cameo, mode=mode,
        targets=tuple(t for t in row["targets"].split("|") if t), symmetric=row["symmetric"].strip() == "1",
        line=line, file=path.name)


@lru_cache(maxsize=4)
def load_lexicon(folder: str | None = None) -> Lexicon:
    """Load the lexicon from ``folder`` (default: the shipped data files)."""
    base = Path(folder) if folder else DATA
    types: dict[str, EventType] = {}
    for _, row in _rows(base / "plover.csv"):
        types[row["event_type"]] = EventType(row["event_type"], row["quad_class"], row["cameo_root"])
    modes: dict[str, dict[str, float]] = {t: {} for t in types}
    for line, row in _rows(base / "modes.csv"):
        if row["event_type"] not in types:
            raise _err(base / "modes.csv", line, f"unknown event type {row['event_type']!r}")
        modes[row["event_type"]][row["mode"].strip()] = float(row["score"])
    files = sorted((base / "lexicon").glob("*.csv"))
    if not files:
        raise _err(base / "lexicon", 0, "no lexicon files (lexicon/<TYPE>.csv)")
    found: dict[tuple[str, str], list[tuple[int, int, TriggerRule]]] = {}
    for fi, path in enumerate(files):
        for line, row in _rows(path):
            rule = _rule(row, path, line, types, modes)
            found.setdefault((rule.lemma, rule.pos), []).append((fi, line, rule))
    rules = {k: tuple(r for _, _, r in sorted(v, key=lambda x: (-x[2].specificity, x[0], x[1])))
             for k, v in found.items()}
    noun_class: dict[str, str] = {}
    sectors: dict[str, str] = {}
    for line, row in _rows(base / "nouns.csv"):
        lemma = row["lemma"].strip().lower()
        cls = row["class"].strip()
        if cls not in CLASSES:
            raise _err(base / "nouns.csv", line, f"unknown class {cls!r}")
        noun_class[lemma] = cls
        if row["sector"].strip():
            sectors[lemma] = row["sector"].strip()
    evaluation: dict[str, str] = {}
    if (base / "evaluation.csv").exists():
        for line, row in _rows(base / "evaluation.csv"):
            if row["polarity"] not in ("negative", "positive", "unmet"):
                raise _err(base / "evaluation.csv", line, "polarity must be negative, positive or unmet")
            evaluation[row["lemma"].strip().lower()] = row["polarity"]
    cues: list[tuple[str, str]] = []
    if (base / "home_cues.csv").exists():
        for line, row in _rows(base / "home_cues.csv"):
            state = row["state"].strip()
            if not re.fullmatch(r"[A-Z]{3}", state) or not row["cue"].strip():
                raise _err(base / "home_cues.csv", line, "a cue and a three-letter state code are required")
            cues.append((row["cue"].strip(), state))
    version = (base / "VERSION").read_text(encoding="utf-8").strip() if (base / "VERSION").exists() else "0"
    return Lexicon(version=version, rules=rules, types=types, modes=modes, noun_class=noun_class, sectors=sectors,
                   evaluation=evaluation, home_cues=tuple(cues))
