"""Events stage: the hard constructions, factuality, dating, location, rows and scoring.

Sentences are the team's own. Mentions are built from a small name -> actor id
table, so these tests exercise the events stage on mention spans whatever the
actor linker does.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from curation.events import find_events, is_analysis
from curation.events.confidence import FEATURES, fit
from curation.events.lexicon import load_lexicon
from curation.ids import make_id
from curation.records import Article, Mention
from curation.timexes import find_timexes

IDS = {
    "Russian forces": "RUS-MIL", "Russia": "RUS", "Ukraine": "UKR", "Kyiv": "UKR-GOV", "Armenia": "ARM",
    "Azerbaijan": "AZE", "Spain": "ESP", "Portugal": "PRT", "Serbia": "SRB", "Kosovo": "XKX", "Peru": "PER",
    "Chile": "CHL", "Egypt": "EGY", "Sudan": "SDN", "Japan": "JPN", "Korea": "KOR", "Brazil": "BRA",
    "Argentina": "ARG", "Iran": "IRN", "Iraq": "IRQ", "Ghana": "GHA", "Togo": "TGO", "Canada": "CAN",
    "Mexico": "MEX", "Libya": "LBY", "Chad": "TCD", "Niger": "NER", "Niamey": "NER-GOV", "Brussels": None,
    "Europe": None, "Norway": "NOR", "Finland": "FIN", "Greece": "GRC", "Turkey": "TUR", "Poland": "POL",
    "NATO": "NATO", "Mali": "MLI", "Senegal": "SEN", "Jordan": "JOR", "Syria": "SYR", "Maria Lopez": "maria-lopez",
    "Lopez": "maria-lopez", "Kenya": "KEN", "Russian": "RUS", "Ukrainian": "UKR", "Uganda": "UGA", "Vienna": None,
    "Austria": "AUT", "US": "USA", "Ana Silva": "ana-silva", "Audit Commission": "AUDIT-COMMISSION",
    "Labour": "GBR-LAB",
}
PLACES = {"Brussels", "Niamey", "Vienna", "Kyiv"}
PUB = date(2024, 3, 6)


def _mentions(doc, article_id: str) -> list[Mention]:
    text = doc.text
    sent_of = {}
    for i, s in enumerate(doc.sents):
        for t in s:
            sent_of[t.idx] = i
    spans: list[tuple[int, int, str]] = []
    for name in sorted(IDS, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(a < m.end() and m.start() < b for a, b, _ in spans):
                continue
            spans.append((m.start(), m.end(), name))
    out = []
    for a, b, name in sorted(spans):
        aid = IDS[name]
        label = "PERSON" if aid and aid[0].islower() else ("GPE" if name in PLACES or aid else "LOC")
        out.append(Mention(mention_id=make_id("m", article_id, a, b), article_id=article_id,
                           sentence_idx=sent_of.get(a, 0), char_start=a, char_end=b, text=name,
                           entity_label=label, actor_id=aid, link_method="alias" if aid else "unlinked"))
    return out


def _events(nlp, text: str, *, title: str | None = None, url: str | None = None, published: date | None = PUB):
    art = Article(article_id="a0", source="test.txt", text=text, title=title, url=url, published=published,
                  published_precision="day" if published else None)
    doc = nlp(text)
    tx = find_timexes(doc, article_id="a0", dct=published)
    return find_events(doc, article=art, timexes=tx, mentions=_mentions(doc, "a0"))[0]


def _tuples(events) -> set[tuple[str, str | None, str | None]]:
    return {(e.event_type, e.source_actor_id, e.target_actor_id) for e in events}


@pytest.mark.parametrize(("text", "expected"), [
    # active verb, subject and object
    ("Russia attacked Ukraine on Tuesday.", ("ASSAULT", "RUS", "UKR")),
    # passive voice: the agent is the source
    ("Kyiv was attacked by Russian forces on 3 March 2022.", ("ASSAULT", "RUS-MIL", "UKR-GOV")),
    # "X and Y held talks": light verb, conjoined subjects are a dyad
    ("Armenia and Azerbaijan held talks in Brussels.", ("CONSULT", "ARM", "AZE")),
    # "X met with Y"
    ("Spain met with Portugal on 4 May 2021.", ("CONSULT", "ESP", "PRT")),
    # nominal: "X's invasion of Y"
    ("Russia's invasion of Ukraine shocked the world.", ("ASSAULT", "RUS", "UKR")),
    # "talks between X and Y"
    ("Talks between Serbia and Kosovo resumed last year.", ("CONSULT", "SRB", "XKX")),
    # object control: "urged X to ..." codes the request, not its content
    ("Norway urged Finland to reopen the border.", ("REQUEST", "NOR", "FIN")),
    # light verb with the target on the event noun
    ("Greece imposed sanctions on Turkey.", ("SANCTION", "GRC", "TUR")),
    # relative clause: the modified noun is the subject
    ("Poland, which condemned Russia, asked for help.", ("ACCUSE", "POL", "RUS")),
    # a passive participle modifying the event noun
    ("Sanctions imposed by Kenya on Uganda took effect.", ("SANCTION", "KEN", "UGA")),
])
def test_structure(nlp, text, expected):
    assert expected in _tuples(_events(nlp, text))


def test_coordinated_actors_give_one_event_per_dyad(nlp):
    got = _tuples(_events(nlp, "Mali and Senegal imposed sanctions on Jordan."))
    assert {("SANCTION", "MLI", "JOR"), ("SANCTION", "SEN", "JOR")} <= got


def test_content_of_a_request_is_not_an_event(nlp):
    got = _tuples(_events(nlp, "Norway urged Finland to attack Syria."))
    assert ("REQUEST", "NOR", "FIN") in got
    assert not any(t == "ASSAULT" for t, _, _ in got)


@pytest.mark.parametrize(("text", "polarity", "modality"), [
    ("Peru and Chile met on Monday.", "asserted", "actual"),
    ("Peru and Chile did not meet.", "negated", "actual"),
    ("Peru never met Chile.", "negated", "actual"),
    ("Egypt could attack Sudan.", "asserted", "possible"),
    ("Egypt may attack Sudan.", "asserted", "possible"),
    ("Egypt might attack Sudan.", "asserted", "possible"),
    ("Japan will visit Korea.", "asserted", "future"),
    ("Brazil plans to visit Argentina.", "asserted", "future"),
    ("If Iran attacks Iraq, prices will rise.", "asserted", "conditional"),
    ("Officials said Ghana attacked Togo.", "asserted", "reported"),
    ("Ghana attacked Togo, according to officials.", "asserted", "reported"),
    ("Officials said Ghana would attack Togo.", "asserted", "future"),
    ("Ghana failed to attack Togo.", "negated", "actual"),
    # a present that lies ahead: a forward-pointing time on the verb
    ("Japan is visiting Korea next week.", "asserted", "future"),
    ("Japan meets Korea tomorrow.", "asserted", "future"),
    ("Japan is visiting Korea.", "asserted", "actual"),
])
def test_factuality(nlp, text, polarity, modality):
    evs = [e for e in _events(nlp, text) if e.source_actor_id and e.target_actor_id]
    assert evs, text
    assert (evs[0].polarity, evs[0].modality) == (polarity, modality)


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("Analysis - Where the trade war goes next", None, True),
    ("Opinion: a summit of small steps", None, True),
    (None, "https://example.org/opinion/2024/03/summit", True),
    ("Leaders meet in Vienna", "https://example.org/world/2024/03/summit", False),
])
def test_analysis_pieces_are_recognised(title, url, expected):
    art = Article(article_id="a", source="s", text="x", title=title, url=url)
    assert is_analysis(art) is expected


def test_analysis_speculation_is_not_actual(nlp):
    text = "Canada criticises Mexico at every turn. Canada could sanction Mexico soon."
    evs = _events(nlp, text, title="Analysis: the quarrel that will not end")
    assert evs
    assert all(e.modality != "actual" for e in evs)


@pytest.mark.parametrize(("text", "etype", "when", "precision", "basis"), [
    # the timex that governs the clause, not the nearest one
    ("Egypt attacked Libya on 2 May 2020 after Libya had accused Egypt in 2019.", "ASSAULT",
     date(2020, 5, 2), "day", "timex"),
    ("Egypt attacked Libya on 2 May 2020 after Libya had accused Egypt in 2019.", "ACCUSE",
     date(2019, 1, 1), "year", "timex"),
    # "the 2022 invasion" is a year-precision event
    ("Europe still remembers Russia's 2022 invasion of Ukraine.", "ASSAULT", date(2022, 1, 1), "year", "timex"),
    # no timex: the week that ends on the publication date, never a made-up day
    ("Chad attacked Niger.", "ASSAULT", PUB - timedelta(days=6), "week", "publication"),
    # a future event without a date has none
        ("Chad will attack Niger.", "THREATEN", None, None, "none"),  # PLOVER: a future attack is a threat
])
def test_dating(nlp, text, etype, when, precision, basis):
    ev = next(e for e in _events(nlp, text) if e.event_type == etype)
    assert (ev.event_date, ev.date_precision, ev.date_basis) == (when, precision, basis)


def test_location_and_country(nlp):
    ev = next(e for e in _events(nlp, "Chad attacked Niger in Niamey.") if e.event_type == "ASSAULT")
    assert (ev.location_text, ev.country) == ("Niamey", "NER")


def test_rows_are_consistent_and_deterministic(nlp):
    text = "Spain met with Portugal in Vienna on 4 May 2021. Egypt could attack Sudan."
    first = _events(nlp, text)
    again = _events(nlp, text)
    assert [e.event_id for e in first] == [e.event_id for e in again]
    for e in first:
        assert e.evidence == text[e.char_start:e.char_end]
        assert text[e.trigger_start:e.trigger_end] == e.trigger
        assert re.fullmatch(r"curation\.events\.plover/[\d.]+\+lexicon\.[\d.]+", e.extractor)
        assert 0.0 < e.confidence < 1.0
        assert e.quad_class and re.fullmatch(r"\d\d", e.cameo_root)
    assert len({e.confidence for e in first}) > 1  # features move the probability: not a constant


def test_event_actors_roles(nlp):
    doc, kw = _doc_args(nlp, "Maria Lopez met Kenya, Uganda and Mali on 1 June 2023.")
    evs, links = find_events(doc, **kw)
    assert {(e.source_actor_id, e.target_actor_id) for e in evs} >= {("maria-lopez", "KEN")}
    roles = {(ea.actor_id, ea.role) for ea in links if ea.event_id == evs[0].event_id}
    assert ("maria-lopez", "source") in roles


def _doc_args(nlp, text):
    art = Article(article_id="a0", source="t", text=text, published=PUB, published_precision="day")
    doc = nlp(text)
    return doc, {"article": art, "timexes": find_timexes(doc, article_id="a0", dct=PUB),
                 "mentions": _mentions(doc, "a0")}


def test_lexicon_covers_every_plover_type():
    lex = load_lexicon()
    assert set(lex.types) == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    used = {r.event_type for rules in lex.rules.values() for r in rules}
    assert used == set(lex.types)
    assert {t.quad_class for t in lex.types.values()} == {
        "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}


def test_malformed_lexicon_is_a_coded_error(tmp_path):
    from curation.errors import EventLexiconError

    (tmp_path / "plover.csv").write_text("event_type,quad_class,cameo_root,description\n"
                                         "ASSAULT,material_conflict,18,x\n", encoding="utf-8")
    (tmp_path / "modes.csv").write_text("event_type,mode,score\nASSAULT,,-9\nASSAULT,firearms,-9\n", encoding="utf-8")
    (tmp_path / "nouns.csv").write_text("lemma,class,sector,notes\n", encoding="utf-8")
    (tmp_path / "lexicon").mkdir()
    header = "lemma,pos,cue,args,event_type,cameo,mode,targets,symmetric,notes\n"
    bad_rows = ["attack,ADV,,,ASSAULT,190,,dobj,0,\n",  # no such part of speech
                "attack,VERB,,,ASSAULT,19x,,dobj,0,\n",  # not a CAMEO code
                "attack,VERB,,,ASSAULT,190,hunger,dobj,0,\n",  # not a mode of ASSAULT
                "attack,VERB,,obj:weird,ASSAULT,190,,dobj,0,\n",  # no such semantic class
                "attack,VERB,wat:x,,ASSAULT,190,,dobj,0,\n"]  # no such cue
    for row in bad_rows:
        (tmp_path / "lexicon" / "ASSAULT.csv").write_text(header + row, encoding="utf-8")
        load_lexicon.cache_clear()
        with pytest.raises(EventLexiconError, match=r"E090.*line 2"):
            load_lexicon(str(tmp_path))
    load_lexicon.cache_clear()


def test_confidence_fit_orders_features():
    good = dict.fromkeys(FEATURES, 0.0) | {"both_actors": 1.0, "has_source": 1.0, "has_target": 1.0}
    bad = dict.fromkeys(FEATURES, 0.0)
    model = fit([(good, 1)] * 8 + [(good, 0)] * 2 + [(bad, 0)] * 8 + [(bad, 1)] * 2)
    assert model.predict(good) > 0.6 > 0.4 > model.predict(bad)


def test_scoring_matches_tuples_one_to_one():
    from types import SimpleNamespace

    from curation.evaluate.events import GoldEvent, Scores, score_article

    gold = [GoldEvent("a", "met", "CONSULT", "ESP", "PRT", "2021-05-04", "day", "asserted", "actual", 1),
            GoldEvent("a", "attack", "ASSAULT", "EGY", "SDN", None, None, "asserted", "possible", 2)]
    system = [SimpleNamespace(event_type="CONSULT", source_actor_id="PRT", target_actor_id="ESP",
                              evidence="Spain met Portugal", event_date=date(2021, 5, 4), date_precision="day",
                              polarity="asserted", modality="actual", article_id="a", trigger="met"),
              SimpleNamespace(event_type="ASSAULT", source_actor_id="EGY", target_actor_id="LBY",
                              evidence="Egypt could attack Libya", event_date=None, date_precision=None,
                              polarity="asserted", modality="possible", article_id="a", trigger="attack")]
    scores = Scores()
    used = score_article(gold, system, scores)
    out = scores.as_dict()
    assert used == [True, False]  # CONSULT is symmetric: the dyad matches in either order
    assert (out["precision"], out["recall"], out["f1"]) == (0.5, 0.5, 0.5)
    assert (out["date_accuracy"], out["factuality_accuracy"]) == (1.0, 1.0)


@pytest.mark.parametrize(("text", "expected"), [
    # the actor a threat is about: the subject of its conditional clause
    ("Egypt warned of a harsh response if Sudan attacked.", ("THREATEN", "EGY", "SDN")),
    # the actor a demand is about: the subject of its that-clause
    ("Norway demanded that Finland withdraw.", ("REQUEST", "NOR", "FIN")),
    # coordinated modifiers are one target each, coded as the sector the head noun names
    ("Greece imposed sanctions on Russian and Ukrainian officials.", ("SANCTION", "GRC", "UKR-GOV")),
    ("Greece imposed sanctions on Russian and Ukrainian officials.", ("SANCTION", "GRC", "RUS-GOV")),
    # "he"/"she": the subject of the previous sentence
    ("Maria Lopez met Kenya on Monday. She urged Uganda to act.", ("REQUEST", "maria-lopez", "UGA")),
    # "it" in what a speaker says of itself is the speaker
    ("Jordan said it had attacked Syria.", ("ASSAULT", "JOR", "SYR")),
    # a verb the parser coordinates with the reported clause, whose subject names nobody: the reporter's
    ("Norway said there was no reason for the strike and accused Syria of lying.", ("ACCUSE", "NOR", "SYR")),
    ("Greece said three of them fell near its coast and lodged a protest with Turkey.", ("ACCUSE", "GRC", "TUR")),
    # "them"/"they": the latest coordination of named actors, a subject "they" a coordinated subject
    ("Norway held talks with Syria and Jordan and urged them to calm tensions.", ("REQUEST", "NOR", "SYR")),
    ("Norway held talks with Syria and Jordan and urged them to calm tensions.", ("REQUEST", "NOR", "JOR")),
    # (signing an agreement is SUPPORT in the PLOVER 2021 manual)
    ("Syria and Jordan met in Oslo. They signed a deal with Norway.", ("SUPPORT", "JOR", "NOR")),
    # the owner of the operation victims were harmed "in" is the attacker
    # (civilians are the CVL sector of their state, an actor made from the text)
    ("Ukrainian civilians have been killed in Jordan's air campaign.", ("ASSAULT", "JOR", "UKR-CVL")),
    # the target of an instrument hung on its "of" noun ("duties of the same size on X")
    ("Japan retaliated with duties of the same size on Russian goods.", ("SANCTION", "JPN", "RUS")),
    # a hyphenated pair of names on a symmetric event noun names both parties
    ("Officials prepared for Syria-Jordan talks in Oslo.", ("CONSULT", "SYR", "JOR")),
    # those harmed "in clashes with X" were harmed by X
    ("About 30 NATO soldiers were injured in clashes with Russian protesters.", ("ASSAULT", "RUS-CVL", "NATO")),
    # a target noun naming no actor stands for whose it is, who it comes from or who did it
    ("Norway backed the claims of Kurds in Syria.", ("SUPPORT", "NOR", "SYR-CVL")),
    ("Kenya demanded compensation from Uganda.", ("REQUEST", "KEN", "UGA")),
    ("Russian forces prevented a march organised by Ukrainian exiles.", ("COERCE", "RUS-MIL", "UKR")),
    ("Russian forces attacked a camp for Ukrainian refugees.", ("ASSAULT", "RUS-MIL", "UKR-REF")),
    # the parties a mission or talks are "between"
    ("Norway undertook a mediation mission between Syria and Jordan.", ("CONSULT", "NOR", "SYR")),
    ("Norway undertook a mediation mission between Syria and Jordan.", ("CONSULT", "NOR", "JOR")),
    # an arrest or a sentence with no agent written is by the police or the courts of the place
    ("Two Ukrainian journalists were sentenced to five years in prison in Russia.", ("COERCE", "RUS-JUD", "UKR-JRN")),
    ("A Ukrainian student was arrested in Syria for collaborating with Jordan.", ("COERCE", "SYR-POL", "UKR-EDU")),
    # a people placed in a state is that state's civilians ("ethnic Turks in Greece" are not Turkey)
    ("Norway condemned attacks on ethnic Turks in Greece.", ("ACCUSE", "NOR", "GRC-CVL")),
    # a name the parser coordinates with the verb is coordinated with its object
    ("Norway welcomed the deal and thanked the Syrian envoy, Jordan, and Greece for their role.",
     ("SUPPORT", "NOR", "GRC")),
])
def test_more_structure(nlp, text, expected):
    assert expected in _tuples(_events(nlp, text))


@pytest.mark.parametrize(("text", "modality"), [
    # a speaker reporting its own act is not a second-hand claim
    ("Jordan said it had attacked Syria.", "actual"),
    ("Officials said Jordan had attacked Syria.", "reported"),
    # an unconfirmed act is only possible
    ("Jordan has not confirmed it attacked Syria.", "possible"),
    # planning an attack is not attacking
    ("Jordan was plotting attacks on Syria.", "possible"),
])
def test_more_factuality(nlp, text, modality):
    ev = next(e for e in _events(nlp, text) if e.event_type == "ASSAULT")
    assert ev.modality == modality


@pytest.mark.parametrize("text", [
    "Jordan said there was no reason for the strike and accused Syria of lying.",
    "Jordan said two of them fell near its border and lodged a protest with Syria.",
])
def test_reporters_coordinated_act_is_as_factual_as_the_report(nlp, text):
    # "said ... and accused": the accusing is the reporter's own act, not part of what it reports
    ev = next(e for e in _events(nlp, text) if e.source_actor_id == "JOR")
    assert ev.modality == "actual"


def test_headline_repeated_in_the_body_is_not_coded_twice(nlp):
    text = "Chad attacks Niger\n\nChad attacked Niger on 2 May 2020."
    evs = _events(nlp, text, title="Chad attacks Niger")
    assert [e.sentence_idx for e in evs] == [1]


def test_events_without_any_known_actor_are_not_rows(nlp):
    assert _events(nlp, "The town was shelled for hours.") == []


class _Dictionary:
    """The few dictionary calls the coder makes, over a two-state world."""

    def lookup(self, text):
        from types import SimpleNamespace

        aid = {"Malian": "MLI", "Israeli": "ISR"}.get(text)
        return (SimpleNamespace(actor_id=aid, kind="demonym"),) if aid else ()

    def actor(self, aid):
        from types import SimpleNamespace

        if aid in ("MLI", "ISR", "MLI-GOV", "ISR-GOV"):
            return SimpleNamespace(actor_type="STATE" if len(aid) == 3 else "GOV", country=aid[:3], actor_id=aid)
        return None

    def sector(self, state, sector):
        return f"{state}-{sector}"

    def actor_for_event(self, aid, on_date):
        return aid


@pytest.mark.parametrize(("text", "name", "actor_id", "expected"), [
    # a known person with no dated office in the dictionary stays the person, coded by the office the article
    # gives them (issue 13: people stay people, with the state and sector beside them)
    ("Malian President Amadou Diallo resigned.", "Amadou Diallo", "amadou-diallo", ("amadou-diallo", "MLI", "GOV")),
    # a person the dictionary does not know (and the text did not make an actor), named with country and title
    ("Israeli Prime Minister Dan Levi spoke.", "Dan Levi", None, ("ISR-GOV", "ISR", "GOV")),
    # not in office: coded as themselves, with no sector (or not at all when unknown)
    ("Former Malian President Amadou Diallo spoke.", "Amadou Diallo", "amadou-diallo", ("amadou-diallo", None, None)),
    ("Dan Levi spoke.", "Dan Levi", None, None),
])
def test_people_are_coded_by_their_office(text, name, actor_id, expected):
    from curation.events.coding import ActorCoder

    a = text.index(name)
    m = Mention(mention_id="m1", article_id="a0", sentence_idx=0, char_start=a, char_end=a + len(name), text=name,
                entity_label="PERSON", actor_id=actor_id, link_method="alias" if actor_id else "unlinked")
    got = ActorCoder(_Dictionary(), [m], text).code(actor_id, m, PUB)
    assert (tuple(got) if got is not None else None) == expected


def test_plural_title_names_each_coordinated_appositive(nlp):
    # "Presidents Maria Lopez and Kenya's leader ...": parsed as a plural title with a coordinated appositive
    from spacy.tokens import Doc

    from curation.events.arguments import MentionIndex, resolve

    words = ["Presidents", "Maria", "Lopez", "and", "Kenya", "met", "."]
    doc = Doc(nlp.vocab, words=words, heads=[5, 2, 0, 2, 2, 5, 5],
              deps=["nsubj", "compound", "appos", "cc", "conj", "ROOT", "punct"],
              tags=["NNS", "NNP", "NNP", "CC", "NNP", "VBD", "."],
              pos=["NOUN", "PROPN", "PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"])
    refs = resolve(doc[0], MentionIndex(_mentions(doc, "a0")), {}, 0)
    assert [r.actor_id for r in refs] == ["maria-lopez", "KEN"]


def test_light_verb_event_noun_participle_dates_the_event(nlp):
    # "held a call lasting two hours on 3 March": the participle's date is the call's
    ev = next(e for e in _events(nlp, "Norway and Syria held a call lasting two hours on 3 March.")
              if e.event_type == "CONSULT")
    assert (ev.event_date, ev.date_precision) == (date(2024, 3, 3), "day")


def test_unattached_name_before_a_noun_modifies_it(nlp):
    # "NATO mediators did not manage ...": the parser leaves "NATO" as a bare dep of the verb
    from spacy.tokens import Doc

    from curation.events.arguments import MentionIndex, resolve

    words = ["NATO", "mediators", "did", "not", "manage", "to", "meet", "Serbia", "."]
    doc = Doc(nlp.vocab, words=words, heads=[4, 4, 4, 4, 4, 6, 4, 6, 4],
              deps=["dep", "nsubj", "aux", "neg", "ROOT", "aux", "xcomp", "dobj", "punct"],
              tags=["VBG", "NNS", "VBD", "RB", "VB", "TO", "VB", "NNP", "."],
              pos=["VERB", "NOUN", "AUX", "PART", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
              sent_starts=[True] + [False] * 8)
    refs = resolve(doc[1], MentionIndex(_mentions(doc, "a0")), {}, 0)
    assert [r.actor_id for r in refs] == ["NATO"]


@pytest.mark.parametrize(("text", "expected"), [
    # reported speech that demands: an obligation on a named actor
    ("Maria Lopez said Chile should release the sailors.", ("REQUEST", "maria-lopez", "CHL")),
    # "X was told he would ...": the hearer is not who "he" is
    ("Maria Lopez spoke in Oslo. The conference was told she would help Kenya.", ("AGREE", "maria-lopez", "KEN")),
    # whom a protest's demand is addressed to or about is whom it protests against
    ("Thousands of Ukrainian students marched to demand reforms by Russia.", ("PROTEST", "UKR-EDU", "RUS")),
    # "called X 'a machine for talking'": the parser may make X a predicate and hang "for" on the verb
    ("Maria Lopez called Chile \"a brilliant machine for talking about things\".", ("ACCUSE", "maria-lopez", "CHL")),
    # bare "councils" are the local government of the state the article is about (PLOVER GOV, not the national one)
    ("Kenya held an election. Kenya counted votes. Kenya named a cabinet. Local councils rejected Uganda's plan.",
     ("REJECT", "KEN-LOC", "UGA")),
    # a parenthetical claim is about the clause it interrupts
    ("Chile, Maria Lopez claims, is ramming the measures through.", ("ACCUSE", "maria-lopez", "CHL")),
    # "the US" is the United States, not the first-person "us"
    ("Maria Lopez said that the US must be ready to mediate between Chile and Peru.",
     ("REQUEST", "maria-lopez", "USA")),
    # the parser may make a participle the speaker ("the Kenya mission operating in Uganda said")
    ("Norway operating in Uganda said Kenya must open its border.", ("REQUEST", "NOR", "KEN")),
    # reported speech that criticises or praises an actor (evaluation.csv)
    ("Maria Lopez said Chile had failed the families.", ("ACCUSE", "maria-lopez", "CHL")),
    ("Maria Lopez said Peru's response had been outstanding.", ("SUPPORT", "maria-lopez", "PER")),
    # ... or whose clause reads strongly negative as a whole, its force in verbs and phrases
    ("Maria Lopez said Chile had cheated the fishermen and hurt their families.", ("ACCUSE", "maria-lopez", "CHL")),
])
def test_reported_speech_makes_demands_criticism_and_praise(nlp, text, expected):
    assert expected in _tuples(_events(nlp, text))


def test_praise_or_criticism_of_nobody_named_is_no_event(nlp):
    # CAMEO 051 and 111 have a recipient: judging people the text names no actor for is an opinion
    assert _events(nlp, "Maria Lopez said the new rules were a disgrace for ordinary families.") == []


def test_he_in_indirect_speech_after_the_speaker_is_the_speaker(nlp):
    # the speaker is the pronoun's nearest antecedent: nobody else (Ana Silva of the sentence before) is judged
    text = "Ana Silva met Maria Lopez in Oslo. Later Maria Lopez said that she was seeking a disgraceful deal."
    assert not [e for e in _events(nlp, text) if e.event_type == "ACCUSE"]


def test_a_mood_of_the_doer_in_a_reported_event_is_no_criticism(nlp):
    # "Angry Ukrainian farmers blocked ..., Russian police said": the police report the blockade; "angry" colours
    # the farmers, it is not the police's judgement of anyone
    evs = _events(nlp, "Angry Ukrainian farmers blocked the bridge to Poland for three hours, Russian police said.")
    assert [e.event_type for e in evs] == ["PROTEST"] and evs[0].modality == "reported"


@pytest.mark.parametrize(("text", "etype"), [
    # a future act is the intention or threat stated now (PLOVER 2021)
    ("Chile will meet Peru next week.", "AGREE"),
    ("Kenya will withdraw its troops from Uganda.", "CONCEDE"),
    ("Kenya will impose sanctions on Uganda.", "THREATEN"),
])
def test_future_acts_take_the_category_the_manual_gives_them(nlp, text, etype):
    evs = _events(nlp, text)
    assert [e.event_type for e in evs] == [etype] and evs[0].modality == "future"


@pytest.mark.parametrize("text", [
    # the content of a demand, accusation or agreement is not an event of its own
    "Norway urged Chile to release the prisoners.",
    "Norway accused Chile of attacking Peru.",
    "Norway and Chile agreed to hold talks.",
    # a clause that reads negative because of the event it reports is that event, not a criticism
    "Norway said it had expelled two Chilean diplomats for spying.",
])
def test_content_of_speech_acts_is_one_event(nlp, text):
    assert len({e.trigger for e in _events(nlp, text)}) == 1


def test_lead_event_is_marked_once_and_background_is_flagged(nlp):
    text = ("Norway imposed sanctions on Chile on Monday.\n\nThe sanctions follow talks which Norway had held with "
            "Peru in 2003.")
    evs = _events(nlp, text)
    assert sum(e.is_lead for e in evs) == 1
    assert next(e for e in evs if e.is_lead).event_type == "SANCTION"
    assert any(e.is_background for e in evs if e.event_type == "CONSULT")


def test_equipment_told_of_a_group_is_not_an_act_of_arming(nlp):
    evs = _events(nlp, "A camp was attacked by Russian forces armed with machetes.")
    assert [e.event_type for e in evs] == ["ASSAULT"]


def test_the_act_an_arrest_is_for_is_not_an_event(nlp):
    # "arrested for collaborating with X": the alleged act is the reason for the arrest, not a reported event
    evs = _events(nlp, "A Ukrainian student was arrested in Syria for collaborating with Jordan.")
    assert [e.event_type for e in evs] == ["COERCE"]


def test_a_capitalised_title_stands_for_the_person_given_it_not_a_shadow(nlp):
    # Titles in British news are capitalised ("The Foreign Secretary"); the shadow holder is not the holder.
    text = ("Shadow foreign secretary Ana Silva spoke on Monday. Foreign Secretary Maria Lopez flew to Kenya. "
            "The Foreign Secretary praised Kenya.")
    assert ("SUPPORT", "maria-lopez", "KEN") in _tuples(_events(nlp, text))
    text = "Shadow foreign secretary Ana Silva spoke on Monday. The Foreign Secretary praised Kenya."
    assert not any(e.source_actor_id == "ana-silva" for e in _events(nlp, text) if e.event_type == "SUPPORT")


def test_they_after_a_body_is_that_body_not_a_state_as_a_whole(nlp):
    # British English gives organisations plural pronouns: "NATO ... They condemned".
    assert ("ACCUSE", "NATO", "RUS") in _tuples(_events(nlp, "NATO met in Brussels on Monday. They condemned Russia."))
    # a state as a whole is "it": "they" after "Kenya" alone is not Kenya
    assert not any(e.source_actor_id == "KEN" for e in _events(nlp, "Kenya met on Monday. They condemned Russia."))


def test_a_definite_description_with_the_head_of_a_name_is_that_name(nlp):
    text = "The Audit Commission reported on Monday. The commission accused Kenya of waste."
    assert ("ACCUSE", "AUDIT-COMMISSION", "KEN") in _tuples(_events(nlp, text))


def test_the_party_is_the_party_named_last(nlp):
    from curation.actors.dictionary import load_dictionary

    text = "Maria Lopez joined Labour in 1990. Kenya praised the party on Monday."
    art = Article(article_id="a0", source="test.txt", text=text, published=PUB, published_precision="day")
    doc = nlp(text)
    events, _ = find_events(doc, article=art, timexes=find_timexes(doc, article_id="a0", dct=PUB),
                            mentions=_mentions(doc, "a0"), dictionary=load_dictionary())
    assert ("SUPPORT", "KEN", "GBR-LAB") in _tuples(events)


def test_an_article_that_names_no_state_is_about_the_state_its_institutions_say(nlp):
    # Domestic news of a national outlet: no state named, but "MPs" and "Downing Street" are Britain's.
    text = "MPs urged the government to publish the report. Downing Street said it would reply."
    assert ("REQUEST", "GBR-LEG", "GBR-GOV") in _tuples(_events(nlp, text))
    # one institution alone is not enough ("MPs" sit in many parliaments)
    assert not any(e.source_actor_id for e in _events(nlp, "MPs urged the government to publish the report."))


def test_home_cues_count_once_each_on_word_boundaries():
    lex = load_lexicon()
    assert lex.cue_states("MPs and MPs and more MPs") == {"GBR": 1}
    assert lex.cue_states("Commonsense prevailed at Westminsterly gatherings.") == {}
    assert lex.cue_states("It cost £5m, the Commons heard.") == {"GBR": 2}


def test_an_obligation_on_no_actor_is_an_opinion_not_a_demand(nlp):
    for text in ("Maria Lopez insisted that reform must continue.",
                 "Nobody should doubt the threat, Maria Lopez said."):
        assert not any(e.event_type == "REQUEST" for e in _events(nlp, text)), text
    assert ("REQUEST", "maria-lopez", "KEN") in _tuples(_events(nlp, "Maria Lopez said Kenya must sign the treaty."))


def test_a_threat_or_refusal_is_aimed_at_whom_its_content_is_done_to(nlp):
    # the people of the place of a threatened curfew, as "lifted a curfew in X" names its recipient
    got = _events(nlp, "Kenya threatened to impose a curfew in Niamey.")
    assert [(e.event_type, e.source_actor_id, e.target_country) for e in got] == [("THREATEN", "KEN", "NER")]
    # whom a refusal would let act ("refused to allow NATO planes to land")
    assert ("REJECT", "KEN", "NATO") in _tuples(_events(nlp, "Kenya refused to allow NATO planes to land."))


def test_a_mobilisation_is_aimed_at_the_adversary_of_its_purpose(nlp):
    got = _events(nlp, "Norway mobilised army reservists on Tuesday for a possible war against Russia.")
    assert ("MOBILIZE", "NOR", "RUS") in _tuples(got)


def test_the_wounded_are_people_not_a_wounding(nlp):
    got = _events(nlp, "Kenya evacuated the wounded from Chad on Friday.")
    assert [(e.event_type, e.source_actor_id, e.target_country) for e in got] == [("AID", "KEN", "TCD")]


def test_a_sources_report_of_an_event_is_not_its_judgement(nlp):
    # "..., police said": the words describing the attack are not the police's criticism of anyone
    text = "Gunmen from Chad killed 23 people in the second-worst attack this year, police in Niger said."
    assert not any(e.event_type == "ACCUSE" for e in _events(nlp, text))
    # a judgement stays one: "X said Y had failed"
    assert ("ACCUSE", "KEN", "UGA") in _tuples(_events(nlp, "Kenya said Uganda had failed its neighbours."))


def test_what_a_demand_asks_for_is_not_an_event(nlp):
    got = _events(nlp, "Kenya said it would not meet the rebels' demands to release prisoners in Uganda.")
    assert [e.event_type for e in got] == ["REJECT"]


def test_an_attack_by_nobody_named_is_by_unidentified_forces_of_the_attack_nouns_place(nlp):
    got = _events(nlp, "A roadside bombing near Chad's border town killed two soldiers from Niger.")
    assert [(e.event_type, e.source_actor_id) for e in got] == [("ASSAULT", "TCD-UAF")]


def test_in_protest_at_names_what_is_protested_against(nlp):
    # one protest (the hunger strike), aimed at what it is in protest of
    got = _events(nlp, "Refugees from Chad began a hunger strike in protest at Kenya's refusal to grant them asylum.")
    protests = [e for e in got if e.event_type == "PROTEST"]
    assert [(e.trigger, e.target_actor_id) for e in protests] == [("strike", "KEN")]


def test_a_possessive_date_dates_the_event_noun_and_is_not_its_doer(nlp):
    # "last Friday's bombing by X": Friday says when, X says who
    got = _events(nlp, "Kenya condemned last Friday's bombing in Chad by Russian forces.")
    bombing = [e for e in got if e.trigger == "bombing"]
    assert [(e.event_type, e.source_country, str(e.event_date)) for e in bombing] == [
        ("ASSAULT", "RUS", str(PUB - timedelta(days=(PUB.weekday() - 4) % 7 or 7)))]


def test_a_committee_no_name_was_given_is_the_legislature_of_the_articles_state(nlp):
    # British domestic news (the Commons, Downing Street): "a committee of MPs", "the environment select committee"
    text = ("The plans were debated in the Commons and Downing Street replied on Monday. "
            "A committee of MPs urged the government to redraft the bill. "
            "The environment select committee criticised the government.")
    got = _tuples(_events(nlp, text))
    assert {("REQUEST", "GBR-LEG", "GBR-GOV"), ("ACCUSE", "GBR-LEG", "GBR-GOV")} <= got


def test_they_goes_back_to_the_latest_plural_subject_even_when_it_is_no_actor(nlp):
    text = "Kenya set out its targets on Monday. The targets are ambitious. They will include aid to Uganda."
    assert not any(e.source_actor_id == "KEN" and e.event_type in ("AID", "AGREE") for e in _events(nlp, text))


def test_a_description_of_a_person_is_the_person_just_named(nlp):
    text = "Maria Lopez gave money to NATO last year. It is the latest donation to NATO by the billionaire."
    got = [e for e in _events(nlp, text) if e.sentence_idx == 1]
    assert [(e.event_type, e.source_actor_id, e.target_actor_id) for e in got] == [("AID", "maria-lopez", "NATO")]


def test_a_capitalised_plural_people_noun_is_still_people(nlp):
    got = _events(nlp, "Pensioners' protests spread across Kenya last week.")
    assert [(e.event_type, e.source_actor_id) for e in got] == [("PROTEST", "KEN-CVL")]


def test_victims_with_no_nationality_take_the_place_not_the_attackers_state(nlp):
    assert _tuples(_events(nlp, "Russian forces killed 23 people on Sunday.")) == {("ASSAULT", "RUS-MIL", None)}
    assert ("ASSAULT", "RUS-MIL", "UKR-CVL") in _tuples(_events(nlp, "Russian forces killed 23 people in Ukraine."))
    # an arrest with no place is domestic: the state's own people
    assert ("COERCE", "KEN", "KEN-CVL") in _tuples(_events(nlp, "Kenya arrested 23 people on Sunday."))


def test_coordinated_modifiers_give_their_actors_in_the_order_written(nlp):
    got = _events(nlp, "Ukrainian and Russian forces agreed on Wednesday to a truce.")
    assert [(e.source_country, e.target_country) for e in got if e.event_type == "AGREE"] == [("UKR", "RUS")]


def test_a_date_in_a_clause_inside_the_subject_dates_that_clause_not_the_main_verb(nlp):
    text = "The family of a civilian killed by Russian forces in September 2003 sued Kenya."
    got = {e.trigger: (e.date_basis, str(e.event_date)) for e in _events(nlp, text)}
    assert got["killed"] == ("timex", "2003-09-01")
    assert got["sued"][0] == "publication"


def test_an_act_promised_unless_the_other_side_gives_way_is_a_threat(nlp):
    got = _events(nlp, "Unless Uganda withdraws the bill, Kenya will vote against it next month.")
    assert [(e.event_type, e.source_actor_id) for e in got if e.trigger == "vote"] == [("THREATEN", "KEN")]
    # without the condition the refusal stays a rejection
    got = _events(nlp, "Kenya will vote against the bill next month.")
    assert [(e.event_type, e.source_actor_id) for e in got if e.trigger == "vote"] == [("REJECT", "KEN")]


def test_what_one_has_a_right_or_power_to_do_is_not_an_event(nlp):
    assert not _events(nlp, "Kenya gave its police the power to arrest rebels from Uganda.")


@pytest.mark.parametrize(("text", "expected"), [
    # a work with no owner of its own is the one whose author the article gave: judging it judges the author
    ("Kenya unveiled new proposals on fishing. Maria Lopez said the proposals had failed the fishermen.",
     ("ACCUSE", "maria-lopez", "KEN")),
    ("A report was published by Uganda on Monday. Kenya dismissed the research as rubbish.",
     ("REJECT", "KEN", "UGA")),
    ("Uganda's plans for the lake were debated. Maria Lopez said the new plans were inadequate.",
     ("ACCUSE", "maria-lopez", "UGA")),
])
def test_a_judged_work_stands_for_its_author(nlp, text, expected):
    assert expected in _tuples(_events(nlp, text))


def test_a_work_of_another_kind_or_an_owned_one_has_no_borrowed_author(nlp):
    # a report is not a plan; "Peru's plans" are Peru's, not the last author's
    assert not any(e.target_actor_id == "KEN" for e in _events(
        nlp, "Kenya published a report on fishing. Maria Lopez said the plans were inadequate."))
    assert ("ACCUSE", "maria-lopez", "PER") in _tuples(_events(
        nlp, "Kenya unveiled plans on fishing. Maria Lopez said Peru's plans were inadequate."))


@pytest.mark.parametrize(("text", "expected"), [
    # criticism a subject receives is the giver's criticism of the subject
    ("Kenya's plan drew criticism from Uganda.", ("ACCUSE", "UGA", "KEN")),
    ("Kenya has met with disapproval from Uganda.", ("ACCUSE", "UGA", "KEN")),
])
def test_criticism_received_is_the_givers(nlp, text, expected):
    assert expected in _tuples(_events(nlp, text))


def test_criticism_received_from_nobody_named_is_no_event(nlp):
    assert not any(e.event_type == "ACCUSE" for e in _events(nlp, "Kenya faced criticism over the plan."))


def test_a_warning_after_its_content_is_the_speakers_actual_criticism(nlp):
    # the parser coordinates "..., X has warned" with the clause it reports: that clause is the content, and
    # its modal ("could") is not the warning's; "find themselves ruined" is no report by the farmers
    got = _events(nlp, "Farmers could find themselves ruined by the cynical plans of Chile, Maria Lopez has warned.")
    assert [(e.event_type, e.source_actor_id, e.target_actor_id, e.modality) for e in got] == [
        ("ACCUSE", "maria-lopez", "CHL", "actual")]


def test_members_of_a_body_meeting_among_themselves_consult(nlp):
    # "Cabinet members held their last meeting": two or more actors of one body (PLOVER CONSULT, multilateral);
    # one body in the singular meeting ("the cabinet met") is no consultation
    got = _events(nlp, "Kenya's cabinet ministers held their last meeting on Monday.")
    assert [(e.event_type, e.source_actor_id, e.target_actor_id, e.mode) for e in got] == [
        ("CONSULT", "KEN-GOV", None, "multilateral")]
    assert _events(nlp, "Kenya's cabinet held a meeting on Monday.") == []


def test_the_two_men_are_the_two_people_just_named(nlp):
    got = _tuples(_events(nlp, "Maria Lopez met Ana Silva in Lima on Monday. Kenya likened the two women to "
                               "\"self-obsessed schoolboys\"."))
    assert {("ACCUSE", "KEN", "maria-lopez"), ("ACCUSE", "KEN", "ana-silva")} <= got
    # with one person named before, "the two women" stands for nobody in particular
    assert not any(t[0] == "ACCUSE" for t in _tuples(_events(
        nlp, "Maria Lopez spoke in Lima on Monday. Kenya likened the two women to \"schoolboys\".")))


def test_a_name_right_before_a_reporting_verb_with_no_subject_is_its_speaker(nlp):
    # the parser hangs "Maria Lopez" on the phrase before it and leaves "said" with no subject
    got = _tuples(_events(nlp, "Ana Silva spoke in Lima. In a speech to the Lima Policy Centre Maria Lopez said of "
                               "the minister: \"She is clever, but she is not wise.\""))
    assert ("ACCUSE", "maria-lopez", "ana-silva") in got


@pytest.mark.parametrize(("text", "expected"), [
    # an action asked for with nobody named to take it: a REQUEST with no recipient, or to whom it is told
    ("A national fishing body should be set up, Maria Lopez said.", ("REQUEST", "maria-lopez", None)),
    ("New powers are needed to close the ports, Maria Lopez told Kenya.", ("REQUEST", "maria-lopez", "KEN")),
])
def test_an_action_demanded_of_nobody_named_is_a_request(nlp, text, expected):
    assert expected in _tuples(_events(nlp, text))


def test_an_obligation_on_a_state_of_affairs_is_no_request(nlp):
    assert _events(nlp, "Maria Lopez insisted that reform must continue.") == []


def test_a_sector_noun_modifying_a_work_is_that_sector_of_the_articles_state(nlp):
    # "government plans" in an article about Kenya are the Kenyan government's; "government jobs" own nothing
    text = ("Kenya held an election. Kenya counted votes. Kenya named a cabinet. Maria Lopez defended government "
            "plans to close the ports.")
    assert ("SUPPORT", "maria-lopez", "KEN-GOV") in _tuples(_events(nlp, text))
    text = ("Kenya held an election. Kenya counted votes. Kenya named a cabinet. The proposals met with disapproval "
            "from Uganda.")
    assert not any(e.event_type == "CONSULT" for e in _events(nlp, text))


def test_a_legal_challenge_to_plans_accuses_their_owner(nlp):
    got = _tuples(_events(nlp, "Maria Lopez challenged Kenya's plans in the High Court."))
    assert any(t[0] == "ACCUSE" and t[1] == "maria-lopez" and t[2] == "KEN" for t in got)
    assert not any(e.event_type == "ACCUSE" for e in _events(nlp, "Maria Lopez challenged assumptions about war."))


def test_according_to_attributes_the_clause_to_its_source(nlp):
    got = _tuples(_events(nlp, "Chile had failed the farmers, according to Maria Lopez."))
    assert ("ACCUSE", "maria-lopez", "CHL") in got
    # a source's report of an event is not its judgement
    got = _events(nlp, "Gunmen from Chad killed 23 people in the second-worst attack this year, according to Niger.")
    assert not any(e.event_type == "ACCUSE" for e in got)


def test_a_report_speaks_for_the_author_it_names(nlp):
    got = _tuples(_events(nlp, "Kenya had betrayed its farmers, a report by Uganda says."))
    assert ("ACCUSE", "UGA", "KEN") in got
