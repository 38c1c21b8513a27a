"""Import, export, scoring and agreement as a user runs them: real files, the real command
line, and every file that is wrong or does not match is said, never passed over."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD, TEXT, write

from pipeline.cli import main
from pipeline.convert import import_file, to_label_studio
from pipeline.records import Record, read_records

DANGLING = {**GOOD, "relations": GOOD["relations"] + [{"head": 0, "child": 7, "label": "has_title"}]}


def with_id(doc_id: str) -> dict:
    return {**GOOD, "id": doc_id}


def label_studio(tmp_path: Path, tasks: list[dict]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def region(rid: str, start: int, end: int, *labels: str) -> dict:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": list(labels)}}


def relation(head: str, child: str, *labels: str) -> dict:
    return {"type": "relation", "from_id": head, "to_id": child, "direction": "right", "labels": list(labels)}


def task(*results: dict, annotations: list[dict] | None = None) -> dict:
    return {"id": 9, "data": {"text": TEXT, "doc_id": "t1"},
            "annotations": annotations or [{"id": 1, "was_cancelled": False, "result": list(results)}]}


# --- 1. import never overwrites ----------------------------------------------------------
def test_import_refuses_an_existing_out_file_unless_forced(tmp_path, capsys):
    gold = write(tmp_path / "gold.jsonl", [with_id(f"g{n}") for n in range(5)])
    export = label_studio(tmp_path, [task(region("a", 3, 17, "PER"))])
    assert main(["annotations", "import", "--from", "label-studio", str(export), "--out", str(gold)]) == 2
    assert f"{gold}: already exists" in capsys.readouterr().err
    assert len(list(read_records(gold))) == 5
    assert main(["annotations", "import", "--from", "label-studio", str(export), "--out", str(gold),
                 "--force"]) == 0
    assert len(list(read_records(gold))) == 1


# --- 2. evaluate --gold --pred -----------------------------------------------------------
def test_evaluate_refuses_files_without_a_shared_id(tmp_path, capsys):
    gold = write(tmp_path / "gold.jsonl", [with_id("a"), with_id("b")])
    pred = write(tmp_path / "pred.jsonl", [with_id("x")])
    assert main(["evaluate", "--gold", str(gold), "--pred", str(pred)]) == 2
    err = capsys.readouterr().err
    assert "no document id in common" in err and str(gold) in err and str(pred) in err


def test_evaluate_warns_of_missing_and_unknown_predictions(tmp_path, capsys):
    gold = write(tmp_path / "gold.jsonl", [with_id("a"), with_id("b"), with_id("c")])
    pred = write(tmp_path / "pred.jsonl", [with_id("a"), with_id("zz")])
    assert main(["evaluate", "--gold", str(gold), "--pred", str(pred)]) == 0
    out, err = capsys.readouterr()
    assert "no prediction for 2 of 3 documents" in err and "scored as predicting nothing" in err
    assert "1 prediction(s) for ids not in" in err and "zz" in err
    assert "| pipeline | 0.500 |" in out  # P 1, R 1/3: the missing documents count as found nothing


def test_evaluate_names_the_line_of_an_invalid_gold_record(tmp_path, capsys):
    gold = write(tmp_path / "gold.jsonl", [with_id("a"), {**DANGLING, "id": "b"}])
    pred = write(tmp_path / "pred.jsonl", [with_id("a"), with_id("b")])
    assert main(["evaluate", "--gold", str(gold), "--pred", str(pred)]) == 2
    assert f"{gold}:2: relation 2 (has_title): head 0 or child 7 is not a span index" in capsys.readouterr().err


def test_evaluate_scores_predictions_the_guidelines_would_not_pass_as_gold(tmp_path, capsys):
    """Another system's predictions need only be scorable: a TITLE no one holds (rule 2 of
    the guidelines) is an error of the prediction, counted, not a reason to refuse the file;
    a relation to a span that is not there is refused."""
    unheld = {**GOOD, "relations": GOOD["relations"][1:]}
    gold = write(tmp_path / "gold.jsonl", [with_id("a")])
    pred = write(tmp_path / "p.jsonl", [{**unheld, "id": "a"}])
    assert main(["evaluate", "--gold", str(gold), "--pred", str(pred)]) == 0
    assert "| pipeline | 1.000 |" in capsys.readouterr().out
    dangling = write(tmp_path / "d.jsonl", [{**DANGLING, "id": "a"}])
    assert main(["evaluate", "--gold", str(gold), "--pred", str(dangling)]) == 2
    assert "relation 2: needs integer 'head' and 'child' that are span indices" in capsys.readouterr().err


# --- 3. agreement ------------------------------------------------------------------------
def test_agreement_refuses_files_without_a_shared_id(tmp_path, capsys):
    first = write(tmp_path / "first.jsonl", [with_id("a")])
    second = write(tmp_path / "second.jsonl", [with_id("b")])
    assert main(["annotations", "agreement", str(first), str(second)]) == 2
    err = capsys.readouterr().err
    assert "no document id in common" in err and str(first) in err and str(second) in err


# --- 4. doccano --------------------------------------------------------------------------
def doccano(tmp_path: Path, *lines: dict) -> Path:
    return write(tmp_path / "doccano.jsonl", list(lines))


def test_doccano_relation_to_an_unknown_entity_names_the_line_and_id(tmp_path, capsys):
    line = {"id": 3, "text": TEXT, "entities": [{"id": 10, "label": "PER", "start_offset": 3, "end_offset": 17}],
            "relations": [{"id": 1, "from_id": 10, "to_id": 5555, "type": "has_title"}]}
    path = doccano(tmp_path, {**line, "id": 2}, line)
    out = tmp_path / "out.jsonl"
    assert main(["annotations", "import", "--from", "doccano", str(path), "--out", str(out)]) == 2
    assert f"{path}:1: relation 1 (has_title): to_id 5555 is not the id" in capsys.readouterr().err
    assert not out.exists()


def test_doccano_unannotated_documents_are_skipped_and_comments_kept_out(tmp_path, capsys):
    path = doccano(tmp_path, {"id": 1, "text": TEXT, "label": [], "Comments": []},
                   {"id": 2, "text": TEXT, "label": [[3, 17, "PER"]], "Comments": []})
    out = tmp_path / "out.jsonl"
    assert main(["annotations", "import", "--from", "doccano", str(path), "--out", str(out)]) == 0
    [record] = read_records(out)
    assert record.id == "2" and record.meta == {"source": "doccano"}
    err = capsys.readouterr().err
    assert f"skipped {path}:1 (id 1): no label" in err and "1 task(s) skipped" in err


# --- 5. Label Studio says what it drops or chooses ----------------------------------------
def test_label_studio_relations_without_a_type_or_with_two_statuses_are_reported(tmp_path):
    path = label_studio(tmp_path, [task(region("p", 3, 17, "PER"), region("t", 19, 29, "TITLE"),
                                        region("o", 30, 50, "ORG"), relation("p", "t", "has_title", "former", "acting"),
                                        relation("t", "o", "former"), relation("t", "o"))])
    imported = import_file(path, "label-studio")
    [record] = imported.records
    assert record.relations == [{"head": 0, "child": 1, "label": "has_title", "status": "former"}]
    where = f"{path}: task 1 (id 9): relation"
    assert imported.warnings == [
        f"{where} 'Nông Thị Hương' -> 'Phó Trưởng' has statuses former, acting; kept former",
        f"{where} 'Phó Trưởng' -> 'Ban Tổ chức Huyện uỷ' has no relation type (labels: ['former']): dropped",
        f"{where} 'Phó Trưởng' -> 'Ban Tổ chức Huyện uỷ' has no relation type (labels: none): dropped"]


def test_label_studio_region_with_two_labels_is_reported(tmp_path):
    imported = import_file(label_studio(tmp_path, [task(region("a", 3, 17, "PER", "ORG"))]), "label-studio")
    assert imported.records[0].spans == [{"start": 3, "end": 17, "label": "PER"}]
    assert imported.warnings == [f"{tmp_path / 'export.json'}: task 1 (id 9): region 'Nông Thị Hương' "
                                 "[3:17] has labels PER, ORG; kept PER"]


def test_label_studio_ref_note_without_its_equals_sign_is_reported(tmp_path):
    """A note "ref p1" (the annotator meant ref=p1) keeps no ref: said, not lost in silence."""
    noted = {**region("a", 3, 17, "PER"), "meta": {"text": ["ref p1, same as the holder"]}}
    imported = import_file(label_studio(tmp_path, [task(noted)]), "label-studio")
    assert imported.records[0].spans == [{"start": 3, "end": 17, "label": "PER"}]
    assert imported.warnings == [f"{tmp_path / 'export.json'}: task 1 (id 9): region 'Nông Thị Hương' "
                                 "[3:17] has the note 'ref p1, same as the holder', no 'ref=ID' "
                                 "in it: no ref kept"]


def test_label_studio_task_annotated_twice_uses_the_latest_and_says_so(tmp_path, capsys):
    older = {"id": 1, "was_cancelled": False, "updated_at": "2024-05-02T10:00:00.000000Z",
             "result": [region("a", 3, 17, "ORG")]}
    newer = {"id": 2, "was_cancelled": False, "updated_at": "2024-05-03T09:00:00.000000Z",
             "result": [region("a", 3, 17, "PER")]}
    path = label_studio(tmp_path, [task(annotations=[newer, older])])
    out = tmp_path / "out.jsonl"
    assert main(["annotations", "import", "--from", "label-studio", str(path), "--out", str(out)]) == 0
    [record] = read_records(out)
    assert record.spans == [{"start": 3, "end": 17, "label": "PER"}]
    assert "2 completed annotations; used the most recently updated (id 2" in capsys.readouterr().err


def test_a_clean_label_studio_round_trip_has_no_warning(tmp_path):
    record = Record(**{k: GOOD[k] for k in ("id", "text", "spans", "relations", "meta")})
    exported = to_label_studio(record)
    path = label_studio(tmp_path, [{**exported, "id": 1, "annotations": [
        {"id": 1, "was_cancelled": False, "result": exported["predictions"][0]["result"]}]}])
    imported = import_file(path, "label-studio")
    assert imported.warnings == [] and imported.records[0].relations == GOOD["relations"]


# --- 6. export checks what it writes -----------------------------------------------------
def test_export_refuses_a_dangling_relation_before_writing(tmp_path, capsys):
    source = write(tmp_path / "annotations.jsonl", [with_id("a"), DANGLING])
    for tool, out in (("label-studio", tmp_path / "tasks.json"), ("sheet", tmp_path / "sheets")):
        assert main(["annotations", "export", str(source), "--to", tool, "--out", str(out)]) == 2
        assert f"{source}:2: relation 2: needs integer 'head' and 'child' that are span indices" in \
            capsys.readouterr().err
        assert not out.exists()


def test_import_sets_the_meta_fields_a_batch_shares(tmp_path):
    """A batch imported from the pipeline's own output has no `source`: `--meta
    source=published --meta outlet=…` makes its records the published articles that
    cross-validation tests on, by outlet; a malformed field is refused before anything."""
    exported = to_label_studio(Record("a", TEXT, GOOD["spans"], GOOD["relations"], {"file": "/x/a.txt"}))
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{**exported, "id": 1, "annotations": [
        {"id": 1, "was_cancelled": False, "result": exported["predictions"][0]["result"]}]}]), encoding="utf-8")
    out = tmp_path / "batch.jsonl"
    assert main(["annotations", "import", str(path), "--from", "label-studio", "--out", str(out),
                 "--meta", "source=published", "--meta", "outlet=Báo Quảng Trị"]) == 0
    [record] = read_records(out)
    assert record.meta == {"file": "/x/a.txt", "source": "published", "outlet": "Báo Quảng Trị"}
    with pytest.raises(SystemExit) as refused:  # argparse's own usage error
        main(["annotations", "import", str(path), "--from", "label-studio", "--out",
              str(tmp_path / "other.jsonl"), "--meta", "published"])
    assert refused.value.code == 2 and not (tmp_path / "other.jsonl").exists()
