"""The run-time pipeline: a segmenter that makes the Doc, then the stages in config order.

`load()` is the one place the stages are built: it reads the config (the one saved with
the models, or the shipped default), builds each stage from the factory table and checks
that every stage finds what it requires set by an earlier one.
"""
from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import ClassVar, Protocol

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc and Span attributes)
from .config import load_config, models_present
from .errors import StageOrderError
from .paths import MODELS_DIR
from .pieces import Piece, chunks, join
from .read import normalise
from .records import Record, doc_to_record
from .schema import Triple
from .segment import Segmenter
from .triples import doc_entities, doc_triples, ref_names


class Stage(Protocol):
    """A stage takes a Doc and returns it; it declares what it reads and what it sets."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    sets: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Doc) -> Doc: ...


def check_chain(first_sets: tuple[str, ...], stages: list[Stage]) -> None:
    """Fail when a stage needs an attribute that no earlier stage sets."""
    available = set(first_sets)
    problems = []
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            problems.append(f"stage '{stage.name}' needs {missing}, set by no earlier stage")
        available.update(stage.sets)
    if problems:
        raise StageOrderError("the pipeline's stages do not line up", problems)


@dataclass(frozen=True)
class Spec:
    """How to build a pipeline again in another process: models folder and config overrides
    (values as JSON, so the spec is hashable and pickles small)."""

    models_dir: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, models_dir: Path | None, overrides: dict | None) -> Spec:
        return cls(str(models_dir) if models_dir is not None else None,
                   tuple(sorted((k, json.dumps(v)) for k, v in (overrides or {}).items())))

    def load(self) -> Pipeline:
        overrides = {k: json.loads(v) for k, v in self.overrides} or None
        return load(Path(self.models_dir) if self.models_dir else None, overrides)


@dataclass
class Result:
    """What one document yields."""

    record: Record
    triples: list[Triple]
    entities: list[dict]
    words: int


class Pipeline:
    """A segmenter that makes the Doc, then the stages in order."""

    def __init__(self, segmenter: Segmenter, stages: list[Stage], model_hash: str = "rules",
                 chunk_chars: int = 200_000) -> None:
        check_chain(segmenter.sets, stages)
        self.segmenter = segmenter
        self.stages = stages
        self.model_hash = model_hash  # what the models were trained from (meta.json)
        self.chunk_chars = chunk_chars
        self.spec = Spec()  # set by load(): how a worker builds the same pipeline
        self.min_confidence = 0.0  # spans, relations and triples scored lower are dropped

    @property
    def stage_names(self) -> list[str]:
        return [self.segmenter.name] + [s.name for s in self.stages]

    def make_doc(self, text: str, doc_id: str = "", published: str | None = None) -> Doc:
        """The segmented Doc; `published`: the article's date as its source gives it (the
        dateline stage reads one from the text only where none is given)."""
        doc = self.segmenter(normalise(text), doc_id)
        doc._.published = published
        return doc

    def __call__(self, text: str, doc_id: str = "") -> Doc:
        doc = self.make_doc(text, doc_id)
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(self, texts: Iterable[tuple[str, str]], published: Iterable[str | None] | None = None) -> Iterator[Doc]:
        """Docs of (text, doc_id) pairs (and their dates given, if any); stages with a `pipe`
        method see them in batches."""
        dates = repeat(None) if published is None else published
        docs: Iterable[Doc] = (self.make_doc(text, doc_id, date) for (text, doc_id), date in zip(texts, dates))
        for stage in self.stages:
            docs = stage.pipe(docs) if hasattr(stage, "pipe") else map(stage, docs)
        return iter(docs)

    def process(self, text: str, doc_id: str = "", published: str | None = None) -> Result:
        """Entities, relations and triples of one document, however long it is."""
        return self.process_many([(text, doc_id)], [published])[0]

    def process_many(self, items: list[tuple[str, str]], published: list[str | None] | None = None) -> list[Result]:
        """Results of several documents, their pieces run through the stages together;
        `published`: each one's date given, if any."""
        pieces = [(n, offset, piece) for n, (text, _) in enumerate(items)
                  for offset, piece in chunks(text, self.chunk_chars)]
        done: list[list[Piece]] = [[] for _ in items]
        records = [Record(doc_id, text, [], []) for text, doc_id in items]
        words = [0] * len(items)
        dates = published or [None] * len(items)
        docs = self.pipe(((piece, items[n][1]) for n, _, piece in pieces), (dates[n] for n, _, _ in pieces))
        for (n, offset, _), doc in zip(pieces, docs):
            if self.min_confidence:
                drop_unsure(doc, self.min_confidence)
            record = doc_to_record(doc)
            records[n].meta.update(record.meta)
            record.spans = [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in record.spans]
            names = ref_names(doc)  # once, for the triples and the entities
            done[n].append(Piece(record, [_shift_triple(t, offset) for t in doc_triples(doc, names)
                                          if t["confidence"] >= self.min_confidence],
                                 doc_entities(doc, offset, names)))
            words[n] += count_words(doc)
            # The Doc's own values (its Words, Spans and Relations) point back at it: dropped
            # here, the Doc is freed as soon as it is done, not left for the collector to find.
            doc.user_data.clear()
        return [self._result(record, parts, count) for record, parts, count in zip(records, done, words)]

    @staticmethod
    def _result(record: Record, parts: list[Piece], words: int) -> Result:
        if len(parts) == 1:
            (part,) = parts
            record.spans, record.relations = part.record.spans, part.record.relations
            return Result(record, part.triples, part.entities, words)
        record.spans, record.relations, triples, entities = join(parts)
        return Result(record, triples, entities, words)


def drop_unsure(doc: Doc, threshold: float) -> None:
    """Remove the entities and relations scored below `threshold` (and relations that lose
    an end)."""
    kept = [e for e in doc.ents if e._.score >= threshold]
    keys = {(e.start, e.end) for e in kept}
    doc.ents = kept
    doc._.relations = [r for r in doc._.relations or [] if r.score >= threshold
                       and (r.head.start, r.head.end) in keys and (r.child.start, r.child.end) in keys]


def _shift_triple(triple: Triple, offset: int) -> Triple:
    if offset:
        ev = triple["evidence"]
        ev["start"] += offset
        ev["end"] += offset
    return triple


def count_words(doc: Doc) -> int:
    """Words, not punctuation or white space."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - (flags.sum(axis=1) > 0).sum()) if len(doc) else 0


def load(models_dir: Path | None = MODELS_DIR, overrides: dict | None = None) -> Pipeline:
    """The pipeline its config describes, with the models of `models_dir`.

    Without trained models there (or with `models_dir=None`) the stages that need them fall
    back to rules alone; `overrides` ({"pipeline.stages": [...], ...}) change the config for
    ablations, and fail with a clear message when they ask for models that are not there.
    """
    present = models_dir is not None and models_present(models_dir)
    config = load_config(models_dir if present else None, overrides, rules_only=not present)
    collecting = gc.isenabled()
    gc.disable()  # loading makes many long-lived objects and no cyclic garbage: the
    try:  # collector's passes over them would only cost start-up time
        pipeline = from_config(config, models_dir if present else None)
    finally:
        if collecting:
            gc.enable()
    pipeline.spec = Spec.of(models_dir, overrides)
    return pipeline


def segmenter_only() -> Pipeline:
    """The segmenter without any stage: sentences and words, to count and to check against."""
    return load(None, {"pipeline.stages": []})


def from_config(config, models_dir: Path | None) -> Pipeline:
    """The pipeline a config object describes (models, when its stages need them, from
    `models_dir`)."""
    from .factories import build_stages

    segmenter, stages, model_hash = build_stages(config, models_dir)
    pipeline = Pipeline(segmenter, stages, model_hash, config["pipeline"]["chunk_chars"])
    pipeline.min_confidence = config["pipeline"].get("min_confidence", 0.0)
    return pipeline
