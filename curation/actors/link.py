"""Actor mentions: spaCy's entities and dictionary matches, linked to canonical dated actors.

What becomes a mention, and of what (the annotation guidelines in
``gold/README.md`` say the same in prose):

* names of states, organisations, people and armed groups, matched in the
  dictionary token by token (longest match first; abbreviations by exact
  case, other aliases in any case but with a capital first letter), and every
  spaCy entity that can be an actor (PERSON, GPE, NORP, ORG, LOC, FAC);
* a person's surname alone links to the person once the full name appeared
  earlier in the article (also a name part the dictionary does not list:
  "Mr Kim" after "Kim Jong Un"), after a title ("Mr Abbas", "President
  Macron"), or when spaCy tags it as a person and exactly one bearer had taken
  office by the article's date ("Putin" in a 2025 story);
* role descriptions ("the Russian president", "Russia's foreign minister",
  "the US secretary of state") link to whoever held the role on the article's
  publication date (``link_method="role"``); when the dictionary knows no
  holder, to the country's government, the actor the role is coded as;
* a leader's name before "administration", "government" or "regime" is the
  government they led ("the Biden administration" -> USA-GOV); an
  organisation's officer described without a name is the holder on the date
  ("the UN chief"), or the one who just left a vacant office;
* institution names every state has ("the Supreme Court", "Congress") are the
  sector of the state the sentence, else the article, is about;
* demonym + sector noun ("Russian forces", "the Ukrainian government",
  "Syrian rebels", "South Korea's military") link to the state's sector
  (``link_method="demonym"``); a bare demonym ("Russian") to the state;
* metonyms ("the Kremlin", "Moscow", "Downing Street") link to the government
  (``link_method="metonym"``) unless the context makes the word a place: after
  a locative preposition ("talks in Moscow"), a motion word ("flights to
  Beijing"), before a place noun ("Moscow region") or a US state ("Seattle,
  Washington", "Washington state"). A place is kept as an unlinked GPE
  mention, so nothing is lost, and it never makes a government an actor;
* "Georgia" is the US state (an unlinked place) after "City," or before
  "governor"/"state", and in an article about US elections that never names
  the country's cues (Tbilisi, Georgian ...); otherwise the country;
* a title and a country word in front of a name ("Russian President Vladimir
  Putin", "Ukraine's acting president, Oleksandr Turchynov") are part of the
  name's mention, not a mention of the country.

Mentions never overlap; spans exclude a leading "the", titles and a trailing
possessive. Entities the dictionary does not know stay as mentions with a null
actor_id, link_method ``unlinked`` and their entity label; one used as a place
("in Kati", "the town of Zvečan") is labelled LOC whatever the tagger said, so
that places and unknown actors can be told apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from curation.actors.dictionary import QUOTES, pieces
from curation.ids import make_id
from curation.nlp import doc_text
from curation.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from curation.actors.dictionary import ActorDictionary, AliasEntry, RoleEntry

ACTOR_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# Nouns after a demonym or a country's possessive that name a part of the
# state (ICEWS sectors). Multi-word forms are matched before one-word ones.
SECTOR_NOUNS: dict[tuple[str, ...], str] = {
    **{(w,): "MIL" for w in (
        "forces", "force", "troops", "army", "armies", "military", "militaries", "soldiers", "soldier",
        "servicemen", "serviceman", "servicemembers", "navy", "warships", "warplanes", "jets", "artillery",
        "paratroopers", "marines", "commanders", "generals", "units", "battalions", "brigades", "drones")},
    ("air", "force"): "MIL", ("armed", "forces"): "MIL", ("air", "defences"): "MIL", ("air", "defenses"): "MIL",
    ("air", "defence"): "MIL", ("air", "defense"): "MIL", ("peacekeepers",): "MIL", ("peacekeeping", "troops"): "MIL",
    ("peacekeeping", "forces"): "MIL", ("coastguard",): "MIL", ("fighter", "jets"): "MIL", ("warplanes",): "MIL",
    ("defence", "ministry"): "GOV",
    ("defense", "ministry"): "GOV", ("defence", "forces"): "MIL", ("special", "forces"): "MIL",
    ("security", "forces"): "MIL", ("ground", "forces"): "MIL", ("coast", "guard"): "MIL",
    **{(w,): "GOV" for w in (
        "government", "governments", "authorities", "officials", "official", "administration", "ministry",
        "ministries", "diplomats", "diplomat", "envoy", "envoys", "leadership", "cabinet", "regime", "junta",
        "state", "negotiators", "delegation", "delegations", "embassy", "embassies", "ministers", "minister",
        "leaders", "leader", "spokesman", "spokeswoman", "spokesperson", "presidency")},
    ("foreign", "ministry"): "GOV", ("foreign", "office"): "GOV", ("state", "department"): "GOV",
    ("interior", "ministry"): "GOV", ("central", "bank"): "GOV", ("prime", "minister's", "office"): "GOV",
    **{(w,): "POL" for w in ("police", "policemen", "policeman", "gendarmes", "gendarmerie")},
    ("security", "services"): "POL", ("border", "guards"): "POL", ("riot", "police"): "POL",
    **{(w,): "REB" for w in ("rebels", "rebel", "insurgents", "insurgent", "separatists", "separatist", "militants",
                             "guerrillas", "guerrilla")},
    **{(w,): "LEG" for w in ("parliament", "lawmakers", "legislators", "legislature", "mps", "senators",
                             "congress", "senate", "duma", "assembly")},
    # Protesters are civilians, not the organised opposition (ICEWS keeps them apart).
    **{(w,): "OPP" for w in ("opposition", "dissidents")},
    **{(w,): "JUD" for w in ("courts", "court", "judges", "judiciary", "prosecutors", "prosecutor")},
}
_MAX_NOUN = max(len(k) for k in SECTOR_NOUNS)
# Adjectives that may stand between a demonym and its sector noun ("Russian
# occupying forces", "senior Ukrainian officials" has it before the demonym).
_SECTOR_MODS = frozenset({
    "occupying", "invading", "government", "pro-government", "regular", "senior", "top", "local", "federal",
    "national", "military", "security", "state", "naval", "border", "elite", "allied", "retreating", "advancing",
    "new", "interim", "transitional", "armed", "ruling", "defence", "defense", "foreign", "intelligence",
    "backed", "-", "high-ranking", "rebel", "commerce", "trade", "finance", "economy", "health", "justice",
    "war", "caretaker", "military-led", "army-backed", "civilian", "coalition", "provisional", "de", "facto"})
# A sector noun that may head a longer sector phrase: "military" in "Myanmar's
# top military leaders" is the sector, "leaders" the head noun.
_MIL_MODS = frozenset({"military", "army", "armed", "naval", "navy"})

# Role descriptions: title words -> roles of roles.csv, in order of preference.
ROLE_TITLES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("president",): ("head_of_state", "president_of_commission", "president_of_council", "head"),
    ("vice", "president"): ("vice_president",),
    ("vice", "-", "president"): ("vice_president",),
    ("vice-president",): ("vice_president",),
    ("speaker",): ("speaker",),
    ("prime", "minister"): ("head_of_government",),
    ("premier",): ("head_of_government",),
    ("chancellor",): ("head_of_government",),
    ("pm",): ("head_of_government",),
    ("foreign", "minister"): ("foreign_minister",),
    ("foreign", "secretary"): ("foreign_minister",),
    ("secretary", "of", "state"): ("foreign_minister",),
    ("top", "diplomat"): ("foreign_minister",),
    ("defence", "minister"): ("defence_minister",),
    ("defense", "minister"): ("defence_minister",),
    ("defence", "secretary"): ("defence_minister",),
    ("defense", "secretary"): ("defence_minister",),
    ("secretary", "of", "defense"): ("defence_minister",),
    ("king",): ("head_of_state",),
    ("queen",): ("head_of_state",),
    ("emir",): ("head_of_state",),
    ("supreme", "leader"): ("leader", "supreme_leader", "head_of_state"),
    ("leader",): ("leader", "head_of_state", "head_of_government"),
    # An organisation's head ("the UN chief", "the IAEA head", "the EU's foreign policy chief").
    ("chief",): ("secretary_general", "head", "high_representative"),
    ("head",): ("head", "secretary_general"),
    ("foreign", "policy", "chief"): ("high_representative",),
    ("secretary", "general"): ("secretary_general",),
    ("secretary", "-", "general"): ("secretary_general",),
    ("secretary-general",): ("secretary_general",),
}
_MAX_TITLE = max(len(k) for k in ROLE_TITLES)
# Words that may stand between a country word and a title without changing the role.
_ROLE_MODS = frozenset({"acting", "interim", "new", "current", "incumbent", "newly", "elected", "then", "ousted",
                        "outgoing", "deposed", "embattled", "veteran", "long-serving", "hardline", "nationalist",
                        "populist", "transitional"})
# Words that put the role in another time than the article's: the holder on
# the publication date would be the wrong person.
_NOT_NOW = frozenset({"former", "ex", "ex-", "late", "future", "next", "previous", "past", "incoming"})

# Titles of a head of state or government: after one, an undated surname is the one bearer who held such an office.
_HEAD_TITLES = frozenset({"president", "premier", "chancellor", "king", "queen", "emir", "sultan", "ayatollah", "shah"})
# Titles that may precede a person's name; they license a surname alone and
# are kept out of the mention's span.
PERSON_TITLES = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "premier", "chancellor", "minister",
    "secretary", "king", "queen", "prince", "princess", "emir", "general", "gen", "gen.", "senator",
    "sen.", "governor", "gov.", "ambassador", "pope", "colonel", "col.", "lieutenant", "commander", "judge",
    "speaker", "leader", "ayatollah", "marshal", "admiral", "envoy", "spokesman", "spokeswoman", "vice",
    "deputy", "prime", "foreign", "defence", "defense", "crown", "chief", "of", "state", "acting", "interim",
    "former", "mayor", "sir", "dame", "lord", "lady", "sultan", "field", "chairman", "chairwoman", "major",
    "brigadier", "captain", "sergeant", "corporal",
})
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sheikh", "sir", "dame", "lord",
                         "lady"})
# Honorifics that never stand inside an organisation's or a place's name, as written (capitalised).
_CUT_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms."})
# The last word of a title right before a name ("... Secretary of State John
# Kerry", "... human rights chief Volker Türk").
_TITLE_HEADS = frozenset({
    "president", "presidents", "premier", "chancellor", "minister", "ministers", "secretary", "secretary-general",
    "general", "king", "queen", "prince", "princess", "emir", "sheikh", "leader", "leaders", "chief", "head",
    "speaker", "justice", "judge", "governor", "senator", "ambassador", "envoy", "spokesman", "spokeswoman",
    "spokesperson", "commander", "commander-in-chief", "colonel", "colonel-major", "lieutenant", "admiral",
    "marshal", "ayatollah", "pope", "mayor", "chairman", "chairwoman", "director", "representative", "negotiator",
    "gen", "gen.", "col.", "sen.", "gov.", "rep.", "sir", "dame", "lord", "lady", "sultan", "crown",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "vice-president", "counterpart", "laureate",
})
# Lower-case words that may stand inside such a title.
_TITLE_WORDS = frozenset({
    "foreign", "defence", "defense", "interior", "finance", "trade", "commerce", "justice", "security", "national",
    "policy", "human", "rights", "humanitarian", "aid", "chief", "head", "senior", "top", "special", "deputy",
    "vice", "acting", "interim", "caretaker", "prime", "minister", "secretary", "of", "state", "army", "military",
    "-", "'s", "’s", "general", "supreme", "leader", "first", "house", "economy", "energy", "health",
    "intelligence", "election", "elections", "armed", "forces", "navy", "air", "staff", "joint", "affairs",
    "external", "home", "executive", "high", "commissioner", "refugee", "refugees", "relief",
}) | _ROLE_MODS | _NOT_NOW

_GENERIC_TAILS = frozenset({"group", "party", "movement", "militia", "organisation", "organization", "network",
                            "alliance", "bloc", "faction", "coalition"})

# Context that makes a city (a government's metonym) a place.
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "into",
                       "towards", "toward", "via", "outskirts", "downtown", "central", "suburbs", "streets"})
_MOTION = frozenset({"fly", "flight", "travel", "trip", "visit", "arrive", "return", "go", "come", "head", "move",
                     "road", "route", "drive", "march", "journey", "way", "train", "bus", "relocate", "flee",
                     "evacuate", "deport", "airlift", "ship", "transfer", "send", "bring", "take", "advance",
                     "statement", "speech", "address", "remarks", "speak", "broadcast", "report", "kilometre",
                     "kilometer", "km", "mile", "metre", "meter", "distance", "leave", "left"})
_COMPASS = frozenset({"east", "west", "north", "south", "central", "northern", "southern", "eastern", "western",
                      "north-east", "north-west", "south-east", "south-west", "greater", "inner", "outer"})
# "the streets of Tehran", "control of Kabul": a noun whose "of" names a place.
_OF_PLACE = frozenset({"capital", "city", "town", "village", "port", "region", "streets", "suburbs", "outskirts",
                       "centre", "center", "heart", "parts", "areas", "control", "residents", "mayor", "airport",
                       "outside", "north", "south", "east", "west", "skies", "ruins", "end"})
# Verbs whose object is a place: "visit Washington", "left Dhaka", "reached Kyiv".
_PLACE_VERBS = frozenset({"visit", "leave", "reach", "tour", "enter", "flee", "evacuate", "shell", "bomb",
                          "capture", "encircle", "besiege", "storm", "liberate", "occupy", "seize", "strike",
                          "hit", "pound", "bombard", "raid", "shelled", "struck"})
_PLACE_NOUNS = frozenset({"region", "oblast", "province", "city", "airport", "suburb", "suburbs", "street", "streets",
                          "mayor", "residents", "metro", "district", "time", "area", "state", "county", "square",
                          "university", "stadium", "office", "bureau", "correspondent", "-based", "based",
                          "stock", "exchange", "summit", "talks", "conference", "marathon", "club", "zoo",
                          "prison", "jail", "camp", "base", "hospital", "chamber", "constituency", "borough"})
_US_STATE_CUES = frozenset({"governor", "state", "legislature", "senate", "county", "counties", "senator"})
_US_POLITICS = frozenset({"republican", "republicans", "democrat", "democrats", "democratic", "gop", "primary",
                          "primaries", "electoral", "swing", "battleground", "midterm", "midterms", "atlanta",
                          "senate", "congressional", "governor", "county", "counties", "ballots"})
_GEORGIA_COUNTRY = frozenset({"tbilisi", "georgian", "georgians", "caucasus", "ossetia", "abkhazia", "saakashvili",
                              "kobakhidze", "ivanishvili", "zourabichvili", "batumi"})
# A demonym used for a language is not an actor.
_LANGUAGE = frozenset({"speaking", "-speaking", "speaker", "speakers", "language", "languages", "translation",
                       "dubbed", "subtitles"})
_SPEAK = frozenset({"speak", "speaks", "spoke", "spoken", "in", "into", "from", "learn", "teach", "fluent"})


# Nouns of institutions' names that news writes in lower case as often as not ("the Labour party", "the
# Conservative government"): a name's other words must keep their capitals to match it.
GENERIC_NAME_NOUNS = frozenset({
    "party", "parties", "government", "ministry", "army", "navy", "council", "commission", "court", "parliament",
    "assembly", "bank", "police", "force", "forces", "agency", "committee", "union", "front", "movement",
    "office", "department", "service", "services", "guard", "church", "league", "organisation", "organization",
    "fund", "group", "alliance", "coalition", "congress", "senate", "authority", "board", "institute",
    "association", "federation", "corps", "brigade", "regiment", "cabinet", "secretariat", "tribunal"})


@dataclass(frozen=True, slots=True)
class _Cand:
    """A candidate mention over tokens [start, end)."""

    start: int
    end: int
    actor_id: str | None
    method: str
    label: str
    rank: int  # lower wins among overlapping candidates of equal length


def _words(tokens: Iterable[Token]) -> tuple[str, ...]:
    return tuple(t.lower_ for t in tokens)


def _match_table(doc: Doc, i: int, table: Iterable[tuple[str, ...]], longest: int) -> tuple[tuple[str, ...], int]:
    """The longest key of ``table`` spelled by the tokens from ``i``, and its end."""
    keys = set(table)
    for n in range(min(longest, len(doc) - i), 0, -1):
        key = _words(doc[i:i + n])
        if key in keys:
            return key, i + n
    return (), i


class _Linker:
    """Per-article state of the linker: the doc, the date and the people already named."""

    def __init__(self, doc: Doc, published: date | None, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.published = published
        self.dic = dictionary
        self.lower = {t.lower_ for t in doc}
        self.named_people: set[str] = set()
        # Name parts of the people named so far ("khan" after "Imran Khan",
        # "kim" after "Kim Jong Un"), with the token where each was first named.
        self.first_named: dict[str, int] = {}
        self.name_parts: dict[str, set[tuple[str, bool]]] = {}
        # The state the article names most (its states, their parts and people named in full), set by the
        # caller: among several bearers of a surname in office, the one of that state is meant.
        self.article_state: str | None = None

    def note_person(self, pid: str, start: int, written: str) -> None:
        """Remember a person named in full at token ``start``, and the parts that may stand for them later."""
        self.named_people.add(pid)
        self.first_named.setdefault(pid, start)
        act = self.dic.actor(pid)
        for name in {written, act.name if act else written}:
            words = [w for w in name.translate(QUOTES).split() if w[:1].isalpha()]
            if len(words) < 2:
                continue
            # The last word (or two: "Suu Kyi", "da Silva") may stand alone; the
            # first only after a title ("Mr Kim", "President Xi").
            for part, bare in ((words[-1], True), (" ".join(words[-2:]), True), (words[0], False)):
                self.name_parts.setdefault(part.casefold(), set()).add((pid, bare))

    def person_by_part(self, text: str, start: int) -> str | None:
        """The person named earlier whose name part ``text`` is, if exactly one."""
        hits = self.name_parts.get(text.translate(QUOTES).casefold(), set())
        titled = self.titled(start)
        ids = {pid for pid, bare in hits if (bare or titled) and self.first_named.get(pid, len(self.doc)) < start}
        return ids.pop() if len(ids) == 1 else None

    # --- dictionary matching ---------------------------------------------------------------------------------

    def dictionary_matches(self) -> list[tuple[int, int, tuple[AliasEntry, ...]]]:
        """Longest dictionary matches over tokens, left to right, not overlapping each other.

        A match grows token by token while its pieces begin some alias, so the
        cost is about one set look-up per token, not one per span length.
        """
        doc, dic, out = self.doc, self.dic, []
        toks = [(t.text, pieces(t.text), t.is_space, "\n" in t.whitespace_) for t in doc]
        i = 0
        while i < len(toks):
            found = None
            _, first, space, _ = toks[i]
            if not space and first and first != ("the",) and dic.is_alias_prefix(first):
                ends = []
                key: tuple[str, ...] = ()
                j = i
                while j < len(toks) and not toks[j][2]:
                    key += toks[j][1]
                    if not dic.is_alias_prefix(key):
                        break
                    if dic.is_alias(key):
                        ends.append(j + 1)
                    if toks[j][3]:
                        break  # a match never runs over a line break
                    j += 1
                for end in reversed(ends):
                    span_text = doc[i:end].text
                    entries = tuple(e for e in dic.lookup(span_text) if self._case_ok(span_text, e))
                    if entries:
                        found = (i, end, entries)
                        break
                # "the Islamic State group", "the Jewish Power party": a common noun
                # written after the name stays out of the span when the name alone is an alias.
                if found and found[1] - found[0] > 1 and doc[found[1] - 1].lower_ in _GENERIC_TAILS \
                        and doc[found[1] - 1].is_lower and found[1] - 1 in ends:
                    short = doc[i:found[1] - 1].text
                    kept = tuple(e for e in dic.lookup(short) if self._case_ok(short, e))
                    if {e.actor_id for e in kept} == {e.actor_id for e in found[2]}:
                        found = (i, found[1] - 1, kept)
            if found:
                out.append(found)
                i = found[1]
            else:
                i += 1
        return out

    @staticmethod
    def _case_ok(text: str, entry: AliasEntry) -> bool:
        # Abbreviations are looked up by exact case already; other aliases need
        # a capital first letter so "turkey" the bird or "china" plates pass,
        # and each capitalised word of a name capitalised, but for the generic
        # nouns news often writes in lower case ("the Labour party"): "Russia
        # today" is not the channel Russia Today.
        if entry.case_sensitive:
            return True
        if not text[:1].isupper():
            return False
        if " " not in text:
            return True
        words, names = text.split(), entry.alias.split()
        return len(words) != len(names) or all(
            w[:1].isupper() or not n[:1].isupper() or w.lower() in GENERIC_NAME_NOUNS
            for w, n in zip(words, names, strict=True))

    # --- context tests ---------------------------------------------------------------------------------------

    def _prev(self, i: int, skip_det: bool = True) -> Token | None:
        j = i - 1
        while j >= 0 and (self.doc[j].is_space or (skip_det and self.doc[j].lower_ == "the")):
            j -= 1
        return self.doc[j] if j >= 0 else None

    def _next(self, j: int) -> Token | None:
        return self.doc[j] if j < len(self.doc) and not self.doc[j].is_space else None

    def is_place(self, start: int, end: int, depth: int = 0) -> bool:
        """Whether the word at tokens [start, end) reads as a place, not a government."""
        prev = self._prev(start)
        # "in Seoul and Beijing", "in Kyiv, Moscow and Washington": a conjunct of a place is a place.
        if prev is not None and prev.lower_ in {"and", "or", ","} and depth < 4:
            j = prev.i - 1
            if j >= 0 and self.doc[j].is_title and self.doc[j].ent_type_ in {"GPE", "LOC", "FAC", ""}:
                first = j
                while first > 0 and self.doc[first - 1].is_title and self.doc[first - 1].ent_iob_ == "I":
                    first -= 1
                if self.is_place(first, j + 1, depth + 1):
                    return True
        nxt = self._next(end)
        if nxt is not None and (nxt.lower_ in _PLACE_NOUNS or nxt.text.startswith("-based")):
            return True
        if nxt is not None and nxt.text == "," and self._us_state_after(end + 1):
            return True
        # A city name modifying a noun is where something happens ("the
        # Damascus strike", "a Moscow court"), unless the noun names a part of
        # the government ("Kremlin officials", "Beijing authorities").
        if nxt is not None and nxt.pos_ == "NOUN" and "compound" in {nxt.dep_, self.doc[end - 1].dep_} \
                and (nxt.lower_,) not in SECTOR_NOUNS:
            return True
        if prev is None:
            return False
        if prev.lower_ in _LOCATIVE or prev.lower_ in _COMPASS:
            return True  # "in London", "east London"
        if prev.text == "," and depth < 4:
            # "Belmarsh prison, London", "Bethnal Green, London": a place named after another place.
            j = prev.i - 1
            if j >= 0 and (self.doc[j].lower_ in _PLACE_NOUNS or self.doc[j].ent_type_ in {"FAC", "LOC"} or (
                    self.doc[j].ent_type_ == "GPE" and self.doc[j].is_title)):
                return True
        if prev.pos_ in {"VERB", "AUX"} and prev.lemma_.lower() in _PLACE_VERBS:
            return True
        if prev.lower_ in {"to", "from", "for", "toward", "towards"}:
            before = self._prev(prev.i, skip_det=False)
            if before is not None and before.lemma_.lower() in _MOTION:
                return True
            if before is not None and before.lower_ in {"flights", "trips", "visits", "routes", "roads", "kilometres",
                                                        "kilometers", "miles", "km", "door", "key", "access",
                                                        "entry", "gates", "gate", "return"}:
                return True
        # "the capital, Bamako", "the city of Kharkiv": an apposition to a place noun.
        if prev.text == "," or prev.lower_ == "of":
            before = self._prev(prev.i, skip_det=False)
            if before is not None and before.lower_ in _OF_PLACE:
                return True
        return False

    def _us_state_after(self, j: int) -> bool:
        nxt = self._next(j)
        return nxt is not None and nxt.text in {"D.C.", "DC", "D.C"}

    def georgia_is_us_state(self, start: int, end: int) -> bool:
        """"Georgia" the US state: "Atlanta, Georgia", "Georgia's governor", "Georgia state", or a US-election story."""
        nxt = self._next(end)
        after = self._next(end + 1)
        if nxt is not None and nxt.lower_ in _US_STATE_CUES:
            return True
        if nxt is not None and nxt.text in {"'s", "’s"} and after is not None and after.lower_ in _US_STATE_CUES:
            return True
        prev = self._prev(start)
        if prev is not None and prev.text == ",":
            city = self._prev(prev.i, skip_det=False)
            if city is not None and city.is_title and city.lower_ in {"atlanta", "savannah", "augusta", "athens",
                                                                      "macon", "columbus", "marietta"}:
                return True
        return bool(self.lower & _US_POLITICS) and not (self.lower & _GEORGIA_COUNTRY)

    def washington_is_us_state(self, start: int, end: int) -> bool:
        """"Washington state", "Washington State University", "Seattle, Washington"."""
        nxt = self._next(end)
        if nxt is not None and nxt.lower_ in {"state", "state's"}:
            return True
        prev = self._prev(start)
        if prev is not None and prev.text == ",":
            city = self._prev(prev.i, skip_det=False)
            if city is not None and city.lower_ in {"seattle", "spokane", "tacoma", "olympia", "bellevue", "redmond",
                                                    "vancouver", "everett", "yakima"}:
                return True
        return False

    def is_language(self, start: int, end: int) -> bool:
        """A demonym naming a language ("Russian-speaking", "spoke in Russian")."""
        nxt = self._next(end)
        if nxt is not None and (nxt.lower_ in _LANGUAGE or (nxt.text == "-" and self._next(end + 1) is not None
                                and self.doc[end + 1].lower_ in {"speaking", "language"})):
            return True
        prev = self._prev(start, skip_det=False)
        return prev is not None and prev.lower_ in _SPEAK and (nxt is None or nxt.is_punct)

    # --- people -----------------------------------------------------------------------------------------------

    def titled(self, start: int) -> bool:
        """Whether a person title stands right before token ``start``."""
        prev = self._prev(start, skip_det=False)
        return prev is not None and prev.lower_ in PERSON_TITLES

    def resolve_person(self, entries: Sequence[AliasEntry], start: int) -> str | None:
        """Pick the person a name or surname refers to, or None when it does not license a link."""
        full = [e for e in entries if e.kind != "surname"]
        if full:
            ids = list(dict.fromkeys(e.actor_id for e in full))
            if len(ids) == 1:
                return ids[0]
            seen = [a for a in ids if a in self.named_people]
            if len(seen) == 1:
                return seen[0]
            return self._by_date(ids)
        ids = list(dict.fromkeys(e.actor_id for e in entries))
        seen = [a for a in ids if a in self.named_people]
        if len(seen) == 1:
            return seen[0]
        if len(seen) > 1:
            return None
        nxt = self.doc[start + 1] if start + 1 < len(self.doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ == "PERSON" and nxt.text[:1].isupper():
            return None  # "Margaret Hodge", "Richard Wakeham": a first name, not a dictionary person's surname
        if self.published is None and not self._named_in_full_later(ids, start):
            # Without a date no office can say which bearer of a surname is meant: a surname alone (even
            # after "Mr") links only to someone the article names in full (issue 13: "Mr Carter" in a
            # British story is not Ash Carter) - or, after the title of a head of state or government
            # ("President Reagan", "King Hassan"), to the one bearer who held such an office.
            prev = self._prev(start, skip_det=False)
            if prev is not None and prev.lower_ in _HEAD_TITLES:
                heads = [a for a in ids if any(r.role in ("head_of_state", "head_of_government", "leader")
                                              for r in self.dic.roles_of(a))]
                if len(heads) == 1:
                    return heads[0]
            return None
        # Someone else of that name named earlier ("Sarah Johnson ... Ms
        # Johnson"): the surname is theirs, not a dictionary person's.
        if self._other_bearer(ids, start):
            return None
        # Not named before: after a title ("Mr Abbas", "President Macron") a
        # surname is a person; a surname alone must be tagged PERSON by spaCy
        # (so "May" the month is not Theresa May) and, if several people bear
        # it, the one in office by the article's date wins.
        if self.titled(start):
            return ids[0] if len(ids) == 1 else self._by_date(ids)
        if self.doc[start].ent_type_ == "PERSON":
            dated = self._by_date(ids)
            if dated is not None:
                return dated
        return None

    def _named_in_full_later(self, ids: Sequence[str], start: int) -> bool:
        """Whether one of ``ids`` is named in full (name, not surname) anywhere in the article."""
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and ent.start != start and (
                    {e.actor_id for e in self.dic.lookup(ent.text) if e.kind != "surname"} & set(ids)):
                return True
        return False

    def _other_bearer(self, ids: Sequence[str], start: int) -> bool:
        """Whether a person the dictionary does not give as one of ``ids`` was named in full earlier
        with the same last word."""
        word = self.doc[start].text
        for ent in self.doc.ents:
            if ent.start >= start:
                break
            # an earlier full name, or the one this word ends ("Sarah Johnson")
            if ent.label_ == "PERSON" and len(ent) >= 2 and ent.end <= start + 1 and ent[-1].text == word:
                known = {e.actor_id for e in self.dic.lookup(ent.text)} | {
                    e.actor_id for e in self.dic.lookup(ent[_trim_title(self.doc, ent.start, ent.end) - ent.start:]
                                                         .text)}
                if not known & set(ids):
                    return True
        return False

    def _by_date(self, ids: Sequence[str]) -> str | None:
        """Among people, the one who held a role by the article's date (the only one, else the only one of
        the article's state, else None)."""
        day = self.published or date.max
        now = [a for a in ids if any(r.holds_on(day) for r in self.dic.roles_of(a))]
        if len(now) == 1:
            return now[0]
        if len(now) > 1 and self.article_state is not None:
            # "Mr Howard" in 2005: Michael Howard in a British story, John Howard in an Australian one.
            mine = [a for a in now if (act := self.dic.actor(a)) is not None and act.country == self.article_state]
            if len(mine) == 1:
                return mine[0]
        began = [a for a in ids if any((r.start_date or date.min) <= day for r in self.dic.roles_of(a))]
        return began[0] if len(began) == 1 else None

    # --- roles ------------------------------------------------------------------------------------------------

    def role_holder(self, roles: Sequence[str], country: str | None, org: str | None) -> str | None:
        """Who held one of ``roles`` on the publication date (a country's, or an organisation's).

        Without a date, a person named earlier in the article who held the
        role ("Mr Biden ... the US president") is the one meant.
        """
        for role in roles:
            entries = self._org_roles(role, org) if org is not None else [
                r for rs in self.dic.roles.values() for r in rs if r.role == role and r.country == country]
            if self.published is None:
                held = list(dict.fromkeys(r.actor_id for r in entries if r.actor_id in self.named_people))
            else:
                day = self.published
                now = sorted((r for r in entries if r.holds_on(day)), key=lambda r: r.start_date or date.min)
                # On a handover day both hold the office; the successor is meant.
                held = [now[-1].actor_id] if now else []
                if not held:
                    # A vacant office ("the killing of Hezbollah's leader last
                    # week"): the holder who left it within the past year.
                    gone = sorted((r for r in entries if r.end_date and r.end_date <= day
                                   and (day - r.end_date).days <= 366), key=lambda r: r.end_date or date.min)
                    held = [gone[-1].actor_id] if gone else []
            if len(held) == 1:
                return held[0]
        return None

    def _org_roles(self, role: str, org: str) -> list[RoleEntry]:
        # An organisation's officers are the holders whose role is coded as it.
        return [r for rs in self.dic.roles.values() for r in rs if r.role == role and r.coded_as == org]

    def country_of(self, entries: Sequence[AliasEntry]) -> tuple[str | None, str | None]:
        """(state id, organisation id) a country/organisation word refers to, for roles and sectors."""
        for e in entries:
            act = self.dic.actor(e.actor_id)
            if act is None:
                continue
            if act.actor_type == "STATE":
                return act.actor_id, None
            if act.actor_type in {"IGO", "NGO", "REBEL", "PARTY", "MEDIA", "OTHER"}:
                return None, act.actor_id  # "Hezbollah's leader", "the UN chief"
            if act.actor_type == "GOV" and e.kind != "metonym":
                parent = self.dic.parent(act.actor_id)
                return parent, None
        return None, None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", titles and honorifics, and a trailing possessive or punctuation."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return start, end


def _trim_title(doc: Doc, start: int, end: int) -> int:
    """Skip titles at the front of a PERSON span ("President Moon Jae-in" -> "Moon Jae-in")."""
    while start < end - 1 and (doc[start].lower_ in PERSON_TITLES or doc[start].lower_ in _NOT_NOW
                               or (doc[start].text in {"-", "Major"} and start > 0 and _attached(doc, start))):
        start += 1
    return start


def find_mentions(doc: Doc, *, article_id: str, published: date | None,
                  dictionary: ActorDictionary | None = None) -> list[Mention]:
    """Every actor mention of the article, linked to the dictionary where the rules allow.

    ``doc`` is spaCy's parse of the article's masked text (boilerplate blanked,
    offsets unchanged), so every span points into the article text.
    """
    if dictionary is None:
        cands = [_Cand(s, e, None, "unlinked", ent.label_, 5) for ent in doc.ents if ent.label_ in ACTOR_LABELS
                 for s, e in [_trim(doc, ent.start, ent.end)] if s < e]
        return _to_mentions(doc, article_id, _select(cands))
    return _to_mentions(doc, article_id, _link(doc, published, dictionary))


def _link(doc: Doc, published: date | None, dic: ActorDictionary) -> list[_Cand]:
    lk = _Linker(doc, published, dic)
    cands: list[_Cand] = []
    suppressed: set[int] = set()  # tokens of a title phrase in front of a name
    evidence: list[tuple[int, str]] = []  # (token, state) of every country word, for institution names
    matches = lk.dictionary_matches()
    lk.article_state = _article_state(lk, matches)
    # People are resolved in text order so that "Putin" after "Vladimir Putin" knows him.
    for start, end, entries in matches:
        if _words(doc[start:end]) not in INSTITUTIONS:  # "Congress" says nothing of the country
            # Nor does a surname alone ("Howard" is also an Australian prime minister's).
            evidence.extend((start, c) for c in _countries(dic, [e for e in entries if e.kind != "surname"]))
        if start in suppressed:
            continue
        cands.extend(_from_match(lk, start, end, entries, suppressed))
    taken = {k for c in cands for k in range(c.start, c.end)} | suppressed
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        span = _entity_span(doc, ent.start, ent.end, ent.label_, taken)
        if span is None:
            continue
        s, e, label = span
        if any(k in suppressed for k in range(s, e)):
            continue
        rank = 6
        # A name that holds a dictionary name ("US Geological Survey",
        # "Ukrainian Red Cross", "Latin America", "Paris Hilton") is its own
        # actor or place; a person's name holding a person's name is settled below.
        inner_c = [c for c in cands if s <= c.start and c.end <= e and (c.start, c.end) != (s, e)]
        if label == "PERSON":
            inner_c = [c for c in inner_c if not _is_person(lk, c)]
        covered = {k for c in inner_c for k in range(c.start, c.end)}
        # (a sentence's first word modifying the name is capitalized for its place: "Radical French farmers")
        rest = [t for t in doc[s:e] if t.i not in covered and t.is_title and t.lower_ not in PERSON_TITLES
                and (t.lower_,) not in SECTOR_NOUNS and not (t.is_sent_start and t.dep_ == "amod")]
        if inner_c and rest:
            rank = -1
        if label == "PERSON":
            # "Awad Ibn Auf" tagged whole while the dictionary knows "Ibn Auf": the person keeps
            # the link and takes the tagger's fuller span when the extra words are name parts.
            people = [c for c in cands if c.actor_id and s <= c.start and c.end <= e and (c.start, c.end) != (s, e)
                      and _is_person(lk, c)]
            extra = [t for t in doc[s:e] if not any(c.start <= t.i < c.end for c in people)]
            # Only with words of that person's own names ("Awad" of "Ahmed Awad Ibn Auf").
            parts = {w.casefold() for c in people for n in _names_of(lk.dic, c.actor_id) for w in n.split()}
            if len(people) == 1 and all((t.is_title and t.pos_ == "PROPN" and t.lower_ in parts)
                                        or (t.text == "-" and _attached(doc, t.i)) for t in extra):
                one = people[0]
                cands.remove(one)
                cands.append(_Cand(s, e, one.actor_id, one.method, one.label, one.rank))
                continue
        cands.append(_Cand(s, e, None, "unlinked", label, rank))
    cands.extend(_repeats(doc, cands))
    cands.extend(_honorific_people(lk, taken))
    cands.extend(_blocs(lk, taken))
    cands = _institutions(lk, cands, evidence)
    cands = [_place(lk, _name_part(lk, c)) for c in cands]
    cands.extend(_ellipses(lk, evidence))
    return _select(_drop_titles(lk, cands))


def _repeats(doc: Doc, cands: Sequence[_Cand]) -> list[_Cand]:
    """A name the tagger found once is a name wherever the article writes it again ("Cafod will host ..." then
    "Cafod wants Britain to ..." that the tagger misses): one sense per discourse. Only organisations' names,
    written the same, as proper nouns (capitalised, not only for starting a sentence)."""
    names: dict[tuple[str, ...], _Cand] = {}
    for c in cands:
        if c.actor_id is None and c.label == "ORG" and c.end > c.start:
            toks = doc[c.start:c.end]
            if all(t.is_title or t.is_upper or not t.is_alpha for t in toks) and any(len(t.text) > 2 for t in toks):
                names.setdefault(tuple(t.text for t in toks), c)
    if not names:
        return []
    covered = {k for c in cands for k in range(c.start, c.end)}
    out: list[_Cand] = []
    text = doc_text(doc)
    for key, c in names.items():
        written = doc[c.start:c.end].text
        if text.count(written) < 2:
            continue  # written once: nothing to repeat
        for hit in re.finditer(r"(?<!\w)" + re.escape(written) + r"(?!\w)", text):
            span = doc.char_span(hit.start(), hit.end())
            if span is None or tuple(x.text for x in span) != key or any(x.i in covered for x in span) or (
                    span[0].is_sent_start and span[0].pos_ != "PROPN"):
                continue
            out.append(_Cand(span.start, span.end, None, "unlinked", c.label, c.rank + 1))
            covered.update(range(span.start, span.end))
    return out


def _name_part(lk: _Linker, c: _Cand) -> _Cand:
    """An unlinked person mention that is part of the name of someone named earlier ("Mr Michel")."""
    if c.actor_id is not None or c.label != "PERSON":
        return c
    pid = lk.person_by_part(lk.doc[c.start:c.end].text, c.start)
    return _Cand(c.start, c.end, pid, "alias", c.label, c.rank) if pid else c


_PLACE_HEADS = frozenset({"city", "town", "village", "region", "province", "district", "hub", "port", "capital",
                          "island", "peninsula", "border", "state", "county", "oblast", "suburb"})


def _place(lk: _Linker, c: _Cand) -> _Cand:
    """An unlinked name used as a place ("in the Caribbean city of Cartagena", "the town of
    Zvečan", "in Kati") is a place whatever label the tagger gave it: kept, labelled LOC."""
    if c.actor_id is not None or c.label in {"GPE", "LOC", "FAC", "NORP"}:
        return c
    prev = lk._prev(c.start)
    if prev is None:
        return c
    before = lk._prev(prev.i) if prev.lower_ == "of" else None
    if prev.lower_ in _LOCATIVE or (before is not None and before.lower_ in _PLACE_HEADS) or (
            prev.pos_ == "VERB" and prev.lemma_.lower() in _PLACE_VERBS):
        return _Cand(c.start, c.end, None, "unlinked", "LOC", c.rank)
    return c


def _article_state(lk: _Linker, matches: Sequence[tuple[int, int, tuple[AliasEntry, ...]]]) -> str | None:
    """The state the article's dictionary names (not surnames alone) speak of most, if one clearly leads."""
    counts: dict[str, int] = {}
    for start, end, entries in matches:
        if _words(lk.doc[start:end]) in INSTITUTIONS:
            continue
        for c in _countries(lk.dic, [e for e in entries if e.kind not in ("surname", "metonym")]):
            counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _countries(dic: ActorDictionary, entries: Sequence[AliasEntry]) -> list[str]:
    """The states a dictionary match speaks of (a state, a state's part, a person's country)."""
    out = []
    for e in entries:
        act = dic.actor(e.actor_id)
        if act is None or act.actor_type in {"IGO", "NGO"}:
            continue
        if act.actor_type == "STATE":
            out.append(act.actor_id)
        elif act.country:
            out.append(act.country)
    return list(dict.fromkeys(out))


def _attached(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is glued to the one before it (no white space between)."""
    return k > 0 and not doc[k - 1].whitespace_


def _entity_span(doc: Doc, start: int, end: int, label: str, taken: set[int]) -> tuple[int, int, str] | None:
    """A spaCy entity as a mention span: determiners, numbers, titles and trailing common nouns off,
    hyphenated name parts the tokenizer split ("Moon Jae" + "-in") back on."""
    s, e = _trim(doc, start, end)
    if label != "PERSON":
        # "In a speech to the Foreign Policy Centre Mr Straw said": the tagger ran an organisation into the
        # person after it; an honorific inside a name ends it ("Mr Straw" is found as a person of its own).
        cut = next((k for k in range(s + 1, e) if doc[k].text in _CUT_HONORIFICS), None)
        if cut is not None:
            e = cut
    while s < e and (doc[s].text.replace(",", "").isdigit() or (s in taken and doc[s].lower_ in _HONORIFICS)):
        s += 1
    while s < e and s in taken and doc[s].lower_ in PERSON_TITLES:
        s += 1
    if s < e and doc[s].lower_ in _HONORIFICS - {"sheikh"}:
        label = "PERSON"  # "Ms Hasina" tagged ORG is still a person
    if label == "PERSON":
        s = _trim_title(doc, s, e)
        # "Anders" left out of "Fogh Rasmussen": a capitalised name part just before.
        while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].is_title and s - 1 not in taken \
                and (doc[s - 1].lower_ not in PERSON_TITLES | _HONORIFICS | _TITLE_HEADS
                     or doc[s - 1].lower_ == "sheikh") \
                and doc[s - 1].ent_type_ in {"", "PERSON"} and not doc[s - 1].is_sent_start:
            s -= 1
    while e + 1 < len(doc) and doc[e].text in {"-", "‐"} and _attached(doc, e) and _attached(doc, e + 1) \
            and doc[e + 1].is_alpha and e + 1 not in taken:
        e += 2
    if label != "PERSON":
        while e > s + 1 and doc[e - 1].is_lower and doc[e - 1].is_alpha:
            e -= 1
    if s >= e or not any(t.text[:1].isupper() for t in doc[s:e]):
        return None  # "health ministry": a description, not a name
    return s, e, label


def _honorific_people(lk: _Linker, taken: set[int]) -> list[_Cand]:
    """"Mr Scholz", "General Waker-Uz-Zaman": a capitalised name after an honorific or a
    capitalised title is a person, whether spaCy tagged it or not."""
    doc, out = lk.doc, []
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if not nxt.is_title or nxt.pos_ != "PROPN" or i + 1 in taken:
            continue
        honorific = tok.lower_ in _HONORIFICS - {"sheikh"}
        # After a title a name must look like one: tagged PERSON, or two
        # capitalised parts ("General Waker-Uz-Zaman"), not "General Staff".
        two = i + 2 < len(doc) and ((doc[i + 2].is_title and doc[i + 2].pos_ == "PROPN")
                                    or (doc[i + 2].text == "-" and _attached(doc, i + 2)))
        title = tok.is_title and tok.lower_ in _TITLE_HEADS and (nxt.ent_type_ == "PERSON"
                                                                  or (nxt.ent_type_ == "" and two))
        if not (honorific or title):
            continue
        e = i + 2
        while e < len(doc) and ((doc[e].is_title and doc[e].pos_ == "PROPN")
                                or (doc[e].text == "-" and _attached(doc, e) and e + 1 < len(doc)
                                    and _attached(doc, e + 1))):
            e += 1
        if doc[e - 1].text == "-":
            e -= 1
        out.append(_Cand(i + 1, e, None, "unlinked", "PERSON", 7))
    return out


# Adjectives of groups of states: "Western governments", "European officials"
# are actors the dictionary cannot name (kept with a null id).
BLOCS = frozenset({"Western", "European", "Arab", "African", "Asian", "Nordic", "Baltic", "Balkan", "Gulf",
                   "Islamist", "Jihadist", "jihadist"})
_BLOC_NOUNS = frozenset({"governments", "government", "leaders", "officials", "partners", "capitals", "allies",
                         "powers", "nations", "countries", "states", "diplomats", "sanctions", "ministers", "forces",
                         "troops", "militants", "fighters", "groups", "negotiators", "envoys", "donors", "insurgency",
                         "mediators", "heads", "members", "neighbours", "neighbors", "armies", "partner", "ally"})


def _blocs(lk: _Linker, taken: set[int]) -> list[_Cand]:
    doc = lk.doc
    return [_Cand(i, i + 1, None, "unlinked", "NORP", 8) for i, t in enumerate(doc[:-1])
            if t.text in BLOCS and i not in taken and (doc[i + 1].lower_ in _BLOC_NOUNS or (
                doc[i + 1].text == "-" and i + 2 < len(doc) and doc[i + 2].lower_ in {"backed", "led", "allied"}))]


# Names of institutions that every state has: linked to the state's sector
# that the sentence (or else the article) is about, "the Supreme Court" in a
# story from Dhaka being Bangladesh's.
INSTITUTIONS: dict[tuple[str, ...], str] = {
    ("congress",): "LEG", ("parliament",): "LEG", ("national", "assembly"): "LEG", ("senate",): "LEG",
    ("house", "of", "representatives"): "LEG", ("national", "congress"): "LEG", ("federal", "assembly"): "LEG",
    ("supreme", "court"): "JUD", ("constitutional", "court"): "JUD", ("high", "court"): "JUD",
    ("treasury", "department"): "GOV", ("interior", "ministry"): "GOV", ("foreign", "ministry"): "GOV",
    ("defence", "ministry"): "GOV", ("defense", "ministry"): "GOV", ("finance", "ministry"): "GOV",
    ("justice", "ministry"): "GOV", ("cabinet",): "GOV", ("ministry", "of", "defence"): "GOV",
    ("ministry", "of", "foreign", "affairs"): "GOV", ("ministry", "of", "interior"): "GOV", ("treasury",): "GOV",
}


def _institutions(lk: _Linker, cands: list[_Cand], evidence: list[tuple[int, str]]) -> list[_Cand]:
    doc, dic = lk.doc, lk.dic
    if not evidence:
        return cands
    # The article's state: the one its country words name most (the first named on a tie), not merely the
    # first ("Australian-style points system" early in a story about Westminster).
    tally: dict[str, int] = {}
    for _, st in evidence:
        tally[st] = tally.get(st, 0) + 1
    home = max(tally, key=lambda st: (tally[st], -next(k for k, (_, x) in enumerate(evidence) if x == st)))
    sent_of: dict[int, int] = {}
    out = []
    for c in cands:
        key = _words(doc[c.start:c.end])
        if key not in INSTITUTIONS or not doc[c.start].is_title or c.method in {"role", "demonym"}:
            out.append(c)
            continue
        if not sent_of:  # only articles that name an institution pay for the sentence map
            sent_of = {k: sent.start for sent in doc.sents for k in range(sent.start, sent.end)}
        here = sent_of[c.start]
        before = [st for k, st in evidence if sent_of[k] == here and k < c.start]
        after = [st for k, st in evidence if sent_of[k] == here and k > c.start]
        state = before[-1] if before else after[0] if after else home
        sid = dic.sector(state, INSTITUTIONS[key])
        out.append(_Cand(c.start, c.end, sid, "alias", c.label if c.actor_id is None else "DICT", c.rank)
                   if sid else c)
    return out


def _ellipses(lk: _Linker, evidence: list[tuple[int, str]]) -> list[_Cand]:
    """"the North", "the South" for a divided country named in the article (North/South Korea, Sudan)."""
    doc, dic, out = lk.doc, lk.dic, []
    states = {st for _, st in evidence}
    for i, tok in enumerate(doc[1:-1], 1):
        if tok.text not in {"North", "South"} or doc[i - 1].lower_ != "the" or doc[i + 1].is_title:
            continue
        named = [st for st in states if (a := dic.actor(st)) is not None
                 and any(n.startswith(tok.text + " ") for n in (a.name, *dic.aliases_of(st)))]
        if len(named) == 1:
            out.append(_Cand(i, i + 1, named[0], "alias", "DICT", 2))
    return out


def _names_of(dic: ActorDictionary, actor_id: str | None) -> tuple[str, ...]:
    """An actor's canonical name and aliases."""
    act = dic.actor(actor_id) if actor_id else None
    return (act.name, *dic.aliases_of(act.actor_id)) if act else ()


def _is_person(lk: _Linker, c: _Cand) -> bool:
    if c.label == "PERSON":
        return True
    act = lk.dic.actor(c.actor_id) if c.actor_id else None
    return act is not None and act.actor_type == "PERSON" and c.method != "role"


def _title_start(doc: Doc, head: int) -> int | None:
    """Start of the title in front of a name at ``head`` ("Russian President", "EU foreign policy chief"), or None."""
    j = head - 1
    comma = j >= 0 and doc[j].text == ","
    if comma:
        j -= 1
    secretary_of = j >= 2 and doc[j].lower_ in {"state", "defense", "defence", "energy", "the"} \
        and doc[j - 1].lower_ == "of" and doc[j - 2].lower_ == "secretary"
    if j < 0 or not (doc[j].lower_ in _TITLE_HEADS or secretary_of):
        return None
    if doc[j].lower_ in _HONORIFICS:
        return j  # "Mr", "Sheikh": nothing before belongs to the name
    k = j
    while k - 1 >= 0:
        t = doc[k - 1]
        if t.is_space or t.lower_ in {"the", "a", "an", "and", "or", "his", "her", "its", "their"}:
            break
        if t.lower_ in _TITLE_WORDS or t.lower_ in _TITLE_HEADS or ((t.is_title or t.is_upper) and any(
                ch.isalpha() for ch in t.text)) \
                or t.text in {"'s", "’s"}:
            k -= 1
            continue
        break
    if comma:
        # "Ukraine's acting president, Oleksandr Turchynov": an apposition
        # only when the title is a possessive phrase or headed by a determiner.
        before = doc[k - 1].lower_ if k > 0 else ""
        if not (any(doc[x].text in {"'s", "’s"} for x in range(k, j)) or before in {"the", "its", "his", "her",
                                                                                     "their", "a", "an"}):
            return None
    return k


def _drop_titles(lk: _Linker, cands: list[_Cand]) -> list[_Cand]:
    """Drop mentions inside a title in front of a person's name: "Russian" in "Russian President
    Vladimir Putin" or "EU" in "EU foreign policy chief Federica Mogherini" are part of the person's mention."""
    titled: set[int] = set()
    for c in cands:
        if _is_person(lk, c):
            start = _title_start(lk.doc, c.start)
            if start is not None:
                titled.update(range(start, c.start))
    return [c for c in cands if _is_person(lk, c) or not all(k in titled for k in range(c.start, c.end))]


def _from_match(lk: _Linker, start: int, end: int, entries: tuple[AliasEntry, ...],
                suppressed: set[int]) -> list[_Cand]:
    """Candidates built from one dictionary match and its context."""
    doc, dic = lk.doc, lk.dic
    people = [e for e in entries if (a := dic.actor(e.actor_id)) is not None and a.actor_type == "PERSON"]
    if people and len(people) == len(entries):
        pid = lk.resolve_person(people, start)
        if pid is None:
            # "the Bush administration" with no date to say which Bush: every bearer led the same state.
            countries = {a.country for e in people if (a := dic.actor(e.actor_id)) is not None}
            country = next(iter(countries)) if len(countries) == 1 else None
            gov = dic.sector(country, "GOV") if country else None
            k = end + 1 if end < len(doc) and doc[end].text in {"'s", "’s"} else end
            if gov is not None and k < len(doc) and doc[k].lower_ in _GOVERNMENT_NOUNS and all(
                    any(r.coded_as == gov for r in dic.roles_of(e.actor_id)) for e in people):
                return [_Cand(start, k + 1, gov, "role", "DICT", 0)]
            return []
        # An alias written with its title ("Ayatollah Ali Khamenei"): the title stays out of the span.
        while start < end - 1 and doc[start].lower_ in PERSON_TITLES:
            start += 1
        if any(e.kind != "surname" for e in people if e.actor_id == pid):
            lk.note_person(pid, start, doc[start:end].text)
        government = _leader_government(lk, pid, end)
        if government is not None:
            return [_Cand(start, government[0], government[1], "role", "DICT", 0)]
        return [_Cand(start, end, pid, "alias", "DICT", 1)]
    kinds = {e.kind for e in entries}
    state, org = lk.country_of(entries)
    nxt_i = end
    possessive = nxt_i < len(doc) and doc[nxt_i].text in {"'s", "’s", "'"}
    after = nxt_i + 1 if possessive else nxt_i
    text = doc[start:end].text

    # "ethnic Armenian forces": an ethnic group, not the state of the same name.
    if "demonym" in kinds and start > 0 and doc[start - 1].lower_ == "ethnic":
        return [_Cand(start, end, None, "unlinked", "NORP", 1)]
    # "pro-Russian separatists" are not Russia's rebels: after pro-/anti- a
    # demonym only names the state.
    favour = start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"pro", "anti"}
    # A country or organisation word heading a role or a sector noun.
    if (state or org) and not ("metonym" in kinds and not possessive) and not favour:
        role = _role_phrase(lk, after, state, org)
        if role is not None:
            r_end, holder, name_follows = role
            if name_follows:
                suppressed.update(range(start, r_end))
                return []
            if holder is not None:
                return [_Cand(start, r_end, holder, "role", "DICT", 0)]
        if state is not None:
            sector = _sector_phrase(lk, after)
            if sector is not None:
                s_end, code = sector
                sid = dic.sector(state, code)
                if sid is not None:
                    method = "demonym" if "demonym" in kinds else "alias"
                    return [_Cand(start, s_end, sid, method, "DICT", 0)]
            # "Russian and Ukrainian officials": the first demonym shares the noun.
            if "demonym" in kinds and not possessive:
                shared = _coordinated_sector(lk, end)
                if shared is not None:
                    sid = dic.sector(state, shared)
                    if sid is not None:
                        return [_Cand(start, end, sid, "demonym", "DICT", 1)]

    if (text == "Georgia" or text.lower() == "georgia") and lk.georgia_is_us_state(start, end):
        return [_Cand(start, end, None, "unlinked", "GPE", 1)]
    if entries and all(str(e.actor_id).endswith("-LEG") for e in entries) and lk.is_place(start, end):
        # "stormed the House of Commons chamber", "in the House of Commons", "access to the Commons": the
        # building, not the legislature acting.
        return [_Cand(start, end, None, "unlinked", "FAC", 1)]
    if "metonym" in kinds:
        met = [e for e in entries if e.kind == "metonym"]
        if lk.is_place(start, end) or (text.lower() == "washington" and lk.washington_is_us_state(start, end)):
            return [_Cand(start, end, None, "unlinked", "GPE", 1)]
        non_met = [e for e in entries if e.kind != "metonym"]
        if non_met and len({e.actor_id for e in non_met}) == 1:
            return [_Cand(start, end, non_met[0].actor_id, _method(non_met[0]), "DICT", 1)]
        return [_Cand(start, end, met[0].actor_id, "metonym", "DICT", 1)]
    if "demonym" in kinds and lk.is_language(start, end):
        return []
    ids = list(dict.fromkeys(e.actor_id for e in entries))
    if len(ids) > 1:
        # Prefer a state over its parts and a full name over a short one; else ambiguous.
        states = [a for a in ids if (x := dic.actor(a)) is not None and x.actor_type == "STATE"]
        ids = states[:1] if len(states) == 1 else ids
    if len(ids) != 1:
        return [_Cand(start, end, None, "unlinked", "DICT", 3)]
    entry = next(e for e in entries if e.actor_id == ids[0])
    return [_Cand(start, end, ids[0], _method(entry), "DICT", 1)]


_GOVERNMENT_NOUNS = frozenset({"administration", "government", "regime", "cabinet", "junta"})


def _leader_government(lk: _Linker, pid: str, end: int) -> tuple[int, str] | None:
    """"the Trump administration", "the Assad regime", "Netanyahu's government": the government the
    person led on the article's date (their ``coded_as``), else their country's government."""
    doc = lk.doc
    k = end + 1 if end < len(doc) and doc[end].text in {"'s", "’s"} else end
    if k >= len(doc) or doc[k].lower_ not in _GOVERNMENT_NOUNS:
        return None
    gov = lk.dic.coded_as(pid, lk.published) if lk.published else None
    coded = lk.dic.actor(gov) if gov else None
    if coded is None or coded.actor_type not in {"GOV", "STATE"}:
        act = lk.dic.actor(pid)
        gov = lk.dic.sector(act.country, "GOV") if act and act.country else None
    return (k + 1, gov) if gov else None


def _method(entry: AliasEntry) -> str:
    return {"demonym": "demonym", "metonym": "metonym"}.get(entry.kind, "alias")


def _role_phrase(lk: _Linker, i: int, state: str | None, org: str | None) -> tuple[int, str | None, bool] | None:
    """A title after a country word: (end, holder or fallback, whether a name follows)."""
    doc = lk.doc
    j = i
    while j < len(doc) and (doc[j].lower_ in _ROLE_MODS or doc[j].lower_ in _NOT_NOW):
        j += 1
    key, end = _match_table(doc, j, ROLE_TITLES, _MAX_TITLE)
    if not key:
        return None
    if key in {("chief",), ("head",)} and org is None:
        return None  # "the army chief", "the head of ..." of a state: no single office
    not_now = any(doc[k].lower_ in _NOT_NOW for k in range(i, j))
    # A name right after the title (optionally after a comma) is the mention.
    k = end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    name_follows = k < len(doc) and (doc[k].ent_type_ == "PERSON" or (
        doc[k].ent_type_ in {"", "PERSON", "ORG", "NORP"} and doc[k].is_title and doc[k].pos_ == "PROPN"))
    if name_follows:
        return end, None, True
    if not_now:
        return None
    holder = lk.role_holder(ROLE_TITLES[key], state, org)
    if holder is None and state is not None and ROLE_TITLES[key] != ("secretary_general",):
        holder = lk.dic.sector(state, "GOV")
    elif holder is None and org is not None:
        # An organisation's officer the dictionary does not know: the
        # organisation's name alone is the mention ("BNP" in "BNP leader").
        return None
    return end, holder, False


def _sector_phrase(lk: _Linker, i: int) -> tuple[int, str] | None:
    """A sector noun (after optional modifiers) from token ``i``: (end, sector code)."""
    doc = lk.doc
    j = i
    while j < len(doc) and doc[j].lower_ in _SECTOR_MODS and not _match_table(doc, j, SECTOR_NOUNS, _MAX_NOUN)[0]:
        j += 1
    key, end = _match_table(doc, j, SECTOR_NOUNS, _MAX_NOUN)
    if not key:
        return None
    # "Russian state media", "state-owned": "state" must head the phrase.
    if key == ("state",) and end < len(doc) and (doc[end].pos_ in {"NOUN", "PROPN"} or doc[end].text == "-"):
        return None
    if key[-1] in _MIL_MODS:
        # "Myanmar's top military leaders": the military's leaders.
        more, end2 = _match_table(doc, end, SECTOR_NOUNS, _MAX_NOUN)
        if more:
            return end2, "MIL"
    return end, SECTOR_NOUNS[key]


def _coordinated_sector(lk: _Linker, end: int) -> str | None:
    """In "Russian and Ukrainian officials", the sector the first demonym shares."""
    doc = lk.doc
    if end + 2 >= len(doc) or doc[end].lower_ not in {"and", "or", ","}:
        return None
    j = end + 1
    entries = lk.dic.lookup(doc[j].text)
    if not any(e.kind == "demonym" for e in entries):
        return None
    found = _sector_phrase(lk, j + 1)
    return found[1] if found else None


def _select(cands: Sequence[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: by rank, then longer first, then earlier."""
    taken: set[int] = set()
    out = []
    for c in sorted(cands, key=lambda c: (c.rank, -(c.end - c.start), c.start)):
        span = range(c.start, c.end)
        if any(k in taken for k in span):
            continue
        taken.update(span)
        out.append(c)
    return sorted(out, key=lambda c: c.start)


def _to_mentions(doc: Doc, article_id: str, cands: Sequence[_Cand]) -> list[Mention]:
    sent_of: dict[int, int] = {}
    for idx, sent in enumerate(doc.sents):
        for k in range(sent.start, sent.end):
            sent_of[k] = idx
    out = []
    for c in cands:
        span: Span = doc[c.start:c.end]
        if not span.text.strip():
            continue
        out.append(Mention(
            mention_id=make_id("m", article_id, span.start_char, span.end_char),
            article_id=article_id, sentence_idx=sent_of[c.start], char_start=span.start_char,
            char_end=span.end_char, text=span.text, entity_label=c.label, actor_id=c.actor_id,
            link_method=c.method if c.actor_id else "unlinked"))
    return out
