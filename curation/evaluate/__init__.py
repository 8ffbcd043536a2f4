"""Evaluations of the extractors against gold data (``curate evaluate ...``)."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

# Each evaluation module exposes add_arguments(parser) and run(args) -> int.
EVALUATIONS = {
    "timex": ("curation.evaluate.timex", "temporal expressions against TimeML files"),
    "actors": ("curation.evaluate.actors", "actor mentions and their links against a gold file"),
    "events": ("curation.evaluate.events", "events (type, dyad, date, factuality) against a gold file"),
    "dating": ("curation.evaluate.dating", "event dates against the TLINKs of TimeML files (exact, compatible, ...)"),
    "calibration": ("curation.evaluate.calibrate", "fit the events' confidence model out of fold; Brier, bins"),
}


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0): the F1 every evaluation reports."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def register(sub: Any) -> None:
    """Add one sub-command per evaluation whose module is present."""
    for name, (module, help_text) in EVALUATIONS.items():
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        p: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
        mod.add_arguments(p)
        p.set_defaults(func=mod.run)
