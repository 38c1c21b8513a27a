"""Static word vectors learnt from unlabelled published articles, for the NER model to read.

On so little labelled data, what a word is like (which words it keeps company with) has
to come from unannotated text. Co-occurrence counts within two words either side, turned
into positive pointwise mutual information and reduced with a truncated SVD (scikit-learn),
give one vector per frequent normalised word. `python -m pipeline vectors` builds them from
`../shared/real-articles` without the held-out outlets' articles, and saves them in
`models/vectors/` as NumPy and JSON; training puts them in the model's vocab (keyed on NORM)
when the config asks for them (`stages.entity_model.static_vectors`).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from .paths import MODELS_DIR

VECTORS_DIR = MODELS_DIR / "vectors"


def build(texts: Iterable[str], dims: int = 64, min_count: int = 3, window: int = 2,
          seed: int = 13) -> tuple[list[str], np.ndarray]:
    """Words (lower-case normalised forms) and their vectors, one row each."""
    from scipy.sparse import coo_matrix
    from sklearn.decomposition import TruncatedSVD

    from .language import segmenter_only

    segmenter = segmenter_only()
    sentences: list[list[str]] = []
    counts: Counter = Counter()
    for text in texts:
        doc = segmenter.make_doc(text)
        for sent in doc.sents:
            words = [t.norm_ for t in sent if not t.is_space and not t.is_punct]
            sentences.append(words)
            counts.update(words)
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    index = {w: n for n, w in enumerate(vocab)}
    pairs: Counter = Counter()
    for words in sentences:
        ids = [index.get(w) for w in words]
        for i, a in enumerate(ids):
            if a is None:
                continue
            for b in ids[i + 1:i + 1 + window]:
                if b is not None:
                    pairs[(a, b)] += 1
                    pairs[(b, a)] += 1
    rows, cols = zip(*pairs) if pairs else ((), ())
    counts_m = coo_matrix((list(pairs.values()), (rows, cols)), shape=(len(vocab), len(vocab))).tocsr()
    total = counts_m.sum()
    row_sums = np.asarray(counts_m.sum(axis=1)).ravel()
    col_sums = np.asarray(counts_m.sum(axis=0)).ravel()
    coo = counts_m.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts_m.shape).tocsr()
    svd = TruncatedSVD(n_components=min(dims, len(vocab) - 1), random_state=seed)
    matrix = svd.fit_transform(ppmi).astype("float32")
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-6)
    return vocab, matrix


def save(words: list[str], matrix: np.ndarray, folder: Path = VECTORS_DIR) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "vectors.npy", matrix)
    (folder / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")


def add_to(vocab, folder: Path = VECTORS_DIR) -> None:
    """Put the saved vectors in a spaCy vocab, keyed on NORM (lower-case normalised words)."""
    from spacy.attrs import NORM
    from spacy.vectors import Vectors

    matrix = np.load(folder / "vectors.npy")
    words = json.loads((folder / "words.json").read_text(encoding="utf-8"))
    vocab.vectors = Vectors(strings=vocab.strings, data=matrix, keys=[vocab.strings.add(w) for w in words],
                            attr=NORM)


def unlabelled_texts() -> list[str]:
    """The pool's articles, without those of the held-out outlets (they must stay unseen)."""
    from .annotations import gold_split
    from .convert import sources
    from .paths import POOL

    _, heldout = gold_split()
    heldout_outlets = {r.meta["outlet"] for r in heldout if r.meta.get("outlet")}
    return [(POOL / f).read_text(encoding="utf-8") for f, row in sorted(sources(POOL).items())
            if row.get("outlet or site") not in heldout_outlets]
