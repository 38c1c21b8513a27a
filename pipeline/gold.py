"""The annotation format (JSONL, one document a line) and its conversion to and from Docs.

Gold files and predictions share this one format: `extract` writes it, the
evaluator and the trainers read it, and the annotation tools convert to it.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span

from .base import Relation

LABELS = ("PER", "TITLE", "ORG", "LOC", "DOC", "DATE")
RELATION_TYPES = {  # label -> (head label, child label)
    "has_title": ("PER", "TITLE"), "title_of": ("TITLE", "ORG"), "issued_by": ("DOC", "ORG"),
    "issued_on": ("DOC", "DATE"), "implements": ("ORG", "DOC"),
}


class AnnotationError(ValueError):
    """A malformed annotation line; the message says `file:line: what is wrong`."""


@dataclass
class Record:
    """One annotated (or predicted) document."""

    id: str
    text: str
    spans: list[dict]
    relations: list[dict]
    meta: dict = field(default_factory=dict)
    where: str = ""  # "file:line" it came from

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "meta": self.meta, "spans": self.spans,
                "relations": self.relations}


def read_records(path: Path) -> Iterator[Record]:
    """Records of a JSONL file; a line that is not a JSON object raises with file:line."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise AnnotationError(f"{where}: not JSON ({err.msg} at column {err.colno})") from None
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise AnnotationError(f"{where}: expected an object with a string 'text'")
            yield Record(id=str(data.get("id", "")), text=data["text"],
                         spans=list(data.get("spans") or []),
                         relations=list(data.get("relations") or []),
                         meta=dict(data.get("meta") or {}), where=where)


def read_many(paths: list[Path]) -> list[Record]:
    """All records of files and folders (every *.jsonl below a folder), in path order."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.jsonl")) if path.is_dir() else [path])
    return [record for f in files for record in read_records(f)]


def doc_to_record(doc: Doc, meta: dict | None = None, scores: bool = True,
                  text: str | None = None) -> Record:
    """Entities and relations of a processed Doc in the annotation format. `text` is
    doc.text when the caller has it: spaCy rebuilds doc.text from the tokens each time."""
    ents = list(doc.ents)
    index = {(e.start, e.end): i for i, e in enumerate(ents)}
    spans = []
    for e in ents:
        span = {"start": e.start_char, "end": e.end_char, "label": e.label_}
        if scores:
            span["score"] = round(e._.score, 3)
        spans.append(span)
    relations = []
    for rel in doc._.relations or []:
        item = {"head": index[(rel.head.start, rel.head.end)],
                "child": index[(rel.child.start, rel.child.end)], "label": rel.label}
        if scores:
            item["score"] = round(rel.score, 3)
        relations.append(item)
    return Record(id=doc._.doc_id, text=doc.text if text is None else text, spans=spans,
                  relations=relations,
                  meta=meta or {})


def apply_record(doc: Doc, record: Record) -> Doc:
    """Put a record's spans and relations on a Doc segmented from the same text.

    Spans that do not fall on word boundaries are widened to the words they touch,
    and dropped (with their relations) when that makes them overlap; `validate`
    reports such spans so the annotator sees where the segmenter disagrees.
    """
    if doc.text != record.text:
        raise AnnotationError(f"{record.where}: the Doc's text is not the record's text")
    spans: list[Span | None] = []
    last_end = 0
    for item in record.spans:
        span = doc.char_span(item["start"], item["end"], label=item["label"],
                             alignment_mode="expand")
        if span is not None and span.start < last_end:
            span = None
        spans.append(span)
        last_end = span.end if span is not None else last_end
    doc.ents = [s for s in spans if s is not None]
    relations = []
    for item in record.relations:
        head, child = spans[item["head"]], spans[item["child"]]
        if head is not None and child is not None:
            relations.append(Relation(head, child, item["label"], item.get("score", 1.0), "gold"))
    doc._.relations = relations
    return doc


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write rows atomically: a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
