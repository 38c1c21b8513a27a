"""Our word segmenter gives underthesea's CRF word segmentation decisions exactly, faster.

The reference is underthesea's own FastCRFSequenceTagger (Rust featurizer and tagger). The
identity is checked on a sample of the published-article pool (`make bench` checks every
sentence of it); without the pool, on the published articles of annotations/.
"""
from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline import wordseg
from pipeline.benchmark import pool_texts
from pipeline.wordseg import SYLLABLE_RE, CRFWordSegmenter

SAMPLE = 1000
_PARAGRAPH_RE = re.compile(r"[^\n]+")


@pytest.fixture(scope="module")
def seg() -> CRFWordSegmenter:
    return CRFWordSegmenter()


@pytest.fixture(scope="module")
def ref():
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
    tagger = FastCRFSequenceTagger()
    tagger.load(wordseg.MODEL_DIR)
    return tagger


@pytest.fixture(scope="module")
def pool() -> list[str]:
    """Every sentence of the published articles, split as pipeline/segment.py does."""
    from underthesea import sent_tokenize
    out = []
    for text in pool_texts():
        text = unicodedata.normalize("NFC", text)
        for para in _PARAGRAPH_RE.finditer(text):
            if para.group().strip():
                out += sent_tokenize(para.group())
    return out


@pytest.fixture(scope="module")
def sample(pool) -> list[str]:
    return random.Random(20240727).sample(pool, min(SAMPLE, len(pool)))


def tokens_of(seg: CRFWordSegmenter, text: str) -> list[str]:
    """The tokens WordTagger.words feeds to the tagger."""
    return [wordseg._TOKEN_MAP.get(t, t) if len(t) <= 6 else t
            for t in (m.group() for m in SYLLABLE_RE.finditer(text))]


def ref_tags(ref, tokens: list[str]) -> list[str]:
    return ref.predict([[t] for t in tokens]) if tokens else []


def ref_words(ref, seg, text: str, offset: int) -> list[tuple[int, int]]:
    """pipeline/segment.py's WordTagger.words, on underthesea's tagger."""
    syllables = [(m.start(), m.end()) for m in SYLLABLE_RE.finditer(text)]
    if not syllables:
        return []
    tags = ref.predict([[t] for t in tokens_of(seg, text)])
    words: list[list[int]] = []
    for tag, (s, e) in zip(tags, syllables):
        if tag == "I-W" and words:
            words[-1][1] = e
        else:
            words.append([s, e])
    return [(offset + s, offset + e) for s, e in words]


# -- constants and derivations --------------------------------------------------------------

def test_templates_equal_features_bin():
    """The template constant is the model's features.bin (unpickled here only, to compare)."""
    joblib = pytest.importorskip("joblib")
    assert list(wordseg.TEMPLATES) == joblib.load(Path(wordseg.MODEL_DIR) / "features.bin")


def test_dictionary_derivation_equals_dictionary_bin():
    """Check of the derivation: Viet74K.txt stripped, split on "\\n", lower-cased gives
    exactly the pickled dictionary.bin (unpickled here only, to compare)."""
    joblib = pytest.importorskip("joblib")
    pickled = joblib.load(Path(wordseg.MODEL_DIR) / "dictionary.bin")
    derived = wordseg.load_dictionary()
    assert len(derived) == len(pickled) == 72547
    assert derived == pickled


def test_module_never_unpickles():
    with open(wordseg.__file__, encoding="utf-8") as f:
        source = f.read()
    assert not re.search(r"\b(pickle|joblib|dill|cloudpickle)\b", source)


# -- identity with underthesea ------------------------------------------------------------

def test_features_identical_to_rust_featurizer(seg, ref, sample):
    """The feature strings (the exact path's input) are underthesea_core's, byte for byte."""
    for text in sample[:400]:
        tokens = tokens_of(seg, text)
        expected = ref.featurizer.process([[[t] for t in tokens]])[0] if tokens else []
        assert seg.features(tokens) == expected, text


def test_tags_identical_on_pool_sample(seg, ref, sample):
    differ = [text for text in sample
              if seg.tags(tokens_of(seg, text)) != ref_tags(ref, tokens_of(seg, text))]
    assert differ == []


def test_words_identical_on_pool_sample(seg, ref, sample):
    for text in sample[:1000]:
        assert seg.words(text, 11) == ref_words(ref, seg, text, 11), text


def test_exact_path_identical(ref, sample, monkeypatch):
    """The near-tie path alone (every sentence forced through it) matches underthesea."""
    exact = CRFWordSegmenter()
    monkeypatch.setattr(exact, "_tolerance", lambda n: float("inf"))
    for text in sample[:300]:
        tokens = tokens_of(exact, text)
        assert exact.tags(tokens) == ref_tags(ref, tokens), text
    assert exact.fallbacks == sum(1 for t in sample[:300] if tokens_of(exact, t))


def test_decisions_far_from_ties(seg, sample):
    """The fast path's closest decisions stay orders of magnitude above the rounding bound."""
    closest = float("inf")
    for text in sample:
        tokens = tokens_of(seg, text)
        if tokens:
            seg.tags(tokens)
            closest = min(closest, seg.last_margin / seg._tolerance(len(tokens)))
    assert closest > 1e3


EDGE_TOKENS = [
    [],
    ["Hà"],
    ["."],
    [".", ",", "(", ")", "..."],
    ["123"], ["+5"], ["-5"], ["2147483647"], ["2147483648"], ["-2147483648"], ["05"],
    ["Giá", "tăng", "2147483648", "đồng", "-2147483649", "+0", "-", "+"],
    ["HÀ", "NỘI", "LÀ", "THỦ", "ĐÔ", "CỦA", "VIỆT", "NAM"],
    ["UBND", "TP.", "HCM", "NĐ-CP", "30/2020", "4.123,2", "http://a.vn/x", "a@b.vn"],
    ["BOS", "EOS", "bos", "T[0]=x", "=", "a=b"],
    ["Σ", "ΑΣ", "İ", "ǅ", "ß", "ﬀ", "٣", "١٢", "x\u0301"],
    ["có", "thể"], ["có", "thể", "là"], ["ông", "Nguyễn", "Văn", "A"],
    ["a b", "Cd Ef", "x"],  # tokens with spaces (only through tags())
]


@pytest.mark.parametrize("tokens", EDGE_TOKENS, ids=lambda t: " ".join(t)[:30] or "empty")
def test_edge_case_tags(seg, ref, tokens):
    assert seg.tags(tokens) == ref_tags(ref, tokens)
    assert seg.features(tokens) == (ref.featurizer.process([[[t] for t in tokens]])[0]
                                    if tokens else [])


EDGE_TEXTS = [
    "", " ", "\n", ".", "...", "!!! ???", "Hà", "123", "1.000.000 đồng", "3x4", "HÀ NỘI",
    "TP. Hồ Chí Minh", "Ông A.", "Ông A. ", "Ông A.\n", "Ông A. B", "Cục Thuế TP.HCM.",
    "Th.S Nguyễn Văn A", "Th S Nguyễn", "ThS. Lê", "Th\u00a0s", "X Th\ts", "(Th s)",
    "xem :D hay :D\n", ":D", "=)) vui", "H'Mông", "xã N’Thôn Hạ", "e-mail: a.b@c.vn",
    "www.chinhphu.vn/x", "http://a.b/c(d)", "Số 30/2020/NĐ-CP ngày 02/05/2014 lúc 10:20:50",
    "biển 43H-0530", "A\u2028B C", "a\tb  c\u3000d", "H&M", "T.Ư", "v.v... và", "°C",
    "Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh phát biểu.",
    " ".join(["nhà"] * 1500),
]


@pytest.mark.parametrize("text", EDGE_TEXTS, ids=lambda t: repr(t[:30]))
def test_edge_case_words(seg, ref, text):
    assert seg.words(text, 5) == ref_words(ref, seg, text, 5)


def test_lower_does_not_look_across_a_space(pool):
    """The triple shortcut relies on lower("x y") + " " starting lower("x y z")."""
    rng = random.Random(3)
    syllables = sorted({t for text in pool[:500] for t in text.split()})
    syllables += ["Σ", "ΑΣ", "ΑΣ.", "Σ'", "'Σ", "İ", "ǅ", "x\u0301Σ", ".Σ", "Σ\u0301"]
    for _ in range(20000):
        a, b = rng.choice(syllables), rng.choice(syllables)
        assert (a + " " + b).lower() == a.lower() + " " + b.lower(), (a, b)


def test_empty_token_is_refused(seg):
    with pytest.raises(ValueError):
        seg.tags(["a", "", "b"])  # underthesea_core panics on it


# -- syllables: per-chunk caching = the regex over the whole text -------------------------

def regex_syllables(text: str) -> tuple[list[int], list[int], list[str]]:
    matches = list(SYLLABLE_RE.finditer(text))
    return ([m.start() for m in matches], [m.end() for m in matches],
            [wordseg._TOKEN_MAP.get(m.group(), m.group()) if len(m.group()) <= 6 else m.group()
             for m in matches])


def test_syllables_equal_regex_on_pool_sample(seg, sample):
    for text in sample:
        assert seg.syllables(text) == regex_syllables(text), text


def test_syllables_equal_regex_fuzz(seg):
    """Random texts over the characters the regex's branches and look-arounds care about."""
    rng = random.Random(7)
    atoms = ["Th", "S", "s", "D", ":", ")", "(", ".", ",", "-", "--", "/", "@", "'", "’", "&",
             "=", ">", "<", "x", "v", "°", "C", "_", "3", "12", "A", "Đ", "ĐÀ", "Tp", "Mr",
             "http", "://", "www", "vn", "com", "a", "ê", "Hà", "nội", "NĐ", "CP", "4K", "♥",
             " ", " ", " ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "x\u0301"]
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 14)))
        assert seg.syllables(text) == regex_syllables(text), repr(text)


# -- bounded caches -----------------------------------------------------------------------

def test_caches_stay_bounded_and_exact(ref, sample):
    small = CRFWordSegmenter()
    small.RECORD_CAP, small.PAIR_CAP, small.SYLLABLE_CAP, small.CHUNK_CAP = 500, 200, 50, 100
    small.clear_cache()
    for text in sample[:500]:
        assert small.words(text, 0) == ref_words(ref, small, text, 0), text
        assert len(small._records) <= 1000 and len(small._pairs) <= 400
        assert len(small._syllables) <= 100 and len(small._chunks) <= 200


# -- the project's segmenter on top of it ----------------------------------------------------

def test_project_word_tagger_gives_the_reference_words(sample):
    """The segmenter's words (our CRF, then the cuts at case changes) are those it would give
    with underthesea's own tagger, on every sampled sentence."""
    from pipeline.segment import WordTagger

    tagger = WordTagger()
    differ = [text for text in sample if tagger.words(text, 7) != tagger.reference_words(text, 7)]
    assert not differ, differ[:3]
