"""Timelines on a hand-written dataset: filters, precision, formats, determinism."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import curation
from curation.cli import main
from curation.errors import CurationError, TimelineError
from curation.timelines import read_csv, render, timeline, to_csv
from curation.timelines.actors import ActorIndex
from curation.timelines.dates import display_date, parse_bound
from curation.timelines.summary import summarize
from tests.timeline_fixture import HOSTILE_TITLE, write_fixture

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fixture_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("timeline") / "dataset")


def _dyads(df: pd.DataFrame) -> list[tuple[str, str, str]]:
    return [(str(t), str(s), str(g)) for t, s, g in zip(df["event_type"], df["source_actor_id"],
                                                        df["target_actor_id"], strict=True)]


# ---------------------------------------------------------------- display dates

@pytest.mark.parametrize(("start", "end", "precision", "expected"), [
    (date(2022, 1, 1), date(2022, 12, 31), "year", "2022"),
    (date(2025, 3, 1), date(2025, 3, 31), "month", "March 2025"),
    (date(2025, 3, 12), date(2025, 3, 12), "day", "12 March 2025"),
    (date(2025, 1, 1), date(2025, 3, 31), "quarter", "Q1 2025"),
    (date(2025, 3, 10), date(2025, 3, 16), "week", "week of 10 March 2025"),
    (date(2024, 12, 1), date(2025, 2, 28), "season", "winter 2024/25"),
    (date(2020, 1, 1), date(2029, 12, 31), "decade", "2020s"),
    (date(2001, 1, 1), date(2100, 12, 31), "century", "21st century"),
    (date(2021, 1, 1), date(2022, 12, 31), "year", "2021–2022"),
    (date(2025, 2, 1), date(2025, 3, 31), "month", "February – March 2025"),
    (date(2025, 3, 3), date(2025, 3, 9), None, "3–9 March 2025"),
    (date(2025, 3, 12), None, "hour", "12 March 2025"),
    (None, None, None, "undated"),
])
def test_display_date_names_the_whole_period(start: date | None, end: date | None, precision: str | None,
                                             expected: str) -> None:
    assert display_date(start, end, precision) == expected


@pytest.mark.parametrize(("text", "is_end", "expected"), [
    ("2022", False, date(2022, 1, 1)), ("2022", True, date(2022, 12, 31)),
    ("2024-02", True, date(2024, 2, 29)), ("2024-02", False, date(2024, 2, 1)),
    ("2023-Q2", True, date(2023, 6, 30)), ("2023-05-17", True, date(2023, 5, 17)),
])
def test_query_bounds_take_the_precision_written(text: str, is_end: bool, expected: date) -> None:
    assert parse_bound(text, end=is_end, what="--from") == expected


@pytest.mark.parametrize("text", ["March 2022", "2022-13", "2022-02-30", "22", "yesterday"])
def test_bad_bounds_are_coded_errors(text: str) -> None:
    with pytest.raises(TimelineError, match="E072"):
        parse_bound(text, end=False, what="--from")


def test_year_precision_event_is_never_shown_as_first_of_january(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, types="SANCTION")
    (row,) = df.itertuples()
    assert row.display_date == "2022"
    assert row.precision == "year"
    assert "January" not in row.display_date and "01-01" not in row.display_date
    assert (row.date, row.date_end) == (pd.Timestamp("2022-01-01"), pd.Timestamp("2022-12-31"))
    table = render(df, "table").decode()
    assert "1 January" not in table and "2022-01-01" not in table


# ---------------------------------------------------------------- summaries

@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    (("ASSAULT", "Russia's military", "Ukraine"), {}, "Russia's military attacked Ukraine"),
    (("ASSAULT", "Russia's military", "Ukraine"), {"modality": "possible"}, "Russia's military may attack Ukraine"),
    (("THREATEN", "Russia", "Ukraine"), {"modality": "future"}, "Russia will threaten Ukraine"),
    (("ASSAULT", "Ukraine", None), {"polarity": "negated"}, "Ukraine did not carry out an attack"),
    (("REQUEST", "Ukraine", "NATO"), {"modality": "reported"}, "Ukraine reportedly appealed to NATO"),
    (("CONSULT", "Iran", "China"), {}, "Iran held talks with China"),
    (("AGREE", "Israel", "Hamas"), {"modality": "future"}, "Israel will reach an agreement with Hamas"),
    (("REJECT", "Iran", None), {"modality": "conditional", "polarity": "negated"}, "Iran would not reject a proposal"),
    # no source: the act as a noun phrase, with its hedge, never a made-up agent
    (("SANCTION", None, "Iran"), {}, "Sanctions on Iran"),
    (("ASSAULT", None, "Ukraine"), {"modality": "reported"}, "Reported attack on Ukraine"),
    (("CONSULT", None, None), {"polarity": "negated"}, "No talks"),
    (("THREATEN", None, "Chile"), {"modality": "future"}, "Intended threats against Chile"),
])
def test_summary_keeps_factuality(args: tuple[str, str | None, str | None], kwargs: dict[str, str],
                                  expected: str) -> None:
    assert summarize(*args, **kwargs) == expected


def test_summary_names_sectors_with_their_state(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, types="ASSAULT")
    assert list(df["summary"]) == ["Russia's military attacked Ukraine"]
    assert list(df["source_actor"]) == ["Russian Armed Forces"]


# ---------------------------------------------------------------- filters

def test_default_timeline_is_sorted_dated_actual_and_asserted(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset)
    assert _dyads(df) == [("SANCTION", "USA", "RUS"), ("ASSAULT", "RUS-MIL", "UKR"), ("CONSULT", "UKR", "NATO"),
                          ("AID", "USA", "UKR")]
    assert df["date"].is_monotonic_increasing
    assert set(df["modality"]) == {"actual"} and set(df["polarity"]) == {"asserted"}
    assert list(df.columns) == list(curation.timelines.COLUMNS)


@pytest.mark.parametrize(("query", "expected"), [
    ("UKR", {"ASSAULT", "CONSULT", "AID"}),  # id
    ("Ukraine", {"ASSAULT", "CONSULT", "AID"}),  # name
    ("kyiv", {"ASSAULT", "CONSULT", "AID"}),  # alias, any case
    ("Russian military", {"ASSAULT"}),  # alias of a sector
    ("RUS", {"ASSAULT", "SANCTION"}),  # a state stands for its sectors
    ("Alliance", {"CONSULT"}),  # alias with "the" dropped
    ("North Atlantic Treaty Organization", {"CONSULT"}),
])
def test_actor_filter_accepts_ids_names_and_aliases(fixture_dataset: Path, query: str, expected: set[str]) -> None:
    assert set(timeline(fixture_dataset, actors=query)["event_type"].astype(str)) == expected


def test_directed_actor_without_dyad_is_the_source(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, actors="Ukraine", directed=True, modalities=None)
    assert _dyads(df) == [("CONSULT", "UKR", "NATO"), ("REQUEST", "UKR", "USA")]
    assert "actors UKR, UKR-MIL as source" in render(df, "table").decode()


def test_exact_actor_does_not_expand(fixture_dataset: Path) -> None:
    assert set(timeline(fixture_dataset, actors="RUS", expand=False)["event_type"].astype(str)) == {"SANCTION"}


def test_state_expands_to_people_coded_as_it(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, actors="Russia", include_undated=True)
    assert "vladimir-putin" in set(df["source_actor_id"])
    assert df.iloc[-1]["display_date"] == "undated"  # undated events are listed last


@pytest.mark.parametrize(("dyad", "directed", "expected"), [
    (("RUS", "UKR"), False, [("ASSAULT", "RUS-MIL", "UKR")]),
    (("UKR", "RUS"), False, [("ASSAULT", "RUS-MIL", "UKR")]),
    (("UKR", "RUS"), True, []),
    (("Russia", "Ukraine"), True, [("ASSAULT", "RUS-MIL", "UKR")]),
    (("US", "UKR"), False, [("AID", "USA", "UKR")]),
    ((["USA", "NATO"], "UKR"), False, [("CONSULT", "UKR", "NATO"), ("AID", "USA", "UKR")]),
])
def test_dyad_directed_and_undirected(fixture_dataset: Path, dyad: tuple[str, str], directed: bool,
                                      expected: list[tuple[str, str, str]]) -> None:
    assert _dyads(timeline(fixture_dataset, dyad=dyad, directed=directed)) == expected


def test_negated_events_need_asking_for(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, dyad=("UKR", "RUS"), include_negated=True)
    assert ("ASSAULT", "UKR-MIL", "RUS-MIL") in _dyads(df)
    row = df[df["source_actor_id"] == "UKR-MIL"].iloc[0]
    assert row["summary"] == "Ukraine's military did not attack Russia's military"


@pytest.mark.parametrize(("types", "expected"), [
    ("ASSAULT", {"ASSAULT"}), (["aid", "consult"], {"AID", "CONSULT"}),
    ("material_conflict", {"ASSAULT", "SANCTION"}),
])
def test_type_filter(fixture_dataset: Path, types: str | list[str], expected: set[str]) -> None:
    assert set(timeline(fixture_dataset, types=types)["event_type"].astype(str)) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2022-03", "2022-03", {"SANCTION", "CONSULT"}),  # a year event overlaps March; a month event is March
    ("2022-02-24", "2022-02-24", {"SANCTION", "ASSAULT"}),
    ("2023", None, {"AID"}),
    (None, "2022-02", {"SANCTION", "ASSAULT"}),
    (date(2023, 6, 9), date(2023, 6, 9), {"AID"}),
])
def test_date_window_keeps_overlapping_events(fixture_dataset: Path, start: object, end: object,
                                              expected: set[str]) -> None:
    assert set(timeline(fixture_dataset, start=start, end=end)["event_type"].astype(str)) == expected


@pytest.mark.parametrize(("modalities", "expected"), [
    (("actual",), {"SANCTION", "ASSAULT", "CONSULT", "AID"}),
    (("future",), {"THREATEN"}),
    (["reported", "future"], {"THREATEN", "REQUEST"}),
    (None, {"SANCTION", "ASSAULT", "CONSULT", "AID", "THREATEN", "REQUEST"}),
])
def test_modality_filter(fixture_dataset: Path, modalities: tuple[str, ...] | None, expected: set[str]) -> None:
    assert set(timeline(fixture_dataset, modalities=modalities)["event_type"].astype(str)) == expected


@pytest.mark.parametrize(("threshold", "expected"), [
    (0.0, {"SANCTION", "ASSAULT", "CONSULT", "AID"}), (0.6, {"SANCTION", "ASSAULT", "CONSULT"}),
    (0.85, {"ASSAULT"}), (1.0, set()),
])
def test_confidence_filter(fixture_dataset: Path, threshold: float, expected: set[str]) -> None:
    assert set(timeline(fixture_dataset, min_confidence=threshold)["event_type"].astype(str)) == expected


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"actors": "Atlantis"}, "E070"),
    ({"actors": "Washington"}, "E071"),  # the United States, or George Washington?
    ({"start": "2023", "end": "2022"}, "E073"),
    ({"types": "INVADE"}, "E074"),
    ({"modalities": ("certain",)}, "E075"),
    ({"min_confidence": 1.5}, "E076"),
])
def test_bad_queries_are_coded_errors(fixture_dataset: Path, kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(TimelineError, match=code):
        timeline(fixture_dataset, **kwargs)  # type: ignore[arg-type]


def test_unknown_actor_suggests_close_names(fixture_dataset: Path) -> None:
    with pytest.raises(TimelineError, match="ukraine"):
        timeline(fixture_dataset, actors="Ukrain")


def test_loaded_dataset_gives_the_same_timeline_and_sha(fixture_dataset: Path) -> None:
    from_path = timeline(fixture_dataset, actors="UKR")
    from_loaded = curation.timeline(curation.load(fixture_dataset), actors="UKR")
    pd.testing.assert_frame_equal(from_path, from_loaded)
    sha = hashlib.sha256((fixture_dataset / "manifest.json").read_bytes()).hexdigest()
    assert from_path.attrs["manifest_sha256"] == sha == from_loaded.attrs["manifest_sha256"]
    assert set(from_path["manifest_sha256"]) == {sha}


def test_rows_trace_to_evidence_and_source(fixture_dataset: Path) -> None:
    row = timeline(fixture_dataset, types="ASSAULT").iloc[0]
    assert row["evidence"].startswith("Artillery units of the invading army attacked")
    assert (row["publisher"], row["url"], row["title"]) == ("Harbor Wire", "https://news.test/a/1",
                                                            "Dawn strikes along the eastern front")
    assert row["published"] == pd.Timestamp("2022-03-02")
    assert (row["n_articles"], row["n_mentions"]) == (2, 2)


def test_dataset_without_clusters_is_a_coded_error(tmp_path: Path) -> None:
    import shutil

    from curation.write import MANIFEST, manifest_text

    # As a dataset written before the table was declared: neither its folder nor its files in the manifest.
    # (A table the manifest lists and that is gone is a damaged dataset: test_hostile_display.)
    ds = write_fixture(tmp_path / "ds")
    shutil.rmtree(ds / "event_clusters")
    manifest = json.loads((ds / MANIFEST).read_text("utf-8"))
    manifest["files"] = {k: v for k, v in manifest["files"].items() if not k.startswith("event_clusters/")}
    (ds / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8")
    with pytest.raises(TimelineError, match="E078"):
        timeline(ds)


# ---------------------------------------------------------------- formats

def test_csv_round_trip(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, modalities=None, include_negated=True, include_undated=True)
    text = render(df, "csv").decode()
    back = read_csv(io.StringIO(text))
    pd.testing.assert_frame_equal(back, df, check_exact=True)
    assert back.attrs["manifest_sha256"] == df.attrs["manifest_sha256"]
    # A plain pandas reader needs no options.
    plain = pd.read_csv(io.StringIO(text))
    assert list(plain["display_date"]) == list(df["display_date"])


def test_csv_round_trip_of_a_larger_synthetic_timeline(tmp_path: Path) -> None:
    from tests.timeline_fixture import write_synthetic

    df = timeline(write_synthetic(tmp_path / "ds", 400), modalities=None, include_negated=True)
    assert len(df) > 300 and set(df["precision"].astype(str)) >= {"day", "week", "month", "quarter", "year"}
    pd.testing.assert_frame_equal(read_csv(io.StringIO(to_csv(df))), df, check_exact=True)
    # No coarse event reads as a day ("1 January 2019"), whatever its dates.
    coarse = df[df["precision"].isin(["week", "month", "quarter", "year"])]
    assert len(coarse) > 50 and not coarse["display_date"].str.match(r"^\d{1,2} ").any()


def test_csv_keeps_text_that_looks_like_missing_values(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds", article_overrides={
        "harbor": (date(2022, 3, 2), "NA", "null", "https://news.test/a/1")})
    df = timeline(ds, types="ASSAULT")
    back = read_csv(io.StringIO(render(df, "csv").decode()))
    assert (back.loc[0, "publisher"], back.loc[0, "title"]) == ("NA", "null")


def test_read_csv_rejects_other_files() -> None:
    with pytest.raises(TimelineError, match="E079"):
        read_csv(io.StringIO("a,b\n1,2\n"))


def test_json_carries_sha_query_and_events(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset, dyad=("RUS", "UKR"))
    doc = json.loads(render(df, "json"))
    assert doc["format"] == "curation-timeline/1"
    assert doc["manifest_sha256"] == df.attrs["manifest_sha256"]
    assert doc["query"]["dyad"][1] == ["UKR", "UKR-MIL"]
    assert [e["display_date"] for e in doc["events"]] == ["24 February 2022"]
    assert doc["events"][0]["date"] == "2022-02-24"


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_table_fits_the_width_and_keeps_the_whole_sha(fixture_dataset: Path, width: int) -> None:
    df = timeline(fixture_dataset, modalities=None, include_negated=True, include_undated=True)
    lines = render(df, "table", width=width).decode().splitlines()
    assert max(len(line) for line in lines) <= width
    header = [line.removeprefix("# ") for line in lines if line.startswith("#")]
    assert df.attrs["manifest_sha256"] in "".join(header).replace(" ", "")
    body = lines[len(header) + 2:]
    assert len(body) == len(df)
    assert [line.split("  ")[0].strip() for line in body][:3] == ["2022", "24 February 2022", "1 March 2022"]


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "html", "png"])
def test_same_query_gives_the_same_bytes(fixture_dataset: Path, fmt: str) -> None:
    first = render(timeline(fixture_dataset, actors="UKR", include_undated=True), fmt)
    second = render(timeline(curation.load(fixture_dataset), actors="UKR", include_undated=True), fmt)
    assert first == second and len(first) > 200


def test_png_carries_the_sha_and_no_software_stamp(fixture_dataset: Path) -> None:
    df = timeline(fixture_dataset)
    data = render(df, "png")
    assert data.startswith(b"\x89PNG")
    assert df.attrs["manifest_sha256"].encode() in data
    assert b"matplotlib" not in data.lower()


def test_html_escapes_and_forbids_network(fixture_dataset: Path) -> None:
    page = render(timeline(fixture_dataset, actors="USA"), "html").decode()
    assert HOSTILE_TITLE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page
    assert "<script" not in page.lower()
    assert "<details>" in page
    assert "paid for by Washington <mark>reached</mark> the city" in page  # the trigger is marked


def test_unknown_format_is_a_coded_error(fixture_dataset: Path) -> None:
    with pytest.raises(TimelineError, match="E077"):
        render(timeline(fixture_dataset), "pdf")


# ---------------------------------------------------------------- command line

def test_cli_writes_every_format_reproducibly(fixture_dataset: Path, tmp_path: Path) -> None:
    for fmt in ("table", "csv", "json", "html", "png"):
        ext = "txt" if fmt == "table" else fmt  # the table's file extension
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        args = ["timeline", str(fixture_dataset), "--actor", "Russia", "--with", "Ukraine", "--format", fmt,
                "--width", "90"]
        assert main([*args, "--output", str(a)]) == 0
        assert main([*args, "--output", str(b)]) == 0
        assert a.read_bytes() == b.read_bytes()


def test_cli_png_is_byte_stable_across_processes(fixture_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    args = ["timeline", str(fixture_dataset), "--type", "ASSAULT", "--format", "png"]
    subprocess.run([sys.executable, "-m", "curation.cli", *args, "--output", str(out)], check=True, cwd=ROOT)
    assert main([*args, "--output", str(tmp_path / "u.png")]) == 0
    assert out.read_bytes() == (tmp_path / "u.png").read_bytes()


def test_cli_table_to_stdout(fixture_dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["timeline", str(fixture_dataset), "--actor", "UKR", "--from", "2022", "--to", "2022",
                 "--modality", "all", "--include-negated", "--width", "100"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Russia's military attacked Ukraine" in out
    assert "Russia's government will threaten Ukraine" in out
    assert "March 2022" in out
    assert "2023" not in out.split("\n", 1)[1]


@pytest.mark.parametrize(("args", "code"), [
    (["--actor", "Atlantis"], "E070"), (["--from", "soon"], "E072"),
    (["--format", "pdf"], "E077"), (["--min-confidence", "high"], "E076"),
])
def test_cli_errors_exit_2_with_the_code(fixture_dataset: Path, capsys: pytest.CaptureFixture[str],
                                         args: list[str], code: str) -> None:
    assert main(["timeline", str(fixture_dataset), *args]) == 2
    assert code in capsys.readouterr().err


def test_cli_with_needs_actor(fixture_dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["timeline", str(fixture_dataset), "--with", "UKR"])
    assert exc.value.code == 2
    assert "--actor" in capsys.readouterr().err


def test_missing_dataset_is_a_curation_error(tmp_path: Path) -> None:
    with pytest.raises(CurationError, match="E040"):
        timeline(tmp_path / "nothing")


def _with_echo(tmp_path: Path, *, drop_strike: bool) -> tuple[Path, str, str]:
    """The fixture plus a second report of the dawn strike in another article, in the strike's cluster."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from curation.ids import make_id

    ds = write_fixture(tmp_path / "ds", extra_events=[
        ("strike-echo", "ledger", "Invading artillery attacked Pinewood early that Thursday.", "attacked",
         "ASSAULT", "RUS-MIL", "UKR", date(2022, 2, 24), date(2022, 2, 24), "day", "actual", "asserted", 0.3, 1)])
    strike, echo = make_id("e", "timeline-fixture", "strike"), make_id("e", "timeline-fixture", "strike-echo")
    (part,) = (ds / "events").rglob("year=2022/*.parquet")
    table = pq.read_table(part)
    rows = [r for r in table.to_pylist() if not (drop_strike and r["event_id"] == strike)]
    for r in rows:
        if r["event_id"] == echo:
            r["event_cluster_id"] = make_id("c", strike)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), part)
    _rehash(ds)  # as the run that quarantined the row would have recorded it
    return ds, make_id("c", strike), echo


def _rehash(ds: Path) -> None:
    """Record the current bytes of every file in the manifest of the fixture at ``ds``."""
    from curation.write import MANIFEST, file_sha256, manifest_text

    manifest = json.loads((ds / MANIFEST).read_text("utf-8"))
    manifest["files"] = {rel: file_sha256(ds / rel) for rel in manifest["files"]}
    (ds / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8")


def test_quarantined_best_mention_falls_back_to_another_member(tmp_path: Path) -> None:
    # Drop the strike's own row, as a validation quarantine would.
    ds, cluster, echo = _with_echo(tmp_path, drop_strike=True)
    df = timeline(ds, types="ASSAULT")
    row = df[df["event_cluster_id"] == cluster].iloc[0]
    assert row["best_event_id"] == echo
    assert row["evidence"].startswith("Invading artillery") and row["publisher"] == "Daily Ledger"


def test_every_reporting_article_and_publisher_is_listed(tmp_path: Path) -> None:
    ds, cluster, _ = _with_echo(tmp_path, drop_strike=False)
    df = timeline(ds, types="ASSAULT")
    row = df[df["event_cluster_id"] == cluster].iloc[0]
    assert row["publisher"] == "Harbor Wire"  # the cited, most confident mention
    assert row["publishers"] == "Daily Ledger; Harbor Wire"
    ids = row["article_ids"].split()
    assert ids[0] == row["article_id"] and len(ids) == 2
    assert "reported by</dt><dd>2 article(s), 2 mention(s): Daily Ledger; Harbor Wire" in render(df, "html").decode()


def test_every_column_is_documented_and_the_docs_are_current() -> None:
    from curation.timelines.build import COLUMN_DOCS, COLUMNS, column_dictionary

    assert list(COLUMN_DOCS) == list(COLUMNS)
    committed = (ROOT / "docs" / "timelines.md").read_text("utf-8")
    assert committed == column_dictionary(), "run: python -m curation.timelines > docs/timelines.md"


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, "modality actual · negated left out · undated left out"),
    ({"dyad": ("RUS", "UKR"), "directed": True, "expand": False},
     "dyad RUS → UKR · modality actual · negated left out · undated left out · exact actors"),
    ({"types": "ASSAULT", "start": "2022", "modalities": None, "min_confidence": 0.5, "include_undated": True},
     "types ASSAULT · from 2022-01-01 to the end · every modality · confidence ≥ 0.5 · negated left out · "
     "undated kept"),
])
def test_query_is_described_in_words(fixture_dataset: Path, kwargs: dict[str, object], expected: str) -> None:
    from curation.timelines.build import describe_query

    assert describe_query(timeline(fixture_dataset, **kwargs).attrs["query"]) == expected  # type: ignore[arg-type]


def test_html_links_only_web_addresses(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds", article_overrides={
        "hostile": (date(2023, 6, 10), "Night Desk", HOSTILE_TITLE, "javascript:alert(1)"),
        "harbor": (date(2022, 3, 2), "Harbor Wire", "Strikes", "https://news.test/a/1?x=1&y=\"2\"")})
    page = render(timeline(ds), "html").decode()
    assert 'href="javascript' not in page and "javascript:alert(1)" in page  # shown, not linked
    assert 'href="https://news.test/a/1?x=1&amp;y=&quot;2&quot;"' in page


@pytest.mark.parametrize(("start", "end", "width", "expected"), [
    (date(2025, 9, 30), date(2026, 9, 30), 100, "30 September 2025 – 30 September 2026"),
    (date(2025, 9, 30), date(2026, 9, 30), 40, "30 September 20…"),
])
def test_long_date_ranges_keep_their_width_when_there_is_room(start: date, end: date, width: int,
                                                               expected: str) -> None:
    from curation.timelines.text import to_table

    row = {"display_date": display_date(start, end, None), "event_type": "AID", "summary": "A gave aid to B",
           "n_articles": 1, "publisher": "Wire"}
    text = to_table(pd.DataFrame([row]), width=width)
    assert text.splitlines()[-1].startswith(expected)


def test_loaded_dataset_keeps_its_own_sha_when_the_folder_is_rewritten(tmp_path: Path) -> None:
    ds_path = write_fixture(tmp_path / "ds")
    loaded = curation.load(ds_path)
    before = timeline(loaded).attrs["manifest_sha256"]
    write_fixture(ds_path, article_overrides={"harbor": (date(2022, 3, 2), "Other Wire", "T", None)})
    assert timeline(loaded).attrs["manifest_sha256"] == before
    assert timeline(ds_path).attrs["manifest_sha256"] != before


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "html", "png"])
@pytest.mark.parametrize("width", [40, 100])
def test_every_format_carries_a_readable_sha(fixture_dataset: Path, fmt: str, width: int) -> None:
    from curation.timelines.verify import carried_sha

    df = timeline(fixture_dataset)
    assert carried_sha(render(df, fmt, width=width)) == df.attrs["manifest_sha256"]


def test_cli_check_rebuilds_and_says_why_a_file_differs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    out = tmp_path / "russia.html"  # the format comes from the extension
    assert main(["timeline", str(ds), "--actor", "Russia", "--output", str(out)]) == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html")
    assert main(["timeline", str(ds), "--actor", "Russia", "--check", str(out)]) == 0
    assert "byte for byte" in capsys.readouterr().out
    assert main(["timeline", str(ds), "--actor", "Ukraine", "--check", str(out)]) == 1
    assert "other options" in capsys.readouterr().err
    write_fixture(ds, article_overrides={"harbor": (date(2022, 3, 2), "Other Wire", "T", None)})
    assert main(["timeline", str(ds), "--actor", "Russia", "--check", str(out)]) == 1
    assert "The dataset changed" in capsys.readouterr().err


def test_cli_file_output_has_a_fixed_width(fixture_dataset: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    outs = []
    for columns in ("60", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        out = tmp_path / f"t{columns}.txt"
        assert main(["timeline", str(fixture_dataset), "--output", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert max(len(line) for line in outs[0].decode().splitlines()) <= 100


def _index() -> ActorIndex:
    return ActorIndex.from_frame(pd.DataFrame([
        {"actor_id": "SYR-GOV", "name": "Government of Syria", "country": "SYR", "aliases": ["Damascus"]},
        {"actor_id": "SYR-REB", "name": "Syrian rebels", "country": "SYR", "aliases": []},
        {"actor_id": "TUR", "name": "Türkiye", "country": "TUR", "aliases": ["Turkey", "Republic of Türkiye"]},
        {"actor_id": "TUR-MIL", "name": "Turkish Armed Forces", "country": "TUR", "aliases": []},
        {"actor_id": "UN", "name": "United Nations", "country": None, "aliases": ["the UN"]},
    ]))


@pytest.mark.parametrize(("query", "expected"), [
    ("SYR", ("SYR",)),  # a state the table lacks, whose parts it has
    ("damascus", ("SYR-GOV",)),
    ("  Government   of Syria ", ("SYR-GOV",)),
    ("TÜRKIYE", ("TUR",)),
    ("The UN", ("UN",)),
    ("un", ("UN",)),
])
def test_actor_resolution(query: str, expected: tuple[str, ...]) -> None:
    assert _index().resolve(query) == expected


@pytest.mark.parametrize(("ids", "expand", "expected"), [
    (["SYR"], True, {"SYR", "SYR-GOV", "SYR-REB"}),
    (["SYR"], False, {"SYR"}),
    (["SYR-GOV"], True, {"SYR-GOV"}),  # a sector does not stand for its state
    (["UN"], True, {"UN"}),
])
def test_actor_expansion(ids: list[str], expand: bool, expected: set[str]) -> None:
    assert set(_index().matcher(ids, expand=expand)) == expected


@pytest.mark.parametrize(("actor_id", "expected"), [
    ("SYR-REB", "Syrian rebels"),  # no state row to name it after: its own name
    ("TUR-MIL", "Türkiye's military"), ("TUR", "Türkiye"), ("XYZ-GOV", "XYZ-GOV"), (None, None),
])
def test_actor_phrase(actor_id: str | None, expected: str | None) -> None:
    assert _index().phrase(actor_id) == expected


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "html", "png"])
def test_an_empty_timeline_renders_in_every_format(fixture_dataset: Path, fmt: str) -> None:
    df = timeline(fixture_dataset, types="COERCE")
    assert df.empty and list(df.columns) == list(curation.timelines.COLUMNS)
    data = render(df, fmt)
    if fmt == "csv":
        assert read_csv(io.StringIO(data.decode())).empty
    elif fmt == "png":
        assert data.startswith(b"\x89PNG") and df.attrs["manifest_sha256"].encode() in data
    else:
        assert df.attrs["manifest_sha256"] in data.decode()


def test_dates_from_the_publication_date_are_marked(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds", extra_events=[
        ("raid", "harbor", "Border guards detained four smugglers near the crossing.", "detained", "COERCE",
         "UKR-MIL", "RUS", date(2022, 3, 2), date(2022, 3, 2), "day", "actual", "asserted", 0.7, 1,
         "publication")])
    df = timeline(ds, dyad=("UKR", "RUS"))
    assert list(zip(df["display_date"], df["date_basis"], strict=True)) == [
        ("24 February 2022", "timex"), ("2 March 2022", "publication")]
    table = render(df, "table", width=120).decode()
    assert "\n2 March 2022 *  " in table and "\n24 February 2022  " in table
    assert "* dated by the article's publication date" in table
    page = render(df, "html").decode()
    assert page.count('<abbr class="basis"') == 1 and "the text gives no date" in page
