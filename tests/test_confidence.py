"""Confidence that means what it says: calibration fitted on predictions, measured in bins."""
from __future__ import annotations

import random

from pipeline.calibration import Calibrator, fit, reliability, span_features
from pipeline.records import Record

TEXT = "Ông Trần Văn An, Bí thư Huyện ủy Đình Lập."


def test_calibrator_learns_how_often_each_source_is_right():
    rng = random.Random(1)
    rows, targets = [], []
    for _ in range(2000):  # dates found by rules are right 95% of the time, model ORGs 60%
        rows.append(span_features("DATE", "rules:dates", "02/02/2008"))
        targets.append(int(rng.random() < 0.95))
        rows.append(span_features("ORG", "model", "Huyện ủy Đình Lập"))
        targets.append(int(rng.random() < 0.60))
    calibrator = Calibrator.fit(rows, targets)
    assert abs(calibrator(span_features("DATE", "rules:dates", "02/02/2008")) - 0.95) < 0.02
    assert abs(calibrator(span_features("ORG", "model", "Huyện ủy Đình Lập")) - 0.60) < 0.03


def record(spans, relations=()) -> Record:
    return Record("d", TEXT, [dict(zip(("start", "end", "label", "score", "source"), s)) for s in spans],
                  list(relations))


def test_reliability_table_and_expected_calibration_error():
    # "Trần Văn An" 4-15, "Bí thư" 17-23, "Huyện ủy Đình Lập" 24-41
    gold = record([(4, 15, "PER"), (17, 23, "TITLE"), (24, 41, "ORG")])
    pred = record([(4, 15, "PER", 0.95, "rules:people_and_titles"),  # right, bin 0.9-1.0
                   (17, 23, "TITLE", 0.92, "rules:people_and_titles"),  # right, bin 0.9-1.0
                   (24, 32, "ORG", 0.35, "model")])  # wrong boundary, bin 0.3-0.4
    table = reliability([gold], [pred])
    bins = {b["bin"]: b for b in table["bins"]}
    assert bins["0.9-1.0"] == {"bin": "0.9-1.0", "n": 2, "mean_score": 0.935, "precision": 1.0}
    assert bins["0.3-0.4"]["precision"] == 0.0 and table["n"] == 3
    # |0.95 + 0.92 - 2| + |0.35 - 0| over 3 spans
    assert table["ece"] == round((0.13 + 0.35) / 3, 4)


def test_fit_gives_tables_the_pipeline_reads():
    gold = record([(4, 15, "PER"), (17, 23, "TITLE"), (24, 41, "ORG")],
                  [{"head": 0, "child": 1, "label": "has_title"}])
    pred = record([(4, 15, "PER", 0.9, "model"), (17, 23, "TITLE", 0.9, "model"), (24, 32, "ORG", 0.9, "model")],
                  [{"head": 0, "child": 1, "label": "has_title", "score": 0.8}])
    table = fit([gold] * 5, [pred] * 5)
    assert set(table) == {"spans", "relations"} and "source=model" in table["spans"]


def test_min_confidence_drops_what_scores_below_it():
    import pipeline
    from pipeline.paths import ROOT

    text = (ROOT / "corpus" / "001_a2899bba1cc6e316.txt").read_text(encoding="utf-8")
    everything = pipeline.load().process(text, "a")
    # a threshold just above the least sure triple, so that something must go
    x = sorted({t["confidence"] for t in everything.triples})[1]
    sure = pipeline.load(overrides={"pipeline.min_confidence": x}).process(text, "a")
    spans = [(s["start"], s["end"], s["label"]) for s in sure.record.spans]
    assert all(s["score"] >= x for s in sure.record.spans)
    assert all(r["score"] >= x for r in sure.record.relations)
    assert all(t["confidence"] >= x for t in sure.triples)
    assert set(spans) == {(s["start"], s["end"], s["label"]) for s in everything.record.spans if s["score"] >= x}
    assert len(sure.triples) < len(everything.triples)
