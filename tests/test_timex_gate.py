"""Temporal evaluation: the TempEval-3 scorer on a small hand-made file, and the quality gate on the TimeML corpora.

The gate runs the temporal stage on ../shared/data/timeml/{tbaq,wikiwars-train}
and fails when a score drops below the floor pinned in
tests/quality/timex_floors.json, or when the corpus no longer has the pinned
hash (scores on another corpus version say nothing about a regression: re-pin).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from curation.evaluate.timeml import corpus_hash, iter_corpus, read_timeml
from curation.evaluate.timex import evaluate, run, summarize, system_predictions, values_match
from tests.conftest import require_shared

FLOORS = Path(__file__).parent / "quality" / "timex_floors.json"

# Written for this test: two temporal expressions, one of them in a sentence with an event.
_TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>demo1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-02-12" functionInDocument="CREATION_TIME">2025-02-12</TIMEX3>'
    "</DCT>\n<TEXT>\nThe envoy <EVENT eid=\"e1\" class=\"OCCURRENCE\">arrived</EVENT> on "
    '<TIMEX3 tid="t1" type="DATE" value="2025-02-10">Monday</TIMEX3> and stayed for '
    '<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. Talks ended in '
    '<TIMEX3 tid="t3" type="DATE" value="2024-11">late November</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo1.tml"
    path.write_text(_TML, encoding="utf-8")
    return path


def test_reader_offsets_point_into_the_plain_text(demo: Path) -> None:
    doc = read_timeml(demo)
    assert doc.dct is not None and doc.dct.isoformat() == "2025-02-12"
    assert [(doc.text[g.start:g.end], g.timex_type, g.value) for g in doc.timexes] == [
        ("Monday", "DATE", "2025-02-10"), ("three days", "DURATION", "P3D"), ("late November", "DATE", "2024-11")]
    assert "<" not in doc.text


def test_scores_strict_relaxed_and_value(demo: Path) -> None:
    doc = read_timeml(demo)
    monday = doc.text.index("Monday")
    days = doc.text.index("three days")
    nov = doc.text.index("November")
    preds = [(monday, monday + 6, "DATE", "2025-02-10"),  # exact
             (days, days + 10, "DURATION", "P2D"),  # exact extent, wrong value
             (nov, nov + 8, "DATE", "2024-11"),  # overlaps "late November" only
             (0, 3, "DATE", "PRESENT_REF")]  # spurious
    s = summarize(evaluate([doc], [preds]))
    assert (s["gold"], s["system"]) == (3, 4)
    assert (s["strict_p"], s["strict_r"]) == (0.5, round(2 / 3, 4))
    assert (s["relaxed_p"], s["relaxed_r"]) == (0.75, 1.0)
    assert s["value_acc"] == round(2 / 3, 4)
    assert s["value_f1"] == round(s["relaxed_f1"] * 2 / 3, 4)


@pytest.mark.parametrize(
    ("system", "gold", "ok"),
    [("2000-W08", "2000-W8", True), ("1949", "1949-XX", True), ("199", "199X", True), ("P1D", "XXXX-XX-XX", True),
     ("2025-02", "2025-02-12", False), ("PRESENT_REF", "null", False), ("BC0480", "BC0480", True)],
)
def test_value_comparison(system: str, gold: str, ok: bool) -> None:
    assert values_match(system, gold) is ok


def test_command_prints_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(paths=[str(demo)], json=True, no_baseline=True, model=None, errors=None)
    assert run(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["files"] == 1 and out["system"]["gold"] == 3
    assert out["system"]["relaxed_f1"] == 1.0


def _pinned() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["corpora"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(json.loads(FLOORS.read_text(encoding="utf-8"))["corpora"]))
def test_quality_gate(name: str) -> None:
    pinned = _pinned()[name]
    root = require_shared(*pinned["path"].split("/"))
    found = corpus_hash(root)
    if found != pinned["sha256"]:
        pytest.fail(f"{root} has sha256 {found}, floors were pinned on {pinned['sha256']}: "
                    f"re-measure with `curate evaluate timex {root} --json` and re-pin {FLOORS.name}")
    docs = list(iter_corpus([root]))
    preds, _, _ = system_predictions(docs)
    scores = summarize(evaluate(docs, preds))
    drops = {k: (scores[k], floor) for k, floor in pinned["floors"].items() if scores[k] < floor}
    assert not drops, f"{name}: scores below their floors (score, floor): {drops}"
