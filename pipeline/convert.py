"""Converters between our annotation format and the tools annotators use.

Label Studio (JSON export of tasks) and doccano (JSONL export, with or without
relations) come in; `extract`'s annotations.jsonl goes out as Label Studio tasks
whose predictions are pre-annotations, so a person corrects the machine instead of
starting from blank text. Only completed human annotations ever become gold: a
task that was skipped or never annotated is reported, never filled with the
machine's guesses. Whatever an import cannot carry over exactly (a relation with no
type, two statuses, a region with two labels, a second annotation of a task) is said in
a warning naming the task, never dropped in silence. Sheets (`sheet.py`) go both ways too.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AnnotationError
from .records import Record, json_lines
from .schema import STATUSES

_STATUS_LABELS = set(STATUSES[1:])


@dataclass
class Imported:
    """Records read from a tool's export, the tasks left out with the reason, and what was
    dropped or chosen inside the imported ones."""

    records: list[Record] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "where: why"
    warnings: list[str] = field(default_factory=list)  # "where: what was dropped or chosen"


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


def _completed(task: dict) -> list[dict]:
    """The task's annotations a person submitted, not cancelled (skipped)."""
    return [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]


def _latest(annotations: list[dict], where: str, warn: Callable[[str], None]) -> dict:
    """The most recently updated of a task's completed annotations (later in the export on a
    tie): a task annotated twice is a correction, and the other one is named, not merged."""
    n, chosen = max(enumerate(annotations),
                    key=lambda item: (str(item[1].get("updated_at") or item[1].get("created_at") or ""), item[0]))
    if len(annotations) > 1:
        others = ", ".join(str(a.get("id")) for k, a in enumerate(annotations) if k != n)
        warn(f"{where}: {len(annotations)} completed annotations; used the most recently updated "
             f"(id {chosen.get('id')}, {chosen.get('updated_at') or chosen.get('created_at') or 'no date'}), "
             f"not id {others}")
    return chosen


def _region_span(region: dict, where: str, warn: Callable[[str], None]) -> dict:
    """One labelled region as a span; a region with several labels keeps the first, said."""
    value = region["value"]
    labels = value["labels"]
    if len(labels) > 1:
        warn(f"{where}: region '{value.get('text', '')}' [{value['start']}:{value['end']}] has labels "
             f"{', '.join(labels)}; kept {labels[0]}")
    span = {"start": value["start"], "end": value["end"], "label": labels[0]}
    meta = " ".join((region.get("meta") or {}).get("text") or [])
    if "ref=" in meta:
        span["ref"] = meta.split("ref=", 1)[1].split()[0]
    elif "ref" in meta.lower():
        warn(f"{where}: region '{value.get('text', '')}' [{value['start']}:{value['end']}] has the note "
             f"{meta!r}, no 'ref=ID' in it: no ref kept")
    return span


def _relations_of(result: dict, head: int, child: int, what: str, warn: Callable[[str], None]) -> list[dict]:
    """Our relations for one Label Studio relation: one per type label, the status on
    has_title; a relation with no type, a second status or a status elsewhere is said."""
    labels = result.get("labels") or []
    types = [lab for lab in labels if lab not in _STATUS_LABELS]
    statuses = [lab for lab in labels if lab in _STATUS_LABELS]
    if not types:
        warn(f"{what} has no relation type (labels: {labels or 'none'}): dropped")
        return []
    if len(statuses) > 1:
        warn(f"{what} has statuses {', '.join(statuses)}; kept {statuses[0]}")
    if statuses and "has_title" not in types:
        warn(f"{what}: status {statuses[0]} is only for has_title, not {', '.join(types)}: dropped")
    relations = []
    for label in types:
        rel = {"head": head, "child": child, "label": label}
        if statuses and label == "has_title":
            rel["status"] = statuses[0]
        relations.append(rel)
    return relations


def from_label_studio(task: dict, annotation: dict, where: str, warn: Callable[[str], None]) -> Record:
    """One completed Label Studio annotation of a task, in our format."""
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: task has no data.text")
    results = annotation.get("result") or []
    regions = sorted((r for r in results if r.get("type") == "labels"),
                     key=lambda r: (r["value"]["start"], r["value"]["end"]))
    for r in regions:
        if not r["value"].get("labels"):
            raise AnnotationError(f"{where}: region '{r['value'].get('text', '')}' "
                                  f"[{r['value']['start']}:{r['value']['end']}] has no label")
    index = {r["id"]: n for n, r in enumerate(regions)}
    spans = [_region_span(r, where, warn) for r in regions]
    relations = []
    for r in results:
        if r.get("type") != "relation":
            continue
        if r["from_id"] not in index or r["to_id"] not in index:
            raise AnnotationError(f"{where}: a relation joins regions that are not labelled spans")
        head, child = index[r["from_id"]], index[r["to_id"]]
        if r.get("direction") == "left":
            head, child = child, head
        what = (f"{where}: relation '{text[spans[head]['start']:spans[head]['end']]}' -> "
                f"'{text[spans[child]['start']:spans[child]['end']]}'")
        relations.extend(_relations_of(r, head, child, what, warn))
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
        completed = _completed(task)
        if not completed:
            skipped = any(isinstance(a, dict) and a.get("was_cancelled") for a in task.get("annotations") or [])
            out.skipped.append(f"{here} (id {task.get('id')}): "
                               + ("skipped by the annotator" if skipped else "no completed annotation"))
            continue
        here = f"{here} (id {task.get('id')})"
        annotation = _latest(completed, here, out.warnings.append)
        out.records.append(from_label_studio(task, annotation, here, out.warnings.append))
    return out


# --- doccano ---------------------------------------------------------------------------
_DOCCANO_FIELDS = {"text", "entities", "relations", "label", "id", "Comments"}  # not meta


def _doccano_relations(line: dict, index: dict, where: str) -> list[dict]:
    """Relations between the line's entities, by their doccano ids."""
    relations = []
    for r in line.get("relations") or []:
        for end in ("from_id", "to_id"):
            if r.get(end) not in index:
                raise AnnotationError(f"{where}: relation {r.get('id')} ({r.get('type')}): {end} "
                                      f"{r.get(end)!r} is not the id of an entity of this line")
        relations.append({"head": index[r["from_id"]], "child": index[r["to_id"]], "label": r["type"]})
    return relations


def from_doccano(line: dict, where: str) -> Record:
    """A doccano export line: `entities` + `relations`, or the older `label` triples."""
    text = line.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: line has no 'text'")
    if "entities" in line:
        ents = sorted(line["entities"], key=lambda e: (e["start_offset"], e["end_offset"]))
        index = {e["id"]: n for n, e in enumerate(ents)}
        spans = [{"start": e["start_offset"], "end": e["end_offset"], "label": e["label"]} for e in ents]
        relations = _doccano_relations(line, index, where)
    else:
        spans = [{"start": s, "end": e, "label": label} for s, e, label in sorted(line.get("label") or [])]
        relations = []
    meta = {k: v for k, v in line.items() if k not in _DOCCANO_FIELDS}
    meta.setdefault("source", "doccano")
    return Record(str(line.get("doc_id") or line.get("id") or ""), text, spans, relations, meta, where)


def import_doccano(path: Path) -> Imported:
    """A doccano JSONL export; a document with no label at all was never annotated (doccano
    exports every document), so it is skipped and reported, never gold with nothing in it."""
    out = Imported()
    for where, _, line in json_lines(path):
        if not (line.get("entities") or line.get("label")):
            out.skipped.append(f"{where} (id {line.get('id')}): no label (never annotated)")
            continue
        out.records.append(from_doccano(line, where))
    return out


def import_file(path: Path, tool: str) -> Imported:
    """Read an export of `tool` ("label-studio" or "doccano") into records."""
    if tool == "label-studio":
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise AnnotationError(f"{path}:{err.lineno}: not JSON ({err.msg})") from None
        return import_label_studio([tasks] if isinstance(tasks, dict) else tasks, str(path))
    return import_doccano(path)


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
    """Sheets (`sheet.py`) of articles under `articles` as records; the id is the article's
    file name without .txt, `meta.published` the sheet's dateline or the source's year
    (guidelines case 39). A sheet saying "source: written" is one of our own documents, its
    text the file beside it that `annotations export --to sheet` wrote."""
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
        source = found.get(sheet.file, {}) if sheet.source == "published" else {}
        meta = {"source": "published", "file": sheet.file} if sheet.source == "published" else {"source": "written"}
        if sheet.notes:
            meta["notes"] = sheet.notes
        if source:
            meta.update(outlet=source.get("outlet or site"), year=source.get("year"),
                        province=source.get("province"), genre=source.get("sub-genre"))
            if not sheet.published and (source.get("year") or "").isdigit():
                sheet.published = source["year"]
        out.records.append(to_record(sheet, Path(sheet.file).stem, meta, str(path)))
    return out
