"""Confidence that means what it says: a score of 0.8 should be right about 8 times in 10.

`make train` predicts the training articles in k-fold cross-validation (each fold by models
that never saw it), and fits two small logistic regressions on those out-of-fold predictions:
one for entity spans (from what found the span, its label, whether the rules and the model
agreed on it, its length) and one for relations (the classifier's own probability, the
relation type, and how sure the spans it joins are). Both are saved as JSON weights and
applied at run time; the held-out split is never used to fit them, only to show how well
they hold (`make eval`: reliability table and expected calibration error).
"""
from __future__ import annotations

import math
from typing import ClassVar

from spacy.tokens import Doc

from .records import Record
from .schema import ENTS, RELATIONS, SCORES, SPAN_SOURCE
from .words import span_text

BINS = 10


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def span_features(label: str, source: str, text: str) -> dict[str, float]:
    """Features of one predicted span: what found it ("rules:dates", "model", "model+rules"
    when both did), its label, and its length in syllables."""
    return {"bias": 1.0, f"source={source}": 1.0, f"label={label}": 1.0,
            f"label_source={label}|{source.split(':')[0]}": 1.0,
            f"long={min(len(text.split()), 6) // 3}": 1.0}


def relation_features(label: str, score: float, head_score: float, child_score: float) -> dict[str, float]:
    """Features of one relation: the classifier's (or rule's) own score, its type, and how
    sure the spans it joins are."""
    return {"bias": 1.0, "logit": _logit(score), f"label={label}": 1.0,
            "ends": _logit(head_score) + _logit(child_score)}


class Calibrator:
    """A logistic regression over named features, as JSON."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def __call__(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def fit(cls, rows: list[dict[str, float]], targets: list[int]) -> Calibrator:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        if len(set(targets)) < 2:
            return cls({"bias": _logit(0.99 if targets and targets[0] else 0.5)})
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform(rows)
        model = LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False)
        model.fit(x, targets)
        return cls({name: float(w) for name, w in zip(vectorizer.feature_names_, model.coef_[0]) if w})


def _pairs(gold: list[Record], pred: list[Record]):
    from .evaluate import by_id

    return by_id(gold, pred)


def span_examples(gold: list[Record], pred: list[Record]) -> tuple[list[dict], list[int], list[float]]:
    """Features, right (strict) or wrong, and the score given, of every predicted span."""
    rows, targets, scores = [], [], []
    for g, p in _pairs(gold, pred):
        right = {(s["start"], s["end"], s["label"]) for s in g.spans}
        for span in p.spans:
            rows.append(span_features(span["label"], span.get("source", ""), p.text[span["start"]:span["end"]]))
            targets.append(int((span["start"], span["end"], span["label"]) in right))
            scores.append(span.get("score", 0.0))
    return rows, targets, scores


def relation_examples(gold: list[Record], pred: list[Record]) -> tuple[list[dict], list[int], list[float]]:
    from .evaluate import relation_keys

    rows, targets, scores = [], [], []
    for g, p in _pairs(gold, pred):
        right = relation_keys(g)
        for rel in p.relations:
            h, c = p.spans[rel["head"]], p.spans[rel["child"]]
            key = ((h["start"], h["end"], h["label"]), (c["start"], c["end"], c["label"]), rel["label"])
            rows.append(relation_features(rel["label"], rel.get("score", 0.5), h.get("score", 0.5),
                                          c.get("score", 0.5)))
            targets.append(int(key in right))
            scores.append(rel.get("score", 0.0))
    return rows, targets, scores


def fit(gold: list[Record], pred: list[Record]) -> dict:
    """The calibration table (`models/calibration.json`) from out-of-fold predictions, whose
    span scores are raw; relations are fitted on the spans' calibrated scores, as at run time."""
    rows, targets, _ = span_examples(gold, pred)
    spans = Calibrator.fit(rows, targets)
    for record in pred:
        for span in record.spans:
            text = record.text[span["start"]:span["end"]]
            span["score"] = spans(span_features(span["label"], span.get("source", ""), text))
    rows, targets, _ = relation_examples(gold, pred)
    return {"spans": spans.weights, "relations": Calibrator.fit(rows, targets).weights}


def reliability(gold: list[Record], pred: list[Record], what: str = "spans") -> dict:
    """Predicted score bins against observed precision, and the expected calibration error."""
    _, targets, scores = (span_examples if what == "spans" else relation_examples)(gold, pred)
    bins = [{"n": 0, "right": 0, "score_sum": 0.0} for _ in range(BINS)]
    for score, right in zip(scores, targets):
        b = bins[min(int(score * BINS), BINS - 1)]
        b["n"] += 1
        b["right"] += right
        b["score_sum"] += score
    total = sum(b["n"] for b in bins)
    ece = sum(abs(b["score_sum"] - b["right"]) for b in bins) / total if total else 0.0
    table = [{"bin": f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}", "n": b["n"],
              "mean_score": round(b["score_sum"] / b["n"], 3) if b["n"] else None,
              "precision": round(b["right"] / b["n"], 3) if b["n"] else None}
             for k, b in enumerate(bins)]
    return {"bins": table, "ece": round(ece, 4), "n": total}


class Calibrate:
    """Replace the stages' raw span and relation scores by calibrated ones."""

    name: ClassVar[str] = "calibrate"
    requires: ClassVar[tuple[str, ...]] = (ENTS, SPAN_SOURCE, RELATIONS)
    sets: ClassVar[tuple[str, ...]] = (SCORES,)

    def __init__(self, table: dict) -> None:
        self.spans = Calibrator(table["spans"]) if table.get("spans") else None
        self.relations = Calibrator(table["relations"]) if table.get("relations") else None

    def __call__(self, doc: Doc) -> Doc:
        if self.spans is not None:
            for ent in doc.ents:
                ext = ent._  # each `span._` makes a new object
                ext.score = self.spans(span_features(ent.label_, ext.source, span_text(ent)))
        if self.relations is not None:
            for rel in doc._.relations or []:
                rel.score = self.relations(relation_features(rel.label, rel.score, rel.head._.score,
                                                             rel.child._.score))
        return doc
