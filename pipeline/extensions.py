"""The custom attributes the stages put on spaCy Docs and Spans, and the Relation they hold."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass
class Relation:
    """A directed, labelled link between two entity spans of one Doc."""

    head: Span
    child: Span
    label: str
    score: float
    source: str  # "rules", "model" or "gold"
    status: str | None = None  # has_title only: former / acting / appointed / ended (None: current)


def span_key(span: Span) -> tuple[int, int]:
    """Token offsets: what identifies a span of one Doc."""
    return span.start, span.end


def doc_text(doc: Doc) -> str:
    """The Doc's text as the segmenter read it (kept in `doc._.text`): spaCy's `doc.text`
    joins every token's text again at each access."""
    text = doc._.text
    return doc.text if text is None else text


def _register() -> None:
    for name, default in [("doc_id", ""), ("relations", None), ("rule_spans", None),
                          ("place_tags", None), ("published", None), ("province", None), ("text", None)]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in [("source", ""), ("score", 1.0), ("canonical", None), ("ref", None)]:
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_register()
