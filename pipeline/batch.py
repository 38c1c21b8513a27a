"""`extract` over many files: one bad document never costs the rest of the batch.

Outputs are streamed to hidden temporary files and renamed into place at the
end, so `triples.jsonl` is either the previous complete file or the new one.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jsonlines
from tqdm import tqdm

from .read import InputError, decode, read_file

OUTPUTS = ("triples.jsonl", "annotations.jsonl", "errors.jsonl")


@dataclass(frozen=True)
class Source:
    """One input document: where it is and the id it gets."""

    doc_id: str
    path: Path | None  # None: standard input


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


def load_text(source: Source) -> str:
    if source.path is None:
        return decode(sys.stdin.buffer.read(), "<stdin>")
    return read_file(source.path)


class Outputs:
    """The three JSONL outputs, written through temporary files."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        dumps = partial(json.dumps, ensure_ascii=False)
        self.writers = {name: jsonlines.open(self._tmp(name), "w", dumps=dumps) for name in OUTPUTS}

    def _tmp(self, name: str) -> Path:
        return self.out_dir / f".{name}.tmp"

    def write(self, name: str, row: dict) -> None:
        self.writers[name].write(row)

    def commit(self, summary: dict) -> None:
        for name, writer in self.writers.items():
            writer.close()
            self._tmp(name).replace(self.out_dir / name)
        tmp = self._tmp("run.json")
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(self.out_dir / "run.json")


def run_extract(pipeline, inputs: list[str], out_dir: Path) -> dict:
    """Process every input; returns the run summary (also written to run.json)."""
    outputs = Outputs(out_dir)
    started = time.perf_counter()
    done = failed = words = 0
    items = list(sources(inputs))
    for source in tqdm(items, unit="doc", disable=None, file=sys.stderr):
        where = str(source.path) if source.path else "<stdin>"
        try:
            text = load_text(source)
            result = pipeline.process(text, source.doc_id)
        except InputError as err:
            outputs.write("errors.jsonl", {"doc_id": source.doc_id, "file": where, "error": str(err)})
            failed += 1
            continue
        except Exception as err:  # a bug on one document must not cost the batch
            outputs.write("errors.jsonl", {"doc_id": source.doc_id, "file": where,
                                           "error": f"{where}: {type(err).__name__}: {err}"})
            failed += 1
            continue
        result.record.meta = {"file": where}
        outputs.write("annotations.jsonl", result.record.to_json())
        for triple in result.triples:
            outputs.write("triples.jsonl", triple)
        done += 1
        words += result.words
    seconds = time.perf_counter() - started
    summary = {"documents": len(items), "processed": done, "failed": failed, "words": words,
               "seconds": round(seconds, 3), "words_per_second": round(words / seconds, 1) if seconds else 0,
               "stages": pipeline.stage_names}
    outputs.commit(summary)
    return summary
