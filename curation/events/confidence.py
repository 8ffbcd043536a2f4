"""Calibrated confidence: a small logistic model over features of how an event was read.

The weights live in ``data/confidence.json`` and are fitted against the gold
file by ``curate evaluate events GOLD --refit`` (see
:mod:`curation.evaluate.events`): each system event is labelled 1 when it
matches a gold event (type, source, target) and 0 otherwise, and the model is
fitted by L2-regularised logistic regression (plain gradient descent, no extra
dependency). The probability it gives is the chance that a row with these
features is right, as measured on the gold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from curation.errors import Errors, EventLexiconError

MODEL_PATH = Path(__file__).with_name("data") / "confidence.json"
FEATURES = (
    "kind_passive", "kind_light", "kind_nominal", "has_source", "has_target", "both_actors",
    "source_pronoun", "modality_actual", "negated", "symmetric", "sector_refined", "analysis_piece",
    "kind_speech", "generated_actor", "argument_constraint", "background", "verbal", "one_side",
)


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Logistic regression weights over :data:`FEATURES`."""

    intercept: float
    weights: dict[str, float]
    meta: dict[str, object]

    def predict(self, features: Mapping[str, float]) -> float:
        """Probability in (0, 1), rounded to 4 decimals so rows are byte-stable."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * float(v) for k, v in features.items())
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 4)

    def to_json(self) -> str:
        """The model as the JSON stored in the data folder."""
        body = {"features": list(FEATURES), "intercept": round(self.intercept, 6),
                "weights": {k: round(self.weights.get(k, 0.0), 6) for k in FEATURES}, **self.meta}
        return json.dumps(body, indent=2, sort_keys=True) + "\n"


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> ConfidenceModel:
    """Load the fitted model (default: the shipped ``data/confidence.json``)."""
    p = Path(path) if path else MODEL_PATH
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
        weights = {k: float(v) for k, v in raw["weights"].items()}
        intercept = float(raw["intercept"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EventLexiconError(Errors.E091.format(path=p, detail=str(exc))) from exc
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise EventLexiconError(Errors.E091.format(path=p, detail=f"unknown features {sorted(unknown)}"))
    meta = {k: v for k, v in raw.items() if k not in ("weights", "intercept", "features")}
    return ConfidenceModel(intercept, weights, meta)


def fit(rows: Sequence[tuple[Mapping[str, float], int]], *, l2: float = 1.0, steps: int = 3000,
        rate: float = 0.1, meta: Mapping[str, object] | None = None) -> ConfidenceModel:
    """Fit the logistic model on (features, label) pairs; deterministic (no random start)."""
    w = dict.fromkeys(FEATURES, 0.0)
    b = 0.0
    n = max(len(rows), 1)
    xs = [[float(f.get(k, 0.0)) for k in FEATURES] for f, _ in rows]
    ys = [float(y) for _, y in rows]
    for _ in range(steps):
        gb = 0.0
        gw = [0.0] * len(FEATURES)
        for x, y in zip(xs, ys, strict=True):
            z = b + sum(wi * xi for wi, xi in zip(w.values(), x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - y
            gb += err
            for j, xj in enumerate(x):
                gw[j] += err * xj
        b -= rate * gb / n
        for j, k in enumerate(FEATURES):
            w[k] -= rate * (gw[j] / n + l2 * w[k] / n)
    return ConfidenceModel(b, w, dict(meta or {}))
