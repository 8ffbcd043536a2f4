"""One declaration per table of the dataset (see DESIGN.md, "Tables")."""

from __future__ import annotations

from schemas.declare import Column, ForeignKey, Table

# Bumped when any table changes shape; every table also carries its own version.
SCHEMA_VERSION = "1.3.0"

ACTOR_TYPES = ("STATE", "GOV", "MIL", "PERSON", "IGO", "NGO", "PARTY", "REBEL", "MEDIA", "COMPANY", "GROUP", "OTHER")
# PLOVER 2021 sector codes ("Country Names and Sector Codes"); COP is the police.
SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM", "CVL",
           "EDU", "ELI", "JRN", "LAB", "MED", "REF", "PRE", "REL", "SOC")
# PLOVER country codes of international actors, beside ISO 3166 alpha-3 for states.
PLOVER_COUNTRY = r"([A-Z]{3})"
MODES = ("visit", "third-party", "multilateral", "phone", "withdraw", "release", "disarm", "ceasefire", "access",
         "resign", "assist", "change", "yield", "meet", "disapprove", "investigate", "allege", "restrict", "arrest",
         "relations", "expel", "territory", "violence", "demo", "riot", "strike", "hunger", "boycott", "obstruct",
         "vandalize", "convict", "discontinue", "troops", "weapons", "police", "militia", "seize", "censor", "curfew",
         "martial-law", "deport", "withhold", "misinformation", "cyber", "abduct", "beat", "torture", "sexual",
         "targeted", "destroy", "primitive", "firearms", "explosives", "suicide-attack", "aerial", "drone",
         "heavy-weapons", "crowd-control", "unconventional")
PRECISIONS = (
    "minute", "hour", "day", "week", "month", "quarter", "season", "year", "decade", "century",
)
# How an event's date was found (events.date_via), in the order the dating stage tries them.
DATE_VIA = (
    "governed", "clause", "at_the_time", "same_event", "ordered", "told_past", "narrative", "publication",
    "unrealized", "state", "past_perfect", "no_publication_date", "no_narrative_date",
)
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_CLASSES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
MODALITIES = ("actual", "possible", "future", "conditional", "reported")

ISO3 = r"[A-Z]{3}"
PLACE_BASES = ("trigger", "clause", "dateline", "setting")
COUNT_QUALIFIERS = ("exact", "at_least", "at_most", "approximate", "vague")
HEX16 = r"[0-9a-f]{16}"
# TIMEX3 values as TimeML writes them: calendar dates of any granularity (X for
# unknown digits), weeks, quarters, halves, seasons, times of day, durations
# (with several units: P2Y6M, PT5H30M), years before the common era (BC0480,
# as HeidelTime and TIMEX2 write them), and the PRESENT/PAST/FUTURE references.
TIMEX_VALUE = (
    r"(PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P[0-9X.]*[YMWDHLCE]?(T[0-9X.]+[HMS])*|PT[0-9X.]+[HMS]|P([0-9X.]+(DE|CE|ML|[YMWDQ]))+(T([0-9X.]+[HMS])+)?"
    r"|PT([0-9X.]+[HMS])+"
    r"|(BC)?[0-9X]{1,4}(-(W[0-9X]{2}(-WE|-[1-7X])?|Q[1-4X]|H[12X]|SP|SU|FA|WI"
    r"|[0-9X]{2}(-[0-9X]{2})?))?(T([0-9X]{2}(:[0-9X]{2}(:[0-9X]{2})?)?|MO|AF|EV|NI|DT))?)"
)


def _id(name: str, prefix: str, description: str, *, unique: bool = True) -> Column:
    return Column(name, "string", description, pattern=prefix + HEX16, unique=unique)


def _article_ref() -> Column:
    return Column("article_id", "string", "Article the row comes from.", pattern="a" + HEX16)


def _span(what: str) -> tuple[Column, ...]:
    return (
        Column("sentence_idx", "int32", f"Index of the sentence holding the {what} in the article.", min=0),
        Column("char_start", "int32", f"Offset of the first character of the {what} in the article text.", min=0),
        Column("char_end", "int32", f"Offset one past the last character of the {what}.", min=1),
    )


ARTICLES = Table(
    name="articles",
    description="One row per article read: its metadata and text statistics.",
    columns=(
        _id("article_id", "a", "sha256 of the article text (first 16 hex digits)."),
        Column("source", "string", "Input path (and record number within a dump) the article was read from."),
        Column("url", "string", "Canonical URL of the article.", nullable=True),
        Column("publisher", "string", "Publisher or site name.", nullable=True),
        Column("title", "string", "Headline.", nullable=True),
        Column("byline", "string", "Author line.", nullable=True),
        Column("published", "date", "Document creation time: the publication date.", nullable=True),
        Column("published_precision", "category", "Precision of the publication date.", nullable=True,
               allowed=("day", "month", "year")),
        Column("published_basis", "category", "Where the publication date came from.",
               allowed=("metadata", "command_line", "config", "none")),
        Column("language", "string", "ISO 639-1 code of the article's language.", pattern=r"[a-z]{2}"),
        Column("text", "string", "The article body exactly as read; every offset points into it."),
        Column("text_sha256", "string", "sha256 of the UTF-8 text.", pattern=r"[0-9a-f]{64}"),
        Column("n_chars", "int32", "Length of the text in characters.", min=1),
        Column("n_words", "int32", "Number of word tokens in the text.", min=1),
        Column("n_excluded_chars", "int32", "Characters recognised as boilerplate and excluded from extraction.", min=0),
    ),
    primary_key=("article_id",),
    sort_by=("article_id",),
)

TIMEXES = Table(
    name="timexes",
    description="Every temporal expression (TIMEX3) found in the articles.",
    columns=(
        _id("timex_id", "tx", "Hash of article and span."),
        _article_ref(),
        *_span("expression"),
        Column("text", "string", "The expression as written (extent as TimeML defines it)."),
        Column("timex_type", "category", "TIMEX3 type.", allowed=("DATE", "TIME", "DURATION", "SET")),
        Column("value", "string", "Normalized TIMEX3 value.", pattern=TIMEX_VALUE),
        Column("mod", "string", "TIMEX3 mod (BEFORE, AFTER, START, MID, END, APPROX ...).", nullable=True),
        Column("start_date", "date", "First day of the interval the expression covers.", nullable=True),
        Column("end_date", "date", "Last day of the interval the expression covers.", nullable=True),
        Column("precision", "category", "Precision of the value.", nullable=True, allowed=PRECISIONS),
        Column("anchor", "category", "What a relative expression was anchored to.",
               allowed=("absolute", "publication", "previous", "none")),
    ),
    primary_key=("timex_id",),
    sort_by=("article_id", "char_start", "timex_id"),
    foreign_keys=(ForeignKey(("article_id",), "articles", ("article_id",)),),
    partition_by="year",
    partition_source="start_date",
)

ACTORS = Table(
    name="actors",
    description="One row per canonical actor used by the dataset, from the actor dictionary.",
    columns=(
        Column("actor_id", "string", "Stable id: ISO3 for a state, ISO3-SECTOR for its parts, a slug for a person, a code for an organisation.",
               pattern=r"[A-Za-z0-9_.\-]+", unique=True),
        Column("name", "string", "Canonical name."),
        Column("actor_type", "category", "Kind of actor.", allowed=ACTOR_TYPES),
        Column("country", "string", "ISO 3166 alpha-3 country; null for international organisations.",
               nullable=True, pattern=ISO3),
        Column("wikidata_qid", "string", "Wikidata item id.", nullable=True, pattern=r"Q[0-9]+"),
        Column("aliases", "list<string>", "Other names the actor goes by."),
        Column("sector", "category", "PLOVER sector code of the actor (GOV, MIL, COP, BUS, CVL ...); null for a "
               "state as a whole, an international organisation, or a person (whose sector is their office on an "
               "event's date).", nullable=True, allowed=SECTORS),
        Column("origin", "category", "dictionary: from the actor dictionary; text: made from a name or a "
               "description in the articles that the dictionary does not hold.", allowed=("dictionary", "text")),
    ),
    primary_key=("actor_id",),
    sort_by=("actor_id",),
    version=2,
)

ACTOR_ROLES = Table(
    name="actor_roles",
    description="Date-bounded roles of the actors (a head of state from one date to another).",
    columns=(
        Column("actor_id", "string", "Actor holding the role."),
        Column("role", "string", "Role, e.g. head_of_state, foreign_minister."),
        Column("country", "string", "Country of the role.", nullable=True, pattern=ISO3),
        Column("start_date", "date", "First day in the role.", nullable=True),
        Column("end_date", "date", "Last day in the role; null while still held.", nullable=True),
    ),
    primary_key=("actor_id", "role", "country", "start_date"),
    sort_by=("actor_id", "role", "start_date"),
    foreign_keys=(ForeignKey(("actor_id",), "actors", ("actor_id",)),),
)

MENTIONS = Table(
    name="mentions",
    description="Every actor mention, linked to the dictionary where possible.",
    columns=(
        _id("mention_id", "m", "Hash of article and span."),
        _article_ref(),
        *_span("mention"),
        Column("text", "string", "The mention as written."),
        Column("entity_label", "category", "spaCy entity label, or DICT for a dictionary match.",
               allowed=("PERSON", "GPE", "NORP", "ORG", "LOC", "FAC", "DICT")),
        Column("actor_id", "string", "Linked actor; null when unlinked.", nullable=True),
        Column("link_method", "category", "How the mention was linked.",
               allowed=("alias", "demonym", "metonym", "role", "generated", "unlinked")),
    ),
    primary_key=("mention_id",),
    sort_by=("article_id", "char_start", "mention_id"),
    foreign_keys=(
        ForeignKey(("article_id",), "articles", ("article_id",)),
        ForeignKey(("actor_id",), "actors", ("actor_id",)),
    ),
    version=2,
)

EVENTS = Table(
    name="events",
    description="One row per event mention: typed (PLOVER), dyadic, dated, with factuality.",
    columns=(
        _id("event_id", "e", "Hash of article, sentence span and trigger."),
        _article_ref(),
        *_span("evidence sentence"),
        Column("trigger", "string", "The word or phrase that expresses the event."),
        Column("trigger_start", "int32", "Offset of the trigger in the article text.", min=0),
        Column("trigger_end", "int32", "Offset one past the trigger.", min=1),
        Column("evidence", "string", "The sentence the event was read from (equals the text slice)."),
        Column("event_type", "category", "PLOVER event category.", allowed=EVENT_TYPES),
        Column("quad_class", "category", "Verbal/material cooperation/conflict.", allowed=QUAD_CLASSES),
        Column("cameo_root", "string", "CAMEO root code for GDELT-style users.", pattern=r"[0-9]{2}"),
        Column("cameo_code", "string", "Finest CAMEO code the trigger supports (3 or 4 digits where clear, "
               "the root otherwise).", pattern=r"[0-9]{2,4}"),
        Column("mode", "category", "PLOVER mode (how: visit, phone, release, arrest, firearms ...), when the "
               "trigger says it.", nullable=True, allowed=MODES),
        Column("source_actor_id", "string", "The most specific actor that does the event (a person, a party, a "
               "ministry, a state).", nullable=True),
        Column("source_country", "string", "PLOVER country code of the source: ISO 3166 alpha-3, or UNO, EUR, "
               "IGO, NGO, MNC, IMG for international actors.", nullable=True, pattern=PLOVER_COUNTRY),
        Column("source_sector", "category", "PLOVER sector of the source on the event's date (a minister: GOV).",
               nullable=True, allowed=SECTORS),
        Column("target_actor_id", "string", "The most specific actor the event is done to.", nullable=True),
        Column("target_country", "string", "PLOVER country code of the target.", nullable=True,
               pattern=PLOVER_COUNTRY),
        Column("target_sector", "category", "PLOVER sector of the target on the event's date.", nullable=True,
               allowed=SECTORS),
        Column("event_date", "date", "First day of the event's date interval.", nullable=True),
        Column("event_date_end", "date", "Last day of the event's date interval.", nullable=True),
        Column("date_precision", "category", "Precision of the event date.", nullable=True, allowed=PRECISIONS),
        Column("date_basis", "category", "What the date comes from.", allowed=("timex", "publication", "none")),
        Column("timex_id", "string", "The temporal expression that dates the event.", nullable=True,
               pattern="tx" + HEX16),
        Column("date_via", "category", "How the date was found: 'governed' (a timex of the event's own clause or "
               "noun: 'on Friday', 'last Friday's bombing'), 'clause' (the dated clause or event noun it belongs "
               "to), 'at_the_time' (the time the text spoke of last), 'same_event' (another mention of the same "
               "event noun), 'ordered' ('two days after the vote'), 'told_past' (a past told right after a past "
               "date), 'narrative' (the time a historical narrative has reached), 'publication' (the week ending "
               "at publication); or why there is none: 'unrealized' (future, possible, conditional), 'state' (a "
               "present state), 'past_perfect' (before the time told, not when), 'no_publication_date', "
               "'no_narrative_date'.", allowed=DATE_VIA),
        Column("country", "string", "Country where the event took place (of the place below; see place_basis "
               "for where it comes from).", nullable=True, pattern=ISO3),
        Column("location_text", "string", "The event's place as the text writes it (the place phrase of its "
               "trigger or clause), whether or not the gazetteer knows it.", nullable=True),
        Column("place_name", "string", "The place in the gazetteer (GeoNames): a town, a province or county, or a "
               "country.", nullable=True),
        Column("admin1", "string", "First-level division of the place (a province, a US state; England, "
               "Scotland ...), when the place is a town or within one.", nullable=True),
        Column("latitude", "float64", "Latitude of the place (WGS84; a division's or a country's is the mean of "
               "its towns').", nullable=True, min=-90.0, max=90.0),
        Column("longitude", "float64", "Longitude of the place (WGS84).", nullable=True, min=-180.0, max=180.0),
        Column("geonameid", "int64", "GeoNames id of the town or the country (null for a division).",
               nullable=True, min=1),
        Column("geo_precision", "int32", "ACLED's geo-precision: 1 the event is in the town itself, 2 near it or "
               "in a part of it, 3 only the province, region or country is known.", nullable=True, min=1, max=3),
        Column("place_basis", "category", "Where the place comes from: 'trigger' (the place phrase of the event's "
               "own words: 'met in Minsk'), 'clause' (a place phrase of its clause), 'dateline' (the article's "
               "dateline), 'setting' (the state the article is about, at country precision: a fallback, not "
               "what the text says of this event).", nullable=True, allowed=PLACE_BASES),
        Column("fatalities", "int32", "People killed, as the event's sentence counts them ('killed at least 12 "
               "people', 'the death toll rose to 40'); null when it gives no count or the count is vague.",
               nullable=True, min=0),
        Column("fatalities_qualifier", "category", "How exact the fatalities are: exact, at_least ('at least', "
               "'more than', the low end of a range), at_most ('up to'), approximate ('about'), vague ('dozens': "
               "no number).", nullable=True, allowed=COUNT_QUALIFIERS),
        Column("injured", "int32", "People injured or wounded, as the sentence counts them.", nullable=True, min=0),
        Column("injured_qualifier", "category", "How exact the injured count is (as fatalities_qualifier).",
               nullable=True, allowed=COUNT_QUALIFIERS),
        Column("arrested", "int32", "COERCE: people arrested or detained, as the sentence counts them.",
               nullable=True, min=0),
        Column("arrested_qualifier", "category", "How exact the arrested count is (as fatalities_qualifier).",
               nullable=True, allowed=COUNT_QUALIFIERS),
        Column("plover_score", "float64", "PLOVER conflict-cooperation score of the event's type and mode (the "
               "manual's table, the successor of GDELT's Goldstein scale: -10 most conflictual, +10 most "
               "cooperative; the category's score when no mode is coded).", nullable=True, min=-10.0, max=10.0),
        Column("polarity", "category", "Whether the event is asserted or negated.", allowed=("asserted", "negated")),
        Column("modality", "category", "Whether it happened, may happen, will happen ...", allowed=MODALITIES),
        Column("is_lead", "bool", "The article's lead event: what its headline and first paragraph report "
               "(at most one per article; it ranks first among the article's events)."),
        Column("is_background", "bool", "Told as background (in a relative clause or a historical aside), not "
               "as news of the article."),
        Column("extractor", "string", "Name and version of the extractor."),
        Column("confidence", "float64", "Calibrated probability that the row is correct.", min=0.0, max=1.0),
        Column("event_cluster_id", "string", "Real-world event this mention belongs to (see event_clusters).",
               nullable=True, pattern="c" + HEX16),
    ),
    primary_key=("event_id",),
    sort_by=("article_id", "char_start", "trigger_start", "event_id"),
    foreign_keys=(
        ForeignKey(("article_id",), "articles", ("article_id",)),
        ForeignKey(("source_actor_id",), "actors", ("actor_id",)),
        ForeignKey(("target_actor_id",), "actors", ("actor_id",)),
        ForeignKey(("timex_id",), "timexes", ("timex_id",)),
    ),
    partition_by="year",
    partition_source="event_date",
    version=3,
)

EVENT_ACTORS = Table(
    name="event_actors",
    description="Long form of every actor in every event.",
    columns=(
        Column("event_id", "string", "Event.", pattern="e" + HEX16),
        Column("actor_id", "string", "Actor taking part."),
        Column("role", "category", "Part the actor plays.", allowed=("source", "target", "other")),
        Column("mention_id", "string", "Mention the actor was read from.", nullable=True, pattern="m" + HEX16),
    ),
    primary_key=("event_id", "actor_id", "role"),
    sort_by=("event_id", "role", "actor_id"),
    foreign_keys=(
        ForeignKey(("event_id",), "events", ("event_id",)),
        ForeignKey(("actor_id",), "actors", ("actor_id",)),
        ForeignKey(("mention_id",), "mentions", ("mention_id",)),
    ),
)

EVENT_CLUSTERS = Table(
    name="event_clusters",
    description="One row per real-world event: the event mentions that report it, deduplicated across sentences and articles (GDELT's NumMentions/NumArticles/NumSources).",
    columns=(
        _id("event_cluster_id", "c", "Hash of the cluster's member event ids."),
        Column("event_type", "category", "PLOVER event category.", allowed=EVENT_TYPES),
        Column("quad_class", "category", "Verbal/material cooperation/conflict.", allowed=QUAD_CLASSES),
        Column("cameo_root", "string", "CAMEO root code.", pattern=r"[0-9]{2}"),
        Column("source_actor_id", "string", "Actor that does the event.", nullable=True),
        Column("target_actor_id", "string", "Actor the event is done to.", nullable=True),
        Column("source_country", "string", "PLOVER country code of the source.", nullable=True,
               pattern=PLOVER_COUNTRY),
        Column("source_sector", "category", "PLOVER sector of the source.", nullable=True, allowed=SECTORS),
        Column("target_country", "string", "PLOVER country code of the target.", nullable=True,
               pattern=PLOVER_COUNTRY),
        Column("target_sector", "category", "PLOVER sector of the target.", nullable=True, allowed=SECTORS),
        Column("event_date", "date", "Canonical first day of the event (from the most precise compatible mention).", nullable=True),
        Column("event_date_end", "date", "Canonical last day of the event.", nullable=True),
        Column("date_precision", "category", "Precision of the canonical date.", nullable=True, allowed=PRECISIONS),
        Column("polarity", "category", "Polarity shared by the members.", allowed=("asserted", "negated")),
        Column("modality", "category", "Modality shared by the members.", allowed=MODALITIES),
        Column("country", "string", "Country where the event took place, when a member states it.", nullable=True, pattern=ISO3),
        Column("n_mentions", "int32", "Number of event mentions (rows of events) in the cluster.", min=1),
        Column("n_articles", "int32", "Number of distinct articles reporting it.", min=1),
        Column("n_sources", "int32", "Number of distinct publishers reporting it (an article with no publisher counts as its own source).", min=1),
        Column("first_published", "date", "Earliest publication date among the reporting articles.", nullable=True),
        Column("best_event_id", "string", "The member mention with the highest confidence (ties: earliest).", pattern="e" + HEX16),
        Column("confidence", "float64", "Confidence of the best mention.", min=0.0, max=1.0),
    ),
    primary_key=("event_cluster_id",),
    sort_by=("event_date", "event_type", "event_cluster_id"),
    foreign_keys=(
        ForeignKey(("best_event_id",), "events", ("event_id",)),
        ForeignKey(("source_actor_id",), "actors", ("actor_id",)),
        ForeignKey(("target_actor_id",), "actors", ("actor_id",)),
    ),
    version=2,
)

REJECTS = Table(
    name="rejects",
    description="Every input that did not become an article, with the reason.",
    columns=(
        _id("reject_id", "r", "Hash of source and reason."),
        Column("source", "string", "Input path (and record number within a dump)."),
        Column("reason_code", "category", "Machine-readable reason.",
               allowed=("empty", "binary", "undecodable", "bad_json", "bad_record", "no_main_text",
                        "too_short", "too_long", "bad_date", "language", "duplicate", "unsupported", "unreadable",
                        "symlink", "dataset", "error")),
        Column("reason", "string", "What went wrong and what to do about it."),
        Column("input_sha256", "string", "sha256 of the input bytes.", nullable=True, pattern=r"[0-9a-f]{64}"),
    ),
    primary_key=("reject_id",),
    sort_by=("source", "reject_id"),
    version=2,
)

QUARANTINE = Table(
    name="quarantine",
    description="Rows that failed a blocking validation check, moved out of their table with the reason; never dropped.",
    columns=(
        _id("quarantine_id", "q", "Hash of table, row key and check."),
        Column("table_name", "string", "Table the row was moved out of."),
        Column("row_key", "string", "The row's primary key, as a JSON object."),
        Column("article_id", "string", "Article the row comes from, when it has one.", nullable=True, pattern="a" + HEX16),
        Column("check", "string", "Name of the check the row failed."),
        Column("reason", "string", "What is wrong with the row."),
        Column("row_json", "string", "The whole row as JSON (dates as ISO strings)."),
    ),
    primary_key=("quarantine_id",),
    sort_by=("table_name", "row_key", "check", "quarantine_id"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (ARTICLES, TIMEXES, ACTORS, ACTOR_ROLES, MENTIONS, EVENTS, EVENT_ACTORS, EVENT_CLUSTERS, REJECTS,
              QUARANTINE)
}


def table(name: str) -> Table:
    """The declaration of table ``name``."""
    return TABLES[name]
