"""Event structure from spaCy's dependency parse: triggers, their kind, and argument heads.

A *frame* is one trigger with the tokens that head its source and target
noun phrases. The patterns are general English syntax, not sentence fixes:

- active verb: subject -> source, object (or the lexicon's preposition) -> target
  ("Russia attacked Ukraine", "X met with Y");
- passive verb: ``agent`` ("by ...") -> source, passive subject -> target
  ("Kyiv was attacked by Russian forces"), also as a participle modifier
  ("sanctions imposed by the EU");
- light verb: a verb whose object names the event ("held talks",
  "imposed sanctions", "launched an attack"): the verb is the trigger and the
  target may hang on the object noun ("talks with Y");
- nominal: an event noun with a possessive or modifier source and a
  prepositional target ("Russia's invasion of Ukraine", "talks between X and Y");
- symmetric types (meet, agree, talks, war): conjoined subjects are each
  other's counterpart ("X and Y held talks").

Subjects are inherited through coordination ("signed ... and fled"), control
("agreed to hold talks": the subject of "agreed"; "urged X to leave": X) and
relative clauses ("Qatar, which mediated ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curation.events.lexicon import Cue, Lexicon, TriggerRule

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

    Classify = Callable[[Token], frozenset[str]]

SUBJ = ("nsubj", "nsubjpass", "csubj")
OBJ = ("dobj", "obj")
# Verbs whose object is the understood subject of their complement ("urged X to leave").
# "X has been in talks with Y", "X entered into negotiations": the subject is a party.
STATE_OF_EVENT = frozenset({"be", "remain", "engage", "enter", "join", "stay", "participate"})
# Verbs whose subject is not the doer of the event noun they govern ("X condemned the attack" is coded
# on "condemned"; "X suffered an attack", "X faced sanctions" are undergone).
NON_AGENTIVE = frozenset({"suffer", "face", "fear", "condemn", "welcome", "criticise", "criticize", "discuss",
                          "say", "report", "survive", "escape", "avoid", "oppose", "reject", "endure", "come",
                          "follow", "precede", "witness", "mark", "describe", "call", "refuse", "deny", "under",
                          "need", "expect", "back", "support", "consider", "review", "debate", "weigh", "delay",
                          "postpone", "respect", "honour", "honor", "violate", "breach", "dub", "praise", "hail",
                          "approve", "sign", "reach", "accept", "thank", "attend", "await", "tolerate", "prevent",
                          "stop", "resist", "repel", "repulse", "deter", "investigate", "probe", "blame", "protest",
                          "mourn", "remember", "commemorate", "denounce", "deplore", "predict", "warn"})
OBJECT_CONTROL = frozenset({"urge", "ask", "press", "call", "force", "tell", "allow", "invite", "order",
                            "encourage", "pressure", "push", "persuade", "help"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Texts an actor issues whose participle speaks for the issuer ("issued a statement recognising him").
ISSUED_TEXTS = frozenset({"statement", "declaration", "letter", "resolution", "communique", "communiqué", "decree",
                          "message", "report", "note", "order", "bill", "motion", "document", "appeal", "plan"})
# Types whose target may be the subject of the clause they govern.
CONTENT_TARGET = frozenset({"THREATEN", "REQUEST"})
# Operations whose owner is the attacker of those harmed "in" them.
OPERATIONS = frozenset({"campaign", "strike", "airstrike", "attack", "offensive", "bombardment", "raid", "assault",
                        "operation", "shelling", "bombing", "invasion"})
CLASHES = frozenset({"clash", "fighting", "battle", "skirmish", "confrontation", "scuffle", "exchange"})
# Types whose passive "from X" names the attacker ("Israel was attacked from Iranian territory").
FROM_SOURCE = frozenset({"ASSAULT", "MOBILIZE"})
# Participles that describe a state when they modify a noun without an agent ("armed with machetes").
STATE_PARTICIPLES = frozenset({"arm", "equip"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A trigger and the heads of its arguments."""

    trigger: Token
    rule: TriggerRule
    kind: str  # verb, passive, light, nominal
    sources: tuple[Token, ...]
    targets: tuple[Token, ...]
    cue_noun: Token | None = None  # the object of a light verb ("talks" in "held talks")

    @property
    def span(self) -> tuple[int, int]:
        """Character span of the trigger (light verbs include their object noun)."""
        toks = [self.trigger] + ([self.cue_noun] if self.cue_noun is not None else [])
        return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.lower_ == prep:
            # "on Thursday" is a date, not a target.
            out.extend(c for c in p.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME"))
        elif p.dep_ in ("prep", "prt") and p.lower_ in ("out", "off") and prep in ("of", "from"):
            # "pulled its troops out of Basra": the parser hangs "of" on "out".
            out.extend(_prep_objects(p, prep))
        elif p.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == prep for m in p.children):
            # "called for Chile to release them": the subject of the clause "for" introduces.
            out.extend(c for c in p.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


def is_passive(verb: Token) -> bool:
    """A passive clause ("was attacked") or a passive participle modifier ("sanctions imposed by")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not _children(verb, *OBJ) and not _main_verb_misparse(verb)


def _main_verb_misparse(verb: Token) -> bool:
    """"Zelensky, who attended, called on NATO ...": the parser makes the main verb a modifier of the
    sentence's only noun root; with a past-tense form right after a comma it is the main verb."""
    head = verb.head
    return (verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("PROPN", "NOUN")
            and verb.i > head.i and verb.i > 0 and verb.doc[verb.i - 1].text == ",")


_QUANTITY_HEADS = frozenset({"ton", "tonne", "barrel", "consignment", "shipment", "truckload", "planeload", "package",
                             "hour", "day", "week", "round", "series", "set", "minute", "wave", "number", "host",
                             "couple", "lot", "dozen", "batch", "ten", "hundred", "thousand", "million", "score",
                             "group", "crowd", "part", "parts", "section", "half", "swathe", "swath", "chunk"})


# Heads of a group of people whose modifier names what they are ("peacekeeping force", "aid workers").
_COLLECTIVE_HEADS = frozenset({"force", "troop", "mission", "contingent", "unit", "personnel", "team", "staff",
                               "worker", "soldier", "operation"})


def _direct_object(verb: Token) -> Token | None:
    objs = _children(verb, *OBJ)
    if objs and objs[0].lower_ in _RELATIVE and verb.dep_ == "relcl":
        objs = [verb.head]  # "talks which Norway had held": the relative's antecedent is the object
    if objs:
        obj = objs[0]
        if obj.lemma_.lower() in _QUANTITY_HEADS:
            # "held two hours of talks", "a new round of sanctions": the noun after "of" names the event.
            inner = _prep_objects(obj, "of")
            if inner:
                return inner[0]
        return obj
    # "sanctions imposed by the EU": the modified noun is the participle's object.
    if is_passive(verb) and verb.dep_ == "acl":
        return verb.head
    return None


def _object_infinitives(verb: Token) -> list[Token]:
    """"telling councils to find sites": the parser often hangs the infinitive of object control on the object
    (``acl``) instead of the verb (``xcomp``); it is the verb's complement all the same."""
    return [c for o in _children(verb, "dobj") for c in o.children
            if c.dep_ == "acl" and c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _cue_holds(verb: Token, cue: Cue) -> bool:
    if cue.dep == "dobj":
        obj = _direct_object(verb)
        toks = [obj] if obj is not None else []
        if obj is not None and obj.lemma_.lower() in _COLLECTIVE_HEADS:
            # "withdrew its peacekeeping force", "the observer mission": the modifier says who they are.
            toks += [c for c in obj.children if c.dep_ in ("compound", "amod")]
        # "gave diplomats 72 hours": the second object of a ditransitive is often an adverbial noun.
        toks += _children(verb, "npadvmod")
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            pass
        elif is_passive(verb):
            # "sanctions were imposed": the passive subject is the underlying object.
            toks += _children(verb, "nsubjpass")
    elif cue.dep == "prep":
        # "called his counterpart on Monday": a preposition whose object is a date is not a cue.
        toks = [p for p in _children(verb, "prep", "agent", "dative")
                if not any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in p.children)]
        # "called for Chile to act": the parser makes "for" the marker of a clause, not a preposition.
        toks += [m for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                 for m in c.children if m.dep_ == "mark"]
    elif cue.dep == "prt":
        toks = _children(verb, "prt", "advmod")  # "pull back" is often parsed as an adverb
        # "backed out of the deal", "pulled out of Iraq": the parser may read the particle as a preposition
        # with a second preposition under it.
        toks += [p for p in _children(verb, "prep") if not any(c.dep_ == "pobj" for c in p.children)]
    elif cue.dep == "subj":
        toks = _children(verb, *SUBJ) or _fronted_subject(verb)
        if verb.dep_ == "relcl" and any(t.lower_ in _RELATIVE for t in toks):
            toks = [_coordination_root(verb.head)]  # "protesters who stormed": the relative's antecedent
        # "tens of thousands of protesters stormed": the noun after the quantity.
        for t in list(toks):
            while t.lemma_.lower() in _QUANTITY_HEADS or t.like_num:
                inner = _prep_objects(t, "of")
                if not inner:
                    break
                t = inner[0]
                toks.append(t)
    elif cue.dep == "xcomp":
        toks = _children(verb, "xcomp") + _object_infinitives(verb)
        # "have sworn to fight until ...": the parser often reads the infinitive complement as an adverbial
        # clause; an infinitive right after the verb with no subject of its own is its complement.
        toks += [c for c in _children(verb, "advcl") if c.tag_ == "VB" and c.i > verb.i and any(
            a.dep_ == "aux" and a.lower_ == "to" and a.i == c.i - 1 for a in c.children) and not any(
            a.dep_ in ("nsubj", "nsubjpass", "mark") for a in c.children) and c.left_edge.i == verb.i + 1]
    elif cue.dep == "mod":  # "hunger strike", "air strike", "diplomatic ties"
        toks = _children(verb, "compound", "amod", "nmod")
    elif cue.dep == "pobj":  # "took part in talks": the object of the given preposition
        toks = _prep_objects(verb, cue.prep)
    elif cue.dep == "content":  # "warned that further sanctions could follow": a word of the complement clause
        toks = [t for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree]
    elif cue.dep == "head":  # "the ban on", "in protest at": the word the trigger hangs on
        toks = [verb.head] if verb.head.i != verb.i else []
        if verb.dep_ == "pobj" and verb.head.head.i != verb.head.i:
            toks.append(verb.head.head)
    else:  # obj_any: any child with one of the listed dependency labels
        toks = [c for c in verb.children if c.dep_ in cue.lemmas]
        return bool(toks) != cue.negate
    if cue.dep in ("prep", "prt"):
        hit = any(not cue.lemmas or t.lower_ in cue.lemmas for t in toks)
    else:
        hit = any(not cue.lemmas or t.lemma_.lower() in cue.lemmas or t.lower_ in cue.lemmas for t in toks)
    return hit != cue.negate


def argument_heads(tok: Token, pos: str) -> dict[str, Token | None]:
    """The heads of the trigger's subject and object, as the lexicon's argument constraints read them."""
    if pos == "NOUN":
        subj = next(iter(_children(tok, "poss")), None) or next(
            (c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN"), None)
        obj = next((o for p in ("of", "on", "against") for o in _prep_objects(tok, p)), None)
        return {"subj": subj, "obj": obj}
    if is_passive(tok):
        agents = _prep_objects(tok, "by")
        objs = [tok.head] if tok.dep_ == "acl" else _children(tok, "nsubjpass")
        return {"subj": agents[0] if agents else None, "obj": objs[0] if objs else None}
    subs = subjects(tok)
    return {"subj": subs[0] if subs else None, "obj": _direct_object(tok)}


def _args_hold(tok: Token, rule: TriggerRule, classify: Classify | None) -> bool:
    if not rule.args:
        return True
    if classify is None:
        return False  # the constraints cannot be checked: the rule does not apply
    heads = argument_heads(tok, rule.pos)
    for arg in rule.args:
        head = heads.get(arg.role)
        classes = classify(head) if head is not None else frozenset({"none"})
        if bool(classes & arg.classes) == arg.negate:
            return False
    return True


def match_rule(tok: Token, lexicon: Lexicon, classify: Classify | None = None) -> TriggerRule | None:
    """The first lexicon rule whose lemma, part of speech, cues and argument constraints fit ``tok``."""
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
        pos = "VERB"
    elif tok.pos_ in ("NOUN", "PROPN"):
        pos = "NOUN"
    else:
        return None
    for rule in lexicon.candidates(tok.lemma_, pos):
        if all(_cue_holds(tok, c) for c in rule.cues) and _args_hold(tok, rule, classify):
            return rule
    return None


def _fronted_subject(verb: Token) -> list[Token]:
    """"after thousands of supporters stormed ...": the parser takes the conjunction for a preposition and
    the clause's subject for its object."""
    for p in verb.children:
        if p.dep_ == "prep" and p.i < verb.i and p.lower_ in ("after", "before", "since", "until", "as", "when"):
            objs = [c for c in p.children if c.dep_ == "pobj"]
            if objs:
                return objs[:1]
    return []


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Heads of the verb's subject, inherited through coordination, control and relative clauses."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if not own and depth > 0:
        # Inherited through coordination: "it had been forced to respond and accused X" - the passive
        # subject of the first verb is the subject of the second.
        own = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if own and own[0].tag_ in ("VBG", "VBN") and own[0].dep_ == "nsubj":
        # "The Red Cross operating in Iraq said": the parser makes the participle the subject; its own subject
        # is the noun it describes.
        inner = [c for c in own[0].children if c.dep_ in ("nsubj", "nsubjpass")]
        if inner:
            own = inner
    if own:
        if own[0].lower_ in _RELATIVE and verb.dep_ == "relcl":
            return [_coordination_root(verb.head)]
        if own[0].lower_ in _REPORTED_PRONOUNS and verb.dep_ in ("ccomp", "conj", "xcomp"):
            # "Mexico and Bolivia said they still recognised X": the pronoun is the reporter.
            rep = _reporting_head(verb)
            if rep is not None and not any(c.dep_ == "nsubjpass" for c in rep.children):
                # (not "the conference was told he would help": the hearer is not who "he" is)
                return subjects(rep, depth + 1) or own
        return own
    if depth > 4:
        return []
    fronted = _fronted_subject(verb)
    if fronted:
        return fronted
    if verb.dep_ == "relcl":
        return [_coordination_root(verb.head)]
    if verb.dep_ == "xcomp" or (verb.dep_ in ("advcl", "ccomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        head = verb.head
        objs = _children(head, *OBJ)
        if head.lemma_.lower() in OBJECT_CONTROL and objs:
            return objs[:1]
        if head.pos_ in ("NOUN", "PROPN"):  # "Trump's decision to engage with Putin"
            poss = _children(head, "poss")
            if poss:
                return poss
            return subjects(head.head, depth + 1) if head.dep_ in OBJ else []
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") and head.head.pos_ in ("VERB", "AUX"):
            return subjects(head.head, depth + 1)  # "France is ready to contribute troops": France
        return subjects(head, depth + 1) if head.pos_ in ("VERB", "AUX") else []
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children):
        # "..., he said, urging voters to act": a participle adjunct of a reporting verb takes its subject (a
        # protest "calling for independence" states the protest's aim and is not coded apart). "The record is
        # poor, she said, urging ...": the parser hangs both on the quoted clause.
        reporter = verb.head if verb.head.lemma_.lower() in REPORTING_VERBS else next(
            (c for c in verb.head.children if c.dep_ == "parataxis" and c.lemma_.lower() in REPORTING_VERBS
             and c.i < verb.i), None)
        if reporter is not None:
            return subjects(reporter, depth + 1)
    if _main_verb_misparse(verb):
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and _children(verb, *OBJ) and verb.head.dep_ in OBJ:
        # "X condemned the coup, suspended Mali ...": a coordinated verb misparsed as a modifier of the object.
        return subjects(verb.head.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        # "issued a statement recognising him": the issuer; "a strike killing ...": the noun is the agent.
        if verb.head.dep_ in OBJ and verb.head.head.pos_ in ("VERB", "AUX") and (
                verb.head.lemma_.lower() in ISSUED_TEXTS):
            return subjects(verb.head.head, depth + 1)
        return [verb.head]  # "dispersed demonstrators protesting ...": the demonstrators protest
    return []


def matrix_subjects(verb: Token) -> list[Token]:
    """"Japan said five of them landed ... and lodged a protest": the parser coordinates the second verb with
    the reported clause; when the subject it inherits there names no actor, a verb in the reporting verb's
    tense without its own subject or auxiliary is coordinated with the reporting verb."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or head.head.pos_ not in ("VERB", "AUX"):
        return []
    if _children(verb, *SUBJ, "aux", "auxpass") or verb.tag_ != head.head.tag_ or verb.tag_ not in ("VBD", "VBZ"):
        return []
    return subjects(head.head)


_REPORTED_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
REPORTING_VERBS = frozenset({"say", "announce", "state", "tell", "claim", "insist", "add", "confirm", "declare"})


def _coordination_root(tok: Token) -> Token:
    """The first conjunct of the coordination ``tok`` belongs to ("Xi and Putin, who met": Xi)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _reporting_head(verb: Token) -> Token | None:
    cur = verb
    for _ in range(3):
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in REPORTING_VERBS:
            return cur.head
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Armenia and Azerbaijan")."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _targets(tok: Token, rule: TriggerRule, cue_noun: Token | None, passive: bool) -> list[Token]:
    # The event noun first: "imposed sanctions on X" (the verb may carry other "on" phrases).
    hosts = ([cue_noun] if cue_noun is not None else []) + [tok]
    for where in rule.targets:
        for host in hosts:
            if where == "dobj.of":
                obj = _direct_object(host)
                inner = _prep_objects(obj, "of") if obj is not None else []
                if inner:
                    return inner[:1]
                continue
            if where == "dobj":
                if passive or (cue_noun is not None and host.i == cue_noun.i):
                    continue
                obj = _direct_object(host)
                if obj is not None and (cue_noun is None or obj.i != cue_noun.i) and obj.i != tok.head.i:
                    return [obj]
                preds = _children(host, "oprd")
                if obj is None and len(preds) > 1 and preds[0].pos_ == "PROPN":
                    return preds[:1]  # "called Labour 'a machine for talking'": the parser makes both predicates
            elif where == "dative":
                dat = [c for c in host.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
                if dat:
                    return dat[:1]
                # "offered Ukraine a path": spaCy often parses the first of two objects as dative or dobj.
            else:
                objs = _prep_objects(host, where)
                if objs:
                    return objs[:1]
    # "discussed the election campaign with Mr Blair": the parser hangs the counterpart on the object.
    if "with" in rule.targets and tok.pos_ == "VERB":
        obj = _direct_object(tok)
        if obj is not None and (cue_noun is None or obj.i != cue_noun.i):
            objs = _prep_objects(obj, "with")
            if objs:
                return objs[:1]
    # "retaliated with duties on American goods": the target hangs on the instrument noun.
    for inst in _prep_objects(tok, "with"):
        # "duties of the same size on American goods": the parser may hang the target on the "of" noun.
        for host in [inst, *_prep_objects(inst, "of")]:
            for where in rule.targets:
                if where not in ("dobj", "dative", "dobj.of", "with"):
                    objs = _prep_objects(host, where)
                    if objs:
                        return objs[:1]
    return []


def _verb_frame(tok: Token, rule: TriggerRule) -> Frame:
    passive = is_passive(tok)
    cue_lemmas = {lem for cue in rule.cues if cue.dep == "dobj" for lem in cue.lemmas}
    objects = [o for o in [_direct_object(tok)] if o is not None]
    if passive and tok.dep_ != "acl":
        objects += _children(tok, "nsubjpass")
    cue_noun = next((o for o in objects if o.lemma_.lower() in cue_lemmas), None)
    if cue_noun is not None and cue_noun.lower_ == "part":
        # "took part in a debate with X": the event noun is the object of "in", and its counterpart hangs on it
        cue_noun = next((n for cue in rule.cues if cue.dep == "pobj" and not cue.negate
                         for n in _prep_objects(tok, cue.prep) if n.lemma_.lower() in cue.lemmas), cue_noun)
    if passive:
        srcs = _prep_objects(tok, "by") or (_prep_objects(tok, "from") if rule.event_type in FROM_SOURCE else [])
        if not srcs and rule.event_type in FROM_SOURCE:
            # "killed in Israel's military campaign": the attacker owns the operation the victims died in.
            srcs = [o for o in _prep_objects(tok, "in") if o.lemma_.lower() in OPERATIONS
                    and any(c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.pos_ == "PROPN")
                            for c in o.children)][:1]
        if not srcs:
            # "could be electronically tagged under plans being considered by ministers": who made the plans
            # or law the act is done under does it.
            srcs = [o for w in _prep_objects(tok, "under") if w.lemma_.lower() in WORKS
                    for o in [work_owner(w)] if o is not None][:1]
        if not srcs and rule.event_type in FROM_SOURCE:
            # "injured in clashes with Serb protesters": the other side of the clash.
            srcs = [w for o in _prep_objects(tok, "in") if o.lemma_.lower() in CLASHES
                    for w in _prep_objects(o, "with")][:1]
        if cue_noun is not None:
            # "sanctions were imposed on X": the passive subject names the event; the target hangs on a preposition.
            tgts = _targets(tok, rule, cue_noun, passive=True)
        elif tok.dep_ == "acl":
            tgts = [tok.head]
        else:
            tgts = _children(tok, "nsubjpass")
        kind = "passive"
    else:
        srcs = subjects(tok)
        tgts = _targets(tok, rule, cue_noun, passive=False)
        kind = "light" if cue_noun is not None else "verb"
        obj = _direct_object(tok)
        if obj is not None and tgts and tgts[0].i == obj.i:
            # "thanked Qatar's emir, Sheikh Tamim, and President Sisi": the parser coordinates the later
            # names with the verb; a name is no verb, it is coordinated with the object.
            tgts += [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > obj.i]
    if rule.event_type in CONTENT_TARGET and (not tgts or tgts[0].pos_ == "NOUN"):
        # "warned of a response if Israel retaliated", "demand that Russia withdraw": the actor the threat
        # or demand is about is the subject of its conditional or that-clause.
        for c in tok.subtree:
            if c.i == tok.i or c.pos_ not in ("VERB", "AUX"):
                continue
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            conditional = c.dep_ == "advcl" and bool(marks & {"if", "unless"})
            # the content of a demand follows it ("demanded that Russia withdraw"); a clause before the verb is
            # something else ("X and Y want ... - the Commission urged ...")
            if conditional or (c.dep_ == "ccomp" and c.head.i == tok.i and c.i > tok.i):
                subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                # An actor ("if Moscow continued", "wants other G8 nations to match"), not what is threatened
                # ("that sanctions could follow"): the resolution of the subject to an actor decides.
                if subj and subj[0].pos_ in ("PROPN", "NOUN"):
                    tgts = subj[:1]
                    break
    if not tgts:
        # PP-attachment repair: a proper-noun source does not take "on X"/"against X" itself
        # ("sanctions imposed by Kenya on Uganda": the parser hangs "on Uganda" on "Kenya").
        for src in srcs:
            if src.pos_ == "PROPN":
                for where in rule.targets:
                    if where not in ("dobj", "dative", "dobj.of"):
                        objs = _prep_objects(src, where)
                        if objs:
                            tgts = objs[:1]
                            break
    return Frame(trigger=tok, rule=rule, kind=kind, sources=tuple(srcs), targets=tuple(tgts), cue_noun=cue_noun)


_TIME_ENTS = frozenset({"DATE", "TIME"})


def _takes_part(verb: Token) -> bool:
    """"took part in talks", "take part in the summit": the subject is a party to the event noun."""
    return verb.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


# Works an actor puts out, by family: a later "the proposals" or "the new plans" is the plans some actor was said to
# make before, and a judgement of them is a judgement of their author ("the Treasury dismissed the research" after "a
# report published by the IFS"; "the proposals lacked compulsion" after "the government's proposals").
WORKS = {**dict.fromkeys(("proposal", "plan", "bill", "measure", "legislation", "scheme", "reform", "policy",
                          "strategy", "package", "initiative", "manifesto"), "policy"),
         **dict.fromkeys(("report", "research", "study", "figure", "finding", "survey", "analysis", "statistic",
                          "review", "paper"), "findings")}
# Verbs whose subject (or, in the passive, agent) is the author of their object: "the IFS published a report".
AUTHORING = frozenset({"publish", "unveil", "announce", "propose", "outline", "introduce", "produce", "launch",
                       "table", "release", "issue", "draft", "consider", "commission", "set", "draw", "put", "bring",
                       "present", "detail", "reveal", "carry"})


def work_owner(w: Token) -> Token | None:
    """The phrase a work noun says is its author: "the government's proposals", "a report by the IFS",
    "plans being considered by ministers", "the IFS published a report", "a report was published by the IFS"."""
    for c in w.children:
        if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return next((o for o in c.children if o.dep_ == "pobj"), None)
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    return next((o for o in a.children if o.dep_ == "pobj"), None)
    verb = w.head
    if verb.pos_ == "VERB" and verb.lemma_.lower() in AUTHORING:
        if w.dep_ == "dobj":
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if w.dep_ == "nsubjpass":
            return next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"),
                        None)
    return None


# Verbs whose subject receives the speech act their object names: "the proposals met with disapproval from
# fathers' groups", "the plan drew criticism from MPs" (the one criticised is the subject; the critic hangs on "from").
RECEIVING = frozenset({"meet", "draw", "face", "attract", "receive", "earn", "win", "provoke", "prompt", "spark"})
RECEIVED_ACTS = frozenset({"ACCUSE", "SUPPORT"})


def _received(tok: Token) -> tuple[tuple[Token, ...], tuple[Token, ...]] | None:
    """(sources, targets) of a criticism or praise noun a subject receives ("X met with disapproval from Y":
    Y -> X); no actors when nobody is said to give it (the subject does not criticise itself)."""
    gov = tok.head if tok.dep_ in OBJ else (
        tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "with" else None)
    if gov is None or gov.pos_ != "VERB" or gov.lemma_.lower() not in RECEIVING:
        return None
    givers = _prep_objects(tok, "from") or _prep_objects(gov, "from")
    return (tuple(givers[:1]), tuple(subjects(gov)[:1])) if givers else ((), ())


def _noun_frame(tok: Token, rule: TriggerRule) -> Frame:
    if rule.event_type in RECEIVED_ACTS:
        received = _received(tok)
        if received is not None:
            return Frame(trigger=tok, rule=rule, kind="nominal", sources=received[0], targets=received[1])
    # "last Friday's bombing", "Monday's talks": a possessive date says when, not who.
    srcs = [c for c in _children(tok, "poss") if c.ent_type_ not in _TIME_ENTS]
    if not srcs:
        # "a US drone strike", "Israeli counterstrike": a name or demonym modifying the event noun.
        srcs = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and (
            c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or c.pos_ == "PROPN" or any(
                g.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or g.pos_ == "PROPN" for g in c.children))]
    srcs = srcs or _prep_objects(tok, "by")
    if not srcs:
        # "China announced sanctions on X", "Colombo has been in talks with the IMF": the subject of the
        # verb the event noun is the object of (or hangs on through a preposition) does the event.
        gov = tok.head if tok.dep_ in OBJ else (
            tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into") and (
                tok.head.head.lemma_.lower() in STATE_OF_EVENT or _takes_part(tok.head.head)) else None)
        if gov is not None and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() not in NON_AGENTIVE:
            srcs = subjects(gov)
    if not srcs and "of" not in rule.targets:
        # "the withdrawal of Ugandan forces", "a protest of farmers": when the lexicon does not find the target
        # in "of", the "of" phrase is the doer of the event the noun names.
        srcs = _prep_objects(tok, "of")
    between = _prep_objects(tok, "between")
    if between:
        both = conjuncts(between[0])
        if len(both) >= 2:
            return Frame(trigger=tok, rule=rule, kind="nominal", sources=(both[0],), targets=tuple(both[1:]))
        # "talks between Ukrainian and Russian delegations": one head; its coordinated modifiers are the parties.
        return Frame(trigger=tok, rule=rule, kind="nominal", sources=tuple(srcs or both), targets=())
    tgts = []
    for where in rule.targets:
        objs = _prep_objects(tok, where)
        if objs:
            tgts = objs[:1]
            break
    if rule.symmetric and len(srcs) == 1 and not tgts:
        # "the US-North Korea summit", "US-China talks": the name before the hyphen is the other party.
        hyphen = next((c for c in srcs[0].children if c.dep_ == "punct" and c.text in ("-", "–")), None)
        first = [c for c in srcs[0].children if hyphen is not None and c.i < hyphen.i
                 and c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"]
        if first:
            return Frame(trigger=tok, rule=rule, kind="nominal", sources=(first[0],), targets=(srcs[0],))
    return Frame(trigger=tok, rule=rule, kind="nominal", sources=tuple(srcs), targets=tuple(tgts))


# Participles and adjectives that, after "the", name the people they describe ("evacuated the wounded").
_SUBSTANTIVE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos"})


def substantive(tok: Token) -> bool:
    """Whether a participle or adjective heads a noun phrase of people ("the wounded", "the dead", "the
    displaced"): "the" before it, a noun's place in the clause, and no object or agent of its own."""
    return tok.tag_ in ("VBN", "JJ", "VBD") and tok.dep_ in _SUBSTANTIVE_DEPS and any(
        c.dep_ == "det" and c.lower_ == "the" and c.i < tok.i for c in tok.children) and not any(
        c.dep_ in ("dobj", "agent", "attr", "acomp") for c in tok.children)


def frames(sent: Span, lexicon: Lexicon, classify: Classify | None = None) -> Iterator[Frame]:
    """Every trigger in ``sent`` with its argument heads, in text order."""
    consumed: set[int] = set()
    found: list[Frame] = []
    for tok in sent:
        if tok.is_space or tok.i in consumed:
            continue
        rule = match_rule(tok, lexicon, classify)
        if rule is None:
            continue
        if rule.pos == "VERB":
            if substantive(tok):
                continue  # "evacuated the wounded": the people, not a wounding
            if rule.event_type == "CONSULT" and rule.lemma == "meet" and is_passive(tok):
                continue  # "would be met with a massive response": to be met with is to receive, not to meet
            if tok.lemma_.lower() in STATE_PARTICIPLES and tok.dep_ in ("acl", "amod") and not any(
                    c.dep_ == "agent" for c in tok.children):
                continue  # "militiamen armed with machetes": how they were equipped, not an act of arming them
            fr = _verb_frame(tok, rule)
            if fr.cue_noun is not None:
                consumed.add(fr.cue_noun.i)
        else:
            fr = _noun_frame(tok, rule)
        found.append(fr)
    verbs = {fr.trigger.i: fr.rule.event_type for fr in found if fr.kind != "nominal"}
    for fr in found:
        # A light verb's object names the same event: do not code it twice; nor an event noun that is the
        # subject of a verb of the same type ("the strike killed X" is one assault, coded on "killed").
        if fr.kind == "nominal" and (fr.trigger.i in consumed or (
                fr.trigger.dep_ in ("nsubj", "nsubjpass") and verbs.get(fr.trigger.head.i) == fr.rule.event_type)):
            continue
        yield fr
