"""Knowledge triples and per-document entities from a processed Doc, with provenance.

has_title + title_of compose into one holds_position triple (qualifier: the title);
has_title alone becomes a has_title triple only when no organisation is stated.
Within one document a fact is emitted once, with its first evidence and its highest
confidence. `doc_entities` lists each person, body and document the article names
(one line per ref), which is what the knowledge base merges across articles.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .extensions import Relation, char_offsets, original_text, span_key
from .read import trimmed
from .schema import REF_LABELS, Entity, Triple
from .words import sentence_span, span_text, words_of


def entity(span: Span, names: dict[tuple[str, str], str] | None = None) -> Entity:
    """A triple's subject or object: canonical text, label, the text as written, extras. With
    `names` (`ref_names`), a person, body or document also carries its ref's fullest `name`
    ("ông Hiệp" is "Nguyễn Sỹ Hiệp"). The fact stays keyed on the mention's own `text`: keyed on
    the fullest name, one boundary wrong anywhere in the article would spoil every fact of the
    thing (measured by cross-validation in round 35, docs/rounds.md)."""
    ext = span._  # each `span._` makes a new object
    label = span.label_
    mention = span_text(span)
    canonical = ext.canonical or {"text": mention}
    out: Entity = {"text": canonical["text"], "label": label, "mention": mention}
    ref = ext.ref
    if ref:
        out["ref"] = ref
        if names is not None:
            out["name"] = names.get((label, ref), canonical["text"])
    if label == "DOC":
        out["code"] = canonical.get("code")
    if label == "DATE":
        out["iso"] = canonical.get("iso")
    if canonical.get("place"):
        out["place"] = canonical["place"]
    return out


def ref_names(doc: Doc) -> dict[tuple[str, str], str]:
    """(label, ref) -> the fullest canonical name the article gives the thing: the name that
    stands for it in triples and in entities.jsonl."""
    names: dict[tuple[str, str], str] = {}
    for ent in doc.ents:
        ext = ent._
        if ext.ref:
            text = (ext.canonical or {"text": span_text(ent)})["text"]
            if len(text) > len(names.get((ent.label_, ext.ref), "")):
                names[ent.label_, ext.ref] = text
    return names


def _triple(doc: Doc, text: str, doc_id: str, names: dict[tuple[str, str], str], subject: Span,
            predicate: str, obj: Span, confidence: float, source: str, qualifiers: dict | None = None) -> Triple:
    (subject_start, subject_end), (obj_start, obj_end) = char_offsets(subject), char_offsets(obj)
    start, end = min(subject_start, obj_start), max(subject_end, obj_end)
    sent_start, sent_end = char_offsets(sentence_span(doc, subject.start))
    return {
        "subject": entity(subject, names), "predicate": predicate, "object": entity(obj, names),
        "qualifiers": qualifiers or {}, "doc_id": doc_id,
        "evidence": {"start": start, "end": end, "text": text[start:end],
                     "sentence": trimmed(text[sent_start:sent_end])},
        "confidence": round(confidence, 3), "source": source,
    }


def _position(doc: Doc, names: dict[tuple[str, str], str], published: str | None, rel: Relation,
              decisions: dict[tuple[int, int], Span]) -> dict:
    """Qualifiers of a position: its status, the article's date (`published`), the decision
    behind it."""
    qualifiers = {"status": rel.status or "current"}
    if published:
        qualifiers["date"] = published
    decision = decisions.get(span_key(rel.head))
    sentence_of = words_of(doc).sentence_of
    if decision is not None and sentence_of[decision.start] == sentence_of[rel.head.start]:
        name = entity(decision, names)
        qualifiers["decided_by"] = {"text": name["text"], "code": name.get("code")}
    return qualifiers


def doc_triples(doc: Doc, names: dict[tuple[str, str], str] | None = None) -> list[Triple]:
    """Every triple the document states, de-duplicated, in text order (`names`: `ref_names`
    of the Doc, when the caller has them)."""
    rels: list[Relation] = doc._.relations or []
    title_of = {span_key(r.head): r for r in rels if r.label == "title_of"}
    decisions = {span_key(r.child): r.head for r in rels if r.label == "decides_on"}
    text, doc_id, published = original_text(doc), doc._.doc_id, doc._.published  # `doc._` is made at each access
    names = ref_names(doc) if names is None else names
    out: list[Triple] = []
    for rel in rels:
        if rel.label == "has_title":
            org_rel = title_of.get(span_key(rel.child))
            qualifiers = _position(doc, names, published, rel, decisions)
            if org_rel is not None:
                title = (rel.child._.canonical or {"text": span_text(rel.child)})["text"]
                out.append(_triple(doc, text, doc_id, names, rel.head, "holds_position", org_rel.child,
                                   rel.score * org_rel.score, rel.source, {"title": title, **qualifiers}))
            else:
                out.append(_triple(doc, text, doc_id, names, rel.head, "has_title", rel.child, rel.score, rel.source,
                                   qualifiers))
        elif rel.label in {"issued_by", "issued_on", "implements", "decides_on"}:
            out.append(_triple(doc, text, doc_id, names, rel.head, rel.label, rel.child, rel.score, rel.source))
    return once(out)


def once(triples: list[Triple]) -> list[Triple]:
    """Each fact once, in text order: its first evidence, with the highest confidence any of
    its statements has."""
    best: dict[tuple, Triple] = {}
    for triple in sorted(triples, key=lambda t: t["evidence"]["start"]):
        fact = (triple["subject"]["text"], triple["predicate"], triple["object"]["text"],
                triple["qualifiers"].get("title"), triple["qualifiers"].get("status"))
        kept = best.setdefault(fact, triple)
        kept["confidence"] = max(kept["confidence"], triple["confidence"])
    return list(best.values())


def doc_entities(doc: Doc, offset: int = 0, names: dict[tuple[str, str], str] | None = None) -> list[dict]:
    """One line per person, body and document the Doc names: its ref, canonical name, the
    names it is written as, and where (offsets shifted by `offset`)."""
    groups: dict[tuple[str, str], dict] = {}
    doc_id = doc._.doc_id
    names = ref_names(doc) if names is None else names
    for ent in doc.ents:
        label = ent.label_
        if label not in REF_LABELS:
            continue
        name = entity(ent)
        start, end = char_offsets(ent)
        ref = name.get("ref") or f"{label[0].lower()}@{start + offset}"  # without the refs stage
        item = groups.setdefault((label, ref), {
            "doc_id": doc_id, "ref": ref, "label": label, "name": names.get((label, ref), name["text"]),
            "names": [], "mentions": []})
        if name["text"] not in item["names"]:
            item["names"].append(name["text"])
        for extra in ("code", "place"):
            if name.get(extra) and extra not in item:
                item[extra] = name[extra]
        item["mentions"].append([start + offset, end + offset])
    return list(groups.values())
