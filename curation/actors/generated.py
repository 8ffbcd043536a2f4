"""Actors made from the text: every named party is an actor, also when the dictionary lacks it.

The actor dictionary holds states, their parts, international organisations,
armed groups and people in office; real news names many more parties:
companies (Chrysler, Thales), agencies (the NTSB, the Home Office),
institutions, campaign groups and people out of office (Mary Robinson). A
mention the linker could not place becomes an actor of its own here, so that an
event between a company and a government keeps both sides:

- a person named with at least a first name and a surname gets a slug id
  (``mary-robinson``); a later surname alone ("Mrs Robinson", "Robinson") is
  the same person; a first name, a surname never written in full, a month or a
  single word is never made a person;
- an organisation gets an upper-case id from its name (``LOCKHEED-MARTIN``),
  a kind from its name's head word and the nouns around it (a company, an
  agency, a court, a party, a union, the military), the PLOVER sector that kind
  implies (BUS, GOV, JUD, PTY, LAB, MIL ...) and a country when a nationality or
  a country's possessive stands right before it ("France's Thales" -> FRA; the
  state itself is then not an actor of that phrase).

Ids are made from the name alone, so the same company in two articles is one
actor. An id the dictionary already uses is never reused for another actor.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from curation.nlp import doc_text
from curation.records import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from curation.actors.dictionary import ActorDictionary

MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "baroness", "professor",
                        "prof", "rev", "president", "minister", "senator", "judge", "general", "chancellor", "dj"})
_INSIDE_NAME_TITLES = frozenset({"mr", "mrs", "ms", "dr"})
# Last words of names that are documents, events, programmes or policies, not parties ("the Prevention of
# Terrorism Bill", "the Common Agricultural Policy", "the General Election", "Breakfast with Frost"'s "Hour").
NOT_PARTY_HEADS = frozenset({"bill", "act", "acts", "policy", "budget", "election", "elections", "programme",
                             "program", "hour", "show", "report", "treaty", "convention", "agreement", "summit",
                             "strategy", "plan", "review", "day", "week", "year", "award", "awards", "prize", "cup",
                             "games", "festival", "conference", "initiative", "declaration", "manifesto",
                             "charter", "accord", "protocol", "index", "fund's", "case", "crisis", "war"})
# Offices: a name ending with one describes a person's role, not an organisation.
TITLE_WORDS = frozenset({"coordinator", "secretary", "minister", "president", "chairman", "chairwoman", "director",
                         "commissioner", "spokesman", "spokeswoman", "envoy", "ambassador", "chief", "leader",
                         "general", "governor", "mayor", "premier", "chancellor", "representative", "rapporteur"})
# Single capitalised words spaCy tags as organisations that are common words or calendar names here.
COMMON_WORDS = frozenset({"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "budget",
                          "election", "central", "government", "parliament", "cabinet", "treasury", "opposition",
                          "commons", "lords", "council", "court", "police", "army", "state", "city", "union",
                          "today", "news", "times", "post", "radio", "internet", "web", "tv", "gmt", "bst", "gdp",
                          "vat", "nhs", "mps", "meps", "peers", "ministers", "mp", "mep"})
# Words right before a name that make it a place ("the constituency of Bethnal Green", "MP for Derby North";
# not "according to the Hansard Society").
_PLACE_BEFORE = re.compile(r"(\b(in|at|near|from|(?<!according )to|into|across|around|outside|inside)|"
                           r"\b(constituency|town|city|village|county|borough|district|region|province|ward|seat) of|"
                           r"\bMP for|\bmember for)\s+(the\s+)?$", re.I)
_NOT_NAME = frozenset({"the", "a", "an", "of", "and", "&"})
# Words of an organisation's name that give its kind and PLOVER sector, checked from the last word back.
ORG_HEADS: tuple[tuple[frozenset[str], str, str | None], ...] = (
    (frozenset({"party", "tories", "conservatives", "labour", "democrats", "republicans"}), "PARTY", "PTY"),
    (frozenset({"court", "tribunal", "judiciary"}), "GOV", "JUD"),
    (frozenset({"parliament", "assembly", "senate", "congress", "commons", "lords", "committee"}), "GOV", "LEG"),
    (frozenset({"police", "constabulary", "yard"}), "GOV", "COP"),
    (frozenset({"army", "navy", "corps", "regiment", "guard", "forces"}), "MIL", "MIL"),
    (frozenset({"ministry", "department", "office", "agency", "commission", "authority", "administration",
                "service", "council", "board", "treasury", "executive", "bureau", "inspectorate", "directorate",
                "government", "cabinet", "secretariat", "institute", "inquiry"}), "GOV", "GOV"),
    (frozenset({"union", "unions", "tuc", "federation"}), "GROUP", "LAB"),
    (frozenset({"university", "college", "school", "academy"}), "GROUP", "EDU"),
    (frozenset({"church", "diocese", "mosque", "synod"}), "GROUP", "REL"),
    (frozenset({"bbc", "times", "post", "news", "newspaper", "television", "tv", "radio", "press", "herald",
                "guardian", "telegraph", "journal", "gazette", "channel"}), "MEDIA", "JRN"),
    (frozenset({"inc", "ltd", "plc", "corp", "corporation", "co", "company", "group", "holdings", "bank",
                "airlines", "airways", "motors", "industries", "systems", "technologies", "energy", "oil",
                "petroleum", "pharmaceuticals", "insurance", "capital", "partners", "ag", "sa", "gmbh", "nv",
                "llc", "stores", "foods", "brewery", "telecom", "communications"}), "COMPANY", "BUS"),
    (frozenset({"association", "foundation", "trust", "society", "campaign", "alliance", "coalition",
                "movement", "network", "watch", "concern", "league", "fund", "charity", "organisation",
                "organization", "group"}), "GROUP", "SOC"),
)
# Nouns in apposition or just before the name that say it is a company ("the carmaker Chrysler").
COMPANY_NOUNS = frozenset({"company", "firm", "group", "carmaker", "automaker", "airline", "bank", "retailer",
                           "supermarket", "manufacturer", "maker", "giant", "chain", "operator", "producer",
                           "insurer", "lender", "contractor", "conglomerate", "brewer", "supplier"})
# Words next to a name that speak of a business ("Boeing's shares", "Chrysler's profits").
BUSINESS_WORDS = frozenset({"shares", "profits", "profit", "sales", "shareholders", "takeover", "revenues",
                            "earnings", "stake", "chief", "ceo"})
_WORD = re.compile(r"[A-Za-z0-9]+")
_STATE_ID = re.compile(r"^[A-Z]{3}(?:-[A-Z]{3})?$")  # a state or a part of one ("TCD-REB")


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-joined words of ``text``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(w.lower() for w in _WORD.findall(ascii_text))


def _clean_name(text: str) -> str:
    text = text.split("(")[0]  # "Associated Cement Companies (ACC": the parenthesised short form is its own name
    words = text.replace("’", "'").split()
    while words and words[0].lower().rstrip(".") in _NOT_NAME | HONORIFICS:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words).strip(" ,.;:'\"")


def _is_full_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.lower() not in ("de", "van", "von", "al",
                                                                                        "bin", "der", "la", "du"))


def _bad_org(doc: Doc, text: str, m: Mention, name: str) -> bool:
    """A span that is not an organisation's name: a title inside it ("Times Mr"), a verb first ("Analysing Mr
    Brown"), a document or event ("the Prevention of Terrorism Bill"), a common word, an "Ex-" description, or a
    place ("in Ledbury", "the constituency of Bethnal Green")."""
    if _PLACE_BEFORE.search(text[max(0, m.char_start - 30):m.char_start]) or _placed(text, m):
        return True
    words = _WORD.findall(name)
    low = [w.lower() for w in words]
    if not low or any(w in _INSIDE_NAME_TITLES for w in low) or name.lower().startswith("ex-"):
        return True
    if low[-1] in NOT_PARTY_HEADS or low[-1] in TITLE_WORDS or (len(low) == 1 and low[0] in COMMON_WORDS):
        return True  # a document, an event, a common word, or an office ("the UN Emergency Relief Coordinator")
    span = doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].is_sent_start and span[0].pos_ == "NOUN":
        return True  # "Taxes will be raised ...": a common noun capitalised at the start of a sentence
    return span is not None and len(span) > 0 and span[0].tag_ in ("VBG", "VB", "VBD", "VBN", "VBZ")


_PLACE_NOUN_AFTER = re.compile(r"\s+(ward|borough|constituency|district|county|parish|estate|council area)\b", re.I)
_IN_PLACE_AFTER = re.compile(r",\s+(in|near)\s+(the\s+)?[A-Z]")
_PLACE_NOUN_BEFORE = re.compile(r"\b(ward|borough|constituency|district|county|parish|prison|town|city|village|"
                                r"suburb|province|region),\s+$", re.I)


def _placed(text: str, m: Mention) -> bool:
    """A name the text places as a place: "Stepney Green ward", "Bethnal Green, in London", "the ward, Tower
    Hamlets" (spaCy tags such names PERSON or ORG often enough)."""
    after = text[m.char_end:m.char_end + 24]
    return bool(_PLACE_NOUN_AFTER.match(after) or _IN_PLACE_AFTER.match(after)
                or _PLACE_NOUN_BEFORE.search(text[max(0, m.char_start - 24):m.char_start]))


def _bad_person(name: str, dictionary: ActorDictionary | None) -> bool:
    """A span tagged PERSON that names a party, an organisation or a programme ("Old Labour", "Lib Dems")."""
    low = [w.lower() for w in _WORD.findall(name)]
    if any(w in NOT_PARTY_HEADS or w in ("party", "labour", "tory", "tories", "dems", "democrats") for w in low):
        return True
    if dictionary is not None:
        for w in low:
            for e in dictionary.lookup(w.capitalize()):
                act = dictionary.actor(str(e.actor_id))
                if act is not None and act.actor_type in ("PARTY", "STATE", "IGO"):
                    return True
    return False


def home_state(mentions: Sequence[Mention], dictionary: ActorDictionary | None = None,
               places: Mapping[str, int] | None = None, cues: Mapping[str, int] | None = None) -> str | None:
    """The state an article is about: named (itself, its parts, or with the ``dictionary``, its people, or
    ``places``: how many of the article's place names lie in each state) at least three times and at least
    twice as often as any other. ``cues``, how many distinct words of each state's institutions the text
    holds ("MPs", "Downing Street"), count as namings; in an article that names no state at all, two of them
    for one state (and none for another) are enough: domestic news of a national outlet names its state
    seldom.

    An article on British politics that names Labour, Tony Blair and Michael Howard but "Britain" once is
    about Britain: people the dictionary gives a country count for it as parties and ministries do."""
    counts: dict[str, int] = dict(places or {})
    people: dict[str, str | None] = {}
    for m in mentions:
        aid = m.actor_id or ""
        if len(aid) >= 3 and aid[:3].isupper() and aid[:3].isalpha() and (len(aid) == 3 or aid[3] == "-") and (
                dictionary is None or dictionary.is_state(aid[:3])):  # "BBC" is no state
            counts[aid[:3]] = counts.get(aid[:3], 0) + 1
        elif aid[:1].islower() and dictionary is not None:
            if aid not in people:
                act = dictionary.actor(aid)
                people[aid] = act.country if act is not None and act.actor_type == "PERSON" else None
            country = people[aid]
            if country:
                counts[country] = counts.get(country, 0) + 1
    if cues:
        if not counts:
            by_cue = sorted(cues.items(), key=lambda kv: (-kv[1], kv[0]))
            if by_cue[0][1] >= 2 and len(by_cue) == 1:
                return by_cue[0][0]
        for state, n in cues.items():
            counts[state] = counts.get(state, 0) + n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _org_kind(name: str, around: Sequence[str], national: bool = False) -> tuple[str, str | None]:
    """Kind and sector from the name's head word, else the words around it; a bare name under a nationality
    ("France's Thales", "the Swiss Holcim") with no institutional head is a company."""
    words = [w.lower() for w in _WORD.findall(name)]
    for w in reversed(words):
        for heads, kind, sector in ORG_HEADS:
            if w in heads:
                return kind, sector
    if any(w in COMPANY_NOUNS or w in BUSINESS_WORDS for w in around) or national:
        return "COMPANY", "BUS"
    return "OTHER", None


class _Maker:
    def __init__(self, dictionary: ActorDictionary | None) -> None:
        self.dictionary = dictionary
        self.actors: dict[str, Actor] = {}

    def free_id(self, wanted: str) -> str:
        if self.dictionary is None or self.dictionary.actor(wanted) is None or wanted in self.actors:
            return wanted
        return f"T-{wanted}"

    def add(self, actor: Actor) -> str:
        self.actors.setdefault(actor.actor_id, actor)
        return actor.actor_id


def _country_before(text: str, mention: Mention, by_start: dict[int, Mention],
                    dictionary: ActorDictionary | None = None) -> str | None:
    """A state named right before the mention ("France's Thales", "the Swiss firm Holcim")."""
    for m in by_start.values():
        if m.char_end <= mention.char_start and mention.char_start - m.char_end <= 12 and m.actor_id and (
                len(m.actor_id) == 3 and m.actor_id.isupper()) and (
                dictionary is None or dictionary.is_state(m.actor_id)):
            between = text[m.char_end:mention.char_start].lower()
            if between.strip() in ("'s", "’s", "", "firm", "company", "group", "'s firm", "'s company") or (
                    all(w in COMPANY_NOUNS | {"the", "'s", "’s"} for w in between.split())):
                return m.actor_id
    return None


_RULER_TITLE = re.compile(r"\b(King|Queen|Emir|Sultan|Sheikh|Shah|Prince|Crown Prince|President|Premier|Prime Minister|"
                          r"Chancellor|Minister|General|Gen\.|Lt\. Gen\.|Colonel|Col\.|Ayatollah)\s+$")
_OF_AFTER = re.compile(r"\s+of\s+(the\s+)?$")


_OFFICER_TITLES = frozenset({"General", "Gen.", "Lt. Gen.", "Colonel", "Col."})


def _ruler(text: str, m: Mention, by_start: dict[int, Mention],
           dictionary: ActorDictionary | None = None) -> tuple[str, str, str] | None:
    """(state, title, sector) of "King Hassan of Morocco", "President X of Sudan": a titled name followed by
    "of <state>"; the sector is MIL for an officer's title, GOV for a ruler's or minister's."""
    title = _RULER_TITLE.search(text[max(0, m.char_start - 20):m.char_start])
    if title is None:
        return None
    for other in by_start.values():
        if 0 < other.char_start - m.char_end <= 9 and _OF_AFTER.match(text[m.char_end:other.char_start]) and (
                other.actor_id and len(other.actor_id) == 3 and other.actor_id.isupper()) and (
                dictionary is None or dictionary.is_state(other.actor_id)):
            return other.actor_id, title.group(1), "MIL" if title.group(1) in _OFFICER_TITLES else "GOV"
    return None


# Titles of an office of state before a name ("President Laurent Gbagbo", "Vice-President Moody Awori").
_OFFICE_TITLE = re.compile(r"\b(?:(?:Vice|Deputy)[- ])?(President|Premier|Prime Minister|Minister|King|Queen|Emir|"
                           r"Sultan|Chancellor|General|Gen\.|Lt\. Gen\.|Colonel|Col\.)\s+$")


def _office_state(text: str, m: Mention, mentions: Sequence[Mention],
                  dictionary: ActorDictionary | None) -> tuple[str, str] | None:
    """(state, sector) of a person the text names with an office's title and no "of <state>": the state
    named right before the title ("Gambian President X", "Kenya's Vice-President X"), else the one state
    its sentence names ("Rebels in the Ivory Coast dismissed an appeal from President X"). Officers are MIL."""
    window = max(0, m.char_start - 30)
    title = _OFFICE_TITLE.search(text, window, m.char_start)
    if title is None or dictionary is None:
        return None
    sector = "MIL" if title.group(1) in _OFFICER_TITLES else "GOV"
    title_start = title.start()
    # the word before the title: a demonym or a state's possessive ("Gambian President", "Kenya's President")
    before = _WORD.findall(text[max(0, title_start - 30):title_start].removesuffix(" ").removesuffix("'s")
                           .removesuffix("’s"))
    for n in (2, 1):
        if len(before) >= n:
            for e in dictionary.lookup(" ".join(before[-n:])):
                if e.kind in ("name", "short", "demonym") and dictionary.is_state(str(e.actor_id)):
                    return str(e.actor_id), sector
    named = {aid[:3] for o in mentions if o.sentence_idx == m.sentence_idx
             for aid in [o.actor_id or ""] if _STATE_ID.match(aid) and dictionary.is_state(aid[:3])}
    if len(named) == 1:
        return next(iter(named)), sector
    return None


def _titled_person(m: Mention, text: str, dictionary: ActorDictionary | None) -> Mention:
    """``m`` as a person's name when the tagger made an organisation of a full name after an office's title
    ("Vice-President Moody Awori")."""
    name = _clean_name(m.text)
    if m.actor_id is None and m.entity_label == "ORG" and _is_full_name(name) and _OFFICE_TITLE.search(
            text, max(0, m.char_start - 30), m.char_start) and not _bad_person(name, dictionary):
        return replace(m, entity_label="PERSON")
    return m


def _country_in_name(name: str, dictionary: ActorDictionary | None) -> str | None:
    """The state a name opens with or closes on ("Latvian Constitutional Court", "Bank of Japan")."""
    if dictionary is None:
        return None
    words = name.split()
    if len(words) < 2:
        return None
    candidates = [words[0]]
    low = [w.lower() for w in words]
    if "of" in low[1:-1]:
        candidates.append(" ".join(words[low.index("of", 1) + 1:]).removeprefix("the ").removeprefix("The "))
    for cand in candidates:
        for e in dictionary.lookup(cand):
            aid = str(e.actor_id)
            if e.kind in ("name", "short", "demonym") and dictionary.is_state(aid):
                return aid
    return None


def generate(doc: Doc, mentions: Sequence[Mention], dictionary: ActorDictionary | None
             ) -> tuple[list[Mention], list[Actor]]:
    """The mentions with actors made for the unlinked names, and those actors."""
    maker = _Maker(dictionary)
    text = doc_text(doc)
    by_start = {m.char_start: m for m in mentions}
    home = home_state(mentions, dictionary)
    surnames: dict[str, str] = {}  # surname -> person id, from full names written in the article
    out: list[Mention] = []
    ordered = [_titled_person(m, text, dictionary) for m in sorted(mentions, key=lambda m: m.char_start)]
    # Full names first, wherever they are: "Mrs Robinson" in a headline before "Mary Robinson" in the body.
    for m in ordered:
        if m.actor_id is None and m.entity_label == "PERSON":
            name = _clean_name(m.text)
            if _is_full_name(name) and name.split()[-1].lower() not in MONTHS and not _bad_person(
                    name, dictionary) and not _placed(text, m) and not _PLACE_BEFORE.search(
                    text[max(0, m.char_start - 30):m.char_start]):
                pid = maker.free_id(slug(name))
                surnames.setdefault(name.split()[-1].lower(), pid)
                ruled = _ruler(text, m, by_start, dictionary)
                office = _office_state(text, m, ordered, dictionary) if ruled is None else (ruled[0], ruled[2])
                maker.add(Actor(actor_id=pid, name=name, actor_type="PERSON", country=office[0] if office else None,
                                sector=office[1] if office else None, origin="text"))
        elif m.actor_id is not None and m.actor_id[:1].islower():
            surnames.setdefault(m.text.split()[-1].lower().removesuffix("'s"), m.actor_id)
    for m in ordered:
        if m.actor_id is not None:
            out.append(m)
            continue
        made: str | None = None
        if m.entity_label == "PERSON":
            name = _clean_name(m.text)
            if _is_full_name(name):
                made = maker.free_id(slug(name))
                if made not in maker.actors:
                    made = None
            elif name and name.lower() not in MONTHS and " " not in name:
                made = surnames.get(name.lower())
                ruled = _ruler(text, m, by_start, dictionary) if made is None else None
                if ruled is not None:
                    # "King Hassan of Morocco": a ruler named by title and one name, with the state they rule.
                    full = f"{ruled[1]} {name}"
                    made = maker.add(Actor(actor_id=maker.free_id(slug(full)), name=full, actor_type="PERSON",
                                           country=ruled[0], sector=ruled[2], origin="text"))
        elif m.entity_label == "ORG" and " " not in _clean_name(m.text) and _clean_name(m.text).lower() in surnames:
            made = surnames[_clean_name(m.text).lower()]  # "Clarke" tagged as an organisation after "Charles Clarke"
        elif m.entity_label == "ORG":
            name = _clean_name(m.text)
            if name and len(name) > 1 and name.lower() not in MONTHS and any(c.isalpha() for c in name) and (
                    not _bad_org(doc, text, m, name)):
                lo = max(0, m.char_start - 40)
                around = [w.lower() for w in _WORD.findall(text[lo:m.char_start])[-3:]]
                around += [w.lower() for w in _WORD.findall(text[m.char_end:m.char_end + 30])[:3]]
                country = _country_before(text, m, by_start, dictionary)
                kind, sector = _org_kind(name, around, national=country is not None)
                if country is None:
                    country = _country_in_name(name, dictionary)
                if country is None and kind == "GOV" and home is not None:
                    country = home  # a ministry, agency or council of the state the article is about
                oid = maker.free_id(slug(name).upper())
                made = maker.add(Actor(actor_id=oid, name=name, actor_type=kind, country=country, sector=sector,
                                       origin="text"))
        out.append(replace(m, actor_id=made, link_method="generated") if made else m)
    used = {m.actor_id for m in out if m.link_method == "generated"}
    return out, [a for aid, a in sorted(maker.actors.items()) if aid in used]
