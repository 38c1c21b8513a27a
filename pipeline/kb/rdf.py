"""RDF Turtle export, positions modelled as Wikidata models them.

A person has a "position held" (P39) statement node (`p:P39`) whose value
(`ps:P39`) is the position (the title, e.g. "Bí thư", an item of ours) and whose
qualifiers (`pq:`) are:

- P642 "of": the body the title is held in;
- time, from status and date (the date the article states, else the publication date
  of the first article stating it): appointed -> P580 start time; ended -> P582 end
  time; current and acting -> P585 point in time (first and last article); former ->
  P1326 latest date (held before then);
- P805 "statement is subject of": the decision (Quyết định …) behind it, the item that
  describes this statement's event; Wikidata uses it for the election or appointment
  a position comes from;
- P1366 "replaced by": the next holder of a head post (`store.SUCCESSIONS`), with our
  `kbp:succeededOn`, the date they were first seen in it (the latest the post can have been
  this holder's: the KB states no end time it was not told);
- our `kbp:status` (current, former, acting, appointed, ended) and `kbp:confidence`.

Each statement has a reference per article (`prov:wasDerivedFrom`, `pr:P248` "stated
in" the article, with the offsets and text). A truthy `wdt:P39` link goes along.
Documents' facts use our properties (`kbp:issuedBy`, `kbp:implements`, `kbp:decidesOn`)
and P577 publication date for issued_on; bodies are located (P131) in their
administrative unit. People are P31 Q5 (human), bodies Q43229 (organization),
documents Q49848 (document), articles Q5707594 (news article), titles Q4164871 (position).

The file is written in chunks of a few hundred entities, each a small rdflib Graph
serialised as Turtle under one shared prefix header, so memory does not grow with
the KB; the whole file parses as one Turtle document.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from ..records import atomic_open
from .store import NEXT_HOLDER, SUCCESSOR_COLUMNS, aliases, article_id, entity_id, title_id, title_names

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WIKIBASE = Namespace("http://wikiba.se/ontology#")
KB = Namespace("https://example.org/vnorg/kb/")  # the project's items
KBP = Namespace("https://example.org/vnorg/prop/")  # the project's properties
PREFIXES = {"wd": WD, "wdt": WDT, "p": P, "ps": PS, "pq": PQ, "pr": PR, "prov": PROV,
            "wikibase": WIKIBASE, "rdfs": RDFS, "skos": SKOS, "xsd": XSD, "kb": KB, "kbp": KBP}
CHUNK = 500
_DATATYPE = [(re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date), (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
             (re.compile(r"^\d{4}$"), XSD.gYear), (re.compile(r"^--\d{2}-\d{2}$"), XSD.gMonthDay)]
TIME_QUALIFIER = {"appointed": ["P580"], "ended": ["P582"], "current": ["P585"], "acting": ["P585"],
                  "former": ["P1326"]}


def date_literal(value: str) -> Literal:
    """An ISO date as far as known, typed by its precision."""
    for pattern, datatype in _DATATYPE:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def node(node_id: str) -> URIRef:
    """The item of a node the KB names ('P12', 'T-bi-thu-a7072418', 'A-<doc_id>') in our
    namespace; quoted whole, so distinct ids stay distinct items."""
    return KB[quote(node_id, safe="")]


def item(label: str, rowid: int) -> URIRef:
    """kb:P12 for person row 12."""
    return node(entity_id(label, rowid))


def unit_item(code: str) -> URIRef:
    return node("U-" + code)


def _graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _chunks(conn: sqlite3.Connection, sql: str) -> Iterator[list[sqlite3.Row]]:
    """Rows of a query over a table's id, CHUNK at a time (`sql` takes the last id seen)."""
    last = 0
    while True:
        rows = conn.execute(sql, (last, CHUNK)).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def _labels(g: Graph, conn: sqlite3.Connection, label: str, rowid: int, subject: URIRef, name: str) -> None:
    g.add((subject, RDFS.label, Literal(name, lang="vi")))
    for alias in aliases(conn, label, rowid, name):
        g.add((subject, SKOS.altLabel, Literal(alias, lang="vi")))


def _person(g: Graph, conn: sqlite3.Connection, row: sqlite3.Row) -> None:
    person = item("PER", row["id"])
    g.add((person, WDT.P31, WD.Q5))
    _labels(g, conn, "PER", row["id"], person, row["name"])
    for pos in conn.execute(f"SELECT pos.*, {SUCCESSOR_COLUMNS} FROM positions pos {NEXT_HOLDER.format('pos')}"
                            "WHERE pos.person_id = ? ORDER BY pos.id", (row["id"],)):
        _statement(g, conn, person, pos)


def _statement(g: Graph, conn: sqlite3.Connection, person: URIRef, pos: sqlite3.Row) -> None:
    statement = KB[f"S{pos['id']}"]
    title = node(title_id(pos["title"]))
    g.add((person, P.P39, statement))
    g.add((person, WDT.P39, title))
    g.add((statement, RDF.type, WIKIBASE.Statement))
    g.add((statement, PS.P39, title))
    if pos["org_id"] is not None:
        g.add((statement, PQ.P642, item("ORG", pos["org_id"])))
    dates = [pos["date"]] if pos["date"] else [d for d in dict.fromkeys(
        (pos["first_seen"], pos["last_seen"] if pos["status"] in ("current", "acting") else None)) if d]
    for prop in TIME_QUALIFIER.get(pos["status"], []):
        for date in dates:
            g.add((statement, PQ[prop], date_literal(date)))
    if pos["decided_by"] is not None:
        g.add((statement, PQ.P805, item("DOC", pos["decided_by"])))
    if pos["successor_id"] is not None:
        g.add((statement, PQ.P1366, item("PER", pos["successor_id"])))
        g.add((statement, KBP.succeededOn, date_literal(pos["succeeded_on"])))
    g.add((statement, KBP.status, Literal(pos["status"])))
    g.add((statement, KBP.confidence, Literal(round(pos["confidence"], 6), datatype=XSD.double)))
    for ev in conn.execute("SELECT * FROM evidence WHERE position_id = ? ORDER BY id", (pos["id"],)):
        ref = KB[f"R{ev['id']}"]
        g.add((statement, PROV.wasDerivedFrom, ref))
        g.add((ref, RDF.type, WIKIBASE.Reference))
        g.add((ref, PR.P248, node(article_id(ev["doc_id"]))))
        if ev["start_char"] is not None:
            g.add((ref, KBP.start, Literal(ev["start_char"])))
            g.add((ref, KBP.end, Literal(ev["end_char"])))
        if ev["text"]:
            g.add((ref, KBP.quote, Literal(ev["text"], lang="vi")))


def _org(g: Graph, conn: sqlite3.Connection, row: sqlite3.Row) -> None:
    body = item("ORG", row["id"])
    g.add((body, WDT.P31, WD.Q43229))
    _labels(g, conn, "ORG", row["id"], body, row["name"])
    if row["unit_code"]:
        unit = unit_item(row["unit_code"])
        g.add((body, WDT.P131, unit))
        g.add((unit, RDFS.label, Literal(row["unit_name"] or row["unit_code"], lang="vi")))
        if row["unit_level"]:
            g.add((unit, KBP.level, Literal(row["unit_level"], lang="vi")))
        if row["province_code"] and row["province_code"] != row["unit_code"]:
            g.add((unit, WDT.P131, unit_item(row["province_code"])))
            g.add((unit_item(row["province_code"]), RDFS.label,
                   Literal(row["province"] or row["province_code"], lang="vi")))


def _document(g: Graph, conn: sqlite3.Connection, row: sqlite3.Row) -> None:
    doc = item("DOC", row["id"])
    g.add((doc, WDT.P31, WD.Q49848))
    _labels(g, conn, "DOC", row["id"], doc, row["name"])
    for column, prop in (("code", KBP.code), ("type_name", KBP.type), ("number", KBP.number)):
        if row[column]:
            g.add((doc, prop, Literal(row[column])))
    issued_on = conn.execute("SELECT issued_on FROM document_dates WHERE document_id = ?",
                             (row["id"],)).fetchone()[0]
    if issued_on:  # the one date the KB gives it, as every other output does
        g.add((doc, WDT.P577, date_literal(issued_on)))
    for fact in conn.execute("SELECT * FROM facts WHERE document_id = ? AND predicate != 'issued_on'",
                             (row["id"],)):
        if fact["predicate"] == "implements":
            g.add((item("ORG", fact["org_id"]), KBP.implements, doc))
        elif fact["predicate"] == "issued_by":
            g.add((doc, KBP.issuedBy, item("ORG", fact["org_id"])))
        else:
            g.add((doc, KBP.decidesOn, item("PER", fact["person_id"])))


def _article(g: Graph, conn: sqlite3.Connection, row: sqlite3.Row) -> None:
    article = node(article_id(row["doc_id"]))
    g.add((article, WDT.P31, WD.Q5707594))
    g.add((article, RDFS.label, Literal(row["doc_id"])))
    if row["published"]:
        g.add((article, WDT.P577, date_literal(row["published"])))


# Each table and how one of its rows becomes triples.
_PARTS: tuple[tuple[str, Callable[[Graph, sqlite3.Connection, sqlite3.Row], None]], ...] = (
    ("persons", _person), ("orgs", _org), ("documents", _document), ("articles", _article))


def _titles(conn: sqlite3.Connection) -> Graph:
    """Each title node once, with its one name (`store.title_names`): the statements of many
    chunks point to it. Titles are a few thousand at most, so one graph holds them."""
    g = _graph()
    for node_id, name in title_names(conn).items():
        g.add((node(node_id), WDT.P31, WD.Q4164871))
        g.add((node(node_id), RDFS.label, Literal(name, lang="vi")))
    return g


def _graphs(conn: sqlite3.Connection) -> Iterator[Graph]:
    """The KB as a sequence of small graphs, CHUNK rows of one table each, so memory stays
    bounded however large the KB is."""
    yield _titles(conn)
    for table, add_row in _PARTS:
        for rows in _chunks(conn, f"SELECT * FROM {table} WHERE id > ? ORDER BY id LIMIT ?"):
            g = _graph()
            for row in rows:
                add_row(g, conn, row)
            yield g


def export_turtle(conn: sqlite3.Connection, path: Path) -> int:
    """Write the KB as Turtle; returns the number of triples written."""
    count = 0
    with atomic_open(path) as out:
        out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")
        for g in _graphs(conn):
            count += len(g)
            body = g.serialize(format="turtle")
            out.write("".join(line + "\n" for line in body.splitlines() if not line.startswith("@prefix")))
    return count
