"""Entities with a fixed shape, found by named rules over the segmented words.

The segmenter has already kept document codes, dates, organisation heads, titles and
document types whole and recorded their kind (`word_kind`), so the rules walk words,
not characters. Each rule is a small function over one sentence that yields token
spans; `RULES` runs them in order and a span of an earlier rule wins over a later one
that overlaps it. Every span records `rules:<name>` as its source, so `make eval`
reports precision per rule and calibration (`calibration.py`) scores it by its rule.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from spacy.tokens import Doc, Span

from . import lexicon
from .extensions import doc_text
from .gazetteer import LEVEL_WORDS, names_a_level
from .read import new_tone_placement
from .schema import (
    ENTS,
    KIND_ABBR,
    KIND_CODE,
    KIND_DATE,
    KIND_DOCTYPE,
    KIND_ORG,
    KIND_TITLE,
    RULE_SOURCE,
    RULE_SPANS,
    SENTS,
    SPAN_SOURCE,
    TOKEN_KIND,
    TOKEN_NORM,
    WORDS,
    word_kind,
)
from .shapes import ROMAN, iso_date
from .spans import tidy
from .words import Word, Words, words_of

_CUES = {c.lower() for c in lexicon.DATE_CUES}
_ADMIN = {a.lower() for a in lexicon.ADMIN_LEVELS}
_STANDALONE = {o.lower() for o in lexicon.STANDALONE_ORGS}
_ORG_ABBR = set(lexicon.ORG_ABBREVIATIONS)
_TITLE_ABBR = set(lexicon.TITLE_ABBREVIATIONS)
_MINISTRIES = set(lexicon.MINISTRY_PORTFOLIOS)
_NUMBER = re.compile(r"^\d{1,4}(?:/(?:19|20)\d\d)?$")  # "Nghị quyết 18", "nghị quyết 18/2017"
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SHORT_NUMBER = re.compile(r"^\d{1,2}$")  # a congress's or a plenum's number
_UNSIGNED_CODE = re.compile(r"^\d{1,5}\s?/\s?[A-ZĐ][A-Za-zĐđ]{0,5}$")  # "1177/QĐ": no issuer after the type
_LISTED_NUMBER = re.compile(r"^\d{1,4}$")  # a document's number in a list of them: "Nghị định 29 và 178"
_CENTRAL = {"trung ương", "tư", "t.ư", "tw"}
_DASHES = {"-", "–"}
_NOT_AFTER_NUMBER = {"năm", "tháng", "ngày", "%", "người", "đảng viên", "lớp", "tổ chức", "chi bộ",
                     "xã", "huyện", "đồng chí", "lượt", "cán bộ"}
_ORG_CONTINUE = {"khối", "các cơ quan", "doanh nghiệp", "dn", "cơ quan"}  # never "và" (case 33)
_NEVER_LAST = _ORG_CONTINUE | {"các"}  # words a body's name goes on over but never ends with
_GENERIC_BEFORE = {"các", "những", "mọi", "từng", "cấp", "số", "%", "vị", "người"}
# Heads whose name may be a capitalised word and lower-case words ("Cục Quản lý thị trường").
_DESCRIBED_HEADS = {"sở", "phòng", "bộ", "cục", "tổng cục", "trung tâm", "công ty", "tổng công ty",
                    "ngân hàng", "ban quản lý", "ban chỉ đạo", "ub", "ủy ban", "ban", "vụ", "hội đồng",
                    "trường", "viện", "khoa", "chi cục", "văn phòng", "hội", "học viện", "đại học",
                    "bệnh viện", "báo", "tập đoàn", "trường đại học", "tiểu ban", "quỹ", "bộ tư lệnh",
                    "đảng ủy", "đài", "đh"}
_NAMED_TYPES = {"luật", "pháp lệnh", "bộ luật", "điều lệ", "hiến pháp"}  # identified by name alone
_NUMBERED = {h.lower() for h in lexicon.NUMBERED_ORG_HEADS}
_LOWER_BODIES = {h.lower() for h in lexicon.LOWER_BODIES}
_LOWER_NAMED = set(lexicon.LOWER_NAMED_HEADS)
_COMPANY_HEADS = {"công ty", "tổng công ty"}
_ASSEMBLY_BODIES = {"ủy ban", "ub", "hội đồng", "ban"}  # their committees keep "của Quốc hội"
# Word kinds that may be part of a described body's name ("Sở [Kế hoạch] và Đầu tư").
_NAME_KINDS = {"", "abbr", "doctype"}
_STOP_WORDS = {"của", "về", "và", "trong", "tại", "đã", "có", "được", "với", "cho", "là", "để",
               "theo", "từ", "kể từ", "kể", "đến", "trên", "khi", "sẽ", "đang", "các", "những", "cùng"}
# End a document's name: "[Điều lệ Đảng] sửa đổi, bổ sung" (case 41), "[Điều lệ Đảng] mới thông qua",
# "[Điều lệ Đảng] nhiệm kỳ khóa XII".
_NAME_STOPS = _STOP_WORDS | {"số", "ngày", "do", "nhằm", "thì", "sửa đổi", "mới", "nhiệm kỳ"}
# Verbs that end a described name ("Sở Giao thông vận tải hoàn thiện hồ sơ").
_VERB_STOPS = {"giữ", "giữ chức", "giữ chức vụ", "làm", "bị", "ký", "trao", "chủ trì", "phát biểu",
               "cho biết", "đề nghị", "tham mưu", "hoàn thiện", "chấp thuận", "tổ chức", "quyết định",
               "thông tin", "yêu cầu", "báo cáo", "phối hợp", "triển khai", "thực hiện", "ban hành",
               "kiểm tra", "xem xét", "nhận", "đón nhận", "công bố", "họp", "nói", "kiến nghị",
               "cho hay", "phản ánh", "đăng tải", "kiểm điểm", "xử lý", "thi hành", "kỷ luật", "dự", "tham dự"}
# Function words and time words that follow a body's name and never are part of one: "[Sở Xây
# dựng] do vi phạm", "[Tổng cục Thuế] vào đầu tháng", "[Khoa Nội tổng hợp] thuộc bệnh viện".
_FUNCTION_STOPS = {"do", "nên", "chuyên ngành", "đối với", "thuộc", "trực thuộc", "phải", "vào", "phụ trách",
                   "khẳng định", "đưa", "kiêm", "không", "cũng", "chưa", "bằng", "thẩm định", "rồi", "tiếp nhận",
                   "theo dõi", "thay", "ở", "thời gian", "giai đoạn", "nhiệm kỳ", "khóa", "lên",
                   "nhấn mạnh", "vừa", "đều", "nay", "đề xuất", "tiếp tục", "gửi", "nêu", "đánh giá",
                   "tham gia", "tập trung", "một số", "đồng thời", "sau", "trước", "nhưng", "mà",
                   "thì", "còn", "như", "hiện", "chiều", "sáng", "tối", "trưa", "ngày", "tháng", "mới", "mới đây"}
_DESCRIBED_BREAKS = _STOP_WORDS | _VERB_STOPS | _FUNCTION_STOPS  # lower-case words that end a described name
# No body's name goes on over these, in either case: capitalised they open a sentence the
# crawler ran on from the name ("[Ban Bí thư] Tại …", "[Bộ Chính trị] Khóa XII"), in lower case
# they are prepositions and time words after it.
_NEVER_IN_NAMES = {"khóa", "tại", "với", "từ", "được", "theo", "trong", "khi", "sau", "chiều", "sáng",
                   "tối", "dịp", "ngày", "tháng"}

Spans = list[tuple[int, int, str]]


@dataclass
class Sentence:
    """One sentence as the rules see it: its words, and the spans earlier rules found."""

    doc: Words
    start: int
    end: int
    openings: Openings
    spans: Spans = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def free(self, s: int, e: int) -> bool:
        return s < e and not self.taken.intersection(range(s, e))

    def at(self, flag: int) -> list[int]:
        """The sentence's words that have `flag` (see `Openings`), in text order."""
        return self.openings.between(flag, self.start, self.end)


Rule = Callable[[Sentence], Iterable[tuple[int, int, str]]]


def _first_word(key: str) -> str:
    """A key's first word, or its first mark when it opens with one."""
    first = re.match(r"\w+|\S", key)
    return first.group() if first else ""


class Phrases:
    """Phrases of one or more words (laws, place heads, outlets), found at a word by their
    longest match over the next words. A phrase and the words are compared by `key` of their
    `attr` ("norm_" or "text") joined by spaces; only a word a phrase can start on is read
    further, as most words start none."""

    def __init__(self, phrases: Iterable[str], attr: str = "norm_",
                 key: Callable[[str], str] = lambda text: text) -> None:
        self.attr, self.key = attr, key
        self.keys = {key(p) for p in phrases}
        # A phrase's first word, without punctuation a key glues to it ("giá-công sản"), so that
        # the word "Giá" is read further.
        self.starts = {_first_word(k) for k in self.keys}
        self.longest = max(len(re.findall(r"\w+|[^\w\s]", p)) for p in phrases)  # words and punctuation
        # Whether a word can start a phrase, asked of every word of every article: words repeat,
        # so each is asked once (bounded, so memory stays flat over an archive).
        self.may_start = lru_cache(maxsize=20_000)(lambda word: _first_word(key(word)) in self.starts)

    def __contains__(self, text: str) -> bool:
        return self.key(text) in self.keys

    def end_at(self, doc: Words, i: int, end: int) -> int:
        """End of the longest phrase starting at word i; 0 when none."""
        if not self.may_start(getattr(doc[i], self.attr)):
            return 0
        top = min(end, i + self.longest)
        words = [getattr(t, self.attr) for t in doc[i:top]]  # read once for every length tried
        return next((k for k in range(top, i, -1) if self.key(" ".join(words[:k - i])) in self.keys), 0)


# --- shared word tests --------------------------------------------------------------
PLURALS = {"các", "những", "hai", "ba", "bốn", "năm", "sáu", "mấy", "nhiều"}
_NUMBERING = {"số", "quý", "khóa", "kỳ", "lần", "thứ", "đợt", "tháng", "năm", "ngày", "quận", "phường"}
# Before a place, words that make it a people: "người [Việt Nam]" is no place (case 40), though
# "người dân [Nghệ An]" names the residents of one (case 91).
A_PEOPLE = {"người", "con người", "dân tộc", "quốc tịch"}


def counts(doc: Words | Doc, i: int) -> bool:
    """Word i counts the nouns after it ("các", "hai", "3"): "các huyện [An Lão], Kiến Thụy"
    share their level word, which is then no part of the first place. A number that numbers
    the word before it counts nothing: "đơn vị bầu cử số 1 [TP Hà Nội]", "quý 1 [tỉnh X]"."""
    if doc[i].norm_ in PLURALS:
        return True
    return doc[i].like_num and not (i > 0 and doc[i - 1].norm_ in _NUMBERING)


def is_name_token(token: Word) -> bool:
    """A capitalised word that is not a known head, title, type or code."""
    return _is_name(token.text, word_kind(token))


@lru_cache(maxsize=50_000)  # asked of most words many times: once per word of the vocabulary
def _is_name(text: str, kind: str) -> bool:
    if kind or not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    return all(part[:1].isupper() for part in text.split())


def _is_title(token: Word) -> bool:
    return word_kind(token) == KIND_TITLE or token.text in _TITLE_ABBR


def _place_at(doc: Words, i: int) -> bool:
    """The gazetteer found a place name starting at word i."""
    tags = doc.place_tags
    return bool(tags) and tags[i] == "B"


def _name_run(doc: Words, i: int, end: int) -> int:
    """End (exclusive) of the run of name words starting at i; a place name the gazetteer
    knows ends it ("Bí thư Thành ủy Hà Nội Vương Đình Huệ": the place is no part of the name)."""
    j = i
    while j < end and is_name_token(doc[j]) and doc[j].norm_ not in _ADMIN and not (
            j > i and _place_at(doc, j)):
        j += 1
    return j


def _words_are(doc: Words, j: int, end: int, norms: tuple[str, ...]) -> bool:
    """The words from j on read `norms`, in either case."""
    return j + len(norms) <= end and all(doc[j + n].norm_ == norm for n, norm in enumerate(norms))


def _in_place(doc: Words, i: int) -> bool:
    return bool(doc.place_tags) and doc.place_tags[i] in {"B", "I"}


def _is_region(doc: Words, i: int, abroad: bool = False) -> bool:
    """The place at i is a region, a country or a city abroad, not an administrative unit;
    with `abroad`, a country or city other than Việt Nam."""
    from .gazetteer import Gazetteer

    found = Gazetteer.shared().candidates(doc.doc[i:_place_end(doc, i, len(doc))].text, after_level=False)
    levels = {"country", "city abroad"} if abroad else {"region", "country", "city abroad"}
    return bool(found) and all(p.level in levels and not (abroad and p.name == "Việt Nam") for p in found)


def _place_end(doc: Words, i: int, end: int) -> int:
    """End of the place name the gazetteer found at i (i when none)."""
    tags = doc.place_tags
    if not tags or tags[i] != "B":
        return i
    j = i + 1
    while j < end and tags[j] == "I":
        j += 1
    return j


def _syllables(doc: Words, start: int, end: int) -> int:
    return sum(len(t.text.split()) for t in doc[start:end])


def looks_like_person(doc: Words, start: int, end: int) -> bool:
    """A run of name words that reads as a Vietnamese full name."""
    return (end > start and doc[start].text.split()[0] in lexicon.FAMILY_NAMES
            and 2 <= _syllables(doc, start, end) <= 5)


def person_named_at(doc: Words, i: int, end: int) -> int | None:
    """End of the full name that starts at word i (before `end`), if one does: capitalised
    words, a family name first, no place the gazetteer knows at i."""
    if _place_at(doc, i):
        return None
    e = _name_run(doc, i, end)
    return e if looks_like_person(doc, i, e) else None


_BODY_ENDS = (*_CENTRAL, "đảng")  # "Ban Tuyên giáo Trung ương", "TƯ", "Đảng"
_ABOVE_COMMUNE = {word for word, level in LEVEL_WORDS.items() if level != "commune"}


def leaves_place_implied(token) -> bool:
    """A level word above the commune with no name of its own after it, so that a holder's
    name may follow ("đoàn ĐBQH tỉnh | Trần Quốc Tỏ"); a capitalised "Tỉnh Đoàn" is a body's
    own name."""
    return token.norm_ in _ABOVE_COMMUNE and not token.text.istitle()


def _holder_length(doc: Words | Doc, end: int, syllables: list[str]) -> int:
    """The fewest syllables a holder's name at a body's end may have: two where the sentence
    goes on with punctuation or a lower-case word ("Bộ trưởng Bộ Công an | Tô Lâm cho biết",
    "Ủy ban Kiểm tra Trung ương | Mai Trực,") and the two are no place the gazetteer knows
    ("Huyện ủy Lộc Hà,") nor an initial ("ĐH Y Dược"); three elsewhere."""
    from .gazetteer import Gazetteer

    if len(syllables) != 2 or not (end == len(doc) or doc[end].is_punct or doc[end].text[:1].islower()):
        return 3
    if min(map(len, syllables)) < 2 or Gazetteer.shared().candidates(" ".join(syllables), after_level=True):
        return 3
    return 2


def holder_start(doc: Words | Doc, start: int, end: int, places: list[str]) -> int | None:
    """Where a holder's full name starts among a body's words start..end, when they end with
    one (a family name, three or four capitalised syllables) right after a place, "Trung
    ương", a known body or a level word that leaves the place implied: "Ban Tuyên giáo Trung
    ương | Bùi Trường Giang", "đoàn ĐBQH tỉnh | Trần Quốc Tỏ". Names inside a body's own name
    follow other words ("Học viện … Hồ Chí Minh", "Trường THPT Lê Quý Đôn"); a place named
    after a person is no holder ("Huyện ủy Trần Văn Thời"). `places`: the gazetteer's tags of
    the words."""
    for k in range(start + 1, end):
        if doc[k].is_space or doc[k].text.split()[0] not in lexicon.FAMILY_NAMES:
            continue
        syllables = [x for t in doc[k:end] for x in t.text.split()]
        if not (_holder_length(doc, end, syllables) <= len(syllables) <= 4
                and all(x[:1].isupper() and x.isalpha() for x in syllables)) or any(places[k:end]):
            return None
        prev = doc[k - 1]
        after_place = bool(places) and places[k - 1] in {"B", "I"} and places[k] != "I"
        after_body = prev.norm_ in _STANDALONE or prev.text in _ORG_ABBR or prev.norm_.endswith(_BODY_ENDS) \
            or (k - 2 >= start and doc[k - 2].norm_ == "bộ" and prev.text in _MINISTRIES)  # "Bộ Công an | Tô Lâm"
        return k if after_place or after_body or leaves_place_implied(prev) else None
    return None


def _full_name_at(doc: Words, j: int, end: int) -> bool:
    """A full name of three or more syllables starts at j: it ends an organisation's name
    ("Giám đốc Sở Nội vụ Lê Hữu Tín")."""
    run = _name_run(doc, j, end)
    return looks_like_person(doc, j, run) and _syllables(doc, j, run) >= 3


_CENTRE_ENDS = tuple(f" {word}" for word in _CENTRAL)  # also of a head kept whole: "Ủy ban Kiểm tra Trung ương"


def _short_name_after_centre(doc: Words, j: int, end: int) -> bool:
    """A two-syllable full name right after "Trung ương" or "TƯ" and before a punctuation mark is
    the holder's: "Phó Chủ nhiệm [Ủy ban Kiểm tra Trung ương] [Mai Trực],"; "Trung ương Đoàn" is
    the Youth Union's centre."""
    run = _name_run(doc, j, end)
    return f" {doc[j - 1].norm_}".endswith(_CENTRE_ENDS) and doc[j].text != "Đoàn" and looks_like_person(doc, j, run) \
        and _syllables(doc, j, run) == 2 and (run == end or doc[run].is_punct)


# --- the rules, in the order they run --------------------------------------------------
def document_references(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A document type word with its number, code or name: "Nghị quyết số 22-NQ/TW",
    "Nghị quyết Trung ương 4 khóa XII", "Luật Phòng, chống tham nhũng"."""
    doc, free = s.doc, s.start
    for i in s.at(AT_DOC_REFERENCE):
        if i < free:
            continue
        e = 0
        if word_kind(doc[i]) == KIND_DOCTYPE or doc[i].norm_ == "quy chế" or _numbered_untagged(doc, i, s.end):
            e = _doc_end(doc, i, s.end)
        elif doc[i].norm_ == "luật":  # no kind after "vi phạm": the dictionary has "phạm luật"
            e = _law_end(doc, i + 1, s.end)
        elif doc[i].norm_ == "bộ" and i + 1 < s.end and doc[i + 1].norm_ == "luật":
            e = _law_end(doc, i + 2, s.end)  # "Bộ luật Hình sự": the segmenter took "Bộ" as a head
        elif doc[i].text == "Di chúc":  # Hồ Chí Minh's testament, named so alone (rule 12)
            e = i + 1
        if e:
            yield i, e, "DOC"
            for b, listed_end in _listed_numbers(doc, e, s.end):
                yield b, listed_end, "DOC"
                e = listed_end
            free = e


# Type words the segmenter leaves untagged, as a verb's object or a common noun: a document
# only with its number after them ("vi phạm [quy định 47]", "[văn bản số 1123]").
_UNTAGGED_TYPES = {"quy định", "văn bản"}


def _numbered_untagged(doc: Words, i: int, end: int) -> bool:
    """An untagged type word at i followed by its number or code, "số" before it if given."""
    if doc[i].norm_ not in _UNTAGGED_TYPES:
        return False
    j = i + 2 if i + 1 < end and doc[i + 1].norm_ == "số" else i + 1
    return j < end and (word_kind(doc[j]) == KIND_CODE or bool(_NUMBER.match(doc[j].text)))


def _listed_numbers(doc: Words, e: int, end: int) -> Iterator[tuple[int, int]]:
    """Each number listed after a numbered document that ends at `e`, with its "số" or its
    plenum's "TƯ": "Nghị quyết 16, [18], [19]", "Nghị định 29 và [178]", "nghị quyết số 18 và
    [số 19]", "Nghị quyết TƯ 4, [TƯ 6], [TƯ 7]" are several documents (rule 17)."""
    while _LISTED_NUMBER.match(doc[e - 1].text) and e + 1 < end and doc[e].norm_ in {",", "và"}:
        b = e + 1
        k = b + 1 if doc[b].norm_ == "số" or doc[b].norm_ in _CENTRAL else b
        if k >= end or not _LISTED_NUMBER.match(doc[k].text) \
                or (doc[b].norm_ in _CENTRAL and doc[e - 2].norm_ not in _CENTRAL) \
                or (k + 1 < end and doc[k + 1].norm_ in _NOT_AFTER_NUMBER):
            return
        e = k + 1
        yield b, e


_LAW_PUNCT = re.compile(r"[,\-–]")


# A law's name may abbreviate the bodies it names ("Luật CAND", "… của Quốc hội và HĐND"):
# they are spelt out as the lexicon does.
_SPELT_OUT = {abbr.lower(): full.lower() for abbr, full in lexicon.ORG_ABBREVIATIONS.items() if " " not in abbr}


def _law_key(name: str) -> str:
    """A law's name compared without case, commas or dashes, the bodies it names spelt out:
    "Phòng, chống" = "phòng chống", "Tổ chức QH" = "tổ chức quốc hội", "HĐND" = "hội đồng
    nhân dân"."""
    return " ".join(_SPELT_OUT.get(w, w) for w in _LAW_PUNCT.sub(" ", name.lower()).split())


_LAWS = Phrases(lexicon.LAW_NAMES, key=_law_key)
LAW_HEADS = {"luật", "bộ luật", "bộ"}  # the first word of a law's span ("Bộ" when "luật" was cut off it)


def _law_end(doc: Words, j: int, end: int) -> int:
    """End of the known law named from word j on (the longest name), then its year or code
    ("Luật Đất đai năm 2013", "Luật Tổ chức Quốc hội số 57/2014/QH13"); 0 when none."""
    k = _LAWS.end_at(doc, j, end) if j < end else 0
    if not k:
        return 0
    if k + 1 < end and doc[k].norm_ in {"năm", "số"} and (
            _YEAR.match(doc[k + 1].text) or word_kind(doc[k + 1]) == KIND_CODE):
        return k + 2
    return k + 1 if k < end and (_YEAR.match(doc[k].text) or word_kind(doc[k]) == KIND_CODE) else k


def _doc_end(doc: Words, i: int, end: int) -> int:
    """End of a DOC starting at a type word, or 0 when no number/name follows."""
    j = i + 1
    if doc[i].norm_ == "thông cáo" and _words_are(doc, j, end, ("báo chí", "số")):
        j += 1  # "[thông cáo báo chí số 27]"
    if doc[i].norm_ in LAW_HEADS and (law := _law_end(doc, j, end)):
        return law
    if doc[i].text == "Thông báo" and j < end and doc[j].norm_ == "kết luận" and (conclusion := _doc_end(doc, j, end)):
        return conclusion  # "[Thông báo kết luận số 43]"; "đã thông báo [Kết luận số 88]" is a verb
    if j < end and doc[j].text in _OPENING_QUOTES and doc[i].norm_ in _QUOTED_TYPES:
        return _quoted_title_end(doc, j, end)
    if doc[i].text == "Chương trình" and j < end and doc[j].norm_ in {"làm việc", "công tác"}:
        return _work_programme_end(doc, i, j + 1, end)
    if doc[i].norm_ == "quy chế" and not (j < end and (_NUMBER.match(doc[j].text) or doc[j].norm_ == "số")):
        owned = j + 1 < end and doc[j].norm_ in {"làm việc", "hoạt động"} and doc[j + 1].norm_ == "của"
        return j + 1 if owned else _titled_doc_end(doc, i, j, end)  # its owner's rule book (case 60)
    numbered = j < end and doc[j].norm_ == "số"  # "số 37": a document's number, whatever follows
    if numbered:
        j += 1
    if j < end and word_kind(doc[j]) == KIND_CODE:
        if _UNSIGNED_CODE.match(doc[j].text) and j + 1 < end and word_kind(doc[j + 1]) == KIND_ABBR \
                and doc[j + 1].text.isupper():
            return j + 2  # the issuer after a space: "[quyết định 1177/QĐ BGDĐT]"
        return j + 1
    if j < end and _NUMBER.match(doc[j].text):
        dated = _dated(doc, j + 1, end)
        if dated and doc[j + 1].norm_ == "năm":
            return j + 3  # "[Quy định 90 năm 2017]"
        if numbered or dated or not (j + 1 < end and doc[j + 1].norm_ in _NOT_AFTER_NUMBER):
            return _number_end(doc, j, end)
    if j < end and doc[i].norm_ == "nghị quyết" and ROMAN.fullmatch(doc[j].text):
        return j + 1  # a congress's resolution by its number: "[Nghị quyết XII] của Đảng"
    if j + 1 < end and doc[j].norm_ in _CENTRAL and _SHORT_NUMBER.match(doc[j + 1].text):
        return _term_end(doc, j + 2, end)  # "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết TƯ 4 khoá 11"
    named = _named_doc_end(doc, i, j, end) or _titled_doc_end(doc, i, j, end) or _project_end(doc, i, j, end)
    if named:
        return named
    if doc[i].text == "Cương lĩnh":
        return _platform_end(doc, j, end)
    if doc[i].norm_ in _PLANS and doc[i].text[:1].isupper() and (plan := _plan_end(doc, j, end)):
        return plan
    if period := _period_plan_end(doc, i, j, end):
        return period
    if doc[i].norm_ == "hiến pháp":  # the one constitution (K9), with its year if given
        return j + 2 if j + 1 < end and doc[j].norm_ == "năm" and doc[j + 1].text.isdigit() else j
    if doc[i].norm_ == "nghị quyết" and j < end and doc[j].text == "Đại hội":  # one congress named
        return _congress_end(doc, j, end)  # "vượt chỉ tiêu nghị quyết đại hội": no one resolution
    return 0


def _work_programme_end(doc: Words, i: int, k: int, end: int) -> int:
    """A body's work programme, one document like its working regulation (case 149), with its
    term or year: "[Chương trình làm việc toàn khóa]", "[Chương trình làm việc của năm 2020]";
    0 after a count ("10 Chương trình công tác của Thành ủy": several, none named)."""
    if i > 0 and (doc[i - 1].norm_ in _COUNTED or doc[i - 1].like_num):
        return 0
    if k + 1 < end and doc[k].norm_ == "toàn" and doc[k + 1].norm_ == "khóa":
        return k + 2
    year = k + 1 if k < end and doc[k].norm_ == "của" else k
    return year + 2 if year + 1 < end and doc[year].norm_ == "năm" and _YEAR.match(doc[year + 1].text) else k


def _dated(doc: Words, k: int, end: int) -> bool:
    """A number is a document's when its date or year follows: "Quyết định 2355 [ngày
    4/12/2013]", "Quy định 90 [năm 2017]"; not "3 ngày", "90 năm", nor the years a plan
    counts ("kế hoạch 5 năm 2016 - 2020")."""
    if k + 1 >= end or (doc[k].norm_ == "năm" and k + 2 < end and doc[k + 2].text in _DASHES):
        return False
    return doc[k].norm_ == "ngày" and word_kind(doc[k + 1]) == KIND_DATE \
        or doc[k].norm_ == "năm" and bool(_YEAR.match(doc[k + 1].text))


_CLOSING_QUOTES = {"”", "\""}
_TITLE_SYLLABLES = 4  # the shortest quoted title the rule takes (the training articles' are 18 or more)


def _quoted_title_end(doc: Words, j: int, end: int) -> int:
    """After the closing quote of a title opened at j, within the sentence; 0 when unclosed,
    or when what the quotes hold is too short to be a title: "quy hoạch “mở”" is a way of
    planning, not a plan."""
    for k in range(j + 1, min(end, j + 60)):
        if doc[k].text in _CLOSING_QUOTES:
            return k + 1 if _syllables(doc, j + 1, k) >= _TITLE_SYLLABLES else 0
    return 0


# Words that name a congress after "Đại hội": its party organisation, its reach, its number.
_CONGRESS_WORDS = {"đảng", "đảng bộ", "đoàn", "đại biểu", "toàn quốc", "lần", "thứ", "lần thứ"} | _ADMIN


def _congress_end(doc: Words, j: int, end: int) -> int:
    """A congress's resolution, named over its congress: "[Nghị quyết Đại hội 12]", "[Nghị
    quyết Đại hội Đảng bộ tỉnh lần thứ 13]", "[Nghị quyết Đại hội 15 Đảng bộ tỉnh Kon Tum]",
    "[nghị quyết Đại hội toàn quốc thứ 12]", and over other words up to its number ("[Nghị
    quyết Đại hội đại biểu Phụ nữ toàn quốc lần thứ XIII]")."""
    k, numbered = j + 1, False
    while k < end:
        if doc[k].norm_ in _CONGRESS_WORDS:
            k += 1
        elif not numbered and (_SHORT_NUMBER.match(doc[k].text) or ROMAN.fullmatch(doc[k].text)):
            k, numbered = k + 1, True
        elif doc[k - 1].norm_ in _ADMIN and is_name_token(doc[k]):  # the place: "tỉnh [Kon Tum]"
            while k < end and is_name_token(doc[k]):
                k += 1
        else:
            break
    for n in range(k, min(end, j + 14)):
        if doc[n].is_punct or doc[n].norm_ in {"và", "của"} or word_kind(doc[n]) == KIND_DOCTYPE:
            break  # "[Nghị quyết Đại hội XIII] của Đảng và Nghị quyết … lần thứ XX": two documents
        if doc[n].norm_ == "thứ" and n + 1 < end and (ROMAN.fullmatch(doc[n + 1].text)
                                                     or _SHORT_NUMBER.match(doc[n + 1].text)):
            return n + 2
    return k


def _number_end(doc: Words, j: int, end: int) -> int:
    """End of a document's number at j and what names it further: a period of years
    ("Chiến lược [2011 - 2020]"), the plenum that passed it ("nghị quyết số 18 [TƯ 6]",
    "nghị quyết 11 [TƯ khóa 12]")."""
    k = j + 1
    if _YEAR.match(doc[j].text) and k + 1 < end and doc[k].text in _DASHES and _YEAR.match(doc[k + 1].text):
        return k + 2
    if k + 1 < end and doc[k].norm_ in _CENTRAL:
        if _SHORT_NUMBER.match(doc[k + 1].text):
            return k + 2
        if (term := _term_end(doc, k + 1, end)) > k + 1:
            return term
    return k


def _term_end(doc: Words, k: int, end: int) -> int:
    """After "khóa XII" or "khoá 11" when it stands at k (a central committee's term), else k."""
    if k + 1 < end and doc[k].norm_ == "khóa" and (
            ROMAN.fullmatch(doc[k + 1].text) or _SHORT_NUMBER.match(doc[k + 1].text)):
        return k + 2
    return k


# The party's platform by its full title, after "Cương lĩnh" (rule 12).
_PLATFORM_TITLES = Phrases(["xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội",
                            "xây dựng đất nước trong thời kỳ quá độ lên cnxh"])


def _platform_end(doc: Words, j: int, end: int) -> int:
    """"Cương lĩnh" capitalised names the party's platform, with "chính trị" and its title if
    given ("[Cương lĩnh chính trị]", "[Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên
    chủ nghĩa xã hội]"); "vai trò cương lĩnh" in lower case names none."""
    k = j + 1 if j < end and doc[j].norm_ == "chính trị" else j
    return (k < end and _PLATFORM_TITLES.end_at(doc, k, end)) or k


_PLANS = {"chiến lược", "kế hoạch"}
_ECONOMY = Phrases(["kinh tế - xã hội", "phát triển kinh tế - xã hội"], key=lambda text: text.replace("–", "-"))


def _plan_end(doc: Words, j: int, end: int) -> int:
    """A strategy or plan for the economy and society, with its span of years: "[Chiến lược
    phát triển kinh tế - xã hội 2021 - 2030]", "[Kế hoạch phát triển kinh tế - xã hội
    2016 - 2020]", "[Chiến lược phát triển kinh tế - xã hội 10 năm 2021 - 2030]"; 0 for any other."""
    k = _ECONOMY.end_at(doc, j, end) if j < end else 0
    if not k:
        return 0
    if k + 1 < end and _SHORT_NUMBER.match(doc[k].text) and doc[k + 1].norm_ == "năm":
        k += 2  # "10 năm", and its years if given: "[… 10 năm 2021 - 2030]"
    return _number_end(doc, k, end) if k < end and _YEAR.match(doc[k].text) else k


# A master plan or strategy named by its capitalised type word, its subject and its period
# (case 32); a term ("nhiệm kỳ") names cadre planning instead ("Quy hoạch cán bộ cấp chiến lược
# nhiệm kỳ 2021 - 2026"), and a plan of one year is an agenda item (K10).
_PERIOD_PLANS = {"quy hoạch", "chiến lược"}
_PERIODS = {"thời kỳ", "giai đoạn"}


def _period_plan_end(doc: Words, i: int, j: int, end: int) -> int:
    """End of "[Quy hoạch tỉnh Quảng Ninh thời kỳ 2021 - 2030]", "[Chiến lược phát triển kinh tế
    biển đến năm 2030]": the subject in lower-case words and places, then the period; 0 when no
    period closes the name within a few words."""
    if doc[i].norm_ not in _PERIOD_PLANS or not doc[i].text[:1].isupper() \
            or (i > 0 and (doc[i - 1].norm_ in _COUNTED or doc[i - 1].like_num)):
        return 0
    for k in range(j, min(end - 1, j + 16)):
        t = doc[k]
        if t.norm_ in _PERIODS and _YEAR.match(doc[k + 1].text):
            return _number_end(doc, k + 1, end) if k > j else 0
        if t.norm_ == "đến" and k + 2 < end and doc[k + 1].norm_ == "năm" and _YEAR.match(doc[k + 2].text):
            return k + 3 if k > j else 0
        if (t.is_punct and not _inner_punct(doc, k, end)) or t.norm_ in _TITLE_STOPS or t.norm_ in _NAME_STOPS \
                or t.norm_ in lexicon.HONORIFIC_WORDS or word_kind(t) in {KIND_DOCTYPE, KIND_TITLE, KIND_DATE}:
            return 0
    return 0


def _named_doc_end(doc: Words, i: int, j: int, end: int) -> int:
    """A name between the type word and its code ("Luật Phòng, chống tham nhũng số
    36/2018/QH14", "Nghị quyết liên tịch số 09/2021/…"), or a law by name alone
    ("Luật Hòa giải ở cơ sở"); 0 when neither."""
    k = j
    commas = doc[i].norm_ != "điều lệ"  # "[Điều lệ Đảng], giữ vững …": a charter names its body only
    while k < min(end, j + 10) and not word_kind(doc[k]) and doc[k].norm_ not in _NAME_STOPS \
            and (not doc[k].is_punct or (commas and _inner_punct(doc, k, end))):
        k += 1
    if k > j and k + 1 < end and doc[k].norm_ == "số" and word_kind(doc[k + 1]) == KIND_CODE:
        return k + 2
    if doc[i].norm_ in _NAMED_TYPES and k > j and doc[j].text[:1].isupper():
        return k
    return 0


# Type words whose capitalised form with "về" + a subject names one document (rule 12, K10):
# "[Quy định về trách nhiệm nêu gương của cán bộ, đảng viên]", "[Nghị quyết về phát triển bền
# vững kinh tế biển]"; a report or submission described so is none (K10).
_TITLED_TYPES = {"nghị quyết", "quy định", "kết luận", "quy chế", "chỉ thị", "đề án", "hướng dẫn", "kế hoạch"}
# Type words that a quoted title alone names (case 71): "[Đề án “Thí điểm … tỉnh Thái Bình”]".
_QUOTED_TYPES = _TITLED_TYPES | {"chiến lược", "quy hoạch"}
# A resolution "về" a personnel act is a description naming its person or post (case 32).
_PERSONNEL_ACTS = {"miễn nhiệm", "bầu", "xác nhận", "phê chuẩn", "cho thôi", "bãi nhiệm", "cách chức",
                   "kỷ luật", "điều động", "bổ nhiệm", "thôi"}
_COUNTED = _GENERIC_BEFORE | {"một số", "nhiều"}  # before a type word: several documents
_TITLE_ENDS = {";", ".", ":", "(", ")", "\"", "“", "”", "!", "?", "…"}
# Words that end such a title; nouns that are verbs too ("kiểm tra", "tổ chức") do not.
_TITLE_STOPS = {"là", "được", "đã", "sẽ", "do", "trình", "thay thế", "nhằm", "ngay", "cần", "có", "tại", "với",
                "theo", "để", "khi", "từ", "ban hành", "ký", "thông qua", "giữ", "làm", "bị", "phát biểu",
                "cho biết", "nói", "yêu cầu", "đề nghị", "trong đó"}


def _titled_doc_end(doc: Words, i: int, j: int, end: int) -> int:
    """A capitalised type word, "về" and the subject as the title runs on (commas and "của cán
    bộ" inside), to a sentence mark, a verb, an honorific, the next document or its issuer
    ("của Bộ Chính trị", rule 5); 0 when this is no such title."""
    if doc[i].norm_ not in _TITLED_TYPES or not doc[i].text[:1].isupper() or j + 1 >= end \
            or doc[j].norm_ != "về" or (i > 0 and (doc[i - 1].norm_ in _COUNTED or doc[i - 1].like_num)):
        return 0  # also "thông qua 20 Nghị quyết về …": several documents, none named
    subject = j + 2 if doc[j + 1].norm_ == "việc" and j + 2 < end else j + 1
    if doc[subject].norm_ in _PERSONNEL_ACTS:
        return 0
    k = j + 1
    while k < min(end, j + 40) and not _ends_a_title(doc, j, k, end):
        k += 1
    while k > j + 1 and (doc[k - 1].is_punct or doc[k - 1].norm_ in {"và", "của"}):
        k -= 1
    return k if k > j + 1 else 0


# Words after "Đề án" that are no project's subject: "Đề án được ban hành", "hai Đề án tổng kết".
_NO_SUBJECT = _TITLE_STOPS | _NAME_STOPS | {"này", "đó", "trên", "nói trên", "thứ", "tổng kết", "sửa đổi"}
_PROJECT_ENDS = {"của", "đối với"}  # its owner and what it applies to stand outside its name


def _project_end(doc: Words, i: int, j: int, end: int) -> int:
    """A project or a set of criteria named by its capitalised type word and what it does, up to
    the end of the title, its owner ("của") or what it applies to ("đối với"): "[Đề án sắp xếp
    đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 - 2025] của tỉnh Nghệ An", "[Đề án thí
    điểm thi tuyển các chức danh lãnh đạo cấp sở, cấp phòng]", "[Bộ tiêu chí quốc gia về xã
    nông thôn mới]" (rule 12, cases 32, 163); 0 after a count or before a word that is no subject."""
    if doc[i].text not in {"Đề án", "Bộ tiêu chí"} or j >= end or not doc[j].text[:1].islower() \
            or not doc[j].text[:1].isalpha() or doc[j].norm_ in _NO_SUBJECT \
            or (i > 0 and (doc[i - 1].norm_ in _COUNTED or doc[i - 1].like_num)):
        return 0
    k = j + 1
    while k < min(end, j + 40) and doc[k].norm_ not in _PROJECT_ENDS and not _ends_a_title(doc, j - 1, k, end):
        k += 1
    while k > j + 1 and (doc[k - 1].is_punct or doc[k - 1].norm_ == "và"):
        k -= 1
    return k


def _ends_a_title(doc: Words, j: int, k: int, end: int) -> bool:
    """Word k ends a title that started after "về" at j + 1."""
    t, after = doc[k], doc[k + 1] if k + 1 < end else None
    if t.norm_ == "là":
        return doc[k - 1].norm_ not in {"trước hết", "nhất"}  # "…, nhất là ủy viên Bộ Chính trị"
    if t.text in _TITLE_ENDS or t.is_space or t.norm_ in _TITLE_STOPS \
            or (t.norm_ in lexicon.HONORIFIC_WORDS and not _place_at(doc, k)) \
            or (word_kind(t) == KIND_DOCTYPE and t.text[:1].isupper() and k > j + 1):
        return True
    if t.norm_ == "của":  # the issuer: "của [Bộ Chính trị]"
        return after is not None and (word_kind(after) == KIND_ORG or after.text in _ORG_ABBR
                                      or after.norm_ in _CENTRAL)
    return t.text == "," and (after is None or after.norm_ in lexicon.HONORIFIC_WORDS
                              or after.norm_ in _TITLE_STOPS or word_kind(after) == KIND_DOCTYPE)


def _inner_punct(doc: Words, k: int, end: int) -> bool:
    """A comma or dash inside a name, where a lower-case word follows: "Luật Phòng, chống
    tham nhũng", "Luật Đơn vị hành chính – kinh tế đặc biệt"."""
    return doc[k].text in {",", "-", "–"} and k + 1 < end and doc[k + 1].text[:1].islower()


def document_codes(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A code standing alone: "… và 178/2024/NĐ-CP"."""
    for i in s.at(AT_CODE):
        if word_kind(s.doc[i]) == KIND_CODE:
            yield i, i + 1, "DOC"


def dates(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A date the segmenter kept whole; a day and month without a year only after a cue
    word: "ngày 02/02/2008", "Chiều 21.4", "sáng nay 4/8"."""
    doc = s.doc
    for i in s.at(AT_DATE):
        if word_kind(doc[i]) != KIND_DATE:
            continue
        if not (iso_date(doc[i].text) or "").startswith("--"):  # it has a year
            yield i, i + 1, "DATE"
            continue
        prev = doc[i - 1] if i > s.start else None
        if prev is not None and (prev.norm_ in _CUES or word_kind(prev) == KIND_DATE):
            yield i, i + 1, "DATE"


def friendship_bodies(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A friendship association or parliamentarians' group of two countries, with the province
    it serves: "[Hội hữu nghị Việt Nam - Lào tỉnh Nghệ An]", "[nhóm Nghị sĩ hữu nghị Việt Nam -
    Bulgaria]" (one body; its countries are no places of their own)."""
    doc, end = s.doc, s.end
    for i in s.at(AT_PLACE):
        if i < s.start + 2 or doc[i - 1].norm_ != "hữu nghị" or not _place_at(doc, i):
            continue
        if doc[i - 2].norm_ == "hội":
            head = i - 2
        elif doc[i - 2].norm_ == "nghị sĩ" and i - 3 >= s.start and doc[i - 3].norm_ == "nhóm":
            head = i - 3
        else:
            continue
        e = _place_end(doc, i, end)
        if not (e + 1 < end and doc[e].text in _DASHES and _place_at(doc, e + 1)):
            continue
        e = _place_end(doc, e + 1, end)
        if e + 1 < end and doc[e].norm_ in _ADMIN and _place_at(doc, e + 1):
            e = _place_end(doc, e + 1, end)
        yield head, e, "ORG"


def opens_photo_credit(doc: Words | Doc, i: int, medium: str = "ảnh") -> bool:
    """Words i, i + 1 are "Ảnh:", which opens a photo credit: a name follows (rule 8), and a
    body or an agency credited there is not marked (cases 43, 72). With `medium` "clip", a
    clip's credit ("Nguồn clip: VTV", case 187)."""
    return i + 1 < len(doc) and doc[i].norm_ == medium and doc[i + 1].text == ":"


def photo_credits(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """The name in a photo credit: "(Ảnh: [Hoàng Phúc])"."""
    doc, end = s.doc, s.end
    for i in s.at(AT_PHOTO):
        if i < end - 2 and opens_photo_credit(doc, i) and doc[i + 2].text[:1].isupper():
            e = i + 2
            while e < end and doc[e].text not in {")", "."} and e - i < 6:
                e += 1
            yield i + 2, e, "PER"


def source_lines(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """The outlets of a source line, a short sentence that ends its line: "… phát triển. Theo
    [VGP]", "Theo [Vietnam+]/[TTXVN]", "Theo [Quân đội nhân dân]" (guidelines case 43).
    Outlets differ from site to site, so the sentence's form finds them, not a list."""
    doc = s.doc
    if s.start < s.end and not doc[s.start].is_space and doc[s.start].norm_ != "theo":
        return  # most sentences: the first word is no "theo"
    words = [t for t in doc[s.start:s.end] if not t.is_space]
    if not (2 <= len(words) <= 8 and words[0].norm_ == "theo"):
        return
    last = doc.doc[words[-1].i]
    if doc_text(doc.doc)[last.idx + len(last):].lstrip(" \t")[:1] not in {"", "\n", "\r"}:
        return
    groups: list[list[Word]] = [[]]
    for t in words[1:]:
        if t.text in {"/", ",", ";", "-", "–"}:
            groups.append([])
        elif t.is_punct and t.text != "+" or word_kind(t) in {KIND_TITLE, KIND_DATE, KIND_CODE}:
            return
        else:
            groups[-1].append(t)
    if all(g and g[0].text[:1].isupper() and len(g) <= 5 for g in groups):
        yield from ((g[0].i, g[-1].i + 1, "ORG") for g in groups)


_OUTLETS = Phrases(lexicon.OUTLETS, attr="text")  # case matters: "Thanh Niên" is one, "thanh niên" no


def outlets(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A news outlet by its name: "Trả lời [VietNamNet]", "nói với PV [Tuổi Trẻ]" (case 43);
    not in a photo credit ("Ảnh: Trọng Đức/TTXVN", case 72)."""
    doc, free = s.doc, s.start
    for i in s.at(AT_OUTLET):
        if i < free:
            continue
        if i + 1 < s.end and opens_photo_credit(doc, i):
            return  # a photo credit: nothing after it is marked
        if e := _OUTLETS.end_at(doc, i, s.end):
            yield i, e, "ORG"
            free = e


def party_mentions(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """The article's own party organisation and the Party as an owner: "toàn [Đảng bộ]",
    "Đại hội XIII của [Đảng]" (guidelines rules 10, 11); the Prime Minister acting as an
    authority: "Quyết định của [Thủ tướng Chính phủ]" (K8)."""
    doc = s.doc
    for i in s.at(AT_PARTY):
        before = doc[i - 1].norm_ if i > s.start else ""
        if doc[i].norm_ == "đảng bộ" and before == "toàn":
            yield i, max(_org_end(doc, i, s.end), i + 1), "ORG"
        elif doc[i].text in _ACTING_ALONE and _acting_alone(doc, i, s.start, s.end):
            yield i, i + 1, "ORG"
        elif before == "của" and (doc[i].text == "Trung ương" or (  # a bare head as owner:
                word_kind(doc[i]) == KIND_ORG and doc[i].text[:1].isupper()  # "Kế hoạch của [Ban Chỉ đạo]"
                and _org_end(doc, i, s.end) == i)):
            yield i, i + 1, "ORG"
    for i in s.at(AT_HEAD_OF_STATE):  # K8: the Prime Minister as an authority, no one named
        if i >= s.end - 1:
            break
        if doc[i].norm_ == "thủ tướng" and doc[i + 1].norm_ == "chính phủ" and not (
                i + 2 < s.end and looks_like_person(doc, i + 2, _name_run(doc, i + 2, s.end))) \
                and not _a_post_named(doc, i, s.start):
            yield i, i + 2, "ORG"
        elif doc[i].norm_ in _HEADS_OF_STATE and _acts_as_authority(doc, i, s.end):
            yield i, i + 1, "ORG"


def _a_post_named(doc: Words, i: int, start: int) -> bool:
    """The post at i is named, not acting: held before ("nguyên Thủ tướng Chính phủ") or listed
    with other posts ("Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội"): rule 1 splits it."""
    return i > start and (doc[i - 1].norm_ in {"nguyên", "cựu"} or (
        doc[i - 1].text in {",", ";", "và"} and i - 1 > start and _is_title(doc[i - 2])))


# The Party and the army, named alone, are bodies where they own or act (cases 47, 78, 105).
_ACTING_ALONE = {"Đảng", "Quân đội"}
_CONGRESS = {"đại hội", "đh"}  # "ĐH Đảng toàn quốc": the congress, as newspapers shorten it
_OPENING_QUOTES = {"“", "\""}


def _acting_alone(doc: Words, i: int, start: int, end: int) -> bool:
    """"Đảng" (or "Quân đội") alone where it owns, acts or meets: "của [Đảng]", "nhiệm vụ mà
    [Đảng] giao", "được [Đảng], Nhà nước tặng", "[Đảng] ta", "Đại hội [Đảng] 13", a subject
    opening a sentence or listed with other bodies ("Quốc hội, Chính phủ, [Đảng] đang …",
    "[Quân đội] đã tham mưu"); not "Đại hội Đảng các cấp", congresses at every level."""
    after = doc[i + 1].norm_ if i + 1 < end else ""
    if i == start or doc[i - 1].text in _OPENING_QUOTES:
        return True
    before = doc[i - 1].norm_
    if before in _CONGRESS:
        return not (after == "các" and i + 2 < end and doc[i + 2].norm_.startswith("cấp"))  # "cấp tiến"
    return before in {"của", "mà", "được", "do", ","} or after == "ta"


_HEADS_OF_STATE = {"thủ tướng", "chủ tịch nước"}
# What an authority does by a decision: appoint, discipline, approve, sign, award.
DECIDING_VERBS = _PERSONNEL_ACTS | {
    "quyết định", "phê duyệt", "ký", "thi hành", "thi hành kỷ luật", "giáng cấp", "tặng", "chỉ thị",
    "chuẩn y", "chỉ định", "giao", "giao quyền", "phân công", "khiển trách", "cảnh cáo", "đình chỉ",
    "khai trừ", "luân chuyển", "công nhận", "tiếp nhận"}
# Words no body's name that goes on in lower case reads over: verbs, function words, acts.
_NAME_BREAKS = _DESCRIBED_BREAKS | _NEVER_IN_NAMES | DECIDING_VERBS


def decides_at(doc: Words | Doc, j: int, end: int) -> bool:
    """Word j, after any "vừa", "cũng", "đã", "sẽ", is a deciding verb: "[Thủ tướng] vừa ký",
    "Tại QĐ …, [Thủ tướng] bổ nhiệm"."""
    while j < end and doc[j].norm_ in {"vừa", "cũng", "đã", "sẽ"}:
        j += 1
    return j < end and doc[j].norm_ in DECIDING_VERBS


def _acts_as_authority(doc: Words, i: int, end: int) -> bool:
    """The Prime Minister or the President, no one named, deciding: "Tại Quyết định 589/QĐ-TTg,
    [Thủ tướng] bổ nhiệm …", "[Chủ tịch nước] vừa ký …", "quyết định của [Thủ tướng]" (K8, case
    46), "thừa ủy quyền của [Chủ tịch nước]", who acts through another; one who speaks or chairs
    is no authority."""
    of = i > 0 and doc[i - 1].norm_ == "của"
    return (of and (doc[i].norm_ == "thủ tướng" or (i > 1 and doc[i - 2].norm_ == "ủy quyền"))) \
        or decides_at(doc, i + 1, end)


def organisations(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """An organisation head extended over its place and name: "Ban Tổ chức Huyện ủy Cao Lộc",
    "UBND tỉnh", "Sở Kế hoạch và Đầu tư"."""
    doc, free = s.doc, s.start
    for i in s.at(AT_ORG):
        if i < free:
            continue
        if i not in s.taken and _org_start(doc, i, s.start):
            e = _org_end(doc, i, s.end, s.taken)
            if e > i and not _names_no_body(doc, i, e, s.end) and not names_many(doc, e, s.end):
                yield i, e, "ORG"
                free = e


_FORCES = {"công an nhân dân", "cand", "quân đội nhân dân", "qđnd"}
_POLICE = {"công an nhân dân", "cand"}  # alone, the force even without "lực lượng" (case 148)
_LEVEL_BEFORE = {"thuộc", "trực thuộc", "cơ quan", "ngành", "ở", "từ", "cấp"}


def _names_no_body(doc: Words, i: int, e: int, end: int) -> bool:
    """Words shaped like a body that name none: "[Chính phủ] điện tử" (a way of governing),
    "lực lượng QĐND", "CAND" alone (a force, a sector: cases 64, 148), "trực thuộc TƯ",
    "từ TƯ đến cơ sở" (a level), "ĐH" alone (the congress, "tiến tới ĐH 13", or a degree; a
    university is named: "ĐH Đà Nẵng")."""
    if e != i + 1:
        return False
    name, before = doc[i].norm_, doc[i - 1].norm_ if i > 0 else ""
    return (name == "chính phủ" and e < end and doc[e].norm_ in {"điện tử", "số"}) or name == "đh" \
        or name in _POLICE or (name in _FORCES and before == "lực lượng") \
        or (name in _CENTRAL and before in _LEVEL_BEFORE)


LEVELS = {level.lower().rstrip(".") for level in lexicon.ADMIN_LEVELS}  # "tp." read as "tp"
_LEVELS_OF_MANY = LEVELS | {"địa phương", "cơ sở"}


def names_many(doc: Words | Doc, e: int, end: int) -> bool:
    """Rule 3: a body's name followed by the levels it stands for names many bodies, no one body:
    "HĐND các cấp", "UBND các huyện, thị xã", "Chủ tịch UBND cấp xã", "UBND cùng cấp" (no
    gold span of the training articles is followed so); one body's several terms are one body
    ("[Ban Thường vụ Tỉnh ủy Khánh Hòa] các nhiệm kỳ")."""
    words = " ".join(t.norm_ for t in doc[e:min(end, e + 3)]).split()
    return words[:2] in (["các", "cấp"], ["cùng", "cấp"]) or (
        len(words) >= 2 and words[0] in {"các", "những", "cấp"}
        and (words[1] in _LEVELS_OF_MANY or " ".join(words[1:3]) in _LEVELS_OF_MANY)) or _levels_listed(doc, e, end)


def _levels_listed(doc: Words | Doc, e: int, end: int) -> bool:
    """A body ending in a bare level that another bare level follows: "Chủ tịch UBND quận,
    phường", "Công an tỉnh, thành phố" (no gold body or place of the training articles ends so;
    "UBND huyện, xã Tân Phú" names one commune after its own body)."""
    return (e + 1 < end and doc[e - 1].norm_ in LEVELS and doc[e].norm_ in {",", "và", "hoặc", "/"}
            and doc[e + 1].norm_ in LEVELS and not (e + 2 < end and doc[e + 2].text[:1].isupper()))


def _org_start(doc: Words, i: int, start: int) -> bool:
    """A body's name starts here: a capitalised head or abbreviation, or a lower-case head right
    after a title ("Phó bí thư huyện ủy Di Linh", "Trưởng ban Tổ chức")."""
    token = doc[i]
    after_title = i > start and (_is_title(doc[i - 1]) or _deputy_of_a_board(doc, i))
    described = after_title and token.norm_ in _DESCRIBED_HEADS and i + 1 < len(doc) \
        and (doc[i + 1].text[:1].isupper() or _party_board(doc, i)) \
        and not _head_repeated(doc, i)  # "Trưởng [phòng Tài chính – Kế hoạch]", "Trưởng [ban tổ chức Huyện ủy]"
    standing = token.text == "Thường vụ" and i + 1 < len(doc) and (  # "[Thường vụ Thành ủy]"
        doc[i + 1].norm_ in _STANDALONE or doc[i + 1].text in _ORG_ABBR)
    if token.text == "ĐH" and i + 1 < len(doc) and doc[i + 1].norm_.startswith("đảng"):
        return False  # the congress of a party organisation ("ĐH Đảng bộ tỉnh"), no university
    if token.text not in _ORG_ABBR and not described and not standing and (
            word_kind(token) != KIND_ORG
            or not (token.text[:1].isupper() or after_title or token.norm_ in _LOWER_BODIES
                    or (token.norm_ in _LOWER_NAMED and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()))) \
            and not (token.text[:1].isupper() and _assembly_committee_end(doc, i, len(doc))):
        return False  # "[Hội đồng dân tộc của Quốc hội]" starts at a head of no kind
    prev = doc[i - 1] if i > start else None
    return prev is None or prev.norm_ not in _GENERIC_BEFORE


# The boards a party committee works through, named after "ban" in either case.
_PARTY_BOARDS = {"tổ chức", "tuyên giáo", "dân vận", "nội chính", "kinh tế", "đối ngoại"}


def _deputy_of_a_board(doc: Words, i: int) -> bool:
    """"Phó" before "ban" is the post of a deputy head, and the board's name follows: "Phó [ban
    Tổ chức Huyện ủy]" (the training gold reads every such post so)."""
    return doc[i].norm_ == "ban" and doc[i - 1].text == "Phó"


def _party_board(doc: Words, i: int) -> bool:
    """A party committee's board named in lower case at word i, the committee after it:
    "Trưởng [ban tổ chức Huyện ủy Bá Thước]"."""
    return doc[i].norm_ == "ban" and i + 2 < len(doc) and doc[i + 1].norm_ in _PARTY_BOARDS \
        and (word_kind(doc[i + 2]) == KIND_ORG or doc[i + 2].norm_ in _CENTRAL)


def _head_repeated(doc: Words, i: int) -> bool:
    """A lower-case head after a title that the body's own name repeats: "Phó Trưởng [ban] Ban
    Tuyên giáo", "Trưởng [phòng] Phòng Tổng hợp", "Trưởng [ban] Ban biên tập", "Phó Trưởng [ban]
    BQL Khu kinh tế"; the word then ends the title (case 142)."""
    if not (doc[i].text.islower() and doc[i].norm_ in _DESCRIBED_HEADS and i + 1 < len(doc)
            and doc[i + 1].text[:1].isupper()):
        return False
    head, after = doc[i].norm_, doc[i + 1].norm_
    return after == head or after.startswith(head + " ") or (head == "ban" and after.startswith(("bql", "bcđ")))


def _org_end(doc: Words, i: int, end: int, taken: set[int] | frozenset = frozenset()) -> int:
    """Extend an organisation head over admin levels, names and further heads."""
    head = doc[i]
    if _secretariat_post(doc, i, end):
        return i
    j = i + 1
    bracketed = 0  # words of an abbreviation in brackets, which name no body on their own
    complete = head.norm_ in _STANDALONE or (i > 0 and _is_title(doc[i - 1])) or (
        i > 1 and _is_title(doc[i - 2]) and _head_repeated(doc, i - 1))  # "Trưởng ban [Ban biên tập …]"
    placed = False  # the last words read were the body's place
    while j < end and j not in taken:
        t = doc[j]
        if t.norm_ in _NEVER_IN_NAMES and not _place_at(doc, j):
            break
        if placed and (word_kind(t) == KIND_ORG or t.text in _ORG_ABBR):
            break  # "[MTTQ tỉnh Cà Mau] [UBKT Tỉnh ủy Cà Mau]": a place ends a body, the next head starts one
        placed = _place_at(doc, j) or t.norm_ in _ADMIN
        if j == i + 1 and head.norm_ == "văn phòng" and (joint := _joint_office_end(doc, j, end)):
            j = joint  # "[Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh]": one office serves all three
            complete = True
        elif j + 3 <= end and bracketed_abbreviation(doc, j, doc.place_tags):
            bracketed += 3  # "[Ủy ban Kiểm tra (UBKT) Tỉnh ủy Bình Phước]"
            j += 3
        elif word_kind(t) == KIND_ORG or t.text in _ORG_ABBR or t.text in lexicon.COMPANY_FORMS:
            j += 1
            complete = complete or t.norm_ in _STANDALONE
        elif t.norm_ in {"trung ương", "tối cao"}:  # "Ban Tổ chức Trung ương", "TAND tối cao"
            j += 1
            complete = True
        elif (t.text.isdigit() or _UNIT_NUMBER.match(t.text)) and doc[j - 1].norm_ in _NUMBERED:
            # "Quân khu 7", "Chi bộ 5A"
            j += 1
            complete = True
        elif j == i + 1 and head.norm_ in _BOARDS and (board_end := _board_name_end(doc, j, end)):
            j = board_end  # "[BQL dự án đầu tư xây dựng các công trình giao thông tỉnh]"
            complete = True
        elif doc[j - 1].norm_ in _PARTY_HEADS and t.norm_ in _PARTY_UNITS:
            j += 1  # "[Đảng ủy công ty] Xuất nhập khẩu …", "[Đảng bộ cơ quan VPQH]", "[Đảng ủy cơ sở]"
            complete = True
        elif doc[j - 1].norm_ in _PARTY_HEADS and _words_are(doc, j, end, ("các", "cơ quan", "đảng")):
            j += 3  # since 2025 each province's: "[Đảng ủy các cơ quan Đảng tỉnh Gia Lai]"
            complete = True
        elif doc[j - 1].norm_.endswith(("khối", "cơ quan")) and (bloc_end := _bloc_end(doc, j, end)):
            j = bloc_end  # a bloc of agencies and firms is one name: "[Đảng bộ Khối các cơ quan TƯ]",
            # "[Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh]", "[Đảng ủy Khối các cơ quan] [và doanh nghiệp] tỉnh"
        elif head.norm_ == "bch" and t.norm_ == "quân sự":
            j += 1  # "[BCH Quân sự TP Đà Nẵng]": the military command, not a party committee
            complete = True
        elif head.norm_ in _STEERING_HEADS and (subject_end := _STEERING.end_at(doc, j, end)):
            j = subject_end  # "[Ban Chỉ đạo Trung ương về phòng, chống tham nhũng]"
            complete = True
        elif head.norm_ in _NATIONAL_COMMITTEES and _words_are(doc, j, end, ("quốc gia", "về")) and j + 2 < end:
            j = _task_end(doc, j + 2, end)  # "[Ủy ban Quốc gia về Chính phủ điện tử]"
            complete = True
        elif head.norm_ in _STEERING_HEADS and doc[j - 1].norm_ in _BEFORE_A_TASK \
                and (task_end := _steering_task_end(doc, j, end)):
            j = task_end  # "[Ban Chỉ đạo tổng kết nghị quyết 18] ban hành", "[BCĐ giải phóng mặt bằng TP]"
            complete = True
        elif t.text in _DASHES and (fused_end := _fused_field_end(doc, j, end)):
            j = fused_end  # "[Ban Kinh tế - Xã hội HĐND huyện]", the head and "Kinh tế" read as one word
            complete = True
        elif j == i + 1 and head.norm_ == "báo" and (paper_end := _NEWSPAPERS.end_at(doc, j, end)):
            j = paper_end  # "[Báo Sài Gòn giải phóng]", though a place opens it
            complete = True
            break
        elif t.norm_ == "truyền hình" and doc[j - 1].norm_.endswith("phát thanh"):
            j += 1  # "[Đài Phát thanh Truyền hình Bắc Ninh]", the head and "Phát thanh" read as one word
            complete = True
        elif j == i + 1 and _party_board(doc, i):
            j += 1  # "[ban tổ chức Huyện ủy]"
        elif doc[j - 1].norm_ in _DESCRIBED_HEADS and (field_end := _field_end(doc, j, end)):
            j = field_end
            complete = True
        elif t.norm_ == "nước" and head.norm_ in {"chính phủ", "quốc hội"} and j + 1 < end \
                and _place_at(doc, j + 1):  # "[Chính phủ nước CHXHCN Việt Nam]"
            j = _place_end(doc, j + 1, end)
            complete = True
        elif _place_at(doc, j):  # "HĐND TP.HCM", "Tỉnh ủy Quảng Trị"
            j = _place_end(doc, j, end)
            complete = True
            if j < end and looks_like_person(doc, j, _name_run(doc, j, end)):
                break  # "Bí thư Tỉnh ủy Đắk Nông Lê Diễn": the name is the holder
        elif t.norm_ in _ADMIN:
            j += 1
            complete = True
            if j + 1 < end and doc[j].norm_ == "đảo" and (_place_at(doc, j + 1) or is_name_token(doc[j + 1])):
                j += 1  # "[UBND huyện đảo Cồn Cỏ]"
            if j < end and _place_at(doc, j):
                j = _place_end(doc, j, end)
            elif j < end and is_name_token(doc[j]):
                if _full_name_at(doc, j, end):
                    break
                j = _name_run(doc, j, end)
            elif j < end and doc[j].text.isdigit():  # "UBND quận 10"
                j += 1
        elif t.norm_ in _ORG_CONTINUE and j + 1 < end and (
                doc[j + 1].norm_ in _ADMIN or word_kind(doc[j + 1]) == KIND_ORG
                or doc[j + 1].norm_ in _ORG_CONTINUE or doc[j + 1].norm_ in _CENTRAL):
            j += 1
        elif is_name_token(t) and _full_name_at(doc, j, end):
            if not _named_after_a_person_school(doc, i, j):
                break  # "Bộ trưởng Bộ Nội vụ Nguyễn Duy Thăng": the name is the holder's, even after "vụ"
            j = _name_run(doc, j, end)
            complete = True
        elif doc[j - 1].norm_ in _COMPANY_HEADS or doc[j - 1].text in lexicon.COMPANY_FORMS:
            named = _company_name_end(doc, j, end)
            complete = complete or named > j
            j = named
            break
        elif doc[j - 1].norm_ in _DESCRIBED_HEADS and (
                (t.text[:1].isupper() and word_kind(t) in _NAME_KINDS) or _PORTFOLIOS.end_at(doc, j, end)):
            j = _described_name_end(doc, j, end)  # a field the state names may be in lower case:
            complete = True                       # "Sở [xây dựng] Thừa Thiên Huế"
        elif is_name_token(t) and t.norm_ != "đảng":
            if _full_name_at(doc, j, end) or _short_name_after_centre(doc, j, end):
                break
            j = _name_run(doc, j, end)
            complete = True
        elif t.norm_ == "đảng" and word_kind(doc[j - 1]) == KIND_ORG:
            j += 1
            complete = True
        else:
            break
    while j > i + 1 and doc[j - 1].norm_ in _NEVER_LAST:
        j -= 1
    if committee := _assembly_committee_end(doc, i, end):
        return max(j, committee)
    if not complete and head.text.split(maxsplit=1)[0] not in _ORG_ABBR and j - bracketed == i + 1:
        return i  # a bare head names no body; an abbreviation does ("UBND", "[UB Kiểm tra] đề nghị")
    return j


def joined_activities_end(doc: Words, j: int, end: int) -> int:
    """Where a body's name ending at j goes on when the comma at j joins two activities of it
    ("[Cục Đào tạo], bồi dưỡng cán bộ"), with a third after "và" ("… đầu tư, thương mại và Du
    lịch Hải Phòng"); j itself when it does not. The span checks use it, not the rules: the
    network reads the rules' spans, and its cached copies stay valid."""
    if j >= end or doc[j].text != "," or not _coordinated_at(doc, j, end):
        return j
    k = _task_end(doc, j + 1, end)
    if k + 1 < end and doc[k].norm_ == "và" and _third_activity(doc, k + 1, end):
        k = _task_end(doc, k + 1, end)
    return k


def _coordinated_at(doc: Words, j: int, end: int) -> bool:
    """The comma at j joins two activities of one body's name (lexicon.COORDINATED_ACTIVITIES):
    the words before it end with the first, the words after it begin with the second."""
    if j + 1 >= end:
        return False
    before = " " + " ".join(w.norm_ for w in doc[max(0, j - 3):j])
    following = " ".join(w.norm_ for w in doc[j + 1:min(end, j + 4)]) + " "
    return any(before.endswith(" " + first) and any(following.startswith(second + " ") for second in seconds)
               for first, seconds in lexicon.COORDINATED_ACTIVITIES.items())


def _third_activity(doc: Words, k: int, end: int) -> bool:
    """Word k, after "và" that follows two joined activities, goes on with the name: a capitalised
    field, not another body's head nor a person ("… đầu tư, thương mại và [Du lịch]")."""
    t = doc[k]
    return t.text[:1].isupper() and word_kind(t) != KIND_ORG and t.text not in _ORG_ABBR \
        and not _place_at(doc, k) and not (is_name_token(t) and _full_name_at(doc, k, end))


def _of_the_assembly(head: Word) -> bool:
    """A head the National Assembly's committees and boards are named with: "Ủy ban", "Hội
    đồng", "Ban", and heads that begin so ("Ban Công tác đại biểu")."""
    name = head.norm_
    return (name in _ASSEMBLY_BODIES or name.startswith(("ban ", "ủy ban ", "ub ", "hội đồng "))) \
        and "quốc hội" not in name  # "Ủy ban Thường vụ Quốc hội" names its owner already


def _assembly_committee_end(doc: Words, i: int, end: int) -> int:
    """A committee of the National Assembly keeps its field, in either case, and its owner:
    "[Ủy ban Pháp luật của Quốc hội]", "[Hội đồng dân tộc của Quốc hội]", "[Ủy ban Tài chính -
    ngân sách của Quốc hội]", "[Ban Công tác Đại biểu của Quốc hội]"; 0 when no "của Quốc hội"
    follows a few words of a field, or the head is none the Assembly names its committees with."""
    if not _of_the_assembly(doc[i]):
        return 0
    for k in range(i + 1, min(end - 1, i + 9)):
        t = doc[k]
        if t.norm_ == "của":  # after the field, or right after a head that names it ("Hội đồng bầu cử")
            named = k > i + 1 or doc[i].norm_ not in _ASSEMBLY_BODIES
            return k + 2 if named and doc[k + 1].text in {"Quốc hội", "QH"} else 0
        if (t.is_punct and t.text not in {"-", "–", ","}) or t.norm_ in _VERB_STOPS or t.norm_ in _NEVER_IN_NAMES \
                or word_kind(t) == KIND_ORG or _is_title(t) or t.text in _ORG_ABBR \
                or (is_name_token(t) and _full_name_at(doc, k, end)):
            return 0
    return 0


_BOARDS = {"ban quản lý", "bql", "ban quản lý dự án"}
# What a management board's name starts with, when it names the board by what it manages.
_BOARD_SUBJECTS = {"dự án", "đầu tư", "khu", "khu kinh tế", "khu công nghiệp", "công trình", "vườn quốc gia", "vqg",
                   "di tích", "khu di tích"}
_BOARD_GLUE = {"và", "các", ",", "-", "–"}
# "… thành [Ban Quản lý …]", "[Ban Quản lý …] - nguyên Giám đốc …"
_BOARD_BREAKS = _NAME_BREAKS | {"thành", "nguyên", "cựu"}


def _board_name_end(doc: Words, j: int, end: int) -> int:
    """What a management board is named after, its words in either case, from word j up to its
    place, which `_org_end` reads on ("[BQL dự án đầu tư xây dựng các công trình dân dụng và
    công nghiệp] tỉnh Quảng Ninh", "[Ban quản lý khu kinh tế và các khu công nghiệp] tỉnh Thái
    Bình"): 0 unless the words after the head open such a name. It ends at a verb, a function
    word, another body, a post or a person ("[Ban Quản lý khu kinh tế] - nguyên Chủ tịch …")."""
    opened = doc[j - 1].norm_.endswith("dự án")  # "Ban Quản lý dự án" read as one word
    if not opened and doc[j].norm_ not in _BOARD_SUBJECTS and not (
            doc[j].norm_ == "các" and j + 1 < end and doc[j + 1].norm_ in _BOARD_SUBJECTS):
        return 0
    k = last = j
    while k < end and k - j < 16:
        t = doc[k]
        if t.norm_ in _ADMIN or _place_at(doc, k):
            break
        if t.norm_ in _BOARD_GLUE:
            after = doc[k + 1] if k + 1 < end else None
            if after is None or after.is_punct or word_kind(after) == KIND_ORG or _is_title(after) \
                    or after.text in _ORG_ABBR or (after.norm_ in _BOARD_BREAKS and after.norm_ != "các") \
                    or (t.text == "," and after.norm_ not in _BOARD_SUBJECTS):
                break
            k += 1
            continue
        if t.is_punct or t.norm_ in _BOARD_BREAKS or word_kind(t) == KIND_ORG or _is_title(t) \
                or t.text in _ORG_ABBR or (is_name_token(t) and _full_name_at(doc, k, end)):
            break
        k = last = k + 1
    return last if last > j else 0


_BLOC_WORDS = {"các", "cơ quan", "các cơ quan", "doanh nghiệp", "dn", "cơ quan-doanh nghiệp"}
_BLOC_JOINED = _BLOC_WORDS - {"các"}  # what "và" or a dash joins to the bloc


def _bloc_end(doc: Words, j: int, end: int) -> int:
    """End of the agencies and firms a party bloc gathers, in either case, from word j ("Khối
    [các cơ quan và doanh nghiệp]", "khối [Cơ quan - DN]", "khối [Doanh nghiệp]"); 0 when none."""
    if any(_words_are(doc, j, end, ("dân", dash, "chính", dash, "đảng")) for dash in _DASHES):
        return j + 5  # "Khối [Dân - Chính - Đảng]"
    k = last = j
    while k < end:
        if doc[k].norm_ in _BLOC_WORDS:
            k = last = k + 1
        elif (doc[k].norm_ == "và" or doc[k].text in _DASHES) and k + 1 < end and doc[k + 1].norm_ in _BLOC_JOINED:
            k += 1
        else:
            break
    return last if last > j else 0


# A party committee or organisation of a unit named by its kind ("[Đảng ủy cơ sở]", "[Đảng ủy công ty]
# Xuất nhập khẩu 2-9", "[Đảng bộ cơ quan VPQH]", "[Đảng bộ quân đội]").
_PARTY_HEADS = {"đảng ủy", "đảng bộ", "ban chấp hành đảng bộ"}
_PARTY_UNITS = {"cơ quan", "công ty", "cơ sở", "bộ phận", "quân đội", "phòng", "doanh nghiệp"}


_OFFICE_MEMBERS = Phrases(["Đoàn ĐBQH", "ĐBQH", "Đoàn đại biểu Quốc hội", "đại biểu Quốc hội", "HĐND", "UBND",
                           "Hội đồng nhân dân", "Ủy ban nhân dân"], key=str.lower)


def _joint_office_end(doc: Words, j: int, end: int) -> int:
    """End of the bodies a joint office serves, listed with ",", "và" or dashes from word j:
    "Văn phòng [Đoàn ĐBQH - HĐND - UBND] tỉnh" (the training articles name it so 9 times,
    always as one body); 0 unless two or more are listed."""
    members, k, last = 0, j, 0
    while k < end and (member_end := _OFFICE_MEMBERS.end_at(doc, k, end)):
        members, last = members + 1, member_end
        if member_end < end and doc[member_end].text in {",", "và", "-", "–"}:
            k = member_end + 1
        else:
            break
    return last if members >= 2 else 0


ABBREVIATION = re.compile(r"[A-ZĐ](?:[^\W\d_]|&)*")  # letters and "&", no digits: "GD&ĐT", "Sagri"


def bracketed_abbreviation(doc: Words | Doc, j: int, places: list[str]) -> bool:
    """"(ABBR)" at word j: an abbreviation in brackets, no number and no place ("(UBKT)",
    "(GD&ĐT)", "(Sagri)"; not "(K20)", "(TPHCM)"). After a body's name it belongs to the name
    (rule 33)."""
    return j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" \
        and bool(ABBREVIATION.fullmatch(doc[j + 1].text)) and not (places and places[j + 1] in {"B", "I"})


def _named_after_a_person_school(doc: Words, i: int, j: int) -> bool:
    """A school whose kind alone precedes the full name at j takes the name as its own:
    "[Trường THPT Hoàng Văn Thụ]", "[Trường Đảng Nguyễn Ái Quốc]", "[Trường Đào tạo cán bộ
    Nguyễn Văn Cừ]"; a school already named ("Trường THPT Lê Lợi Nguyễn Văn A") does not."""
    return doc[i].norm_ == "trường" and not any(is_name_token(t) and t.norm_ != "đảng" for t in doc[i + 1:j])


def _secretariat_post(doc: Words, i: int, end: int) -> bool:
    """"Thường trực" before "Ban Bí thư" is one person's post, not a standing organ (case 128)."""
    return doc[i].norm_ == "thường trực" and i + 1 < end and doc[i + 1].norm_ == "ban bí thư"


@lru_cache(maxsize=20_000)  # asked again of the same few words after each head: bounded
def _field_key(name: str) -> str:
    """Compared without case or spaces around punctuation ("Bưu chính , Viễn thông", "HIV / AIDS"),
    "&" read as "và" ("Giáo dục & Đào tạo")."""
    text = " ".join(new_tone_placement(name.lower()).replace("–", "-").replace("&", " và ").split())
    return re.sub(r"\s*([^\w\s])\s*", r"\1", text)


_FIELDS = Phrases(lexicon.DEPARTMENT_FIELDS, key=_field_key)  # "Nông nghiệp và phát triển nông thôn"
_PORTFOLIOS = Phrases(lexicon.DEPARTMENT_FIELDS + lexicon.MINISTRY_PORTFOLIOS, key=_field_key)
_STEERING = Phrases(lexicon.STEERING_SUBJECTS, key=_field_key)
_NEWSPAPERS = Phrases(lexicon.NEWSPAPERS + lexicon.OUTLETS, key=_field_key)  # after "Báo", in either case
MINISTERS = {"bộ trưởng", "thứ trưởng"}


def portfolio_end(doc: Words, i: int, end: int) -> int:
    """End of a minister's portfolio named at word i without "Bộ" ("Quốc phòng", "TT&TT", "Tài
    nguyên và Môi trường"; case 60), capitalised as a ministry's name is; 0 when none."""
    return _PORTFOLIOS.end_at(doc, i, end) if doc[i].text[:1].isupper() else 0


def _field_end(doc: Words, j: int, end: int) -> int:
    """End of a field the state names, after the head at j - 1: a ministry's portfolio is whole
    ("[Bộ Quốc phòng] khẳng định"), and so is a committee's ("UB [Pháp luật]", not the country
    "Pháp"); 0 when none."""
    return (_PORTFOLIOS if doc[j - 1].norm_ == "bộ" else _FIELDS).end_at(doc, j, end)


_STEERING_HEADS = {"ban chỉ đạo", "bcđ"}
_BEFORE_A_TASK = _STEERING_HEADS | _CENTRAL  # "Ban Chỉ đạo [xây dựng …]", "Ban Chỉ đạo Trung ương [xây dựng …]"
_NATIONAL_COMMITTEES = {"ủy ban", "ub", "hội đồng"}
# The words a steering committee's task opens with ("Ban Chỉ đạo [xây dựng], phát triển …"); a
# verb after the bare name is what the committee does ("Ban Chỉ đạo theo dõi, chỉ đạo").
_STEERING_TASKS = {"xây dựng", "tổng kết", "giải phóng", "nâng cao", "thi", "kỳ thi", "cải cách", "đề án",
                   "phát triển", "sắp xếp", "tổng điều tra", "chuyển đổi", "chương trình", "các chương trình",
                   "phòng chống"}
_TASK_BREAKS = _NAME_BREAKS | {"của", "và", "do", "gồm", "là"}


def _steering_task_end(doc: Words, j: int, end: int) -> int:
    """End of the task a steering committee is named after, from word j: up to punctuation, a
    verb, a function word, a post or a person, and over the place it ends with ("[BCĐ giải
    phóng mặt bằng TP]"); a comma goes on only to another task ("[Ban Chỉ đạo xây dựng, phát
    triển 5 huyện thành quận] của thành phố"); 0 unless word j opens a task."""
    if j + 1 < end and doc[j].norm_ == "quốc gia":
        j += 1  # "[Ban chỉ đạo quốc gia phòng chống Covid-19]"
    return _task_end(doc, j, end) if doc[j].norm_ in _STEERING_TASKS else 0


def _task_end(doc: Words, j: int, end: int) -> int:
    """End of the task or subject a committee is named after, from its first word at j."""
    k = j + 1
    while k < min(end, j + 12):
        t = doc[k]
        if t.text == "," and k + 1 < end and doc[k + 1].norm_ in _STEERING_TASKS:
            k += 2
        elif _place_at(doc, k):
            return _place_end(doc, k, end)
        elif t.is_punct or t.norm_ in _TASK_BREAKS or _is_title(t) or (is_name_token(t) and _full_name_at(doc, k, end)):
            break
        else:
            k += 1
    return k


def _fused_field_end(doc: Words, j: int, end: int) -> int:
    """End of a field the dash at word j joins to the word before, which the segmenter read whole
    with its head ("Ban Kinh tế" - "Ngân sách"): the word's words after the head, the dash and
    what follows are a field the state names; 0 when none."""
    fused = doc[j - 1].text.split()
    for cut in (1, 2):
        if len(fused) > cut:
            field = " ".join(fused[cut:])
            for k in range(min(end, j + 5), j + 1, -1):
                if " ".join([field] + [t.text for t in doc[j:k]]) in _FIELDS:
                    return k
    return 0


def _described_name_end(doc: Words, j: int, end: int) -> int:
    """After "Cục", "Sở" …: a field the state names ("Nông nghiệp và phát triển nông thôn",
    lexicon.DEPARTMENT_FIELDS), or a capitalised word and up to two lower-case ones ("Quản lý
    thị trường"), or "X và Y" ("Kế hoạch và Đầu tư"), "X – Y" ("Tài chính – Kế hoạch"); after an
    abbreviation ("Sở GD&ĐT") or before a verb, nothing more."""
    if word_kind(doc[j]) == "abbr":
        return j + 1
    field_end = _field_end(doc, j, end)
    if field_end:
        return field_end
    j += 1
    limit = j + 3
    while j < min(end, limit) and doc[j].norm_ not in _ADMIN:
        joined = doc[j].text in _DASHES and j + 1 < end and not _full_name_at(doc, j + 1, end)
        if doc[j].is_punct and not joined and not _listed_in_name(doc, j, end):
            break
        if (joined or doc[j].text in {"và", "&", ","}) and j + 1 < end and doc[j + 1].text[:1].isupper() \
                and word_kind(doc[j + 1]) in _NAME_KINDS:  # "Kế hoạch và Đầu tư", "Văn hóa, Thông tin",
            j += 2                                       # "Tài chính – Kế hoạch", "Giáo dục & Đào tạo"
            limit = j + 3
        elif doc[j].text.islower() and doc[j].norm_ not in _DESCRIBED_BREAKS:
            j += 1
        elif doc[j].text[:1].isupper() and word_kind(doc[j]) in _NAME_KINDS and doc[j].norm_ not in _NEVER_IN_NAMES \
                and not _place_at(doc, j) and not _full_name_at(doc, j, end):  # "Trung tâm [Bồi dưỡng Chính trị]"
            j += 1
            limit = j + 3
        elif doc[j - 1].text[:1].isupper() and (_SHORT_NUMBER.match(doc[j].text) or ROMAN.fullmatch(doc[j].text)):
            return j + 1  # "Trường [Sĩ quan Lục quân 1]", "Tiểu ban [Văn kiện Đại hội 13]"
        else:
            break
    return j


def _company_name_end(doc: Words, j: int, end: int) -> int:
    """After "Công ty" and its legal form: the company's own name, whose lower-case words
    go on to a capitalised one ("Công ty TNHH [xây dựng Thành Đạt]", "[Xuất nhập khẩu 2-9
    Đắk Lắk]", "[Xổ số kiến thiết TPHCM]"), numbers after a word of it; it ends at
    punctuation, a verb, a holder's name, or lower-case words no capitalised one follows."""
    def of_the_name(n: int) -> bool:
        return n < end and not doc[n].is_punct and doc[n].norm_ not in _DESCRIBED_BREAKS

    k = j
    while of_the_name(k):
        t = doc[k]
        if t.text[:1].isupper():
            if k > j and _full_name_at(doc, k, end):
                break
        elif not (k > j and any(c.isdigit() for c in t.text)) and not any(
                of_the_name(n) and doc[n].text[:1].isupper() for n in (k + 1, k + 2)):
            break
        k += 1
    return k


def _listed_in_name(doc: Words, j: int, end: int) -> bool:
    """A comma inside a body's name that lists its fields: "Sở Văn hóa, Thông tin, Thể thao và
    Du lịch" (a capitalised word follows, and "và" + a capitalised word closes the list)."""
    if doc[j].text != "," or j + 1 >= end or not doc[j + 1].text[:1].isupper():
        return False
    for k in range(j + 1, min(end, j + 8)):
        if doc[k].text == "và":
            return k + 1 < end and doc[k + 1].text[:1].isupper()
        if doc[k].is_punct and doc[k].text != ",":
            return False
    return False


_PLACE_HEADS = Phrases(lexicon.PLACE_HEADS, key=str.lower)  # "Vườn Quốc gia", "cầu"
_LANDMARKS = Phrases(lexicon.LANDMARKS, key=str.lower)
_UNIT_NUMBER = re.compile(r"^\d{1,3}[A-Z]?$")


def landmarks(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A named place of lexicon.LANDMARKS, after a place head or none: "[Nhà Quốc hội]" before
    the organisations rule reads "Quốc hội" as the body."""
    doc = s.doc
    for i in s.at(AT_LANDMARK):
        h = _PLACE_HEADS.end_at(doc, i, s.end) or i
        if h < s.end and (e := _LANDMARKS.end_at(doc, h, s.end)):
            yield i, e, "LOC"


# Words between a counted level word and the places it lists: "7 huyện: …", "các xã gồm …".
_LIST_OPENERS = {":", "gồm", "là", "như"}
_LIST_GLUE = {",", "và", ";"}


def listed_places(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """Each place of a list that shares a counted level word (case 146): "trên địa bàn 7 huyện:
    [Châu Thành], [Cầu Ngang] và [Càng Long]", "các xã [Tân Lập], [Hòa Bình]", also where the
    gazetteer does not know a name or knows it as something else. Not after a body's head,
    where the gold data reads the members as the body's branches in some lists ("UBND các
    huyện: [Châu Thành], [Cầu Kè]", case 58) and as places in others ("UB Kiểm tra Tỉnh ủy
    các tỉnh [Hưng Yên], [Nam Định]")."""
    doc = s.doc
    for i in s.at(AT_ADMIN):
        if not s.start < i < s.end - 1 or doc[i].norm_ not in _ADMIN:
            continue
        # "các tỉnh, thành phố: …" counts over both level words
        count = i - 3 if doc[i - 1].text == "," and i - 3 >= s.start and doc[i - 2].norm_ in _ADMIN else i - 1
        if not counts(doc, count) or (count > s.start and (
                word_kind(doc[count - 1]) == KIND_ORG or doc[count - 1].text in _ORG_ABBR)):
            continue
        j = _list_start(doc, i + 1, s.end)
        members = list(_list_members(doc, j, s.end)) if j else []
        if len(members) >= 2 or (members and j > i + 1):
            yield from ((b, e, "LOC") for b, e in members)


def _list_start(doc: Words, j: int, end: int) -> int | None:
    """Where the list after a level word starts: past the place that holds them and the words
    that open it ("5 huyện của tỉnh Đắk Lắk gồm: …"). None when a holding place is named and
    nothing opens a list ("các huyện của tỉnh Đắk Lắk"; the place is no member)."""
    owner = j
    if doc[j].norm_ in {"của", "thuộc"} and j + 1 < end:
        owner = next(_list_members(doc, j + 1, end), (j, j))[1]
    k = owner
    while k < end and doc[k].norm_ in _LIST_OPENERS:
        k += 1
    return None if owner > j and k == owner else k


def _list_members(doc: Words, j: int, end: int) -> Iterator[tuple[int, int]]:
    """The names listed from word j, joined by commas or "và"; a member may keep its own
    level word ("[huyện Khánh Vĩnh]")."""
    while j < end:
        k = j + 1 if doc[j].norm_ in _ADMIN and j + 1 < end else j
        if _place_at(doc, k):
            e = _place_end(doc, k, end)
        elif is_name_token(doc[k]):
            e = _name_run(doc, k, end)
        else:
            return
        yield j, e
        if e + 1 >= end or doc[e].text not in _LIST_GLUE:
            return
        j = e + 1


def places(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A level word and a name or number ("huyện Đình Lập", "quận 10", "thôn An Xá"), a place
    the gazetteer knows named bare ("về Quảng Ngãi", "Tây Nguyên", "Việt Nam"), or a park,
    river or zone by its head ("Khu kinh tế Bắc Vân Phong", "sông Hồng")."""
    doc, free = s.doc, s.start
    for i in s.at(AT_PLACE):
        if i < free:
            continue
        e = i
        if (doc[i].norm_ in _ADMIN or names_a_level(doc[i])) and i + 1 < s.end \
                and not _place_at(doc, i):  # "TP HCM" is one name
            listed = i > s.start and counts(doc, i - 1)
            n = i + 2 if doc[i + 1].norm_ == "đảo" and i + 2 < s.end else i + 1  # "[huyện đảo Cồn Cỏ]"
            if _place_at(doc, n) and (listed or _is_region(doc, n)):
                continue  # "các tỉnh Tây Nguyên", "các quận [Long Biên], Hoàng Mai": the level
                # word is no part of a region's name, nor of the first of a list's
            if listed and is_name_token(doc[n]):
                i, e = n, _name_run(doc, n, s.end)
            elif _place_at(doc, n):
                e = _place_end(doc, n, s.end)
            elif is_name_token(doc[n]):
                e = _name_run(doc, n, s.end)
            elif _UNIT_NUMBER.match(doc[n].text):  # "quận 10", "Trưởng [ấp 5A]"
                e = n + 1
        elif _place_at(doc, i) and i not in s.taken and not (i > s.start and (
                doc[i - 1].norm_ in A_PEOPLE or doc[i - 1].norm_ in lexicon.HONORIFIC_WORDS)):  # "ông [Vinh]"
            e = _place_end(doc, i, s.end)
            if doc[i].norm_ == "miền" and _place_at(doc, e) and not _is_region(doc, e):
                e = _place_end(doc, e, s.end)  # "[miền Tây Nghệ An]", "[miền Bắc Việt Nam]"
        elif (h := _PLACE_HEADS.end_at(doc, i, s.end)) and h < s.end and (is_name_token(doc[h]) or _place_at(doc, h)) \
                and not (i > s.start and doc[i - 1].norm_ == "điểm"):  # "điểm cầu Hà Nội": a venue
            if not (_place_at(doc, h) and _is_region(doc, h)):
                e = _name_run(doc, h, s.end)
            elif doc[i].norm_ == "vùng":
                e = _place_end(doc, h, s.end)  # case 147: "[vùng Tây Nam Bộ]", as a level word
            else:
                free = h  # "biển [Việt Nam]": another head is no part of a region's name
                continue
        if e > i:
            yield i, e, "LOC"
            free = e
        else:
            free = i + 1  # past the name a counted level word was moved on to, if it was


# Bare heads that name the one body the article means (rule 11), and the words after which
# they name a level or a kind of body instead: "các ban đảng Trung ương", "cán bộ Trung ương",
# "trực thuộc Trung ương"; "Đại hội Đảng bộ các cấp", "các Đảng bộ".
_BARE_BODIES = {
    "Trung ương": _LEVEL_BEFORE | {"khối", "tại", "giữa", "quyết", "nghị quyết", "báo chí", "ban đảng",
                                   "đoàn thể", "ban ngành", "ngành", "cán bộ", "đại biểu", "thuộc"},
    "Đảng bộ": {"đại hội", "hội", "các", "những", "mỗi", "từng", "cấp", "và"},
}


def bare_bodies(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """"Trung ương" or "Đảng bộ" alone, no body's name around it: "kiến nghị [Trung ương]
    quan tâm", "Ủy viên [Trung ương] khóa X", "xây dựng [Đảng bộ] trong sạch"; not after the
    words of _BARE_BODIES, and "Trung ương" not in a sentence that sets it against "địa
    phương" ("từ Trung ương đến địa phương"). The training articles read "Trung ương" alone as
    the body in some 150 sentences and as a level in some 65; "Đảng bộ" alone as the body in
    some 35 and otherwise after those words."""
    doc = s.doc
    for i in s.at(AT_BARE_BODY):
        after_words = _BARE_BODIES.get(doc[i].text)
        if after_words is None or i in s.taken or (doc[i].text == "Trung ương" and any(
                doc[k].norm_ == "địa phương" for k in s.at(AT_LOCAL))):
            continue
        before = doc[i - 1].norm_ if i > s.start else ""
        if not any(before == w or before.endswith(" " + w) for w in after_words):  # "đảng trực thuộc": one word
            yield i, i + 1, "ORG"


def founders(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """The founders a doctrine is named after: "chủ nghĩa [Mác] - [Lênin]" (case 94)."""
    doc = s.doc
    for i in s.at(AT_FOUNDER):
        if i > s.start and doc[i].text == "Mác" and doc[i - 1].norm_ == "chủ nghĩa":
            yield i, i + 1, "PER"
            if i + 2 < s.end and doc[i + 1].text in _DASHES and doc[i + 2].text in {"Lênin", "Lê-nin"}:
                yield i + 2, i + 3, "PER"


def people_and_titles(s: Sentence) -> Iterator[tuple[int, int, str]]:
    """A person after an honorific or beside a title, and the titles such a person holds:
    "đồng chí [Hoàng Xuận Thuận], [TUV], [Bí thư] Huyện ủy", "[Phó Chủ tịch] UBND tỉnh
    [Trần Văn Khải]"."""
    doc, start, end = s.doc, s.start, s.end
    org_start = {e: b for b, e, label in s.spans if label == "ORG"}
    persons: list[tuple[int, int]] = []
    free = start
    for i in s.at(AT_PERSON):
        if i < free:
            continue
        t = doc[i]
        if t.norm_ in lexicon.HONORIFIC_WORDS and i + 1 < end and is_name_token(doc[i + 1]):
            e = _name_run(doc, i + 1, end)
            persons.append((i + 1, e))
            free = e
            continue
        if is_name_token(t) and not _place_at(doc, i) and not _named_after_a_person(doc, i, start) and (
                i == start or not is_name_token(doc[i - 1]) or _in_place(doc, i - 1)):
            e = _name_run(doc, i, end)
            cue = _title_after(doc, e, end) or _title_before(doc, i, start, org_start) is not None
            if looks_like_person(doc, i, e) and (cue or _syllables(doc, i, e) >= 3) \
                    or _leader_abroad(doc, i, e, start):
                persons.append((i, e))
                free = e
    yield from ((b, e, "PER") for b, e in persons)
    if not persons:
        return
    org_end = {b: e for b, e, label in s.spans if label == "ORG"}
    bodies = {b: e for b, e, label in s.spans if label in {"ORG", "LOC"}}
    person_starts = {b for b, _ in persons}
    for j in s.at(AT_TITLE):  # rule 2: the titles of a sentence that names a person
        generic = j > start and ((doc[j - 1].norm_ in _GENERIC_BEFORE or doc[j - 1].like_num)
                                 and not _holders_listed(doc, j + 1, end, bodies, person_starts)
                                 or (doc[j].norm_ == "đại biểu" and not _a_deputys_post(doc[j - 1]))
                                 or (doc[j - 1].norm_ == "của" and not _holder_follows(doc, j, end, org_end,
                                                                                       person_starts)))
        if (_is_title(doc[j]) and not generic) or _secretariat_post(doc, j, end) or (
                doc[j].norm_ == "phó" and j + 1 < end and word_kind(doc[j + 1]) == KIND_ORG):
            yield j, j + 2 if j + 1 < end and _head_repeated(doc, j + 1) else j + 1, "TITLE"


def _leader_abroad(doc: Words, i: int, e: int, start: int) -> bool:
    """The name from i to e follows a title and a country abroad: "Tổng thống Mỹ [Joe Biden]",
    "Thủ tướng Nhật Bản [Fumio Kishida]"; a foreign name has no Vietnamese family name."""
    if i - 2 < start or _in_place(doc, i) or not _in_place(doc, i - 1) or not 2 <= _syllables(doc, i, e) <= 5 \
            or doc[i].norm_.split()[0] in _NEVER_IN_NAMES:  # "Thủ tướng Hàn Quốc | Sáng nay, …"
        return False
    p = i - 1
    while p > start and doc.place_tags[p] == "I":
        p -= 1
    return p > start and _is_title(doc[p - 1]) and _is_region(doc, p, abroad=True)


# "đại biểu" is one person's post after these words or in a list of posts ("thôi làm nhiệm vụ
# [đại biểu] HĐND tỉnh", "ông X, [đại biểu] Quốc hội"); elsewhere it is the deputies as a body
# or the delegates of a congress ("tổ đại biểu", "tổng số đại biểu", "Đại hội đại biểu", "ứng cử
# đại biểu"). The training articles read so 31 of the 32 times the rules marked it and 58 of the
# 66 times they should not have.
_DEPUTY_AFTER = {"nhiệm vụ", "là", "làm", "tư cách"}


def _a_deputys_post(before: Word) -> bool:
    return before.norm_ in _DEPUTY_AFTER or before.text in {",", ";", "-", "–"}


def holder_list_opens(doc: Words | Doc, k: int, end: int, bodies: dict[int, int],
                      openers: frozenset[str] = lexicon.HOLDER_LIST_OPENERS) -> int | None:
    """Where the list of a title's holders starts when "gồm" or a colon (one of `openers`) opens
    it after the title ending at k, over its body (`bodies`: start -> end of the ORG and LOC
    spans) and its term ("4 [Thứ trưởng] gồm các ông …", "3 [uỷ viên] mới vào Ban Chấp hành …
    nhiệm kỳ 2015 - 2020, gồm: …"; cases 35, 160): the word after the opener, else None."""
    while k < end and doc[k].norm_ not in openers and _before_holder_list(doc, k, bodies):
        k = bodies.get(k, k + 1)
    return k + 1 if k < end and doc[k].norm_ in openers else None


def _before_holder_list(doc: Words | Doc, k: int, bodies: dict[int, int]) -> bool:
    """Word k is of a title's body, term or count, between the title and its list of holders."""
    return k in bodies or doc[k].is_space or lexicon.before_holder_list(doc[k].norm_) or word_kind(doc[k]) == KIND_ORG


def _holders_listed(doc: Words, k: int, end: int, bodies: dict[int, int], persons: set[int]) -> bool:
    """Whether a person's name opens the list of holders after a counted title ending at k: a
    counted title with its holders listed names them (case 160); "các Phó Chủ tịch UBND tỉnh"
    alone names no one."""
    start = holder_list_opens(doc, k, end, bodies)
    while start is not None and start < end and (doc[start].norm_ in lexicon.HONORIFIC_WORDS
                                                 or doc[start].norm_ in {":", "có", "các"}):
        start += 1
    return start in persons


def _holder_follows(doc: Words, k: int, end: int, org_end: dict[int, int], persons: set[int]) -> bool:
    """Whether a person's name follows the title at k, over the bodies, titles and glue of a
    list of posts: "của [Tổng bí thư], Chủ tịch nước Nguyễn Phú Trọng" names its holder; "Quyết
    định của Chủ tịch UBND tỉnh" names an office, and its title is no one's (rule 2: the
    training articles mark 63 titles after "của" and leave 139)."""
    while k < end and k not in persons:
        if k in org_end:
            k = org_end[k]
        elif _is_title(doc[k]) or doc[k].norm_ in lexicon.POST_LIST_GLUE:
            k += 1
        else:
            return False
    return k < end


_NAMED_AFTER = {"huân chương", "giải thưởng", "đường", "phố"}


def _named_after_a_person(doc: Words, i: int, start: int) -> bool:
    """A name at i that names an award or a street after a person: "Huân chương [Hồ Chí Minh]",
    "số 5 Trần Thánh Tông", "đường Lê Duẩn" (no one is there)."""
    if i == start:
        return False
    before = doc[i - 1]
    return before.norm_ in _NAMED_AFTER or (
        any(c.isdigit() for c in before.text) and i - 2 >= start and doc[i - 2].norm_ == "số")


def _title_after(doc: Words, e: int, end: int) -> int:
    """Index of a title apposed right after a name ("X, Bí thư", "X - Bí thư"), else 0."""
    if e + 1 < end and doc[e].text in {",", "-", "–"} and _is_title(doc[e + 1]):
        return e + 1
    return 0


def _title_before(doc: Words, s: int, start: int, org_start: dict[int, int]) -> int | None:
    """Title of "TITLE ORG NAME" or "TITLE NAME" right before a name."""
    j = s - 1
    if s in org_start:  # "Giám đốc Sở Nội vụ Lê Hữu Tín": skip the organisation found
        j = org_start[s] - 1
    while j >= start and (word_kind(doc[j]) == KIND_ORG or doc[j].text in _ORG_ABBR
                          or doc[j].norm_ in _ADMIN or doc[j].norm_ in _ORG_CONTINUE
                          or (is_name_token(doc[j]) and not _is_title(doc[j]))):
        j -= 1
    if j >= start and _is_title(doc[j]):
        return j
    return None


# --- where the rules can start -------------------------------------------------------
# Each rule below starts only on words of some kinds ("luật", a doctype, a capitalised
# name …); `Openings` finds those words once per Doc, so a rule visits them, not every
# word of every sentence. A flag holds wherever the rule's first test can pass (a word
# without it would be passed over by the rule), so the rules find what they found before.
(AT_DOC_REFERENCE, AT_CODE, AT_DATE, AT_PHOTO, AT_PARTY, AT_HEAD_OF_STATE, AT_LANDMARK, AT_ORG, AT_OUTLET,
 AT_ADMIN, AT_PLACE, AT_BARE_BODY, AT_FOUNDER, AT_PERSON, AT_TITLE, AT_LOCAL, AT_HEAD_AGAIN) = (
    1 << n for n in range(17))


@lru_cache(maxsize=50_000)  # one entry per word of the vocabulary (text, norm, kind)
def _flags(text: str, norm: str, kind: str) -> int:
    """The AT_ flags of a word; the tests read only its text, norm_ and kind."""
    word = Word(0, text, norm, kind, False, False, False, False, text)
    tests = {
        AT_DOC_REFERENCE: kind == KIND_DOCTYPE or norm in {"quy chế", "luật", "bộ"} or norm in _UNTAGGED_TYPES
        or text == "Di chúc",
        AT_CODE: kind == KIND_CODE,
        AT_DATE: kind == KIND_DATE,
        AT_PHOTO: norm == "ảnh",
        AT_PARTY: norm == "đảng bộ" or text in _ACTING_ALONE or text == "Trung ương" or kind == KIND_ORG,
        AT_HEAD_OF_STATE: norm in _HEADS_OF_STATE,
        AT_LANDMARK: _PLACE_HEADS.may_start(norm) or _LANDMARKS.may_start(norm),
        AT_ORG: text in _ORG_ABBR or norm in _DESCRIBED_HEADS or text == "Thường vụ" or kind == KIND_ORG,
        AT_OUTLET: _OUTLETS.may_start(text) or norm == "ảnh",  # "Ảnh:" ends the search
        AT_ADMIN: norm in _ADMIN,
        AT_PLACE: norm in _ADMIN or names_a_level(word) or _PLACE_HEADS.may_start(norm),  # and the gazetteer's B
        AT_BARE_BODY: text in _BARE_BODIES,
        AT_FOUNDER: text == "Mác",
        AT_PERSON: norm in lexicon.HONORIFIC_WORDS or is_name_token(word),
        AT_TITLE: _is_title(word) or norm in {"thường trực", "phó"},
        AT_LOCAL: norm == "địa phương",
        AT_HEAD_AGAIN: text in _HEADS_AGAIN,
    }
    return sum(flag for flag, holds in tests.items() if holds)


class Openings:
    """The words of one Doc that carry each AT_ flag (kept for the Doc's run of the rules only)."""

    def __init__(self, doc: Words) -> None:
        flags = [_flags(w.text, w.norm_, w.tag_) for w in doc]
        for i, tag in enumerate(doc.place_tags):
            if tag == "B":  # a place the gazetteer found starts here
                flags[i] |= AT_PLACE
        # the words of each combination of flags: few combinations, and most words have none
        self._by_flags: dict[int, list[int]] = {}
        for i, word_flags in enumerate(flags):
            if word_flags:
                self._by_flags.setdefault(word_flags, []).append(i)
        self._positions: dict[int, list[int]] = {}

    def between(self, flag: int, start: int, end: int) -> list[int]:
        """The words from start to end (exclusive) that carry `flag`."""
        found = self._positions.get(flag)
        if found is None:
            found = self._positions[flag] = sorted(
                i for word_flags, words in self._by_flags.items() if word_flags & flag for i in words)
        if not found:  # most flags in most articles
            return found
        return found[bisect_left(found, start):bisect_left(found, end)]


RULES: tuple[Rule, ...] = (document_references, document_codes, dates, photo_credits, source_lines,
                           party_mentions, landmarks, friendship_bodies, organisations, outlets, listed_places,
                           places, bare_bodies, founders, people_and_titles)


_INITIAL = re.compile(r"^[A-ZĐ]\.[A-ZĐ]")  # "T.LONG", "Đ.Thanh": a given name after an initial


def _initials(words: list[Word]) -> int:
    """The initials glued to the names of a byline, which count as syllables of it."""
    return sum(1 for t in words if _INITIAL.match(t.text))


def bylines(doc: Words) -> Iterator[tuple[int, int, str]]:
    """Author names on one of the last lines: "Bích Huệ", "Kim Thoa - Tùng Lâm", "PHƯƠNG DUNG",
    "Đ.Thanh - T.Long".
    A source line ("Theo VGP") is no byline, nor a name after an honorific ("Bà Đinh Hoài Giang"
    in a list of people)."""
    lines: list[list[Word]] = []
    for start, end in reversed(doc.sentences):  # the last three lines with words, in text order
        if len(lines) == 3:
            break
        if line := [t for t in doc[start:end] if not t.is_space]:
            lines.insert(0, line)
    for words in lines:
        if words[0].norm_ != "theo":
            yield from ((g[0].i, g[-1].i + 1, "PER") for g in byline_names(doc, words))


def byline_names(doc: Words, words: list[Word]) -> list[list[Word]]:
    """The names `words` are made of when they are a byline ("Kim Thoa - Tùng Lâm": each name two
    to four syllables, initials counted, none after an honorific), else none."""
    groups: list[list[Word]] = [[]]
    for t in words:
        if t.text in {"-", "–", ","}:
            groups.append([])
        elif (is_name_token(t) or t.is_upper) and word_kind(t) in {"", "abbr"}:
            groups[-1].append(t)
        else:
            return []
    names = [g for g in groups if g]
    if names and len(words) <= 8 and all(2 <= _syllables(doc, g[0].i, g[-1].i + 1) + _initials(g) <= 4
                                         and g[0].norm_ not in lexicon.HONORIFIC_WORDS for g in names):
        return names
    return []


BYLINE_SOURCE = f"{RULE_SOURCE}{bylines.__name__}"  # the source of a byline's span, which the model gives way to


def find_spans(doc: Doc, rules: tuple[Rule, ...] = RULES) -> list[tuple[int, int, str, str]]:
    """(start, end, label, rule name) of every rule span, flat, in text order."""
    found: list[tuple[int, int, str, str]] = []
    words = words_of(doc)
    openings = Openings(words)
    signed = list(bylines(words))  # a byline is a name even where it spells a place ("THANH HÀ")
    signed_words = {i for b, e, _ in signed for i in range(b, e)}
    for start, end in words.sentences:
        s = Sentence(words, start, end, openings, taken={i for i in signed_words if start <= i < end})
        for rule in rules:
            for b, e, label in rule(s):
                if s.free(b, e):
                    s.spans.append((b, e, label))
                    s.taken.update(range(b, e))
                    found.append((b, e, label, rule.__name__))
    taken = {i for b, e, _, _ in found for i in range(b, e)}

    def add(spans: Iterable[tuple[int, int, str]], rule: str) -> None:
        """The passes over the whole article: their spans join where no earlier span is."""
        for b, e, label in list(spans):  # read from `found` as it was before this pass
            if not taken.intersection(range(b, e)):
                taken.update(range(b, e))
                found.append((b, e, label, rule))

    add(signed, "bylines")
    add(heads_again(words, found, openings), "heads_again")
    add(given_names(words, found), "given_names")
    return sorted(found)


# Heads that, alone and capitalised, name again a body the article has named in full ("Học
# viện Chính trị quốc gia Hồ Chí Minh …", then "[Học viện] đã đào tạo"). In the training
# articles these read so in 99 of 117 such mentions; "Ban", "Bộ", "Sở" and "Quân đội" alone
# do in fewer than half, and are left out. Not after words that make them several bodies.
_HEADS_AGAIN = {"Ban Chỉ đạo", "Tiểu ban", "Học viện", "Ủy ban", "Hội", "Đảng ủy", "Bệnh viện", "Quân khu",
                "Chi bộ", "Hội đồng", "Tập đoàn", "Tổng công ty"}
_HEADS_AGAIN_OPENING = tuple(f"{head} " for head in _HEADS_AGAIN)  # a body's name opened by one
_NOT_AGAIN_AFTER = PLURALS | {"mỗi", "từng", "ngày"}  # "các Học viện khu vực", "Ngày Hội quốc phòng"


def heads_again(doc: Words, found: list[tuple[int, int, str, str]],
                openings: Openings) -> Iterator[tuple[int, int, str]]:
    """A body named again, by its head alone, after the article named it in full; not after
    "các", "những" (several bodies) nor before "trực thuộc", "khối"."""
    named: dict[str, int] = {}  # head -> where the first body it opens ends
    for b, e, label, _ in sorted(found):
        if label == "ORG":
            name = " ".join(t.text for t in doc[b:e])
            if not name.startswith(_HEADS_AGAIN_OPENING):
                continue
            for head in _HEADS_AGAIN:
                if name.startswith(head + " "):
                    named.setdefault(head, e)
    for i in openings.between(AT_HEAD_AGAIN, 1, len(doc)):
        t = doc[i]
        if t.text in named and i >= named[t.text] and doc[i - 1].norm_ not in _NOT_AGAIN_AFTER \
                and not (i + 1 < len(doc) and (doc[i + 1].norm_ in {"trực thuộc", "khối"}
                                               or is_name_token(doc[i + 1]) or word_kind(doc[i + 1]) == KIND_ORG)):
            yield i, i + 1, "ORG"


def called_by_given_name(doc: Words | Doc, i: int) -> bool:
    """Case 36: word i, the given name of a person the article named in full, names that person
    again after a title or an honorific ("Bí thư [Nghĩa]", "ông [Dương]") or before a quoted
    nickname ("[Vũ] “nhôm”"), and not as the first word of another name."""
    before, after = doc[i - 1], doc[i + 1] if i + 1 < len(doc) else None
    return (before.norm_ in lexicon.HONORIFIC_WORDS or word_kind(before) == KIND_TITLE
            or (after is not None and after.text in {"“", '"'})) and not (after is not None and is_name_token(after))


def given_names(doc: Words, found: list[tuple[int, int, str, str]]) -> Iterator[tuple[int, int, str]]:
    """A person the article named in full, called again by the given name: "Bí thư Thành ủy
    Trương Quang Nghĩa …", then "[Bí thư] [Nghĩa] nói" (case 36; the title with its holder,
    rule 2)."""
    names = {doc[e - 1].text.split()[-1] for b, e, label, _ in found
             if label == "PER" and looks_like_person(doc, b, e) and _syllables(doc, b, e) >= 3}
    for i in range(1, len(doc)):
        if doc[i].text in names and called_by_given_name(doc, i):
            yield i, i + 1, "PER"
            if word_kind(doc[i - 1]) == KIND_TITLE:
                yield i - 1, i, "TITLE"


class EntityRules:
    """The rules as a stage: their spans become the Doc's entities (and stay in
    `doc._.rule_spans` for a model stage that reads them)."""

    name: ClassVar[str] = "entity_rules"
    requires: ClassVar[tuple[str, ...]] = (WORDS, SENTS, TOKEN_KIND, TOKEN_NORM)
    sets: ClassVar[tuple[str, ...]] = (ENTS, SPAN_SOURCE, RULE_SPANS)

    def __init__(self, default_score: float = 0.9) -> None:
        self.default_score = default_score  # before calibration (calibration.py)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for b, e, label, rule in find_spans(doc):
            span = Span(doc, b, e, label=label)
            attributes = span._  # made anew, with the span's character offsets, at each `span._`
            attributes.source = f"{RULE_SOURCE}{rule}"
            attributes.score = self.default_score
            spans.append(span)
        spans = tidy(doc, spans)
        doc.ents = spans
        doc._.rule_spans = list(spans)
        return doc
