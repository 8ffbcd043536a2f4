"""One-line summaries of event clusters: "Russia's military attacked Ukraine".

Each PLOVER category has a verb phrase in its base and past forms, with and
without a target, and a noun phrase for events with no source ("Sanctions on
Iran": the act, never a made-up agent). Factuality is part of the sentence, never dropped: "may
attack", "will attack", "reportedly attacked", "did not attack", so that a
summary copied out of the timeline keeps the hedge it was reported with.
"""

from __future__ import annotations

from typing import NamedTuple


class Verb(NamedTuple):
    """Verb phrases of one event category; ``{t}`` stands for the target."""

    base: str  # "attack {t}"
    past: str  # "attacked {t}"
    base_alone: str  # without a target: "carry out an attack"
    past_alone: str


VERBS: dict[str, Verb] = {
    "AGREE": Verb("reach an agreement with {t}", "reached an agreement with {t}", "reach an agreement",
                  "reached an agreement"),
    "CONSULT": Verb("hold talks with {t}", "held talks with {t}", "hold talks", "held talks"),
    "SUPPORT": Verb("express support for {t}", "expressed support for {t}", "express support", "expressed support"),
    "CONCEDE": Verb("make concessions to {t}", "made concessions to {t}", "make concessions", "made concessions"),
    "COOPERATE": Verb("cooperate with {t}", "cooperated with {t}", "cooperate", "cooperated"),
    "AID": Verb("give aid to {t}", "gave aid to {t}", "give aid", "gave aid"),
    "RETREAT": Verb("withdraw from {t}", "withdrew from {t}", "withdraw", "withdrew"),
    "REQUEST": Verb("appeal to {t}", "appealed to {t}", "make an appeal", "made an appeal"),
    "ACCUSE": Verb("accuse {t}", "accused {t}", "make accusations", "made accusations"),
    "REJECT": Verb("rebuff {t}", "rebuffed {t}", "reject a proposal", "rejected a proposal"),
    "THREATEN": Verb("threaten {t}", "threatened {t}", "issue a threat", "issued a threat"),
    "PROTEST": Verb("protest against {t}", "protested against {t}", "protest", "protested"),
    "SANCTION": Verb("sanction {t}", "sanctioned {t}", "impose sanctions", "imposed sanctions"),
    "MOBILIZE": Verb("mobilize against {t}", "mobilized against {t}", "mobilize forces", "mobilized forces"),
    "COERCE": Verb("use coercion against {t}", "used coercion against {t}", "use coercion", "used coercion"),
    "ASSAULT": Verb("attack {t}", "attacked {t}", "carry out an attack", "carried out an attack"),
}
# Without a source the summary names the act, not a made-up agent ("An attack on Ukraine", not "An
# unidentified actor attacked Ukraine"): the text may name the actor where the extractor did not find it.
NOUNS: dict[str, tuple[str, str]] = {
    "AGREE": ("an agreement with {t}", "an agreement"),
    "CONSULT": ("talks with {t}", "talks"),
    "SUPPORT": ("support for {t}", "an expression of support"),
    "CONCEDE": ("concessions to {t}", "concessions"),
    "COOPERATE": ("cooperation with {t}", "cooperation"),
    "AID": ("aid to {t}", "aid"),
    "RETREAT": ("a withdrawal from {t}", "a withdrawal"),
    "REQUEST": ("an appeal to {t}", "an appeal"),
    "ACCUSE": ("accusations against {t}", "accusations"),
    "REJECT": ("a rebuff to {t}", "a rejection"),
    "THREATEN": ("threats against {t}", "threats"),
    "PROTEST": ("a protest against {t}", "a protest"),
    "SANCTION": ("sanctions on {t}", "sanctions"),
    "MOBILIZE": ("a mobilization against {t}", "a mobilization"),
    "COERCE": ("coercion against {t}", "coercion"),
    "ASSAULT": ("an attack on {t}", "an attack"),
}
_AUX = {"possible": "may", "future": "will", "conditional": "would"}
_HEDGE = {"possible": "possible", "future": "intended", "conditional": "conditional", "reported": "reported"}


def summarize(event_type: str, source: str | None, target: str | None, *,
              modality: str = "actual", polarity: str = "asserted") -> str:
    """A one-line summary of an event: who did what to whom, with its factuality.

    ``source``/``target`` are the phrases naming the actors (None when the
    event has none); ``modality`` and ``polarity`` take the dataset's values.
    """
    if not source:
        return _nominal(event_type, target, modality, polarity == "negated")
    verb = VERBS.get(event_type)
    if verb is None:  # a category added to the schema before this table
        verb = Verb(f"do {event_type.lower()} to {{t}}", f"did {event_type.lower()} to {{t}}",
                    f"do {event_type.lower()}", f"did {event_type.lower()}")
    subject = source
    negated = polarity == "negated"
    if target:
        base, past = verb.base.format(t=target), verb.past.format(t=target)
    else:
        base, past = verb.base_alone, verb.past_alone
    if modality in _AUX:
        predicate = f"{_AUX[modality]} {'not ' if negated else ''}{base}"
    elif modality == "reported":
        predicate = f"reportedly did not {base}" if negated else f"reportedly {past}"
    else:
        predicate = f"did not {base}" if negated else past
    return f"{subject} {predicate}"


def _nominal(event_type: str, target: str | None, modality: str, negated: bool) -> str:
    """"An attack on Ukraine", "Reported sanctions on Iran", "No talks with China": the act without an agent."""
    with_t, alone = NOUNS.get(event_type, (f"{event_type.lower()} involving {{t}}", event_type.lower()))
    phrase = with_t.format(t=target) if target else alone
    hedge = _HEDGE.get(modality)
    if negated or hedge:
        for article in ("an ", "a "):
            if phrase.startswith(article):
                phrase = phrase[len(article):]
                break
        phrase = " ".join(w for w in ("no" if negated else "", hedge or "", phrase) if w)
    return phrase[:1].upper() + phrase[1:]
