"""Every span, gold or predicted, obeys one rule: no white space or stray punctuation at its
edges, no line or sentence end inside it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.batch import run_extract
from pipeline.paths import POOL
from pipeline.spans import crosses, span_problem


@pytest.mark.parametrize("piece,problem", [
    ("T.LONG\n", "starts or ends with white space"),
    ("Huyện ủy,", "ends with punctuation"),
    ("“Tăng cường", "starts with punctuation"),
    ("Bích\nHuệ", "crosses a line end"),
    ("Ngân hàng Thế giới (WB)", None),
    ('Đề án "Tăng cường ứng dụng"', None),
    ("TP.", None),
    ("Bộ Giáo dục (1976", "opens or closes a bracket it does not close or open"),
    ("TN&MT) tỉnh", "opens or closes a bracket it does not close or open"),
    ("+", "starts with punctuation"),  # a list mark: "+ Ông Lý Văn Giang, Giám đốc Sở Nội vụ"
    ("• Sở Nội vụ", "starts with punctuation"),
    ("Vietnam+", None),  # an outlet's name may end with one
])
def test_span_rule(piece, problem):
    assert span_problem(piece, 0, len(piece)) == problem


@pytest.mark.parametrize("text,predicted,kept", [
    # a bracketed abbreviation right after the name belongs to it (guidelines 33)
    ("Giám đốc Sở Tài nguyên và Môi trường (TN&MT), ông An", "Sở Tài nguyên và Môi trường (TN&MT",
     "Sở Tài nguyên và Môi trường (TN&MT)"),
    # other bracketed words do not: the span stops before the bracket
    ("nguyên Bộ trưởng Bộ Giáo dục (1976-1987) nhân dịp", "Bộ Giáo dục (1976", "Bộ Giáo dục"),
    ("nguyên Phó trưởng ban Tổ chức (hiện là Phó bí thư)", "ban Tổ chức (hiện", "ban Tổ chức"),
])
def test_a_predicted_span_closes_the_brackets_it_opens(nlp, text, predicted, kept):
    from spacy.tokens import Span

    from pipeline.spans import tidy

    doc = nlp.make_doc(text)
    start = text.index(predicted)
    span = doc.char_span(start, start + len(predicted), label="ORG")
    [out] = tidy(doc, [Span(doc, span.start, span.end, label="ORG")])
    assert out.text == kept


@pytest.mark.parametrize("predicted, kept", [("+", []), ("+ Ông Lý Văn Giang", ["Ông Lý Văn Giang"])])
def test_a_list_mark_opens_no_span(nlp, predicted, kept):
    """A line of a list of guests starts with "+"; the network once marked the mark as a place."""
    from spacy.tokens import Span

    from pipeline.spans import tidy

    doc = nlp.make_doc("+ Ông Lý Văn Giang, Giám đốc Sở Nội vụ.")
    span = doc.char_span(0, len(predicted), label="LOC")
    assert [s.text for s in tidy(doc, [Span(doc, span.start, span.end, label="LOC")])] == kept


@pytest.mark.slow
@pytest.mark.skipif(not POOL.exists(), reason="the shared article pool is not here")
def test_no_predicted_span_breaks_the_rule_on_any_article_of_the_pool(nlp, tmp_path):
    """extract over every article of ../shared/real-articles: no span, and no span that
    crosses a sentence end the segmenter drew."""
    summary = run_extract(nlp, [str(POOL)], tmp_path, workers=2)
    assert summary["failed"] == 0
    bad = []
    for line in (tmp_path / "annotations.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        ends = [s.end_char for s in nlp.make_doc(text).sents]
        for span in record["spans"]:
            problem = span_problem(text, span["start"], span["end"]) or (
                "crosses a sentence end" if crosses(span["start"], span["end"], ends) else None)
            if problem:
                bad.append(f"{record['id']}: {text[span['start']:span['end']]!r} {problem}")
    assert not bad, "\n".join(bad[:20])
    assert summary["documents"] == len(list(Path(POOL).rglob("*.txt")))
