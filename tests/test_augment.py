"""Lower-cased training copies (pipeline/augment.py): what the network would read from an
outlet that writes posts and bodies in lower case, with the gold spans still on them."""
from __future__ import annotations

import pytest
from conftest import ROOT

from pipeline.augment import lower_cased, lowered
from pipeline.config import load_config
from pipeline.records import read_records
from pipeline.train import feature_pipeline, gold_docs

TINY = ROOT / "tests" / "data" / "tiny.jsonl"


@pytest.fixture(scope="module")
def tiny():
    """The tiny file's records and the stages that prepare a training Doc."""
    return list(read_records(TINY)), feature_pipeline(load_config())


def test_lowering_keeps_acronyms_and_abbreviations() -> None:
    assert lowered("Phó Bí thư Thường trực") == "phó bí thư thường trực"
    assert lowered("Chủ tịch UBND TP. Huế") == "chủ tịch UBND TP. huế"
    assert lowered("ĐBQH") == "ĐBQH"


def test_a_copy_lowers_titles_and_the_first_syllable_of_bodies_and_nothing_else(tiny) -> None:
    records, prepare = tiny
    copies = lower_cased(records, 1.0, seed=1)
    assert copies and all(c.id.endswith("~lower") for c in copies)
    by_id = {r.id: r for r in records}
    for copy in copies:
        original = by_id[copy.id.removesuffix("~lower")]
        assert copy.spans == original.spans and len(copy.text) == len(original.text)
        inside = set()
        for span in copy.spans:
            text = copy.text[span["start"]:span["end"]]
            if span["label"] == "TITLE":
                assert text == lowered(original.text[span["start"]:span["end"]])
                inside.update(range(span["start"], span["end"]))
            elif span["label"] == "ORG":
                first = text.split()[0]
                rest = original.text[span["start"] + len(first):span["end"]]
                assert first == lowered(first) and text[len(first):] == rest
                inside.update(range(span["start"], span["start"] + len(first)))
        assert all(copy.text[i] == original.text[i] for i in range(len(copy.text)) if i not in inside)
    # the copies segment again and carry every gold span of their original
    originals = [by_id[c.id.removesuffix("~lower")] for c in copies]
    assert [len(d.ents) for d in gold_docs(copies, prepare)] == [len(r.spans) for r in originals]


def test_no_share_makes_no_copy(tiny) -> None:
    assert lower_cased(tiny[0], 0, seed=1) == []


def test_only_the_network_trains_on_the_copies(tiny, tmp_path, monkeypatch) -> None:
    """With a share, `fit` trains another network (the copies are among its examples), while
    the relation classifier, which never reads them, comes out the same."""
    from pipeline.config import with_overrides
    from pipeline.train import fit

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    records = tiny[0]
    for share in (0, 1.0):
        config = with_overrides(load_config(), {"train.lower_case_share": share})
        fit(records, tmp_path / str(share), config, seed=7, log=lambda line: None, epochs=5)
    assert len(list((tmp_path / "cache" / "vnorg" / "networks").iterdir())) == 2
    assert (tmp_path / "0" / "relations.json").read_bytes() == (tmp_path / "1.0" / "relations.json").read_bytes()
