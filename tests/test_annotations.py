"""The annotation loop: validate, stats, import from tools, export pre-annotations."""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest
from conftest import GOOD, ROOT, TEXT, write

from pipeline.annotations import folds, gold_files, heldout_ids, segmentation, stats, validate
from pipeline.convert import from_doccano, import_file, to_label_studio
from pipeline.errors import AnnotationError
from pipeline.paths import POOL
from pipeline.records import Record, read_many, read_records


@pytest.fixture(scope="module")
def segment():
    return segmentation()


def test_offsets_in_the_fixture_were_counted_right():
    assert [TEXT[s["start"]:s["end"]] for s in GOOD["spans"]] == [
        "Nông Thị Hương", "Phó Trưởng", "Ban Tổ chức Huyện uỷ"]


def test_a_good_file_has_no_problems(segment, tmp_path):
    assert validate([write(tmp_path / "g.jsonl", [GOOD])], segment) == []


def test_each_kind_of_problem_is_reported_with_file_and_line(segment, tmp_path):
    bad = json.loads(json.dumps(GOOD))
    bad["spans"][0] = {"start": 2, "end": 17, "label": "PER"}  # leading space
    bad["spans"].append({"start": 45, "end": 70, "label": "ORG"})  # overlaps, beyond the text
    bad["relations"].append({"head": 2, "child": 0, "label": "issued_by"})  # ORG -> PER
    bad["relations"].append({"head": 0, "child": 1, "label": "has_title"})  # twice
    overlap = dict(GOOD, id="t3", spans=GOOD["spans"] + [{"start": 42, "end": 50, "label": "LOC"}],
                   relations=[])
    split = dict(GOOD, id="t4", spans=[{"start": 3, "end": 10, "label": "PER"}], relations=[])
    fields = dict(GOOD, id="t5", spans=GOOD["spans"] + [{"start": "x", "end": 9, "label": "PER"}],
                  relations=GOOD["relations"] + [{"head": 0, "label": "has_title"}])
    path = write(tmp_path / "b.jsonl", [GOOD, bad, overlap, split, GOOD, fields])
    problems = validate([path], segment)
    text = "\n".join(problems)
    assert f"{path}:2: span 0 ' Nông Thị Hương': starts or ends with white space" in problems
    assert f"{path}:2: span 3 [45:70] is outside the text" in text
    assert f"{path}:2: relation 2 issued_by 'Ban Tổ chức Huyện uỷ' -> ' Nông Thị Hương' joins ORG -> PER" in text
    assert f"{path}:2: relation 3 (has_title 0 -> 1) is given twice" in problems
    assert f"{path}:3: span 3 'Huyện uỷ' overlaps" in text
    assert f"{path}:3: span 1 'Phó Trưởng' is a TITLE no person holds" in text
    assert f"{path}:4: span 0 'Nông Th' (PER) does not line up with word boundaries" in text
    assert f"{path}:5: duplicate id 't1' (first at {path}:1)" in problems
    assert f"{path}:6: span 3: needs integer 'start', 'end' and a 'label'" in text
    assert f"{path}:6: relation 2: needs integer 'head', 'child' and a 'label'" in text


def test_not_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    [problem] = validate([path], None)
    assert problem.startswith(f"{path}:2: not JSON")


def with_changes(id: str, **changes) -> dict:
    """A copy of GOOD with another id and some fields changed."""
    return {**json.loads(json.dumps(GOOD)), "id": id, **changes}


def test_validate_reports_every_bad_line_and_goes_on(tmp_path):
    path = tmp_path / "x.jsonl"
    lines = [json.dumps(GOOD, ensure_ascii=False), "{oops", '{"id": "t2" "text": "x"}',
             '{"id": "t3", "text": "abc",', '{"id": "t4"}', "[1]",
             json.dumps(with_changes("t6", spans=[{"start": 2, "end": 17, "label": "PER"}],
                                     relations=[]), ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert validate([path], None) == [
        f"{path}:2: not JSON at column 2: Expecting property name enclosed in double quotes",
        f"{path}:3: not JSON at column 13: Expecting ',' delimiter",
        f"{path}:4: not JSON at column 28: Expecting property name enclosed in double quotes",
        f"{path}:5: expected an object with a string 'text'",
        f"{path}:6: expected a JSON object",
        f"{path}:7: span 0 ' Nông Thị Hương': starts or ends with white space"]


def test_malformed_fields_are_problems_not_crashes(tmp_path):
    from pipeline.cli import main

    rows = [with_changes("f1", spans=[{"start": 3.0, "end": 17, "label": "PER"}], relations=[]),
            with_changes("f2", spans="abc"), with_changes("f3", relations=[1]),
            with_changes("f4", meta="x"),
            with_changes("f5", relations=[{"head": "0", "child": 1, "label": "has_title"},
                                          {"head": 1, "child": True, "label": "title_of"}])]
    path = write(tmp_path / "m.jsonl", rows)
    problems = validate([path], None)
    assert problems[:4] == [
        f"{path}:1: span 0: needs integer 'start', 'end' and a 'label': "
        "{'start': 3.0, 'end': 17, 'label': 'PER'}",
        f"{path}:2: 'spans' must be a list of objects, not \"abc\"",
        f"{path}:3: 'relations' must be a list of objects, not [1]",
        f"{path}:4: 'meta' must be an object"]
    assert f"{path}:5: relation 0: needs integer 'head', 'child' and a 'label'" in problems[4]
    assert f"{path}:5: relation 1: needs integer 'head', 'child' and a 'label'" in problems[5]
    assert main(["annotations", "validate", "--no-words", str(path)]) == 1


def test_a_ref_is_a_string_naming_one_thing_and_published_is_iso(tmp_path):
    shared = with_changes("r1", relations=GOOD["relations"][:1], spans=[
        {"start": 3, "end": 17, "label": "PER", "ref": "p1"}, {"start": 19, "end": 29, "label": "TITLE"},
        {"start": 30, "end": 50, "label": "ORG", "ref": "p1"}])
    number = with_changes("r2", spans=[{"start": 3, "end": 17, "label": "PER", "ref": 5}], relations=[])
    dates = [with_changes(f"d{n}", meta={"published": day})
             for n, day in enumerate(["20/05/2019", "2019-02-30", 2019, "2019", "2019-05", "2019-05-20"])]
    path = write(tmp_path / "r.jsonl", [shared, number, *dates])
    assert validate([path], None) == [
        f"{path}:1: span 2 'Ban Tổ chức Huyện uỷ' (ORG) shares ref 'p1' with span 0 'Nông Thị Hương' "
        "(PER): a ref names one thing",
        f"{path}:2: span 0 'Nông Thị Hương': ref 5 must be a string",
        f"{path}:3: meta.published '20/05/2019' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{path}:4: meta.published '2019-02-30' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{path}:5: meta.published 2019 is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"]


def test_a_bad_status_value_is_named_as_such(tmp_path):
    def status(label_index: int, value: str) -> dict:
        relations = json.loads(json.dumps(GOOD["relations"]))
        relations[label_index]["status"] = value
        return with_changes(f"s{label_index}{value}", relations=relations)

    path = write(tmp_path / "s.jsonl", [status(0, "retired"), status(1, "former"), status(0, "current")])
    assert validate([path], None) == [
        f"{path}:1: relation 0 (has_title): status 'retired' is not one of the statuses "
        "(current, former, acting, appointed, ended)",
        f"{path}:2: relation 1 (title_of): status 'former': a status (former, acting, appointed, "
        "ended) goes only on has_title",
        f"{path}:3: relation 0 (has_title): status 'current' is written as no status (leave 'status' out)"]


def test_training_refuses_gold_that_does_not_validate(tmp_path, monkeypatch):
    """`make train` checks the gold files first, as `annotations validate` does, and trains
    nothing on bad ones (nor crashes deep inside with an IndexError)."""
    import pipeline.train as train
    from pipeline.errors import PipelineError

    def trained(*args, **kwargs):
        raise AssertionError("training started on gold that does not validate")

    past = with_changes("a", relations=[{"head": 0, "child": 7, "label": "has_title"}])
    edge = with_changes("b", spans=[{"start": 2, "end": 17, "label": "PERSON"}], relations=[])
    titled = with_changes("c", spans=[GOOD["spans"][0], {**GOOD["spans"][1], "ref": "t"}],
                          relations=GOOD["relations"][:1])
    overlap = with_changes("d", spans=GOOD["spans"] + [{"start": 42, "end": 50, "label": "LOC"}])
    first = write(tmp_path / "a.jsonl", [past, edge, overlap, GOOD])
    second = write(tmp_path / "b.jsonl", [titled, GOOD])
    monkeypatch.setattr(train, "gold_files", lambda: [first, second])
    monkeypatch.setattr(train, "out_of_fold_calibration", trained)
    monkeypatch.setattr(train, "fit", trained)
    with pytest.raises(AnnotationError) as refused:
        train.run(models_dir=tmp_path / "models")
    assert isinstance(refused.value, PipelineError)  # the command line prints it and exits 2
    message = str(refused.value)
    for problem in [f"{first}:1: relation 0 (has_title): head 0 or child 7 is not a span index",
                    f"{first}:2: span 0 ' Nông Thị Hương': starts or ends with white space",
                    f"{first}:2: span 0 ' Nông Thị Hương': unknown label 'PERSON'",
                    f"{second}:1: span 1 'Phó Trưởng': a ref is for PER, ORG, DOC spans, not TITLE",
                    f"{first}:3: span 3 'Huyện uỷ' overlaps or comes before span 2",
                    f"{second}:2: duplicate id 't1' (first at {first}:4)"]:
        assert problem in message
    assert not (tmp_path / "models").exists()


def test_stats_per_split(nlp):
    records = [Record(**{k: GOOD[k] for k in ("id", "text", "spans", "relations")}),
               Record("t2", "Nghị quyết số 22-NQ/TW.", [{"start": 0, "end": 22, "label": "DOC"}], [])]
    table = stats(records, {"t2"}, lambda text: len(text.split()))
    assert table["train"]["spans"] == {"ORG": 1, "PER": 1, "TITLE": 1}
    assert table["train"]["relations"] == {"has_title": 1, "title_of": 1}
    assert table["heldout"]["documents"] == 1 and table["heldout"]["spans"] == {"DOC": 1}
    assert table["all"]["words"] == len(TEXT.split()) + 4


def test_folds_by_outlet_test_each_outlet_on_models_that_never_saw_it():
    records = [Record(f"d{n}", "x", [], [], meta={"outlet": outlet})
               for n, outlet in enumerate(["Dân trí", "VietNamNet", "Dân trí", "VietNamNet", "Tuổi Trẻ"])]
    by_outlet = folds(records, 3, seed=13, by="outlet")
    assert [sorted(r.id for r in fold) for fold in by_outlet] == [["d0", "d2"], ["d4"], ["d1", "d3"]]
    random_folds = folds(records, 2, seed=13)
    assert len(random_folds) == 2 and sorted(r.id for f in random_folds for r in f) == [f"d{n}" for n in range(5)]
    with pytest.raises(AnnotationError, match="outlet"):
        folds(records[:1], 3, seed=13, by="outlet")


def submitted(task: dict) -> dict:
    """What Label Studio exports once an annotator submits a pre-annotated task unchanged."""
    return {**task, "id": 1, "annotations": [{"id": 1, "was_cancelled": False,
                                              "result": task["predictions"][0]["result"]}]}


def test_label_studio_export_imports_back_the_same(tmp_path):
    record = Record(**{k: GOOD[k] for k in ("id", "text", "spans", "relations", "meta")})
    record.spans[0]["ref"] = "p1"
    record.relations[0]["status"] = "appointed"
    tasks = [submitted(to_label_studio(record))]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    [back] = import_file(path, "label-studio").records
    assert (back.id, back.text, back.spans, back.relations) == (
        "t1", TEXT, record.spans, record.relations)


def test_label_studio_tasks_never_annotated_or_skipped_are_not_gold(tmp_path):
    """Label Studio exports an unfinished task with its predictions as ids (an int where a
    dict would be); a skipped one has a cancelled annotation. Neither may become gold."""
    record = Record(**{k: GOOD[k] for k in ("id", "text", "spans", "relations", "meta")})
    task = to_label_studio(record)
    unfinished = {**task, "id": 5, "annotations": [], "predictions": [17]}
    skipped = {**task, "id": 6, "annotations": [{"id": 2, "was_cancelled": True, "result": []}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([unfinished, submitted(task), skipped]), encoding="utf-8")
    imported = import_file(path, "label-studio")
    assert [r.id for r in imported.records] == ["t1"]
    assert imported.skipped == [f"{path}: task 1 (id 5): no completed annotation",
                                f"{path}: task 3 (id 6): skipped by the annotator"]


def test_shipped_label_studio_interface_fits_the_exported_tasks():
    """A user pastes annotations/label-studio.xml into Label Studio, then imports our tasks:
    the control names, labels and relation types must be the ones the tasks use."""
    import xml.etree.ElementTree as ET

    from pipeline.schema import LABELS, RELATION_TYPES, STATUSES

    view = ET.parse(ROOT / "annotations" / "label-studio.xml").getroot()
    labels = view.find("Labels")
    record = Record(**{k: GOOD[k] for k in ("id", "text", "spans", "relations", "meta")})
    result = to_label_studio(record)["predictions"][0]["result"]
    region = next(r for r in result if r["type"] == "labels")
    assert (labels.get("name"), labels.get("toName")) == (region["from_name"], region["to_name"])
    assert view.find("Text").get("name") == region["to_name"]
    assert sorted(x.get("value") for x in labels) == sorted(LABELS)
    assert sorted(x.get("value") for x in view.find("Relations")) == sorted(
        list(RELATION_TYPES) + list(STATUSES[1:]))


def test_label_studio_annotations_win_over_predictions(tmp_path):
    # The shape Label Studio documents for a JSON export of a task with one annotation.
    task = {"id": 7, "data": {"text": TEXT},
            "annotations": [{"id": 1, "was_cancelled": False, "result": [
                {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 19, "end": 29, "text": "Phó Trưởng", "labels": ["TITLE"]}},
                {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 3, "end": 17, "text": "Nông Thị Hương", "labels": ["PER"]}},
                {"from_id": "b", "to_id": "a", "type": "relation", "direction": "left",
                 "labels": ["has_title"]}]}],
            "predictions": [{"result": []}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    [record] = import_file(path, "label-studio").records
    assert record.id == "7"
    assert record.spans == [{"start": 3, "end": 17, "label": "PER"}, {"start": 19, "end": 29, "label": "TITLE"}]
    assert record.relations == [{"head": 0, "child": 1, "label": "has_title"}]


def test_doccano_exports_with_and_without_relations(tmp_path):
    with_relations = {"id": 3, "text": TEXT,
                      "entities": [{"id": 11, "label": "TITLE", "start_offset": 19, "end_offset": 29},
                                   {"id": 10, "label": "PER", "start_offset": 3, "end_offset": 17}],
                      "relations": [{"id": 1, "from_id": 10, "to_id": 11, "type": "has_title"}]}
    plain = {"id": 4, "text": TEXT, "label": [[30, 50, "ORG"], [3, 17, "PER"]]}
    path = write(tmp_path / "doccano.jsonl", [with_relations, plain])
    first, second = import_file(path, "doccano").records
    assert first.spans == [{"start": 3, "end": 17, "label": "PER"}, {"start": 19, "end": 29, "label": "TITLE"}]
    assert first.relations == [{"head": 0, "child": 1, "label": "has_title"}]
    assert second.spans == [{"start": 3, "end": 17, "label": "PER"}, {"start": 30, "end": 50, "label": "ORG"}]
    assert from_doccano(plain, "x").meta["source"] == "doccano"


def test_cli_export_then_import_round_trip(nlp, tmp_path):
    out = tmp_path / "out"
    run = [sys.executable, "-m", "pipeline"]
    subprocess.run(run + ["extract", str(ROOT / "corpus" / "000_d201fd8f0cbe2ac3.txt"), "--out", str(out)],
                   check=True, cwd=ROOT, capture_output=True)
    subprocess.run(run + ["annotations", "export", str(out / "annotations.jsonl"), "--to", "label-studio",
                          "--out", str(tmp_path / "tasks.json")], check=True, cwd=ROOT, capture_output=True)
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    (tmp_path / "tasks.json").write_text(json.dumps([submitted(t) for t in tasks]), encoding="utf-8")
    subprocess.run(run + ["annotations", "import", "--from", "label-studio", str(tmp_path / "tasks.json"),
                          "--out", str(tmp_path / "reviewed" / "back.jsonl")],
                   check=True, cwd=ROOT, capture_output=True)
    [original] = read_records(out / "annotations.jsonl")
    [back] = read_records(tmp_path / "reviewed" / "back.jsonl")  # a new folder is made
    strip = lambda rows: [{k: v for k, v in r.items() if k not in {"score", "source"}} for r in rows]  # noqa: E731
    assert back.text == original.text and back.id == original.id
    assert back.spans == strip(original.spans) and back.relations == strip(original.relations)
    assert len(back.relations) >= 5


def test_every_gold_file_in_annotations_is_valid(segment):
    files = gold_files()
    assert files, "annotations/ holds no gold files"
    assert validate(files, segment) == []
    for second in sorted((ROOT / "annotations" / "agreement").glob("*.jsonl")):  # same ids as the gold
        assert validate([second], segment) == []


def test_gold_data_is_what_the_project_promises():
    records = read_many(gold_files())
    by_id = {r.id: r for r in records}
    corpus = {p.stem for p in (ROOT / "corpus").glob("*.txt")}
    assert corpus <= set(by_id), "every sample article is annotated"
    written = [r for r in records if r.meta.get("source") == "written"]
    assert len(written) >= 60 and len({r.meta.get("province") for r in written}) >= 15
    published = [r for r in records if r.meta.get("source") == "published" and r.meta.get("file")]
    assert len(published) >= 150
    # the held-out split: 40+ published articles, whole outlets that training never sees
    heldout = heldout_ids()
    assert len(heldout) >= 40 and all(by_id[i].meta.get("source") == "published" for i in heldout)
    outlets = {r.meta["outlet"] for r in published if r.id in heldout}
    assert not outlets & {r.meta["outlet"] for r in published if r.id not in heldout}
    # 15+ documents annotated twice, independently: the same texts
    first, second = (read_many([ROOT / "annotations" / "agreement" / f"{n}.jsonl"]) for n in ("first", "second"))
    assert len(first) >= 15 and [r.id for r in first] == [r.id for r in second]
    assert all(r.text == by_id[r.id].text for r in first + second)


def test_people_checked_across_articles():
    people = json.loads((ROOT / "annotations" / "people.json").read_text(encoding="utf-8"))["people"]
    ids = {r.id: r for r in read_many(gold_files())}
    assert sum(len(p["documents"]) >= 3 for p in people) >= 10
    names = [p["name"] for p in people]
    assert sum(names.count(n) - 1 for n in set(names)) >= 2, "two pairs of namesakes"
    for person in people:  # each article names the person in full
        assert all(person["name"] in ids[d].text for d in person["documents"]), person["name"]


@pytest.mark.skipif(not POOL.exists(), reason="the shared article pool is not here")
def test_published_text_is_the_article_as_found():
    """Gold text is the pool's file, in NFC (two files of the pool are partly decomposed)."""
    for record in read_many(gold_files()):
        if record.meta.get("source") == "published" and record.meta.get("file"):
            path = POOL / record.meta["file"]
            assert unicodedata.normalize("NFC", path.read_text(encoding="utf-8")) == record.text, record.id
