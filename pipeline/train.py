"""`make train`: retrain the NER model and the relation classifier from annotations/.

The held-out split (`annotations/split.json`) is never trained on. `models/meta.json`
records what the models were trained from (a hash of every annotation file and of
the config), the library versions, the seed and the held-out scores, and the
per-label precision that becomes each prediction's confidence.
"""
from __future__ import annotations

import hashlib
import json
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sklearn
import spacy
import underthesea

from . import MODELS_DIR, Pipeline, blank_nlp, load, ner, relation_model
from .annotate import heldout_ids
from .canonical import Canonicaliser
from .evaluate import entity_scores, relation_scores, triple_scores
from .gold import Record, apply_record, read_many
from .triples import doc_triples

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS_DIR = ROOT / "annotations"
Log = Callable[[str], None]


def log_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def annotation_files(folder: Path = ANNOTATIONS_DIR) -> list[Path]:
    return sorted(folder.rglob("*.jsonl"))


def data_hash(files: list[Path], config_path: Path = ner.CONFIG_PATH,
              split_file: Path = ANNOTATIONS_DIR / "split.json") -> str:
    """What the models depend on: every annotation file, the split and the config."""
    digest = hashlib.sha256()
    for path in [*files, split_file, config_path]:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def split(records: list[Record], heldout: set[str]) -> tuple[list[Record], list[Record]]:
    return ([r for r in records if r.id not in heldout], [r for r in records if r.id in heldout])


def gold_doc(nlp: Pipeline, record: Record):
    """A Doc segmented by the pipeline, carrying the record's gold spans and relations."""
    return apply_record(nlp.make_doc(record.text, record.id), record)


def fit(records: list[Record], out_dir: Path, seed: int, log: Log = log_stderr,
        epochs: int | None = None, config_path: Path = ner.CONFIG_PATH) -> None:
    """Train both models on `records` and save them (spaCy to_disk, JSON) into out_dir."""
    model = ner.train(records, lambda m: Pipeline([], nlp=m).make_doc, config_path=config_path,
                      seed=seed, epochs=epochs, log=log)
    out_dir.mkdir(parents=True, exist_ok=True)
    if (out_dir / "ner").exists():
        shutil.rmtree(out_dir / "ner")
    model.to_disk(out_dir / "ner")
    segmenter = Pipeline([], nlp=blank_nlp())
    docs = [gold_doc(segmenter, r) for r in records]
    classifier = relation_model.train(docs, seed=seed)
    classifier.to_disk(out_dir / "relations.json")
    log(f"relations: {len(classifier.weights)} features with a non-zero weight")
    _, settings = ner.read_config(config_path)
    meta = {"seed": seed, "config": settings, "combine": settings["combine"], "relations": "model",
            "confidence": {"rules": {}, "model": {}}}
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def predict(nlp: Pipeline, records: list[Record]) -> tuple[list[Record], list[dict]]:
    """The pipeline's records and triples for the texts of `records`."""
    out, triples = [], []
    for record in records:
        result = nlp.process(record.text, record.id)
        out.append(result.record)
        triples.extend(result.triples)
    return out, triples


def gold_triples(records: list[Record]) -> list[dict]:
    """The triples the gold annotations state, through the same canonical stage."""
    segmenter = Pipeline([], nlp=blank_nlp())
    canonical = Canonicaliser()
    return [t for r in records for t in doc_triples(canonical(gold_doc(segmenter, r)))]


def scores(nlp: Pipeline, gold: list[Record]) -> dict:
    """Entity, end-to-end relation and triple scores of a pipeline on gold records."""
    pred, triples = predict(nlp, gold)
    return {"entities": entity_scores(gold, pred), "relations": relation_scores(gold, pred),
            "triples": triple_scores(gold_triples(gold), triples)}


def precision_by_label(entity_table: dict) -> dict[str, float]:
    """Strict precision per label, as confidence; a label never predicted keeps 0.5."""
    return {label: (row["p"] if row["pred"] else 0.5)
            for label, row in entity_table["strict"].items() if label != "micro"}


def versions() -> dict:
    return {"python": platform.python_version(), "spacy": spacy.__version__,
            "underthesea": underthesea.__version__, "scikit-learn": sklearn.__version__}


def run(models_dir: Path = MODELS_DIR, seed: int | None = None, log: Log = log_stderr) -> dict:
    """Train on the training split, score on the held-out split, write models and meta.json."""
    started = time.perf_counter()
    files = annotation_files()
    records = read_many(files)
    train_records, heldout = split(records, heldout_ids())
    _, settings = ner.read_config()
    seed = settings["seed"] if seed is None else seed
    log(f"training on {len(train_records)} documents, holding out {len(heldout)}; seed {seed}")
    with tempfile.TemporaryDirectory(dir=models_dir.parent) as tmp:
        staging = Path(tmp) / "models"
        fit(train_records, staging, seed, log)
        meta = json.loads((staging / "meta.json").read_text(encoding="utf-8"))
        meta.update({"data_hash": data_hash(files), "versions": versions(),
                     "train_documents": len(train_records), "heldout_documents": len(heldout)})
        log("scoring on the held-out documents")
        rules_only = scores(load(staging, entities="rules", relations="rules"), heldout)
        model_only = scores(load(staging, entities="model_only"), heldout)
        meta["confidence"] = {"rules": precision_by_label(rules_only["entities"]),
                              "model": precision_by_label(model_only["entities"])}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        full = scores(load(staging), heldout)
        meta["heldout"] = {"entities_strict": full["entities"]["strict"],
                           "relations_end_to_end": full["relations"],
                           "triples": full["triples"]}
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
        models_dir.mkdir(exist_ok=True)
        for name in ("ner", "relations.json", "meta.json"):
            target = models_dir / name
            if target.is_dir():
                shutil.rmtree(target)
            shutil.move(str(staging / name), str(target))
    micro = meta["heldout"]["entities_strict"]["micro"]["f1"]
    log(f"done in {time.perf_counter() - started:.0f} s: held-out entity F1 {micro:.3f}, "
        f"relation F1 {meta['heldout']['relations_end_to_end']['micro']['f1']:.3f}")
    return meta
