"""Tables derived from installed packages, kept between runs so that start-up does not
rebuild them: a user extracting one article should not wait for them every time.

Each table is a JSON file in `$XDG_CACHE_HOME/vnorg/` (default `~/.cache/vnorg/`), stored
with a key made of what it was derived from: the versions of the packages whose data it
reads, and the source files of the code that derives it. A file whose key differs (a new
package, edited code) or that cannot be read is rebuilt; a home that cannot be written
only costs the rebuild at every start-up. JSON, never pickle: the file is data, read as data.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from .records import atomic_write


def cache_dir() -> Path | None:
    """Where the tables live (read at each call, so tests can point it elsewhere); None for a
    process without a home folder."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "vnorg"


def key_of(*parts: str | Path | ModuleType) -> str:
    """A key over strings (versions, paths) and the contents of files and modules' sources."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, ModuleType):
            part = Path(part.__file__ or "")
        digest.update(part.read_bytes() if isinstance(part, Path) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """The JSON value stored under `name` when its key is `key`; else `build()`, stored."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and stored.get("key") == key:
            return stored["value"]
    except (OSError, ValueError, KeyError):
        pass
    value = build()
    try:
        atomic_write(path, json.dumps({"key": key, "value": value}, ensure_ascii=False))
    except OSError:
        pass  # a read-only home: rebuilt at every start-up, slower but the same
    return value
