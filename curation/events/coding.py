"""Which actor id an event row carries for a mention (ICEWS/POLECAT-style coding).

- A person who holds an office on the event's date is coded as the office's
  actor (a sitting US president -> USA-GOV), through the actor dictionary's
  dated roles (``ActorDictionary.actor_for_event``); anyone else as themselves.
- A person the dictionary does not know, named with a country and a title
  ("Israeli Prime Minister Benjamin Netanyahu", "Army chief General X" in a
  Bangladeshi story is not enough: the country must be written), is coded as
  that country's sector for the title (ISR-GOV); later mentions of the same
  surname in the article ("Mr Netanyahu") inherit it.
- A state sector derived from a head noun ("Russian forces" -> RUS-MIL) is
  kept only when the dictionary knows it, so every id resolves in ``actors``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from curation.records import Mention

# Title words -> sector, longest first. Ministers and secretaries are coded as government (ICEWS practice).
TITLES: tuple[tuple[str, str], ...] = (
    ("opposition leader", "OPP"), ("army chief", "MIL"), ("military chief", "MIL"),
    ("defence minister", "GOV"), ("defense minister", "GOV"), ("foreign minister", "GOV"),
    ("prime minister", "GOV"), ("vice president", "GOV"), ("secretary of state", "GOV"),
    ("defense secretary", "GOV"), ("defence secretary", "GOV"), ("vice premier", "GOV"),
    ("president", "GOV"), ("chancellor", "GOV"), ("premier", "GOV"), ("minister", "GOV"), ("king", "GOV"),
    ("emir", "GOV"), ("secretary", "GOV"), ("governor", "GOV"), ("speaker", "LEG"), ("senator", "LEG"),
    ("general", "MIL"), ("commander", "MIL"), ("colonel", "MIL"), ("admiral", "MIL"), ("justice", "JUD"),
    ("judge", "JUD"),
)
_WORD = re.compile(r"[\w'’.\-]+")
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|president|general|prime|minister|chancellor)\.?$", re.I)


class ActorCoder:
    """Codes the mentions of one article; holds the article's title-derived person codes."""

    def __init__(self, dictionary: Any, mentions: Sequence[Mention]) -> None:
        self.dictionary = dictionary
        self.titled: dict[str, str] = {}
        by_surname: dict[str, str] = {}
        for m in sorted(mentions, key=lambda m: m.char_start):
            if m.entity_label != "PERSON" or m.actor_id is not None or dictionary is None:
                continue
            words = _WORD.findall(m.text)
            code = self._from_title(words)
            surname = words[-1].lower() if words else ""
            if code is not None:
                self.titled[m.mention_id] = code
                by_surname.setdefault(surname, code)
            elif surname in by_surname and all(_HONORIFIC.match(w) for w in words[:-1]):
                self.titled[m.mention_id] = by_surname[surname]

    def _state(self, text: str) -> str | None:
        for entry in self.dictionary.lookup(text):
            actor = self.dictionary.actor(entry.actor_id)
            if actor is not None and actor.actor_type == "STATE" and entry.kind in ("demonym", "short", "name",
                                                                                    "abbrev"):
                return str(entry.actor_id)
        return None

    def _from_title(self, words: list[str]) -> str | None:
        if len(words) < 3:
            return None
        for n in (2, 1):  # "South Korean President ...", "Israeli Prime Minister ..."
            raw = " ".join(words[:n])
            state = self._state(raw[:-2] if raw.endswith(("'s", "’s")) else raw)
            if state is None:
                continue
            rest = " ".join(words[n:]).lower()
            for title, sector in TITLES:
                if rest.startswith(title + " "):
                    return self.dictionary.sector(state, sector) or state
            return None
        return None

    def code(self, actor_id: str | None, mention: Mention, on_date: date | None) -> str | None:
        """The id an event carries for ``mention`` (``actor_id`` may be a sector refinement of its link)."""
        if actor_id is None:
            return self.titled.get(mention.mention_id)
        if self.dictionary is None:
            return actor_id
        if self.dictionary.actor(actor_id) is None:
            # A derived sector the dictionary does not know falls back to the mention's own link.
            actor_id = mention.actor_id
            if actor_id is None:
                return None
        return str(self.dictionary.actor_for_event(actor_id, on_date))
