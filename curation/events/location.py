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
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_STATE = re.compile(r"^([A-Z]{3})(?:-[A-Z]{3})?$")


@dataclass(frozen=True, slots=True)
class Place:
    """The place an event happened, as written, and its country."""

    text: str | None
    country: str | None
    mention_id: str | None = None


def _country(m: Mention | None) -> str | None:
    if m is None or m.actor_id is None:
        return None
    hit = _STATE.match(m.actor_id)
    return hit.group(1) if hit else None


def place(trigger: Token, cue_noun: Token | None, index: MentionIndex,
          capital_of: Callable[[str], str | None] | None = None) -> Place:
    """The place of the event at ``trigger`` (text and ISO3 country), or an empty :class:`Place`.

    The country is that of the place's own link, else of a state named in the same phrase or in another
    place phrase of the trigger ("in the town of Cizre in southeastern Turkey"), else, for a capital the
    dictionary knows ("in Monrovia"), its state (``capital_of``).
    """
    hosts = [trigger] + ([cue_noun] if cue_noun is not None else [])
    found: Place | None = None
    for host in hosts:
        for p in host.children:
            if p.dep_ != "prep" or p.lower_ not in PLACE_PREPS:
                continue
            # "outside of the Iraqi city of Basra", "close to": the object hangs on a second preposition.
            objs = [c for c in p.children if c.dep_ == "pobj"] + [
                o for q in p.children if q.dep_ == "prep" and q.lower_ in ("of", "to") for o in q.children
                if o.dep_ == "pobj"]
            for obj in objs:
                phrase = list(obj.subtree)
                named = [m for t in phrase if (m := index.covering(t)) is not None and m.entity_label in PLACE_LABELS]
                states = [c for t in phrase if (m := index.covering(t)) is not None and (c := _country(m))]
                if not named and not states:
                    continue
                if found is None and named:
                    # The named place nearest the head noun: "the Belarusian capital, Minsk" -> Minsk.
                    main = index.covering(obj) or named[-1]
                    if main.entity_label not in PLACE_LABELS:
                        main = named[-1]
                    country = _country(main) or next(iter(states), None) or (
                        capital_of(main.text) if capital_of is not None else None)
                    found = Place(main.text, country, main.mention_id)
                elif found is not None and found.country is None and states:
                    found = Place(found.text, states[0], found.mention_id)
                elif found is None:
                    # "demonstrated in Serbia": a state the dictionary linked (label DICT) is the place itself.
                    sm = next(m for t in phrase if (m := index.covering(t)) is not None and _country(m))
                    found = Place(sm.text, states[0], sm.mention_id)
                if found is not None and found.country is not None:
                    return found
    return found or Place(None, None)
