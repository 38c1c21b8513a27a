"""Normalised keys for names, bodies, documents and dates: what "the same" means in the KB.

Two strengths of name key, because merging and searching need different things:
`norm` (NFC, new tone placement, case-folded, single spaces) decides identity, so
"Hùng" and "Hưng" stay apart; `fold` also drops tones and "đ", so a user typing
"nguyen van hung" finds "Nguyễn Văn Hùng". Both are stored and indexed.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache
from types import ModuleType

from .. import lexicon
from ..read import clean
from ..refs import is_full_name as _is_full_name

# Administrative levels that end a bare body name ("Ủy ban nhân dân tỉnh"), committees
# that stand for one unit of a level ("Huyện ủy") and the people's committee and council
# of any level: without a place, such a name says nothing about which unit it is (and,
# taken for the article's province, "Ủy ban nhân dân" would be the province's own).
_BARE_BODY = re.compile(
    r"^(?:.*\s)?(?:thành phố|thị trấn|thị xã|tỉnh|huyện|xã|phường|quận)$|"
    r"^(?:Ban Thường vụ |Ban Chấp hành |Ủy ban Kiểm tra )?"
    r"(?:Huyện ủy|Tỉnh ủy|Thành ủy|Quận ủy|Thị ủy|Đảng ủy|Đảng bộ|Chi bộ)$|"
    r"^(?:Văn phòng )?(?:Ủy ban nhân dân|Hội đồng nhân dân)$", re.IGNORECASE)
ACTIVE = ("current", "acting", "appointed")  # statuses that say the post is held at that date
# Titles of the one head of a body: nobody holds two of them in two bodies of one kind at once.
HEAD_TITLES = {"bí thư", "chủ tịch", "giám đốc", "trưởng", "chánh", "bộ trưởng", "chủ nhiệm",
                "tổng giám đốc", "chánh án", "viện trưởng", "cục trưởng", "hiệu trưởng",
                "tư lệnh", "chính ủy", "chỉ huy trưởng", "tổng bí thư", "thủ tướng",
                "chủ tịch nước", "trưởng ban"}
# Bodies in which several people hold a head title at once, by the start of their folded names:
# the party's Central Committee has a dozen "Bí thư" (its Secretariat, "Bí thư Trung ương
# Đảng"), the Youth Union's centre several; no one of them succeeds another.
SHARED_HEAD_BODIES = ("ban chap hanh trung uong", "trung uong dang", "trung uong doan")
# The forms of `lexicon.LOCAL_BODY_HEADS`, `LOCAL_BOARDS` and `LOCAL_COMMITTEES` (`is_local_body`).
_LOCAL_HEAD = re.compile(rf"^(?:{lexicon.alternation(lexicon.LOCAL_BODY_HEADS)})(?:\s|$)", re.IGNORECASE)
_LOCAL_BOARDS = frozenset(clean(b).casefold() for b in lexicon.LOCAL_BOARDS)
_LOCAL_COMMITTEE = re.compile(rf"(?:^|\s)(?:{lexicon.alternation(lexicon.LOCAL_COMMITTEES)})$", re.IGNORECASE)
_NATIONAL_WORD = lexicon.term_re(lexicon.NATIONAL_BODY_WORDS, ignore_case=False)
_MINISTRY = re.compile(r"(?<!\w)Bộ\s+[A-ZĐ]")  # "Bộ Công an", not the "bộ" of "Đảng bộ"
# A level word, in lower case as canonical names write it, followed by a name: the body names
# its unit ("Sở Nội vụ tỉnh Kon Tum"; not "Ban Nội chính Tỉnh ủy", "Sở LĐ-TB và xã hội").
_NAMES_UNIT = re.compile(r"\s(?:thành phố|thị trấn|thị xã|tỉnh|huyện|xã(?! hội)|phường|quận|TP\.?)\s+\S")
_LEVEL_TAIL = re.compile(r"(?:\s+(?:thành phố|thị trấn|thị xã|tỉnh|huyện|xã|phường|quận|tp\.?))+$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


# The rule extract's refs use, so the KB merges by exactly the names extract calls full;
# cached like the keys below (every name of every article is asked about).
is_full_name = lru_cache(maxsize=1 << 16)(_is_full_name)


@lru_cache(maxsize=1 << 16)  # names repeat across articles; bounded, so memory stays flat
def norm(text: str) -> str:
    """Identity key of a name: 'Huyện uỷ  Cam Lộ' -> 'huyện ủy cam lộ'."""
    return clean(text).casefold()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Search key: case, tones and 'đ' dropped: 'Nguyễn Văn Hùng' -> 'nguyen van hung'."""
    base = unicodedata.normalize("NFD", norm(text).replace("đ", "d"))
    return "".join(c for c in base if not unicodedata.combining(c))


def is_bare_body(name: str) -> bool:
    """'Huyện ủy', 'Ủy ban nhân dân tỉnh': a body of some unit the name does not say."""
    return bool(_BARE_BODY.match(clean(name)))


# Posts at the top of the state and party, often named without their body ("Tổng Bí thư Nguyễn
# Phú Trọng", "Phó Thủ tướng Vũ Đức Đam", "Bộ trưởng Công an Tô Lâm"): the country has one holder
# of each, or a handful (the Politburo some eighteen), at a time, so two people of one full name who
# held one are one person (folded).
NATIONAL_POSTS = {"tong bi thu", "chu tich nuoc", "thu tuong", "thu tuong chinh phu", "chu tich quoc hoi",
                  "thuong truc ban bi thu", "uy vien bo chinh tri", "pho thu tuong", "pho thu tuong chinh phu",
                  "pho thu tuong thuong truc", "pho chu tich nuoc", "pho chu tich quoc hoi",
                  *(fold(f"Bộ trưởng {p}") for p in lexicon.MINISTRY_PORTFOLIOS)}


# A body of the party's centre or of the state's, not one named for the country ("… Việt Nam").
_CENTRAL = lexicon.term_re(lexicon.CENTRAL_BODY_WORDS, ignore_case=False)


@lru_cache(maxsize=1 << 16)
def national_post(title: str, body: str | None) -> str | None:
    """The national post (folded) a title in a body is, however the article splits them: one
    of `NATIONAL_POSTS` ("Tổng Bí thư"; "Chủ tịch" of "Quốc hội"; "Bộ trưởng" of any ministry,
    "Bộ Công an", "Bộ Tài nguyên và Môi trường": "bo truong cong an", …), or a head title
    (`HEAD_TITLES`) of a central body named without a place ("Trưởng" of "Ban Tổ chức Trung
    ương"; not "Giám đốc" of "Bệnh viện Trung ương Huế")."""
    if body is not None and fold(title) == "bo truong" and _MINISTRY.match(body):
        return fold(f"Bộ trưởng {body.removeprefix('Bộ ')}")
    candidates = [title] if body is None else [title, f"{title} {body}"]
    found = next((post for post in map(fold, candidates) if post in NATIONAL_POSTS), None)
    if found or body is None or norm(title) not in HEAD_TITLES or not _CENTRAL.search(body):
        return found
    return None if _NAMES_UNIT.search(body) or _gazetteer().ends_in_place(body) else fold(f"{title} {body}")


def _named_for_the_country(name: str) -> bool:
    """'Ban Tổ chức Trung ương', 'Bộ Công an', 'Phòng Thương mại và Công nghiệp Việt Nam': a
    national word (`lexicon.NATIONAL_BODY_WORDS`) or a ministry in the name."""
    return bool(_NATIONAL_WORD.search(name) or _MINISTRY.search(name))


def _gazetteer() -> ModuleType:
    """The gazetteer, imported when a name first needs it: it loads spaCy and the place index,
    which a build whose names never end in a place does without (`_may_end_in_place`)."""
    from .. import gazetteer

    return gazetteer


@lru_cache(maxsize=1 << 16)
def is_local_body(name: str) -> bool:
    """'Sở Nội vụ', 'Ban Thường vụ', 'Văn phòng Thành ủy': a body each province has its own of,
    named without its place (`lexicon.LOCAL_BODY_HEADS`, `LOCAL_BOARDS`, `LOCAL_COMMITTEES`).
    Keyed by its name alone, the "Sở Nội vụ" of every province's articles would be one body, and
    its holders' namesakes would share it. A name that says its unit ("Sở Nội vụ tỉnh Kon Tum")
    or a national body ("Ban Tổ chức Trung ương", "Ban Cán sự đảng Bộ Y tế") is none."""
    name = clean(name)
    if is_bare_body(name):  # "Tỉnh ủy", "Ủy ban nhân dân": which unit, only its article may say
        return False
    if name.casefold() in _LOCAL_BOARDS:
        return True
    if _named_for_the_country(name) or _NAMES_UNIT.search(name):
        return False
    if not (_LOCAL_HEAD.match(name) or _LOCAL_COMMITTEE.search(name)):
        return False
    return not _gazetteer().ends_in_place(name)  # "Sở Nội vụ Hà Tĩnh": its name's end places it (`body_place`)


_PROVINCIAL_HEAD = re.compile(rf"^(?:{lexicon.alternation(lexicon.PROVINCIAL_BODY_HEADS)})\s", re.IGNORECASE)
_PROVINCIAL_BOARDS = frozenset(clean(b).casefold() for b in lexicon.PROVINCIAL_BOARDS)


def provincial_body(name: str, city: bool) -> bool:
    """A local body a province has exactly one of (`lexicon.PROVINCIAL_BODY_HEADS`, `_COMMITTEES`,
    `_BOARDS`; a city run by the centre, `city`, names its committee "Thành ủy")."""
    name = clean(name)
    committees = lexicon.PROVINCIAL_COMMITTEES + (lexicon.CITY_COMMITTEES if city else [])
    return bool(_PROVINCIAL_HEAD.match(name)) or name.casefold() in _PROVINCIAL_BOARDS \
        or any(name.endswith(" " + c) or name == c for c in committees)


def body_place(name: str, place: dict | None, province: dict | None) -> dict | None:
    """The unit a body is keyed and located by: its place; a local body named without one that
    a province has one of (`provincial_body`) is that body of the province the article is about
    (`province`, a place), so "Sở Nội vụ" of a Kon Tum article is "Sở Nội vụ tỉnh Kon Tum", and
    of a Hà Nội article another body. Another local body ("Ban Thường vụ": of the province's
    party committee or of a district's) gets none, and stays its article's (`org_key`). A body
    whose name ends with its unit, written without a level word ("Sở Y tế Nghệ An", "Công an
    Hà Nam"), is of that unit (`gazetteer.place_at_end`), unless a national word names it
    for the country."""
    if place:
        return place
    if _may_end_in_place(name) and not _named_for_the_country(name):
        written = _gazetteer().place_at_end(clean(name), (province or {}).get("province_code"))
        if written is not None:
            return written.to_json()
    if not province or not is_local_body(name):
        return None
    return province if provincial_body(name, province.get("level") == "city") else None


def body_base(name: str, place_name: str | None, code: str | None = None) -> str:
    """A body's name without its place: 'Tỉnh ủy Quảng Trị' + 'Quảng Trị' -> 'Tỉnh ủy'.
    The place is compared without tones, so 'Đắk Hà' in the text matches the gazetteer's 'Đăk Hà';
    with the unit's code, the place is taken as the name writes it, however the gazetteer
    names the unit ('Tỉnh ủy Thừa Thiên - Huế' of unit 46, 'Huế': 'Tỉnh ủy')."""
    name = clean(name)
    words = name.split()
    place = fold(place_name) if place_name else None
    if place and fold(name) == place:
        return ""
    if place and fold(name).endswith(" " + place):
        before = words[-len(place.split()) - 1]
        if not code or not (before[:1].isupper() or before in "-–"):
            return " ".join(words[: -len(place.split())])  # after a level word, a committee or a name
    if code and _may_end_in_place(name):  # "Thừa Thiên - Huế": the place may begin before the unit's name
        for n in range(min(4, len(words)), 0, -1):  # the longest ending that names the unit
            if _names_unit(" ".join(words[-n:]), code):
                return " ".join(words[:-n])
    return name


def _may_end_in_place(name: str) -> bool:
    """A name whose last word is capitalised or a number ("Quận 4") may end in a place; one
    ending in a lower-case word ("Huyện ủy", "Ban Bí thư") does not, and the gazetteer, with
    spaCy, need not be loaded for it."""
    last = name.rsplit(maxsplit=1)[-1][:1] if name.strip() else ""
    return last.isupper() or last.isdigit()


@lru_cache(maxsize=1 << 14)
def _names_unit(words: str, code: str) -> bool:
    """Whether the gazetteer reads these words as the unit of this code ('Thừa Thiên - Huế', 46)."""
    return any(place.code == code for place in _gazetteer().Gazetteer.shared().candidates(words, True))


def body_kind(name: str, place_name: str | None, code: str | None = None) -> str:
    """What kind of body it is, whatever its unit: 'Ủy ban nhân dân tỉnh Quảng Trị' ->
    'ủy ban nhân dân'. With the unit's code it identifies the body; alone it says which
    bodies one person cannot head at once."""
    return _LEVEL_TAIL.sub("", norm(body_base(name, place_name, code)))


def body_name(name: str, place_name: str | None) -> str:
    """The display name: a bare 'Huyện ủy' with a place becomes 'Huyện ủy Cam Lộ'."""
    if not place_name:
        return clean(name)
    base = body_base(name, place_name)
    return clean(name) if base != clean(name) else f"{base} {clean(place_name)}"


def org_key(name: str, place: dict | None, doc_id: str) -> str:
    """One body, one key: its kind + its unit's code ("huyện ủy|468"); a named body without a
    place by its name; a bare or local body without a place (`body_place` gave it none: the
    article's province is unknown) only within its article."""
    if place and (place.get("code") or place.get("name")):
        unit = place.get("code") or "name:" + fold(place["name"])
        return f"{body_kind(name, place.get('name'), place.get('code'))}|{unit}"
    if is_bare_body(name) or is_local_body(name):
        return f"{norm(name)}|doc:{doc_id}"
    return norm(name)


def position_key(person_id: int, title: str, org_id: int | None, status: str, date: str | None) -> str:
    """One position, one row: a person's title in a body (or none), with its status and date."""
    return f"{person_id}|{norm(title)}|{org_id or ''}|{status}|{date or ''}"


def fact_key(predicate: str, document_id: int, org_id: int | None, person_id: int | None,
             date: str | None) -> str:
    """One document fact, one row: what it says of which body or person, at which date."""
    return f"{predicate}|{document_id}|{org_id or ''}|{person_id or ''}|{date or ''}"


def national_code(code: dict | None) -> bool:
    """A parsed code with a number and a national issuer ("22-NQ/TW", "15/2020/NĐ-CP") names
    one document nationwide; a local issuer's code ("45-KH/TU": every province's party
    committee has one), a bare number ("công văn số 7488"), a code that did not parse or a
    name ("Quy chế làm việc") is numbered or named again by every body that issues one."""
    return bool(code and code.get("number") and code.get("issuer")
                and code["issuer"] not in lexicon.LOCAL_ISSUERS)


def citation_key(name: str, code: dict | None) -> str:
    """How an article cites a document: type + number + issuer + year from its parsed code; a
    code that did not parse by its text; a document without a code by its name."""
    if code and code.get("number"):
        parts = (code.get("type"), code["number"].lstrip("0") or "0", code.get("issuer"),
                 code.get("year"))
        return "code:" + "|".join(norm(str(p)) if p is not None else "" for p in parts)
    if code and code.get("code"):
        return "text:" + norm(code["code"])
    return "name:" + norm(name)


def doc_key(name: str, code: dict | None, issuers: Collection[int], doc_id: str) -> str:
    """One document, one key: a national code alone; anything else together with the KB
    bodies that issued it (`issuers`), or, with no issuer known, only within its article."""
    key = citation_key(name, code)
    if national_code(code):
        return key
    if issuers:
        return f"{key}|by:{','.join(map(str, sorted(set(issuers))))}"
    return f"{key}|doc:{doc_id}"


def complete_date(date: str | None, published: str | None) -> str | None:
    """A date without a year ('--11-27') takes the article's year, or the year before
    when that would put it after the article; anything else is kept as given."""
    if not date:
        return None
    m = _MONTH_DAY.match(date)
    pub = _DATE.match(published or "")
    if not m or not pub:
        return date
    year = int(pub.group(1))
    if pub.group(2) and (m.group(1), m.group(2)) > (pub.group(2), pub.group(3) or "31"):
        year -= 1
    return f"{year}-{m.group(1)}-{m.group(2)}"


def same_time(a: str | None, b: str | None) -> bool:
    """Dates that may be the same moment: one contains the other ('2019' and '2019-09-18').
    An unknown or year-less date shows nothing."""
    if not a or not b or not _DATE.match(a) or not _DATE.match(b):
        return False
    return a.startswith(b) or b.startswith(a)
