"""Shared fixtures: the real pipeline, loaded once per test session."""
from __future__ import annotations

import pytest

import pipeline
from pipeline.paths import ROOT  # noqa: F401  (tests import ROOT from here)


@pytest.fixture(scope="session")
def nlp() -> pipeline.Pipeline:
    return pipeline.load()


@pytest.fixture(scope="session")
def rules_nlp() -> pipeline.Pipeline:
    """The rules alone (no trained model): the baseline every model is measured against."""
    return pipeline.load(models_dir=None)


def span(doc, words: str, label: str, nth: int = 0):
    """A span over the first occurrence of `words` (or the one after `nth` others)."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return doc.char_span(start, start + len(words), label=label)


def ents(doc) -> list[tuple[str, str]]:
    """(label, text) of every entity, in order."""
    return [(e.label_, e.text) for e in doc.ents]


def rels(doc) -> set[tuple[str, str, str]]:
    """(label, head text, child text) of every relation."""
    return {(r.label, r.head.text, r.child.text) for r in doc._.relations}
