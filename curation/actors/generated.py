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
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from curation.records import Actor, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from curation.actors.dictionary import ActorDictionary

MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "baroness", "professor",
                        "prof", "rev", "president", "minister", "senator", "judge", "general", "chancellor"})
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
_WORD = re.compile(r"[A-Za-z0-9]+")


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-joined words of ``text``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(w.lower() for w in _WORD.findall(ascii_text))


def _clean_name(text: str) -> str:
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


def _org_kind(name: str, around: Sequence[str]) -> tuple[str, str | None]:
    words = [w.lower() for w in _WORD.findall(name)]
    for w in reversed(words):
        for heads, kind, sector in ORG_HEADS:
            if w in heads:
                return kind, sector
    if any(w in COMPANY_NOUNS for w in around):
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


def _country_before(doc: Doc, mention: Mention, by_start: dict[int, Mention]) -> str | None:
    """A state named right before the mention ("France's Thales", "the Swiss firm Holcim")."""
    for m in by_start.values():
        if m.char_end <= mention.char_start and mention.char_start - m.char_end <= 12 and m.actor_id and (
                len(m.actor_id) == 3 and m.actor_id.isupper()):
            between = doc.text[m.char_end:mention.char_start].lower()
            if between.strip() in ("'s", "’s", "", "firm", "company", "group", "'s firm", "'s company") or (
                    all(w in COMPANY_NOUNS | {"the", "'s", "’s"} for w in between.split())):
                return m.actor_id
    return None


def generate(doc: Doc, mentions: Sequence[Mention], dictionary: ActorDictionary | None
             ) -> tuple[list[Mention], list[Actor]]:
    """The mentions with actors made for the unlinked names, and those actors."""
    maker = _Maker(dictionary)
    by_start = {m.char_start: m for m in mentions}
    surnames: dict[str, str] = {}  # surname -> person id, from full names written in the article
    out: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.char_start)
    # Full names first, wherever they are: "Mrs Robinson" in a headline before "Mary Robinson" in the body.
    for m in ordered:
        if m.actor_id is None and m.entity_label == "PERSON":
            name = _clean_name(m.text)
            if _is_full_name(name) and name.split()[-1].lower() not in MONTHS:
                pid = maker.free_id(slug(name))
                surnames.setdefault(name.split()[-1].lower(), pid)
                maker.add(Actor(actor_id=pid, name=name, actor_type="PERSON", country=None, origin="text"))
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
        elif m.entity_label == "ORG":
            name = _clean_name(m.text)
            if name and len(name) > 1 and name.lower() not in MONTHS and any(c.isalpha() for c in name):
                lo = max(0, m.char_start - 40)
                around = [w.lower() for w in _WORD.findall(doc.text[lo:m.char_start])[-3:]]
                around += [w.lower() for w in _WORD.findall(doc.text[m.char_end:m.char_end + 30])[:3]]
                kind, sector = _org_kind(name, around)
                country = _country_before(doc, m, by_start)
                oid = maker.free_id(slug(name).upper())
                made = maker.add(Actor(actor_id=oid, name=name, actor_type=kind, country=country, sector=sector,
                                       origin="text"))
        out.append(replace(m, actor_id=made, link_method="generated") if made else m)
    used = {m.actor_id for m in out if m.link_method == "generated"}
    return out, [a for aid, a in sorted(maker.actors.items()) if aid in used]
