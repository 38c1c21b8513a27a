"""What every span must satisfy, gold or predicted: one validator for both.

A span is non-empty, has no white space or stray punctuation at its edges (a closing
bracket or quote is fine when it closes one opened inside: "Ngân hàng Thế giới (WB)",
'Đề án "Tăng cường …"'; so is the dot of an abbreviation: "TP."), closes every bracket it
opens, and does not cross a line or a sentence end. The annotation validator reports spans
that break it; the entity stages trim, close or drop their own spans by it, so no
prediction can break it either.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .words import Words

_EDGE_PUNCT = set(",;:.!?-–—\"“”'‘’()[]{}…/")
# What no span starts with: edge punctuation and list marks ("+ Ông …"; "Vietnam+" ends with one).
_OPENING_STRAY = _EDGE_PUNCT | set("+*•·#")
_ABBREVIATION_DOT = re.compile(r"(?:^|[\s.])[A-ZĐa-zđ]{1,4}\.$")
_ABBREVIATION = re.compile(r"[A-ZĐ][\w&.\-]*[A-ZĐ0-9][\w&.\-]*")  # "TN&MT", "UBKT", "PC03", "WB"


def span_problem(text: str, start: int, end: int) -> str | None:
    """Why text[start:end] cannot be a span, or None."""
    piece = text[start:end]
    if not piece.strip():
        return "is empty"
    if piece != piece.strip():
        return "starts or ends with white space"
    if "\n" in piece:
        return "crosses a line end"
    if piece[0] in _OPENING_STRAY and not (piece[0] == "(" and piece.endswith(")")):
        return "starts with punctuation"
    if piece.count("(") != piece.count(")"):
        return "opens or closes a bracket it does not close or open"
    last = piece[-1]
    if last in _EDGE_PUNCT:
        closes = _closes(piece)
        if not closes and not (last == "." and _ABBREVIATION_DOT.search(piece)):
            return "ends with punctuation"
    return None


def _closes(piece: str) -> bool:
    """The last character closes a bracket or quote opened inside the span."""
    last, inner = piece[-1], piece[:-1]
    return (last == ")" and "(" in inner) or (last == "”" and "“" in inner) or \
        (last == '"' and '"' in inner)


def crosses(start: int, end: int, sentence_ends: Iterable[int]) -> bool:
    """Whether [start, end) runs over one of the sentence ends (character offsets)."""
    return any(start < e < end for e in sentence_ends)


def sentence_numbers(doc) -> list[int]:
    """The number of the sentence each token is in."""
    from .words import words_of

    return words_of(doc).sentence_of


def span_from(origin, start: int, end: int, label: str | None = None, source: str | None = None):
    """A span over origin.doc[start:end] (with `label`, else origin's) that keeps origin's score
    and source (or `source`): what a stage makes when it moves, cuts, grows or relabels a span."""
    from spacy.tokens import Span

    span = Span(origin.doc, start, end, label=label or origin.label_)
    span._.source, span._.score = source or origin._.source, origin._.score
    return span


def tidy(doc, spans: list) -> list:
    """Trim white space and punctuation tokens off the edges of token spans, and drop those
    that are empty afterwards, cross a sentence end, or still break the rule."""
    from .extensions import doc_text
    from .words import words_of

    if not spans:
        return []
    text = doc_text(doc)
    words = words_of(doc)
    sentence = words.sentence_of
    out = []
    for span in spans:
        start, end = span.start, span.end
        start, end = _trimmed(words, start, end)
        start, end = _trimmed(words, *_bracket_closed(words, start, end))
        if start >= end or sentence[start] != sentence[end - 1]:
            continue
        if (start, end) != (span.start, span.end):
            span = span_from(span, start, end)
        if span_problem(text, span.start_char, span.end_char) is None:
            out.append(span)
    return out


def _trimmed(words: Words, start: int, end: int) -> tuple[int, int]:
    while start < end and (words[start].is_space or words[start].text in _OPENING_STRAY):
        start += 1
    while end > start and (words[end - 1].is_space or words[end - 1].text in _EDGE_PUNCT) and \
            not _closes(words.doc[start:end].text):
        end -= 1
    return start, end


def _bracket_closed(words: Words, start: int, end: int) -> tuple[int, int]:
    """A span that opens a bracket and ends inside it: closed by the ")" right after it when
    the bracket holds one abbreviation (guidelines 33: "[Sở Tài nguyên và Môi trường (TN&MT)]"),
    else cut before the bracket ("[Bộ Giáo dục] (1976-1987)", "[ban Tổ chức] (hiện là …")."""
    opened, depth = None, 0
    for i in range(start, end):
        word = words[i].text
        if word == "(":
            opened = i if depth == 0 else opened
            depth += 1
        elif word == ")" and depth:
            depth -= 1
    if not depth or opened is None:
        return start, end
    inside = [t.text for t in words[opened + 1:end] if not t.is_space]
    if end < len(words) and words[end].text == ")" and len(inside) == 1 and _ABBREVIATION.fullmatch(inside[0]):
        return start, end + 1
    return start, opened


