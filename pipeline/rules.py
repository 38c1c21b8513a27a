"""Stage 3a: entities with a fixed shape, found by rules over the segmented words.

The segmenter has already kept document codes, dates, organisation heads,
titles and document types whole and tagged them in `token.tag_`, so the
rules here walk words, not characters. Every span gets `_.source = "rules"`
and a score: the share of that rule's spans that were right on the gold data
(see `make eval`), so downstream confidence means something.
"""
from __future__ import annotations

import re
from typing import ClassVar

from spacy.tokens import Doc, Span, Token

from . import lexicon

_CUES = {c.lower() for c in lexicon.DATE_CUES}
_ADMIN = {a.lower() for a in lexicon.ADMIN_LEVELS}
_HONORIFICS = {h.lower() for h in lexicon.HONORIFICS}
_STANDALONE = {o.lower() for o in lexicon.STANDALONE_ORGS}
_ORG_ABBR = set(lexicon.ORG_ABBREVIATIONS)
_TITLE_ABBR = set(lexicon.TITLE_ABBREVIATIONS)
_YEARLESS_DATE = re.compile(r"^\d{1,2}(\s?/\s?|\.|\s+tháng\s+)\d{1,2}$", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLC]+$")
_NUMBER = re.compile(r"^\d{1,4}$")
_NOT_AFTER_NUMBER = {"năm", "tháng", "ngày", "%", "người", "đảng viên", "lớp", "tổ chức", "chi bộ",
                     "xã", "huyện", "đồng chí", "lượt", "cán bộ"}
_ORG_CONTINUE = {"khối", "các cơ quan", "doanh nghiệp", "cơ quan", "và"}
_GENERIC_BEFORE = {"các", "những", "mọi", "từng", "cấp"}
# Heads whose name may be a capitalised word and lower-case words ("Cục Quản lý thị trường").
_DESCRIBED_HEADS = {"sở", "phòng", "bộ", "cục", "tổng cục", "trung tâm", "công ty", "tổng công ty",
                    "ngân hàng", "ban quản lý", "ban chỉ đạo"}
_NAMED_TYPES = {"luật", "pháp lệnh", "bộ luật"}  # identified by name alone
_STOP_WORDS = {"của", "về", "và", "trong", "tại", "đã", "có", "được", "với", "cho", "là", "để",
               "theo", "từ", "đến", "trên", "khi", "sẽ", "đang", "các", "những"}
_NAME_STOPS = _STOP_WORDS | {"số", "ngày", "do", "nhằm", "thì"}  # end a document's name

# Default confidences; a trained model's meta.json carries the precision each label's
# rules reached on the held-out documents, and those replace these.
SCORES = {"DOC": 0.97, "DATE": 0.98, "ORG": 0.85, "LOC": 0.85, "PER": 0.9, "TITLE": 0.9}


def is_name_token(token: Token) -> bool:
    """A capitalised word that is not a known head, title, type or code."""
    text = token.text
    if token.tag_ or not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    return all(part[:1].isupper() for part in text.split())


def _name_run(doc: Doc, i: int, end: int) -> int:
    """End (exclusive) of the run of name words starting at i."""
    j = i
    while j < end and is_name_token(doc[j]) and doc[j].norm_ not in _ADMIN:
        j += 1
    return j


def _syllables(doc: Doc, start: int, end: int) -> int:
    return sum(len(t.text.split()) for t in doc[start:end])


def looks_like_person(doc: Doc, start: int, end: int) -> bool:
    """A run of name words that reads as a Vietnamese full name."""
    return (end > start and doc[start].text.split()[0] in lexicon.FAMILY_NAMES
            and 2 <= _syllables(doc, start, end) <= 5)


class EntityRules:
    """DOC, DATE, ORG, LOC, PER and TITLE from shapes and word lists."""

    name: ClassVar[str] = "rules"
    requires: ClassVar[tuple[str, ...]] = ("words", "sents", "token.tag")
    sets: ClassVar[tuple[str, ...]] = ("ents",)

    def __init__(self, scores: dict[str, float] | None = None) -> None:
        self.scores = {**SCORES, **(scores or {})}

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for sent in doc.sents:
            spans.extend(self.sentence_spans(doc, sent.start, sent.end))
        spans.extend(self.byline(doc))
        doc.ents = _flat(spans)
        return doc

    def sentence_spans(self, doc: Doc, start: int, end: int) -> list[Span]:
        found: list[Span] = []
        taken: set[int] = set()

        def add(s: int, e: int, label: str) -> None:
            if s < e and not taken.intersection(range(s, e)):
                span = Span(doc, s, e, label=label)
                span._.source = "rules"
                span._.score = self.scores[label]
                found.append(span)
                taken.update(range(s, e))

        i = start
        while i < end:
            token = doc[i]
            nxt = i + 1
            if token.tag_ == "doctype":
                e = self._doc_end(doc, i, end)
                if e:
                    add(i, e, "DOC")
                    nxt = e
            elif token.tag_ == "code":
                add(i, i + 1, "DOC")
            elif token.tag_ == "date" and self._is_date(doc, i, start):
                add(i, i + 1, "DATE")
            elif token.norm_ == "ảnh" and i + 2 < end and doc[i + 1].text == ":" \
                    and doc[i + 2].text[:1].isupper():  # photo credit "(Ảnh: HP)"
                e = i + 2
                while e < end and doc[e].text not in {")", "."} and e - i < 6:
                    e += 1
                add(i + 2, e, "PER")
                nxt = e
            elif token.norm_ == "đảng bộ" and i > start and doc[i - 1].norm_ == "toàn":
                nxt = max(self._org_end(doc, i, end), i + 1)  # "toàn Đảng bộ" is the article's own
                add(i, nxt, "ORG")
            elif token.text == "Đảng" and i > start and doc[i - 1].norm_ == "của":  # "… của Đảng"
                add(i, i + 1, "ORG")
            elif self._org_start(doc, i, start):
                e = self._org_end(doc, i, end)
                if e > i:
                    add(i, e, "ORG")
                    nxt = e
            elif token.norm_ in _ADMIN and i + 1 < end and is_name_token(doc[i + 1]):
                e = _name_run(doc, i + 1, end)
                add(i, e, "LOC")
                nxt = e
            i = nxt
        self._people(doc, start, end, add, {s.end: s.start for s in found if s.label_ == "ORG"})
        return found

    # --- documents and dates ---------------------------------------------------
    def _doc_end(self, doc: Doc, i: int, end: int) -> int:
        """End of a DOC starting at a type word, or 0 when no number/name follows."""
        j = i + 1
        if j < end and doc[j].norm_ == "số":
            j += 1
        if j < end and doc[j].tag_ == "code":
            return j + 1
        if j < end and _NUMBER.match(doc[j].text) and not (
                j + 1 < end and doc[j + 1].norm_ in _NOT_AFTER_NUMBER):
            return j + 1
        if j < end and doc[j].norm_ == "trung ương" and j + 1 < end and _NUMBER.match(doc[j + 1].text):
            k = j + 2
            if k + 1 < end and doc[k].norm_ in {"khóa", "khoá"} and _ROMAN.match(doc[k + 1].text):
                k += 2
            return k
        named = self._named_doc_end(doc, i, j, end)
        if named:
            return named
        if j < end and doc[j].norm_ == "đại hội":  # Nghị quyết Đại hội ... lần thứ XIII
            for k in range(j + 1, min(end, j + 14)):
                if doc[k].is_punct:
                    break
                if doc[k].norm_ == "thứ" and k + 1 < end and _ROMAN.match(doc[k + 1].text):
                    return k + 2
        return 0

    @staticmethod
    def _named_doc_end(doc: Doc, i: int, j: int, end: int) -> int:
        """A name between the type word and its code ("Luật Phòng, chống tham nhũng số
        36/2018/QH14", "Nghị quyết liên tịch số 09/2021/…"), or a law by name alone
        ("Luật Hòa giải ở cơ sở"); 0 when neither."""
        k = j
        while k < min(end, j + 10) and not doc[k].tag_ and doc[k].norm_ not in _NAME_STOPS \
                and (not doc[k].is_punct or doc[k].text == ","):
            k += 1
        if k > j and k + 1 < end and doc[k].norm_ == "số" and doc[k + 1].tag_ == "code":
            return k + 2
        if doc[i].norm_ in _NAMED_TYPES and k > j and doc[j].text[:1].isupper():
            return next((m for m in range(j, k) if doc[m].is_punct), k)
        return 0

    def _is_date(self, doc: Doc, i: int, start: int) -> bool:
        if not _YEARLESS_DATE.match(doc[i].text):
            return True
        prev = doc[i - 1] if i > start else None
        return prev is not None and (prev.norm_ in _CUES or prev.tag_ == "date")

    # --- organisations ---------------------------------------------------------
    def _org_start(self, doc: Doc, i: int, start: int) -> bool:
        token = doc[i]
        if token.text in _ORG_ABBR:
            pass
        elif token.tag_ != "org" or not token.text[:1].isupper():
            return False
        prev = doc[i - 1] if i > start else None
        return prev is None or prev.norm_ not in _GENERIC_BEFORE

    def _org_end(self, doc: Doc, i: int, end: int) -> int:
        """Extend an organisation head over admin levels, names and further heads."""
        head = doc[i]
        j = i + 1
        complete = head.norm_ in _STANDALONE or (i > 0 and self._is_title(doc[i - 1]))
        while j < end:
            t = doc[j]
            if t.tag_ == "org" or t.text in _ORG_ABBR or t.text in lexicon.COMPANY_FORMS:
                j += 1
                complete = complete or t.norm_ in _STANDALONE
            elif t.norm_ == "trung ương":  # "Ban Tổ chức Trung ương"
                j += 1
                complete = True
            elif t.norm_ in _ADMIN:
                j += 1
                complete = True
                if j < end and is_name_token(doc[j]):
                    run = _name_run(doc, j, end)
                    if looks_like_person(doc, j, run) and _syllables(doc, j, run) >= 3:
                        break
                    j = run
            elif t.norm_ in _ORG_CONTINUE and j + 1 < end and (
                    doc[j + 1].norm_ in _ADMIN or doc[j + 1].tag_ == "org"
                    or doc[j + 1].norm_ in _ORG_CONTINUE):
                j += 1
            elif t.text[:1].isupper() and not t.tag_ and doc[j - 1].norm_ in _DESCRIBED_HEADS:
                j += 1
                complete = True
                limit = j + 3
                while j < min(end, limit) and not doc[j].is_punct and doc[j].norm_ not in _ADMIN:
                    if doc[j].text == "và" and j + 1 < end and doc[j + 1].text[:1].isupper() \
                            and not doc[j + 1].tag_:  # "Sở Kế hoạch và Đầu tư"
                        j += 2
                    elif doc[j].text.islower() and doc[j].norm_ not in _STOP_WORDS:
                        j += 1
                    else:
                        break
            elif is_name_token(t) and t.norm_ not in {"đảng"}:
                run = _name_run(doc, j, end)
                if looks_like_person(doc, j, run) and _syllables(doc, j, run) >= 3:
                    break
                j = run
                complete = True
            elif t.norm_ == "đảng" and doc[j - 1].tag_ == "org":
                j += 1
                complete = True
            else:
                break
        while j > i + 1 and doc[j - 1].norm_ in _ORG_CONTINUE:
            j -= 1
        if not complete and head.text not in _ORG_ABBR and j == i + 1:
            return i
        return j

    # --- people and titles -----------------------------------------------------
    def _people(self, doc: Doc, start: int, end: int, add, org_start: dict[int, int]) -> None:
        """PER after honorifics or before an apposed title; TITLE held by such a PER."""
        persons: list[tuple[int, int]] = []
        i = start
        while i < end:
            t = doc[i]
            if t.norm_ in _HONORIFICS and i + 1 < end and is_name_token(doc[i + 1]):
                e = _name_run(doc, i + 1, end)
                persons.append((i + 1, e))
                i = e
                continue
            if is_name_token(t) and (i == start or not is_name_token(doc[i - 1])):
                e = _name_run(doc, i, end)
                if looks_like_person(doc, i, e) and (
                        self._title_after(doc, e, end) or self._title_before(doc, i, start, org_start) is not None):
                    persons.append((i, e))
                    i = e
                    continue
            i += 1
        for s, e in persons:
            add(s, e, "PER")
        for s, e in persons:
            j = self._title_after(doc, e, end)
            while j:
                add(j, j + 1, "TITLE")
                j = self._next_title(doc, j + 1, end)
            j = self._title_before(doc, s, start, org_start)
            if j is not None:
                add(j, j + 1, "TITLE")

    @staticmethod
    def _is_title(token: Token) -> bool:
        return token.tag_ == "title" or token.text in _TITLE_ABBR

    def _title_after(self, doc: Doc, e: int, end: int) -> int:
        """Index of a title apposed right after a name ("X, Bí thư", "X - Bí thư"), else 0."""
        if e + 1 < end and doc[e].text in {",", "-", "–"} and self._is_title(doc[e + 1]):
            return e + 1
        return 0

    def _next_title(self, doc: Doc, j: int, end: int) -> int:
        """After a title (and its organisation), the next title of the same comma list."""
        while j < end and (doc[j].tag_ == "org" or doc[j].text in _ORG_ABBR
                           or doc[j].norm_ in _ADMIN or is_name_token(doc[j])
                           or doc[j].norm_ in _ORG_CONTINUE):
            if is_name_token(doc[j]) and looks_like_person(doc, j, _name_run(doc, j, end)) \
                    and _syllables(doc, j, _name_run(doc, j, end)) >= 3:
                return 0
            j += 1
        if j + 1 < end and doc[j].text == "," and self._is_title(doc[j + 1]):
            return j + 1
        return 0

    def _title_before(self, doc: Doc, s: int, start: int, org_start: dict[int, int]) -> int | None:
        """Title of "TITLE ORG NAME" or "TITLE NAME" right before a name."""
        j = s - 1
        if s in org_start:  # "Giám đốc Sở Nội vụ Lê Hữu Tín": skip the organisation found
            j = org_start[s] - 1
        while j >= start and (doc[j].tag_ == "org" or doc[j].text in _ORG_ABBR
                              or doc[j].norm_ in _ADMIN or doc[j].norm_ in _ORG_CONTINUE
                              or (is_name_token(doc[j]) and not self._is_title(doc[j]))):
            j -= 1
        if j >= start and self._is_title(doc[j]):
            return j
        return None

    # --- bylines -----------------------------------------------------------------
    def byline(self, doc: Doc) -> list[Span]:
        """Author names on one of the last lines ("Bích Huệ", "Kim Thoa - Tùng Lâm", "PHƯƠNG DUNG")."""
        spans: list[Span] = []
        for sent in [s for s in doc.sents if s.text.strip()][-3:]:
            words = [t for t in sent if not t.is_space]
            groups: list[list[Token]] = [[]]
            for t in words:
                if t.text in {"-", "–", ","}:
                    groups.append([])
                elif (is_name_token(t) or t.is_upper) and t.tag_ in {"", "abbr"}:
                    groups[-1].append(t)
                else:
                    groups = []
                    break
            names = [g for g in groups if g]
            if names and len(words) <= 8 and all(2 <= _syllables(doc, g[0].i, g[-1].i + 1) <= 4
                                                 for g in names):
                spans.extend(self._span(doc, g[0].i, g[-1].i + 1, "PER") for g in names)
        return spans

    def _span(self, doc: Doc, start: int, end: int, label: str) -> Span:
        span = Span(doc, start, end, label=label)
        span._.source = "rules"
        span._.score = self.scores[label]
        return span


def _flat(spans: list[Span]) -> list[Span]:
    """Drop overlaps, keeping the earlier and then the longer span."""
    out: list[Span] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= last_end:
            out.append(span)
            last_end = span.end
    return out
