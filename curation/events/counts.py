"""How many: the fatalities, injured and arrested an event's sentence counts.

A count is a number (digits, "1,200", number words: "twelve", "two hundred")
or a vague quantity ("dozens", "hundreds", "scores") attached to people, read
from the parse of the event's sentence:

- fatalities: "killed 12 people", "12 people were killed", "12 soldiers
  died", "left 12 dead", "12 dead", "the death toll rose to 40", "40 deaths";
- injured: "wounded 30", "30 people were injured", "30 wounded";
- arrested (COERCE): "arrested 20 protesters", "20 people were detained",
  "20 arrests".

Each count carries how exact it is: ``exact``; ``at_least`` ("at least 12",
"more than 12", "over 12"; for a range "10 to 15", the lower end);
``at_most`` ("up to 12", "as many as 12"); ``approximate`` ("about",
"around", "some", "nearly", "almost"); ``vague`` ("dozens", "hundreds": no
number, only that there were many). A revised toll ("rose to 40") is the new
figure. Fatalities and injuries are read for ASSAULT events, arrests for
COERCE events (every such event of the sentence carries them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_UNITS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = frozenset({"dozens", "hundreds", "thousands", "scores", "tens", "millions", "many", "several", "numerous"})
_LOWER = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than")
_UPPER = ("up to", "as many as", "fewer than", "less than", "at most", "under")
_ABOUT = ("about", "around", "some", "nearly", "almost", "approximately", "roughly", "an estimated", "close to")
PEOPLE = frozenset({"people", "person", "civilian", "soldier", "troop", "policeman", "officer", "police", "militant",
                    "fighter", "rebel", "insurgent", "protester", "demonstrator", "student", "child", "woman", "man",
                    "worker", "villager", "resident", "member", "passenger", "pilgrim", "refugee", "prisoner",
                    "guard", "marine", "activist", "suspect", "journalist", "citizen", "national", "others",
                    "other", "personnel", "casualty", "victim", "body", "dead", "wounded", "injured"})
_KILL = frozenset({"kill", "slay", "massacre", "execute", "shoot", "murder"})
_DIE = frozenset({"die", "perish"})
_WOUND = frozenset({"wound", "injure", "hurt", "maim"})
_ARREST = frozenset({"arrest", "detain", "hold", "seize", "jail", "imprison", "capture", "round"})
_TOLL_NOUNS = frozenset({"toll", "death", "fatality"})
_INJURY_NOUNS = frozenset({"injury", "casualty"})
_ARREST_NOUNS = frozenset({"arrest", "detention"})


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people and how exact it is."""

    value: int | None  # None when vague
    qualifier: str  # exact, at_least, at_most, approximate, vague


@dataclass(frozen=True, slots=True)
class Casualties:
    """The counts of one event (each None when the sentence gives none)."""

    fatalities: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None


NONE = Casualties()


def number_value(text: str) -> int | None:
    """The value of a number written in digits or words ("1,200", "2.5 million", "two hundred and five")."""
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return int(float(t))
    total, current = 0, 0
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif re.fullmatch(r"\d+(\.\d+)?", w):
            current += float(w)  # type: ignore[assignment]
        elif w == "a" and current == 0:
            current = 1
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] > 100:
                total, current = total + current, 0
        else:
            return None
    return int(total + current)


def _number_phrase(tok: Token) -> tuple[Count, int] | None:
    """The count a number token heads (with its compound number words and qualifier), and the index of its
    first token."""
    if tok.lower_ in VAGUE and tok.tag_ in ("NNS", "JJ") and tok.lower_ not in ("many", "several", "numerous"):
        start = tok.i
        return Count(None, "vague"), start
    people = tok.dep_ == "nummod" and tok.head.lemma_.lower() in PEOPLE  # "between 10 and 15 villagers" (a DATE)
    if not (tok.like_num or tok.pos_ == "NUM") or (
            tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL") and not people):
        return None
    if tok.dep_ == "conj" and (tok.head.like_num or tok.head.pos_ == "NUM"):
        return None  # "five" of "two hundred and five", "15" of "between 10 and 15": read with its head
    parts = sorted([tok, *[c for c in tok.children if c.dep_ in ("compound", "quantmod", "nummod")
                           and (c.like_num or c.lower_ in _SCALES)]], key=lambda t: t.i)
    if tok.lower_ in _SCALES:  # "two hundred and five"
        parts += [c for c in tok.children if c.dep_ == "conj" and c.like_num and c.i > tok.i]
    value = number_value(" ".join(p.text for p in parts))
    if value is None:
        return None
    start = parts[0].i
    doc = tok.doc
    before = " ".join(t.lower_ for t in doc[max(tok.sent.start, start - 3):start])
    if any(c.lower_ == "between" for c in tok.children) and any(c.dep_ == "conj" and c.like_num
                                                                  for c in tok.children):
        return Count(value, "at_least"), start  # "between 10 and 15 villagers"
    # "10 to 15 people", "10-15": the lower end is a lower bound.
    if any(c.lower_ in ("to", "-", "–") for c in tok.children if c.dep_ in ("quantmod", "prep", "punct")) or (
            start >= 2 and doc[start - 1].lower_ in ("to", "-", "–") and doc[start - 2].like_num):
        low = doc[start - 2] if start >= 2 and doc[start - 2].like_num else None
        if low is not None and (lv := number_value(low.text)) is not None:
            return Count(lv, "at_least"), low.i
    for phrases, qual in ((_LOWER, "at_least"), (_UPPER, "at_most"), (_ABOUT, "approximate")):
        if any(before.endswith(p) for p in phrases):
            return Count(value, qual), start
    return Count(value, "exact"), start


def _kind(num: Token, noun: Token) -> str | None:
    """What the count counts (fatalities, injured, arrested) from the words around its noun."""
    head = noun.head
    lemma = head.lemma_.lower()
    dep = noun.dep_
    # "12 dead", "12 killed", "30 wounded": the participle or adjective on the number or its noun
    for c in (*num.children, *noun.children):
        cl = c.lemma_.lower()
        if c.dep_ in ("amod", "acl", "advmod", "relcl") or (c.i > num.i and c.dep_ in ("dep", "appos")):
            if cl in ("dead", "die") or cl in _KILL:
                return "fatalities"
            if cl in _WOUND or c.lower_ in ("injured", "wounded", "hurt"):
                return "injured"
            if cl in _ARREST and c.lower_ not in ("hold", "held"):
                return "arrested"
    if noun.lower_ in ("dead",):
        return "fatalities"
    if noun.lower_ in ("wounded", "injured"):
        return "injured"
    if dep == "nsubj" and head.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux") for c in head.children):
        # "... were killed and 30 wounded": a bare participle's subject is who it happened to
        if lemma in _KILL:
            return "fatalities"
        if lemma in _WOUND:
            return "injured"
        if lemma in _ARREST:
            return "arrested"
    if dep in ("dobj", "nsubjpass") and lemma in _KILL:
        return "fatalities"
    if dep == "nsubj" and lemma in _DIE:
        return "fatalities"
    if dep in ("dobj", "nsubjpass") and lemma in _WOUND:
        return "injured"
    if dep in ("dobj", "nsubjpass") and lemma in _ARREST:
        return "arrested"
    # "left 12 people dead": the object of "leave" with "dead" as its complement
    if lemma == "leave" and any(c.lower_ == "dead" for c in head.children):
        return "fatalities"
    # "the death toll rose to 40", "a toll of 40", "40 deaths", "20 arrests"
    nl = noun.lemma_.lower()
    if nl in ("death", "fatality"):
        return "fatalities"
    if nl in _INJURY_NOUNS and nl != "casualty":
        return "injured"
    if nl in _ARREST_NOUNS:
        return "arrested"
    anc = noun.head
    for _ in range(3):
        if anc.lemma_.lower() == "toll" or any(c.lemma_.lower() == "toll" for c in anc.children
                                                if c.dep_ in ("nsubj", "nsubjpass")):
            return "fatalities"
        if anc.head.i == anc.i:
            break
        anc = anc.head
    return None


def casualties(sent: Span, event_type: str) -> Casualties:
    """The fatalities, injured and arrested the sentence ``sent`` counts, for an event of ``event_type``."""
    if event_type not in ("ASSAULT", "COERCE"):
        return NONE  # a protest, a threat or an accusation in a sentence that counts the dead of an attack
    found: dict[str, Count] = {}
    for tok in sent:
        got = _number_phrase(tok)
        if got is None:
            continue
        count, _start = got
        # the noun counted: the number's head when it modifies one ("12 people"), else the number itself
        noun = tok.head if tok.dep_ == "nummod" or (tok.dep_ == "amod" and count.qualifier == "vague") else tok
        if noun.i != tok.i and noun.lemma_.lower() not in PEOPLE and noun.lemma_.lower() not in (
                _TOLL_NOUNS | _INJURY_NOUNS | _ARREST_NOUNS):
            continue  # "12 tanks", "three days"
        if noun.i == tok.i and tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
                tok.head.head.lemma_.lower() in PEOPLE):
            noun = tok.head.head  # "dozens of people"
        kind = _kind(tok, noun)
        if kind is None or kind in found:
            continue
        if (kind == "arrested") != (event_type == "COERCE"):
            continue  # the dead and wounded of an attack; the arrested of a coercion
        found[kind] = count
    return Casualties(found.get("fatalities"), found.get("injured"), found.get("arrested"))
