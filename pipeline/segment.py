"""Sentences and words with underthesea, turned into a spaCy Doc (always the first stage).

We call underthesea's own pieces (its sentence splitter, its syllable regex and
its CRF word tagger) on the normalised text and keep every syllable's offsets,
so no re-alignment guesswork is needed: underthesea's rewritten characters only
go into the CRF's features. Spans that must stay one word (document codes,
dates, abbreviations, known organisation heads, titles and document types) are
found first and override the CRF's word boundaries in both directions.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy
from spacy.attrs import LEMMA, NORM, SENT_START, TAG
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import extensions, lexicon, read  # noqa: F401  (extensions registers the Doc attributes)
from .cache import cached_arrays, key_of, strings_array, strings_of
from .read import INVISIBLE_RE, Normalised, new_tone_placement, one_spaced, unmarked
from .schema import (
    KIND_ABBR,
    KIND_CODE,
    KIND_DATE,
    KIND_DOCTYPE,
    KIND_ORG,
    KIND_TITLE,
    SENTS,
    TOKEN_FORM,
    TOKEN_KIND,
    TOKEN_NORM,
    WORDS,
)
from .shapes import ABBREVIATION_RE, DATE_RE, DOC_CODE_RE, ROMAN, SECTION_HEAD_RE, SECTION_TITLE_RE, UPPER
from .underthesea_parts import DICTIONARY_FILE, MODEL_DIR, SYLLABLE_RE, TOKEN_MAP, VERSION, sent_tokenize
from .wordseg import CRFWordSegmenter

_ORG_HEAD_RE = lexicon.term_re(lexicon.ORG_HEADS + list(lexicon.ORG_ABBREVIATIONS) + lexicon.LOWER_ORG_WORDS,
                               ignore_case=False)
_ALL_TITLES = lexicon.TITLES + list(lexicon.TITLE_ABBREVIATIONS) + lexicon.LOWER_TITLE_WORDS


def _opening_with_a_head(terms: list[str]) -> list[str]:
    """The terms that open with what would match as an organisation head and go on: "Bộ
    trưởng", "Cục trưởng", "đảng ủy viên", "Bộ tiêu chí". They come before
    the heads, or a head takes their first word ("Bộ" of "Bộ tiêu chí" read as a ministry)."""
    return [t for t in terms if (m := _ORG_HEAD_RE.match(t)) and m.end() < len(t)]


def _char_class(chars: Iterable[str]) -> str:
    """A regex class of `chars`, a space standing for any white space (`\\s+` in a term)."""
    return "[" + "".join(sorted({r"\s" if c == " " else re.escape(c) for c in chars})) + "]"


def _start_of(terms: list[str]) -> str:
    """What a match of `lexicon.term_re(terms)` starts with: one of their first letters (its case
    kept, as term_re keeps it, unless the whole pattern ignores case), then one of their second
    letters in any case (looser than term_re for capitals, which never skips a match)."""
    if any(len(t) < 2 for t in terms):
        return _char_class(t[0] for t in terms)
    return f"{_char_class(t[0] for t in terms)}(?i:{_char_class(t[1] for t in terms)})"


_TITLES_FIRST = lexicon.TITLES_FIRST + _opening_with_a_head(_ALL_TITLES)
_ORG_HEADS = lexicon.ORG_HEADS + list(lexicon.ORG_ABBREVIATIONS) + lexicon.LOWER_ORG_WORDS
# Highest priority first: a later kind cannot take characters an earlier one holds.
# Organisation heads and titles are matched as capitalised, since "bộ" in "cán bộ" or
# "trưởng" in "trưởng thành" is no head; the lower-case forms listed are words anyway.
# Each kind comes with what a match of it starts with (a regex for its first characters, read
# with its pattern's case rule): the combined search below tries a kind only where that holds.
KEEP_WHOLE: list[tuple[str, re.Pattern, str]] = [
    (KIND_CODE, DOC_CODE_RE, r"\d{1,5}[a-z]?\s?[-–/]"),  # a number, then a dash or slash: "22-NQ", "1143/QĐ"
    (KIND_DATE, DATE_RE, "[0-9]|tháng"),  # a day, a month or "tháng"
    (KIND_TITLE, lexicon.term_re(_TITLES_FIRST, ignore_case=False), _start_of(_TITLES_FIRST)),
    (KIND_TITLE, SECTION_TITLE_RE, "[PT]"),  # "Phó Trưởng phòng", "Trưởng phòng"
    (KIND_DOCTYPE, lexicon.term_re(_opening_with_a_head(lexicon.DOC_TYPE_WORDS)),
     _start_of(_opening_with_a_head(lexicon.DOC_TYPE_WORDS))),
    (KIND_TITLE, re.compile(rf"(?i:{lexicon.term_re(lexicon.TITLES_BEFORE_BODY).pattern})"
                            rf"(?=\s*(?:[,.;:)\]–-]|$)|\s+(?:{lexicon.alternation(lexicon.FAMILY_NAMES)})\s+[{UPPER}](?![{UPPER}]))"),
     f"(?i:{_start_of(lexicon.TITLES_BEFORE_BODY)})"),
    (KIND_ORG, _ORG_HEAD_RE, _start_of(_ORG_HEADS)),
    (KIND_ORG, SECTION_HEAD_RE, "[Ppbvs]"),  # "Phòng", "phòng", "ban", "văn phòng", "vụ", "sở"
    (KIND_ORG, re.compile(rf"(?:{lexicon.term_re(lexicon.NAMED_ORG_HEADS, ignore_case=False).pattern})"
                          rf"(?=\s+(?:[{UPPER}0-9]|(?:tỉnh|huyện|thành phố|quận|thị xã)\b))"),  # "Thanh tra tỉnh"
     _start_of(lexicon.NAMED_ORG_HEADS)),
    (KIND_DOCTYPE, lexicon.term_re(lexicon.DOC_TYPE_WORDS), _start_of(lexicon.DOC_TYPE_WORDS)),
    (KIND_TITLE, lexicon.term_re(_ALL_TITLES, ignore_case=False), _start_of(_ALL_TITLES)),
    (KIND_ABBR, ABBREVIATION_RE, f"[{UPPER}]"),
]
_PARAGRAPH_RE = re.compile(r"[^\n]+")
# One pass over the text: at each position the first alternative that matches wins. Every
# kind starts a word (its own pattern says so); saying it once up front spares the search
# trying each kind inside words, and each kind's start, checked before its pattern (in the
# pattern's own case scope), spares it trying the kinds that cannot start there.
_KEEP_WHOLE_RE = re.compile(r"(?<!\w)(?=\w)(?:" + "|".join(
    f"(?P<k{n}>(?i:(?={start}){p.pattern}))" if p.flags & re.IGNORECASE else f"(?P<k{n}>(?={start}){p.pattern})"
    for n, (_, p, start) in enumerate(KEEP_WHOLE)) + ")")
_KIND_OF_GROUP = {f"k{n}": kind for n, (kind, _, _) in enumerate(KEEP_WHOLE)}


_LAST_SYLLABLE = re.compile(r"(\w+) $")


def keep_whole_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of `text` that must be single words, with their kind, in text order. A lower-case
    match never starts on the second syllable of a word: in "giữ chức vụ Trưởng đoàn" neither
    "vụ" (a section) nor "vụ Trưởng" (a title) is kept whole, since "chức vụ" is a word; nor
    does a one-word head inside a person's name ("Bùi Trường Giang")."""
    spans = []
    pos = 0
    while m := _KEEP_WHOLE_RE.search(text, pos):
        start = m.start()
        if _part_of_another_word(m, text):
            pos = start + 1  # the kinds that match further on may still start inside it
            continue
        spans.append((start, m.end(), _KIND_OF_GROUP[m.lastgroup]))
        pos = m.end()
    return spans


_WHOLE_ANYWHERE = frozenset({KIND_DATE, KIND_CODE})


def _part_of_another_word(m: re.Match, text: str) -> bool:
    """A match that belongs to the words around it: a lower-case term whose first syllable
    closes a dictionary word, or a one-word body head ("Trường", "Bộ") after a family name."""
    kind = _KIND_OF_GROUP[m.lastgroup]
    if kind in _WHOLE_ANYWHERE:
        return False  # "đến [tháng 10/2018]": a date is whole whatever word its first syllable ends
    term, start = m.group(), m.start()
    if term[:1].islower() and _ends_a_word(text, start, term.split(maxsplit=1)[0]) and not (
            term in lexicon.LOWER_BODIES and _syllable_before(text, start).lower() == "trưởng"):
        return True  # but "Trưởng [đoàn ĐBQH] tỉnh" is a title and the delegation it heads
    return kind == KIND_ORG and term[1:].isalpha() and term[1:].islower() and _inside_a_name(text, start)


_TWO_SYLLABLES_BEFORE = re.compile(r"(?:(\w+) )?(\w+) $")


def _inside_a_name(text: str, start: int) -> bool:
    """A one-word head at `start` goes on a person's name: "Bùi Trường Giang", "Hoàng Công Bộ",
    "Đinh Khoa Toàn" (a family name, then perhaps a middle name, both capitalised; not a
    place the gazetteer knows, as "Hà Giang")."""
    from .gazetteer import key, place_keys

    before = _TWO_SYLLABLES_BEFORE.search(text, max(0, start - 20), start)
    if not before or not before.group(2)[:1].isupper():
        return False
    first, last = before.group(1), before.group(2)
    if last in lexicon.FAMILY_NAMES:
        return True
    return bool(first) and first in lexicon.FAMILY_NAMES and key(f"{first} {last}") not in place_keys()


_BEFORE_A_TITLE = {"nguyên", "cựu", "tân", "bầu", "làm"}


def _ends_a_word(text: str, start: int, syllable: str) -> bool:
    """`syllable`, at `start`, and the syllable before it make a dictionary word. The words
    that say whose a post was or is make none with a title after them, though "nguyên ủy",
    "cựu chủ" or "làm chủ" are words: "nguyên [ủy viên] Ban Thường vụ", "tân [chủ tịch] UBND"."""
    before = _syllable_before(text, start)
    return bool(before) and before.lower() not in _BEFORE_A_TITLE \
        and f"{before} {syllable}".lower() in dictionary()


def _syllable_before(text: str, start: int) -> str:
    """The syllable right before `start` and one space, or ""."""
    before = _LAST_SYLLABLE.search(text, max(0, start - 12), start)
    return before.group(1) if before else ""


class WordTagger:
    """underthesea's CRF word segmenter, computed faster (`wordseg.py`, same decisions), and our
    cuts of its words at case changes."""

    def __init__(self) -> None:
        self.crf = CRFWordSegmenter()

    def words(self, text: str, offset: int) -> list[tuple[int, int]]:
        """Word spans (absolute offsets) of one sentence starting at `offset`."""
        return [cut for s, e in self.crf.words(text, offset)
                for cut in split_at_case(text[s - offset:e - offset], s)]

    def reference_words(self, text: str, offset: int) -> list[tuple[int, int]]:
        """The same, from underthesea's own tagger: what `make bench` and the tests compare."""
        return [cut for s, e in reference_crf_words(text) for cut in split_at_case(text[s:e], offset + s)]


@lru_cache(maxsize=1)
def _reference_tagger():
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    tagger = FastCRFSequenceTagger()
    tagger.load(MODEL_DIR)
    return tagger


def reference_crf_words(text: str) -> list[tuple[int, int]]:
    """Word spans of underthesea's own CRF tagger on one sentence (underthesea's token
    normalisation minus its NFC pass: our text is NFC already)."""
    syllables = [(m.start(), m.end()) for m in SYLLABLE_RE.finditer(text)]
    if not syllables:
        return []
    tokens = [TOKEN_MAP.get(t, t) if len(t) <= 6 else t for t in (text[s:e] for s, e in syllables)]
    words: list[list[int]] = []
    for tag, (s, e) in zip(_reference_tagger().predict([[t] for t in tokens]), syllables):
        if tag == "I-W" and words:
            words[-1][1] = e
        else:
            words.append([s, e])
    return [(s, e) for s, e in words]


_SYLLABLE_SPLIT = re.compile(r"\S+")
_COMMON_FAMILY_NAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                        "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}


def _dictionary_words() -> list[str]:
    text = Path(DICTIONARY_FILE).read_text(encoding="utf-8").lower()
    return sorted({line.strip() for version in (text, new_tone_placement(text)) for line in version.splitlines()})


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """underthesea's word list (the one its CRF reads as a feature), lower-cased, in both tone
    placements ("văn hoá" and "văn hóa"): our text has the new one. Derived once and kept in
    the user's cache (`cache.py`)."""
    key = key_of(VERSION, DICTIONARY_FILE, read, Path(__file__))
    stored = cached_arrays("dictionary", key, lambda: {"words": strings_array(_dictionary_words())})
    return frozenset(strings_of(stored["words"]))


def _is_cap(syllable: str) -> bool:
    return syllable[:1].isupper()


def _joined_wrongly(prev: str, cur: str) -> bool:
    """Two syllables the CRF put in one word that never belong together in our texts: a
    lower-case word before a name ("bom Dinh", "ông Quý"), punctuation or a number glued to a
    word ("Đảng >>"), an abbreviation or initial ("P.V VietNamNet"), a Roman numeral ("Đảng X")."""
    return (not prev[:1].isalpha() or not cur[:1].isalpha() or (not _is_cap(prev) and _is_cap(cur))
            or "." in prev or "." in cur or bool(ROMAN.fullmatch(cur)))


def split_at_case(word: str, start: int) -> list[tuple[int, int]]:
    """A CRF word (starting at offset `start`) cut where its syllables change case the way
    names never do: "Tô Lâm trao" -> "Tô Lâm" | "trao" (a name then a verb: not a dictionary
    word), "điều dưỡng Khoa" -> "điều dưỡng" | "Khoa", "Bà Tâm" -> "Bà" | "Tâm". "Thủ tướng",
    "Bí thư" stay whole: they are dictionary words."""
    return [(start + a, start + b) for a, b in _case_cuts(word)]


@lru_cache(maxsize=100_000)
def _case_cuts(word: str) -> tuple[tuple[int, int], ...]:
    """split_at_case for one word, offsets within it: words repeat, so each is cut once."""
    if len(word.split(maxsplit=1)) < 2:  # one syllable, most words: nothing to cut but "X."
        if word[-1:] == "." and ROMAN.fullmatch(word[:-1]):
            return ((0, len(word) - 1), (len(word) - 1, len(word)))  # "lần thứ X." ends a sentence
        return ((0, len(word)),)
    syllables = [(m.start(), m.end()) for m in _SYLLABLE_SPLIT.finditer(word)]
    pieces: list[list[tuple[int, int]]] = [[syllables[0]]]
    for prev, cur in zip(syllables, syllables[1:]):
        if _joined_wrongly(word[prev[0]:prev[1]], word[cur[0]:cur[1]]):
            pieces.append([cur])
        else:
            pieces[-1].append(cur)
    out: list[tuple[int, int]] = []
    for piece in pieces:
        words = [word[s:e] for s, e in piece]
        caps = next((k for k, w in enumerate(words) if not _is_cap(w)), len(words))
        cut = 0
        if 0 < caps < len(words) and " ".join(words).lower() not in dictionary():
            cut = caps  # a name, then lower-case words
        elif caps == len(words) > 1 and words[0].lower() in lexicon.HONORIFIC_WORDS:
            cut = 1  # "Bà Tâm", "Ông Nhơn"
        elif caps == len(words) >= 4 and words[-3] in _COMMON_FAMILY_NAMES:
            cut = len(words) - 3  # a place, then a full name: "Hồ" | "Ngô Hoàng Thái"
        if cut:
            out += [(piece[0][0], piece[cut - 1][1]), (piece[cut][0], piece[-1][1])]
        else:
            out.append((piece[0][0], piece[-1][1]))
    return tuple(out)


def rejoin_places(words: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Move the end of a place name the CRF glued to the next name back onto the place:
    "Đắk" | "Nông Lê Diễn" -> "Đắk Nông" | "Lê Diễn", "Đắk" | "Lắk Êban" -> "Đắk Lắk" |
    "Êban" (the gazetteer knows "Đắk Nông" and "Đắk Lắk" but not "Đắk" alone; the rest of
    the glued word is capitalised)."""
    from .gazetteer import key, place_keys

    places = place_keys()
    out = list(words)
    for n in range(len(out) - 1):
        (a, b), (c, d) = out[n], out[n + 1]
        if not text[a].isupper() or " " not in text[c:d]:  # most words: no capital, or one syllable
            continue
        syllables = text[c:d].split()
        if not all(_is_cap(x) for x in syllables):
            continue
        for k in range(1, len(syllables)):
            if key(f"{text[a:b]} {' '.join(syllables[:k])}") in places and key(text[a:b]) not in places:
                cut = c + len(" ".join(syllables[:k]))
                while cut < d and text[cut] != " ":
                    cut += 1
                out[n], out[n + 1] = (a, cut), (cut + 1, d)
                break
    return out


_TOWN_LEVELS = {"city", "district"}  # a city or town is a district-level unit of its province
_UNDOTTED_THEN_DOT = re.compile("|".join(re.escape(level + ".") for level in lexicon.UNDOTTED_LEVELS))


def join_dotted_levels(words: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """"TP" and its dot written apart from the place they name ("Thành ủy TP. Hồ Chí Minh")
    become one word, "TP.", as in "TP.HCM", so that the name after it follows a level word.
    Only before a name the gazetteer knows as a city or town: in "UBND TP. Các đại biểu …"
    and "Chủ tịch UBND TP. Nghệ An: …" (a province heading the next paragraph) the dot ends
    a sentence the splitter left whole."""
    from .gazetteer import Gazetteer

    def names_a_town(start: int, end: int) -> bool:
        return any(place.level in _TOWN_LEVELS
                   for place in Gazetteer.shared().candidates(text[start:end], True))

    if not words or not _UNDOTTED_THEN_DOT.search(text, words[0][0], words[-1][1]):
        return words  # most sentences: no "TP." to look at
    out: list[tuple[int, int, str]] = []
    n = 0
    while n < len(words):
        s, e, kind = words[n]
        if text[s:e] in lexicon.UNDOTTED_LEVELS and n + 2 < len(words) and words[n + 1][:2] == (e, e + 1) \
                and text[e] == "." and any(names_a_town(words[n + 2][0], words[k][1])
                                           for k in range(n + 2, min(len(words), n + 6))):
            out.append((s, e + 1, kind))
            n += 2
        else:
            out.append(words[n])
            n += 1
    return out


# Short levels written onto the place they name, as some papers do ("H.Sìn Hồ", "P.Yên Đỗ",
# "TX.Ba Đồn", "TP.Pleiku").
_GLUED_NAME = rf"\.[{UPPER}][^\W\d{UPPER}]"  # a name after the dot: not "TP.HCM", "P.V"
_GLUED_LEVEL = re.compile(rf"^({'|'.join(lexicon.SHORT_LEVELS)})?{_GLUED_NAME}")
_ANY_GLUED = re.compile(_GLUED_NAME)


def split_glued_levels(words: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A dotted level abbreviation glued to the name after it becomes a word of its own, with its
    dot: "H.Sìn" | "Hồ" -> "H." | "Sìn" | "Hồ", "TX" | ".Ba" -> "TX." | "Ba" (guidelines case
    31: "[H.Hớn Quản]"). Only before a place the gazetteer knows at that level, so initials stay
    as they are: "H.Thanh" signs an article."""
    from .gazetteer import LEVEL_NAMES, Gazetteer

    def names_a_place(short: str, n: int, start: int) -> bool:
        """The name from `start` to the end of word n or of a capitalised word after it is a
        place of the level `short` stands for (a city's own level, or a town's)."""
        level = LEVEL_NAMES[lexicon.SHORT_LEVELS[short]]
        levels = _TOWN_LEVELS if level == "city" else {level}
        ends = [words[k][1] for k in range(n, min(len(words), n + 4))
                if k == n or text[words[k][0]:words[k][1]][:1].isupper()]
        return any(place.level in levels
                   for end in ends for place in Gazetteer.shared().candidates(text[start:end], True))

    if not words or not _ANY_GLUED.search(text, words[0][0], words[-1][1]):
        return words  # most sentences
    out: list[tuple[int, int, str]] = []
    for n, (s, e, kind) in enumerate(words):
        m = _GLUED_LEVEL.match(text[s:e])
        if m and m.group(1):  # "H.Sìn"
            level, dot = m.group(1), s + m.end(1)
        elif m and out and text[out[-1][0]:out[-1][1]] in lexicon.SHORT_LEVELS and out[-1][1] == s:  # "TX" ".Ba"
            level, dot = text[out[-1][0]:out[-1][1]], s
        else:
            out.append((s, e, kind))
            continue
        if not names_a_place(level, n, dot + 1):
            out.append((s, e, kind))
        elif m.group(1):
            out += [(s, dot + 1, KIND_ABBR), (dot + 1, e, kind)]
        else:
            out[-1] = (out[-1][0], dot + 1, KIND_ABBR)
            out.append((dot + 1, e, kind))
    return out


_INITIAL_END = re.compile(r"(?:^|[\s.])\w\.$")  # "Đ." of "Đ.N", "T." of "T. LONG": no end
_LEVEL_END = re.compile(rf"(?:^|\s)(?:{'|'.join(lexicon.SHORT_LEVELS)})\.$")  # "TX." of "UBND TX.Ba Đồn"
# How far before a sentence's end a match of each can start (its longest match, and a final
# line break "$" allows): searched from there, not along the whole sentence.
_INITIAL_END_REACH = 4
_LEVEL_END_REACH = max(map(len, lexicon.SHORT_LEVELS)) + 3


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs (lines) split by underthesea's sentence splitter, except
    after an initial ("Đ.N", "N. Hằng"), where a name goes on, and after a level abbreviation
    glued to the name it gives the level of ("TX.Ba Đồn")."""
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH_RE.finditer(text):
        if not para.group().strip():
            continue
        cursor = para.start()
        glue = level_end = False
        for sent in sent_tokenize(para.group()):
            start = text.find(sent, cursor, para.end())
            if start < 0:  # the splitter changed the text: fall back to the rest of the line
                spans.append((cursor, para.end()))
                break
            if (glue or level_end and start == cursor) and spans:  # "TX.Ba Đồn": no space, no end
                spans[-1] = (spans[-1][0], start + len(sent))
            else:
                spans.append((start, start + len(sent)))
            glue = bool(_INITIAL_END.search(sent, max(0, len(sent) - _INITIAL_END_REACH)))
            level_end = bool(_LEVEL_END.search(sent, max(0, len(sent) - _LEVEL_END_REACH)))
            cursor = start + len(sent)
    return spans


def _apply_keep_whole(words: list[tuple[int, int]], keep: list[tuple[int, int, str]],
                      text: str) -> list[tuple[int, int, str]]:
    """Merge words inside each keep-whole span and cut words that cross its edges."""
    out: list[tuple[int, int, str]] = []
    k = 0
    for start, end in words:
        while k < len(keep) and keep[k][1] <= start:
            k += 1
        pos = start
        j = k
        while pos < end:
            if j < len(keep) and keep[j][0] < end:
                ks, ke, kind = keep[j]
                if ks > pos:
                    out.append((pos, ks, ""))
                if not out or out[-1][:2] != (ks, ke):
                    out.append((ks, ke, kind))
                pos = max(pos, ke)
                j += 1
            else:
                out.append((pos, end, ""))
                pos = end
    if out and out[-1][1] - out[-1][0] > 1 and text[out[-1][1] - 1] == "." \
            and not out[-1][2]:  # "… lần thứ X." ends the sentence: the dot is no part of the word
        s, e, kind = out.pop()
        out += [(s, e - 1, kind), (e - 1, e, "")]
    cleaned = []
    for s, e, kind in out:  # cut pieces may carry edge spaces
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and (not cleaned or s >= cleaned[-1][1]):
            cleaned.append((s, e, kind))
    return cleaned


T = TypeVar("T")


def _interleave(values: list[T], inserts: Iterable[tuple[int, T]]) -> list[T]:
    """`values` with each (n, x) of `inserts` (in order of n) put before values[n]."""
    out: list[T] = []
    done = 0
    for n, x in inserts:
        out += values[done:n]
        out.append(x)
        done = n
    out += values[done:]
    return out


class Segmenter:
    """Normalised text -> spaCy Doc whose words are those of the text as read, white space
    between them one space (`extensions.char_offsets` maps them back to the text as read)."""

    name = "segment"
    # TAG holds the kind of word the segmenter kept whole ("code", "date", "org", "title",
    # "doctype", "abbr"; empty for other words): rules match on it and the NER model embeds it.
    # LEMMA holds each word as normalised (NFC, new tone placement) with its case kept: the NER
    # model reads that, so the same article in NFD or old-style spelling gets the same entities.
    sets = (WORDS, SENTS, TOKEN_KIND, TOKEN_FORM, TOKEN_NORM)

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.tagger = WordTagger()

    def __call__(self, norm: Normalised, doc_id: str = "") -> Doc:
        text = norm.text
        keep = keep_whole_spans(text)
        keep_starts, keep_ends = [k[0] for k in keep], [k[1] for k in keep]
        words: list[tuple[int, int, str]] = []
        sent_starts: set[int] = set()
        taken = 0  # the end of the last word taken: a word starting before it overlaps it
        for s, e in _sentences(text):
            inside = keep[bisect_right(keep_ends, s):bisect_left(keep_starts, e)]  # those that reach in
            sentence_words = split_glued_levels(join_dotted_levels(_apply_keep_whole(
                rejoin_places(self.tagger.words(text[s:e], s), text), inside, text), text), text)
            if sentence_words and sentence_words[0][0] >= taken:
                sent_starts.add(sentence_words[0][0])
            for w in sentence_words:
                if w[0] >= taken:
                    words.append(w)
                    taken = w[1]
        doc = self._build(norm, words, sent_starts)
        doc._.doc_id = doc_id
        return doc

    def _build(self, norm: Normalised, words: list[tuple[int, int, str]],
               sent_starts: set[int]) -> Doc:
        original, text = norm.original, norm.text
        word_starts, word_ends, kinds = (list(column) for column in zip(*words)) if words else ([], [], [])
        forms = [text[s:e] for s, e in zip(word_starts, word_ends)]
        starts = list(map(sent_starts.__contains__, word_starts))
        # The text before the first word and after each word: one space goes on the word
        # before it. The normalised text has one space wherever the text as read has white
        # space inside a line (two spaces, a tab, a no-break space), none at a line's edges and
        # no invisible characters, so the Doc holds such a gap as one space or none, and a word
        # as it reads spaced once and without them, and without HTML markup
        # (`read.unmarked`): the same words read alike however they are spaced or marked up.
        # A line break is a token of its own, whose text is as read (indents kept, markup
        # read) and whose form is as normalised ("\r\n" reads "\n").
        gap_forms = [text[e:s] for e, s in zip([0, *word_ends], [*word_starts, len(text)])]
        if norm.origin is None and text == original:  # nothing normalised: the words as read
            texts, gaps = forms, gap_forms
        else:
            word_starts, word_ends = norm.to_original_offsets(word_starts), norm.to_original_ends(word_ends)
            texts = [original[s:e] for s, e in zip(word_starts, word_ends)]
            gaps = [original[e:s] for e, s in zip([0, *word_ends], [*word_starts, len(original)])]
        as_space = [n > 0 and form == " " for n, form in enumerate(gap_forms)]
        spaces = as_space[1:]
        inserts = [n for n, form in enumerate(gap_forms) if form and not as_space[n]]
        gap_texts = [gaps[n] for n in inserts]
        if norm.origin is not None:  # the words and gaps as the normalised text spaces them
            texts = [one_spaced(unmarked(t)) for t in texts]
            gap_texts = [unmarked(INVISIBLE_RE.sub("", gap)) for gap in gap_texts]
        if inserts:
            texts = _interleave(texts, list(zip(inserts, gap_texts)))
            forms = _interleave(forms, [(n, gap_forms[n]) for n in inserts])
            kinds = _interleave(kinds, [(n, "") for n in inserts])
            spaces = _interleave(spaces, [(n, False) for n in inserts])
            starts = _interleave(starts, [(n, False) for n in inserts])
        if starts:
            starts[0] = True
        doc = Doc(self.vocab, words=texts, spaces=spaces)
        doc.from_array([LEMMA, TAG, SENT_START, NORM], self._attributes(forms, kinds, starts))
        doc._.text = original
        if norm.origin is not None and (own := doc.text) != original:  # the Doc reads its own text
            doc._.text, doc._.original = own, original
            if len(own) != len(original):  # and its offsets drift
                gap_edges = [0, *word_ends]
                doc._.origin = (_interleave(word_starts, [(n, gap_edges[n]) for n in inserts]),
                                _interleave(word_ends, [(n, gap_edges[n] + len(gaps[n])) for n in inserts]))
        return doc

    def _attributes(self, forms: list[str], kinds: list[str], starts: list[bool]) -> numpy.ndarray:
        """The LEMMA, TAG, SENT_START and NORM columns of the words, for one `Doc.from_array`:
        what `Doc(lemmas=, tags=, sent_starts=)` sets, without its loop over each value. The
        strings go into the store in the order that loop adds them."""
        add = self.vocab.strings.add
        lemma_ids = {form: add(form) for form in dict.fromkeys(forms)}  # each distinct form once
        lemmas = list(map(lemma_ids.__getitem__, forms))
        tag_ids = {kind: add(kind) for kind in dict.fromkeys(kinds)}
        tags = list(map(tag_ids.__getitem__, kinds))
        norm_ids = {form: add(form.lower()) for form in lemma_ids}
        norms = list(map(norm_ids.__getitem__, forms))
        array = numpy.empty((len(forms), 4), dtype=numpy.uint64)
        array[:, 0] = lemmas
        array[:, 1] = tags
        array[:, 2] = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype(numpy.uint64)  # -1: no start
        array[:, 3] = norms
        return array
