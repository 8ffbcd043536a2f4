"""Actor filters: resolve what an analyst types (an id, a name, an alias) to actor ids.

A query is matched against the dataset's ``actors`` table: its id first, then
its canonical name, then its aliases, ignoring case, accents' composed forms,
spacing and a leading "the". With ``expand``, a state stands for its parts as
the shared conventions code them (RUS matches RUS-GOV, RUS-MIL ...) and for
every actor coded with it as country (a person, a party, a rebel group);
sector ids are matched by pattern too, so a dataset whose actors table lacks
the state row itself still answers for "RUS".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from curation.errors import Errors, TimelineError

_ISO3 = re.compile(r"[A-Z]{3}")
_SECTOR = re.compile(r"(?P<state>[A-Z]{3})-(?P<sector>[A-Z]{3})")
# Readable nouns for the sector suffixes of the shared conventions, for
# summaries such as "Russia's military attacked Ukraine".
SECTOR_NOUNS = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "POL": "police", "REB": "rebels",
    "OPP": "opposition", "JUD": "judiciary", "BUS": "business", "MED": "media", "CVL": "civilians",
    "EDU": "education", "HLH": "health", "REF": "refugees", "SPY": "intelligence services",
}


def normalize(text: str) -> str:
    """Case-, width- and spacing-insensitive form of a name, without a leading "the"."""
    t = unicodedata.normalize("NFKC", text).casefold().strip()
    t = re.sub(r"[\s_]+", " ", t)
    t = re.sub(r"^the ", "", t)
    return t.replace("’", "'")


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Lookup tables over a dataset's actors: ids, names, aliases, countries."""

    ids: frozenset[str]
    names: dict[str, str]  # actor_id -> canonical name
    country: dict[str, str | None]  # actor_id -> ISO3 country
    by_name: dict[str, tuple[str, ...]]  # normalized name -> actor ids
    by_alias: dict[str, tuple[str, ...]]  # normalized alias -> actor ids
    by_id: dict[str, str]  # normalized id -> actor id

    @classmethod
    def from_frame(cls, actors: pd.DataFrame) -> ActorIndex:
        """Build the index from an ``actors`` table."""
        names: dict[str, str] = {}
        country: dict[str, str | None] = {}
        by_name: dict[str, set[str]] = {}
        by_alias: dict[str, set[str]] = {}
        for row in actors.itertuples(index=False):
            aid = str(row.actor_id)
            names[aid] = str(row.name)
            c = getattr(row, "country", None)
            country[aid] = c if isinstance(c, str) else None
            by_name.setdefault(normalize(str(row.name)), set()).add(aid)
            aliases = getattr(row, "aliases", None)
            for alias in _as_list(aliases):
                by_alias.setdefault(normalize(alias), set()).add(aid)
        return cls(
            ids=frozenset(names), names=names, country=country,
            by_name={k: tuple(sorted(v)) for k, v in by_name.items()},
            by_alias={k: tuple(sorted(v)) for k, v in by_alias.items()},
            by_id={normalize(a): a for a in names},
        )

    def resolve(self, query: str) -> tuple[str, ...]:
        """The actor ids ``query`` names (one, unless an id pattern stands for a state's parts).

        Raises :class:`TimelineError` (E070) when nothing matches and (E071)
        when a name or alias belongs to more than one actor.
        """
        q = query.strip()
        key = normalize(q)
        if key in self.by_id:
            return (self.by_id[key],)
        # An id of the shared conventions that the actors table does not list
        # (no event of the state itself, only of its military, say).
        if (_ISO3.fullmatch(q) or _SECTOR.fullmatch(q)) and self.expand((q,)) - {q}:
            return (q,)
        for table in (self.by_name, self.by_alias):
            hit = table.get(key)
            if hit:
                if len(hit) > 1:
                    listed = ", ".join(f"{a} ({self.names[a]})" for a in hit)
                    raise TimelineError(Errors.E071.format(query=query, candidates=listed))
                return hit
        known = sorted({*self.by_id, *self.by_name, *self.by_alias})
        close = difflib.get_close_matches(key, known, n=3, cutoff=0.75)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise TimelineError(Errors.E070.format(query=query, hint=hint))

    def expand(self, ids: Iterable[str]) -> frozenset[str]:
        """``ids`` with, for each state id, its sectors and the actors coded with it as country."""
        out = set(ids)
        states = {i for i in out if _ISO3.fullmatch(i)}
        if not states:
            return frozenset(out)
        for aid in self.ids:
            m = _SECTOR.fullmatch(aid)
            if (m and m["state"] in states) or (aid not in states and self.country.get(aid) in states):
                out.add(aid)
        return frozenset(out)

    def matcher(self, queries: Sequence[str], *, expand: bool) -> frozenset[str]:
        """The set of actor ids an event's actor must be in to match ``queries``."""
        ids: set[str] = set()
        for q in queries:
            ids.update(self.resolve(q))
        if not expand:
            return frozenset(ids)
        return self.expand(ids)

    def display_name(self, actor_id: Any) -> str | None:
        """The canonical name of an actor, or its id when the table lacks it; None for no actor."""
        if not isinstance(actor_id, str):
            return None
        return self.names.get(actor_id, actor_id)

    def phrase(self, actor_id: Any) -> str | None:
        """How a summary names an actor: "Russia's military" for RUS-MIL, else its name."""
        if not isinstance(actor_id, str):
            return None
        m = _SECTOR.fullmatch(actor_id)
        if m and m["state"] in self.names and m["sector"] in SECTOR_NOUNS:
            state = self.names[m["state"]]
            possessive = f"{state}'" if state.endswith("s") else f"{state}'s"
            return f"{possessive} {SECTOR_NOUNS[m['sector']]}"
        return self.names.get(actor_id, actor_id)


def _as_list(value: Any) -> list[str]:
    """Aliases as a list of strings, whatever container pandas gave (list, array, None)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [str(v) for v in value if isinstance(v, str)]
    except TypeError:
        return []
