"""Queries on the KB, as plain dicts ready for JSON: a person, a body, a document, a position.

Names match case- and tone-insensitively (`keys.fold`) against every name an article
gave the entity (its aliases); when nothing matches exactly, a name containing the
query matches. The KB holds names in the pipeline's canonical form, so a query is put
in that form first: a body's name as `canonical.org_name` spells it out ("UBND tỉnh
Quảng Trị" is "Ủy ban nhân dân tỉnh Quảng Trị"), a title as `canonical.title_name`
does, a document code as `shapes.parse_code` writes it. Ids are shown as P12 / O3 / D7
(`store.entity_id`); a document's date of issue is the one the view `document_dates` gives, and
`kb doc` lists every date the KB holds for it besides, with the articles that give each.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..canonical import Places, org_name, title_name
from ..shapes import DOC_CODE_RE, parse_code
from . import keys
from .store import NEXT_HOLDER, SUCCESSOR_COLUMNS, TABLE, aliases, entity_id, marks


@lru_cache(maxsize=1)
def _no_places() -> Places:
    """The places of an article that names none: a query is read alone, so a bare "Huyện ủy"
    stays bare rather than taking some article's place."""
    return Places(Doc(Vocab()), [])


def org_query(name: str) -> str:
    """A body's name as the pipeline writes it: 'UBND tỉnh Quảng Trị' -> 'Ủy ban nhân dân tỉnh Quảng Trị'."""
    return org_name(name, _no_places())


def _matching(conn: sqlite3.Connection, label: str, query: str) -> list[int]:
    """Row ids of entities one of whose names is the query, else contains it."""
    folded = keys.fold(query)
    table = TABLE[label]
    ids = [r[0] for r in conn.execute(
        f"SELECT entity_id FROM names WHERE label = ? AND fold = ? "
        f"UNION SELECT id FROM {table} WHERE fold = ? ORDER BY 1", (label, folded, folded))]
    if ids or not folded:
        return ids
    like = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [r[0] for r in conn.execute(
        f"SELECT entity_id FROM names WHERE label = ? AND fold LIKE ? ESCAPE '\\' "
        f"UNION SELECT id FROM {table} WHERE fold LIKE ? ESCAPE '\\' ORDER BY 1", (label, like, like))]


def _mentions(conn: sqlite3.Connection, label: str, rowid: int) -> list[dict]:
    return [{"doc_id": r[0], "start": r[1], "end": r[2], "text": r[3]} for r in conn.execute(
        "SELECT doc_id, start_char, end_char, text FROM mentions WHERE label = ? AND entity_id = ? "
        "ORDER BY doc_id, start_char", (label, rowid))]


def _documents(conn: sqlite3.Connection, label: str, rowid: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT doc_id FROM refs WHERE label = ? AND entity_id = ? ORDER BY doc_id",
        (label, rowid))]


def _evidence(conn: sqlite3.Connection, column: str, rowid: int) -> list[dict]:
    return [{"doc_id": r[0], "start": r[1], "end": r[2], "text": r[3]} for r in conn.execute(
        f"SELECT doc_id, start_char, end_char, text FROM evidence WHERE {column} = ? "
        "ORDER BY published, doc_id, start_char", (rowid,))]


_POSITIONS = (
    f"SELECT pos.*, o.name AS org, p.name AS person, d.name AS decision, sp.name AS successor, "
    f"{SUCCESSOR_COLUMNS} FROM positions pos "
    "JOIN persons p ON p.id = pos.person_id LEFT JOIN orgs o ON o.id = pos.org_id "
    "LEFT JOIN documents d ON d.id = pos.decided_by " + NEXT_HOLDER.format("pos")
    + "LEFT JOIN persons sp ON sp.id = nxt.person_id ")
_DATE_ORDER = " ORDER BY coalesce(pos.date, pos.first_seen), pos.id"


def _position(conn: sqlite3.Connection, row: sqlite3.Row) -> dict:
    """A position with who next held it, if it is a head post someone later held
    (`store.SUCCESSIONS`)."""
    return {"person": row["person"], "person_id": entity_id("PER", row["person_id"]),
            "title": row["title"], "org": row["org"],
            "org_id": entity_id("ORG", row["org_id"]) if row["org_id"] is not None else None,
            "status": row["status"], "date": row["date"], "first_seen": row["first_seen"],
            "last_seen": row["last_seen"], "succeeded_by": row["successor"],
            "succeeded_on": row["succeeded_on"], "decided_by": row["decision"],
            "confidence": round(row["confidence"], 4),
            "evidence": _evidence(conn, "position_id", row["id"])}


def person(conn: sqlite3.Connection, name: str) -> list[dict]:
    """Every person with that name or alias, with positions in date order."""
    out = []
    for rowid in _matching(conn, "PER", name):
        row = conn.execute("SELECT name FROM persons WHERE id = ?", (rowid,)).fetchone()
        positions = [_position(conn, r) for r in conn.execute(
            _POSITIONS + "WHERE pos.person_id = ?" + _DATE_ORDER, (rowid,))]
        for p in positions:
            del p["person"], p["person_id"]
        out.append({"id": entity_id("PER", rowid), "name": row["name"],
                    "aliases": aliases(conn, "PER", rowid, row["name"]),
                    "mentions": _mentions(conn, "PER", rowid),
                    "documents": _documents(conn, "PER", rowid), "positions": positions})
    return out


def _doc_refs(conn: sqlite3.Connection, predicate: str, org_id: int) -> list[dict]:
    return [{"id": entity_id("DOC", r["id"]), "name": r["name"], "code": r["code"],
             "issued_on": r["issued_on"], "confidence": round(r["confidence"], 4)}
            for r in conn.execute(
                "SELECT d.id, d.name, d.code, f.confidence, dd.issued_on "
                "FROM facts f JOIN documents d ON d.id = f.document_id "
                "JOIN document_dates dd ON dd.document_id = d.id "
                "WHERE f.predicate = ? AND f.org_id = ? ORDER BY dd.issued_on, d.name",
                (predicate, org_id))]


def org(conn: sqlite3.Connection, name: str) -> list[dict]:
    """Every body with that name or alias: its unit, who held which title in it and when,
    the documents it issued and those it carried out."""
    out = []
    for rowid in _matching(conn, "ORG", org_query(name)):
        row = conn.execute("SELECT * FROM orgs WHERE id = ?", (rowid,)).fetchone()
        unit = {"name": row["unit_name"], "level": row["unit_level"], "code": row["unit_code"],
                "province": row["province"], "province_code": row["province_code"]} \
            if row["unit_name"] or row["unit_code"] else None
        holders = [_position(conn, r) for r in conn.execute(
            _POSITIONS + "WHERE pos.org_id = ?" + _DATE_ORDER, (rowid,))]
        for h in holders:
            del h["org"], h["org_id"]
        out.append({"id": entity_id("ORG", rowid), "name": row["name"],
                    "aliases": aliases(conn, "ORG", rowid, row["name"]), "unit": unit,
                    "holders": holders, "issued": _doc_refs(conn, "issued_by", rowid),
                    "implemented": _doc_refs(conn, "implements", rowid),
                    "mentions": _mentions(conn, "ORG", rowid),
                    "documents": _documents(conn, "ORG", rowid)})
    return out


def _document_ids(conn: sqlite3.Connection, query: str) -> list[int]:
    """Documents by the code the query writes ("Nghị quyết 22 - NQ/T.Ư" is 22-NQ/TW): a
    national code names one, another code those of every body that gave it; a query without
    a code, or whose code no document has, matches names."""
    found = DOC_CODE_RE.search(query)
    if not found:
        return _matching(conn, "DOC", query)
    parsed = parse_code(found.group(0))
    if keys.national_code(parsed):
        row = conn.execute("SELECT id FROM documents WHERE key = ?",
                           (keys.citation_key(parsed["code"], parsed),)).fetchone()
        if row is not None:
            return [row[0]]
    ids = [r[0] for r in conn.execute("SELECT id FROM documents WHERE code_fold = ? ORDER BY id",
                                      (keys.fold(parsed["code"]),))]
    return ids or _matching(conn, "DOC", query)


def _names(conn: sqlite3.Connection, document_id: int, predicate: str, table: str, column: str) -> list[str]:
    """Names of the bodies or people a document's facts of one kind point to, surest first."""
    return [r[0] for r in conn.execute(
        f"SELECT t.name FROM facts f JOIN {table} t ON t.id = f.{column} "
        "WHERE f.document_id = ? AND f.predicate = ? ORDER BY f.confidence DESC, t.name",
        (document_id, predicate))]


def _issue_dates(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """Every date of issue the KB holds for a document, with the articles that give it, surest
    first (as `document_dates` picks): two documents of one code, or a misread date, show."""
    rows = conn.execute(
        "SELECT f.date, f.confidence, group_concat(DISTINCT e.doc_id) AS articles FROM facts f "
        "JOIN evidence e ON e.fact_id = f.id WHERE f.document_id = ? AND f.predicate = 'issued_on' "
        "GROUP BY f.id ORDER BY f.confidence DESC, f.date", (document_id,))
    return [{"date": r["date"], "confidence": round(r["confidence"], 4),
             "articles": sorted(r["articles"].split(","))} for r in rows]


def document(conn: sqlite3.Connection, code: str) -> list[dict]:
    """Documents with that code (or name): issuer, date (every one the KB holds in
    `issue_dates`), who carries it out, whom it decides on."""
    out = []
    for rowid in _document_ids(conn, code):
        row = conn.execute("SELECT d.*, dd.issued_on FROM documents d JOIN document_dates dd "
                           "ON dd.document_id = d.id WHERE d.id = ?", (rowid,)).fetchone()
        issuers = _names(conn, rowid, "issued_by", "orgs", "org_id")
        out.append({"id": entity_id("DOC", rowid), "code": row["code"], "name": row["name"],
                    "type": row["type_name"] or row["type"], "number": row["number"],
                    "issuer": issuers[0] if issuers else row["issuer_name"],
                    "issued_on": row["issued_on"], "issue_dates": _issue_dates(conn, rowid),
                    "implemented_by": _names(conn, rowid, "implements", "orgs", "org_id"),
                    "decides_on": _names(conn, rowid, "decides_on", "persons", "person_id"),
                    "mentions": _mentions(conn, "DOC", rowid)})
    return out


def position(conn: sqlite3.Connection, title: str, body: str) -> list[dict]:
    """Who held TITLE in a body named ORG, in date order (date stated, else first seen)."""
    orgs = _matching(conn, "ORG", org_query(body))
    if not orgs:
        return []
    return [_position(conn, r) for r in conn.execute(
        _POSITIONS + f"WHERE pos.title_fold = ? AND pos.org_id IN ({marks(orgs)})"
        + _DATE_ORDER, (keys.fold(title_name(title)), *orgs))]
