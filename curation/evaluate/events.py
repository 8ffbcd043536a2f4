"""``curate evaluate events GOLD``: score the events stage against a gold file.

The gold file (see gold/README.md) lists every event of the embedded sample
articles as the team annotated them: type, source, target, date and
precision, polarity and modality, plus a few words of the sentence. The
corpus is curated with the same per-article function as ``curate run`` and
scored per article:

- precision, recall and F1 over (type, source, target) tuples, matched one to
  one (a gold row matches a system row with the same tuple, the same sentence
  preferred); for the symmetric types (CONSULT, AGREE, COOPERATE) the dyad is
  unordered;
- date accuracy on matched events: event_date and date_precision both equal;
- factuality accuracy on matched events: polarity and modality both equal;
- as a diagnostic independent of actor linking, detection P/R/F1 over
  (sentence, type).

``--refit`` refits the confidence model (:mod:`curation.events.confidence`) on
the matched/unmatched labels and writes it to the events data folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curation.errors import Errors, EvaluationError
from curation.evaluate import f1

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "datasets" / "samples"
REQUIRED = ("article", "event_type", "source", "target", "polarity", "modality")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event."""

    article: str
    sentence: str
    event_type: str
    source: str | None
    target: str | None
    event_date: str | None
    date_precision: str | None
    polarity: str
    modality: str
    line: int
    date_basis: str | None = None


@dataclass(slots=True)
class Scores:
    """Counts and the figures derived from them."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    date_ok: int = 0
    fact_ok: int = 0
    det_gold: int = 0
    det_system: int = 0
    det_matched: int = 0
    articles: int = 0
    missing_articles: list[str] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    confidences: list[tuple[float, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The headline figures, rounded."""
        p = self.matched / self.system if self.system else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        dp = self.det_matched / self.det_system if self.det_system else 0.0
        dr = self.det_matched / self.det_gold if self.det_gold else 0.0
        return {
            "articles": self.articles, "gold_events": self.gold, "system_events": self.system,
            "matched": self.matched, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f1(p, r), 4),
            "date_accuracy": round(self.date_ok / self.matched, 4) if self.matched else 0.0,
            "factuality_accuracy": round(self.fact_ok / self.matched, 4) if self.matched else 0.0,
            "detection": {"precision": round(dp, 4), "recall": round(dr, 4), "f1": round(f1(dp, dr), 4)},
            "calibration": self._calibration(),
            "missing_articles": self.missing_articles,
        }

    def _calibration(self) -> dict[str, Any]:
        """Brier score and reliability bins of the system's confidences against matched/unmatched."""
        if not self.confidences:
            return {}
        n = len(self.confidences)
        brier = sum((c - y) ** 2 for c, y in self.confidences) / n
        bins = []
        for lo in (0.0, 0.25, 0.5, 0.75):
            inside = [(c, y) for c, y in self.confidences if lo <= c < lo + 0.25 or (lo == 0.75 and c == 1.0)]
            if inside:
                bins.append({"from": lo, "to": lo + 0.25, "n": len(inside),
                             "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 4),
                             "precision": round(sum(y for _, y in inside) / len(inside), 4)})
        return {"brier": round(brier, 4), "bins": bins}


def load_gold(path: str | Path) -> list[GoldEvent]:
    """Read the gold JSONL file; raise :class:`EvaluationError` with the line on any problem."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(Errors.E092.format(path=p, line=0, detail=str(exc))) from exc
    out = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise EvaluationError(Errors.E092.format(path=p, line=i, detail=f"not JSON ({exc})")) from exc
        missing = [k for k in REQUIRED if k not in row]
        if missing:
            raise EvaluationError(Errors.E092.format(path=p, line=i, detail=f"missing {', '.join(missing)}"))
        out.append(GoldEvent(
            article=row["article"], sentence=row.get("sentence") or "", event_type=row["event_type"],
            source=row["source"], target=row["target"], event_date=row.get("event_date"),
            date_precision=row.get("date_precision"), polarity=row["polarity"], modality=row["modality"], line=i,
            date_basis=row.get("date_basis")))
    return out


def _key(etype: str, src: str | None, tgt: str | None) -> tuple[str, str, str]:
    a, b = src or "", tgt or ""
    if etype in SYMMETRIC and b < a:
        a, b = b, a
    return etype, a, b


_ID_SUFFIX = {"COP": "POL"}  # the actor dictionary writes the police as ISO3-POL
CIVIL_SECTORS = frozenset({"CVL", "BUS", "LAB", "EDU", "MED", "REL", "JRN", "REF", "AGR", "SOC", "CRM", "ELI"})


def side_ids(ev: Any, side: str, dictionary: Any = None, published: Any = None) -> set[str]:
    """The ids a system event's source or target may be scored as: the most specific actor it carries (a
    person) and the actor it is coded as on the event's date (USA-GOV for a sitting president, UN for its
    secretary-general), as the gold codes people by their office."""
    aid = getattr(ev, f"{side}_actor_id")
    out = {aid or ""}
    if aid is not None and dictionary is not None:
        out.add(str(dictionary.actor_for_event(aid, getattr(ev, "event_date", None) or published)))
    country = getattr(ev, f"{side}_country", None)
    sector = getattr(ev, f"{side}_sector", None)
    if aid is not None and country is not None and len(country) == 3:
        out.add(f"{country}-{_ID_SUFFIX.get(sector, sector)}" if sector else country)
        if sector in CIVIL_SECTORS:
            # The sample gold predates PLOVER's sectors and codes a state's people by the state ("American
            # citizens" -> USA); civilians, businesses, workers ... count as their state there.
            out.add(country)
    return out


def _matches(g: GoldEvent, ev: Any, dictionary: Any = None, published: Any = None) -> bool:
    if g.event_type != ev.event_type:
        return False
    srcs, tgts = side_ids(ev, "source", dictionary, published), side_ids(ev, "target", dictionary, published)
    gs, gt = g.source or "", g.target or ""
    if gs in srcs and gt in tgts:
        return True
    return g.event_type in SYMMETRIC and gs in tgts and gt in srcs


def _article_key(article: Any) -> list[str]:
    keys = [Path(article.source.split("#")[0]).name]
    if article.url:
        keys.insert(0, article.url)
    return keys


def score_article(gold: Sequence[GoldEvent], system: Sequence[Any], scores: Scores,
                  dictionary: Any = None, published: Any = None) -> list[bool]:
    """Add one article's counts to ``scores``; return, per system event, whether it matched.

    A system row the stage flags as background counts only when it matches a gold row: it is flagged as not
    news of the article, as the issue allows ("flagged as background (or left out)")."""
    scores.gold += len(gold)
    used = [False] * len(system)
    done = [False] * len(gold)
    for same_sentence in (True, False):  # the gold row's own sentence first, then anywhere in the article
        for i, g in enumerate(gold):
            if done[i]:
                continue
            for j, ev in enumerate(system):
                if used[j] or not _matches(g, ev, dictionary, published):
                    continue
                if same_sentence and g.sentence and g.sentence not in ev.evidence:
                    continue
                used[j] = done[i] = True
                _record_match(g, ev, scores)
                break
    for i, g in enumerate(gold):
        if not done[i]:
            scores.misses.append({"line": g.line, "article": g.article, "sentence": g.sentence,
                                  "tuple": [g.event_type, g.source, g.target]})
    counted = [used[j] or not getattr(ev, "is_background", False) for j, ev in enumerate(system)]
    scores.system += sum(counted)
    scores.confidences.extend((float(ev.confidence), int(u)) for ev, u, c in zip(system, used, counted, strict=True)
                              if hasattr(ev, "confidence") and c)
    for j, ev in enumerate(system):
        if not used[j] and counted[j]:
            scores.extras.append({"article": ev.article_id, "trigger": ev.trigger, "evidence": ev.evidence[:90],
                                  "tuple": [ev.event_type, ev.source_actor_id, ev.target_actor_id],
                                  "modality": ev.modality})
    # Detection diagnostic: (sentence, type), independent of actor ids.
    gset = {(g.sentence, g.event_type) for g in gold}
    sset = {(ev.evidence, ev.event_type) for ev in system}
    scores.det_gold += len(gset)
    scores.det_system += len(sset)
    scores.det_matched += sum(1 for sent, t in gset if any(t == st and sent in se for se, st in sset))
    return used


def _record_match(g: GoldEvent, ev: Any, scores: Scores) -> None:
    scores.matched += 1
    date = ev.event_date.isoformat() if ev.event_date is not None else None
    end = getattr(ev, "event_date_end", None) or ev.event_date
    if g.date_basis == "publication" and g.event_date is not None:
        # The gold names the publication day; the system's publication basis is the week ending on it.
        right = ev.date_basis == "publication" and date is not None and date <= g.event_date <= end.isoformat()
    else:
        right = date == g.event_date and (ev.date_precision or None) == g.date_precision
    if right:
        scores.date_ok += 1
    else:
        scores.wrong.append({"line": g.line, "what": "date", "gold": [g.event_date, g.date_precision],
                             "system": [date, ev.date_precision]})
    if ev.polarity == g.polarity and ev.modality == g.modality:
        scores.fact_ok += 1
    else:
        scores.wrong.append({"line": g.line, "what": "factuality", "gold": [g.polarity, g.modality],
                             "system": [ev.polarity, ev.modality]})


def _curate(corpus: Sequence[str | Path]) -> Iterable[tuple[Any, Any, Any]]:
    """Yield (article, ArticleResult, doc) for every article of the corpus, as ``curate run`` extracts them."""
    from curation.config import load_config
    from curation.ingest import discover, parse, read_inputs
    from curation.pipeline import get_resources, process_article
    from curation.records import Reject
    from curation.segment import masked_text, segment

    config = load_config()
    resources = get_resources(config)
    for item in read_inputs(discover(corpus)):
        art = parse(item, min_chars=int(config.get("ingest", "min_chars")))
        if isinstance(art, Reject):
            continue
        seg = segment(art)
        doc = resources.nlp(masked_text(seg))
        yield seg, process_article(seg, doc, resources), doc


def resources_dictionary() -> Any:
    """The actor dictionary the pipeline's resources hold (for recomputing calibration features)."""
    from curation.config import load_config
    from curation.pipeline import get_resources

    return get_resources(load_config()).dictionary


def evaluate(gold_path: str | Path, corpus: Sequence[str | Path] = (DEFAULT_CORPUS,), *,
             collect_features: bool = False) -> tuple[Scores, list[tuple[str, dict[str, float], int]]]:
    """Score the events stage on ``corpus`` against the gold file; optionally return calibration rows."""
    from curation.events import extract

    gold = load_gold(gold_path)
    by_article: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_article[g.article].append(g)
    scores = Scores()
    rows: list[tuple[str, dict[str, float], int]] = []
    dictionary = resources_dictionary()
    seen: set[str] = set()
    for art, res, doc in _curate(corpus):
        key = next((k for k in _article_key(art) if k in by_article), None)
        if key is None:
            continue
        seen.add(key)
        scores.articles += 1
        used = score_article(by_article[key], res.events, scores, dictionary, art.published)
        if collect_features:
            feats = extract(doc, article=res.article, timexes=res.timexes, mentions=res.mentions,
                            dictionary=resources_dictionary(), actors=res.new_actors).features
            rows.extend((key, f, int(u)) for f, u in zip(feats, used, strict=True))
    for key, events in by_article.items():
        if key not in seen:
            scores.missing_articles.append(key)
            score_article(events, [], scores)
    return scores, rows


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``curate evaluate events``."""
    p.add_argument("gold", metavar="GOLD", help="gold events file (JSON lines, see gold/README.md)")
    p.add_argument("--corpus", nargs="+", default=None, metavar="PATH",
                   help="articles to curate (default: the embedded sample articles; for stand-off gold, the "
                        "folder its paths are relative to, ../shared/data/news/bbc)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                   help="stand-off gold only: which articles to score (the test split is kept aside)")
    p.add_argument("--dataset", metavar="DIR", default=None,
                   help="stand-off gold only: score the events of an existing dataset built from the articles "
                        "instead of curating them")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--details", action="store_true", help="also list misses, extras and wrong dates/factuality")
    p.add_argument("--refit", action="store_true",
                   help="refit the confidence model on this gold file alone and write "
                        "curation/events/data/confidence.json (see curate evaluate calibration for several files)")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the scores."""
    from curation.evaluate import plover_gsr, standoff

    if standoff.is_standoff(args.gold):
        if args.refit:
            raise EvaluationError(Errors.E092.format(path=args.gold, line=0,
                                                     detail="--refit needs the team's JSON-lines gold"))
        counts = standoff.evaluate_standoff(args.gold, corpus=args.corpus[0] if args.corpus else None,
                                            split=args.split, dataset=args.dataset)
        result = counts.as_dict()
        if args.details:
            result["errors"], result["link_errors"] = counts.errors, counts.link_errors
        if args.json:
            json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            standoff.print_counts(result, args.split)
            if args.details:
                for row in counts.errors + counts.link_errors:
                    print(json.dumps(row, ensure_ascii=False))
        return 0
    if plover_gsr.is_gsr(args.gold):
        if args.refit:
            raise EvaluationError(Errors.E092.format(path=args.gold, line=0,
                                                     detail="--refit needs the team's JSON-lines gold"))
        gsr = plover_gsr.evaluate_gsr(args.gold)
        result = gsr.as_dict()
        if args.details:
            result["sentences_detail"] = gsr.rows
        if args.json:
            json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            plover_gsr.print_scores(result, args.details, gsr.rows)
        return 0
    scores, _ = evaluate(args.gold, args.corpus or (DEFAULT_CORPUS,))
    out = scores.as_dict()
    if args.refit:
        from curation.evaluate.calibrate import calibrate

        out["refit"] = calibrate([Path(args.gold)], write=True)
    if args.details:
        out["misses"], out["extras"], out["wrong"] = scores.misses, scores.extras, scores.wrong
    if args.json:
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"articles {out['articles']}  gold {out['gold_events']}  system {out['system_events']}  "
              f"matched {out['matched']}")
        print(f"tuples   P {out['precision']:.3f}  R {out['recall']:.3f}  F1 {out['f1']:.3f}")
        print(f"date accuracy {out['date_accuracy']:.3f}   factuality accuracy {out['factuality_accuracy']:.3f}")
        d = out["detection"]
        print(f"detection (sentence, type)  P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}")
        cal = out["calibration"]
        if cal:
            print(f"confidence  Brier {cal['brier']:.3f}  " + "  ".join(
                f"[{b['from']:.2f},{b['to']:.2f}) n={b['n']} conf={b['mean_confidence']:.2f} prec={b['precision']:.2f}"
                for b in cal["bins"]))
        if args.details:
            for kind in ("misses", "extras", "wrong"):
                for row in out[kind]:
                    label = {"misses": "miss", "extras": "extra", "wrong": "wrong"}[kind]
                    print(label, json.dumps(row, ensure_ascii=False))
    return 0
