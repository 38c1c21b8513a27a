"""`make choices`: the measurements behind the choices written in pipeline/ner.cfg.

3-fold cross-validation over the training split only (the held-out documents of
annotations/split.json are never read), one row per variant of the NER config:
entity strict F1 per label and micro, relations end to end, and the whole pipeline's
words/s on the test folds. Each variant changes one thing of the shipped config.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from thinc.api import Config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import count_words, load  # noqa: E402
from pipeline.annotate import heldout_ids  # noqa: E402
from pipeline.evaluate import entity_scores, relation_scores  # noqa: E402
from pipeline.gold import LABELS, read_many  # noqa: E402
from pipeline.ner import CONFIG_PATH  # noqa: E402
from pipeline.report import folds  # noqa: E402
from pipeline.train import ANNOTATIONS_DIR, fit, predict, split  # noqa: E402

VARIANTS: dict[str, dict[str, object]] = {
    "shipped (pipeline/ner.cfg)": {},
    "model spans of every label": {"training.model_labels": list(LABELS)},
    "model first": {"training.combine": "model_first"},
    "model reads every sentence": {"training.skip_covered_sentences": False},
    "parser hidden width 32": {"components.ner.model.hidden_width": 32},
    "every width 32": {"components.ner.model.hidden_width": 32,
                       "components.ner.model.tok2vec.embed.width": 32,
                       "components.ner.model.tok2vec.encode.width": 32},
}


def variant_config(overrides: dict[str, object], folder: Path) -> Path:
    out = folder / "ner.cfg"
    Config().from_disk(CONFIG_PATH, overrides=overrides).to_disk(out)
    return out


def new_row() -> dict:
    return {"gold": [], "pred": [], "words": 0, "seconds": 0.0}


def score_into(row: dict, nlp, test: list) -> None:
    """Predict the test documents, timing the whole pipeline, and pool the results."""
    started = time.perf_counter()
    pred, _ = predict(nlp, test)
    row["seconds"] += time.perf_counter() - started
    row["words"] += sum(count_words(nlp.make_doc(r.text)) for r in test)
    row["gold"] += test
    row["pred"] += pred


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    args = parser.parse_args()
    train, _ = split(read_many([ANNOTATIONS_DIR]), heldout_ids())
    parts = folds(train, args.folds, args.seed)
    rows = {"rules only (no model)": new_row()}
    for test in parts:
        score_into(rows["rules only (no model)"], load(None), test)
    for name, overrides in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        rows[name] = new_row()
        for n, test in enumerate(parts, 1):
            print(f"{name}: fold {n}/{len(parts)}", file=sys.stderr)
            with tempfile.TemporaryDirectory() as tmp:
                config = variant_config(overrides, Path(tmp))
                fit([r for r in train if r not in test], Path(tmp) / "models", args.seed,
                    log=lambda line: None, config_path=config)
                score_into(rows[name], load(Path(tmp) / "models"), test)
    labels = list(LABELS) + ["micro"]
    print("| variant | " + " | ".join(labels) + " | relations | words/s |")
    print("|---" * (len(labels) + 3) + "|")
    for name, row in rows.items():
        ents = entity_scores(row["gold"], row["pred"])["strict"]
        rels = relation_scores(row["gold"], row["pred"])["micro"]
        speed = row["words"] / row["seconds"] if row["seconds"] else 0
        print(f"| {name} | " + " | ".join(f"{ents[lab]['f1']:.3f}" for lab in labels)
              + f" | {rels['f1']:.3f} | {speed:,.0f} |")


if __name__ == "__main__":
    main()
