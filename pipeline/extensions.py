"""The custom attributes the stages put on spaCy Docs and Spans, and the Relation they hold."""
from __future__ import annotations

from bisect import bisect_right
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
    """The Doc's own text, which its spans' character offsets point into (kept in `doc._.text`:
    spaCy's `doc.text` joins every token's text again at each access). It is the text as read,
    except where the reader made white space one space or none, or dropped invisible
    characters (`original_text`)."""
    text = doc._.text
    return doc.text if text is None else text


def original_text(doc: Doc) -> str:
    """The text as read, which every offset leaving the Doc points into."""
    original = doc._.original
    return doc_text(doc) if original is None else original


def char_offsets(span: Span) -> tuple[int, int]:
    """Where `span` lies in the text as read: the Doc holds two spaces or a tab between words
    as one space, and no indent or invisible character, so its own offsets drift from the
    text's after such a gap."""
    origin = span.doc._.origin
    if origin is None:
        return span.start_char, span.end_char
    starts, ends = origin
    return starts[span.start], ends[span.end - 1]


def doc_offset(doc: Doc, offset: int) -> int:
    """The Doc's own offset of an offset of the text as read (`char_offsets` the other way);
    one inside white space the Doc holds as one space (or none) goes to the end of the word
    before."""
    origin = doc._.origin
    if origin is None:
        return offset
    starts, ends = origin
    i = bisect_right(starts, offset) - 1
    if i < 0:
        return 0
    token = doc[i]
    if offset >= ends[i]:
        return token.idx + len(token.text) + min(offset - ends[i], len(token.whitespace_))
    return token.idx + min(offset - starts[i], len(token.text))


def _register() -> None:
    for name, default in [("doc_id", ""), ("relations", None), ("rule_spans", None),
                          ("place_tags", None), ("published", None), ("province", None), ("text", None),
                          ("original", None), ("origin", None)]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in [("source", ""), ("score", 1.0), ("canonical", None), ("ref", None)]:
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_register()
