"""Who is who: the KB entity each person, body and document of an article becomes.

Documents are keyed by their parsed code (type + number + issuer + year) when it names
one document nationwide; one without such a code (a name, "Quy chế làm việc", or a
bare number, "công văn số 7488") by its name or code together with the KB bodies
that issued it, and with no issuer stated it stays its article's own. Bodies are
keyed by their kind (the name without its place and level word: "Ủy ban nhân dân
tỉnh Quảng Trị" -> "ủy ban nhân dân") plus the administrative unit's code: "Huyện
ủy" of two districts are two bodies, "Tỉnh ủy Quảng Trị" in two articles is one. A
body each province has its own of, named without its place (`keys.is_local_body`), is
never one for the country: one a province has exactly one of ("Sở Nội vụ",
`keys.provincial_body`) is that body of the province the article is about, "Sở Nội vụ tỉnh
Kon Tum" in a Kon Tum article; another ("Ban Thường vụ") or any with the province unknown
stays within its article, as a bare "Huyện ủy" with no place does. Another
named body without a place ("Bộ Nội vụ", "Quân khu 5") is one for the whole country: it
joins the body of that name seen with one (and is upgraded when its place shows up
later). All are lookups on indexed keys.

People are the hard part. A person of an article (doc_id, ref) joins an existing KB
person P only when all of these hold, else it becomes a new person:

1. The name agrees: the article's canonical name is a full name (family name + given
   name, or three syllables or more) and P was written with the same full name in
   some article (`keys.norm`: case and tone placement aside, diacritics count).
   A short name ("Hùng", "Đức Duy") never merges across articles; within one article
   it already shares the full name's ref.
2. The context agrees: the article's person and P share at least one body (a position
   in the same KB body, any status), or one province (from the places of the bodies of
   their positions; when none of the article person's bodies has a place, the province
   the article is about, `meta.province_code` of extract), or one personnel decision
   (`decides_on`), or a post the country has one holder or a handful of
   (`keys.national_post`: "Tổng Bí thư", "Phó Thủ tướng", any minister, a seat in the
   Politburo, the head of a central body, however the article names its body, if at all):
   the same one, or another, as so few
   people hold any of them that two of one full name are one person, "Thủ tướng Nguyễn
   Xuân Phúc" of 2019 the "Chủ tịch nước Nguyễn Xuân Phúc" of 2022.
3. Nothing contradicts: no head title (Bí thư, Chủ tịch, Giám đốc, … not Phó or Ủy
   viên) held in two different bodies of the same kind ("Tỉnh ủy" of two provinces) as
   current, acting or appointed at the same date (one date contains the other; a
   position without a stated date is dated by its article's `published`).
4. P is not already another person of the same article (the article says they differ).
   Within one article, refs written with the same full name are one person (older
   outputs give every mention its own ref); a short name keeps its own ref.

When several KB people qualify, the best supported wins: most shared bodies, then
most shared provinces, then most shared decisions, then the one named in most
articles, then the oldest.

5. The others become it too when the article's person shares with them a post that
   singles one out in the whole country: a national post (each holds one, not
   necessarily the same: rule 2), or the same title in the
   same body keyed by its name alone ("Phó Thủ tướng" of "Chính phủ", "Thứ trưởng" of
   "Bộ Công an"). Each article is judged against those before it, so two articles
   that each gave one of his posts made two people; an article that gives both says
   they are one, and they are merged. They stay two when their head titles contradict
   (3), when each has bodies with a place and they share no province (namesake
   deputies of "Quốc hội" from two provinces), or when one article names both (4).

Each article is judged against those before it and merges are not undone one by one:
when articles change, `build` makes the whole KB again from the outputs given (or, when
they lack some of its articles, forgets the changed ones and reads them again,
`store.forget_article`).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from . import keys, store
from .store import marks


@dataclass
class Held:
    """One position of a person in one article, as far as identity needs it."""

    title_norm: str
    org_id: int | None
    status: str
    date: str | None


@dataclass
class PersonContext:
    """What an article says about one of its people, to compare with KB people."""

    name: str
    held: list[Held] = field(default_factory=list)
    decisions: set[int] = field(default_factory=set)
    article_province: str | None = None  # stands in when none of the person's bodies has a place


class Links:
    """Which entity each ref of one article became, with its names and mentions; written
    in three statements when the article is done (rows per entity would be many more)."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.refs: list[tuple] = []
        self.names: list[tuple] = []
        self.mentions: list[tuple] = []

    def add(self, label: str, ref: str, rowid: int, names: list[str],
            mentions: list[tuple[int | None, int | None, str]]) -> None:
        self.refs.append((self.doc_id, label, ref, rowid))
        self.names += [(label, rowid, self.doc_id, n, keys.norm(n), keys.fold(n),
                        int(label == "PER" and keys.is_full_name(n))) for n in dict.fromkeys(names)]
        self.mentions += [(label, rowid, self.doc_id, s, e, t) for s, e, t in mentions]

    def write(self, conn: sqlite3.Connection) -> None:
        conn.executemany("INSERT OR REPLACE INTO refs VALUES (?,?,?,?)", self.refs)
        conn.executemany("INSERT INTO names (label, entity_id, doc_id, name, norm, fold, full) "
                         "VALUES (?,?,?,?,?,?,?)", self.names)
        conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?)", self.mentions)


def document(conn: sqlite3.Connection, name: str, code: dict | None, issuers: Collection[int],
             doc_id: str) -> int:
    """The KB document an article (`doc_id`) cites by a name and parsed code, issued by the KB
    bodies `issuers` as far as the article says; created on first sight."""
    key = keys.doc_key(name, code, issuers, doc_id)
    row = conn.execute("SELECT id FROM documents WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    code = code or {}
    text = code.get("code")
    return conn.execute(
        "INSERT INTO documents (key, name, fold, code, code_fold, type, type_name, number, issuer, "
        "issuer_name, year) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (key, name, keys.fold(name), text, keys.fold(text) if text else None, code.get("type"),
         code.get("type_name"), code.get("number"), code.get("issuer"), code.get("issuer_name"),
         code.get("year"))).lastrowid


def _province_code(place: dict) -> str | None:
    if place.get("province_code"):
        return place["province_code"]
    return place.get("code") if place.get("level") in {"province", "city"} else None


def org(conn: sqlite3.Connection, doc_id: str, name: str, place: dict | None,
        province: dict | None = None) -> int:
    """The KB body for a canonical name and place, created on first sight. A body named
    without a place joins the body of that full name seen with one, and the other way round;
    a local body named without a place ("Sở Nội vụ") is that of the province the article is
    about (`province`, a place; `keys.body_place`), under the name the article gives it."""
    unit = keys.body_place(name, place, province) or {}
    key = keys.org_key(name, unit, doc_id)
    row = conn.execute("SELECT id FROM orgs WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    place = place or {}
    display = keys.body_name(name, place.get("name"))
    if "|" not in key:  # named, no place: a body of that name seen with its place
        row = conn.execute("SELECT id FROM orgs WHERE norm = ? ORDER BY id LIMIT 1",
                           (keys.norm(display),)).fetchone()
        if row is not None:
            return row[0]
    elif place and not key.endswith(f"|doc:{doc_id}"):
        row = conn.execute("SELECT id FROM orgs WHERE key = ?", (keys.norm(display),)).fetchone()
        if row is not None:  # seen before without its place: now we know it
            conn.execute("UPDATE orgs SET key = ?, unit_name = ?, unit_level = ?, unit_code = ?, "
                         "province = ?, province_code = ? WHERE id = ?",
                         (key, place.get("name"), place.get("level"), place.get("code"),
                          place.get("province"), _province_code(place), row[0]))
            return row[0]
    return conn.execute(
        "INSERT INTO orgs (key, name, norm, fold, base_norm, unit_name, unit_level, unit_code, "
        "province, province_code) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (key, display, keys.norm(display), keys.fold(display),
         keys.body_kind(name, unit.get("name"), unit.get("code")), unit.get("name"), unit.get("level"),
         unit.get("code"), unit.get("province"), _province_code(unit))).lastrowid


def _contradicts(mine: list[Held], theirs: list[dict], bases: dict[int, str]) -> bool:
    """A head title in two different bodies of one kind, both held at the same date."""
    for a in mine:
        if a.org_id is None or a.status not in keys.ACTIVE or a.title_norm not in keys.HEAD_TITLES:
            continue
        for b in theirs:
            if (b["title_norm"] == a.title_norm and b["org_id"] is not None
                    and b["org_id"] != a.org_id and b["status"] in keys.ACTIVE
                    and bases.get(b["org_id"]) == bases.get(a.org_id)
                    and keys.same_time(a.date, b["held_on"])):
                return True
    return False


def person(conn: sqlite3.Connection, ctx: PersonContext, taken: set[int]) -> int | None:
    """The KB person this article's person is (rules in the module docstring), or None; the
    other KB people rule 5 says it is too are merged into it."""
    if not keys.is_full_name(ctx.name):
        return None
    same_name = "SELECT entity_id FROM names WHERE label = 'PER' AND norm = ? AND full = 1"
    key = keys.norm(ctx.name)
    my_orgs = sorted({h.org_id for h in ctx.held if h.org_id is not None})
    orgs = {r["id"]: r for r in conn.execute(
        f"SELECT id, key, name, province_code, base_norm FROM orgs WHERE id IN ({marks(my_orgs)})", my_orgs)}
    my_provinces = sorted({r["province_code"] for r in orgs.values() if r["province_code"]}
                          or ([ctx.article_province] if ctx.article_province else []))
    decisions = sorted(ctx.decisions)
    mine = [_held_row(h.title_norm, h.org_id, orgs.get(h.org_id)) for h in ctx.held]
    my_posts = sorted({r["post"] for r in mine if r["post"]})
    supported = {r[0] for r in conn.execute(  # same name and a shared body, province or decision
        f"SELECT p.person_id FROM positions p LEFT JOIN orgs o ON o.id = p.org_id "
        f"WHERE p.person_id IN ({same_name}) AND (p.org_id IN ({marks(my_orgs)}) "
        f"OR o.province_code IN ({marks(my_provinces)})) "
        f"UNION SELECT person_id FROM facts WHERE predicate = 'decides_on' "
        f"AND person_id IN ({same_name}) AND document_id IN ({marks(decisions)})",
        [key, *my_orgs, *my_provinces, key, *decisions])}
    if my_posts:  # or a national post each
        supported |= {r[0] for r in conn.execute(
            f"SELECT p.person_id, p.title, o.name FROM positions p LEFT JOIN orgs o ON o.id = p.org_id "
            f"WHERE p.person_id IN ({same_name})", (key,)) if keys.national_post(r[1], r[2])}
    supported -= taken
    if not supported:
        return None
    candidates = sorted(supported)
    held = _positions(conn, candidates)
    shared_decisions = _shared_decisions(conn, candidates, decisions)
    scored: dict[int, tuple[int, int, int]] = {}
    for pid in candidates:
        theirs = held.get(pid, [])
        bases = {r["org_id"]: r["base_norm"] for r in theirs if r["org_id"] is not None}
        their_orgs = set(bases)
        bases.update({oid: r["base_norm"] for oid, r in orgs.items()})
        if _contradicts(ctx.held, theirs, bases):
            continue
        their_posts = {r["post"] for r in theirs}
        scored[pid] = (len(set(my_orgs) & their_orgs) + len(set(my_posts) & their_posts),
                       len(set(my_provinces) & {r["province_code"] for r in theirs if r["province_code"]}),
                       shared_decisions.get(pid, 0))
    if not scored:
        return None
    best = _best(conn, scored)
    nationwide = _nationwide_posts(mine)
    for pid in sorted(scored):  # rule 5: others who share a nationwide post with this person are them too
        theirs = held.get(pid, [])
        if pid != best and nationwide & _nationwide_posts(theirs) and not _apart(conn, held.get(best, []), theirs,
                                                                                 best, pid):
            _merge(conn, pid, best)
            held[best] = held.get(best, []) + theirs
    return best


def _best(conn: sqlite3.Connection, scored: dict[int, tuple[int, int, int]]) -> int:
    """The best supported of the KB people an article's person may be: the top score, then the
    one named in most articles, then the oldest."""
    top = max(scored.values())
    tied = [pid for pid, score in scored.items() if score == top]
    if len(tied) == 1:
        return tied[0]
    articles = dict(conn.execute(
        f"SELECT entity_id, count(*) FROM refs WHERE label = 'PER' AND entity_id IN ({marks(tied)}) "
        "GROUP BY entity_id", tied).fetchall())
    return max(tied, key=lambda pid: (articles.get(pid, 0), -pid))


def _nationwide_posts(held: Iterable[dict]) -> set[tuple[str, int | None]]:
    """Of positions held (`_held_row`), the posts that single a person out in the whole country:
    any national post (`keys.national_post`, whatever its body: rule 2 makes two holders of
    one full name one person, whichever posts they hold), or a title in a body keyed by its
    name alone (named without a place and no local body: one for the country, "Chính phủ")."""
    posts: set[tuple[str, int | None]] = set()
    for r in held:
        if r["post"]:
            posts.add(("national post", None))
        elif r["org_key"] is not None and "|" not in r["org_key"]:
            posts.add((keys.fold(r["title_norm"]), r["org_id"]))
    return posts


def _held_row(title_norm: str, org_id: int | None, org: sqlite3.Row | dict | None) -> dict:
    """A position as identity reads it, the article's and the KB's alike: its title, its body
    (id, key, name) and the national post it is, if any (read once)."""
    name = org["name"] if org is not None else None
    return {"title_norm": title_norm, "org_id": org_id, "org_key": org["key"] if org is not None else None,
            "org_name": name, "post": keys.national_post(title_norm, name)}


def _apart(conn: sqlite3.Connection, mine: list[dict], theirs: list[dict], a: int, b: int) -> bool:
    """Whether KB people `a` and `b` (positions `mine`, `theirs`) must stay two: their head titles
    contradict (rule 3), their bodies have places and share no province (namesakes of two
    provinces), or one article names both (rule 4)."""
    bases = {r["org_id"]: r["base_norm"] for r in mine + theirs if r["org_id"] is not None}
    if _contradicts([Held(r["title_norm"], r["org_id"], r["status"], r["held_on"]) for r in mine], theirs, bases):
        return True
    provinces = [{r["province_code"] for r in rows if r["province_code"]} for rows in (mine, theirs)]
    if all(provinces) and not provinces[0] & provinces[1]:
        return True
    return conn.execute(
        "SELECT 1 FROM refs x JOIN refs y ON y.doc_id = x.doc_id AND y.label = 'PER' AND y.entity_id = ? "
        "WHERE x.label = 'PER' AND x.entity_id = ? LIMIT 1", (b, a)).fetchone() is not None


def _merge(conn: sqlite3.Connection, source: int, target: int) -> None:
    """KB person `source` becomes part of `target`: its refs, names, mentions, positions and
    decisions move over; a position or fact both have becomes one, folded again from its evidence."""
    for table in ("refs", "names", "mentions"):
        conn.execute(f"UPDATE {table} SET entity_id = ? WHERE label = 'PER' AND entity_id = ?", (target, source))
    rekey = {"positions": lambda r: keys.position_key(target, r["title"], r["org_id"], r["status"], r["date"]),
             "facts": lambda r: keys.fact_key(r["predicate"], r["document_id"], r["org_id"], target, r["date"])}
    for table, column in (("positions", "position_id"), ("facts", "fact_id")):
        joined: list[int] = []
        for row in conn.execute(f"SELECT * FROM {table} WHERE person_id = ?", (source,)).fetchall():
            key = rekey[table](row)
            same = conn.execute(f"SELECT id FROM {table} WHERE key = ?", (key,)).fetchone()
            if same is None:
                conn.execute(f"UPDATE {table} SET person_id = ?, key = ? WHERE id = ?", (target, key, row["id"]))
            else:  # its evidence goes to the row both have; the emptied row goes (`store.refold`)
                conn.execute(f"UPDATE evidence SET {column} = ? WHERE {column} = ?", (same[0], row["id"]))
                joined += [same[0], row["id"]]
        store.refold(conn, table, joined)
    conn.execute("DELETE FROM persons WHERE id = ?", (source,))
    store.refresh_person_name(conn, target)


def _positions(conn: sqlite3.Connection, people: list[int]) -> dict[int, list[dict]]:
    """The positions of some KB people, as `_contradicts` and the scores read them, by person."""
    held: dict[int, list[dict]] = {}
    for r in conn.execute(
            "SELECT p.person_id, p.org_id, p.title, p.status, coalesce(p.date, p.first_seen) AS held_on, "
            "o.key AS org_key, o.name AS org_name, o.province_code, o.base_norm "
            "FROM positions p LEFT JOIN orgs o ON o.id = p.org_id "
            f"WHERE p.person_id IN ({marks(people)})", people):
        org = {"key": r["org_key"], "name": r["org_name"]} if r["org_id"] is not None else None
        held.setdefault(r["person_id"], []).append(
            {**_held_row(keys.norm(r["title"]), r["org_id"], org), "status": r["status"],
             "held_on": r["held_on"], "province_code": r["province_code"], "base_norm": r["base_norm"]})
    return held


def _shared_decisions(conn: sqlite3.Connection, people: list[int], decisions: list[int]) -> dict[int, int]:
    """How many of these personnel decisions name each of some KB people."""
    if not decisions:
        return {}
    return dict(conn.execute(
        f"SELECT person_id, count(DISTINCT document_id) FROM facts WHERE predicate = 'decides_on' "
        f"AND person_id IN ({marks(people)}) AND document_id IN ({marks(decisions)}) "
        "GROUP BY person_id", [*people, *decisions]).fetchall())
