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
    ("judge", "JUD"), ("secretary-general", "GOV"), ("human rights chief", "GOV"), ("chief", "GOV"),
    ("foreign policy chief", "GOV"), ("envoy", "GOV"), ("spokesman", "GOV"), ("spokeswoman", "GOV"),
)
_WORD = re.compile(r"[\w'’.\-]+")
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|president|general|prime|minister|chancellor)\.?$", re.I)


TITLES = tuple(sorted(TITLES, key=lambda t: -len(t[0].split())))


class ActorCoder:
    """Codes the mentions of one article; holds the article's title-derived person codes."""

    def __init__(self, dictionary: Any, mentions: Sequence[Mention], text: str = "") -> None:
        self.dictionary = dictionary
        self.titled: dict[str, str] = {}
        by_surname: dict[str, str] = {}
        for m in sorted(mentions, key=lambda m: m.char_start):
            if m.entity_label != "PERSON" or m.actor_id is not None or dictionary is None:
                continue
            words = _WORD.findall(m.text)
            before = text[max(0, m.char_start - 80):m.char_start].split("\n")[-1]
            code = self._from_title(_WORD.findall(before))
            surname = words[-1].lower() if words else ""
            if code is not None:
                self.titled[m.mention_id] = code
                by_surname.setdefault(surname, code)
            elif surname in by_surname and all(_HONORIFIC.match(w) for w in words[:-1]):
                self.titled[m.mention_id] = by_surname[surname]

    def _actor(self, text: str) -> str | None:
        """A state or organisation named by ``text`` ("Israeli", "Iraq's", "UN")."""
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        for entry in self.dictionary.lookup(text):
            actor = self.dictionary.actor(entry.actor_id)
            if actor is not None and actor.actor_type in ("STATE", "IGO", "NGO", "REBEL", "PARTY"):
                return str(entry.actor_id)
        return None

    def _from_title(self, before: list[str]) -> str | None:
        """The actor a "<country> [adjective] <title>" phrase just before a name codes the person as."""
        low = [w.lower().rstrip(",") for w in before]
        for title, sector in TITLES:
            tw = title.split()
            n = len(tw)
            if len(low) < n or low[-n:] != tw:
                continue
            head = before[:-n]
            if any(w.lower() in ("former", "ex", "late", "ousted", "jailed") for w in head[-3:]):
                return None  # not in office: the person is coded as themselves
            # The country or organisation is within the two words before the title ("Iraq's caretaker").
            for k in range(1, min(3, len(head)) + 1):
                for width in (2, 1):
                    lo = len(head) - k - width + 1
                    if lo < 0:
                        continue
                    aid = self._actor(" ".join(head[lo:len(head) - k + 1]))
                    if aid is None:
                        continue
                    actor = self.dictionary.actor(aid)
                    if actor is not None and actor.actor_type == "STATE":
                        return self.dictionary.sector(aid, sector) or aid
                    return aid
            return None
        return None

    def code(self, actor_id: str | None, mention: Mention, on_date: date | None, *, capital: bool = False
             ) -> str | None:
        """The id an event carries for ``mention`` (``actor_id`` may be a sector refinement of its link).

        ``capital``: the mention is the counterpart of a visit or meeting, so a capital the linker kept as a
        place ("will visit Pyongyang") stands for its government, as the dictionary's metonyms say.
        """
        if actor_id is None and capital and self.dictionary is not None and mention.entity_label == "GPE":
            hits = [e for e in self.dictionary.lookup(mention.text) if e.kind == "metonym"]
            if hits:
                actor_id = str(hits[0].actor_id)
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
