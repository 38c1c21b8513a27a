"""Training on a tiny hand-annotated file, saving, reloading, and the stale-model guard."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import pipeline
from pipeline.gold import read_records
from pipeline.train import annotation_files, data_hash, fit, predict

from conftest import ROOT

TINY = ROOT / "tests" / "data" / "tiny.jsonl"


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models")
    fit(list(read_records(TINY)), out, seed=7, log=lambda line: None, epochs=100)
    return out


def outputs(models: Path, records) -> list[tuple]:
    pred, triples = predict(pipeline.load(models), records)
    return [(r.spans, r.relations) for r in pred], triples


def test_saved_models_are_spacy_and_json_only(trained):
    assert (trained / "ner" / "config.cfg").exists()
    weights = json.loads((trained / "relations.json").read_text(encoding="utf-8"))
    assert weights["kind"] == "logistic_regression" and weights["weights"]
    for path in trained.rglob("*"):
        assert path.suffix not in {".pkl", ".pickle", ".joblib"}


def test_model_learns_the_tiny_data(trained):
    records = list(read_records(TINY))
    pred, _ = predict(pipeline.load(trained, entities="model_only"), records)
    gold = {(r.id, s["start"], s["end"], s["label"]) for r in records for s in r.spans}
    found = {(r.id, s["start"], s["end"], s["label"]) for r in pred for s in r.spans}
    assert len(gold & found) >= 0.8 * len(gold)  # it can fit what it was trained on


def test_reloading_gives_the_same_predictions(trained):
    records = list(read_records(TINY))
    assert outputs(trained, records) == outputs(trained, records)


def test_training_is_deterministic_for_a_seed(trained, tmp_path):
    fit(list(read_records(TINY)), tmp_path, seed=7, log=lambda line: None, epochs=100)
    assert (tmp_path / "relations.json").read_bytes() == (trained / "relations.json").read_bytes()
    assert (tmp_path / "ner" / "ner" / "model").read_bytes() == (trained / "ner" / "ner" / "model").read_bytes()


def test_committed_models_match_the_current_annotations():
    meta = json.loads((ROOT / "models" / "meta.json").read_text(encoding="utf-8"))
    assert meta["data_hash"] == data_hash(annotation_files()), \
        "models/ are stale: annotations or pipeline/ner.cfg changed; run `make train`"


def test_extract_uses_the_committed_models():
    nlp = pipeline.load()
    assert nlp.stage_names == ["segment", "rules", "ner", "relations", "canonical"]
