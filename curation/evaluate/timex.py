"""``curate evaluate timex PATH...``: the temporal stage scored against TimeML files, TempEval-3 style.

Scores are pooled over all files:

- strict extent: a system span equal to a gold span;
- relaxed extent: a system span overlapping a gold span (one-to-one, in text order);
- type and value accuracy: over the relaxed-matched pairs;
- value F1: relaxed F1 times value accuracy.

Values are compared after a light normalization that both TimeML dialects
need: upper case, week numbers padded (``2000-W8`` is ``2000-W08``), and, for
corpora converted from TIMEX2 (WikiWars), a SET value also matches its TIMEX2
spelling (``P1D`` is ``XXXX-XX-XX``, ``P1W`` is ``XXXX-WXX``); BC years are
written ``BC0241`` on both sides; trailing unspecified parts are dropped
(``1949-XX`` is ``1949``, ``199X`` is ``199``). Gold values ``null`` (unresolvable in the
annotation) never match. Named periods ("World War II") are left out of the
run, as TimeML does not annotate event names.

The same scores are printed for a baseline of plain ``dateparser.search_dates``
anchored to the same DCT.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from curation.evaluate import f1
from curation.evaluate.timeml import TimeMLDoc, iter_corpus

Pred = tuple[int, int, str, str]  # start, end, type, value

_TIMEX2_SET = {"P1D": "XXXX-XX-XX", "P1W": "XXXX-WXX", "P1M": "XXXX-XX", "P1Y": "XXXX"}


@dataclass(slots=True)
class Counts:
    """Pooled counts of one system over a corpus."""

    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def comparable(value: str) -> str:
    """A TIMEX value in the form both annotation dialects are compared in.

    Trailing unspecified parts say nothing: ``1949-XX`` is the year ``1949``
    and ``199X`` the decade ``199`` (TBAQ writes both spellings).
    """
    v = value.strip().upper()
    v = re.sub(r"W(\d)(?!\d)", r"W0\1", v)
    if v[:1].isdigit():  # "XXXX-XX-XX" (TIMEX2 for every day) keeps its shape
        v = re.sub(r"(?:-XX)+$", "", v)
    return re.sub(r"^(\d{2,3})X+$", r"\1", v)


def values_match(system: str, gold: str) -> bool:
    """Whether a system value equals a gold value, accepting the TIMEX2 spelling of sets."""
    g = comparable(gold)
    if g in ("NULL", ""):
        return False
    s = comparable(system)
    return s == g or _TIMEX2_SET.get(s) == g


def score_doc(gold: TimeMLDoc, preds: Sequence[Pred], counts: Counts, *, keep_errors: bool = False) -> None:
    """Add the comparison of one document's predictions with its gold spans to ``counts``."""
    counts.n_gold += len(gold.timexes)
    counts.n_sys += len(preds)
    spans = {(p[0], p[1]) for p in preds}
    counts.strict += sum(1 for g in gold.timexes if (g.start, g.end) in spans)
    used = [False] * len(preds)
    for g in gold.timexes:
        hit = None
        for i, p in enumerate(preds):
            if not used[i] and p[0] < g.end and g.start < p[1]:
                hit = i
                break
        if hit is None:
            if keep_errors:
                counts.errors.append({"doc": gold.doc_id, "kind": "missed", "text": g.text, "gold": g.value,
                                      "type": g.timex_type, "ctx": _ctx(gold.text, g.start, g.end)})
            continue
        used[hit] = True
        p = preds[hit]
        counts.relaxed += 1
        counts.type_ok += p[2] == g.timex_type
        ok = values_match(p[3], g.value)
        counts.value_ok += ok
        if keep_errors and (not ok or (p[0], p[1]) != (g.start, g.end)):
            counts.errors.append({"doc": gold.doc_id, "kind": "value" if not ok else "extent", "text": g.text,
                                  "sys_text": gold.text[p[0]:p[1]], "gold": g.value, "sys": p[3],
                                  "dct": gold.dct_value, "ctx": _ctx(gold.text, g.start, g.end)})
    if keep_errors:
        for i, p in enumerate(preds):
            if not used[i]:
                counts.errors.append({"doc": gold.doc_id, "kind": "spurious", "text": gold.text[p[0]:p[1]],
                                      "sys": p[3], "ctx": _ctx(gold.text, p[0], p[1])})


def _ctx(text: str, s: int, e: int) -> str:
    return re.sub(r"\s+", " ", f"{text[max(0, s - 50):s]}[{text[s:e]}]{text[e:e + 40]}")


def summarize(c: Counts) -> dict[str, float | int]:
    """The TempEval-3 scores of pooled counts."""
    sp = c.strict / c.n_sys if c.n_sys else 0.0
    sr = c.strict / c.n_gold if c.n_gold else 0.0
    rp = c.relaxed / c.n_sys if c.n_sys else 0.0
    rr = c.relaxed / c.n_gold if c.n_gold else 0.0
    rf = f1(rp, rr)
    type_acc = c.type_ok / c.relaxed if c.relaxed else 0.0
    value_acc = c.value_ok / c.relaxed if c.relaxed else 0.0
    return {"gold": c.n_gold, "system": c.n_sys,
            "strict_p": round(sp, 4), "strict_r": round(sr, 4), "strict_f1": round(f1(sp, sr), 4),
            "relaxed_p": round(rp, 4), "relaxed_r": round(rr, 4), "relaxed_f1": round(rf, 4),
            "type_acc": round(type_acc, 4), "value_acc": round(value_acc, 4), "value_f1": round(rf * value_acc, 4)}


def system_predictions(docs: Sequence[TimeMLDoc], *, model: str | None = None) -> tuple[list[list[Pred]], float, float]:
    """Run spaCy and the temporal stage on the raw text of each document; also return both times in seconds."""
    from curation.config import load_config
    from curation.nlp import load_nlp
    from curation.timexes import find_timexes

    nlp = load_nlp(model or load_config().get("nlp", "model"))
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    t1 = time.perf_counter()
    out = []
    for d, doc in zip(docs, parsed, strict=True):
        got = find_timexes(doc, article_id=d.doc_id, dct=d.dct, named_periods=False)
        out.append([(t.char_start, t.char_end, t.timex_type, t.value) for t in got])
    t2 = time.perf_counter()
    return out, t1 - t0, t2 - t1


def baseline_predictions(docs: Sequence[TimeMLDoc]) -> list[list[Pred]]:
    """Plain ``dateparser.search_dates`` anchored to the DCT: every hit a DATE valued to the day."""
    from dateparser.search import search_dates

    out = []
    for d in docs:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if d.dct is not None:
            settings["RELATIVE_BASE"] = datetime(d.dct.year, d.dct.month, d.dct.day)
        found = search_dates(d.text, languages=["en"], settings=settings) or []
        preds: list[Pred] = []
        cursor = 0
        for sub, when in found:
            at = d.text.find(sub, cursor)
            if at < 0:
                continue
            cursor = at + len(sub)
            preds.append((at, at + len(sub), "DATE", when.date().isoformat()))
        out.append(preds)
    return out


def evaluate(docs: Sequence[TimeMLDoc], predictions: Sequence[Sequence[Pred]], *,
             keep_errors: bool = False) -> Counts:
    """Pooled counts of ``predictions`` (one list per document) against the gold of ``docs``."""
    counts = Counts()
    for d, preds in zip(docs, predictions, strict=True):
        score_doc(d, sorted(preds), counts, keep_errors=keep_errors)
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``curate evaluate timex``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="TimeML .tml files or folders of them")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline (it is slow)")
    parser.add_argument("--model", help="spaCy pipeline (default: the configured one)")
    parser.add_argument("--errors", metavar="FILE", help="write every mismatch of the system as JSON lines")


def _table(rows: dict[str, dict[str, float | int]]) -> str:
    keys = ["strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "type_acc", "value_acc",
            "value_f1"]
    names = list(rows)
    lines = [f"{'score':<12}" + "".join(f"{n:>14}" for n in names)]
    lines += [f"{k:<12}" + "".join(f"{rows[n][k]:>14.4f}" for n in names) for k in keys]
    lines.append(f"{'gold/system':<12}" + "".join(f"{str(rows[n]['gold']) + '/' + str(rows[n]['system']):>14}"
                                                  for n in names))
    return "\n".join(lines)


def run(args: argparse.Namespace, *, progress: Callable[[str], None] | None = None) -> int:
    """Score the temporal stage (and the baseline) on the TimeML files under ``args.paths``."""
    docs = list(iter_corpus(args.paths))
    preds, t_spacy, t_stage = system_predictions(docs, model=args.model)
    counts = evaluate(docs, preds, keep_errors=bool(args.errors))
    result: dict[str, Any] = {"files": len(docs), "system": summarize(counts),
                              "seconds": {"spacy": round(t_spacy, 2), "timex_stage": round(t_stage, 2)}}
    if not args.no_baseline:
        t0 = time.perf_counter()
        base = baseline_predictions(docs)
        result["baseline"] = summarize(evaluate(docs, base))
        result["seconds"]["baseline"] = round(time.perf_counter() - t0, 2)
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for err in counts.errors:
                fh.write(json.dumps(err, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        rows = {"system": result["system"]}
        if "baseline" in result:
            rows["dateparser"] = result["baseline"]
        print(f"{len(docs)} TimeML files under {' '.join(map(str, args.paths))}")
        print(_table(rows))
        print("seconds: " + ", ".join(f"{k} {v}" for k, v in result["seconds"].items()))
    return 0


__all__ = ["Counts", "add_arguments", "asdict", "comparable", "evaluate", "run", "summarize", "values_match"]
