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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curation.events.structure import conjuncts
from curation.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

_ISO3 = re.compile(r"^[A-Z]{3}$")
_PERSONAL = frozenset({"he", "she", "his", "her", "him"})
_COLLECTIVE = frozenset({"its", "their"})
# Trade nouns and amounts stand for the country whose goods they are ("tariffs on $34 billion of Chinese imports").
GOODS = frozenset({"import", "export", "good", "product", "asset", "property", "billion", "million", "percent",
                   "worth", "fund", "reserve", "company", "firm", "bank", "ship", "vessel", "aircraft", "flight"})
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


class MentionIndex:
    """Mentions of one article, looked up by character offset."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.char_start, m.char_end))

    def covering(self, tok: Token) -> Mention | None:
        """The longest mention that covers ``tok``."""
        hits = [m for m in self.mentions if m.char_start <= tok.idx < m.char_end]
        return max(hits, key=lambda m: (m.char_end - m.char_start, m.char_start)) if hits else None

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


def _sector_id(actor_id: str | None, head: Token, sectors: dict[str, str]) -> str | None:
    """RUS + "forces" -> RUS-MIL: a state modifying a sector noun stands for that sector."""
    if actor_id is None or not _ISO3.match(actor_id):
        return actor_id
    sector = sectors.get(head.lemma_.lower())
    return f"{actor_id}-{sector}" if sector else actor_id


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


def _one(tok: Token, index: MentionIndex, sectors: dict[str, str], sentence_idx: int,
         depth: int = 0, exclude: frozenset[str] = frozenset()) -> ActorRef | None:
    hit = index.covering(tok)
    if hit is not None:
        return ActorRef(hit.actor_id, hit, "head")
    if tok.lower_ in _PERSONAL:
        prev = index.last_person_before(tok.idx, sentence_idx, exclude)
        return ActorRef(prev.actor_id, prev, "pronoun") if prev is not None else None
    if tok.lower_ in _COLLECTIVE and depth == 0:
        return _collective(tok, index, sectors, sentence_idx)
    appos = [c for c in tok.children if c.dep_ == "appos"]
    for a in appos:
        am = index.covering(a)
        if am is not None and am.entity_label in ("PERSON", "ORG"):
            return ActorRef(am.actor_id, am, "appos")
    # Names and demonyms modifying the head, nearest first; prefer ones already linked.
    mods: list[Mention] = []
    # The possessor first ("Ukraine's NATO aspirations" are Ukraine's), then the nearest modifier.
    for c in sorted((c for c in tok.children if c.dep_ in _MODIFIER_DEPS), key=lambda c: (not _possessor(c), -c.i)):
        if c.dep_ == "poss" and c.lower_ in _PERSONAL | _COLLECTIVE and depth == 0:
            ref = _one(c, index, sectors, sentence_idx, depth, exclude)
            if ref is not None:
                return ActorRef(_sector_id(ref.actor_id, tok, sectors), ref.mention, "pronoun")
        for t in [c, *c.subtree]:
            cm = index.covering(t)
            if cm is not None and cm not in mods:
                mods.append(cm)
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
                            return ActorRef(_sector_id(ref.actor_id, tok, sectors), ref.mention, "of")
    return None


def resolve(tok: Token | None, index: MentionIndex, sectors: dict[str, str], sentence_idx: int,
            exclude: frozenset[str] = frozenset()) -> list[ActorRef]:
    """Actors the noun phrase headed by ``tok`` stands for (one per coordinated head).

    ``exclude``: mention ids a personal pronoun may not point to (a clause's subject is not its object:
    in "Trump issued a statement recognising him", "him" is not Trump).
    """
    if tok is None:
        return []
    heads = conjuncts(tok)
    out: list[ActorRef] = []
    for h in heads:
        ref = None if (h is tok and len(heads) == 1 and index.covering(h) is None
                       and h.lemma_.lower() in OF_HEADS) else _one(h, index, sectors, sentence_idx, 0, exclude)
        if ref is None and h is tok and len(heads) == 1:
            # "the leaders of Armenia and Azerbaijan": the coordination sits under "of".
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj" and len(conjuncts(o)) > 1:
                            return [ActorRef(_sector_id(r.actor_id, h, sectors), r.mention, "of") for x in conjuncts(o)
                                    if (r := _one(x, index, sectors, sentence_idx)) is not None]
            ref = _one(h, index, sectors, sentence_idx, 0, exclude)
        if ref is not None and all(r.mention.mention_id != ref.mention.mention_id for r in out):
            out.append(ref)
            if ref.via == "modifier" and len(heads) == 1:
                # "Ukrainian and Russian delegations": coordinated modifiers name one actor each.
                for t in h.subtree:
                    if t.dep_ == "conj" and t.head.head is h:
                        m = index.covering(t)
                        if m is not None and all(r.mention.mention_id != m.mention_id for r in out):
                            out.append(ActorRef(_sector_id(m.actor_id, h, sectors), m, "modifier"))
    return out


def others(sentence_tokens: Sequence[Token], used: set[str], index: MentionIndex) -> list[Mention]:
    """Linked mentions in the event's clause that are neither source nor target."""
    seen: list[Mention] = []
    for t in sentence_tokens:
        m = index.covering(t)
        if m is not None and m.actor_id and m.mention_id not in used and m not in seen:
            seen.append(m)
    return seen
