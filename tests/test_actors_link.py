"""Actor dictionary, user files and the linker's hard cases; the gate on the actor gold file.

The hard cases run against a small dictionary written for the tests
(tests/data/mini_dictionary) so they do not move when the shipped data grows;
the gate runs the shipped dictionary on gold/actors.jsonl.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from curation.actors import actor_for_event, find_mentions, load_dictionary
from curation.actors.dictionary import ActorDictionary
from curation.errors import DictionaryError

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini_dictionary"
GOLD = ROOT / "gold" / "actors.jsonl"
FLOORS = ROOT / "gold" / "actors.floors.json"
DEV_GOLD = ROOT / "tests" / "data" / "actor_texts" / "gold.jsonl"


@pytest.fixture(scope="module")
def mini() -> ActorDictionary:
    return load_dictionary(base_dir=MINI)


def _mentions(nlp, dic: ActorDictionary, text: str, published: date | None) -> dict[str, tuple[str | None, str]]:
    doc = nlp(text)
    found = find_mentions(doc, article_id="a0", published=published, dictionary=dic)
    for m in found:
        assert text[m.char_start:m.char_end] == m.text
    spans = sorted((m.char_start, m.char_end) for m in found)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans)), "mentions overlap"
    return {m.text: (m.actor_id, m.link_method) for m in found}


# --- dictionary ------------------------------------------------------------------------------------------------


def test_dictionary_lookup_and_case_rules(mini: ActorDictionary) -> None:
    assert {e.actor_id for e in mini.lookup("the Kremlin")} == {"RUS-GOV"}
    assert {e.actor_id for e in mini.lookup("kremlin")} == {"RUS-GOV"}  # case rule is the linker's, not lookup's
    assert {e.actor_id for e in mini.lookup("US")} == {"USA"}
    assert mini.lookup("us") == ()  # an abbreviation keeps its case
    assert mini.lookup("Un") == ()  # "the UN" is written in capitals: "Kim Jong Un" is not the UN
    assert mini.max_alias_tokens >= 3


@pytest.mark.parametrize(("person", "day", "expected"), [
    ("donald-trump", date(2018, 6, 1), "USA-GOV"),
    ("donald-trump", date(2022, 6, 1), "donald-trump"),  # out of office: coded as himself
    ("donald-trump", date(2025, 3, 1), "USA-GOV"),
    ("vladimir-putin", date(2010, 1, 1), "RUS-GOV"),  # prime minister then, still the government
    ("joe-biden", date(2025, 3, 1), "joe-biden"),
    ("RUS", date(2025, 3, 1), "RUS"),
])
def test_actor_for_event_by_date(mini: ActorDictionary, person: str, day: date, expected: str) -> None:
    assert actor_for_event(mini, person, day) == expected


@pytest.mark.parametrize(("role", "country", "day", "expected"), [
    ("head_of_state", "USA", date(2022, 5, 1), ("joe-biden",)),
    ("head_of_state", "USA", date(2021, 1, 20), ("donald-trump", "joe-biden")),  # handover day: both
    ("head_of_state", "RUS", date(2010, 1, 1), ()),
    ("head_of_government", "RUS", date(2010, 1, 1), ("vladimir-putin",)),
])
def test_holders(mini: ActorDictionary, role: str, country: str, day: date, expected: tuple[str, ...]) -> None:
    assert set(mini.holders(role, country, day)) == set(expected)


def test_sectors_and_table_rows(mini: ActorDictionary) -> None:
    assert mini.sector("RUS", "MIL") == "RUS-MIL"
    assert mini.sector("SYR", "REB") == "SYR-REB"  # derived: no row in the data
    assert mini.sector("NATO", "MIL") is None
    actors, roles = mini.table_rows(["donald-trump", "SYR-REB"])
    ids = [a["actor_id"] for a in actors]
    assert ids == sorted(ids) and {"donald-trump", "SYR-REB", "USA-GOV"} <= set(ids)  # coded_as comes along
    reb = next(a for a in actors if a["actor_id"] == "SYR-REB")
    assert reb["actor_type"] == "REBEL" and reb["country"] == "SYR"
    assert {(r["role"], r["start_date"]) for r in roles} == {("head_of_state", date(2017, 1, 20)),
                                                             ("head_of_state", date(2025, 1, 20))}
    again = load_dictionary(base_dir=MINI)
    assert again.sha256 == mini.sha256 and again.table_rows(["donald-trump"]) == mini.table_rows(["donald-trump"])


def test_shipped_dictionary_loads() -> None:
    dic = load_dictionary()
    stats = dic.stats()
    assert stats["states"] >= 250 and stats["organisations"] >= 40
    assert len(dic.sha256) == 64 and dic.version


# --- user files ------------------------------------------------------------------------------------------------


def test_user_csv_and_toml_files(tmp_path: Path) -> None:
    (tmp_path / "mine.csv").write_text(
        "actor_id,name,actor_type,country,wikidata_qid,parent\n"
        "acme-militia,Acme Militia,REBEL,SYR,,\n", "utf-8")
    (tmp_path / "mine_aliases.csv").write_text("actor_id,alias,kind\nacme-militia,Acme fighters,name\n", "utf-8")
    (tmp_path / "more.toml").write_text(
        '[[actor]]\nactor_id = "jane-roe"\nname = "Jane Roe"\nactor_type = "PERSON"\ncountry = "SYR"\n'
        'aliases = ["J. Roe", { alias = "Roe", kind = "surname" }]\n'
        'roles = [{ role = "commander", country = "SYR", start_date = 2020-01-01, end_date = "", '
        'coded_as = "acme-militia" }]\n\n'
        '[[actor]]\nactor_id = "RUS"\naliases = [{ alias = "Rossiya", kind = "short" }]\n', "utf-8")
    dic = load_dictionary([tmp_path / "mine.csv", tmp_path / "mine_aliases.csv", tmp_path / "more.toml"],
                          base_dir=MINI)
    assert {e.actor_id for e in dic.lookup("Acme fighters")} == {"acme-militia"}
    assert {e.actor_id for e in dic.lookup("Rossiya")} == {"RUS"}
    assert dic.coded_as("jane-roe", date(2021, 1, 1)) == "acme-militia"
    assert dic.version.startswith("2026.12.0-mini+")  # a user-extended dictionary is another dictionary
    assert dic.sha256 != load_dictionary(base_dir=MINI).sha256


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad_type.csv", "actor_id,name,actor_type,country,wikidata_qid,parent\nx-y,X,WARLORD,,,\n",
     "bad_type.csv, line 2: actor_type of x-y must be one of"),
    ("bad_country.csv", "actor_id,name,actor_type,country,wikidata_qid,parent\nx-y,X,OTHER,Russia,,\n",
     "line 2: country of x-y must be an ISO 3166 alpha-3 code"),
    ("bad_alias.csv", "actor_id,alias,kind\nRUS,Rus,nickname\n", "line 2: alias kind of 'Rus' must be one of"),
    ("unknown_actor.csv", "actor_id,alias,kind\nnobody,Nobody,name\n", "line 2: alias 'Nobody' names unknown actor"),
    ("bad_date.csv", "actor_id,role,country,start_date,end_date,coded_as\nvladimir-putin,tsar,RUS,2000-13-01,,\n",
     "line 2: start_date must be a date as YYYY-MM-DD"),
    ("backwards.csv", "actor_id,role,country,start_date,end_date,coded_as\nvladimir-putin,tsar,RUS,2020-01-01,"
     "2019-01-01,\n", "line 2: role tsar of vladimir-putin ends (2019-01-01) before it starts"),
    ("bad_coded.csv", "actor_id,role,country,start_date,end_date,coded_as\nvladimir-putin,tsar,RUS,,,XXX-GOV\n",
     "coded_as XXX-GOV of vladimir-putin is not a known actor"),
    ("bad_header.csv", "id,label\nx,y\n", "E032"),
    ("fields.csv", "actor_id,alias,kind\nRUS,Rus,short,extra\n", "line 2: 4 fields where the header has 3"),
    ("twice.csv", "actor_id,name,actor_type,country,wikidata_qid,parent\nx-y,X,OTHER,,,\nx-y,Y,OTHER,,,\n",
     "line 3: actor x-y is declared twice"),
    ("bad.toml", "[[actor]]\nactor_id = 'x-y'\nname = 'X'\nactor_type = 'OTHER'\ncolour = 'red'\n",
     "bad.toml, line 1: unknown keys ['colour']"),
    ("second.toml", "[[actor]]\nactor_id = 'x-y'\nname = 'X'\nactor_type = 'OTHER'\n\n[[actor]]\n"
     "actor_id = 'z'\nname = 'Z'\nactor_type = 'GIANT'\n", "second.toml, line 6: actor_type of z"),
    ("broken.toml", "[[actor]\n", "E035"),
    ("notes.txt", "hello\n", "E031"),
])
def test_user_file_errors_name_file_and_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(DictionaryError) as err:
        load_dictionary([path], base_dir=MINI)
    assert message in str(err.value)
    assert name in str(err.value)


def test_missing_user_file_and_shipped_folder(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="E034"):
        load_dictionary([tmp_path / "absent.csv"], base_dir=MINI)
    with pytest.raises(DictionaryError, match="E033"):
        load_dictionary(base_dir=tmp_path)


# --- linking: hard cases ---------------------------------------------------------------------------------------

D2014 = date(2014, 3, 18)
D2018 = date(2018, 6, 1)
D2022 = date(2022, 6, 1)
D2025 = date(2025, 3, 1)


@pytest.mark.parametrize(("text", "published", "mention", "actor_id", "method"), [
    # metonymy: the seat of government acts; the city as a place does not
    ("The Kremlin rejected the proposal on Monday.", D2025, "Kremlin", "RUS-GOV", "metonym"),
    ("Moscow expelled two diplomats after the vote.", D2025, "Moscow", "RUS-GOV", "metonym"),
    ("Officials in Kyiv said the talks would resume.", D2025, "Kyiv", None, "unlinked"),
    ("The delegation arrived in Washington late on Tuesday.", D2025, "Washington", None, "unlinked"),
    ("Airlines cancelled flights to Beijing for the week.", D2025, "Beijing", None, "unlinked"),
    ("The White House said the sanctions would stay.", D2025, "White House", "USA-GOV", "metonym"),
    ("Downing Street declined to comment on the report.", D2025, "Downing Street", "GBR-GOV", "metonym"),
    ("Brussels imposed new tariffs on steel.", D2025, "Brussels", "EU", "metonym"),
    # a compass word or a place before the comma makes the city a place
    ("The rally was held in a cafe in east Moscow on Sunday.", D2025, "Moscow", None, "unlinked"),
    ("The men were held at Lefortovo prison, Moscow, for a week.", D2025, "Moscow", None, "unlinked"),
    # a legislature's name used for its building is a place; acting, it is the legislature
    ("Protesters stormed the Congress chamber during the debate.", D2025, "Congress", None, "unlinked"),
    ("Congress passed the bill on Friday.", D2025, "Congress", "USA-LEG", "alias"),
    # demonyms and sectors
    ("Russian forces shelled the town overnight.", D2025, "Russian forces", "RUS-MIL", "demonym"),
    ("The Ukrainian government asked for more air defence.", D2025, "Ukrainian government", "UKR-GOV", "demonym"),
    ("Ukrainian authorities ordered an evacuation.", D2025, "Ukrainian authorities", "UKR-GOV", "demonym"),
    ("Russian police detained dozens of protesters.", D2025, "Russian police", "RUS-POL", "demonym"),
    ("Syrian rebels took control of the road.", D2025, "Syrian rebels", "SYR-REB", "demonym"),
    ("Russia's military said it had repelled an attack.", D2025, "Russia's military", "RUS-MIL", "alias"),
    ("The deal lowers tariffs on Russian gas.", D2025, "Russian", "RUS", "demonym"),
    ("Most of the Russian-speaking residents stayed.", D2025, "Russian", None, "unlinked"),
    ("The ethnic Russian minority protested.", D2025, "Russian", None, "unlinked"),
    ("Russian and Ukrainian officials met in Istanbul.", D2025, "Russian", "RUS-GOV", "demonym"),
    # roles resolved by the article's date
    ("The Russian president said the talks had been useful.", D2025, "Russian president", "vladimir-putin",
     "role"),
    ("Russia's foreign minister will travel to Ankara.", D2025, "Russia's foreign minister", "sergey-lavrov",
     "role"),
    ("The US secretary of state met his counterparts.", D2025, "US secretary of state", "marco-rubio", "role"),
    ("The US president signed the bill on Friday.", D2022, "US president", "joe-biden", "role"),
    ("The US president signed the bill on Friday.", D2025, "US president", "donald-trump", "role"),
    # titles and surnames
    ("Mr Abbas called for calm in the West Bank.", D2025, "Abbas", "mahmoud-abbas", "alias"),
    ("President Macron spoke to reporters in Paris.", D2025, "Macron", "emmanuel-macron", "alias"),
    ("Prime Minister Starmer announced new funding.", D2025, "Starmer", "keir-starmer", "alias"),
    ("Russian President Vladimir Putin met the envoy.", D2025, "Vladimir Putin", "vladimir-putin", "alias"),
    ("Sergei Lavrov met the envoy on Monday.", D2025, "Sergei Lavrov", "sergey-lavrov", "alias"),
    # a person out of office is still the person (the event coder decides the government)
    ("Donald Trump held a rally in Ohio.", D2022, "Donald Trump", "donald-trump", "alias"),
    # a leader's government
    ("The Biden administration imposed new sanctions.", D2022, "Biden administration", "USA-GOV", "role"),
    ("Vladimir Putin's government denied the report.", D2025, "Vladimir Putin's government", "RUS-GOV", "role"),
    # organisations and their heads
    ("NATO allies agreed to raise spending.", D2025, "NATO", "NATO", "alias"),
    ("The UN called for a ceasefire.", D2025, "UN", "UN", "alias"),
    ("The UN chief called for a ceasefire.", D2025, "UN chief", "antonio-guterres", "role"),
    # a country's title in front of a name is part of the person's mention
    ("U.S. President Joe Biden met the envoy.", D2022, "Joe Biden", "joe-biden", "alias"),
    ("Kim Jong Un watched the launch.", D2025, "Kim Jong Un", "kim-jong-un", "alias"),
    # after pro-/anti- a demonym names the state, not its rebels
    ("Fighting between Ukrainian forces and pro-Russian separatists resumed.", D2014, "Russian", "RUS", "demonym"),
    # a name that holds a country or a capital is its own actor
    ("Paris Hilton and Michael Jordan arrived late.", D2025, "Paris", None, "unlinked"),
    ("According to the US Geological Survey, the quake was shallow.", D2025, "US Geological Survey", None,
     "unlinked"),
])
def test_link_hard_cases(nlp, mini: ActorDictionary, text: str, published: date, mention: str,
                         actor_id: str | None, method: str) -> None:
    found = _mentions(nlp, mini, text, published)
    if actor_id is None:
        assert found.get(mention, (None, "unlinked")) == (None, "unlinked"), found
    else:
        assert found.get(mention) == (actor_id, method), found


def test_surname_after_full_name(nlp, mini: ActorDictionary) -> None:
    text = "Emmanuel Macron arrived in Berlin on Monday. Later, Macron said the two countries agreed."
    doc = nlp(text)
    found = [m for m in find_mentions(doc, article_id="a0", published=D2025, dictionary=mini) if m.text == "Macron"]
    assert found and all(m.actor_id == "emmanuel-macron" for m in found)


def test_title_phrase_is_not_a_country_mention(nlp, mini: ActorDictionary) -> None:
    found = _mentions(nlp, mini, "U.S. President Joe Biden and Russian President Vladimir Putin met.", D2022)
    assert found.get("Joe Biden") == ("joe-biden", "alias") and found.get("Vladimir Putin")[0] == "vladimir-putin"
    assert not any(a in {"USA", "RUS"} for a, _ in found.values()), found


@pytest.mark.parametrize(("text", "mention", "actor_id"), [
    # a name part of someone named earlier, after a title or alone
    ("North Korean leader Kim Jong Un met envoys on Friday. Mr Kim said talks would go on.", "Kim", "kim-jong-un"),
    # institutions every state has belong to the country the sentence is about
    ("Brazilian police cleared the square after rioters stormed the Congress in Brasilia.", "Congress", "BRA-LEG"),
    ("President Joe Biden said he would veto any bill that Congress passed.", "Congress", "USA-LEG"),
    # "the North" in a story about North Korea
    ("North Korea fired a missile on Sunday. It was the North's third test this year.", "North", "PRK"),
])
def test_article_context(nlp, mini: ActorDictionary, text: str, mention: str, actor_id: str) -> None:
    found = _mentions(nlp, mini, text, D2022)
    assert found.get(mention, (None, ""))[0] == actor_id, found


@pytest.mark.parametrize(("text", "mention", "actor_id"), [
    ("Georgia applied to join the European Union in 2022.", "Georgia", "GEO"),
    ("Police in Atlanta, Georgia, arrested two men on Friday.", "Georgia", None),
    ("Georgia's governor signed the bill into law.", "Georgia", None),
    ("Republican voters in Georgia went to the polls on Tuesday.", "Georgia", None),
    ("Washington imposed sanctions on the bank.", "Washington", "USA-GOV"),
    ("The company is based in Seattle, Washington, and employs 300 people.", "Washington", None),
    ("Washington state passed a new climate law.", "Washington", None),
])
def test_washington_and_georgia(nlp, mini: ActorDictionary, text: str, mention: str, actor_id: str | None) -> None:
    found = _mentions(nlp, mini, text, D2025)
    assert found.get(mention, (None, "unlinked"))[0] == actor_id, found


def test_unmatched_entities_stay_unlinked(nlp, mini: ActorDictionary) -> None:
    found = _mentions(nlp, mini, "Jane Doe of the Acme Foundation met Vladimir Putin.", D2025)
    assert found.get("Vladimir Putin") == ("vladimir-putin", "alias")
    unlinked = {t for t, (a, m) in found.items() if a is None}
    assert unlinked and all(found[t][1] == "unlinked" for t in unlinked)


def test_without_dictionary_every_entity_is_unlinked(nlp) -> None:
    doc = nlp("The Kremlin said Vladimir Putin would visit India.")
    found = find_mentions(doc, article_id="a0", published=D2025)
    assert found and all(m.actor_id is None and m.link_method == "unlinked" for m in found)


def test_mentions_skip_boilerplate(nlp, mini: ActorDictionary) -> None:
    text = "Share on Moscow Times   \nThe Kremlin said talks would resume."
    masked = " " * 22 + text[22:]  # the segmenter blanks boilerplate, offsets unchanged
    found = find_mentions(nlp(masked), article_id="a0", published=D2025, dictionary=mini)
    assert all(m.char_start >= 22 for m in found)
    assert any(m.actor_id == "RUS-GOV" for m in found)


# --- gate ------------------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("gold", "sha_key"), [(GOLD, "gold_sha256"), (DEV_GOLD, "dev_gold_sha256")])
def test_actor_gold_gate(gold: Path, sha_key: str) -> None:
    """Scores on the gold files stay above the floors pinned beside them (issue 4's targets)."""
    import hashlib

    from curation.evaluate.actors import evaluate

    floors = json.loads(FLOORS.read_text("utf-8"))
    assert hashlib.sha256(gold.read_bytes()).hexdigest() == floors[sha_key], \
        f"{gold} changed: re-measure and update gold/actors.floors.json with it"
    scores = evaluate(gold)
    assert scores["mention"]["f1"] >= floors["mention_f1"], scores["mention"]
    assert scores["linking"]["accuracy"] >= floors["linking_accuracy"], scores["linking"]
    assert scores["mention_overlap"]["f1"] >= scores["mention"]["f1"]


def test_config_extra_files_reach_the_pipeline(tmp_path: Path) -> None:
    """actors.extra_files in a user's config is read relative to the config file, and pinned in the manifest."""
    from curation.config import load_config
    from curation.pipeline import _versions, actor_files, get_resources

    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "mine.toml").write_text(
        '[[actor]]\nactor_id = "acme-militia"\nname = "Acme Militia"\nactor_type = "REBEL"\n'
        'aliases = ["Acme fighters"]\n', "utf-8")
    cfg_path = tmp_path / "config.toml"
    cfg_path.write_text('[actors]\nextra_files = ["extra/mine.toml"]\n', "utf-8")
    config = load_config(cfg_path)
    assert actor_files(config) == (str(tmp_path / "extra" / "mine.toml"),)
    resources = get_resources(config)
    assert {e.actor_id for e in resources.dictionary.lookup("Acme fighters")} == {"acme-militia"}
    pinned = _versions(resources)["dictionaries"]["actors"]
    assert pinned["sha256"] == resources.dictionary.sha256 and "+" in pinned["version"]


def _m(start: int, end: int, actor: str | None, label: str = "DICT", method: str = "alias"):
    from curation.records import Mention

    return Mention(mention_id=f"m{start}", article_id="a1", sentence_idx=0, char_start=start, char_end=end,
                   text="x" * (end - start), entity_label=label, actor_id=actor,
                   link_method=method if actor else "unlinked")


def test_scores_exact_overlap_linking() -> None:
    from curation.evaluate.actors import GoldArticle, GoldMention, score

    gold = [GoldArticle("a1", "s", (GoldMention(0, 6, "Russia", "RUS"), GoldMention(10, 24, "Vladimir Putin",
                                                                                   "vladimir-putin"),
                                    GoldMention(30, 37, "Kremlin", "RUS-GOV"), GoldMention(40, 45, "Serbs", None)))]
    system = {"a1": [
        _m(0, 6, "RUS"),  # exact, right id
        _m(17, 24, "vladimir-putin"),  # overlap only ("Putin" for "Vladimir Putin")
        _m(30, 37, "RUS"),  # exact, wrong id
        _m(40, 45, None, "NORP"),  # exact, both null: right
        _m(50, 56, None, "GPE"),  # an unlinked place: not an actor mention, not counted
        _m(60, 64, None, "PERSON"),  # spurious
    ]}
    s = score(gold, system)
    assert (s["gold_mentions"], s["system_mentions"]) == (4, 5)
    assert s["mention"]["tp"] == 3 and s["mention"]["precision"] == 0.6 and s["mention"]["recall"] == 0.75
    assert s["mention_overlap"]["tp"] == 4
    assert s["linking"] == {"accuracy": round(2 / 3, 4), "correct": 2, "n": 3}
    assert s["linking_by_method"]["alias"] == {"n": 2, "accuracy": 0.5}
    assert {e["kind"] for e in s["errors"]} == {"missed", "spurious", "link"}


def test_gold_file_errors(tmp_path: Path) -> None:
    from curation.errors import EvaluationError
    from curation.evaluate.actors import read_gold

    bad = tmp_path / "g.jsonl"
    bad.write_text('{"article_id": "a1", "source": "x.txt", "mentions": [{"char_start": 0, "char_end": 5, '
                   '"text": "Syria", "actor_id": "SYR"}, {"char_start": 3, "char_end": 8, "text": "ia is", '
                   '"actor_id": null}]}\n', "utf-8")
    with pytest.raises(EvaluationError, match=r"E100.*line 1.*overlap"):
        read_gold(bad)
    bad.write_text('{"article_id": "a1"}\n', "utf-8")
    with pytest.raises(EvaluationError, match=r"E100.*line 1"):
        read_gold(bad)


def test_surname_of_someone_else(nlp, mini: ActorDictionary) -> None:
    """A surname shared with a dictionary person belongs to the person named with it in the article."""
    text = ("Ali Abbas, a shopkeeper, said prices had doubled. Abbas said his family could not cope. Later, "
            "Mahmoud Abbas met the ministers, and Abbas promised help.")
    doc = nlp(text)
    found = [(m.text, m.actor_id) for m in find_mentions(doc, article_id="a0", published=D2025, dictionary=mini)
             if "Abbas" in m.text]
    assert found[0][1] is None and found[1][1] is None, found
    assert found[-1] == ("Abbas", "mahmoud-abbas") and ("Mahmoud Abbas", "mahmoud-abbas") in found, found


@pytest.mark.parametrize(("text", "actor_id"), [
    # two bearers of "Howard" held office in 2005: the one of the state the article names is meant
    ("Mr Howard told Conservative activists in Bournemouth that Labour had failed Britain.", "michael-howard"),
    ("Mr Howard told Liberal Party members in Sydney that Australia would stay the course.", "john-howard"),
])
def test_a_surname_two_office_holders_bear_goes_to_the_articles_state(nlp, text: str, actor_id: str) -> None:
    found = [m for m in find_mentions(nlp(text), article_id="a0", published=date(2005, 2, 1),
                                      dictionary=load_dictionary()) if m.text == "Howard"]
    assert found and found[0].actor_id == actor_id, found


@pytest.mark.parametrize(("text", "mention", "actor_id"), [
    # with no date to say which Bush, every bearer led the United States: the administration is its government
    ("The Bush administration declared that China must drop its barriers.", "Bush administration", "USA-GOV"),
    # a sentence's first word capitalized for its place does not make "Radical French" a name
    ("Radical French farmers said they would blockade Paris.", "French", "FRA"),
    # undated, a head of state's title before a surname names the one bearer who held such an office
    ("The German government welcomed President Reagan's latest statement.", "Reagan", "ronald-reagan"),
    # ... but "Mr" names nobody in particular
    ("Mr Reagan, a local shopkeeper, welcomed the plan.", "Reagan", None),
])
def test_undated_and_sentence_initial_names(nlp, text: str, mention: str, actor_id: str) -> None:
    found = {m.text: m.actor_id for m in find_mentions(nlp(text), article_id="a0", published=None,
                                                        dictionary=load_dictionary())}
    assert found.get(mention) == actor_id, found


def test_an_organisation_the_tagger_found_once_is_a_mention_wherever_it_is_written_again(nlp, mini):
    # The tagger finds "Cafod" in the first sentence only; the second is the same name (one sense per
    # discourse), and "aid" written in lower case is no name.
    text = ("The Catholic aid agency Cafod will host the speech on Wednesday. "
            "Cafod wants Britain to use its influence. Aid is not enough, it says.")
    doc = nlp(text)
    found = find_mentions(doc, article_id="a0", published=None, dictionary=mini)
    assert [m.char_start for m in found if m.text == "Cafod"] == [24, 65]


def test_a_name_keeps_its_capitals_but_generic_nouns_may_be_lower_case(nlp):
    dic = load_dictionary()
    got = _mentions(nlp, dic, "Taiwan's deputy foreign minister visited Russia today.", None)
    assert got["Russia"] == ("RUS", "alias")  # not the channel Russia Today
    got = _mentions(nlp, dic, "Russia Today broadcast the speech.", None)
    assert got["Russia Today"] == ("RT", "alias")
    got = _mentions(nlp, dic, "The Labour Party met the Conservative party on Monday.", None)
    assert {aid for aid, _ in got.values()} == {"GBR-LAB", "GBR-CON"}


def test_talking_to_a_broadcaster_is_an_interview_not_a_consultation(nlp):
    from curation.events import find_events
    from curation.records import Article

    text = "Speaking to Al Jazeera on Sunday, the French foreign minister criticised Iran."
    doc = nlp(text)
    art = Article(article_id="a0", source="t.txt", text=text, published=date(2024, 3, 6), published_precision="day")
    mentions = find_mentions(doc, article_id="a0", published=art.published, dictionary=load_dictionary())
    events, _ = find_events(doc, article=art, timexes=[], mentions=mentions, dictionary=load_dictionary())
    assert "CONSULT" not in {e.event_type for e in events}


def test_an_honorific_ends_a_name_the_tagger_ran_into_a_person(nlp):
    # "... to the Foreign Policy Centre Mr Straw said": the organisation ends where "Mr" begins
    dic = load_dictionary()
    got = _mentions(nlp, dic, "Jack Straw spoke. In a speech to the Foreign Policy Centre Mr Straw said he was "
                              "proud.", date(2005, 1, 10))
    assert "Foreign Policy Centre Mr Straw" not in got
    assert got["Straw"] == ("jack-straw", "alias")


def test_the_lord_chancellor_is_the_person_given_that_title(nlp):
    # "Lord Chancellor Lord Falconer": an honorific between the title and the name
    from curation.events import find_events
    from curation.records import Article

    text = ("Lord Chancellor Lord Falconer spoke in London on Monday. The Lord Chancellor has defended the plans of "
            "Britain. Britain and MPs. Britain.")
    doc = nlp(text)
    art = Article(article_id="a0", source="t.txt", text=text, published=date(2005, 1, 10), published_precision="day")
    mentions = find_mentions(doc, article_id="a0", published=art.published, dictionary=load_dictionary())
    events, _ = find_events(doc, article=art, timexes=[], mentions=mentions, dictionary=load_dictionary())
    assert any(e.event_type == "SUPPORT" and e.source_actor_id == "charles-falconer" for e in events)
