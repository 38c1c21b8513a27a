"""Places from a maintained gazetteer: provinces, districts and communes of Vietnam, before and
after the 2025 reorganisation (the `vietnamadminunits` package), plus regions and countries.

The stage marks the words of every place name it finds (`doc._.place_tags`, "B"/"I"), which
the entity rules and the NER model read; `Gazetteer.resolve` gives a place's administrative
unit (code, level, province) for canonical names. Bare names are matched only for
provinces, districts, regions and countries ("về Quảng Ngãi", "Hoài Nhơn"); commune names,
which are often also common words or given names, only after a level word ("xã Tân Lập").
"""
from __future__ import annotations

import importlib.util
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import ClassVar, NamedTuple

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from . import lexicon, read
from .cache import cached, key_of
from .extensions import doc_text
from .read import clean
from .schema import KIND_ABBR, SENTS, TOKEN_PLACE, WORDS
from .words import words_of

# Level words as written before a name, to the level they name: in full, and shortened.
LEVEL_NAMES = {"tỉnh": "province", "thành phố": "city", "huyện": "district", "quận": "district",
               "thị xã": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
               "đặc khu": "commune"}
LEVEL_WORDS = {**LEVEL_NAMES, "tp": "city", "tp.": "city", "h.": "district", "q.": "district",
               "tx.": "district", "tx": "district"}
# The other short levels ("P.", "X.", "TT.") are also initials ("P. Hằng" signs an article):
# levels only where the segmenter split them off the place they were written onto ("P.Yên
# Đỗ"), as kind abbr.
GLUED_LEVEL_WORDS = {f"{short.lower()}.": LEVEL_NAMES[word] for short, word in lexicon.SHORT_LEVELS.items()
                     if f"{short.lower()}." not in LEVEL_WORDS}
REGIONS = ["Tây Nguyên", "Tây Bắc", "Đông Bắc", "Tây Nam Bộ", "Đông Nam Bộ", "Nam Bộ", "Bắc Bộ",
           "Trung Bộ", "Bắc Trung Bộ", "Nam Trung Bộ", "Duyên hải Nam Trung Bộ", "Nam Trung Bộ",
           "đồng bằng sông Cửu Long", "đồng bằng sông Hồng", "ĐBSCL", "miền Trung", "miền Bắc",
           "miền Nam", "miền Tây", "Việt Bắc", "Trung du và miền núi phía Bắc",
           # continents and oceans: "tốp 300 [châu Á]", "từ [Ấn Độ Dương] sang [Thái Bình Dương]"
           "châu Á", "châu Âu", "châu Phi", "châu Mỹ", "châu Đại Dương", "Đông Nam Á",
           "Thái Bình Dương", "Ấn Độ Dương", "Đại Tây Dương",
           "Biển Đông"]  # "chủ quyền trên [Biển Đông]"
COUNTRIES = ["Việt Nam", "VN", "Trung Quốc", "Hoa Kỳ", "Mỹ", "Nhật Bản", "Hàn Quốc", "Lào",
             "Campuchia", "Thái Lan", "Pháp", "Liên bang Nga", "Singapore", "Ấn Độ", "Australia",
             "Đức", "Cuba", "Triều Tiên", "Indonesia", "Malaysia", "Philippines", "Myanmar",
             "Hà Lan", "Canada", "Liên Xô", "Thụy Điển", "Italy", "Israel",
             # more of the countries Vietnamese news names; not "Anh", "Nga", "Áo": given names or words too
             "Vương quốc Anh", "Brazil", "Argentina", "Mexico", "Chile", "Ai Cập", "Nam Phi",
             "Thổ Nhĩ Kỳ", "Iran", "Iraq", "Ả Rập Xê Út", "Qatar", "Kuwait", "New Zealand", "Mông Cổ",
             "Kazakhstan", "Ukraine", "Belarus", "Ba Lan", "Hungary", "Romania", "Bulgaria", "Hy Lạp",
             "Tây Ban Nha", "Bồ Đào Nha", "Thụy Sĩ", "Đan Mạch", "Na Uy", "Phần Lan", "Brunei",
             "Timor-Leste", "Bangladesh", "Pakistan", "Sri Lanka", "Venezuela", "Nicaragua",
             "Mozambique", "Angola", "Algeria", "Liên minh châu Âu"]
# Capitals and large cities abroad: "hội nghị tại [Bắc Kinh] ([Trung Quốc])".
CITIES_ABROAD = ["Bắc Kinh", "Thượng Hải", "Tokyo", "Seoul", "Bình Nhưỡng", "Viêng Chăn", "Vientiane",
                 "Phnom Penh", "Bangkok", "Moskva", "Matxcơva", "Washington", "New York", "Paris", "London",
                 "Berlin", "Geneva", "Canberra", "Jakarta", "Kuala Lumpur", "Manila", "Yangon", "New Delhi",
                 "La Habana", "Havana"]
# A country's full name: "Chủ tịch nước [Cộng hòa xã hội chủ nghĩa Việt Nam]".
COUNTRY_ALIASES = {"Cộng hòa xã hội chủ nghĩa Việt Nam": "Việt Nam", "Cộng hòa XHCN Việt Nam": "Việt Nam",
                   "CHXHCN Việt Nam": "Việt Nam"}
# Other names the cities go by.
ALIASES = {"TP.HCM": "79", "TPHCM": "79", "TP HCM": "79", "TP. HCM": "79", "HCM": "79",
           "Sài Gòn": "79", "Thủ đô Hà Nội": "01", "Thừa Thiên Huế": "46", "Thừa Thiên - Huế": "46"}


class Place(NamedTuple):
    """One administrative unit (or a region or country), as a canonical record (a named tuple:
    the index holds some 30,000 of them and builds them at every start-up)."""

    name: str
    level: str  # province, city, district, commune, region, country, city abroad
    code: str | None = None
    province: str | None = None
    province_code: str | None = None
    system: str = ""  # "legacy" (63 provinces), "2025" (34 provinces), or "" for regions

    def to_json(self) -> dict:
        return {k: v for k, v in self._asdict().items() if v}


def names_a_level(word) -> bool:
    """A Word (or Token) that gives the level of the place after it: "huyện", "TP.", "P." of "P.Yên Đỗ"."""
    return word.norm_ in LEVEL_WORDS or (word.norm_ in GLUED_LEVEL_WORDS and word.tag_ == KIND_ABBR)


_DASH = re.compile(r"\s*[-–—]\s*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})  # "M’Đrắk" is "M'Đrắk"
# The package tells apart two units of one name in one province with their level in brackets:
# "Duyên Hải (Huyện)" and "Duyên Hải (Thị xã)". Articles write "Duyên Hải".
_LEVEL_SUFFIX = re.compile(r"\s*\([^)]*\)$")
# Short names that are far more often something else: a person ("Hồ Chí Minh"), a word.
NOT_BARE = {"hồ chí minh", "huế", "bình minh", "thống nhất", "độc lập", "hòa bình"}


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Comparison key of a place name: canonical spelling, lower case, one kind of dash."""
    return _DASH.sub(" - ", unicodedata.normalize("NFC", clean(name)).lower()).translate(_APOSTROPHES)


@dataclass
class _Index:
    bare: dict[str, list[Place]]  # names matched without a level word
    named: dict[str, list[Place]]  # every name, after a level word
    by_code: dict[str, Place]


def _query(sql: str) -> list[sqlite3.Row]:
    """Rows of vietnamadminunits' own database. Read directly: importing the package would load
    its address parser too (0.4 s), and the pipeline needs only the units."""
    spec = importlib.util.find_spec("vietnamadminunits")
    path = Path(spec.submodule_search_locations[0]) / "data" / "dataset.db"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql).fetchall()


def _build_index() -> _Index:
    bare: dict[str, list[Place]] = {}
    named: dict[str, list[Place]] = {}
    by_code: dict[str, Place] = {}

    def add(table: dict[str, list[Place]], name: str, place: Place) -> None:
        name_key = key(name)
        if table is bare and name_key in NOT_BARE:
            return
        items = table.setdefault(name_key, [])
        if place not in items:
            items.append(place)

    for system, table in (("legacy", "admin_units_legacy"), ("2025", "admin_units")):
        for row in _query(f"SELECT DISTINCT provinceShort, provinceCode, province FROM {table}"):
            level = "city" if row["province"].startswith("Thành phố") else "province"
            place = Place(row["provinceShort"], level, row["provinceCode"], row["provinceShort"],
                          row["provinceCode"], system)
            by_code.setdefault(row["provinceCode"], place)
            add(bare, row["provinceShort"], place)
            add(named, row["provinceShort"], place)
    for row in _query("SELECT DISTINCT districtShort, districtCode, provinceShort, provinceCode "
                     "FROM admin_units_legacy"):
        name = _LEVEL_SUFFIX.sub("", row["districtShort"])
        place = Place(name, "district", row["districtCode"], row["provinceShort"], row["provinceCode"], "legacy")
        add(bare, name, place)
        add(named, name, place)
    for system, table in (("legacy", "admin_units_legacy"), ("2025", "admin_units")):
        for row in _query(f"SELECT DISTINCT wardShort, wardCode, provinceShort, provinceCode FROM {table} "
                         "WHERE wardShort IS NOT NULL"):
            name = _LEVEL_SUFFIX.sub("", row["wardShort"])
            add(named, name, Place(name, "commune", row["wardCode"], row["provinceShort"], row["provinceCode"],
                                   system))
    for alias, code in ALIASES.items():
        add(bare, alias, by_code[code])
        add(named, alias, by_code[code])
    for name in REGIONS:
        add(bare, name, Place(name, "region"))
    for name in COUNTRIES:
        add(bare, name, Place(name, "country"))
    for name in CITIES_ABROAD:
        add(bare, name, Place(name, "city abroad"))
    for alias, name in COUNTRY_ALIASES.items():
        add(bare, alias, Place(name, "country"))
    return _Index(bare, named, by_code)


def _to_json(index: _Index) -> dict:
    places: dict[Place, int] = {}
    for items in (*index.bare.values(), *index.named.values(), index.by_code.values()):
        for place in items:
            places.setdefault(place, len(places))
    return {"places": list(places),
            "bare": {k: [places[p] for p in items] for k, items in index.bare.items()},
            "named": {k: [places[p] for p in items] for k, items in index.named.items()},
            "by_code": {code: places[p] for code, p in index.by_code.items()}}


@lru_cache(maxsize=1)
def _index() -> _Index:
    """The index, from the user's cache (`cache.py`) when it was built with this
    vietnamadminunits and this code; building it from the package's database takes 0.2 s."""
    key = key_of(version("vietnamadminunits"), Path(__file__), read)
    data = cached("places", key, lambda: _to_json(_build_index()))
    places = [Place(*p) for p in data["places"]]
    return _Index({k: [places[i] for i in items] for k, items in data["bare"].items()},
                  {k: [places[i] for i in items] for k, items in data["named"].items()},
                  {code: places[i] for code, i in data["by_code"].items()})


@lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    """Keys of every province and district name: what the segmenter may keep together."""
    return frozenset(k for k, places in _index().bare.items()
                     if any(p.level in {"province", "city", "district"} for p in places))


def _endings(name: str) -> list[tuple[str, list[Place]]]:
    """(the word before, the provinces and districts named) for each ending of a name (its last
    words, not its first) read as after a level word, the longest ending first."""
    named, words = _index().named, name.split()
    return [(words[-n - 1], [p for p in named.get(key(" ".join(words[-n:])), ())
                             if p.level in {"province", "city", "district"}])
            for n in range(min(4, len(words) - 1), 0, -1)]


@lru_cache(maxsize=1 << 14)
def ends_in_place(name: str) -> bool:
    """'Sở Nội vụ Hà Tĩnh', 'Sở Y tế Hòa Bình': a body's name whose last words (not its first) are
    a province or district written without a level word (read as if after one: "Hòa Bình" is a
    common word alone, not at the end of a department's name)."""
    return any(places for _, places in _endings(name))


@lru_cache(maxsize=1 << 14)
def place_at_end(name: str, province_code: str | None = None) -> Place | None:
    """The unit a body's name ends with, written without a level word: "Sở Y tế Nghệ An" is of
    Nghệ An, "Công an Hà Nam" of Hà Nam (the longest ending that names one). A province or
    city wins; a district only when the name is of one district, in the article's province
    (`province_code`) when given. "Hồ Chí Minh" only after its level word: it ends names after
    the man ("Học viện … Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh")."""
    for before, places in _endings(name):
        if before.casefold() not in {"thành phố", "phố", "tp", "tp."}:
            places = [p for p in places if p.name != "Hồ Chí Minh"]
        if not places:
            continue
        wide = [p for p in places if p.level in {"province", "city"}]
        narrow = [p for p in places if p.level == "district"
                  and (province_code is None or p.province_code == province_code)]
        found = {(p.code, p.level): p for p in wide or narrow}
        return next(iter(found.values())) if len(found) == 1 else None
    return None


@lru_cache(maxsize=1)
def _name_syllables() -> frozenset[str]:
    """The syllables of every name's key (some two thousand)."""
    index = _index()
    return frozenset(syllable for table in (index.bare, index.named) for name in table for syllable in name.split())


@lru_cache(maxsize=65536)  # a word of the vocabulary each
def _may_name(piece: str) -> bool:
    """Whether a piece of text between white space may be part of a name: each syllable of its
    key is one of a name's. `key` changes the letters of each piece on its own and splits a
    piece only at a dash, never joins two, so a text whose key is a name passes for every one
    of its pieces; most texts tried fail on one, and their key (the costly part) is not made."""
    return all(syllable in _name_syllables() for syllable in key(piece).split())


class Gazetteer:
    """Place names in a Doc, and what they are."""

    name: ClassVar[str] = "gazetteer"
    requires: ClassVar[tuple[str, ...]] = (WORDS, SENTS)
    sets: ClassVar[tuple[str, ...]] = (TOKEN_PLACE,)
    MAX_WORDS = 4  # a place name spans at most this many words

    def __init__(self) -> None:
        self.index = _index()

    @staticmethod
    @lru_cache(maxsize=1)
    def shared() -> Gazetteer:
        """One gazetteer for every caller in the process (the index is read once)."""
        return Gazetteer()

    def candidates(self, name: str, after_level: bool) -> list[Place]:
        table = self.index.named if after_level else self.index.bare
        return table.get(key(name), [])

    def unit(self, code: str) -> Place | None:
        """A province or city by its code."""
        return self.index.by_code.get(code)

    def resolve(self, name: str, level: str | None = None, province_code: str | None = None,
                year: int | None = None) -> Place | None:
        """The place a name stands for: of the given level if any, in the province if given, in
        the system of the article's year (the 34 provinces from 2025, the 63 before; unknown
        years take the 63, as most archived news predates the reorganisation)."""
        found = self.candidates(name, after_level=level is not None) or self.candidates(name, True)
        if level:
            wanted = {"province": {"province", "city"}, "city": {"city", "province", "district"},
                      "district": {"district"}, "commune": {"commune"}}.get(level, {level})
            found = [p for p in found if p.level in wanted] or found
        if province_code:
            found = [p for p in found if p.province_code == province_code] or found
        if not found:
            return None
        system = "2025" if year and year >= 2025 else "legacy"
        return sorted(found, key=lambda p: (p.system not in (system, ""), p.level == "commune"))[0]

    def find(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """(start, end, after a level word) of the place names in the Doc, longest first.
        Only words that can open a name are tried, in text order; a name found covers the
        words it spans (names never cross a sentence end)."""
        words = _Words(doc)
        sentences, sentence_of = words.words.sentences, words.words.sentence_of
        found: list[tuple[int, int, bool]] = []
        free = 0  # words before this one are part of a name found
        for i in words.openers:
            if i < free:
                continue
            start, stop = sentences[sentence_of[i]]
            after_level = i > start and names_a_level(words.words[i - 1])
            end = self._match(words, i, stop, after_level)
            if end:
                found.append((i, end, after_level))
                free = end
        return found

    def _match(self, words: _Words, i: int, stop: int, after_level: bool) -> int:
        """End of the longest name opening at word i (a word that opens one), else 0."""
        tables = (self.index.named, self.index.bare) if after_level else (self.index.bare,)
        last = min(stop, i + self.MAX_WORDS)
        end = i + 1  # the name may go on over the words that can be inside one
        while end < last and words.inside(end):
            end += 1
        text, starts, ends = words.text, words.starts, words.ends
        for stop_at in range(end, i, -1):
            name = text[starts[i]:ends[stop_at - 1]]
            if all(map(_may_name, name.split())) and any(key(name) in table for table in tables):
                return stop_at
        return 0

    def __call__(self, doc: Doc) -> Doc:
        tags = [""] * len(doc)
        for start, end, _ in self.find(doc):
            tags[start] = "B"
            for j in range(start + 1, end):
                tags[j] = "I"
        doc._.place_tags = tags
        return doc


_LOWER_STARTS = {"đồng bằng", "miền", "duyên hải", "trung du", "châu"}  # regions written in lower case


class _Words:
    """What place matching asks of each word: the Doc's words as read once (`words.py`), with
    their offsets, which words can open a name and whether a name can go on over a word."""

    def __init__(self, doc: Doc) -> None:
        self.words = words_of(doc)
        offsets = doc.to_array([IDX, LENGTH]).tolist()
        self.text = doc_text(doc)
        self.starts = [idx for idx, _ in offsets]
        self.ends = [idx + length for idx, length in offsets]
        # a name opens with a capital (or a lower-case region word)
        self.openers = [w.i for w in self.words if w.text[:1].isupper() or w.norm_ in _LOWER_STARTS]
        self._opening = set(self.openers)

    def inside(self, k: int) -> bool:
        """A name goes on over word k: capitals, dashes or lower-case words ("đồng bằng sông Cửu Long")."""
        text = self.words[k].text
        return k in self._opening or text in {"-", "–"} or text.islower()
