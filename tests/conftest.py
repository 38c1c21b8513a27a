"""Shared fixtures: the real pipeline, loaded once per test session; a small gold record and
a writer of JSONL files for the tests of the annotation tools."""
from __future__ import annotations

import json
from pathlib import Path

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


@pytest.fixture(scope="session")
def segmented() -> pipeline.Pipeline:
    """The segmenter alone: words and sentences, for the tests that hand a check its spans."""
    return pipeline.load(None, {"pipeline.stages": []})


@pytest.fixture(scope="session")
def placed() -> pipeline.Pipeline:
    """The segmenter and the gazetteer: the place tags the checks read beside the spans."""
    return pipeline.load(None, {"pipeline.stages": ["gazetteer"]})


@pytest.fixture(scope="session")
def ruled() -> pipeline.Pipeline:
    """The segmenter, the gazetteer and the entity rules: the rule spans a check weighs."""
    return pipeline.load(None, {"pipeline.stages": ["gazetteer", "entity_rules"]})


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


def pairs(doc, label: str) -> set[tuple[str, str]]:
    """(head text, child text) of every relation of one type."""
    return {(r.head.text, r.child.text) for r in doc._.relations if r.label == label}


TEXT = "Bà Nông Thị Hương, Phó Trưởng Ban Tổ chức Huyện uỷ cho biết."
#       0123456789...: "Nông Thị Hương" 3-17, "Phó Trưởng" 19-29, "Ban Tổ chức Huyện uỷ" 30-50
GOOD = {"id": "t1", "text": TEXT, "meta": {"source": "written"},
        "spans": [{"start": 3, "end": 17, "label": "PER"}, {"start": 19, "end": 29, "label": "TITLE"},
                  {"start": 30, "end": 50, "label": "ORG"}],
        "relations": [{"head": 0, "child": 1, "label": "has_title"},
                      {"head": 1, "child": 2, "label": "title_of"}]}


def write(path: Path, rows: list[dict]) -> Path:
    """A JSONL file of `rows`."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
