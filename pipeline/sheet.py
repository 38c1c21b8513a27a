"""A plain-text annotation sheet: annotate an article in a text editor, by quoting it.

Offsets are what a person gets wrong; quoted text is what a person reads. A sheet
names each span by its sentence number and its exact words, and the converter finds
the offsets. `python -m pipeline annotations sheet ARTICLE.txt` prints the article's
numbered sentences; the annotator writes a sheet beside it:

    file: crawlvn/crawlvn-0001.txt
    published: 2019-09-18
    p1 | 3 | PER   | Nguyễn Đức Chính
    t1 | 3 | TITLE | Chủ tịch
    o1 | 3 | ORG   | UBND tỉnh
    p2 | 5 | PER   | Chính | ref=p1
    r  | p1 | has_title | t1 | ended
    r  | t1 | title_of  | o1

A span line is `ID | SENTENCE | LABEL | TEXT`, then optionally `#N` (the N-th match,
default the first) and `ref=ID` (the same person, body or document as span ID). Spans
of one sentence are listed in text order: each is looked for after the end of the
previous one in that sentence, at word edges. A relation line is
`r | HEAD | LABEL | CHILD`, with a status after has_title when the text gives one.
Sheets are a working format: `annotations import --from sheet` turns them into the
JSONL gold files, and `annotations export --to sheet` turns a record back into one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .errors import AnnotationError
from .records import Record
from .schema import LABELS, REF_LABELS, RELATION_TYPES
from .schema import STATUSES as _ALL_STATUSES
from .shapes import is_iso_date
from .spans import span_problem

STATUSES = _ALL_STATUSES[1:]  # "current" is written as no status
SOURCES = ("published", "written")
# The record fields a sheet has its own lines for; the other text fields go to "meta:" lines.
_OWN_LINES = {"source", "file", "published", "annotator", "notes"}
# Abbreviations whose dot does not end a sentence ("TP. Hồ Chí Minh", "TS. Lê Văn A").
_NO_BREAK_AFTER = {"tp", "ts", "ths", "pgs", "gs", "bs", "ks", "th.s", "ts.bs", "q", "p", "tx", "tt",
                   "st", "ng", "đ/c", "mr", "ms", "dr", "no", "tr"}
_SPAN_RE = re.compile(r"^(?P<id>[A-Za-z][\w-]*)$")


class SheetError(AnnotationError):
    """A sheet that cannot be converted; the message says `file:line: what is wrong`."""


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text: lines, cut after . ! ? … before a capital, a digit or a quote.

    Deliberately simple and fixed: sentence numbers in a sheet must never move."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        while start < line.end() and text[start].isspace():
            start += 1
        for m in re.finditer(r"[.!?…]+[”\"’)]*(?=\s+[“\"‘(]?[\w])", line.group()):
            end = line.start() + m.end()
            nxt = text[end:line.end()].lstrip()
            word = re.search(r"([\w./]+)[.!?…]*[”\"’)]*$", text[start:end])
            if not nxt[:1].isupper() and not nxt[:1].isdigit() and nxt[:1] not in "“\"‘(":
                continue
            if word and text[end - 1] == "." and (
                    word.group(1).lower().rstrip(".") in _NO_BREAK_AFTER or len(word.group(1).rstrip(".")) == 1):
                continue
            if end > start:
                spans.append((start, end))
            start = end
            while start < line.end() and text[start].isspace():
                start += 1
        stop = line.end()
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            spans.append((start, stop))
    return spans


def numbered(text: str) -> str:
    """The article as the annotator sees it: one numbered sentence a line."""
    return "\n".join(f"[{n}] {text[s:e]}" for n, (s, e) in enumerate(sentences(text), 1))


@dataclass
class Sheet:
    """A parsed sheet, with each span's offsets found in the text."""

    file: str
    text: str
    published: str | None = None
    annotator: str | None = None
    spans: list[dict] = field(default_factory=list)  # id, start, end, label, ref_of, line
    relations: list[dict] = field(default_factory=list)  # head, child, label, status, line
    notes: list[str] = field(default_factory=list)
    source: str = "published"  # "written": a document of our own, its text kept beside the sheet
    meta: dict[str, str] = field(default_factory=dict)  # the record's other fields ("meta: KEY=VALUE")


def _at_word_edges(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and \
        not (after.isalnum() and text[end - 1].isalnum())


def _find(text: str, needle: str, lo: int, hi: int, nth: int) -> int:
    at = lo
    found = 0
    while True:
        at = text.find(needle, at, hi)
        if at < 0:
            return -1
        if _at_word_edges(text, at, at + len(needle)):
            found += 1
            if found == nth:
                return at
        at += 1


def parse(source: str, name: str, read_article) -> Sheet:
    """A sheet's text to a Sheet; `read_article(file)` gives the article's NFC text."""
    lines = source.splitlines()
    header: dict[str, str] = {}
    extra: dict[str, str] = {}
    body: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^(file|published|annotator|source|note|meta)\s*:\s*(.*)$", line)
        if m and "|" not in line:
            if m.group(1) == "note":
                header.setdefault("notes", "")
                header["notes"] += m.group(2) + "\n"
            elif m.group(1) == "meta":
                key, eq, value = m.group(2).partition("=")
                if not eq or not key.strip():
                    raise SheetError(f"{name}:{number}: a meta line is 'meta: KEY=VALUE', not {line!r}")
                extra[key.strip()] = value.strip()
            else:
                header[m.group(1)] = m.group(2).strip()
            continue
        body.append((number, [c.strip() for c in unicodedata.normalize("NFC", raw).split("|")]))
    if "file" not in header:
        raise SheetError(f"{name}:1: no 'file:' line naming the article")
    text = read_article(header["file"])
    published = header.get("published") or None
    if published in {"-", "none", "unknown"}:
        published = None
    if published and not is_iso_date(published):
        raise SheetError(f"{name}: published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
    source = header.get("source", "published")
    if source not in SOURCES:
        raise SheetError(f"{name}: source must be {' or '.join(SOURCES)}, not {source!r}")
    sheet = Sheet(header["file"], text, published, header.get("annotator"),
                  notes=[n for n in header.get("notes", "").splitlines() if n], source=source, meta=extra)
    sents = sentences(text)
    cursor: dict[int, int] = {}
    problems: list[str] = []
    ids: dict[str, int] = {}
    for number, cells in body:
        where = f"{name}:{number}"
        if cells[0] == "r":
            if len(cells) not in (4, 5):
                problems.append(f"{where}: a relation is `r | HEAD | LABEL | CHILD [| STATUS]`")
                continue
            sheet.relations.append({"head": cells[1], "label": cells[2], "child": cells[3],
                                    "status": cells[4] if len(cells) == 5 and cells[4] else None,
                                    "line": where})
            continue
        if len(cells) < 4 or not _SPAN_RE.match(cells[0]) or not cells[1].isdigit():
            problems.append(f"{where}: a span is `ID | SENTENCE | LABEL | TEXT [| #N] [| ref=ID]`")
            continue
        span_id, sent_no, label, needle = cells[0], int(cells[1]), cells[2], cells[3]
        nth, ref_of = 1, None
        for extra in cells[4:]:
            if re.fullmatch(r"#\d+", extra):
                nth = int(extra[1:])
            elif extra.startswith("ref="):
                ref_of = extra[4:].strip()
            elif extra:
                problems.append(f"{where}: unknown field {extra!r} (want #N or ref=ID)")
        if span_id in ids:
            problems.append(f"{where}: id {span_id} is used twice")
            continue
        if label not in LABELS:
            problems.append(f"{where}: unknown label {label!r}")
            continue
        if not 1 <= sent_no <= len(sents):
            problems.append(f"{where}: no sentence {sent_no} (the article has {len(sents)})")
            continue
        s_start, s_end = sents[sent_no - 1]
        lo = max(cursor.get(sent_no, s_start), s_start)
        at = _find(text, needle, lo, s_end, nth)
        if at < 0:
            shown = text[lo:s_end][:80]
            problems.append(f"{where}: {needle!r} (#{nth}) not found in sentence {sent_no} "
                            f"after the previous span of that sentence: «{shown}…»")
            continue
        cursor[sent_no] = at + len(needle)
        ids[span_id] = len(sheet.spans)
        sheet.spans.append({"id": span_id, "start": at, "end": at + len(needle), "label": label,
                            "ref_of": ref_of, "line": where})
    problems += check(sheet, ids, name)
    if problems:
        raise SheetError("\n".join(problems))
    return sheet


def check(sheet: Sheet, ids: dict[str, int], name: str) -> list[str]:
    """The schema's rules that a sheet can break."""
    problems: list[str] = []
    spans = sheet.spans
    for span in spans:
        piece = sheet.text[span["start"]:span["end"]]
        where = span["line"]
        problem = span_problem(sheet.text, span["start"], span["end"])
        if problem:
            problems.append(f"{where}: span {piece!r} {problem}")
        if span["ref_of"] is not None:
            if span["label"] not in REF_LABELS:
                problems.append(f"{where}: ref= is for PER, ORG and DOC spans, not {span['label']}")
            elif span["ref_of"] not in ids:
                problems.append(f"{where}: ref={span['ref_of']} names no span")
            elif spans[ids[span["ref_of"]]]["label"] != span["label"]:
                problems.append(f"{where}: ref={span['ref_of']} is a "
                                f"{spans[ids[span['ref_of']]]['label']}, this is a {span['label']}")
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"]))
    for a, b in zip(ordered, ordered[1:]):
        if b["start"] < a["end"]:
            problems.append(f"{b['line']}: span {sheet.text[b['start']:b['end']]!r} overlaps "
                            f"{sheet.text[a['start']:a['end']]!r} ({a['line']})")
    titled: set[str] = set()
    seen: set[tuple] = set()
    for rel in sheet.relations:
        where = rel["line"]
        if rel["label"] not in RELATION_TYPES:
            problems.append(f"{where}: unknown relation {rel['label']!r}")
            continue
        if rel["head"] not in ids or rel["child"] not in ids:
            problems.append(f"{where}: {rel['head']} or {rel['child']} names no span")
            continue
        want = RELATION_TYPES[rel["label"]]
        got = (spans[ids[rel["head"]]]["label"], spans[ids[rel["child"]]]["label"])
        if got != want:
            problems.append(f"{where}: {rel['label']} joins {want[0]} -> {want[1]}, "
                            f"not {got[0]} -> {got[1]}")
        if rel["status"] is not None and (rel["label"] != "has_title" or rel["status"] not in STATUSES):
            problems.append(f"{where}: a status ({', '.join(STATUSES)}) goes only on has_title")
        key = (rel["head"], rel["label"], rel["child"])
        if key in seen:
            problems.append(f"{where}: relation given twice")
        seen.add(key)
        if rel["label"] == "has_title":
            titled.add(rel["child"])
    for span in spans:
        if span["label"] == "TITLE" and span["id"] not in titled:
            problems.append(f"{span['line']}: TITLE {sheet.text[span['start']:span['end']]!r} "
                            "has no has_title (rule 2: a title is marked only when a named person holds it)")
    return problems


def _ref_groups(sheet: Sheet) -> dict[str, str]:
    """Each PER/ORG/DOC span id to its ref: p1, o2, d3 … numbered by first mention."""
    by_id = {s["id"]: s for s in sheet.spans}

    def root(span_id: str) -> str:
        seen = set()
        while by_id[span_id]["ref_of"] and span_id not in seen:
            seen.add(span_id)
            span_id = by_id[span_id]["ref_of"]
        return span_id

    names: dict[str, str] = {}
    counters = dict.fromkeys(REF_LABELS, 0)
    out: dict[str, str] = {}
    for span in sorted(sheet.spans, key=lambda s: s["start"]):
        if span["label"] not in REF_LABELS:
            continue
        r = root(span["id"])
        if r not in names:
            counters[span["label"]] += 1
            names[r] = f"{span['label'][0].lower()}{counters[span['label']]}"
        out[span["id"]] = names[r]
    return out


def to_record(sheet: Sheet, doc_id: str, meta: dict, where: str = "") -> Record:
    """The sheet as a record of the annotation format (schema v2)."""
    ordered = sorted(sheet.spans, key=lambda s: s["start"])
    index = {s["id"]: n for n, s in enumerate(ordered)}
    refs = _ref_groups(sheet)
    spans = []
    for s in ordered:
        item = {"start": s["start"], "end": s["end"], "label": s["label"]}
        if s["id"] in refs:
            item["ref"] = refs[s["id"]]
        spans.append(item)
    relations = []
    for r in sheet.relations:
        item = {"head": index[r["head"]], "child": index[r["child"]], "label": r["label"]}
        if r["status"]:
            item["status"] = r["status"]
        relations.append(item)
    relations.sort(key=lambda r: (r["head"], r["child"], r["label"]))
    meta = {**sheet.meta, **meta}
    if sheet.published:
        meta["published"] = sheet.published
    if sheet.annotator:
        meta["annotator"] = sheet.annotator
    return Record(doc_id, sheet.text, spans, relations, meta, where)


def to_sheet(record: Record, file: str) -> str:
    """A record back to a sheet (ids from refs and positions), for review in a text editor."""
    text = record.text
    sents = sentences(text)
    lines = [f"file: {file}"]
    if record.meta.get("published"):
        lines.append(f"published: {record.meta['published']}")
    if record.meta.get("annotator"):
        lines.append(f"annotator: {record.meta['annotator']}")
    if record.meta.get("source") == "written":
        lines.append("source: written")
    lines += [f"note: {note}" for note in record.meta.get("notes") or []]  # kept through a round trip
    lines += [f"meta: {key}={value}" for key, value in record.meta.items()
              if key not in _OWN_LINES and isinstance(value, str | int) and not {"\n", "|"} & set(str(value))]
    ids = []
    first_of_ref: dict[str, str] = {}
    cursor: dict[int, int] = {}
    for n, span in enumerate(record.spans):
        sent_no = next((k for k, (s, e) in enumerate(sents, 1) if s <= span["start"] < e), 0)
        s_start, s_end = sents[sent_no - 1]
        piece = text[span["start"]:span["end"]]
        lo = cursor.get(sent_no, s_start)
        nth, at = 1, _find(text, piece, lo, s_end, 1)
        while at != span["start"] and at >= 0:
            nth += 1
            at = _find(text, piece, lo, s_end, nth)
        cursor[sent_no] = span["end"]
        span_id = f"{span['label'][0].lower()}{n + 1}" if span["label"] != "DATE" else f"dt{n + 1}"
        ids.append(span_id)
        cells = [span_id, str(sent_no), span["label"], piece]
        if nth > 1:
            cells.append(f"#{nth}")
        ref = span.get("ref")
        if ref:
            if ref in first_of_ref:
                cells.append(f"ref={first_of_ref[ref]}")
            else:
                first_of_ref[ref] = span_id
        lines.append(" | ".join(cells))
    for rel in record.relations:
        cells = ["r", ids[rel["head"]], rel["label"], ids[rel["child"]]]
        if rel.get("status"):
            cells.append(rel["status"])
        lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"
