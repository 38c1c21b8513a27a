"""The trained model stage: where it reads beside the rules."""
from __future__ import annotations

from pipeline.entity_model import open_sentences


def test_model_skips_sentences_whose_names_the_rules_already_hold(rules_nlp):
    doc = rules_nlp("Sáng 14/3/2024, Huyện ủy Đình Lập tổ chức hội nghị. "
                    "Đồng chí Lò Văn Pháo phát biểu tại Nhà văn hóa Khu Tân Lập.")
    first, second = list(doc.sents)
    tokens = open_sentences(doc)
    # every capital in the first sentence is inside a rule entity: the model cannot add there
    assert not any(first.start <= i < first.end for i in tokens)
    # "Nhà văn hóa Khu Tân Lập" is no rule entity: the model reads the whole second sentence
    assert tokens == list(range(second.start, second.end))


def test_a_place_opening_a_headline_keeps_the_model_on(rules_nlp):
    doc = rules_nlp("Cao Bằng: Đảng ủy Quân sự tỉnh sơ kết Nghị quyết số 12-NQ/ĐU")
    assert open_sentences(doc) == list(range(len(doc)))
