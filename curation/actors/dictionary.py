"""The actor dictionary: canonical actors, their aliases and their dated roles.

The shipped dictionary lives in ``curation/actors/data`` as three CSV files
(``actors.csv``, ``aliases.csv``, ``roles.csv``) and a ``VERSION`` line. Users
extend it with their own files, named in the config key ``actors.extra_files``:

* CSV files with the same columns as one of the shipped files; the header
  says which (``actor_id,name,actor_type,country,wikidata_qid,parent`` for
  actors, ``actor_id,alias,kind`` for aliases,
  ``actor_id,role,country,start_date,end_date,coded_as`` for roles);
* TOML files of ``[[actor]]`` tables, with aliases and roles inline::

      [[actor]]
      actor_id = "acme-militia"
      name = "Acme Militia"
      actor_type = "REBEL"
      country = "COD"            # optional
      wikidata_qid = "Q123"      # optional
      parent = ""                # optional
      aliases = ["Acme fighters", { alias = "AM", kind = "abbrev" }]
      roles = [{ role = "commander", country = "COD", start_date = "2020-01-01", end_date = "", coded_as = "" }]

  A ``[[actor]]`` with only ``actor_id`` and ``aliases`` adds aliases to an
  actor that already exists (shipped or from an earlier file).

A user's actor row replaces a shipped row with the same id (so a name or a
type can be corrected without editing the package); aliases and roles add up.
Every bad row raises :class:`~curation.errors.DictionaryError` naming the file
and the line.

State sectors follow the shared id convention ``ISO3-SECTOR`` (RUS-GOV,
RUS-MIL, RUS-LEG, RUS-POL, RUS-REB, RUS-OPP, RUS-JUD). The shipped files hold
GOV and MIL for every state; the others are derived from the state on demand
(:meth:`ActorDictionary.sector`), so "Syrian rebels" can be coded SYR-REB
without a row per country and sector in the data.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from curation.errors import DictionaryError, Errors
from curation.records import Actor, ActorRole

ACTOR_TYPES = ("STATE", "GOV", "MIL", "PERSON", "IGO", "NGO", "PARTY", "REBEL", "MEDIA", "OTHER")
ALIAS_KINDS = ("name", "short", "abbrev", "demonym", "metonym", "variant", "surname")
ACTOR_COLUMNS = ("actor_id", "name", "actor_type", "country", "wikidata_qid", "parent")
ALIAS_COLUMNS = ("actor_id", "alias", "kind")
ROLE_COLUMNS = ("actor_id", "role", "country", "start_date", "end_date", "coded_as")

# Sectors of a state and the actor type of the derived actor. Police, courts
# and the legislature are organs of the state, coded GOV as ICEWS/Phoenix do;
# the opposition is not a single party, hence OTHER.
SECTORS: Mapping[str, tuple[str, str]] = {
    "GOV": ("GOV", "Government of {name}"),
    "MIL": ("MIL", "Armed forces of {name}"),
    "LEG": ("GOV", "Legislature of {name}"),
    "POL": ("GOV", "Police of {name}"),
    "JUD": ("GOV", "Judiciary of {name}"),
    "REB": ("REBEL", "Rebels in {name}"),
    "OPP": ("OTHER", "Opposition in {name}"),
}

_ID = re.compile(r"[A-Za-z0-9_.\-]+")
_ISO3 = re.compile(r"[A-Z]{3}")
_QID = re.compile(r"Q[0-9]+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Typographic quotes and dashes read as their ASCII forms when matching.
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_QUOTES = QUOTES
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
DEFAULT_DATA = "data"


def normalize_alias(text: str) -> str:
    """Matching key of a non-abbreviation alias: case-folded, quotes and dashes unified,
    white space collapsed, a leading "the" dropped ("the Kremlin" and "Kremlin" are one key)."""
    text = " ".join(text.translate(_QUOTES).split())
    return _ARTICLE.sub("", text).casefold()


def abbrev_key(text: str) -> str:
    """Matching key of an abbreviation: case kept (``US`` is not ``us``), a leading "the" dropped."""
    text = " ".join(text.translate(_QUOTES).split())
    return re.sub(r"^(the|The)\s+", "", text)


def pieces(text: str) -> tuple[str, ...]:
    """Case-folded word and punctuation pieces of a text ("U.S." -> ("u", ".", "s", "."))."""
    return tuple(w.casefold() for w in _TOKEN.findall(text.translate(QUOTES)))


def n_tokens(text: str) -> int:
    """Tokens of an alias as a word/punctuation split (an upper bound of spaCy's count)."""
    return len(_TOKEN.findall(text))


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One name an actor goes by, and how it may be matched."""

    actor_id: str
    alias: str  # as written in the data file
    kind: str  # name, short, abbrev, demonym, metonym, variant, surname

    @property
    def case_sensitive(self) -> bool:
        """Abbreviations, and aliases written in capitals ("the UN"), match only with their exact case:
        "US" is never "us", and "UN" is not the "Un" of "Kim Jong Un"."""
        if self.kind == "abbrev":
            return True
        key = abbrev_key(self.alias).replace(".", "")
        return key.isupper() and len(key) <= 8


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """A dated role from the dictionary, with the actor a holder is coded as."""

    actor_id: str
    role: str
    country: str | None
    start_date: date | None
    end_date: date | None  # None: still held
    coded_as: str | None

    def holds_on(self, day: date) -> bool:
        """Whether the role is held on ``day`` (both bounds inclusive)."""
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or day <= self.end_date)

    def record(self) -> ActorRole:
        """The row of the ``actor_roles`` table."""
        return ActorRole(actor_id=self.actor_id, role=self.role, country=self.country,
                         start_date=self.start_date, end_date=self.end_date)


@dataclass(frozen=True, slots=True)
class _ActorRow:
    actor: Actor
    parent: str | None
    where: str  # "path:line", for error messages


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Canonical actors with indexes for matching and for dated roles.

    Build it with :func:`load_dictionary` (or :func:`build_dictionary` from rows).
    """

    name: str
    version: str
    sha256: str
    actors: Mapping[str, Actor]
    parents: Mapping[str, str | None]
    aliases: tuple[AliasEntry, ...]
    roles: Mapping[str, tuple[RoleEntry, ...]]
    files: tuple[str, ...] = ()
    _by_key: Mapping[str, tuple[AliasEntry, ...]] = field(default_factory=dict, repr=False)
    _by_abbrev: Mapping[str, tuple[AliasEntry, ...]] = field(default_factory=dict, repr=False)
    _by_role: Mapping[tuple[str, str | None], tuple[RoleEntry, ...]] = field(default_factory=dict, repr=False)
    max_alias_tokens: int = 1
    # Every alias as case-folded word/punctuation pieces, and every prefix of
    # them, so the linker extends a match token by token and stops early.
    _piece_keys: frozenset[tuple[str, ...]] = frozenset()
    _piece_prefixes: frozenset[tuple[str, ...]] = frozenset()

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with ``actor_id`` (a derived state sector included), or None."""
        found = self.actors.get(actor_id)
        if found is not None:
            return found
        state, _, sector = actor_id.rpartition("-")
        base = self.actors.get(state)
        if sector in SECTORS and base is not None and base.actor_type == "STATE":
            actor_type, pattern = SECTORS[sector]
            return Actor(actor_id=actor_id, name=pattern.format(name=base.name), actor_type=actor_type,
                         country=base.country or state)
        return None

    def lookup(self, alias_text: str) -> tuple[AliasEntry, ...]:
        """Entries whose alias matches ``alias_text`` (abbreviations by exact case, others case-insensitively)."""
        hits = list(self._by_abbrev.get(abbrev_key(alias_text), ()))
        hits.extend(self._by_key.get(normalize_alias(alias_text), ()))
        return tuple(dict.fromkeys(hits))

    def is_alias_prefix(self, pieces: tuple[str, ...]) -> bool:
        """Whether some alias begins with these case-folded pieces (see :func:`pieces`)."""
        return pieces in self._piece_prefixes

    def is_alias(self, pieces: tuple[str, ...]) -> bool:
        """Whether some alias is spelled by these case-folded pieces (then :meth:`lookup` the text)."""
        return pieces in self._piece_keys

    def roles_of(self, actor_id: str) -> tuple[RoleEntry, ...]:
        """Every dated role of an actor, by start date."""
        return self.roles.get(actor_id, ())

    def holders(self, role: str, country: str | None, on_date: date) -> tuple[str, ...]:
        """Actors holding ``role`` for ``country`` (None: an organisation's role) on ``on_date``."""
        return tuple(dict.fromkeys(r.actor_id for r in self._by_role.get((role, country), ()) if r.holds_on(on_date)))

    def coded_as(self, person_id: str, on_date: date) -> str | None:
        """The actor a person is coded as on ``on_date`` (e.g. USA-GOV for a president in office), or None."""
        held = [r for r in self.roles_of(person_id) if r.coded_as and r.holds_on(on_date)]
        return held[0].coded_as if held else None

    def actor_for_event(self, actor_id: str, on_date: date | None) -> str:
        """The actor an event is coded with: a person in office is coded as their office's actor
        (Trump -> USA-GOV from 2017-01-20 to 2021-01-20 and from 2025-01-20), anyone else as themselves."""
        if on_date is None:
            return actor_id
        return self.coded_as(actor_id, on_date) or actor_id

    def is_state(self, actor_id: str) -> bool:
        """Whether ``actor_id`` is a state ("RUS"), not an organisation with a three-letter code ("BBC")."""
        act = self.actor(actor_id)
        return act is not None and act.actor_type == "STATE"

    def sector(self, state_id: str, sector: str) -> str | None:
        """The id of a state's sector (``sector("RUS", "MIL") == "RUS-MIL"``), or None for a non-state."""
        actor_id = f"{state_id}-{sector}"
        return actor_id if self.actor(actor_id) is not None else None

    def parent(self, actor_id: str) -> str | None:
        """The actor this one is part of (RUS-GOV -> RUS), derived sectors included."""
        if actor_id in self.parents:
            return self.parents[actor_id]
        state, _, sector = actor_id.rpartition("-")
        return state if sector in SECTORS and self.actor(actor_id) is not None else None

    def aliases_of(self, actor_id: str) -> tuple[str, ...]:
        """The aliases of an actor as written, sorted and without repeats."""
        return tuple(sorted({a.alias for a in self.aliases if a.actor_id == actor_id}))

    def table_rows(self, actor_ids: Iterable[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Rows of the ``actors`` and ``actor_roles`` tables for ``actor_ids``.

        The actors that a used actor's roles are coded as (a president's
        USA-GOV) come along, so every id the events stage may write resolves.
        """
        wanted: set[str] = set()
        todo = [a for a in actor_ids if a]
        while todo:
            aid = todo.pop()
            if aid in wanted or self.actor(aid) is None:
                continue
            wanted.add(aid)
            todo.extend(r.coded_as for r in self.roles_of(aid) if r.coded_as)
        by_alias: dict[str, set[str]] = {}
        for a in self.aliases:
            if a.actor_id in wanted:
                by_alias.setdefault(a.actor_id, set()).add(a.alias)
        actors: list[dict[str, Any]] = []
        roles: list[dict[str, Any]] = []
        for aid in sorted(wanted):
            act = self.actor(aid)
            assert act is not None  # filtered above
            actors.append({"actor_id": act.actor_id, "name": act.name, "actor_type": act.actor_type,
                           "country": act.country, "wikidata_qid": act.wikidata_qid,
                           "aliases": sorted(by_alias.get(aid, ())), "sector": sector_of(act.actor_id, act.actor_type),
                           "origin": "dictionary"})
            seen: set[tuple[Any, ...]] = set()
            for r in self.roles_of(aid):
                key = (r.actor_id, r.role, r.country, r.start_date)  # the table's primary key
                if key not in seen:
                    seen.add(key)
                    rec = r.record()
                    roles.append({"actor_id": rec.actor_id, "role": rec.role, "country": rec.country,
                                  "start_date": rec.start_date, "end_date": rec.end_date})
        return actors, roles

    def stats(self) -> dict[str, int]:
        """Sizes of the dictionary (states, organisations, people, dated person roles, aliases)."""
        types = [a.actor_type for a in self.actors.values()]
        people = {k for k, a in self.actors.items() if a.actor_type == "PERSON"}
        return {
            "actors": len(self.actors), "states": types.count("STATE"),
            "organisations": types.count("IGO") + types.count("NGO"), "people": len(people),
            "person_roles": sum(len(v) for k, v in self.roles.items() if k in people),
            "aliases": len(self.aliases),
        }


# --- reading ---------------------------------------------------------------------------------------------------


_SUFFIX_SECTOR = {"GOV": "GOV", "MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "OPP": "OPP", "REB": "REB", "POL": "COP"}
_TYPE_SECTOR = {"GOV": "GOV", "MIL": "MIL", "PARTY": "PTY", "REBEL": "REB", "MEDIA": "JRN", "COMPANY": "BUS"}


def sector_of(actor_id: str, actor_type: str) -> str | None:
    """The PLOVER sector of a dictionary actor: from its ISO3-SECTOR id, else from its type."""
    if len(actor_id) == 7 and actor_id[3] == "-" and actor_id[4:] in _SUFFIX_SECTOR and actor_type != "PARTY":
        return _SUFFIX_SECTOR[actor_id[4:]]
    if actor_type == "OTHER" and actor_id.endswith("-OPP"):
        return "OPP"
    return _TYPE_SECTOR.get(actor_type)


def _err(path: str | Path, line: int, detail: str) -> DictionaryError:
    return DictionaryError(Errors.E030.format(path=path, line=line, detail=detail))


def _opt(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _date(value: str | None, what: str, path: str | Path, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _err(path, line, f"{what} must be a date as YYYY-MM-DD, got {value!r}") from exc


def _actor_row(row: Mapping[str, Any], path: str | Path, line: int) -> _ActorRow:
    aid = _opt(row.get("actor_id"))
    name = _opt(row.get("name"))
    atype = (_opt(row.get("actor_type")) or "").upper()
    country = _opt(row.get("country"))
    qid = _opt(row.get("wikidata_qid"))
    if not aid or not _ID.fullmatch(aid):
        raise _err(path, line, f"actor_id must be letters, digits, '.', '_' or '-', got {aid!r}")
    if not name:
        raise _err(path, line, f"actor {aid} has no name")
    if atype not in ACTOR_TYPES:
        raise _err(path, line, f"actor_type of {aid} must be one of {', '.join(ACTOR_TYPES)}, got {atype!r}")
    if country and not _ISO3.fullmatch(country):
        raise _err(path, line, f"country of {aid} must be an ISO 3166 alpha-3 code like RUS, got {country!r}")
    if qid and not _QID.fullmatch(qid):
        raise _err(path, line, f"wikidata_qid of {aid} must look like Q159, got {qid!r}")
    actor = Actor(actor_id=aid, name=name, actor_type=atype, country=country, wikidata_qid=qid)
    return _ActorRow(actor=actor, parent=_opt(row.get("parent")), where=f"{path}:{line}")


def _alias_row(row: Mapping[str, Any], path: str | Path, line: int) -> tuple[AliasEntry, str]:
    aid = _opt(row.get("actor_id"))
    alias = _opt(row.get("alias"))
    kind = (_opt(row.get("kind")) or "").lower()
    if not aid:
        raise _err(path, line, "alias row has no actor_id")
    if not alias:
        raise _err(path, line, f"alias of {aid} is empty")
    if kind not in ALIAS_KINDS:
        raise _err(path, line, f"alias kind of {alias!r} must be one of {', '.join(ALIAS_KINDS)}, got {kind!r}")
    return AliasEntry(actor_id=aid, alias=alias, kind=kind), f"{path}:{line}"


def _role_row(row: Mapping[str, Any], path: str | Path, line: int) -> tuple[RoleEntry, str]:
    aid = _opt(row.get("actor_id"))
    role = _opt(row.get("role"))
    country = _opt(row.get("country"))
    if not aid:
        raise _err(path, line, "role row has no actor_id")
    if not role:
        raise _err(path, line, f"role of {aid} is empty")
    if country and not _ISO3.fullmatch(country):
        raise _err(path, line, f"country of the role of {aid} must be an ISO 3166 alpha-3 code, got {country!r}")
    start = _date(_opt(row.get("start_date")), "start_date", path, line)
    end = _date(_opt(row.get("end_date")), "end_date", path, line)
    if start and end and end < start:
        raise _err(path, line, f"role {role} of {aid} ends ({end}) before it starts ({start})")
    entry = RoleEntry(actor_id=aid, role=role.strip().lower().replace(" ", "_"), country=country,
                      start_date=start, end_date=end, coded_as=_opt(row.get("coded_as")))
    return entry, f"{path}:{line}"


@dataclass(slots=True)
class _Rows:
    actors: dict[str, _ActorRow] = field(default_factory=dict)
    aliases: list[tuple[AliasEntry, str]] = field(default_factory=list)
    roles: list[tuple[RoleEntry, str]] = field(default_factory=list)


def _read_csv(path: Path, rows: _Rows, *, replace: bool) -> None:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(Errors.E034.format(path=path, detail=exc)) from exc
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = tuple(h.strip() for h in (reader.fieldnames or ()))
    kinds = {ACTOR_COLUMNS: "actors", ALIAS_COLUMNS: "aliases", ROLE_COLUMNS: "roles"}
    kind = next((k for cols, k in kinds.items() if set(cols) <= set(header)), None)
    if kind is None:
        raise DictionaryError(Errors.E032.format(path=path, found=",".join(header)))
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if None in row:
            raise _err(path, line, f"{len(header) + len(row[None])} fields where the header has {len(header)}")
        clean = {k.strip(): v for k, v in row.items() if k}
        if not any((v or "").strip() for v in clean.values()):
            continue  # a blank line
        if kind == "actors":
            arow = _actor_row(clean, path, line)
            aid = arow.actor.actor_id
            if aid in seen or (aid in rows.actors and not replace):
                raise _err(path, line, f"actor {aid} is declared twice (first at {rows.actors[aid].where})")
            seen.add(aid)
            rows.actors[aid] = arow
        elif kind == "aliases":
            rows.aliases.append(_alias_row(clean, path, line))
        else:
            rows.roles.append(_role_row(clean, path, line))


def _toml_lines(text: str) -> list[int]:
    """Line numbers of the ``[[actor]]`` headers, so errors in a TOML file can name a line."""
    return [i for i, ln in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*actor\s*\]\]", ln)]


def _read_toml(path: Path, rows: _Rows) -> None:
    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(Errors.E034.format(path=path, detail=exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(Errors.E035.format(path=path, detail=exc)) from exc
    unknown = set(data) - {"actor"}
    if unknown:
        raise DictionaryError(Errors.E035.format(path=path, detail=f"unknown tables {sorted(unknown)}; use [[actor]]"))
    tables = data.get("actor", [])
    if not isinstance(tables, list):
        raise DictionaryError(Errors.E035.format(path=path, detail="'actor' must be an array of tables: [[actor]]"))
    lines = _toml_lines(text)
    seen: set[str] = set()
    for i, table in enumerate(tables):
        line = lines[i] if i < len(lines) else 0
        if not isinstance(table, dict):
            raise _err(path, line, "each [[actor]] must be a table")
        extra = set(table) - set(ACTOR_COLUMNS) - {"aliases", "roles"}
        if extra:
            raise _err(path, line, f"unknown keys {sorted(extra)}; allowed: {', '.join(ACTOR_COLUMNS)}, aliases, roles")
        aid = _opt(table.get("actor_id"))
        if not aid:
            raise _err(path, line, "[[actor]] has no actor_id")
        if "name" in table or "actor_type" in table:
            arow = _actor_row(table, path, line)
            if aid in seen:
                raise _err(path, line, f"actor {aid} is declared twice in this file")
            seen.add(aid)
            rows.actors[aid] = arow
        aliases = table.get("aliases", [])
        if not isinstance(aliases, list):
            raise _err(path, line, f"aliases of {aid} must be a list of strings or {{alias, kind}} tables")
        for a in aliases:
            spec = {"actor_id": aid, "alias": a, "kind": "name"} if isinstance(a, str) else {"actor_id": aid, **a} \
                if isinstance(a, dict) else None
            if spec is None:
                raise _err(path, line, f"alias {a!r} of {aid} must be a string or an {{alias, kind}} table")
            rows.aliases.append(_alias_row(spec, path, line))
        roles = table.get("roles", [])
        if not isinstance(roles, list) or not all(isinstance(r, dict) for r in roles):
            raise _err(path, line, f"roles of {aid} must be a list of {{role, country, start_date, end_date}} tables")
        for r in roles:
            spec = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()}
            rows.roles.append(_role_row({"actor_id": aid, **spec}, path, line))


def _check(rows: _Rows) -> None:
    """Cross-row checks: every alias, role, parent and coded_as names a known actor."""
    known = set(rows.actors)
    states = {k for k, a in rows.actors.items() if a.actor.actor_type == "STATE"}

    def resolves(aid: str) -> bool:
        state, _, sector = aid.rpartition("-")
        return aid in known or (sector in SECTORS and state in states)

    for arow in rows.actors.values():
        if arow.parent and not resolves(arow.parent):
            path, _, line = arow.where.rpartition(":")
            raise _err(path, int(line), f"parent {arow.parent} of {arow.actor.actor_id} is not a known actor")
    for alias, where in rows.aliases:
        if not resolves(alias.actor_id):
            path, _, line = where.rpartition(":")
            raise _err(path, int(line), f"alias {alias.alias!r} names unknown actor {alias.actor_id}")
    for role, where in rows.roles:
        path, _, line = where.rpartition(":")
        if not resolves(role.actor_id):
            raise _err(path, int(line), f"role {role.role} names unknown actor {role.actor_id}")
        if role.coded_as and not resolves(role.coded_as):
            raise _err(path, int(line), f"coded_as {role.coded_as} of {role.actor_id} is not a known actor")


def build_dictionary(rows: _Rows, *, name: str, version: str, sha256: str,
                     files: Sequence[str] = ()) -> ActorDictionary:
    """Index checked rows into an :class:`ActorDictionary`."""
    _check(rows)
    aliases = tuple(dict.fromkeys(a for a, _ in rows.aliases))
    actors = {k: v.actor for k, v in sorted(rows.actors.items())}
    # The canonical name is also an alias, so an actor is found by its own name.
    named = aliases + tuple(AliasEntry(a.actor_id, a.name, "name") for a in actors.values()
                            if a.actor_type != "PERSON" or " " in a.name)
    by_key: dict[str, list[AliasEntry]] = {}
    by_abbrev: dict[str, list[AliasEntry]] = {}
    for a in dict.fromkeys(named):
        if a.case_sensitive:
            by_abbrev.setdefault(abbrev_key(a.alias), []).append(a)
        else:
            by_key.setdefault(normalize_alias(a.alias), []).append(a)
    roles: dict[str, list[RoleEntry]] = {}
    by_role: dict[tuple[str, str | None], list[RoleEntry]] = {}
    for r, _ in rows.roles:
        roles.setdefault(r.actor_id, []).append(r)
        by_role.setdefault((r.role, r.country), []).append(r)

    def order(r: RoleEntry) -> tuple[date, str, str]:
        return (r.start_date or date.min, r.role, r.actor_id)

    longest = max((n_tokens(abbrev_key(a.alias)) for a in named), default=1)
    keys = frozenset(p for a in named if (p := pieces(abbrev_key(a.alias))))
    prefixes = frozenset(k[:n] for k in keys for n in range(1, len(k) + 1))
    return ActorDictionary(
        name=name, version=version, sha256=sha256, actors=actors,
        parents={k: v.parent for k, v in rows.actors.items()}, aliases=aliases,
        roles={k: tuple(sorted(v, key=order)) for k, v in sorted(roles.items())}, files=tuple(files),
        _by_key={k: tuple(v) for k, v in by_key.items()}, _by_abbrev={k: tuple(v) for k, v in by_abbrev.items()},
        _by_role={k: tuple(sorted(v, key=order)) for k, v in by_role.items()}, max_alias_tokens=longest,
        _piece_keys=keys, _piece_prefixes=prefixes)


def shipped_data_dir() -> Path:
    """Folder of the shipped dictionary files inside the package."""
    return Path(str(resources.files("curation.actors").joinpath(DEFAULT_DATA)))


def load_dictionary(extra_files: Sequence[str | Path] = (), base_dir: str | Path | None = None) -> ActorDictionary:
    """Load the shipped dictionary (or the one in ``base_dir``) plus the user's ``extra_files``.

    The sha256 covers the bytes of every file read, in order, so the manifest
    pins exactly the dictionary a dataset was coded with.
    """
    base = Path(base_dir) if base_dir is not None else shipped_data_dir()
    shipped = [base / "actors.csv", base / "aliases.csv", base / "roles.csv"]
    missing = [p for p in shipped if not p.is_file()]
    if missing:
        raise DictionaryError(Errors.E033.format(path=missing[0]))
    vfile = base / "VERSION"
    version = vfile.read_text("utf-8").strip().splitlines()[0].strip() if vfile.is_file() else "unversioned"
    rows = _Rows()
    digest = hashlib.sha256()
    files: list[str] = []
    for path in shipped:
        _read_csv(path, rows, replace=False)
    for extra in extra_files:
        path = Path(extra)
        if not path.is_file():
            raise DictionaryError(Errors.E034.format(path=path, detail="no such file"))
        suffix = path.suffix.lower()
        if suffix == ".csv":
            _read_csv(path, rows, replace=True)
        elif suffix == ".toml":
            _read_toml(path, rows)
        else:
            raise DictionaryError(Errors.E031.format(path=path))
    for path in [*shipped, *(Path(e) for e in extra_files)]:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        files.append(str(path.name))
    if extra_files:
        version += "+" + digest.hexdigest()[:8]  # a user-extended dictionary is another dictionary
    name = "curation-actors" if base_dir is None else f"actors:{base.name}"
    return build_dictionary(rows, name=name, version=version, sha256=digest.hexdigest(), files=files)
