"""Relations between the entities of one sentence, by rules.

Each rule reads the sentence as a sequence of entities and the words between
them, the way a reader does: "X, TITLE ORG" (has_title, title_of), "DOC, ngày
D của ORG" (issued_on, issued_by), "ORG … tổng kết DOC" (implements). The
trainable classifier (a later stage) scores the same candidate pairs; these
rules are its baseline, and one of its features (`relation_model.py`).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from . import lexicon
from .entity_rules import decides_at
from .extensions import Relation
from .schema import POST_LIST_LABELS
from .words import words_of

SCORES = {"has_title": 0.95, "title_of": 0.95, "issued_by": 0.93, "issued_on": 0.97,
          "implements": 0.8, "decides_on": 0.85}
# Verbs of a personnel decision: what it does to the person named after it (K5, K11).
PERSONNEL_VERBS = {"bổ nhiệm", "điều động", "bầu", "chuẩn y", "kỷ luật", "cách chức", "miễn nhiệm",
                   "khiển trách", "cảnh cáo", "phê chuẩn", "chỉ định", "phân công", "cho thôi",
                   "nghỉ hưu", "luân chuyển", "tiếp nhận", "khai trừ", "đình chỉ", "bãi nhiệm",
                   "công nhận", "giao", "thi hành kỷ luật", "đối với", "cho"}
_APPOSITION = {",", "-", "–", ":"}
# Words that may stand between a person and the title they hold: the status cues and the
# verbs of holding ("X, nguyên Bí thư", "điều động ông X giữ chức Bí thư", "X thôi giữ chức Bí thư").
_HOLDING = set(lexicon.STATUS_CUES) | {
    "là", "làm", "giữ", "chức", "chức vụ", "giữ chức", "giữ chức vụ", "được", "tiếp tục", "hiện",
    "hiện là", "đương kim", "kiêm", "kiêm nhiệm", "vào", "danh", "chức danh", "(", "đang", "trở thành",
    "chính thức"}
_NAMING = {"-", "–", "ông", "bà", "đồng chí"}  # between a post and its holder's name
_IMPLEMENT = {v.lower() for v in lexicon.IMPLEMENT_VERBS}
_ISSUE = {v.lower() for v in lexicon.ISSUE_VERBS}
_JUST = {"đã", "vừa", "mới"}  # before "có" when a body "has" (issued) a document: 9 of 10 in training
_DOC_TAIL = {",", "ngày", "hội nghị", "lần", "thứ", "khóa", "(", ")", "và", "số"}


def sentence_entities(doc: Doc) -> list[list[Span]]:
    """The entities of each sentence that has any, in text order."""
    sentence_of = words_of(doc).sentence_of
    by_sent: dict[int, list[Span]] = {}
    for ent in doc.ents:
        by_sent.setdefault(sentence_of[ent.start], []).append(ent)
    return list(by_sent.values())


def _between(doc: Doc, a: Span, b: Span) -> list[str]:
    """Norms of the non-space words between two spans (a before b)."""
    return [t.norm_ for t in words_of(doc)[a.end:b.start] if not t.is_space]


class RelationRules:
    """has_title, title_of, issued_by, issued_on and implements from sentence patterns."""

    def find(self, doc: Doc, groups: list[list[Span]]) -> list[Relation]:
        """Relations the rules read in each sentence of a Doc (`groups`: the entities of each
        sentence that has any, from `sentence_entities`)."""
        return [rel for ents in groups for rel in self.sentence(doc, ents)]

    def sentence(self, doc: Doc, ents: list[Span]) -> list[Relation]:
        rels: list[Relation] = []

        def add(head: Span, child: Span, label: str) -> None:
            rels.append(Relation(head, child, label, SCORES[label], "rules"))

        self._titles(doc, ents, add)
        self._documents(doc, ents, add)
        self._implements(doc, ents, rels, add)
        _decides_on(doc, ents, add)
        unique = {(r.head.start, r.child.start, r.label): r for r in rels}
        return list(unique.values())

    # --- people --------------------------------------------------------------------
    def _titles(self, doc: Doc, ents: list[Span], add) -> None:
        for i, ent in enumerate(ents):
            if ent.label_ == "TITLE" and _body_after(doc, ents, i):
                add(ent, ents[i + 1], "title_of")
            elif ent.label_ == "ORG" and i + 1 < len(ents) and ents[i + 1].label_ == "TITLE" \
                    and not _body_after(doc, ents, i + 1) and _post_of_body(doc, ent, ents[i + 1]):
                add(ents[i + 1], ent, "title_of")
        claimed: set[int] = set()
        for i, ent in enumerate(ents):  # "X, TITLE ORG, TITLE ORG" and "X - TITLE"
            if ent.label_ != "PER":
                continue
            prev, j = ent, i + 1
            while j < len(ents) and ents[j].label_ in POST_LIST_LABELS:
                gap = _between(doc, prev, ents[j])
                if ents[j].label_ == "TITLE":
                    if prev is ent:
                        apposed = bool(gap) and len(gap) <= 5 and (
                            gap[0] in _APPOSITION or gap[0] in _HOLDING) and \
                            all(w in _APPOSITION or w in _HOLDING for w in gap)
                    else:  # "…, nguyên Bí thư", "Chủ tịch HĐTV kiêm Tổng giám đốc"
                        apposed = bool(gap) and len(gap) <= 4 and gap[0] in {",", "và", "kiêm"} and \
                            all(w in _HOLDING or w in {",", "và"} for w in gap[1:])
                    if not apposed:
                        break
                    add(ent, ents[j], "has_title")
                    claimed.add(j)
                elif gap or prev is ent:
                    break
                prev, j = ents[j], j + 1
        for i, ent in enumerate(ents):  # "TITLE ORG X" and "TITLE X"
            if ent.label_ != "PER":
                continue
            j = i - 1
            if j < 0 or not all(w in _NAMING for w in _between(doc, ents[j], ent)):
                continue  # "Bí thư Tỉnh ủy Bạc Liêu - ông [X]", not "Bí thư, [X]"
            while j > 0 and ents[j].label_ in {"ORG", "LOC"} and not _between(doc, ents[j - 1], ents[j]):
                j -= 1
            if j not in claimed and ents[j].label_ == "TITLE":
                add(ent, ents[j], "has_title")
                claimed.add(j)

    # --- documents -----------------------------------------------------------------
    def _documents(self, doc: Doc, ents: list[Span], add) -> None:
        for i, ent in enumerate(ents):  # "DOC, ngày D (và DOC, ngày D) của ORG"
            if ent.label_ != "DOC":
                continue
            pending, dated, prev = [ent], set(), ent
            for k, nxt in enumerate(ents[i + 1:], i + 1):
                gap = _between(doc, prev, nxt)
                if nxt.label_ == "ORG" and gap and gap[-1] in {"của", "do"} \
                        and all(map(_doc_tail, gap[:-1])):
                    for body in _joint_issuers(doc, ents, k):
                        for d in pending:
                            add(d, body, "issued_by")
                    break
                if not all(map(_doc_tail, gap)):
                    break
                if nxt.label_ == "DATE" and pending[-1].start not in dated:
                    add(pending[-1], nxt, "issued_on")
                    dated.add(pending[-1].start)
                elif nxt.label_ == "DOC" and gap[-1:] == ["và"]:
                    pending.append(nxt)
                elif nxt.label_ == "ORG" and ("hội nghị" in gap or (  # "…, ngày D Hội nghị lần thứ 6, ORG"
                        gap[-1:] == [","] and _decides_by(doc, pending[0], nxt))):
                    for d in pending:
                        add(d, nxt, "issued_by")
                    break
                else:
                    break
                prev = nxt
        for i, ent in enumerate(ents):  # "ORG ban hành DOC", "ngày D, ORG ban hành DOC"
            if ent.label_ != "ORG" or i + 1 >= len(ents) or ents[i + 1].label_ != "DOC":
                continue
            gap = _between(doc, ent, ents[i + 1])
            issues = any(w in _ISSUE for w in gap) and "tham mưu" not in gap
            has = gap[-1:] == ["có"] and set(gap[:-1]) <= _JUST  # "Thủ tướng vừa có Quyết định 171"
            if gap and len(gap) <= 3 and (issues or has):
                add(ents[i + 1], ent, "issued_by")
                if i >= 1 and ents[i - 1].label_ == "DATE" and \
                        _between(doc, ents[i - 1], ent) in ([","], []):
                    add(ents[i + 1], ents[i - 1], "issued_on")

    # --- implements ----------------------------------------------------------------
    def _implements(self, doc: Doc, ents: list[Span], rels: list[Relation], add) -> None:
        """ORG before the verb ("ORG … tổng kết DOC"), or after a fronted "Thực hiện DOC, …"."""
        not_actors = {(r.child.start, r.child.end) for r in rels if r.label in {"issued_by", "title_of"}}
        words = words_of(doc)

        def actor_ok(span: Span) -> bool:
            before = words[span.start - 1].norm_ if span.start > 0 else ""
            return span.label_ == "ORG" and (span.start, span.end) not in not_actors and \
                before not in {"của", "do", "trong", "toàn"}

        for i, ent in enumerate(ents):
            if ent.label_ != "DOC":
                continue
            start = words.sentence(ent.start)[0]
            verbs = [k for k in range(start, ent.start) if words[k].norm_ in _IMPLEMENT]
            if not verbs or ent.start - verbs[-1] > 6 or any(
                    t.is_punct and t.text not in {"“", '"'} for t in words[verbs[-1]:ent.start]):
                continue
            verb = verbs[-1]
            actor = None
            for cand in reversed(ents[:i]):
                if cand.label_ in {"DOC", "PER"}:
                    break
                if actor_ok(cand) and cand.end <= verb:
                    actor = cand if verb - cand.end <= 8 else None
                    break
            lead = next((k for k in range(start, ent.start) if words[k].text[:1].isalpha()
                         and not words[k].is_upper), start)  # skip "(LSO) –" and the like
            fronted = not any(e.label_ in {"ORG", "PER"} for e in ents[:i]) and verbs[0] == lead
            if actor is None and fronted:
                actor = next((c for c in ents[i + 1:] if actor_ok(c)), None)
            if actor is not None:
                add(actor, ent, "implements")


# Between a body one is sent to and the post taken there: "đến công tác tại [Ban Tổ chức Tỉnh ủy],
# giữ chức vụ [Trưởng ban]" (case 164); at least one of _TAKING_UP must stand there.
_TAKING_UP = {"bổ nhiệm", "giữ", "chức", "chức vụ", "giữ chức", "giữ chức vụ", "bổ nhiệm chức vụ"}
_POSTING_GLUE = _TAKING_UP | {",", "và", "để", "làm"}
# A body counting its holders: "[UBND tỉnh] có 4 [Phó Chủ tịch]", "[HĐND tỉnh] gồm có [Chủ tịch]".
_COUNTING = ({"có"}, {"hiện", "có"}, {"gồm", "có"}, {"gồm"})


def _body_after(doc: Doc, ents: list[Span], k: int) -> bool:
    """The title ents[k] names its body right after it: "Trưởng ban [Ban X]", "[kế toán] tại [Văn
    phòng Tỉnh ủy]" (case 164)."""
    return k + 1 < len(ents) and ents[k + 1].label_ == "ORG" and \
        _between(doc, ents[k], ents[k + 1]) in ([], ["tại"])


def _post_of_body(doc: Doc, body: Span, title: Span) -> bool:
    """A bare title after the body it is a post of: the body one is posted to ("tại [ORG], bổ
    nhiệm giữ chức vụ [TITLE]") or a body counting its holders ("[ORG] hiện có 4 [TITLE]")."""
    gap = _between(doc, body, title)
    posted = body.start > 0 and doc[body.start - 1].norm_ == "tại" and \
        any(w in _TAKING_UP for w in gap) and all(w in _POSTING_GLUE for w in gap)
    counted = {w for w in gap if not w.isdigit()} in _COUNTING and sum(w.isdigit() for w in gap) <= 1
    return posted or counted


def _joint_issuers(doc: Doc, ents: list[Span], k: int) -> list[Span]:
    """The body ents[k] after "của" and the bodies listed with it, which issued the document
    together: "Quy chế làm việc của [Ban Chấp hành Trung ương], [Bộ Chính trị], [Ban Bí thư]"."""
    bodies = [ents[k]]
    for nxt in ents[k + 1:]:
        if nxt.label_ != "ORG" or _between(doc, bodies[-1], nxt) not in ([","], ["và"]):
            break
        bodies.append(nxt)
    return bodies


def _decides_on(doc: Doc, ents: list[Span], add) -> None:
    """"Quyết định số 1889/QĐ-UBND điều động ông [X]", "trao Quyết định … cho ông [X]": a
    personnel verb between the document and the people named after it."""
    for i, ent in enumerate(ents):
        if ent.label_ != "DOC":
            continue
        verb_seen = False
        prev = ent
        for nxt in ents[i + 1:]:
            gap = _between(doc, prev, nxt)
            verb_seen = verb_seen or any(w in PERSONNEL_VERBS for w in gap)
            if nxt.label_ == "DOC" or len(gap) > 12:
                break
            if nxt.label_ == "PER" and verb_seen:
                add(ent, nxt, "decides_on")
            prev = nxt


def _decides_by(doc: Doc, document: Span, body: Span) -> bool:
    """"Tại Quyết định 589/QĐ-TTg, [Thủ tướng] bổ nhiệm …": the body after a fronted "tại/theo
    DOC," acts by it, so it issued it."""
    return document.start > 0 and doc[document.start - 1].norm_ in {"tại", "theo"} \
        and decides_at(doc, body.end, len(doc))


def _doc_tail(word: str) -> bool:
    """Words that may stand between a document and its date or issuer."""
    return word in _DOC_TAIL or word.isdigit() or (bool(word) and all(c in "ivxlc" for c in word))
