"""From an argument's head token to the actor mentions it stands for.

Selection works on mention spans, so it is the same whether or not the
mentions carry actor ids yet. For a head token, in order:

1. the mention that covers the head ("Donald Trump" in "President Donald Trump");
2. an appositive name ("Iraq's prime minister, Adel Abdul Mahdi");
3. a name or demonym modifying the head ("Russian forces", "China's ministry"),
   coded as the state's sector when the head noun names one (RUS-MIL, CHN-GOV);
4. the object of "of" under a generic head ("the leaders of Armenia and Azerbaijan");
5. "he"/"she": the latest person mentioned in this or the two previous sentences.

Coordinated heads ("Israel and Hamas") give one actor each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from curation.events.quotes import speaker_at
from curation.events.structure import WORKS, conjuncts, work_owner
from curation.nlp import doc_text
from curation.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

_ISO3_ONLY = re.compile(r"^[A-Z]{3}$")
_STATE_PART = re.compile(r"^([A-Z]{3})(?:-(?:GOV|MIL|LEG|POL|JUD|REB|OPP))?$")
ID_SUFFIX = {"COP": "POL"}
_PERSONAL = frozenset({"he", "she", "his", "her", "him"})
# The gender a personal pronoun rules out, and the titles that say a person's.
_PRONOUN_GENDER = {"he": "f", "him": "f", "his": "f", "she": "m", "her": "m"}
_MALE_TITLES = frozenset({"mr", "lord", "sir", "king", "prince", "mister"})
_FEMALE_TITLES = frozenset({"ms", "mrs", "miss", "lady", "dame", "baroness", "queen", "princess", "madam"})
_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Lord|Lady|Sir|Dame|Baroness|King|Queen|Prince|Princess)\.?\s+$")
_COLLECTIVE = frozenset({"its", "their"})
# Trade nouns and amounts stand for the country whose goods they are ("tariffs on $34 billion of Chinese imports").
GOODS = frozenset({"import", "export", "good", "product", "asset", "property", "billion", "million", "percent",
                   "worth", "fund", "reserve", "company", "firm", "bank", "ship", "vessel", "aircraft", "flight",
                   "home", "residence", "house", "palace", "compound", "meeting", "call", "session", "summit",
                   "gathering", "conference"})
# Definite descriptions that refer back to an organisation or a state named before ("the bloc", "the country").
ORG_ANAPHORS = frozenset({"bloc", "alliance", "group", "organisation", "organization", "union", "movement"})
STATE_ANAPHORS = frozenset({"country", "nation"})
# Only the civilian institutions: "the army" in a story about a coup abroad is too often that country's
# while a third state (often the USA) is the most named one, so military anaphors are left unresolved.
# Bare plurals that name a sector of the article's state ("Ministers said", "MPs voted").
TITLE_HEADS = frozenset({"minister", "secretary", "chancellor", "president", "premier"})
BARE_SECTORS = {"minister": "GOV", "mp": "LEG", "lawmaker": "LEG", "legislator": "LEG", "senator": "LEG",
                "judge": "JUD", "prosecutor": "JUD", "council": "LOC"}  # "councils must find sites": local government
# Modifiers that make a bare plural another sector: "opposition MPs".
SECTOR_MODIFIERS = {"opposition": "OPP"}
# Titles whose holder the dictionary's roles give.
_TITLE_ROLES = {"prime minister": "head_of_government", "premier": "head_of_government",
                "president": "head_of_state", "foreign minister": "foreign_minister",
                "foreign secretary": "foreign_minister", "defence minister": "defence_minister",
                "defence secretary": "defence_minister", "defense secretary": "defence_minister"}
# Verbs of saying: "he claimed" after a run of quotation is the last named speaker.
SPEAKING = frozenset({"say", "add", "tell", "claim", "argue", "insist", "reply", "respond", "warn", "stress",
                      "continue", "conclude", "explain", "write", "declare", "state", "go"})
# "Many MPs", "some ministers", "senior ministers": still the sector as a whole, for want of a name.
_GOVERNMENTS = frozenset({"government", "regime", "administration", "cabinet", "junta"})
_QUANTIFIERS = frozenset({"many", "some", "several", "most", "other", "senior", "more", "few", "dozens", "local",
                          "all", "those"})
SECTOR_ANAPHORS = {"authority": "GOV", "government": "GOV", "parliament": "LEG", "opposition": "OPP",
                   "junta": "GOV", "police": "POL", "committee": "LEG"}  # a committee no name was given: of MPs
# Nouns that describe a person the article has named ("the billionaire", "the peer"); "the 64-year-old" too.
PERSON_DESCRIPTIONS = frozenset({"billionaire", "millionaire", "tycoon", "magnate", "businessman", "businesswoman",
                                 "entrepreneur", "financier", "philanthropist", "donor", "peer", "veteran",
                                 "politician", "campaigner", "cleric", "preacher", "dissident", "exile",
                                 "commentator", "academic", "novelist", "author", "singer", "actor", "actress"})
_AGED = re.compile(r"^\d{1,3}-year-old$")
# Bodies named by what they deal with ("the environment select committee", "the defence committee").
DESCRIBED_BODIES = frozenset({"committee"})
# "his counterpart", "his party": the possessor is not the actor the noun stands for.
RELATIONAL = frozenset({"counterpart", "party", "rival", "opponent", "successor", "predecessor", "family",
                        "ally", "supporter", "envoy", "brother", "son", "wife", "government"})
# Heads under which "of X" names the actor itself ("the leaders of Armenia", "the government of Mali").
OF_HEADS = frozenset({"leader", "head", "chief", "president", "minister", "member", "representative",
                      "delegation", "government", "force", "army", "military", "ministry", "people", "parliament",
                      "troop", "official", "authority", "administration", "navy", "police"})
_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "npadvmod")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor read from a mention, possibly refined to a sector of a state."""

    actor_id: str | None
    mention: Mention
    via: str  # head, appos, modifier, of, pronoun


# Words before a title that say its bearer does not hold the office.
_NOT_HOLDING = re.compile(r"\b(?:shadow|former|ex|deputy|junior|acting|opposition|would-be)\b[\s-]+(?:\w+\s+){0,2}"
                          r"(?:minister|secretary|chancellor|president|premier)\b", re.I)


class MentionIndex:
    """Mentions of one article, looked up by character offset."""

    def __init__(self, mentions: Sequence[Mention], dictionary: Any = None,
                 places: Mapping[str, str] | None = None, cues: Mapping[str, int] | None = None) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.char_start, m.char_end))
        from curation.actors.generated import home_state

        self.dictionary = dictionary
        self._genders: dict[str, str] | None = None
        # ``places``: the state each of the article's place names lies in, by mention id (see
        # curation.events.geocode); they count towards the article's home state.
        self.places = dict(places or {})
        counts: dict[str, int] = {}
        for c in self.places.values():
            counts[c] = counts.get(c, 0) + 1
        # ``cues``: distinct words of each state's institutions the text holds (Lexicon.cue_states).
        self.home = home_state(self.mentions, dictionary, counts, cues)
        # The article's quotations and their speakers (curation.events.quotes), set by the events stage.
        self.quotations: Sequence[Any] = ()
        self._by_id = {m.mention_id: m for m in self.mentions}
        # Linked organisations named in several words, with the last word: "Audit Commission" -> "commission".
        self._org_heads = [(m, m.text.split()[-1].lower()) for m in self.mentions
                           if m.actor_id and not m.actor_id[:1].islower() and len(m.text.split()) > 1]
        # The authors of the article's works, by the token of the work (see ``author``), worked out once each.
        self.authors: dict[int, ActorRef | None] = {}

    def by_id(self, mention_id: str | None) -> Mention | None:
        """The mention with ``mention_id``."""
        return self._by_id.get(mention_id) if mention_id else None

    def actor_type(self, actor_id: str | None) -> str | None:
        """The dictionary's type of an actor (PARTY, GOV, PERSON ...), when the index has the dictionary."""
        if actor_id is None or self.dictionary is None:
            return None
        act = self.dictionary.actor(actor_id)
        return act.actor_type if act is not None else None

    def home_mention(self, offset: int) -> Mention | None:
        """A mention of the state the article is about (its first), standing for that state."""
        if self.home is None:
            return None
        def as_home(m: Mention) -> Mention:
            return Mention(**{**{f: getattr(m, f) for f in Mention.__slots__}, "actor_id": self.home})

        for m in self.mentions:
            if (m.actor_id or "")[:3] == self.home:
                return as_home(m)
        # The state is never named, only its people ("Mr Blair", "Michael Howard"): the first of them.
        for m in self.mentions:
            act = self.dictionary.actor(m.actor_id) if m.actor_id and self.dictionary is not None else None
            if act is not None and act.actor_type == "PERSON" and act.country == self.home:
                return as_home(m)
        # ... or only its places ("in Ledbury", "from Hereford"): the first of them.
        for m in self.mentions:
            if self.places.get(m.mention_id) == self.home:
                return as_home(m)
        # ... or nothing but its institutions ("MPs urged the government", home_cues.csv): no mention stands for
        # it, so none is linked (an empty mention id).
        return Mention(mention_id="", article_id=self.mentions[0].article_id if self.mentions else "",
                       sentence_idx=0, char_start=0, char_end=0, text="", entity_label="GPE", actor_id=self.home,
                       link_method="home")

    def covering(self, tok: Token) -> Mention | None:
        """The longest mention that covers ``tok``."""
        hits = [m for m in self.mentions if m.char_start <= tok.idx < m.char_end]
        return max(hits, key=lambda m: (m.char_end - m.char_start, m.char_start)) if hits else None

    def last_before(self, offset: int, sentence_idx: int, *, state: bool) -> Mention | None:
        """The latest linked state (``state``) or organisation mentioned within three sentences before ``offset``."""
        best = None
        for m in self.mentions:
            if m.char_end > offset:
                break
            if m.actor_id is None or not (sentence_idx - 3 <= m.sentence_idx <= sentence_idx):
                continue
            is_org = m.actor_id.isupper() and not _STATE_PART.match(m.actor_id)
            if not state and is_org:
                best = m
        if state:
            # "the country": the state the article has talked about most so far (ties: the latest).
            counts: dict[str, int] = {}
            last: dict[str, Mention] = {}
            for m in self.mentions:
                if m.char_end > offset:
                    break
                hit = _STATE_PART.match(m.actor_id or "")
                if hit and self.actor_type(hit.group(1)) in ("STATE", None):  # "BBC" is no state
                    counts[hit.group(1)] = counts.get(hit.group(1), 0) + 1
                    last[hit.group(1)] = m
            ranked = sorted(counts, key=lambda k: (counts[k], last[k].char_start), reverse=True)
            # Only a state the article is clearly about: twice as often named as any other so far.
            if ranked and (len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]):
                top = ranked[0]
                return Mention(**{**{f: getattr(last[top], f) for f in Mention.__slots__}, "actor_id": top})
        return best

    def last_named(self, head: str, offset: int, sentence_idx: int, window: int = 10) -> Mention | None:
        """The latest linked organisation named within ``window`` sentences before ``offset`` whose name ends in
        the noun ``head`` ("Audit Commission" for "commission"), when no other organisation named so has another
        id (then "the commission" is ambiguous)."""
        found: Mention | None = None
        ids: set[str | None] = set()
        for m, last in self._org_heads:
            if m.char_end > offset:
                break
            if last == head and sentence_idx - window <= m.sentence_idx:
                found = m
                ids.add(m.actor_id)
        return found if len(ids) == 1 else None

    def last_of_type(self, actor_type: str, offset: int, sentence_idx: int, window: int = 10) -> Mention | None:
        """The latest mention within ``window`` sentences before ``offset`` of an actor the dictionary types
        ``actor_type``."""
        found = None
        for m in self.mentions:
            if m.char_end > offset:
                break
            if m.actor_id and sentence_idx - window <= m.sentence_idx and self.actor_type(m.actor_id) == actor_type:
                found = m
        return found

    def gender(self, actor_id: str | None, text: str) -> str | None:
        """"m" or "f" for a person the article titles so ("Mr Blair", "Ms Jowell", "Lord Falconer"), else None
        (also when the titles disagree)."""
        if actor_id is None:
            return None
        if self._genders is None:
            found: dict[str, set[str]] = {}
            for m in self.mentions:
                if m.actor_id and m.actor_id[:1].islower():
                    title = _TITLE_BEFORE.search(text[max(0, m.char_start - 9):m.char_start])
                    word = (title.group(1) if title else m.text.split()[0]).lower().rstrip(".")
                    if word in _MALE_TITLES or word in _FEMALE_TITLES:
                        found.setdefault(m.actor_id, set()).add("m" if word in _MALE_TITLES else "f")
            self._genders = {a: next(iter(g)) for a, g in found.items() if len(g) == 1}
        return self._genders.get(actor_id)

    def title_holder(self, title: str, tok: Token) -> Mention | None:
        """The person "the <title>" stands for: the latest one the article names with that title before ``tok``
        ("Home Secretary Charles Clarke", "Gordon Brown, the chancellor,"), else the only person named before it
        who held the matching office of the article's state in the dictionary (any date: the article's own
        date is often unknown)."""
        text = doc_text(tok.doc)
        words = title.split()
        if not words:
            return None
        # (an honorific may stand between: "Lord Chancellor Lord Falconer")
        before = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\s+(?:(?:Lord|Lady|Sir|Dame|Baroness)\s+)?$",
                            re.I)
        after = re.compile(r"^,?\s+(?:the\s+)?(?:[A-Z][a-z]+\s+){0,2}" + r"\s+".join(map(re.escape, words)) + r"\b",
                           re.I)
        people = [m for m in self.mentions if m.char_end <= tok.idx and (m.actor_id or "")[:1].islower()]
        for m in reversed(people):
            hit = before.search(text[max(0, m.char_start - 40):m.char_start]) or after.match(
                text[m.char_end:m.char_end + 60])
            # "Shadow foreign secretary Michael Ancram", "former prime minister John Major" do not hold the office.
            if hit and not _NOT_HOLDING.search(hit.string[:hit.end()]):
                return m
        role = _TITLE_ROLES.get(title)
        if role is None or self.dictionary is None or self.home is None:
            return None
        held = {m.actor_id: m for m in people if any(
            r.role == role and r.country == self.home for r in self.dictionary.roles_of(m.actor_id))}
        return next(iter(held.values())) if len(held) == 1 else None

    def last_person_before(self, offset: int, sentence_idx: int, exclude: frozenset[str] = frozenset()
                           ) -> Mention | None:
        """The latest PERSON mention before ``offset`` within two sentences, not one of ``exclude``."""
        best = None
        for m in self.mentions:
            if m.char_end > offset:
                break
            if (m.entity_label == "PERSON" or (m.actor_id or "")[:1].islower()) and m.mention_id not in exclude \
                    and sentence_idx - 2 <= m.sentence_idx <= sentence_idx:
                best = m
        return best

    def last_people_before(self, sentence_idx: int, n: int, window: int = 5) -> list[Mention]:
        """The latest ``n`` distinct linked people mentioned in the ``window`` sentences before sentence
        ``sentence_idx``, in the order written; fewer when the text names fewer."""
        seen: dict[str, Mention] = {}
        for m in self.mentions:
            if m.sentence_idx >= sentence_idx:
                break
            if (m.actor_id or "")[:1].islower() and sentence_idx - window <= m.sentence_idx:
                seen.pop(m.actor_id or "", None)
                seen[m.actor_id or ""] = m
        return list(seen.values())[-n:]

    def last_speaker_before(self, tok: Token, sentence_idx: int, exclude: frozenset[str], window: int = 30
                            ) -> Mention | None:
        """The latest person named as the subject of a reporting verb ("Mr Howard said") within ``window``
        sentences before ``tok``: who "he" is when "he claimed" comes after a run of quotation."""
        best = None
        for m in self.mentions:
            if m.char_end > tok.idx:
                break
            if not (m.entity_label == "PERSON" or (m.actor_id or "")[:1].islower()) or m.mention_id in exclude \
                    or not sentence_idx - window <= m.sentence_idx <= sentence_idx:
                continue
            span = tok.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
            root = span.root if span is not None and len(span) else None
            while root is not None and root.dep_ in ("appos", "compound") and root.head.i != root.i:
                root = root.head
            if root is not None and root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEAKING:
                best = m
        return best


def _sector_id(actor_id: str | None, head: Token, sectors: dict[str, str]) -> str | None:
    """RUS + "forces" -> RUS-MIL: a state (or a part of it: "its forces" of RUS-GOV) modifying a sector
    noun stands for that sector."""
    if actor_id is None:
        return None
    hit = _STATE_PART.match(actor_id)
    if hit is None:
        return actor_id
    sector = sectors.get(head.lemma_.lower())
    # The actor dictionary writes the police as -POL; PLOVER's code is COP.
    return f"{hit.group(1)}-{ID_SUFFIX.get(sector, sector)}" if sector else actor_id


def _antecedent(tok: Token, index: MentionIndex, sentence_idx: int, exclude: frozenset[str]) -> Mention | None:
    """"he"/"she": the latest person who is a clause subject in this or the previous sentence (centering's
    preference for subjects), else the latest person mentioned."""
    doc = tok.doc
    # "Mr Blair has failed, he claimed": the speaker is not someone named in what he says (the fronted content
    # clause of the pronoun's own verb holds no antecedent for it).
    said = [range(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in tok.head.children
            if tok.dep_ in ("nsubj", "nsubjpass") and c.dep_ in ("ccomp", "parataxis") and c.i < tok.i]
    # The other side of the event is not the pronoun's antecedent under another name: "'He is a strong party
    # member,' Mr Prescott said" - "he" is not Prescott, however often Prescott was named before.
    if exclude:
        barred = {m.actor_id for m in index.mentions if m.mention_id in exclude and m.actor_id}
        exclude = exclude | {m.mention_id for m in index.mentions if m.actor_id in barred}
    # "he" is not Ms Jowell: a person the article titles as the other gender is no antecedent.
    other = _PRONOUN_GENDER.get(tok.lower_)
    if other is not None:
        text = doc_text(doc)
        exclude = exclude | {m.mention_id for m in index.mentions if m.char_end <= tok.idx and index.gender(
            m.actor_id, text) == other}
    subjects: list[Mention] = []
    for m in index.mentions:
        if m.char_end > tok.idx:
            break
        if m.mention_id in exclude or not (sentence_idx - 1 <= m.sentence_idx <= sentence_idx):
            continue
        if any(m.char_start in r for r in said):
            continue
        if not (m.entity_label == "PERSON" or (m.actor_id or "")[:1].islower()):
            continue
        span = doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        while root is not None and root.dep_ in ("appos", "compound", "conj") and root.head.i != root.i:
            root = root.head
        if root is not None and root.dep_ in ("nsubj", "nsubjpass"):
            subjects.append(m)
    if said:
        exclude = exclude | {m.mention_id for m in index.mentions if any(m.char_start in r for r in said)}
    found = subjects[-1] if subjects else index.last_person_before(tok.idx, sentence_idx, exclude)
    if found is None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEAKING:
        found = index.last_speaker_before(tok, sentence_idx, exclude)
    return found


def _possessor(tok: Token) -> bool:
    """A possessive modifier, also when a curly "’s" leads the parser to call it nmod."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ == "poss" or (nxt is not None and nxt.text in ("'s", "’s", "’", "'"))


def _collective(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int) -> ActorRef | None:
    """"its"/"their": the nearest subject before it in the sentence that names an actor."""
    for t in reversed(list(tok.sent[: tok.i - tok.sent.start])):
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in _COLLECTIVE and t.pos_ != "PRON":
            ref = _one(t, index, sectors, sentence_idx, depth=1)
            if ref is not None:
                return ActorRef(ref.actor_id, ref.mention, "pronoun")
    return None


_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_REPORTING = frozenset({"say", "tell", "add", "insist", "state", "declare", "warn", "claim", "argue", "reply",
                        "respond", "stress", "write"})


def _speaker(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int) -> ActorRef | None:
    """"'We will not tolerate it,' Mr Abbas said": a first-person pronoun inside what someone says is the
    speaker (the subject of the reporting verb the clause is the content of), also in the later sentences of
    a quotation ('X said: "... We will not tolerate it."', see curation.events.quotes)."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return _quoted_speaker(tok, index, sectors, sentence_idx)
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in _REPORTING:
            for s in (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")):
                if not (s.lower_ in _FIRST_PERSON and s.pos_ == "PRON"):
                    ref = _one(s, index, sectors, sentence_idx, 1)
                    if ref is not None and ref.actor_id:
                        return ActorRef(ref.actor_id, ref.mention, "pronoun")
            return None
        cur = head
    return None


def _quoted_speaker(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int
                    ) -> ActorRef | None:
    who = speaker_at(tok.idx, index.quotations)
    if who is None or who.i == tok.i or (who.lower_ in _FIRST_PERSON and who.pos_ == "PRON"):
        return None
    ref = _one(who, index, sectors, sentence_idx, 1)
    return ActorRef(ref.actor_id, ref.mention, "pronoun") if ref is not None and ref.actor_id else None


def _plural_sector(tok: Token) -> str | None:
    """The BARE_SECTORS noun a plural token is ("ministers"; "MPs", which the tagger often reads as NN "mps")."""
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNS" and lemma in BARE_SECTORS:
        return lemma
    low = tok.lower_
    if low.endswith("s") and low[:-1] in BARE_SECTORS and tok.text[-1] == "s" and tok.pos_ in ("NOUN", "PROPN"):
        return low[:-1]
    return None


def _one(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int,
         depth: int = 0, exclude: frozenset[str] = frozenset()) -> ActorRef | None:
    if tok.lower_ in _FIRST_PERSON and tok.pos_ == "PRON" and depth == 0:
        return _speaker(tok, index, sectors, sentence_idx)
    hit = index.covering(tok)
    if depth == 0 and tok.tag_ in ("NNS", "NNPS") and (hit is None or hit.link_method in ("demonym", "unlinked")):
        # "ethnic Albanians in south Serbia", "Kurds of northern Iraq": a people placed in a state is that
        # state's civilians (PLOVER codes the minority by where it lives).
        placed = _placed_in_state(tok, index, sectors, sentence_idx)
        if placed is not None and (hit is None or hit.actor_id != placed.actor_id):
            return ActorRef(f"{placed.actor_id}-CVL", placed.mention, "of")
    if hit is not None and hit.actor_id is not None:
        return ActorRef(hit.actor_id, hit, "head")
    # An unlinked name over the head ("Qatar's emir" as one unlinked mention) is the last resort: an
    # appositive name or a linked modifier says more.
    unlinked = ActorRef(None, hit, "head") if hit is not None else None
    if tok.lower_ in _PERSONAL:
        prev = _antecedent(tok, index, sentence_idx, exclude)
        return ActorRef(prev.actor_id, prev, "pronoun") if prev is not None else None
    if tok.lower_ in _COLLECTIVE and depth == 0:
        return _collective(tok, index, sectors, sentence_idx)
    # "the environment select committee": common-noun modifiers name what a body deals with, not whose it is.
    described = tok.lemma_.lower() in DESCRIBED_BODIES and hit is None and all(
        index.covering(t) is None and t.is_lower for c in tok.children if c.dep_ in ("compound", "amod")
        for t in c.subtree)
    # ("the" may hang on a modifier: "The environment select committee")
    definite = any(c.lower_ == "the" for c in tok.children) or (described and tok.left_edge.lower_ == "the")
    if depth == 0 and definite and not any(
            c.dep_ in ("poss", "compound", "nummod") and not described for c in tok.children) and all(
            r.dep_ == "case" for r in tok.rights):  # "the government's plans": the possessive marker only
        lemma = tok.lemma_.lower()
        plural = tok.tag_ in ("NNS", "NNPS")
        named = index.last_named(lemma, tok.idx, sentence_idx) if not plural and tok.pos_ == "NOUN" else None
        if named is not None:
            # "the commission" after "the Audit Commission", "the alliance" after "the Countryside Alliance":
            # a definite description whose head is the head of a name given before is that name.
            return ActorRef(named.actor_id, named, "pronoun")
        if not plural and (lemma in PERSON_DESCRIPTIONS or _AGED.match(tok.text)) and hit is None:
            # "a donation to the party by the billionaire", "the 64-year-old said": the person just named.
            prev = index.last_person_before(tok.idx, sentence_idx)
            if prev is not None and prev.actor_id:
                return ActorRef(prev.actor_id, prev, "pronoun")
        if lemma == "party" and not plural:
            # "a donation to the party": the party the article named last.
            prev = index.last_of_type("PARTY", tok.idx, sentence_idx)
            if prev is not None:
                return ActorRef(prev.actor_id, prev, "pronoun")
        if (lemma in ORG_ANAPHORS or lemma in STATE_ANAPHORS) and not plural:
            prev = index.last_before(tok.idx, sentence_idx, state=lemma in STATE_ANAPHORS)
            if prev is not None:
                return ActorRef(prev.actor_id, prev, "pronoun")
        if lemma in SECTOR_ANAPHORS:
            # "the authorities" and the like (SECTOR_ANAPHORS): the sector of the article's state.
            prev = index.last_before(tok.idx, sentence_idx, state=True) or index.home_mention(tok.idx)
            if prev is not None and prev.actor_id:
                return ActorRef(f"{prev.actor_id}-{SECTOR_ANAPHORS[lemma]}", prev, "pronoun")
    # "the chancellor", and as British news writes it, "The Foreign Secretary" (a proper-noun tag, no name).
    unnamed = hit is None or hit.actor_id is None  # ("Chancellor" of "The Lord Chancellor" may be an unlinked name)
    bare_title = tok.lemma_.lower() in TITLE_HEADS and (tok.tag_ == "NN" or (
        tok.tag_ == "NNP" and unnamed and tok.ent_type_ in ("", "ORG", "PERSON"))) and all(
        r.dep_ in ("relcl", "punct") for r in tok.rights) and any(
        c.lower_ == "the" for c in tok.children) and not any(
        c.dep_ in ("poss", "nmod") or index.covering(c) not in (None, hit) for c in tok.children)
    if depth == 0 and bare_title:
        # "The chancellor is travelling ...": the person the article gave that title ("Chancellor Gordon
        # Brown", "Jack Straw, the foreign secretary"), or the one named person who held the office.
        title = " ".join(t.lower_ for t in tok.subtree if t.i <= tok.i and t.lower_ != "the")
        holder = index.title_holder(title, tok)
        if holder is not None:
            return ActorRef(holder.actor_id, holder, "pronoun")
        # "The prime minister ridiculed ...", "the home secretary said": an office of the state the article is
        # about, when one clearly is (a named country in the phrase is linked by the actors stage instead).
        home = index.home_mention(tok.idx)
        if home is not None and home.actor_id:
            return ActorRef(f"{home.actor_id}-GOV", home, "pronoun")
    sector_noun = _plural_sector(tok)
    if depth == 0 and sector_noun is not None and not any(
            c.dep_ in ("poss", "compound", "amod", "nmod", "det") and c.lower_ not in _QUANTIFIERS
            and c.lower_ not in SECTOR_MODIFIERS and c.lower_ != "the" for c in tok.children) and all(
            r.dep_ == "punct" or (r.dep_ == "prep" and r.lower_ in ("with", "in", "on")) or (
                r.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in r.children)) for r in tok.rights):
        # "Ministers are telling councils ...", "MPs urged ...": the bare plural is that sector of the state the
        # article is about, when one state clearly is.
        home = index.home_mention(tok.idx)
        if home is not None and home.actor_id:
            sector = next((SECTOR_MODIFIERS[c.lower_] for c in tok.children if c.lower_ in SECTOR_MODIFIERS),
                          BARE_SECTORS[sector_noun])
            return ActorRef(f"{home.actor_id}-{sector}", home, "pronoun")
    appos = [c for c in tok.children if c.dep_ == "appos"]
    for a in appos:
        am = index.covering(a)
        if am is not None and am.entity_label not in ("GPE", "LOC", "FAC", "NORP"):
            return ActorRef(am.actor_id, am, "appos")
    # Names and demonyms modifying the head, nearest first; prefer ones already linked.
    mods: list[Mention] = []
    # The possessor first ("Ukraine's NATO aspirations" are Ukraine's), then the nearest modifier.
    for c in sorted((c for c in tok.children if c.dep_ in _MODIFIER_DEPS), key=lambda c: (not _possessor(c), -c.i)):
        if c.dep_ == "poss" and c.lower_ in _PERSONAL | _COLLECTIVE and tok.lemma_.lower() in RELATIONAL:
            continue
        if c.dep_ == "poss" and c.lower_ in _PERSONAL | _COLLECTIVE and depth == 0:
            ref = _one(c, index, sectors, sentence_idx, depth, exclude)
            if ref is not None:
                return ActorRef(_sector_id(ref.actor_id, tok, sectors), ref.mention, "pronoun")
        for t in [c, *c.subtree]:
            cm = index.covering(t)
            if cm is not None and cm not in mods and (hit is None or cm.mention_id != hit.mention_id):
                mods.append(cm)
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    if not mods and before is not None and before.dep_ == "dep" and before.head.i == tok.head.i:
        # "ECOWAS mediators did not manage ...": the parser leaves the name before the noun unattached
        # (and may even tag it a verb); a linked name there modifies the noun.
        pm = index.covering(before)
        if pm is not None and pm.actor_id and (hit is None or pm.mention_id != hit.mention_id):
            mods.append(pm)
    if not mods and depth == 0 and (tok.pos_ == "NOUN" or tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")) and (
            tok.lemma_.lower() in WORKS or tok.lemma_.lower() in sectors or tok.lemma_.lower() in PARTY_NOUNS):
        # "government plans", "the government's proposals": a sector noun modifying the head is that sector of
        # the state the article is about (as "the government" alone is).
        for c in tok.children:
            if c.dep_ in ("poss", "compound") and c.lemma_.lower() in SECTOR_ANAPHORS and index.covering(c) is None \
                    and not any(g.dep_ in ("poss", "compound", "amod") for g in c.children):
                home = index.home_mention(tok.idx)
                if home is not None and home.actor_id:
                    return ActorRef(f"{home.actor_id}-{SECTOR_ANAPHORS[c.lemma_.lower()]}", home, "modifier")
    if mods:
        best = next((mm for mm in mods if mm.actor_id), mods[0])
        return ActorRef(_sector_id(best.actor_id, tok, sectors), best, "modifier")
    if depth < 2 and (tok.lemma_.lower() in OF_HEADS or tok.lemma_.lower() in GOODS or tok.like_num
                      or tok.pos_ == "NUM" or tok.tag_ == "$"):
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for o in p.children:
                    if o.dep_ == "pobj":
                        ref = _one(o, index, sectors, sentence_idx, depth + 1)
                        if ref is not None:
                            if tok.lemma_.lower() in _GOVERNMENTS and (ref.actor_id or "")[:1].islower() and (
                                    index.dictionary is not None) and (
                                    (person := index.dictionary.actor(ref.actor_id)) is not None) and person.country:
                                # "the military government of President Prosper Avril": the government he led
                                return ActorRef(f"{person.country}-GOV", ref.mention, "of")
                            return ActorRef(_sector_id(ref.actor_id, tok, sectors), ref.mention, "of")
    if depth < 2 and hit is None and tok.lemma_.lower() in sectors:
        # "rebels in the Ivory Coast", "opposition groups in Zimbabwe", "farmers from Brittany's villages": a
        # sector noun placed in a state is that state's sector (PLOVER codes CIV + REB).
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("in", "from", "throughout", "across"):
                for o in p.children:
                    if o.dep_ == "pobj":
                        ref = _one(o, index, sectors, sentence_idx, depth + 1)
                        if ref is not None and ref.actor_id and _ISO3_ONLY.match(ref.actor_id):
                            return ActorRef(_sector_id(ref.actor_id, tok, sectors), ref.mention, "of")
    if depth == 0 and hit is None:
        # "a report by the government's finance watchdog says": a work speaks for the author it names, or for
        # the one the article gave it before ("the research")
        owner = work_owner(tok) if tok.lemma_.lower() in WORKS else None
        ref = _one(owner, index, sectors, sentence_idx, depth + 1) if owner is not None else None
        work = ref if ref is not None and ref.actor_id else author(tok, index, sectors)
        if work is not None:
            return work
    return unlinked


_DEFINITE = frozenset({"the", "these", "this", "those"})
_SEARCH_BACK = 1500  # tokens: about the length of a long news article


def author(tok: Token, index: MentionIndex, sectors: dict[str, str]) -> ActorRef | None:
    """The actor who put out the work ``tok`` names with no owner of its own ("the new proposals", "the research"):
    the owner of the last work of the same family the article gave one, within the article so far."""
    if tok.i in index.authors:
        return index.authors[tok.i]
    found = _author(tok, index, sectors)
    index.authors[tok.i] = found
    return found


def _author(tok: Token, index: MentionIndex, sectors: dict[str, str]) -> ActorRef | None:
    family = WORKS.get(tok.lemma_.lower())
    if family is None or tok.pos_ != "NOUN" or not any(c.lower_ in _DEFINITE for c in tok.children) or any(
            c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "prep" and c.lower_ in ("by", "from", "of"))
            for c in tok.children):
        return None
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - _SEARCH_BACK), -1):
        w = doc[i]
        if w.pos_ != "NOUN" or WORKS.get(w.lemma_.lower()) != family:
            continue
        owner = work_owner(w)
        if owner is None or owner.lower_ in _PERSONAL or owner.pos_ == "PRON":
            continue
        # (the owner's sentence: that of the last mention before it, for the sentence windows of anaphors)
        si = max((m.sentence_idx for m in index.mentions if m.char_start <= owner.idx), default=0)
        ref = _one(owner, index, sectors, si)
        if ref is not None and ref.actor_id:
            return ActorRef(ref.actor_id, ref.mention, "pronoun")
    return None


def _placed_in_state(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int) -> ActorRef | None:
    """The state a plural people noun is placed in ("Albanians in Serbia", "Kurds of northern Iraq")."""
    if tok.ent_type_ not in ("NORP", "") or tok.lemma_.lower() in sectors:
        return None
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in ("in", "of", "from", "throughout", "across"):
            for o in p.children:
                if o.dep_ == "pobj":
                    m = index.covering(o)
                    if m is not None and m.actor_id and _ISO3_ONLY.match(m.actor_id) and m.link_method == "alias":
                        return ActorRef(m.actor_id, m, "of")
    return None


_PLURAL = frozenset({"they", "them"})
QUANTITY_HEADS = frozenset({"ten", "dozen", "hundred", "thousand", "million", "group", "crowd", "number", "couple",
                            "handful", "score", "host", "lot", "band", "team", "delegation", "contingent",
                            "committee", "panel"})  # "a committee of MPs": the MPs


def _plural_antecedent(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int,
                       exclude: frozenset[str]) -> list[ActorRef]:
    """"they"/"them": the latest coordination of named actors ("X and Y") before it in this or the previous
    sentence, none of them the clause's own subject; a subject "they" prefers a coordinated subject."""
    doc = tok.doc
    start = tok.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    subject = tok.dep_ in ("nsubj", "nsubjpass")
    for t in reversed(doc[start: tok.i]):  # the latest first: the first that qualifies is the answer
        if t.dep_ == "conj" or t.pos_ not in ("PROPN", "NOUN") or (subject and t.dep_ not in ("nsubj", "nsubjpass")):
            continue
        group = conjuncts(t)
        if len(group) < 2:
            continue
        refs = [_one(x, index, sectors, sentence_idx, 1) for x in group]
        if all(r is not None and r.actor_id and r.mention.mention_id not in exclude for r in refs):
            return [ActorRef(r.actor_id, r.mention, "pronoun") for r in refs if r is not None]
    return _collective_antecedent(tok, index, sectors, sentence_idx, exclude, start)


def _collective_antecedent(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int,
                           exclude: frozenset[str], start: int, depth: int = 0) -> list[ActorRef]:
    """"they"/"them" for one collective: the latest subject before it in this or the previous sentence that is
    a body ("Labour say they will ..." - British English gives organisations plural pronouns) or a plural noun
    standing for actors ("the MPs said they were concerned"), not a person or a state as a whole; a "they"
    there stands for what it stands for (one step back)."""
    doc = tok.doc
    governing = {a.i for a in tok.ancestors}
    for t in reversed(doc[start: tok.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or (t.head.i == tok.head.i and tok.dep_ in ("nsubj", "nsubjpass")):
            continue
        if t.head.i in governing and tok.dep_ not in ("nsubj", "nsubjpass"):
            continue  # "the government may deport some of them": an object pronoun is not its own clause's subject
        if t.lemma_.lower() in TITLE_HEADS and t.tag_ in ("NN", "NNP"):
            continue  # "the prime minister" is a person, who is "he"
        if t.head.dep_ == "relcl":
            continue  # "targets the government will be judged on. They will include ...": not a relative's subject
        if t.lower_ in _PLURAL and t.pos_ == "PRON":
            if depth > 0:
                continue
            back = t.sent.start
            if back > 0:
                back = doc[back - 1].sent.start
            found = _collective_antecedent(t, index, sectors, sentence_idx, exclude, back, depth + 1)
            if found:
                return found
            continue
        if t.pos_ not in ("PROPN", "NOUN") or len(conjuncts(t)) > 1:
            continue
        ref = _one(t, index, sectors, sentence_idx, 0)  # a noun read afresh ("The MPs said they ...": GBR-LEG)
        plural = t.tag_ in ("NNS", "NNPS") or _plural_sector(t) is not None
        if plural and t.pos_ == "NOUN" and (ref is None or not ref.actor_id):
            return []  # "his priorities ... They will include ...": the latest plural subject is no actor
        if ref is None or not ref.actor_id or ref.mention.mention_id in exclude or ref.actor_id[:1].islower():
            continue
        if _ISO3_ONLY.match(ref.actor_id) and not plural:
            continue  # "Britain ... they": a state as a whole is "it"
        return [ActorRef(ref.actor_id, ref.mention, "pronoun")]
    return []


# Bodies a sector noun may own ("opposition parties").
PARTY_NOUNS = frozenset({"party", "group", "coalition", "alliance"})


# Plural descriptions of people ("the two men", "both leaders") that stand for the people just named.
PAIR_HEADS = frozenset({"man", "woman", "leader", "politician", "minister", "rival", "statesman"})


def _pair(tok: Token, index: MentionIndex, sentence_idx: int) -> list[ActorRef]:
    """"likened the two men to schoolboys", "both leaders": the last two people the article named, when the
    phrase names nobody itself."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in PAIR_HEADS or index.covering(tok) is not None or any(
            c.dep_ in ("poss", "compound", "amod", "appos") or (c.dep_ == "prep" and c.lower_ == "of")
            for c in tok.children):
        return []
    if not any((c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
               for c in tok.children):
        return []
    people = index.last_people_before(sentence_idx, 2)
    return [ActorRef(m.actor_id, m, "pronoun") for m in people] if len(people) == 2 else []


def resolve(tok: Token | None, index: MentionIndex, sectors: dict[str, str], sentence_idx: int,
            exclude: frozenset[str] = frozenset()) -> list[ActorRef]:
    """Actors the noun phrase headed by ``tok`` stands for (one per coordinated head).

    ``exclude``: mention ids a personal pronoun may not point to (a clause's subject is not its object:
    in "Trump issued a statement recognising him", "him" is not Trump).
    """
    if tok is None:
        return []
    if tok.lower_ in _PLURAL and tok.pos_ == "PRON":
        return _plural_antecedent(tok, index, sectors, sentence_idx, exclude)
    pair = _pair(tok, index, sentence_idx)
    if pair:
        return pair
    for _ in range(3):
        # "thousands of Brazilians", "a group of soldiers": the people after the quantity.
        if tok.lemma_.lower() not in QUANTITY_HEADS and not tok.like_num:
            break
        inner = [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                 if c.dep_ == "pobj"]
        if not inner:
            break
        tok = inner[0]
    heads = conjuncts(tok)
    if len(heads) == 1 and tok.tag_ in ("NNS", "NNPS"):
        # "Presidents Joe Biden and Xi Jinping": a plural title's coordinated appositive names each member.
        for a in tok.children:
            if a.dep_ == "appos" and len(conjuncts(a)) > 1:
                heads = conjuncts(a)
                break
    out: list[ActorRef] = []
    for h in heads:
        ref = None if (h.i == tok.i and len(heads) == 1 and index.covering(h) is None
                       and h.lemma_.lower() in OF_HEADS) else _one(h, index, sectors, sentence_idx, 0, exclude)
        if ref is None and h.i == tok.i and len(heads) == 1:
            # "the leaders of Armenia and Azerbaijan": the coordination sits under "of".
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj" and len(conjuncts(o)) > 1:
                            return [ActorRef(_sector_id(r.actor_id, h, sectors), r.mention, "of") for x in conjuncts(o)
                                    if (r := _one(x, index, sectors, sentence_idx)) is not None]
            ref = _one(h, index, sectors, sentence_idx, 0, exclude)
        if ref is None and h.i == tok.i and len(heads) == 1:
            # "11 people, including senior Russian officials and X": the named members.
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ == "including":
                    inc = [r for o in p.children if o.dep_ == "pobj" for x in conjuncts(o)
                           for r in [_one(x, index, sectors, sentence_idx)] if r is not None]
                    if inc:
                        return inc
        if ref is not None and all(r.mention.mention_id != ref.mention.mention_id for r in out):
            out.append(ref)
            if ref.via in ("modifier", "head") and len(heads) == 1:
                # "Ukrainian and Russian delegations", "Russian and Ukrainian officials": coordinated
                # modifiers name one actor each.
                for mod in h.children:
                    group = [mod, *mod.conjuncts]
                    if mod.dep_ not in ("amod", "compound", "nmod", "poss") or len(group) < 2:
                        continue  # only coordinated modifiers: "Ukraine's NATO aspirations" are Ukraine's
                    for t in group:
                        m = index.covering(t)
                        if m is not None and all(r.mention.mention_id != m.mention_id for r in out) and (
                                m.char_end <= h.idx):
                            out.append(ActorRef(_sector_id(m.actor_id, h, sectors), m, "modifier"))
                # in the order written: "Hungarian and Romanian officials" are Hungary's, then Romania's
                out.sort(key=lambda r: r.mention.char_start)
    return out


def others(sentence_tokens: Sequence[Token], used: set[str], index: MentionIndex) -> list[Mention]:
    """Linked mentions in the event's clause that are neither source nor target."""
    seen: list[Mention] = []
    for t in sentence_tokens:
        m = index.covering(t)
        if m is not None and m.actor_id and m.mention_id not in used and m not in seen:
            seen.append(m)
    return seen
