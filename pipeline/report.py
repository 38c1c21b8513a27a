"""`make eval`'s report, rendered: reports/eval.md, eval.json and eval.html (with charts).

Only rendering lives here; what is measured is built by `experiments.build_report`.
"""
from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path

from .evaluate import ERROR_CLASSES, prf
from .records import atomic_write
from .schema import LABELS, RELATION_TYPES, STATUSES


def _f(row: dict) -> str:
    return f"{row['f1']:.3f}" if row.get("gold") or row.get("pred") else "–"


def entity_table(systems: dict, mode: str = "strict") -> list[list[str]]:
    rows = [["system"] + list(LABELS) + ["micro"]]
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


def agreement_table(result: dict) -> str:
    """Inter-annotator agreement as one Markdown table."""
    ents, rels = result["entities"], result["relations"]
    rows = [["measure", "value", "counts"]]
    rows += [[f"spans {lab} (strict F1)", _f(ents[lab]), f"{ents[lab]['gold']} / {ents[lab]['pred']}"]
             for lab in LABELS if ents[lab]["gold"] or ents[lab]["pred"]]
    rows.append(["spans, micro (strict F1)", _f(ents["micro"]), f"{ents['micro']['gold']} / {ents['micro']['pred']}"])
    rows.append(["relations, micro F1", _f(rels["micro"]), f"{rels['micro']['gold']} / {rels['micro']['pred']}"])
    rows.append(["refs, B-cubed F1", f"{result['refs']['f1']:.3f}", f"{result['refs']['mentions']} mentions"])
    rows.append(["statuses, agreement", f"{result['statuses']['accuracy']:.3f}",
                 f"{result['statuses']['relations']} has_title"])
    return f"{result['documents']} documents annotated twice\n\n" + markdown_table(rows)


def choices_table(result: dict) -> str:
    """`make choices`: strict F1 per label, relations and speed of every variant."""
    rows = [["variant", *LABELS, "micro", "relations", "words/s"]]
    for name, row in result.items():
        ents = row["entities"]["strict"]
        rows.append([name] + [_f(ents[lab]) for lab in LABELS] + [_f(ents["micro"]),
                     _f(row["relations"]["micro"]), f"{row['words_per_second']:,.0f}"])
    return markdown_table(rows)


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def verdict_table(report: dict) -> list[list[str]]:
    def number(x: float | int, digits: int) -> str:
        return f"{x:.{digits}f}" if isinstance(x, float) else str(x)

    rows = [["target", "floor", "measured", "verdict", ""]]
    for v in report["verdicts"]:
        rows.append([v["target"], number(v["floor"], 2), number(v["measured"], 3),
                     "met" if v["met"] else "NOT MET", v["note"]])
    return rows


def source_table(report: dict) -> list[list[str]]:
    rows = [["outlet", "documents", "entities (strict micro F1)", "relations (micro F1)"]]
    for name, row in report["by_source"].items():
        rows.append([name, str(row["documents"]), _f(row["entities"]), _f(row["relations"])])
    return rows


def rule_table(report: dict) -> list[list[str]]:
    return [["rule", "spans", "precision"]] + [
        [name, str(row["spans"]), f"{row['precision']:.3f}"] for name, row in report["rules"].items()]


def knowledge_tables(report: dict) -> list[tuple[str, list[list[str]]]]:
    k = report["knowledge"]
    refs = [["method", "B-cubed P", "R", "F1", "mentions"]] + [
        [name, f"{r['p']:.3f}", f"{r['r']:.3f}", f"{r['f1']:.3f}", str(r["mentions"])]
        for name, r in k["refs"].items()]
    return [("Refs given the gold entities, held-out split", refs),
            ("Statuses given the gold has_title relations, held-out split (F1, gold cases)",
             status_table(k["statuses"]))]


def status_table(scores: dict[str, dict]) -> list[list[str]]:
    """Accuracy and F1 per status (with its gold cases) of each method."""
    rows = [["method", "accuracy"] + list(STATUSES)]
    for name, row in scores.items():
        rows.append([name, f"{row['accuracy']:.3f}"] + [f"{_f(row[s])} ({row[s]['gold']})" for s in STATUSES])
    return rows


def people_table(report: dict) -> list[list[str]]:
    """Cross-article merging of the hand-checked people: one row each."""
    people = report["people"]
    rows = [["person", "province", "articles", "found in", "KB people", "merged with"]]
    rows += [[p["name"], p["province"], str(p["documents"]), str(p["found_in"]),
              ", ".join(p["kb_people"]) or "–", ", ".join(p["merged_with"]) or "–"] for p in people["people"]]
    return rows


def calibration_table(table: dict) -> list[list[str]]:
    return [["score bin", "predictions", "mean score", "observed precision"]] + [
        [b["bin"], str(b["n"]), f"{b['mean_score']:.3f}" if b["n"] else "–",
         f"{b['precision']:.3f}" if b["n"] else "–"] for b in table["bins"]]


def error_summary(report: dict) -> list[list[str]]:
    from collections import Counter

    counts = Counter((e["class"], e["label"]) for e in report["errors"]["entities"])
    rows = [["class"] + list(LABELS) + ["all"]]
    for kind in ERROR_CLASSES:
        row = [counts[(kind, lab)] for lab in LABELS]
        rows.append([kind] + [str(n) for n in row] + [str(sum(row))])
    return rows


def sections(report: dict) -> list[tuple[str, list[list[str]]]]:
    held = report["heldout"]
    curve = [["published articles", "documents in all", "entities", "relations"]] + [
        [f"{p['published']} ({p['share']:.0%})", str(p["documents"]), f"{p['entities_f1']:.3f}",
         f"{p['relations_f1']:.3f}"] for p in report["learning_curve"]]
    cal = report["calibration"]
    return [
        ("Against the targets (held-out split: published articles of outlets never trained on)",
         verdict_table(report)),
        ("Entities, held-out split, strict F1", entity_table(held["entities"])),
        ("Entities, held-out split, partial F1", entity_table(held["entities"], "partial")),
        ("Relations end to end, held-out split", relation_table(held["relations_end_to_end"])),
        ("Triples end to end, held-out split", triple_table(held["triples"])),
        ("The shipped pipeline per outlet, held-out split", source_table(report)),
        *knowledge_tables(report),
        (f"Cross-article people (annotations/people.json): {report['people']['one_person']} of "
         f"{len(report['people']['people'])} are one KB person, {report['people']['merged_pairs']} pairs of "
         f"different people merged (merging by name alone: {report['people']['same_name_merged_pairs']})",
         people_table(report)),
        (f"Calibration of entity scores (expected calibration error {cal['spans']['ece']:.3f})",
         calibration_table(cal["spans"])),
        (f"Calibration of relation scores (expected calibration error {cal['relations']['ece']:.3f})",
         calibration_table(cal["relations"])),
        ("Precision of each entity rule (rules only), held-out split", rule_table(report)),
        ("Learning curve on published articles (held-out micro F1; written documents always train)", curve),
        ("Entity errors of the shipped pipeline by class, held-out split", error_summary(report)),
    ]


def error_lines(report: dict, per_class: int = 12) -> list[str]:
    """The errors, grouped by class, each with its sentence (the first `per_class` of each)."""
    lines = []
    for kind in ERROR_CLASSES:
        errors = [e for e in report["errors"]["entities"] if e["class"] == kind]
        lines.append(f"### {kind} ({len(errors)})")
        for e in errors[:per_class]:
            said = f"gold «{e['gold']}»" if e["gold"] else ""
            got = f"predicted «{e['predicted']}»" if e["predicted"] else ""
            lines.append(f"- {e['label']}: {', '.join(x for x in (said, got) if x)} ({e['doc_id']}): "
                         f"{e['context']}")
    lines.append(f"### relations ({len(report['errors']['relations'])} shown)")
    lines += [f"- {e['kind']} {e['label']} «{e['text']}» ({e['doc_id']}): {e['context']}"
              for e in report["errors"]["relations"][:per_class * 2]]
    return lines


def to_markdown(report: dict) -> str:
    docs = report["documents"]
    out = ["# Evaluation", "",
           f"{docs['heldout']} held-out published articles; {docs['train']} training documents "
           f"({docs['train_published']} published). Written by `make eval`.", ""]
    for title, rows in sections(report):
        out += [f"## {title}", "", markdown_table(rows), ""]
    out += ["## Errors of the shipped pipeline on the held-out split, with their sentences", ""]
    out += error_lines(report)
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
    fig, ax = plt.subplots(figsize=(9, 3.8))
    width = 0.8 / len(systems)
    values_all = []
    for n, (name, table) in enumerate(systems.items()):
        values = [table["strict"].get(lab, {"f1": 0})["f1"] for lab in LABELS]
        values_all += [v for v in values if v]
        ax.bar([i + n * width for i in range(len(LABELS))], values, width, label=name)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(LABELS))], LABELS)
    ax.set_ylim(max(0.0, min(values_all, default=0.0) - 0.05), 1.0)
    ax.set_ylabel("strict F1 (held-out)")
    ax.set_title("Entities on the held-out split, per label")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    images.append(_png(fig))
    plt.close(fig)
    curve = report["learning_curve"]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    xs = [p["published"] for p in curve]
    ys = []
    for key, name in (("entities_f1", "entities, strict micro"), ("relations_f1", "relations, end to end")):
        ax.plot(xs, [p[key] for p in curve], marker="o", label=name)
        ys += [p[key] for p in curve]
    ax.set_xlabel("published training articles (written documents always train)")
    ax.set_ylabel("held-out F1")
    ax.set_ylim(max(0.0, min(ys, default=0.0) - 0.05), 1.0)
    ax.set_title("Learning curve")
    ax.legend(fontsize=8, loc="lower right")
    images.append(_png(fig))
    plt.close(fig)
    bins = [b for b in report["calibration"]["spans"]["bins"] if b["n"]]
    fig, ax = plt.subplots(figsize=(4.5, 4))
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfect calibration")
    ax.plot([b["mean_score"] for b in bins], [b["precision"] for b in bins], marker="o",
            label="entity spans, held-out")
    ax.set_xlabel("predicted score")
    ax.set_ylabel("observed precision")
    ax.set_title("Reliability of entity scores")
    ax.legend(fontsize=8, loc="upper left")
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
    parts.append("<h2>Errors of the shipped pipeline on the held-out split</h2>")
    for line in error_lines(report):
        parts.append(f"<h3>{html.escape(line[4:])}</h3>" if line.startswith("### ")
                     else f"<p>{html.escape(line[2:])}</p>")
    return "\n".join(parts)


def write(report: dict, out_dir: Path) -> None:
    atomic_write(out_dir / "eval.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    atomic_write(out_dir / "eval.md", to_markdown(report))
    atomic_write(out_dir / "eval.html", to_html(report))
