"""Within one article, which mentions name the same person, body or document (schema v2 refs).

Bodies and documents are one thing when their canonical names agree: the canonical stage
has already spelt out abbreviations ("UBND" -> "Ủy ban nhân dân"), completed a bare
"Huyện ủy" with the article's district and given "Nghị quyết 22" the full code cited
elsewhere (guidelines K2, K3); a bare body left ("HĐND") joins the one named body it
begins. People are one when their names agree; a short name ("ông
Duy", "Đức Duy") joins the one full name it ends (K1), and keeps a ref of its own when it
could be either of two people.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # the KB imports is_full_name and must not load spaCy for it
    from spacy.tokens import Doc, Span

from .read import clean
from .schema import CANONICAL, ENTS, REF_LABELS, REFS


def _name_key(span: Span) -> str:
    return clean((span._.canonical or {}).get("text") or span.text).lower()


def _short_name_target(short: str, full_names: set[str]) -> str | None:
    """The one full name that ends with `short` ("duy", "đức duy" -> "đỗ đức duy"), if one."""
    endings = {name for name in full_names if name.endswith(" " + short)}
    return endings.pop() if len(endings) == 1 else None


def assign_refs(ents: list[Span]) -> dict[int, str]:
    """Entity index -> ref ("p1", "o2", "d1"), numbered by first mention per label."""
    full = {_name_key(e) for e in ents if e.label_ == "PER" and is_full_name(e.text)}
    bodies = {_name_key(e) for e in ents if e.label_ == "ORG"}
    refs: dict[int, str] = {}
    by_key: dict[tuple[str, str], str] = {}
    counters = {label: 0 for label in REF_LABELS}
    for n, ent in enumerate(ents):
        if ent.label_ not in REF_LABELS:
            continue
        name = _name_key(ent)
        if ent.label_ == "PER" and name not in full:
            target = _short_name_target(name, full)
            key = ("PER", target) if target else ("PER?", name)  # "?": could be anyone
        elif ent.label_ == "ORG":
            key = ("ORG", _named_body(name, bodies))
        else:
            key = (ent.label_, name)
        if key not in by_key:
            counters[ent.label_] += 1
            by_key[key] = f"{ent.label_[0].lower()}{counters[ent.label_]}"
        refs[n] = by_key[key]
    return refs


def _named_body(name: str, bodies: set[str]) -> str:
    """A bare body ("hội đồng nhân dân") stands for the one named body of the article that
    starts with it ("hội đồng nhân dân tỉnh quảng trị"); with none or several, for itself."""
    longer = {b for b in bodies if b.startswith(name + " ")}
    return longer.pop() if len(longer) == 1 else name


def is_full_name(text: str) -> bool:
    """A name that identifies beyond its sentence, here and in the KB: three syllables or
    more, or two that open with a family name ("Tô Lâm", "Lê Duẩn"). "Duy", "Đức Duy" and
    "Văn Hùng" ("Văn" and "Thị" open a middle name far more often than a family name) are short."""
    from .lexicon import FAMILY_NAMES

    words = clean(text).split()
    if len(words) != 2:
        return len(words) >= 3
    first = words[0].title()
    return first in FAMILY_NAMES and first not in {"Văn", "Thị"}


class Refs:
    """Set `span._.ref` on every PER, ORG and DOC entity."""

    name: ClassVar[str] = "refs"
    requires: ClassVar[tuple[str, ...]] = (ENTS, CANONICAL)
    sets: ClassVar[tuple[str, ...]] = (REFS,)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        for n, ref in assign_refs(ents).items():
            ents[n]._.ref = ref
        return doc
