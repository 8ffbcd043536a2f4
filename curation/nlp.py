"""Loading the spaCy pipeline once per process, with the curator's own components."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from curation.errors import Errors, ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPH_BREAKS = "curation_paragraph_breaks_v1"  # factory names allow no dots (spaCy E853)

# What the extractors read from a parsed Doc, in spaCy's "assigns" vocabulary:
# entities (timexes, actors), sentences (every stage), dependencies, POS and
# lemmas (events); tags and morphology for rules that look at verb forms.
# Components that provide none of these, directly or for a kept component,
# are disabled (issue 8): they would cost time and change nothing.
NEEDED = ("doc.ents", "doc.sents", "token.dep", "token.head", "token.pos", "token.lemma", "token.tag",
          "token.morph")
# What spaCy's own factories provide and need. Their registered metadata
# leaves out what depends on their settings (attribute_ruler maps tags to POS
# through its patterns; the rule lemmatizer reads POS), so it is written out
# here. A factory not listed (a user's or the curator's own) is always kept.
_PROVIDES = {
    "tagger": {"token.tag"}, "morphologizer": {"token.pos", "token.morph"},
    "attribute_ruler": {"token.pos", "token.morph", "token.lemma"},
    "lemmatizer": {"token.lemma"}, "trainable_lemmatizer": {"token.lemma"},
    "parser": {"token.dep", "token.head", "token.is_sent_start", "doc.sents"},
    "senter": {"token.is_sent_start", "doc.sents"}, "sentencizer": {"token.is_sent_start", "doc.sents"},
    "ner": {"doc.ents", "token.ent_iob", "token.ent_type"},
    "entity_ruler": {"doc.ents", "token.ent_iob", "token.ent_type"},
    "span_ruler": {"doc.spans"}, "spancat": {"doc.spans"}, "textcat": {"doc.cats"},
    "textcat_multilabel": {"doc.cats"}, "entity_linker": {"token.ent_kb_id"},
}
_NEEDS = {"attribute_ruler": {"token.tag"}, "lemmatizer": {"token.pos"}}
# What no extractor can do without: a model lacking one (spacy.blank("en"), a tokenizer-only package)
# would give every article zero events and zero actors, and the run would look fine.
REQUIRED = {"token.dep": "a dependency parser", "doc.ents": "named entities", "token.pos": "part-of-speech tags",
            "token.lemma": "lemmas"}


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """Start a sentence after every line break: headlines, list items and
        paragraphs never share a sentence with what follows them."""
        for i, tok in enumerate(doc[:-1]):
            if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
                doc[i + 1].is_sent_start = True
        return doc


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline ``model`` with the paragraph-break rule before the parser."""
    import spacy

    _register()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(Errors.E020.format(name=model)) from exc
    missing = [what for attr, what in REQUIRED.items() if attr not in provided(nlp)]
    if missing:
        raise ModelError(Errors.E021.format(name=model, missing=", ".join(missing),
                                            pipes=", ".join(nlp.pipe_names) or "none"))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    else:  # a pipeline without a parser still needs sentences
        nlp.add_pipe("sentencizer", first=True)
    nlp.max_length = 2_000_000
    keep = set(needed_pipes(nlp, NEEDED))
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.disable_pipe(name)
    return nlp


def provided(nlp: Language) -> set[str]:
    """What the pipeline's components set on a Doc, in spaCy's "assigns" vocabulary."""
    out: set[str] = set()
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        out |= _PROVIDES.get(meta.factory, set(meta.assigns))
    return out


def needed_pipes(nlp: Language, needed: tuple[str, ...] = NEEDED) -> list[str]:
    """The enabled components needed to provide ``needed`` (with what they need in turn), in pipeline order.

    Walks the pipeline backwards: a component is kept when it provides
    something still wanted (or is of a factory this table does not know);
    what it needs becomes wanted from the components before it. A shared
    ``tok2vec`` is kept when a kept component listens to it.
    """
    want = set(needed)
    keep: list[str] = []
    for name in reversed(nlp.pipe_names):
        factory = nlp.get_pipe_meta(name).factory
        if factory == "tok2vec":
            listeners = set(getattr(nlp.get_pipe(name), "listening_components", []) or [])
            if listeners & set(keep):
                keep.append(name)
        elif factory not in _PROVIDES or _PROVIDES[factory] & want:
            keep.append(name)
            want |= _NEEDS.get(factory, set()) | set(nlp.get_pipe_meta(name).requires)
    return list(reversed(keep))


def model_info(nlp: Language) -> dict[str, str]:
    """Name and version of a loaded pipeline, for the manifest."""
    return {"name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
            "version": str(nlp.meta.get("version", "")),
            "pipes": ",".join(nlp.pipe_names),
            "disabled": ",".join(nlp.disabled)}


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text anew on each access, and three stages
    read it (a tenth of the extractors' time on news before this cache)."""
    text = doc.user_data.get("curation_text")
    if text is None:
        text = doc.text
        doc.user_data["curation_text"] = text
    return str(text)
