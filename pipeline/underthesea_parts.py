"""The pieces of underthesea the segmenter uses, without underthesea's package start-up.

`import underthesea` loads every model family it has (POS, chunking, NER, classification,
joblib, requests): 0.4 s of CPU before the first word, a third of what a user running one
article waits. The segmenter needs four things from it: the sentence splitter, the syllable
pattern, the token normalisation map and the paths of the CRF model and its dictionary.

- The paths come from the installed package's location (found without importing it).
- The sentence splitter's module imports nothing of underthesea, so it is loaded from its
  file on its own; its loop is run faster here (`sent_tokenize`).
- The syllable pattern and the token map are values computed at underthesea's import; they
  are kept in the user's cache (`cache.py`), keyed by underthesea's version and this file,
  written the first time from a real import.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from .cache import cached, key_of

_SPEC = importlib.util.find_spec("underthesea")
if _SPEC is None or not _SPEC.submodule_search_locations:
    raise ImportError("underthesea is not installed: run `make` to create the virtualenv")
PACKAGE_DIR = Path(list(_SPEC.submodule_search_locations)[0])
VERSION = version("underthesea")
MODEL_DIR = str(PACKAGE_DIR / "pipeline" / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727")
DICTIONARY_FILE = str(PACKAGE_DIR / "corpus" / "data" / "Viet74K.txt")


def _load_file(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _values() -> dict:
    """The syllable pattern (source and flags) and the token map, as underthesea computes them."""
    from underthesea.pipeline.text_normalize.text_normalizer import token_map
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    return {"syllable_pattern": patterns.pattern, "syllable_flags": patterns.flags, "token_map": token_map}


_VALUES = cached("underthesea", key_of(VERSION, Path(__file__)), _values)
SYLLABLE_RE: re.Pattern = re.compile(_VALUES["syllable_pattern"], _VALUES["syllable_flags"])
TOKEN_MAP: dict[str, str] = _VALUES["token_map"]
_SENT_TOKENIZE = _load_file("_underthesea_sent_tokenize", PACKAGE_DIR / "pipeline" / "sent_tokenize" / "__init__.py")
_SENTENCE_END = re.compile(r"[.?!]")  # the splitter's SENT_END_CHARS


def sent_tokenize(text: str) -> list[str]:
    """underthesea's sent_tokenize, the same sentences: its PunktSentenceTokenizer loop steps
    through every character but does nothing between one ".", "?" or "!" and the next; this
    one jumps from one to the next with a regex (a sixth of the time). The boundary and
    abbreviation tests are underthesea's own."""
    is_boundary = _boundary_test()
    if not text or not text.strip():
        return []
    sentences: list[str] = []
    start = 0
    n = len(text)
    found = _SENTENCE_END.search(text)
    while found:
        i = found.start()
        if text.startswith("...", i):  # an ellipsis: a boundary at its end or none
            end = i + 3
            while end < n and text[end] == ".":
                end += 1
            after = end
            while after < n and text[after] in " \t":
                after += 1
            if after >= n or text[after].isupper():
                start = _add_sentence(sentences, text, start, end)
            found = _SENTENCE_END.search(text, end)
        elif is_boundary(text, i):
            end = i + 1
            while end < n and text[end] in ".?!":  # "?!" ends one sentence
                end += 1
            start = _add_sentence(sentences, text, start, end)
            found = _SENTENCE_END.search(text, start)
        else:
            found = _SENTENCE_END.search(text, i + 1)
    if final := text[start:].strip():
        sentences.append(final)
    return sentences


@lru_cache(maxsize=1)
def _boundary_test() -> Callable[[str, int], bool]:
    """underthesea's test of whether the "." at a position ends a sentence, its model loaded
    once (on the first sentence, not at import: start-up stays lean)."""
    _SENT_TOKENIZE._load_model()
    return _SENT_TOKENIZE.sentence_tokenizer._is_sentence_boundary


def _add_sentence(sentences: list[str], text: str, start: int, end: int) -> int:
    """Add text[start:end] stripped (when not empty); where the next sentence starts."""
    if sentence := text[start:end].strip():
        sentences.append(sentence)
    while end < len(text) and text[end] in " \t\n\r":
        end += 1
    return end
