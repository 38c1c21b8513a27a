"""Canonical forms, so the same thing gets the same name across articles.

Names get new-style tone placement and single spaces; abbreviations of bodies and titles
are spelt out; a bare "Huyện ủy" or "HĐND huyện" is completed with the place its sentence
names for that level, else the one the article names most ("Huyện ủy Đình Lập"); one body
written several ways gets one name (guidelines 44: a place's "Ban Chấp hành Đảng bộ" is
its committee, and so is a bare "Ban Chấp hành" after it); an ORG or LOC that names a
place records its administrative unit from the gazetteer (code, level, province); a DOC
gets its parsed code and a DATE its ISO form. Results go to `span._.canonical`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import ClassVar

from spacy.tokens import Doc, Span

from . import lexicon
from .extensions import doc_text
from .gazetteer import LEVEL_NAMES, Gazetteer, ends_in_place
from .read import clean
from .schema import CANONICAL, ENTS, KIND_CODE, KIND_DOCTYPE, word_kind
from .shapes import UPPER, iso_date, parse_code
from .words import span_text, words_of

_HEAD_CASE = {h.lower(): h for h in lexicon.ORG_HEADS}
# Names of the same body written two ways (guidelines 44): the Central Committee, and a
# place's party committee named as its party organisation's executive committee.
_ALIASES = {"Ban Chấp hành Trung ương Đảng": "Ban Chấp hành Trung ương",
            "Trung ương Đảng": "Ban Chấp hành Trung ương", "Trung ương": "Ban Chấp hành Trung ương",
            "Ủy ban Kiểm tra Trung ương Đảng": "Ủy ban Kiểm tra Trung ương",
            "Ban Bí thư Trung ương Đảng": "Ban Bí thư", "Ban Bí thư Trung ương": "Ban Bí thư"}
# The country said after a national body ("Quốc hội Việt Nam", "Chính phủ nước CHXHCN Việt Nam",
# "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"): the one body, named without it.
_COUNTRY_AFTER = re.compile(
    r"^(Quốc hội|Chính phủ|Ban Chấp hành Trung ương Đảng|Ủy ban Kiểm tra Trung ương Đảng|Bộ Chính trị|Ban Bí thư)"
    r"(?: (?:của )?(?:nước )?(?:Cộng hòa [Xx]ã hội chủ nghĩa|CHXHCN) Việt Nam| Cộng sản Việt Nam| Việt Nam)$")
# A list or page number glued to the last word of a name in some sources' text ("Bộ Công an3",
# "Hồ Chí Minh5"): never part of it (a number that is, "Quân khu 5", "K20", stands apart or
# follows a capital).
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])\d+$")


def _unglued(name: str) -> str:
    """The name without a number glued to its last word after a lower-case letter."""
    m = _GLUED_NUMBER.search(name)
    return name[:m.start()] if m and name[m.start() - 1].islower() else name


# A short level (`lexicon.SHORT_LEVELS`): "TP" and "TX" with or without a dot, the others only
# with it ("H.Sìn Hồ", "Q.1", "TT.Hồ"; case 31).
_SHORT_LEVEL = (rf"(?:({'|'.join(lexicon.UNDOTTED_LEVELS)})\.?|"
                rf"({'|'.join(s for s in lexicon.SHORT_LEVELS if s not in lexicon.UNDOTTED_LEVELS)})\.)")
# Inside a body's name, before a place or a number: "HĐND TP Phan Thiết", "UBND H.Hớn Quản",
# "Công an Q.1", and "UBND TP" at the end; not "TP.HCM", which names the city whole.
_LEVEL_WORD = re.compile(rf"(?<=\s){_SHORT_LEVEL}(?:\s*(?=[{UPPER}][^\W{UPPER}]|\d)|(?<=TP)$)")
_BRACKETED = re.compile(r"\s*\([^()]*\)(?=\s|$)")  # an abbreviation in brackets inside a name
_PARTY_COMMITTEE = re.compile(
    rf"(?:{lexicon.alternation(lexicon.COMMITTEE_OF_LEVEL.values())}) [{UPPER}]|Ban Chấp hành Trung ương$")
_LEVEL_AFTER_COMMITTEE = re.compile(  # "Thành ủy thành phố Thanh Hóa": the level said twice
    rf"({lexicon.alternation(lexicon.COMMITTEE_OF_LEVEL.values())})\s+({lexicon.alternation(lexicon.COMMITTEE_OF_LEVEL)})"
    rf"(?=\s+[{UPPER}])")
_EXECUTIVE_RE = re.compile(rf"^Ban Chấp hành Đảng bộ ({lexicon.alternation(lexicon.COMMITTEE_OF_LEVEL)})(?=\s|$)",
                           re.IGNORECASE)
_HEAD_RE = lexicon.term_re(lexicon.ORG_HEADS)
_ABBR_RE = re.compile(rf"(?<!\w)({lexicon.alternation(lexicon.ORG_ABBREVIATIONS)})(?!\w)")
_COMMITTEE_RE = re.compile(rf"(?<=\s)({lexicon.alternation(lexicon.LEVEL_OF_COMMITTEE)})(?!\w)")  # after a word
_PLACE_RE = re.compile(  # a level word or committee, then a capitalised place name
    rf"(?<!\w)(?i:({lexicon.alternation(lexicon.LEVEL_OF_COMMITTEE)})|({lexicon.alternation(LEVEL_NAMES)}))"
    rf"\s+((?:[{UPPER}]\w*(?:\s*[-–]\s*(?=[{UPPER}])|\s+|$)){{1,4}})")  # "tỉnh Bà Rịa – Vũng Tàu" whole
# Ho Chi Minh City as newspapers shorten it ("UBND TP.HCM", "Thành ủy TPHCM"): spelt out in a
# body's name, so that one body has one name however the article writes the city.
_HCMC = re.compile(r"(?<!\w)(?:TP\.?\s?HCM|TPHCM)(?!\w)", re.IGNORECASE)
_DASH = re.compile(rf"(?<=\w)\s*[-–]\s*(?=[{UPPER}])")  # "Bà Rịa–Vũng Tàu", "Bà Rịa – Vũng Tàu": one spelling
# A department's or ministry's field as newspapers shorten it, by its letters ("KH&CN", "KH-CN",
# "KHCN"): spelt out, so that "Sở KH&CN" and "Sở Khoa học và Công nghệ" are one body's name.
_FIELDS = {"KHCN": "Khoa học và Công nghệ", "KHĐT": "Kế hoạch và Đầu tư", "GDĐT": "Giáo dục và Đào tạo",
           "NNPTNT": "Nông nghiệp và Phát triển nông thôn", "TNMT": "Tài nguyên và Môi trường",
           "LĐTBXH": "Lao động - Thương binh và Xã hội", "TTTT": "Thông tin và Truyền thông",
           "VHTTDL": "Văn hóa, Thể thao và Du lịch", "GTVT": "Giao thông vận tải"}
_SHORT_FIELD = re.compile(rf"^((?:Sở|Bộ) )([{UPPER}][{UPPER}&\-–\s]*[{UPPER}])(?=\s|$)")


def _field_spelt(name: str) -> str:
    """'Sở KH&CN tỉnh X' -> 'Sở Khoa học và Công nghệ tỉnh X' (`_FIELDS`); other names as they are."""
    m = _SHORT_FIELD.match(name)
    field = _FIELDS.get(re.sub(r"[\s&\-–]", "", m.group(2))) if m else None
    return f"{m.group(1)}{field}{name[m.end():]}" if field else name


def _one_spelling(text: str, city: str = "thành phố Hồ Chí Minh") -> str:
    """A dash between names and Ho Chi Minh City written one way, in bodies' names and in the
    places read from them alike (`city`: the city's name there, without its level word where a
    bare place name is wanted)."""
    return _HCMC.sub(city, _DASH.sub(" - ", text))


_LEVEL_ABBR = re.compile(rf"(?<!\w){_SHORT_LEVEL}\s*(?=[{UPPER}\d])")  # "TP.HCM", "TP Huế", "H.Sìn Hồ": where it is
_OWN_CITY = re.compile(r"(?<!\w)(?:TP\.?|thành phố)$", re.IGNORECASE)  # "Thành ủy TP": the article's city
_TRAILING_LEVEL = re.compile(
    rf"(?:(?<=\s)({lexicon.alternation(LEVEL_NAMES)})|({lexicon.alternation(lexicon.LEVEL_OF_COMMITTEE)}))$",
    re.IGNORECASE)


def person_name(text: str) -> str:
    name = _unglued(clean(text))
    return name.title() if name.isupper() else name


# Each title as the lexicon spells it, by its lower-case form: "phó chủ tịch" and "Phó chủ tịch"
# are the one post "Phó Chủ tịch", so a fact is the same whichever mention states it.
_TITLE_SPELLINGS = {title.lower(): title for title in (*lexicon.TITLES, *lexicon.TITLES_BEFORE_BODY)}


def title_name(text: str) -> str:
    title = clean(text)
    title = lexicon.TITLE_ABBREVIATIONS.get(title, title)
    return _TITLE_SPELLINGS.get(title.lower()) or title[:1].upper() + title[1:]


def _level_word(m: re.Match) -> str:
    return lexicon.SHORT_LEVELS[m.group(1) or m.group(2)] + (" " if m.end() < len(m.string) else "")


def _spell_levels(name: str) -> str:
    """"HĐND TP Phan Thiết" -> "HĐND thành phố Phan Thiết", "UBND H.Hớn Quản" -> "UBND huyện
    Hớn Quản", "UBND TP" -> "UBND thành phố"."""
    return _LEVEL_WORD.sub(_level_word, name)


# The capitalised first word of a title written on in lower case ("Chủ tịch", "Giám đốc"): all a
# place pattern catches of "Bí thư Tỉnh ủy Chủ tịch HĐND tỉnh" written without its comma.
_TITLE_OPENINGS = {t.split()[0] for t in lexicon.TITLES if len(t.split()) > 1 and t.split()[1].islower()}


def _known_place(name: str) -> str:
    """The longest start of `name` the gazetteer knows as a place; where it knows none, the
    name unless it opens with a family name or is a title's first word. A body whose span ran
    on over its holder's name or title ("UBND tỉnh Lê Diễn", "Tỉnh ủy Phú Yên Lương Minh",
    "Tỉnh ủy Chủ tịch") must not give "Lê Diễn" or "Chủ" as the province every other body of
    the article is completed with."""
    words = name.split()
    for n in range(len(words), 0, -1):
        if Gazetteer.shared().candidates(" ".join(words[:n]), after_level=True):
            return " ".join(words[:n])
    cut_title = len(words) == 1 and words[0] in _TITLE_OPENINGS
    return "" if cut_title or words[0] in lexicon.FAMILY_NAMES else name


@lru_cache(maxsize=4096)
def _places_written(text: str) -> tuple[tuple[str, str], ...]:
    """(level, name as written) of each place a body's or place's text names after a level word
    or committee: read from the text alone, and the same few bodies recur in every article."""
    return tuple(((m.group(2) or lexicon.LEVEL_OF_COMMITTEE[m.group(1).lower()]).lower(), m.group(3).strip())
                 for m in _PLACE_RE.finditer(_spell_levels(_one_spelling(clean(text)))))


# An item of a digest opens with its province and a colon: at the start of a line or a
# sentence ("… kiện toàn nhân sự. Bạc Liêu: Chiều 4/4, Bí thư Tỉnh ủy …", "TP.HCM: …"), or after
# words a source glued before it (a related article's headline, a date without its full stop)
# when the item opens as items do, with its time: "… kể từ ngày 1/3 Bắc Ninh: Chiều 4/3, …".
_WORD = rf"[{UPPER}][^\W\d_]*"  # a capitalised word
_HEADING = re.compile(rf"({_WORD}(?:[^\S\n]*[-–.]?[^\S\n]*{_WORD}){{0,3}})[^\S\n]*:[^\S\n]+(?=(\S+(?: \S+)?))")
_ITEM_OPENINGS = ("Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Ngày", "Hôm nay", "Hôm qua", "Cùng ngày", "Trước đó",
                  "Vừa qua", "Mới đây")
_LEVEL_OF_UNIT = {"province": "tỉnh", "city": "thành phố"}  # the level word a province-level unit takes


def digest_items(text: str, year: int | None = None) -> list[tuple[int, str, str]]:
    """(offset, level word, province) of each item of a digest, when the article is one: two
    or more headings naming different provinces (guidelines K2: in "Bạc Liêu: … Bí thư Tỉnh ủy
    …" the bare committee is Bạc Liêu's, whichever province the article names most)."""
    items = []
    for m in _HEADING.finditer(text):
        opens_item = m.group(2).startswith(_ITEM_OPENINGS)
        for start in (w.start() for w in re.finditer(_WORD, m.group(1))):  # the longest name first
            before = text[:m.start(1) + start].rstrip(" \t")
            if not (opens_item or not before or before[-1] in ".!?…\n"):
                continue
            name = _one_spelling(m.group(1)[start:], "Hồ Chí Minh").strip()  # as places are read
            unit = Gazetteer.shared().resolve(name, "province", year=year)
            if unit is not None and unit.level in _LEVEL_OF_UNIT:
                items.append((m.start(1) + start, _LEVEL_OF_UNIT[unit.level], name))
                break
    return items if len({province for _, _, province in items}) > 1 else []


def places_named(name: str) -> set[str]:
    """The places a body's name names after a level word or committee, as `Places` reads them:
    "Tỉnh ủy Bạc Liêu" -> {"Bạc Liêu"}; a bare "Tỉnh ủy" -> none."""
    return {place for _, written in _places_written(name) if (place := _known_place(written))}


# A province's department or its branch: "Sở Nội vụ", "Sở GTVT", "Chi cục Kiểm lâm".
_DEPARTMENT = re.compile(rf"^(?:{lexicon.alternation(lexicon.PROVINCIAL_BODY_HEADS)})\s+\S")


@lru_cache(maxsize=4096)
def department_without_place(name: str) -> bool:
    """'Sở Tài chính': a province's department whose name gives no place, neither after a level
    word nor as its last words ("Sở Nội vụ Hà Tĩnh")."""
    return bool(_DEPARTMENT.match(name)) and not _PLACE_RE.search(name) and not ends_in_place(name)


def ends_bare(text: str) -> bool:
    """A body's text that `Places.complete` gives a place: one ending in a level or committee with
    no place, or a department named without one."""
    name = _org_spelt(text)
    return bool(_TRAILING_LEVEL.search(name)) or department_without_place(name)


class Places:
    """The places an article names, per administrative level: most frequent first, and where
    each is named (its sentence and offset); in a digest, also per item."""

    def __init__(self, doc: Doc, ents: list[Span] | None = None) -> None:
        """`ents`: the Doc's entities, when the caller has them (`doc.ents` makes every Span again)."""
        counts: dict[str, Counter] = {}
        self.sentence = words_of(doc).sentence_of  # of each word
        self.named: dict[tuple[int, str], list[tuple[int, str]]] = {}  # (sentence, level) -> (offset, name)
        items = digest_items(doc_text(doc), int(doc._.published[:4]) if doc._.published else None)
        self.item_starts = [start for start, _, _ in items]
        item_counts: list[dict[str, Counter]] = [{} for _ in items]
        for ent in doc.ents if ents is None else ents:
            if ent.label_ not in {"ORG", "LOC"}:
                continue
            item = self._item(ent)
            for level, written in _places_written(span_text(ent)):
                name = _known_place(written)
                if name:
                    counts.setdefault(level, Counter())[name] += 1
                    self.named.setdefault((self.sentence[ent.start], level), []).append((ent.start_char, name))
                    if item is not None:
                        item_counts[item].setdefault(level, Counter())[name] += 1
        self.best = {level: c.most_common(1)[0][0] for level, c in counts.items()}
        self.item_best = [{level: c.most_common(1)[0][0] for level, c in found.items()} for found in item_counts]
        for best, (_, level, name) in zip(self.item_best, items):
            best[level] = name  # the item's heading names its province, however often it names others

    def _item(self, ent: Span | None) -> int | None:
        """The digest item `ent` is in (None: not a digest, no mention, or before the first item)."""
        return None if ent is None else self._item_at(ent.start_char)

    def _item_at(self, offset: int) -> int | None:
        if not self.item_starts:
            return None
        n = bisect_right(self.item_starts, offset) - 1
        return n if n >= 0 else None

    def complete(self, name: str, ent: Span | None = None) -> str:
        """Add the place to a name ending in a bare level or committee: the nearest place of
        that level named in the mention's sentence ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Kon
        Tum": Kon Tum, in an article that names another province more), else its digest item's
        (its heading's province, or the place of that level the item names most; none when it
        names none, as another item's would be wrong), else the article's. A province's
        department named without its place ("Sở Tài chính") takes its province the same way."""
        m = _TRAILING_LEVEL.search(name)
        if m:
            place = self._place((m.group(1) or lexicon.LEVEL_OF_COMMITTEE[m.group(2).lower()]).lower(), ent)
            return f"{name} {place}" if place else name
        if department_without_place(name):  # "Sở Tài chính": the province's, or a city run by the centre
            if place := self._place("tỉnh", ent):
                return f"{name} tỉnh {place}"
            city = self._place("thành phố", ent)
            if city and (unit := Gazetteer.shared().resolve(city, "province")) and unit.level == "city":
                return f"{name} thành phố {city}"
        return name

    def _place(self, level: str, ent: Span | None) -> str | None:
        """The place of `level` a bare mention takes (`complete`): of its sentence, in its digest
        item (a heading glued into a sentence splits it)."""
        item = self._item(ent)
        near = [(offset, place) for offset, place in self.named.get((self.sentence[ent.start], level), [])
                if self._item_at(offset) == item] if ent is not None else []
        if near:
            return min(near, key=lambda found: abs(found[0] - ent.start_char))[1]
        return (self.item_best[item] if item is not None else self.best).get(level)


def org_name(text: str, places: Places, ent: Span | None = None) -> str:
    name = _COUNTRY_AFTER.sub(r"\1", _org_spelt(text))
    name = places.complete(_ALIASES.get(name, name), ent)
    return _LEVEL_AFTER_COMMITTEE.sub(  # "Thành ủy thành phố X" -> "Thành ủy X"
        lambda m: m.group(1) if lexicon.COMMITTEE_OF_LEVEL[m.group(2)] == m.group(1) else m.group(0), name)


@lru_cache(maxsize=4096)
def _org_spelt(text: str) -> str:
    """The steps of `org_name` that read the text alone, kept for the bodies articles repeat."""
    name = _BRACKETED.sub("", _unglued(clean(text)))  # "Ủy ban Kiểm tra (UBKT) Trung ương": the name, once
    name = _ABBR_RE.sub(lambda m: lexicon.ORG_ABBREVIATIONS[m.group(1)], name)
    name = _HEAD_RE.sub(lambda m: _HEAD_CASE.get(m.group(0).lower(), m.group(0)), name)
    name = _COMMITTEE_RE.sub(lambda m: m.group(1).capitalize(), name)  # "Ban Thường vụ huyện ủy" -> "… Huyện ủy"
    name = _EXECUTIVE_RE.sub(lambda m: lexicon.COMMITTEE_OF_LEVEL[m.group(1).lower()], name)  # "BCH Đảng bộ tỉnh X"
    return _spell_levels(_one_spelling(_field_spelt(name)))


# Words before a place that make it someone's home, not where the article happens: "(quê
# quán Cẩm Xuyên - Hà Tĩnh)", "quê Nghệ An", "sinh ra tại Huế".
_HOME = {"quê", "quê quán", "nguyên quán", "quán", "quê hương", "sinh ra", "sinh tại"}
HOME_REACH = 5  # words back from the place, within its sentence


def _hometown(ent: Span) -> bool:
    """A place named as someone's home ("quê quán Cẩm Xuyên - [Hà Tĩnh]"): no sign of the
    province the article is about (`Canonicaliser._places`)."""
    if ent.label_ != "LOC":
        return False
    words = words_of(ent.doc)
    start = max(words.sentence(ent.start)[0], ent.start - HOME_REACH)
    return any(t.norm_ in _HOME for t in words[start:ent.start])


class Canonicaliser:
    """Fill `span._.canonical` for every entity."""

    name: ClassVar[str] = "canonical"
    requires: ClassVar[tuple[str, ...]] = (ENTS,)
    sets: ClassVar[tuple[str, ...]] = (CANONICAL,)

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        places = Places(doc, ents)
        parsed = {n: _written_code(e) for n, e in enumerate(ents) if e.label_ == "DOC"}
        codes: dict[tuple[str, str], dict] = {}  # (type name, number) -> the full code cited
        for code in parsed.values():
            if code and code.get("number") and code.get("type_name"):
                codes.setdefault((code["type_name"].lower(), code["number"].lstrip("0")), code)
        year = int(doc._.published[:4]) if doc._.published else None
        committee = None  # the party committee named last: a bare "Ban Chấp hành" is its (rule 44)
        canonicals = []  # each entity's, as set on it (`span._` makes a new object at each access)
        for n, ent in enumerate(ents):  # span attributes live in doc.user_data, keyed by the span
            canonical = doc_reference(ent, parsed[n], codes) if n in parsed else self.canonical(ent, places)
            ent._.canonical = canonical
            canonicals.append(canonical)
            if ent.label_ == "ORG":
                name = canonical["text"]
                if name == "Ban Chấp hành" and committee:
                    canonical["text"] = committee
                elif _PARTY_COMMITTEE.match(name):
                    committee = name
        if self.gazetteer is not None:
            doc._.province = self._places(ents, canonicals, self._province(places, year), year)
        return doc

    def _places(self, ents: list[Span], canonicals: list[dict], province: str | None,
                year: int | None) -> str | None:
        """Set each ORG and LOC's place (in its canonical dict, of `canonicals`); the article's
        province. Without one named after a level word, it is the province the resolved places
        name most, if one leads, and the places that needed it ("Thành ủy TP") are resolved again
        with it."""
        located = [(e, c) for e, c in zip(ents, canonicals) if e.label_ in {"ORG", "LOC"}]
        places = [self.place(c["text"], province, year) for _, c in located]
        if province is None:
            counts = Counter(p["province_code"] for (e, _), p in zip(located, places)
                             if p and p.get("province_code") and not _hometown(e))
            top = counts.most_common(2)
            if top and (len(top) == 1 or top[0][1] > top[1][1]):
                province = top[0][0]
                places = [p or self.place(c["text"], province, year)
                          for (_, c), p in zip(located, places)]
        for (_, canonical), place in zip(located, places):
            if place:
                canonical["place"] = place
        return province

    def _province(self, places: Places, year: int | None) -> str | None:
        """The province the article is about: the one it names most after "tỉnh"/"Tỉnh ủy"
        (used to resolve its places; `doc._.province` falls back on the places it resolves)."""
        name = places.best.get("tỉnh") or places.best.get("thành phố")
        found = self.gazetteer.resolve(name, "province", year=year) if name and self.gazetteer else None
        return found.province_code if found else None

    def place(self, name: str, province: str | None, year: int | None) -> dict | None:
        """The administrative unit a canonical ORG or LOC name names: its first level word and
        name ("Huyện ủy Đình Lập" -> district Đình Lập), else a bare place it is ("Quảng Trị");
        "Thành ủy TP" is the city the article is about."""
        if province and _OWN_CITY.search(name):
            found = self.gazetteer.unit(province)
            return found.to_json() if found and found.level == "city" else None
        name = _LEVEL_ABBR.sub(_level_word, name)
        m = _PLACE_RE.search(name)
        if m:
            level = (m.group(2) or lexicon.LEVEL_OF_COMMITTEE[m.group(1).lower()]).lower()
            found = self.gazetteer.resolve(m.group(3).strip(), LEVEL_NAMES.get(level, level),
                                           province, year)
        else:
            found = self.gazetteer.resolve(name, None, province, year) \
                if self.gazetteer.candidates(name, after_level=False) else None
        return found.to_json() if found else None

    @staticmethod
    def canonical(ent: Span, places: Places) -> dict:
        """The canonical form of a PER, TITLE, ORG, LOC or DATE."""
        label, text = ent.label_, span_text(ent)
        if label == "PER":
            return {"text": person_name(text)}
        if label == "TITLE":
            return {"text": title_name(text)}
        if label in {"ORG", "LOC"}:
            return {"text": org_name(text, places, ent) if label == "ORG" else clean(text)}
        iso = iso_date(text)  # DATE
        return {"text": iso or clean(text), "iso": iso}


def _written_code(ent: Span) -> dict | None:
    """The parsed code a DOC mention writes out, if it writes one."""
    code = next((t.text for t in ent if word_kind(t) == KIND_CODE), None)
    return parse_code(code) if code else None


def doc_reference(ent: Span, parsed: dict | None, codes: dict) -> dict:
    """A DOC's canonical name and parsed code; "Nghị quyết 22" borrows the full code the
    article cites for that type and number."""
    type_word = clean(ent[0].text) if word_kind(ent[0]) == KIND_DOCTYPE else ""
    if parsed is None:
        number = next((t.text for t in reversed(ent) if t.text.isdigit()), None)
        parsed = codes.get((type_word.lower(), number.lstrip("0"))) if number and \
            not any(t.norm_ == "trung ương" for t in ent) else None
        if parsed is None:
            return {"text": clean(ent.text), "code": None}
    name = type_word[:1].upper() + type_word[1:] if type_word else (parsed.get("type_name") or "")
    return {"text": f"{name} số {parsed['code']}".strip(), "code": parsed}
