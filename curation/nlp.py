"""Loading the spaCy pipeline once per process, with the curator's own components."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from curation.errors import Errors, ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPH_BREAKS = "curation_paragraph_breaks_v1"  # factory names allow no dots (spaCy E853)


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    else:  # a pipeline without a parser still needs sentences
        nlp.add_pipe("sentencizer", first=True)
    nlp.max_length = 2_000_000
    return nlp


def model_info(nlp: Language) -> dict[str, str]:
    """Name and version of a loaded pipeline, for the manifest."""
    return {"name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
            "version": str(nlp.meta.get("version", "")),
            "pipes": ",".join(nlp.pipe_names)}
