"""Places (issue 15): the offline gazetteer, the reading of hard toponyms in context, and event places.

The toponyms and sentences are the team's own. Each toponym row says what a careful human geocoder reads the
name as, in an article about the states given (none: no state named): ambiguous names, old and alternative
names, provinces and counties, names a demonym stands for, and names nobody could place (None: never a guess).
"""

from __future__ import annotations

from datetime import date

import pytest

from curation.geo.gazetteer import Gazetteer, load_gazetteer, norm
from curation.geo.resolve import resolve

# name, context (ISO3 -> mentions), expected (country, place name, kind, precision) or None
TOPONYMS: list[tuple[str, dict[str, int], tuple[str, str, str, int] | None]] = [
    # ambiguous names, read by the article's states
    ("Georgia", {}, ("GEO", "Georgia", "country", 3)),
    ("Georgia", {"USA": 3}, ("USA", "Georgia", "admin1", 3)),
    ("Tripoli", {}, ("LBY", "Tripoli", "town", 1)),
    ("Tripoli", {"LBN": 2}, ("LBN", "Tripoli", "town", 1)),
    ("Hyderabad", {}, ("IND", "Hyderabad", "town", 1)),
    ("Hyderabad", {"PAK": 2}, ("PAK", "Hyderabad", "town", 1)),
    ("Paris", {}, ("FRA", "Paris", "town", 1)),
    ("Paris", {"USA": 3}, ("USA", "Paris", "town", 1)),
    ("Texas", {}, ("USA", "Texas", "admin1", 3)),
    ("York", {}, ("GBR", "York", "town", 1)),
    ("York", {"USA": 3}, ("USA", "York", "town", 1)),
    ("Perth", {}, ("AUS", "Perth", "town", 1)),
    ("Perth", {"GBR": 2}, ("GBR", "Perth", "town", 1)),
    ("Birmingham", {}, ("GBR", "Birmingham", "town", 1)),
    ("Birmingham", {"USA": 3}, ("USA", "Birmingham", "town", 1)),
    ("Alexandria", {}, ("EGY", "Alexandria", "town", 1)),
    ("Alexandria", {"USA": 3}, ("USA", "Alexandria", "town", 1)),
    ("Cambridge", {}, ("GBR", "Cambridge", "town", 1)),
    ("Cambridge", {"USA": 2}, ("USA", "Cambridge", "town", 1)),
    ("London", {}, ("GBR", "London", "town", 1)),
    ("London", {"CAN": 3}, ("CAN", "London", "town", 1)),
    ("Córdoba", {"ESP": 2}, ("ESP", "Córdoba", "town", 1)),
    ("San José", {"CRI": 2}, ("CRI", "San José", "town", 1)),
    ("Lagos", {}, ("NGA", "Lagos", "town", 1)),
    ("Lagos", {"PRT": 2}, ("PRT", "Lagos", "town", 1)),
    ("Sydney", {"CAN": 2}, ("CAN", "Sydney", "town", 1)),
    ("Newcastle", {"GBR": 2}, ("GBR", "Newcastle upon Tyne", "town", 1)),
    ("Moscow", {}, ("RUS", "Moscow", "town", 1)),
    ("Moscow", {"USA": 2}, ("USA", "Moscow", "town", 1)),
    ("Athens", {}, ("GRC", "Athens", "town", 1)),
    ("Naples", {"USA": 2}, ("USA", "Naples", "town", 1)),
    ("Washington", {}, ("USA", "Washington", "town", 1)),
    ("Westminster", {"GBR": 3}, ("GBR", "City of Westminster", "town", 1)),
    # a country's name is the country, whatever else the article is about
    ("Lebanon", {"USA": 3}, ("LBN", "Lebanon", "country", 3)),
    ("Jordan", {"USA": 3}, ("JOR", "Jordan", "country", 3)),
    ("Montenegro", {}, ("MNE", "Montenegro", "country", 3)),
    ("Chad", {}, ("TCD", "Chad", "country", 3)),
    ("Kosovo", {}, ("XKX", "Kosovo", "country", 3)),
    # old and alternative names
    ("Bombay", {}, ("IND", "Mumbai", "town", 1)),
    ("Calcutta", {}, ("IND", "Kolkata", "town", 1)),
    ("Madras", {}, ("IND", "Chennai", "town", 1)),
    ("Peking", {}, ("CHN", "Beijing", "town", 1)),
    ("Rangoon", {}, ("MMR", "Yangon", "town", 1)),
    ("Saigon", {}, ("VNM", "Ho Chi Minh City", "town", 1)),
    ("Leningrad", {}, ("RUS", "Saint Petersburg", "town", 1)),
    ("Kiev", {}, ("UKR", "Kyiv", "town", 1)),
    ("Den Haag", {}, ("NLD", "The Hague", "town", 1)),
    ("the Hague", {}, ("NLD", "The Hague", "town", 1)),
    ("Cologne", {}, ("DEU", "Köln", "town", 1)),
    ("Sana'a", {}, ("YEM", "Sanaa", "town", 1)),
    ("Fallujah", {}, ("IRQ", "Al Fallūjah", "town", 1)),
    ("Falluja", {}, ("IRQ", "Al Fallūjah", "town", 1)),
    ("Basra", {}, ("IRQ", "Basrah", "town", 1)),
    ("Londonderry", {"GBR": 3}, ("GBR", "Derry", "town", 1)),
    ("Islamabad", {}, ("PAK", "Islamabad", "town", 1)),
    # a town and a province or district of its name: the town
    ("Kirkuk", {}, ("IRQ", "Kirkuk", "town", 1)),
    ("Ramallah", {}, ("PSE", "Ramallah", "town", 1)),
    ("Nablus", {}, ("PSE", "Nablus", "town", 1)),
    ("Jerusalem", {}, ("ISR", "Jerusalem", "town", 1)),
    ("Gaza", {}, ("PSE", "Gaza", "town", 1)),
    # provinces, regions and counties
    ("Gaza Strip", {}, ("PSE", "Gaza Strip", "admin1", 3)),
    ("West Bank", {}, ("PSE", "West Bank", "admin1", 3)),
    ("Wales", {}, ("GBR", "Wales", "admin1", 3)),
    ("Scotland", {}, ("GBR", "Scotland", "admin1", 3)),
    ("Northern Ireland", {}, ("GBR", "Northern Ireland", "admin1", 3)),
    ("Gloucestershire", {}, ("GBR", "Gloucestershire", "admin2", 3)),
    ("Chechnya", {}, ("RUS", "Chechnya", "admin1", 3)),
    ("Crimea", {}, ("UKR", "Crimea", "admin1", 3)),
    ("Xinjiang", {}, ("CHN", "Xinjiang", "admin1", 3)),
    ("Bavaria", {}, ("DEU", "Bavaria", "admin1", 3)),
    ("Catalonia", {}, ("ESP", "Catalonia", "admin1", 3)),
    ("Helmand", {}, ("AFG", "Helmand", "admin1", 3)),
    ("Victoria", {}, ("AUS", "Victoria", "admin1", 3)),
    # small towns
    ("Ledbury", {}, ("GBR", "Ledbury", "town", 1)),
    ("Sderot", {}, ("ISR", "Sderot", "town", 1)),
    ("Cizre", {}, ("TUR", "Cizre", "town", 1)),
    ("Srebrenica", {}, ("BIH", "Srebrenica", "town", 1)),
    # nobody could place these: no guess
    # (a common noun of geography means the story's region, not a province elsewhere of that name)
    ("the Gulf", {"IRN": 3, "USA": 2}, None),
    ("Midlands", {"GBR": 4}, None),
    ("Delta", {"NGA": 2}, ("NGA", "Delta", "admin1", 3)),
    # (a small place outside every state the article names is not read)
    ("Levant", {"SYR": 2}, None),
    ("Ledbury", {"GBR": 1}, ("GBR", "Ledbury", "town", 1)),
    ("Darfur", {}, None),
    ("Kashmir", {}, None),
    ("Parliament Square", {}, None),
    ("Xyzzyville", {}, None),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(("name", "context", "want"), TOPONYMS,
                         ids=[f"{n}-{'+'.join(c) or 'none'}" for n, c, _ in TOPONYMS])
def test_toponym(gazetteer: Gazetteer, name: str, context: dict[str, int],
                 want: tuple[str, str, str, int] | None) -> None:
    got = resolve(gazetteer, name, context)
    if want is None:
        assert got is None, f"{name!r} placed at {got}"
        return
    assert got is not None, f"{name!r} not placed"
    assert (got.place.country, got.place.name, got.place.kind, got.precision) == want


def test_at_least_sixty_hard_toponyms() -> None:
    assert len(TOPONYMS) >= 60


def test_places_carry_coordinates_admin1_and_ids(gazetteer: Gazetteer) -> None:
    kirkuk = resolve(gazetteer, "Kirkuk", {})
    assert kirkuk is not None and kirkuk.place.geonameid and kirkuk.place.admin1 == "Kirkuk"
    assert abs(kirkuk.place.latitude - 35.47) < 0.1 and abs(kirkuk.place.longitude - 44.39) < 0.1
    wales = resolve(gazetteer, "Wales", {})
    assert wales is not None and wales.place.geonameid is None  # a division has no id in the sources
    assert 51 < wales.place.latitude < 54 and -5.5 < wales.place.longitude < -2.5  # the mean of its towns
    assert gazetteer.country("FRA") is not None and gazetteer.capital("AFG").name == "Kabul"  # type: ignore[union-attr]
    assert all(-90 <= p.latitude <= 90 and -180 <= p.longitude <= 180
               for p in (gazetteer.place(i) for i in range(0, len(gazetteer), 997)))


def test_near_is_precision_two(gazetteer: Gazetteer) -> None:
    got = resolve(gazetteer, "Samarra", {"IRQ": 2}, near=True)
    assert got is not None and got.precision == 2 and got.place.country == "IRQ"


def test_name_keys_fold_case_accents_and_punctuation() -> None:
    assert norm("The Hague") == norm("the hague") == "hague"
    assert norm("Sana'a") == norm("Sanaa") and norm("Córdoba") == norm("cordoba")
    assert norm("Bosnia-Herzegovina") == "bosnia herzegovina"


def test_the_index_is_built_once_into_the_cache_folder(tmp_path, monkeypatch) -> None:
    """A fresh cache folder gets the index (atomically: no half-written folder is left) and the next load reads
    it instead of building again."""
    import curation.geo.gazetteer as gz

    monkeypatch.setenv("CURATION_GAZETTEER_DIR", str(tmp_path))
    gz.load_gazetteer.cache_clear()
    try:
        first = gz.load_gazetteer()
        folder = tmp_path / f"gazetteer-{gz.version()}"
        assert first.location == str(folder) and (folder / "names.arrow").is_file()
        assert [p.name for p in tmp_path.iterdir()] == [folder.name]
        gz.load_gazetteer.cache_clear()
        built = []
        monkeypatch.setattr(gz, "build_tables", lambda: built.append(1) or ({}, []))
        again = gz.load_gazetteer()
        assert not built and len(again) == len(first)
    finally:
        gz.load_gazetteer.cache_clear()


# ---------------------------------------------------------------- event places

PUB = date(2024, 3, 6)


@pytest.fixture(scope="module")
def read():
    from curation.config import load_config
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article
    from curation.segment import masked_text, segment

    res = get_resources(load_config())

    def run(text: str):
        art = segment(Article(article_id=make_id("a", text), source="t", text=text, text_sha256=sha256_text(text),
                              published=PUB, published_precision="day"))
        return process_article(art, res.nlp(masked_text(art)), res).events
    return run


def _one(events, trigger: str):
    hits = [e for e in events if e.trigger.startswith(trigger)]
    assert hits, f"no event at {trigger!r}: {[e.trigger for e in events]}"
    return hits[0]


def test_the_trigger_place_phrase(read) -> None:
    e = _one(read("Iraqi police arrested 12 men in the northern city of Mosul on Tuesday."), "arrested")
    assert (e.place_name, e.country, e.admin1, e.geo_precision, e.place_basis) == (
        "Mosul", "IRQ", "Nineveh", 1, "trigger")
    assert e.location_text == "Mosul" and e.geonameid and e.latitude and e.longitude


def test_a_place_of_the_event_s_arguments_and_a_demonym_capital(read) -> None:
    e = _one(read("Taliban fighters attacked a police post in the Afghan capital on Monday."), "attacked")
    assert (e.place_name, e.country, e.geo_precision, e.place_basis) == ("Kabul", "AFG", 1, "clause")


def test_near_a_town_is_precision_two(read) -> None:
    e = _one(read("A roadside bomb killed three US soldiers near Samarra, the army said."), "killed")
    assert (e.country, e.geo_precision) == ("IRQ", 2) and e.place_name is not None


def test_a_state_named_as_the_place_is_country_precision(read) -> None:
    e = _one(read("Thousands of farmers demonstrated in Serbia against the new tax."), "demonstrated")
    assert (e.place_name, e.country, e.geo_precision, e.geonameid) == ("Serbia", "SRB", 3, 6290252)


def test_a_state_that_owns_a_thing_is_not_a_place(read) -> None:
    events = read("Two civilians were killed in Israel's military campaign, Palestinian officials said.")
    assert all(e.location_text != "Israel's" for e in events)


def test_the_dateline_places_what_the_text_does_not(read) -> None:
    e = _one(read("KABUL, 3 March (Reuters) - Afghan officials accused Pakistan of sheltering militants."),
             "accused")
    assert (e.place_name, e.country, e.place_basis) == ("Kabul", "AFG", "dateline")


def test_the_setting_is_a_marked_country_level_fallback(read) -> None:
    text = ("Britain's foreign secretary criticised France over the treaty. "
            "Britain and France have argued about it for months, and Britain says it will not give way. "
            "The prime minister praised Britain's negotiators.")
    e = _one(read(text), "criticised")
    assert (e.country, e.place_basis, e.geo_precision, e.place_name) == ("GBR", "setting", 3, "United Kingdom")


def test_no_place_no_guess(read) -> None:
    e = _one(read("Mr Smith criticised Mr Jones over the budget."), "criticised")
    assert (e.place_name, e.country, e.latitude, e.geo_precision, e.place_basis) == (None, None, None, None, None)


def test_place_names_set_the_article_s_home_state(read) -> None:
    """An article that names no state but only its towns is set in that state: its police and its protesters
    are that state's (here the charge gets a source and a target)."""
    text = ("Eight protesters who stormed a council meeting in Ledbury have been charged with disorderly "
            "conduct. The men, from Hereford and Worcester, were arrested in Ledbury in September.")
    e = _one(read(text), "charged")
    assert (e.source_country, e.target_country) == ("GBR", "GBR")
    # "in Ledbury" places the storming (in the relative clause), not the charge: the setting, marked as such
    assert (e.place_name, e.country, e.place_basis) == ("United Kingdom", "GBR", "setting")


def test_a_town_s_state_from_the_gazetteer_is_the_recipient_of_a_protest_there(read) -> None:
    """The gold-standard records code the place's people as the recipient of a protest, a curfew or troops on
    alert when the text names no other; a town the dictionary does not know counts by its gazetteer state."""
    e = _one(read("Thousands of Kurds demonstrated in the northern city of Kirkuk on Sunday."), "demonstrated")
    assert (e.target_country, e.place_name) == ("IRQ", "Kirkuk")


def test_clashes_with_a_named_side_are_not_by_the_place_s_unidentified_forces(read) -> None:
    events = read("About 30 peacekeepers were injured in clashes with Serb protesters in the town of Zvečan.")
    assert not any((e.source_actor_id or "").endswith("UAF") for e in events)


def test_validation_checks_place_columns_against_the_gazetteer() -> None:
    import pandas as pd

    from curation.validate.cross import cross_checks

    checks = {c.name: c for c in cross_checks()}
    rows = pd.DataFrame({
        "place_name": ["Mosul", "Mosul", None, "Wales", "Mosul"],
        "country": ["IRQ", "IRQ", None, "GBR", "SYR"],
        "admin1": ["Nineveh", "Nineveh", None, "Wales", "Nineveh"],
        "latitude": [36.335, None, None, 52.3, 36.335],
        "longitude": [43.11889, 43.1, None, -3.7, 43.11889],
        "geonameid": [99072, 99072, None, None, 99072],
        "geo_precision": [1, 1, None, 1, 1],
        "place_basis": ["trigger", "trigger", None, "setting", "trigger"],
    })
    gaz = load_gazetteer()
    mosul = next(p for p, _ in gaz.lookup("Mosul") if p.country == "IRQ")
    rows.loc[[0, 4], "latitude"], rows.loc[[0, 4], "longitude"] = mosul.latitude, mosul.longitude
    frames = {"events": rows}
    # row 1 lacks coordinates; row 3 is a setting (and a division) at precision 1
    assert checks["events.place_columns"].find(frames, {}) == [1, 3]
    # row 4's Mosul is not in Syria; row 3's Wales has made-up coordinates
    assert 4 in checks["events.place_in_gazetteer"].find(frames, {}) and 0 not in checks[
        "events.place_in_gazetteer"].find(frames, {})


def test_geojson_timeline(sample_dataset) -> None:
    """`curate timeline --format geojson`: a FeatureCollection whose points are the events' places."""
    import json

    from curation.timelines import render, timeline

    df = timeline(sample_dataset)
    doc = json.loads(render(df, "geojson"))
    assert doc["type"] == "FeatureCollection" and doc["n_events"] == len(df) == len(doc["features"])
    points = [f for f in doc["features"] if f["geometry"] is not None]
    assert doc["n_placed"] == len(points) > 0
    for f in points:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["place_name"] and f["properties"]["geo_precision"] in (1, 2, 3)
        assert "latitude" not in f["properties"] and f["properties"]["event_type"]
    assert all(f["properties"]["place_name"] is None for f in doc["features"] if f["geometry"] is None)
    bamako = [f for f in points if f["properties"]["place_name"] == "Bamako"]
    assert bamako and bamako[0]["properties"]["country"] == "MLI"
    assert bamako[0]["geometry"]["coordinates"][1] == pytest.approx(12.65, abs=0.1)


def test_a_coordinated_verb_shares_its_place(read) -> None:
    e = _one(read("Israeli troops shot dead three Palestinian militants and wounded dozens of others in Gaza."),
             "shot")
    assert (e.place_name, e.country, e.place_basis) == ("Gaza", "PSE", "clause")
    assert (e.fatalities, e.fatalities_qualifier, e.injured, e.injured_qualifier) == (3, "exact", None, "vague")
