"""Where each event happened, as a gazetteer place with coordinates and ACLED's geo-precision.

In order, an event's place is:

- ``trigger``: the place phrase of the trigger or its event noun ("met in
  Minsk", "the attack near Basra");
- ``clause``: a place phrase of the clause the trigger belongs to ("the
  bombing killed three people in Kirkuk");
- ``dateline``: the place of the article's dateline ("GAZA CITY, 12 March -",
  "KABUL (Reuters) -");
- ``setting``: the state the article is about (its home state, see
  :func:`curation.actors.generated.home_state`), at country precision (3).

The first two are what the text says; the last two are the article's, and
``place_basis`` says so. A place phrase names a place that is resolved with
the gazetteer in the context of the states the article names (see
:mod:`curation.geo.resolve`). When the gazetteer has no such place (a
building, a square), the state the phrase names still gives the country, at
precision 3, and the place as written stays in ``location_text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curation.events.location import Place
from curation.geo.gazetteer import Gazetteer, GeoPlace
from curation.geo.resolve import Resolved, context_of, resolve
from curation.records import Article, Mention

# "GAZA CITY, 12 March (Reuters) -", "KABUL -", "Washington, DC, Jan. 3 --": a place in capitals (or a
# capitalised name) at the start of the text, before a date, an agency in brackets or a dash.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.\- ]{1,40}?|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    r"(?:,\s*(?:[A-Z][A-Za-z.]+\.?\s*)?)?\s*(?:,?\s*\d{1,2}\s+[A-Z][a-z]+\.?|,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
    r"(?:\([A-Za-z .]+\))?\s*(?:-{1,2}|–|—)\s")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_STATE_ID = re.compile(r"^([A-Z]{3})(?:-[A-Z]{2,4})?$")


@dataclass(frozen=True, slots=True)
class EventPlace:
    """The place columns of an event row."""

    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    place_basis: str | None = None
    location_text: str | None = None


NOWHERE = EventPlace()


def _fields(p: GeoPlace, precision: int, basis: str, text: str | None) -> EventPlace:
    return EventPlace(place_name=p.name, admin1=p.admin1, country=p.country, latitude=p.latitude,
                      longitude=p.longitude, geonameid=p.geonameid, geo_precision=precision, place_basis=basis,
                      location_text=text)


class Geocoder:
    """The places of one article's events."""

    def __init__(self, gazetteer: Gazetteer, article: Article, mentions: Sequence[Mention],
                 dictionary: Any = None) -> None:
        self.gazetteer = gazetteer
        self._mentions = {m.mention_id: m for m in mentions}
        countries: list[str | None] = []
        for m in mentions:
            aid = m.actor_id or ""
            hit = _STATE_ID.match(aid)
            if hit:
                countries.append(hit.group(1))
            elif aid[:1].islower() and dictionary is not None and (act := dictionary.actor(aid)) is not None:
                countries.append(act.country)
        self.context = context_of(countries)
        self._places: dict[str, Resolved | None] = {}
        self.dateline = self._dateline(article.text)

    def _dateline(self, text: str) -> Resolved | None:
        hit = _DATELINE.match(text[:120])
        if hit is None:
            return None
        name = hit.group("place").strip(" -")
        return resolve(self.gazetteer, name.title() if name.isupper() else name, self.context)

    def mention_place(self, m: Mention) -> Resolved | None:
        """The gazetteer place an unlinked place mention names (cached per mention)."""
        if m.mention_id not in self._places:
            self._places[m.mention_id] = resolve(self.gazetteer, m.text, self.context)
        return self._places[m.mention_id]

    def place_states(self, mentions: Sequence[Mention]) -> dict[str, str]:
        """The state each unlinked place mention lies in (by mention id), for those that resolve to a town or a
        division: an article naming York, Ledbury and Gloucestershire is set in Britain."""
        out: dict[str, str] = {}
        for m in mentions:
            if m.actor_id is None and m.entity_label in _PLACE_LABELS:
                r = self.mention_place(m)
                if r is not None and r.place.kind != "country":
                    out[m.mention_id] = r.place.country
        return out

    def locate(self, where: Place, home: str | None) -> EventPlace:
        """The place columns for an event whose place phrase is ``where`` in an article set in ``home``."""
        text = where.text if where.basis is not None else None
        if where.basis is not None and (where.text is not None or where.country is not None):
            m = self._mentions.get(where.mention_id or "")
            context = dict(self.context)
            if where.country:
                context[where.country] = 10 ** 6  # the state the phrase names decides
            got = None
            if where.capital and where.country and (town := self.gazetteer.capital(where.country)) is not None:
                return _fields(town, 2 if where.near else 1, where.basis, text)
            if where.text:
                got = resolve(self.gazetteer, where.text, context, near=where.near)
                if m is not None and m.actor_id is None and got is None:
                    got = self.mention_place(m)
            if got is not None and (where.country is None or got.place.country == where.country):
                return _fields(got.place, got.precision, where.basis, text)
            if where.country and (c := self.gazetteer.country(where.country)) is not None:
                return _fields(c, 3, where.basis, text)
        # The text names no place the gazetteer knows (or none at all): the article's dateline or setting, marked
        # as such (the place as written, if any, stays in location_text).
        if self.dateline is not None:
            return _fields(self.dateline.place, self.dateline.precision, "dateline", text)
        if home and (c := self.gazetteer.country(home)) is not None:
            return _fields(c, 3, "setting", text)
        return EventPlace(location_text=text)
