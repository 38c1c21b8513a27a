"""Titles a person is only put forward for, which nobody holds yet (guidelines case 37).

"giới thiệu để HĐND huyện bầu giữ chức Chủ tịch UBND huyện", "để hiệp thương cử giữ chức
Phó Chủ tịch Ủy ban MTTQ tỉnh", "cho đến khi HĐND tỉnh bầu Chủ tịch UBND tỉnh mới": the
title follows an election or appointment that has not happened, so it is no TITLE (rule 2).
"được bầu giữ chức Chủ tịch" (elected) and "để bổ nhiệm giữ chức Giám đốc Sở" (moved there
to be appointed: the training gold marks it) hold their titles.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .extensions import span_key
from .words import words_of

# The verbs of an election (the segmenter may join them to the next word: "bầu giữ",
# "hiệp thương cử") and of an appointment.
_ELECTING = ("bầu", "hiệp thương", "ứng cử", "đề cử")
_APPOINTING = ("bổ nhiệm", "phê chuẩn")
# Words between the verb and the post it names: "bầu [bổ sung] [giữ] [chức vụ] Chủ tịch", and the
# glue of a list of posts ("giữ chức vụ Bí thư, Chủ tịch …").
_BEFORE_POST = frozenset({"bổ sung", "giữ", "làm", "cử", "vào", "các", "chức vụ", "chức danh", "chức",
                          "vị trí", ",", "và", "kiêm"})
_NOMINATING = ("giới thiệu", "đề cử", "ứng cử")
_CLAUSE_ENDS = frozenset({";", ":"})
_HELD = frozenset({"đã", "nhất trí", "được"})  # after the cue: the vote took place


def nominated_titles(doc: Doc) -> set[tuple[int, int]]:
    """Keys (span_key) of the TITLEs of `doc` that its text says someone is only nominated for."""
    words = words_of(doc)
    covering: dict[int, tuple[int, str]] = {}  # word -> (start of its entity, label)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            covering[i] = (ent.start, ent.label_)
    found = set()
    for title in doc.ents:
        if title.label_ != "TITLE":
            continue
        first = words.sentence(title.start)[0]
        k = title.start - 1
        while k >= first:  # back over the post's preamble and the posts listed before it
            start, label = covering.get(k, (k, ""))
            if label in {"TITLE", "ORG"}:
                k = start - 1
            elif words[k].norm_ in _BEFORE_POST:
                k -= 1
            else:
                break
        if k < first or not words[k].norm_.startswith(_ELECTING + _APPOINTING):
            continue
        clause_start = next((j + 1 for j in range(k - 1, first - 1, -1) if words[j].norm_ in _CLAUSE_ENDS), first)
        if _only_put_forward(words[k].norm_, [w.norm_ for w in words[clause_start:k]]):
            found.add(span_key(title))
    return found


def _only_put_forward(verb: str, before: list[str]) -> bool:
    """The clause's words `before` the verb make it a nomination, a purpose or a time to come,
    and none after that cue says the vote was held ("trên cơ sở giới thiệu nhân sự …, HĐND
    tỉnh đã … nhất trí bầu bổ sung chức vụ Phó Chủ tịch")."""
    if before[-1:] == ["được"] and before[-2:-1] != ["sẽ"]:
        return False  # "được bầu": done
    electing = verb.startswith(_ELECTING)
    cue = max((n for n, w in enumerate(before) if w in _NOMINATING or (w == "khi" and before[n - 1:n] == ["đến"])
               or (electing and w == "để")), default=None)
    if cue is None:
        return electing and (before[-2:] == ["về", "việc"] or before[-1:] == ["sẽ"])
    return not _HELD.intersection(before[cue + 1:])
