"""What a user running `extract` over an archive meets: ids, file names, the output folder,
failures, resumed runs, two runs at once and a journal cut by a crash."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.batch import JOURNAL, OUTPUTS, Lock, run_extract
from pipeline.errors import InputError, OutputLocked

ARTICLE = "Ông {name}, Bí thư Huyện ủy Cao Lộc, dự hội nghị ngày 2/3/2024."


def write(folder: Path, name: str, person: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(ARTICLE.format(name=person), encoding="utf-8")
    return path


def people(out: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in (out / "triples.jsonl").read_text(encoding="utf-8").splitlines():
        triple = json.loads(line)
        found.setdefault(triple["doc_id"], set()).add(triple["subject"]["text"])
    return found


def test_same_file_name_in_two_folders_gives_two_ids(rules_nlp, tmp_path):
    write(tmp_path / "2019", "tin.txt", "Lương Minh Tiến")
    write(tmp_path / "2020", "tin.txt", "Nông Thị Hương")
    summary = run_extract(rules_nlp, [str(tmp_path / "2019"), str(tmp_path / "2020")], tmp_path / "out")
    assert summary["processed"] == 2
    assert people(tmp_path / "out") == {"2019/tin": {"Lương Minh Tiến"}, "2020/tin": {"Nông Thị Hương"}}


def test_two_files_that_would_share_an_id_are_refused(rules_nlp, tmp_path):
    a = write(tmp_path / "a", "tin.txt", "Lương Minh Tiến")
    b = write(tmp_path / "b", "tin.txt", "Nông Thị Hương")
    with pytest.raises(InputError, match="would both get the id 'tin'"):
        run_extract(rules_nlp, [str(a), str(b)], tmp_path / "out")


def test_upper_case_txt_is_read_and_a_folder_without_text_is_an_error(rules_nlp, tmp_path):
    write(tmp_path / "in", "TIN.TXT", "Lương Minh Tiến")
    (tmp_path / "in" / "notes.md").write_text("# notes", encoding="utf-8")
    summary = run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    assert summary["processed"] == 1 and people(tmp_path / "out") == {"TIN": {"Lương Minh Tiến"}}
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "a.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"no \.txt files in this folder \(found: \.md\)"):
        run_extract(rules_nlp, [str(tmp_path / "md")], tmp_path / "out2")


def test_out_naming_a_file_is_a_clear_error(tmp_path):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    (tmp_path / "taken").write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "in"), "--out",
                          str(tmp_path / "taken")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "is a file, not a folder" in run.stderr and "Traceback" not in run.stderr


def test_failures_are_counted_on_stderr_with_where_they_are(rules_nlp, tmp_path, capsys):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    summary = run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    assert summary["failed"] == 1
    assert f"1 of 2 document(s) failed: see {tmp_path / 'out' / 'errors.jsonl'}" in capsys.readouterr().err


def test_a_resumed_run_reports_its_own_work_and_the_total(rules_nlp, tmp_path):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    first = run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    write(tmp_path / "in", "b.txt", "Nông Thị Hương")
    second = run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    assert (second["documents"], second["skipped"], second["this_run"]["documents"]) == (2, 1, 1)
    assert second["words"] == first["words"] + second["this_run"]["words"]
    assert second["this_run"]["words_per_second"] > 0
    nothing = run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    assert nothing["this_run"]["documents"] == 0 and nothing["words"] == second["words"]


def test_a_second_run_on_the_same_out_refuses_and_leaves_the_journal_alone(rules_nlp, tmp_path):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    out = tmp_path / "out"
    run_extract(rules_nlp, [str(tmp_path / "in")], out)
    journal = (out / JOURNAL).read_bytes()
    held = Lock(out)  # as a running extract holds it
    try:
        with pytest.raises(OutputLocked, match="another extract run"):
            run_extract(rules_nlp, [str(tmp_path / "in")], out, force=True)
        cli = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "in"), "--out",
                              str(out)], capture_output=True, text=True, cwd=ROOT)
        assert cli.returncode == 2 and "another extract run" in cli.stderr
    finally:
        held.release()
    assert (out / JOURNAL).read_bytes() == journal


def test_a_journal_cut_by_a_crash_is_repaired(rules_nlp, tmp_path):
    for n, name in enumerate(["Lương Minh Tiến", "Nông Thị Hương", "Hoàng Văn Nam"]):
        write(tmp_path / "in", f"{n}.txt", name)
    out = tmp_path / "out"
    run_extract(rules_nlp, [str(tmp_path / "in")], out)
    reference = {name: (out / name).read_bytes() for name in OUTPUTS}
    lines = (out / JOURNAL).read_bytes().splitlines(keepends=True)
    (out / JOURNAL).write_bytes(b"".join(lines[:2]) + lines[2][: len(lines[2]) // 2])
    summary = run_extract(rules_nlp, [str(tmp_path / "in")], out)
    assert summary["journal_repaired_bytes"] == len(lines[2]) // 2
    assert (summary["skipped"], summary["this_run"]["documents"]) == (2, 1)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == reference


def test_another_min_confidence_redoes_the_documents(rules_nlp, tmp_path):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    out = tmp_path / "out"
    run_extract(rules_nlp, [str(tmp_path / "in")], out)
    rules_nlp.min_confidence = 0.99
    try:
        again = run_extract(rules_nlp, [str(tmp_path / "in")], out)
    finally:
        rules_nlp.min_confidence = 0.0
    assert again["skipped"] == 0 and again["this_run"]["documents"] == 1
