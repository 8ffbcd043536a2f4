"""An actor as PLOVER codes it: a country (or international) code and a sector code.

The PLOVER 2021 manual ("Country Names and Sector Codes") codes every actor
and recipient by a country name or code (ISO 3166 alpha-3 for states; ``UNO``
for the United Nations, ``EUR`` for the European Union, ``IGO``, ``NGO``,
``MNC``, ``IMG``, ``ISM`` for other international actors) and a 3-letter
sector (GOV, MIL, COP, JUD, LEG, PTY, OPP, REB, SPY, BUS, JRN, CVL, ...). The
dataset keeps the most specific actor on an event (a person, a party, a
ministry) and, beside it, this pair, as GDELT keeps Actor1Code next to
Actor1CountryCode and Actor1Type1Code.
"""

from __future__ import annotations

import re
from typing import Any

# Suffixes of the ISO3-SECTOR ids of the actor dictionary -> PLOVER sector codes.
SUFFIX_SECTOR = {"GOV": "GOV", "MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "OPP": "OPP", "REB": "REB",
                 "POL": "COP", "BUS": "BUS", "LAB": "LAB", "CVL": "CVL", "PTY": "PTY", "SPY": "SPY",
                 "JRN": "JRN", "EDU": "EDU", "MED": "MED", "REL": "REL", "SOC": "SOC", "ELI": "ELI"}
# Dictionary actor types -> sector, for actors whose id carries no sector suffix.
TYPE_SECTOR = {"GOV": "GOV", "MIL": "MIL", "PARTY": "PTY", "REBEL": "REB", "MEDIA": "JRN"}
INTERNATIONAL = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM"})
_STATE_PART = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _family(actor_id: str, dictionary: Any) -> str | None:
    """"UN" or "EU" when the actor is that organisation or one of its bodies (through ``parent``)."""
    cur: str | None = actor_id
    for _ in range(6):
        if cur in ("UN", "EU"):
            return cur
        cur = dictionary.parent(cur) if cur is not None else None
        if cur is None:
            return None
    return None


def plover_code(actor_id: str | None, dictionary: Any) -> tuple[str | None, str | None]:
    """(country code, sector code) of a dictionary actor; (None, None) when unknown.

    A person is coded by the country of the actor row; the sector of a person comes from the event's
    coding (their office on the day), not from here.
    """
    if actor_id is None:
        return None, None
    part = _STATE_PART.match(actor_id)
    actor = dictionary.actor(actor_id) if dictionary is not None else None
    if part is not None and part.group(2) in SUFFIX_SECTOR and (actor is None or actor.actor_type != "PARTY"):
        return part.group(1), SUFFIX_SECTOR[part.group(2)]
    if actor is None:
        return (actor_id, None) if _ISO3.match(actor_id) else (None, None)
    kind = actor.actor_type
    if kind == "STATE":
        return actor.country or actor_id, None
    if kind == "IGO":
        fam = _family(actor_id, dictionary)
        return {"UN": "UNO", "EU": "EUR"}.get(fam or "", "IGO"), None
    if kind == "NGO":
        # A national NGO is civil society of its state; an international one has PLOVER's NGO code.
        return (actor.country, "SOC") if actor.country else ("NGO", None)
    if kind == "REBEL":
        return actor.country or "IMG", "REB"
    if kind == "OTHER" and part is not None and part.group(2) == "OPP":
        return part.group(1), "OPP"
    return actor.country, TYPE_SECTOR.get(kind)
