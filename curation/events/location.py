"""Where an event took place, when the sentence says so.

A place is a GPE, LOC or FAC mention governed by "in", "at", "near", "outside"
or "across" on the trigger (or on its light-verb object): "met in Moldova",
"talks in the Belarusian capital, Minsk". The country is the ISO alpha-3
prefix of the place's actor id when the linker gives one (Minsk -> BLR-GOV ->
BLR), else that of a state named inside the place phrase ("the Belarusian
capital", "Kharkiv, Ukraine's second city").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curation.events.arguments import MentionIndex
from curation.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "across", "inside"})
# Places the event is next to or in a part of, not in as a whole (ACLED's geo-precision 2): "near Basra",
# "outside the embassy in Paris", "on the outskirts of Kabul", "north of Baghdad".
NEAR_PREPS = frozenset({"near", "outside"})
PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "region", "province", "district", "area", "border",
                         "territory", "jail", "prison", "camp", "port", "base", "airport", "embassy", "street",
                         "square", "neighbourhood", "neighborhood", "state", "county", "outskirts", "suburb",
                         "suburbs", "coast", "island", "south", "north", "east", "west", "heartland", "zone",
                         "countryside", "hospital", "parliament", "mosque", "church", "market", "school",
                         "university", "compound", "headquarters", "consulate", "ministry", "station", "checkpoint"})
_PART_NOUNS = frozenset({"outskirts", "edge", "suburb", "suburbs", "centre", "center", "north", "south", "east",
                         "west", "district", "area", "vicinity"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_STATE = re.compile(r"^([A-Z]{3})(?:-[A-Z]{3})?$")


@dataclass(frozen=True, slots=True)
class Place:
    """The place an event happened, as written, and its country."""

    text: str | None
    country: str | None
    mention_id: str | None = None
    near: bool = False  # near it, outside it or in a part of it
    basis: str | None = None  # trigger (its own phrase) or clause (a place phrase of its clause)
    capital: bool = False  # the phrase names the state's capital, not the town ("in the Afghan capital")


def _country(m: Mention | None) -> str | None:
    if m is None or m.actor_id is None:
        return None
    hit = _STATE.match(m.actor_id)
    return hit.group(1) if hit else None


def place(trigger: Token, cue_noun: Token | None, index: MentionIndex,
          capital_of: Callable[[str], str | None] | None = None) -> Place:
    """The place of the event at ``trigger``: the place phrase of the trigger (or of its event noun), else one
    of the clause it belongs to ("killed three people in Basra" for "bombing", "talks ... in Minsk")."""
    own = _place_of((trigger, *((cue_noun,) if cue_noun is not None else ())), index, capital_of)
    if own.text is not None or own.country is not None:
        return Place(own.text, own.country, own.mention_id, own.near, "trigger", own.capital)
    # "attacked a police post in the Afghan capital", "killed three soldiers near Samarra": the place phrase of
    # the event's own arguments.
    args = tuple(c for h in (trigger, *((cue_noun,) if cue_noun is not None else ())) for c in h.children
                 if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj") and c.pos_ in ("NOUN", "PROPN"))
    found = _place_of(args, index, capital_of) if args else Place(None, None)
    if found.text is not None or found.country is not None:
        return Place(found.text, found.country, found.mention_id, found.near, "clause", found.capital)
    # "shot dead three militants and wounded dozens of others in Gaza": a coordinated verb's place phrase.
    if trigger.pos_ in ("VERB", "AUX"):
        conjuncts = tuple(t for t in (*trigger.conjuncts,) if t.pos_ in ("VERB", "AUX"))
        found = _place_of(conjuncts, index, capital_of) if conjuncts else Place(None, None)
        if found.text is not None or found.country is not None:
            return Place(found.text, found.country, found.mention_id, found.near, "clause", found.capital)
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.dep_ not in (
            "ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl"):
        clause = clause.head
    if clause.i == trigger.i:
        return Place(None, None)
    found = _place_of((clause,), index, capital_of)
    if found.text is not None or found.country is not None:
        return Place(found.text, found.country, found.mention_id, found.near, "clause", found.capital)
    return Place(None, None)


def _place_of(hosts: tuple[Token, ...], index: MentionIndex,
              capital_of: Callable[[str], str | None] | None = None) -> Place:
    """The place of the event at ``trigger`` (text and ISO3 country), or an empty :class:`Place`.

    The country is that of the place's own link, else of a state named in the same phrase or in another
    place phrase of the trigger ("in the town of Cizre in southeastern Turkey"), else, for a capital the
    dictionary knows ("in Monrovia"), its state (``capital_of``).
    """
    found: Place | None = None
    for host in hosts:
        for p in host.children:
            if p.dep_ != "prep" or p.lower_ not in PLACE_PREPS:
                continue
            # "outside of the Iraqi city of Basra", "close to": the object hangs on a second preposition.
            objs = [c for c in p.children if c.dep_ == "pobj"] + [
                o for q in p.children if q.dep_ == "prep" and q.lower_ in ("of", "to") for o in q.children
                if o.dep_ == "pobj"]
            near = p.lower_ in NEAR_PREPS or any(o.lower_ in _PART_NOUNS for o in objs)
            for obj in objs:
                phrase = list(obj.subtree)
                # (a name under "near" or "in" that the tagger calls a people, "near Samarra", is a place)
                named = [m for t in phrase if (m := index.covering(t)) is not None and (
                    m.entity_label in PLACE_LABELS or (t.i == obj.i and m.entity_label == "NORP" and m.actor_id is None
                                                       and obj.tag_ == "NNP"))]
                # A state in the phrase places the event when it is the phrase's head or says where a place noun
                # is ("in Serbia", "in the Iraqi city of Basra", "in Israeli jails"), not when it owns a thing
                # ("killed in Israel's military campaign").
                placed = [obj] + ([t for t in obj.children if t.dep_ in ("compound", "amod", "poss", "nmod")]
                                  if obj.lemma_.lower() in PLACE_NOUNS or obj.ent_type_ in PLACE_LABELS else [])
                placed += [t for p2 in obj.children if p2.dep_ == "prep" and p2.lower_ in ("of", "in")
                           for t in p2.children if t.dep_ == "pobj"]
                placed += [t for t in obj.children if t.dep_ == "appos"]
                states = [c for t in phrase if any(t.i == x.i or (t.head.i == x.i and t.dep_ == "compound")
                                                   for x in placed)
                          and (m := index.covering(t)) is not None and (c := _country(m))]
                if not named and not states:
                    continue
                if found is None and named:
                    # The named place nearest the head noun: "the Belarusian capital, Minsk" -> Minsk.
                    main = index.covering(obj) or named[-1]
                    if main not in named:
                        main = named[-1]
                    # (a town the gazetteer places in the article's states: "in the northern city of Kirkuk")
                    country = _country(main) or next(iter(states), None) or (
                        capital_of(main.text) if capital_of is not None else None) or index.places.get(
                        main.mention_id)
                    found = Place(main.text, country, main.mention_id, near)
                elif found is not None and found.country is None and states:
                    found = Place(found.text, states[0], found.mention_id, found.near)
                elif found is None:
                    # "demonstrated in Serbia": a state the dictionary linked (label DICT) is the place itself.
                    sm = next(m for t in phrase if (m := index.covering(t)) is not None and _country(m))
                    capital = obj.lemma_.lower() == "capital"
                    text = " ".join(t.text for t in phrase if t.dep_ != "det") if capital else sm.text
                    found = Place(text, states[0], sm.mention_id, near, capital=capital)
                if found is not None and found.country is not None:
                    return found
    return found or Place(None, None)
