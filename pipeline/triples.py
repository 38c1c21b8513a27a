"""Knowledge triples and per-document entities from a processed Doc, with provenance.

has_title + title_of compose into one holds_position triple (qualifier: the title);
has_title alone becomes a has_title triple only when no organisation is stated.
Within one document a fact is emitted once, with its first evidence and its highest
confidence. `doc_entities` lists each person, body and document the article names
(one line per ref), which is what the knowledge base merges across articles.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .extensions import Relation, doc_text, span_key
from .schema import REF_LABELS, Entity, Triple
from .words import sentence_span, words_of


def entity(span: Span) -> Entity:
    """A triple's subject or object: canonical text, label, the text as written, extras."""
    canonical = span._.canonical or {"text": span.text}
    out: Entity = {"text": canonical["text"], "label": span.label_, "mention": span.text}
    if span._.ref:
        out["ref"] = span._.ref
    if span.label_ == "DOC":
        out["code"] = canonical.get("code")
    if span.label_ == "DATE":
        out["iso"] = canonical.get("iso")
    if canonical.get("place"):
        out["place"] = canonical["place"]
    return out


def _triple(doc: Doc, text: str, subject: Span, predicate: str, obj: Span, confidence: float,
            source: str, qualifiers: dict | None = None) -> Triple:
    start = min(subject.start_char, obj.start_char)
    end = max(subject.end_char, obj.end_char)
    sent = sentence_span(doc, subject.start)
    return {
        "subject": entity(subject), "predicate": predicate, "object": entity(obj),
        "qualifiers": qualifiers or {}, "doc_id": doc._.doc_id,
        "evidence": {"start": start, "end": end, "text": text[start:end],
                     "sentence": text[sent.start_char:sent.end_char].strip()},
        "confidence": round(confidence, 3), "source": source,
    }


def _position(doc: Doc, rel: Relation, decisions: dict[tuple[int, int], Span]) -> dict:
    """Qualifiers of a position: its status, the article's date, the decision behind it."""
    qualifiers = {"status": rel.status or "current"}
    if doc._.published:
        qualifiers["date"] = doc._.published
    decision = decisions.get(span_key(rel.head))
    sentence_of = words_of(doc).sentence_of
    if decision is not None and sentence_of[decision.start] == sentence_of[rel.head.start]:
        name = entity(decision)
        qualifiers["decided_by"] = {"text": name["text"], "code": name.get("code")}
    return qualifiers


def doc_triples(doc: Doc) -> list[Triple]:
    """Every triple the document states, de-duplicated, in text order."""
    rels: list[Relation] = doc._.relations or []
    title_of = {span_key(r.head): r for r in rels if r.label == "title_of"}
    decisions = {span_key(r.child): r.head for r in rels if r.label == "decides_on"}
    text = doc_text(doc)
    out: list[Triple] = []
    for rel in rels:
        if rel.label == "has_title":
            org_rel = title_of.get(span_key(rel.child))
            qualifiers = _position(doc, rel, decisions)
            if org_rel is not None:
                title = (rel.child._.canonical or {"text": rel.child.text})["text"]
                out.append(_triple(doc, text, rel.head, "holds_position", org_rel.child,
                                   rel.score * org_rel.score, rel.source, {"title": title, **qualifiers}))
            else:
                out.append(_triple(doc, text, rel.head, "has_title", rel.child, rel.score, rel.source,
                                   qualifiers))
        elif rel.label in {"issued_by", "issued_on", "implements", "decides_on"}:
            out.append(_triple(doc, text, rel.head, rel.label, rel.child, rel.score, rel.source))
    best: dict[tuple, Triple] = {}
    for triple in sorted(out, key=lambda t: t["evidence"]["start"]):
        fact = (triple["subject"]["text"], triple["predicate"], triple["object"]["text"],
                triple["qualifiers"].get("title"), triple["qualifiers"].get("status"))
        kept = best.setdefault(fact, triple)
        kept["confidence"] = max(kept["confidence"], triple["confidence"])
    return list(best.values())


def doc_entities(doc: Doc, offset: int = 0) -> list[dict]:
    """One line per person, body and document the Doc names: its ref, canonical name, the
    names it is written as, and where (offsets shifted by `offset`)."""
    groups: dict[tuple[str, str], dict] = {}
    for n, ent in enumerate(doc.ents):
        if ent.label_ not in REF_LABELS:
            continue
        ref = ent._.ref or f"{ent.label_[0].lower()}@{n}"
        item = groups.setdefault((ent.label_, ref), {
            "doc_id": doc._.doc_id, "ref": ref, "label": ent.label_, "name": "", "names": [],
            "mentions": []})
        name = entity(ent)
        if name["text"] not in item["names"]:
            item["names"].append(name["text"])
        if len(name["text"]) > len(item["name"]):  # the fullest name stands for the thing
            item["name"] = name["text"]
        for extra in ("code", "place"):
            if name.get(extra) and extra not in item:
                item[extra] = name[extra]
        item["mentions"].append([ent.start_char + offset, ent.end_char + offset])
    return list(groups.values())
