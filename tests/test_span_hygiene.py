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
])
def test_span_rule(piece, problem):
    assert span_problem(piece, 0, len(piece)) == problem


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
