"""The article's own date, from a dateline at its top (guidelines K6): "Thứ sáu, 20/05/2022",
"Ngày 20/5/2022", "20/05/2022 08:15". It is the time at which a current position held."""
from __future__ import annotations

import re
from typing import ClassVar

from spacy.tokens import Doc

from .extensions import doc_text
from .schema import PUBLISHED
from .shapes import DATE_RE, iso_date

_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)"
_DATELINE = re.compile(rf"^\W*(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?(?P<date>{DATE_RE.pattern})"
                       r"(?:\s*[,-]?\s*\d{1,2}[:h]\d{2}(?:\s*(?:GMT|\(GMT)[^\n]*)?)?\s*$",
                       re.IGNORECASE | re.MULTILINE)
LINES = 3  # a dateline is among the first lines


def dateline(text: str) -> str | None:
    """ISO date of a dateline among the first lines, when it has a year."""
    head = "\n".join(text.lstrip().splitlines()[:LINES])
    for m in _DATELINE.finditer(head):
        iso = iso_date(m.group("date"))
        if iso and not iso.startswith("--"):
            return iso
    return None


class Dateline:
    """Set `doc._.published` from the dateline, when the article has one and its source gave
    no date (`extract --published`)."""

    name: ClassVar[str] = "dateline"
    requires: ClassVar[tuple[str, ...]] = ()
    sets: ClassVar[tuple[str, ...]] = (PUBLISHED,)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.published is None:
            doc._.published = dateline(doc_text(doc))
        return doc
