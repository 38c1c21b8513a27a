"""The scorer on hand-made cases whose right answers are worked out here."""
from __future__ import annotations

from pipeline.evaluate import classify_errors, entity_scores, gold_triples, relation_scores, triple_scores
from pipeline.records import Record

TEXT = "Ông Trần Văn An, Bí thư Huyện ủy Đình Lập ký Quyết định 12-QĐ/HU ngày 02/02/2008."


def rec(spans, relations=()):
    return Record("d", TEXT, [{"start": s, "end": e, "label": lab} for s, e, lab in spans],
                  [{"head": h, "child": c, "label": lab} for h, c, lab in relations])


# Offsets: "Trần Văn An" 4-15, "Bí thư" 17-23, "Huyện ủy Đình Lập" 24-41,
# "Quyết định 12-QĐ/HU" 45-64, "02/02/2008" 70-80.
GOLD = rec([(4, 15, "PER"), (17, 23, "TITLE"), (24, 41, "ORG"), (45, 64, "DOC"), (70, 80, "DATE")],
           [(0, 1, "has_title"), (1, 2, "title_of"), (3, 4, "issued_on")])


def test_offsets_of_the_case():
    assert [TEXT[s["start"]:s["end"]] for s in GOLD.spans] == [
        "Trần Văn An", "Bí thư", "Huyện ủy Đình Lập", "Quyết định 12-QĐ/HU", "02/02/2008"]


def test_perfect_prediction_scores_one():
    scores = entity_scores([GOLD], [GOLD])
    assert scores["strict"]["micro"]["f1"] == 1.0 and scores["partial"]["micro"]["f1"] == 1.0
    assert relation_scores([GOLD], [GOLD])["micro"]["f1"] == 1.0


def test_strict_and_partial_matching():
    # ORG cut short (24-32 "Huyện ủy"): partial match only. DOC right. DATE labelled DOC: wrong
    # under both. An extra LOC "Đình Lập" (33-41) is spurious.
    pred = rec([(4, 15, "PER"), (24, 32, "ORG"), (33, 41, "LOC"), (45, 64, "DOC"), (70, 80, "DOC")])
    scores = entity_scores([GOLD], [pred])
    strict, partial = scores["strict"], scores["partial"]
    assert strict["ORG"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "pred": 1, "gold": 1}
    assert partial["ORG"]["tp"] == 1
    assert strict["DOC"]["tp"] == 1 and strict["DOC"]["pred"] == 2  # p = 0.5, r = 1
    assert strict["DOC"]["p"] == 0.5 and strict["DOC"]["f1"] == round(2 * 0.5 / 1.5, 4)
    assert strict["TITLE"]["r"] == 0.0 and strict["LOC"]["p"] == 0.0
    # micro strict: tp = PER + DOC = 2, pred = 5, gold = 5 -> p = r = f1 = 0.4
    assert strict["micro"] == {"p": 0.4, "r": 0.4, "f1": 0.4, "tp": 2, "pred": 5, "gold": 5}
    # micro partial adds the ORG: 3/5
    assert partial["micro"]["f1"] == 0.6


def test_partial_match_uses_each_gold_span_once():
    pred = rec([(4, 8, "PER"), (9, 15, "PER")])  # two pieces of one name
    assert entity_scores([GOLD], [pred], ["PER"])["partial"]["PER"]["tp"] == 1


def test_an_error_names_the_first_prediction_over_it_in_every_run():
    """`make eval` twice gives the same report: a gold body the model cut into pieces is shown
    with its first piece, not whichever piece a set happens to yield first."""
    gold = rec([(24, 41, "ORG")])
    pred = rec([(24, 29, "ORG"), (30, 32, "ORG"), (33, 35, "ORG"), (36, 38, "ORG"), (39, 41, "ORG")])
    (error,) = classify_errors([gold], [pred])
    assert (error["class"], error["predicted"]) == ("boundary", "Huyện (ORG)")


def test_relation_needs_both_ends_exact():
    # has_title right; title_of points at the short ORG; issued_on right but labelled issued_by.
    pred = rec([(4, 15, "PER"), (17, 23, "TITLE"), (24, 32, "ORG"), (45, 64, "DOC"), (70, 80, "DATE")],
               [(0, 1, "has_title"), (1, 2, "title_of"), (3, 4, "issued_by")])
    scores = relation_scores([GOLD], [pred])
    assert scores["has_title"]["f1"] == 1.0
    assert scores["title_of"]["tp"] == 0
    assert scores["micro"] == {"p": round(1 / 3, 4), "r": round(1 / 3, 4), "f1": round(1 / 3, 4),
                               "tp": 1, "pred": 3, "gold": 3}


def test_missing_document_counts_as_nothing_found():
    scores = entity_scores([GOLD], [])
    assert scores["strict"]["micro"]["r"] == 0.0 and scores["strict"]["micro"]["gold"] == 5


def test_triples_match_on_canonical_fact():
    def t(s, p, o, title=None):
        return {"doc_id": "d", "subject": {"text": s}, "predicate": p, "object": {"text": o},
                "qualifiers": {"title": title} if title else {}}
    gold = [t("Trần Văn An", "holds_position", "Huyện ủy Đình Lập", "Bí thư"),
            t("Quyết định số 12-QĐ/HU", "issued_on", "2008-02-02")]
    pred = [t("Trần Văn An", "holds_position", "Huyện ủy Đình Lập", "Phó Bí thư"),
            t("Quyết định số 12-QĐ/HU", "issued_on", "2008-02-02")]
    scores = triple_scores(gold, pred)
    assert scores["issued_on"]["f1"] == 1.0 and scores["holds_position"]["f1"] == 0.0
    assert scores["micro"]["f1"] == 0.5


def test_evaluate_heldout_scores_exactly_the_held_out_split(tmp_path, capsys):
    """`evaluate --heldout` reads the gold records of annotations/split.json's held-out ids:
    those records as predictions score 1.0, and one of them left out lowers recall."""
    from pipeline.annotations import gold_files, split
    from pipeline.cli import main
    from pipeline.records import read_many, write_jsonl

    heldout = split(read_many(gold_files()))[1]
    assert heldout
    pred = tmp_path / "pred.jsonl"
    write_jsonl(pred, (r.to_json() for r in heldout))
    assert main(["evaluate", "--heldout", "--pred", str(pred)]) == 0
    assert "| pipeline | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |" in capsys.readouterr().out
    write_jsonl(pred, (r.to_json() for r in heldout[1:]))
    assert main(["evaluate", "--heldout", "--pred", str(pred)]) == 0
    assert "| pipeline | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |" not in capsys.readouterr().out
    assert main(["evaluate", "--heldout", "--gold", str(pred)]) == 2


def test_cross_validation_scores_the_facts_too():
    """`make choices` reports triples beside entities and relations: the floor on triples is
    chosen for on the folds like the others."""
    import pipeline
    from pipeline.experiments import new_pool, pool_predictions, pooled_scores
    from pipeline.paths import ANNOTATIONS_DIR
    from pipeline.records import read_records

    pool, nlp = new_pool(), pipeline.load(None)
    records = list(read_records(ANNOTATIONS_DIR / "gold" / "sample.jsonl"))
    pool_predictions(pool, nlp, records, gold_triples(nlp, records))
    facts = pooled_scores(pool)["triples"]["micro"]
    assert facts["gold"] > 20 and 0 < facts["tp"] <= facts["pred"]


def test_bare_bodies_completed_are_checked_against_the_gold_refs(nlp):
    """`choices --completion`: a bare body sharing a ref with a named one is right when the
    canonical stage gives it that place, wrong when it gives another; a ref none of whose
    mentions names a place says nothing."""
    from pipeline.evaluate import completion_scores

    def record(text: str, spans: list[tuple[str, str]]) -> Record:
        found, at = [], 0
        for piece, ref in spans:
            start = text.index(piece, at)
            found.append({"start": start, "end": start + len(piece), "label": "ORG", "ref": ref})
            at = start + len(piece)
        return Record("x", text, found, [], {"source": "published"})

    right = record("Tỉnh ủy Kon Tum họp. Tỉnh ủy quyết định. Huyện ủy họp.",
                   [("Tỉnh ủy Kon Tum", "o1"), ("Tỉnh ủy", "o1"), ("Huyện ủy", "o2")])
    wrong = record("Tỉnh ủy Kon Tum và Tỉnh ủy Gia Lai họp. Tỉnh ủy Gia Lai quyết định. Tỉnh ủy họp.",
                   [("Tỉnh ủy Kon Tum", "o1"), ("Tỉnh ủy Gia Lai", "o2"), ("Tỉnh ủy Gia Lai", "o2"),
                    ("Tỉnh ủy", "o1")])
    assert {k: v for k, v in completion_scores(nlp, [right]).items() if k != "wrong_cases"} == \
        {"right": 1, "wrong": 0, "left bare": 0}
    scores = completion_scores(nlp, [wrong])
    assert (scores["right"], scores["wrong"]) == (0, 1)
    assert scores["wrong_cases"][0]["completed"] == "Tỉnh ủy Gia Lai"
