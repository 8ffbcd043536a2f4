"""Scoring against stand-off gold of real news, and its floors on the BBC gold's two splits.

Unit tests use rows and texts the team wrote here; the gate reads ``../shared`` when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curation.evaluate.standoff import (
    Counts,
    SysActor,
    SysEvent,
    actor_matches,
    gold_rows,
    norm_name,
    same_name,
    score_article,
    score_links,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "bbc" / "events.jsonl"
CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc"
FLOORS = ROOT / "tests" / "quality" / "bbc_floors.json"


def _actor(aid: str, names: list[str], country: str | None, sector: str | None) -> SysActor:
    return SysActor(aid, frozenset(norm_name(n) for n in names), country, sector)


@pytest.mark.parametrize(("gold", "names", "person", "same"), [
    ("Marks & Spencer", ["M&S"], False, True),  # initials
    ("Institute for Fiscal Studies", ["IFS"], False, True),
    ("Mercedes-Benz", ["Mercedes"], False, True),  # a short form of an organisation
    ("HM Treasury", ["Treasury"], False, True),
    ("Charles Clarke", ["Clarke"], True, False),  # a surname alone does not say which person
    ("Otis Ferry", ["Bryan Ferry"], True, False),
    ("Jack Straw", ["jack straw", "Straw"], True, True),
])
def test_names_compare_as_people_would(gold: str, names: list[str], person: bool, same: bool) -> None:
    assert same_name(gold, frozenset(norm_name(n) for n in names), person) is same


def test_actor_matches_by_identity_or_by_country_and_sector() -> None:
    straw = {"name": "Jack Straw", "kind": "PERSON", "country": "GBR", "sector": "GOV"}
    assert actor_matches(straw, _actor("jack-straw", ["Jack Straw"], "GBR", None))
    assert actor_matches(straw, _actor("GBR-GOV", ["Government of the United Kingdom"], "GBR", "GOV"))
    assert not actor_matches(straw, _actor("GBR-CON", ["Conservative Party"], "GBR", "PTY"))
    assert actor_matches(None, None) and not actor_matches(straw, None)


def _rec() -> dict:
    actor = {"span": None, "name": "Norway", "kind": "STATE", "country": "NOR", "sector": ""}
    other = {"span": None, "name": "Chile", "kind": "STATE", "country": "CHL", "sector": ""}
    ev = {"trigger": [10, 16], "source": [actor], "target": [other], "reciprocal": False, "date": {"basis": "none"},
          "polarity": "asserted", "modality": "actual", "same_as": None}
    return {"path": "x.txt", "events": [
        {**ev, "id": "e1", "type": "ACCUSE", "lead": True, "background": False},
        {**ev, "id": "e2", "type": "ASSAULT", "trigger": [60, 66], "lead": False, "background": True}]}


def _sys(etype: str, start: int, lead: bool = False) -> SysEvent:
    return SysEvent(sentence=(start - 10, start + 30), trigger=start, event_type=etype,
                    source=_actor("NOR", ["Norway"], "NOR", None), target=_actor("CHL", ["Chile"], "CHL", None),
                    is_lead=lead, is_background=False, basis="none", polarity="asserted", modality="actual",
                    confidence=0.7, text="x")


def test_background_gold_is_optional_and_the_lead_is_checked() -> None:
    rows = gold_rows(_rec())
    assert [r.background for r in rows] == [False, True]
    counts = Counts()
    used = score_article(rows, [_sys("ACCUSE", 11, lead=True), _sys("ASSAULT", 61)], counts, "x.txt")
    out = counts.as_dict()
    assert used == [True, False]
    # the system's row on the background event is neither a hit nor a false event
    assert (out["gold_rows"], out["system_rows"], out["tuple"]["f1"]) == (1, 1, 1.0)
    assert out["lead_found"] == out["lead_marked"] == 1.0


def test_linking_precision_on_the_gold_names() -> None:
    names = [{"span": [0, 3], "name": None, "why": "month"}, {"span": [10, 16], "name": None, "why": "place"},
             {"span": [20, 30], "name": "Jack Straw", "kind": "PERSON", "country": "GBR", "sector": "GOV"}]
    counts = Counts()
    score_links(names, [(0, 3, "May", _actor("theresa-may", ["Theresa May", "May"], "GBR", None)),
                        (10, 16, "Norway", _actor("NOR", ["Norway"], "NOR", None)),
                        (20, 30, "Jack Straw", _actor("jack-straw", ["Jack Straw"], "GBR", None)),
                        (40, 45, "Other", _actor("X", ["Other"], None, None))], counts, "x.txt")
    out = counts.as_dict()["linking"]
    # the month read as a person is wrong; a country's name for the country is right even used as a place
    assert (out["judged"], out["unjudged"], out["precision"]) == (3, 1, round(2 / 3, 4))


def test_builder_writes_offsets_and_no_text(tmp_path: Path) -> None:
    import sys
    sys.path.insert(0, str(ROOT / "gold" / "bbc"))
    import build

    text = "Norway's foreign minister criticised Chile on Monday.\n\nThe talks had failed in May."
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "t.txt").write_text(text, encoding="utf-8")
    work = {"path": "politics/t.txt", "annotator": "T", "events": [
        {"id": "e1", "trigger": "minister {criticised} Chile", "type": "ACCUSE", "mode": "disapprove",
         "source": {"mention": "{Norway}'s", "name": "Norway", "kind": "STATE", "country": "NOR", "sector": ""},
         "target": {"mention": "criticised {Chile}", "name": "Chile", "kind": "STATE", "country": "CHL",
                    "sector": ""},
         "lead": True, "date": {"basis": "timex", "timex": "on {Monday}", "value": "REL"},
         "polarity": "asserted", "modality": "actual"}],
        "names": [{"mention": "in {May}", "name": None, "why": "month"}]}
    old = build.CORPUS
    build.CORPUS = tmp_path
    try:
        rec = build.build_article(work, "dev", build._iso3(), "t.json")
        with pytest.raises(build.GoldError, match="not a PLOVER 2021 category"):
            build.build_article({**work, "events": [{**work["events"][0], "type": "DISAPPROVE"}]}, "dev",
                                build._iso3(), "t.json")
    finally:
        build.CORPUS = old
    assert rec["events"][0]["trigger"] == [text.index("criticised"), text.index("criticised") + 10]
    assert rec["names"] == [{"span": [text.index("May"), text.index("May") + 3], "name": None, "why": "month"}]
    assert "criticised" not in json.dumps(rec)  # stand-off: offsets and labels only


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_bbc_gold_stays_above_the_floors(split: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/data/news/bbc is not beside the project")
    from curation.evaluate.standoff import evaluate_standoff
    from curation.ids import sha256_text

    pins = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert pins["gold_sha256"] == sha256_text(GOLD.read_text(encoding="utf-8")), "re-pin: the gold changed"
    out = evaluate_standoff(GOLD, split=split).as_dict()
    got = {"tuple_f1": out["tuple"]["f1"], "detection_f1": out["detection"]["f1"],
           "both_actors_right": out["both_actors_right_when_detected"], "lead_found": out["lead_found"],
           "linking_precision": out["linking"]["precision"], "date_right": out["date_right"]}
    for name, floor in pins["floors"][split].items():
        assert got[name] >= floor, f"{split} {name} {got[name]} fell below its floor {floor}"
