"""``curate evaluate calibration``: fit the events' confidence model out of fold and say how calibrated it is.

Every system event on the gold's articles is a training row: its confidence
features (:mod:`curation.events.confidence`) and whether it matched a gold row
(type, source and target). The rows come from the team's sample gold and the
development split of the stand-off BBC gold (never its test split). Articles
are dealt into ``k`` folds by a hash of their name; each fold's rows are
predicted by a model fitted on the other folds, and those out-of-fold
predictions give the Brier score and the reliability bins reported here and
stored in ``confidence.json`` with the model fitted on all rows. A model is
calibrated when, in each bin, the share of rows that were right is close to the
mean confidence.

    curate evaluate calibration                  # report, write nothing
    curate evaluate calibration --write          # also write curation/events/data/confidence.json
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = (ROOT / "gold" / "events.jsonl", ROOT / "gold" / "bbc" / "events.jsonl")
FOLDS = 5
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)

Row = tuple[str, dict[str, float], int]  # article, features, matched


def collect(golds: Sequence[Path]) -> list[Row]:
    """Training rows from each gold file (stand-off gold: its development split only)."""
    from curation.evaluate import standoff
    from curation.evaluate.events import evaluate

    rows: list[Row] = []
    for g in golds:
        if standoff.is_standoff(g):
            standoff.evaluate_standoff(g, split="dev", collect=rows)
        else:
            rows.extend(evaluate(g, collect_features=True)[1])
    return rows


def _fold(article: str, k: int) -> int:
    return int(hashlib.sha256(article.encode("utf-8")).hexdigest(), 16) % k


def reliability(pairs: Sequence[tuple[float, int]]) -> dict[str, Any]:
    """Brier score and reliability bins of (probability, outcome) pairs."""
    n = len(pairs)
    brier = sum((p - y) ** 2 for p, y in pairs) / n if n else 0.0
    bins = []
    for lo, hi in itertools.pairwise(BINS):
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (hi == 1.0 and p == 1.0)]
        if inside:
            bins.append({"from": lo, "to": hi, "n": len(inside),
                         "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 4),
                         "share_right": round(sum(y for _, y in inside) / len(inside), 4)})
    return {"brier": round(brier, 4), "n": n, "bins": bins}


def out_of_fold(rows: Sequence[Row], k: int = FOLDS) -> list[tuple[float, int]]:
    """Each row's probability from a model fitted on the folds its article is not in."""
    from curation.events.confidence import fit

    out: list[tuple[float, int]] = []
    for f in range(k):
        train = [(x, y) for a, x, y in rows if _fold(a, k) != f]
        test = [(x, y) for a, x, y in rows if _fold(a, k) == f]
        if not test or not train:
            continue
        model = fit(train)
        out.extend((model.predict(x), y) for x, y in test)
    return out


def calibrate(golds: Sequence[Path], *, write: bool = False, k: int = FOLDS) -> dict[str, Any]:
    """Out-of-fold figures, and the model fitted on all rows (written when ``write``)."""
    from curation.events.confidence import MODEL_PATH, fit, load_model
    from curation.ids import sha256_text

    rows = collect(golds)
    oof = reliability(out_of_fold(rows, k))
    meta = {"fitted_on": [str(g.relative_to(ROOT)) if g.is_relative_to(ROOT) else str(g) for g in golds],
            "gold_sha256": {g.name if g.parent.name == "gold" else f"{g.parent.name}/{g.name}":
                            sha256_text(g.read_text(encoding="utf-8")) for g in golds},
            "n_rows": len(rows), "n_positive": sum(y for _, _, y in rows), "folds": k,
            "out_of_fold": oof}
    model = fit([(x, y) for _, x, y in rows], meta=meta)
    in_sample = reliability([(model.predict(x), y) for _, x, y in rows])
    if write:
        MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
        load_model.cache_clear()
    return {"rows": len(rows), "positive": meta["n_positive"], "out_of_fold": oof, "in_sample": in_sample,
            "written": str(MODEL_PATH) if write else None}


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``curate evaluate calibration``."""
    p.add_argument("gold", nargs="*", type=Path, default=list(DEFAULT_GOLD), metavar="GOLD",
                   help="gold files (default: gold/events.jsonl and the development split of gold/bbc/events.jsonl)")
    p.add_argument("--folds", type=int, default=FOLDS, help="number of folds (articles dealt by a hash)")
    p.add_argument("--write", action="store_true", help="write the model fitted on all rows to confidence.json")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    """Fit, report, and write when asked."""
    out = calibrate(args.gold, write=args.write, k=args.folds)
    if args.json:
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"{out['rows']} system events, {out['positive']} right (matched a gold row)")
    for name in ("out_of_fold", "in_sample"):
        r = out[name]
        print(f"{name.replace('_', ' ')}: Brier {r['brier']:.3f}")
        for b in r["bins"]:
            print(f"  [{b['from']:.1f}, {b['to']:.1f})  n={b['n']:<4} mean confidence {b['mean_confidence']:.2f}  "
                  f"share right {b['share_right']:.2f}")
    if out["written"]:
        print(f"wrote {out['written']}")
    return 0
