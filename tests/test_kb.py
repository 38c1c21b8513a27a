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
                                           "last_seen", "succeeded_by", "succeeded_on", "decided_by",
                                           "evidence", "confidence"}
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
    code, _, err = run(["kb", "build", str(BATCH1), "--kb", str(tmp_path)], capsys)  # a folder, no file
    assert code == 2 and f"{tmp_path}: cannot open a knowledge base there" in err


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


# Small extract outputs written by the tests: annotations.jsonl and triples.jsonl (as older
# outputs, no entities.jsonl: the build takes each entity from the triples that name it).
QUANG_TRI = {"name": "Quảng Trị", "level": "province", "code": "45", "province": "Quảng Trị",
             "province_code": "45", "system": "legacy"}
KON_TUM = {"name": "Kon Tum", "level": "province", "code": "62", "province": "Kon Tum",
           "province_code": "62", "system": "legacy"}
NGHE_AN = {"name": "Nghệ An", "level": "province", "code": "40", "province": "Nghệ An", "province_code": "40",
           "system": "legacy"}
HO_CHI_MINH = {"name": "Hồ Chí Minh", "level": "city", "code": "79", "province": "Hồ Chí Minh",
               "province_code": "79", "system": "legacy"}


def ent(label: str, text: str, ref: str, **extra) -> dict:
    """A triple's subject or object, written as `text` (canonical) by extract."""
    return {"text": text, "label": label, "mention": text, "ref": ref, **extra}


def fact(subject: dict, predicate: str, obj: dict, **qualifiers) -> dict:
    return {"subject": subject, "predicate": predicate, "object": obj, "qualifiers": qualifiers,
            "confidence": 0.9, "source": "model"}


def write_out(folder: Path, articles: dict[str, list[dict]], published: str = "2020-05-04",
              provinces: dict[str, str] | None = None) -> Path:
    """An extract output of `articles` (doc_id -> its triples): each triple is stated by a
    sentence of its own, subject then object, and the article's text is those sentences;
    `provinces`: the province code an article is about, by doc_id."""
    folder.mkdir(parents=True)
    annotations, triples = [], []
    for doc_id, facts in articles.items():
        text = ""
        for n, f in enumerate(facts):
            said = f"{f['subject']['text']}, {f['object']['text']}"
            triples.append({**f, "doc_id": doc_id, "evidence": {
                "start": len(text), "end": len(text) + len(said), "text": said, "sentence": n}})
            text += said + ". "
        meta = {"published": published, "province_code": (provinces or {}).get(doc_id)}
        annotations.append({"id": doc_id, "text": text, "meta": {k: v for k, v in meta.items() if v}})
    for name, rows in (("annotations.jsonl", annotations), ("triples.jsonl", triples)):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                   encoding="utf-8")
    return folder


def test_a_document_without_a_national_code_is_one_only_with_one_issuer(tmp_path):
    """"Quy chế làm việc" (no code) and "công văn số 7488" (a bare number) of different bodies
    are different documents; of one body in two articles, one; with no issuer stated, the
    article's own. A national code stays one document whoever the article says issued it."""
    ubnd_qt = ent("ORG", "Ủy ban nhân dân tỉnh Quảng Trị", "o1", place=QUANG_TRI)
    ubnd_kt = ent("ORG", "Ủy ban nhân dân tỉnh Kon Tum", "o1", place=KON_TUM)
    rules, letter = ent("DOC", "Quy chế làm việc", "d1"), ent("DOC", "công văn số 7488", "d2")
    nq22 = ent("DOC", "Nghị quyết số 22-NQ/TW", "d3", code={
        "code": "22-NQ/TW", "number": "22", "type": "NQ", "type_name": "Nghị quyết", "issuer": "TW",
        "issuer_name": "Trung ương", "year": None})
    out = write_out(tmp_path / "out", {
        "qt/1": [fact(rules, "issued_by", ubnd_qt),
                 fact(nq22, "issued_by", ent("ORG", "Ban Chấp hành Trung ương", "o2"))],
        "qt/2": [fact(rules, "issued_by", ubnd_qt)],
        "kt/1": [fact(rules, "issued_by", ubnd_kt), fact(nq22, "issued_by", ent("ORG", "Bộ Chính trị", "o2")),
                 fact(letter, "issued_by", ent("ORG", "Ban Thường vụ Tỉnh ủy Kon Tum", "o3", place=KON_TUM))],
        "qh/1": [fact(letter, "issued_by", ent("ORG", "Ủy ban Thường vụ Quốc hội", "o1"))],
        "kt/2": [fact(ent("ORG", "Sở Nội vụ tỉnh Kon Tum", "o1", place=KON_TUM), "implements", rules)],
    })
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        def by_issuer(name: str) -> dict:
            return {d["issuer"]: sorted({m["doc_id"] for m in d["mentions"]}) for d in query.document(c, name)}

        assert by_issuer("Quy chế làm việc") == {"Ủy ban nhân dân tỉnh Quảng Trị": ["qt/1", "qt/2"],
                                                 "Ủy ban nhân dân tỉnh Kon Tum": ["kt/1"], None: ["kt/2"]}
        assert by_issuer("công văn số 7488") == {"Ban Thường vụ Tỉnh ủy Kon Tum": ["kt/1"],
                                                 "Ủy ban Thường vụ Quốc hội": ["qh/1"]}
        [nq] = query.document(c, "22-NQ/TW")
        assert sorted({m["doc_id"] for m in nq["mentions"]}) == ["kt/1", "qt/1"]


def test_a_local_bodys_code_is_one_document_only_with_one_issuer(tmp_path):
    """Every province's party committee numbers its own plans: "45-KH/TU" of Quảng Trị and of
    Kon Tum are two documents, of Quảng Trị in two articles one."""
    plan = ent("DOC", "Kế hoạch số 45-KH/TU", "d1", code={
        "code": "45-KH/TU", "number": "45", "type": "KH", "type_name": "Kế hoạch", "issuer": "TU",
        "issuer_name": "Tỉnh ủy/Thành ủy", "year": None})
    qt, kt = (ent("ORG", f"Tỉnh ủy {name}", "o1", place=place)
              for name, place in (("Quảng Trị", QUANG_TRI), ("Kon Tum", KON_TUM)))
    out = write_out(tmp_path / "out", {"qt/1": [fact(plan, "issued_by", qt)], "qt/2": [fact(plan, "issued_by", qt)],
                                       "kt/1": [fact(plan, "issued_by", kt)]})
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        found = {d["issuer"]: sorted({m["doc_id"] for m in d["mentions"]}) for d in query.document(c, "45-KH/TU")}
    assert found == {"Tỉnh ủy Quảng Trị": ["qt/1", "qt/2"], "Tỉnh ủy Kon Tum": ["kt/1"]}


def test_queries_take_names_as_newspapers_write_them(tmp_path, capsys):
    """Abbreviated bodies (UBND, MTTQ, HĐND TP.HCM), titles (PCT) and codes written loosely
    ("22 - NQ/T.Ư") find what the KB holds under the pipeline's canonical names."""
    ubnd = ent("ORG", "Ủy ban nhân dân tỉnh Quảng Trị", "o1", place=QUANG_TRI)
    out = write_out(tmp_path / "out", {"qt/1": [
        fact(ent("PER", "Hoàng Văn Minh", "p1"), "holds_position", ubnd, title="Chủ tịch"),
        fact(ent("PER", "Lê Thị Lan", "p2"), "holds_position",
             ent("ORG", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Trị", "o2", place=QUANG_TRI),
             title="Phó Chủ tịch"),
        fact(ent("PER", "Trần Văn Tâm", "p3"), "holds_position",
             ent("ORG", "Hội đồng nhân dân thành phố Hồ Chí Minh", "o3", place=HO_CHI_MINH), title="Chủ tịch"),
        fact(ubnd, "implements", ent("DOC", "Nghị quyết số 22-NQ/TW", "d1", code={
            "code": "22-NQ/TW", "number": "22", "type": "NQ", "type_name": "Nghị quyết", "issuer": "TW",
            "issuer_name": "Trung ương", "year": None})),
    ]})
    kb = str(tmp_path / "kb.sqlite")
    build([out], Path(kb))
    code, out_text, _ = run(["kb", "org", "UBND tỉnh Quảng Trị", "--kb", kb], capsys)
    assert code == 0 and out_text.startswith("O1  Ủy ban nhân dân tỉnh Quảng Trị")
    code, out_text, _ = run(["kb", "position", "Chủ tịch", "UBND tỉnh Quảng Trị", "--kb", kb, "--json"], capsys)
    assert code == 0 and [r["person"] for r in json.loads(out_text)] == ["Hoàng Văn Minh"]
    code, out_text, _ = run(["kb", "position", "PCT", "Ủy ban MTTQ Việt Nam tỉnh Quảng Trị", "--kb", kb,
                             "--json"], capsys)
    assert code == 0 and [r["person"] for r in json.loads(out_text)] == ["Lê Thị Lan"]
    code, out_text, _ = run(["kb", "org", "HĐND TP.HCM", "--kb", kb, "--json"], capsys)
    assert code == 0 and [o["holders"][0]["person"] for o in json.loads(out_text)] == ["Trần Văn Tâm"]
    code, out_text, _ = run(["kb", "doc", "Nghị quyết 22 - NQ/T.Ư", "--kb", kb, "--json"], capsys)
    assert code == 0 and [(d["code"], d["implemented_by"]) for d in json.loads(out_text)] == \
        [("22-NQ/TW", ["Ủy ban nhân dân tỉnh Quảng Trị"])]


def test_titles_that_fold_alike_are_distinct_nodes_in_neo4j_and_rdf(tmp_path, capsys):
    """"Tổ trưởng" and "Tổ trường" (a typo), "Thứ trưởng" and "Thủ trưởng" fold to one slug
    but are different titles; "Phó Hiệu trưởng" and "Phó hiệu trưởng" are one."""
    titles = ["Tổ trưởng", "Tổ trường", "Thứ trưởng", "Thủ trưởng", "Phó Hiệu trưởng", "Phó hiệu trưởng"]
    names = ["Nguyễn Văn An", "Trần Văn Bảo", "Lê Văn Cường", "Phạm Văn Dũng", "Hoàng Văn Em", "Võ Văn Phúc"]
    out = write_out(tmp_path / "out", {"qt/1": [
        fact(ent("PER", name, f"p{n}"), "has_title", ent("TITLE", title, f"t{n}"))
        for n, (name, title) in enumerate(zip(names, titles))]})
    kb = tmp_path / "kb.sqlite"
    build([out], kb)
    code, _, _ = run(["kb", "export", "--neo4j", str(tmp_path / "neo4j"), "--rdf", str(tmp_path / "kb.ttl"),
                      "--kb", str(kb)], capsys)
    assert code == 0
    with open(tmp_path / "neo4j" / "titles.csv", encoding="utf-8") as handle:
        nodes = {row[2]: row[0] for row in list(csv.reader(handle))[1:]}
    with open(tmp_path / "neo4j" / "has_title.csv", encoding="utf-8") as handle:
        edges = {row[3]: row[1] for row in list(csv.reader(handle))[1:]}
    assert set(nodes) == {"Tổ trưởng", "Tổ trường", "Thứ trưởng", "Thủ trưởng", "Phó Hiệu trưởng"}
    assert len(set(nodes.values())) == 5 and nodes["Tổ trưởng"].startswith("T-to-truong-")
    assert {title: edges[title] for title in titles} == {**{t: nodes.get(t) for t in titles},
                                                        "Phó hiệu trưởng": nodes["Phó Hiệu trưởng"]}
    graph = rdflib.Graph()
    graph.parse(tmp_path / "kb.ttl", format="turtle")
    rows = graph.query("""SELECT ?person ?label WHERE {
        ?p rdfs:label ?person ; wdt:P39 ?title . ?title rdfs:label ?label }""", initNs=PREFIXES)
    assert sorted((str(r.person), str(r.label)) for r in rows) == sorted(
        zip(names, [*titles[:5], "Phó Hiệu trưởng"]))


def test_a_changed_article_has_who_is_who_decided_again_as_a_fresh_build(tmp_path):
    """Nguyễn Văn Bình of qt/2 (Quảng Trị) and of kt/3 (Kon Tum) are one person only through
    cv/1, which names him in both provinces. Extracted again (`--min-confidence`), cv/1
    loses those positions, its annotations line unchanged: the KB built from the first
    output and then the second must be the one a fresh build of the second makes."""
    binh = ent("PER", "Nguyễn Văn Bình", "p1")
    first = write_out(tmp_path / "first", {
        "cv/1": [fact(binh, "holds_position", ent("ORG", "Tỉnh ủy Quảng Trị", "o1", place=QUANG_TRI),
                      title="Phó Bí thư", status="former"),
                 fact(binh, "holds_position", ent("ORG", "Tỉnh ủy Kon Tum", "o2", place=KON_TUM), title="Bí thư")],
        "qt/2": [fact(binh, "holds_position", ent("ORG", "Ủy ban nhân dân tỉnh Quảng Trị", "o1", place=QUANG_TRI),
                      title="Phó Chủ tịch")],
        "kt/3": [fact(binh, "holds_position", ent("ORG", "Hội đồng nhân dân tỉnh Kon Tum", "o1", place=KON_TUM),
                      title="Chủ tịch")],
    })
    second = tmp_path / "second"
    shutil.copytree(first, second)
    lines = (second / "triples.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (second / "triples.jsonl").write_text("".join(line for line in lines if '"cv/1"' not in line),
                                          encoding="utf-8")

    def people(kb: Path) -> list[list[str]]:
        with closing(connect(kb)) as c:
            return sorted(p["documents"] for p in query.person(c, "Nguyễn Văn Bình"))

    fresh, incremental = tmp_path / "fresh.sqlite", tmp_path / "incremental.sqlite"
    build([second], fresh)
    assert people(fresh) == [["kt/3"], ["qt/2"]]
    build([first], incremental)
    assert people(incremental) == [["cv/1", "kt/3", "qt/2"]]
    result = build([second], incremental)
    assert people(incremental) == people(fresh) and _counts(incremental) == _counts(fresh)
    assert (result["replaced"], result["unchanged"], result["redone"]) == (1, 2, True)


def test_a_changed_article_is_replaced_in_place_when_the_kb_has_more_articles(tmp_path):
    """The KB holds an article none of the outputs given has: who is who cannot be decided
    again from them all, so the changed article is replaced in place, and the build says so."""
    binh = ent("PER", "Nguyễn Văn Bình", "p1")
    first = write_out(tmp_path / "first", {"qt/1": [
        fact(binh, "holds_position", ent("ORG", "Tỉnh ủy Quảng Trị", "o1", place=QUANG_TRI), title="Bí thư")]})
    other = write_out(tmp_path / "other", {"qt/2": [
        fact(binh, "holds_position", ent("ORG", "Ủy ban nhân dân tỉnh Quảng Trị", "o1", place=QUANG_TRI),
             title="Chủ tịch")]})
    changed = tmp_path / "changed"
    shutil.copytree(first, changed)
    triples = changed / "triples.jsonl"
    triples.write_text(triples.read_text(encoding="utf-8").replace('"Bí thư"', '"Phó Bí thư"'), encoding="utf-8")
    kb = tmp_path / "kb.sqlite"
    build([first], kb)
    build([other], kb)
    said: list[str] = []
    result = build([changed], kb, log=said.append)
    assert (result["replaced"], result["redone"]) == (1, False)
    assert said == ["1 changed article(s) replaced in place: who is who is not decided again, as 1 "
                    "article(s) of the KB are in none of these outputs; give them all to `kb build`, "
                    "or build into a new file, to have it decided again"]
    with closing(connect(kb)) as c:
        [person] = query.person(c, "Nguyễn Văn Bình")
        assert sorted(p["title"] for p in person["positions"]) == ["Chủ tịch", "Phó Bí thư"]


def test_the_holder_of_a_national_post_is_one_person_across_articles(tmp_path):
    """"Tổng Bí thư Nguyễn Phú Trọng" names no body and no province: the post, which the country
    has one holder of, is what the articles share. A namesake with another post stays apart.
    Two national posts make one person too: the Thủ tướng of one article is the Chủ tịch nước
    of another, and the Bộ trưởng Công an the Tổng Bí thư (the pool KB had each as two); the
    head of a central body is one such post ("Trưởng Ban Tổ chức Trung ương" later "Thủ
    tướng"), not the head of a body the centre runs in a province ("Giám đốc Bệnh viện Trung
    ương Huế"), whose namesake Thủ tướng stays apart; so is a seat in the Politburo."""
    gs = ent("TITLE", "Tổng Bí thư", "t1")
    phuc, lam = ent("PER", "Nguyễn Xuân Phúc", "p1"), ent("PER", "Tô Lâm", "p1")
    out = write_out(tmp_path / "out", {
        "e/1": [fact(phuc, "holds_position", ent("ORG", "Chính phủ", "o1"), title="Thủ tướng")],
        "e/2": [fact(phuc, "has_title", ent("TITLE", "Chủ tịch nước", "t1"))],
        "f/1": [fact(lam, "holds_position", ent("ORG", "Bộ Công an", "o1"), title="Bộ trưởng")],
        "f/2": [fact(lam, "has_title", gs)],
        "g/1": [fact(ent("PER", "Phạm Minh Chính", "p1"), "holds_position",
                     ent("ORG", "Ban Tổ chức Trung ương", "o1"), title="Trưởng")],
        "g/2": [fact(ent("PER", "Phạm Minh Chính", "p1"), "has_title", ent("TITLE", "Thủ tướng", "t1"))],
        "g/3": [fact(ent("PER", "Phạm Minh Chính", "p1"), "holds_position",
                     ent("ORG", "Bệnh viện Trung ương Huế", "o1"), title="Giám đốc")],
        "h/1": [fact(ent("PER", "Nguyễn Minh Triết", "p1"), "holds_position",
                     ent("ORG", "Bộ Chính trị", "o1"), title="Ủy viên")],
        "h/2": [fact(ent("PER", "Nguyễn Minh Triết", "p1"), "has_title", ent("TITLE", "Chủ tịch nước", "t1"))],
        "a/1": [fact(ent("PER", "Nguyễn Phú Trọng", "p1"), "has_title", gs)],
        "b/1": [fact(ent("PER", "Nguyễn Phú Trọng", "p1"), "has_title", gs)],
        "c/1": [fact(ent("PER", "Nguyễn Phú Trọng", "p1"), "has_title", ent("TITLE", "Tổng Bí thư", "t1"),
                     status="former")],
        "d/1": [fact(ent("PER", "Nguyễn Phú Trọng", "p1"), "holds_position",
                     ent("ORG", "Ủy ban nhân dân tỉnh Kon Tum", "o1", place=KON_TUM), title="Phó Chủ tịch")],
    })
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        people = query.person(c, "Nguyễn Phú Trọng")
    assert sorted(sorted({m["doc_id"] for m in p["mentions"]}) for p in people) == [["a/1", "b/1", "c/1"], ["d/1"]]
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        assert [p["documents"] for p in query.person(c, "Nguyễn Xuân Phúc")] == [["e/1", "e/2"]]
        assert [p["documents"] for p in query.person(c, "Tô Lâm")] == [["f/1", "f/2"]]
        assert sorted(p["documents"] for p in query.person(c, "Phạm Minh Chính")) == [["g/1", "g/2"], ["g/3"]]
        assert [p["documents"] for p in query.person(c, "Nguyễn Minh Triết")] == [["h/1", "h/2"]]


def test_a_body_is_one_however_its_place_is_written(tmp_path):
    """The gazetteer names unit 46 "Huế"; articles write "Thừa Thiên Huế" and "Thừa Thiên -
    Huế". "Tỉnh ủy" of either spelling is one body (the pool KB had 23 such pairs), "Thành ủy
    Huế" another; a body named by its province alone keeps one name ("Bà Rịa - Vũng Tàu", not
    "Bà Rịa - Vũng Tàu Bà Rịa - Vũng Tàu"). A body whose name ends with its province, with no
    level word and no place given ("Sở Y tế Nghệ An"), is that province's ("Sở Y tế tỉnh Nghệ
    An"); "Học viện Chính trị quốc gia Hồ Chí Minh" is named after the man, not the city."""
    hue = {"name": "Huế", "level": "city", "code": "46", "province": "Huế", "province_code": "46",
           "system": "legacy"}
    brvt = {"name": "Bà Rịa - Vũng Tàu", "level": "province", "code": "77", "province": "Bà Rịa - Vũng Tàu",
            "province_code": "77", "system": "legacy"}
    out = write_out(tmp_path / "out", {
        "h/1": [fact(ent("PER", "Lê Trường Lưu", "p1"), "holds_position",
                     ent("ORG", "Tỉnh ủy Thừa Thiên Huế", "o1", place=hue), title="Bí thư")],
        "h/2": [fact(ent("PER", "Phan Ngọc Thọ", "p1"), "holds_position",
                     ent("ORG", "Tỉnh ủy Thừa Thiên - Huế", "o1", place=hue), title="Phó Bí thư")],
        "h/3": [fact(ent("PER", "Nguyễn Văn Phương", "p1"), "holds_position",
                     ent("ORG", "Thành ủy Huế", "o1", place=hue), title="Bí thư")],
        "b/1": [fact(ent("PER", "Nguyễn Văn Thọ", "p1"), "holds_position",
                     ent("ORG", "Bà Rịa - Vũng Tàu", "o1", place=brvt), title="Trưởng đoàn")],
        "n/1": [fact(ent("PER", "Dương Đình Chỉnh", "p1"), "holds_position",
                     ent("ORG", "Sở Y tế Nghệ An", "o1"), title="Giám đốc")],
        "n/2": [fact(ent("PER", "Dương Đình Chỉnh", "p1"), "holds_position",
                     ent("ORG", "Sở Y tế tỉnh Nghệ An", "o1", place=NGHE_AN), title="Giám đốc")],
        "v/1": [fact(ent("PER", "Nguyễn Xuân Thắng", "p1"), "holds_position",
                     ent("ORG", "Học viện Chính trị quốc gia Hồ Chí Minh", "o1"), title="Giám đốc")]})
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        names = dict(c.execute("SELECT name, count(*) FROM orgs GROUP BY 1"))
        [committee] = query.org(c, "Tỉnh ủy Thừa Thiên - Huế")
        [health] = query.org(c, "Sở Y tế Nghệ An")
        [academy] = query.org(c, "Học viện Chính trị quốc gia Hồ Chí Minh")
    assert names == {"Tỉnh ủy Thừa Thiên Huế": 1, "Thành ủy Huế": 1, "Bà Rịa - Vũng Tàu": 1,
                     "Sở Y tế Nghệ An": 1, "Học viện Chính trị quốc gia Hồ Chí Minh": 1}
    assert sorted(h["person"] for h in committee["holders"]) == ["Lê Trường Lưu", "Phan Ngọc Thọ"]
    assert health["unit"]["code"] == "40" and health["documents"] == ["n/1", "n/2"]
    assert academy["unit"] is None


def test_a_local_body_named_without_a_place_is_one_per_province(tmp_path):
    """"Sở Nội vụ" of a Kon Tum article is the Kon Tum department, whose full name another Kon
    Tum article gives; of a Hà Nội article another body; of an article about no known province,
    or of a digest whose bodies are of several provinces, none most, that article's own. Its
    namesake holders in the two provinces are two people. A national body named without a
    place ("Bộ Nội vụ") stays one body for the country."""
    so, bo = ent("ORG", "Sở Nội vụ", "o1"), ent("ORG", "Bộ Nội vụ", "o2")
    binh = ent("PER", "Nguyễn Minh Bình", "p1")
    out = write_out(tmp_path / "out", {
        "kt/1": [fact(binh, "holds_position", so, title="Giám đốc"),
                 fact(ent("PER", "Lê Văn Tâm", "p2"), "holds_position", bo, title="Thứ trưởng")],
        "kt/2": [fact(ent("PER", "Trần Thị Hoa", "p1"), "holds_position",
                      ent("ORG", "Sở Nội vụ tỉnh Kon Tum", "o1", place=KON_TUM), title="Phó Giám đốc")],
        "hn/1": [fact(binh, "holds_position", so, title="Giám đốc"),
                 fact(ent("PER", "Lê Văn Tâm", "p2"), "holds_position", bo, title="Thứ trưởng")],
        "x/1": [fact(ent("PER", "Phạm Văn Đức", "p1"), "holds_position", so, title="Giám đốc")],
        "dg/1": [fact(ent("PER", "Đỗ Văn Lâm", "p1"), "holds_position", so, title="Giám đốc"),
                 fact(ent("PER", "Hồ Văn Sơn", "p2"), "holds_position",
                      ent("ORG", "Tỉnh ủy Quảng Trị", "o2", place=QUANG_TRI), title="Bí thư"),
                 fact(ent("PER", "Mai Văn Tú", "p3"), "holds_position",
                      ent("ORG", "Tỉnh ủy Kon Tum", "o3", place=KON_TUM), title="Bí thư")],
    }, provinces={"kt/1": "62", "kt/2": "62", "hn/1": "01", "dg/1": "62"})
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        bodies = sorted(((o["unit"] or {}).get("name") or "", o["documents"], sorted(h["person"] for h in o["holders"]))
                        for o in query.org(c, "Sở Nội vụ"))
        assert bodies == [("", ["dg/1"], ["Đỗ Văn Lâm"]), ("", ["x/1"], ["Phạm Văn Đức"]),
                          ("Hà Nội", ["hn/1"], ["Nguyễn Minh Bình"]),
                          ("Kon Tum", ["kt/1", "kt/2"], ["Nguyễn Minh Bình", "Trần Thị Hoa"])]
        assert sorted(p["documents"] for p in query.person(c, "Nguyễn Minh Bình")) == [["hn/1"], ["kt/1"]]
        [ministry] = query.org(c, "Bộ Nội vụ")
        assert ministry["documents"] == ["hn/1", "kt/1"] and ministry["unit"] is None
    from pipeline.kb.keys import is_bare_body, is_local_body

    local = ["Sở", "Sở KH&ĐT", "Ban Thường vụ", "Ban Cán sự đảng", "Đảng đoàn", "Hội đồng quản trị",
             "Hội đồng thành viên", "Văn phòng Thành ủy", "Tỉnh đoàn", "Phòng Tổng hợp", "Ban Nội chính Tỉnh ủy"]
    national = ["Ban Chấp hành Trung ương", "Bộ Chính trị", "Quốc hội", "Chính phủ", "Bộ Nội vụ",
                "Ban Tuyên giáo Trung ương", "Quân ủy Trung ương", "Ủy ban Thường vụ Quốc hội",
                "Văn phòng Chính phủ", "Tòa án nhân dân tối cao", "Quân khu 5", "Tổng cục Chính trị",
                "Học viện Chính trị quốc gia Hồ Chí Minh", "Ban Cán sự đảng Bộ Y tế", "Đảng đoàn Quốc hội",
                "Phòng Thương mại và Công nghiệp Việt Nam", "Sở Nội vụ tỉnh Kon Tum", "Sở Nội vụ Hà Tĩnh"]
    assert [n for n in local if not is_local_body(n)] == [] and [n for n in national if is_local_body(n)] == []
    assert is_bare_body("Ủy ban nhân dân") and not is_local_body("Ủy ban nhân dân")  # of any level: its article's


def test_a_board_a_province_has_many_of_stays_its_articles(tmp_path):
    """A "Ban Thường vụ" named alone is of the province's party committee or of one of its
    districts': two Kon Tum articles' are two bodies. "Văn phòng Thành ủy" is the province's
    own in a city run by the centre (Hà Nội), one body across its articles."""
    btv, office = ent("ORG", "Ban Thường vụ", "o1"), ent("ORG", "Văn phòng Thành ủy", "o1")
    out = write_out(tmp_path / "out", {
        "kt/1": [fact(ent("PER", "Nguyễn Văn Nam", "p1"), "holds_position", btv, title="Ủy viên")],
        "kt/2": [fact(ent("PER", "Lê Thị Mai", "p1"), "holds_position", btv, title="Ủy viên")],
        "hn/1": [fact(ent("PER", "Trần Văn Khoa", "p1"), "holds_position", office, title="Chánh")],
        "hn/2": [fact(ent("PER", "Phạm Thị Lan", "p1"), "holds_position", office, title="Phó Chánh")],
    }, provinces={"kt/1": "62", "kt/2": "62", "hn/1": "01", "hn/2": "01"})
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        assert sorted(o["documents"] for o in query.org(c, "Ban Thường vụ")) == [["kt/1"], ["kt/2"]]
        [hanoi] = query.org(c, "Văn phòng Thành ủy")
        assert hanoi["documents"] == ["hn/1", "hn/2"] and hanoi["unit"]["name"] == "Hà Nội"


def test_a_post_stated_current_in_articles_of_two_dates_is_one_row_seen_over_both(tmp_path):
    """A current post told in a 2019 and a 2020 article is one position, first seen in 2019 and
    last in 2020 (the articles' dates are when it was seen, not dates of the post); its
    appointment stays an event at its article's date."""
    quang, tu = ent("PER", "Hoàng Đăng Quang", "p1"), ent("ORG", "Tỉnh ủy Quảng Bình", "o1")
    early = write_out(tmp_path / "2019", {"qb/1": [fact(quang, "holds_position", tu, title="Bí thư",
                                                          status="appointed", date="2019-05-04")]},
                      published="2019-05-04")
    for folder, doc_id, published in (("2019b", "qb/2", "2019-09-01"), ("2020", "qb/3", "2020-03-02")):
        write_out(tmp_path / folder, {doc_id: [fact(quang, "holds_position", tu, title="Bí thư", status="current",
                                                    date=published)]}, published=published)
    build([early, tmp_path / "2019b", tmp_path / "2020"], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        [person] = query.person(c, "Hoàng Đăng Quang")
    rows = [(p["status"], p["date"], p["first_seen"], p["last_seen"]) for p in person["positions"]]
    assert rows == [("appointed", "2019-05-04", "2019-05-04", "2019-05-04"),
                    ("current", None, "2019-09-01", "2020-03-02")]


def _succession_kb(tmp_path: Path) -> Path:
    """A KB of Thành ủy Hồ Chí Minh: Bí thư Nhân seen in 2019 and 2020, then Nên in 2022;
    two Phó Bí thư (a post several hold at once) in 2019 and 2022; and two "Bí thư" of the
    party's Central Committee (members of its Secretariat, several at once) in 2019 and 2022."""
    body, central = ent("ORG", "Thành ủy Hồ Chí Minh", "o1"), ent("ORG", "Ban Chấp hành Trung ương", "o1")
    for folder, doc_id, published, person, title in (
            ("a", "hcm/1", "2019-03-01", "Nguyễn Thiện Nhân", "Bí thư"),
            ("b", "hcm/2", "2020-06-01", "Nguyễn Thiện Nhân", "Bí thư"),
            ("c", "hcm/3", "2022-01-10", "Nguyễn Văn Nên", "Bí thư"),
            ("d", "hcm/4", "2019-03-01", "Võ Văn Thưởng", "Phó Bí thư"),
            ("e", "hcm/5", "2022-01-10", "Phan Văn Mãi", "Phó Bí thư"),
            ("f", "tw/1", "2019-03-01", "Võ Văn Thưởng", "Bí thư"),
            ("g", "tw/2", "2022-01-10", "Trương Thị Mai", "Bí thư")):
        organ = central if doc_id.startswith("tw/") else body
        write_out(tmp_path / folder, {doc_id: [fact(ent("PER", person, "p1"), "holds_position", organ, title=title,
                                                    status="current", date=published)]}, published=published)
    build([tmp_path / f for f in "abcdefg"], tmp_path / "kb.sqlite")
    return tmp_path / "kb.sqlite"


def test_a_head_posts_holder_shows_who_was_seen_in_it_next(tmp_path, capsys):
    """`kb position`: the Bí thư seen in 2019-2020 shows the one a 2022 article names as his
    successor, and the date; the last holder, and a deputy's post (several at once), show none."""
    kb = _succession_kb(tmp_path)
    with closing(connect(kb)) as c:
        heads = [(p["person"], p["first_seen"], p["last_seen"], p["succeeded_by"], p["succeeded_on"])
                 for p in query.position(c, "Bí thư", "Thành ủy Hồ Chí Minh")]
        deputies = [p["succeeded_by"] for p in query.position(c, "Phó Bí thư", "Thành ủy Hồ Chí Minh")]
    assert heads == [("Nguyễn Thiện Nhân", "2019-03-01", "2020-06-01", "Nguyễn Văn Nên", "2022-01-10"),
                     ("Nguyễn Văn Nên", "2022-01-10", "2022-01-10", None, None)]
    assert deputies == [None, None]
    with closing(connect(kb)) as c:
        assert [p["succeeded_by"] for p in query.position(c, "Bí thư", "Ban Chấp hành Trung ương")] == [None, None]
        [nhan] = query.person(c, "Nguyễn Thiện Nhân")
    assert [(p["succeeded_by"], p["succeeded_on"]) for p in nhan["positions"]] == [("Nguyễn Văn Nên", "2022-01-10")]
    code, out, _ = run(["kb", "position", "Bí thư", "Thành ủy TP.HCM", "--kb", str(kb)], capsys)
    assert code == 0 and "succeeded_by" in out and "Nguyễn Văn Nên  2022-01-10" in out


def test_a_successor_reaches_datasette_rdf_and_neo4j(tmp_path, capsys):
    """Who came next in a head post is in every way out of the KB: Datasette's `holders`
    query, the RDF statement (Wikidata's P1366 "replaced by", with the date), and the Neo4j
    HOLDS_POSITION row (the successor's node id). A KB whose file lacks the view (made before
    it existed) gains it when opened."""
    from datasette.app import Datasette

    kb = _succession_kb(tmp_path)
    with closing(sqlite3.connect(kb)) as raw:
        raw.execute("DROP VIEW successions")
    with closing(connect(kb)) as c:
        nhan, nen = (query.person(c, name)[0]["id"] for name in ("Nguyễn Thiện Nhân", "Nguyễn Văn Nên"))
        export_turtle(c, tmp_path / "kb.ttl")
    metadata = json.loads((tmp_path / "kb.metadata.json").read_text(encoding="utf-8"))

    async def ask():
        ds = Datasette([str(kb)], metadata=metadata)
        return await ds.client.get("/kb/holders.json", params={
            "title": "bi thu", "body": "Thành ủy Hồ Chí Minh", "_shape": "array"})

    holders = asyncio.run(ask())
    assert holders.status_code == 200
    assert [(r["person"], r["succeeded_by"], r["succeeded_on"]) for r in holders.json()] == [
        ("Nguyễn Thiện Nhân", "Nguyễn Văn Nên", "2022-01-10"), ("Nguyễn Văn Nên", None, None)]

    graph = rdflib.Graph().parse(tmp_path / "kb.ttl", format="turtle")
    rows = graph.query("""SELECT ?holder ?next ?on WHERE {
        ?p rdfs:label ?holder ; p:P39 ?st . ?st pq:P1366 ?n ; kbp:succeededOn ?on . ?n rdfs:label ?next }""",
                       initNs=PREFIXES)
    assert [(str(r.holder), str(r.next), r.on) for r in rows] == [
        ("Nguyễn Thiện Nhân", "Nguyễn Văn Nên", rdflib.Literal("2022-01-10", datatype=rdflib.XSD.date))]

    code, _, _ = run(["kb", "export", "--neo4j", str(tmp_path / "neo4j"), "--kb", str(kb)], capsys)
    with open(tmp_path / "neo4j" / "holds_position.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    successors = {r[":START_ID"]: (r["succeeded_by"], r["succeeded_on"]) for r in rows}
    assert code == 0 and len(rows) == 6 and successors.pop(nhan) == (nen, "2022-01-10")
    assert set(successors.values()) == {("", "")}  # the last Bí thư, the deputies, the Secretariat


def _articles(position: dict) -> list[str]:
    return sorted({e["doc_id"] for e in position["evidence"]})


def test_people_of_one_full_name_who_share_a_nationwide_post_are_one(tmp_path):
    """Hoàng Văn Dũng, Thứ trưởng of "Bộ Công an" (a body for the country) in a/1, and a Ủy viên
    Trung ương with no other context in b/1, both "Trung tướng", are two KB people until c/1
    says he is both: then they are one, and so is their rank. "Phó Thủ tướng" named without a
    body is a national post: one person across articles. Namesake deputies of two provinces
    stay two, though d/4 ties them through "Đại biểu Quốc hội"."""
    from pipeline.kb import store

    dung, rank = ent("PER", "Hoàng Văn Dũng", "p1"), ent("TITLE", "Trung tướng", "t1")
    police, cc = ent("ORG", "Bộ Công an", "o1"), ent("ORG", "Ban Chấp hành Trung ương", "o2")
    deputy = ent("PER", "Lý Văn Hải", "p1")
    assembly = ent("ORG", "Quốc hội", "o1")
    qt, kt = (ent("ORG", "Tỉnh ủy Quảng Trị", "o2", place=QUANG_TRI),
              ent("ORG", "Ủy ban nhân dân tỉnh Kon Tum", "o2", place=KON_TUM))
    out = write_out(tmp_path / "out", {
        "a/1": [fact(dung, "holds_position", police, title="Thứ trưởng"), fact(dung, "has_title", rank)],
        "b/1": [fact(dung, "holds_position", cc, title="Ủy viên"), fact(dung, "has_title", rank)],
        "c/1": [fact(dung, "holds_position", cc, title="Ủy viên"),
                fact(dung, "holds_position", police, title="Thứ trưởng")],
        "e/1": [fact(ent("PER", "Vũ Đức Đam", "p1"), "has_title", ent("TITLE", "Phó Thủ tướng", "t1"))],
        "e/2": [fact(ent("PER", "Vũ Đức Đam", "p1"), "has_title", ent("TITLE", "Phó Thủ tướng", "t1"))],
        "d/1": [fact(deputy, "holds_position", qt, title="Bí thư")],
        "d/2": [fact(deputy, "holds_position", kt, title="Chủ tịch")],
        "d/3": [fact(deputy, "holds_position", assembly, title="Đại biểu"),
                fact(deputy, "holds_position", qt, title="Bí thư")],
        "d/4": [fact(deputy, "holds_position", assembly, title="Đại biểu"),
                fact(deputy, "holds_position", kt, title="Chủ tịch")],
    })
    build([out], tmp_path / "kb.sqlite")
    with closing(connect(tmp_path / "kb.sqlite")) as c:
        [dung_kb] = query.person(c, "Hoàng Văn Dũng")
        assert dung_kb["documents"] == ["a/1", "b/1", "c/1"]
        assert sorted((p["title"], p["org"], p["confidence"], _articles(p)) for p in dung_kb["positions"]) == [
            ("Thứ trưởng", "Bộ Công an", 0.99, ["a/1", "c/1"]), ("Trung tướng", None, 0.99, ["a/1", "b/1"]),
            ("Ủy viên", "Ban Chấp hành Trung ương", 0.99, ["b/1", "c/1"])]
        rows = c.execute("SELECT * FROM positions ORDER BY id").fetchall()
        store.refold(c, "positions", [r["id"] for r in rows])  # a recomputation gives the same rows
        assert c.execute("SELECT * FROM positions ORDER BY id").fetchall() == rows
        assert [p["documents"] for p in query.person(c, "Vũ Đức Đam")] == [["e/1", "e/2"]]
        assert sorted(p["documents"] for p in query.person(c, "Lý Văn Hải")) == [["d/1", "d/3"], ["d/2", "d/4"]]


def test_every_date_of_issue_of_a_document_shows_with_its_articles(tmp_path, capsys):
    """Two resolutions numbered 19-NQ/TW in two terms are one KB document (a national code names
    one): `kb doc` gives both dates of issue, each with its article, not the surer one alone."""
    nq19 = ent("DOC", "Nghị quyết số 19-NQ/TW", "d1", code={
        "code": "19-NQ/TW", "number": "19", "type": "NQ", "type_name": "Nghị quyết", "issuer": "TW",
        "issuer_name": "Trung ương", "year": None})
    out = write_out(tmp_path / "out", {
        "a/1": [fact(nq19, "issued_on", {"text": "25/10/2017", "label": "DATE", "iso": "2017-10-25"})],
        "b/1": [fact(nq19, "issued_on", {"text": "16/6/2022", "label": "DATE", "iso": "2022-06-16"})],
        "c/1": [fact(nq19, "issued_on", {"text": "25/10/2017", "label": "DATE", "iso": "2017-10-25"})],
    })
    kb = tmp_path / "kb.sqlite"
    build([out], kb)
    code, text, _ = run(["kb", "doc", "19-NQ/TW", "--kb", str(kb), "--json"], capsys)
    [doc] = json.loads(text)
    assert code == 0 and doc["issued_on"] == "2017-10-25"
    assert [(d["date"], d["articles"]) for d in doc["issue_dates"]] == [
        ("2017-10-25", ["a/1", "c/1"]), ("2022-06-16", ["b/1"])]
    code, text, _ = run(["kb", "doc", "19-NQ/TW", "--kb", str(kb)], capsys)
    [line] = [line for line in text.splitlines() if line.startswith("issued_on")]
    assert line.split(None, 1)[1] == "2017-10-25 (a/1, c/1); 2022-06-16 (b/1)  [2 dates differ]"
