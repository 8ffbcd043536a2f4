"""Factuality: did the event happen (polarity) and how sure is the text (modality)?

Modality is read from the trigger up through the clauses that govern it, the
nearest cue winning, in the spirit of FactBank and TimeML's modality:

- ``conditional``: the clause is under "if"/"unless", or opens with an inverted
  "should"/"were"/"had" ("Should Ukraine be pressured ...");
- ``future``: will/shall, "plans/intends/is expected/is due/is set/is to",
  or "would" inside reported speech ("said they would meet");
- ``possible``: could/may/might/should/must, bare "would", hedging heads
  ("suggests", "appears to", "fears that"), "possible/potential" on a noun;
- ``reported``: a claim a source makes ("X said Y attacked Z", "according to");
- ``actual`` otherwise.

Polarity is ``negated`` when the trigger, its auxiliary chain or a governing
"fail/refuse to" carries a negation ("did not meet", "never signed", "no talks").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

POSSIBLE_AUX = frozenset({"could", "may", "might", "should", "must", "can", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
REPORTING = frozenset({"say", "claim", "report", "allege", "tell", "state", "announce", "insist", "add",
                       "indicate", "confirm", "assert", "write", "argue", "testify", "acknowledge", "quote"})
# Verbs that report speech with a warning's force ("..., a committee of MPs has warned"): a report as such.
WARNING = frozenset({"warn", "caution", "stress", "reply", "respond"})
HEDGING = frozenset({"suggest", "appear", "seem", "speculate", "fear", "worry", "risk", "consider", "hope",
                     "want", "wish", "try", "seek", "doubt", "believe", "think", "predict", "could", "wonder",
                     "threaten", "warn", "propose", "recommend", "caution"})
FUTURE_HEADS = frozenset({"willing", "ready", "prepared", "committed", "determined", "eager", "keen", "poised",
                          "plan", "intend", "expect", "aim", "schedule", "set", "due", "go", "prepare", "vow", "swear",
                          "pledge", "promise", "agree", "decide", "resolve", "mean", "poise", "begin", "start"})
NEGATING_HEADS = frozenset({"fail", "refuse", "decline", "refrain", "avoid", "stop", "cease"})
POSSIBLE_NOUN_HEADS = frozenset({"intention", "attempt", "effort", "readiness",
                                 "possibility", "prospect", "risk", "threat", "fear", "chance", "likelihood",
                                 "speculation", "hope", "danger", "plan", "proposal", "idea", "reluctance",
                                 "willingness", "objective", "goal", "aim", "bid", "call", "demand", "need"})
POSSIBLE_MODIFIERS = frozenset({"possible", "potential", "likely", "prospective", "future", "proposed",
                                "hypothetical", "eventual", "planned", "expected", "would-be"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "provided", "lest"})
_CLAUSE_LINKS = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj")


def _negated_here(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det")):
            return True
    return tok.dep_ == "pcomp" and tok.head.lower_ == "without"


def polarity(trigger: Token, light_noun: Token | None = None) -> str:
    """``negated`` or ``asserted``."""
    if _negated_here(trigger) or (light_noun is not None and _negated_here(light_noun)):
        return "negated"
    tok = trigger
    # Through control verbs: "did not manage to broker", "failed to agree", "refused to meet".
    while tok.dep_ == "xcomp" and tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in NEGATING_HEADS:
            return "asserted" if _negated_here(tok) else "negated"
        if _negated_here(tok):
            return "negated"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.lemma_.lower() in NEGATING_HEADS:
        return "negated"
    return "asserted"


_AHEAD_WORDS = frozenset({"tomorrow", "tonight"})
_AHEAD_MODS = frozenset({"next", "coming", "later"})


def _ahead(tok: Token) -> bool:
    """A temporal modifier of the verb that points forward: "next week", "tomorrow", "later this month",
    "in the coming days"."""
    for c in tok.children:
        mods = [c] if c.dep_ in ("npadvmod", "advmod", "tmod") else [
            o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in ("in", "on", "at") else []
        for m in mods:
            if m.lower_ in _AHEAD_WORDS or (m.lower_ == "later" and m.dep_ == "advmod") or any(
                    x.lower_ in _AHEAD_MODS for x in m.children if x.dep_ in ("amod", "det", "advmod")):
                return True
    return False


def _clause_modality(tok: Token, reported_context: bool, modal_only: bool = False) -> str | None:
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    if marks & _CONDITIONAL_MARKS:
        return "conditional"
    # "Should Ukraine be pressured ...": an inverted auxiliary before the subject opens a condition.
    for a in auxes:
        if a.lower_ in ("should", "were", "had") and a.i == tok.sent.start and tok.dep_ in ("advcl", "ROOT"):
            return "conditional"
    if words & FUTURE_AUX:
        return "future"
    if tok.tag_ in ("VBG", "VBZ", "VBP") and not words & {"has", "have", "had", "was", "were"} and _ahead(tok):
        return "future"  # "the chancellor is travelling to America next week": a present that lies ahead
    if words & POSSIBLE_AUX:
        return "possible"
    if "would" in words:
        return "future" if reported_context else "possible"
    if modal_only:
        return None
    if tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in POSSIBLE_NOUN_HEADS and tok.head.pos_ == "NOUN":
        return "possible"  # "reluctance to endorse", "plan to meet"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in FUTURE_HEADS:
        return "future"
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in HEDGING:
        return "possible"
    return None


PLANNING = frozenset({"plot", "plan", "prepare", "consider", "threaten", "propose", "seek", "demand", "urge",
                      "weigh", "discuss", "debate", "rule", "contemplate", "mull", "fear", "risk", "avoid", "prevent",
                      "deter", "rehearse", "simulate"})


def _governor(tok: Token) -> Token:
    """The verb an object (or a prepositional object) depends on."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head


def _negated_report(tok: Token) -> bool:
    """"X has not confirmed (that) it carried out ...": the content of a denied or unconfirmed report."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
            return False
        head = cur.head
        if head.lemma_.lower() in REPORTING | {"confirm", "deny", "acknowledge"}:
            return _negated_here(head) or head.lemma_.lower() == "deny"
        cur = head
    return False


def _under_reporting(tok: Token) -> bool:
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _CLAUSE_LINKS or cur.head.i == cur.i:
            return False
        head = cur.head
        if head.lemma_.lower() in REPORTING and cur.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
            return cur.dep_ != "conj"
        cur = head
    return False


def _according_to(tok: Token) -> bool:
    """An "according to X" phrase on the event's own clause (or the clause it is coordinated with)."""
    cur = tok
    for _ in range(4):
        if any(c.lower_ == "according" for c in cur.children):
            return True
        if cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i:
            break
        cur = cur.head
    # The parser often hangs a sentence-final "according to X" on the root.
    root = tok.sent.root
    return tok.head.i == root.i and tok.dep_ in ("ccomp",) and any(c.lower_ == "according" for c in root.children)


def _self_report(tok: Token) -> bool:
    """"X said it/he would ...": the speaker reports its own act, which is not a second-hand claim."""
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and subj[0].lower_ in ("he", "she", "it", "they", "we", "i")


def modality(trigger: Token, *, in_analysis: bool = False) -> str:
    """``actual``, ``possible``, ``future``, ``conditional`` or ``reported`` for the event at ``trigger``."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        if any(c.lemma_.lower() in POSSIBLE_MODIFIERS for c in trigger.children if c.dep_ in ("amod", "compound")):
            return "possible"
        head = trigger.head
        if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in POSSIBLE_NOUN_HEADS:
            return "possible"
        if any(a.lower_ == "without" for a in list(trigger.ancestors)[:6]):
            return "possible"  # "without demanding concessions such as a withdrawal": it did not happen
        if trigger.dep_ in ("dobj", "pobj") and _governor(trigger).lemma_.lower() in PLANNING:
            return "possible"  # "plotting attacks", "preparing an offensive", "considering sanctions"
        if trigger.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
            # An event noun in a prepositional or modifier phrase is presupposed: "since Russia's invasion".
            return "actual"
        if trigger.dep_ in ("nsubj", "nsubjpass"):
            # The subject of "X suggests/appears ..." is presupposed; only a modal on its verb hedges it.
            return _clause_modality(head, _under_reporting(head), modal_only=True) or (
                "reported" if _under_reporting(head) or _according_to(head) else "actual")
        trigger = head
    if _negated_report(trigger):
        return "possible"
    reported = _under_reporting(trigger)
    tok = trigger
    for _ in range(8):
        got = _clause_modality(tok, reported)
        if got is not None:
            return got
        if tok.dep_ not in _CLAUSE_LINKS or tok.head.i == tok.i:
            break
        head = tok.head
        if head.lemma_.lower() in REPORTING and tok.dep_ in ("ccomp", "advcl"):
            break  # the report itself is actual; its modality does not leak into the content
        if tok.lemma_.lower() in REPORTING | WARNING and trailing_report(tok):
            break  # "NI will be raised, Howard has claimed": the parser hangs the report on its content
        if tok.dep_ == "conj":
            tok = head
            continue
        if tok.dep_ == "advcl" and (tok.tag_ == "VBD" or any(c.lemma_ == "have" and c.tag_ == "VBD"
                                                             for c in tok.children)):
            break  # "will resign after protesters stormed ...": a past adverbial clause keeps its own tense
        tok = head
    if (reported and not _self_report(trigger)) or _according_to(trigger):
        return "reported"
    if in_analysis and _present_tense(trigger):
        # In an analysis piece a present-tense event is the writer's reading of a situation, not a report.
        return "possible"
    return "actual"


def trailing_report(verb: Token) -> bool:
    """Whether ``verb``, after the clause it reports, is hung by the parser on that clause: as its complement
    ("NI will be raised if Labour wins, Michael Howard has claimed") or coordinated with it after a comma
    ("Anglers could be prosecuted, a committee of MPs has warned"). Its head is then what it reports."""
    head = verb.head
    if head.i >= verb.i or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if verb.dep_ in ("ccomp", "parataxis"):
        return True
    first = verb.left_edge.i
    return verb.dep_ == "conj" and first > 0 and verb.doc[first - 1].text == "," and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "cc") for c in verb.children) and (
        verb.right_edge.i >= head.right_edge.i - 1)


def _present_tense(tok: Token) -> bool:
    """Whether the finite verb that governs ``tok`` is in the simple present (infinitives take their head's)."""
    cur = tok
    for _ in range(5):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lemma_ == "have" or a.tag_ == "VBD" for a in auxes):
            return False
        finite = [a for a in auxes if a.tag_ in ("VBZ", "VBP", "VBD", "MD")]
        if finite:
            return finite[0].tag_ in ("VBZ", "VBP")
        if cur.tag_ in ("VBZ", "VBP"):
            return True
        if cur.tag_ == "VBD":
            return False
        if cur.dep_ not in ("xcomp", "acl", "ccomp", "advcl", "pcomp", "pobj", "prep", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False
