"""PLOVER 2021 rules that turn a trigger's category into the event's, by what the text says of it.

The manual codes what an actor does *now*; an act that lies ahead is the
intention or threat stated now:

- future CONSULT, SUPPORT, COOPERATE and AID are AGREE ("Cooperative actions
  ... reported in future tense are also taken to imply intentions and should be
  coded as AGREE"; "References to future meetings, summits, state visits ...
  should be coded as AGREE");
- a future RETREAT is CONCEDE ("Announcements of future retreats should be
  coded as CONCEDE"); a future CONCEDE stays CONCEDE;
- a future act of material conflict (PROTEST, SANCTION, MOBILIZE, COERCE,
  ASSAULT) is THREATEN: the manual's own example of an event that is another
  plus an auxiliary mode is "THREATEN could be ASSAULT + hypothetical", and the
  coder "should always return the single event category". The CAMEO codes are
  those of the threat (133 protest, 131x relations, 138x force ...), the mode the
  content of the threat (THREATEN's modes).

The event's modality still says that the act lies ahead (``future``); only
``future`` is transformed, not ``possible`` or ``conditional`` readings, which
are a writer's speculation rather than an actor's statement.

An act of conflict or a rejection promised *unless* the other side gives way
("the Liberal Democrats will vote against this measure unless ...") is an
ultimatum: THREATEN, whatever its tense.

A refusal is REJECT, asserted: a cooperative act the actor says it will not
do ("Britain would not sign the treaty", "he will not meet them") is a
rejection that happened, not a negated agreement (the guidelines' "refusals
and unwillingness are REJECT").
"""

from __future__ import annotations

FUTURE_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
FUTURE_THREAT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
# CAMEO codes of the intention (03x) or threat (13x) that replaces a future act, by its category and mode.
_AGREE_CODE = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}
_THREAT = {
    ("PROTEST", None): ("133", "restrict"),
    ("SANCTION", None): ("131", "relations"), ("SANCTION", "discontinue"): ("1312", "restrict"),
    ("SANCTION", "withdraw"): ("1313", "relations"), ("SANCTION", "expel"): ("136", "expel"),
    ("SANCTION", "convict"): ("132", "arrest"),
    ("MOBILIZE", None): ("138", "violence"),
    ("COERCE", None): ("132", "restrict"), ("COERCE", "arrest"): ("132", "arrest"),
    ("COERCE", "deport"): ("132", "expel"), ("COERCE", "curfew"): ("1323", "restrict"),
    ("COERCE", "martial-law"): ("1324", "restrict"), ("COERCE", "seize"): ("1382", "territory"),
    ("COERCE", "censor"): ("1321", "restrict"),
    ("ASSAULT", None): ("138", "violence"),
}


# Acts that, promised unless the other side gives way, are a threat (an ultimatum).
ULTIMATUM_ACTS = FUTURE_THREAT | {"REJECT"}
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_REJECT_MODE = {"CONSULT": "meet", "AGREE": "change", "SUPPORT": "change", "COOPERATE": "assist", "AID": "assist",
                "CONCEDE": "yield", "RETREAT": "yield"}


def refusal(event_type: str, modality: str, polarity: str) -> tuple[str, str, str | None] | None:
    """(REJECT, CAMEO code, mode) when a negated future or possible cooperative act is a refusal."""
    if polarity != "negated" or modality not in ("future", "possible") or event_type not in COOPERATIVE:
        return None
    return "REJECT", "12", _REJECT_MODE[event_type]


def for_modality(event_type: str, cameo: str, mode: str | None, modality: str, ultimatum: bool = False
                 ) -> tuple[str, str, str | None]:
    """(category, CAMEO code, mode) of an event of ``event_type`` read with ``modality``; ``ultimatum``: the act
    is conditioned on the other side's ("will vote against the measure unless we get that"), a threat (13)."""
    if ultimatum and modality in ("future", "conditional") and event_type in ULTIMATUM_ACTS:
        code, tmode = _THREAT.get((event_type, mode)) or _THREAT.get((event_type, None)) or ("13", None)
        return "THREATEN", code, tmode
    if modality != "future":
        return event_type, cameo, mode
    if event_type in FUTURE_AGREE:
        return "AGREE", _AGREE_CODE[event_type], None
    if event_type == "RETREAT":
        return "CONCEDE", "08", None
    if event_type in FUTURE_THREAT:
        code, tmode = _THREAT.get((event_type, mode)) or _THREAT[(event_type, None)]
        return "THREATEN", code, tmode
    return event_type, cameo, mode
