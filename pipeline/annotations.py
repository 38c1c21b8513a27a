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
from .shapes import is_iso_date
from .spans import crosses, span_problem


@dataclass(frozen=True)
class Segmentation:
    """Where the segmenter puts word edges and sentence ends in a text."""

    starts: set[int]
    ends: set[int]
    sentence_ends: list[int]


Segment = Callable[[str], Segmentation]


def _is_integer(value: object) -> bool:
    """An int in JSON: not 12.0, "12" or true (Python counts a bool as an int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _ends_and_label(item: dict, first: str, second: str) -> tuple[int, int, str] | None:
    """The two integer fields and the label of a span or relation; None when one is missing or
    not an integer."""
    if not (_is_integer(item.get(first)) and _is_integer(item.get(second))
            and isinstance(item.get("label"), str)):
        return None
    return item[first], item[second], item["label"]


def _piece(record: Record, n: int) -> str:
    """The text of span n, or '?' when its offsets are broken (reported on their own)."""
    span = record.spans[n]
    start, end = span.get("start"), span.get("end")
    return record.text[start:end] if _is_integer(start) and _is_integer(end) else "?"


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
        elif "ref" in span and not isinstance(span["ref"], str):
            say(f"span {n} '{piece}': ref {span['ref']!r} must be a string")
        previous_end, previous_text = end, piece


def _ref_problems(record: Record, say: Callable[[str], None]) -> None:
    """A ref names one thing (schema v2), so all its mentions carry one label."""
    first: dict[str, int] = {}
    for n, span in enumerate(record.spans):
        ref = span.get("ref")
        if not isinstance(ref, str):
            continue
        m = first.setdefault(ref, n)
        if record.spans[m].get("label") != span.get("label"):
            say(f"span {n} '{_piece(record, n)}' ({span.get('label')}) shares ref {ref!r} with "
                f"span {m} '{_piece(record, m)}' ({record.spans[m].get('label')}): a ref names one thing")


def _status_problem(label: str, status: object) -> str | None:
    """What is wrong with a relation's status: an unknown value, one that is written as no
    status, or a status on a relation other than has_title."""
    if status is None:
        return None
    if status not in STATUSES:
        return f"status {status!r} is not one of the statuses ({', '.join(STATUSES)})"
    if label != "has_title":
        return f"status {status!r}: a status ({', '.join(STATUSES[1:])}) goes only on has_title"
    if status == STATUSES[0]:
        return f"status {status!r} is written as no status (leave 'status' out)"
    return None


def _relation_problems(record: Record, say: Callable[[str], None]) -> None:
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
            say(f"relation {n} {label} '{_piece(record, head)}' -> '{_piece(record, child)}' joins "
                f"{got[0]} -> {got[1]}, needs {want[0]} -> {want[1]}")
        if problem := _status_problem(label, rel.get("status")):
            say(f"relation {n} ({label}): {problem}")
        if (head, child, label) in seen:
            say(f"relation {n} ({label} {head} -> {child}) is given twice")
        seen.add((head, child, label))
    titled = {r["child"] for r in record.relations
              if r.get("label") == "has_title" and _is_integer(r.get("child"))}
    for n, span in enumerate(record.spans):
        if span.get("label") == "TITLE" and n not in titled:
            say(f"span {n} '{_piece(record, n)}' is a TITLE no person holds "
                "(rule 2: mark TITLE only with its has_title)")


def structure_problems(record: Record) -> list[str]:
    """What would keep a record from being scored or converted at all: spans with integer
    offsets inside the text, relations between spans that exist. Predictions (another
    system's too) need only this; the guidelines' checks are for gold."""
    problems = []
    for n, span in enumerate(record.spans):
        parsed = _ends_and_label(span, "start", "end")
        if parsed is None or not 0 <= parsed[0] < parsed[1] <= len(record.text):
            problems.append(f"{record.where}: span {n}: needs integer 'start' < 'end' inside the text "
                            f"and a 'label': {span}")
    for n, rel in enumerate(record.relations):
        parsed = _ends_and_label(rel, "head", "child")
        if parsed is None or not (0 <= parsed[0] < len(record.spans) and 0 <= parsed[1] < len(record.spans)):
            problems.append(f"{record.where}: relation {n}: needs integer 'head' and 'child' that are span "
                            f"indices, and a 'label': {rel}")
    return problems


def record_problems(record: Record, segment: Segment | None) -> list[str]:
    """Everything wrong with one record, each as `file:line: problem`."""
    problems: list[str] = []

    def say(message: str) -> None:
        problems.append(f"{record.where}: {message}")

    if not record.id:
        say("no 'id'")
    if not unicodedata.is_normalized("NFC", record.text):
        say("text is not in Unicode NFC (gold texts are stored in NFC)")
    published = record.meta.get("published")
    if published is not None and not is_iso_date(published):
        say(f"meta.published {published!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _span_problems(record, say)
    _ref_problems(record, say)
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


def segmentation() -> Segment:
    """Word edges and sentence ends from the pipeline's own segmenter."""
    from .extensions import char_offsets
    from .language import segmenter_only

    nlp = segmenter_only()

    def segment(text: str) -> Segmentation:
        doc = nlp.make_doc(text)
        words = [char_offsets(doc[t.i:t.i + 1]) for t in doc if not t.is_space]
        return Segmentation({start for start, _ in words}, {end for _, end in words},
                            [char_offsets(s)[1] for s in doc.sents])

    return segment


def validate(paths: list[Path], segment: Segment | None) -> list[str]:
    """Problems of every record in the files, plus ids used twice anywhere. A line that is
    not a record is reported and skipped: the lines after it are checked all the same."""
    return _checked(paths, segment)[1]


def _checked(paths: list[Path], segment: Segment | None) -> tuple[list[Record], list[str]]:
    """The records of the files and their problems (`validate`)."""
    records: list[Record] = []
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        for record in read_records(path, problems):
            records.append(record)
            problems.extend(record_problems(record, segment))
            if record.id in first_seen:
                problems.append(f"{record.where}: duplicate id {record.id!r} "
                                f"(first at {first_seen[record.id]})")
            first_seen.setdefault(record.id, record.where)
    return records, problems


def require_valid(paths: list[Path], segment: Segment | None) -> list[Record]:
    """The records of the files, or an error with every problem they have: training on gold
    that `annotations validate` rejects would crash deep inside, or learn from the mistakes
    without a word."""
    records, problems = _checked(paths, segment)
    if problems:
        raise AnnotationError(f"{len(problems)} problem(s) in the gold files; fix them (`python -m "
                              "pipeline annotations validate` lists them) and train again:\n  "
                              + "\n  ".join(problems))
    return records


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
