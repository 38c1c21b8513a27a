"""`kb build`: merge extract outputs into the SQLite file, streaming and incrementally.

Three passes, none of which holds a whole file in memory:

1. `annotations.jsonl` of every OUT is read line by line and every document staged in
   temporary tables (its text too, for the text of mentions); a document given by
   two OUTs is the later one's.
2. `entities.jsonl` and `triples.jsonl` lines are staged by doc_id (raw JSON, indexed),
   so the files may list documents in any order. A document's hash (SHA-256) covers
   its annotations line and all its entities and triples lines, so a document whose
   triples alone changed (`extract --min-confidence`) counts as changed.
3. Documents whose hash the KB does not hold yet are ingested one at a time, in input
   order: a changed one is first forgotten (its facts, names and mentions go), then its
   documents, bodies and people are resolved against the KB with indexed SQL lookups
   (`identity`) and its facts added with their evidence. Who is who was decided with
   the old facts too, and an article is judged against those before it, so when
   articles change and the OUTs given hold every article of the KB, the KB is emptied
   and every staged document ingested again, in input order: the KB a fresh build of
   these OUTs makes. When some articles of the KB are in none of the OUTs, changed
   ones are replaced in place and the build says so. A commit every 2,000 documents; a
   crash leaves a consistent file and the same command finishes the job.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError
from ..records import json_lines
from ..schema import REF_LABELS
from . import identity, keys, store
from .datasette import write_metadata

POSITION_PREDICATES = ("holds_position", "has_title")
STATES = ("current", "acting", "former")  # statuses that hold over a time, not at one date
COMMIT_EVERY = 2000

# seq is the rowid, so paging through the staged documents walks it; hash: of the document's
# lines as read so far; known: the hash the KB holds for the document, if it holds it.
STAGING = """
CREATE TEMP TABLE stage_articles (
    seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, source INTEGER NOT NULL,
    hash TEXT NOT NULL, known TEXT, published TEXT, province_code TEXT, file TEXT, text TEXT);
CREATE TEMP TABLE stage_lines (doc_id TEXT NOT NULL, source INTEGER NOT NULL, kind TEXT NOT NULL,
    line TEXT NOT NULL);
CREATE INDEX temp.stage_lines_doc ON stage_lines(doc_id, kind);
"""


def _digest(*parts: str) -> str:
    """SHA-256 of some lines: a document's hash grows by each run of its lines."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _stage(conn: sqlite3.Connection, outs: list[Path]) -> int:
    """Stage every document with its lines and hash; returns how many documents were read."""
    conn.executescript(STAGING)
    seq = 0
    for source, out in enumerate(outs):
        for where, line, data in json_lines(out / "annotations.jsonl", error=InputError):
            doc_id = data.get("id")
            if not isinstance(doc_id, str) or not isinstance(data.get("text"), str):
                raise InputError(f"{where}: expected an object with a string 'id' and 'text'")
            seq += 1
            known = conn.execute("SELECT hash FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
            meta = data.get("meta") or {}
            conn.execute("INSERT OR REPLACE INTO stage_articles (seq, doc_id, source, hash, known, "
                         "published, province_code, file, text) VALUES (?,?,?,?,?,?,?,?,?)",
                         (seq, doc_id, source, _digest(line.strip()), known and known[0],
                          meta.get("published"), meta.get("province_code"), meta.get("file"), data["text"]))
        for kind, name in (("E", "entities.jsonl"), ("T", "triples.jsonl")):
            if (out / name).is_file():
                _stage_lines(conn, out / name, source, kind)
    return seq


def _stage_lines(conn: sqlite3.Connection, path: Path, source: int, kind: str) -> None:
    """Stage the lines of the documents staged from this OUT, each run of one document's lines
    folded into its hash at once (a document's lines come together, though they need not)."""
    doc_id: str | None = None
    run: list[str] = []
    for where, line, data in json_lines(path, error=InputError):
        if not isinstance(data.get("doc_id"), str):
            raise InputError(f"{where}: no 'doc_id'")
        if data["doc_id"] != doc_id:
            _fold_run(conn, doc_id, source, kind, run)
            doc_id, run = data["doc_id"], []
        run.append(line.strip())
    _fold_run(conn, doc_id, source, kind, run)


def _fold_run(conn: sqlite3.Connection, doc_id: str | None, source: int, kind: str, run: list[str]) -> None:
    """Stage a run of one document's lines and fold them into its hash, if this OUT gave it."""
    row = conn.execute("SELECT hash FROM stage_articles WHERE doc_id = ? AND source = ?",
                       (doc_id, source)).fetchone()
    if row is None:  # no document of that id from this OUT
        return
    conn.execute("UPDATE stage_articles SET hash = ? WHERE doc_id = ?", (_digest(row[0], kind, *run), doc_id))
    conn.executemany("INSERT INTO stage_lines VALUES (?,?,?,?)", ((doc_id, source, kind, line) for line in run))


class Post(NamedTuple):
    """A position triple read once, for both who-is-who and the KB row."""

    person: str  # the PER ref
    title: str | None
    body: str | None  # the ORG ref a holds_position names
    bodyless: bool  # has_title: a title with no body stated
    status: str
    date: str | None  # as stated, a date without a year completed from the article's
    decided_by: dict | None  # {"text", "code": parsed code or None}
    confidence: float


class Article:
    """One staged document: its entities by (label, ref) and its triples, with a ref for
    every person, body and document a triple names (older outputs may lack them)."""

    def __init__(self, row: sqlite3.Row, entities: list[dict], triples: list[dict]) -> None:
        self.doc_id: str = row["doc_id"]
        self.published: str | None = row["published"]
        self.province_code: str | None = row["province_code"]  # the province it is about
        self.text: str = row["text"]
        self.entities: dict[tuple[str, str], dict] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        for ent in entities:
            if ent.get("label") in REF_LABELS and ent.get("ref"):
                self._add(ent)
        self.triples = triples
        for triple in triples:
            for end in ("subject", "object"):
                part = triple.get(end) or {}
                if part.get("label") in REF_LABELS:
                    part["ref"] = self._ref_of(part, triple.get("evidence") or {})
        self.posts: dict[int, Post] = {n: post for n, triple in enumerate(triples)
                                       if (post := self._post(triple))}
        self.province = self._province()

    def _province(self) -> dict | None:
        """The province the article is about, as a place (where its local bodies named without
        one are, `keys.body_place`): as the article's places give it, else the gazetteer. None
        when it is not the province of most bodies the article places: a digest ("Bạc Liêu: …
        Long An: …") says which province each item's "Sở Nội vụ" is of only by its heading."""
        places = [ent["place"] for ent in self.entities.values() if ent.get("place")]
        provinces = Counter(p["province_code"] for p in places if p.get("province_code"))
        if not self.province_code or (provinces and provinces[self.province_code] * 2 <= provinces.total()):
            return None
        for place in places:
            if place.get("code") == self.province_code and place.get("level") in {"province", "city"}:
                return place
        from ..gazetteer import Gazetteer  # spaCy and the index: only for such an article

        unit = Gazetteer.shared().unit(self.province_code)
        return unit.to_json() if unit else {"code": self.province_code, "province_code": self.province_code}

    def _post(self, triple: dict) -> Post | None:
        """The triple as a position of a person, or None if it is none."""
        pred, subj, obj = triple.get("predicate"), triple.get("subject") or {}, triple.get("object") or {}
        if pred not in POSITION_PREDICATES or subj.get("label") != "PER":
            return None
        q = triple.get("qualifiers") or {}
        bodyless = pred == "has_title"
        status = q.get("status") or "current"
        # A state's date that is only the article's own (extract dates every position by it)
        # says when the post was seen, which first_seen/last_seen keep: a current, acting or
        # former post is one row across the articles that state it, not one per article date.
        # An appointment or an end is an event, dated so.
        date = None if status in STATES and q.get("date") == self.published else self.date(q.get("date"))
        return Post(subj["ref"], q.get("title") or (obj.get("text") if bodyless else None),
                    None if bodyless else obj.get("ref"), bodyless, status,
                    date, q.get("decided_by"), float(triple.get("confidence", 1.0)))

    def _add(self, ent: dict) -> None:
        ent.setdefault("name", (ent.get("names") or [ent["ref"]])[0])
        self.entities[(ent["label"], ent["ref"])] = ent
        for name in [ent["name"], *ent.get("names", [])]:
            self._by_name.setdefault((ent["label"], keys.norm(name)), ent["ref"])

    def _ref_of(self, part: dict, evidence: dict) -> str:
        label, ref, text = part["label"], part.get("ref"), part.get("text") or part.get("mention") or ""
        ref = ref if (label, ref) in self.entities else self._by_name.get((label, keys.norm(text)), ref)
        if ref is None or (label, ref) not in self.entities:
            ref = ref or f"~{keys.norm(text)}"
            mention = part.get("mention") or text
            at = (evidence.get("text") or "").find(mention)
            spans = [[evidence["start"] + at, evidence["start"] + at + len(mention)]] \
                if at >= 0 and "start" in evidence else []
            self._add({"ref": ref, "label": label, "name": text, "names": [text], "mentions": spans})
        ent = self.entities[(label, ref)]
        for extra in ("place", "code"):  # older entities lines lack what the triple knows
            if part.get(extra) and not ent.get(extra):
                ent[extra] = part[extra]
        return ref

    def mentions(self, ent: dict) -> list[tuple[int | None, int | None, str]]:
        out = []
        for span in ent.get("mentions") or []:
            start, end = span[0], span[1]
            out.append((start, end, self.text[start:end]))
        return out

    def date(self, value: str | None) -> str | None:
        return keys.complete_date(value, self.published)


def _decision(conn: sqlite3.Connection, art: Article, value: dict | None, own: dict[str, str],
              docs: dict[str, int], links: identity.Links) -> int | None:
    """The KB document a position's `decided_by` names (`own`: the article's DOC refs by
    citation key), linked to the article."""
    if not value:
        return None
    text, code = value.get("text") or "", value.get("code")
    key = keys.citation_key(text, code)
    if key in own:  # the article's own DOC with that code or name
        return docs[own[key]]
    ref = f"~decided:{key}"
    if ref not in docs:  # no issuer stated: a national code, else the article's own document
        docs[ref] = identity.document(conn, text or (code or {}).get("code") or "?", code, (), art.doc_id)
        links.add("DOC", ref, docs[ref], [text] if text else [], [])
    return docs[ref]


def _evidence(column: str, rowid: int, art: Article, triple: dict, confidence: float,
              decided_by: int | None = None) -> tuple:
    """An evidence row for a position or a fact: where the article states it."""
    ev = triple.get("evidence") or {}
    return (rowid if column == "position" else None, rowid if column == "fact" else None, art.doc_id,
            ev.get("start"), ev.get("end"), ev.get("text"), ev.get("sentence"), confidence,
            art.published, decided_by)


# A new fact, or a new statement of a known one folded in as `store` refolds evidence.
_UPSERT_POSITION = f"""
INSERT INTO positions (key, person_id, title, title_fold, org_id, status, date, decided_by,
                       confidence, first_seen, last_seen)
VALUES (:key, :person_id, :title, :title_fold, :org_id, :status, :date, :decided_by,
        kb_combine(0, :confidence), :published, :published)
ON CONFLICT (key) DO UPDATE SET {store.FOLD_POSITION}
RETURNING id"""
_UPSERT_FACT = f"""
INSERT INTO facts (key, predicate, document_id, org_id, person_id, date, confidence)
VALUES (:key, :predicate, :document_id, :org_id, :person_id, :date, kb_combine(0, :confidence))
ON CONFLICT (key) DO UPDATE SET {store.FOLD_FACT}
RETURNING id"""


def _fact(conn: sqlite3.Connection, art: Article, predicate: str, document_id: int, triple: dict,
          org_id: int | None = None, person_id: int | None = None, date: str | None = None) -> tuple:
    confidence = float(triple.get("confidence", 1.0))
    key = keys.fact_key(predicate, document_id, org_id, person_id, date)
    rowid = conn.execute(_UPSERT_FACT, {
        "key": key, "predicate": predicate, "document_id": document_id, "org_id": org_id,
        "person_id": person_id, "date": date, "confidence": confidence}).fetchone()[0]
    return _evidence("fact", rowid, art, triple, confidence)


def _issuers(art: Article, orgs: dict[str, int]) -> dict[str, set[int]]:
    """The KB bodies that issued each DOC ref of the article, as its `issued_by` triples say."""
    issuers: dict[str, set[int]] = {}
    for triple in art.triples:
        subj, obj = triple.get("subject") or {}, triple.get("object") or {}
        if triple.get("predicate") == "issued_by" and obj.get("ref") in orgs:
            issuers.setdefault(subj.get("ref"), set()).add(orgs[obj["ref"]])
    return issuers


def _bodies_and_documents(conn: sqlite3.Connection, art: Article,
                          links: identity.Links) -> tuple[dict[str, int], dict[str, int]]:
    """The KB document and body of each DOC and ORG ref of the article; bodies first, as a
    document without a national code is told apart by who issued it."""
    orgs: dict[str, int] = {}
    for (label, ref), ent in art.entities.items():
        if label == "ORG":
            orgs[ref] = identity.org(conn, art.doc_id, ent["name"], ent.get("place"), art.province)
            links.add(label, ref, orgs[ref], [ent["name"], *ent.get("names", [])], art.mentions(ent))
    issuers = _issuers(art, orgs)
    docs: dict[str, int] = {}
    for (label, ref), ent in art.entities.items():
        if label == "DOC":
            docs[ref] = identity.document(conn, ent["name"], ent.get("code"), issuers.get(ref, ()), art.doc_id)
            links.add(label, ref, docs[ref], [ent["name"], *ent.get("names", [])], art.mentions(ent))
    return docs, orgs


def _people(conn: sqlite3.Connection, art: Article, orgs: dict[str, int], docs: dict[str, int],
            decided: dict[int, int | None]) -> dict[str, int]:
    """The KB person of each PER ref of the article, new ones created."""
    # One context per person of the article: refs with the same full name are one person
    # (older outputs give every mention its own ref); short names keep their own ref.
    group = {ref: f"name:{keys.norm(ent['name'])}" if keys.is_full_name(ent["name"]) else f"ref:{ref}"
             for (label, ref), ent in art.entities.items() if label == "PER"}
    contexts: dict[str, identity.PersonContext] = {}
    for ref, g in group.items():
        contexts.setdefault(g, identity.PersonContext(art.entities[("PER", ref)]["name"],
                                                      article_province=art.province_code))
    for n, post in art.posts.items():
        ctx = contexts[group[post.person]]
        if post.title:
            ctx.held.append(identity.Held(keys.norm(post.title), orgs.get(post.body), post.status,
                                          post.date or art.published))
        if decided[n] is not None:
            ctx.decisions.add(decided[n])
    for triple in art.triples:
        subj, obj = triple.get("subject") or {}, triple.get("object") or {}
        if triple.get("predicate") == "decides_on" and obj.get("label") == "PER" and subj.get("ref") in docs:
            contexts[group[obj["ref"]]].decisions.add(docs[subj["ref"]])

    resolved: dict[str, int] = {}
    for g, ctx in contexts.items():
        rowid = identity.person(conn, ctx, set(resolved.values()))
        if rowid is None:
            rowid = conn.execute("INSERT INTO persons (name, fold) VALUES (?, ?)",
                                 (ctx.name, keys.fold(ctx.name))).lastrowid
        resolved[g] = rowid
    return {ref: resolved[g] for ref, g in group.items()}


def ingest(conn: sqlite3.Connection, art: Article) -> None:
    """Resolve one article's entities and add its facts (module docstring, pass 3)."""
    links = identity.Links(art.doc_id)
    docs, orgs = _bodies_and_documents(conn, art, links)
    own: dict[str, str] = {}
    for ent in art.entities.values():
        if ent["label"] == "DOC":
            own.setdefault(keys.citation_key(ent["name"], ent.get("code")), ent["ref"])
    decided = {n: _decision(conn, art, post.decided_by, own, docs, links) for n, post in art.posts.items()}
    people = _people(conn, art, orgs, docs, decided)
    written: dict[int, list[str]] = {}
    for ref, rowid in people.items():
        ent = art.entities[("PER", ref)]
        names = [ent["name"], *ent.get("names", [])]
        links.add("PER", ref, rowid, names, art.mentions(ent))
        written.setdefault(rowid, []).extend(names)

    evidence = []
    for n, triple in enumerate(art.triples):
        post = art.posts.get(n)
        row = (_add_position(conn, art, post, decided[n], people, orgs, triple) if post
               else _add_fact(conn, art, triple, people, orgs, docs))
        if row:
            evidence.append(row)
    conn.executemany(
        "INSERT INTO evidence (position_id, fact_id, doc_id, start_char, end_char, text, sentence, "
        "confidence, published, decided_by) VALUES (?,?,?,?,?,?,?,?,?,?)", evidence)
    links.write(conn)
    for rowid, names in written.items():  # each person's name by store's rule, with these names
        store.refresh_person_name(conn, rowid, names)


def _add_position(conn: sqlite3.Connection, art: Article, post: Post, decided_by: int | None,
                  people: dict[str, int], orgs: dict[str, int], triple: dict) -> tuple | None:
    """Add one position; its evidence row, or None without a title (or, for holds_position,
    without a body the article resolved)."""
    org_id, title = orgs.get(post.body), post.title
    if not title or (org_id is None and not post.bodyless):
        return None
    person_id = people[post.person]
    key = keys.position_key(person_id, title, org_id, post.status, post.date)
    rowid = conn.execute(_UPSERT_POSITION, {
        "key": key, "person_id": person_id, "title": title, "title_fold": keys.fold(title),
        "org_id": org_id, "status": post.status, "date": post.date, "decided_by": decided_by,
        "confidence": post.confidence, "published": art.published}).fetchone()[0]
    return _evidence("position", rowid, art, triple, post.confidence, decided_by)


def _add_fact(conn: sqlite3.Connection, art: Article, triple: dict, people: dict[str, int],
              orgs: dict[str, int], docs: dict[str, int]) -> tuple | None:
    """Add one document fact; its evidence row, or None if it names nothing the KB can hold."""
    pred, subj, obj = triple.get("predicate"), triple.get("subject") or {}, triple.get("object") or {}
    if pred == "issued_by" and subj.get("ref") in docs and obj.get("ref") in orgs:
        return _fact(conn, art, pred, docs[subj["ref"]], triple, org_id=orgs[obj["ref"]])
    if pred == "implements" and obj.get("ref") in docs and subj.get("ref") in orgs:
        return _fact(conn, art, pred, docs[obj["ref"]], triple, org_id=orgs[subj["ref"]])
    if pred == "decides_on" and subj.get("ref") in docs and obj.get("ref") in people:
        return _fact(conn, art, pred, docs[subj["ref"]], triple, person_id=people[obj["ref"]])
    if pred == "issued_on" and subj.get("ref") in docs:
        date = art.date(obj.get("iso") or obj.get("text"))
        if date:
            return _fact(conn, art, pred, docs[subj["ref"]], triple, date=date)
    return None


def _staged(conn: sqlite3.Connection, every: bool) -> Iterator[tuple[sqlite3.Row, Article]]:
    """The staged documents in input order: `every` one, or those the KB does not hold as they are."""
    last = 0
    while True:  # page through the staged documents by seq, never all at once
        rows = conn.execute("SELECT * FROM stage_articles WHERE seq > ? AND (? OR known IS NOT hash) "
                            "ORDER BY seq LIMIT 200", (last, every)).fetchall()
        if not rows:
            return
        for row in rows:
            lines = conn.execute("SELECT kind, line FROM stage_lines WHERE doc_id = ? AND source = ? "
                                 "ORDER BY rowid", (row["doc_id"], row["source"])).fetchall()
            yield row, Article(row, [json.loads(r[1]) for r in lines if r[0] == "E"],
                               [json.loads(r[1]) for r in lines if r[0] == "T"])
        last = rows[-1]["seq"]


def _plan(conn: sqlite3.Connection, log: Callable[[str], None] | None) -> tuple[dict[str, int], bool]:
    """How many staged documents are new, changed and unchanged, and whether to redo the KB:
    some changed, and every article of the KB is staged (module docstring, pass 3)."""
    row = conn.execute("SELECT sum(known IS NULL), sum(known != hash), sum(known = hash) "
                       "FROM stage_articles").fetchone()
    counts = {"added": row[0] or 0, "replaced": row[1] or 0, "unchanged": row[2] or 0}
    if not counts["replaced"]:
        return counts, False
    missing = conn.execute("SELECT count(*) FROM articles WHERE doc_id NOT IN "
                           "(SELECT doc_id FROM stage_articles)").fetchone()[0]
    if missing and log:
        log(f"{counts['replaced']} changed article(s) replaced in place: who is who is not decided "
            f"again, as {missing} article(s) of the KB are in none of these outputs; give them all "
            "to `kb build`, or build into a new file, to have it decided again")
    return counts, not missing


def build(outs: list[Path], kb: Path, log: Callable[[str], None] | None = None) -> dict:
    """Merge extract outputs into `kb`; returns what was added, replaced and left alone, and
    whether the KB was made again from these outputs (`redone`)."""
    started = time.perf_counter()
    for out in outs:
        if not (out / "annotations.jsonl").is_file():
            raise InputError(f"{out}: not an extract output (no annotations.jsonl); "
                             "run `python -m pipeline extract ... --out` first")
    conn = store.connect(kb, create=True)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA wal_autocheckpoint = 16384")  # fold the WAL back every 64 MB, not 4
        conn.execute("PRAGMA cache_size = -32768")  # 32 MB of page cache, whatever the KB size
        read = _stage(conn, outs)
        counts, redo = _plan(conn, log)
        if redo:
            store.clear(conn)
        for n, (row, art) in enumerate(_staged(conn, redo), 1):
            if row["known"] and not redo:
                store.forget_article(conn, art.doc_id)
            conn.execute("INSERT INTO articles (doc_id, file, published, hash, source) VALUES (?,?,?,?,?)",
                         (art.doc_id, row["file"], art.published, row["hash"], str(outs[row["source"]])))
            ingest(conn, art)
            if n % COMMIT_EVERY == 0:
                conn.commit()
                if log:
                    log(f"{n} documents ingested")
        conn.commit()
        conn.executescript("DROP TABLE temp.stage_articles; DROP TABLE temp.stage_lines;")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file for Datasette
        summary = {"kb": str(kb), "documents_read": read, **counts, "redone": redo, **store.counts(conn),
                   "seconds": round(time.perf_counter() - started, 2)}
    finally:
        conn.close()
    write_metadata(kb)
    return summary
