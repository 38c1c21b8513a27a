"""`extract` over many files: resumable, parallel, and never lost to one bad document.

Each finished document is appended to a journal in the output folder
(`.journal.jsonl`: its id, content hash, model version and results), flushed at
once. A run that is killed and started again skips what the journal holds, so
nothing is lost and nothing is done twice; `--force` starts the journal afresh.
The output files are then assembled from the journal in input order (the same
bytes whatever the number of workers or the engine) and renamed into place.

Workers are stateless: each receives the pipeline's spec (models folder and config
overrides), loads that pipeline once per process, and writes the hash of the models
it really used into every journal entry, so a worker with other models is caught.
Documents go through the stages in small batches (one network call for several). A
worker also encodes a document's output lines, so the main process, which every worker
waits on, only moves text.
"""
from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from tqdm import tqdm

from .errors import InputError, OutputLocked
from .published import date_of
from .read import decode, read_bytes
from .records import jsonl_line

OUTPUTS = ("triples.jsonl", "annotations.jsonl", "entities.jsonl", "errors.jsonl")
JOURNAL = ".journal.jsonl"
JOURNAL_FORMAT = 2  # entries hold their output lines encoded; entries of another format are redone
LOCK = ".lock"
BATCH_DOCS = 8  # documents a worker runs through the stages together


@dataclass(frozen=True)
class Source:
    """One input document: the id it gets, where it is (None: standard input), and the folder
    given that holds it (None: given by name), for the advice when two ids clash."""

    doc_id: str
    path: Path | None
    folder: Path | None = None


def _is_text_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".txt" and not path.name.startswith(".")


def sources(inputs: list[str]) -> Iterator[Source]:
    """Files as given, folders as their .txt files (any case, recursively, sorted), '-' as
    stdin. A document's id is its path relative to the folder given, without '.txt'; when
    several folders are given, the folder's own name comes first, so ids stay unique."""
    several = len({Path(item).resolve() for item in inputs if Path(item).is_dir()}) > 1
    for item in inputs:
        if item == "-":
            yield Source("stdin", None)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if _is_text_file(f))
            if not files:
                found = sorted({f.suffix or f.name for f in path.rglob("*") if f.is_file()})[:6]
                raise InputError(f"{item}: no .txt files in this folder"
                                 + (f" (found: {', '.join(found)})" if found else " (it is empty)"))
            prefix = f"{path.resolve().name}/" if several else ""
            for file in files:
                yield Source(prefix + file.relative_to(path).with_suffix("").as_posix(), file, path)
        elif path.exists():
            yield Source(path.with_suffix("").name, path)
        else:
            raise InputError(f"{item}: no such file or folder")


def _shown(source: Source) -> str:
    return "- (standard input)" if source.path is None else str(source.path)


def _clash_advice(first: Source, second: Source) -> str:
    """What to do so that two different documents get two ids, by where each came from."""
    if first.path is None or second.path is None:
        return "rename the file"
    folders = [s.folder or s.path.parent for s in (first, second)]
    names = {f.resolve().name for f in folders}
    by_name = [f"{s.path.parent} instead of {s.path}" for s in (first, second) if not s.folder]
    if len(names) == 2 and by_name:
        return f"give {' and '.join(by_name)}, or rename one"
    if first.folder and second.folder and first.folder.resolve() != second.folder.resolve():
        return (f"the folders {first.folder} and {second.folder} have the same name: rename one, "
                "or give one folder that holds both")
    return "rename one"


def unique(items: list[Source]) -> list[Source]:
    """Each file once (a file given twice, or also inside a folder given, is one document), and
    never two files with one id (their outputs would mix)."""
    by_file: dict[Path | None, Source] = {}
    by_id: dict[str, Source] = {}
    for item in items:
        file = item.path.resolve() if item.path else None
        if file in by_file:
            first = by_file[file]
            print(f"note: {_shown(item)} is given twice (first as {first.doc_id!r}); it is read once",
                  file=sys.stderr)
            continue
        if item.doc_id in by_id:
            first = by_id[item.doc_id]
            raise InputError(f"{_shown(first)} and {_shown(item)} would both get the id {item.doc_id!r}; "
                             + _clash_advice(first, item))
        by_file[file] = by_id[item.doc_id] = item
    return list(by_file.values())


@dataclass(frozen=True)
class Job:
    """What a worker needs: no file system access, so any Dask worker can take it."""

    doc_id: str
    where: str
    data: bytes
    key: str  # doc id, content hash, model version (and the date given): the journal's key
    error: str | None = None  # the file could not even be read
    published: str | None = None  # the date the dates table gives (`published.py`)


def make_job(source: Source, stdin: bytes | None, version: str, published: str | None = None) -> Job:
    where = str(source.path) if source.path else "<stdin>"
    dated = f"\t{published}" if published else ""  # a date given or changed redoes the document
    try:
        data = read_bytes(source.path) if source.path else (stdin or b"")
    except InputError as err:
        return Job(source.doc_id, where, b"", f"{source.doc_id}\t-\t{version}{dated}", str(err), published)
    digest = hashlib.sha256(data).hexdigest()[:32]
    return Job(source.doc_id, where, data, f"{source.doc_id}\t{digest}\t{version}{dated}", None, published)


def _entry(job: Job, pipeline) -> dict:
    return {"key": job.key, "doc_id": job.doc_id, "file": job.where, "model": pipeline.model_hash}


def _failure(job: Job, pipeline, err: Exception) -> dict:
    message = str(err) if isinstance(err, InputError) else f"{job.where}: {type(err).__name__}: {err}"
    return {**_entry(job, pipeline), "error": message}


def process_jobs(pipeline, jobs: list[Job]) -> list[dict]:
    """Documents to journal entries, together when they can be; a document that fails
    becomes an error entry and never costs the others their results."""
    entries: dict[int, dict] = {}
    texts: list[tuple[int, str]] = []
    for n, job in enumerate(jobs):
        try:
            if job.error:
                raise InputError(job.error)
            texts.append((n, decode(job.data, job.where)))
        except InputError as err:
            entries[n] = _failure(job, pipeline, err)
    try:
        results = pipeline.process_many([(text, jobs[n].doc_id) for n, text in texts],
                                        [jobs[n].published for n, _ in texts])
    except Exception:  # one bad document in the batch: do them one at a time
        results = None
    for k, (n, text) in enumerate(texts):
        job = jobs[n]
        try:
            result = results[k] if results is not None else pipeline.process(text, job.doc_id, job.published)
        except Exception as err:  # a bug on one document must not cost the batch
            entries[n] = _failure(job, pipeline, err)
            continue
        result.record.meta = {"file": job.where, **result.record.meta}
        entries[n] = {**_entry(job, pipeline), "words": result.words, "outputs": {
            "annotations.jsonl": jsonl_line(result.record.to_json()),
            "triples.jsonl": "".join(map(jsonl_line, result.triples)),
            "entities.jsonl": "".join(map(jsonl_line, result.entities))}}
    return [entries[n] for n in range(len(jobs))]


# --- workers: the pipeline is built from its spec, once per process ------------------------
_LOADED: dict = {}  # spec -> pipeline, at most one per process


def pipeline_for(spec):
    if spec not in _LOADED:
        _LOADED.clear()
        _LOADED[spec] = spec.load()
    return _LOADED[spec]


def work(spec, jobs: list[Job]) -> list[dict]:
    """Run in a worker process (multiprocessing or Dask)."""
    return process_jobs(pipeline_for(spec), jobs)


def batches(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    it = iter(jobs)
    while batch := list(islice(it, size)):
        yield batch


def run_local(pipeline, jobs: Iterable[Job], workers: int) -> Iterator[dict]:
    if workers <= 1:
        for batch in batches(jobs, BATCH_DOCS):
            yield from process_jobs(pipeline, batch)
        return
    import multiprocessing

    _LOADED.clear()
    _LOADED[pipeline.spec] = pipeline  # forked workers inherit the loaded pipeline
    gc.freeze()  # and share its pages: the collector would otherwise write to every object in each worker
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for entries in pool.imap_unordered(partial(work, pipeline.spec), batches(jobs, BATCH_DOCS // 2)):
            yield from entries


def run_dask(pipeline, jobs: Iterable[Job], workers: int, scheduler: str | None) -> Iterator[dict]:
    """The same per-batch function on Dask workers (a local cluster when no address).
    At most a few batches per worker are in flight, so memory stays flat."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--engine dask needs the optional extra: pip install 'dask[distributed]'") from None
    cluster = None if scheduler else LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    submit = partial(work, pipeline.spec)
    with Client(scheduler or cluster) as client:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        queue = batches(jobs, BATCH_DOCS // 2)
        running = as_completed([client.submit(submit, batch, pure=False) for batch in islice(queue, window)])
        for future in running:
            yield from future.result()
            future.release()
            for batch in islice(queue, 1):
                running.add(client.submit(submit, batch, pure=False))
    if cluster is not None:
        cluster.close()


# --- the output folder: lock, journal, outputs ---------------------------------------------
class Lock:
    """One extract run per output folder: a second run refuses instead of mixing journals."""

    def __init__(self, out_dir: Path) -> None:
        self.handle = open(out_dir / LOCK, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise OutputLocked(f"{out_dir}: another extract run ({holder}) is writing here; "
                               "wait for it or choose another --out") from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"pid {os.getpid()}")
        self.handle.flush()

    def release(self) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


class Journal:
    """Append-only record of finished documents, indexed by key -> byte offset. A last line
    cut by a crash (or any line that does not parse) ends the good part: the rest is cut off
    and those documents are done again."""

    def __init__(self, path: Path, fresh: bool) -> None:
        self.path = path
        if fresh and path.exists():
            path.unlink()
        self.index: dict[str, int] = {}
        self.repaired = 0  # bytes cut off a damaged end
        good = 0
        if path.exists():
            with open(path, "rb") as handle:
                for line in handle:
                    if not line.endswith(b"\n"):
                        break
                    try:
                        self.index[json.loads(line)["key"]] = good
                    except (json.JSONDecodeError, KeyError, UnicodeDecodeError):
                        break
                    good += len(line)
            self.repaired = path.stat().st_size - good
            os.truncate(path, good)
        self.handle = open(path, "ab")

    def add(self, entry: dict) -> None:
        line = jsonl_line(entry).encode("utf-8")
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
        self.writers = {name: open(self._tmp(name), "w", encoding="utf-8") for name in OUTPUTS}

    def _tmp(self, name: str) -> Path:
        return self.out_dir / f".{name}.tmp"

    def write_entry(self, entry: dict) -> None:
        if "error" in entry:
            self.writers["errors.jsonl"].write(
                jsonl_line({"doc_id": entry["doc_id"], "file": entry["file"], "error": entry["error"]}))
            return
        for name, lines in entry["outputs"].items():
            self.writers[name].write(lines)

    def commit(self, summary: dict) -> None:
        for name, writer in self.writers.items():
            writer.close()
            self._tmp(name).replace(self.out_dir / name)
        tmp = self._tmp("run.json")
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(self.out_dir / "run.json")


def model_version(pipeline) -> str:
    """Code version, models and the settings of the run that change outputs: a document done
    by other models or with another --min-confidence is done again."""
    from . import __version__

    return f"{__version__}:{JOURNAL_FORMAT}:{pipeline.model_hash}:{pipeline.min_confidence}"


@dataclass
class Tally:
    """What this run did, apart from what earlier runs had done."""

    documents: int = 0
    words: int = 0
    failed: int = 0
    mismatched: list[str] = field(default_factory=list)


def _prepare_out(out_dir: Path) -> Lock:
    """The output folder, made and locked. A place where no folder can be made or written is
    the user's to change, so it is a usage error naming the path, not a traceback."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {out_dir}: is a file, not a folder; give a folder for the outputs")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Lock(out_dir)
    except OSError as err:
        reason = _unwritable(out_dir, err)
        raise InputError(f"--out {out_dir}: {reason}; give another folder for the outputs") from None


def _unwritable(out_dir: Path, err: OSError) -> str:
    """Why no output folder can be there, in the user's terms: a file in the way, else the system's reason."""
    file = next((p for p in out_dir.parents if p.is_file()), None)
    return f"{file} is a file, not a folder" if file else f"cannot write there ({err.strerror or err})"


def run_extract(pipeline, inputs: list[str], out_dir: Path, workers: int = 1,
                engine: str = "local", scheduler: str | None = None, force: bool = False,
                dates: dict[str, str] | None = None) -> dict:
    """Process every input not already in the journal; write the outputs; return the summary.
    `dates`: each article's publication date (`published.read_table`)."""
    started = time.perf_counter()
    items = unique(list(sources(inputs)))
    lock = _prepare_out(out_dir)
    try:
        summary = _run(pipeline, items, out_dir, workers, engine, scheduler, force, started, dates or {})
    finally:
        lock.release()
    if summary["failed"]:
        print(f"{summary['failed']} of {summary['documents']} document(s) failed: see "
              f"{out_dir / 'errors.jsonl'}", file=sys.stderr)
    return summary


def _run(pipeline, items: list[Source], out_dir: Path, workers: int, engine: str,
         scheduler: str | None, force: bool, started: float, dates: dict[str, str]) -> dict:
    stdin = sys.stdin.buffer.read() if any(s.path is None for s in items) else None
    version = model_version(pipeline)
    journal = Journal(out_dir / JOURNAL, fresh=force)
    # First pass: keys only (each file is read and hashed, its bytes dropped), so memory
    # does not grow with the number of documents; the bytes are read again when sent.
    given = [date_of(dates, source.doc_id, source.path) for source in items]
    if dates and not any(given):
        print("note: the dates table names none of the input files", file=sys.stderr)
    keys = [make_job(source, stdin, version, date).key for source, date in zip(items, given)]
    pending = [n for n, key in enumerate(keys) if key not in journal.index]

    def todo() -> Iterator[Job]:
        for n in pending:
            job = make_job(items[n], stdin, version, given[n])
            keys[n] = job.key  # the file may have changed since the first pass
            yield job

    tally = Tally()
    runner = run_dask(pipeline, todo(), workers, scheduler) if engine == "dask" else \
        run_local(pipeline, todo(), workers)
    try:
        for entry in tqdm(runner, total=len(pending), unit="doc", disable=None, file=sys.stderr):
            if entry.get("model") != pipeline.model_hash:  # a worker loaded other models
                tally.mismatched.append(entry["doc_id"])
                entry = {key: entry[key] for key in ("key", "doc_id", "file", "model")}
                entry["error"] = (f"{entry['file']}: processed with models {entry['model']!r}, "
                                  f"not {pipeline.model_hash!r}: the worker's models/ differ")
            journal.add(entry)
            tally.documents += 1
            tally.words += entry.get("words", 0)
            tally.failed += "error" in entry
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
               "skipped": len(items) - len(pending), "words": words,
               "this_run": {"documents": tally.documents, "words": tally.words, "failed": tally.failed,
                            "seconds": round(seconds, 3),
                            "words_per_second": round(tally.words / seconds, 1) if seconds else 0.0},
               "journal_repaired_bytes": journal.repaired,
               "workers": workers, "engine": engine, "stages": pipeline.stage_names}
    outputs.commit(summary)
    return summary
