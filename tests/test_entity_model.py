"""The trained model stage: what it reads, and how its spans meet the rules' spans."""
from __future__ import annotations

import numpy

import pipeline
from pipeline.entity_model import MERGE_POLICIES, best_tags, iob_tags, model_view, spans_of_tags


def test_the_model_reads_normal_forms_word_kinds_and_the_rules_proposals():
    nlp = pipeline.load(None, {"pipeline.stages": ["gazetteer", "entity_rules"]})
    doc = nlp("Huyện uỷ Cao Lộc triển khai Nghị quyết số 22-NQ/TW tại Lạng Sơn.")
    view = model_view(doc)
    words = [t.text for t in view]
    assert "Huyện ủy" in words  # the old tone placement, read in its new form
    code = words.index("22-NQ/TW")
    assert view[code].tag_ == "code" and "Rule=I_DOC" in str(view[code].morph)
    place = words.index("Lạng Sơn")
    assert "Place=B" in str(view[place].morph) and "Rule=B_LOC" in str(view[place].morph)
    assert [s.start for s in view.sents] == [s.start for s in doc.sents]


def test_merge_policies_decide_who_wins_an_overlap():
    nlp = pipeline.load(None, {"pipeline.stages": ["entity_rules"]})
    doc = nlp("Bí thư Tỉnh ủy Lạng Sơn phát biểu.")
    model = [doc.char_span(7, 23, label="ORG")]  # "Tỉnh ủy Lạng Sơn"
    rules = [doc.char_span(0, 6, label="TITLE"), doc.char_span(7, 14, label="ORG")]  # "Bí thư", "Tỉnh ủy"
    texts = {name: [(s.text, s.label_) for s in merge(model, rules)] for name, merge in MERGE_POLICIES.items()}
    assert texts["model_only"] == [("Tỉnh ủy Lạng Sơn", "ORG")]
    assert texts["model_first"] == [("Bí thư", "TITLE"), ("Tỉnh ủy Lạng Sơn", "ORG")]
    assert texts["rules_first"] == [("Bí thư", "TITLE"), ("Tỉnh ủy", "ORG")]


def test_tagger_tags_become_spans_that_never_cross_a_sentence_end():
    nlp = pipeline.load(None, {"pipeline.stages": []})
    doc = nlp("Sở Tài chính đề nghị UBND tỉnh. Tỉnh ủy họp.")
    words = [t.text for t in doc]
    tags = ["O"] * len(doc)
    tags[words.index("Sở")] = "B-ORG"
    tags[words.index("Tài chính")] = "I-ORG"
    tags[words.index("UBND")] = "I-ORG"  # stray I- after O: a new span
    tags[words.index("tỉnh")] = "I-LOC"  # another label: a new span
    tags[words.index(".")] = "I-LOC"
    tags[words.index("Tỉnh ủy")] = "I-LOC"  # continues across the sentence start: cut there
    spans = spans_of_tags(doc, tags)
    assert [(s.text, s.label_) for s in spans] == [
        ("Sở Tài chính", "ORG"), ("UBND", "ORG"), ("tỉnh.", "LOC"), ("Tỉnh ủy", "LOC")]
    doc.ents = spans  # and back: what the tagger is trained on
    assert iob_tags(doc) == ["B-ORG", "I-ORG", "O", "B-ORG", "B-LOC", "I-LOC", "B-LOC", "O", "O"]


def test_the_tagger_reads_the_best_well_formed_tag_sequence():
    nlp = pipeline.load(None, {"pipeline.stages": []})
    doc = nlp("Ban Thường vụ Tỉnh ủy Lạng Sơn họp. Tỉnh ủy họp.")
    assert len(doc) == 8  # Ban Thường vụ | Tỉnh ủy | Lạng Sơn | họp | . | Tỉnh ủy | họp | .
    labels = ("B-ORG", "I-ORG", "O")
    scores = numpy.array([[.9, .05, .05], [.05, .4, .55], [.1, .8, .1], [.05, .05, .9], [.05, .05, .9],
                          [.1, .8, .1], [.05, .05, .9], [.05, .05, .9]])
    # Word by word, "Tỉnh ủy" is O and splits the name; after a sentence start, I-ORG cannot be.
    tags = best_tags(doc, scores, labels)
    assert tags == ["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O"]
    assert [s.text for s in spans_of_tags(doc, tags)] == ["Ban Thường vụ Tỉnh ủy Lạng Sơn", "Tỉnh ủy"]
