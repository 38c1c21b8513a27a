"""The schema every module shares: labels, relation types, word kinds and record shapes.

Kept free of spaCy and underthesea so that anything may import it. The segmenter stores
each word's kind in TAG (`word_kind` reads it; the model embeds it) and the word as
normalised in LEMMA, cased (the model reads it as the word).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from spacy.tokens import Token

LABELS = ("PER", "TITLE", "ORG", "LOC", "DOC", "DATE")
POST_LIST_LABELS = frozenset({"TITLE", "ORG", "LOC"})  # a list of posts: titles, their bodies and places
REF_LABELS = ("PER", "ORG", "DOC")  # mentions of one thing share a `ref` (schema v2)
RELATION_TYPES: dict[str, tuple[str, str]] = {  # label -> (head label, child label)
    "has_title": ("PER", "TITLE"), "title_of": ("TITLE", "ORG"), "issued_by": ("DOC", "ORG"),
    "issued_on": ("DOC", "DATE"), "implements": ("ORG", "DOC"), "decides_on": ("DOC", "PER"),
}
STATUSES = ("current", "former", "acting", "appointed", "ended")  # of a has_title; current = none

# What the segmenter kept whole, in token.tag_ ("" for every other word).
KIND_CODE, KIND_DATE, KIND_TITLE, KIND_ORG, KIND_DOCTYPE, KIND_ABBR = (
    "code", "date", "title", "org", "doctype", "abbr")

# Names of what a stage reads and sets, checked along the chain at load time.
WORDS, SENTS = "words", "sents"
TOKEN_KIND, TOKEN_FORM, TOKEN_NORM = "token.kind", "token.form", "token.norm"
TOKEN_PLACE = "token.place"  # gazetteer hit, in token.morph
ENTS, SPAN_SOURCE = "ents", "span._.source"
RULE_SOURCE = "rules:"  # span._.source of a rule's span: "rules:<rule name>"
RULE_SPANS = "doc._.rule_spans"
REFS = "span._.ref"
RELATIONS, STATUS = "doc._.relations", "relation.status"
CANONICAL, PUBLISHED = "span._.canonical", "doc._.published"
SCORES = "scores"  # calibrated span and relation scores


def word_kind(token: Token) -> str:
    """'code', 'date', 'title', 'org', 'doctype', 'abbr', or '' (see the segmenter)."""
    return token.tag_



class SpanDict(TypedDict, total=False):
    """A span in the annotation format (gold and predicted)."""

    start: int
    end: int
    label: str
    ref: str
    score: float
    source: str


class RelationDict(TypedDict, total=False):
    """A relation in the annotation format: head and child index into the spans."""

    head: int
    child: int
    label: str
    status: str
    score: float


class Entity(TypedDict, total=False):
    """A triple's subject or object."""

    text: str
    label: str
    mention: str
    ref: str
    name: str  # the fullest name its ref has in the article
    code: dict | None
    iso: str | None
    place: dict | None


class Evidence(TypedDict):
    start: int
    end: int
    text: str
    sentence: str  # the whole sentence the fact is stated in


class Triple(TypedDict, total=False):
    subject: Entity
    predicate: str
    object: Entity
    qualifiers: dict
    doc_id: str
    evidence: Evidence
    confidence: float
    source: str
