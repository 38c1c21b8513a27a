"""Gold annotations: check them, count them, and know which are held out.

`validate` reports every problem of a gold file as `file:line: what is wrong`, by the
same span rules predictions obey (`spans.py`), the schema (labels, relation types,
v2 refs and statuses) and the segmenter's words and sentences: a span that does not
fall on word edges cannot be learnt, and a span never crosses a sentence end.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import AnnotationError
from .paths import ANNOTATIONS_DIR, SPLIT_FILE
from .records import Record, read_many, read_records
from .schema import LABELS, REF_LABELS, RELATION_TYPES, STATUSES
from .spans import crosses, span_problem


@dataclass(frozen=True)
class Segmentation:
    """Where the segmenter puts word edges and sentence ends in a text."""

    starts: set[int]
    ends: set[int]
    sentence_ends: list[int]


Segment = Callable[[str], Segmentation]


def _ends_and_label(item: dict, first: str, second: str) -> tuple[int, int, str] | None:
    """The two integer fields and the label of a span or relation; None when one is missing or
    not an integer."""
    try:
        return int(item[first]), int(item[second]), item["label"]
    except (KeyError, TypeError, ValueError):
        return None


def _span_problems(record: Record, say: Callable[[str], None]) -> None:
    text = record.text
    previous_end, previous_text = -1, ""
    for n, span in enumerate(record.spans):
        if (parsed := _ends_and_label(span, "start", "end")) is None:
            say(f"span {n}: needs integer 'start', 'end' and a 'label': {span}")
            continue
        start, end, label = parsed
        if not 0 <= start < end <= len(text):
            say(f"span {n} [{start}:{end}] is outside the text (length {len(text)})")
            continue
        piece = text[start:end]
        if label not in LABELS:
            say(f"span {n} '{piece}': unknown label {label!r} (labels: {', '.join(LABELS)})")
        problem = span_problem(text, start, end)
        if problem:
            say(f"span {n} '{piece}': {problem}")
        if start < previous_end:
            say(f"span {n} '{piece}' overlaps or comes before span {n - 1} '{previous_text}' "
                "(spans are flat and sorted by start)")
        if "ref" in span and label not in REF_LABELS:
            say(f"span {n} '{piece}': a ref is for {', '.join(REF_LABELS)} spans, not {label}")
        previous_end, previous_text = end, piece


def _relation_problems(record: Record, say: Callable[[str], None]) -> None:
    text = record.text
    seen: set[tuple] = set()
    for n, rel in enumerate(record.relations):
        if (parsed := _ends_and_label(rel, "head", "child")) is None:
            say(f"relation {n}: needs integer 'head', 'child' and a 'label': {rel}")
            continue
        head, child, label = parsed
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
        status = rel.get("status")
        if status is not None and (label != "has_title" or status not in STATUSES[1:]):
            say(f"relation {n} ({label}): status {status!r}: a status ({', '.join(STATUSES[1:])}) "
                "goes only on has_title")
        if (head, child, label) in seen:
            say(f"relation {n} ({label} {head} -> {child}) is given twice")
        seen.add((head, child, label))
    titled = {int(r["child"]) for r in record.relations
              if r.get("label") == "has_title" and str(r.get("child", "")).isdigit()}
    for n, span in enumerate(record.spans):
        if span.get("label") == "TITLE" and n not in titled:
            say(f"span {n} '{text[span['start']:span['end']]}' is a TITLE no person holds "
                "(rule 2: mark TITLE only with its has_title)")


def record_problems(record: Record, segment: Segment | None) -> list[str]:
    """Everything wrong with one record, each as `file:line: problem`."""
    problems: list[str] = []

    def say(message: str) -> None:
        problems.append(f"{record.where}: {message}")

    if not record.id:
        say("no 'id'")
    if not unicodedata.is_normalized("NFC", record.text):
        say("text is not in Unicode NFC (gold texts are stored in NFC)")
    _span_problems(record, say)
    _relation_problems(record, say)
    if segment is not None and not problems:
        words = segment(record.text)
        for n, span in enumerate(record.spans):
            piece = f"span {n} '{record.text[span['start']:span['end']]}' ({span['label']})"
            if span["start"] not in words.starts or span["end"] not in words.ends:
                say(f"{piece} does not line up with word boundaries after segmentation")
            elif crosses(span["start"], span["end"], words.sentence_ends):
                say(f"{piece} crosses a sentence end")
    return problems


def validate(paths: list[Path], segment: Segment | None) -> list[str]:
    """Problems of every record in the files, plus ids used twice anywhere."""
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        try:
            for record in read_records(path):
                problems.extend(record_problems(record, segment))
                if record.id in first_seen:
                    problems.append(f"{record.where}: duplicate id {record.id!r} "
                                    f"(first at {first_seen[record.id]})")
                first_seen.setdefault(record.id, record.where)
        except AnnotationError as err:
            problems.append(str(err))
    return problems


# --- the gold sets, splits and counts ---------------------------------------------------
GOLD_SETS = ("gold", "written", "published")  # folders of annotations/ the models learn from
# annotations/agreement/ holds the second annotations that measure agreement: never trained on.


def gold_files(folder: Path = ANNOTATIONS_DIR) -> list[Path]:
    """Every gold JSONL file, in path order."""
    return sorted(f for name in GOLD_SETS for f in (folder / name).rglob("*.jsonl"))


def heldout_ids(split_file: Path = SPLIT_FILE) -> set[str]:
    """Ids of the documents kept out of training, fixed in the repository."""
    if not split_file.exists():
        return set()
    return set(json.loads(split_file.read_text(encoding="utf-8"))["heldout"])


def split(records: list[Record], heldout: set[str] | None = None) -> tuple[list[Record], list[Record]]:
    """(training, held-out) records by annotations/split.json."""
    heldout = heldout_ids() if heldout is None else heldout
    return [r for r in records if r.id not in heldout], [r for r in records if r.id in heldout]


def gold_split() -> tuple[list[Record], list[Record]]:
    """(training, held-out) gold records of annotations/."""
    return split(read_many(gold_files()))


def published_and_extra(records: list[Record]) -> tuple[list[Record], list[Record]]:
    """(published articles, the rest): the published ones are what cross-validation tests on;
    the written documents and the sample articles only ever train."""
    return ([r for r in records if r.meta.get("source") == "published"],
            [r for r in records if r.meta.get("source") != "published"])


def folds(records: list[Record], k: int, seed: int, by: str | None = None) -> list[list[Record]]:
    """k folds of documents, shuffled with a fixed seed; or, with `by` (a `meta` field such as
    "outlet"), one fold per value of that field, so each fold tests on a source none of its
    training documents comes from, as the held-out split does."""
    import random

    if by:
        groups: dict[str, list[Record]] = {}
        for record in sorted(records, key=lambda r: r.id):
            if by not in record.meta:
                raise AnnotationError(f"{record.where or record.id}: folds by {by!r}, and its meta has no {by!r}")
            groups.setdefault(str(record.meta[by]), []).append(record)
        if len(groups) < 2:
            raise AnnotationError(f"folds by {by!r}: the documents hold {len(groups)} value(s); "
                                  "at least two are needed")
        return [groups[value] for value in sorted(groups)]
    ordered = sorted(records, key=lambda r: r.id)
    random.Random(seed).shuffle(ordered)
    return [ordered[i::k] for i in range(k)]


def stats(records: list[Record], heldout: set[str], count_words: Callable[[str], int]) -> dict:
    """Documents, words, spans and relations per label, per split and in all."""
    table: dict[str, dict] = {}
    for record in records:
        words = count_words(record.text)  # segmenting is the costly part: once a record
        for part in ("all", "heldout" if record.id in heldout else "train"):
            row = table.setdefault(part, {"documents": 0, "words": 0, "spans": Counter(),
                                          "relations": Counter(), "sources": Counter()})
            row["documents"] += 1
            row["words"] += words
            row["spans"].update(s["label"] for s in record.spans)
            row["relations"].update(r["label"] for r in record.relations)
            row["sources"][record.meta.get("source", "?")] += 1
    return {part: {**row, "spans": dict(sorted(row["spans"].items())),
                   "relations": dict(sorted(row["relations"].items())),
                   "sources": dict(sorted(row["sources"].items()))}
            for part, row in table.items()}


def format_stats(table: dict) -> str:
    parts = [s for s in ("train", "heldout", "all") if s in table]
    rows = [("documents", lambda r: r["documents"]), ("words", lambda r: r["words"])]
    sources = sorted({s for r in table.values() for s in r["sources"]})
    rows += [(f"documents ({s})", lambda r, s=s: r["sources"].get(s, 0)) for s in sources]
    rows += [(label, lambda r, lab=label: r["spans"].get(lab, 0)) for label in LABELS]
    rows += [(label, lambda r, lab=label: r["relations"].get(lab, 0)) for label in RELATION_TYPES]
    lines = ["| | " + " | ".join(parts) + " |", "|---" * (len(parts) + 1) + "|"]
    for name, get in rows:
        lines.append(f"| {name} | " + " | ".join(f"{get(table[s]):,}" for s in parts) + " |")
    return "\n".join(lines)
