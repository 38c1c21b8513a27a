"""`make eval`: every system side by side on the same documents, written as a report.

Held-out split: rules only, model only, rules + model (both merge orders) and
underthesea's own `ner` for the labels it has; relations given gold entities and
end to end; triples end to end. Then k-fold cross-validation over all annotated
documents (the models retrained per fold), a learning curve, and the worst errors
with their context. Output: reports/eval.json, eval.md, eval.html (with charts).
"""
from __future__ import annotations

import base64
import html
import io
import json
import random
import tempfile
from pathlib import Path

from . import MODELS_DIR, Pipeline, blank_nlp, load
from .annotate import heldout_ids
from .evaluate import context, entity_errors, entity_scores, prf, relation_keys, relation_scores
from .gold import LABELS, RELATION_TYPES, Record, doc_to_record, read_many
from .read import normalise
from .relation_model import RelationClassifier, RelationStage
from .train import ANNOTATIONS_DIR, Log, fit, gold_doc, log_stderr, predict, scores, split

ENTITY_SYSTEMS = {"rules only": "rules", "model only": "model_only",
                  "rules + model (rules first)": "rules_first",
                  "rules + model (model first)": "model_first"}
UNDERTHESEA_LABELS = ("PER", "ORG", "LOC")


def underthesea_records(records: list[Record]) -> list[Record]:
    """underthesea's `ner` (its bundled model) as a baseline, aligned to our offsets."""
    from underthesea import ner, sent_tokenize

    out = []
    for record in records:
        text = normalise(record.text).text  # same length as the original (NFC gold)
        spans, cursor, current = [], 0, None
        tagged = [w for line in text.split("\n") for s in sent_tokenize(line) for w in ner(s)]
        for word, _pos, _chunk, tag in tagged:
            at = text.find(word, cursor, cursor + len(word) + 50)
            if at < 0:
                current = None
                continue
            cursor = at + len(word)
            label = tag[2:] if tag != "O" else None
            if label in UNDERTHESEA_LABELS and tag.startswith("I-") and current and current["label"] == label:
                current["end"] = cursor
            elif label in UNDERTHESEA_LABELS:
                current = {"start": at, "end": cursor, "label": label}
                spans.append(current)
            else:
                current = None
        out.append(Record(record.id, record.text, spans, []))
    return out


def relations_given_gold(records: list[Record], classifier: RelationClassifier | None) -> dict:
    """Relation scores when the gold entities are given (rules, or the classifier)."""
    segmenter = Pipeline([], nlp=blank_nlp())
    stage = RelationStage(classifier)
    pred = []
    for record in records:
        doc = stage(gold_doc(segmenter, record))
        pred.append(doc_to_record(doc, scores=False))
    return relation_scores(records, pred)


def compare(models_dir: Path, gold: list[Record], with_underthesea: bool) -> dict:
    """All systems on one set of documents with one set of models."""
    table: dict = {"entities": {}, "relations_given_entities": {}, "relations_end_to_end": {},
                   "triples": {}}
    for name, mode in ENTITY_SYSTEMS.items():
        result = scores(load(models_dir, entities=mode, relations="rules" if mode == "rules" else None),
                        gold)
        table["entities"][name] = result["entities"]
        if mode in ("rules", "rules_first"):
            system = "rules only" if mode == "rules" else "rules + models"
            table["relations_end_to_end"][system] = result["relations"]
            table["triples"][system] = result["triples"]
    if with_underthesea:
        table["entities"]["underthesea ner"] = entity_scores(gold, underthesea_records(gold),
                                                             UNDERTHESEA_LABELS)
    classifier = RelationClassifier.from_disk(models_dir / "relations.json")
    table["relations_given_entities"]["rules"] = relations_given_gold(gold, None)
    table["relations_given_entities"]["classifier"] = relations_given_gold(gold, classifier)
    return table


def folds(records: list[Record], k: int, seed: int) -> list[list[Record]]:
    ordered = sorted(records, key=lambda r: r.id)
    random.Random(seed).shuffle(ordered)
    return [ordered[i::k] for i in range(k)]


def cross_validate(records: list[Record], k: int, seed: int, log: Log) -> dict:
    """k-fold over documents: retrain per fold, pool the counts of all folds."""
    pooled: dict[str, dict[str, list]] = {}
    for n, test in enumerate(folds(records, k, seed), 1):
        train = [r for r in records if r not in test]
        log(f"cross-validation: fold {n}/{k} ({len(train)} train, {len(test)} test documents)")
        with tempfile.TemporaryDirectory() as tmp:
            fit(train, Path(tmp), seed, log=lambda line: None)
            for name, mode in ENTITY_SYSTEMS.items():
                nlp = load(Path(tmp), entities=mode, relations="rules" if mode == "rules" else None)
                pred, _ = predict(nlp, test)
                row = pooled.setdefault(name, {"gold": [], "pred": []})
                row["gold"] += test
                row["pred"] += pred
    out = {}
    for name, row in pooled.items():
        out[name] = {"entities": entity_scores(row["gold"], row["pred"]),
                     "relations": relation_scores(row["gold"], row["pred"])}
    return out


def learning_curve(train: list[Record], heldout: list[Record], seed: int, log: Log) -> list[dict]:
    """Held-out F1 when training on 25, 50, 75 and 100% of the training documents."""
    ordered = sorted(train, key=lambda r: r.id)
    random.Random(seed).shuffle(ordered)
    points = []
    for share in (0.25, 0.5, 0.75, 1.0):
        subset = ordered[:max(2, round(share * len(ordered)))]
        log(f"learning curve: {share:.0%} ({len(subset)} documents)")
        with tempfile.TemporaryDirectory() as tmp:
            fit(subset, Path(tmp), seed, log=lambda line: None)
            model = scores(load(Path(tmp), entities="model_only"), heldout)
            both = scores(load(Path(tmp)), heldout)
        points.append({"share": share, "documents": len(subset),
                       "model_only_entities_f1": model["entities"]["strict"]["micro"]["f1"],
                       "rules_model_entities_f1": both["entities"]["strict"]["micro"]["f1"],
                       "relations_f1": both["relations"]["micro"]["f1"]})
    return points


def relation_errors(gold: list[Record], pred: list[Record], limit: int = 30) -> list[dict]:
    errors = []
    for g in gold:
        p = next((r for r in pred if r.id == g.id), None)
        gk, pk = relation_keys(g), relation_keys(p) if p else set()
        for kind, keys in (("missed", gk - pk), ("spurious", pk - gk)):
            for head, child, label in sorted(keys):
                start, end = min(head[0], child[0]), max(head[1], child[1])
                errors.append({"doc_id": g.id, "kind": kind, "label": label,
                               "text": f"{g.text[head[0]:head[1]]} → {g.text[child[0]:child[1]]}",
                               "context": context(g.text, start, end)})
    return errors[:limit]


def build(models_dir: Path = MODELS_DIR, k: int = 5, seed: int = 13, log: Log = log_stderr) -> dict:
    records = read_many([ANNOTATIONS_DIR])
    train, heldout = split(records, heldout_ids())
    log(f"held-out: {len(heldout)} documents")
    report = {"documents": {"train": len(train), "heldout": len(heldout), "all": len(records)},
              "heldout": compare(models_dir, heldout, with_underthesea=True)}
    full = load(models_dir)
    pred, _ = predict(full, heldout)
    report["errors"] = {"entities": entity_errors(heldout, pred, limit=40),
                        "relations": relation_errors(heldout, pred)}
    report["cross_validation"] = {"k": k, "systems": cross_validate(records, k, seed, log)}
    report["learning_curve"] = learning_curve(train, heldout, seed, log)
    return report


# --- writing ---------------------------------------------------------------------------
def _f(row: dict) -> str:
    return f"{row['f1']:.3f}" if row.get("gold") or row.get("pred") else "–"


def entity_table(systems: dict, mode: str = "strict") -> list[list[str]]:
    head = ["system"] + list(LABELS) + ["micro"]
    rows = [head]
    for name, table in systems.items():
        rows.append([name] + [_f(table[mode][lab]) if lab in table[mode] else "n/a" for lab in LABELS]
                    + [_f(table[mode]["micro"])])
    return rows


def relation_table(systems: dict) -> list[list[str]]:
    rows = [["system"] + list(RELATION_TYPES) + ["micro"]]
    for name, table in systems.items():
        rows.append([name] + [_f(table[lab]) for lab in RELATION_TYPES] + [_f(table["micro"])])
    return rows


def triple_table(systems: dict) -> list[list[str]]:
    predicates = sorted({p for t in systems.values() for p in t if p != "micro"})
    rows = [["system"] + predicates + ["micro"]]
    for name, table in systems.items():
        rows.append([name] + [_f(table.get(p, prf(0, 0, 0))) for p in predicates] + [_f(table["micro"])])
    return rows


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def sections(report: dict) -> list[tuple[str, list[list[str]] | str]]:
    held, cv = report["heldout"], report["cross_validation"]
    curve = [["share", "documents", "model only", "rules + model", "relations"]] + [
        [f"{p['share']:.0%}", str(p["documents"]), f"{p['model_only_entities_f1']:.3f}",
         f"{p['rules_model_entities_f1']:.3f}", f"{p['relations_f1']:.3f}"] for p in report["learning_curve"]]
    return [
        ("Entities, held-out split, strict F1", entity_table(held["entities"])),
        ("Entities, held-out split, partial F1", entity_table(held["entities"], "partial")),
        ("Relations given gold entities, held-out split", relation_table(held["relations_given_entities"])),
        ("Relations end to end, held-out split", relation_table(held["relations_end_to_end"])),
        ("Triples end to end, held-out split", triple_table(held["triples"])),
        (f"Entities, {cv['k']}-fold cross-validation over all documents, strict F1",
         entity_table({n: s["entities"] for n, s in cv["systems"].items()})),
        (f"Relations end to end, {cv['k']}-fold cross-validation",
         relation_table({n: s["relations"] for n, s in cv["systems"].items()})),
        ("Learning curve (held-out micro F1; entities strict)", curve),
    ]


def error_lines(report: dict) -> list[str]:
    lines = []
    for kind in ("entities", "relations"):
        for e in report["errors"][kind]:
            lines.append(f"- {e['kind']} {e['label']} «{e['text']}» ({e['doc_id']}): {e['context']}")
    return lines


def to_markdown(report: dict) -> str:
    docs = report["documents"]
    out = ["# Evaluation", "",
           f"{docs['train']} training and {docs['heldout']} held-out documents "
           f"({docs['all']} in all). Written by `make eval`.", ""]
    for title, rows in sections(report):
        out += [f"## {title}", "", markdown_table(rows), ""]
    out += ["## Errors of the full pipeline on the held-out split", ""] + error_lines(report)
    return "\n".join(out) + "\n"


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode()


def charts(report: dict) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    images = []
    systems = report["heldout"]["entities"]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    width = 0.8 / len(systems)
    for n, (name, table) in enumerate(systems.items()):
        values = [table["strict"].get(lab, {"f1": 0})["f1"] for lab in LABELS]
        ax.bar([i + n * width for i in range(len(LABELS))], values, width, label=name)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(LABELS))], LABELS)
    ax.set_ylim(0, 1)
    ax.set_ylabel("strict F1 (held-out)")
    ax.legend(fontsize=7, loc="lower left")
    images.append(_png(fig))
    plt.close(fig)
    curve = report["learning_curve"]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    xs = [p["documents"] for p in curve]
    for key, name in (("model_only_entities_f1", "entities, model only"),
                      ("rules_model_entities_f1", "entities, rules + model"),
                      ("relations_f1", "relations, end to end")):
        ax.plot(xs, [p[key] for p in curve], marker="o", label=name)
    ax.set_xlabel("training documents")
    ax.set_ylabel("held-out F1")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)
    images.append(_png(fig))
    plt.close(fig)
    return images


def to_html(report: dict) -> str:
    def table(rows):
        head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:])
        return f"<table><tr>{head}</tr>{body}</table>"

    parts = ["<!doctype html><meta charset='utf-8'><title>Evaluation</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
             "td:first-child{text-align:left}li{margin:4px 0}</style>", "<h1>Evaluation</h1>"]
    for title, rows in sections(report):
        parts += [f"<h2>{html.escape(title)}</h2>", table(rows)]
    for image in charts(report):
        parts.append(f"<p><img alt='chart' src='data:image/png;base64,{image}'></p>")
    parts.append("<h2>Errors of the full pipeline on the held-out split</h2><ul>")
    parts += [f"<li>{html.escape(line[2:])}</li>" for line in error_lines(report)]
    parts.append("</ul>")
    return "\n".join(parts)


def write(report: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out_dir / "eval.md").write_text(to_markdown(report), encoding="utf-8")
    (out_dir / "eval.html").write_text(to_html(report), encoding="utf-8")
