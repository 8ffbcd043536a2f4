"""Actor mentions from spaCy's entities (first version: recognised, not yet linked)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from curation.ids import make_id
from curation.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

ACTOR_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG", "LOC", "FAC"})


def find_mentions(doc: Doc, *, article_id: str, published: date | None, dictionary: object = None) -> list[Mention]:
    """Every entity that can be an actor, as a mention (unlinked until a dictionary is given)."""
    sent_idx = {s.start: i for i, s in enumerate(doc.sents)}
    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or not ent.text.strip():
            continue
        out.append(Mention(
            mention_id=make_id("m", article_id, ent.start_char, ent.end_char),
            article_id=article_id, sentence_idx=sent_idx[ent.sent.start],
            char_start=ent.start_char, char_end=ent.end_char, text=ent.text,
            entity_label=ent.label_, actor_id=None, link_method="unlinked"))
    return out
