"""Training on a tiny hand-annotated file, saving, reloading, and the stale-model guard."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

import pipeline
from pipeline.config import load_config, with_overrides
from pipeline.evaluate import predict
from pipeline.records import read_records
from pipeline.train import fit, is_stale, out_of_fold

TINY = ROOT / "tests" / "data" / "tiny.jsonl"
MODEL_ONLY = {"stages.entity_model.merge": "model_only"}


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch) -> None:
    """Each test keeps the networks it trains in a cache of its own: the tiny networks would
    otherwise fill the user's cache (`cache.cached_folder` keeps the 48 used last) and push out
    the networks `make choices` and `make train` reuse."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def train_tiny(out: Path) -> None:
    """Trained afresh, never copied from the cache: the determinism test compares two trainings."""
    fit(list(read_records(TINY)), out, load_config(), seed=7, log=lambda line: None, epochs=100, reuse_network=False)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models")
    train_tiny(out)
    return out


def share_found(models: Path, records) -> float:
    """The share of the gold spans that the model alone finds."""
    pred, _ = predict(pipeline.load(models, MODEL_ONLY), records)
    gold = {(r.id, s["start"], s["end"], s["label"]) for r in records for s in r.spans}
    found = {(r.id, s["start"], s["end"], s["label"]) for r in pred for s in r.spans}
    return len(gold & found) / len(gold)


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
    assert share_found(trained, records) >= 0.8  # it can fit what it was trained on


def test_reloading_gives_the_same_predictions(trained):
    records = list(read_records(TINY))
    assert outputs(trained, records) == outputs(trained, records)


def test_training_is_deterministic_for_a_seed(trained, tmp_path):
    train_tiny(tmp_path)
    assert (tmp_path / "relations.json").read_bytes() == (trained / "relations.json").read_bytes()
    assert (tmp_path / "ner" / "ner" / "model").read_bytes() == (trained / "ner" / "ner" / "model").read_bytes()


def test_a_network_trained_before_on_the_same_inputs_comes_from_the_cache(trained, tmp_path, monkeypatch):
    """`make choices` after a change to the relation rules retrains each fold's classifiers on
    the fold's own network: the same network a fresh training gives, byte for byte, copied from
    the cache; any change in what the network reads (a gold span) trains a new one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    records = list(read_records(TINY))
    logs: dict[str, list[str]] = {"first": [], "second": []}
    for run, log in logs.items():
        fit(records, tmp_path / run, load_config(), seed=7, log=log.append, epochs=100)
        assert (tmp_path / run / "ner" / "ner" / "model").read_bytes() == \
            (trained / "ner" / "ner" / "model").read_bytes()
    trained_epochs = {run: sum(line.startswith("ner: epoch") for line in log) for run, log in logs.items()}
    assert trained_epochs == {"first": 100, "second": 0}
    assert "ner: the network trained before on the same inputs, from the cache" in logs["second"]
    stored = tmp_path / "cache" / "vnorg" / "networks"
    assert len(list(stored.iterdir())) == 1
    first = records[0]  # one gold span fewer (its last): other inputs, another network
    first.spans = first.spans[:-1]
    first.relations = [r for r in first.relations if max(r["head"], r["child"]) < len(first.spans)]
    fit(records, tmp_path / "third", load_config(), seed=7, log=lambda line: None, epochs=5)
    assert len(list(stored.iterdir())) == 2


def test_a_shipped_network_trained_on_the_same_inputs_is_kept(trained, tmp_path, monkeypatch):
    """A fresh clone's `make train` after a change the network does not read (a relation rule, a
    status cue) keeps the network of models/, whose meta.json records its inputs key, though
    the cache is empty: training again on another processor draws another network from the
    same inputs. Other inputs (here fewer epochs) train a new one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    records = list(read_records(TINY))
    shipped = tmp_path / "shipped"
    shutil.copytree(trained, shipped)
    weights = shipped / "ner" / "ner" / "model"
    weights.write_bytes(weights.read_bytes() + b"shipped")  # only a copy, not a training, gives these bytes
    logs: dict[str, list[str]] = {"same": [], "other": []}
    key = fit(records, tmp_path / "same", load_config(), seed=7, log=logs["same"].append, epochs=100,
              shipped=shipped)
    assert key == json.loads((trained / "meta.json").read_text(encoding="utf-8"))["network_key"]
    assert (tmp_path / "same" / "ner" / "ner" / "model").read_bytes() == weights.read_bytes()
    assert not any(line.startswith("ner: epoch") for line in logs["same"])
    fit(records, tmp_path / "other", load_config(), seed=7, log=logs["other"].append, epochs=5, shipped=shipped)
    assert sum(line.startswith("ner: epoch") for line in logs["other"]) == 5


def test_the_network_keeps_its_averaged_weights(trained, tmp_path):
    """`train.average_weights` (on in the shipped config) saves each weight's running average
    over the updates; off, the last step's weights are saved: another network, which must
    learn the data as well."""
    assert load_config()["train"]["average_weights"]
    config = with_overrides(load_config(), {"train.average_weights": False})
    records = list(read_records(TINY))
    fit(records, tmp_path, config, seed=7, log=lambda line: None, epochs=100)
    assert (tmp_path / "ner" / "ner" / "model").read_bytes() != (trained / "ner" / "ner" / "model").read_bytes()
    assert share_found(tmp_path, records) >= 0.8


def test_committed_models_match_the_current_annotations():
    assert not is_stale(), \
        "models/ are stale: annotations or pipeline/default.cfg changed; run `make train`"


def test_extract_uses_the_committed_models_and_their_config():
    nlp = pipeline.load()
    saved = load_config(ROOT / "models")
    assert nlp.stage_names == ["segment"] + saved["pipeline"]["stages"]
    assert "entity_model" in nlp.stage_names


def test_data_without_statuses_leaves_them_to_the_cue_words(tmp_path):
    records = [r for r in read_records(TINY) if not any(x.get("status") for x in r.relations)]
    fit(records, tmp_path, load_config(), seed=7, log=lambda line: None, epochs=5)
    assert json.loads((tmp_path / "status.json").read_text(encoding="utf-8")) == {"kind": "cue_words"}
    rules_and_status = {"pipeline.stages": ["gazetteer", "entity_rules", "relations", "status"],
                        "stages.relations.use_classifier": False}  # status.json is read, the rest ruled
    doc = pipeline.load(tmp_path, rules_and_status)("Ông Nguyễn Văn Bình, nguyên Bí thư Huyện ủy Lục Yên, dự họp.")
    assert [r.status for r in doc._.relations if r.label == "has_title"] == ["former"]


def test_the_transition_based_ner_alternative_still_trains_and_predicts(tmp_path):
    """`make choices` weighs spaCy's transition-based `ner` against the shipped tagger: it must
    still fit the tiny data through the same training and prediction code."""
    from pipeline.config import with_overrides
    from pipeline.experiments import TRANSITION_NER, network_variant

    config = load_config()
    config = with_overrides(config, network_variant(TRANSITION_NER, depth=2)(config))
    records = list(read_records(TINY))
    fit(records, tmp_path, config, seed=7, log=lambda line: None, epochs=100)
    assert 'factory = "ner"' in (tmp_path / "ner" / "config.cfg").read_text(encoding="utf-8")
    assert share_found(tmp_path, records) >= 0.8


def test_another_fit_seed_draws_other_models_on_the_same_folds():
    """`make choices` compares a second draw of a network (a variant's own train.seed) on the
    folds every other variant is scored on; without it the folds' seed draws the models."""
    records = list(read_records(TINY))
    for record in records:
        record.meta["source"] = "published"
    config = with_overrides(load_config(), {"train.epochs": 2})

    def draw(fit_seed: int | None) -> list[tuple[list[str], bytes]]:
        return [([r.id for r in test], (models / "ner" / "ner" / "model").read_bytes())
                for test, models in out_of_fold(records, config, 2, 13, lambda line: None, fit_seed=fit_seed)]

    default, same, other = draw(None), draw(13), draw(7)
    assert default == same
    assert [ids for ids, _ in other] == [ids for ids, _ in default]
    assert all(a != b for (_, a), (_, b) in zip(other, default))
