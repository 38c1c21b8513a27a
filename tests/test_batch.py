"""Batches at scale: worker processes, kill-and-resume, skipping done work, Dask."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.batch import JOURNAL, OUTPUTS, run_extract


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """36 articles: the sample batch, each also with its paragraphs in another order and a new date."""
    folder = tmp_path_factory.mktemp("batch")
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        paragraphs = path.read_text(encoding="utf-8").split("\n\n")
        for n in range(7):
            text = "\n\n".join(paragraphs[n % len(paragraphs):] + paragraphs[:n % len(paragraphs)])
            (folder / f"{path.stem}_{n}.txt").write_text(f"Ngày {n + 1}/3/2024\n\n{text}", encoding="utf-8")
    (folder / "zz_empty.txt").write_text("")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def extract_cmd(inputs: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "extract", str(inputs), "--out", str(out), *extra]


@pytest.fixture(scope="module")
def reference(nlp, batch, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("ref")
    summary = run_extract(nlp, [str(batch)], out)
    assert (summary["documents"], summary["failed"]) == (36, 1)
    return outputs(out)


def test_two_workers_write_the_same_bytes(nlp, batch, reference, tmp_path):
    summary = run_extract(nlp, [str(batch)], tmp_path, workers=2)
    assert summary["workers"] == 2
    assert outputs(tmp_path) == reference


def test_a_second_run_skips_what_is_done_and_force_redoes_it(nlp, batch, reference, tmp_path):
    run_extract(nlp, [str(batch)], tmp_path)
    again = run_extract(nlp, [str(batch)], tmp_path)
    assert again["skipped"] == 36 and outputs(tmp_path) == reference
    forced = run_extract(nlp, [str(batch)], tmp_path, force=True)
    assert forced["skipped"] == 0 and outputs(tmp_path) == reference


def test_a_changed_document_is_done_again(nlp, batch, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(batch, folder)
    run_extract(nlp, [str(folder)], tmp_path / "out")
    target = folder / "000_d201fd8f0cbe2ac3_0.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Hoàng Xuận Thuận", "Lê Văn Tám"),
                      encoding="utf-8")
    summary = run_extract(nlp, [str(folder)], tmp_path / "out")
    assert summary["skipped"] == 35
    people = {t["subject"]["text"] for t in map(json.loads, (tmp_path / "out" / "triples.jsonl").open())
              if t["doc_id"] == "000_d201fd8f0cbe2ac3_0"}
    assert "Lê Văn Tám" in people and "Hoàng Xuận Thuận" not in people


@pytest.fixture(scope="module")
def long_batch(nlp, batch, tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The batch four times over (141 documents), and its outputs from an uninterrupted run:
    long enough that a kill after the first journal lines lands well before the end."""
    folder = tmp_path_factory.mktemp("long")
    for path in sorted(batch.glob("*.txt")):
        for n in range(4 if path.stat().st_size else 1):
            (folder / f"{path.stem}_{n}.txt").write_bytes(path.read_bytes().replace(b"3/2024", f"3/202{n}".encode()))
    out = tmp_path_factory.mktemp("long_ref")
    run_extract(nlp, [str(folder)], out)
    return folder, outputs(out)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_run_resumes_to_the_same_output(long_batch, tmp_path, sig):
    batch, reference = long_batch
    out = tmp_path / "out"
    # a shell that started us in the background ignores SIGINT, and children inherit that:
    # give the run Python's own Ctrl-C handling back, as a user's terminal would
    proc = subprocess.Popen(extract_cmd(batch, out), cwd=ROOT, stderr=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    journal = out / JOURNAL
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= 4:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert not (out / "triples.jsonl").exists()  # nothing half-written in place
    done = journal.read_bytes().count(b"\n")
    assert 4 <= done < 141
    rerun = subprocess.run(extract_cmd(batch, out), cwd=ROOT, capture_output=True)
    assert rerun.returncode == 1  # the empty file still fails, as in the reference run
    summary = json.loads((out / "run.json").read_text())
    assert summary["skipped"] == done
    assert outputs(out) == reference


def test_dask_local_cluster_gives_the_same_output(batch, reference, tmp_path):
    pytest.importorskip("dask.distributed")
    run = subprocess.run(extract_cmd(batch, tmp_path, "--engine", "dask", "--jobs", "2"), cwd=ROOT,
                         capture_output=True, timeout=600)
    assert run.returncode == 1, run.stderr.decode()[-2000:]
    summary = json.loads((tmp_path / "run.json").read_text())
    assert summary["engine"] == "dask" and summary["documents"] == 36
    assert outputs(tmp_path) == reference
