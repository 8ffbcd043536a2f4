"""Checks of the shipped actor dictionary files (curation/actors/data).

These tests read the CSV files with the standard csv module only, so they hold
the file format to its contract independently of the loader that consumes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "curation" / "actors" / "data"
GOLD = ROOT / "gold" / "actors.jsonl"

HEADERS = {
    "actors.csv": ["actor_id", "name", "actor_type", "country", "wikidata_qid", "parent"],
    "aliases.csv": ["actor_id", "alias", "kind"],
    "roles.csv": ["actor_id", "role", "country", "start_date", "end_date", "coded_as"],
}
ACTOR_TYPES = {"STATE", "GOV", "MIL", "PERSON", "IGO", "NGO", "PARTY", "REBEL", "MEDIA", "OTHER"}
ALIAS_KINDS = {"name", "short", "abbrev", "demonym", "metonym", "variant", "surname"}
# Roles that one person holds at a time in a country (or an IGO); co-holders
# (e.g. a collective presidency) would need their own role name.
SINGLE_HOLDER_ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
    "president_of_commission",
    "president_of_council",
    "high_representative",
    "vice_president",
}
# Roles many people hold at once (ministers, commanders of different forces, envoys).
ROLES = SINGLE_HOLDER_ROLES | {
    "deputy_head_of_government",
    "leader",
    "commander",
    "minister",
    "envoy",
    "speaker",
    "head",
    "judge",
    "governor",
    "official",
}
ISO3 = re.compile(r"^[A-Z]{3}$")
# Sector suffix of an ISO3-SECTOR id -> the actor types it may have.
SECTORS = {
    "GOV": {"GOV"},
    "MIL": {"MIL"},
    "LEG": {"GOV"},
    "POL": {"GOV"},
    "JUD": {"GOV"},
    "REB": {"REBEL"},
    "OPP": {"OTHER"},
}
QID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORG_CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
# The day the data was last checked against the facts (README.md); an open
# end_date means "still in office" as of this day.
CHECKED_UP_TO = dt.date(2026, 12, 3)

# Floors from issue 4 ("done means"); raised as the dictionary grows, never lowered.
MIN_STATES = 250
MIN_ORGANISATIONS = 40
MIN_PERSON_ROLES = 1700
MIN_ALIASES = 6500

# Core members whose leaders must be covered without gaps from 2000 to today.
G20_STATES = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA",
]  # fmt: skip
EXTRA_COVERED = ["UKR", "ISR", "IRN", "SYR", "PSE", "PRK"]
COVERED_ROLES = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister"]
COVERAGE_START = dt.date(2000, 1, 1)
# A caretaker interval or an unrecorded acting minister can leave a short hole;
# longer ones mean a missing person.
MAX_GAP_DAYS = 120
# Offices created after 2000 are covered from their creation.
OFFICE_CREATED = {
    ("PSE", "head_of_government"): dt.date(2003, 3, 19),  # the Palestinian Authority's prime-ministership
    ("PSE", "foreign_minister"): dt.date(2003, 4, 30),  # the PA's first foreign minister
}
# Offices that do not exist, with the reason.
COVERAGE_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("PSE", "defence_minister"): "the Palestinian Authority has no defence ministry",
}
# Vacancies that are facts, not missing people: (country, role, outgoing holder) -> reason.
KNOWN_VACANCIES: dict[tuple[str, str, str], str] = {
    ("PRK", "foreign_minister", "paek-nam-sun"): "the post stayed vacant from Paek's death in January 2007 to May 2007",
}


@cache
def read(name: str) -> tuple[dict[str, str], ...]:
    """Rows of one data file as dicts, after checking its header."""
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        assert header == HEADERS[name], f"{name}: header {header} is not the contract {HEADERS[name]}"
        rows = []
        for line_no, row in enumerate(reader, start=2):
            assert len(row) == len(header), f"{name}:{line_no}: {len(row)} fields, expected {len(header)}"
            assert all(cell == cell.strip() for cell in row), f"{name}:{line_no}: stray spaces in {row}"
            rows.append(dict(zip(header, row, strict=True)))
    return tuple(rows)


def actors() -> dict[str, dict[str, str]]:
    return {row["actor_id"]: row for row in read("actors.csv")}


def parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_is_sorted_and_without_duplicates(name: str) -> None:
    rows = [tuple(row.values()) for row in read(name)]
    assert rows == sorted(rows), f"{name} must be sorted by its columns for stable diffs"
    assert len(rows) == len(set(rows)), f"{name} has duplicate rows"


def test_version_is_one_calendar_version_line() -> None:
    text = (DATA / "VERSION").read_text(encoding="utf-8")
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+\n?", text), text


def test_actor_ids_are_unique_and_well_formed() -> None:
    ids = [row["actor_id"] for row in read("actors.csv")]
    assert len(ids) == len(set(ids))
    for row in read("actors.csv"):
        actor_id, kind = row["actor_id"], row["actor_type"]
        assert kind in ACTOR_TYPES, row
        assert row["name"], row
        if kind == "STATE":
            assert ISO3.match(actor_id) and row["country"] == actor_id, row
        elif kind == "PERSON":
            assert SLUG.match(actor_id), row
        else:
            assert ORG_CODE.match(actor_id), row
        prefix, _, sector = actor_id.partition("-")
        if ISO3.match(prefix) and sector in SECTORS:
            assert row["country"] == prefix and kind in SECTORS[sector], row


def test_fields_refer_to_known_values() -> None:
    table = actors()
    states = {a for a, row in table.items() if row["actor_type"] == "STATE"}
    for row in table.values():
        assert not row["country"] or row["country"] in states, f"unknown country in {row}"
        assert not row["wikidata_qid"] or QID.match(row["wikidata_qid"]), row
        assert not row["parent"] or row["parent"] in table, f"unknown parent in {row}"
        assert row["parent"] != row["actor_id"], row
        if row["actor_type"] == "IGO":
            assert not row["country"], f"IGOs have no country: {row}"


def test_organisation_codes_never_collide_with_country_codes() -> None:
    table = actors()
    states = {a for a, row in table.items() if row["actor_type"] == "STATE"}
    for actor_id, row in table.items():
        if row["actor_type"] in {"IGO", "NGO", "REBEL", "MEDIA", "OTHER", "PARTY"}:
            assert actor_id not in states, row


def test_wikidata_ids_are_not_shared() -> None:
    seen: dict[str, str] = {}
    for row in read("actors.csv"):
        qid = row["wikidata_qid"]
        if qid:
            assert qid not in seen, f"{qid} on both {seen[qid]} and {row['actor_id']}"
            seen[qid] = row["actor_id"]


def test_every_state_has_government_and_military() -> None:
    table = actors()
    for actor_id, row in table.items():
        if row["actor_type"] == "STATE":
            assert table.get(f"{actor_id}-GOV", {}).get("actor_type") == "GOV", actor_id
            assert table.get(f"{actor_id}-MIL", {}).get("actor_type") == "MIL", actor_id
            assert table[f"{actor_id}-GOV"]["parent"] == actor_id


def test_aliases_refer_to_known_actors_with_known_kinds() -> None:
    table = actors()
    for row in read("aliases.csv"):
        assert row["actor_id"] in table, f"alias of unknown actor: {row}"
        assert row["kind"] in ALIAS_KINDS, row
        assert row["alias"], row
        if row["kind"] == "abbrev":
            # Acronyms are matched case-sensitively, so they must carry capitals ("BiH", "UN", "U.S.").
            assert " " not in row["alias"] and row["alias"][0].isupper(), row
        if row["kind"] == "demonym":
            assert table[row["actor_id"]]["actor_type"] == "STATE", f"demonyms go on the state id: {row}"
        if row["kind"] == "metonym":
            assert table[row["actor_id"]]["actor_type"] in {"GOV", "MIL", "IGO"}, row
        if row["kind"] in {"variant", "surname"}:
            assert table[row["actor_id"]]["actor_type"] == "PERSON", row


def test_every_actor_has_its_name_as_an_alias() -> None:
    named: dict[str, set[str]] = defaultdict(set)
    for row in read("aliases.csv"):
        named[row["actor_id"]].add(row["alias"])
    for row in read("actors.csv"):
        if row["actor_type"] in {"STATE", "PERSON", "IGO", "NGO", "REBEL"}:
            # A qualifier in brackets only tells apart namesakes in the dictionary ("... (Colombia)").
            name = re.sub(r" \(.*\)$", "", row["name"])
            assert name in named[row["actor_id"]], f"{row['actor_id']} lacks its own name as an alias"


def test_an_alias_names_one_actor_of_a_kind() -> None:
    # The same surface may legitimately name a city's government and a person;
    # but two actors sharing one full name of the same kind would make linking a coin toss.
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in read("aliases.csv"):
        if row["kind"] in {"name", "abbrev", "metonym", "demonym"}:
            owners[(row["alias"], row["kind"])].add(row["actor_id"])
    clashes = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert not clashes, clashes


def test_roles_are_dated_and_refer_to_known_actors() -> None:
    table = actors()
    for row in read("roles.csv"):
        assert table.get(row["actor_id"], {}).get("actor_type") == "PERSON", f"role of a non-person: {row}"
        assert row["role"] in ROLES, row
        assert row["coded_as"] in table, f"coded_as is unknown: {row}"
        if row["country"]:
            assert table.get(row["country"], {}).get("actor_type") == "STATE", row
            # A transnational group (no country of its own) may be led from any country.
            coded_country = table[row["coded_as"]]["country"]
            assert coded_country in {row["country"], ""}, f"coded as another country's actor: {row}"
        else:
            assert table[row["coded_as"]]["actor_type"] == "IGO", f"a role without a country belongs to an IGO: {row}"
        start = parse_date(row["start_date"])
        end = parse_date(row["end_date"]) if row["end_date"] else None
        assert end is None or start <= end, row
        assert start <= CHECKED_UP_TO, row


def test_every_person_has_a_role_and_a_country() -> None:
    with_roles = {row["actor_id"] for row in read("roles.csv")}
    for row in read("actors.csv"):
        if row["actor_type"] == "PERSON":
            assert row["actor_id"] in with_roles, f"{row['actor_id']} has no dated role"
            assert row["country"], row


def _holders() -> dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]]:
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for row in read("roles.csv"):
        if row["role"] in SINGLE_HOLDER_ROLES:
            where = row["country"] or row["coded_as"]
            end = parse_date(row["end_date"]) if row["end_date"] else CHECKED_UP_TO
            spans[(where, row["role"])].append((parse_date(row["start_date"]), end, row["actor_id"]))
    return {key: sorted(value) for key, value in spans.items()}


def test_single_holder_roles_do_not_overlap() -> None:
    # A hand-over on one day (outgoing end == incoming start) is not an overlap.
    overlaps = []
    for key, spans in _holders().items():
        for (_, end, who), (start, _, nxt) in pairwise(spans):
            if start < end:
                overlaps.append((key, who, nxt, str(start), str(end)))
    assert not overlaps, overlaps


COVERED = [(country, role) for country in G20_STATES + EXTRA_COVERED for role in COVERED_ROLES]


@pytest.mark.parametrize(("country", "role"), COVERED)
def test_core_roles_cover_2000_to_today(country: str, role: str) -> None:
    if (country, role) in COVERAGE_EXCEPTIONS:
        pytest.skip(COVERAGE_EXCEPTIONS[(country, role)])
    spans = _holders().get((country, role))
    assert spans, f"no {role} of {country}"
    first = OFFICE_CREATED.get((country, role), COVERAGE_START)
    assert spans[0][0] <= first + dt.timedelta(days=MAX_GAP_DAYS), f"{country} {role} starts {spans[0][0]}"
    assert spans[-1][1] >= CHECKED_UP_TO, f"{country} {role}: nobody in office at the end"
    for (_, end, who), (start, _, nxt) in pairwise(spans):
        gap = (start - end).days
        if (country, role, who) in KNOWN_VACANCIES or start <= COVERAGE_START:
            continue  # holders before 2000 are those the news of the time names most, not every one
        assert gap <= MAX_GAP_DAYS, f"{country} {role}: {gap} days between {who} and {nxt}"


def test_sizes_meet_the_issue_floors() -> None:
    types = [row["actor_type"] for row in read("actors.csv")]
    person_roles = len(read("roles.csv"))
    assert types.count("STATE") >= MIN_STATES
    assert sum(t in {"IGO", "NGO"} for t in types) >= MIN_ORGANISATIONS
    assert person_roles >= MIN_PERSON_ROLES
    assert len(read("aliases.csv")) >= MIN_ALIASES


@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [
        ("the Kremlin", "RUS-GOV"),
        ("Kyiv", "UKR-GOV"),
        ("Kiev", "UKR-GOV"),
        ("the White House", "USA-GOV"),
        ("the Pentagon", "USA-MIL"),
        ("Brussels", "EU"),
        ("Russians", "RUS"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Zelenskiy", "volodymyr-zelensky"),
        ("Washington", "USA-GOV"),
        ("Georgia", "GEO"),
        ("Downing Street", "GBR-GOV"),
        ("Beijing", "CHN-GOV"),
    ],
)
def test_conventional_aliases_are_present(alias: str, actor_id: str) -> None:
    assert any(r["alias"] == alias and r["actor_id"] == actor_id for r in read("aliases.csv"))


@pytest.mark.parametrize(
    ("actor_id", "country", "day", "role"),
    [
        ("vladimir-putin", "RUS", "2010-06-01", "head_of_government"),
        ("vladimir-putin", "RUS", "2025-03-01", "head_of_state"),
        ("donald-trump", "USA", "2025-06-01", "head_of_state"),
        ("joe-biden", "USA", "2022-06-01", "head_of_state"),
        ("ali-khamenei", "IRN", "2025-06-01", "head_of_state"),
        ("mojtaba-khamenei", "IRN", "2026-06-01", "head_of_state"),
        ("nicolas-maduro", "VEN", "2025-06-01", "head_of_state"),
        ("delcy-rodriguez", "VEN", "2026-06-01", "head_of_state"),
        ("sergey-lavrov", "RUS", "2024-01-01", "foreign_minister"),
        ("antonio-guterres", "", "2020-01-01", "secretary_general"),
    ],
)
def test_known_holders_on_a_day(actor_id: str, country: str, day: str, role: str) -> None:
    when = parse_date(day)
    where = country or "UN"
    holders = [
        start <= when < end or (start <= when and end == CHECKED_UP_TO)
        for start, end, who in _holders()[(where, role)]
        if who == actor_id
    ]
    assert any(holders), (actor_id, role, day)


def test_a_person_out_of_office_is_not_a_holder() -> None:
    spans = _holders()[("USA", "head_of_state")]
    when = parse_date("2022-06-01")
    assert [who for start, end, who in spans if start <= when < end] == ["joe-biden"]


def test_gold_ids_are_in_the_dictionary() -> None:
    # Ids are a contract: renaming one silently turns the gold's links into misses.
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is absent: the actor gold lives on the linker's branch until it is merged")
    table = actors()
    ids = {
        mention["actor_id"]
        for line in GOLD.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for mention in json.loads(line)["mentions"]
        if mention.get("actor_id")
    }
    assert ids <= set(table), sorted(ids - set(table))


@pytest.mark.parametrize(("alias", "actor_id"), [("Georgia", "GEO"), ("Washington", "USA-GOV"), ("Congo", "COD")])
def test_ambiguous_place_names_have_one_owner(alias: str, actor_id: str) -> None:
    # "Georgia" the US state and "Washington" the state or city are left to the
    # linker's context rules; the dictionary itself must offer a single reading.
    owners = {row["actor_id"] for row in read("aliases.csv") if row["alias"] == alias}
    assert owners == {actor_id}
