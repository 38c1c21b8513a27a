"""Command line: `python -m pipeline extract INPUT... --out DIR` and friends."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .read import InputError


def cmd_extract(args: argparse.Namespace) -> int:
    from . import load
    from .batch import run_extract

    pipeline = load()
    summary = run_extract(pipeline, args.inputs, Path(args.out))
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return 1 if summary["failed"] else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="articles -> triples.jsonl, annotations.jsonl")
    extract.add_argument("inputs", nargs="+", help="files, folders of *.txt, or - for stdin")
    extract.add_argument("--out", default="out", help="output folder (default: out)")
    extract.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
