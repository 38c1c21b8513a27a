"""Datasette metadata for the KB: labelled tables and columns, facets, canned queries.

The metadata ships as `metadata.json` beside this module; `kb build` writes a copy
next to the database, keyed by the database's name (Datasette names a database by
its file stem), so that `datasette out/kb.sqlite -m out/kb.metadata.json` works for
any `--kb` path. Datasette itself is not imported: users run it, the tests use it.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..records import atomic_write

SHIPPED = Path(__file__).with_name("metadata.json")


def metadata(database: str = "kb") -> dict:
    """The shipped metadata, for a database named `database`."""
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["databases"] = {database: data["databases"]["kb"]}
    return data


def metadata_path(kb: Path) -> Path:
    """out/kb.sqlite -> out/kb.metadata.json."""
    return kb.with_name(f"{kb.stem}.metadata.json")


def write_metadata(kb: Path) -> Path:
    path = metadata_path(kb)
    atomic_write(path, json.dumps(metadata(kb.stem), ensure_ascii=False, indent=1) + "\n")
    return path
