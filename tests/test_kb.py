"""The knowledge base across articles: build, identity, queries, exports (pipeline/kb/).

Fixtures in tests/data/kb/ are extract outputs written by hand: batch1 (3 articles),
batch2 (4 articles), old (an older output: no entities.jsonl, no refs, places,
statuses or publication date).
"""
from __future__ import annotations

import asyncio
import csv
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import rdflib

import pipeline.cli
from pipeline.kb import query
from pipeline.kb.build import build
from pipeline.kb.rdf import PREFIXES, export_turtle
from pipeline.kb.store import connect

DATA = Path(__file__).parent / "data" / "kb"
BATCH1, BATCH2, OLD, NAMESAKES = DATA / "batch1", DATA / "batch2", DATA / "old", DATA / "namesakes"
ARTICLE_PROVINCE = DATA / "article_province"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """`python -m pipeline ARGV` in-process."""
    code = pipeline.cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    build([BATCH1], path)
    build([BATCH2, OLD], path)
    return path


@pytest.fixture()
def conn(kb):
    c = connect(kb)
    yield c
    c.close()


def test_bare_bodies_merge_by_place_and_stay_apart_without_one(conn):
    bodies = {(o["unit"] or {}).get("code"): o for o in query.org(conn, "Huyện ủy")}
    assert set(bodies) == {"468", "615", None}  # Cam Lộ, Đắk Hà, and one with no place
    cam_lo = bodies["468"]
    assert cam_lo["name"] == "Huyện ủy Cam Lộ" and "Huyện ủy" in cam_lo["aliases"]
    assert cam_lo["documents"] == ["qt/2019-09-18-tong-ket", "qt/2020-05-10-cam-lo"]
    assert cam_lo["unit"]["province"] == "Quảng Trị"
    assert [(h["person"], h["title"], h["status"]) for h in cam_lo["holders"]] == \
        [("Lê Minh Tuấn", "Bí thư", "former")]
    assert bodies[None]["documents"] == ["kt/2019-09-20-quan-triet"]
    # a named body in two articles is one, its confidence combined: 1 - (1-0.95)(1-0.97)
    [qt] = query.org(conn, "Tỉnh ủy Quảng Trị")
    assert [(h["person_id"], h["confidence"]) for h in qt["holders"]] == [(qt["holders"][0]["person_id"], 0.9985)]
    assert [e["doc_id"] for e in qt["holders"][0]["evidence"]] == \
        ["qt/2019-09-18-tong-ket", "qt/2020-05-10-cam-lo"]


def test_short_name_shares_its_article_s_person_and_is_searchable(conn):
    people = query.person(conn, "hùng")
    full = [p for p in people if p["name"] == "Nguyễn Văn Hùng"]
    assert len(full) == 1 and full[0]["aliases"] == ["Hùng"]
    assert {m["text"] for m in full[0]["mentions"]} == {"Nguyễn Văn Hùng", "Hùng"}
    # "ông Hùng", Bí thư Tỉnh ủy Kon Tum, named only by his short name: never merged across articles
    short = [p for p in people if p["name"] == "Hùng"]
    assert len(short) == 1 and short[0]["documents"] == ["kt/2020-01-15-dak-ha"]


def test_namesakes_in_two_provinces_are_two_people(conn):
    people = query.person(conn, "Nguyễn Văn Hùng")
    assert len(people) == 2
    bodies = {p["positions"][0]["org"]: p["documents"] for p in people}
    assert bodies == {"Tỉnh ủy Quảng Trị": ["qt/2019-09-18-tong-ket", "qt/2020-05-10-cam-lo"],
                      "Tỉnh ủy Kon Tum": ["kt/2019-09-20-quan-triet"]}


def test_a_person_named_only_with_a_national_body_joins_by_the_article_s_province(tmp_path):
    """Three articles: a Phó Bí thư of Thành ủy TP.HCM; "Đại biểu Quốc hội" of the same name in
    a Hồ Chí Minh City article (one person); a Giám đốc Sở Tư pháp of that name, the body
    without a place, in a Hà Nội article (another person)."""
    kb = tmp_path / "kb.sqlite"
    build([ARTICLE_PROVINCE], kb)
    with closing(connect(kb)) as c:
        people = sorted(p["documents"] for p in query.person(c, "Trần Văn Lực"))
    assert people == [["hcm/2018-05-10-thanh-uy", "hcm/2018-06-02-tiep-xuc-cu-tri"],
                      ["hn/2018-06-03-so-tu-phap"]]


def test_one_head_title_in_two_bodies_at_one_date_is_two_people(tmp_path):
    """Lê Văn Nam, Bí thư Huyện ủy of two districts of Quảng Trị on the same day: the province
    agrees, the titles contradict, so two people; in 2021 the Hải Lăng one is the best supported."""
    kb = tmp_path / "kb.sqlite"
    build([NAMESAKES], kb)
    with closing(connect(kb)) as c:
        people = {p["positions"][0]["org"]: p["documents"] for p in query.person(c, "Lê Văn Nam")}
    assert people == {"Huyện ủy Cam Lộ": ["qt/2019-09-18-cam-lo-dai-hoi"],
                      "Huyện ủy Hải Lăng": ["qt/2019-09-18-hai-lang-dai-hoi", "qt/2021-04-02-hai-lang"]}


def test_one_person_across_three_articles_with_full_and_short_names(conn):
    [thang] = query.person(conn, "vu duc thang")  # case- and tone-insensitive
    assert thang["name"] == "Vũ Đức Thắng"
    assert set(thang["aliases"]) == {"Thắng", "Đức Thắng"}
    assert thang["documents"] == ["yb/2020-10-12-chi-dinh", "yb/2021-03-05-lam-viec",
                                  "yb/2024-06-20-bo-nhiem"]
    career = [(p["title"], p["org"], p["status"], p["date"] or p["first_seen"]) for p in thang["positions"]]
    assert career == [
        ("Thứ trưởng", "Bộ Xây dựng", "current", "2020-10-12"),
        ("Bí thư", "Tỉnh ủy Yên Bái", "appointed", "2020-10-12"),
        ("Thứ trưởng", "Bộ Xây dựng", "ended", "2020-10-12"),
        ("Bí thư", "Tỉnh ủy Yên Bái", "current", "2021-03-05"),
        ("Bộ trưởng", "Bộ Tài nguyên và Môi trường", "appointed", "2024-06-19"),
        ("Bí thư", "Tỉnh ủy Yên Bái", "former", "2024-06-20"),
    ]
    assert query.person(conn, "Đức Thắng") == [thang]  # an alias finds him too


def test_every_status_is_kept(conn):
    statuses = {r[0] for r in conn.execute("SELECT status FROM positions")}
    assert statuses == {"current", "former", "acting", "appointed", "ended"}
    [mai] = query.person(conn, "Trần Thị Mai")
    assert [(p["title"], p["org"], p["status"]) for p in mai["positions"]] == \
        [("Giám đốc", "Sở Nội vụ tỉnh Kon Tum", "acting")]
    [tuan] = query.person(conn, "Lê Minh Tuấn")  # former in two articles, one body: merged
    assert {(p["title"], p["org"], p["status"]) for p in tuan["positions"]} == \
        {("Bí thư", "Huyện ủy Cam Lộ", "former"), ("Tỉnh ủy viên", None, "current")}


def test_decision_decides_on_its_person_and_dates_the_appointment(conn):
    [decision] = query.document(conn, "439-QĐNS/TW")
    assert decision["decides_on"] == ["Vũ Đức Thắng"]
    assert decision["issuer"] == "Bộ Chính trị" and decision["issued_on"] == "2020-10-12"
    [position] = [p for p in query.position(conn, "Bí thư", "Tỉnh ủy Yên Bái") if p["status"] == "appointed"]
    assert position["decided_by"] == "Quyết định số 439-QĐNS/TW" and position["date"] == "2020-10-12"


def test_document_cited_by_code_in_several_articles_is_one(conn):
    [nq] = query.document(conn, "22-NQ/TW")
    assert nq["type"] == "Nghị quyết" and nq["number"] == "22"
    assert nq["issuer"] == "Ban Chấp hành Trung ương"
    assert len({m["doc_id"] for m in nq["mentions"]}) == 5
    assert set(nq["implemented_by"]) == {"Tỉnh ủy Quảng Trị", "Tỉnh ủy Kon Tum", "Huyện ủy Cam Lộ",
                                         "Huyện ủy Đăk Hà", "Huyện ủy"}


def test_older_output_without_refs_places_or_entities_still_builds(conn):
    [loi] = query.person(conn, "Hà Văn Lợi")
    assert [(p["title"], p["org"], p["status"]) for p in loi["positions"]] == \
        [("Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Kạn", "current")]
    assert loi["mentions"] == [{"doc_id": "old/bac-kan", "start": 4, "end": 14, "text": "Hà Văn Lợi"}]


def _counts(path: Path) -> dict:
    with closing(sqlite3.connect(path)) as c:
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "persons", "orgs", "documents", "positions", "facts", "evidence",
                          "names", "mentions")}


def test_incremental_builds_add_once_and_replace_changed_documents(tmp_path):
    kb = tmp_path / "kb.sqlite"
    first = build([BATCH1], kb)
    assert (first["added"], first["articles"]) == (3, 3)
    second = build([BATCH2], kb)
    assert (second["added"], second["unchanged"], second["articles"]) == (4, 0, 7)
    before = _counts(kb)
    again = build([BATCH1, BATCH2], kb)
    assert (again["added"], again["replaced"], again["unchanged"]) == (0, 0, 7)
    assert _counts(kb) == before

    changed = tmp_path / "batch1"
    shutil.copytree(BATCH1, changed)
    for name in ("annotations.jsonl", "triples.jsonl"):
        path = changed / name
        path.write_text(path.read_text(encoding="utf-8").replace("Quyền Giám đốc", "tân Giám đốc")
                        .replace('"status": "acting"', '"status": "appointed"'), encoding="utf-8")
    result = build([changed], kb)
    assert (result["replaced"], result["unchanged"]) == (1, 2)
    assert _counts(kb) == before
    with closing(connect(kb)) as c:
        [mai] = query.person(c, "Trần Thị Mai")
        assert [p["status"] for p in mai["positions"]] == ["appointed"]
        assert "tân Giám đốc" in mai["positions"][0]["evidence"][0]["text"]


def test_a_document_dropped_from_a_changed_article_leaves_no_trace(tmp_path):
    kb = tmp_path / "kb.sqlite"
    build([BATCH1], kb)
    changed = tmp_path / "batch1"
    shutil.copytree(BATCH1, changed)
    lines = (changed / "triples.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in lines if "Lê Minh Tuấn" not in line)
    (changed / "triples.jsonl").write_text(kept, encoding="utf-8")
    ann = changed / "annotations.jsonl"
    ann.write_text(ann.read_text(encoding="utf-8").replace("trình bày tham luận", "phát biểu"), encoding="utf-8")
    build([changed], kb)
    with closing(connect(kb)) as c:
        [tuan] = query.person(c, "Lê Minh Tuấn")  # still named in the article, no position left
        assert tuan["positions"] == []
        assert query.position(c, "Bí thư", "Huyện ủy Cam Lộ") == []


def test_cli_json_shapes(kb, capsys):
    code, out, _ = run(["kb", "person", "Vũ Đức Thắng", "--kb", str(kb), "--json"], capsys)
    [person] = json.loads(out)
    assert code == 0
    assert set(person) == {"id", "name", "aliases", "mentions", "documents", "positions"}
    assert person["id"].startswith("P")
    assert set(person["positions"][0]) == {"title", "org", "org_id", "status", "date", "first_seen",
                                           "last_seen", "decided_by", "evidence", "confidence"}
    assert set(person["positions"][0]["evidence"][0]) == {"doc_id", "start", "end", "text"}

    code, out, _ = run(["kb", "org", "Tỉnh ủy Yên Bái", "--kb", str(kb), "--json"], capsys)
    [org] = json.loads(out)
    assert set(org) == {"id", "name", "aliases", "unit", "holders", "issued", "implemented", "mentions",
                        "documents"}
    assert org["unit"] == {"name": "Yên Bái", "level": "province", "code": "15", "province": "Yên Bái",
                           "province_code": "15"}

    code, out, _ = run(["kb", "doc", "439-QĐNS/TW", "--kb", str(kb), "--json"], capsys)
    [doc] = json.loads(out)
    assert {"code", "type", "number", "issuer", "issued_on", "implemented_by", "decides_on",
            "mentions"} <= set(doc)
    assert doc["code"] == "439-QĐNS/TW"

    code, out, _ = run(["kb", "position", "Bí thư", "Tỉnh ủy Yên Bái", "--kb", str(kb), "--json"], capsys)
    rows = json.loads(out)
    assert [r["status"] for r in rows] == ["appointed", "current", "former"]  # date order
    assert {r["person"] for r in rows} == {"Vũ Đức Thắng"}


def test_cli_tables_and_errors(kb, tmp_path, capsys):
    code, out, _ = run(["kb", "position", "bi thu", "tinh uy quang tri", "--kb", str(kb)], capsys)
    assert code == 0
    assert out.splitlines()[0].split()[:4] == ["person", "person_id", "title", "org"]
    assert "Nguyễn Văn Hùng" in out and "qt/2020-05-10-cam-lo" in out
    code, _, err = run(["kb", "person", "Không Có Ai", "--kb", str(kb)], capsys)
    assert code == 1 and "no person matches" in err
    code, _, err = run(["kb", "person", "Hùng", "--kb", str(tmp_path / "missing.sqlite")], capsys)
    assert code == 2 and "no knowledge base" in err and "kb build" in err
    code, _, err = run(["kb", "build", str(tmp_path / "nothing"), "--kb", str(tmp_path / "k.sqlite")], capsys)
    assert code == 2 and "not an extract output" in err
    code, _, err = run(["kb", "export", "--kb", str(kb)], capsys)
    assert code == 2 and "--rdf" in err and "--neo4j" in err


def test_build_writes_datasette_metadata_and_career_query_answers(tmp_path, capsys):
    from datasette.app import Datasette

    out = tmp_path / "out"
    shutil.copytree(BATCH1, out)
    code, _, err = run(["kb", "build", str(out), str(BATCH2)], capsys)
    assert code == 0 and f"datasette {out / 'kb.sqlite'} -m {out / 'kb.metadata.json'}" in err
    metadata = json.loads((out / "kb.metadata.json").read_text(encoding="utf-8"))
    assert set(metadata["databases"]["kb"]["queries"]) == {"career", "holders", "documents_of"}

    async def ask():
        ds = Datasette([str(out / "kb.sqlite")], metadata=metadata)
        career = await ds.client.get("/kb/career.json", params={"name": "vu duc thang", "_shape": "array"})
        holders = await ds.client.get("/kb/holders.json", params={
            "title": "Bí thư", "body": "Tỉnh ủy Quảng Trị", "_shape": "array"})
        documents = await ds.client.get("/kb/documents_of.json", params={
            "body": "Tỉnh ủy Kon Tum", "_shape": "array"})
        table = await ds.client.get("/kb/positions.json")
        return career, holders, documents, table

    career, holders, documents, table = asyncio.run(ask())
    assert career.status_code == 200
    assert [(r["title"], r["body"], r["status"]) for r in career.json()][:2] == \
        [("Thứ trưởng", "Bộ Xây dựng", "current"), ("Bí thư", "Tỉnh ủy Yên Bái", "appointed")]
    assert len(career.json()) == 6
    assert [(r["person"], r["confidence"]) for r in holders.json()] == [("Nguyễn Văn Hùng", 0.9985)]
    assert [(r["relation"], r["code"]) for r in documents.json()] == [("implements", "22-NQ/TW")]
    assert {"status", "title"} <= set(table.json()["facet_results"])


def test_rdf_round_trip_and_sparql_for_a_career(conn, tmp_path):
    ttl = tmp_path / "kb.ttl"
    written = export_turtle(conn, ttl)
    graph = rdflib.Graph()
    graph.parse(ttl, format="turtle")
    assert len(graph) == written
    rows = graph.query("""
        SELECT ?title ?body ?status ?start ?decision WHERE {
            ?person rdfs:label "Vũ Đức Thắng"@vi ; p:P39 ?st .
            ?st ps:P39 ?position ; pq:P642 ?org ; kbp:status ?status .
            ?position rdfs:label ?title . ?org rdfs:label ?body .
            OPTIONAL { ?st pq:P580 ?start }
            OPTIONAL { ?st pq:P805 ?doc . ?doc rdfs:label ?decision }
        }""", initNs=PREFIXES)
    career = {(str(r.title), str(r.body), str(r.status), r.start, r.decision and str(r.decision)) for r in rows}
    assert ("Bí thư", "Tỉnh ủy Yên Bái", "appointed",
            rdflib.Literal("2020-10-12", datatype=rdflib.XSD.date), "Quyết định số 439-QĐNS/TW") in career
    assert {(t, b, s) for t, b, s, _, _ in career} == {
        ("Thứ trưởng", "Bộ Xây dựng", "current"), ("Bí thư", "Tỉnh ủy Yên Bái", "appointed"),
        ("Thứ trưởng", "Bộ Xây dựng", "ended"), ("Bí thư", "Tỉnh ủy Yên Bái", "current"),
        ("Bộ trưởng", "Bộ Tài nguyên và Môi trường", "appointed"), ("Bí thư", "Tỉnh ủy Yên Bái", "former")}
    # every statement keeps its evidence: a reference to the article it was stated in
    sources = graph.query("""SELECT (COUNT(?ref) AS ?n) WHERE {
        ?st a wikibase:Statement ; prov:wasDerivedFrom ?ref . ?ref pr:P248 ?article }""", initNs=PREFIXES)
    assert int(next(iter(sources))[0]) == conn.execute(
        "SELECT count(*) FROM evidence WHERE position_id IS NOT NULL").fetchone()[0]


def test_neo4j_csv_headers_and_ids(kb, tmp_path, capsys):
    folder = tmp_path / "neo4j"
    code, _, err = run(["kb", "export", "--neo4j", str(folder), "--kb", str(kb)], capsys)
    assert code == 0 and "neo4j-admin database import full" in err
    ids = set()
    for name in ("persons", "bodies", "documents", "titles", "articles"):
        with open(folder / f"{name}.csv", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][:2] == ["id:ID", ":LABEL"]
        ids |= {r[0] for r in rows[1:]}
    for name in ("holds_position", "has_title", "document_facts", "mentioned_in"):
        with open(folder / f"{name}.csv", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
        assert rows[1:] and all(r[0] in ids and r[1] in ids for r in rows[1:])
    with open(folder / "holds_position.csv", encoding="utf-8") as handle:
        assert "confidence:float" in next(csv.reader(handle))


def test_synthetic_outputs_are_deterministic_and_merge_their_officials(tmp_path):
    from pipeline.kb.synthetic import generate, identity_scores

    a, b = generate(tmp_path / "a", 300, seed=3), generate(tmp_path / "b", 300, seed=3)
    for name in ("annotations.jsonl", "entities.jsonl", "triples.jsonl", "truth.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    kb = tmp_path / "kb.sqlite"
    build([a], kb)
    scores = identity_scores(kb, a / "truth.jsonl")
    assert scores["b3_precision"] > 0.97 and scores["b3_recall"] > 0.97


def test_full_name_rule_is_one_for_refs_and_the_kb():
    """"Văn Hùng" opens with a middle name: short for extract's refs and for the KB alike, so
    refs joins it to the full name it ends and the KB never merges people by it."""
    from types import SimpleNamespace

    from pipeline import refs
    from pipeline.kb import keys

    for name, full in (("Văn Hùng", False), ("văn hùng", False), ("Thị Mai", False), ("Đức Duy", False),
                       ("Duy", False), ("Tô Lâm", True), ("lê duẩn", True), ("Nguyễn Văn Hùng", True)):
        assert refs.is_full_name(name) is full and keys.is_full_name(name) is full, name

    def per(text: str) -> SimpleNamespace:
        return SimpleNamespace(label_="PER", text=text, _=SimpleNamespace(canonical=None))

    assert refs.assign_refs([per("Nguyễn Văn Hùng"), per("Văn Hùng")]) == {0: "p1", 1: "p1"}


def test_build_and_recomputation_agree(tmp_path):
    """One position stated four times in an article, its combined confidence needing more than
    six places: the build folds each statement in; forgetting an article recomputes from
    the evidence. Both must give the same rows, people's names included."""
    from pipeline.kb import store

    out = tmp_path / "batch1"
    shutil.copytree(BATCH1, out)
    triples = (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()
    [mai] = [json.loads(line) for line in triples if '"Trần Thị Mai"' in line]
    extra = [json.dumps({**mai, "confidence": 0.1234567}, ensure_ascii=False)] * 3
    (out / "triples.jsonl").write_text("\n".join(triples + extra) + "\n", encoding="utf-8")
    kb = tmp_path / "kb.sqlite"
    build([out, BATCH2], kb)
    with closing(connect(kb)) as c:
        tables = {t: c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                  for t in ("positions", "facts", "persons")}
        store.refold(c, "positions", [r["id"] for r in tables["positions"]])
        store.refold(c, "facts", [r["id"] for r in tables["facts"]])
        for r in tables["persons"]:
            store.refresh_person_name(c, r["id"])
        assert {t: c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables} == tables
        [position] = query.person(c, "Trần Thị Mai")[0]["positions"]
        miss = (1 - mai["confidence"]) * (1 - 0.1234567) ** 3
        assert position["confidence"] == round(1 - miss, 4) and len(position["evidence"]) == 4


def test_cli_position_with_no_holder(kb, capsys):
    code, out, err = run(["kb", "position", "Bí thư", "Bộ Xây dựng", "--kb", str(kb)], capsys)
    assert (code, out) == (1, "") and "nobody held 'Bí thư' in a body named 'Bộ Xây dựng'" in err
