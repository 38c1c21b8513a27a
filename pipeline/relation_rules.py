"""Relations between the entities of one sentence, by rules.

Each rule reads the sentence as a sequence of entities and the words between
them, the way a reader does: "X, TITLE ORG" (has_title, title_of), "DOC, ngày
D của ORG" (issued_on, issued_by), "ORG … tổng kết DOC" (implements). The
trainable classifier (a later stage) scores the same candidate pairs; these
rules are its baseline, and one of its features (`relation_model.py`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection

from spacy.tokens import Doc, Span

from . import lexicon
from .entity_rules import decides_at, holder_list_opens
from .extensions import Relation
from .schema import POST_LIST_LABELS
from .shapes import ROMAN
from .words import Words, span_norm, words_of

SCORES = {"has_title": 0.95, "title_of": 0.95, "issued_by": 0.93, "issued_on": 0.97,
          "implements": 0.8, "decides_on": 0.85}
# Verbs of a personnel decision: what it does to the person named after it (K5, K11).
PERSONNEL_VERBS = {"bổ nhiệm", "điều động", "bầu", "chuẩn y", "kỷ luật", "cách chức", "miễn nhiệm",
                   "khiển trách", "cảnh cáo", "phê chuẩn", "chỉ định", "phân công", "cho thôi",
                   "nghỉ hưu", "luân chuyển", "tiếp nhận", "khai trừ", "đình chỉ", "bãi nhiệm",
                   "công nhận", "giao", "thi hành kỷ luật", "đối với", "cho", "giáng cấp", "giáng chức"}
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
# The kind of body each bare title heads by its name: "Trưởng ban" a "Ban …", "Cục trưởng" a "Cục …".
_KIND_A_TITLE_HEADS = {
    **{f"trưởng {kind}": kind for kind in ("ban", "tiểu ban", "đoàn", "phòng", "tổ", "đội")},
    **{f"{kind} trưởng": kind for kind in ("cục", "chi cục", "tổng cục", "vụ", "viện", "tổ", "đội")}}
# Between two posts held together, the first taking the second's body: "[Chủ tịch] kiêm Giám đốc
# [Công ty …]", "[Bộ trưởng] - Chủ nhiệm [Văn phòng Chính phủ]" (case 175).
_SHARING = (["kiêm"], [",", "kiêm"], ["-"], ["–"])
_BARE_POSTS = {t.lower() for t in lexicon.TITLES + lexicon.TITLES_BEFORE_BODY}
# Bodies named "Ban …" that a "Trưởng ban" does not head: their heads are secretaries.
_BODIES_HEADED_OTHERWISE = ("ban chấp hành", "ban thường vụ", "ban bí thư", "ban cán sự", "ban thường trực")
_DOC_TAIL = {",", "ngày", "hội nghị", "lần", "thứ", "khóa", "(", ")", "và", "số"}
# The words of a session named right after its body: "[Trung ương] 6 khóa 12", "lần thứ 6".
_SESSION_WORDS = {"khóa", "khoá", "lần", "thứ", "(", ")"}


def _adding_to(rels: list[Relation]) -> Callable[[Span, Span, str], None]:
    """The `add` each rule calls: a relation into `rels`, at its type's rule score, once however
    many rules find it ("[Đoàn …] do ông A làm [Trưởng đoàn]" is read by two)."""
    added: set[tuple[int, int, str]] = set()

    def add(head: Span, child: Span, label: str) -> None:
        if (head.start, child.start, label) not in added:
            added.add((head.start, child.start, label))
            rels.append(Relation(head, child, label, SCORES[label], "rules"))
    return add


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
        add = _adding_to(rels)
        self._titles(doc, ents, add)
        self._documents(doc, ents, add)
        _named_after_their_kind(doc, ents, add)
        _laws_passed(doc, ents, add)
        _listed_before_kinds(doc, ents, add)
        self._implements(doc, ents, rels, add)
        _decides_on(doc, ents, add)
        return rels

    # --- people --------------------------------------------------------------------
    def _titles(self, doc: Doc, ents: list[Span], add) -> None:
        for i, ent in enumerate(ents):
            if ent.label_ == "TITLE" and _body_after(doc, ents, i):
                add(ent, ents[i + 1], "title_of")
            elif _posted_to(doc, ents, i):
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
        for i, ent in enumerate(ents):  # "[Chủ tịch] kiêm Giám đốc [Công ty …]" (case 175)
            if ent.label_ == "TITLE" and i + 1 < len(ents) and ents[i + 1].label_ == "TITLE" \
                    and _body_after(doc, ents, i + 1) and _shares_a_body(ent, ents[i + 1], _between(
                        doc, ent, ents[i + 1])):
                add(ent, ents[i + 2], "title_of")
        for j in claimed:  # "X, [Phó Cục trưởng], [Cục Tổ chức cán bộ]" (case 173)
            if j + 1 < len(ents) and ents[j + 1].label_ == "ORG" and _between(doc, ents[j], ents[j + 1]) == [","]:
                add(ents[j], ents[j + 1], "title_of")

    # --- documents -----------------------------------------------------------------
    def _documents(self, doc: Doc, ents: list[Span], add) -> None:
        for i, ent in enumerate(ents):  # "DOC, ngày D (và DOC, ngày D) của ORG"
            if ent.label_ != "DOC":
                continue
            pending, dated, prev = [ent], set(), ent
            for k, nxt in enumerate(ents[i + 1:], i + 1):
                gap = _between(doc, prev, nxt)
                if nxt.label_ == "ORG" and _names_issuer(gap):
                    bodies = _listed_from(doc, ents, k, _JOINT_ISSUERS)
                    if len(bodies) > 1 and _acts_after_fronted(words_of(doc), ents, i, bodies[-1]):
                        bodies.pop()
                    documents = _sharing_the_issuer(pending)
                    for body in bodies:
                        for d in documents:
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
                    for d in _sharing_the_issuer(pending):
                        add(d, nxt, "issued_by")
                    break
                else:
                    break
                prev = nxt
        for i, ent in enumerate(ents):  # "ORG đã thi hành kỷ luật … tại DOC"
            if ent.label_ == "DOC" and (body := _decided_at(doc, ents, i)) is not None:
                add(ent, body, "issued_by")
        for i, ent in enumerate(ents):  # "ORG ban hành DOC", "ngày D, ORG ban hành DOC"
            if ent.label_ != "ORG" or i + 1 >= len(ents):
                continue
            k = i + 1
            if ents[k].label_ == "PER" and ents[k].start == ent.end:
                k += 1  # the body's head who signed: "Chủ tịch [UBND tỉnh] [Nguyễn Văn Cao] vừa ký DOC"
            if k >= len(ents) or ents[k].label_ != "DOC" or \
                    not _issues(_between(doc, ents[k - 1], ents[k]), k > i + 1) or \
                    _issuer_named_after(doc, ents, k):  # "[ORG] đã có [DOC], ngày D của [its issuer]"
                continue
            for document in _listed_from(doc, ents, k, _LIST_OF_DOCUMENTS):
                add(document, ent, "issued_by")
            if (date := _date_opening(doc, ents, i)) is not None and not _dated_after(doc, ents, k):
                add(ents[k], date, "issued_on")

    # --- implements ----------------------------------------------------------------
    def _implements(self, doc: Doc, ents: list[Span], rels: list[Relation], add) -> None:
        """ORG before the verb ("ORG … tổng kết DOC"), after a fronted "(Sau 5 năm) thực hiện
        DOC, …", or the bodies that organise the meeting carrying it out; documents listed right
        after one so carried out take its actors too, as do all the documents of a fronted clause
        the subject after it carries out ("Thực hiện [DOC1] …; [DOC2] …, [ORG] đã …")."""
        if not any(e.label_ == "DOC" for e in ents):
            return
        not_actors = {(r.child.start, r.child.end) for r in rels if r.label in {"issued_by", "title_of"}}
        words = words_of(doc)

        def actor_ok(span: Span) -> bool:
            before = words[span.start - 1].norm_ if span.start > 0 else ""
            return span.label_ == "ORG" and (span.start, span.end) not in not_actors and \
                before not in {"của", "do", "trong", "toàn"}

        organisers = _meeting_organisers(words, ents, actor_ok)
        actors_of: dict[int, list[Span]] = {}  # each carried-out document's actors, by its place in ents
        fronted_clause: tuple[int, list[Span]] | None = None  # where its subject starts, and its actors
        for i, ent in enumerate(ents):
            if ent.label_ != "DOC":
                continue
            if fronted_clause is not None and ent.start < fronted_clause[0]:
                actors_of[i] = fronted_clause[1]  # "Thực hiện [DOC1] …; [DOC2] …, [ORG] …": both
                continue
            start = words.sentence(ent.start)[0]
            verbs = [k for k in range(start, ent.start) if words[k].norm_ in _IMPLEMENT]
            verb = verbs[-1] if verbs and ent.start - verbs[-1] <= 6 and not any(
                t.is_punct and t.text not in {"“", '"'} for t in words[verbs[-1]:ent.start]) else None
            if verb is not None and (planner := _planner(words, ents, i, verb)) is not None:
                actors_of[i] = [planner]
                continue
            listed = _listed_after(words, ents, i, actors_of)
            if listed is not None:
                actors_of[i] = listed
                continue
            if verb is None:
                continue
            # a capitalised verb opens a clause of its own, whatever stands before it
            actor = None if words[verb].orth_[:1].isupper() else _actor_before(words, ents, i, verb, actor_ok)
            fronted = _fronting_at(words, ents, i, _IMPLEMENT) if actor is None else None
            if fronted is not None:
                actor = _actor_after_fronted(words, ents, i, fronted, actor_ok)
            found = [o for o in organisers if o.end <= verb] or \
                (_listed_with(words, ents, actor, actor_ok) if actor is not None else [])
            if found and _urged(words, found[0].start, found[-1].end, verb):
                continue
            if found:
                actors_of[i] = found
                if fronted is not None and actor is not None:
                    fronted_clause = (actor.start, found)
        for i, actors in actors_of.items():
            for actor in actors:
                add(actor, ents[i], "implements")


# Between a document a body issues and the verb of the one it carries out: "ban hành [kế hoạch
# số 91-KH/TU] để triển khai thực hiện [Nghị quyết 18]".
_PURPOSE = {"để", "nhằm"}

# A plan's kind, as a document's name opens with it or as the words before "của" name it.
_PLAN_KINDS = ("kế hoạch", "chương trình", "hành động", "đề án", "phương án")
# Between a plan's issuer and the verb by which the plan carries a document out.
_TO_CARRY_OUT = {"về", "việc", "triển khai"} | _PURPOSE


def _planner(words: Words, ents: list[Span], i: int, verb: int) -> Span | None:
    """The body whose plan, named before "của" and the body, carries out ents[i]: "[Kế hoạch số
    56-KH/TU] ngày 9/1/2018 của [Tỉnh ủy] thực hiện [Nghị quyết số 18-NQ/TW]", "Chương trình
    hành động của [Chính phủ] thực hiện [nghị quyết số 18]", "… của [Thành uỷ] nhằm thực hiện
    [Chỉ thị số 28-CT/TU]". The plan's issuer is the document's actor."""
    k = next((k for k in range(i - 1, -1, -1) if ents[k].end <= verb), None)
    if k is None or ents[k].label_ != "ORG":
        return None
    body = ents[k]
    if body.start < 2 or words[body.start - 1].norm_ != "của" or \
            not all(words[j].norm_ in _TO_CARRY_OUT for j in range(body.end, verb)):
        return None
    if words[body.start - 2].norm_.startswith(_PLAN_KINDS):
        return body
    m = k - 1  # the plan: a document of a plan's kind, its date between it and "của"
    while m >= 0 and ents[m].label_ == "DATE":
        m -= 1
    if m < 0 or ents[m].label_ != "DOC" or not span_norm(ents[m]).startswith(_PLAN_KINDS):
        return None
    dates = {j for date in ents[m + 1:k] for j in range(date.start, date.end)}
    return body if all(_doc_tail(w.norm_) for w in words[ents[m].end:body.start - 1]
                       if not w.is_space and w.i not in dates) else None


def _actor_before(words: Words, ents: list[Span], i: int, verb: int, actor_ok: Callable[[Span], bool]) -> Span | None:
    """The body that carries out ents[i], named before its verb: the nearest body before the verb,
    at most 8 words from it, with no document or person between; or the issuer of a document
    issued to carry this one out ("[ORG] đã ban hành [DOC1] để thực hiện [DOC2]")."""
    reach = verb
    for cand in reversed(ents[:i]):
        if cand.label_ == "DOC" and _issued_to_carry_out(words, cand, reach):
            reach = cand.start - 1  # counted from "ban hành"
            continue
        if cand.label_ in {"DOC", "PER"}:
            return None
        if (actor_ok(cand) or (reach != verb and cand.label_ == "ORG")) and cand.end <= reach:
            return cand if reach - cand.end <= 8 else None
    return None


def _actor_after_fronted(words: Words, ents: list[Span], i: int, verb_from_lead: int,
                         actor_ok: Callable[[Span], bool]) -> Span | None:
    """The sentence's subject after a fronted clause about ents[i] whose verb stands
    `verb_from_lead` words into the sentence (`_fronting_at`): "Thực hiện DOC, [ORG] …", or
    after a time phrase, the first body after a comma ("Sau hơn 6 năm thực hiện DOC của X,
    [ORG] …")."""
    if verb_from_lead == 0:
        return next((c for c in ents[i + 1:] if actor_ok(c)), None)
    return next((c for c in ents[i + 1:] if actor_ok(c) and words[c.start - 1].text == ","), None)


# How many words may open a sentence before its fronted carrying-out verb: "Sau hơn 6 năm".
_FRONTING_WORDS = 4
# The words that open a clause about a document put before the sentence's subject.
_FRONTING = _IMPLEMENT | {"theo", "căn cứ", "tại"}


def _lead(words: Words, start: int, end: int) -> int:
    """The sentence's first word, past a dateline's "(LSO) –" and the like."""
    return next((k for k in range(start, end) if words[k].text[:1].isalpha() and not words[k].is_upper), start)


# What may follow the last of a document's issuers listed with commas: its term, the end of the
# clause, what the document is about.
_AFTER_ISSUERS = {";", ".", ":", "khóa", "khoá", "nhiệm kỳ", ")", "về", "ngày", "số", "và"}


def _acts_after_fronted(words: Words, ents: list[Span], i: int, body: Span) -> bool:
    """The last body listed after a fronted document's issuer goes on into the sentence's own
    clause, as its subject ("Thực hiện [Kế hoạch 179-KH/TU] của [Thành ủy], [Tiểu ban Văn kiện]
    đã …"), where a list of issuers ends its clause ("Căn cứ [Quy chế làm việc] của [Ban Chấp
    hành Trung ương], [Bộ Chính trị], [Ban Bí thư] khoá 12 ;")."""
    after = next((w for w in words[body.end:words.sentence(body.start)[1]] if not w.is_space), None)
    return after is not None and after.norm_ not in _AFTER_ISSUERS and \
        _fronting_at(words, ents, i, _FRONTING) is not None


def _fronting_at(words: Words, ents: list[Span], i: int, fronting: Collection[str]) -> int | None:
    """How many words into its sentence (from its lead, `_lead`) the first of the words
    `fronting` stands that opens a clause naming ents[i], a document, before the sentence's
    subject ("Thực hiện [Kế hoạch 179-KH/TU] của [Thành ủy], [Tiểu ban Văn kiện] …", "Sau hơn 6
    năm thực hiện [DOC], …", "Theo [Quyết định 147] …, …"); None when no such word stands within
    `_FRONTING_WORDS` of the lead, or a body or person is named before ents[i]. A capitalised such
    word right before the document opens a clause wherever it stands (0): a headline or an
    address run on into it, or a colon before it ("(2020 - 2025): Thực hiện [Kế hoạch 179-KH/TU]")."""
    k = ents[i].start - 1
    if k >= 0 and words[k].norm_ in fronting and words[k].orth_[:1].isupper():
        return 0  # a clause glued on after a headline, a colon or an address: "…: Thực hiện [DOC], …"
    if any(e.label_ in {"ORG", "PER"} for e in ents[:i]):
        return None
    lead = _lead(words, words.sentence(ents[i].start)[0], ents[i].start)
    return next((k - lead for k in range(lead, min(ents[i].start, lead + _FRONTING_WORDS + 1))
                 if words[k].norm_ in fronting), None)


# What a meeting is that a body organises: "[Ban Tuyên giáo TƯ] tổ chức hội nghị …".
_MEETINGS = {"hội nghị", "hội thảo", "tọa đàm", "toạ đàm", "lễ", "buổi", "cuộc"}
# Between the bodies that organise a meeting, and between them and "tổ chức": "[A] phối hợp với
# [B], [C] sáng nay tổ chức", "[Ban Chấp hành Đảng bộ tỉnh] khóa 11 vừa tổ chức".
_ORGANISING_GLUE = {",", "và", "phối hợp", "với", "cùng", "đã", "vừa", "sẽ", "khóa", "khoá", "nhiệm kỳ",
                    "sáng", "chiều", "tối", "trưa", "nay", "sáng nay", "chiều nay", "tối nay", "hôm nay",
                    "-", "–", "đồng", "long trọng", "trọng thể"}
# Between documents of one list: "Nghị quyết 26 và Nghị quyết 18", "nghị quyết 19 gắn với thực hiện
# kết luận 64"; the first document's own date and issuer may stand there too ("ngày D của ORG").
_DOCUMENT_LIST_GLUE = {",", "và", "gắn với", "gắn", "với", "việc", "thực hiện", "các", "cùng", "ngày",
                       "của", "số", "cũng như"}


def _meeting_organisers(words: Words, ents: list[Span], actor_ok: Callable[[Span], bool]) -> list[Span]:
    """The bodies a sentence names as organising a meeting, before "tổ chức hội nghị …" with only
    their list glue and the time between (cases 23, 110, 140: each implements the document the
    meeting carries out or reviews)."""
    if not ents:
        return []
    start, end = words.sentence(ents[0].start)
    ending_at = {e.end: e for e in ents}
    for k in range(start, end - 1):
        if words[k].norm_ != "tổ chức" or words[k + 1].norm_ not in _MEETINGS:
            continue
        found, j = [], k
        while j > start:
            ent = ending_at.get(j)
            if ent is not None and ent.label_ == "ORG":
                found.append(ent)
                j = ent.start
            elif ent is None and (words[j - 1].norm_ in _ORGANISING_GLUE or words[j - 1].like_num
                                  or words[j - 1].is_space or ROMAN.fullmatch(words[j - 1].text)):
                j -= 1
            else:
                break
        return [e for e in reversed(found) if actor_ok(e)]
    return []


# Verbs by which one asks, tells or checks on another to carry out a document: the one asked
# is not said to carry it out, nor is the one asking (case 30: "đề nghị [Đảng ủy …] … thực hiện",
# "[Quốc hội] yêu cầu không thực hiện").
_URGING = {"đề nghị", "yêu cầu", "xin", "kiểm tra", "giám sát", "lựa chọn", "chọn"}


def _urged(words: Words, first: int, last: int, verb: int) -> bool:
    """The actors (words first..last) are asked to act, or ask another to, before the verb."""
    return any(words[k].norm_ in _URGING for k in range(max(0, first - 2), first)) or \
        any(words[k].norm_ in _URGING for k in range(last, verb))


# Between bodies that act together: "[Bộ Chính trị], [Ban Bí thư] đã luôn bám sát …",
# "[BCĐ Tây Nam Bộ] cũng như [BCĐ Tây Bắc] và [Tây Nguyên]".
_ACTOR_LIST_GLUE = {",", "và", "cũng như"}


def _listed_with(words: Words, ents: list[Span], actor: Span, actor_ok: Callable[[Span], bool]) -> list[Span]:
    """The actor and the bodies listed with it, joined only by list glue."""
    k = next(n for n, e in enumerate(ents) if e is actor)
    first = last = k
    while first > 0 and actor_ok(ents[first - 1]) and _joined(words, ents[first - 1], ents[first]):
        first -= 1
    while last + 1 < len(ents) and actor_ok(ents[last + 1]) and _joined(words, ents[last], ents[last + 1]):
        last += 1
    return ents[first:last + 1]


def _joined(words: Words, a: Span, b: Span) -> bool:
    between = [w for w in words[a.end:b.start] if not w.is_space]
    return bool(between) and all(w.norm_ in _ACTOR_LIST_GLUE for w in between)


def _issued_to_carry_out(words: Words, doc: Span, verb: int) -> bool:
    """`doc` is issued, right before `verb`, to carry out another document: its issuer is then
    the other one's actor."""
    return doc.start > 0 and words[doc.start - 1].norm_ in _ISSUE and \
        any(words[k].norm_ in _PURPOSE for k in range(doc.end, verb)) and \
        all(words[k].norm_ in _PURPOSE or words[k].norm_ in _IMPLEMENT for k in range(doc.end, verb))


def _listed_after(words: Words, ents: list[Span], i: int, actors_of: dict[int, list[Span]]) -> list[Span] | None:
    """The actors of the carried-out document that `ents[i]` is listed right after, if any:
    between the two only list glue and the first one's own date and issuer ("ngày D của ORG")."""
    inside: set[int] = set()
    for m in range(i - 1, -1, -1):
        ent = ents[m]
        if ent.label_ == "DOC":
            if m not in actors_of:
                return None
            between = range(ent.end, ents[i].start)
            if all(k in inside or words[k].is_space or words[k].norm_ in _DOCUMENT_LIST_GLUE for k in between):
                return actors_of[m]
            return None
        if ent.label_ == "DATE" or (ent.label_ == "ORG" and ent.start > 0 and words[ent.start - 1].norm_ == "của"):
            inside.update(range(ent.start, ent.end))
            continue
        return None
    return None


# Between a body one is sent to and the post taken there: "đến công tác tại [Ban Tổ chức Tỉnh ủy],
# giữ chức vụ [Trưởng ban]" (case 164); at least one of _TAKING_UP must stand there.
_TAKING_UP = {"bổ nhiệm", "giữ", "chức", "chức vụ", "giữ chức", "giữ chức vụ", "bổ nhiệm chức vụ"}
_POSTING_GLUE = _TAKING_UP | {",", "và", "để", "làm"}
# A body counting its holders: "[UBND tỉnh] có 4 [Phó Chủ tịch]", "[HĐND tỉnh] gồm có [Chủ tịch]".
_COUNTING = ({"có"}, {"hiện", "có"}, {"gồm", "có"}, {"gồm"})


# What may open an item of a list of holders before its person: honorifics and ranks, "(gồm) có",
# "các (vị)".
_ITEM_OPENING = lexicon.HONORIFIC_WORDS | {":", "có", "các", "vị"}
# Dashes that open each item of a list of holders, each item a post, its body and the person.
_BULLETS = {"-", "–"}


def decided_by_rules(doc: Doc, groups: list[list[Span]]) -> list[Relation]:
    """Relations the rules decide beside the classifier, not as its features: the holders of
    titles listed after them (`_listed_holders`), where a list may run past the classifier's
    reach, and the bodies bare titles name by their kind (`_bodies_titles_head`), whose head
    is named after "do" (`_bodies_led_by`) or that one is posted to right before the title
    (`_posts_of_the_body_before`), which the classifier's reading of the words between misses."""
    rels: list[Relation] = []
    add = _adding_to(rels)
    for ents in groups:
        _listed_holders(doc, ents, add)
        _titles_all_listed_hold(doc, ents, add)
        _holders_named_together(doc, ents, add)
        _bodies_titles_head(doc, ents, add)
        _bodies_led_by(doc, ents, add)
        _posts_of_the_body_before(doc, ents, add)
    return rels


def _posts_of_the_body_before(doc: Doc, ents: list[Span], add) -> None:
    """A bare title right after the body one is posted to, or the body counting its holders, is
    a post of that body (case 164): "đến nhận công tác tại [Trường Chính trị tỉnh], bổ nhiệm giữ
    chức vụ [Hiệu trưởng]", "[UBND tỉnh] có 4 [Phó Chủ tịch]". The classifier, weighing each body
    of the sentence, gives some of them to a body further off."""
    for k in range(len(ents) - 1):
        if _posted_to(doc, ents, k):
            add(ents[k + 1], ents[k], "title_of")


def _posted_to(doc: Doc, ents: list[Span], k: int) -> bool:
    """ents[k] is a body and the bare title right after it, naming no body of its own, a post of
    it (`_post_of_body`)."""
    return k + 1 < len(ents) and ents[k].label_ == "ORG" and ents[k + 1].label_ == "TITLE" \
        and not _body_after(doc, ents, k + 1) and _post_of_body(doc, ents[k], ents[k + 1])


def _bodies_led_by(doc: Doc, ents: list[Span], add) -> None:
    """A body whose head is named after "do" or "(nơi", with the post after "làm": "[công đoàn
    trường ĐH Y dược] do ông A làm [Chủ tịch]", "[Bệnh viện Tim Hà Nội] (nơi ông Tuấn từng làm
    [Giám đốc])". Not a delegation of the body or one sent by it, which the post heads instead:
    "Đoàn [Chính phủ] do Thủ tướng … làm Trưởng đoàn", "đoàn công tác của [Bộ Chính trị] do …"
    (case 181)."""
    words = words_of(doc)
    for k, body in enumerate(ents):
        if body.label_ != "ORG" or (body.start > 0 and words[body.start - 1].norm_ in {"đoàn", "của"}):
            continue
        after = body.end + 1 if body.end < len(words) and words[body.end].text == "(" else body.end
        if after >= len(words) or words[after].norm_ not in {"do", "nơi"}:
            continue
        end = min(words.sentence(body.start)[1], body.end + 20)
        end = next((j for j in range(after, end) if words[j].text == ";"), end)  # its clause
        for j, title in enumerate(ents[k + 1:], k + 1):
            if title.start >= end:
                break
            if title.label_ == "TITLE" and words[title.start - 1].norm_ == "làm":
                if any(e.label_ == "PER" for e in ents[k + 1:j]):  # the head named before the post
                    add(title, body, "title_of")
                break


def _listed_holders(doc: Doc, ents: list[Span], add) -> None:
    """A title whose holders are listed after "gồm" or a colon (cases 35, 160, 169): "bầu bổ sung
    5 [Ủy viên] UBND tỉnh … gồm các ông [A], Giám đốc Sở Nội vụ; [B], Giám đốc Công an tỉnh; …"
    gives the title to the person who opens each item of the list, unless the item names the
    same post again as the person's own ("ba Tỉnh ủy viên gồm: ông A, [Tỉnh ủy viên], Bí thư …").
    A counted title's holders may also stand in brackets after it (`_bracketed_holders`)."""
    words = words_of(doc)
    bodies = {e.start: e.end for e in ents if e.label_ in {"ORG", "LOC"}}
    for i, title in enumerate(ents):
        if title.label_ != "TITLE":
            continue
        end = words.sentence(title.start)[1]
        start = _holders_listed_from(words, title.end, end, bodies)
        if start is None:
            start, end = _bracketed_holders(words, title, end, bodies) or (None, end)
        if start is None:
            continue
        post = _post_named(title, bodies)
        for person, posts in _list_items(words, ents[i + 1:], start, end, bodies):
            if all(_post_named(p, bodies) != post for p in posts):
                add(person, title, "has_title")


# "đều" (each) or "cùng" (both, together) after a list of people, then the words that say they
# hold a post: "[A] và [B] đều đang là [Phó Giám đốc] Sở", "cùng được bổ nhiệm giữ chức vụ [X]".
_ALL_OF_THEM = {"đều", "cùng"}
_TAKING_A_POST = lexicon.HOLD_A_POST | {"đang", "được", "đã", "từng", "là", "làm", "bổ nhiệm", "bầu"}
_PEOPLE_LIST = lexicon.POST_LIST_GLUE | lexicon.HONORIFIC_WORDS | {"cả", "hai", "ba"}
# Without "đều": the verbs by which people listed as a decision's object take the post after
# them ("bầu ông [A], …, và ông [B], … làm [ủy viên] UBND tỉnh", "chỉ định các ông [A], …; [B], …
# tham gia [ủy viên] Ban Chấp hành", "Các ông bà: [A], [B] tái đắc cử chức danh [Phó Chủ
# tịch]"), and what opens such a list: a personnel verb or a plural honorific.
_TAKING_THE_POST = lexicon.HOLD_A_POST | {"làm", "tham gia", "tái", "tái đắc cử", "đắc cử", "trúng cử"}
_OPENING_A_DECIDED_LIST = {"bầu", "chỉ định", "bổ nhiệm", "điều động", "phân công", "chuẩn y", "phê chuẩn",
                           "các"}  # "các" before an honorific the segmenter cut off it: "Các | ông bà"
_PLURAL_HONORIFICS = {"các ông", "các bà", "các ông bà", "các đồng chí"}
_BEFORE_THE_POST = _TAKING_A_POST | _TAKING_THE_POST


def _titles_all_listed_hold(doc: Doc, ents: list[Span], add) -> None:
    """The posts that people listed before "đều" or "cùng" all hold, each of them: "Bà [A] và bà
    [B], đều là [ủy viên] Đảng đoàn, [Phó Chủ tịch] Hội …" (the training gold links each of the
    people to each post; the classifier, pair by pair, misses the ones far from it). Not "ông A
    cùng điều dưỡng B" (one person: "cùng" means "with") nor "A, B cùng ông C - Chánh …". So
    do people a decision lists before the verb by which they take a post, without "đều" (case
    207, `_TAKING_THE_POST`)."""
    words = words_of(doc)
    ending = {e.end: e for e in ents}
    for i, first in enumerate(ents):
        if first.label_ != "TITLE":
            continue
        k = first.start - 1
        while k >= 0 and words[k].norm_ in _BEFORE_THE_POST:
            k -= 1
        together = k >= 0 and words[k].norm_ in _ALL_OF_THEM
        if together:
            k -= 1
        elif k < 0 or words[k + 1].norm_ not in _TAKING_THE_POST or ending.get(k + 1) is None:
            continue  # without "đều", the list must end right before the verb taking the post
        people, plural = [], False
        while k >= 0:  # back over the list: its people, their posts and bodies, glue, honorifics
            ent = ending.get(k + 1)
            if ent is not None and (ent.label_ == "PER" or ent.label_ in POST_LIST_LABELS):
                if ent.label_ == "PER":
                    people.append(ent)
                k = ent.start - 1
            elif words[k].norm_ in _PEOPLE_LIST or words[k].norm_ == ":":
                plural = plural or words[k].norm_ in _PLURAL_HONORIFICS
                k -= 1
            else:
                break
        opened = plural or (k >= 0 and words[k].norm_ in _OPENING_A_DECIDED_LIST)
        if len(people) < 2 or not (together or opened):
            continue
        posts, end = [first], first.end
        for ent in ents[i + 1:]:  # the posts listed after the first: ", [Phó Chủ tịch] Hội …"
            gap = [w.norm_ for w in words[end:ent.start]]
            if not set(gap) <= lexicon.POST_LIST_GLUE:
                break
            if ent.label_ not in POST_LIST_LABELS:
                break
            if ent.label_ == "TITLE":
                posts.append(ent)
            end = ent.end
        for person in people:
            for post in posts:
                add(person, post, "has_title")


# Between a title (and its bodies) and the first of the people named after it as its holders.
_BEFORE_HOLDERS = {"(", "ông", "bà", "các ông", "các bà", "cho", "đối với"}
_HONORIFIC = {"ông", "bà"}  # not "đồng chí", which names another person after a title (docstring)


def _holders_named_together(doc: Doc, ents: list[Span], add) -> None:
    """People named one after another right after a title, with no post of their own, all hold
    it: "nguyên [Chủ tịch] QH [Nguyễn Văn An] và [Nguyễn Sinh Hùng]", "hai cựu [Chủ tịch] TP Đà
    Nẵng (ông [A] và ông [B])", "bổ nhiệm [Phó Giám đốc] Sở Tư pháp cho ông [A] và ông [B]" (the
    training gold gives the title to the later people in 14 of the 16 such lists). An honorific
    that opens a later name opens the first one too: "[Bí thư] Nhân, ông [Nguyễn Văn Hiếu]" names
    two people, one of them without a post here; so does "đồng chí" ("Chủ tịch Hồ Chí Minh và
    đồng chí Nguyễn Đức Cảnh")."""
    words = words_of(doc)
    for i, title in enumerate(ents):
        if title.label_ != "TITLE":
            continue
        k, end = i + 1, title.end
        while k < len(ents) and ents[k].label_ in {"ORG", "LOC"} and ents[k].start == end:
            end = ents[k].end
            k += 1
        if k >= len(ents) or ents[k].label_ != "PER" or \
                not {w.norm_ for w in words[end:ents[k].start] if not w.is_space} <= _BEFORE_HOLDERS:
            continue
        honoured = ents[k].start > 0 and words[ents[k].start - 1].norm_ in _HONORIFIC
        people = [ents[k]]
        for person in ents[k + 1:]:
            gap = [w.norm_ for w in words[people[-1].end:person.start] if not w.is_space]
            if person.label_ != "PER" or not gap or gap[0] not in {",", "và"} or len(gap) > 2 or \
                    (len(gap) == 2 and (gap[1] not in _HONORIFIC or not honoured)):
                break
            people.append(person)
        last, after = people[-1], (ents[k + len(people)] if k + len(people) < len(ents) else None)
        own_post = after is not None and after.label_ == "TITLE" and \
            {w.norm_ for w in words[last.end:after.start] if not w.is_space} <= {",", "-", "–", "là"}
        if len(people) > 1 and not own_post:
            for person in people:
                add(person, title, "has_title")


_BEFORE_A_COUNTED_POST = {"cựu", "nguyên", "tân"}  # "hai cựu [Chủ tịch] TP Đà Nẵng"


def _bracketed_holders(words: Words, title: Span, end: int, bodies: dict[int, int]) -> tuple[int, int] | None:
    """Where the holders of a counted title are listed in the brackets after it and its body,
    and where the bracket closes (case 35): "Sáu [ủy viên] Bộ Chính trị ([Tổng bí thư] A, [Bí thư]
    Thành ủy TP.HCM B, …)", "hai cựu [Chủ tịch] TP Đà Nẵng (ông A và ông B)"; None when the
    title is not counted or no closed bracket follows its body."""
    k = title.start - 1
    while k >= 0 and words[k].norm_ in _BEFORE_A_COUNTED_POST:
        k -= 1
    opening = bodies.get(title.end, title.end)
    if k < 0 or not words[k].like_num or opening >= end or words[opening].text != "(":
        return None
    close = next((j for j in range(opening + 1, end) if words[j].text == ")"), None)
    return None if close is None else (opening + 1, close)


def _holders_listed_from(words: Words, k: int, end: int, bodies: dict[int, int]) -> int | None:
    """Where the people a title ending at word k goes to are listed: after "gồm" or a colon,
    which win over an "đối với" before them ("… đối với 6 người gồm: A, …"), else after the
    "đối với" or "cho" of a decision on the post (case 176), "cho" only before an honorific
    ("bổ nhiệm … cho ông A", not "cho biết"); None when no list follows."""
    start = holder_list_opens(words, k, end, bodies)
    if start is None:
        start = holder_list_opens(words, k, end, bodies, lexicon.CONCERNED_LIST_OPENERS)
    if start is not None and words[start - 1].norm_ == "cho" and words[start].norm_ not in lexicon.HONORIFIC_WORDS:
        return None
    return start


def _post_named(title: Span, bodies: dict[int, int]) -> tuple[str, str]:
    """A title with the body right after it, in their normalised words: ("ủy viên", "bộ chính trị")."""
    return span_norm(title), span_norm(title.doc[title.end:bodies[title.end]]) if title.end in bodies else ""


def _list_items(words: Words, ents: list[Span], start: int, end: int,
                bodies: dict[int, int]) -> list[tuple[Span, list[Span]]]:
    """The items of a list of holders from word `start`: (the person who opens the item, the
    titles in it). When a title stands before the list's first semicolon, the items carry
    their holders' posts and end at semicolons ("ông A - Giám đốc Sở X; bà B - …"); otherwise
    they are names cut at commas and "và", and the list ends at its first semicolon ("nguyên
    Chủ tịch nước: A, B; Thủ tướng C"). With semicolons, "và" before an honorific also ends an
    item ("…; ông B - Phó trưởng Ban X và bà C - …"). A list whose items open with a dash is cut at
    the dashes only ("- Thượng tướng, Chủ nhiệm Tổng cục Chính trị A - …"). The list ends at a title
    that opens a list of its own, at a second colon, and, with semicolons, at an item with no
    person and no post."""
    at = {e.start: e for e in ents if start <= e.start < end}
    semicolons = [k for k in range(start, end) if words[k].norm_ == ";"]
    with_posts = bool(semicolons) and any(e.label_ == "TITLE" and e.start < semicolons[0] for e in at.values())
    if not with_posts and semicolons:
        end = semicolons[0]
    cuts = {";"} if with_posts else {",", "và"}
    opening_words = _ITEM_OPENING
    first = next((k for k in range(start, end) if not words[k].is_space), end)
    if first < end and words[first].text in _BULLETS:  # "5 [uỷ viên] Ban Bí thư: - [Chánh án] … A - …"
        cuts, opening_words = _BULLETS, _ITEM_OPENING | {","}  # "- Thượng tướng, [Chủ nhiệm] … A"
    items: list[tuple[Span, list[Span]]] = []
    person: Span | None = None
    posts: list[Span] = []
    opening, k = True, start
    while k < end:
        ent = at.get(k)
        if ent is not None:
            if ent.label_ == "TITLE" and holder_list_opens(words, ent.end, end, bodies) is not None:
                break
            if opening and ent.label_ == "PER":
                person = ent
            elif ent.label_ == "TITLE":
                posts.append(ent)
            opening = opening and ent.label_ in POST_LIST_LABELS
            k = ent.end
            continue
        norm = words[k].norm_
        if norm in cuts or (with_posts and norm == "và" and k + 1 < end
                            and words[k + 1].norm_ in lexicon.HONORIFIC_WORDS):
            if person is None and not posts and with_posts:
                return items
            if person is not None:
                items.append((person, posts))
            person, posts, opening = None, [], True
        elif norm == ":" and (items or person is not None):
            break
        elif not (words[k].is_space or norm in opening_words):
            opening = False
        k += 1
    if person is not None:
        items.append((person, posts))
    return items


# Words before the verb by which a body issues a document: "[Quốc hội] cũng đã biểu quyết thông
# qua [Luật …]".
_BEFORE_ISSUING = _JUST | {"cũng", "sẽ", "biểu quyết", "xem xét", "chính thức"}
_SIGNING = {"ký", "ký ban hành", "ban hành"}
_BEFORE_SIGNING = _BEFORE_ISSUING | _SIGNING  # "vừa ký ban hành": the signature, its verb cut in two
# The words after a kind of document that name documents of that kind ("các nghị quyết của Trung
# ương, nhất là Nghị quyết 16"; case 178).
_NAMING_DOCUMENTS = re.compile(r"\b(?:nhất là|như|đặc biệt là|trong đó có)\b|\(")
_DOCUMENT_KINDS = {kind.lower() for kind in lexicon.DOC_TYPE_WORDS}
# Kinds of document whose issuer is fixed: the National Assembly's laws, the Government's
# decrees, the Central Committee's plenum resolutions.
_LAWS = ("luật", "bộ luật", "hiến pháp")  # the National Assembly's
_OWN_ISSUERS = _LAWS + ("pháp lệnh", "nghị định", "nghị quyết trung ương")
_PLENUM_RESOLUTIONS = ("nghị quyết trung ương", "nghị quyết tư", "nghị quyết hội nghị trung ương",
                       "nghị quyết hội nghị ban chấp hành trung ương")
# The words that end a count of documents and name some of them: "6 văn bản, trong đó có".
_AMONG_THEM = re.compile(r"(?:^|\s)(?:trong đó có|bao gồm|gồm|nhất là|đặc biệt là|như)(?: :)?$")
# The kinds of document that decide on a person (K5): the training gold's decides_on are all of them.
_DECIDING_KINDS = ("quyết định", "qđ", "nghị quyết", "công văn")
_LIST_OF_DOCUMENTS = ([","], [";"], ["và"], [",", "và"], [";", "và"])
_JOINT_ISSUERS = ([","], ["và"])


def _issues(gap: list[str], signed: bool) -> bool:
    """The words between a body (or its head who signed, `signed`) and a document say the body
    issued it: an issuing verb within three words ("ban hành", "ký"), "có" after "đã/vừa/mới"
    ("Thủ tướng vừa có Quyết định 171"), or "thông qua" and a signature after auxiliaries only
    ("[Quốc hội] cũng đã biểu quyết thông qua [Luật …]", "[Nguyễn Văn Cao] vừa ký [Quyết định …]").
    The session named right after the body stands outside: "Hội nghị [TƯ] 8 đã thông qua"."""
    gap = _after_session(gap)
    if not gap:
        return False
    last, before = gap[-1], set(gap[:-1])
    if signed:  # "[Nguyễn Văn Cao] vừa ký ban hành [Quyết định …]"
        return last in _SIGNING and before <= _BEFORE_SIGNING
    if last == "thông qua":
        return before <= _BEFORE_ISSUING
    if _one_of_those_issued(gap):
        return True
    issues = any(w in _ISSUE for w in gap) and "tham mưu" not in gap
    has = last == "có" and before <= _JUST
    return len(gap) <= 3 and (issues or has)


def _sharing_the_issuer(documents: list[Span]) -> list[Span]:
    """Of documents listed before their issuer ("[A] và [B] của [ORG]"), the last and those
    before it but a law, a decree or a plenum's resolution named beside a document of another
    kind: those have their own issuers ("[Nghị quyết TƯ 4] và [Chỉ thị 05] của Bộ Chính trị",
    "[Luật …] và [Nghị định …] của Chính phủ"; DOCUMENT-CODES.md)."""
    kind = _kind(documents[-1])
    return [d for d in documents if d is documents[-1] or _kind(d) == kind or not _has_own_issuer(d)]


def _has_own_issuer(document: Span) -> bool:
    """A law, a decree or a plenum's resolution: its issuer is fixed (`_OWN_ISSUERS`)."""
    return _kind(document).startswith(_OWN_ISSUERS)


def _kind(document: Span) -> str:
    """The kind a document's name opens with ("" for "số 19"), a plenum's resolution its own."""
    name = span_norm(document)
    if name.startswith(_PLENUM_RESOLUTIONS):
        return "nghị quyết trung ương"
    return max((kind for kind in _DOCUMENT_KINDS if name.startswith(kind)), key=len, default="")


def _after_session(gap: list[str]) -> list[str]:
    """The gap after a body less the session named right after it ("8", "khóa 12", "lần thứ 6")."""
    k = 0
    while k < len(gap) and (gap[k] in _SESSION_WORDS or _number(gap[k])):
        k += 1
    return gap[k:]


def _one_of_those_issued(gap: list[str]) -> bool:
    """The body issued a number of documents, the one after the gap among them: "[Huyện uỷ] đã
    ban hành 6 văn bản lãnh đạo, trong đó có [Kế hoạch 96-KH/HU]", "Hội nghị [Trung ương] 6
    khóa 12 đã ra 4 nghị quyết, trong đó có [Nghị quyết số 18-NQ/TW]"."""
    verb = next((n for n, word in enumerate(gap) if word in _ISSUE or word == "thông qua"), None)
    if verb is None or not set(gap[:verb]) <= _BEFORE_ISSUING:
        return False
    issued = gap[verb + 1:]
    return len(issued) <= 10 and _AMONG_THEM.search(" ".join(issued)) is not None and \
        any(word in _DOCUMENT_KINDS or word == "văn bản" for word in issued)


def _names_issuer(gap: list[str]) -> bool:
    """The words between a document (its date, its session) and its issuer: "của" or "do", or
    either with the post the body acts through, whose holder is not named ("[Quyết định số 250]
    ngày 20/6/2018 của Bộ trưởng [Bộ Quốc phòng]"; case 177), or with the session of the body
    that passed it ("[Nghị quyết số 18] ngày 25/10/2017 của Hội nghị lần thứ 6 [Ban Chấp hành
    Trung ương]", "của Hội nghị [Trung ương] 6"; case 190)."""
    session = gap.index("hội nghị") if "hội nghị" in gap else len(gap)
    if gap[-1:] and gap[-1] in _BARE_POSTS:
        gap = gap[:-1]
    elif all(map(_doc_tail, gap[session:])):
        gap = gap[:session]
    return bool(gap) and gap[-1] in {"của", "do"} and all(map(_doc_tail, gap[:-1]))


def _body_after(doc: Doc, ents: list[Span], k: int) -> bool:
    """The title ents[k] names its body right after it: "Trưởng ban [Ban X]", "[kế toán] tại [Văn
    phòng Tỉnh ủy]" (case 164)."""
    return k + 1 < len(ents) and ents[k + 1].label_ == "ORG" and \
        _between(doc, ents[k], ents[k + 1]) in ([], ["tại"])


def _bodies_titles_head(doc: Doc, ents: list[Span], add) -> None:
    """A bare title heads the nearest body of its kind before it in the sentence: "[Ban Chỉ đạo
    …] có 21 thành viên, ông A làm [Trưởng ban]", "[đoàn Đại biểu Quốc hội TP Đà Nẵng] do ông B
    làm [trưởng đoàn]" (case 174)."""
    for k, title in enumerate(ents):
        kind = _KIND_A_TITLE_HEADS.get(_post_words(span_norm(title))) if title.label_ == "TITLE" else None
        if kind is None or _body_after(doc, ents, k) or (
                k + 1 < len(ents) and _of_kind(ents[k + 1], kind)):
            continue  # "nguyên [Phó Viện trưởng] phụ trách [Viện Kiểm sát quân sự …]"
        body = next((b for b in reversed(ents[:k]) if _of_kind(b, kind)), None)
        if body is not None:
            add(title, body, "title_of")


def _of_kind(span: Span, kind: str) -> bool:
    """A body whose name starts with `kind` and that a title of that kind heads."""
    name = span_norm(span)
    return span.label_ == "ORG" and name.startswith(kind + " ") and not name.startswith(_BODIES_HEADED_OTHERWISE)


def _shares_a_body(title: Span, other: Span, glue: list[str]) -> bool:
    """A bare post that takes the body of the post `other` it is held with, joined by `glue`: not
    a party secretary's, whose body is the party committee ("[Bí thư] kiêm Chủ tịch [UBND
    huyện]"), nor a member's post that names its committee ("Tỉnh ủy viên - Phó Trưởng Đoàn …").
    After a comma only a member's bare post ("[ủy viên], Phó Chủ nhiệm [UB Kiểm tra Tỉnh ủy]")
    or the deputy of the same post ("[Phó chủ tịch], Chủ tịch [UBND TP Thái Nguyên]") does."""
    name = span_norm(title)
    if glue == [","]:
        return name == "ủy viên" or name == "phó " + span_norm(other)
    return glue in _SHARING and name in _BARE_POSTS and not name.endswith("ủy viên") and "bí thư" not in name


def _post_words(title: str) -> str:
    """A title's normalised words (`span_norm`) without its deputy and standing marks: "phó
    trưởng ban thường trực" is "trưởng ban"."""
    return title.removeprefix("phó ").removesuffix(" thường trực")


def _post_of_body(doc: Doc, body: Span, title: Span) -> bool:
    """A bare title after the body it is a post of: the body one is posted to ("tại [ORG], bổ
    nhiệm giữ chức vụ [TITLE]") or a body counting its holders ("[ORG] hiện có 4 [TITLE]")."""
    gap = _between(doc, body, title)
    posted = body.start > 0 and doc[body.start - 1].norm_ == "tại" and \
        any(w in _TAKING_UP for w in gap) and all(w in _POSTING_GLUE for w in gap)
    counted = {w for w in gap if not w.isdigit()} in _COUNTING and sum(w.isdigit() for w in gap) <= 1
    return posted or counted


def _listed_from(doc: Doc, ents: list[Span], k: int, glue: tuple[list[str], ...]) -> list[Span]:
    """ents[k] and the entities of its label listed right after it, each joined to the one
    before by one of `glue`: the bodies that issued a document together after "của" ("Quy chế
    làm việc của [Ban Chấp hành Trung ương], [Bộ Chính trị], [Ban Bí thư]"), the documents a
    body issued one after another ("thông qua [Luật A]; [Luật B] và [Luật C]"; the training
    gold links all 17 such lists)."""
    listed = [ents[k]]
    for nxt in ents[k + 1:]:
        if nxt.label_ != ents[k].label_ or _between(doc, listed[-1], nxt) not in glue:
            break
        listed.append(nxt)
    return listed


def _named_after_their_kind(doc: Doc, ents: list[Span], add) -> None:
    """Documents named after the kind of a body's documents were issued by it: "các nghị quyết
    của [Trung ương] về xây dựng Đảng, nhất là [Nghị quyết 16], [18], [19]", "các nghị quyết,
    kết luận của [Trung ương] ([Nghị quyết Trung ương 7], khóa 8; [Kết luận 64], …)"; a document
    of another kind does not follow them (case 178)."""
    words = words_of(doc)
    for k, body in enumerate(ents):
        if body.label_ != "ORG" or body.start < 2 or words[body.start - 1].norm_ != "của":
            continue
        kinds = _kinds_named_before(words, body.start - 1)
        if not kinds:
            continue
        named, last = False, body
        for document in ents[k + 1:]:
            if document.label_ != "DOC":
                continue
            gap = _between(doc, last, document)
            named = named or _NAMING_DOCUMENTS.search(" ".join(gap)) is not None  # "như", not "nhưng"
            listed = last is not body and last.label_ == "DOC" and gap in ([","], ["và"], [",", "và"])
            name = span_norm(document)
            if named and (name.startswith(kinds) or (listed and name.isdigit())):
                add(document, body, "issued_by")
                last = document


_LEGISLATURES = {"quốc hội", "qh"}
# The assembly's other business, after which the laws named are not those it passed: "đã thông
# qua nhiều luật, nghị quyết và thảo luận về [Luật Việc làm]".
_OTHER_BUSINESS = {"thảo luận", "cho ý kiến", "góp ý", "nghe", "xem xét"}


def _laws_passed(doc: Doc, ents: list[Span], add) -> None:
    """The laws a sentence says the National Assembly passed are its own, however far after the
    verb and however listed: "[Quốc hội] khoá 14; Kỳ họp đã thông qua 7 dự án Luật, bao gồm:
    [Luật An ninh mạng], [Luật Tố cáo], …", "[QH] … thông qua [Luật công an nhân dân]; Luật sửa
    đổi, bổ sung [Luật khiếu nại, tố cáo]" (case 208). The body must be the nearest before the
    verb: "Quốc hội đề nghị Chính phủ thông qua" is not its passing."""
    words = words_of(doc)
    verb = next((k for k in range(ents[0].start, ents[-1].start) if words[k].norm_ == "thông qua"), None)
    if verb is None:
        return
    body = next((e for e in reversed(ents) if e.label_ == "ORG" and e.end <= verb), None)
    if body is None or span_norm(body) not in _LEGISLATURES:
        return
    end = next((k for k in range(verb + 1, ents[-1].start) if words[k].norm_ in _OTHER_BUSINESS), ents[-1].end)
    for document in ents:
        if document.label_ == "DOC" and verb < document.start < end and _kind(document) in _LAWS:
            add(document, body, "issued_by")


def _listed_before_kinds(doc: Doc, ents: list[Span], add) -> None:
    """Documents listed before kinds of document that "của" gives an issuer share it: "trái với
    [Cương lĩnh chính trị], [Điều lệ Đảng], nghị quyết, chỉ thị, quy định của [Đảng]" (case
    209); not a law, a decree or a plenum's resolution, which have their own ("theo [Hiến pháp],
    Nghị quyết của [Đảng]")."""
    for k, body in enumerate(ents):
        if body.label_ != "ORG" or k == 0 or ents[k - 1].label_ != "DOC":
            continue
        gap = _between(doc, ents[k - 1], body)
        if gap[-1:] != ["của"] or gap[:1] != [","]:
            continue
        kinds = [w for w in gap[1:-1] if w != ","]
        if not kinds or not all(w in _DOCUMENT_KINDS for w in kinds):
            continue
        listed = [ents[k - 1]]
        for document in reversed(ents[:k - 1]):
            if document.label_ != "DOC" or _between(doc, document, listed[-1]) not in _JOINT_ISSUERS:
                break
            listed.append(document)
        for document in listed:
            if not _has_own_issuer(document):
                add(document, body, "issued_by")


def _kinds_named_before(words: Words, end: int) -> tuple[str, ...]:
    """The kinds of document that "các"/"những" names right before word `end`: "các [nghị quyết],
    [kết luận]" gives ("nghị quyết", "kết luận"); nothing when other words stand there."""
    kinds, k = [], end - 1
    while k >= 0 and (words[k].norm_ in _DOCUMENT_KINDS or words[k].norm_ in {",", "và"}):
        if words[k].norm_ in _DOCUMENT_KINDS:
            kinds.append(words[k].norm_)
        k -= 1
    return tuple(kinds) if k >= 0 and words[k].norm_ in {"các", "những"} else ()


def _decides_on(doc: Doc, ents: list[Span], add) -> None:
    """"Quyết định số 1889/QĐ-UBND điều động ông [X]", "trao Quyết định … cho ông [X]": a
    personnel verb between a decision and the people named after it. Only a document of a
    deciding kind decides (K5, case 179): the proposal, regulation or decree a decision rests on
    ("căn cứ [Quy định số 102-QĐ/TW] …, Bộ Chính trị quyết định … ông [X]") does not."""
    words = words_of(doc)
    for i, ent in enumerate(ents):
        if ent.label_ != "DOC" or not span_norm(ent).startswith(_DECIDING_KINDS):
            continue
        bracketed = _in_brackets_after_its_clause(words, ent.start)
        if bracketed or _cited(words, ent.start):  # cited as the reason ending its clause: case 206
            for person in _clause_people(words, ents[:i], ent.start):
                add(ent, person, "decides_on")
        if bracketed:
            continue
        for person in _people_of_a_fronted_decision(doc, ents, i):
            add(ent, person, "decides_on")
        verb_seen = False
        prev = ent
        for nxt in ents[i + 1:]:
            gap = _between(doc, prev, nxt)
            verb_seen = verb_seen or any(w in PERSONNEL_VERBS for w in gap)
            if nxt.label_ == "DOC" and not verb_seen and gap in _DECISIONS_LISTED:
                prev = nxt  # "[QĐ 1666], ngày D và [QĐ 1668], ngày D, Thủ tướng phê chuẩn … ông [A]"
                continue
            if nxt.label_ == "DOC" or len(gap) > 12:
                break
            if nxt.label_ == "PER" and verb_seen:
                add(ent, nxt, "decides_on")
            prev = nxt


_DECISIONS_LISTED = ([","], ["và"], [",", "và"])
# Before a personnel verb whose object is the person named before it: "ông A … được bổ nhiệm".
_PASSIVE = {"được", "bị"}
# What may open a sentence before a decision cited at its head (however the words are cut).
_LEADS = {"", "cụ thể", "theo đó"}


def _people_of_a_fronted_decision(doc: Doc, ents: list[Span], i: int) -> list[Span]:
    """The people a decision cited at the head of its sentence concerns, named before the
    passive verb that says what it does to them: "Theo [Quyết định số 250/QĐ-BQP] ngày 20/6/2018
    của Bộ trưởng Bộ Quốc phòng, Đại tá [Hoàng Văn Hùng], Chủ nhiệm Chính trị …, được bổ nhiệm",
    "tại [Quyết định 100/QĐ-UBND], ông [Nguyễn Công Sơn], Giám đốc Sở Ngoại vụ bị kỷ luật"."""
    words = words_of(doc)
    document = ents[i]
    first, end = words.sentence(document.start)
    cited = document.start - 1
    lead = " ".join(w.norm_ for w in words[first:max(first, cited)] if not (w.is_punct or w.is_space))
    if cited < first or not _cited(words, document.start) or lead not in _LEADS:
        return []
    clause_end = next((k for k in range(document.end, end) if words[k].text == ";"), end)
    verb = next((k for k in range(document.end, clause_end - 1)
                 if words[k].norm_ in _PASSIVE and words[k + 1].norm_ in PERSONNEL_VERBS), None)
    if verb is None:
        return []
    return [e for e in ents[i + 1:] if e.label_ == "PER" and e.end <= verb]


def _in_brackets_after_its_clause(words: Words, start: int) -> bool:
    """A decision cited in brackets at the end of the clause it decided: "bổ nhiệm ông [A] giữ
    chức vụ … ([theo] [Quyết định 838-QĐ/TU] ngày 2/8 …); Luân chuyển ông B …" (case 180)."""
    k = start - 1
    if k >= 0 and words[k].norm_ in {"theo", "tại"}:
        k -= 1
    return k >= 0 and words[k].text == "("


_CITING = {"tại", "theo"}  # before a document a body acts by: "tại [Quyết định …]"


def _cited(words: Words, start: int) -> bool:
    """The document at word `start` is cited after "tại" or "theo": the one a body acts by
    ("[Bộ Chính trị] … tại [Quyết định …]", "Tại [Quyết định …], [Thủ tướng] bổ nhiệm …") or the
    reason ending a clause ("… do bị kỷ luật về Đảng theo [quyết định số 695-QĐ/UBKTTW]")."""
    return start > 0 and words[start - 1].norm_ in _CITING


def _clause_people(words: Words, before: list[Span], end: int) -> list[Span]:
    """The people among `before` that the clause ending at word `end` names after its personnel
    verb; the clause starts at its sentence's start or after the last ";" before `end`."""
    start = words.sentence(end)[0]
    start = next((k + 1 for k in range(end - 1, start - 1, -1) if words[k].text == ";"), start)
    verb = next((k for k in range(start, end) if words[k].norm_ in PERSONNEL_VERBS), None)
    return [] if verb is None else [span for span in before if span.label_ == "PER" and span.start > verb]


def _decided_at(doc: Doc, ents: list[Span], i: int) -> Span | None:
    """The body whose decision ents[i] is, cited after "tại" or "theo" at the end of the clause
    the body decides in: "[Bộ Chính trị] đã thi hành kỷ luật … tại [Quyết định số 823-QĐNS/TW]".
    Not when the document's own issuer follows it ("theo [Quyết định …] của [Bộ Nội vụ]")."""
    words = words_of(doc)
    document = ents[i]
    if not _cited(words, document.start) or _issuer_named_after(doc, ents, i):
        return None
    for k in range(i - 1, -1, -1):
        ent = ents[k]
        if ent.label_ == "DOC" or any(w.text == ";" for w in words[ent.end:document.start]):
            return None
        if ent.label_ == "ORG":
            return ent if decides_at(words, ent.end, document.start) else None
    return None


def _issuer_named_after(doc: Doc, ents: list[Span], i: int) -> bool:
    """The document ents[i] names its own issuer after it, its date between: "[Kế hoạch 84-KH/TU],
    ngày 21/9 của [Ban Thường vụ Tỉnh ủy]"."""
    k = i + 1
    while k < len(ents) and ents[k].label_ == "DATE":
        k += 1
    return k < len(ents) and ents[k].label_ == "ORG" and _names_issuer(_between(doc, ents[k - 1], ents[k]))


def _decides_by(doc: Doc, document: Span, body: Span) -> bool:
    """"Tại Quyết định 589/QĐ-TTg, [Thủ tướng] bổ nhiệm …": the body after a fronted "tại/theo
    DOC," acts by it, so it issued it; so too after a document that opens the sentence:
    "[Quyết định 1666/QĐ-TTg], ngày D, [Thủ tướng Chính phủ] phê chuẩn …" (case 210)."""
    words = words_of(doc)
    fronted = document.start == words.sentence(document.start)[0] or _cited(words, document.start)
    return fronted and decides_at(words, body.end, len(doc))


def _date_opening(doc: Doc, ents: list[Span], i: int) -> Span | None:
    """The date that opens the clause of the body ents[i], which issues a document: "Ngày D,
    [ORG] ban hành", or through the post and the person who signed for it: "Ngày D, ông A, Bí
    thư [Huyện ủy X] ký", or the post alone when its holder is not named: "Chiều D, tổng thư
    ký [Quốc hội] đã có thông cáo" (no TITLE then, case 177)."""
    j = i - 1
    if j >= 0 and ents[j].label_ == "TITLE" and not _between(doc, ents[j], ents[i]):
        j -= 1
        if j >= 0 and ents[j].label_ == "PER" and _between(doc, ents[j], ents[j + 1]) in ([","], ["-"], ["–"]):
            j -= 1
    if j < 0 or ents[j].label_ != "DATE":
        return None
    gap = _between(doc, ents[j], ents[j + 1])
    signer = gap[1:]
    return ents[j] if not gap or (gap[0] == "," and (set(signer) <= lexicon.HONORIFIC_WORDS or (
        len(signer) == 1 and signer[0] in _BARE_POSTS))) else None


def _dated_after(doc: Doc, ents: list[Span], k: int) -> bool:
    """The document ents[k] gives its own date after it ("Quyết định số 5, ngày 3/4/2019")."""
    return k + 1 < len(ents) and ents[k + 1].label_ == "DATE" and \
        all(map(_doc_tail, _between(doc, ents[k], ents[k + 1])))


def _doc_tail(word: str) -> bool:
    """Words that may stand between a document and its date or issuer."""
    return word in _DOC_TAIL or _number(word)


def _number(word: str) -> bool:
    """A number in figures or in Roman ones (as its norm reads: "12", "xii")."""
    return word.isdigit() or (bool(word) and all(c in "ivxlc" for c in word))
