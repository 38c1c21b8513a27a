"""End to end: `extract` over the sample batch and over bad input."""
from __future__ import annotations

import codecs
import gc
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.batch import run_extract
from pipeline.paths import POOL
from pipeline.pieces import chunks
from pipeline.read import normalise, trimmed


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def sample(nlp, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    summary = run_extract(nlp, [str(ROOT / "corpus")], out)
    assert summary["failed"] == 0
    return out


def facts(out: Path, doc_prefix: str) -> set[tuple]:
    return {(t["subject"]["text"], t["predicate"], t["object"]["text"],
             t["qualifiers"].get("title"))
            for t in read_jsonl(out / "triples.jsonl") if t["doc_id"].startswith(doc_prefix)}


def test_sample_000(sample):
    assert {("Hoàng Xuận Thuận", "holds_position", "Huyện ủy Đình Lập", "Bí thư"),
            ("Nghị quyết số 22-NQ/TW", "issued_by", "Ban Chấp hành Trung ương", None),
            ("Nghị quyết số 22-NQ/TW", "issued_on", "2008-02-02", None),
            ("Huyện ủy Đình Lập", "implements", "Nghị quyết số 22-NQ/TW", None),
            } <= facts(sample, "000")


def test_sample_001(sample):
    assert {("Phạm Sỹ Lợi", "holds_position", "Tỉnh ủy", "Phó Bí thư Thường trực"),
            ("Phạm Sỹ Lợi", "holds_position", "Hội đồng nhân dân tỉnh", "Chủ tịch"),
            ("Kế hoạch số 67-KH/TU", "issued_on", "2018-04-13", None),
            } <= facts(sample, "001")


def test_sample_002(sample):
    assert {("Nông Thị Hương", "holds_position", "Ban Tổ chức Huyện ủy Cao Lộc", "Phó Trưởng"),
            ("Quyết định số 1581-QĐ/HU", "issued_on", "2017-06-28", None),
            } <= facts(sample, "002")


def test_triple_shape_and_provenance(sample):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    triples = read_jsonl(sample / "triples.jsonl")
    assert triples
    for t in triples:
        assert set(t) >= {"subject", "predicate", "object", "qualifiers", "doc_id", "evidence",
                          "confidence"}
        assert 0 < t["confidence"] <= 1
        ev = t["evidence"]
        assert texts[t["doc_id"]][ev["start"]:ev["end"]] == ev["text"]
        assert t["subject"]["mention"] in ev["text"] and t["object"]["mention"] in ev["text"]
    doc = next(t["object"] for t in triples if t["object"]["label"] == "DOC")
    assert doc["code"]["type_name"] and doc["code"]["number"]


def test_every_span_points_into_the_text_as_read(sample):
    records = read_jsonl(sample / "annotations.jsonl")
    assert len(records) == 5
    for record in records:
        assert record["text"] == (ROOT / "corpus" / f"{record['id']}.txt").read_text(encoding="utf-8")
        for span in record["spans"]:
            piece = record["text"][span["start"]:span["end"]]
            assert piece and piece == piece.strip()
        for rel in record["relations"]:
            assert 0 <= rel["head"] < len(record["spans"]) and 0 <= rel["child"] < len(record["spans"])


def test_non_nfc_input_gives_the_same_entities_at_original_offsets(nlp, sample, tmp_path):
    source = ROOT / "corpus" / "002_b9af5385b6fa3e43.txt"
    nfd = unicodedata.normalize("NFD", source.read_text(encoding="utf-8"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nfd.txt").write_text(nfd, encoding="utf-8")
    run_extract(nlp, [str(tmp_path / "in")], tmp_path / "out")
    [record] = read_jsonl(tmp_path / "out" / "annotations.jsonl")
    [nfc_record] = [r for r in read_jsonl(sample / "annotations.jsonl") if r["id"].startswith("002")]
    assert record["text"] == nfd
    got = [(s["label"], unicodedata.normalize("NFC", nfd[s["start"]:s["end"]])) for s in record["spans"]]
    want = [(s["label"], nfc_record["text"][s["start"]:s["end"]]) for s in nfc_record["spans"]]
    assert got == want


def _read_as(text: str, kind: str) -> str:
    return {"NFD": unicodedata.normalize("NFD", text), "no-break spaces": text.replace(" ", "\u00a0"),
            "Windows line ends": text.replace("\n", "\r\n"),
            "old tone placement": text.replace("ủy", "uỷ").replace("òa", "oà"),
            "two spaces": text.replace(" ", "  "), "tabs": text.replace(" ", "\t"),
            "two spaces after stops": text.replace(". ", ".  ").replace(", ", ",  "),
            "a no-break space beside a space": text.replace(" ", "\u00a0 "),
            "invisible characters": (text.replace(" ", " \u200b").replace("\n", "\n\ufeff")
                                     .replace("nh", "n\u00adh")),
            "white space at line edges": text.replace("\n", "  \n\t"),
            "HTML character references": (text.replace(" ", "&nbsp;", 30).replace("“", "&ldquo;")
                                          .replace("”", "&rdquo;").replace("ế", "&#7871;").replace("ư", "&#x1b0;")),
            "HTML tags": ("<p>" + re.sub(r"(ông|bà|đồng chí) (\w+(?: \w+){2})", r"\1 <b>\2</b>", text)
                          .replace("\n", "<br>\n", 3).replace("\n", "</p>\n<p>") + "</p>")}[kind]


SPACINGS = ["two spaces", "tabs", "two spaces after stops", "a no-break space beside a space", "invisible characters",
            "white space at line edges"]
MARKUP = ["HTML character references", "HTML tags"]


def _found(nlp, text: str) -> tuple[list, list]:
    """Each span's label and normalised text, and each relation with its status."""
    record = nlp.process(text, "x").record
    spans = [(s["label"], normalise(text[s["start"]:s["end"]]).text) for s in record.spans]
    relations = [(spans[r["head"]], r["label"], spans[r["child"]], r.get("status") or "") for r in record.relations]
    return spans, sorted(relations)


@pytest.mark.parametrize("kind", ["NFD", "no-break spaces", "Windows line ends", "old tone placement", *SPACINGS,
                                  *MARKUP])
def test_an_article_reads_the_same_however_it_is_encoded(nlp, kind):
    """The same article saved another way (decomposed letters, no-break spaces from a web page,
    Windows line ends, old tone placement, two spaces or tabs between words, zero-width
    spaces, soft hyphens, indents and spaces before line breaks, HTML references and tags)
    gives the same entities and relations: every stage compares the text normalised, never
    the characters as read, and the Doc holds white space inside a line as one space, no
    invisible character and no markup."""
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _found(nlp, _read_as(text, kind)) == _found(nlp, text), path.name


@pytest.mark.skipif(not POOL.is_dir(), reason="needs ../shared/real-articles")
def test_pool_articles_read_the_same_however_they_are_encoded(nlp):
    """The same over 30 articles of the pool drawn at random, each in every encoding: rules that
    read the text as written (a number word, "và" between places, a title's words, a period
    of years) once gave NFD or no-break-space copies other entities or statuses."""
    import random

    paths = sorted(POOL.glob("*/*.txt"))
    for path in random.Random(42).sample(paths, 30):
        text = path.read_text(encoding="utf-8")
        want = _found(nlp, text)
        for kind in ("NFD", "no-break spaces", "Windows line ends", "two spaces", "tabs", "invisible characters",
                     "white space at line edges", *MARKUP):
            assert _found(nlp, _read_as(text, kind)) == want, (path.name, kind)


def test_white_space_inside_a_name_is_read_not_lost(nlp):
    """A tab or a run of spaces inside a body's name was once a word of its own in the Doc; the
    check that looks for a holder's name at a body's end read each word's first syllable and
    failed on it, losing the article (60 of the pool's 557 with a tab or two spaces after
    punctuation). The name keeps its white space as read at its offsets."""
    text = "Chủ tịch UBND\ttỉnh Nghệ An  Nguyễn  Đức Trung nói."
    record = nlp.process(text, "x").record
    found = [(s["label"], text[s["start"]:s["end"]]) for s in record.spans]
    assert ("PER", "Nguyễn  Đức Trung") in found and ("ORG", "UBND\ttỉnh Nghệ An") in found


@pytest.mark.parametrize("kind", [*SPACINGS, *MARKUP])
def test_every_offset_points_into_the_text_as_read_however_it_is_spaced(nlp, kind):
    """The Doc holds white space inside a line as one space, so its own offsets drift from the
    text's; every offset that leaves it (spans, the triples' evidence and sentences, the
    entities' mentions) is the text's as read, and a record of that text (gold, imported)
    puts its spans on the same words."""
    from pipeline.extensions import char_offsets
    from pipeline.records import apply_record

    text = (ROOT / "corpus" / "000_d201fd8f0cbe2ac3.txt").read_text(encoding="utf-8")
    spaced = _read_as(text, kind)
    once, result = nlp.process(text, "x"), nlp.process(spaced, "x")
    assert result.record.text == spaced

    def read(t: str, start: int, end: int) -> str:
        piece = t[start:end]
        assert piece and piece == trimmed(piece)
        return " ".join(normalise(piece).text.split())

    def seen(r, t: str) -> tuple[list, list, list]:
        spans = [(s["label"], read(t, s["start"], s["end"])) for s in r.record.spans]
        evidence = []
        for triple in r.triples:
            ev = triple["evidence"]
            assert t[ev["start"]:ev["end"]] == ev["text"] and ev["sentence"] in t
            evidence.append((read(t, ev["start"], ev["end"]), " ".join(normalise(ev["sentence"]).text.split())))
        mentions = [read(t, start, end) for e in r.entities for start, end in e["mentions"]]
        names = [(e["label"], e["name"]) for e in r.entities]  # read from the Doc: one space
        facts = [(x["subject"]["text"], x["predicate"], x["object"]["text"]) for x in r.triples]
        return spans, evidence, mentions, names, facts

    assert seen(result, spaced) == seen(once, text)
    doc = apply_record(nlp.make_doc(spaced, "x"), result.record)
    assert [char_offsets(e) for e in doc.ents] == [(s["start"], s["end"]) for s in result.record.spans]


def test_bad_inputs_do_not_stop_the_batch(nlp, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    good = "Bà Nông Thị Hương, Phó Trưởng Ban Tổ chức Huyện uỷ Cao Lộc cho biết."
    (folder / "a_good.txt").write_text(good, encoding="utf-8")
    (folder / "b_bom.txt").write_bytes(codecs.BOM_UTF8 + good.encode("utf-8"))
    (folder / "c_utf16.txt").write_bytes(good.encode("utf-16"))
    (folder / "d_cp1258.txt").write_bytes(unicodedata.normalize("NFD", "Đà Lạt").encode("cp1258"))
    (folder / "e_empty.txt").write_bytes(b"")
    (folder / "sub" / "f_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "g_bom_only.txt").write_bytes(codecs.BOM_UTF8 + b"\n  \n")
    (folder / "h_utf16le.txt").write_bytes(good.encode("utf-16-le"))
    summary = run_extract(nlp, [str(folder)], tmp_path / "out")
    assert (summary["processed"], summary["failed"]) == (3, 5)
    errors = {e["doc_id"]: e for e in read_jsonl(tmp_path / "out" / "errors.jsonl")}
    assert set(errors) == {"d_cp1258", "e_empty", "sub/f_binary", "g_bom_only", "h_utf16le"}
    assert "not UTF-8" in errors["d_cp1258"]["error"] and errors["d_cp1258"]["file"].endswith("d_cp1258.txt")
    assert "empty document" in errors["e_empty"]["error"] and "empty document" in errors["g_bom_only"]["error"]
    assert "not a text file" in errors["sub/f_binary"]["error"]
    assert "UTF-16LE without a byte-order mark" in errors["h_utf16le"]["error"]
    assert "iconv -f UTF-16LE -t UTF-8" in errors["h_utf16le"]["error"]
    people = [t["subject"]["text"] for t in read_jsonl(tmp_path / "out" / "triples.jsonl")]
    assert people == ["Nông Thị Hương"] * 3


def test_long_document_is_processed_in_pieces_with_right_offsets(nlp, tmp_path, monkeypatch):
    paragraph = ("Ngày 28/6/2017, Huyện uỷ Cao Lộc ban hành Quyết định 1581-QĐ/HU về thành lập "
                 "các tổ công tác. Bà Nông Thị Hương, Phó Trưởng Ban Tổ chức Huyện uỷ cho biết.\n")
    text = paragraph * 60
    monkeypatch.setattr(nlp, "chunk_chars", 1000)
    result = nlp.process(text, "long")
    assert len(chunks(text, 1000)) > 5
    labels = [(s["label"], text[s["start"]:s["end"]]) for s in result.record.spans]
    assert labels.count(("PER", "Nông Thị Hương")) == 60
    assert labels.count(("DOC", "Quyết định 1581-QĐ/HU")) == 60
    for t in result.triples:
        assert text[t["evidence"]["start"]:t["evidence"]["end"]] == t["evidence"]["text"]


def test_a_long_documents_refs_are_the_articles_across_its_pieces(nlp, monkeypatch):
    """Each piece numbers its refs from 1: joined, one person keeps one ref in every piece,
    two people never share one, each has one entities line, and a fact is stated once."""
    first = ("Ông Nguyễn Đức Chính, Chủ tịch UBND tỉnh Quảng Trị dự họp. Ông Chính phát biểu "
             "chỉ đạo các sở, ngành của tỉnh.\n")
    second = ("Ông Đặng Đình Hiếu, Giám đốc Sở Nội vụ tỉnh Quảng Trị báo cáo. Ông Nguyễn Đức Chính, "
              "Chủ tịch UBND tỉnh Quảng Trị kết luận.\n")
    text = first * 8 + second * 8
    monkeypatch.setattr(nlp, "chunk_chars", len(first) * 8 + 10)
    assert len(chunks(text, nlp.chunk_chars)) >= 2
    result = nlp.process(text, "long")
    people = {}
    for span in result.record.spans:
        if span["label"] == "PER":
            people.setdefault(span["ref"], set()).add(text[span["start"]:span["end"]])
    assert sorted(map(sorted, people.values())) == [["Chính", "Nguyễn Đức Chính"], ["Đặng Đình Hiếu"]]
    lines = [e for e in result.entities if e["label"] == "PER"]
    assert sorted(e["name"] for e in lines) == ["Nguyễn Đức Chính", "Đặng Đình Hiếu"]
    facts = [(t["subject"]["text"], t["predicate"], t["object"]["text"]) for t in result.triples]
    assert len(facts) == len(set(facts))
    assert ("Nguyễn Đức Chính", "holds_position", "Ủy ban nhân dân tỉnh Quảng Trị") in facts


def test_a_processed_document_is_freed_at_once_not_left_to_the_collector(nlp):
    """An archive run makes millions of Docs: each must go when its results are built, by
    reference counting, not wait as cyclic garbage for the collector's passes."""
    texts = [(p.read_text(encoding="utf-8"), p.stem) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    nlp.process_many(texts[:1])  # first-call caches
    gc.collect()
    gc.disable()
    try:
        results = nlp.process_many(texts)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert all(r.record.spans and r.triples for r in results)


def test_cli_reads_stdin_and_reports_failure_in_exit_code(tmp_path):
    text = "Đồng chí Lương Minh Tiến, Bí thư Đảng uỷ thị trấn Cao Lộc phát biểu."
    run = subprocess.run([sys.executable, "-m", "pipeline", "extract", "-", "--out", str(tmp_path / "o")],
                         input=text.encode("utf-8"), capture_output=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr.decode()
    [triple] = read_jsonl(tmp_path / "o" / "triples.jsonl")
    assert (triple["subject"]["text"], triple["object"]["text"], triple["doc_id"]) == (
        "Lương Minh Tiến", "Đảng ủy thị trấn Cao Lộc", "stdin")
    summary = json.loads((tmp_path / "o" / "run.json").read_text())
    assert summary["processed"] == 1 and summary["words"] > 5
    (tmp_path / "bad.txt").write_bytes(b"")
    run = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "bad.txt"),
                          "--out", str(tmp_path / "o2")], capture_output=True, cwd=ROOT)
    assert run.returncode == 1
    missing = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "nope"),
                              "--out", str(tmp_path / "o3")], capture_output=True, cwd=ROOT)
    assert missing.returncode == 2 and b"no such file" in missing.stderr


def test_start_up_skips_spacys_command_line_and_spacy_info_still_works():
    """The command line imports spaCy without spaCy's own CLI (a fifth of a one-article start-up);
    spacy.info() and a later `import spacy.cli` still get the real ones."""
    code = ("import sys\n"
            "from pipeline.lean_imports import defer_spacy_cli\n"
            "defer_spacy_cli()\n"
            "from pipeline.language import load\n"
            "assert load()('Ông Nguyễn Văn An phát biểu.').ents\n"
            "assert not [m for m in sys.modules if m.startswith(('spacy.cli', 'typer', 'weasel'))]\n"
            "import spacy\n"
            "assert spacy.info()['spacy_version'] == spacy.__version__\n"
            "from spacy.cli import setup_cli\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr.decode()


def test_a_dates_table_dates_the_articles_and_the_kbs_posts(nlp, tmp_path):
    """`extract --published TABLE`: each article takes its date from the table (by its path in
    the folder, or its name), the knowledge base dates the posts it states by it, and a date
    changed in the table redoes the article in a resumed run."""
    from pipeline.kb.build import build
    from pipeline.kb.store import connect
    from pipeline.published import read_table

    folder = tmp_path / "articles" / "lb"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_bytes((ROOT / "corpus" / "003_4c2fde9bc5a36a63.txt").read_bytes())
    (folder / "b.txt").write_bytes((ROOT / "corpus" / "004_49afc080ee8d0b53.txt").read_bytes())
    table = tmp_path / "dates.tsv"
    table.write_text("file\tpublished\nlb/a.txt\t2021-10-19\nb.txt\t5/11/2021\n", encoding="utf-8")
    out = tmp_path / "out"
    run_extract(nlp, [str(tmp_path / "articles")], out, dates=read_table(table))
    dates = {r["id"]: r["meta"].get("published") for r in read_jsonl(out / "annotations.jsonl")}
    assert dates == {"lb/a": "2021-10-19", "lb/b": "2021-11-05"}
    kb = tmp_path / "kb.sqlite"
    build([out], kb)
    with connect(kb) as conn:
        seen = {row[0] for row in conn.execute(
            "SELECT first_seen FROM positions JOIN persons ON persons.id = positions.person_id "
            "WHERE persons.name = 'Đặng Văn Sình'")}
    assert seen == {"2021-10-19"}
    table.write_text("file,published\nlb/a.txt,2021-10-20\n", encoding="utf-8")
    summary = run_extract(nlp, [str(tmp_path / "articles")], out, dates=read_table(table))
    assert summary["processed"] == 2  # a's date changed, b's is gone: both redone
    dates = {r["id"]: r["meta"].get("published") for r in read_jsonl(out / "annotations.jsonl")}
    assert dates == {"lb/a": "2021-10-20", "lb/b": None}


@pytest.mark.parametrize("table,where,says", [
    ("file\tname\na.txt\tx\n", ":1:", "needs a 'file' column and a 'published'"),
    ("file,published\na.txt,2021-10-19\nb.txt,tháng trước\n", ":3:", "is no date"),
])
def test_a_wrong_dates_table_names_its_line(tmp_path, table, where, says):
    from pipeline.errors import InputError
    from pipeline.published import read_table

    path = tmp_path / "dates.csv"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(InputError, match=rf"dates\.csv{where}.*{says}"):
        read_table(path)
