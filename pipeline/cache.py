"""Tables derived from installed packages, kept between runs so that start-up does not
rebuild them: a user extracting one article should not wait for them every time.

Each table is a file in `$XDG_CACHE_HOME/vnorg/` (default `~/.cache/vnorg/`): JSON, or a
NumPy .npz for large tables of numbers. It is stored with a key made of what it was
derived from: the versions of the packages whose data it reads, and the source files of
the code that derives it. A file whose key differs (a new package, edited code) or that
cannot be read is rebuilt; a home that cannot be written only costs the rebuild at every
start-up. JSON, and .npz read with `allow_pickle=False`; never pickle: the file is data,
read as data.

Folders are kept the same way (`cached_folder`): a trained entity network, stored under a key
over everything its training reads, so that a retraining with the same inputs (a fold of
`make choices` after a change to the relation rules) copies it instead of training again.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

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
    """A key over strings (versions, paths) and the contents of files and modules' sources,
    and this module's own source: a change in how tables are stored rebuilds them too."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part in parts:
        if isinstance(part, ModuleType):
            part = Path(part.__file__ or "")
        digest.update(part.read_bytes() if isinstance(part, Path) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """The JSON value stored under `name` when its key is `key`; else `build()`, stored."""
    return _cached(f"{name}.json", key, build, _read_json, _write_json)


def cached_arrays(name: str, key: str, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The same for NumPy arrays (numbers and strings), kept as .npz and read without pickle:
    large tables of floats load far faster than from JSON text."""
    return _cached(f"{name}.npz", key, build, _read_arrays, _write_arrays)


def cached_folder(kind: str, key: str, target: Path, build: Callable[[Path], None], keep: int = 48) -> bool:
    """Fill the new folder `target` with the one stored under `kind` for `key`, or else with
    `build(target)`, then stored; True when it came from the store. Only the `keep` folders of
    a kind used last stay (a network is about 3 MB). A store that cannot be written costs only
    the build; two processes storing the same key keep the first."""
    folder = cache_dir()
    stored = folder / kind / key if folder is not None else None
    if stored is not None and stored.is_dir():
        try:
            shutil.copytree(stored, target)
            os.utime(stored)  # used now: pruned last
            return True
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
    build(target)
    if stored is not None:
        tmp = stored.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            shutil.copytree(target, tmp)
            tmp.rename(stored)
            _prune(stored.parent, keep)
        except OSError:
            pass
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return False


def _prune(kind: Path, keep: int) -> None:
    """Remove all but the `keep` folders of a kind used last."""
    folders = sorted((p for p in kind.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _cached(file_name: str, key: str, build: Callable[[], Any], read: Callable[[Path, str], Any],
            write: Callable[[Path, str, Any], None]) -> Any:
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / file_name
    try:
        value = read(path, key)
        if value is not None:
            return value
    except (OSError, ValueError, KeyError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, key, value)
    except OSError:
        pass  # a read-only home: rebuilt at every start-up, slower but the same
    return value


def _read_json(path: Path, key: str) -> Any:
    stored = json.loads(path.read_text(encoding="utf-8"))
    return stored["value"] if isinstance(stored, dict) and stored.get("key") == key else None


def _write_json(path: Path, key: str, value: Any) -> None:
    atomic_write(path, json.dumps({"key": key, "value": value}, ensure_ascii=False))


def _read_arrays(path: Path, key: str) -> dict[str, np.ndarray] | None:
    with np.load(path, allow_pickle=False) as stored:
        if str(stored["key"]) != key:
            return None
        return {name: stored[name] for name in stored.files if name != "key"}


def _write_arrays(path: Path, key: str, arrays: dict[str, np.ndarray]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            np.savez(handle, key=np.array(key), **arrays)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


_SEPARATOR = "\x1f"  # ASCII unit separator: in no word, value or name these tables hold


def strings_array(values: Iterable[str]) -> np.ndarray:
    """Strings as one UTF-8 byte array (NumPy's own string arrays pad every string to the
    longest, which made the segmenter's tables ten times larger)."""
    values = list(values)
    if any(_SEPARATOR in v for v in values):
        raise ValueError("a string holds the separator the cache uses")
    return np.frombuffer("".join(v + _SEPARATOR for v in values).encode("utf-8"), dtype=np.uint8)


def strings_of(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split(_SEPARATOR)[:-1]
