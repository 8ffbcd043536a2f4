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
from typing import Any, NamedTuple

from curation.events.plover_codes import plover_code
from curation.records import Actor, Mention

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
    ("shadow chancellor", "OPP"), ("shadow home secretary", "OPP"), ("shadow foreign secretary", "OPP"),
    ("shadow secretary", "OPP"), ("shadow minister", "OPP"), ("home secretary", "GOV"),
    ("foreign secretary", "GOV"), ("leader", "GOV"), ("mp", "LEG"), ("mep", "LEG"), ("lawmaker", "LEG"),
    ("congressman", "LEG"), ("congresswoman", "LEG"), ("deputy", "LEG"), ("mayor", "GOV"), ("ambassador", "GOV"),
    ("chairman", "GOV"), ("chairwoman", "GOV"), ("director", "GOV"), ("head", "GOV"),
    ("coordinator", "GOV"), ("commissioner", "GOV"), ("representative", "GOV"), ("negotiator", "GOV"),
)
# Honorifics that may stand between a title and a name ("Iran's religious leader Ayatollah Ruhollah Khomeini").
INNER_HONORIFICS = frozenset({"ayatollah", "sheikh", "general", "gen.", "lt.", "dr", "dr.", "mr", "mr.", "mrs",
                              "mrs.", "ms", "sir", "lord", "lady", "prince", "king", "queen", "emir", "field",
                              "marshal", "admiral", "colonel", "col.", "major", "captain", "lieutenant"})
_WORD = re.compile(r"[\w'’.\-]+")
# Words that may stand between a country and the title it qualifies ("Iraq's caretaker prime minister").
_TITLE_MODIFIERS = frozenset({"'s", "’s", "acting", "interim", "caretaker", "new", "then", "outgoing", "incoming",
                              "de", "facto", "elected", "designate", "current", "the", "top", "chief"})
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|president|general|prime|minister|chancellor)\.?$", re.I)


TITLES = tuple(sorted(TITLES, key=lambda t: -len(t[0].split())))
_PART = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")
_APPOSITIVE = re.compile(r"^\s*,\s+(?:the\s+|a\s+|an\s+)?([^,;.()]{3,80}?)\s*[,;.(]")
SECTOR_OF_SUFFIX = {"POL": "COP", "LOC": "GOV"}
# Parts whose name is not their sector's: local government ("councils") is PLOVER's GOV but not the national
# government, so "ministers told councils ..." is a dyad.
SUFFIX_NAMES: dict[str, tuple[str, str]] = {"LOC": ("Local government", "GOV")}
# Parts of a state the dictionary does not list, made as actors when the text names them ("Afghan civilians").
SECTOR_NAMES: dict[str, tuple[str, str]] = {
    "CVL": ("Civilians", "GROUP"), "BUS": ("Business", "COMPANY"), "LAB": ("Labour", "GROUP"),
    "EDU": ("Education", "GROUP"), "MED": ("Health workers", "GROUP"), "REL": ("Religious groups", "GROUP"),
    "JRN": ("Media", "MEDIA"), "REF": ("Refugees", "GROUP"), "AGR": ("Farmers", "GROUP"),
    "ELI": ("Elites", "GROUP"), "SOC": ("Civil society", "GROUP"), "CRM": ("Criminals", "GROUP"),
    "SPY": ("Intelligence services", "GOV"), "UAF": ("Unidentified armed forces", "OTHER"),
    "PTY": ("Parties", "PARTY"), "COP": ("Police", "GOV"), "MIL": ("Armed forces", "MIL"),
    "GOV": ("Government", "GOV"), "LEG": ("Legislature", "GOV"), "JUD": ("Judiciary", "GOV"),
    "OPP": ("Opposition", "OTHER"), "REB": ("Rebels", "REBEL"),
}


class Coded(NamedTuple):
    """The actor an event row carries and the PLOVER country and sector it is coded as."""

    actor_id: str
    country: str | None
    sector: str | None


class ActorCoder:
    """Codes the mentions of one article; holds the article's title-derived person codes."""

    def __init__(self, dictionary: Any, mentions: Sequence[Mention], text: str = "",
                 generated: Sequence[Actor] = ()) -> None:
        self.dictionary = dictionary
        # Actors made from this article's text (by the actors stage), and those made here (a state's parts).
        self.generated: dict[str, Actor] = {a.actor_id: a for a in generated}
        self.made: dict[str, Actor] = {}
        self.titled: dict[str, str] = {}
        by_surname: dict[str, str] = {}
        # People the dictionary knows but holds no dated office for: the title the article gives them.
        self.person_office: dict[str, str] = {}
        for m in sorted(mentions, key=lambda m: m.char_start):
            if dictionary is None:
                break
            if m.actor_id is not None and m.actor_id[:1].islower() and m.actor_id not in self.person_office:
                before = text[max(0, m.char_start - 80):m.char_start].split("\n")[-1]
                office = self._from_title(_WORD.findall(before))
                if office is None:
                    # "Kenzo Oshima, the United Nations Emergency Relief Coordinator, ...": the appositive office.
                    appos = _APPOSITIVE.match(text[m.char_end:m.char_end + 90])
                    if appos is not None:
                        office = self._from_title(_WORD.findall(appos.group(1)))
                if office is not None:
                    self.person_office[m.actor_id] = office
            if m.entity_label != "PERSON" or m.actor_id is not None:
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
        while before and before[-1].lower().rstrip(",") in INNER_HONORIFICS and len(before) > 1:
            before = before[:-1]
        low = [w.lower().rstrip(",") for w in before]
        for title, sector in TITLES:
            tw = title.split()
            n = len(tw)
            if len(low) < n or low[-n:] != tw:
                continue
            head = before[:-n]
            if any(w.lower() in ("former", "ex", "late", "ousted", "jailed") for w in head[-3:]):
                return None  # not in office: the person is coded as themselves
            # The country or organisation is within the words before the title ("Iraq's caretaker", "the United
            # Nations Emergency Relief Coordinator").
            for k in range(1, min(4, len(head)) + 1):
                for width in (2, 1):
                    lo = len(head) - k - width + 1
                    if lo < 0:
                        continue
                    aid = self._actor(" ".join(head[lo:len(head) - k + 1]))
                    if aid is None:
                        continue
                    if not all(w[:1].isupper() or w.lower() in _TITLE_MODIFIERS for w in head[len(head) - k + 1:]):
                        return None  # "the German government today welcomed President Reagan's ...": not his title
                    actor = self.dictionary.actor(aid)
                    if actor is not None and actor.actor_type == "STATE":
                        return self.dictionary.sector(aid, sector) or aid
                    return aid
            return None
        return None

    def code(self, actor_id: str | None, mention: Mention, on_date: date | None, *, capital: bool = False
             ) -> Coded | None:
        """The actor an event carries for ``mention`` (``actor_id`` may be a sector refinement of its link):
        the most specific actor (a person stays a person) with the PLOVER country and sector it is coded as
        on ``on_date`` (a sitting president: the state's government).

        ``capital``: the mention is the counterpart of a visit or meeting, so a capital the linker kept as a
        place ("will visit Pyongyang") stands for its government, as the dictionary's metonyms say.
        """
        if actor_id is None and capital and self.dictionary is not None and mention.entity_label == "GPE":
            hits = [e for e in self.dictionary.lookup(mention.text) if e.kind == "metonym"]
            if hits:
                actor_id = str(hits[0].actor_id)
        if actor_id is None:
            office = self.titled.get(mention.mention_id)
            return self._coded(office, office) if office else None
        if self.dictionary is None:
            return self._coded(actor_id, actor_id)
        actor = self.dictionary.actor(actor_id) or self.generated.get(actor_id)
        if actor is None:
            made = self._sector_actor(actor_id)
            if made is not None:
                return Coded(made.actor_id, made.country, made.sector)
            # A derived sector that is not a state's falls back to the mention's own link.
            actor_id = mention.actor_id
            if actor_id is None:
                return None
            actor = self.dictionary.actor(actor_id) or self.generated.get(actor_id)
        if (actor.actor_type == "PERSON") if actor is not None else actor_id[:1].islower():
            office = self.dictionary.actor_for_event(actor_id, on_date)
            if office == actor_id:
                office = self.person_office.get(actor_id) or self.titled.get(mention.mention_id) or ""
            if office:
                country, sector = plover_code(office, self.dictionary)
                return Coded(actor_id, country, sector)
            return Coded(actor_id, actor.country if actor is not None else None,
                         actor.sector if actor is not None and getattr(actor, "origin", "") == "text" else None)
        if actor is not None and getattr(actor, "origin", "dictionary") == "text":
            return Coded(actor_id, actor.country, actor.sector)
        return self._coded(actor_id, actor_id)

    def capital_of(self, text: str) -> str | None:
        """The state whose capital (a metonym of its government in the dictionary) ``text`` names."""
        if self.dictionary is None:
            return None
        for e in self.dictionary.lookup(text):
            if e.kind == "metonym" and _PART.match(str(e.actor_id)):
                return str(e.actor_id)[:3]
        return None

    def _coded(self, actor_id: str, code_of: str) -> Coded:
        country, sector = plover_code(code_of, self.dictionary)
        return Coded(actor_id, country, sector)

    def _sector_actor(self, actor_id: str) -> Actor | None:
        """An actor for a state's part the dictionary does not hold ("Afghan civilians" -> AFG-CVL)."""
        hit = _PART.match(actor_id)
        if hit is None or self.dictionary is None:
            return None
        state = self.dictionary.actor(hit.group(1))
        sector = SECTOR_OF_SUFFIX.get(hit.group(2), hit.group(2))
        if state is None or state.actor_type != "STATE" or sector not in SECTOR_NAMES:
            return None
        made = self.generated.get(actor_id)
        if made is None:
            label, kind = SUFFIX_NAMES.get(hit.group(2)) or SECTOR_NAMES[sector]
            made = Actor(actor_id=actor_id, name=f"{label} ({state.name})", actor_type=kind,
                         country=state.country or state.actor_id, sector=sector, origin="text")
            self.generated[actor_id] = made
            self.made[actor_id] = made
        return made
