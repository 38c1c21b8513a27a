"""Training copies of the annotated articles with posts and bodies in lower case
(`train.lower_case_share`).

Outlets write posts and bodies two ways: most capitalise them ("Phó Bí thư Thường trực",
"Ban Tổ chức Tỉnh ủy"), some write them in lower case ("phó bí thư thường trực", "ban Tổ
chức Tỉnh ủy", "văn phòng Thành ủy"). The training articles mostly capitalise, and on the
outlet folds a gold TITLE or ORG that starts in lower case was found far less often than
one that does not (recall 0.84 and 0.78, against 0.97 and 0.97). A copy of each article in
which a share of its titles, and of its bodies' first syllables, are in lower case shows the
network the same posts and bodies written the other way. Lower-casing keeps every offset,
so the gold spans carry over; each copy goes through the segmenter and the feature stages
again, and only the entity model trains on the copies.
"""
from __future__ import annotations

import random
import re

from .records import Record

_SYLLABLE = re.compile(r"\S+")


def lowered(text: str) -> str:
    """`text` with each capitalised syllable in lower case; acronyms ("UBND", "TƯ", "TP.")
    stay as they are."""
    return _SYLLABLE.sub(lambda m: m[0].lower() if m[0][1:] == m[0][1:].lower() else m[0], text)


def lower_cased(records: list[Record], share: float, seed: int) -> list[Record]:
    """A copy of each record in which each gold TITLE, and each gold ORG's first syllable, is in
    lower case with probability `share` ("ban Thường vụ Tỉnh ủy", "văn phòng Thành ủy", as
    outlets write them). Records with nothing lowered make no copy; a share of 0 makes none
    at all."""
    if not share:
        return []
    rng = random.Random(seed)
    copies = []
    for record in records:
        chars = list(record.text)
        for span in record.spans:
            if span["label"] not in {"TITLE", "ORG"} or rng.random() >= share:
                continue
            start, end = span["start"], span["end"]
            if span["label"] == "ORG":
                end = _SYLLABLE.match(record.text, start).end()
            new = lowered(record.text[start:end])
            if len(new) == end - start:  # lower-casing a letter could change its length
                chars[start:end] = new
        text = "".join(chars)
        if text != record.text:
            copies.append(Record(f"{record.id}~lower", text, record.spans, record.relations,
                                 {**record.meta, "augmented": "lower case"}, record.where))
    return copies
