"""`python -m pipeline kb …`: build the knowledge base, query it, export it.

`add_commands` registers the `kb` command on the sub-parsers of `python -m pipeline`
(`pipeline/cli.py` calls it from `build_parser`). Queries print a readable table,
or JSON with `--json`; every error a user can cause is a PipelineError.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from ..cli import arg, command

DEFAULT_KB = "out/kb.sqlite"
WIDTH = 48  # longest cell shown in a table; --json gives everything
KB = arg("--kb", default=DEFAULT_KB, help=f"the SQLite file (default {DEFAULT_KB})")
JSON = arg("--json", action="store_true", help="JSON instead of a table")


def table(rows: list[dict], columns: list[str]) -> str:
    """Rows as an aligned plain-text table; long cells are cut with '…'."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _emit(args: argparse.Namespace, result: list[dict], render: Callable[[list[dict]], str],
          missing: str) -> int:
    """The answer as JSON (--json) or rendered; exit code 1 and `missing` when there is none."""
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    elif not result:
        print(missing, file=sys.stderr)
    else:
        print(render(result))
    return 0 if result else 1


def _blocks(block: Callable[[dict], str]) -> Callable[[list[dict]], str]:
    """Render each item as a block, a blank line between them."""
    return lambda items: "\n\n".join(map(block, items))


def _articles(evidence: list[dict]) -> str:
    return ", ".join(dict.fromkeys(e["doc_id"] for e in evidence))


def _person_block(p: dict) -> str:
    head = f"{p['id']}  {p['name']}"
    if p["aliases"]:
        head += f"  (also: {', '.join(p['aliases'])})"
    head += f"\n{len(p['mentions'])} mention(s) in {len(p['documents'])} article(s)"
    rows = [{**pos, "articles": _articles(pos["evidence"])} for pos in p["positions"]]
    return head + ("\n" + table(rows, ["title", "org", "status", "date", "first_seen", "last_seen",
                                       "succeeded_by", "decided_by", "confidence", "articles"])
                   if rows else "\nno positions")


def _org_block(o: dict) -> str:
    head = f"{o['id']}  {o['name']}"
    if o["aliases"]:
        head += f"  (also: {', '.join(o['aliases'])})"
    unit = o["unit"]
    if unit:
        head += f"\nunit: {unit['name']} ({unit['level'] or '?'}, code {unit['code'] or '?'})"
        if unit["province"] and unit["province"] != unit["name"]:
            head += f", {unit['province']}"
    head += f"\n{len(o['mentions'])} mention(s) in {len(o['documents'])} article(s)"
    parts = [head]
    if o["holders"]:
        parts.append("holders\n" + table(o["holders"], ["title", "person", "person_id", "status", "date",
                                                        "first_seen", "last_seen", "succeeded_by", "confidence"]))
    for key in ("issued", "implemented"):
        if o[key]:
            parts.append(f"{key}\n" + table(o[key], ["name", "issued_on", "confidence"]))
    return "\n".join(parts)


def _position_table(rows: list[dict]) -> str:
    return table([{**r, "articles": _articles(r["evidence"])} for r in rows],
                 ["person", "person_id", "title", "org", "status", "date", "first_seen", "last_seen",
                  "succeeded_by", "succeeded_on", "decided_by", "confidence", "articles"])


def _doc_block(d: dict) -> str:
    """One line per field, in full: lists of bodies and people are what the user asked for;
    every date of issue with its articles, so that dates which differ show."""
    fields = {k: ", ".join(v) if isinstance(v, list) else v for k, v in d.items()
              if k not in {"mentions", "issue_dates"}}
    if len(d["issue_dates"]) > 1:
        fields["issued_on"] = "; ".join(f"{i['date']} ({', '.join(i['articles'])})" for i in d["issue_dates"])
        fields["issued_on"] += f"  [{len(d['issue_dates'])} dates differ]"
    fields["mentions"] = (f"{len(d['mentions'])} in {len({m['doc_id'] for m in d['mentions']})} "
                          f"article(s): {_articles(d['mentions'])}")
    width = max(map(len, fields))
    return "\n".join(f"{k.ljust(width)}  {'' if v is None else v}".rstrip() for k, v in fields.items())


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .datasette import metadata_path

    outs = [Path(o) for o in args.outs]
    kb = Path(args.kb) if args.kb else outs[0] / "kb.sqlite"
    summary = build(outs, kb, log=lambda line: print(line, file=sys.stderr))
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    print(f"browse it: datasette {kb} -m {metadata_path(kb)}", file=sys.stderr)
    return 0


def _connect(args: argparse.Namespace) -> closing:
    from .store import connect

    return closing(connect(Path(args.kb)))


def cmd_person(args: argparse.Namespace) -> int:
    from . import query

    with _connect(args) as conn:
        return _emit(args, query.person(conn, args.name), _blocks(_person_block), "no person matches")


def cmd_org(args: argparse.Namespace) -> int:
    from . import query

    with _connect(args) as conn:
        return _emit(args, query.org(conn, args.name), _blocks(_org_block), "no body matches")


def cmd_doc(args: argparse.Namespace) -> int:
    from . import query

    with _connect(args) as conn:
        return _emit(args, query.document(conn, args.code), _blocks(_doc_block), "no document matches")


def cmd_position(args: argparse.Namespace) -> int:
    from . import query

    with _connect(args) as conn:
        return _emit(args, query.position(conn, args.title, args.org), _position_table,
                     f"nobody held {args.title!r} in a body named {args.org!r}")


def cmd_export(args: argparse.Namespace) -> int:
    from ..errors import InputError

    if not (args.rdf or args.neo4j or args.datasette):
        raise InputError("kb export needs --rdf FILE.ttl, --neo4j DIR or --datasette")
    with _connect(args) as conn:
        if args.datasette:
            from .datasette import write_metadata

            path = write_metadata(Path(args.kb))
            print(f"browse it: datasette {args.kb} -m {path}", file=sys.stderr)
        if args.rdf:
            from .rdf import export_turtle

            n = export_turtle(conn, Path(args.rdf))
            print(f"{n} triples -> {args.rdf}", file=sys.stderr)
        if args.neo4j:
            from .neo4j import export_csv, import_command

            files = export_csv(conn, Path(args.neo4j))
            print(f"{sum(map(len, files.values()))} files -> {args.neo4j}; load them with:\n"
                  f"{import_command(files)}", file=sys.stderr)
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `kb build|person|org|doc|position|export` on `python -m pipeline`'s sub-parsers."""
    kb = subparsers.add_parser("kb", help="the knowledge base across articles: build, query, export")
    sub = kb.add_subparsers(dest="action", required=True)
    command(sub, "build", "merge extract outputs into the KB (incremental)", cmd_build,
            arg("outs", nargs="+", metavar="OUT", help="extract output folders"),
            arg("--kb", help="the SQLite file (default OUT/kb.sqlite of the first OUT)"))
    command(sub, "person", "people by name or alias, with their positions", cmd_person,
            KB, JSON, arg("name"))
    command(sub, "org", "a body: its unit, holders, documents issued and carried out", cmd_org,
            KB, JSON, arg("name"))
    command(sub, "doc", "a document by code: issuer, date, who carries it out", cmd_doc,
            KB, JSON, arg("code"))
    command(sub, "position", "who held a title in a body, in date order", cmd_position,
            KB, JSON, arg("title"), arg("org"))
    command(sub, "export", "RDF Turtle (Wikidata-style), Neo4j import CSV, Datasette metadata",
            cmd_export, KB,
            arg("--rdf", metavar="FILE.ttl", help="write RDF Turtle here"),
            arg("--neo4j", metavar="DIR", help="write neo4j-admin import CSV files here"),
            arg("--datasette", action="store_true",
                help="write the Datasette metadata next to the KB (kb build does it too)"))
