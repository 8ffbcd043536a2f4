"""Validation: suites generated from the schemas, faults caught and named one at a time, quarantine, CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curation.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, main
from curation.ids import make_id
from curation.validate import (
    REPORT_PATH,
    quarantine,
    render_report,
    summary_lines,
    validate_dataset,
    validate_frames,
    validate_tables,
)
from curation.validate.frames import to_frame
from curation.validate.suites import SUITES_DIR, build_suite, iso3166_alpha3, suite_json, suite_version
from curation.write import write_dataset
from schemas import SCHEMA_VERSION, TABLES
from tests.validation_data import SCRIPT_TITLE, rows, tables

Rows = dict[str, list[dict[str, Any]]]


def _validate(data: Rows, *suite_tables: str):
    """Validate the hand-made dataset, running great-expectations only for ``suite_tables``."""
    frames = {n: to_frame(t) for n, t in tables(data).items()}
    return validate_frames(frames, suites_for=set(suite_tables))


def _names(result) -> set[str]:
    return {c.name for c in result.failed}


# --- the suites are generated from the declarations and stored ---------------------------------

def test_stored_suites_are_current() -> None:
    stored = sorted(p.name for p in SUITES_DIR.glob("*.json"))
    assert stored == sorted(f"{n}.json" for n in TABLES)
    for name, tbl in TABLES.items():
        assert (SUITES_DIR / f"{name}.json").read_text("utf-8") == suite_json(tbl), \
            "run: python -m curation.validate  (rewrites validation/*.json from schemas/)"


@pytest.mark.parametrize(
    ("table", "column", "expected", "absent"),
    [
        ("events", "event_id", {"not_null", "format", "unique", "type"}, {"allowed"}),
        ("events", "timex_id", {"format", "type"}, {"not_null", "unique"}),
        ("events", "modality", {"allowed", "not_null"}, {"format"}),
        ("events", "confidence", {"range", "not_null"}, {"format"}),
        ("actors", "country", {"format", "iso3166"}, {"not_null"}),
        ("timexes", "value", {"format", "not_null"}, {"iso3166"}),
        ("articles", "language", {"format"}, {"unique"}),
    ],
)
def test_suite_follows_the_declared_column(table: str, column: str, expected: set[str], absent: set[str]) -> None:
    checks = {e["meta"]["check"] for e in build_suite(TABLES[table])["expectations"]}
    for suffix in expected:
        assert f"{table}.{column}.{suffix}" in checks
    for suffix in absent:
        assert f"{table}.{column}.{suffix}" not in checks


def test_suite_carries_versions_and_a_compound_key() -> None:
    suite = build_suite(TABLES["actor_roles"])
    assert suite["meta"]["version"] == suite_version(TABLES["actor_roles"])
    assert suite["meta"]["schema_version"] == SCHEMA_VERSION
    compound = [e for e in suite["expectations"] if e["type"] == "expect_compound_columns_to_be_unique"]
    assert compound and compound[0]["kwargs"]["column_list"] == list(TABLES["actor_roles"].primary_key)


@pytest.mark.parametrize(("code", "assigned"), [("NOR", True), ("XKX", True), ("PSE", True), ("PRU", False),
                                                ("DDR", True), ("SUN", True), ("BUR", False), ("ZZZ", False)])
def test_iso_list_holds_assigned_codes_and_dissolved_states(code: str, assigned: bool) -> None:
    # DDR, SUN: former codes (ISO 3166-3) of states the actor dictionary holds; BUR (Burma's) it does not.
    assert (code in iso3166_alpha3()) is assigned


def test_every_country_of_the_actor_dictionary_passes_the_iso_check() -> None:
    # On the BBC corpus the Soviet Union and East Germany were quarantined, and every mention of them
    # with them, while the list left out the codes of dissolved states.
    import csv

    from curation.actors.dictionary import shipped_data_dir

    with (shipped_data_dir() / "actors.csv").open(encoding="utf-8") as f:
        countries = {row["country"] for row in csv.DictReader(f) if row["country"]}
    assert countries - set(iso3166_alpha3()) == set()


# --- a valid dataset passes; faults are caught and named, one at a time ------------------------

def test_handwritten_dataset_passes_every_check() -> None:
    result = validate_tables(tables())
    assert result.failed == [] and result.success
    assert len(result.checks) > 200
    assert set(result.suites) == set(TABLES)


def test_empty_dataset_passes() -> None:
    # Every input rejected: the tables are empty, and an empty table breaks no expectation.
    empty = tables({name: [] for name in TABLES})
    result = validate_tables(empty, suites_for={"articles", "events"})
    assert result.success and result.failed == []
    assert all(n == 0 for n in result.row_counts.values())


def _set(table: str, idx: int, **values: Any) -> Callable[[Rows], None]:
    def apply(data: Rows) -> None:
        data[table][idx].update(values)
    return apply


def _dup_mention(data: Rows) -> None:
    data["mentions"][1]["mention_id"] = data["mentions"][0]["mention_id"]


def _slice_mismatch(data: Rows) -> None:
    data["events"][0]["evidence"] = data["events"][0]["evidence"].replace("signed", "initialled")


def _twin_actor(data: Rows) -> None:
    data["actors"].append({**data["actors"][0], "actor_id": "CHILE"})


FAULTS = [
    # (fault, change, tables whose suites run, checks that must fail (the first names the fault), side effects)
    ("null id", _set("events", 0, event_id=None), ("events",), {"events.event_id.not_null"},
     {"fk.event_actors.event_id", "fk.event_clusters.best_event_id"}),
    ("duplicate id", _dup_mention, ("mentions",), {"mentions.mention_id.unique"},
     {"fk.event_actors.mention_id", "slice.mentions.text", "offsets.mentions"}),
    ("dangling foreign key", _set("events", 2, timex_id=make_id("tx", "nowhere")), ("events",),
     {"fk.events.timex_id"}, set()),
    ("dangling actor", _set("mentions", 4, actor_id="atlantis-ruler"), ("mentions",), {"fk.mentions.actor_id"},
     set()),
    ("bad ISO code", _set("actors", 3, country="PRU"), ("actors",), {"actors.country.iso3166"}, set()),
    ("malformed ISO code", _set("events", 0, country="Nor"), ("events",),
     {"events.country.format", "events.country.iso3166"}, set()),
    ("evidence slice", _slice_mismatch, ("events",), {"slice.events.evidence"}, set()),
    ("mention text slice", _set("mentions", 0, text="Sweden"), (), {"slice.mentions.text"}, set()),
    ("offset past the text", _set("timexes", 2, char_end=999), (), {"offsets.timexes", "slice.timexes.text"},
     set()),
    ("event after publication", _set("events", 2, event_date=date(2024, 2, 1), event_date_end=date(2024, 2, 1)),
     ("events",), {"events.not_after_publication"}, set()),
    ("implausible date", _set("events", 0, event_date=date(1700, 5, 2), event_date_end=date(1700, 5, 2)),
     ("events",), {"events.plausible_dates"}, set()),
    ("bad TIMEX3 value", _set("timexes", 0, value="May 2nd"), ("timexes",), {"timexes.value.format"}, set()),
    ("value not allowed", _set("events", 1, event_type="INVADE"), ("events",), {"events.event_type.allowed"},
     set()),
    ("out of range", _set("events", 1, confidence=1.5), ("events",), {"events.confidence.range"}, set()),
    ("malformed event id", _set("event_actors", 0, event_id="E-1"), ("event_actors",),
     {"event_actors.event_id.format", "fk.event_actors.event_id"}, set()),
    ("article hash", _set("articles", 0, text_sha256="0" * 64), ("articles",), {"articles.text_integrity"}, set()),
    ("dated by a timex it does not name", _set("events", 1, timex_id=None), (), {"events.date_basis"}, set()),
    ("dated by another article's timex", lambda d: d["events"][0].update(timex_id=d["timexes"][2]["timex_id"]),
     (), {"events.timex_id.same_article"}, set()),
    ("timex interval reversed", _set("timexes", 1, start_date=date(2023, 7, 1)), ("timexes",),
     {"timexes.date_order"}, set()),
]


@pytest.mark.parametrize(("fault", "change", "suites", "expected", "side"), FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_is_caught_and_named(fault: str, change: Callable[[Rows], None], suites: tuple[str, ...],
                                   expected: set[str], side: set[str]) -> None:
    data = rows()
    change(data)
    result = _validate(data, *suites)
    failed = _names(result)
    assert expected <= failed, f"{fault}: {sorted(failed)}"
    assert failed <= expected | side, f"{fault}: unexpected failures {sorted(failed - expected - side)}"
    assert not result.success
    for chk in result.failed:
        if chk.name in expected:
            assert chk.unexpected_count >= 1 and chk.examples, chk.name
            assert chk.examples[0].row_key.startswith("{")
    text = "\n".join(summary_lines(result))
    assert all(name in text for name in expected)


def test_future_event_may_be_dated_after_publication() -> None:
    data = rows()
    data["events"][2].update(event_date=date(2024, 2, 1), event_date_end=date(2024, 2, 1), modality="future")
    assert _names(_validate(data, "events")) == set()


def test_twin_actor_is_a_warning_not_a_failure() -> None:
    data = rows()
    _twin_actor(data)
    result = _validate(data, "actors")
    assert _names(result) == {"actors.canonical"}
    assert result.success and not result.strict_success
    assert result.failed[0].unexpected_count == 2


def test_every_fault_at_once_is_collected_not_stopped_at_the_first() -> None:
    data = rows()
    for _, change, *_ in FAULTS:
        change(data)
    failed = _names(_validate(data, *TABLES))
    missing = set().union(*(f[3] for f in FAULTS)) - failed
    assert not missing


def test_type_drift_and_missing_column_are_named() -> None:
    frames = {n: to_frame(t) for n, t in tables().items()}
    frames["events"]["confidence"] = frames["events"]["confidence"].astype(str)
    frames["mentions"] = frames["mentions"].drop(columns=["link_method"])
    result = validate_frames(frames, suites_for={"events", "mentions"})
    failed = _names(result)
    assert {"events.confidence.type", "mentions.columns", "mentions.link_method.not_null"} <= failed
    missing = next(c for c in result.failed if c.name == "mentions.link_method.not_null")
    assert missing.error


# --- quarantine: moved with the reason, never dropped ----------------------------------------

def test_failing_rows_move_to_quarantine_with_their_dependants() -> None:
    data = rows()
    late = data["events"][2]
    late.update(event_date=date(2024, 2, 1), event_date_end=date(2024, 2, 1))
    before = tables(data)
    # The fault is a cross-table one; running great-expectations for the events suite is enough here.
    kept, result = quarantine(before, validate_tables(before, suites_for={"events"}))
    by_table: dict[str, list[dict[str, Any]]] = {}
    for row in kept["quarantine"].to_pylist():
        by_table.setdefault(row["table_name"], []).append(row)
    # The event, the two event_actors rows naming it, and the cluster whose best mention it was.
    assert result.quarantined == {"events": 1, "event_actors": 2, "event_clusters": 1}
    assert [r["check"] for r in by_table["events"]] == ["events.not_after_publication"]
    assert json.loads(by_table["events"][0]["row_json"])["event_id"] == late["event_id"]
    assert "publication" in by_table["events"][0]["reason"]
    assert by_table["events"][0]["article_id"] == late["article_id"]
    assert {r["check"] for r in by_table["event_actors"]} == {"fk.event_actors.event_id"}
    for name in TABLES:
        if name != "quarantine":
            assert kept[name].num_rows + result.quarantined.get(name, 0) == before[name].num_rows, name
    assert late["event_id"] not in kept["events"].column("event_id").to_pylist()
    assert not result.success and result.passes_after_quarantine
    html = render_report(result)
    assert "PASSED AFTER QUARANTINE" in html and '<td class="num">2</td>' in html
    # What stays passes every blocking check, and the quarantine table its own suite.
    again = validate_tables(kept, suites_for={"events", "event_actors", "event_clusters", "quarantine"})
    assert again.success, [c.name for c in again.failed]
    assert again.row_counts["quarantine"] == 4


def test_quarantine_ids_are_deterministic() -> None:
    data = rows()
    data["events"][0]["evidence"] = "Something else entirely."
    t = tables(data)
    first = quarantine(t, validate_tables(t, suites_for=()))[0]["quarantine"]
    second = quarantine(t, validate_tables(t, suites_for=()))[0]["quarantine"]
    assert first.equals(second) and first.num_rows >= 1


# --- the report, without a browser -----------------------------------------------------------

def test_report_escapes_text_and_fetches_nothing() -> None:
    data = rows()
    _set("events", 2, event_date=date(2024, 2, 1), event_date_end=date(2024, 2, 1))(data)
    html = render_report(_validate(data, "events"))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT_TITLE not in html
    assert 'href="javascript' not in html.lower()
    assert "<b>bold</b>" not in html
    for needle in ("src=", "<link", "@import", "url(", "<iframe", "<img"):
        assert needle not in html.lower(), needle
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.index('id="status"') < html.index('id="failures"') < html.index('id="articles"')


def test_report_is_deterministic() -> None:
    data = rows()
    _slice_mismatch(data)
    assert render_report(_validate(data, "events")) == render_report(_validate(data, "events"))


# --- curate validate ----------------------------------------------------------------------------

def _write(tmp_path: Path, data: Rows | None = None, *, version: str = SCHEMA_VERSION) -> Path:
    out = tmp_path / "ds"
    manifest = {"schema_version": version, "versions": {"schemas": {"schema_version": version}}}
    write_dataset(out, tables(data), manifest)
    return out


def test_cli_validate_exit_0_when_all_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _write(tmp_path)
    report = tmp_path / "r" / "report.html"
    assert main(["validate", str(out), "--report", str(report)]) == EXIT_OK
    assert "validation PASSED" in capsys.readouterr().out
    html = report.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'class="status pass"' in html
    # Partitioned tables were read back whole.
    assert '<td><code>events</code></td><td class="num">3</td>' in html


def test_cli_validate_exit_1_and_json_when_a_check_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = rows()
    _set("actors", 3, country="PRU")(data)
    _twin_actor(data)
    out = _write(tmp_path, data)
    assert main(["validate", str(out), "--json"]) == EXIT_FAIL
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["success"] is False
    failed = {c["name"]: c for c in doc["failed"]}
    assert failed["actors.country.iso3166"]["unexpected_count"] == 1
    assert failed["actors.country.iso3166"]["blocking"] is True
    assert "PRU" in failed["actors.country.iso3166"]["examples"][0]["value"]
    assert failed["actors.canonical"]["blocking"] is False


def test_cli_validate_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = rows()
    _twin_actor(data)
    out = _write(tmp_path, data)
    assert main(["validate", str(out), "--strict"]) == EXIT_FAIL
    assert "WARN actors.canonical" in capsys.readouterr().out


def test_cli_validate_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == EXIT_USAGE
    assert "E040" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == EXIT_USAGE


def test_cli_validates_an_older_schema_version_with_a_clear_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _write(tmp_path, version="0.9.0")
    # An older writer had no link_method column and no event_clusters table.
    path = out / "mentions" / "part-0.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["link_method"]), path)
    for p in (out / "event_clusters").rglob("*.parquet"):
        p.unlink()
    assert main(["validate", str(out)]) == EXIT_FAIL
    captured = capsys.readouterr()
    assert "E060" in captured.err and "0.9.0" in captured.err and SCHEMA_VERSION in captured.err
    assert "E062" in captured.err and "event_clusters" in captured.err
    assert "mentions.columns" in captured.out


# --- curate run validates what it writes ------------------------------------------------------

def test_run_writes_report_and_records_validation_in_manifest(sample_dataset: Path) -> None:
    manifest = json.loads((sample_dataset / "manifest.json").read_text("utf-8"))
    entry = manifest["validation"]
    assert entry["report"] == REPORT_PATH and REPORT_PATH in manifest["files"]
    assert entry["suites"] == {n: suite_version(t) for n, t in TABLES.items()}
    assert {"success", "checks", "failed_blocking", "rows_quarantined", "quarantined"} <= set(entry)
    # One quarantine row per (row, check failed): at least one per row moved.
    assert entry["rows_quarantined"] <= manifest["row_counts"]["quarantine"]
    assert entry["passes_after_quarantine"] is True
    html = (sample_dataset / REPORT_PATH).read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Validation report" in html


def test_what_run_writes_passes_its_blocking_checks(sample_dataset: Path) -> None:
    result = validate_dataset(sample_dataset)
    assert result.success, [(c.name, c.unexpected_count, c.error) for c in result.failed if c.blocking]
    assert result.notes == ()


def test_quarantine_table_is_written_and_typed(sample_dataset: Path) -> None:
    table = pq.read_table(sample_dataset / "quarantine")
    assert table.schema.field("row_json").type == pa.string()


def test_damaged_table_file_is_a_failed_check_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _write(tmp_path)
    part = next((out / "events").rglob("*.parquet"))
    part.write_bytes(b"not parquet at all")
    assert main(["validate", str(out)]) == EXIT_FAIL
    text = capsys.readouterr().out
    assert "FAIL dataset.events.readable" in text
    assert "FAIL dataset.files_match_manifest" in text


def test_organisations_without_a_country_are_not_twins() -> None:
    """Two IGOs (null country) with different names are two canonical actors, not one twice."""
    data = rows()
    data["actors"].append({"actor_id": "AU", "name": "African Union", "actor_type": "IGO",
                           "country": None, "wikidata_qid": None, "aliases": []})
    data["actors"].append({"actor_id": "OAS", "name": "Organization of American States", "actor_type": "IGO",
                           "country": None, "wikidata_qid": None, "aliases": []})
    assert "actors.canonical" not in _names(_validate(data))
