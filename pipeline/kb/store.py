"""The SQLite file: schema, opening, forgetting an article, and the combined confidence.

One file holds everything (stdlib `sqlite3`, no ORM). Entities are rows of
`persons`, `orgs` and `documents`; `refs` says which entity each article-local ref
(doc_id, label, ref) became; `names` and `mentions` keep how and where each article
wrote it. Facts are `positions` (person, title, body, status, date, decided_by) and
`facts` (issued_by, issued_on, implements, decides_on); every fact has one `evidence`
row per article that states it, and its confidence is 1 - Π(1 - c_i) over them.
Ids shown to users are the row ids with a letter: P12 (person), O3 (body), D7 (document).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError

SCHEMA_VERSION = "1"
PREFIX = {"PER": "P", "ORG": "O", "DOC": "D"}
TABLE = {"PER": "persons", "ORG": "orgs", "DOC": "documents"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS kb_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, file TEXT, published TEXT,
    hash TEXT NOT NULL, source TEXT);
CREATE TABLE IF NOT EXISTS persons (id INTEGER PRIMARY KEY, name TEXT NOT NULL, fold TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orgs (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, norm TEXT NOT NULL,
    fold TEXT NOT NULL, base_norm TEXT NOT NULL, unit_name TEXT, unit_level TEXT, unit_code TEXT,
    province TEXT, province_code TEXT);
CREATE INDEX IF NOT EXISTS orgs_norm ON orgs(norm);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, fold TEXT NOT NULL,
    code TEXT, code_fold TEXT, type TEXT, type_name TEXT, number TEXT, issuer TEXT,
    issuer_name TEXT, year INTEGER);
CREATE INDEX IF NOT EXISTS documents_code ON documents(code_fold);
CREATE TABLE IF NOT EXISTS refs (
    doc_id TEXT NOT NULL, label TEXT NOT NULL, ref TEXT NOT NULL, entity_id INTEGER NOT NULL,
    PRIMARY KEY (doc_id, label, ref)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS refs_entity ON refs(label, entity_id);
CREATE TABLE IF NOT EXISTS names (
    label TEXT NOT NULL, entity_id INTEGER NOT NULL, doc_id TEXT NOT NULL, name TEXT NOT NULL,
    norm TEXT NOT NULL, fold TEXT NOT NULL, full INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_norm ON names(label, norm, full, entity_id);
CREATE INDEX IF NOT EXISTS names_fold ON names(label, fold, entity_id);
CREATE INDEX IF NOT EXISTS names_entity ON names(label, entity_id);
CREATE INDEX IF NOT EXISTS names_doc ON names(doc_id);
CREATE TABLE IF NOT EXISTS mentions (
    label TEXT NOT NULL, entity_id INTEGER NOT NULL, doc_id TEXT NOT NULL,
    start_char INTEGER, end_char INTEGER, text TEXT);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(label, entity_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS positions (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES persons(id), title TEXT NOT NULL,
    title_fold TEXT NOT NULL, org_id INTEGER REFERENCES orgs(id), status TEXT NOT NULL,
    date TEXT, decided_by INTEGER REFERENCES documents(id), confidence REAL NOT NULL,
    first_seen TEXT, last_seen TEXT);
CREATE INDEX IF NOT EXISTS positions_person ON positions(person_id);
CREATE INDEX IF NOT EXISTS positions_org ON positions(org_id, title_fold);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, predicate TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id), org_id INTEGER REFERENCES orgs(id),
    person_id INTEGER REFERENCES persons(id), date TEXT, confidence REAL NOT NULL);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);
CREATE INDEX IF NOT EXISTS facts_org ON facts(org_id);
CREATE INDEX IF NOT EXISTS facts_person ON facts(person_id);
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY, position_id INTEGER REFERENCES positions(id),
    fact_id INTEGER REFERENCES facts(id), doc_id TEXT NOT NULL, start_char INTEGER,
    end_char INTEGER, text TEXT, sentence TEXT, confidence REAL NOT NULL, published TEXT,
    decided_by INTEGER REFERENCES documents(id));
CREATE INDEX IF NOT EXISTS evidence_position ON evidence(position_id);
CREATE INDEX IF NOT EXISTS evidence_fact ON evidence(fact_id);
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc_id);
"""


def connect(path: Path, create: bool = False) -> sqlite3.Connection:
    """Open the KB; a missing file is a user error unless we are building one."""
    if not create and not path.is_file():
        raise InputError(f"{path}: no knowledge base there; build one with "
                         f"`python -m pipeline kb build OUT --kb {path}`")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        if create:
            conn.executescript(SCHEMA)
            conn.execute("INSERT OR IGNORE INTO kb_meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            conn.commit()
        row = conn.execute("SELECT value FROM kb_meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError:  # another SQLite file, or no SQLite file at all
        row = None
    if row is None or row[0] != SCHEMA_VERSION:
        conn.close()
        raise InputError(f"{path}: not a knowledge base of this version (schema {SCHEMA_VERSION}); "
                         "build it again into a new file")
    return conn


def entity_id(label: str, rowid: int) -> str:
    """'P12' for person row 12."""
    return f"{PREFIX[label]}{rowid}"


def combine(confidences: Iterable[float]) -> float:
    """1 - Π(1 - c_i): independent statements of one fact."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - c
    return round(1.0 - miss, 6)


def _refresh_position(conn: sqlite3.Connection, position_id: int) -> None:
    rows = conn.execute("SELECT confidence, published, decided_by FROM evidence "
                        "WHERE position_id = ? ORDER BY id", (position_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM positions WHERE id = ?", (position_id,))
        return
    seen = sorted(r["published"] for r in rows if r["published"])
    decided = next((r["decided_by"] for r in rows if r["decided_by"] is not None), None)
    conn.execute("UPDATE positions SET confidence = ?, first_seen = ?, last_seen = ?, "
                 "decided_by = ? WHERE id = ?",
                 (combine(r["confidence"] for r in rows), seen[0] if seen else None,
                  seen[-1] if seen else None, decided, position_id))


def _refresh_fact(conn: sqlite3.Connection, fact_id: int) -> None:
    rows = conn.execute("SELECT confidence FROM evidence WHERE fact_id = ?", (fact_id,)).fetchall()
    if rows:
        conn.execute("UPDATE facts SET confidence = ? WHERE id = ?",
                     (combine(r[0] for r in rows), fact_id))
    else:
        conn.execute("DELETE FROM facts WHERE id = ?", (fact_id,))


def refresh_person_name(conn: sqlite3.Connection, person_id: int) -> None:
    """A person's name is the fullest full name any article gives (most words, then most
    often written), or else the longest name."""
    row = conn.execute(
        "SELECT name, fold FROM names WHERE label = 'PER' AND entity_id = ? "
        "GROUP BY name ORDER BY max(full) DESC, length(name) - length(replace(name, ' ', '')) DESC, "
        "count(*) DESC, min(rowid) LIMIT 1", (person_id,)).fetchone()
    if row is not None:
        conn.execute("UPDATE persons SET name = ?, fold = ? WHERE id = ?",
                     (row["name"], row["fold"], person_id))


def forget_article(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove everything one article contributed, so it can be read again: its evidence,
    names, mentions and refs; facts left without evidence and entities left without any
    article go too, and what remains gets its confidence and name recomputed."""
    positions = [r[0] for r in conn.execute(
        "SELECT DISTINCT position_id FROM evidence WHERE doc_id = ? AND position_id IS NOT NULL",
        (doc_id,))]
    facts = [r[0] for r in conn.execute(
        "SELECT DISTINCT fact_id FROM evidence WHERE doc_id = ? AND fact_id IS NOT NULL", (doc_id,))]
    entities = conn.execute("SELECT DISTINCT label, entity_id FROM refs WHERE doc_id = ?",
                            (doc_id,)).fetchall()
    for table in ("evidence", "names", "mentions", "refs"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    for position_id in positions:
        _refresh_position(conn, position_id)
    for fact_id in facts:
        _refresh_fact(conn, fact_id)
    for label, rowid in entities:
        if conn.execute("SELECT 1 FROM refs WHERE label = ? AND entity_id = ? LIMIT 1",
                        (label, rowid)).fetchone() is None:
            conn.execute(f"DELETE FROM {TABLE[label]} WHERE id = ?", (rowid,))
        elif label == "PER":
            refresh_person_name(conn, rowid)
    conn.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per main table, for the build summary."""
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "persons", "orgs", "documents", "positions", "facts",
                          "evidence")}
