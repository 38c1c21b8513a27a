"""Converters between our annotation format and the tools annotators use.

Label Studio (JSON export of tasks) and doccano (JSONL export, with or without
relations) come in; `extract`'s annotations.jsonl goes out as Label Studio tasks
whose predictions are pre-annotations, so a person corrects the machine instead of
starting from blank text. Only completed human annotations ever become gold: a
task that was skipped or never annotated is reported, never filled with the
machine's guesses. Sheets (`sheet.py`) go both ways too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AnnotationError
from .records import Record, json_lines
from .schema import STATUSES

_STATUS_LABELS = set(STATUSES[1:])


@dataclass
class Imported:
    """Records read from a tool's export, and the tasks left out with the reason."""

    records: list[Record] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "where: why"


# --- Label Studio --------------------------------------------------------------------
def to_label_studio(record: Record, model_version: str = "pipeline") -> dict:
    """One Label Studio task; our spans and relations become its predictions."""
    result = []
    for n, span in enumerate(record.spans):
        region = {"id": f"s{n}", "from_name": "label", "to_name": "text", "type": "labels",
                  "value": {"start": span["start"], "end": span["end"],
                            "text": record.text[span["start"]:span["end"]], "labels": [span["label"]]}}
        if "score" in span:
            region["score"] = span["score"]
        if span.get("ref"):
            region["meta"] = {"text": [f"ref={span['ref']}"]}
        result.append(region)
    for rel in record.relations:
        labels = [rel["label"]] + ([rel["status"]] if rel.get("status") else [])
        result.append({"type": "relation", "from_id": f"s{rel['head']}", "to_id": f"s{rel['child']}",
                       "direction": "right", "labels": labels})
    scores = [s["score"] for s in record.spans if "score" in s]
    return {"data": {"text": record.text, "doc_id": record.id, "meta": record.meta},
            "predictions": [{"model_version": model_version, "result": result,
                             "score": round(min(scores), 3) if scores else 1.0}]}


def _completed(task: dict) -> dict | None:
    """The task's first annotation a person submitted, not cancelled (skipped)."""
    for annotation in task.get("annotations") or []:
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            return annotation
    return None


def from_label_studio(task: dict, annotation: dict, where: str) -> Record:
    """One completed Label Studio annotation of a task, in our format."""
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: task has no data.text")
    results = annotation.get("result") or []
    regions = sorted((r for r in results if r.get("type") == "labels"),
                     key=lambda r: (r["value"]["start"], r["value"]["end"]))
    index = {r["id"]: n for n, r in enumerate(regions)}
    spans = []
    for r in regions:
        span = {"start": r["value"]["start"], "end": r["value"]["end"], "label": r["value"]["labels"][0]}
        meta = " ".join((r.get("meta") or {}).get("text") or [])
        if "ref=" in meta:
            span["ref"] = meta.split("ref=", 1)[1].split()[0]
        spans.append(span)
    relations = []
    for r in results:
        if r.get("type") != "relation":
            continue
        if r["from_id"] not in index or r["to_id"] not in index:
            raise AnnotationError(f"{where}: a relation joins regions that are not labelled spans")
        head, child = index[r["from_id"]], index[r["to_id"]]
        if r.get("direction") == "left":
            head, child = child, head
        labels = r.get("labels") or []
        status = next((lab for lab in labels if lab in _STATUS_LABELS), None)
        for label in labels:
            if label not in _STATUS_LABELS:
                rel = {"head": head, "child": child, "label": label}
                if status and label == "has_title":
                    rel["status"] = status
                relations.append(rel)
    doc_id = str(data.get("doc_id") or task.get("id") or "")
    meta = dict(data.get("meta") or {})
    meta.setdefault("source", "label-studio")
    return Record(doc_id, text, spans, relations, meta, where)


def import_label_studio(tasks: list, where: str) -> Imported:
    out = Imported()
    for n, task in enumerate(tasks, 1):
        here = f"{where}: task {n}"
        if not isinstance(task, dict):
            raise AnnotationError(f"{here}: not a task object")
        annotation = _completed(task)
        if annotation is None:
            skipped = any(isinstance(a, dict) and a.get("was_cancelled") for a in task.get("annotations") or [])
            out.skipped.append(f"{here} (id {task.get('id')}): "
                               + ("skipped by the annotator" if skipped else "no completed annotation"))
            continue
        out.records.append(from_label_studio(task, annotation, here))
    return out


# --- doccano ---------------------------------------------------------------------------
def from_doccano(line: dict, where: str) -> Record:
    """A doccano export line: `entities` + `relations`, or the older `label` triples."""
    text = line.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: line has no 'text'")
    if "entities" in line:
        ents = sorted(line["entities"], key=lambda e: (e["start_offset"], e["end_offset"]))
        index = {e["id"]: n for n, e in enumerate(ents)}
        spans = [{"start": e["start_offset"], "end": e["end_offset"], "label": e["label"]} for e in ents]
        relations = [{"head": index[r["from_id"]], "child": index[r["to_id"]], "label": r["type"]}
                     for r in line.get("relations") or []]
    else:
        spans = [{"start": s, "end": e, "label": label} for s, e, label in sorted(line.get("label") or [])]
        relations = []
    meta = {k: v for k, v in line.items() if k not in {"text", "entities", "relations", "label", "id"}}
    meta.setdefault("source", "doccano")
    return Record(str(line.get("doc_id") or line.get("id") or ""), text, spans, relations, meta, where)


def import_file(path: Path, tool: str) -> Imported:
    """Read an export of `tool` ("label-studio" or "doccano") into records."""
    if tool == "label-studio":
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise AnnotationError(f"{path}:{err.lineno}: not JSON ({err.msg})") from None
        return import_label_studio([tasks] if isinstance(tasks, dict) else tasks, str(path))
    return Imported([from_doccano(data, where) for where, _, data in json_lines(path)])


# --- sheets ----------------------------------------------------------------------------
def sources(articles: Path) -> dict[str, dict]:
    """SOURCES.tsv of an article folder, by file: outlet, year and the rest."""
    table = articles / "SOURCES.tsv"
    if not table.exists():
        return {}
    lines = table.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return {row[0]: dict(zip(head, row)) for row in (line.split("\t") for line in lines[1:] if line)}


def import_sheets(paths: list[Path], articles: Path) -> Imported:
    """Sheets (`sheet.py`) of articles under `articles` as published-text records; the id is
    the article's file name without .txt, `meta.published` the sheet's dateline or the
    source's year (guidelines case 39)."""
    import unicodedata

    from .sheet import parse, to_record

    found = sources(articles)

    def read_article(file: str) -> str:
        path = articles / file
        if not path.exists():
            raise AnnotationError(f"{path}: the sheet's article is not there")
        return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))

    out = Imported()
    for path in paths:
        sheet = parse(path.read_text(encoding="utf-8"), str(path), read_article)
        source = found.get(sheet.file, {})
        meta = {"source": "published", "file": sheet.file}
        if sheet.notes:
            meta["notes"] = sheet.notes
        if source:
            meta.update(outlet=source.get("outlet or site"), year=source.get("year"),
                        province=source.get("province"), genre=source.get("sub-genre"))
            if not sheet.published and (source.get("year") or "").isdigit():
                sheet.published = source["year"]
        out.records.append(to_record(sheet, Path(sheet.file).stem, meta, str(path)))
    return out
