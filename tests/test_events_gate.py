"""Quality gate of the events stage: scores on the events gold may not drop below pinned floors.

The floors in tests/quality/events_floors.json were set a little under the
measured scores, as a set (``curate evaluate events gold/events.jsonl --json``);
raise them when the stage improves, never lower them to let a regression pass.
The gold file and the sample corpus are pinned by hash: scores on other
versions say nothing about a regression, so a changed hash means re-measure and
re-pin.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

FLOORS = Path(__file__).parent / "quality" / "events_floors.json"
GOLD = ROOT / "gold" / "events.jsonl"


def corpus_sha256(folder: Path) -> str:
    """sha256 over the sorted relative names and contents of the corpus files."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def pinned() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def test_pins_match_the_gold_and_corpus(pinned):
    assert hashlib.sha256(GOLD.read_bytes()).hexdigest() == pinned["gold_sha256"], "gold changed: re-measure, re-pin"
    assert corpus_sha256(SAMPLES) == pinned["corpus_sha256"], "sample corpus changed: re-measure, re-pin"


@pytest.mark.slow
def test_scores_stay_above_the_floors(pinned):
    from curation.evaluate.events import evaluate

    scores, _ = evaluate(GOLD, [SAMPLES])
    got = scores.as_dict()
    assert not got["missing_articles"]
    for name, floor in pinned["floors"].items():
        assert got[name] >= floor, f"{name} {got[name]} fell below its floor {floor}"
