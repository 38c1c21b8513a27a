"""underthesea's CRF word segmenter (model ws_crf_vlsp2013_20230727): same decisions, faster.

underthesea builds 43 feature strings per syllable in Rust, hands them to Python and back,
and looks each one up in the model: that string traffic is most of its time. Every one of
those features is a function of a window of one to three syllables that starts at an offset
-2..2 from the tagged syllable. So here the weights are summed once per distinct window start
(its syllable, pair and triple) into five "slot" numbers, one per offset, and cached; a
sentence then costs one cache look-up and five additions per syllable, and a two-label
Viterbi run on score differences. underthesea's syllable regex is likewise run once per
distinct whitespace-separated chunk of text.

Exactness. The feature values (BOS/EOS at the edges, `lower`, `isdigit` = Rust's
`parse::<i32>()`, `istitle` = every space-separated part starts with a character equal to its
upper case, `is_in_dict`) and the model reading mirror underthesea_core 3.3.2; the fast path
only changes the order of floating-point additions. Each Viterbi decision that shapes the
output is checked against a bound on that rounding, and a sentence with a decision closer to a
tie than the bound is redone in underthesea's own order of operations (`_labels_exact`).

Nothing here unpickles: the weights come from the CRFsuite file (exact f64, read as
underthesea's Rust loader reads them), the 43 templates are a constant (features.bin), and
the dictionary (dictionary.bin) is rebuilt from underthesea's Viet74K.txt. The merged tables
the fast path reads are derived from them once and kept as NumPy arrays in the user's
cache (`cache.py`, keyed by underthesea's version and this file), so start-up only reads them.

Use: `CRFWordSegmenter().words(sentence, offset)` gives the CRF's word spans, which the
segmenter (`segment.py`) then cuts where names and words meet (`split_at_case`).
"""
from __future__ import annotations

import re
import struct
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cached_property
from itertools import product
from os.path import join
from pathlib import Path
from typing import Any, Final, NamedTuple

import numpy as np

from .cache import cached_arrays, key_of, strings_array, strings_of
from .underthesea_parts import DICTIONARY_FILE, MODEL_DIR, SYLLABLE_RE, VERSION
from .underthesea_parts import TOKEN_MAP as _TOKEN_MAP

__all__ = ["CRFWordSegmenter", "TEMPLATES", "MODEL_DIR", "DICTIONARY_FILE", "SYLLABLE_RE",
           "load_dictionary", "read_crfsuite_model"]


# The model's features.bin, as a constant (a test checks it against that file).
TEMPLATES: Final[tuple[str, ...]] = (
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]", "T[-2,0]", "T[-1,1]", "T[0,2]",
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[-2,-1].lower", "T[-1,0].lower", "T[0,1].lower", "T[1,2].lower",
    "T[-1].isdigit", "T[0].isdigit", "T[1].isdigit",
    "T[-2].istitle", "T[-1].istitle", "T[0].istitle", "T[1].istitle", "T[2].istitle",
    "T[0,1].istitle", "T[0,2].istitle",
    "T[-2].is_in_dict", "T[-1].is_in_dict", "T[0].is_in_dict", "T[1].is_in_dict",
    "T[2].is_in_dict", "T[-2,-1].is_in_dict", "T[-1,0].is_in_dict", "T[0,1].is_in_dict",
    "T[1,2].is_in_dict", "T[-2,0].is_in_dict", "T[-1,1].is_in_dict", "T[0,2].is_in_dict",
)
_TEMPLATE_RE: Final = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(\w+))?")
_INT_RE: Final = re.compile(r"[+-]?[0-9]+")
# The only way a syllable-regex match spans whitespace: the "." of "Th.S"/"Th.s" ("." is
# any character but "\n").
_CROSSING_RE: Final = re.compile(r"Th[^\S\n][sS]")
_I32_MIN: Final = -(2 ** 31)
_I32_MAX: Final = 2 ** 31 - 1

Vector = tuple[float, ...]  # one summed weight difference (label 1 - label 0) per offset slot


_FEATURE: Final = np.dtype([("kind", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
# Markers for positions outside the sentence: never equal to a token. Bare object()s, which
# the garbage collector does not track, so cache keys holding them are not tracked either.
_BOS: Final = object()
_EOS: Final = object()


def load_dictionary(path: str = DICTIONARY_FILE) -> frozenset[str]:
    """dictionary.bin rebuilt: Viet74K.txt stripped, split on "\\n", each line lower-cased.

    That is underthesea's DictionaryLoader("Viet74K.txt").words lower-cased; inner lines keep
    their trailing spaces (e.g. "gọi là "), as the pickled set does.
    """
    with open(path, encoding="utf-8") as f:
        return frozenset(line.lower() for line in f.read().strip().split("\n"))


def read_crfsuite_model(path: str) -> tuple[list[str], dict[str, Vector], list[list[float]]]:
    """Labels, {attribute: weight per label} and transitions[from][to] of a CRFsuite file.

    Read like underthesea_core's loader: strings through the CQDB backward tables, weights as
    stored (f64), state weights with |w| <= 1e-10 dropped, a later duplicate winning.
    (python-crfsuite's Tagger.info() would not do: it parses a dump rounded to 6 decimals.)
    """
    with open(path, "rb") as f:
        data = f.read()
    (magic, _size, _kind, _version, num_features, num_labels, num_attrs, off_features,
     off_labels, off_attrs, _, _) = struct.unpack_from("<4sI4sIIIIIIIII", data, 0)
    if magic != b"lCRF":
        raise ValueError(f"{path}: not a CRFsuite model")
    raw = np.frombuffer(data, np.uint8)

    def strings(offset: int, count: int) -> list[str]:
        cqdb, _, _, _, bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", data, offset)
        if cqdb != b"CQDB":
            raise ValueError(f"{path}: bad string table at {offset}")
        entries = np.frombuffer(data, "<u4", min(count, bwd_size), offset + bwd_offset)
        starts = (offset + entries[entries != 0]).astype(np.int64)
        sizes = raw[starts + 4].astype(np.int64) | raw[starts + 5].astype(np.int64) << 8 | \
            raw[starts + 6].astype(np.int64) << 16 | raw[starts + 7].astype(np.int64) << 24
        ids: dict[str, int] = {}
        for start, size in zip((starts + 8).tolist(), sizes.tolist()):
            key = data[start:start + size].split(b"\0", 1)[0]
            ids.setdefault(key.decode("utf-8", "replace"), len(ids))
        return list(ids)

    labels = strings(off_labels, num_labels)
    attrs = strings(off_attrs, num_attrs)
    chunk, _, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: bad feature chunk")
    features = np.frombuffer(data, _FEATURE, count or num_features, off_features + 12)
    n = len(labels)
    state = features[(features["kind"] == 0) & (features["dst"] < n)]
    weights = np.zeros((len(attrs), n))
    has = np.zeros(len(attrs), bool)
    known = state["src"] < len(attrs)
    for src, dst, weight in zip(state["src"][known].tolist(), state["dst"][known].tolist(),
                                state["weight"][known].tolist()):  # in file order: a later duplicate wins
        weights[src, dst] = weight if abs(weight) > 1e-10 else 0.0
        has[src] = True
    trans = [[0.0] * n for _ in labels]
    for f in features[(features["kind"] == 1) & (features["src"] < n) & (features["dst"] < n)].tolist():
        trans[f[1]][f[2]] = f[3]
    rows = np.flatnonzero(has)
    return labels, dict(zip([attrs[a] for a in rows.tolist()], map(tuple, weights[rows].tolist()))), trans


def _isdigit(text: str) -> bool:
    """underthesea_core's isdigit: Rust's `text.parse::<i32>().is_ok()`."""
    if not "0" <= text[-1:] <= "9":  # quick reject: the last character is no ASCII digit
        return False
    return _INT_RE.fullmatch(text) is not None and _I32_MIN <= int(text) <= _I32_MAX


def _istitle(text: str) -> bool:
    """underthesea_core's istitle: each " "-separated part starts with an upper-case-stable char."""
    for part in text.split(" "):
        if not part:  # underthesea_core panics here
            raise ValueError(f"empty token in {text!r}: underthesea cannot tag it")
        if part[0] != part[0].upper():
            return False
    return True


_STRING_FUNCTIONS: Final[dict[str | None, Callable[[str], str]]] = {None: str, "lower": str.lower}


class _Template:
    """One feature template: first window offset, window width, function, weights by value."""

    __slots__ = ("name", "offset", "width", "function", "weights")

    def __init__(self, name: str, weights: dict[str, Vector]) -> None:
        m = _TEMPLATE_RE.fullmatch(name)
        if not m:
            raise ValueError(f"unsupported feature template {name!r}")
        self.name = name
        self.offset = int(m.group(1))
        self.width = int(m.group(2)) - self.offset + 1 if m.group(2) else 1
        self.function = m.group(3)
        if self.width < 1:
            raise ValueError(f"unsupported feature template {name!r}")
        self.weights = weights


class _TwoGenCache:
    """Bounded cache: when the current generation is full it becomes the previous one (the
    older one is dropped); entries of the previous one are copied back when used. Memory stays
    at most 2 x cap entries and the windows in use stay cached, without per-hit LRU work."""

    __slots__ = ("new", "old", "cap")

    def __init__(self, cap: int) -> None:
        self.new: dict[Hashable, Any] = {}
        self.old: dict[Hashable, Any] = {}
        self.cap = cap

    def get(self, key: Hashable, compute: Callable[[Hashable], Any]) -> Any:
        value = self.new.get(key)
        if value is None:
            value = self.old.get(key)
            if value is None:
                value = compute(key)
            if len(self.new) >= self.cap:
                self.old, self.new = self.new, {}
            self.new[key] = value
        return value

    def __len__(self) -> int:
        return len(self.new) + len(self.old)


class _WidthTables(NamedTuple):
    """The merged weights of the templates of one window width."""

    raw: dict[str, Vector]  # by the text itself (templates without function)
    lower: dict[str, Vector]  # by the lower-cased text
    bools: tuple[str, ...]  # the boolean functions present ...
    combos: dict[tuple[bool, ...], Vector]  # ... and the Vector of each combination of values
    edges: tuple[Vector, Vector]  # the window starts before / runs past the sentence


# Cached per syllable: (token, Vector, istitle); the token is the first-seen string object, so
# cache keys share it. Cached per pair "x y": (Vector of x and of the pair, istitle("x y"),
# whether "x y ..." could be a triple template's value or a dictionary entry). Plain tuples,
# like every cached value: the garbage collector untracks tuples of floats, strings and bools,
# so the caches add no work to its collections (NamedTuples would stay tracked).
_Syllable = tuple[Hashable, Vector, bool]
_Pair = tuple[Vector, bool, bool]


def _add(a: Vector, b: Vector) -> Vector:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4])


# Windows of 2 (3) syllables only reach slots 0-3 (0-2) in the fast path: the sums below keep
# the other slots' float objects as they are (x + 0.0 is x), which saves memory in the caches.
def _add_pair(a: Vector, pair: Vector) -> Vector:
    return (a[0] + pair[0], a[1] + pair[1], a[2] + pair[2], a[3] + pair[3], a[4])


def _add_triple(a: Vector, triple: Vector) -> Vector:
    return (a[0] + triple[0], a[1] + triple[1], a[2] + triple[2], a[3], a[4])


def _add_all(vectors: Iterable[Vector | None], slots: int) -> Vector:
    """Slot-wise sum of the vectors present."""
    out = [0.0] * slots
    for v in vectors:
        if v is not None:
            for i, x in enumerate(v):
                out[i] += x
    return tuple(out)


def _prefixes(values: Iterable[str]) -> set[str]:
    """Every part of each value that ends just before a space."""
    found = set()
    for v in values:
        i = v.find(" ")
        while i >= 0:
            found.add(v[:i])
            i = v.find(" ", i + 1)
    return found


_BOOL_FUNCTIONS: Final = frozenset({"isdigit", "istitle", "is_in_dict"})


def _weighted_templates(weights: dict[str, Vector]) -> list[_Template]:
    by_name: dict[str, dict[str, Vector]] = {}
    for attr, w in weights.items():  # attributes are "<template>=<value>"
        name, _, value = attr.partition("=")
        by_name.setdefault(name, {})[value] = w
    return [_Template(name, by_name.get(name, {})) for name in TEMPLATES]


def _derive(model_file: str, dictionary_file: str, fast_shape: bool) -> dict[str, np.ndarray]:
    """What the segmenter needs from the model and the dictionary, as arrays (kept in the
    user's cache, `cache.py`): labels, transitions, the dictionary and, when the model has
    the fast path's shape, the merged tables of each window width (see `_tables_of`).

    Per width, the templates of that width are merged into Vectors, each template adding to
    the slot of its offset: value -> Vector per string-valued function, and one Vector per
    combination of the boolean functions' values, in `product((False, True))` order.
    """
    labels, weights, transitions = read_crfsuite_model(model_file)
    dictionary = load_dictionary(dictionary_file)
    out = {"labels": strings_array(labels), "transitions": np.array(transitions, dtype=np.float64),
           "dictionary": strings_array(dictionary)}
    if not (fast_shape and len(labels) == 2):
        return out
    templates = _weighted_templates(weights)
    lo = min(t.offset for t in templates)
    slots = max(t.offset for t in templates) - lo + 1
    by_function = []
    for width in range(1, max(t.width for t in templates) + 1):
        merged: dict[str | None, dict[str, list[float]]] = {}
        for t in templates:
            if t.width == width:
                table = merged.setdefault(t.function, {})
                for value, w in t.weights.items():
                    table.setdefault(value, [0.0] * slots)[t.offset - lo] += w[1] - w[0]
        by_function.append(merged)
        bools = [f for f in merged if f in _BOOL_FUNCTIONS]
        for function, name in ((None, "raw"), ("lower", "lower")):
            table = merged.get(function, {})
            out[f"w{width}_{name}_values"] = strings_array(table)
            out[f"w{width}_{name}_vectors"] = np.array(list(table.values()), dtype=np.float64).reshape(-1, slots)
        out[f"w{width}_bools"] = strings_array(bools)
        out[f"w{width}_combos"] = np.array(
            [_add_all([merged[f].get("True" if b else "False") for f, b in zip(bools, flags)], slots)
             for flags in product((False, True), repeat=len(bools))], dtype=np.float64)
        out[f"w{width}_edges"] = np.array([_add_all([table.get(edge) for table in merged.values()], slots)
                                           for edge in ("BOS", "EOS")], dtype=np.float64)
    # Shortcut for triples: "x y z" can only hit a triple template's value or a dictionary
    # entry if "x y" is the start of one; otherwise only istitle has a say, and it is
    # istitle("x y") and istitle("z"). (lower() does not look across a space.)
    triple = by_function[2]
    lower_starts = _prefixes(triple.get("lower", {}))
    if "is_in_dict" in triple:
        lower_starts |= _prefixes(dictionary)
    out["raw_starts"] = strings_array(_prefixes(triple.get(None, {})))
    out["lower_starts"] = strings_array(lower_starts)
    return out


def _tables_of(arrays: dict[str, np.ndarray], width: int) -> _WidthTables:
    """One width's tables back from the arrays `_derive` made."""
    def table(name: str) -> dict[str, Vector]:
        return dict(zip(strings_of(arrays[f"w{width}_{name}_values"]),
                        map(tuple, arrays[f"w{width}_{name}_vectors"].tolist())))

    bools = tuple(strings_of(arrays[f"w{width}_bools"]))
    combos = dict(zip(product((False, True), repeat=len(bools)), map(tuple, arrays[f"w{width}_combos"].tolist())))
    bos, eos = map(tuple, arrays[f"w{width}_edges"].tolist())
    return _WidthTables(table("raw"), table("lower"), bools, combos, (bos, eos))


class CRFWordSegmenter:
    """underthesea's CRF word segmenter (same B-W/I-W tags), several times faster.

    `tags(tokens)` is FastCRFSequenceTagger.predict on those tokens; `words(text, offset)` is
    the project's WordTagger.words (underthesea's syllable regex and token_map). An instance
    keeps caches: use one per thread (or process).
    """

    #: Entries per cache generation; at most two generations are held per cache, so the
    #: caches stay near 130 MB at most: window starts (syllable triples, ~250 bytes each),
    #: pairs (~340), syllables (~320) and whitespace-separated chunks of text (~400).
    RECORD_CAP: int = 150_000
    PAIR_CAP: int = 50_000
    SYLLABLE_CAP: int = 10_000
    CHUNK_CAP: int = 20_000

    def __init__(self, model_dir: str = MODEL_DIR, dictionary_file: str = DICTIONARY_FILE) -> None:
        self._model_file = join(model_dir, "models.bin")
        shapes = [_Template(name, {}) for name in TEMPLATES]
        for t in shapes:
            if t.function not in _STRING_FUNCTIONS and t.function not in _BOOL_FUNCTIONS:
                raise ValueError(f"unsupported feature template {t.name!r}")
        self._span = max(t.width for t in shapes)
        self._lo = min(t.offset for t in shapes)
        self._hi = max(t.offset for t in shapes)
        # The fast path is written for this model's shape (2 labels, windows of 1-3 syllables
        # starting at -2..2 and ending by +2); another model would take the exact path only.
        fast_shape = (self._span == 3 and (self._lo, self._hi) == (-2, 2)
                      and all(t.offset + t.width - 1 <= 2 for t in shapes))
        tables = cached_arrays("crf-tables", key_of(VERSION, self._model_file, dictionary_file, Path(__file__)),
                               lambda: _derive(self._model_file, dictionary_file, fast_shape))
        self.labels: list[str] = strings_of(tables["labels"])
        self.transitions: list[list[float]] = tables["transitions"].tolist()
        self.dictionary = frozenset(strings_of(tables["dictionary"]))
        self._bool_functions: dict[str, Callable[[str], bool]] = {
            "isdigit": _isdigit, "istitle": _istitle, "is_in_dict": self._in_dict}
        # underthesea's token_normalize maps tokens of length <= 6 only
        self._token_map = {k: v for k, v in _TOKEN_MAP.items() if len(k) <= 6}
        if "I-W" not in self.labels:
            raise ValueError(f"{model_dir}: no I-W label in {self.labels}")
        self._inside = self.labels.index("I-W")
        self.fallbacks = 0  # sentences redone exactly because of a near-tie
        self.last_margin = float("inf")  # the last fast-path sentence's closest decision
        self.clear_cache()
        self._fast = "raw_starts" in tables
        if not self._fast:
            return
        (t00, t01), (t10, t11) = self.transitions
        self._c0 = t10 - t00  # a + c0 > 0: the best predecessor of label 0 is label 1
        self._c1 = t11 - t01  # a + c1 > 0: the best predecessor of label 1 is label 1
        self._c = t01 - t00
        self._tables = [_tables_of(tables, width) for width in range(1, self._span + 1)]
        self._raw_starts = set(strings_of(tables["raw_starts"]))
        self._lower_starts = set(strings_of(tables["lower_starts"]))
        plain = self._tables[2].bools
        self._triple_plain = tuple(  # by istitle; isdigit and is_in_dict are False
            self._tables[2].combos[tuple(f == "istitle" and title for f in plain)]
            for title in (False, True))

    @cached_property
    def templates(self) -> list[_Template]:
        """The 43 templates with their weights, read from the model file when first needed:
        only the exact path (a near-tie) and the checks against underthesea use them."""
        return _weighted_templates(read_crfsuite_model(self._model_file)[1])

    def _in_dict(self, text: str) -> bool:
        return text.lower() in self.dictionary

    # -- features, exactly as underthesea_core's CRFFeaturizer -------------------------------

    def _value(self, template: _Template, window: Sequence[object]) -> str:
        """The value of `template` for the window at its offset (pads included)."""
        if window[0] is _BOS:
            return "BOS"
        parts = window[:template.width]
        if _EOS in parts:
            return "EOS"
        text = " ".join(parts)  # type: ignore[arg-type]
        f = template.function
        if f in self._bool_functions:
            return "True" if self._bool_functions[f](text) else "False"  # type: ignore[index]
        return _STRING_FUNCTIONS[f](text)

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """Attribute strings per token, as CRFFeaturizer.process builds them (for checks)."""
        shift = -self._lo
        pad = [_BOS] * shift + list(tokens) + [_EOS] * (self._hi + self._span)
        return [[t.name + "=" + self._value(t, pad[i + shift + t.offset:
                                                   i + shift + t.offset + t.width])
                 for t in self.templates] for i in range(len(tokens))]

    # -- window vectors (what the caches hold) ---------------------------------------------

    def _text_vector(self, width: int, text: str, title: bool) -> Vector:
        """Vector of the templates of one width for a window of tokens joined by spaces
        (`title`: its istitle, known from the syllables)."""
        tables = self._tables[width - 1]
        low = text.lower()
        acc = tables.combos[tuple([title if f == "istitle" else low in self.dictionary
                                   if f == "is_in_dict" else _isdigit(text)
                                   for f in tables.bools])]
        v = tables.raw.get(text)
        if v is not None:
            acc = _add(acc, v)
        v = tables.lower.get(low)
        if v is not None:
            acc = _add(acc, v)
        return acc

    def _syllable(self, token: Hashable) -> _Syllable:
        if token is _BOS or token is _EOS:
            return token, self._tables[0].edges[token is _EOS], False
        text: str = token  # type: ignore[assignment]
        title = _istitle(text)
        return token, self._text_vector(1, text, title), title

    def _pair(self, pair: Hashable) -> _Pair:
        x, y = pair  # type: ignore[misc]
        get = self._syllables.get
        _, vector, title = get(x, self._syllable)
        if x is _BOS or x is _EOS or y is _EOS:
            return _add_pair(vector, self._tables[1].edges[x is not _BOS]), False, False
        text = x + " " + y
        title = title and get(y, self._syllable)[2]  # istitle("x y")
        may_extend = text in self._raw_starts or text.lower() in self._lower_starts
        return _add_pair(vector, self._text_vector(2, text, title)), title, may_extend

    def _fill(self, recs: list[Vector | None], pad: list[object]) -> None:
        """Fill the window starts missing from the hot cache (recs[i] is pad[i:i + 3])."""
        records = self._records
        missing = [i for i, rec in enumerate(recs) if rec is None]
        if records.old:  # the previous generation first: no syllable work for those
            old = records.old.get
            for i in missing:
                window = (pad[i], pad[i + 1], pad[i + 2])
                rec = old(window)
                if rec is not None:
                    self._store(window, rec)
                    recs[i] = rec
            missing = [i for i in missing if recs[i] is None]
            if not missing:
                return
        syllables, pairs = self._syllables, self._pairs
        get_syllable = syllables.new.get
        # one look-up per token (and the cached string object, so cache keys share it)
        info = [get_syllable(t) or syllables.get(t, self._syllable) for t in pad]
        edges = self._tables[2].edges
        for i in missing:
            x, y, (z, _, z_title) = info[i][0], info[i + 1][0], info[i + 2]
            window = (x, y, z)
            key = (x, y)
            vector, title, may_extend = pairs.new.get(key) or pairs.get(key, self._pair)
            if x is _BOS:
                triple = edges[0]
            elif z is _EOS:
                triple = edges[1]
            elif may_extend:
                triple = self._text_vector(3, " ".join(window),  # type: ignore[arg-type]
                                           title and z_title)
            else:
                triple = self._triple_plain[title and z_title]
            recs[i] = rec = _add_triple(vector, triple)
            self._store(window, rec)

    def _store(self, window: tuple, rec: Vector) -> None:
        records = self._records
        if len(records.new) >= records.cap:
            records.old, records.new = records.new, {}
        records.new[window] = rec

    # -- decoding --------------------------------------------------------------------------

    def _labels(self, tokens: Sequence[str]) -> list[int]:
        """Label ids of one sentence: the fast path, or the exact one near a tie."""
        n = len(tokens)
        if n == 0:
            return []
        if not self._fast:
            return self._labels_exact(tokens)
        pad = [_BOS, _BOS, *tokens, _EOS, _EOS, _EOS, _EOS]
        get = self._records.new.get
        recs = [get(w) for w in zip(pad, pad[1:], pad[2:])]
        if None in recs:
            self._fill(recs, pad)
        # emission difference (label 1 - label 0): windows starting at offsets -2..2
        e = [a[0] + b[1] + c[2] + d[3] + f[4]
             for a, b, c, d, f in zip(recs, recs[1:], recs[2:], recs[3:], recs[4:])]
        # Viterbi on a = score[1] - score[0]; g0/g1 keep each step's predecessor comparison
        c0, c1, c = self._c0, self._c1, self._c
        g0: list[float] = []
        g1: list[float] = []
        a = e[0]
        for x in e[1:]:
            v0 = a + c0
            v1 = a + c1
            g0.append(v0)
            g1.append(v1)
            a = (v1 if v1 > 0.0 else 0.0) - (v0 if v0 > 0.0 else 0.0) + c + x
        y = 1 if a > 0.0 else 0
        margin = a if a > 0.0 else -a
        out = [y] * n
        for t in range(n - 2, -1, -1):
            v = g1[t] if y else g0[t]
            if v > 0.0:
                y = 1
            else:
                y = 0
                v = -v
            if v < margin:
                margin = v
            out[t] = y
        self.last_margin = margin
        if margin <= self._tolerance(n):
            self.fallbacks += 1
            return self._labels_exact(tokens)
        return out

    @staticmethod
    def _tolerance(n: int) -> float:
        """Bound on how far rounding can move a decision of the fast path for n syllables.

        Generous: the fast path's other summation order costs < ~1e-11 per syllable with this
        model's weights (|w| < 8, 43 features), underthesea's growing absolute scores
        < ~4e-14 n^2; a decision this close to a tie is redone exactly.
        """
        return 1e-9 + 1e-10 * n + 1e-13 * n * n

    def _labels_exact(self, tokens: Sequence[str]) -> list[int]:
        """underthesea_core's computation in its order of operations: the reference path."""
        n_labels = len(self.labels)
        trans = self.transitions
        score: list[float] = []
        back: list[list[int]] = []
        for i, attrs in enumerate(self.features(tokens)):
            emission = [0.0] * n_labels
            for t, attr in zip(self.templates, attrs):
                w = t.weights.get(attr[len(t.name) + 1:])
                if w is not None:
                    for y in range(n_labels):
                        emission[y] += w[y]
            if i == 0:
                score = emission
                continue
            new: list[float] = []
            ptr: list[int] = []
            for y in range(n_labels):
                best, arg = float("-inf"), 0
                for yp in range(n_labels):
                    s = score[yp] + trans[yp][y]
                    if s > best:
                        best, arg = s, yp
                new.append(best + emission[y])
                ptr.append(arg)
            score = new
            back.append(ptr)
        if not score:
            return []
        best, y = float("-inf"), 0
        for label in range(n_labels):
            if score[label] > best:
                best, y = score[label], label
        out = [y]
        for ptr in reversed(back):
            y = ptr[y]
            out.append(y)
        out.reverse()
        return out

    # -- public API ------------------------------------------------------------------------

    def tags(self, tokens: Sequence[str]) -> list[str]:
        """Tags of `tokens`, as FastCRFSequenceTagger.predict([[t] for t in tokens])."""
        labels = self.labels
        return [labels[y] for y in self._labels(tokens)]

    def syllables(self, text: str) -> tuple[list[int], list[int], list[str]]:
        """Starts, ends and tokens (token_map applied) of the syllables of `text`.

        The same as underthesea's regex over the whole text, run once per distinct
        whitespace-separated chunk: no match holds whitespace (but for the abbreviations
        "Th.S"/"Th.s", whose "." matches any character: such texts take the plain regex) and
        the look-arounds see one character past the chunk at most, or `$`, which holds after
        the last chunk when only "" or "\\n" follows it.
        """
        if "Th" in text and _CROSSING_RE.search(text):
            return self._regex_syllables(text)
        starts: list[int] = []
        ends: list[int] = []
        tokens: list[str] = []
        chunks = self._chunks
        get = chunks.new.get
        find = text.find
        pos = 0
        split = text.split()
        last = len(split) - 1
        for k, chunk in enumerate(split):
            start = find(chunk, pos)
            pos = start + len(chunk)
            key: Hashable = chunk
            if k == last and (pos == len(text) or text[pos:] == "\n"):
                key = (chunk,)  # `$` holds right after this chunk
            rel_starts, rel_ends, toks = get(key) or chunks.get(key, self._chunk)
            if len(toks) == 1:
                starts.append(start + rel_starts[0])
                ends.append(start + rel_ends[0])
                tokens.append(toks[0])
            else:
                starts.extend([start + r for r in rel_starts])
                ends.extend([start + r for r in rel_ends])
                tokens.extend(toks)
        return starts, ends, tokens

    def _regex_syllables(self, text: str) -> tuple[list[int], list[int], list[str]]:
        """syllables() the plain way: the regex over the whole text."""
        matches = list(SYLLABLE_RE.finditer(text))
        tmap = self._token_map.get
        return ([m.start() for m in matches], [m.end() for m in matches],
                [tmap(t, t) for t in [m.group() for m in matches]])

    def _chunk(self, key: Hashable) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
        """Syllables of one chunk: alone when `$` holds after it, else before a space."""
        alone = isinstance(key, tuple)
        chunk: str = key[0] if alone else key  # type: ignore[index,assignment]
        starts, ends, tokens = self._regex_syllables(chunk if alone else chunk + " ")
        if ends and ends[-1] > len(chunk):
            raise AssertionError(f"a syllable crosses whitespace in {chunk!r}")
        return tuple(starts), tuple(ends), tuple(tokens)

    def words(self, text: str, offset: int) -> list[tuple[int, int]]:
        """Word spans (absolute offsets) of one sentence starting at `offset`.

        The project's WordTagger.words contract: syllables from underthesea's regex, its
        token_map applied to syllables of length <= 6, a new word at each B-W.
        """
        starts, ends, tokens = self.syllables(text)
        if not tokens:
            return []
        inside = self._inside
        firsts = [i for i, y in enumerate(self._labels(tokens)) if y != inside or not i]
        lasts = [i - 1 for i in firsts[1:]]
        lasts.append(len(tokens) - 1)
        return [(offset + starts[i], offset + ends[j]) for i, j in zip(firsts, lasts, strict=True)]

    def clear_cache(self) -> None:
        """Drop every cached window vector (they are rebuilt on demand)."""
        self._records = _TwoGenCache(self.RECORD_CAP)
        self._pairs = _TwoGenCache(self.PAIR_CAP)
        self._syllables = _TwoGenCache(self.SYLLABLE_CAP)
        self._chunks = _TwoGenCache(self.CHUNK_CAP)
