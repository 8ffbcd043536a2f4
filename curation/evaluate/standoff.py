"""Score the events stage against stand-off gold of real news (``gold/bbc/events.jsonl``).

The gold (see ``gold/bbc/GUIDELINES.md``) gives, per article file, every event
mention by its trigger offsets with its PLOVER type, both actors (name, kind,
PLOVER country and sector), date basis, polarity, modality, the lead event,
background and repeated mentions, and every proper name with its referent. The
articles are read from the corpus folder and curated as ``curate run`` does
(or an existing dataset built from them is read with ``--dataset``); the
scores are per article, then summed:

- **tuple** P/R/F1: a system row matches a gold row when it is in the gold
  trigger's sentence, has the gold type and both actors match, one to one; a
  compound side gives one gold row per pair; reciprocal rows and the symmetric
  types (CONSULT, AGREE, COOPERATE) match in either order;
- an **actor matches** when it is the same actor (the system actor's name or
  an alias equals the gold name) or is coded with the same PLOVER country and
  sector (a minister coded GBR/GOV matches "Jack Straw, GBR, GOV"); a missing
  side matches only a missing side;
- **detection** P/R/F1 over (sentence, type); **both actors right**: of the
  gold rows detected (sentence and type), the share whose actors also match;
- gold rows marked ``background`` are optional: a system row matching one is
  neither a hit nor a false event, and missing one is not a miss; a system row
  flagged ``is_background`` counts only if it matches a required gold row (the
  issue allows background to be "flagged as background (or left out)"); their
  number is reported;
- **lead**: the share of articles with a gold lead where a system row matches
  the lead's sentence and type (*found*) and where the system's ``is_lead``
  row does (*marked*);
- date agreement on matched rows: both dated by a temporal expression of the text, or neither (the BBC files
  carry no publication date); polarity and modality agreement;
- **date right** over the detected gold events (the system row of the gold's sentence and type, one whose
  actors match first): the same basis (an event the publication date would date counts as ``publication``
  when the article has none) and, for a date of the text, the same expression (spans overlap) or, for an
  absolute gold value, an interval inside it or holding it; and the share of system rows dated by the text,
  by publication, or not at all;
- **linking precision** on the gold's names: of the system's linked mentions
  that overlap a gold name span, the share linked to the named actor (same
  identity or same country and sector); a link on a span the gold says is not
  an actor (a month, a place, part of another name) is wrong.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curation.errors import Errors, EvaluationError
from curation.evaluate import f1

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "news" / "bbc"
_WORDS = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "of", "for", "and", "mr", "mrs", "ms", "dr", "lord", "sir", "hm"})


def is_standoff(path: str | Path) -> bool:
    """Whether ``path`` is a stand-off gold file (JSON lines with ``path``, ``sha256`` and ``events``)."""
    try:
        with open(path, encoding="utf-8") as fh:
            first = fh.readline()
        row = json.loads(first)
    except (OSError, ValueError):
        return False
    return isinstance(row, dict) and {"path", "sha256", "events"} <= set(row)


def load_standoff(path: str | Path, split: str = "dev") -> list[dict[str, Any]]:
    """The gold records of ``split`` (dev, test or all)."""
    p = Path(path)
    out = []
    for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise EvaluationError(Errors.E092.format(path=p, line=i, detail=f"not JSON ({exc})")) from exc
        if split == "all" or rec.get("split") == split:
            out.append(rec)
    return out


def norm_name(text: str | None) -> str:
    """A name compared without case, punctuation, articles and honorifics."""
    return " ".join(w for w in _WORDS.findall((text or "").lower().replace("'s", "")) if w not in _STOP)


@dataclass(frozen=True, slots=True)
class SysActor:
    """A system row's actor: id, names it goes by, PLOVER country and sector."""

    actor_id: str
    names: frozenset[str]
    country: str | None
    sector: str | None


def same_name(gold_name: str, names: frozenset[str], person: bool) -> bool:
    """Whether an actor known by ``names`` is the one the gold names: the same name, or for an organisation a
    short form of it ("Mercedes" for Mercedes-Benz, "Treasury" for HM Treasury) or its initials ("M&S", "IFS");
    a person only by the full name (a surname alone is not enough to say which person)."""
    gold = norm_name(gold_name)
    if gold in names:
        return True
    gwords = gold.split()
    initials = "".join(w[0] for w in gwords)
    for n in names:
        words = n.split()
        if not words:
            continue
        if person:
            if len(words) >= 2 and set(words) <= set(gwords):
                return True
            continue
        if set(words) <= set(gwords) or "".join(words) == initials or (len(words) == 1 and words[0] == initials):
            return True
    return False


def actor_matches(gold: dict[str, Any] | None, sys: SysActor | None) -> bool:
    """Same actor, or the same PLOVER country and sector."""
    if gold is None or sys is None:
        return gold is None and sys is None
    if same_name(gold.get("name") or "", sys.names, gold.get("kind") == "PERSON"):
        return True
    gsector = gold.get("sector") or None
    return gold.get("country") is not None and (gold.get("country"), gsector) == (sys.country, sys.sector or None)


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One gold dyad."""

    article: str
    event_id: str
    trigger: int
    event_type: str
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    unordered: bool
    background: bool
    lead: bool
    basis: str
    polarity: str
    modality: str
    date_span: tuple[int, int] | None = None
    date_value: str | None = None


def gold_rows(rec: dict[str, Any]) -> list[GoldRow]:
    """A record's events expanded to one row per dyad (reciprocal parties pairwise)."""
    out = []
    for ev in rec["events"]:
        srcs = ev["source"] or [None]
        tgts = ev["target"] or [None]
        pairs: list[tuple[Any, Any]]
        if ev["reciprocal"] and not ev["target"] and len(srcs) > 1:
            pairs = [(a, b) for i, a in enumerate(srcs) for b in srcs[i + 1:]]
        else:
            pairs = [(s, t) for s in srcs for t in tgts]
        for k, (s, t) in enumerate(pairs):
            out.append(GoldRow(article=rec["path"], event_id=ev["id"], trigger=ev["trigger"][0],
                               event_type=ev["type"], source=s, target=t,
                               unordered=ev["reciprocal"] or ev["type"] in SYMMETRIC,
                               background=ev["background"], lead=ev["lead"] and k == 0,
                               basis=ev["date"]["basis"], polarity=ev["polarity"], modality=ev["modality"],
                               date_span=tuple(ev["date"]["span"]) if ev["date"].get("span") else None,
                               date_value=ev["date"].get("value")))
    return out


@dataclass(slots=True)
class Counts:
    """Counts over the articles scored."""

    articles: int = 0
    gold: int = 0
    system: int = 0
    matched: int = 0
    det_gold: int = 0
    det_system: int = 0
    det_matched: int = 0
    det_system_right: int = 0
    detected_rows: int = 0
    both_right: int = 0
    one_side_empty: int = 0
    background_system: int = 0
    leads: int = 0
    lead_found: int = 0
    lead_marked: int = 0
    basis_ok: int = 0
    dated_events: int = 0
    date_ok: int = 0
    system_kinds: Counter[str] = field(default_factory=Counter)
    fact_ok: int = 0
    links: int = 0
    links_ok: int = 0
    links_unjudged: int = 0
    articles_without_event: int = 0
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    link_errors: list[dict[str, Any]] = field(default_factory=list)
    confidences: list[tuple[float, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The headline figures, rounded."""
        def prf(hit: int, gold: int, system: int, sys_hit: int | None = None) -> dict[str, float]:
            p = (hit if sys_hit is None else sys_hit) / system if system else 0.0
            r = hit / gold if gold else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4)}
        cal: dict[str, Any] = {}
        if self.confidences:
            n = len(self.confidences)
            cal = {"brier": round(sum((c - y) ** 2 for c, y in self.confidences) / n, 4), "n": n}
        return {
            "format": "standoff", "articles": self.articles, "gold_rows": self.gold, "system_rows": self.system,
            "tuple": {"matched": self.matched, **prf(self.matched, self.gold, self.system)},
            "detection": prf(self.det_matched, self.det_gold, self.det_system, self.det_system_right),
            "both_actors_right_when_detected": round(self.both_right / self.detected_rows, 4)
            if self.detected_rows else 0.0,
            "system_rows_with_one_side_empty": round(self.one_side_empty / self.system, 4) if self.system else 0.0,
            "system_rows_background": self.background_system,
            "lead_found": round(self.lead_found / self.leads, 4) if self.leads else 0.0,
            "lead_marked": round(self.lead_marked / self.leads, 4) if self.leads else 0.0,
            "articles_with_lead": self.leads,
            "articles_without_system_event": self.articles_without_event,
            "date_basis_accuracy": round(self.basis_ok / self.matched, 4) if self.matched else 0.0,
            "date_right": round(self.date_ok / self.dated_events, 4) if self.dated_events else 0.0,
            "date_judged_events": self.dated_events,
            "system_date_kinds": {k: round(self.system_kinds[k] / self.system, 4) if self.system else 0.0
                                  for k in ("timex", "publication", "none")},
            "factuality_accuracy": round(self.fact_ok / self.matched, 4) if self.matched else 0.0,
            "linking": {"judged": self.links, "precision": round(self.links_ok / self.links, 4) if self.links
                        else 0.0, "unjudged": self.links_unjudged},
            "per_type": {t: {"gold": g, "system": s, **prf(h, g, s, sh)}
                         for t, (g, s, h, sh) in sorted(self.per_type.items())},
            "confusions": [{"gold": g, "system": s, "n": n} for (g, s), n in self.confusions.most_common(15)],
            "calibration": cal,
        }


@dataclass(frozen=True, slots=True)
class SysEvent:
    """What the scorer reads of a system event."""

    sentence: tuple[int, int]
    trigger: int
    event_type: str
    source: SysActor | None
    target: SysActor | None
    is_lead: bool
    is_background: bool
    basis: str
    polarity: str
    modality: str
    confidence: float
    text: str
    via: str = "none"
    timex_span: tuple[int, int] | None = None
    date_start: Any = None
    date_end: Any = None


def date_kind(s: SysEvent) -> str:
    """timex, publication or none: what dated the system event. When the article carries no date (the BBC
    files), an event the publication date would have dated counts as publication, and one a relative
    expression governs ("on Friday", kept as its timex_id with no date) as timex."""
    if s.basis == "timex" or (s.via == "no_publication_date" and s.timex_span is not None):
        return "timex"  # a date of the text; with no publication date a relative one ("on Friday") has no value
    return "publication" if s.basis == "publication" or s.via == "no_publication_date" else "none"


def date_right(g: GoldRow, s: SysEvent) -> bool:
    """The gold's date basis, and for a date of the text the same expression (overlapping spans) or, for an
    absolute gold value, an interval inside it or holding it."""
    kind = date_kind(s)
    if kind != g.basis:
        return False
    if kind != "timex":
        return True
    if g.date_span is not None and s.timex_span is not None and (
            s.timex_span[0] < g.date_span[1] and g.date_span[0] < s.timex_span[1]):
        return True
    if g.date_value and g.date_value != "REL" and s.date_start is not None:
        from curation.evaluate.dating import outcome
        from curation.timexes.calendar import interval

        g0, g1, _ = interval(g.date_value)
        return g0 is not None and g1 is not None and outcome((g0, g1), s.date_start, s.date_end) in (
            "exact", "compatible")
    return False


def _pair_ok(g: GoldRow, s: SysEvent) -> bool:
    if actor_matches(g.source, s.source) and actor_matches(g.target, s.target):
        return True
    return g.unordered and actor_matches(g.source, s.target) and actor_matches(g.target, s.source)


def _in(s: SysEvent, g: GoldRow) -> bool:
    return s.sentence[0] <= g.trigger < s.sentence[1]


def score_article(gold: Sequence[GoldRow], system: Sequence[SysEvent], counts: Counts, path: str) -> list[bool]:
    """Add one article's counts; return, per system event, whether it matched a gold row."""
    counts.articles += 1
    counts.articles_without_event += not system
    required = [g for g in gold if not g.background]
    counts.gold += len(required)
    used = [False] * len(system)
    optional_hit = [False] * len(system)
    done: set[int] = set()
    for k, g in enumerate(gold):  # required rows first, so an optional row never takes a required row's match
        if g.background:
            continue
        for j, s in enumerate(system):
            if not used[j] and s.event_type == g.event_type and _in(s, g) and _pair_ok(g, s):
                used[j] = True
                done.add(k)
                counts.matched += 1
                # BBC files carry no publication date: compare whether the text dates the event.
                counts.basis_ok += (s.basis == "timex") == (g.basis == "timex")
                counts.fact_ok += (s.polarity, s.modality) == (g.polarity, g.modality)
                break
    for g in gold:
        if not g.background:
            continue
        for j, s in enumerate(system):
            if not used[j] and s.event_type == g.event_type and _in(s, g):
                optional_hit[j] = True
    # A system row on an optional (background) gold event counts for nothing, and so does a row the system
    # itself flags as background, unless it matches a required gold row.
    counted = [used[j] or not (optional_hit[j] or system[j].is_background) for j in range(len(system))]
    counts.system += sum(counted)
    counts.system_kinds.update(date_kind(s) for j, s in enumerate(system) if counted[j])
    # Dates over the detected gold events (sentence and type), the system row whose actors match first.
    judged: set[str] = set()
    for g in gold:
        if g.background or g.event_id in judged:
            continue
        cands = [s for s in system if s.event_type == g.event_type and _in(s, g)]
        if not cands:
            continue
        judged.add(g.event_id)
        best = min(cands, key=lambda s: (not _pair_ok(g, s), abs(s.trigger - g.trigger)))
        counts.dated_events += 1
        ok = date_right(g, best)
        counts.date_ok += ok
        if not ok:
            counts.errors.append({"article": path, "kind": "date", "type": g.event_type, "trigger": g.trigger,
                                  "gold": [g.basis, g.date_value, g.date_span], "system": [
                                      date_kind(best), best.via, best.timex_span]})
    counts.one_side_empty += sum(1 for j, s in enumerate(system) if counted[j] and (s.source is None) != (
        s.target is None))
    counts.background_system += sum(1 for s in system if s.is_background)
    counts.confidences.extend((s.confidence, int(used[j])) for j, s in enumerate(system) if counted[j])
    # Detection over (sentence, type): recall over the required gold events, precision over the system's
    # (sentence, type) pairs, a pair counting as right when any gold event (background too) has that type there.
    gset = {(g.event_id, g.event_type): g for g in required}
    det_hit = {key for key, g in gset.items() if any(s.event_type == g.event_type and _in(s, g) for s in system)}
    counts.det_gold += len(gset)
    counts.det_matched += len(det_hit)
    sys_keys: dict[tuple[tuple[int, int], str], bool] = {}
    for j, s in enumerate(system):
        key = (s.sentence, s.event_type)
        right = any(s.event_type == g.event_type and _in(s, g) for g in gold)
        if counted[j] or right:
            sys_keys[key] = sys_keys.get(key, False) or right
    counts.det_system += len(sys_keys)
    counts.det_system_right += sum(sys_keys.values())
    for g in required:
        if (g.event_id, g.event_type) in det_hit:
            counts.detected_rows += 1
            counts.both_right += any(s.event_type == g.event_type and _in(s, g) and _pair_ok(g, s) for s in system)
    for t in {g.event_type for g in required} | {s.event_type for s in system}:
        row = counts.per_type[t]
        row[0] += sum(1 for key in gset if key[1] == t)
        row[1] += sum(1 for key in sys_keys if key[1] == t)
        row[2] += sum(1 for key in det_hit if key[1] == t)
        row[3] += sum(1 for key, ok in sys_keys.items() if key[1] == t and ok)
    for (eid, etype), g in gset.items():
        if (eid, etype) in det_hit:
            continue
        there = sorted({s.event_type for s in system if _in(s, g)} - {etype})
        counts.confusions[(etype, there[0] if there else "-")] += 1
        counts.errors.append({"article": path, "kind": "miss", "type": etype, "trigger": g.trigger,
                              "system_types_there": there})
    for j, s in enumerate(system):
        if counted[j] and not used[j]:
            detected = any(s.event_type == g.event_type and _in(s, g) for g in required)
            counts.errors.append({"article": path, "kind": "wrong_actors" if detected else "extra",
                                  "type": s.event_type, "trigger": s.trigger, "text": s.text,
                                  "source": s.source.actor_id if s.source else None,
                                  "target": s.target.actor_id if s.target else None})
            if not detected and not any(_in(s, g) for g in gold):
                counts.confusions[("-", s.event_type)] += 1
    leads = [g for g in gold if g.lead]
    if leads:
        lead = leads[0]
        counts.leads += 1
        counts.lead_found += any(s.event_type == lead.event_type and _in(s, lead) for s in system)
        counts.lead_marked += any(s.is_lead and s.event_type == lead.event_type and _in(s, lead) for s in system)
    return used


def score_links(names: Sequence[dict[str, Any]], mentions: Iterable[tuple[int, int, str, SysActor | None]],
                counts: Counts, path: str) -> None:
    """Linking precision of the system's linked mentions on the gold's name spans."""
    for start, end, text, actor in mentions:
        if actor is None:
            continue
        over = [n for n in names if n["span"][0] < end and start < n["span"][1]]
        if not over:
            counts.links_unjudged += 1
            continue
        counts.links += 1
        # A country's name or demonym linked to that country is the right referent, also where the gold says the
        # name is used as a place or only describes ("in the UK", "the Indian firm"): what is wrong is another
        # referent (a month read as a person, a name part read as a state, a city read as a government).
        own_name = norm_name(text) in actor.names and actor.sector is None and actor.country is not None and (
            actor.actor_id == actor.country or actor.country in ("UNO", "EUR", "IGO"))
        ok = any((n["name"] is not None and actor_matches(n, actor)) or (
            n["name"] is None and n.get("why") in ("place", "not an actor") and own_name) for n in over)
        counts.links_ok += ok
        if not ok:
            counts.link_errors.append({"article": path, "text": text, "system": actor.actor_id,
                                       "gold": [n["name"] or "not an actor: " + str(n.get("why")) for n in over]})


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sys_actor(actor_id: str | None, country: str | None, sector: str | None, names: Iterable[str]
               ) -> SysActor | None:
    if actor_id is None:
        return None
    return SysActor(actor_id, frozenset(n for n in (norm_name(x) for x in names) if n), country, sector)


class _Names:
    """Names and PLOVER codes of actors, from the dictionary and the actors made from the text."""

    def __init__(self, dictionary: Any, made: Iterable[Any] = ()) -> None:
        self.dictionary = dictionary
        self.made = {a.actor_id: a for a in made}

    def names(self, actor_id: str) -> list[str]:
        out = [actor_id.replace("-", " ")]
        act = self.made.get(actor_id) or (self.dictionary.actor(actor_id) if self.dictionary else None)
        if act is not None:
            out.append(act.name)
        if self.dictionary is not None and self.dictionary.actor(actor_id) is not None:
            out += list(self.dictionary.aliases_of(actor_id))
        return out

    def code(self, actor_id: str) -> tuple[str | None, str | None]:
        from curation.events.plover_codes import plover_code

        act = self.made.get(actor_id)
        if act is not None:
            return act.country, act.sector
        return plover_code(actor_id, self.dictionary)


def _side(ev: Any, side: str, names: _Names) -> SysActor | None:
    aid = getattr(ev, f"{side}_actor_id")
    if aid is None:
        return None
    country = getattr(ev, f"{side}_country", None)
    sector = getattr(ev, f"{side}_sector", None)
    if country is None:
        country, sector = names.code(aid)
    return _sys_actor(aid, country, sector, names.names(aid))


def _sys_events(events: Iterable[Any], names: _Names, timexes: Iterable[Any] = ()) -> list[SysEvent]:
    spans = {str(t.timex_id): (int(t.char_start), int(t.char_end)) for t in timexes}
    return [SysEvent(sentence=(int(ev.char_start), int(ev.char_end)), trigger=int(ev.trigger_start),
                     event_type=str(ev.event_type), source=_side(ev, "source", names),
                     target=_side(ev, "target", names), is_lead=bool(getattr(ev, "is_lead", False)),
                     is_background=bool(getattr(ev, "is_background", False)), basis=str(ev.date_basis),
                     polarity=str(ev.polarity), modality=str(ev.modality), confidence=float(ev.confidence),
                     text=str(ev.trigger), via=str(getattr(ev, "date_via", None) or "none"),
                     timex_span=spans.get(str(ev.timex_id)) if ev.timex_id else None,
                     date_start=ev.event_date, date_end=ev.event_date_end) for ev in events]


def _sys_mentions(mentions: Iterable[Any], names: _Names) -> list[tuple[int, int, str, SysActor | None]]:
    out = []
    for m in mentions:
        aid = m.actor_id
        country, sector = names.code(aid) if aid else (None, None)
        out.append((int(m.char_start), int(m.char_end), str(m.text),
                    _sys_actor(aid, country, sector, names.names(aid)) if aid else None))
    return out


def evaluate_standoff(gold_path: str | Path, *, corpus: str | Path | None = None, split: str = "dev",
                      dataset: str | Path | None = None,
                      collect: list[tuple[str, dict[str, float], int]] | None = None) -> Counts:
    """Score the extractor (or the dataset at ``dataset``) against the stand-off gold of ``split``; with
    ``collect``, append (article, confidence features, matched) for every system event (calibration)."""
    records = load_standoff(gold_path, split)
    root = Path(corpus) if corpus else DEFAULT_CORPUS
    if not root.is_dir():
        raise EvaluationError(Errors.E092.format(path=root, line=0, detail="the corpus folder of the gold is missing"))
    for rec in records:
        f = root / rec["path"]
        if not f.is_file() or sha256_file(f) != rec["sha256"]:
            raise EvaluationError(Errors.E092.format(
                path=gold_path, line=0, detail=f"{rec['path']} is missing or not the file the gold was written on"))
    counts = Counts()
    if dataset is not None:
        for rec, events, mentions, timexes, names in _from_dataset(Path(dataset), records):
            score_article(gold_rows(rec), _sys_events(events, names, timexes), counts, rec["path"])
            score_links(rec["names"], _sys_mentions(mentions, names), counts, rec["path"])
        return counts
    from curation.config import load_config
    from curation.ingest import InputFile, parse, read_inputs
    from curation.pipeline import get_resources, process_article
    from curation.records import Article
    from curation.segment import masked_text, segment

    config = load_config()
    resources = get_resources(config)
    for rec in records:
        raw = next(iter(read_inputs([InputFile(root / rec["path"], rec["path"])])))
        art = parse(raw, min_chars=1)
        if not isinstance(art, Article):
            raise EvaluationError(Errors.E092.format(path=gold_path, line=0, detail=f"{rec['path']}: {art.reason}"))
        seg = segment(art)
        doc = resources.nlp(masked_text(seg))
        res = process_article(seg, doc, resources)
        names = _Names(resources.dictionary, res.new_actors)
        used = score_article(gold_rows(rec), _sys_events(res.events, names, res.timexes), counts, rec["path"])
        if collect is not None:
            from curation.events import extract

            feats = extract(doc, article=res.article, timexes=res.timexes, mentions=res.mentions,
                            dictionary=resources.dictionary, actors=res.new_actors).features
            collect.extend((rec["path"], f, int(u)) for f, u in zip(feats, used, strict=True))
        score_links(rec["names"], _sys_mentions(res.mentions, names), counts, rec["path"])
    return counts


def _from_dataset(folder: Path, records: Sequence[dict[str, Any]]) -> Iterable[tuple[Any, Any, Any, Any, _Names]]:
    """(record, events, mentions, timexes, names) per gold article, read from a dataset built from the corpus."""
    import pandas as pd

    from curation.config import load_config
    from curation.pipeline import get_resources

    def table(name: str) -> pd.DataFrame:
        df = pd.read_parquet(folder / name)
        return df.astype(object).where(df.notna(), None)  # nulls as None, not NaN

    articles = table("articles")
    events = table("events")
    mentions = table("mentions")
    timexes = table("timexes")
    actors = table("actors")
    made = [_Made(r.actor_id, r.name, getattr(r, "country", None), getattr(r, "sector", None))
            for r in actors.itertuples() if getattr(r, "origin", "dictionary") == "text"]
    names = _Names(get_resources(load_config()).dictionary, made)
    for rec in records:
        hit = articles[articles["source"].str.replace("\\", "/").str.endswith(rec["path"])]
        if hit.empty:
            raise EvaluationError(Errors.E092.format(path=folder, line=0, detail=f"no article {rec['path']}"))
        aid = hit.iloc[0]["article_id"]
        yield (rec, list(events[events["article_id"] == aid].itertuples()),
               list(mentions[mentions["article_id"] == aid].itertuples()),
               list(timexes[timexes["article_id"] == aid].itertuples()), names)


@dataclass(frozen=True, slots=True)
class _Made:
    actor_id: str
    name: str
    country: str | None
    sector: str | None


def print_counts(out: dict[str, Any], split: str) -> None:
    """Human-readable report."""
    t, d = out["tuple"], out["detection"]
    print(f"stand-off gold, split {split}: {out['articles']} articles, gold {out['gold_rows']} rows, "
          f"system {out['system_rows']} rows ({out['articles_without_system_event']} articles with no event)")
    print(f"tuple      P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  (matched {t['matched']})")
    print(f"detection  P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}   (sentence, type)")
    print(f"both actors right when detected {out['both_actors_right_when_detected']:.3f}   "
          f"system rows with one side empty {out['system_rows_with_one_side_empty']:.3f}")
    print(f"lead found {out['lead_found']:.3f}  marked {out['lead_marked']:.3f}  "
          f"(of {out['articles_with_lead']} articles with a lead)")
    print(f"date basis {out['date_basis_accuracy']:.3f}   factuality {out['factuality_accuracy']:.3f}  (matched rows)")
    kinds = out["system_date_kinds"]
    print(f"date right {out['date_right']:.3f} on {out['date_judged_events']} detected events   system rows dated by "
          f"the text {kinds['timex']:.3f}, publication {kinds['publication']:.3f}, none {kinds['none']:.3f}")
    lk = out["linking"]
    print(f"linking precision {lk['precision']:.3f} on {lk['judged']} linked mentions over gold names "
          f"({lk['unjudged']} not over a gold name)")
    if out["calibration"]:
        print(f"confidence Brier {out['calibration']['brier']:.3f} (n={out['calibration']['n']})")
    print("per type (detection):")
    for name, row in out["per_type"].items():
        print(f"  {name:<10} gold {row['gold']:>3} system {row['system']:>3}  P {row['precision']:.2f}  "
              f"R {row['recall']:.2f}  F1 {row['f1']:.2f}")
    print("most frequent confusions (gold -> system on the sentence):")
    for cf in out["confusions"][:12]:
        print(f"  {cf['gold']:<10} -> {cf['system']:<10} {cf['n']}")
