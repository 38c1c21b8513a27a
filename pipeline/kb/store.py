"""The SQLite file: schema, opening, forgetting an article or everything, and the combined confidence.

One file holds everything (stdlib `sqlite3`, no ORM). Entities are rows of
`persons`, `orgs` and `documents`; `refs` says which entity each article-local ref
(doc_id, label, ref) became; `names` and `mentions` keep how and where each article
wrote it. Facts are `positions` (person, title, body, status, date, decided_by) and
`facts` (issued_by, issued_on, implements, decides_on); every fact has one `evidence`
row per statement of it (extract writes a fact once per article), and its confidence is
1 - Π(1 - c_i) over them
(`FOLD_POSITION`, `FOLD_FACT`: the build and a recomputation fold the evidence alike).
A document's date of issue is the view `document_dates`; who next held a head post, the
view `successions`. Ids shown to users are the row
ids with a letter: P12 (person), O3 (body), D7 (document); exports add T-<title>-<hash>
and A-<doc_id> (`title_id`, `article_id`).
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Collection
from pathlib import Path

from ..errors import InputError
from . import keys

# 2: local bodies named without a place keyed by province (round 36); 3: a body's kind without
# its place as the name writes it ("Tỉnh ủy Thừa Thiên - Huế" and "Tỉnh ủy Thừa Thiên Huế" one, round 37)
SCHEMA_VERSION = "3"
PREFIX = {"PER": "P", "ORG": "O", "DOC": "D"}
TABLE = {"PER": "persons", "ORG": "orgs", "DOC": "documents"}

# The one date of issue the KB gives a document: its surest issued_on fact, the earliest on
# a tie. A view, so `connect` adds it to a KB built before it existed.
DOCUMENT_DATES = """CREATE VIEW IF NOT EXISTS document_dates AS
    SELECT d.id AS document_id, (SELECT f.date FROM facts f WHERE f.document_id = d.id
        AND f.predicate = 'issued_on' ORDER BY f.confidence DESC, f.date LIMIT 1) AS issued_on
    FROM documents d;
"""


def _listed(values: Collection[str]) -> str:
    """The "'a', 'b'" of an SQL `IN (…)` over constant strings (no quotes in them)."""
    return ", ".join(f"'{v}'" for v in values)


# Who next held a head post (`keys.HEAD_TITLES`: one holder at a time, but in the bodies of
# `keys.SHARED_HEAD_BODIES`). For each position
# held (`keys.ACTIVE`) in a body under such a title, the position of the first other person
# seen holding the same title there after this holder was last seen in it (its stated date,
# else its first article), if any: that date is the latest the post can have been this
# holder's. The KB infers no end date from it; the view says who came next. A view, as
# `document_dates` is, so queries, Datasette and the exports read one rule; a scalar
# subquery rather than a join, so that SQLite reads it for the positions asked about only.
SUCCESSIONS = f"""CREATE VIEW IF NOT EXISTS successions AS
    SELECT pos.id AS position_id, (
        SELECT n.id FROM positions n WHERE n.org_id = pos.org_id AND n.title_fold = pos.title_fold
        AND n.person_id <> pos.person_id AND n.status IN ({_listed(keys.ACTIVE)})
        AND coalesce(n.date, n.first_seen) >
            max(coalesce(pos.last_seen, pos.date), coalesce(pos.date, pos.last_seen))
        ORDER BY coalesce(n.date, n.first_seen), n.id LIMIT 1) AS next_position_id
    FROM positions pos WHERE pos.org_id IS NOT NULL AND pos.status IN ({_listed(keys.ACTIVE)})
        AND pos.title_fold IN ({_listed(sorted({keys.fold(t) for t in keys.HEAD_TITLES}))})
        AND NOT EXISTS (SELECT 1 FROM orgs o WHERE o.id = pos.org_id
            AND ({" OR ".join(f"o.fold LIKE '{b}%'" for b in keys.SHARED_HEAD_BODIES)}));
"""
# The columns a position's successor adds to a query that joins `successions s` (as
# `NEXT_HOLDER` does): the successor's person id and the date they were seen in the post.
SUCCESSOR_COLUMNS = "nxt.person_id AS successor_id, coalesce(nxt.date, nxt.first_seen) AS succeeded_on"
NEXT_HOLDER = ("LEFT JOIN successions s ON s.position_id = {0}.id "
               "LEFT JOIN positions nxt ON nxt.id = s.next_position_id ")

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
""" + DOCUMENT_DATES + SUCCESSIONS


# How one more statement (:confidence, :published, :decided_by) folds into a position or
# a fact: confidence 1 - (1-a)(1-b) (`combine`), the seen dates widened, the first
# decision named kept. The build folds each new statement in; `refold` folds all the
# evidence again, in evidence order, so both give the same row.
FOLD_POSITION = """confidence = kb_combine(confidence, :confidence),
    first_seen = coalesce(min(first_seen, :published), first_seen, :published),
    last_seen = coalesce(max(last_seen, :published), last_seen, :published),
    decided_by = coalesce(decided_by, :decided_by)"""
FOLD_FACT = "confidence = kb_combine(confidence, :confidence)"


def connect(path: Path, create: bool = False) -> sqlite3.Connection:
    """Open the KB; a missing file is a user error unless we are building one."""
    if not create and not path.is_file():
        raise InputError(f"{path}: no knowledge base there; build one with "
                         f"`python -m pipeline kb build OUT --kb {path}`")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA schema_version")  # SQLite opens the file only at the first statement
    except (OSError, sqlite3.OperationalError) as err:  # a place no file can be made or read
        raise InputError(f"{path}: cannot open a knowledge base there ({err}); give another --kb") from None
    conn.row_factory = sqlite3.Row
    conn.create_function("kb_combine", 2, combine, deterministic=True)
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
    conn.executescript(DOCUMENT_DATES + SUCCESSIONS)
    return conn


def entity_id(label: str, rowid: int) -> str:
    """'P12' for person row 12."""
    return f"{PREFIX[label]}{rowid}"


def title_id(title: str) -> str:
    """'T-bi-thu-a7072418': one node per title, whatever its case. The folded slug is there to
    be read; the hash of the title's `keys.norm` keeps apart titles that fold alike ("Thứ
    trưởng" and "Thủ trưởng", "Tổ trưởng" and the misspelt "Tổ trường"). It is always added,
    so a title's id never changes when another title that folds alike comes along."""
    digest = hashlib.sha1(keys.norm(title).encode("utf-8")).hexdigest()[:8]
    return f"T-{keys.fold(title).replace(' ', '-')}-{digest}"


def title_names(conn: sqlite3.Connection) -> dict[str, str]:
    """The name of each title node by its id: the spelling most positions use, then the first
    in sort order ("Phó Hiệu trưởng" and "Phó hiệu trưởng" are one node)."""
    spellings: dict[str, list[tuple[int, str]]] = {}
    for title, n in conn.execute("SELECT title, count(*) FROM positions GROUP BY title"):
        spellings.setdefault(title_id(title), []).append((-n, title))
    return {node: min(found)[1] for node, found in sorted(spellings.items())}


def article_id(doc_id: str) -> str:
    """'A-qt/2019-09-18-tong-ket': the node of an article."""
    return "A-" + doc_id


def aliases(conn: sqlite3.Connection, label: str, rowid: int, name: str) -> list[str]:
    """An entity's other names, most often written first."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM names WHERE label = ? AND entity_id = ? AND name != ? "
        "GROUP BY name ORDER BY count(*) DESC, name", (label, rowid, name))]


def combine(confidence: float, more: float) -> float:
    """One more independent statement of a fact: 1 - (1-a)(1-b). Rounded at each step, so
    that folding a statement into a stored confidence is exact: the stored value is all
    the state there is (and stays 1 - Π(1 - c_i) to within 1e-6 a statement)."""
    return round(1.0 - (1.0 - confidence) * (1.0 - more), 6)


def marks(ids: Collection) -> str:
    """The "?,?,?" of an SQL `IN (…)` over `ids`."""
    return ",".join("?" * len(ids))


# Per table: its evidence column, the values before any statement, and the fold with the
# evidence fields it reads.
_SUMMARIES = {
    "positions": ("position_id", "confidence = 0, first_seen = NULL, last_seen = NULL, decided_by = NULL",
                  FOLD_POSITION, "confidence, published, decided_by"),
    "facts": ("fact_id", "confidence = 0", FOLD_FACT, "confidence"),
}


def refold(conn: sqlite3.Connection, table: str, ids: Collection[int]) -> None:
    """Recompute some rows of `positions` or `facts` from their evidence (after an article
    is forgotten), folding it in evidence order as the build did; rows left without
    evidence go."""
    if not ids:
        return
    column, reset, fold, fields = _SUMMARIES[table]
    ids = list(ids)
    among = marks(ids)
    conn.execute(f"DELETE FROM {table} WHERE id IN ({among}) AND NOT EXISTS "
                 f"(SELECT 1 FROM evidence e WHERE e.{column} = {table}.id)", ids)
    conn.execute(f"UPDATE {table} SET {reset} WHERE id IN ({among})", ids)
    rows = conn.execute(f"SELECT {column} AS target, {fields} FROM evidence e "
                        f"WHERE {column} IN ({among}) ORDER BY e.id", ids).fetchall()
    conn.executemany(f"UPDATE {table} SET {fold} WHERE id = :target", map(dict, rows))


def _name_rank(name: str) -> tuple[bool, int]:
    """How a name ranks as a person's name before counts: a full name first, then more words
    (the ORDER BY of `refresh_person_name` says the same in SQL: change both together)."""
    return keys.is_full_name(name), name.count(" ")


def refresh_person_name(conn: sqlite3.Connection, person_id: int, written: Collection[str] = ()) -> None:
    """A person's name is the fullest full name any article gives (most words, then most
    often written, then the first written), or else the longest name. `written`: the names
    an article has just added; when none of them can outrank the current name (a name
    gains only by being written), the current name stands and nothing more is read."""
    if written:
        current = conn.execute("SELECT name FROM persons WHERE id = ?", (person_id,)).fetchone()[0]
        if all(n == current or _name_rank(n) < _name_rank(current) for n in written):
            return
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
    refold(conn, "positions", positions)
    refold(conn, "facts", facts)
    for label, rowid in entities:
        if conn.execute("SELECT 1 FROM refs WHERE label = ? AND entity_id = ? LIMIT 1",
                        (label, rowid)).fetchone() is None:
            conn.execute(f"DELETE FROM {TABLE[label]} WHERE id = ?", (rowid,))
        elif label == "PER":
            refresh_person_name(conn, rowid)
    conn.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))


def clear(conn: sqlite3.Connection) -> None:
    """Empty the KB but for its schema, to be made again from scratch (row ids start again at 1)."""
    for table in ("evidence", "facts", "positions", "mentions", "names", "refs", "documents", "orgs",
                  "persons", "articles"):
        conn.execute(f"DELETE FROM {table}")


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per main table, for the build summary."""
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "persons", "orgs", "documents", "positions", "facts",
                          "evidence")}
