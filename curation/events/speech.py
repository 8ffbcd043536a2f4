"""Events told as reported speech: a demand, a criticism or praise that the speaker's words make.

News reports most verbal events as what someone said, not with a verb that
names the act: "Mr Kemp said Michael Howard should apologise" is a demand,
"the Tories said the pledges were worthless" a criticism, "he said it was a
fantastic gift" praise. CAMEO codes these as DEMAND (10) and DISAPPROVE (11)
or PRAISE (051) when the statement has that force; PLOVER 2021 drops bare
statements (CAMEO 01) but keeps the acts. A reporting verb ("say", "tell",
"add", "claim", "argue", "insist" ...) whose content clause:

- has a modal of obligation on its verb ("must", "should", "ought to", "need
  to", "have to") and a named actor as its subject other than the speaker is a
  REQUEST from the speaker to that actor;
- is a claim or allegation ("claimed", "alleged") about a named actor other
  than the speaker is an ACCUSE (allege) against that actor: the alleged act
  is its content, not an event that happened;
- otherwise holds a word of ``data/evaluation.csv`` (negative: "failed",
  "worthless", "shambles"; positive: "excellent", "generous") or an adjective
  or adverb of strong valence in VADER's lexicon ("wrong", "inadequate",
  "disappointing"; "fantastic", "strong"), not negated, or failing such a
  word reads strongly negative or positive as a whole (VADER's compound
  score, for force carried by verbs and phrases: "cheated the fishermen
  and hurt their families") without holding an event of the lexicon, and
  names an actor other than the speaker (its subject, the owner of what is
  judged, or any actor named in it) is an ACCUSE (disapprove) or a SUPPORT to
  that actor.

A reporting verb that is itself a lexicon trigger ("warned", "accused",
"praised") is coded by its row, not here. The content clause is then the
speech act's content: the events the lexicon finds inside it are not coded
as events of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from curation.events.factuality import trailing_report
from curation.events.lexicon import Lexicon, TriggerRule
from curation.events.quotes import Quotation, quoted_sentence
from curation.events.structure import Frame, subjects

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

REPORTING = frozenset({"say", "tell", "add", "claim", "argue", "insist", "state", "declare", "reply", "respond",
                       "write", "maintain", "contend", "suggest", "comment", "remark", "stress",
                       "acknowledge", "admit", "assert", "reiterate", "believe", "feel", "think", "warn", "find"})
OBLIGATION = frozenset({"must", "should", "ought"})
# Reporting verbs whose content about another actor is an allegation ("Washington claimed that the militia had
# attacked the town" is an accusation, not an attack): CAMEO 112, ACCUSE allege.
ALLEGING = frozenset({"claim", "allege"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_ABOUT = frozenset({"about", "of", "at", "with", "over", "towards", "toward"})


def _is(t: Token, words: frozenset[str]) -> bool:
    """Whether ``t`` is one of the pronouns ``words`` (the United States' "US" is not "us")."""
    return t.lower_ in words and (t.pos_ == "PRON" or t.tag_ in ("PRP", "PRP$", "EX"))


# The rule file of frames read from a sentence of a quotation (``quoted_frames``).
QUOTED = "speech.py:quotation"


def _rule(event_type: str, cameo: str, mode: str | None, lemma: str, file: str = "speech.py") -> TriggerRule:
    return TriggerRule(lemma=lemma, pos="VERB", cues=(), args=(), event_type=event_type, cameo=cameo, mode=mode,
                       targets=(), symmetric=False, line=0, file=file)


def _judgement(polarity: str, lemma: str, file: str = "speech.py") -> TriggerRule:
    """Criticism (CAMEO 111, ACCUSE disapprove) or praise (051, SUPPORT) by the polarity of the judging word."""
    if polarity == "negative":
        return _rule("ACCUSE", "111", "disapprove", lemma, file)
    return _rule("SUPPORT", "051", None, lemma, file)


def _demanded(clause: Token, classify: Callable[[Token], frozenset[str]], exempt: frozenset[str]
              ) -> tuple[bool, Token | None]:
    """(whether ``clause`` states an obligation on a subject other than the speaker's ``exempt`` pronouns, the
    subject when it is an actor): "Kenya must sign" is a demand on Kenya; "reform must continue" on nobody."""
    csubj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not (_obliged(clause) and csubj and not _is(csubj[0], exempt)):
        return False, None
    return True, csubj[0] if "actor" in classify(csubj[0]) else None


def action_demanded(clause: Token) -> bool:
    """Whether ``clause`` asks for an action to be taken without naming who is to take it: an obliged passive
    ("a national body should be set up", "the bill must be amended") or "X is needed" ("new powers are
    needed", "an amendment was needed"). CAMEO 10 codes such a demand with no recipient named; an obligation
    on a state of affairs ("reform must continue") asks nothing of anybody."""
    subj = [c for c in clause.children if c.dep_ == "nsubjpass"]
    if not subj or subj[0].lower_ in _NOTHING or subj[0].pos_ == "PRON" or _negated(clause):
        return False
    needed = clause.lemma_.lower() == "need" and any(c.dep_ == "auxpass" for c in clause.children)
    return needed or any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in clause.children)


def _content(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
            return c
    # "NI will be raised if Labour wins, Michael Howard has claimed", "Anglers could be prosecuted, a committee of
    # MPs has warned": the parser hangs the sentence-final reporting verb on the quoted clause; that is its content.
    if trailing_report(verb) and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    # "the prime minister who, he claims, is ramming the measures through": a parenthetical report between commas
    # is about the clause it interrupts.
    first, last = verb.left_edge.i, verb.right_edge.i
    if last < len(verb.doc) - 1 and verb.doc[last].text != "," and verb.doc[last + 1].text == ",":
        last += 1
    if verb.dep_ == "parataxis" and first > 0 and verb.doc[first].text == "," and verb.doc[last].text == ",":
        head = verb.head.head if verb.head.dep_ == "aux" else verb.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    # "told the Today programme that the plans were inadequate": the parser hangs the that-clause on the object.
    for o in verb.children:
        if o.dep_ in ("dobj", "dative"):
            for c in o.children:
                if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    return c
    return None


def _obliged(clause: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in clause.children):
        return True
    # "the US needs to act", "they have to go": need/have + infinitive
    return clause.lemma_.lower() in ("need", "have") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in clause.children)


_NOTHING = frozenset({"nothing", "none", "nobody", "noone"})


def _negated(tok: Token) -> bool:
    """Negated itself, or the modifier of a negative pronoun ("nothing wrong", "nobody unfair")."""
    if tok.dep_ == "amod" and tok.head.lower_ in _NOTHING:
        return True
    return any(c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ in ("advmod", "det")) for c in tok.children)


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """VADER's word valences (vaderSentiment, MIT licence; shipped in the package, read from disk)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {str(k): float(v) for k, v in SentimentIntensityAnalyzer().lexicon.items()}


# Thresholds on VADER's -4..+4 scale for an adjective or adverb to make a statement criticism or praise.
NEGATIVE_VALENCE = -1.5
POSITIVE_VALENCE = 2.6


def _evaluation(clause: Token, lexicon: Lexicon, taken: AbstractSet[int] = frozenset()) -> tuple[str, Token] | None:
    """The polarity of the first evaluative word in the clause, with that word (negated words are skipped):
    a word of ``evaluation.csv``, else an adjective or adverb with a strong VADER valence. Event words of the
    lexicon ("attacked", "killed") describe what happened, not what the speaker thinks of it, and are skipped;
    a VADER adjective on the doer of such an event is the report's colour ("angry workers blocked the
    bridge, police said"), not a judgement."""
    val = valences()
    for t in clause.subtree:
        doer_colour = t.dep_ == "amod" and t.head.dep_ in ("nsubj", "nsubjpass") and t.head.head.i in taken
        particles = [c.lower_ for c in t.children if c.dep_ in ("prt", "advmod") and c.i > t.i]
        pol = next((lexicon.evaluation[f"{t.lemma_.lower()} {p}"] for p in particles
                    if f"{t.lemma_.lower()} {p}" in lexicon.evaluation), None)
        pol = pol or lexicon.evaluation.get(t.lemma_.lower()) or lexicon.evaluation.get(t.lower_)
        if pol == "unmet":
            # "ministers had not delivered", "he is not wise": what was expected of the actor, not done.
            if _negated(t) or (t.head.i != t.i and _negated(t.head) and t.dep_ in ("acomp", "attr")):
                return "negative", t
            continue
        if pol is None and t.pos_ in ("ADJ", "ADV") and not lexicon.candidates(t.lemma_, "VERB") and not doer_colour:
            v = val.get(t.lower_)
            pol = "negative" if v is not None and v <= NEGATIVE_VALENCE else (
                "positive" if v is not None and v >= POSITIVE_VALENCE else None)
        if pol is None or _negated(t) or (t.head.i != t.i and _negated(t.head) and t.dep_ in ("acomp", "attr")):
            continue
        return pol, t
    return None


# Thresholds on VADER's compound score (-1..+1) of a whole content clause, for statements whose force is in
# verbs and phrases rather than one adjective ("they cheated the fishermen and hurt their families").
CLAUSE_NEGATIVE = -0.5
CLAUSE_POSITIVE = 0.7


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _tone(clause: Token, taken: set[int]) -> tuple[str, Token] | None:
    """The polarity of the whole content clause by VADER's compound score (its negation and intensifier rules
    apply), with the clause's verb. A clause holding an event the lexicon coded is skipped: "it had expelled
    two diplomats" reads negative for the expulsion, not for a judgement of anyone."""
    span = clause.doc[clause.left_edge.i:clause.right_edge.i + 1]
    if any(span.start <= i < span.end for i in taken):
        return None
    score = float(_analyzer().polarity_scores(span.text)["compound"])
    if score <= CLAUSE_NEGATIVE:
        return "negative", clause
    if score >= CLAUSE_POSITIVE:
        return "positive", clause
    return None


def speech_frames(sent: Span, lexicon: Lexicon, classify: Callable[[Token], frozenset[str]],
                  taken: set[int]) -> list[Frame]:
    """Frames for the reporting verbs of ``sent`` whose content is a demand, a criticism or praise
    (``taken``: trigger indexes the lexicon already coded)."""
    out: list[Frame] = []
    for verb in sent:
        went_on = verb.lemma_.lower() == "go" and any(c.lower_ == "on" and c.dep_ in ("prt", "advmod", "prep")
                                                      and not list(c.children) for c in verb.children)
        according = _according(verb)
        if according is None and (verb.pos_ not in ("VERB", "AUX") or (
                verb.lemma_.lower() not in REPORTING and not went_on) or verb.i in taken):
            continue
        # "Broadcasters should fix a date, according to the Hansard Society": the phrase attributes the clause it
        # hangs on to its object, as a reporting verb would
        clause = verb.head if according is not None else _content(verb)
        if clause is None or clause.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_.endswith(("self", "selves"))
               for c in clause.children) and clause.i != verb.i:
            continue  # "farmers could find themselves prosecuted": what happens to them, not what they say
        speakers = [according] if according is not None else [
            s for s in subjects(verb) if not _is(s, _FIRST_PERSON)]
        before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
        if according is None and not subjects(verb) and before is not None and before.pos_ == "PROPN" and (
                "person" in classify(before)):
            # "In a speech to the Foreign Policy Centre Mr Straw said": the parser hangs the name on the phrase
            # before it; a person's name right before a reporting verb with no subject is its subject.
            speakers = [before]
        if not speakers or not classify(speakers[0]) & {"actor", "authored"}:
            continue  # (a work speaks for its author: "a report by the watchdog says")
        speaker = speakers[0]
        csubj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if csubj and csubj[0].lower_ in ("who", "which", "that") and clause.dep_ == "relcl":
            csubj = [clause.head]  # "the prime minister who, he claims, is ramming ...": the relative's antecedent
        obliged, on = _demanded(clause, classify, _FIRST_PERSON | {"it", "there"})
        if obliged or action_demanded(clause):
            # "X said Y should ...": a demand on Y when Y is an actor; "a national body should be set up, X said",
            # "new powers are needed, police chiefs have told MPs": an action asked for with nobody named to take
            # it, a demand on whom it is told to, else on nobody named; "Milburn insisted that reform must
            # continue", "nobody should doubt ...": an obligation on a state of affairs is an opinion
            targets = (on,) if on is not None else _addressees(verb, classify)
            if on is not None or action_demanded(clause):
                out.append(Frame(trigger=verb, rule=_rule("REQUEST", "100", None, verb.lemma_.lower()),
                                 kind="speech", sources=(speaker,), targets=targets))
            continue
        if verb.lemma_.lower() in ALLEGING:
            # "Washington claimed the militia had attacked", "NI will rise if Labour wins, Howard claimed": the
            # actor the claim is about (the clause's subject, else any actor it names other than the speaker).
            about = csubj[0] if csubj and "actor" in classify(csubj[0]) and (
                not _is(csubj[0], _FIRST_PERSON | {"it", "he", "she", "they"})) else _judged(
                clause, clause, speaker, classify)
            if about is None:
                # "Taxes will rise if Labour wins, X claimed": the parser hangs the claim's condition on the verb.
                about = next((a for c in verb.children if c.dep_ == "advcl" and c.i < verb.i and any(
                    m.lower_ in ("if", "unless") for m in c.children) for a in [_judged(c, c, speaker, classify)]
                    if a is not None), None)
            if about is not None:
                out.append(Frame(trigger=verb, rule=_rule("ACCUSE", "112", "allege", verb.lemma_.lower()),
                                 kind="speech", sources=(speaker,), targets=(about,)))
                continue
        found = _evaluation(clause, lexicon, taken) or _tone(clause, taken)
        if found is None:
            continue
        polarity, word = found
        if verb.i > clause.i and verb.lemma_.lower() in ("say", "report", "accord") and not _listed(
                word, lexicon) and any(clause.left_edge.i <= i <= clause.right_edge.i for i in taken):
            # "... killed 23 people in the second-worst attack, police said": a source's report of an event the
            # lexicon coded, attributed after it; a word of general valence there describes the event, it is
            # not the source's judgement of anyone.
            continue
        target = _judged(clause, word, speaker, classify)
        if target is None:
            # Praise or criticism of nobody named ("things are getting worse", "I was shocked") is an opinion,
            # not an act towards an actor: CAMEO 051 and 111 have a recipient.
            continue
        out.append(Frame(trigger=verb, rule=_judgement(polarity, verb.lemma_.lower()), kind="speech",
                         sources=(speaker,), targets=(target,)))
    return out


def with_speech(sent: Span, lexicon: Lexicon, classify: Callable[[Token], frozenset[str]], found: list[Frame],
                quotations: Sequence[Quotation]) -> list[Frame]:
    """``found``, the lexicon's frames of ``sent``, with the speech acts its reporting verbs make and, in a
    sentence of a quotation that names no speaker, the quotation's: a demand said there stands for the act it
    asks for, whose own frame is dropped."""
    found = found + speech_frames(sent, lexicon, classify, {f.trigger.i for f in found})
    quoted = quoted_sentence(sent, quotations)
    if quoted is not None and quoted.speaker is not None and not any(f.kind == "speech" for f in found):
        said = quoted_frames(sent, lexicon, classify, {f.trigger.i for f in found}, quoted.speaker)
        asked = {f.trigger.i for f in said if f.rule.event_type == "REQUEST"}
        found = [f for f in found if f.trigger.i not in asked] + said
    return found


def _according(tok: Token) -> Token | None:
    """The source of "according to X" when ``tok`` is its "according" hung on a clause."""
    if tok.lower_ != "according" or tok.head.i == tok.i:
        return None
    return next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children
                 if o.dep_ == "pobj"), None)


def _addressees(verb: Token, classify: Callable[[Token], frozenset[str]]) -> tuple[Token, ...]:
    """Whom a reporting verb is told to ("told MPs", "told the committee"), when an actor."""
    if verb.lemma_.lower() != "tell":
        return ()
    return tuple(o for o in verb.children if o.dep_ in ("dobj", "dative") and "actor" in classify(o))[:1]


def _listed(word: Token, lexicon: Lexicon) -> bool:
    """Whether the judging word is one of ``evaluation.csv`` (not only of general valence in VADER)."""
    return word.lemma_.lower() in lexicon.evaluation or word.lower_ in lexicon.evaluation


def quoted_frames(sent: Span, lexicon: Lexicon, classify: Callable[[Token], frozenset[str]], taken: set[int],
                  speaker: Token) -> list[Frame]:
    """Frames for a sentence of a quotation that does not say who speaks (``speaker``: the quotation's, see
    curation.events.quotes): its main clauses are what the speaker says, read as ``speech_frames`` reads
    the content of a reporting verb ('X said: "... The government must act. It has failed us."')."""
    if "actor" not in classify(speaker):
        return []
    out: list[Frame] = []
    roots = [t for t in sent if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    clauses = [c for r in roots for c in (r, *r.conjuncts) if c.pos_ in ("VERB", "AUX")]
    for clause in clauses:
        if clause.lemma_.lower() in REPORTING:
            continue
        # "Kenya must sign the treaty now": a demand whose content is the act of its own verb (the events
        # stage drops the act's frame: it is what is asked for, not an event).
        obliged, on = _demanded(clause, classify, _FIRST_PERSON | {"it", "there", "you"})
        if obliged:
            if on is not None:
                out.append(Frame(trigger=clause, rule=_rule("REQUEST", "100", None, clause.lemma_.lower(), QUOTED),
                                 kind="speech", sources=(speaker,), targets=(on,)))
            break
        if clause.i in taken:
            continue
        # Only a word that judges: the tone of a whole sentence of a long quotation is too often its topic's
        # ("too many developments on inappropriate sites, causing tensions").
        found = _evaluation(clause, lexicon, taken)
        if found is None:
            continue
        polarity, word = found
        target = _judged(clause, word, speaker, classify)
        if target is None:
            continue
        out.append(Frame(trigger=word, rule=_judgement(polarity, word.lemma_.lower(), QUOTED), kind="speech",
                         sources=(speaker,), targets=(target,)))
        break  # one speech act per sentence of the quotation
    return out


def _judged(clause: Token, word: Token, speaker: Token, classify: Callable[[Token], frozenset[str]]
            ) -> Token | None:
    """Who the evaluation is about: the agent of the judging word ("let down by Labour"), the clause's subject,
    what the word is about ("sceptical about Labour promises"), the owner of the judged thing, or any actor
    named. The public and other people as a whole ("voters felt let down") come last: they are usually who
    suffers, not who is judged. Failing an actor, a judged work whose author the article gave stands for
    its author."""
    def ok(t: Token, people: bool) -> bool:
        cls = classify(t)
        return t.i != speaker.i and not _is(t, _FIRST_PERSON) and "actor" in cls and (
            "place" not in cls or "state" in cls) and (people or "people" not in cls or "political" in cls)
    cands = [o for p in word.children if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"]
    # The subject of the judging word's own clause ("who he has shamelessly abandoned": he).
    own = word if word.pos_ in ("VERB", "AUX") else (word.head if word.dep_ in ("advmod", "acomp") else None)
    if own is not None and own.i != clause.i:
        cands += [c for c in own.children if c.dep_ == "nsubj"]
    cands += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    cands += [o for p in word.children if p.dep_ == "prep" and p.lower_ in _ABOUT for o in p.children
              if o.dep_ == "pobj"]
    head = word.head if word.dep_ in ("amod", "acomp", "attr", "dobj") else word
    cands += [c for c in head.children if c.dep_ in ("poss", "compound", "nmod")]
    for people in (False, True):
        for c in cands:
            if ok(c, people):
                return c
            owners = [p for p in c.children if p.dep_ in ("poss", "compound")]
            if owners and ok(owners[0], people):
                return owners[0]
        for t in clause.subtree:
            if t.pos_ in ("PROPN", "PRON", "NOUN") and (t.dep_ != "compound" or t.head.pos_ == "NOUN") and ok(
                    t, people):
                return t
        # No actor named: a judged work whose author the article gave ("said the new proposals lacked
        # compulsion" after "the government's proposals") is a judgement of its author, before the people.
        work = next((c for c in cands if "authored" in classify(c)), None) if not people else None
        if work is not None:
            return work
    return None
