"""What a user running `extract` over an archive meets: ids, file names, the output folder,
failures, resumed runs, two runs at once and a journal cut by a crash."""
from __future__ import annotations

import json
import shutil
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


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS`, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)


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
    with pytest.raises(InputError, match="would both get the id 'tin'; give .*a instead of .*tin.txt and "
                                         ".*b instead of .*tin.txt, or rename one"):
        run_extract(rules_nlp, [str(a), str(b)], tmp_path / "out")


def test_two_folders_of_one_name_are_refused_with_advice_for_folders(tmp_path):
    write(tmp_path / "d1", "a.txt", "Lương Minh Tiến")
    write(tmp_path / "o2" / "d1", "a.txt", "Nông Thị Hương")
    run = cli("extract", str(tmp_path / "d1"), str(tmp_path / "o2" / "d1"), "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    assert "would both get the id 'd1/a'" in run.stderr and "have the same name" in run.stderr
    assert "instead of" not in run.stderr and "Traceback" not in run.stderr


def test_stdin_and_a_file_named_stdin_are_refused_naming_standard_input(tmp_path):
    file = write(tmp_path / "in", "stdin.txt", "Lương Minh Tiến")
    run = cli("extract", "-", str(file), "--out", str(tmp_path / "out"), stdin=ARTICLE.format(name="Hoàng Văn Nam"))
    assert run.returncode == 2
    assert f"error: - (standard input) and {file} would both get the id 'stdin'; rename the file" in run.stderr
    assert "None" not in run.stderr


def test_a_file_given_twice_or_inside_a_folder_given_is_read_once(rules_nlp, tmp_path, capsys):
    file = write(tmp_path / "d1", "a.txt", "Lương Minh Tiến")
    summary = run_extract(rules_nlp, [str(tmp_path / "d1"), str(file), str(file)], tmp_path / "out")
    assert (summary["documents"], summary["processed"]) == (1, 1)
    assert people(tmp_path / "out") == {"a": {"Lương Minh Tiến"}}
    assert f"note: {file} is given twice (first as 'a'); it is read once" in capsys.readouterr().err


def test_upper_case_txt_is_read_and_a_folder_without_text_is_an_error(rules_nlp, tmp_path):
    write(tmp_path / "in", "TIN.TXT", "Lương Minh Tiến")
    (tmp_path / "in" / "notes.md").write_text("# notes", encoding="utf-8")
    summary = run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    assert summary["processed"] == 1 and people(tmp_path / "out") == {"TIN": {"Lương Minh Tiến"}}
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "a.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"no \.txt files in this folder \(found: \.md\)"):
        run_extract(rules_nlp, [str(tmp_path / "md")], tmp_path / "out2")


@pytest.mark.parametrize("out,message", [
    ("taken", "{tmp}/taken: is a file, not a folder"),
    ("taken/out", "{tmp}/taken/out: {tmp}/taken is a file, not a folder"),
    ("/sys/kernel/out", "/sys/kernel/out: cannot write there ("),
])
def test_an_out_that_cannot_be_a_folder_is_a_usage_error_naming_it(tmp_path, out, message):
    if out.startswith("/sys") and not Path("/sys/kernel").is_dir():
        pytest.skip("no /sys/kernel here (not Linux)")
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    (tmp_path / "taken").write_text("", encoding="utf-8")
    run = cli("extract", str(tmp_path / "in"), "--out", str(tmp_path / out))
    assert run.returncode == 2
    assert f"error: --out {message.format(tmp=tmp_path)}" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="no /proc here (not Linux)")
def test_a_kb_export_where_nothing_can_be_written_is_a_usage_error_naming_the_path(rules_nlp, tmp_path):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    run_extract(rules_nlp, [str(tmp_path / "in")], tmp_path / "out")
    assert cli("kb", "build", str(tmp_path / "out")).returncode == 0
    run = cli("kb", "export", "--kb", str(tmp_path / "out" / "kb.sqlite"), "--rdf", "/proc/x.ttl")
    assert run.returncode == 2
    assert run.stderr.startswith("error: /proc/") and "No such file" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("option,value,message", [
    ("--min-confidence", "1.5", "'1.5' is not a number from 0 to 1"),
    ("--min-confidence", "nan", "'nan' is not a number from 0 to 1"),
    ("--min-confidence", "-0.1", "'-0.1' is not a number from 0 to 1"),
    ("--jobs", "0", "'0' is not a whole number of 1 or more"),
    ("--jobs", "-3", "'-3' is not a whole number of 1 or more"),
    ("--jobs", "two", "'two' is not a whole number of 1 or more"),
])
def test_options_out_of_range_are_refused_before_anything_runs(tmp_path, option, value, message):
    write(tmp_path / "in", "a.txt", "Lương Minh Tiến")
    run = cli("extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), f"{option}={value}")
    assert run.returncode == 2
    assert f"error: argument {option}: {message}" in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here")
def test_make_extract_takes_paths_with_spaces_and_quotes(tmp_path):
    write(tmp_path / "my articles", "a.txt", "Lương Minh Tiến")
    out = tmp_path / "the user's out"
    # -o: the .venv is taken as installed, so the test never runs pip
    run = subprocess.run(["make", "-o", ".venv/.installed", "extract", f"IN={tmp_path / 'my articles'}",
                          f"OUT={out}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert people(out) == {"a": {"Lương Minh Tiến"}}


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
