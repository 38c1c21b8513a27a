"""Training copies of the annotated articles with posts and bodies in lower case
(`train.lower_case_share`), and in them places named otherwise (`train.place_swap_share`).

Outlets write posts and bodies two ways: most capitalise them ("Phó Bí thư Thường trực",
"Ban Tổ chức Tỉnh ủy"), some write them in lower case ("phó bí thư thường trực", "ban Tổ
chức Tỉnh ủy", "văn phòng Thành ủy"). The training articles mostly capitalise, and on the
outlet folds a gold TITLE or ORG that starts in lower case was found far less often than
one that does not (recall 0.84 and 0.78, against 0.97 and 0.97). A copy of each article in
which a share of its titles, and of its bodies' first syllables, are in lower case shows the
network the same posts and bodies written the other way. Lower-casing keeps every offset,
so the gold spans carry over; each copy goes through the segmenter and the feature stages
again, and only the entity model trains on the copies.

The held-out outlets write of other provinces too, and on the outlet folds a gold place whose
name no other outlet's articles mark was found less often than one they do (recall 0.91
against 0.98). In the copies, a share of the places can take another place's name of the same
level from the training articles ("huyện Hoài Nhơn" for "huyện Cao Lộc"), so the network
reads a place from its words around and its gazetteer hit more than from its name.
"""
from __future__ import annotations

import random
import re

from spacy.tokens import Doc

from .records import Record

_SYLLABLE = re.compile(r"\S+")


def lowered(text: str) -> str:
    """`text` with each capitalised syllable in lower case; acronyms ("UBND", "TƯ", "TP.")
    stay as they are."""
    return _SYLLABLE.sub(lambda m: m[0].lower() if m[0][1:] == m[0][1:].lower() else m[0], text)


def lower_cased(docs: list[Doc], records: list[Record], share: float, seed: int) -> list[Record]:
    """A copy of each record (`docs` are their gold Docs, in the same order) in which each
    TITLE, and each ORG's first syllable, is in lower case with probability `share` ("ban
    Thường vụ Tỉnh ủy", "văn phòng Thành ủy", as outlets write them). Records with
    nothing lowered make no copy; a share of 0 makes none at all."""
    if not share:
        return []
    rng = random.Random(seed)
    copies = []
    for doc, record in zip(docs, records):
        chars = list(record.text)
        for ent in doc.ents:
            if ent.label_ not in {"TITLE", "ORG"} or rng.random() >= share:
                continue
            start, end = ent.start_char, ent.end_char
            if ent.label_ == "ORG":
                end = _SYLLABLE.match(record.text, start).end()
            new = lowered(record.text[start:end])
            if len(new) == end - start:  # lower-casing a letter could change its length
                chars[start:end] = new
        text = "".join(chars)
        if text != record.text:
            copies.append(Record(f"{record.id}~lower", text, record.spans, record.relations,
                                 {**record.meta, "augmented": "lower case"}, record.where))
    return copies


# Level words a place's name may start with; a place is swapped only for one of the same level.
_LEVELS = ("tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


def _kind(name: str) -> str | None:
    """The level word a place's name starts with, "" for a proper name alone ("Bến Tre",
    "TP.HCM"), None for any other place ("miền Trung", "Khu kinh tế Đông Nam"): not swapped."""
    lower = name.lower()
    level = next((level for level in _LEVELS if lower.startswith(level + " ")), "")
    words = name[len(level):].split()
    return level if words and len(words) <= 3 and all(w[:1].isupper() for w in words) else None


def places_swapped(records: list[Record], share: float, seed: int) -> list[Record]:
    """`records` with each LOC named by its level and a proper name (or the name alone), with
    probability `share`, named as another such LOC of the same level among them; the other
    spans move with the text. A share of 0 changes nothing."""
    if not share:
        return records
    names: dict[str, set[str]] = {}
    for record in records:
        for span in record.spans:
            name = record.text[span["start"]:span["end"]]
            if span["label"] == "LOC" and (kind := _kind(name)) is not None:
                names.setdefault(kind, set()).add(name)
    pools = {level: sorted(found) for level, found in names.items()}
    rng = random.Random(seed)
    return [_swapped(record, pools, share, rng) for record in records]


def _swapped(record: Record, pools: dict[str, list[str]], share: float, rng: random.Random) -> Record:
    """One record with some of its places renamed from `pools`."""
    text, new_text, moved, at, shift = record.text, [], {}, 0, 0
    for i, span in sorted(enumerate(record.spans), key=lambda item: item[1]["start"]):
        start, end = span["start"], span["end"]
        name = text[start:end]
        kind = _kind(name) if span["label"] == "LOC" else None
        others = [p for p in pools[kind] if p != name] if kind is not None else []
        new = rng.choice(others) if others and rng.random() < share else name
        new_text.append(text[at:start] + new)
        moved[i] = (start + shift, start + shift + len(new))
        shift += len(new) - len(name)
        at = end
    new_text.append(text[at:])
    spans = [{**span, "start": moved[i][0], "end": moved[i][1]} for i, span in enumerate(record.spans)]
    return Record(record.id, "".join(new_text), spans, record.relations, record.meta, record.where)
