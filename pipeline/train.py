"""`make train`: fit the NER model and the relation classifier on annotations/, and save them.

The held-out split (`annotations/split.json`) is never trained on. `models/` receives
the NER model (spaCy `to_disk`), the relation classifier (JSON weights), the config it
was trained with (`config.cfg`, which `load()` then reads), the calibration of its
scores (`calibration.json`) and `meta.json`: provenance only (what the models were
trained from, library versions, seed, the held-out scores of that run).
"""
from __future__ import annotations

import hashlib
import json
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from confection import Config

from . import entity_model, relation_model, status
from .annotations import gold_files, require_valid, segmentation, split
from .augment import lower_cased
from .cache import cached_folder
from .config import MODEL_STAGES, load_config, save_config, spacy_config
from .paths import DEFAULT_CONFIG, MODELS_DIR, SPLIT_FILE
from .records import Record, apply_record, atomic_write

Log = Callable[[str], None]
MODEL_FILES = ("ner", "relations.json", "status.json", "config.cfg", "calibration.json", "meta.json")


def log_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def data_hash(files: list[Path], config_path: Path = DEFAULT_CONFIG,
              split_file: Path = SPLIT_FILE) -> str:
    """What the models depend on: every annotation file, the split and the config's settings
    (parsed, so that a comment edited in the config does not ask for retraining)."""
    digest = hashlib.sha256()
    for path in [*files, split_file]:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    settings = Config().from_str(config_path.read_text(encoding="utf-8"), interpolate=False).to_str()
    digest.update(b"config\0" + settings.encode("utf-8"))
    return digest.hexdigest()


def is_stale(models_dir: Path = MODELS_DIR) -> bool:
    """Whether the models were trained from other annotations or another config."""
    meta = models_dir / "meta.json"
    if not meta.exists():
        return True
    return json.loads(meta.read_text(encoding="utf-8")).get("data_hash") != data_hash(gold_files())


def feature_pipeline(config: Config):
    """The stages before the model (segmenter, rules): what the model reads as features."""
    from .config import with_overrides
    from .language import from_config

    stages = config["pipeline"]["stages"]
    first_model = next((n for n, s in enumerate(stages) if s in MODEL_STAGES), len(stages))
    return from_config(with_overrides(config, {"pipeline.stages": stages[:first_model]}), None)


def gold_docs(records: list[Record], prepare) -> list:
    """Docs of the records' texts through `prepare` (segmenter and feature stages), carrying
    the gold spans, refs and relations."""
    docs = []
    for record in records:
        doc = prepare(record.text, record.id)
        docs.append(apply_record(doc, record))
    return docs


def fit(records: list[Record], out_dir: Path, config: Config, seed: int | None = None,
        log: Log = log_stderr, epochs: int | None = None, calibration: dict | None = None,
        reuse_network: bool = True, shipped: Path | None = None) -> str:
    """Train both models on `records` and save them, with their config, into out_dir. An entity
    network trained before on the very same inputs is copied instead of trained again: the
    network of the models folder `shipped` when its meta.json records the same inputs key
    (training elsewhere draws another network from the same inputs: "Training" in the README),
    else the cache's (`cache.cached_folder`). Without `reuse_network` it is trained whatever
    either holds. Returns the network's inputs key (`entity_model.inputs_key`)."""
    settings = {**config["train"], "static_vectors": config["stages"]["entity_model"].get("static_vectors")}
    seed = settings["seed"] if seed is None else seed
    settings["epochs"] = epochs or settings["epochs"]
    prepare = feature_pipeline(config)
    docs = gold_docs(records, prepare)
    # Only the network reads the lower-cased copies (pipeline/augment.py). The share leaves its
    # settings: the copies are in its key already, so the networks cached before stay valid.
    examples = docs + gold_docs(lower_cased(records, settings.pop("lower_case_share"), seed), prepare)
    features = config["stages"]["entity_model"].get("features", entity_model.FEATURES)
    network = spacy_config(config)
    out_dir.mkdir(parents=True, exist_ok=True)
    if (out_dir / "ner").exists():
        shutil.rmtree(out_dir / "ner")

    def train_network(folder: Path) -> None:
        entity_model.train(examples, network, settings, features, seed, log).to_disk(folder)

    key = entity_model.inputs_key(examples, network, settings, features, seed)
    if not reuse_network:
        train_network(out_dir / "ner")
    elif shipped is not None and network_key(shipped) == key:
        shutil.copytree(shipped / "ner", out_dir / "ner")
        log(f"ner: the network of {shipped}, trained before on the same inputs")
    elif cached_folder("networks", key, out_dir / "ner", train_network):
        log("ner: the network trained before on the same inputs, from the cache")
    classifier = relation_model.train(docs, seed=seed)
    classifier.to_disk(out_dir / "relations.json")
    log(f"relations: {len(classifier.weights)} features with a non-zero weight")
    settings = config["stages"]["status"]
    statuses = status.train(docs, seed=seed, cues=status.Cues.of(settings),
                            balanced_classes=settings["balanced_classes"])
    if statuses is None:
        log("status: the training documents hold fewer than two statuses; the cue words decide")
    status.save(statuses, out_dir / "status.json")
    save_config(config, out_dir)
    atomic_write(out_dir / "calibration.json", json.dumps(calibration or {}, indent=1) + "\n")
    atomic_write(out_dir / "meta.json", json.dumps({"seed": seed, "network_key": key}) + "\n")
    return key


def network_key(models_dir: Path) -> str | None:
    """The inputs key of the entity network in a models folder, from its meta.json (None when
    it has no network or recorded none)."""
    try:
        meta = json.loads((models_dir / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta.get("network_key") if (models_dir / "ner").is_dir() else None


def out_of_fold(records: list[Record], config: Config, k: int, seed: int,
                log: Log, by: str | None = None, fit_seed: int | None = None) -> Iterator[tuple[list[Record], Path]]:
    """k-fold over the published articles of `records` (or one fold per value of their `meta`
    field `by`): (test documents, a folder of models trained on the other folds and the
    unpublished documents), one fold at a time. `seed` draws the folds and, unless `fit_seed`
    is given, the models: another `fit_seed` is another draw of the models on the same folds."""
    from .annotations import folds, published_and_extra

    published, extra = published_and_extra(records)
    parts = folds(published, k, seed, by)
    for n, test in enumerate(parts, 1):
        log(f"fold {n}/{len(parts)}")
        held = {r.id for r in test}
        with tempfile.TemporaryDirectory() as tmp:
            fit([r for r in published if r.id not in held] + extra, Path(tmp), config,
                seed if fit_seed is None else fit_seed, log=lambda line: None)
            yield test, Path(tmp)


def out_of_fold_calibration(records: list[Record], config: Config, seed: int, log: Log) -> dict:
    """The calibration table, fitted on predictions of the published training articles made
    in k-fold cross-validation (the written documents always train, never test)."""
    from . import calibration
    from .config import with_overrides
    from .evaluate import predict
    from .language import from_config

    raw = with_overrides(config, {"pipeline.stages": [s for s in config["pipeline"]["stages"]
                                                      if s != "calibrate"]})
    gold: list[Record] = []
    pred: list[Record] = []
    for test, models in out_of_fold(records, config, config["train"]["calibration_folds"], seed,
                                    lambda line: log(f"calibration: {line}")):
        gold += test
        pred += predict(from_config(raw, models), test)[0]
    return calibration.fit(gold, pred)


def versions() -> dict:
    import sklearn
    import spacy
    import underthesea

    return {"python": platform.python_version(), "spacy": spacy.__version__,
            "underthesea": underthesea.__version__, "scikit-learn": sklearn.__version__}


def run(models_dir: Path = MODELS_DIR, seed: int | None = None, log: Log = log_stderr) -> dict:
    """Check the gold files as `annotations validate` does, then train on the training split,
    score on the held-out split, write models/ and meta.json."""
    from .evaluate import score

    started = time.perf_counter()
    files = gold_files()
    train_records, heldout = split(require_valid(files, segmentation()))  # checked first: seconds, before minutes
    config = load_config()
    seed = config["train"]["seed"] if seed is None else seed
    log(f"training on {len(train_records)} documents, holding out {len(heldout)}; seed {seed}")
    models_dir.mkdir(exist_ok=True)
    table = out_of_fold_calibration(train_records, config, seed, log)
    with tempfile.TemporaryDirectory(dir=models_dir.parent) as tmp:
        staging = Path(tmp) / "models"
        key = fit(train_records, staging, config, seed, log, calibration=table, shipped=models_dir)
        meta = {"data_hash": data_hash(files), "versions": versions(), "seed": seed, "network_key": key,
                "train_documents": len(train_records), "heldout_documents": len(heldout)}
        atomic_write(staging / "meta.json", json.dumps(meta) + "\n")
        if heldout:
            from .language import load

            log("scoring on the held-out documents")
            full = score(load(staging), heldout)
            meta["heldout"] = {"entities_strict": full["entities"]["strict"],
                               "relations_end_to_end": full["relations"], "triples": full["triples"]}
        atomic_write(staging / "meta.json", json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
        for name in MODEL_FILES:
            target = models_dir / name
            if target.is_dir():
                shutil.rmtree(target)
            shutil.move(str(staging / name), str(target))
    if "heldout" in meta:
        log(f"done in {time.perf_counter() - started:.0f} s: held-out entity F1 "
            f"{meta['heldout']['entities_strict']['micro']['f1']:.3f}, relation F1 "
            f"{meta['heldout']['relations_end_to_end']['micro']['f1']:.3f}")
    return meta
