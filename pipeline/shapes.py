"""Document codes, dates and Roman numerals: one definition of each shape, for finding and for parsing.

The segmenter keeps whatever these patterns find as one word; the canonical stage
parses the same words with the same patterns, so finding and parsing cannot drift.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from . import lexicon
from .read import clean

UPPER = "".join(  # every Latin capital, so "Đ", "Ư", "Ố" count as capitals
    c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and "LATIN" in unicodedata.name(c, ""))

# Party documents: <number>-<TYPE>/<ISSUER> ("22-NQ/TW", "10-CT / TW", "03-CT/T.Ư"), the slash
# sometimes written as a dash ("989-QĐ-TW").
PARTY_CODE = (
    rf"(?P<p_number>\d{{1,5}}[a-z]?)\s?[-–]\s?(?P<p_type>[{UPPER}a-zđ]{{1,6}})\s?[/-]\s?"
    rf"(?P<p_issuer>T\.Ư|[{UPPER}][{UPPER}a-zđ]{{0,9}}(?:-[{UPPER}]{{2,6}})?)"  # "439-CV/TĐTN-BTC"
)
# State documents: <n>/<year>/<TYPE>-<ISSUER>, <n>/<TYPE>-<ISSUER>, <n>/<year>/QH<term>.
STATE_CODE = (
    rf"(?P<s_number>\d{{1,5}})\s?/\s?(?:(?P<s_year>\d{{4}})\s?/\s?)?"
    rf"(?P<s_type>[{UPPER}][{UPPER}a-zđ]{{0,6}}?)(?P<s_term>\d{{0,2}})"
    rf"(?:\s?[-/]\s?(?P<s_issuer>[{UPPER}][{UPPER}a-zđ]{{0,9}}\d{{0,2}}"  # "1143/QĐ/TTg" too
    rf"(?:-[{UPPER}][{UPPER}a-zđ]{{1,9}})*))?"  # joint issuers: "01/2014/TTLT-BNV-BTC"
)
# A Roman numeral: a term, a congress, a plenum or a unit ("khóa XII", "Khu XII"); match it whole.
ROMAN = re.compile(r"[IVXLC]+")
DOC_CODE_RE = re.compile(rf"(?<![\w/-])(?:{PARTY_CODE}|{STATE_CODE})(?![\w/])")

_D, _M, _Y = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])", r"(?:1[89]\d\d|2[01]\d\d)"
DATE_PATTERNS = [
    rf"{_D}\s?/\s?{_M}\s?/\s?{_Y}",  # 02/02/2008, 12/ 6/ 2021
    rf"{_D}\.{_M}\.{_Y}",  # 17.2.2025
    rf"{_D}-{_M}-{_Y}",  # 02-02-2008, 2-4-2019
    rf"{_D}\s+tháng\s+{_M}\s+năm\s+{_Y}",  # 3 tháng 2 năm 2020
    rf"{_D}\s+tháng\s+{_M}(?:\s*[,/-]\s*|\s+năm\s+){_Y}",
    rf"tháng\s+{_M}\s?[/-]\s?{_Y}",  # tháng 9/2018, tháng 6-2015
    rf"tháng\s+{_M}\s+năm\s+{_Y}",
    rf"{_M}\s?/\s?{_Y}",  # 7/2014: a month of a year
    rf"{_D}\s?[-–]\s?{_D}\s?/\s?{_M}(?![\d/])",  # 10 - 11/4: two days of one month (cue word)
    rf"{_D}\s?/\s?{_M}(?![\d/]|[.,]\d|\s?/)",  # 27/ 11 (needs a cue word: see the rules)
    rf"{_D}\.{_M}(?![\d%]|[.,]\d)",  # 21.4 (needs a cue word)
    rf"{_D}-{_M}(?![\d%-]|[.,]\d)",  # 15-8 (needs a cue word)
    rf"{_D}\s+tháng\s+{_M}",  # 3 tháng 2 (needs a cue word)
]
DATE_RE = re.compile(r"(?<![\w/.,-])(?:" + "|".join(DATE_PATTERNS) + r")(?![\w/])", re.IGNORECASE)
# Sections: "Trưởng phòng" is one title only with no named section after it; in "Trưởng Phòng
# Nội vụ" or "Trưởng phòng Cảnh sát hình sự" the title is "Trưởng" and the section the
# organisation (guidelines rule 1, case 27). "Phòng", "ban" head an organisation only before a
# name ("Phòng Nội vụ", "Phó ban Tuyên giáo": not "Phòng chống", "ban hành").
SECTION_TITLE_RE = re.compile(rf"(?<!\w)(?:Phó )?Trưởng phòng(?!\w)(?!\s+[{UPPER}])")
SECTION_HEAD_RE = re.compile(rf"(?<!\w)(?<!Hải )(?:Phòng|phòng|ban|văn phòng|vụ|sở)(?=\s+[{UPPER}])")
ABBREVIATION_RE = re.compile(
    rf"(?<![\w.])[{UPPER}][{UPPER}0-9&]{{1,9}}(?:[.-][{UPPER}][{UPPER}0-9&]{{0,8}})*(?![\w])")  # "VH-TT&DL"

_PARTY_FULL = re.compile(rf"^{PARTY_CODE}$")
_STATE_FULL = re.compile(rf"^{STATE_CODE}$")
_TYPE_BY_LOWER = {k.lower(): k for k in lexicon.DOC_TYPES}
_ISSUER_BY_UPPER = {k.upper(): k for k in lexicon.ISSUERS}


def parse_code(code: str) -> dict:
    """'22-NQ/TW' -> number, type, type_name, issuer, issuer_name, year (state codes)."""
    code = clean(code).replace(" ", "").replace("–", "-")
    party = _PARTY_FULL.match(code)
    state = None if party else _STATE_FULL.match(code)
    if party:
        number, kind, issuer, year = party["p_number"], party["p_type"], party["p_issuer"], None
    elif state:
        number, kind, year = state["s_number"], state["s_type"], state["s_year"]
        issuer = state["s_issuer"] or (kind if state["s_term"] else "")
    else:
        return {"code": code}
    kind = _TYPE_BY_LOWER.get(kind.lower(), kind)
    issuer_key = _ISSUER_BY_UPPER.get(issuer.upper(), issuer)
    if issuer_key in {"T.Ư", "TƯ"}:
        issuer_key = "TW"
    return {"code": code, "number": number, "type": kind, "type_name": lexicon.DOC_TYPES.get(kind),
            "issuer": issuer_key or None, "issuer_name": lexicon.ISSUERS.get(issuer_key),
            "year": int(year) if year else None}


# What joins the days or months of a range before its last date: "25 đến 27/9", "23, 24 và 25/1",
# "7-12/10" (span_checks.date_ranges_whole reads the same joins between words).
RANGE_JOINS = ("-", "–", ",", "đến", "và")
_RANGE = rf"(?:(?:{'|'.join(map(re.escape, RANGE_JOINS))})\s*\d{{1,2}}\s*)"
_DATE_PARTS = re.compile(
    rf"(?:(?P<d>\d{{1,2}})\s*{_RANGE}*(?:/|\.|-|\s+tháng\s+)\s*)?(?P<m>\d{{1,2}})"
    r"(?:\s*(?:/|\.|-|,|\s+năm\s+)\s*(?P<y>\d{4}))?$", re.IGNORECASE)


def iso_date(text: str) -> str | None:
    """'02/02/2008' -> '2008-02-02'; '27/ 11' -> '--11-27'; 'tháng 9/2018' -> '2018-09';
    '10 - 11/4' and '10 đến 11/4' -> '--04-10' (a range of days gives its first day, case 51);
    'tháng 2 và 3/2020' -> '2020-02'."""
    text = clean(text)
    body = re.sub(r"^tháng\s+", "", text, flags=re.IGNORECASE)
    month_first = body != text
    if month_first:  # "tháng 2 và 3/2020": a range of months gives its first month
        body = re.sub(rf"^(\d{{1,2}})\s*{_RANGE}+(?=/)", r"\1", body)
    m = _DATE_PARTS.match(body)
    if not m:
        return None
    day, month, year = m.group("d"), m.group("m"), m.group("y")
    if month_first:  # "tháng 9/2018": what looked like the day is the month
        day, month = None, day or month
    month_n = int(month)
    if not 1 <= month_n <= 12:
        return None
    if day is None:
        return f"{year}-{month_n:02d}" if year else None
    if year:
        return f"{year}-{month_n:02d}-{int(day):02d}"
    return f"--{month_n:02d}-{int(day):02d}"


_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?")  # YYYY, YYYY-MM or YYYY-MM-DD


def is_iso_date(value: object) -> bool:
    """An ISO date "as far as known" (guidelines, K6), as `meta.published` is written: a year, a
    month or a day that exists (not 2019-02-30)."""
    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return False
    try:
        return len(value) < 10 or bool(date.fromisoformat(value))
    except ValueError:
        return False
