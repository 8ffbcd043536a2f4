"""Which place a name means, in the context of the article that writes it.

A name usually has several gazetteer places (Tripoli in Libya and in Lebanon,
Georgia the country and the US state, York in England and in Pennsylvania).
The reading follows the rules of a human geocoder, in order:

1. Context first: the places in the states the article is about (the states
   and the people of states it names, weighted by how often; see
   :func:`context_of`) beat the others; among several, the most named state.
2. A country's own name is that country ("Georgia" with no sign of the US,
   "Lebanon" even in a story about the US), unless the article's states hold
   a province or a city of 250,000 people of that name.
3. Otherwise the most prominent place: a town by its population, a division
   by a tenth of its population (the sum of its towns': "Texas" the state,
   not a village of 993 in Mexico; "York" the English city, not the Canadian
   regional municipality).
4. A division and a town of the same name in the same state: the town when it
   lies in that division, is a city (250,000 people or more: "Kirkuk",
   "Tripoli", "New York") or the division is only a county or district named
   after it ("Ramallah", "Jenin"), else the province ("Wales").

Alternate names count only for large places (see :func:`candidates`): "Bombay"
is Mumbai; "York" is not Warner Robins.

Outside the article's states a name must be a place a reader would know
without being told where it is:

5. A name that is a common noun of geography ("the Gulf", "the Delta", "the
   Midlands", "the Highlands") means the region the story is about, which the
   gazetteer does not hold: only a place of that name in the article's states
   is read (Delta State in a story about Nigeria), never Gulf Province of
   Papua New Guinea in a story about Iran.
6. When the article names states, a small place in none of them (a town of
   fewer than 15,000 people, a division of fewer than 150,000) is not read:
   "Levant" is not a village of Kansas in a story about Syria.
A place nobody could place (no candidate left) is None: never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from curation.geo.gazetteer import Gazetteer, GeoPlace

ALTERNATE_MIN_POPULATION = 100_000
CITY_POPULATION = 250_000
# Rule 6: the least size (see _size) of a place outside the article's states.
FOREIGN_MIN_SIZE = 15_000
# Rule 5: common nouns of geography that name a region by context ("the Gulf", "the Valley").
FEATURE_WORDS = frozenset({
    "gulf", "bay", "delta", "valley", "valleys", "coast", "cape", "horn", "highlands", "lowlands", "islands",
    "isles", "island", "lakes", "lake", "midlands", "mountains", "hills", "plains", "desert", "riviera", "strait",
    "straits", "sound", "channel", "peninsula", "basin", "heartland", "heartlands", "steppe", "levant", "sahel",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "interior", "frontier",
    "border", "borders", "capital", "city", "river", "sea", "ocean", "mainland", "territories", "colonies"})
DIVISION_WEIGHT = 0.1

# geo_precision as ACLED defines it: 1 the place itself is a town, 2 a part of a town or near it, 3 a
# province, region or country only.
PRECISION = {"town": 1, "admin1": 3, "admin2": 3, "country": 3}


@dataclass(frozen=True, slots=True)
class Resolved:
    """A place name read as a gazetteer place, with ACLED's geo-precision."""

    place: GeoPlace
    precision: int


def context_of(countries: Iterable[str | None]) -> dict[str, int]:
    """How often each state is named (ISO3 codes, one per mention; None and non-states skipped)."""
    out: dict[str, int] = {}
    for c in countries:
        if c and len(c) == 3 and c.isalpha() and c.isupper():
            out[c] = out.get(c, 0) + 1
    return out


def _size(p: GeoPlace) -> float:
    return p.population if p.kind == "town" else p.population * DIVISION_WEIGHT


def candidates(gazetteer: Gazetteer, name: str, context: Mapping[str, int] | None = None) -> list[GeoPlace]:
    """The places ``name`` may mean. An alternate name counts for a place of 100,000 people or more when no
    place of that own name is a tenth as big ("Bombay" is Mumbai, not a hamlet of New Zealand; "Islamabad" is
    not an old name of Chittagong), for a place of 5,000 in a state of the ``context`` on the same terms
    within that state ("Londonderry" in a story about Britain is Derry), and for a town in a province of that
    own name ("Basra" is the city of Basrah in the province of Basra)."""
    context = context or {}
    found = gazetteer.lookup(name)
    own = [p for p, is_own in found if is_own]
    biggest_own = max((_size(p) for p in own), default=0.0)
    biggest_in_context = max((_size(p) for p in own if context.get(p.country)), default=0.0)
    divisions = {(p.country, p.name) for p in own if p.kind != "town"}
    alternates = [p for p, is_own in found if not is_own and (
        (p.population >= ALTERNATE_MIN_POPULATION and _size(p) >= 10 * biggest_own)
        or (context.get(p.country) and p.population >= 5_000 and _size(p) >= 10 * biggest_in_context)
        or (p.country, p.admin1) in divisions or (p.country, p.admin2) in divisions)]
    return own + alternates


def resolve(gazetteer: Gazetteer, name: str, context: Mapping[str, int] | None = None,
            *, near: bool = False) -> Resolved | None:
    """The place ``name`` means in an article about the states of ``context`` (see the module's rules).
    ``near``: the text places the event near or outside it, or in a part of it (precision 2 for a town)."""
    context = context or {}
    cands = candidates(gazetteer, name, context)
    if not cands:
        return None
    in_context = [p for p in cands if context.get(p.country)]
    if not in_context:
        bare = name.strip()
        bare = bare[4:] if bare.lower().startswith("the ") else bare
        if bare.lower() in FEATURE_WORDS:
            return None  # rule 5
        if context:
            cands = [p for p in cands if _size(p) >= FOREIGN_MIN_SIZE]  # rule 6
            if not cands:
                return None
    if in_context:
        top = max(context[p.country] for p in in_context)
        pool = [p for p in in_context if context[p.country] == top]
    else:
        pool = cands
    countries = [p for p in cands if p.kind == "country"]
    if countries and not (in_context and any(p.kind == "admin1" or (
            p.kind == "town" and p.population >= CITY_POPULATION) for p in pool if p.kind != "country")):
        # A country's name is that country, whatever else the article is about ("Lebanon" in a story about
        # the US is not Lebanon, Pennsylvania), unless the article's states hold a province or a city of that
        # name ("Georgia" in a story about Atlanta).
        best = max(countries, key=lambda p: (bool(context.get(p.country)), p.population, -p.row))
        return Resolved(best, 3)
    pool = [p for p in pool if p.kind != "country"] or pool
    lead = max(pool, key=lambda p: (_size(p), -p.row))
    same = [p for p in pool if p.country == lead.country]
    towns = [p for p in same if p.kind == "town"]
    divisions = [p for p in same if p.kind != "town"]
    town = max(towns, key=lambda p: (p.population, -p.row)) if towns else None
    division = max(divisions, key=lambda p: (p.population, p.kind == "admin1", -p.row)) if divisions else None
    if town is not None and (division is None or town.population >= CITY_POPULATION or division.kind == "admin2"
                             or division.name in (town.admin1, town.admin2)):
        return Resolved(town, 2 if near else 1)
    assert division is not None
    return Resolved(division, 3)
