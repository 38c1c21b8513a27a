"""`python -m pipeline show`: the displaCy page a user checks an article's reading on."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT

from pipeline.cli import main

TEXT = ("Ông Nguyễn Văn An, nguyên Bí thư Huyện ủy Đình Lập, dự hội nghị.\n"
        "Ông An phát biểu tại hội nghị.")


class Page(HTMLParser):
    """The texts of displaCy's entity marks, the links inside them and the arc labels."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.arc_labels: list[str] = []
        self._in_mark = self._in_link = self._in_label = False
        self._anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")
        elif tag == "a" and self._in_mark:
            self._in_link = True
            self.links.append((attrs.get("href", ""), ""))
        elif tag == "textpath":
            self._in_label = True
            self.arc_labels.append("")
        if attrs.get("id"):
            self._anchors.add(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False
        elif tag == "a":
            self._in_link = False
        elif tag == "textpath":
            self._in_label = False

    def handle_data(self, data):
        if self._in_link:
            self.links[-1] = (self.links[-1][0], self.links[-1][1] + data.strip())
        elif self._in_label:
            self.arc_labels[-1] += data.strip()
        elif self._in_mark and not self.marks[-1]:
            self.marks[-1] = data.strip()

    @property
    def anchors(self) -> set[str]:
        return self._anchors


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def span(text: str, label: str, nth: int = 0, **extra) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return {"start": start, "end": start + len(text), "label": label, **extra}


def test_gold_record_page_shows_refs_and_status(tmp_path):
    record = {"id": "an", "text": TEXT, "meta": {"published": "2024-05-02"},
              "spans": [span("Nguyễn Văn An", "PER", ref="p1"), span("Bí thư", "TITLE"),
                        span("Huyện ủy Đình Lập", "ORG", ref="o1"), span("An", "PER", 1, ref="p1")],
              "relations": [{"head": 0, "child": 1, "label": "has_title", "status": "former"},
                            {"head": 1, "child": 2, "label": "title_of"}]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "an.html"
    assert main(["show", str(gold), "--out", str(out)]) == 0
    page = parse(out)
    assert page.marks == ["Nguyễn Văn An", "Bí thư", "Huyện ủy Đình Lập", "An"]
    # the short name points at the full name it shares a ref with, and the link lands
    assert ("#ref-p1", "p1 = Nguyễn Văn An") in page.links
    assert "ref-p1" in page.anchors and "ref-o1" in page.anchors
    assert sorted(page.arc_labels) == ["has_title · former", "title_of"]
    assert "published 2024-05-02" in out.read_text(encoding="utf-8")


def test_article_page_draws_what_extract_finds(tmp_path):
    article = ROOT / "corpus" / "000_d201fd8f0cbe2ac3.txt"
    out = tmp_path / "page.html"
    assert main(["show", str(article), "--out", str(out)]) == 0
    page = parse(out)
    assert "Hoàng Xuận Thuận" in page.marks and "Huyện ủy Đình Lập" in page.marks
    assert "has_title" in page.arc_labels and "issued_by" in page.arc_labels


def test_unknown_id_is_a_clear_error(tmp_path, capsys):
    gold = ROOT / "annotations" / "gold"
    assert main(["show", str(gold), "--id", "no-such-doc", "--out", str(tmp_path / "x.html")]) == 2
    assert "no record with id no-such-doc" in capsys.readouterr().err
