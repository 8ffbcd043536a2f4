"""``curate evaluate dating PATH...``: event dates scored against the TLINKs of TimeML files (TBAQ has them).

The gold date of an event is the DATE timex of concrete value it is anchored
in by a TLINK: the event IS_INCLUDED in, DURING or SIMULTANEOUS with the timex
(or the timex INCLUDES the event), the document creation time counting as a
timex. When several such links hold, the narrowest interval is the gold.
Values that are not calendar intervals (``PRESENT_REF``, ``XXXX-03``) give no
gold date.

Two runs are scored, each interval compared with the gold one:

- **events**: the job's own events (PLOVER types) whose trigger overlaps a
  gold EVENT with a gold date. Coverage is the share of gold dated events some
  system event matches: the extractor codes only geopolitical events, so it is
  low on TimeBank's every-verb annotation.
- **triggers**: every gold dated event, its trigger given to the dating stage
  as if the extractor had found it (its modality from the factuality stage).
  This scores the dating rules alone over all of TimeBank's events.

Each matched event is **exact** (same first and last day), **compatible** (one
interval inside the other: "in 1998" for an event of 8 January 1998, or the
week before publication for an event of the publication day), **wrong**
(neither) or **undated** (no system date).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from curation.evaluate.timeml import GoldEvent, TimeMLDoc, iter_corpus

# event -> timex relations that put the event inside the timex, and their inverses (timex -> event).
_INSIDE = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY"})
_INSIDE_INV = frozenset({"INCLUDES", "DURING_INV", "SIMULTANEOUS", "IDENTITY"})
OUTCOMES = ("exact", "compatible", "wrong", "undated")

Interval = tuple[date, date]


def gold_dates(doc: TimeMLDoc) -> dict[str, tuple[Interval, str]]:
    """Event id (eid) -> (the narrowest gold interval it lies in, the timex id that gives it)."""
    from curation.timexes.calendar import interval

    times: dict[str, Interval] = {}
    for tx in doc.timexes:
        if tx.timex_type == "DATE" and tx.tid:
            start, end, _ = interval(tx.value)
            if start is not None and end is not None:
                times[tx.tid] = (start, end)
    if doc.dct is not None and doc.dct_tid:
        times[doc.dct_tid] = (doc.dct, doc.dct)
    eid_of = {ei: ev.eid for ev in doc.events for ei in ev.instances}
    out: dict[str, tuple[Interval, str]] = {}
    for link in doc.tlinks:
        if link.source in eid_of and link.target in times and link.rel_type in _INSIDE:
            eid, tid = eid_of[link.source], link.target
        elif link.source in times and link.target in eid_of and link.rel_type in _INSIDE_INV:
            eid, tid = eid_of[link.target], link.source
        else:
            continue
        span = times[tid]
        old = out.get(eid)
        if old is None or (span[1] - span[0]) < (old[0][1] - old[0][0]):
            out[eid] = (span, tid)
    return out


def outcome(gold: Interval, start: date | None, end: date | None) -> str:
    """exact, compatible, wrong or undated: the system interval [start, end] against the gold one."""
    if start is None:
        return "undated"
    end = end or start
    if (start, end) == gold:
        return "exact"
    if (gold[0] <= start and end <= gold[1]) or (start <= gold[0] and gold[1] <= end):
        return "compatible"
    return "wrong"


@dataclass(slots=True)
class Tally:
    """Outcomes of one run over a corpus."""

    gold_dated: int = 0
    matched: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    by_basis: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: TimeMLDoc, ev: GoldEvent, gold: Interval, got: Any, keep: bool) -> None:
        """Count one matched event; ``got`` has start, end, basis (and optionally precision, timex_id)."""
        res = outcome(gold, got.start, got.end)
        self.matched += 1
        self.outcomes[res] += 1
        self.by_basis[(str(got.basis), res)] += 1
        if keep and res in ("wrong", "undated"):
            lo = doc.text.rfind("\n", 0, ev.start) + 1
            hi = doc.text.find("\n", ev.end)
            self.errors.append({"doc": doc.doc_id, "event": ev.text, "at": ev.start, "outcome": res,
                                "gold": [gold[0].isoformat(), gold[1].isoformat()],
                                "system": [got.start.isoformat() if got.start else None,
                                           got.end.isoformat() if got.end else None],
                                "basis": got.basis, "context": doc.text[lo:hi if hi > 0 else None][:400]})

    def as_dict(self) -> dict[str, Any]:
        """Rates over the matched events, and coverage over the gold dated events."""
        n = self.matched
        rates = {k: round(self.outcomes[k] / n, 4) if n else 0.0 for k in OUTCOMES}
        return {"gold_dated_events": self.gold_dated, "matched": n,
                "coverage": round(n / self.gold_dated, 4) if self.gold_dated else 0.0,
                **rates, "exact_or_compatible": round(rates["exact"] + rates["compatible"], 4),
                "by_basis": {f"{b}/{o}": c for (b, o), c in sorted(self.by_basis.items())}}


@dataclass(frozen=True, slots=True)
class _Got:
    start: date | None
    end: date | None
    basis: str


def evaluate(docs: Iterable[TimeMLDoc], *, keep_errors: bool = False,
             progress: Callable[[str], None] | None = None) -> dict[str, Tally]:
    """Run the job over every document (its DCT as the publication date) and score both runs."""
    from curation.config import load_config
    from curation.events.dating import Dating
    from curation.events.factuality import modality
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article

    resources = get_resources(load_config())
    runs = {"events": Tally(), "triggers": Tally()}
    docs = list(docs)
    texts = [d.text for d in docs]
    for doc, sdoc in zip(docs, resources.nlp.pipe(texts), strict=True):
        if progress is not None:
            progress(doc.doc_id)
        gold = gold_dates(doc)
        events = [ev for ev in doc.events if ev.eid in gold]
        for tally in runs.values():
            tally.gold_dated += len(events)
        article = Article(article_id=make_id("a", doc.doc_id, doc.text), source=doc.path, text=doc.text,
                          published=doc.dct, published_precision="day" if doc.dct else None,
                          text_sha256=sha256_text(doc.text))
        res = process_article(article, sdoc, resources)
        for ev in events:
            hit = next((s for s in res.events if s.trigger_start < ev.end and ev.start < s.trigger_end), None)
            if hit is not None:
                runs["events"].add(doc, ev, gold[ev.eid][0],
                                   _Got(hit.event_date, hit.event_date_end, hit.date_basis), keep_errors)
        spans = {ev.eid: sdoc.char_span(ev.start, ev.end, alignment_mode="expand") for ev in doc.events}
        roots = {eid: span.root for eid, span in spans.items() if span is not None and len(span)}
        # The gold's event words are the event nouns: the triggers run is an oracle of which words are events.
        dating = Dating(sdoc, res.timexes, article, frozenset(t.lemma_.lower() for t in roots.values()))
        for ev in events:
            tok = roots.get(ev.eid)
            if tok is None:
                continue
            when = dating.date(tok, None, modality(tok))
            runs["triggers"].add(doc, ev, gold[ev.eid][0], _Got(when.start, when.end, when.basis), keep_errors)
    return runs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``curate evaluate dating``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="TimeML .tml files or folders of them, with TLINKs")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", metavar="FILE", help="write every wrong or undated event as JSON lines")


def print_tallies(runs: dict[str, Tally], files: int, paths: Sequence[str]) -> None:
    """The human-readable report."""
    print(f"{files} TimeML files under {' '.join(map(str, paths))}")
    print(f"{'run':<10}{'gold dated':>11}{'matched':>9}{'coverage':>10}{'exact':>8}{'compat':>8}{'ex+comp':>9}"
          f"{'wrong':>8}{'undated':>9}")
    for name, tally in runs.items():
        d = tally.as_dict()
        print(f"{name:<10}{d['gold_dated_events']:>11}{d['matched']:>9}{d['coverage']:>10.3f}{d['exact']:>8.3f}"
              f"{d['compatible']:>8.3f}{d['exact_or_compatible']:>9.3f}{d['wrong']:>8.3f}{d['undated']:>9.3f}")
    for name, tally in runs.items():
        print(f"{name} by basis/outcome: " + ", ".join(f"{k} {v}" for k, v in tally.as_dict()["by_basis"].items()))


def run(args: argparse.Namespace) -> int:
    """Score the events' dates on the TimeML files under ``args.paths``."""
    docs = list(iter_corpus(args.paths))
    runs = evaluate(docs, keep_errors=bool(args.errors))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for name, tally in runs.items():
                for err in tally.errors:
                    fh.write(json.dumps({"run": name, **err}, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps({"files": len(docs), **{k: t.as_dict() for k, t in runs.items()}}, indent=2, sort_keys=True))
    else:
        print_tallies(runs, len(docs), args.paths)
    return 0


__all__ = ["Tally", "add_arguments", "evaluate", "gold_dates", "outcome", "run"]
