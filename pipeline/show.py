"""One article as an HTML page: its entities and relations drawn with displaCy (manual mode).

The page is for checking the machine's reading at a glance: each entity carries its label
and, for PER/ORG/DOC, the ref it shares with the other mentions of the same thing; each
sentence that holds relations is drawn as arcs between its entities, labelled with the
relation and, for has_title, the position's status. The same page draws gold records, so
a prediction and its gold can be compared side by side.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from .records import Record

COLOURS = {"PER": "#f7c6a3", "TITLE": "#c6e2b3", "ORG": "#a9cbe8", "LOC": "#e6d3f2",
           "DOC": "#f2e39b", "DATE": "#d9d9d9"}
GAP_WORDS = 6  # words kept on each side of a long stretch between two entities in an arc view


@dataclass
class Window:
    """A stretch of text (whole sentences) and the relations drawn in it."""

    start: int
    end: int
    relations: list[dict]


def mentions_by_ref(record: Record) -> dict[str, list[dict]]:
    """Each ref's spans, in text order."""
    found: dict[str, list[dict]] = {}
    for span in sorted(record.spans, key=lambda s: (s["start"], s["end"])):
        if span.get("ref"):
            found.setdefault(span["ref"], []).append(span)
    return found


def ref_names(record: Record) -> dict[str, str]:
    """Each ref -> its longest mention, the name a reader knows it by."""
    return {ref: max((record.text[s["start"]:s["end"]] for s in spans), key=len)
            for ref, spans in mentions_by_ref(record).items()}


def entity_view(record: Record) -> dict:
    """displaCy's manual "ent" input, refs shown as links to the list of refs below."""
    names = ref_names(record)
    ents = []
    for span in sorted(record.spans, key=lambda s: (s["start"], s["end"])):
        ent = {"start": span["start"], "end": span["end"], "label": span["label"]}
        if span.get("ref"):
            mention = record.text[span["start"]:span["end"]]
            shown = span["ref"] if names[span["ref"]] == mention else f'{span["ref"]} = {names[span["ref"]]}'
            ent.update(kb_id=shown, kb_url=f'#ref-{span["ref"]}')
        ents.append(ent)
    return {"text": record.text, "ents": ents, "title": None}


def windows(record: Record, sentence_ends: list[int]) -> list[Window]:
    """The relations grouped by the sentences their two ends lie in, overlapping groups joined."""
    starts = [0] + sentence_ends[:-1]

    def sentence(offset: int) -> int:
        return next((n for n, end in enumerate(sentence_ends) if offset < end), len(sentence_ends) - 1)

    found: list[Window] = []
    for relation in sorted(record.relations, key=lambda r: min(record.spans[r["head"]]["start"],
                                                             record.spans[r["child"]]["start"])):
        ends = [record.spans[relation["head"]], record.spans[relation["child"]]]
        first, last = sentence(min(s["start"] for s in ends)), sentence(max(s["end"] - 1 for s in ends))
        start, end = starts[first], sentence_ends[last]
        if found and start < found[-1].end:
            found[-1].end = max(found[-1].end, end)
            found[-1].relations.append(relation)
        else:
            found.append(Window(start, end, [relation]))
    return found


def _gap_words(text: str) -> list[str]:
    words = text.split()
    if len(words) > 2 * GAP_WORDS + 1:
        words = words[:GAP_WORDS] + ["…"] + words[-GAP_WORDS:]
    return words


def arc_view(record: Record, window: Window) -> dict:
    """displaCy's manual "dep" input: entities as single words tagged with their label, the
    text between them as plain words, relations as arcs from head to child."""
    inside = sorted((n for n, s in enumerate(record.spans)
                     if s["start"] >= window.start and s["end"] <= window.end),
                    key=lambda n: record.spans[n]["start"])
    words: list[dict] = []
    position: dict[int, int] = {}
    cursor = window.start
    for n in inside:
        span = record.spans[n]
        if span["start"] < cursor:  # overlapping spans are not drawn twice
            continue
        words.extend({"text": w, "tag": ""} for w in _gap_words(record.text[cursor:span["start"]]))
        position[n] = len(words)
        words.append({"text": record.text[span["start"]:span["end"]], "tag": span["label"]})
        cursor = span["end"]
    words.extend({"text": w, "tag": ""} for w in _gap_words(record.text[cursor:window.end]))
    arcs = []
    for relation in window.relations:
        head, child = position.get(relation["head"]), position.get(relation["child"])
        if head is None or child is None or head == child:
            continue
        label = relation["label"] + (f' · {relation["status"]}' if relation.get("status") else "")
        arcs.append({"start": min(head, child), "end": max(head, child), "label": label,
                     "dir": "right" if head < child else "left"})
    return {"words": words, "arcs": arcs}


def _ref_order(ref: str) -> tuple:
    """p2 before p10."""
    return (ref[:1], int(ref[1:]) if ref[1:].isdigit() else 0, ref)


def ref_table(record: Record) -> str:
    """Each ref with all its mentions, anchored so the entity view's links land on it."""
    rows = "".join(
        f'<tr id="ref-{html.escape(ref)}"><td>{html.escape(ref)}</td><td>{spans[-1]["label"]}</td>'
        f'<td>{html.escape(" | ".join(dict.fromkeys(record.text[s["start"]:s["end"]] for s in spans)))}</td>'
        f'<td>{len(spans)}</td></tr>'
        for ref, spans in sorted(mentions_by_ref(record).items(), key=lambda item: _ref_order(item[0])))
    return ("<table><tr><th>ref</th><th>label</th><th>mentions</th><th>count</th></tr>"
            f"{rows}</table>")


def record_html(record: Record, sentence_ends: list[int]) -> str:
    """The section of the page for one record."""
    from spacy import displacy

    colours = {"colors": COLOURS}
    parts = [f"<h2>{html.escape(record.id)}</h2>"]
    facts = [f'{len(record.spans)} entities', f'{len(record.relations)} relations']
    if record.meta.get("published"):
        facts.insert(0, f'published {html.escape(str(record.meta["published"]))}')
    parts.append(f'<p class="facts">{", ".join(facts)}</p>')
    parts.append(displacy.render(entity_view(record), style="ent", manual=True, options=colours))
    views = windows(record, sentence_ends)
    if views:
        parts.append("<h3>Relations</h3>")
    for view in views:
        parts.append(displacy.render(arc_view(record, view), style="dep", manual=True,
                                     options={"compact": True, "distance": 110, "word_spacing": 30,
                                              "offset_x": 40}))
    parts.append("<h3>Refs</h3>" + ref_table(record))
    return "\n".join(parts)


PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{font-family: sans-serif; max-width: 70em; margin: 2em auto; line-height: 2.4}}
table {{border-collapse: collapse; line-height: 1.4}} td, th {{border: 1px solid #ccc; padding: 0.2em 0.6em;
text-align: left}} .facts {{color: #555}} figure {{overflow-x: auto}}</style></head>
<body>{body}</body></html>
"""


def page(records: list[Record], sentence_ends: Callable[[str], list[int]], title: str) -> str:
    """The whole HTML page; `sentence_ends` gives the sentence end offsets of a text."""
    body = "\n<hr>\n".join(record_html(r, sentence_ends(r.text)) for r in records)
    return PAGE.format(title=html.escape(title), body=body)
