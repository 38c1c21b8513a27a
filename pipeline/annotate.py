"""The annotation loop: validate gold files, count them, convert to and from annotation tools.

Label Studio (JSON export of tasks) and doccano (JSONL export, with or without
relations) are converted to our format; `extract`'s annotations.jsonl is turned
into Label Studio tasks whose predictions are pre-annotations, so a person
corrects the machine instead of starting from blank text.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .gold import LABELS, RELATION_TYPES, AnnotationError, Record, read_records

SPLIT_FILE = Path(__file__).resolve().parent.parent / "annotations" / "split.json"


# --- validation -------------------------------------------------------------------
def record_problems(record: Record, word_edges: Callable[[str], tuple[set, set]] | None) -> list[str]:
    """Everything wrong with one record, each as `file:line: problem`."""
    problems: list[str] = []
    text = record.text

    def say(message: str) -> None:
        problems.append(f"{record.where}: {message}")

    if not record.id:
        say("no 'id'")
    if not unicodedata.is_normalized("NFC", text):
        say("text is not in Unicode NFC (gold texts are stored in NFC)")
    previous_end, previous_text = -1, ""
    for n, span in enumerate(record.spans):
        try:
            start, end, label = int(span["start"]), int(span["end"]), span["label"]
        except (KeyError, TypeError, ValueError):
            say(f"span {n}: needs integer 'start', 'end' and a 'label': {span}")
            continue
        if not 0 <= start < end <= len(text):
            say(f"span {n} [{start}:{end}] is outside the text (length {len(text)})")
            continue
        piece = text[start:end]
        if label not in LABELS:
            say(f"span {n} '{piece}': unknown label {label!r} (labels: {', '.join(LABELS)})")
        if piece != piece.strip():
            say(f"span {n} '{piece}': starts or ends with whitespace")
        if start < previous_end:
            say(f"span {n} '{piece}' overlaps or comes before span {n - 1} '{previous_text}' "
                "(spans are flat and sorted by start)")
        previous_end, previous_text = end, piece
    if word_edges is not None and not problems:
        starts, ends = word_edges(text)
        for n, span in enumerate(record.spans):
            if span["start"] not in starts or span["end"] not in ends:
                say(f"span {n} '{text[span['start']:span['end']]}' ({span['label']}) does not line "
                    "up with word boundaries after segmentation")
    seen_rel: set[tuple] = set()
    for n, rel in enumerate(record.relations):
        try:
            head, child, label = int(rel["head"]), int(rel["child"]), rel["label"]
        except (KeyError, TypeError, ValueError):
            say(f"relation {n}: needs integer 'head', 'child' and a 'label': {rel}")
            continue
        if not (0 <= head < len(record.spans) and 0 <= child < len(record.spans)):
            say(f"relation {n} ({label}): head {head} or child {child} is not a span index")
            continue
        if label not in RELATION_TYPES:
            say(f"relation {n}: unknown label {label!r} (labels: {', '.join(RELATION_TYPES)})")
            continue
        want = RELATION_TYPES[label]
        got = (record.spans[head].get("label"), record.spans[child].get("label"))
        if got != want:
            h, c = (text[record.spans[i]["start"]:record.spans[i]["end"]] for i in (head, child))
            say(f"relation {n} {label} '{h}' -> '{c}' joins {got[0]} -> {got[1]}, "
                f"needs {want[0]} -> {want[1]}")
        if (head, child, label) in seen_rel:
            say(f"relation {n} ({label} {head} -> {child}) is given twice")
        seen_rel.add((head, child, label))
    titled = {int(r["child"]) for r in record.relations
              if r.get("label") == "has_title" and str(r.get("child", "")).isdigit()}
    for n, span in enumerate(record.spans):
        if span.get("label") == "TITLE" and n not in titled:
            say(f"span {n} '{text[span['start']:span['end']]}' is a TITLE no person holds "
                "(rule 2: mark TITLE only with its has_title)")
    return problems


def validate(paths: list[Path], word_edges: Callable[[str], tuple[set, set]] | None) -> list[str]:
    """Problems of every record in the files, plus ids used twice anywhere."""
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        try:
            for record in read_records(path):
                problems.extend(record_problems(record, word_edges))
                if record.id in first_seen:
                    problems.append(f"{record.where}: duplicate id {record.id!r} "
                                    f"(first at {first_seen[record.id]})")
                first_seen.setdefault(record.id, record.where)
        except AnnotationError as err:
            problems.append(str(err))
    return problems


# --- splits and counts --------------------------------------------------------------
def heldout_ids(split_file: Path = SPLIT_FILE) -> set[str]:
    """Ids of the documents kept out of training, fixed in the repository."""
    if not split_file.exists():
        return set()
    return set(json.loads(split_file.read_text(encoding="utf-8"))["heldout"])


def stats(records: list[Record], heldout: set[str], count_words: Callable[[str], int]) -> dict:
    """Documents, words, spans and relations per label, per split and in all."""
    table: dict[str, dict] = {}
    for record in records:
        for split in ("all", "heldout" if record.id in heldout else "train"):
            row = table.setdefault(split, {"documents": 0, "words": 0, "spans": Counter(),
                                           "relations": Counter()})
            row["documents"] += 1
            row["words"] += count_words(record.text)
            row["spans"].update(s["label"] for s in record.spans)
            row["relations"].update(r["label"] for r in record.relations)
    return {split: {**row, "spans": dict(sorted(row["spans"].items())),
                    "relations": dict(sorted(row["relations"].items()))}
            for split, row in table.items()}


def format_stats(table: dict) -> str:
    splits = [s for s in ("train", "heldout", "all") if s in table]
    rows = [("documents", lambda r: r["documents"]), ("words", lambda r: r["words"])]
    rows += [(label, lambda r, lab=label: r["spans"].get(lab, 0)) for label in LABELS]
    rows += [(label, lambda r, lab=label: r["relations"].get(lab, 0)) for label in RELATION_TYPES]
    lines = ["| | " + " | ".join(splits) + " |", "|---" * (len(splits) + 1) + "|"]
    for name, get in rows:
        lines.append(f"| {name} | " + " | ".join(str(get(table[s])) for s in splits) + " |")
    return "\n".join(lines)


# --- Label Studio --------------------------------------------------------------------
def to_label_studio(record: Record, model_version: str = "pipeline") -> dict:
    """One Label Studio task; our spans and relations become its predictions."""
    result = []
    for n, span in enumerate(record.spans):
        result.append({"id": f"s{n}", "from_name": "label", "to_name": "text", "type": "labels",
                       "value": {"start": span["start"], "end": span["end"],
                                 "text": record.text[span["start"]:span["end"]],
                                 "labels": [span["label"]]},
                       **({"score": span["score"]} if "score" in span else {})})
    for rel in record.relations:
        result.append({"type": "relation", "from_id": f"s{rel['head']}", "to_id": f"s{rel['child']}",
                       "direction": "right", "labels": [rel["label"]]})
    scores = [s["score"] for s in record.spans if "score" in s]
    return {"data": {"text": record.text, "doc_id": record.id, "meta": record.meta},
            "predictions": [{"model_version": model_version, "result": result,
                             "score": round(min(scores), 3) if scores else 1.0}]}


def from_label_studio(task: dict, where: str) -> Record:
    """A Label Studio task (its first annotation, else its first prediction) in our format."""
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: task has no data.text")
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    chosen = done or task.get("predictions") or [{"result": []}]
    results = chosen[0].get("result") or []
    regions = [r for r in results if r.get("type") == "labels"]
    regions.sort(key=lambda r: (r["value"]["start"], r["value"]["end"]))
    index = {r["id"]: n for n, r in enumerate(regions)}
    spans = [{"start": r["value"]["start"], "end": r["value"]["end"], "label": r["value"]["labels"][0]}
             for r in regions]
    relations = []
    for r in results:
        if r.get("type") != "relation":
            continue
        head, child = index[r["from_id"]], index[r["to_id"]]
        if r.get("direction") == "left":
            head, child = child, head
        for label in r.get("labels") or []:
            relations.append({"head": head, "child": child, "label": label})
    doc_id = str(data.get("doc_id") or task.get("id") or "")
    meta = dict(data.get("meta") or {})
    meta.setdefault("source", "label-studio")
    return Record(doc_id, text, spans, relations, meta, where)


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


def import_file(path: Path, tool: str) -> list[Record]:
    """Read an export of `tool` ("label-studio" or "doccano") into records."""
    raw = path.read_text(encoding="utf-8")
    if tool == "label-studio":
        try:
            tasks = json.loads(raw)
        except json.JSONDecodeError as err:
            raise AnnotationError(f"{path}:{err.lineno}: not JSON ({err.msg})") from None
        if isinstance(tasks, dict):
            tasks = [tasks]
        return [from_label_studio(task, f"{path}: task {n + 1}") for n, task in enumerate(tasks)]
    records = []
    for number, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            try:
                records.append(from_doccano(json.loads(line), f"{path}:{number}"))
            except json.JSONDecodeError as err:
                raise AnnotationError(f"{path}:{number}: not JSON ({err.msg})") from None
    return records
