"""The trained model stage: what it reads, and how its spans meet the rules' spans."""
from __future__ import annotations

import numpy
from conftest import span
from spacy.training import biluo_tags_to_spans

import pipeline
from pipeline.entity_model import (
    MERGE_POLICIES,
    best_tags,
    biluo_tags,
    give_way,
    model_view,
)


def test_the_model_reads_normal_forms_word_kinds_and_the_rules_proposals(ruled):
    doc = ruled("Huyện uỷ Cao Lộc triển khai Nghị quyết số 22-NQ/TW tại Lạng Sơn.")
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


def test_a_model_span_gives_way_where_the_rules_alone_decide_the_label(segmented):
    """DOC is the rules' alone (`labels` leaves it out): the model's LOC on "Di chúc", which
    starts the rules' DOC and ends within it, gives way; a body that runs past a document
    named inside it ("Ban Chỉ đạo tổng kết nghị quyết 18") is a name of its own and stays."""
    doc = segmented("Trong Di chúc, Bác viết. Ban Chỉ đạo tổng kết nghị quyết 18 họp.")
    model = [span(doc, "Di chúc", "LOC"), span(doc, "Ban Chỉ đạo tổng kết nghị quyết 18", "ORG")]
    rules = [span(doc, "Di chúc", "DOC"), span(doc, "nghị quyết 18", "DOC")]
    kept = give_way(model, rules, {"PER", "TITLE", "ORG", "LOC", "DATE"})
    assert [s.text for s in kept] == ["Ban Chỉ đạo tổng kết nghị quyết 18"]
    assert give_way(model, rules, {"PER", "TITLE", "ORG", "LOC", "DOC", "DATE"}) == model


def test_a_model_span_gives_way_to_a_byline(ruled):
    """A signature on the last line is a name, whatever the model made of its words."""
    doc = ruled("Tỉnh ủy Hải Dương họp tại huyện Thanh Hà.\nThu Hằng")
    byline = next(s for s in doc._.rule_spans if s.text == "Thu Hằng")
    assert byline.label_ == "PER"
    model = [span(doc, "huyện Thanh Hà", "LOC"), span(doc, "Thu Hằng", "LOC")]
    assert [s.text for s in give_way(model, doc._.rule_spans, {"PER", "TITLE", "ORG", "LOC", "DATE"})] == [
        "huyện Thanh Hà"]


def test_the_tagger_reads_the_best_well_formed_tag_sequence(segmented):
    doc = segmented("Ban Thường vụ Tỉnh ủy Lạng Sơn họp. Tỉnh ủy họp.")
    assert len(doc) == 8  # Ban Thường vụ | Tỉnh ủy | Lạng Sơn | họp | . | Tỉnh ủy | họp | .
    labels = ("B-ORG", "I-ORG", "L-ORG", "U-ORG", "O")
    scores = numpy.array([
        [.9, .02, .02, .02, .04],
        [.02, .4, .02, .01, .55],  # word by word O: the name would break in two
        [.02, .02, .9, .02, .04],
        [.02, .02, .02, .02, .92],
        [.02, .02, .02, .02, .92],
        [.02, .1, .7, .1, .08],  # L- after a sentence end cannot be: one word alone, U-
        [.02, .02, .02, .02, .92],
        [.6, .02, .02, .02, .34]])  # a span cannot stay open at the end
    tags = best_tags(doc, scores, labels)
    assert tags == ["B-ORG", "I-ORG", "L-ORG", "O", "O", "U-ORG", "O", "O"]
    assert [s.text for s in biluo_tags_to_spans(doc, tags)] == ["Ban Thường vụ Tỉnh ủy Lạng Sơn", "Tỉnh ủy"]
    doc.ents = biluo_tags_to_spans(doc, tags)  # and back: what the tagger is trained on
    assert biluo_tags(doc) == tags


def test_the_network_multiplies_with_numpys_blas_on_one_thread(nlp):
    # pipeline/blas.py: thinc's BLIS took three times the CPU of numpy's OpenBLAS for the
    # same products, and a second BLAS thread per worker would take another worker's core
    from threadpoolctl import threadpool_info

    from pipeline.blas import one_thread

    [stage] = [s for s in nlp.stages if s.name == "entity_model"]
    layers = list(stage.ner.model.walk())
    assert layers and all(getattr(layer.ops, "use_blis", None) is False for layer in layers)

    def blas_threads() -> list[int]:  # numpy's own BLAS (scipy may load another)
        return [lib["num_threads"] for lib in threadpool_info()
                if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]

    before = blas_threads()
    with one_thread():
        assert blas_threads() and set(blas_threads()) == {1}
    assert blas_threads() == before
