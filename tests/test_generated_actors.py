"""Actors made from the text: every named party is an actor, also when the dictionary lacks it (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest

PUB = date(2005, 2, 1)


@pytest.fixture(scope="module")
def run():
    from curation.config import load_config
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article

    res = get_resources(load_config())

    def go(text: str, published: date | None = PUB):
        art = Article(article_id=make_id("a", text), source="t", text=text, text_sha256=sha256_text(text),
                      published=published, published_precision="day" if published else None)
        return process_article(art, res.nlp(text), res)
    return go


def test_companies_agencies_and_people_become_actors_with_kind_sector_and_country(run) -> None:
    text = ("France's Thales signed a contract with the Norwegian army. Carla Ventura, a lawyer, criticised the "
            "firm. Ms Ventura said the deal was a disgrace.")
    res = run(text)
    made = {a.actor_id: a for a in res.new_actors}
    thales = made["THALES"]
    assert (thales.actor_type, thales.sector, thales.country, thales.origin) == ("COMPANY", "BUS", "FRA", "text")
    assert made["carla-ventura"].actor_type == "PERSON"
    # the surname alone later is the same person
    assert [m.actor_id for m in res.mentions if m.text == "Ventura"] == ["carla-ventura"]


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The Latvian Constitutional Court criticised Russia on Monday.", "Latvian Constitutional Court", "LVA"),
    ("The Ukrainian Helsinki Group condemned Russia.", "Ukrainian Helsinki Group", "UKR"),
])
def test_an_organisation_named_after_its_state_belongs_to_it(run, text: str, name: str, country: str) -> None:
    made = {a.name: a for a in run(text).new_actors}
    assert made[name].country == country


@pytest.mark.parametrize(("text", "name", "country", "sector"), [
    ("King Mbaki of Lesotho said he would host the talks.", "King Mbaki", "LSO", "GOV"),
    ("President Abdou Diouf of Senegal condemned the attack.", "Abdou Diouf", "SEN", "GOV"),
    # with no "of <state>": the state named right before the title, else the one state of the sentence
    ("Gambian President Tamba Sowe will visit Mali.", "Tamba Sowe", "GMB", "GOV"),
    ("Rebels in Chad dismissed an appeal from President Mara Kolle to lay down their arms.", "Mara Kolle", "TCD",
     "GOV"),
    # an office's title before a name the tagger took for an organisation: a person
    ("Vice-President Moody Awari has declined to resign despite pressure from Kenya's parliament.", "Moody Awari",
     "KEN", "GOV"),
])
def test_a_titled_ruler_of_a_state_belongs_to_it(run, text: str, name: str, country: str, sector: str) -> None:
    made = {a.name: a for a in run(text, published=None).new_actors}
    assert (made[name].country, made[name].sector) == (country, sector), made


@pytest.mark.parametrize("text", [
    "The Prevention of Terrorism Bill was debated in Parliament.",  # a document
    "He spoke to the BBC's Breakfast with Frost show on Sunday.",  # a programme
    "Unemployment fell in May, the figures showed.",  # a month
])
def test_documents_programmes_and_months_are_not_made_actors(run, text: str) -> None:
    made = {a.actor_id for a in run(text).new_actors}
    assert not any(w in aid for aid in made for w in ("BILL", "FROST", "MAY", "SUNDAY"))


@pytest.mark.parametrize(("text", "name"), [
    ("He won a council seat in a by-election in Stepney Green ward last year.", "Stepney Green"),
    ("Mr Galloway said he would contest Bethnal Green, in London, for his new party.", "Bethnal Green"),
    ("The party came first in the ward, Tower Hamlets, at the local elections.", "Tower Hamlets"),
])
def test_a_name_the_text_places_as_a_place_is_not_made_an_actor(run, text: str, name: str) -> None:
    res = run(text)
    assert all(m.actor_id is None for m in res.mentions if m.text == name), res.mentions
    assert not any(a.name == name for a in res.new_actors)


def test_a_surname_alone_does_not_link_to_a_dictionary_person_without_a_date(run) -> None:
    # "Mr Carter" in a story with no date and no full name is not a dictionary's Carter (issue 13 linking)
    res = run("Mr Carter said the party was pleased with the gift.", published=None)
    assert all(m.actor_id is None for m in res.mentions if m.text == "Carter")


def test_a_state_part_the_dictionary_lacks_is_made_with_its_sector(run) -> None:
    res = run("Chilean soldiers detained dozens of Peruvian farmers near the border.")
    ev = next(e for e in res.events if e.event_type == "COERCE")
    assert (ev.target_country, ev.target_sector) == ("PER", "AGR")
    assert any(a.actor_id == ev.target_actor_id and a.sector == "AGR" for a in res.new_actors)


def test_a_broadcaster_with_a_three_letter_code_is_no_state(run) -> None:
    # "BBC" looks like an ISO code; counted as a state it made "the government" the BBC's
    text = ("Tony Blair spoke to the BBC on Monday. Gordon Brown agreed with the BBC. The BBC asked about the "
            "licence fee. Theresa May told the BBC that the government's plans were inadequate.")
    res = run(text)
    assert ("theresa-may", "GBR-GOV") in {(e.source_actor_id, e.target_actor_id) for e in res.events
                                           if e.event_type == "ACCUSE"}, res.events


def test_a_country_word_is_a_title_s_only_next_to_it(run) -> None:
    # "the German government today welcomed President Reagan's ...": Germany is not Reagan's country
    res = run("The German government today welcomed President Reagan's latest policy statement.", published=None)
    assert [(e.target_actor_id, e.target_country) for e in res.events if e.event_type == "SUPPORT"] == [
        ("ronald-reagan", "USA")]


def test_the_government_of_a_leader_is_his_states(run) -> None:
    # "the military government of President Prosper Avril": Haiti's government, not Avril as a person
    res = run("The military government of President Prosper Avril declared a state of siege in Haiti.",
              published=None)
    assert "HTI-GOV" in {e.source_actor_id for e in res.events if e.event_type == "COERCE"}, res.events


def test_a_titled_person_of_a_sentence_naming_two_states_gets_no_guessed_state(run) -> None:
    made = {a.name: a for a in run("President Mara Kolle of nowhere met Chad and Niger.", published=None).new_actors}
    assert "Mara Kolle" not in made or made["Mara Kolle"].country is None


def test_an_organisation_after_according_to_is_no_place(run) -> None:
    made = {a.name: a for a in run("Leaders should debate on television, according to the Hansard Society.",
                                   published=None).new_actors}
    assert "Hansard Society" in made
