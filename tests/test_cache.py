"""The start-up cache: tables read back from it are the tables built from the packages, and a
stale, broken or unwritable cache never changes a result."""
from __future__ import annotations

import json

import pytest

from pipeline import cache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "vnorg"


def test_value_is_built_once_then_read(cache_home):
    calls = []

    def build():
        calls.append(1)
        return {"a": [1.5, 0.1 + 0.2]}

    first = cache.cached("t", "k1", build)
    second = cache.cached("t", "k1", build)
    assert first == second == {"a": [1.5, 0.1 + 0.2]}  # floats come back exactly
    assert len(calls) == 1
    assert json.loads((cache_home / "t.json").read_text())["key"] == "k1"


def test_other_key_or_broken_file_rebuilds(cache_home):
    cache.cached("t", "k1", lambda: "old")
    assert cache.cached("t", "k2", lambda: "new") == "new"
    (cache_home / "t.json").write_text('{"key": "k2", "val')  # cut short
    assert cache.cached("t", "k2", lambda: "again") == "again"
    assert cache.cached("t", "k2", lambda: "not used") == "again"


def test_arrays_come_back_exactly(cache_home):
    import numpy as np

    words = ["gọi là ", "", "Hà Nội", "x"]  # a trailing space and an empty word survive
    built = cache.cached_arrays("a", "k", lambda: {"w": cache.strings_array(words),
                                                   "v": np.array([[0.1 + 0.2, -1e-300]])})
    read = cache.cached_arrays("a", "k", lambda: {})
    assert cache.strings_of(read["w"]) == cache.strings_of(built["w"]) == words
    assert read["v"].tolist() == [[0.1 + 0.2, -1e-300]]
    assert cache.cached_arrays("a", "other key", lambda: {"w": cache.strings_array([])})["w"].size == 0


def test_unwritable_home_still_gives_the_value(tmp_path, monkeypatch):
    home = tmp_path / "not-a-folder"
    home.write_text("")  # the cache folder cannot be made under a file, even by root
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert cache.cached("t", "k", lambda: [1, 2]) == [1, 2]


def test_no_home_folder_still_gives_the_value(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr("pwd.getpwuid", lambda uid: (_ for _ in ()).throw(KeyError(uid)))
    assert cache.cache_dir() is None
    assert cache.cached("t", "k", lambda: {"x": 1}) == {"x": 1}


def test_key_follows_versions_and_source_files(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("A = 1\n")
    before = cache.key_of("1.0", source)
    assert cache.key_of("1.0", source) == before
    assert cache.key_of("1.1", source) != before
    source.write_text("A = 2\n")
    assert cache.key_of("1.0", source) != before


def test_segmenter_from_cache_equals_segmenter_built(cache_home):
    from pipeline.wordseg import CRFWordSegmenter

    built = CRFWordSegmenter()  # empty cache: built from underthesea's files, then stored
    assert (cache_home / "crf-tables.npz").exists()
    read = CRFWordSegmenter()
    assert read._tables == built._tables
    assert (read._raw_starts, read._lower_starts) == (built._raw_starts, built._lower_starts)
    assert (read.labels, read.transitions, read.dictionary) == (built.labels, built.transitions, built.dictionary)
    sentence = "Bí thư Tỉnh uỷ Bùi Thị Quỳnh Vân dự Hội nghị lần thứ 12 Ban Chấp hành Trung ương khoá XIII"
    assert read.words(sentence, 0) == built.words(sentence, 0)


def test_gazetteer_from_cache_equals_gazetteer_built(cache_home):
    from pipeline import gazetteer

    gazetteer._index.cache_clear()
    try:
        stored = gazetteer._index()  # built and stored
        gazetteer._index.cache_clear()
        read = gazetteer._index()
    finally:
        gazetteer._index.cache_clear()
    assert read == stored == gazetteer._build_index()
    assert read.by_code["79"].name == "Hồ Chí Minh"
