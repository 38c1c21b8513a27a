"""The annotation format (JSONL, one document a line) and its conversion to and from Docs.

Gold files and predictions share this one format: `extract` writes it, the
evaluator and the trainers read it, and the annotation tools convert to it.
Writing is atomic everywhere (`atomic_write`): a reader never sees half a file.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .errors import AnnotationError, InputError
from .schema import RelationDict, SpanDict


@dataclass
class Record:
    """One annotated (or predicted) document."""

    id: str
    text: str
    spans: list[SpanDict]
    relations: list[RelationDict]
    meta: dict = field(default_factory=dict)
    where: str = ""  # "file:line" it came from

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "meta": self.meta, "spans": self.spans,
                "relations": self.relations}


def json_lines(path: Path, error: type[Exception] = AnnotationError,
               problems: list[str] | None = None) -> Iterator[tuple[str, str, dict]]:
    """("file:line", the line, its object) of each non-blank line of a JSONL file, read one
    at a time. A line that is not a JSON object raises `error` with file:line; given a
    `problems` list, its message goes there instead and reading goes on, so a check of the
    file reports every bad line, not only the first."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            data = _json_object(line)
            if isinstance(data, str):
                _fail(f"{where}: {data}", error, problems)
                continue
            yield where, line, data


def _json_object(line: str) -> dict | str:
    """The JSON object on one line, or what is wrong with it. The line end is cut off first:
    on a line cut short the decoder stops past it and would count the column on a line 2."""
    try:
        data = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        return f"not JSON at column {err.colno}: {err.msg}"
    return data if isinstance(data, dict) else "expected a JSON object"


def _fail(message: str, error: type[Exception], problems: list[str] | None) -> None:
    """Raise `message`, or, when the caller collects problems, add it to them."""
    if problems is None:
        raise error(message)
    problems.append(message)


def _record_problem(data: dict) -> str | None:
    """Why a JSON object is not a record, or None: every reader relies on these shapes."""
    if not isinstance(data.get("text"), str):
        return "expected an object with a string 'text'"
    for name in ("spans", "relations"):
        items = data.get(name) or []
        if not (isinstance(items, list) and all(isinstance(item, dict) for item in items)):
            return f"'{name}' must be a list of objects, not {json.dumps(items, ensure_ascii=False)[:60]}"
    if not isinstance(data.get("meta") or {}, dict):
        return "'meta' must be an object"
    return None


def read_records(path: Path, problems: list[str] | None = None) -> Iterator[Record]:
    """Records of a JSONL file; a line that is not a record raises with file:line, or, given
    a `problems` list, is reported there and skipped."""
    for where, _, data in json_lines(path, problems=problems):
        if problem := _record_problem(data):
            _fail(f"{where}: {problem}", AnnotationError, problems)
            continue
        yield Record(id=str(data.get("id", "")), text=data["text"],
                     spans=list(data.get("spans") or []),
                     relations=list(data.get("relations") or []),
                     meta=dict(data.get("meta") or {}), where=where)


def jsonl_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given and every *.jsonl below a folder, in path order."""
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if not path.exists():
            raise InputError(f"{item}: no such file or folder")
        files.extend(sorted(path.rglob("*.jsonl")) if path.is_dir() else [path])
    return files


def read_many(paths: Iterable[Path | str]) -> list[Record]:
    """All records of files and folders, in path order."""
    return [record for f in jsonl_files(paths) for record in read_records(f)]


@contextmanager
def atomic_open(path: Path, newline: str | None = None) -> Iterator[TextIO]:
    """A text file to stream into: written beside `path` under a hidden name and renamed
    into place when the block ends without an error (a reader never sees half a file).
    `newline=""` for the csv module."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a hidden file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    tmp.replace(path)


def jsonl_line(row: dict) -> str:
    """One JSON Lines line, UTF-8 text kept as it is."""
    return json.dumps(row, ensure_ascii=False) + "\n"


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    atomic_write(path, "".join(map(jsonl_line, rows)))


def doc_to_record(doc, meta: dict | None = None, scores: bool = True) -> Record:
    """Entities and relations of a processed Doc in the annotation format."""
    from .extensions import char_offsets, original_text

    ents = list(doc.ents)
    index = {(e.start, e.end): i for i, e in enumerate(ents)}
    spans: list[SpanDict] = []
    for e in ents:
        ext = e._  # each `span._` makes a new object
        start, end = char_offsets(e)
        span: SpanDict = {"start": start, "end": end, "label": e.label_}
        ref = ext.ref
        if ref:
            span["ref"] = ref
        if scores:
            span["score"] = round(ext.score, 3)
            span["source"] = ext.source
        spans.append(span)
    relations: list[RelationDict] = []
    for rel in doc._.relations or []:
        item: RelationDict = {"head": index[(rel.head.start, rel.head.end)],
                              "child": index[(rel.child.start, rel.child.end)], "label": rel.label}
        if rel.status:
            item["status"] = rel.status
        if scores:
            item["score"] = round(rel.score, 3)
        relations.append(item)
    meta = dict(meta or {})
    ext = doc._
    if ext.published and "published" not in meta:
        meta["published"] = ext.published
    if ext.province and "province_code" not in meta:
        meta["province_code"] = ext.province  # the province the article is about
    return Record(id=ext.doc_id, text=original_text(doc), spans=spans,
                  relations=relations, meta=meta)


def apply_record(doc, record: Record):
    """Put a record's spans, refs and relations on a Doc segmented from the same text.

    Spans that do not fall on word boundaries are widened to the words they touch,
    and dropped (with their relations) when that makes them overlap; `validate`
    reports such spans so the annotator sees where the segmenter disagrees.
    """
    from .extensions import Relation, doc_offset, original_text

    if original_text(doc) != record.text:
        raise AnnotationError(f"{record.where}: the Doc's text is not the record's text")
    spans = []
    last_end = 0
    for item in record.spans:
        span = doc.char_span(doc_offset(doc, item["start"]), doc_offset(doc, item["end"]), label=item["label"],
                             alignment_mode="expand")
        if span is not None and span.start < last_end:
            span = None
        spans.append(span)
        last_end = span.end if span is not None else last_end
    doc.ents = [s for s in spans if s is not None]
    for item, span in zip(record.spans, spans):
        if span is not None and item.get("ref"):
            span._.ref = item["ref"]
    relations = []
    for item in record.relations:
        head, child = spans[item["head"]], spans[item["child"]]
        if head is not None and child is not None:
            relations.append(Relation(head, child, item["label"], item.get("score", 1.0), "gold",
                                      item.get("status")))
    doc._.relations = relations
    doc._.published = record.meta.get("published")
    return doc
