"""A long article goes through the stages in pieces (`chunks`); its results are then put back
together as one article's (`join`).

Each piece numbers its refs from 1, so without the join "p1" of the second piece would be
another person than "p1" of the first, in the same article. The join gives a thing named by
the same fullest name in several pieces one ref, every other thing a ref of its own, one
entities line per ref, and states each fact once, as a short article's results do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Record
from .schema import Triple
from .triples import once

_SPACE = re.compile(r"\s")


def chunks(text: str, size: int) -> list[tuple[int, str]]:
    """Split at paragraph ends into pieces of at most about `size` characters."""
    if len(text) <= size:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                space = _SPACE.search(text, start + size // 2, end)
                cut = space.start() if space else end - 1
            end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces


@dataclass
class Piece:
    """What one piece yields, its offsets already into the whole text."""

    record: Record
    triples: list[Triple]
    entities: list[dict]


def join(pieces: list[Piece]) -> tuple[list[dict], list[dict], list[Triple], list[dict]]:
    """The spans, relations, triples and entities of the whole article, refs numbered across
    its pieces."""
    by_name: dict[tuple[str, str], str] = {}  # (label, fullest name) -> the article's ref
    counts: dict[str, int] = {}
    spans: list[dict] = []
    relations: list[dict] = []
    triples: list[Triple] = []
    entities: dict[str, dict] = {}
    for piece in pieces:
        renamed: dict[str, str] = {}  # the piece's ref -> the article's
        for line in piece.entities:
            key = (line["label"], line["name"])
            if key not in by_name and "@" in line["ref"]:  # no refs stage: its offset is unique already
                by_name[key] = line["ref"]
            elif key not in by_name:
                letter = line["ref"][0]
                counts[letter] = counts.get(letter, 0) + 1
                by_name[key] = f"{letter}{counts[letter]}"
            renamed[line["ref"]] = by_name[key]
            _merge(entities, {**line, "ref": by_name[key]})
        base = len(spans)
        spans += [{**s, "ref": renamed.get(s["ref"], s["ref"])} if "ref" in s else s for s in piece.record.spans]
        relations += [{**r, "head": r["head"] + base, "child": r["child"] + base} for r in piece.record.relations]
        triples += [{**t, "subject": _renamed(t["subject"], renamed), "object": _renamed(t["object"], renamed)}
                    for t in piece.triples]
    return spans, relations, once(triples), list(entities.values())


def _renamed(end: dict, renamed: dict[str, str]) -> dict:
    return {**end, "ref": renamed[end["ref"]]} if end.get("ref") in renamed else end


def _merge(entities: dict[str, dict], line: dict) -> None:
    """One line per ref: the names and mentions of each piece's line added to the first."""
    kept = entities.setdefault(line["ref"], {**line, "names": [], "mentions": []})
    kept["names"] += [n for n in line["names"] if n not in kept["names"]]
    kept["mentions"] += line["mentions"]
