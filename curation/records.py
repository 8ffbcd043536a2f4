"""Plain typed records passed between stages.

Every record is a frozen dataclass with slots. Spans are character offsets into
the article text, which is never rewritten. Ids are deterministic hashes of
content and position (see :func:`curation.ids.make_id`), never counters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One readable input item before parsing: a file or one record of a dump."""

    source: str  # input path (plus "#L<n>" or "#R<n>" for a record in a dump)
    fmt: str  # txt, html, jsonl, csv
    text: str | None = None  # decoded text of the item (html: the markup)
    fields: tuple[tuple[str, str | None], ...] = ()  # metadata from the item


@dataclass(frozen=True, slots=True)
class Article:
    """A news article ready for extraction. ``text`` is the body, never rewritten."""

    article_id: str
    source: str
    text: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    published_precision: str | None = None  # day, month, year
    published_basis: str = "none"  # metadata, command_line, config, none
    language: str = "en"
    text_sha256: str = ""
    # Spans of the text that are site boilerplate (navigation, teasers,
    # footers) or headings; extraction skips them. Filled by ``segment``.
    excluded: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that did not become an article, with the reason."""

    source: str
    reason_code: str  # short machine code, e.g. "empty", "binary", "bad_json"
    reason: str  # a sentence a person can act on
    input_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 temporal expression found in an article."""

    timex_id: str
    article_id: str
    sentence_idx: int
    char_start: int
    char_end: int
    text: str
    timex_type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2022, 2025-02, 2025-02-12, 2025-W07, P3Y, PRESENT_REF, XXXX-03
    start_date: date | None  # interval covered (inclusive)
    end_date: date | None
    precision: str | None  # day, week, month, quarter, season, year, decade, century
    anchor: str  # absolute, publication, previous, none
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX ...


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention in an article."""

    mention_id: str
    article_id: str
    sentence_idx: int
    char_start: int
    char_end: int
    text: str
    entity_label: str  # spaCy label (PERSON, GPE, NORP, ORG, LOC, FAC) or DICT
    actor_id: str | None
    link_method: str  # alias, demonym, metonym, role, unlinked


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the actor dictionary."""

    actor_id: str
    name: str
    actor_type: str  # STATE, GOV, MIL, PERSON, IGO, NGO, PARTY, REBEL, MEDIA, OTHER
    country: str | None  # ISO 3166 alpha-3, None for IGOs
    wikidata_qid: str | None = None
    aliases: tuple[str, ...] = ()
    sector: str | None = None  # PLOVER sector code (GOV, MIL, BUS, CVL ...), None for a state as a whole
    origin: str = "dictionary"  # dictionary, or text: made from a name or description the dictionary lacks


@dataclass(frozen=True, slots=True)
class ActorRole:
    """A date-bounded role of an actor (e.g. head of state of a country)."""

    actor_id: str
    role: str
    country: str | None
    start_date: date | None
    end_date: date | None  # None: still holds the role


@dataclass(frozen=True, slots=True)
class Event:
    """One event mention: a typed, dated, dyadic event with its factuality."""

    event_id: str
    article_id: str
    sentence_idx: int
    char_start: int  # the evidence sentence's span
    char_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    evidence: str
    event_type: str  # PLOVER category
    quad_class: str
    cameo_root: str
    source_actor_id: str | None  # the most specific actor: a person, a party, a ministry, a state
    target_actor_id: str | None
    event_date: date | None
    event_date_end: date | None
    date_precision: str | None
    date_basis: str  # timex, publication, none
    timex_id: str | None
    country: str | None
    location_text: str | None
    polarity: str  # asserted, negated
    modality: str  # actual, possible, future, conditional, reported
    extractor: str
    confidence: float
    event_cluster_id: str | None = None
    cameo_code: str = ""  # finest CAMEO code the trigger supports (2 to 4 digits)
    mode: str | None = None  # PLOVER mode
    source_country: str | None = None  # PLOVER country code of the source (ISO3, or UNO, EUR, IGO, NGO, MNC, IMG)
    source_sector: str | None = None  # PLOVER sector of the source (GOV, MIL, COP, BUS, CVL ...)
    target_country: str | None = None
    target_sector: str | None = None
    is_lead: bool = False  # the article's lead event: what its headline and first paragraph report
    is_background: bool = False  # told as background (a relative clause, a historical aside), not as news
    date_via: str = "none"  # how the date was found (see curation.events.dating)
    place_name: str | None = None  # the gazetteer's name of the place (see curation.events.geocode)
    admin1: str | None = None  # its first-level division (province, state; England, Scotland ...)
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None  # GeoNames id of a town or a country (None for a division)
    geo_precision: int | None = None  # ACLED: 1 the town, 2 near it or a part of it, 3 province or country only
    place_basis: str | None = None  # trigger, clause (what the text says), dateline, setting (the article's)
    fatalities: int | None = None  # people killed, as the sentence counts them (see curation.events.counts)
    fatalities_qualifier: str | None = None  # exact, at_least, at_most, approximate, vague
    injured: int | None = None
    injured_qualifier: str | None = None
    arrested: int | None = None  # COERCE: people arrested or detained
    arrested_qualifier: str | None = None
    plover_score: float | None = None  # PLOVER conflict-cooperation score of the type and mode (-10 .. +10)


@dataclass(frozen=True, slots=True)
class EventActor:
    """Long form of an actor taking part in an event."""

    event_id: str
    actor_id: str
    role: str  # source, target, other
    mention_id: str | None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the per-article function returns for one article."""

    article: Article
    n_words: int
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    event_actors: tuple[EventActor, ...] = ()
    actor_ids: tuple[str, ...] = field(default=())  # dictionary actors used
    new_actors: tuple[Actor, ...] = ()  # actors made from the text (names and descriptions the dictionary lacks)
