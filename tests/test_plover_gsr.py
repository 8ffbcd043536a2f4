"""Scoring against PLOVER gold-standard records (the OEDA's JSON format), and the floors on its development half.

The unit tests use records the team wrote in that format; the gate reads ``../shared`` when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curation.evaluate.plover_gsr import (
    GsrRecord,
    GsrScores,
    gold_tuples,
    is_gsr,
    load_gsr,
    match_count,
    score_sentence,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "events" / "plover-gsr-dev" / "PLOVER_GSR_dev.json"
FLOORS = ROOT / "tests" / "quality" / "plover_floors.json"


def _records(tmp_path: Path) -> Path:
    recs = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "documentation"},
        {"id": "T-1", "event": "DEMAND", "text": "Norway demanded that Chile free the sailors.",
         "source": [{"code": "NOR"}], "target": [{"code": "CHL", "sector": "GOVxyz"}],
         "textInfo": {"markup": "(SRC: Norway) (EVT: demanded) that (TAR: Chile) free the sailors."}},
        {"id": "T-2", "event": "AGREE", "text": "Peru and Chile agreed to hold talks.",
         "source": [{"code": "PER"}, {"code": "CHL"}], "target": "",
         "textInfo": {"markup": "(SRC/TAR: Peru) and (SRC/TAR: Chile) (EVT: agreed) to hold talks."}},
        {"id": "T-3", "event": "FIGHT", "text": "Kenyan troops fought Ugandan rebels.",
         "source": [{"code": "KEN", "sector": "MIL"}], "target": [{"code": "UGA", "sector": "REB"}]},
    ]
    p = tmp_path / "gsr.json"
    p.write_text(json.dumps(recs), encoding="utf-8")
    return p


def test_records_are_read_renamed_and_normalized(tmp_path: Path) -> None:
    p = _records(tmp_path)
    assert is_gsr(p)
    recs = load_gsr(p)
    assert [r.event_type for r in recs] == ["REQUEST", "AGREE", "ASSAULT"]  # 0.5b1 names as the 2021 manual
    assert recs[0].targets == (("CHL", "GOV"),)  # sector: first three letters
    assert recs[1].reciprocal and not recs[0].reciprocal


def test_reciprocal_parties_form_unordered_pairs_and_lists_expand() -> None:
    rec = GsrRecord("x", "t", "CONSULT", (("PER", None), ("CHL", None), ("NOR", None)), (), True)
    assert len(gold_tuples(rec)) == 3
    two = GsrRecord("y", "t", "ACCUSE", (("PER", None), ("CHL", None)), (("NOR", None),), False)
    assert {(t[1][0], t[2][0]) for t in gold_tuples(two)} == {("PER", "NOR"), ("CHL", "NOR")}


def test_matching_levels_and_international_codes() -> None:
    gold = [("REQUEST", ("IGO", None), ("CHL", "GOV"), False)]
    system = [("REQUEST", ("UNO", None), ("CHL", "MIL"), False)]
    assert match_count(gold, system, "country") == 1  # the 2021 UNO is 0.5b1's IGO
    assert match_count(gold, system, "sector") == 0
    # an ordered type does not match in reverse; a reciprocal record does
    assert match_count([("ACCUSE", ("PER", None), ("CHL", None), False)],
                       [("ACCUSE", ("CHL", None), ("PER", None), False)], "country") == 0
    assert match_count([("AGREE", ("PER", None), ("CHL", None), True)],
                       [("AGREE", ("CHL", None), ("PER", None), True)], "country") == 1


def test_sentence_scores_types_tuples_and_confusions(tmp_path: Path) -> None:
    recs = load_gsr(_records(tmp_path))
    scores = GsrScores()
    score_sentence([recs[0]], [("ACCUSE", ("NOR", None), ("CHL", None), False)], scores)
    score_sentence([recs[2]], [("ASSAULT", ("KEN", "MIL"), ("UGA", "REB"), False)], scores)
    out = scores.as_dict()
    assert out["type"]["precision"] == 0.5 and out["tuple_sector"]["f1"] == 0.5
    assert {"gold": "REQUEST", "system": "ACCUSE", "n": 1} in out["confusions"]


@pytest.mark.slow
def test_development_half_stays_above_the_floors() -> None:
    if not DEV.exists():
        pytest.skip("../shared/data/events/plover-gsr-dev is not beside the project")
    from curation.evaluate.plover_gsr import evaluate_gsr
    from curation.ids import sha256_text

    pins = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert pins["data_sha256"] == sha256_text(DEV.read_text(encoding="utf-8")), "re-pin: the records changed"
    out = evaluate_gsr(DEV).as_dict()
    got = {"type_f1": out["type"]["f1"], "tuple_country_f1": out["tuple_country"]["f1"],
           "tuple_sector_f1": out["tuple_sector"]["f1"]}
    for name, floor in pins["floors"].items():
        assert got[name] >= floor, f"{name} {got[name]} fell below its floor {floor}"
