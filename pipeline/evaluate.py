"""Scoring: a pipeline run over gold documents, and the metrics, in one place.

Entities are scored per label under strict matching (same offsets, same label)
and partial matching (overlapping offsets, same label; each span matched at
most once), as in SemEval-2013 task 9.1. Relations match when both spans match
strictly and the relation label is the same. Triples match on canonical
subject, predicate, object and title.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .annotations import record_problems, structure_problems
from .errors import AnnotationError
from .records import Record, apply_record, read_many
from .schema import LABELS, RELATION_TYPES, Triple


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred,
            "gold": n_gold}


def _spans(record: Record, labels: Iterable[str]) -> list[tuple[int, int, str]]:
    keep = set(labels)
    return [(s["start"], s["end"], s["label"]) for s in record.spans if s["label"] in keep]


def _partial_matches(gold: list[tuple], pred: list[tuple]) -> int:
    """Overlapping same-label pairs, each span used once (greedy, in text order)."""
    used: set[int] = set()
    matched = 0
    for ps, pe, pl in sorted(pred):
        for k, (gs, ge, gl) in enumerate(gold):
            if k not in used and gl == pl and ps < ge and gs < pe:
                used.add(k)
                matched += 1
                break
    return matched


def by_id(gold: list[Record], pred: list[Record]) -> list[tuple[Record, Record]]:
    """Gold and predicted records of the same documents; a document missing from pred counts as empty."""
    found = {r.id: r for r in pred}
    return [(g, found.get(g.id) or Record(g.id, g.text, [], [])) for g in gold]


def read_checked(path: Path | str, gold: bool = True) -> list[Record]:
    """The records of a file (or folder), refused with `file:line: problem` when one breaks
    the checks of `annotations validate` (without the word check) or, for predictions
    (`gold=False`), when one cannot be scored at all: a relation to a span that is not there
    would crash the scoring or count for nothing."""
    records = read_many([path])
    problems = [p for r in records for p in (record_problems(r, None) if gold else structure_problems(r))]
    if problems:
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        see = f"; see `python -m pipeline annotations validate --no-words {path}`" if gold else ""
        raise AnnotationError(f"{problems[0]}{more}{see}")
    return records


def unmatched(first: list[Record], second: list[Record], names: tuple[str, str]) -> tuple[list[str], list[str]]:
    """Ids only in `first`, ids only in `second`; two files that share no id are refused,
    since they would score 0 as if nothing had been found (the wrong file, or other ids)."""
    a, b = {r.id for r in first}, {r.id for r in second}
    if not a & b:
        raise AnnotationError(f"{names[0]} ({len(a)} document(s)) and {names[1]} ({len(b)}) have no "
                              "document id in common: nothing to compare")
    return sorted(a - b), sorted(b - a)


def entity_scores(gold: list[Record], pred: list[Record], labels: Iterable[str] = LABELS) -> dict:
    """{"strict"|"partial": {label: prf, "micro": prf}}."""
    labels = list(labels)
    counts = {mode: {lab: Counter() for lab in labels} for mode in ("strict", "partial")}
    for g, p in by_id(gold, pred):
        for lab in labels:
            gs, ps = _spans(g, [lab]), _spans(p, [lab])
            for mode, tp in (("strict", len(set(gs) & set(ps))), ("partial", _partial_matches(gs, ps))):
                counts[mode][lab].update({"tp": tp, "pred": len(ps), "gold": len(gs)})
    out = {}
    for mode, per_label in counts.items():
        out[mode] = {lab: prf(c["tp"], c["pred"], c["gold"]) for lab, c in per_label.items()}
        total = sum(per_label.values(), Counter())
        out[mode]["micro"] = prf(total["tp"], total["pred"], total["gold"])
    return out


def relation_keys(record: Record) -> set[tuple]:
    keys = set()
    for rel in record.relations:
        h, c = record.spans[rel["head"]], record.spans[rel["child"]]
        keys.add(((h["start"], h["end"], h["label"]), (c["start"], c["end"], c["label"]), rel["label"]))
    return keys


def relation_scores(gold: list[Record], pred: list[Record]) -> dict:
    """{label: prf, "micro": prf}; a relation counts when both ends match strictly."""
    counts = {lab: Counter() for lab in RELATION_TYPES}
    for g, p in by_id(gold, pred):
        gk, pk = relation_keys(g), relation_keys(p)
        for lab in RELATION_TYPES:
            gl = {k for k in gk if k[2] == lab}
            pl = {k for k in pk if k[2] == lab}
            counts[lab].update({"tp": len(gl & pl), "pred": len(pl), "gold": len(gl)})
    out = {lab: prf(c["tp"], c["pred"], c["gold"]) for lab, c in counts.items()}
    total = sum(counts.values(), Counter())
    out["micro"] = prf(total["tp"], total["pred"], total["gold"])
    return out


def triple_key(triple: dict) -> tuple:
    return (triple["doc_id"], triple["subject"]["text"], triple["predicate"],
            triple["object"]["text"], triple["qualifiers"].get("title"))


def triple_scores(gold: list[dict], pred: list[dict]) -> dict:
    """{predicate: prf, "micro": prf} on canonical facts per document."""
    gk, pk = {triple_key(t) for t in gold}, {triple_key(t) for t in pred}
    predicates = sorted({k[2] for k in gk | pk})
    out = {}
    for name in predicates:
        gl, pl = {k for k in gk if k[2] == name}, {k for k in pk if k[2] == name}
        out[name] = prf(len(gl & pl), len(pl), len(gl))
    out["micro"] = prf(len(gk & pk), len(pk), len(gk))
    return out


def context(text: str, start: int, end: int, width: int = 90) -> str:
    """The text around a span, the span in [brackets], cut at line ends."""
    left = text.rfind("\n", 0, start) + 1
    left = max(left, start - width)
    right = text.find("\n", end)
    right = min(right if right >= 0 else len(text), end + width)
    return (text[left:start] + "[" + text[start:end] + "]" + text[end:right]).strip()


def relation_errors(gold: list[Record], pred: list[Record], limit: int = 30) -> list[dict]:
    """Missed and spurious relations (both ends strict), with their context."""
    errors = []
    for g, p in by_id(gold, pred):
        gk, pk = relation_keys(g), relation_keys(p)
        for kind, keys in (("missed", gk - pk), ("spurious", pk - gk)):
            for head, child, label in sorted(keys):
                start, end = min(head[0], child[0]), max(head[1], child[1])
                errors.append({"doc_id": g.id, "kind": kind, "label": label,
                               "text": f"{g.text[head[0]:head[1]]} → {g.text[child[0]:child[1]]}",
                               "context": context(g.text, start, end)})
    return errors[:limit] if limit else errors


# --- a pipeline over gold documents ---------------------------------------------------------
def predict(nlp, records: list[Record], batch: int = 16) -> tuple[list[Record], list[Triple]]:
    """The pipeline's records and triples for the texts of `records`."""
    out, triples = [], []
    for i in range(0, len(records), batch):
        part = records[i:i + batch]
        for result in nlp.process_many([(r.text, r.id) for r in part]):
            out.append(result.record)
            triples.extend(result.triples)
    return out, triples


def gold_triples(nlp, records: list[Record]) -> list[Triple]:
    """The triples the gold annotations state, through the same canonical stage (the Docs
    made by `nlp`'s segmenter)."""
    from .canonical import Canonicaliser
    from .triples import doc_triples

    canonical = Canonicaliser()
    return [t for r in records for t in doc_triples(canonical(apply_record(nlp.make_doc(r.text, r.id), r)))]


def score(nlp, gold: list[Record], expected: list[Triple] | None = None) -> dict:
    """Entity, end-to-end relation and triple scores of a pipeline on gold records
    (`expected`: their gold triples, when the caller scores several pipelines on them)."""
    pred, triples = predict(nlp, gold)
    expected = gold_triples(nlp, gold) if expected is None else expected
    return {"entities": entity_scores(gold, pred), "relations": relation_scores(gold, pred),
            "triples": triple_scores(expected, triples), "predictions": pred}


# --- refs and statuses (schema v2) ---------------------------------------------------------
def _ref_clusters(record: Record, mentions: set[tuple[int, int, str]]) -> dict[tuple, frozenset]:
    """Each mention (of `mentions`) to the set of mentions that share its ref in `record`."""
    groups: dict[str, set] = {}
    keyed = {}
    for n, span in enumerate(record.spans):
        mention = (span["start"], span["end"], span["label"])
        if mention in mentions:
            ref = span.get("ref") or f"#{n}"  # no ref: a thing of its own
            groups.setdefault(ref, set()).add(mention)
            keyed[mention] = ref
    return {m: frozenset(groups[r]) for m, r in keyed.items()}


def bcubed(gold: list[Record], pred: list[Record], labels: Iterable[str] = ("PER", "ORG", "DOC")) -> dict:
    """B-cubed precision, recall and F1 of refs, over the mentions both sides have (same
    offsets and label), so that span errors are not counted twice."""
    keep = set(labels)
    p_sum = r_sum = 0.0
    n = 0
    for g, p in by_id(gold, pred):
        common = set(_spans(g, keep)) & set(_spans(p, keep))
        gc, pc = _ref_clusters(g, common), _ref_clusters(p, common)
        for mention in common:
            both = len(gc[mention] & pc[mention])
            p_sum += both / len(pc[mention])
            r_sum += both / len(gc[mention])
            n += 1
    precision, recall = (p_sum / n, r_sum / n) if n else (0.0, 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "mentions": n}


def _titled(record: Record) -> dict[tuple, str]:
    """(person span, title span) of every has_title to its status ("current" when none)."""
    out = {}
    for rel in record.relations:
        if rel["label"] == "has_title":
            h, c = record.spans[rel["head"]], record.spans[rel["child"]]
            out[((h["start"], h["end"]), (c["start"], c["end"]))] = rel.get("status") or "current"
    return out


def status_scores(gold: list[Record], pred: list[Record]) -> dict:
    """Statuses of the has_title relations both sides have: accuracy, and per status P/R/F1."""
    from .schema import STATUSES

    counts = {s: Counter() for s in STATUSES}
    right = total = 0
    for g, p in by_id(gold, pred):
        gs, ps = _titled(g), _titled(p)
        for pair in gs.keys() & ps.keys():
            total += 1
            right += gs[pair] == ps[pair]
            counts[gs[pair]]["gold"] += 1
            counts[ps[pair]]["pred"] += 1
            counts[gs[pair]]["tp"] += gs[pair] == ps[pair]
    out = {s: prf(c["tp"], c["pred"], c["gold"]) for s, c in counts.items()}
    out["accuracy"] = round(right / total, 4) if total else 0.0
    out["relations"] = total
    return out


def completion_scores(nlp, records: list[Record]) -> dict:
    """How the canonical stage completes bare bodies ("Tỉnh ủy", "UBND tỉnh") with a place,
    checked against the gold refs: a bare ORG mention whose ref also holds a mention that names
    a place (guidelines K2) should take one of that ref's places. Counts of those completed
    `right`, `wrong` and `left bare`, and the wrong ones with their context."""
    from .canonical import Canonicaliser, ends_bare, places_named
    from .extensions import char_offsets
    from .words import span_text

    canonicalise = Canonicaliser()
    counts, wrong = Counter(), []
    for record in records:
        doc = canonicalise(apply_record(nlp.make_doc(record.text, record.id), record))
        by_ref: dict[str, list] = {}
        for ent in doc.ents:
            if ent.label_ == "ORG" and ent._.ref:
                by_ref.setdefault(ent._.ref, []).append(ent)
        for mentions in by_ref.values():
            named = [places_named(e._.canonical["text"]) for e in mentions if places_named(span_text(e))]
            where = set().union(*named)
            for ent in mentions:
                if not where or not ends_bare(span_text(ent)):
                    continue  # not a bare body, or a ref none of whose mentions names a place
                got = places_named(ent._.canonical["text"])
                kind = "left bare" if not got else "right" if got & where else "wrong"
                counts[kind] += 1
                if kind == "wrong":
                    wrong.append({"doc_id": record.id, "text": span_text(ent), "completed": ent._.canonical["text"],
                                  "places of its ref": sorted(where),
                                  "context": context(record.text, *char_offsets(ent))})
    return {**{k: counts[k] for k in ("right", "wrong", "left bare")}, "wrong_cases": wrong}


def agreement(first: list[Record], second: list[Record]) -> dict:
    """How far two annotations of the same documents agree: strict span F1 (per label), relation
    F1, ref B-cubed and status agreement. F1 is symmetric: either side may be the reference."""
    ids = {r.id for r in first} & {r.id for r in second}
    first = [r for r in first if r.id in ids]
    second = [r for r in second if r.id in ids]
    return {"documents": len(ids), "entities": entity_scores(first, second)["strict"],
            "relations": relation_scores(first, second), "refs": bcubed(first, second),
            "statuses": status_scores(first, second)}


# --- what went wrong, by class --------------------------------------------------------------
ERROR_CLASSES = ("boundary", "label", "missed", "spurious")


def classify_errors(gold: list[Record], pred: list[Record]) -> list[dict]:
    """Every strict entity error, as one of: boundary (same label, overlapping, other offsets),
    label (same offsets, other label), missed (no overlapping prediction), spurious (no
    overlapping gold span), with its sentence-sized context."""
    errors = []
    for g, p in by_id(gold, pred):
        gs, ps = set(_spans(g, LABELS)), set(_spans(p, LABELS))
        in_order = sorted(ps)  # the first overlapping prediction is then the same in every run
        for span in sorted(gs - ps):
            overlapping = [q for q in in_order if q[0] < span[1] and span[0] < q[1]]
            if any(q[:2] == span[:2] for q in overlapping):
                kind = "label"
            elif any(q[2] == span[2] for q in overlapping):
                kind = "boundary"
            else:
                kind = "missed" if not overlapping else "label"
            found = next((q for q in overlapping if q[2] == span[2] or q[:2] == span[:2]), None)
            errors.append({"doc_id": g.id, "class": kind, "label": span[2],
                           "gold": g.text[span[0]:span[1]],
                           "predicted": f"{g.text[found[0]:found[1]]} ({found[2]})" if found else None,
                           "context": context(g.text, span[0], span[1])})
        for span in sorted(ps - gs):
            if not any(q[0] < span[1] and span[0] < q[1] for q in gs):
                errors.append({"doc_id": g.id, "class": "spurious", "label": span[2], "gold": None,
                               "predicted": g.text[span[0]:span[1]],
                               "context": context(g.text, span[0], span[1])})
    return errors


def by_source(gold: list[Record], pred: list[Record], key: str = "outlet") -> dict[str, dict]:
    """Entity and relation micro scores per value of a meta field (the outlet, by default)."""
    groups: dict[str, list[Record]] = {}
    for record in gold:
        groups.setdefault(str(record.meta.get(key) or "?").split(" (")[0], []).append(record)
    return {name: {"documents": len(rs), "entities": entity_scores(rs, pred)["strict"]["micro"],
                   "relations": relation_scores(rs, pred)["micro"]}
            for name, rs in sorted(groups.items())}


def per_rule(gold: list[Record], pred: list[Record]) -> dict[str, dict]:
    """Precision of each entity rule (the `source` of predicted spans), strict."""
    counts: dict[str, Counter] = {}
    for g, p in by_id(gold, pred):
        right = set(_spans(g, LABELS))
        for span in p.spans:
            c = counts.setdefault(span.get("source", "?"), Counter())
            c["pred"] += 1
            c["tp"] += (span["start"], span["end"], span["label"]) in right
    return {name: {"spans": c["pred"], "precision": round(c["tp"] / c["pred"], 4)}
            for name, c in sorted(counts.items(), key=lambda kv: -kv[1]["pred"])}


def with_statuses(record: Record, doc, status_of=lambda rel: rel.status) -> Record:
    """The gold record with the statuses of its Doc's relations (the Doc built from the
    record): those a status stage set, or what `status_of` says (None: current)."""
    from .extensions import char_offsets

    index = {(s["start"], s["end"]): n for n, s in enumerate(record.spans)}
    rels = []
    for r in doc._.relations:
        status = status_of(r)
        rels.append({"head": index[char_offsets(r.head)], "child": index[char_offsets(r.child)], "label": r.label,
                     **({"status": status} if status else {})})
    return Record(record.id, record.text, record.spans, rels)


def refs_and_statuses(nlp, gold: list[Record]) -> dict:
    """Refs (B-cubed) and statuses (accuracy, per status) given the gold entities and relations,
    so that entity errors do not count: the pipeline's refs and status stages, and a baseline
    that merges mentions by identical canonical name and calls every title current."""
    from .extensions import char_offsets

    by_name, pipeline_refs, statuses, current = [], [], [], []
    stages = {s.name: s for s in nlp.stages}
    for record in gold:
        doc = apply_record(nlp.make_doc(record.text, record.id), record)
        for name in ("canonical", "refs"):
            doc = stages[name](doc)
        spans = [dict(s) for s in record.spans]
        base = [dict(s) for s in record.spans]
        ents = {char_offsets(e): e for e in doc.ents}
        names: dict[tuple, str] = {}
        for s, b in zip(spans, base):
            ent = ents.get((s["start"], s["end"]))
            s["ref"] = ent._.ref if ent is not None and ent._.ref else s.get("ref")
            if ent is not None and s["label"] in {"PER", "ORG", "DOC"}:
                key = (s["label"], ent._.canonical["text"].lower())
                b["ref"] = names.setdefault(key, f"n{len(names)}")
        pipeline_refs.append(Record(record.id, record.text, spans, record.relations))
        by_name.append(Record(record.id, record.text, base, record.relations))
        for rel in doc._.relations:
            rel.status = None
        doc = stages["status"](doc) if "status" in stages else doc
        statuses.append(with_statuses(record, doc))
        current.append(Record(record.id, record.text, record.spans,
                              [{k: v for k, v in r.items() if k != "status"} for r in record.relations]))
    return {"refs": {"pipeline": bcubed(gold, pipeline_refs), "same canonical name": bcubed(gold, by_name)},
            "statuses": {"pipeline": status_scores(gold, statuses),
                         "everything current": status_scores(gold, current)}}
