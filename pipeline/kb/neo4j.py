"""CSV files in the layout `neo4j-admin database import` reads.

Node files carry `id:ID` (one id space: P12, O3, D7, T-bi-thu-a7072418 as
`store.title_id` makes it, A-<doc_id>), `:LABEL` and properties; relationship files
carry `:START_ID`, `:END_ID`, `:TYPE` and properties. Lists (aliases) use
neo4j-admin's default array delimiter ";".

Nodes: Person, Body, Document, Title, Article. Relationships: HOLDS_POSITION
(Person -> Body; title, status, date, succeeded_by and succeeded_on for a head post someone
later held (`store.SUCCESSIONS`), decided_by, confidence), HAS_TITLE (Person ->
Title; a title with no body stated), ISSUED_BY (Document -> Body), IMPLEMENTS (Body ->
Document), DECIDES_ON (Document -> Person), MENTIONED_IN (entity -> Article). A
document's issued_on date (the view `document_dates`) is a property of its node. Rows
are streamed from SQLite.
"""
from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..records import atomic_open
from .store import NEXT_HOLDER, SUCCESSOR_COLUMNS, aliases, article_id, entity_id, title_id, title_names

ARRAY = ";"


def _write(path: Path, header: list[str], rows: Iterable[list]) -> Path:
    with atomic_open(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _aliases(conn: sqlite3.Connection, label: str, rowid: int, name: str) -> str:
    """An entity's other names as one array cell."""
    return ARRAY.join(alias.replace(ARRAY, ",") for alias in aliases(conn, label, rowid, name))


def export_csv(conn: sqlite3.Connection, folder: Path) -> dict[str, list[Path]]:
    """Write the node and relationship files; returns them by kind ("nodes", "relationships")."""
    nodes = [
        _write(folder / "persons.csv", ["id:ID", ":LABEL", "name", "aliases:string[]"],
               ([entity_id("PER", r[0]), "Person", r[1], _aliases(conn, "PER", r[0], r[1])]
                for r in conn.execute("SELECT id, name FROM persons ORDER BY id"))),
        _write(folder / "bodies.csv", ["id:ID", ":LABEL", "name", "aliases:string[]", "unit", "unit_level",
                                       "unit_code", "province", "province_code"],
               ([entity_id("ORG", r["id"]), "Body", r["name"], _aliases(conn, "ORG", r["id"], r["name"]),
                 r["unit_name"], r["unit_level"], r["unit_code"], r["province"], r["province_code"]]
                for r in conn.execute("SELECT * FROM orgs ORDER BY id"))),
        _write(folder / "documents.csv", ["id:ID", ":LABEL", "name", "code", "type", "number", "issuer",
                                          "year:int", "issued_on"],
               ([entity_id("DOC", r["id"]), "Document", r["name"], r["code"], r["type_name"] or r["type"],
                 r["number"], r["issuer_name"] or r["issuer"], r["year"], r["issued_on"]]
                for r in conn.execute(
                    "SELECT d.*, dd.issued_on FROM documents d "
                    "JOIN document_dates dd ON dd.document_id = d.id ORDER BY d.id"))),
        _write(folder / "titles.csv", ["id:ID", ":LABEL", "name"],
               ([node, "Title", name] for node, name in title_names(conn).items())),
        _write(folder / "articles.csv", ["id:ID", ":LABEL", "doc_id", "file", "published"],
               ([article_id(r[0]), "Article", r[0], r[1], r[2]] for r in conn.execute(
                   "SELECT doc_id, file, published FROM articles ORDER BY id"))),
    ]
    position_header = [":START_ID", ":END_ID", ":TYPE", "title", "status", "date", "first_seen",
                       "last_seen", "succeeded_by", "succeeded_on", "decided_by", "confidence:float"]
    positions = (f"SELECT p.*, d.name AS decision, {SUCCESSOR_COLUMNS} FROM positions p LEFT JOIN documents d "
                 f"ON d.id = p.decided_by {NEXT_HOLDER.format('p')}WHERE p.org_id IS {{}} NULL ORDER BY p.id")
    relationships = [
        _write(folder / "holds_position.csv", position_header,
               ([entity_id("PER", r["person_id"]), entity_id("ORG", r["org_id"]), "HOLDS_POSITION",
                 r["title"], *_position_fields(r)] for r in conn.execute(positions.format("NOT")))),
        _write(folder / "has_title.csv", position_header,
               ([entity_id("PER", r["person_id"]), title_id(r["title"]), "HAS_TITLE", r["title"],
                 *_position_fields(r)] for r in conn.execute(positions.format("")))),
        _write(folder / "document_facts.csv", [":START_ID", ":END_ID", ":TYPE", "confidence:float"],
               (_fact_row(r) for r in conn.execute(
                   "SELECT * FROM facts WHERE predicate != 'issued_on' ORDER BY id"))),
        _write(folder / "mentioned_in.csv", [":START_ID", ":END_ID", ":TYPE", "mentions:int"],
               ([entity_id(r[0], r[1]), article_id(r[2]), "MENTIONED_IN", r[3]] for r in conn.execute(
                   "SELECT label, entity_id, doc_id, count(*) FROM mentions "
                   "GROUP BY label, entity_id, doc_id ORDER BY label, entity_id, doc_id"))),
    ]
    return {"nodes": nodes, "relationships": relationships}


def _position_fields(r: sqlite3.Row) -> list:
    """A position's properties after its title; the successor as the node id of the person."""
    successor = entity_id("PER", r["successor_id"]) if r["successor_id"] is not None else None
    return [r["status"], r["date"], r["first_seen"], r["last_seen"], successor, r["succeeded_on"],
            r["decision"], r["confidence"]]


def _fact_row(r: sqlite3.Row) -> list:
    doc = entity_id("DOC", r["document_id"])
    if r["predicate"] == "issued_by":
        return [doc, entity_id("ORG", r["org_id"]), "ISSUED_BY", r["confidence"]]
    if r["predicate"] == "implements":
        return [entity_id("ORG", r["org_id"]), doc, "IMPLEMENTS", r["confidence"]]
    return [doc, entity_id("PER", r["person_id"]), "DECIDES_ON", r["confidence"]]


def import_command(files: dict[str, list[Path]]) -> str:
    """The neo4j-admin (5.x) command that loads the files into a new database."""
    parts = ["neo4j-admin database import full --overwrite-destination"]
    parts += [f"--nodes={p}" for p in files["nodes"]]
    parts += [f"--relationships={p}" for p in files["relationships"]]
    return " \\\n  ".join(parts + ["neo4j"])
