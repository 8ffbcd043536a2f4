"""Score the events stage on PLOVER gold-standard records (the OEDA's JSON format).

``curate evaluate events FILE.json`` reads this format when the file is a JSON
array of PLOVER records (``PLOVER_GSR_*.json``: one record per coded event,
each with the sentence ``text``, ``event``, ``source`` and ``target`` lists of
``{"code", "sector"}`` and a ``textInfo.markup`` in which ``SRC/TAR:`` marks a
reciprocal dyad). Each distinct sentence is curated as one article (no
publication date: the records' dates are placeholders) and scored against the
union of its records:

- categories of PLOVER 0.5b1 are renamed as the 2021 manual does (DEMAND ->
  REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT);
- actor codes: ISO 3166 alpha-3 country codes (CAMEO's ``JAP`` read as JPN),
  the international codes (IGO, NGO, IMG; the system's UNO and EUR count as
  IGO, which 0.5b1 used for the UN and the EU), and the sector as the first
  three letters of the record's sector (``CVLalb`` -> CVL; CAMEO's CIV -> CVL;
  ``***`` and religion codes -> none);
- type P/R/F1 over (sentence, type); tuple P/R/F1 over (sentence, type,
  source, target) at country level and at country+sector level, matched one
  to one; a reciprocal record's parties (and the symmetric types CONSULT,
  AGREE, COOPERATE) form unordered pairs; a compound source or target gives
  one tuple per pair, as the PLOVER manual expands them;
- per-type figures and the most frequent confusions (gold type -> system type
  on the same sentence, ``-`` for nothing).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curation.errors import Errors, EvaluationError
from curation.evaluate import f1

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
COUNTRY_ALIASES = {"JAP": "JPN"}  # CAMEO codes that are not ISO 3166 alpha-3
SECTOR_ALIASES = {"CIV": "CVL"}
SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
                     "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "PRE", "REL", "SOC"})
# The 0.5b1 records code the UN and the EU as IGO.
GSR_INTERNATIONAL = {"UNO": "IGO", "EUR": "IGO"}

Code = tuple[str | None, str | None]  # (country, sector)


@dataclass(frozen=True, slots=True)
class GsrRecord:
    """One PLOVER gold-standard record, normalized."""

    record_id: str
    text: str
    event_type: str
    sources: tuple[Code, ...]
    targets: tuple[Code, ...]
    reciprocal: bool


def is_gsr(path: str | Path) -> bool:
    """Whether ``path`` holds a JSON array of PLOVER records (rather than the team's JSON lines)."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096).lstrip()
    except OSError:
        return False
    return head.startswith("[")


def _code(actor: dict[str, Any]) -> Code:
    country = actor.get("code") or None
    country = COUNTRY_ALIASES.get(country or "", country)
    raw = (actor.get("sector") or "")[:3].upper()
    sector = SECTOR_ALIASES.get(raw, raw)
    return country, sector if sector in SECTORS else None


def _actors(value: Any) -> tuple[Code, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(_code(a) for a in value if isinstance(a, dict) and a.get("code"))


def load_gsr(path: str | Path) -> list[GsrRecord]:
    """The event records of a PLOVER GSR file (the DOCUMENT record is skipped)."""
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(Errors.E092.format(path=p, line=0, detail=str(exc))) from exc
    if not isinstance(raw, list):
        raise EvaluationError(Errors.E092.format(path=p, line=0, detail="not a JSON array of PLOVER records"))
    out = []
    for i, rec in enumerate(raw):
        if not isinstance(rec, dict) or rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        etype = str(RENAMED.get(rec["event"], rec["event"]))
        markup = (rec.get("textInfo") or {}).get("markup") or ""
        out.append(GsrRecord(record_id=str(rec.get("id", i)), text=str(rec["text"]).strip(), event_type=etype,
                             sources=_actors(rec.get("source")), targets=_actors(rec.get("target")),
                             reciprocal="SRC/TAR" in markup))
    return out


Tuple = tuple[str, Code, Code, bool]  # type, source, target, unordered


def gold_tuples(rec: GsrRecord) -> list[Tuple]:
    """The dyads a record codes, expanded pairwise."""
    if rec.reciprocal and not rec.targets:
        parties = list(dict.fromkeys(rec.sources))
        if len(parties) == 1:
            return [(rec.event_type, parties[0], (None, None), True)]
        return [(rec.event_type, a, b, True) for i, a in enumerate(parties) for b in parties[i + 1:]]
    srcs: list[Code] = list(rec.sources) or [(None, None)]
    tgts: list[Code] = list(rec.targets) or [(None, None)]
    unordered = rec.event_type in SYMMETRIC
    return [(rec.event_type, s, t, unordered) for s in srcs for t in tgts]


def _same(a: Code, b: Code, level: str) -> bool:
    ca = GSR_INTERNATIONAL.get(a[0] or "", a[0])
    cb = GSR_INTERNATIONAL.get(b[0] or "", b[0])
    return ca == cb and (level == "country" or a[1] == b[1])


def _matches(g: Tuple, s: Tuple, level: str) -> bool:
    if g[0] != s[0]:
        return False
    if _same(g[1], s[1], level) and _same(g[2], s[2], level):
        return True
    return (g[3] or s[3]) and _same(g[1], s[2], level) and _same(g[2], s[1], level)


def match_count(gold: Sequence[Tuple], system: Sequence[Tuple], level: str) -> int:
    """One-to-one greedy matches between gold and system tuples of one sentence."""
    used = [False] * len(system)
    n = 0
    for g in gold:
        for j, s in enumerate(system):
            if not used[j] and _matches(g, s, level):
                used[j] = True
                n += 1
                break
    return n


@dataclass(slots=True)
class GsrScores:
    """Counts over the sentences of a GSR file."""

    sentences: int = 0
    silent: int = 0  # sentences with no system event
    type_gold: int = 0
    type_system: int = 0
    type_matched: int = 0
    tuple_gold: int = 0
    tuple_system: int = 0
    no_target: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {"country": 0, "sector": 0})
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # gold, sys, hit
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    dyad_found: int = 0  # gold records whose type was found
    dyad_right: int = 0  # ... whose tuple was also found (country level)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Headline figures, rounded."""
        def prf(hit: int, gold: int, system: int) -> dict[str, float]:
            p = hit / system if system else 0.0
            r = hit / gold if gold else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4)}
        per_type = {t: {"gold": g, "system": s, **prf(h, g, s)} for t, (g, s, h) in sorted(self.per_type.items())}
        return {
            "format": "plover-gsr", "sentences": self.sentences, "sentences_without_event": self.silent,
            "type": {"gold": self.type_gold, "system": self.type_system,
                     **prf(self.type_matched, self.type_gold, self.type_system)},
            "tuple_country": {"gold": self.tuple_gold, "system": self.tuple_system,
                              **prf(self.matched["country"], self.tuple_gold, self.tuple_system)},
            "tuple_sector": prf(self.matched["sector"], self.tuple_gold, self.tuple_system),
            "dyad_right_when_type_found": round(self.dyad_right / self.dyad_found, 4) if self.dyad_found else 0.0,
            "system_rows_without_target": self.no_target,
            "per_type": per_type,
            "confusions": [{"gold": g, "system": s, "n": n} for (g, s), n in self.confusions.most_common(20)],
        }


def score_sentence(records: Sequence[GsrRecord], system: Sequence[Tuple], scores: GsrScores) -> None:
    """Add one sentence's counts (``system``: the system's tuples on it)."""
    scores.sentences += 1
    scores.silent += not system
    gold = [t for rec in records for t in gold_tuples(rec)]
    gtypes = {rec.event_type for rec in records}
    stypes = {s[0] for s in system}
    scores.type_gold += len(gtypes)
    scores.type_system += len(stypes)
    scores.type_matched += len(gtypes & stypes)
    for t in gtypes | stypes:
        row = scores.per_type[t]
        row[0] += t in gtypes
        row[1] += t in stypes
        row[2] += t in gtypes and t in stypes
    missed, extra = sorted(gtypes - stypes), sorted(stypes - gtypes)
    for i in range(max(len(missed), len(extra))):
        scores.confusions[(missed[i] if i < len(missed) else "-", extra[i] if i < len(extra) else "-")] += 1
    scores.tuple_gold += len(gold)
    scores.tuple_system += len(system)
    scores.no_target += sum(1 for s in system if s[2] == (None, None))
    for level in ("country", "sector"):
        scores.matched[level] += match_count(gold, system, level)
    for rec in records:
        if rec.event_type in stypes:
            scores.dyad_found += 1
            scores.dyad_right += match_count(gold_tuples(rec), system, "country") > 0
    scores.rows.append({"text": records[0].text[:100], "gold": [list(map(_fmt, t[:3])) for t in gold],
                        "system": [list(map(_fmt, t[:3])) for t in system]})


def _fmt(x: Any) -> str:
    if isinstance(x, tuple):
        return "-" if x[0] is None else x[0] + ("/" + x[1] if x[1] else "")
    return str(x)


def system_tuples(events: Iterable[Any], dictionary: Any) -> list[Tuple]:
    """The (type, source code, target code) of the system's events on one sentence (negated ones left out:
    the records code what happened or was said, not what did not; nor background rows, flagged as not news)."""
    from curation.events.plover_codes import plover_code

    out: list[Tuple] = []
    for ev in events:
        if getattr(ev, "polarity", "asserted") == "negated" or getattr(ev, "is_background", False):
            continue  # what did not happen, and background the system flags as not news of the sentence
        codes = []
        for side in ("source", "target"):
            country = getattr(ev, f"{side}_country", None)
            sector = getattr(ev, f"{side}_sector", None)
            if country is None:
                country, sector = plover_code(getattr(ev, f"{side}_actor_id"), dictionary)
            codes.append((country, sector or None))
        out.append((ev.event_type, codes[0], codes[1], ev.event_type in SYMMETRIC))
    return out


def evaluate_gsr(path: str | Path) -> GsrScores:
    """Curate every sentence of the GSR file and score it."""
    from curation.config import load_config
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article

    records = load_gsr(path)
    by_text: dict[str, list[GsrRecord]] = defaultdict(list)
    for rec in records:
        by_text[rec.text].append(rec)
    resources = get_resources(load_config())
    scores = GsrScores()
    texts = list(by_text)
    for text, doc in zip(texts, resources.nlp.pipe(texts), strict=True):
        article = Article(article_id=make_id("a", text), source=f"{Path(path).name}#{by_text[text][0].record_id}",
                          text=text, text_sha256=sha256_text(text))
        res = process_article(article, doc, resources)
        score_sentence(by_text[text], system_tuples(res.events, resources.dictionary), scores)
    return scores


def print_scores(out: dict[str, Any], details: bool = False, rows: Sequence[dict[str, Any]] = ()) -> None:
    """Human-readable report."""
    print(f"PLOVER gold-standard records: {out['sentences']} sentences, "
          f"{out['sentences_without_event']} with no system event")
    t = out["type"]
    print(f"type            P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}   "
          f"(gold {t['gold']}, system {t['system']})")
    c = out["tuple_country"]
    print(f"tuple country   P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}   "
          f"(gold {c['gold']}, system {c['system']}, {out['system_rows_without_target']} without target)")
    s = out["tuple_sector"]
    print(f"tuple +sector   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    print(f"dyad right when the type is found: {out['dyad_right_when_type_found']:.3f}")
    print("per type:")
    for name, row in out["per_type"].items():
        print(f"  {name:<10} gold {row['gold']:>3} system {row['system']:>3}  P {row['precision']:.2f}  "
              f"R {row['recall']:.2f}  F1 {row['f1']:.2f}")
    print("most frequent confusions (gold -> system):")
    for cf in out["confusions"][:12]:
        print(f"  {cf['gold']:<10} -> {cf['system']:<10} {cf['n']}")
    if details:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
