"""Command line: `python -m pipeline extract INPUT... --out DIR` and friends.

Every error a user can cause or fix is a PipelineError, or an OSError naming a path
(a folder that cannot be made or written): it is printed as one `error: …` line and
the exit code is 2, as for options argparse refuses. Imports happen inside the
commands, so `--help` and the annotation tools start quickly.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import PipelineError
from .lean_imports import defer_spacy_cli


def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import run_extract
    from .language import load
    from .published import read_table

    pipeline = load(overrides={"pipeline.min_confidence": args.min_confidence} if args.min_confidence else None)
    # The pipeline lives as long as the process: the collector need not walk its objects
    # again, in the run, in forked workers, or in its last pass at exit (a sixth of a
    # one-article start-up)
    gc.freeze()
    dates = read_table(Path(args.published)) if args.published else None
    summary = run_extract(pipeline, args.inputs, Path(args.out), workers=args.jobs,
                          engine=args.engine, scheduler=args.scheduler, force=args.force, dates=dates)
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return 1 if summary["failed"] else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .annotations import gold_files, segmentation, validate
    from .records import jsonl_files

    files = jsonl_files(args.files) if args.files else gold_files()
    problems = validate(files, None if args.no_words else segmentation())
    for problem in problems:
        print(problem)
    print(f"{len(files)} file(s), {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .annotations import format_stats, gold_files, heldout_ids, stats
    from .language import count_words, segmenter_only
    from .records import read_many

    nlp = segmenter_only()
    table = stats(read_many(args.files or gold_files()), heldout_ids(), lambda text: count_words(nlp.make_doc(text)))
    print(json.dumps(table, ensure_ascii=False, indent=1) if args.json else format_stats(table))
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from .evaluate import agreement, read_checked, unmatched
    from .report import agreement_table

    first, second = read_checked(args.first), read_checked(args.second)
    only_first, only_second = unmatched(first, second, (args.first, args.second))
    _warn_left_out(only_first, f"{args.first}: {len(only_first)} document(s) not in {args.second}, left out")
    _warn_left_out(only_second, f"{args.second}: {len(only_second)} document(s) not in {args.first}, left out")
    result = agreement(first, second)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else agreement_table(result))
    return 0


def _warn_left_out(ids: list[str], message: str) -> None:
    """`warning: MESSAGE (e.g. …)` on stderr, for the documents one file has and the other lacks."""
    if ids:
        print(f"warning: {message} (e.g. {', '.join(ids[:3])})", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from .convert import import_file, import_sheets
    from .errors import InputError
    from .records import write_jsonl

    out = Path(args.out)
    if out.exists() and not args.force:
        raise InputError(f"{out}: already exists; import to a new file (one a batch), "
                         "or add --force to replace it")
    if args.tool == "sheet":
        if not args.articles:
            raise PipelineError("--from sheet needs --articles FOLDER (where the sheets' articles are)")
        imported = import_sheets([Path(f) for f in args.files], Path(args.articles))
    else:
        if len(args.files) != 1:
            raise PipelineError(f"--from {args.tool} reads one export file")
        imported = import_file(Path(args.files[0]), args.tool)
    for line in imported.skipped:
        print(f"skipped {line}", file=sys.stderr)
    for line in imported.warnings:
        print(f"warning: {line}", file=sys.stderr)
    for record in imported.records:
        record.meta.update(args.meta)
    write_jsonl(out, [r.to_json() for r in imported.records])
    print(f"{len(imported.records)} document(s) -> {out}, {len(imported.skipped)} task(s) skipped, "
          f"{len(imported.warnings)} warning(s); check them with "
          f"`python -m pipeline annotations validate {out}`", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .convert import to_label_studio
    from .evaluate import read_checked
    from .records import atomic_write
    from .sheet import to_sheet

    records = read_checked(args.file, gold=False)  # what to correct: the pipeline's, or gold
    if args.tool == "sheet":
        out = Path(args.out)
        for record in records:
            file = record.meta.get("file")
            if not file:  # no article file to point at (a written document): its text goes beside the sheet
                file = f"{record.id}.txt"
                atomic_write(out / file, record.text)
            atomic_write(out / f"{record.id}.ann", to_sheet(record, file))
    else:
        tasks = [to_label_studio(r) for r in records]
        atomic_write(Path(args.out), json.dumps(tasks, ensure_ascii=False, indent=1))
    print(f"{len(records)} document(s) -> {args.out}", file=sys.stderr)
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    import unicodedata

    from .read import decode, read_bytes
    from .sheet import numbered

    path = Path(args.article)
    print(numbered(unicodedata.normalize("NFC", decode(read_bytes(path), str(path)))))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .train import is_stale, run

    if args.if_stale and not is_stale():
        print("models/ are up to date with annotations/ and pipeline/default.cfg", file=sys.stderr)
        return 0
    run(seed=args.seed)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import entity_scores, read_checked, relation_scores, score, unmatched
    from .language import load
    from .paths import MODELS_DIR
    from .report import entity_table, markdown_table, relation_table, triple_table, write

    if args.gold and args.heldout:
        raise PipelineError("evaluate: --gold and --heldout both name the gold records; give one")
    if args.gold is None and not args.heldout:
        from .experiments import build_report

        write(build_report(MODELS_DIR, log=lambda line: print(line, file=sys.stderr)), Path(args.report))
        print(f"wrote {args.report}/eval.md, eval.json, eval.html", file=sys.stderr)
        return 0
    if args.heldout:
        from .annotations import gold_split

        gold = gold_split()[1]
    else:
        gold = read_checked(args.gold)
    if args.pred:
        pred = read_checked(args.pred, gold=False)
        gold_name = args.gold or "the held-out split"
        missing, extra = unmatched(gold, pred, (gold_name, args.pred))
        _warn_left_out(missing, f"{args.pred}: no prediction for {len(missing)} of {len(gold)} documents of "
                                f"{gold_name}, scored as predicting nothing")
        _warn_left_out(extra, f"{args.pred}: {len(extra)} prediction(s) for ids not in {gold_name}, ignored")
        result = {"entities": entity_scores(gold, pred), "relations": relation_scores(gold, pred)}
    else:
        result = score(load(), gold)
    print("Entities (strict)\n" + markdown_table(entity_table({"pipeline": result["entities"]})))
    print("\nEntities (partial)\n" + markdown_table(entity_table({"pipeline": result["entities"]}, "partial")))
    print("\nRelations\n" + markdown_table(relation_table({"pipeline": result["relations"]})))
    if "triples" in result:
        print("\nTriples\n" + markdown_table(triple_table({"pipeline": result["triples"]})))
    return 0


def cmd_choices(args: argparse.Namespace) -> int:
    from .experiments import choices, status_choices
    from .records import atomic_write
    from .report import choices_table, markdown_table, status_table

    suffix = f"-by-{args.by}" if args.by else ""
    if args.completion:
        from .annotations import gold_split, published_and_extra
        from .evaluate import completion_scores
        from .language import load

        scores = completion_scores(load(), published_and_extra(gold_split()[0])[0])
        path = Path(args.report) / "completion-choices.json"
        atomic_write(path, json.dumps(scores, ensure_ascii=False, indent=1) + "\n")
        print(f"bare bodies completed, against the gold refs of the training articles: {scores['right']} right, "
              f"{scores['wrong']} wrong, {scores['left bare']} left bare (the wrong ones: {path})")
        return 0
    if args.statuses:
        scores = status_choices(k=args.folds, by=args.by)
        atomic_write(Path(args.report) / f"status-choices{suffix}.json", json.dumps(scores, indent=1) + "\n")
        print(markdown_table(status_table(scores)))
        return 0
    result = choices(k=args.folds, log=lambda line: print(line, file=sys.stderr), only=args.only,
                     merges=args.merge, by=args.by)
    atomic_write(Path(args.report) / f"choices{suffix}.json", json.dumps(result, indent=1) + "\n")
    print(choices_table(result))
    return 0


def cmd_vectors(args: argparse.Namespace) -> int:
    from . import vectors

    words, matrix = vectors.build(vectors.unlabelled_texts(), dims=args.dims)
    vectors.save(words, matrix)
    print(f"{len(words)} words x {matrix.shape[1]} -> {vectors.VECTORS_DIR}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from .extensions import char_offsets
    from .language import load, segmenter_only
    from .records import atomic_write, read_many
    from .show import page

    path = Path(args.file)
    if path.suffix == ".jsonl" or path.is_dir():
        records = [r for r in read_many([path]) if not args.id or r.id in args.id]
        if not records:
            raise PipelineError(f"{path}: no record{' with id ' + ', '.join(args.id) if args.id else ''}")
        nlp = segmenter_only()
    else:
        from .read import decode, read_bytes

        if not path.is_file():
            raise PipelineError(f"{path}: no such file")
        nlp = load()
        text = decode(read_bytes(path), str(path))
        records = [nlp.process(text, path.stem).record]
    out = Path(args.out or f"{path.stem}.html")

    def sentence_ends(text: str) -> list[int]:
        return [char_offsets(s)[1] for s in nlp.make_doc(text).sents]

    atomic_write(out, page(records, sentence_ends, path.name))
    print(f"{len(records)} document(s) -> {out}", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .benchmark import run, table

    print(table(run(args.words)))
    return 0


def _in_range(cast: Callable[[str], float], low: float, high: float, wording: str) -> Callable[[str], float]:
    """An argparse type: `cast` of the text, refused unless from `low` to `high` (nan never is)."""
    def parse(text: str) -> float:
        try:
            value = cast(text)
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {wording}")
        return value
    return parse


# --min-confidence outside 0-1 (1.5, nan) would drop every fact, or none, without a word;
# --jobs 0 or -3 would run as one and be recorded as given.
confidence = _in_range(float, 0.0, 1.0, "a number from 0 to 1")
worker_count = _in_range(int, 1, math.inf, "a whole number of 1 or more")


def meta_field(text: str) -> tuple[str, str]:
    """KEY=VALUE of `--meta`: a batch's records are one outlet's, all published, …"""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE")
    return key.strip(), value


def arg(*names: str, **options) -> tuple[tuple[str, ...], dict]:
    """One argument of a command, as `add_argument` takes it."""
    return names, options


def command(sub, name: str, what: str, func, *arguments: tuple[tuple[str, ...], dict]) -> None:
    """Register a sub-command: its help line, the function it runs and its arguments."""
    parser = sub.add_parser(name, help=what)
    for names, options in arguments:
        parser.add_argument(*names, **options)
    parser.set_defaults(func=func)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    command(sub, "extract", "articles -> triples.jsonl, annotations.jsonl", cmd_extract,
            arg("inputs", nargs="+", help="files, folders of *.txt, or - for stdin"),
            arg("--out", default="out", help="output folder (default: out)"),
            arg("--jobs", type=worker_count, default=1, metavar="N", help="worker processes (default 1)"),
            arg("--engine", choices=["local", "dask"], default="local",
                help="local processes, or Dask workers (optional extra)"),
            arg("--scheduler", help="Dask scheduler address; default: a local cluster of --jobs workers"),
            arg("--force", action="store_true",
                help="redo every document, ignoring what earlier runs in --out finished"),
            arg("--min-confidence", type=confidence, default=0.0, metavar="X",
                help="drop entities, relations and triples whose calibrated confidence is below X (0 to 1)"),
            arg("--published", metavar="TABLE",
                help="a TSV or CSV of the articles' dates: columns 'file' and 'published' (or 'date', or "
                     "one 'year'); an article's own dateline is read only where the table gives none"))

    ann = sub.add_parser("annotations", help="validate, count, import and export annotations")
    ann_sub = ann.add_subparsers(dest="action", required=True)
    command(ann_sub, "validate", "check gold files; prints file:line: problem", cmd_validate,
            arg("files", nargs="*", help="JSONL files or folders (default: every gold file of annotations/)"),
            arg("--no-words", action="store_true", help="skip the word-boundary check"))
    command(ann_sub, "stats", "documents, words, spans and relations per split", cmd_stats,
            arg("files", nargs="*", help="JSONL files or folders (default: every gold file of annotations/)"),
            arg("--json", action="store_true"))
    command(ann_sub, "import", "a Label Studio or doccano export, or sheets -> our JSONL", cmd_import,
            arg("--from", dest="tool", choices=["label-studio", "doccano", "sheet"], required=True),
            arg("files", nargs="+", help="the export file, or sheet files"),
            arg("--articles", help="with --from sheet: the folder the sheets' article paths start in"),
            arg("--out", required=True, help="the JSONL file to write; it must not exist yet"),
            arg("--force", action="store_true", help="replace --out if it exists"),
            arg("--meta", type=meta_field, action="append", default=[], metavar="KEY=VALUE",
                help="set a meta field on every record imported, e.g. source=published (the "
                     "published articles cross-validation tests on) or outlet=NAME; repeatable"))
    command(ann_sub, "export", "annotations.jsonl -> Label Studio tasks with predictions, or sheets", cmd_export,
            arg("file"),
            arg("--to", dest="tool", choices=["label-studio", "sheet"], default="label-studio"),
            arg("--out", required=True, help="a file (label-studio) or a folder (sheet)"))
    command(ann_sub, "agreement", "how far two annotations of the same documents agree", cmd_agreement,
            arg("first", help="a JSONL file (or folder) of one annotator"),
            arg("second", help="the other annotator's file (or folder), same document ids"),
            arg("--json", action="store_true"))
    command(ann_sub, "sheet", "an article as numbered sentences, to annotate in a sheet", cmd_sheet,
            arg("article"))

    command(sub, "train", "retrain the NER model and relation classifier from annotations/", cmd_train,
            arg("--seed", type=int, default=None, help="default: the seed in pipeline/default.cfg"),
            arg("--if-stale", action="store_true",
                help="do nothing when models/meta.json matches the annotations and config"))
    command(sub, "evaluate", "scores: the full report, or one gold file", cmd_evaluate,
            arg("--gold", help="a gold JSONL file (or folder) to score the current models on"),
            arg("--heldout", action="store_true",
                help="score the current models on the held-out split of annotations/ (no report)"),
            arg("--pred", help="score this prediction file against the gold records instead"),
            arg("--report", default="reports", help="folder of the full report (without --gold or --heldout)"))
    command(sub, "vectors", "static word vectors from the unlabelled articles (models/vectors)", cmd_vectors,
            arg("--dims", type=int, default=64))
    command(sub, "show", "an article (or annotation records) as an HTML page drawn with displaCy", cmd_show,
            arg("file", help="an article (.txt), or a JSONL file of records (gold or extract's annotations.jsonl)"),
            arg("--out", help="the HTML file to write (default: FILE's name with .html, here)"),
            arg("--id", nargs="*", help="with a JSONL file: only these document ids"))
    command(sub, "bench", "speed and memory against underthesea (reports/bench.json)", cmd_bench,
            arg("--words", type=int, default=1_000_000, help="corpus size (default 1,000,000)"))
    command(sub, "choices", "the cross-validation behind the choices in pipeline/default.cfg", cmd_choices,
            arg("--folds", type=int, default=3),
            arg("--by", metavar="FIELD",
                help="one fold per value of this meta field (e.g. outlet) instead of --folds random "
                     "folds; reports go to choices-by-FIELD.json"),
            arg("--only", nargs="*", help="trained variants to run (default: all)"),
            arg("--merge", nargs="*", help="merge policies and run-time variants to score them with (default: all)"),
            arg("--statuses", action="store_true",
                help="only the status classifier's variants, on the gold relations (a minute)"),
            arg("--completion", action="store_true",
                help="only the canonical stage's completion of bare bodies, against the gold refs (seconds)"),
            arg("--report", default="reports",
                help="folder for choices.json, status-choices.json, completion-choices.json"))
    from .kb.cli import add_commands

    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    defer_spacy_cli()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PipelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # a path the system refuses (a folder that cannot be written): the user's to fix
        if err.filename is None:
            raise
        print(f"error: {refused(err)}", file=sys.stderr)
        return 2


def refused(err: OSError) -> str:
    """`path: reason` (`source -> target: reason` for a rename), as the system gave them."""
    paths = " -> ".join(str(name) for name in (err.filename, err.filename2) if name is not None)
    return f"{paths}: {err.strerror or err}"
