"""`extract` over many files: resumable, parallel, and never lost to one bad document.

Each finished document is appended to a journal in the output folder
(`.journal.jsonl`: its id, content hash, model version and results), flushed at
once. A run that is killed and started again skips what the journal holds, so
nothing is lost and nothing is done twice; `--force` starts the journal afresh.
The output files are then assembled from the journal in input order (the same
bytes whatever the number of workers or the engine) and renamed into place.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

import jsonlines
from tqdm import tqdm

from .read import InputError, decode, read_bytes

OUTPUTS = ("triples.jsonl", "annotations.jsonl", "errors.jsonl")
JOURNAL = ".journal.jsonl"


@dataclass(frozen=True)
class Source:
    """One input document: the id it gets and where it is (None: standard input)."""

    doc_id: str
    path: Path | None


def sources(inputs: list[str]) -> Iterator[Source]:
    """Files as given, folders as their *.txt files (recursively, sorted), '-' as stdin.

    A document's id is its path relative to the folder given, without '.txt'.
    """
    for item in inputs:
        if item == "-":
            yield Source("stdin", None)
            continue
        path = Path(item)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield Source(file.relative_to(path).with_suffix("").as_posix(), file)
        elif path.exists():
            yield Source(path.with_suffix("").name, path)
        else:
            raise InputError(f"{item}: no such file or folder")


@dataclass(frozen=True)
class Job:
    """What a worker needs: no file system access, so any Dask worker can take it."""

    doc_id: str
    where: str
    data: bytes
    key: str  # doc id, content hash and model version: the journal's key
    error: str | None = None  # the file could not even be read


def make_job(source: Source, stdin: bytes | None, model_version: str) -> Job:
    where = str(source.path) if source.path else "<stdin>"
    try:
        data = read_bytes(source.path) if source.path else (stdin or b"")
    except InputError as err:
        return Job(source.doc_id, where, b"", f"{source.doc_id}\t-\t{model_version}", str(err))
    digest = hashlib.sha256(data).hexdigest()[:32]
    return Job(source.doc_id, where, data, f"{source.doc_id}\t{digest}\t{model_version}")


def process_job(pipeline, job: Job) -> dict:
    """One document to one journal entry; any failure becomes an error entry."""
    entry: dict = {"key": job.key, "doc_id": job.doc_id, "file": job.where}
    try:
        if job.error:
            raise InputError(job.error)
        result = pipeline.process(decode(job.data, job.where), job.doc_id)
    except InputError as err:
        entry["error"] = str(err)
        return entry
    except Exception as err:  # a bug on one document must not cost the batch
        entry["error"] = f"{job.where}: {type(err).__name__}: {err}"
        return entry
    result.record.meta = {"file": job.where}
    entry.update(record=result.record.to_json(), triples=result.triples, words=result.words)
    return entry


class Journal:
    """Append-only record of finished documents, indexed by key -> byte offset."""

    def __init__(self, path: Path, fresh: bool) -> None:
        self.path = path
        if fresh and path.exists():
            path.unlink()
        self.index: dict[str, int] = {}
        good = 0
        if path.exists():
            with open(path, "rb") as handle:
                for line in handle:
                    if not line.endswith(b"\n"):
                        break  # the last line of a killed run: redo that document
                    try:
                        self.index[json.loads(line)["key"]] = good
                    except (json.JSONDecodeError, KeyError):
                        break
                    good += len(line)
            os.truncate(path, good)
        self.handle = open(path, "ab")

    def add(self, entry: dict) -> None:
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        self.index[entry["key"]] = self.handle.tell()
        self.handle.write(line)
        self.handle.flush()

    def get(self, key: str) -> dict:
        with open(self.path, "rb") as handle:
            handle.seek(self.index[key])
            return json.loads(handle.readline())

    def close(self) -> None:
        self.handle.close()


class Outputs:
    """The JSONL outputs and run.json, written to hidden files and renamed into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        dumps = partial(json.dumps, ensure_ascii=False)
        self.writers = {name: jsonlines.open(self._tmp(name), "w", dumps=dumps) for name in OUTPUTS}

    def _tmp(self, name: str) -> Path:
        return self.out_dir / f".{name}.tmp"

    def write_entry(self, entry: dict) -> None:
        if "error" in entry:
            self.writers["errors.jsonl"].write(
                {"doc_id": entry["doc_id"], "file": entry["file"], "error": entry["error"]})
            return
        self.writers["annotations.jsonl"].write(entry["record"])
        for triple in entry["triples"]:
            self.writers["triples.jsonl"].write(triple)

    def commit(self, summary: dict) -> None:
        for name, writer in self.writers.items():
            writer.close()
            self._tmp(name).replace(self.out_dir / name)
        tmp = self._tmp("run.json")
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(self.out_dir / "run.json")


# --- engines: each yields journal entries for the jobs, in any order ---------------------
_WORKER_PIPELINE = None


def _worker_process(job: Job) -> dict:
    """Run in a worker process (multiprocessing or Dask): the pipeline is loaded once."""
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        from . import load

        _WORKER_PIPELINE = load()
    return process_job(_WORKER_PIPELINE, job)


def run_local(pipeline, jobs: Iterable[Job], workers: int) -> Iterator[dict]:
    if workers <= 1:
        for job in jobs:
            yield process_job(pipeline, job)
        return
    import multiprocessing

    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline  # forked workers inherit the loaded pipeline
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap_unordered(_worker_process, jobs, chunksize=1)


def run_dask(jobs: Iterable[Job], workers: int, scheduler: str | None) -> Iterator[dict]:
    """The same per-document function on Dask workers (a local cluster when no address).
    At most a few documents per worker are in flight, so memory stays flat."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--engine dask needs the optional extra: pip install 'dask[distributed]'") from None
    cluster = None if scheduler else LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    with Client(scheduler or cluster) as client:
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        queue = iter(jobs)
        running = as_completed([client.submit(_worker_process, job, pure=False)
                                for job in islice(queue, window)])
        for future in running:
            yield future.result()
            future.release()
            for job in islice(queue, 1):
                running.add(client.submit(_worker_process, job, pure=False))
    if cluster is not None:
        cluster.close()


def model_version(pipeline) -> str:
    """Models and code version: a document done by another model is done again."""
    from . import __version__

    return f"{__version__}:{pipeline.model_hash}"


def run_extract(pipeline, inputs: list[str], out_dir: Path, workers: int = 1,
                engine: str = "local", scheduler: str | None = None, force: bool = False) -> dict:
    """Process every input not already in the journal; write the outputs; return the summary."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    items = list(sources(inputs))
    stdin = sys.stdin.buffer.read() if any(s.path is None for s in items) else None
    version = model_version(pipeline)
    journal = Journal(out_dir / JOURNAL, fresh=force)
    # First pass: keys only (each file is read and hashed, its bytes dropped), so memory
    # does not grow with the number of documents; the bytes are read again when sent.
    keys = [make_job(source, stdin, version).key for source in items]
    pending = [n for n, key in enumerate(keys) if key not in journal.index]

    def todo() -> Iterator[Job]:
        for n in pending:
            job = make_job(items[n], stdin, version)
            keys[n] = job.key  # the file may have changed since the first pass
            yield job

    new_words = 0
    runner = run_dask(todo(), workers, scheduler) if engine == "dask" else \
        run_local(pipeline, todo(), workers)
    try:
        for entry in tqdm(runner, total=len(pending), unit="doc", disable=None, file=sys.stderr):
            journal.add(entry)
            new_words += entry.get("words", 0)
    finally:
        journal.close()
    outputs = Outputs(out_dir)
    failed = words = 0
    for key in keys:
        entry = journal.get(key)
        outputs.write_entry(entry)
        failed += "error" in entry
        words += entry.get("words", 0)
    seconds = time.perf_counter() - started
    summary = {"documents": len(items), "processed": len(items) - failed, "failed": failed,
               "skipped": len(items) - len(pending), "words": words, "seconds": round(seconds, 3),
               "words_per_second": round(new_words / seconds, 1) if seconds else 0.0,
               "workers": workers, "engine": engine, "stages": pipeline.stage_names}
    outputs.commit(summary)
    return summary
