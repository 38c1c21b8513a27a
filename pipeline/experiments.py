"""Experiments shared by `make eval` and `make choices`: systems, cross-validation, learning
curves and the underthesea baseline.

A system is a set of config overrides of the trained pipeline ("rules only" drops the
stages that need models and the classifiers; the merge policies decide how model and rule
spans meet). Cross-validation retrains the models per fold on the training part only, with
whatever config variant it is given, and pools the predictions of all folds before scoring.
"""
from __future__ import annotations

import copy
import json
import random
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from confection import Config

from .annotations import gold_split, published_and_extra
from .config import load_config, with_overrides, without_models
from .errors import AnnotationError
from .evaluate import entity_scores, gold_triples, relation_scores, triple_scores
from .language import from_config, load
from .paths import PEOPLE_FILE
from .read import normalise
from .records import Record
from .schema import LABELS, STATUSES, Triple
from .train import Log, out_of_fold

# How the model's spans and the rules' spans meet (pipeline/entity_model.py, MERGE_POLICIES).
MERGES = {"model decides": {"stages.entity_model.merge": "model_only"},
          "model first, rules fill gaps": {"stages.entity_model.merge": "model_first",
                                           "stages.entity_model.labels": list(LABELS)},
          "rules first, model fills gaps": {"stages.entity_model.merge": "rules_first"}}
UNDERTHESEA_LABELS = ("PER", "ORG", "LOC")
# A trained variant: config overrides, or a function of the config that gives them.
Variant = dict | Callable[[Config], dict]


def systems(config) -> dict[str, dict]:
    """The systems `make eval` scores beside the shipped pipeline: the rules alone, and each
    merge policy the shipped config does not already use."""
    found = {"rules only": without_models(config)}
    shipped = config.to_str()
    found.update({name: o for name, o in MERGES.items() if with_overrides(config, o).to_str() != shipped})
    return found


def new_pool() -> dict:
    return {"gold": [], "pred": [], "expected": [], "triples": [], "words": 0, "seconds": 0.0}


def pool_predictions(pool: dict, nlp, test: list[Record], expected: list[Triple]) -> None:
    """Predict the test documents, timing the whole pipeline, and pool the results with the
    triples their gold states (`expected`: `evaluate.gold_triples`)."""
    started = time.perf_counter()
    results = nlp.process_many([(r.text, r.id) for r in test])
    pool["seconds"] += time.perf_counter() - started
    pool["words"] += sum(r.words for r in results)
    pool["gold"] += test
    pool["pred"] += [r.record for r in results]
    pool["triples"] += [t for r in results for t in r.triples]
    pool["expected"] += expected


def pooled_scores(pool: dict) -> dict:
    return {"entities": entity_scores(pool["gold"], pool["pred"]),
            "relations": relation_scores(pool["gold"], pool["pred"]),
            "triples": triple_scores(pool["expected"], pool["triples"]),
            "words_per_second": pool["words"] / pool["seconds"] if pool["seconds"] else 0.0}


def cross_validate(records: list[Record], k: int, seed: int, variants: dict[str, Variant],
                   merges: dict[str, dict], log: Log = lambda line: None,
                   by: str | None = None) -> dict[str, dict]:
    """k-fold over the published articles of `records` (the others always train), or one fold
    per value of their `meta` field `by` (annotations.folds). Each variant
    (config overrides) is retrained per fold; each of `merges` (run-time overrides) is scored
    on every variant's models. Returns pooled scores by "variant / merge"."""
    base = load_config()
    pools: dict[str, dict] = {}
    facts: dict[tuple[str, ...], list[Triple]] = {}  # a fold's gold triples: the same for every variant
    for name, overrides in variants.items():
        config = with_overrides(base, overrides(base) if callable(overrides) else overrides)
        # the folds are the same for every variant; a variant's own train.seed draws its models
        for test, models in out_of_fold(records, config, k, seed, lambda line, name=name: log(f"{name}: {line}"), by,
                                        config["train"]["seed"]):
            ids = tuple(r.id for r in test)
            for label, run_overrides in merges.items():
                nlp = from_config(with_overrides(config, run_overrides), models)
                if ids not in facts:
                    facts[ids] = gold_triples(nlp, test)
                pool_predictions(pools.setdefault(f"{name} / {label}", new_pool()), nlp, test, facts[ids])
    return {key: pooled_scores(pool) for key, pool in pools.items()}


def learning_curve(train: list[Record], heldout: list[Record], expected: list, full: dict, seed: int,
                   log: Log, shares: tuple[float, ...] = (0.0, 0.25, 0.5)) -> list[dict]:
    """Held-out scores when training on the unpublished documents and a growing share of the
    published training articles (0%: written documents only); the last point, all of them,
    is the shipped models' `full` score. `expected`: the held-out gold triples."""
    from .evaluate import score
    from .train import fit

    published, extra = published_and_extra(sorted(train, key=lambda r: r.id))
    random.Random(seed).shuffle(published)
    config = load_config()
    results = []
    for share in shares:
        subset = published[:round(share * len(published))] + extra
        log(f"learning curve: {share:.0%} of the published articles ({len(subset)} documents)")
        with tempfile.TemporaryDirectory() as tmp:
            fit(subset, Path(tmp), config, seed, log=lambda line: None)
            results.append((share, len(subset), score(from_config(config, Path(tmp)), heldout, expected)))
    results.append((1.0, len(train), full))
    return [{"share": share, "documents": documents, "published": round(share * len(published)),
             "entities_f1": result["entities"]["strict"]["micro"]["f1"],
             "relations_f1": result["relations"]["micro"]["f1"]} for share, documents, result in results]


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


TARGETS = {"entities, strict micro F1": 0.92, "every label, strict F1": 0.85,
           "relations end to end, micro F1": 0.88, "triples, micro F1": 0.85,
           "refs, B-cubed F1": 0.96, "statuses, accuracy": 0.90, "decides_on, F1": 0.80}


def verdicts(result: dict, knowledge: dict, people: dict) -> list[dict]:
    """One line per target of the issues: the measure, the floor, met or not."""
    ents = result["entities"]["strict"]
    weakest = min((ents[lab]["f1"], lab) for lab in LABELS if ents[lab]["gold"])
    statuses = knowledge["statuses"]["pipeline"]
    measured = {"entities, strict micro F1": ents["micro"]["f1"],
                "every label, strict F1": weakest[0],
                "relations end to end, micro F1": result["relations"]["micro"]["f1"],
                "triples, micro F1": result["triples"]["micro"]["f1"],
                "refs, B-cubed F1": knowledge["refs"]["pipeline"]["f1"],
                "statuses, accuracy": statuses["accuracy"],
                "decides_on, F1": result["relations"]["decides_on"]["f1"]}
    notes = {"every label, strict F1": f"weakest: {weakest[1]}",
             "decides_on, F1": f"{result['relations']['decides_on']['gold']} gold cases"}
    lines = [{"target": name, "floor": floor, "measured": measured[name], "met": measured[name] >= floor,
              "note": notes.get(name, "")} for name, floor in TARGETS.items()]
    lines.append({"target": "cross-article: each hand-checked person one KB person, none merged",
                  "floor": len(people["people"]), "measured": people["one_person"],
                  "met": people["one_person"] == len(people["people"]) and not people["merged_pairs"],
                  "note": f"{people['merged_pairs']} pairs of different people merged"})
    for status in STATUSES[1:]:  # F1 >= 0.80 for each non-current status with 10+ gold cases
        row = statuses[status]
        if row["gold"] >= 10:
            lines.append({"target": f"status {status}, F1", "floor": 0.80, "measured": row["f1"],
                          "met": row["f1"] >= 0.80, "note": f"{row['gold']} gold cases"})
    return lines


def cross_article_people(nlp, records: list[Record], people: list[dict]) -> dict:
    """Extract the articles of the hand-checked people (annotations/people.json), build a KB
    from them, and check that each person is one KB person and no two are merged; beside it,
    how merging by name alone would fare (every namesake pair merged)."""
    from contextlib import closing

    from .batch import run_extract
    from .kb import query
    from .kb.build import build
    from .kb.keys import fold
    from .kb.store import connect

    texts = {r.id: r.text for r in records}
    wanted = sorted({d for p in people for d in p["documents"]})
    missing = [d for d in wanted if d not in texts]
    if missing:
        raise AnnotationError(f"annotations/people.json names documents not in the annotations: {missing}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        articles, out = Path(tmp) / "articles", Path(tmp) / "out"
        articles.mkdir()
        for doc_id in wanted:
            (articles / f"{doc_id}.txt").write_text(texts[doc_id], encoding="utf-8")
        run_extract(nlp, [str(articles)], out)
        build([out], out / "kb.sqlite")
        with closing(connect(out / "kb.sqlite")) as conn:
            for p in people:
                found = [c for c in query.person(conn, p["name"]) if set(c["documents"]) & set(p["documents"])]
                covered = {d for c in found for d in c["documents"]} & set(p["documents"])
                rows.append({"name": p["name"], "province": p["province"], "documents": len(p["documents"]),
                             "found_in": len(covered), "kb_people": [c["id"] for c in found]})
    owners: dict[str, list[str]] = {}
    for row in rows:
        for kb_id in row["kb_people"]:
            owners.setdefault(kb_id, []).append(f'{row["name"]} ({row["province"]})')
    for row in rows:
        row["merged_with"] = sorted({o for k in row["kb_people"] for o in owners[k]}
                                    - {f'{row["name"]} ({row["province"]})'})
        row["one_person"] = len(row["kb_people"]) == 1 and row["found_in"] == row["documents"]
    names = [fold(p["name"]) for p in people]
    return {"people": rows, "one_person": sum(r["one_person"] for r in rows),
            "merged_pairs": sum(len(r["merged_with"]) for r in rows) // 2,
            "same_name_merged_pairs": sum(names.count(n) - 1 for n in set(names))}


def build_report(models_dir: Path, log: Log = lambda line: None) -> dict:
    """Everything `make eval` reports, as one JSON-ready dict (`report.py` renders it)."""
    from .annotations import gold_files, split
    from .calibration import reliability
    from .evaluate import (
        by_source,
        classify_errors,
        gold_triples,
        per_rule,
        refs_and_statuses,
        relation_errors,
        score,
    )
    from .records import read_many

    records = read_many(gold_files())
    train, heldout = split(records)
    log(f"held-out: {len(heldout)} documents")
    report: dict = {"documents": {"train": len(train), "heldout": len(heldout),
                                  "train_published": len(published_and_extra(train)[0])},
                    "heldout": {"entities": {}, "relations_end_to_end": {}, "triples": {}}}
    nlp = load(models_dir)
    config = load_config(models_dir)
    expected = gold_triples(nlp, heldout)
    results = {}
    for name, overrides in {"shipped": {}, **systems(config)}.items():
        log(f"held-out: {name}")
        results[name] = result = score(load(models_dir, overrides) if overrides else nlp, heldout, expected)
        report["heldout"]["entities"][name] = result["entities"]
        report["heldout"]["relations_end_to_end"][name] = result["relations"]
        report["heldout"]["triples"][name] = result["triples"]
    shipped = results["shipped"]
    report["rules"] = per_rule(heldout, results["rules only"]["predictions"])
    report["heldout"]["entities"]["underthesea ner"] = entity_scores(
        heldout, underthesea_records(heldout), UNDERTHESEA_LABELS)
    pred = shipped["predictions"]
    report["knowledge"] = refs_and_statuses(nlp, heldout)
    log("cross-article people")
    people = json.loads(PEOPLE_FILE.read_text(encoding="utf-8"))["people"]
    report["people"] = cross_article_people(nlp, records, people)
    report["verdicts"] = verdicts(shipped, report["knowledge"], report["people"])
    report["by_source"] = by_source(heldout, pred)
    report["calibration"] = {"spans": reliability(heldout, pred, "spans"),
                             "relations": reliability(heldout, pred, "relations")}
    report["errors"] = {"entities": classify_errors(heldout, pred),
                        "relations": relation_errors(heldout, pred, limit=60)}
    report["learning_curve"] = learning_curve(train, heldout, expected, shipped, config["train"]["seed"], log)
    return report


# --- make choices: the cross-validation behind pipeline/default.cfg --------------------------
def network_variant(component: dict, **encode) -> Callable[[Config], dict]:
    """Overrides that put `component` (a spaCy factory and model, without its tok2vec) in
    place of the NER network, on the config's own tok2vec with `encode` changed in it."""
    def overrides(config: Config) -> dict:
        tok2vec = copy.deepcopy(dict(config["spacy"]["components"]["ner"]["model"]["tok2vec"]))
        tok2vec["encode"].update(encode)
        return {"spacy.components.ner": {**component, "model": {**component["model"], "tok2vec": tok2vec}}}
    return overrides


TRANSITION_NER = {"factory": "ner", "incorrect_spans_key": None, "moves": None,
                  "update_with_oracle_cut_size": 100000,  # a cut inside an entity: spaCy error E024
                  "model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                            "extra_state_tokens": False, "hidden_width": 64, "maxout_pieces": 2,
                            "use_upper": True, "nO": None}}
TAGGER = {"factory": "tagger", "model": {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False}}

TRAINED_VARIANTS: dict[str, Variant] = {
    "features: kinds, rules, gazetteer": {},
    "features: kinds, gazetteer (no rules)": {"stages.entity_model.features": ["kind", "place"]},
    "features: kinds, rules (no gazetteer)": {"stages.entity_model.features": ["kind", "rules"]},
    "network width 96": {"spacy.components.ner.model.tok2vec.embed.width": 96,
                         "spacy.components.ner.model.tok2vec.encode.width": 96},
    # narrower networks, for the speed issue: the network is about a third of extract's time
    "network width 48": {"spacy.components.ner.model.tok2vec.embed.width": 48,
                         "spacy.components.ner.model.tok2vec.encode.width": 48},
    "network width 32": {"spacy.components.ner.model.tok2vec.embed.width": 32,
                         "spacy.components.ner.model.tok2vec.encode.width": 32},
    "tagger with 3 encoder layers": network_variant(TAGGER, depth=3),
    "static vectors from unlabelled articles": {
        "stages.entity_model.static_vectors": True,
        "spacy.components.ner.model.tok2vec.embed.include_static_vectors": True},
    "tagger with 2 encoder layers": network_variant(TAGGER, depth=2),
    "tagger with 6 encoder layers": network_variant(TAGGER, depth=6),
    # more rows in the hashed embedding tables of the words, their prefixes, suffixes and shapes
    "embedding tables of twice the rows": {
        "spacy.components.ner.model.tok2vec.embed.rows": [8000, 2000, 4000, 1000, 50, 200]},
    "embedding tables of four times the rows": {
        "spacy.components.ner.model.tok2vec.embed.rows": [16000, 4000, 8000, 2000, 50, 200]},
    # each word's first and last syllables embedded in place of its first letter and last three
    "word features: first and last syllables as prefix and suffix": {
        "spacy.nlp.after_creation": {"@callbacks": "vnorg.syllable_affixes.v1"}},
    # the network until round 19 (window 2 since; measured as "… of window 2" before the
    # default moved), and its second draw beside "training: seed 7"
    "tagger with 4 encoder layers of window 1": network_variant(TAGGER, window_size=1),
    "tagger with 4 encoder layers of window 1, seed 7":
        lambda config: {**network_variant(TAGGER, window_size=1)(config), "train.seed": 7},
    "transition-based ner, 2 encoder layers": network_variant(TRANSITION_NER, depth=2),
    "training: dropout 0.1": {"train.dropout": 0.1},
    "training: dropout 0.2": {"train.dropout": 0.2},
    # a second draw of the shipped network and of dropout 0.2: the same folds, another seed
    "training: seed 7": {"train.seed": 7},
    "training: dropout 0.2, seed 7": {"train.dropout": 0.2, "train.seed": 7},
    "training: 40 epochs": {"train.epochs": 40},
    # the tagger's targets smoothed: each word's gold tag 0.9, the rest shared among the others
    "training: label smoothing 0.1": {"spacy.components.ner.label_smoothing": 0.1},
    # the network's last weights rather than their averages (shipped since round 17), and a
    # learning rate falling to zero with the last weights (measured as "training: averaged
    # weights" and "training: learning rate falling to zero" before the default moved)
    # a copy of each training article with titles and bodies' first syllables in lower case
    "training: half the titles and bodies in lower case in a copy": {"train.lower_case_share": 0.5},
    "training: half the titles and bodies in lower case in a copy, seed 7": {"train.lower_case_share": 0.5,
                                                                             "train.seed": 7},
    # every title and body's first syllable lower-cased in the copy (round 30, one draw)
    "training: every title and body in lower case in the copy": {"train.lower_case_share": 1.0},
    "training: last weights": {"train.average_weights": False},
    "training: learning rate falling to zero, last weights": {"train.learn_rate_decay": True,
                                                              "train.average_weights": False},
}


# Run-time alternatives scored on each trained variant's models besides the merge policies:
# the settings of pipeline/default.cfg as they are, and each with one of them changed.
RUN_TIME_VARIANTS = {**MERGES, "shipped settings": {},
                     "classifier decides every relation type": {"stages.relations.rules_decide": []},
                     "the classifier decides issued_by": {"stages.relations.rules_decide": ["decides_on", "implements",
                                                                                           "issued_on"]},
                     "the classifier decides implements": {"stages.relations.rules_decide": ["decides_on", "issued_by",
                                                                                            "issued_on"]},
                     "the classifier decides issued_on": {"stages.relations.rules_decide": ["decides_on", "issued_by",
                                                                                           "implements"]},
                     "a rule's TITLE kept without a holder": {"stages.relations.titles_need_holder": "none"},
                     "only the rules' TITLEs need a holder": {"stages.relations.titles_need_holder": "from rules"},
                     "a lone model TITLE takes no weak holder": {"stages.relations.lone_holder_score": None},
                     "a lone model TITLE takes a holder over 0.2": {"stages.relations.lone_holder_score": 0.2},
                     "a lone model TITLE takes a holder over 0.3": {"stages.relations.lone_holder_score": 0.3},
                     "every holder and body over the threshold": {"stages.relations.one_per_title": False},
                     "a title kept to one holder in a list too": {"stages.relations.titles_shared_by_lists": False},
                     "relations over 0.3 rather than 0.5": {"stages.relations.threshold": 0.3},
                     "holders passed down lists of posts": {"stages.relations.chained_holders": "down"},
                     "and up them from a holder named after": {"stages.relations.chained_holders": "down and up"},
                     "a post taken up goes to the person named before it": {"stages.relations.posts_taken": True},
                     "a lower-case ORG of one or two syllables in no relation dropped":
                         {"stages.relations.lower_case_org_min_words": 3}}


# The status classifier's variants (`make choices`), scored on the gold has_title relations.
_STATUS_OFF = {"stages.status.sentence_cue": False, "stages.status.balanced_classes": False,
               "stages.status.cue_after": False, "stages.status.cue_after_holder_clause": False,
               "stages.status.list_cue": False, "stages.status.period_cue": False}
_STATUS_ON = {key: True for key in _STATUS_OFF}
STATUS_VARIANTS = {
    "cue words within 8 words of the title": _STATUS_OFF,
    "and the nearest cue in the sentence": {**_STATUS_OFF, "stages.status.sentence_cue": True},
    "and statuses weighed by rarity": {**_STATUS_OFF, "stages.status.sentence_cue": True,
                                       "stages.status.balanced_classes": True},
    "and the first cue after the title": {**_STATUS_ON, "stages.status.cue_after_holder_clause": False,
                                          "stages.status.list_cue": False, "stages.status.period_cue": False},
    "and that cue in its holder's clause": {**_STATUS_ON, "stages.status.list_cue": False,
                                            "stages.status.period_cue": False},
    "and the words before the list of posts": {**_STATUS_ON, "stages.status.period_cue": False},
    "and the span of years after the post": _STATUS_ON}


def status_choices(k: int = 3, by: str | None = None) -> dict[str, dict]:
    """Each status variant in k-fold cross-validation over the published training articles
    (the others always train; `by`: one fold per value of that `meta` field), given the gold
    entities and relations, so that only the status classifier is measured."""
    from . import status
    from .annotations import folds
    from .evaluate import status_scores, with_statuses
    from .train import feature_pipeline, gold_docs

    records = gold_split()[0]
    config = load_config()
    seed = config["train"]["seed"]
    docs = dict(zip((r.id for r in records), gold_docs(records, feature_pipeline(config))))
    published, _ = published_and_extra(records)
    out = {}
    for name, overrides in STATUS_VARIANTS.items():
        settings = with_overrides(config, overrides)["stages"]["status"]
        pred = []
        for test in folds(published, k, seed, by):
            held = {r.id for r in test}
            stage = status.StatusStage(status.train(
                [d for i, d in docs.items() if i not in held], seed, cues=status.Cues.of(settings),
                balanced_classes=settings["balanced_classes"]))
            for r in test:  # the Docs keep their gold statuses: later folds train on them
                pred.append(with_statuses(r, docs[r.id], partial(stage.predicted, docs[r.id])))
        out[name] = status_scores(published, pred)
    return out


def choices(k: int = 3, log: Log = lambda line: None, only: list[str] | None = None,
            merges: list[str] | None = None, by: str | None = None) -> dict[str, dict]:
    """Every trained variant under every merge policy, and the rules alone, in k-fold
    cross-validation over the published training articles (written ones always train; `by`:
    one fold per value of that `meta` field, e.g. "outlet")."""
    train = gold_split()[0]
    rules = new_pool()  # nothing to train: the rules read every published article once
    nlp, published = load(None), published_and_extra(train)[0]
    pool_predictions(rules, nlp, published, gold_triples(nlp, published))
    out = {"rules only": pooled_scores(rules)}
    out.update(cross_validate(train, k, load_config()["train"]["seed"],
                              {n: o for n, o in TRAINED_VARIANTS.items() if not only or n in only},
                              {n: o for n, o in RUN_TIME_VARIANTS.items() if not merges or n in merges}, log, by))
    return out
