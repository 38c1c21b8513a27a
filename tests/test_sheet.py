"""Plain-text annotation sheets: numbered sentences to read, quoted spans back to offsets."""
from __future__ import annotations

import pytest

from pipeline.convert import import_sheets
from pipeline.errors import AnnotationError
from pipeline.records import Record
from pipeline.sheet import numbered, sentences, to_sheet

ARTICLE = ("Chiều 2/10, ông Nguyễn Văn An, Bí thư Tỉnh ủy Lạng Sơn, chủ trì hội nghị tại TP. Lạng Sơn. "
           "Ông An nói thêm.\nBà M. Thư, Phó Giám đốc Sở Y tế, dự.")


def article_folder(tmp_path, text: str = ARTICLE):
    folder = tmp_path / "articles"
    (folder / "x").mkdir(parents=True)
    (folder / "x" / "a-01.txt").write_text(text, encoding="utf-8")
    return folder


def test_sentences_are_numbered_without_cutting_initials_or_abbreviations():
    texts = [ARTICLE[s:e] for s, e in sentences(ARTICLE)]
    assert texts == ["Chiều 2/10, ông Nguyễn Văn An, Bí thư Tỉnh ủy Lạng Sơn, chủ trì hội nghị tại TP. Lạng Sơn.",
                     "Ông An nói thêm.", "Bà M. Thư, Phó Giám đốc Sở Y tế, dự."]
    assert numbered(ARTICLE).splitlines()[2] == "[3] Bà M. Thư, Phó Giám đốc Sở Y tế, dự."


def test_a_sheet_becomes_a_record_with_offsets_refs_and_statuses(tmp_path):
    sheet = tmp_path / "a-01.sheet"
    sheet.write_text("\n".join([
        "file: x/a-01.txt", "published: 2019-10-02", "annotator: b01", "note: sentence 2: a short name",
        "d1 | 1 | DATE | 2/10", "p1 | 1 | PER | Nguyễn Văn An", "t1 | 1 | TITLE | Bí thư",
        "o1 | 1 | ORG | Tỉnh ủy Lạng Sơn", "l1 | 1 | LOC | TP. Lạng Sơn", "p2 | 2 | PER | An | ref=p1",
        "p3 | 3 | PER | M. Thư", "t2 | 3 | TITLE | Phó Giám đốc", "o2 | 3 | ORG | Sở Y tế",
        "r | p1 | has_title | t1", "r | t1 | title_of | o1", "r | p3 | has_title | t2 | acting",
        "r | t2 | title_of | o2"]), encoding="utf-8")
    [record] = import_sheets([sheet], article_folder(tmp_path)).records
    spans = [(record.text[s["start"]:s["end"]], s["label"], s.get("ref")) for s in record.spans]
    assert [(t, label) for t, label, _ in spans] == [
        ("2/10", "DATE"), ("Nguyễn Văn An", "PER"), ("Bí thư", "TITLE"), ("Tỉnh ủy Lạng Sơn", "ORG"),
        ("TP. Lạng Sơn", "LOC"), ("An", "PER"), ("M. Thư", "PER"), ("Phó Giám đốc", "TITLE"), ("Sở Y tế", "ORG")]
    assert spans[1][2] is not None and spans[1][2] == spans[5][2]  # "An" is Nguyễn Văn An again
    holder = {(record.spans[r["head"]]["start"], r["label"], r.get("status")) for r in record.relations}
    assert (ARTICLE.index("M. Thư"), "has_title", "acting") in holder
    assert record.meta["published"] == "2019-10-02" and record.meta["annotator"] == "b01"
    assert record.meta["notes"] == ["sentence 2: a short name"] and record.meta["source"] == "published"


def test_a_span_the_sentence_does_not_hold_names_the_sheet_and_line(tmp_path):
    sheet = tmp_path / "bad.sheet"
    sheet.write_text("file: x/a-01.txt\np1 | 2 | PER | Nguyễn Văn An\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"bad\.sheet:2"):
        import_sheets([sheet], article_folder(tmp_path))


def test_a_record_goes_to_a_sheet_and_back_unchanged(tmp_path):
    start = ARTICLE.index("Nguyễn")
    record = Record("a-01", ARTICLE, [{"start": start, "end": start + 13, "label": "PER", "ref": "r1"},
                                      {"start": ARTICLE.index("Ông An") + 4, "end": ARTICLE.index("Ông An") + 6,
                                       "label": "PER", "ref": "r1"}], [], {"source": "published"})
    sheet = tmp_path / "a-01.sheet"
    sheet.write_text(to_sheet(record, "x/a-01.txt"), encoding="utf-8")
    [back] = import_sheets([sheet], article_folder(tmp_path)).records
    assert [(s["start"], s["end"], s["label"]) for s in back.spans] == \
        [(s["start"], s["end"], s["label"]) for s in record.spans]
    assert back.spans[0]["ref"] == back.spans[1]["ref"]


def test_the_annotator_and_the_notes_go_to_a_sheet_and_back(tmp_path):
    """A sheet exported for review and read back keeps who annotated it and their notes."""
    start = ARTICLE.index("Nguyễn")
    meta = {"source": "published", "annotator": "b07 reviewed", "notes": ["sentence 1: a note", "case 66"]}
    record = Record("a-01", ARTICLE, [{"start": start, "end": start + 13, "label": "PER"}], [], meta)
    sheet = tmp_path / "a-01.sheet"
    sheet.write_text(to_sheet(record, "x/a-01.txt"), encoding="utf-8")
    [back] = import_sheets([sheet], article_folder(tmp_path)).records
    assert (back.meta["annotator"], back.meta["notes"]) == ("b07 reviewed", ["sentence 1: a note", "case 66"])


def test_a_written_document_goes_to_a_sheet_and_back_as_written(tmp_path):
    """A document of our own has no article file: `export --to sheet` writes its text beside
    the sheet, and the import gives back the same record, still written, with its meta."""
    import json

    from pipeline.cli import main

    start = ARTICLE.index("Nguyễn")
    title = ARTICLE.index("Bí thư")
    record = Record("wl-07", ARTICLE, [{"start": start, "end": start + 13, "label": "PER", "ref": "p1"},
                                       {"start": title, "end": title + 6, "label": "TITLE"}],
                    [{"head": 0, "child": 1, "label": "has_title"}],
                    {"source": "written", "author": "lead", "province": "Lạng Sơn"})
    gold = tmp_path / "written.jsonl"
    gold.write_text(json.dumps(record.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    sheets = tmp_path / "sheets"
    assert main(["annotations", "export", str(gold), "--to", "sheet", "--out", str(sheets)]) == 0
    assert (sheets / "wl-07.txt").read_text(encoding="utf-8") == ARTICLE
    back_file = tmp_path / "back.jsonl"
    assert main(["annotations", "import", "--from", "sheet", str(sheets / "wl-07.ann"),
                 "--articles", str(sheets), "--out", str(back_file)]) == 0
    [back] = [json.loads(line) for line in back_file.read_text(encoding="utf-8").splitlines()]
    assert (back["id"], back["text"], back["spans"], back["relations"]) == \
        ("wl-07", ARTICLE, record.spans, record.relations)
    assert back["meta"] == {"source": "written", "author": "lead", "province": "Lạng Sơn"}


def test_a_sheet_with_a_bad_meta_or_source_line_names_the_sheet(tmp_path):
    folder = article_folder(tmp_path)
    for line, problem in (("meta: author", "KEY=VALUE"), ("source: blog", "source must be")):
        sheet = tmp_path / "bad.ann"
        sheet.write_text(f"file: x/a-01.txt\n{line}\n", encoding="utf-8")
        with pytest.raises(AnnotationError, match=rf"bad\.ann.*{problem}"):
            import_sheets([sheet], folder)
