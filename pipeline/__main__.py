"""Command line: `python -m pipeline extract INPUT... --out DIR` and friends."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .gold import AnnotationError
from .read import InputError


def cmd_extract(args: argparse.Namespace) -> int:
    from . import load
    from .batch import run_extract

    pipeline = load()
    summary = run_extract(pipeline, args.inputs, Path(args.out), workers=args.jobs,
                          engine=args.engine, scheduler=args.scheduler, force=args.force)
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return 1 if summary["failed"] else 0


def _segmenter():
    """Word edges and word counts from the pipeline's own segmenter."""
    from . import load

    nlp = load()

    def edges(text: str) -> tuple[set, set]:
        words = [t for t in nlp.make_doc(text) if not t.is_space]
        return {t.idx for t in words}, {t.idx + len(t.text) for t in words}

    def count(text: str) -> int:
        return sum(1 for t in nlp.make_doc(text) if not t.is_space and not t.is_punct)

    return edges, count


def _jsonl_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if not path.exists():
            raise InputError(f"{item}: no such file or folder")
        files.extend(sorted(path.rglob("*.jsonl")) if path.is_dir() else [path])
    return files


def cmd_validate(args: argparse.Namespace) -> int:
    from .annotate import validate

    edges = None if args.no_words else _segmenter()[0]
    files = _jsonl_files(args.files)
    problems = validate(files, edges)
    for problem in problems:
        print(problem)
    print(f"{len(files)} file(s), {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .annotate import format_stats, heldout_ids, stats
    from .gold import read_many

    records = read_many(_jsonl_files(args.files))
    table = stats(records, heldout_ids(), _segmenter()[1])
    print(json.dumps(table, ensure_ascii=False, indent=1) if args.json else format_stats(table))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .annotate import import_file
    from .gold import write_jsonl

    records = import_file(Path(args.file), args.tool)
    write_jsonl(Path(args.out), [r.to_json() for r in records])
    print(f"{len(records)} document(s) -> {args.out}; check them with "
          f"`python -m pipeline annotations validate {args.out}`", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .annotate import to_label_studio
    from .gold import read_records

    tasks = [to_label_studio(r) for r in read_records(Path(args.file))]
    out = Path(args.out)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out)
    print(f"{len(tasks)} task(s) -> {args.out}", file=sys.stderr)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from . import MODELS_DIR, read_meta
    from .train import annotation_files, data_hash, run

    meta = read_meta(MODELS_DIR)
    if args.if_stale and meta and meta.get("data_hash") == data_hash(annotation_files()):
        print("models/ are up to date with annotations/ and pipeline/ner.cfg", file=sys.stderr)
        return 0
    run(seed=args.seed)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import load
    from .evaluate import entity_scores, relation_scores
    from .gold import read_many
    from .report import build, entity_table, markdown_table, relation_table, triple_table, write
    from .train import scores

    if args.gold is None:
        report = build(k=args.folds)
        write(report, Path(args.report))
        print(f"wrote {args.report}/eval.md, eval.json, eval.html", file=sys.stderr)
        return 0
    gold = read_many(_jsonl_files([args.gold]))
    if args.pred:
        pred = read_many(_jsonl_files([args.pred]))
        result = {"entities": entity_scores(gold, pred), "relations": relation_scores(gold, pred)}
    else:
        result = scores(load(), gold)
    print("Entities (strict)\n" + markdown_table(entity_table({"pipeline": result["entities"]})))
    print("\nEntities (partial)\n" + markdown_table(entity_table({"pipeline": result["entities"]}, "partial")))
    print("\nRelations\n" + markdown_table(relation_table({"pipeline": result["relations"]})))
    if "triples" in result:
        print("\nTriples\n" + markdown_table(triple_table({"pipeline": result["triples"]})))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="articles -> triples.jsonl, annotations.jsonl")
    extract.add_argument("inputs", nargs="+", help="files, folders of *.txt, or - for stdin")
    extract.add_argument("--out", default="out", help="output folder (default: out)")
    extract.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    extract.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="local processes, or Dask workers (optional extra)")
    extract.add_argument("--scheduler", help="Dask scheduler address; default: a local cluster of --jobs workers")
    extract.add_argument("--force", action="store_true",
                         help="redo every document, ignoring what earlier runs in --out finished")
    extract.set_defaults(func=cmd_extract)

    ann = sub.add_parser("annotations", help="validate, count, import and export annotations")
    ann_sub = ann.add_subparsers(dest="action", required=True)
    val = ann_sub.add_parser("validate", help="check gold files; prints file:line: problem")
    val.add_argument("files", nargs="+", help="JSONL files or folders")
    val.add_argument("--no-words", action="store_true", help="skip the word-boundary check")
    val.set_defaults(func=cmd_validate)
    st = ann_sub.add_parser("stats", help="documents, words, spans and relations per split")
    st.add_argument("files", nargs="*", default=["annotations"])
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_stats)
    imp = ann_sub.add_parser("import", help="a Label Studio or doccano export -> our JSONL")
    imp.add_argument("--from", dest="tool", choices=["label-studio", "doccano"], required=True)
    imp.add_argument("file")
    imp.add_argument("--out", required=True)
    imp.set_defaults(func=cmd_import)
    exp = ann_sub.add_parser("export", help="annotations.jsonl -> Label Studio tasks with predictions")
    exp.add_argument("file")
    exp.add_argument("--to", dest="tool", choices=["label-studio"], default="label-studio")
    exp.add_argument("--out", required=True)
    exp.set_defaults(func=cmd_export)

    tr = sub.add_parser("train", help="retrain the NER model and relation classifier from annotations/")
    tr.add_argument("--seed", type=int, default=None, help="default: the seed in pipeline/ner.cfg")
    tr.add_argument("--if-stale", action="store_true",
                    help="do nothing when models/meta.json matches the annotations and config")
    tr.set_defaults(func=cmd_train)

    ev = sub.add_parser("evaluate", help="scores: the full report, or one gold file")
    ev.add_argument("--gold", help="a gold JSONL file (or folder) to score the current models on")
    ev.add_argument("--pred", help="score this prediction file against --gold instead")
    ev.add_argument("--report", default="reports", help="folder of the full report (no --gold)")
    ev.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    ev.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (InputError, AnnotationError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
