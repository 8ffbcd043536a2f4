"""The semantic class of an argument phrase, for the lexicon's argument constraints.

A trigger counts only in its political sense, and the sense shows in its
arguments: "killed 12 soldiers" is an assault, "killed the deal" is not;
"attacked the town" is an assault, "attacked the plan" or "Mr Howard attacked
Mr Blair" is verbal criticism. The class of a phrase comes from, in order, the
actor mention over its head (a person, a state, an armed group, a party ...),
a pronoun, the head noun's class in ``data/nouns.csv``, and the entity type
(amounts and percentages are abstract). Classes:

- ``actor``: anything that can act: named actors, pronouns for people, nouns of
  people, organisations, armed or political bodies;
- ``person``: a named person or "he"/"she"; ``political``: people and bodies of
  politics (persons, parties, governments, parliaments, ministers), not states
  as wholes; ``state``: a state named as such; ``armed``: militaries, police,
  rebels, gunmen, weapons platforms; ``people``: groups of people (civilians,
  protesters, workers); ``org``: organisations, companies;
- ``place``: places; ``thing``: vehicles and objects; ``abstract``: plans,
  deals, laws, prices, crises, elections, amounts;
- ``authored``: a work with no owner of its own whose author the article gave
  before ("the new proposals" after "the government's proposals"; see
  ``curation.events.arguments.author``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from curation.events.arguments import WORKS, MentionIndex, author
from curation.events.lexicon import Lexicon
from curation.events.structure import substantive, work_owner

if TYPE_CHECKING:
    from spacy.tokens import Token

Classify = Callable[["Token"], frozenset[str]]

_STATE = re.compile(r"^[A-Z]{3}$")
_PART = re.compile(r"^[A-Z]{3}-([A-Z]{3})$")
_ARMED_SECTORS = frozenset({"MIL", "POL", "COP", "REB", "UAF"})
_POLITICAL_SECTORS = frozenset({"GOV", "LEG", "OPP", "JUD", "PTY", "LOC"})
_QUANTITY = frozenset({"ten", "dozen", "hundred", "thousand", "million", "number", "group", "crowd", "couple",
                       "lot", "handful", "score", "host", "series", "wave", "batch"})
_ABSTRACT_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME", "ORDINAL", "LAW"})
_PEOPLE_PRONOUNS = frozenset({"they", "them", "we", "us"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})


def _mention_classes(actor_id: str | None, label: str, text: str = "", actor_type: str | None = None) -> set[str]:
    out = {"actor"}
    if label == "PERSON" or (actor_id or "")[:1].islower():
        return out | {"person", "political"}
    if actor_id is None:
        if label == "GPE":
            return out | {"state", "place"}
        if label in ("LOC", "FAC"):
            return {"place"}
        if label == "NORP":
            return out | {"people"}
        if label == "ORG":
            # An organisation's name is made an actor by the actors stage; one it left unlinked was judged no
            # name ("Taxes" opening a sentence, "the Prevention of Terrorism Bill").
            return set()
        return out | {"org"}
    if _STATE.match(actor_id) and actor_type in (None, "STATE"):  # not "BBC", "CNN", "IMF"
        if label in ("NORP", "DICT") and len(text) > 3 and text.endswith("s") and text[:1].isupper() and (
                text[-2:] not in ("ss", "us")):
            return out | {"people"}  # "Albanians demonstrated": a plural demonym names people, not the state
        return out | {"state"}  # a state the text names is an actor, also where the parser saw a place
    if actor_type == "PARTY":
        return out | {"political"}  # "GBR-LAB", "GBR-LD": a party is a body of politics whatever its code
    part = _PART.match(actor_id)
    if part is not None:
        sector = part.group(1)
        if sector in _ARMED_SECTORS:
            return out | {"armed"}
        if sector in _POLITICAL_SECTORS:
            return out | {"political"}
        return out | {"people"}
    return out | {"org"}


def classifier(index: MentionIndex, lexicon: Lexicon) -> Classify:
    """A function giving the classes of the phrase headed by a token."""
    cache: dict[int, frozenset[str]] = {}

    def classes(tok: Token) -> frozenset[str]:
        got = cache.get(tok.i)
        if got is not None:
            return got
        head = tok
        # "tens of thousands of protesters", "a group of soldiers": the noun after the quantity.
        for _ in range(3):
            if not (head.lemma_.lower() in _QUANTITY or head.like_num):
                break
            inner = [c for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                     for c in p.children if c.dep_ == "pobj"]
            if not inner:
                break
            head = inner[0]
        out: set[str] = set()
        m = index.covering(head)
        if m is not None and m.actor_id is None and m.entity_label == "ORG" and head.pos_ == "NOUN" and (
                head.lemma_.lower() in lexicon.noun_class):
            m = None  # "The MPs said" tagged an organisation and left unlinked: the common noun says what it is
        low = head.lower_
        if m is not None:
            out = _mention_classes(m.actor_id, m.entity_label, m.text if m.link_method == "demonym" else "",
                                   index.actor_type(m.actor_id))
            # "Russian forces": the head noun says more than the demonym on it.
            cls = lexicon.noun_class.get(head.lemma_.lower())
            if cls is not None and m.entity_label == "NORP" and head.pos_ == "NOUN":
                out = {cls} | ({"actor"} if cls in ("armed", "political", "people", "org") else set())
        elif low in _PERSON_PRONOUNS:
            out = {"actor", "person", "political"}
        elif low in _PEOPLE_PRONOUNS:
            out = {"actor", "people"}
        else:
            # (a plural the tagger took for a name keeps its "s" in the lemma: "MPs")
            cls = lexicon.noun_class.get(lexicon.noun_key(head.lemma_) if head.pos_ == "PROPN" else head.lemma_.lower())
            if cls is not None:
                out = {cls} | ({"actor"} if cls in ("armed", "political", "people", "org") else set())
            elif substantive(head):
                out = {"actor", "people"}  # "the wounded", "the displaced"
            elif head.ent_type_ in _ABSTRACT_ENTS:
                out = {"abstract"}
            elif head.ent_type_ in ("GPE", "LOC", "FAC"):
                out = {"place"}
            else:
                # A named actor modifying the head ("the Labour plan" is a plan; "Russian officials" are officials).
                mods = [index.covering(c) for c in head.children if c.dep_ in ("compound", "amod", "poss")]
                if any(x is not None for x in mods) and head.pos_ == "PROPN":
                    out = {"actor", "org"}
        if m is None and head.lemma_.lower() in WORKS and (
                work_owner(head) is not None or author(head, index, lexicon.sectors) is not None):
            out.add("authored")  # "the new proposals" after "the government's proposals": their author is known
        got = frozenset(out)
        cache[tok.i] = got
        return got

    return classes
