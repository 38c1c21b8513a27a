"""The guidelines' rules that the merged entity spans of a Doc must still satisfy
(`AFTER_MERGE`, applied in order by the entity stage after the model's and the rules' spans
meet): what a span may and may not be, whoever proposed it. Each check is a function (Doc,
spans) -> spans, cites the guidelines' rule or case it keeps, and is tested on its own."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator

from spacy.tokens import Doc, Span

from . import lexicon
from .entity_rules import (
    A_PEOPLE,
    BYLINE_SOURCE,
    LAW_HEADS,
    LEVELS,
    MINISTERS,
    bracketed_abbreviation,
    byline_names,
    called_by_given_name,
    counts,
    holder_start,
    joined_activities_end,
    leaves_place_implied,
    names_many,
    opens_photo_credit,
    person_named_at,
    portfolio_end,
)
from .extensions import doc_text
from .gazetteer import LEVEL_WORDS, Gazetteer
from .schema import KIND_CODE, KIND_ORG, KIND_TITLE, POST_LIST_LABELS, word_kind
from .shapes import RANGE_JOINS, ROMAN
from .spans import sentence_numbers, span_from
from .words import Word, Words, span_form, span_norm, span_text, words_of


def titles_with_a_person(doc: Doc, spans: list[Span]) -> list[Span]:
    """Guidelines rule 2: a TITLE is marked only when a named person in its sentence holds
    it, so a TITLE in a sentence without any PER is dropped."""
    if not any(s.label_ == "TITLE" for s in spans):
        return spans
    sentence = sentence_numbers(doc)
    with_person = {sentence[s.start] for s in spans if s.label_ == "PER"}
    return [s for s in spans if s.label_ != "TITLE" or sentence[s.start] in with_person]


# Case 37: a post someone is put forward for ("giới thiệu để bầu giữ chức [Chủ tịch] UBND huyện",
# "được quy hoạch lên Trưởng ban", "dự kiến bổ nhiệm giữ chức vụ Giám đốc Sở") is not held.
_PROPOSALS = {"giới thiệu", "quy hoạch", "dự kiến", "đề xuất"}
_TO_A_POST = {"bầu", "ứng cử", "bổ nhiệm", "lên"}  # the verb the proposal puts before the post
_POST_WORDS = lexicon.HOLD_A_POST | {"vào", "làm"}  # between that verb and the title
# The verbs of an election, which the segmenter may join to the next word ("bầu giữ", "bầu cử",
# "hiệp thương cử"), and of an appointment; what stands before them in their clause says
# whether the post is only put forward (`_put_forward`).
_ELECTING = ("bầu", "hiệp thương", "ứng cử", "đề cử")
_APPOINTING = ("bổ nhiệm", "phê chuẩn")
_NOMINATING = {"giới thiệu", "đề cử", "ứng cử"}
_VOTE_HELD = {"đã", "nhất trí", "được"}  # after the cue: "…, HĐND tỉnh đã nhất trí bầu …"
_DONE = {"được", "đã", "vừa"}  # "… và đã được bầu giữ chức": an election, not a proposal
_UNFILLED = {"thi tuyển", "kiện toàn"}  # "thi tuyển chức danh Phó Giám đốc Sở": a post to fill
_TO_WHOM = {"đối với", "cho"}  # "bầu bổ sung chức vụ Phó Chủ tịch UBND tỉnh đối với ông X"
_CLAUSE_ENDS = {".", ";", ":", "?", "!"}
# Words that bring the holders after a title: "[Phó Chủ tịch] Ủy ban MTTQ … nhiệm kỳ 2019-2024 gồm: A, B".
_HOLDERS_FOLLOW = (lexicon.HOLDER_LIST_OPENERS - {":"}) | {"là"}
HOLDERS_REACH = 8  # words after the title and its body in which those may come
PROPOSAL_REACH = 20  # words back from the verb to the proposal word, or on from the title to its holder
PASSIVE_REACH = 4  # words back from "bầu" to the "được" of "được HĐND tỉnh bầu"


def _verb_before(words: Words, start: int, ends: dict[int, Span]) -> int:
    """Index of the word before the list of posts the title at `start` is in and the words
    "giữ chức (vụ/danh)" before that list (-1 at the start of the Doc)."""
    i = start - 1
    while i >= 0 and (i + 1 in ends or words[i].norm_ in lexicon.POST_LIST_GLUE):
        i = ends[i + 1].start - 1 if i + 1 in ends else i - 1
    while i >= 0 and words[i].norm_ in _POST_WORDS:
        i -= 1
    return i


def _in_clause(words: Words, positions: range) -> Iterator[int]:
    """The positions up to the end of the clause (its sentence, or a clause mark)."""
    for j in positions:
        if words[j].norm_ in _CLAUSE_ENDS:
            return
        yield j
        start, end = words.sentence(j)
        if j == start or j + 1 == end < len(words):  # word j starts its sentence, or the next word does
            return


def _not_held(words: Words, title: Span, ends: dict[int, Span], named: set[int], people: set[int]) -> bool:
    """Whether the post named by `title` is only proposed, to be filled or elected to with no
    one named: "thi tuyển" or "kiện toàn" before it, an election or appointment its clause puts
    forward (`_put_forward`), "bầu (bổ sung)" before it with no one named in its clause ("…
    đối với ông X" or a name after it, "ông X được HĐND tỉnh bầu …" before it), or a proposal
    word earlier in the clause before its verb (not in a name, `named`: "Phòng Tổng hợp - Quy
    hoạch")."""
    i = _verb_before(words, title.start, ends)
    if i < 1 or words[i - 1].norm_ in _DONE:
        return False
    verb = words[i].norm_
    two_words = f"{words[i - 1].norm_} {verb}"  # the segmenter may split them: "thi | tuyển"
    if verb in _UNFILLED or two_words in _UNFILLED:
        return True
    before = list(_in_clause(words, range(i - 1, max(-1, i - 1 - PROPOSAL_REACH), -1)))  # nearest first
    k, earlier = (i - 1, before[1:]) if verb == "bổ sung" and before else (i, before)  # "bầu | bổ sung"
    if words[k].norm_.startswith(_ELECTING + _APPOINTING) \
            and _put_forward(words[k].norm_, [words[j].norm_ for j in reversed(earlier)]):
        return True
    if verb == "bầu" or two_words == "bầu bổ sung":
        after = _in_clause(words, range(title.end, min(len(words), title.end + PROPOSAL_REACH)))
        named_after = any(j in people or words[j].norm_ in _TO_WHOM | _HOLDERS_FOLLOW for j in after)
        passive = any(words[j].norm_ == "được" for j in before[:PASSIVE_REACH])  # "được HĐND TP bầu làm"
        if not (named_after or passive or people.intersection(before)):
            return True
    return verb in _TO_A_POST and any(words[j].norm_ in _PROPOSALS and j not in named for j in before)


def _put_forward(verb: str, before: list[str]) -> bool:
    """The clause's words `before` an election or appointment verb (in text order) put the post
    forward: a nomination ("giới thiệu để HĐND huyện bầu giữ chức"), the purpose of a move ("để
    hiệp thương cử giữ chức"; an appointment so purposed is made: the training gold marks "để
    bổ nhiệm giữ chức"), a time to come ("cho đến khi HĐND tỉnh bầu Chủ tịch … mới", "sẽ bầu",
    "về việc bầu"), with no word after that cue saying the vote was held ("trên cơ sở giới thiệu
    nhân sự …, HĐND tỉnh đã … nhất trí bầu bổ sung chức vụ Phó Chủ tịch")."""
    electing = verb.startswith(_ELECTING)
    cue = max((n for n, w in enumerate(before) if w in _NOMINATING or (w == "khi" and before[n - 1:n] == ["đến"])
               or (electing and w == "để")), default=None)
    if cue is None:
        return electing and (before[-2:] == ["về", "việc"] or before[-1:] == ["sẽ"])
    return not _VOTE_HELD.intersection(before[cue + 1:])


def no_title_for_a_proposed_post(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 37 and 156: a nomination, a post to fill and an election that names no one say
    nothing about who holds the post, so its title is not marked (80 of the 81 such titles
    after a nomination in the training articles are unmarked)."""
    if not any(s.label_ == "TITLE" for s in spans):
        return spans
    ends = {s.end: s for s in spans if s.label_ in POST_LIST_LABELS}
    named = {i for s in spans for i in range(s.start, s.end)}
    people = {s.start for s in spans if s.label_ == "PER"}
    words = words_of(doc)
    return [s for s in spans if s.label_ != "TITLE" or not _not_held(words, s, ends, named, people)]


def no_title_for_an_unnamed_subject(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 2: a title that opens its sentence, with its body, and is followed by what the
    holder does, names no one: "[Chủ tịch] UBND tỉnh chỉ đạo …", "Trưởng Ban Tuyên giáo TƯ cũng
    đề nghị …" speak of the person named before. A name, an honorific or a punctuation mark
    after it gives it its holder ("Chủ tịch UBND tỉnh Nguyễn Văn A", "…, ông …"), and so does a
    list of holders that follows ("… gồm: A, B"). A connective and its comma may come first
    (case 161: "Đồng thời, Bí thư Tỉnh ủy trao …")."""
    starts = {s.start: s for s in spans}
    words = words_of(doc)
    sentence = words.sentence_of
    named = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        if span.label_ == "TITLE" and _opens_its_sentence(words, span.start, named):
            k = span.end
            if k in starts and starts[k].label_ in {"ORG", "LOC"}:
                k = starts[k].end
            if k < len(words) and sentence[k] == sentence[span.start] and k not in starts \
                    and words[k].orth_[:1].islower() and words[k].norm_ not in lexicon.HONORIFIC_WORDS \
                    and not any(t.norm_ in _HOLDERS_FOLLOW for t in words[k:k + HOLDERS_REACH]):
                continue
        out.append(span)
    return out


# Connectives that may stand before a sentence's subject (case 161): "Theo đó, Chủ tịch UBND tỉnh đã …".
_CONNECTIVES = {"theo đó", "do đó", "sau đó", "đồng thời", "vì vậy", "tuy nhiên", "ngoài ra", "trước đó",
                "bên cạnh đó", "cùng ngày", "cũng tại hội nghị", "tại hội nghị", "tại buổi lễ"}


def _opens_its_sentence(words: Words, i: int, named: Collection[int] = ()) -> bool:
    """Word i starts its sentence, or follows only a connective and its comma, or follows a
    clause put before the subject, in lower case, with no name, post or body in its last three
    words (`named`: the words of the spans): "Từ thực tế trên, Bí thư Thành ủy …", not "ông A,
    Bí thư Tỉnh ủy …" nor "chị A - cán bộ, Bí thư Chi đoàn …"."""
    first = words.sentence(i)[0]
    if first == i:
        return True
    if i - first < 2 or words[i - 1].orth_ != ",":
        return False
    return " ".join(t.norm_ for t in words[first:i - 1]) in _CONNECTIVES or \
        (words[i - 2].orth_[:1].islower() and not any(k in named for k in range(max(first, i - 4), i - 1)))


_DOTTED_LEVELS = {level.lower().rstrip(".") for level in lexicon.ADMIN_LEVELS if level.endswith(".")}


def places_with_their_level(doc: Doc, spans: list[Span]) -> list[Span]:
    """Guidelines rule 8: a place's level word is inside it ("[TP. Vinh]", "[huyện Cẩm
    Giàng]") unless it is shared by a list ("các huyện [An Lão], Kiến Thụy"). The model now
    and then leaves the level word out, or takes it in after "các"; this puts it right."""
    if not any(s.label_ == "LOC" for s in spans):
        return spans
    taken = {i for s in spans for i in range(s.start, s.end)}
    words = words_of(doc)
    sentence = words.sentence_of

    def plural(i: int) -> bool:
        return i >= 0 and counts(words, i)

    out = []
    for span in spans:
        start = span.start
        if span.label_ == "LOC":
            j = start - 1
            if j >= 1 and words[j].orth_ == "." and words[j - 1].norm_ in _DOTTED_LEVELS:
                j -= 1
            if j >= 0 and words[j].norm_.rstrip(".") in LEVELS and not taken.intersection(range(j, start)) \
                    and sentence[j] == sentence[start] and not plural(j - 1):  # no sentence starts in j+1..start
                start = j
            elif words[start].norm_ in LEVELS and span.end - start > 1 and plural(start - 1):
                start += 1
        if start != span.start:
            span = span_from(span, start, span.end)
        out.append(span)
    return out


def without_nationalities(doc: Doc, spans: list[Span]) -> list[Span]:
    """Guidelines case 40: a people is no place. "người [Trung Quốc]", "dân tộc Việt Nam",
    "quốc tịch Việt Nam" name a nationality, and the gold data never marks a place right after
    those words; residents ("người dân [Nghệ An]") are another word."""
    words = words_of(doc)
    return [s for s in spans if s.label_ != "LOC" or s.start == 0 or words[s.start - 1].norm_ not in A_PEOPLE]


# Words after which "Đảng" alone qualifies a noun or follows a preposition other than "của".
_PARTY_AS_MODIFIER = {"lãnh đạo", "vào", "trong", "khỏi", "xây dựng", "chỉnh đốn", "tổ chức", "cơ quan",
                      "ban", "khối", "kỷ luật", "tuổi", "kết nạp", "nạp", "mặt", "về mặt", "công tác",
                      "sinh hoạt", "bảo vệ", "với", "đối với", "trước", "cho", "toàn"}


def the_party_where_it_acts(doc: Doc, spans: list[Span]) -> list[Span]:
    """Guidelines case 105: "Đảng" alone is a body where it owns or acts ("đường lối của
    [Đảng]", "nhiệm vụ mà [Đảng] giao"), not where it qualifies a noun or follows another
    preposition ("các lãnh đạo Đảng, Nhà nước", "vào Đảng năm 1997", "tin tưởng vào Đảng")."""
    words = words_of(doc)
    return [s for s in spans if not (s.label_ == "ORG" and s.start > 0 and span_form(s) == "Đảng"
                                     and words[s.start - 1].norm_ in _PARTY_AS_MODIFIER)]


# The police named alone as a force or a sector (cases 148, 199), and the centre named as a level
# (cases 116 and 198): after these words "TƯ" or "Trung ương" is where, not who.
_THE_POLICE = {"cand", "công an nhân dân", "công an xã"}
_CENTRE = {word.lower() for word in lexicon.CENTRE_WORDS}  # as `span_norm` reads them
_CENTRE_AS_A_LEVEL = {"thuộc", "trực thuộc", "cơ quan", "ngành", "ở"}


def no_body_for_a_force_or_a_level(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 148: "Công an nhân dân" ("CAND") alone names the police as a force or a sector, no
    body ("xây dựng lực lượng CAND", "tổ chức Đảng trong CAND"), but the newspaper after "Theo"
    (case 43); so does "Công an xã" with no commune named ("bố trí Công an xã chính quy", case
    199). Cases 116 and 198: the centre after "trực thuộc", "cơ quan", "ngành" or "ở" is the
    central level ("các đảng bộ trực thuộc TƯ", "các bộ, ngành Trung ương", "ở TƯ không có
    chạy"), no body."""
    words = words_of(doc)

    def before(span: Span) -> str:
        return words[span.start - 1].norm_ if span.start else ""

    return [s for s in spans if not (s.label_ == "ORG" and (
        (span_norm(s) in _THE_POLICE and before(s) != "theo")
        or (span_norm(s) in _CENTRE and before(s) in _CENTRE_AS_A_LEVEL)))]


def known_names_whole(doc: Doc, spans: list[Span]) -> list[Span]:
    """A place or document the rules know whole is taken whole: a model span inside a rule
    span of its label grows to it ("Thừa Thiên" -> "[tỉnh Thừa Thiên - Huế]", "Luật Bảo vệ" ->
    "[Luật Bảo vệ và phát triển rừng]", "Sơn Trà" -> "[bán đảo Sơn Trà]"), as does a body the
    model cut at a dash or "của" (_cut_at_a_joint); a law the model ran on past its name stops
    there ("Luật Thủ đô trình" -> "[Luật Thủ đô]")."""
    rules = [(r.start, r.end, r.label_) for r in doc._.rule_spans or [] if r.label_ in {"LOC", "DOC", "ORG"}]
    if not rules:
        return spans
    over: dict[tuple[str, int], list[int]] = {}  # (label, word): the rules of that label over the word
    for m, (r_start, r_end, r_label) in enumerate(rules):
        for i in range(r_start, r_end):
            over.setdefault((r_label, i), []).append(m)
    words = words_of(doc)
    keys = [(s.start, s.end, s.label_) for s in spans]
    out: list[Span | None] = list(spans)
    for n, (start, end, label) in enumerate(keys):
        if out[n] is None:
            continue
        for m in sorted({m for i in range(start, end) for m in over.get((label, i), ())}):  # those it overlaps
            rule = rules[m]
            r_start, r_end, _ = rule
            if rule == keys[n]:
                continue
            inside = r_start <= start and end <= r_end and (
                label != "ORG" or _cut_at_a_joint(words, r_start, start, end))
            law_run_on = (label == "DOC" and r_start == start < r_end < end and words[r_start].norm_ in LAW_HEADS)
            if not (inside or law_run_on):
                continue
            others = [k for k, o in enumerate(keys) if k != n and out[k] is not None
                      and o[0] < r_end and r_start < o[1]]
            if all(keys[k][2] == label and r_start <= keys[k][0] and keys[k][1] <= r_end for k in others):
                # with its pieces: "[Thừa Thiên] - [Huế]"
                out[n] = span_from(spans[n], r_start, r_end, label, source="model+rules")
                for k in others:
                    out[k] = None
                break
    return [s for s in out if s is not None]


def documents_whole(doc: Doc, spans: list[Span]) -> list[Span]:
    """A document the rules read (DOC is theirs alone, `labels`) is one DOC even where the model
    read bodies or posts inside its name, as the merge's `give_way` makes it where a model span
    starts it: "[Quy định về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là ủy viên
    Bộ Chính trị, ủy viên Ban Bí thư]" (rule 12, case 124) rather than "… ủy viên [Ban Bí thư]".
    The model's spans inside it leave; one that reaches out of it keeps its words and the
    document stays unmarked."""
    documents = [r for r in doc._.rule_spans or [] if r.label_ == "DOC"]
    if not documents:
        return spans
    out = list(spans)
    for document in documents:
        inside = [s for s in out if s.start < document.end and document.start < s.end]
        if inside and all(document.start <= s.start and s.end <= document.end for s in inside) \
                and not any((s.start, s.end, s.label_) == (document.start, document.end, "DOC") for s in inside):
            out = sorted([s for s in out if s not in inside] + [document], key=lambda s: s.start)
    return out


def holders_out_of_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """A holder's name after the body or place is a PER of its own, not part of it: "[Ban Tuyên
    giáo Trung ương] [Bùi Trường Giang]", "[đoàn ĐBQH tỉnh] [Trần Quốc Tỏ]"
    (entity_rules.holder_start says where such a name starts). A level word left alone
    completes the title before it ("[Chủ tịch tỉnh] [Thái Thanh Quý]", case 76) or goes."""
    places, words = doc._.place_tags or [], words_of(doc)
    out: list[Span] = []
    for span in spans:
        cut = holder_start(words, span.start, span.end, places) if span.label_ in {"ORG", "LOC"} else None
        if cut is None:
            out.append(span)
            continue
        if cut > span.start + 1 or not leaves_place_implied(doc[span.start]):
            out.append(span_from(span, span.start, cut))
        elif out and out[-1].label_ == "TITLE" and out[-1].end == span.start:
            out[-1] = span_from(out[-1], out[-1].start, cut)
        out.append(span_from(span, cut, span.end, "PER"))
    return out


def people_after_their_post(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 2 and case 36's pattern "[title] [body] [name]": a full name right after a title
    and its body that no span took is the holder's ("[Chánh] [Văn phòng TƯ Đảng] [Nguyễn Văn
    Nên]"). Neither the rules nor the model may read a name after a body that ends in a
    capitalised word ("Đảng", "TƯ") as a name of its own."""
    words = words_of(doc)
    taken = {i for s in spans for i in range(s.start, s.end)}
    title_ends = {s.end for s in spans if s.label_ == "TITLE"}
    found = []
    for body in spans:
        i = body.end
        if body.label_ != "ORG" or body.start not in title_ends or i in taken or i >= len(words):
            continue
        end = person_named_at(words, i, words.sentence(i)[1])
        if end is not None and not taken.intersection(range(i, end)):
            found.append(span_from(body, i, end, "PER"))
    return sorted(spans + found, key=lambda s: s.start) if found else spans


# The commune's level words: a name after them is the commune's, never a holder's
# (`entity_rules.holder_start` cuts holders only after the levels above it).
_COMMUNE_LEVELS = {word for word, level in LEVEL_WORDS.items() if level == "commune"}
# Bodies named by their kind alone, whose own name follows: a person's name after them is that
# name ("Trường Đảng Nguyễn Ái Quốc"), never a holder's.
_KINDS_NAMED_AFTER = {"trường", "trường đảng", "trường đảng cao cấp", "trường đào tạo cán bộ", "công ty tnhh",
                      "công ty tnhh mtv", "công ty cổ phần"}


def names_inside_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name read as a person right after a body is the body's own name where no holder can
    stand there (rule 1): after a commune's level word, "Bí thư [Đảng ủy xã Thạch Bằng]" (rule 8,
    case 218; the training gold never has a person there), and after a body named by its kind
    alone, "[Trường Đảng Nguyễn Ái Quốc]", "[Công ty TNHH Trần Liên Hưng]" (case 221). After a
    body named by its place the name is a holder's ("[Trường Chính trị tỉnh Long An] [Huỳnh Thị
    Thu Năm]", "[UBND tỉnh] [Hà Sỹ Đồng]")."""
    words = words_of(doc)
    out: list[Span] = []
    for span in spans:
        body = out[-1] if out else None
        if span.label_ == "PER" and body is not None and body.label_ == "ORG" and body.end == span.start and (
                (words[body.end - 1].norm_ in _COMMUNE_LEVELS and not words[body.end - 1].orth_.istitle())
                or span_norm(body) in _KINDS_NAMED_AFTER):
            out[-1] = span_from(body, body.start, span.end)
            continue
        out.append(span)
    return out


def titles_before_their_holder(doc: Doc, spans: list[Span]) -> list[Span]:
    """A title word read as a body right before a named person is that person's title: "Quốc hội
    nghe [Thủ tướng] [Phạm Minh Chính]" (rule 2). The model has seen "Thủ tướng" as the body that
    issues a decision (case 25) and now and then reads it so before a name too."""
    persons = {s.start for s in spans if s.label_ == "PER"}
    words = words_of(doc)
    out = []
    for span in spans:
        if span.label_ == "ORG" and span.end in persons \
                and all(word_kind(t) == KIND_TITLE for t in words[span.start:span.end]):
            span = span_from(span, span.start, span.end, "TITLE")
        out.append(span)
    return out


def titles_over_their_level(doc: Doc, spans: list[Span]) -> list[Span]:
    """A bare level word between a title and the person named right after it is the title's:
    "[Chủ tịch tỉnh] [Thái Thanh Quý]", "tân [Phó Chủ tịch tỉnh] [Hoàng Nghĩa Hiếu]" (case
    211). The rules read the level and the name as a place ("tỉnh Thái Thanh Quý"); the model,
    given that, reads the name alone and leaves the level out, or keeps the rules' place.
    `holders_out_of_bodies` parts such a place where the level leaves the place implied (above
    the commune); here, right after a title, any level and a name of two capitalised syllables
    or more that the gazetteer does not know are the title's level and a person ("Bí thư [xã
    Trần Quang Sang]")."""
    persons = {s.start for s in spans if s.label_ == "PER"}
    words = words_of(doc)
    out: list[Span] = []
    for span in spans:
        title = out[-1] if out and out[-1].label_ == "TITLE" and out[-1].end == span.start else None
        if span.label_ == "TITLE" and span.end + 1 in persons and words[span.end].norm_ in LEVEL_WORDS:
            span = span_from(span, span.start, span.end + 1)
        elif title is not None and span.label_ == "LOC" and words[span.start].norm_ in LEVEL_WORDS \
                and _unknown_name(words, span.start + 1, span.end):
            out[-1] = span_from(title, title.start, span.start + 1)
            span = span_from(span, span.start + 1, span.end, "PER")
        out.append(span)
    return out


def _unknown_name(words: Words, start: int, end: int) -> bool:
    """Words start..end are a name of two capitalised syllables or more that no place has."""
    tags = words.place_tags
    syllables = [s for w in words[start:end] for s in w.orth_.split()]
    return len(syllables) >= 2 and all(s[:1].isupper() for s in syllables) and \
        not any(tags and tags[w.i] for w in words[start:end])


# Units a bare head ("Trưởng", "Phó trưởng") leads, and the words that may end such a post.
_UNITS = {"đoàn", "tiểu ban", "ban", "phòng", "khoa", "khối", "tổ", "đội"}
_POST_ENDS = {",", ";", ".", ":", "và", ")", "-", "–"}


def bare_heads_with_their_unit(doc: Doc, spans: list[Span]) -> list[Span]:
    """A bare head and the unit it leads, named by its kind alone, are one title: "làm [Trưởng
    tiểu ban];", "miễn nhiệm chức [Trưởng đoàn] và …" (case 212). The model stops at the head
    when the unit's word stands in lower case and nothing names the unit after it; a unit
    named after its word ("Trưởng [ban Kinh tế - Xã hội]") is left as read."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    words = words_of(doc)
    out = []
    for span in spans:
        unit = span.end
        if span.label_ == "TITLE" and span_norm(span) in {"trưởng", "phó trưởng"} and unit < len(words) \
                and unit not in taken and words[unit].norm_ in _UNITS \
                and (unit + 1 == len(words) or words[unit + 1].norm_ in _POST_ENDS):
            span = span_from(span, span.start, unit + 1)
        out.append(span)
    return out


_PREMIER = {"thủ tướng chính phủ", "phó thủ tướng chính phủ"}


def premiers_held(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Thủ tướng Chính phủ" read as one body is a post and its body when a named person holds
    it: "[Thủ tướng] [Chính phủ] [Nguyễn Xuân Phúc]", "[Nguyễn Xuân Phúc], Ủy viên Bộ Chính trị,
    [Thủ tướng] [Chính phủ]" (K8, case 214). The office that decides stays one body: "Quyết
    định của [Thủ tướng Chính phủ]" (case 25)."""
    words = words_of(doc)
    out: list[Span] = []
    for n, span in enumerate(spans):
        body = span.end - 1  # "chính phủ", one word
        if span.label_ == "ORG" and span_norm(span) in _PREMIER and words[body].norm_ == "chính phủ" \
                and _held(words, spans, n):
            out += [span_from(span, span.start, body, "TITLE"), span_from(span, body, span.end)]
        else:
            out.append(span)
    return out


def _held(words: Words, spans: list[Span], n: int) -> bool:
    """A person named right after spans[n], or before it with only posts and bodies between,
    each after a comma: the holder of a post spans[n] names."""
    if n + 1 < len(spans) and spans[n + 1].label_ == "PER" and spans[n + 1].start == spans[n].end:
        return True
    for k in range(n - 1, -1, -1):
        gap = [w.norm_ for w in words[spans[k].end:spans[k + 1].start] if not w.is_space]
        if gap not in ([], [","]) or spans[k].label_ not in POST_LIST_LABELS | {"PER"}:
            return False
        if spans[k].label_ == "PER":
            return gap == [","]
    return False


def the_assembly_of_a_deputy(doc: Doc, spans: list[Span]) -> list[Span]:
    """"đại biểu Quốc hội" names the Assembly alone: the province or the delegation a body read
    on after it is a span of its own, and a bracket is the deputy's abbreviation ("đại biểu
    [Quốc hội] [tỉnh Sóc Trăng]", "đại biểu [Quốc hội] [Đoàn Hà Nội]", "Đại biểu [Quốc hội]
    (ĐBQH)"; case 216). "[Quốc hội Việt Nam]" stays whole."""
    words = words_of(doc)
    out: list[Span] = []
    for span in spans:
        rest = span.start + 1
        if span.label_ != "ORG" or span.start == 0 or words[span.start - 1].norm_ != "đại biểu" \
                or words[span.start].norm_ != "quốc hội" or rest == span.end:
            out.append(span)
            continue
        first = words[rest].norm_
        if first in LEVEL_WORDS or first == "đoàn" or words[rest].orth_ == "(":
            out.append(span_from(span, span.start, rest))
            if first in LEVEL_WORDS and span.end - rest > 1:  # the level and the place's name
                out.append(span_from(span, rest, span.end, "LOC"))
            elif first == "đoàn" and span.end - rest > 1:
                out.append(span_from(span, rest, span.end))
        else:
            out.append(span)
    return out


_JOINTS = {"-", "–", "của", "và", ","}


def _cut_at_a_joint(words: Words, rule_start: int, start: int, end: int) -> bool:
    """The model cut a body's name the rules read whole at a dash, "của", "và" or a comma: "[Vụ
    Tổ chức] - Hành chính", "[UB Pháp luật] của Quốc hội", "[Sở Nông nghiệp] và phát triển nông
    thôn" (the rules stop at such a joint unless the name goes on: rule 33). Elsewhere the
    model's reading of a body stands: the rules run on over names more often than it does."""
    return rule_start == start and words[end].text in _JOINTS


def no_body_of_many(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 3: a body named for many places or levels at once is not marked (`names_many`)."""
    words = words_of(doc)
    return [s for s in spans if not (s.label_ == "ORG" and names_many(words, s.end, len(words)))]


def no_body_named_with_a_demonstrative(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 57: a body named with "này" ("UBND tỉnh này", "Sở này") is not marked; the body it
    points back to was named before."""
    words = words_of(doc)
    return [s for s in spans if not (s.label_ == "ORG" and s.end < len(words) and words[s.end].norm_ == "này")]


# What stands between a photographer's name and the agency after it: "Ảnh: Trí Dũng – TTXVN",
# "Ảnh: Trọng Đức/TTXVN"; and the labels the model may give a credited body or agency.
_AFTER_A_PHOTOGRAPHER = {"-", "–", "/"}
_CREDITED = {"ORG", "LOC", "TITLE"}


def no_body_credited_for_a_photo(doc: Doc, spans: list[Span]) -> list[Span]:
    """Cases 43, 72 and 187: a body or an agency credited for a photo or a clip is not marked
    ("(Ảnh: Tỉnh ủy Cà Mau)", "Ảnh: TTXVN", "Nguồn clip: VTV"), nor is the agency after the
    photographer's name, whatever the model calls it ("Ảnh: [Trí Dũng] – TTXVN"; none of the 13
    in the annotations is marked), nor a body the model reads as the photographer ("(Ảnh: [Báo
    Bắc Giang])": a name that opens with a body's head); a photographer's name is a PER (rule 8)."""
    words = words_of(doc)
    photographers_end = {s.end for s in spans
                         if s.label_ == "PER" and s.start >= 2 and opens_photo_credit(words, s.start - 2)}

    def credited(s: Span) -> bool:
        if s.start < 2:
            return False
        if opens_photo_credit(words, s.start - 2):
            return s.label_ in _CREDITED or (s.label_ == "PER" and word_kind(words[s.start]) == KIND_ORG)
        after_name = words[s.start - 1].text in _AFTER_A_PHOTOGRAPHER and s.start - 1 in photographers_end
        return (after_name or opens_photo_credit(words, s.start - 2, "clip")) and s.label_ in _CREDITED
    return [s for s in spans if not credited(s)]


_ORGANISING_COMMITTEE = {"Ban tổ chức", "ban tổ chức"}  # "tổ chức" in lower case
_RANKS_BEFORE_A_HEAD = {"trưởng", "phó", "phó trưởng"}


def no_body_for_an_organising_committee(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 194: "ban tổ chức" with "tổ chức" in lower case and nothing after it names an event's
    organising committee ("Ban tổ chức xin phép dừng phần ý kiến", "Theo Ban tổ chức, …"), no
    body (the gold leaves 21 of its 22 such mentions unmarked); the party's organisation
    department is written "Ban Tổ chức", and after a rank ("Trưởng Ban tổ chức") it is that
    department."""
    words = words_of(doc)

    def committee(s: Span) -> bool:
        return s.label_ == "ORG" and span_form(s) in _ORGANISING_COMMITTEE \
            and not (s.start > 0 and words[s.start - 1].norm_ in _RANKS_BEFORE_A_HEAD)
    return [s for s in spans if not committee(s)]


# Programmes named after a body or in its style: "Chính phủ điện tử", "chính quyền số" and "NTM"
# (nông thôn mới) are none in the training articles (25 and 14 mentions).
_A_WAY_OF_GOVERNING = {"điện tử", "số"}
_PROGRAMMES = {"NTM"}


def no_body_for_a_programme(doc: Doc, spans: list[Span]) -> list[Span]:
    """E-government and the new-countryside programme are no bodies: "xây dựng [Chính phủ]
    điện tử" and "xã đạt chuẩn [NTM]" lose their ORG; "Ủy ban Quốc gia về Chính phủ điện tử",
    which holds the words, is still one."""
    words = words_of(doc)

    def programme(s: Span) -> bool:
        return span_form(s) in _PROGRAMMES or (s.end < len(words) and words[s.end].norm_ in _A_WAY_OF_GOVERNING
                                               and span_norm(s) in {"chính phủ", "chính quyền"})
    return [s for s in spans if not (s.label_ == "ORG" and programme(s))]


# Lower-case verbs and auxiliaries that follow a body's name and are never inside one: "[Sở Tài
# chính] đề nghị UBND tỉnh", "[Tiểu ban Văn kiện] cần phối hợp". Not "thẩm định", "chỉ đạo" and
# "tham mưu", which name bodies ("Hội đồng thẩm định", "ban chỉ đạo", "Bộ tham mưu"), nor the
# tasks a steering committee is named by ("thực hiện", "tổng kết", "triển khai") or a council's
# ("kỷ luật", "đánh giá"). The second set are the words the 577 training documents put right
# after a body 4 times or more and never inside one (case 170).
_VERBS_AFTER_A_BODY = {"đã", "sẽ", "đang", "vừa", "cần", "đề nghị", "yêu cầu", "cho biết", "cho hay",
                       "khẳng định", "nhấn mạnh", "chủ trì", "phát biểu", "ban hành", "ký", "trao",
                       "phối hợp", "xem xét", "công bố", "kiến nghị", "đề xuất"} | {
    "cũng", "được", "bị", "giữ", "làm", "nói", "quyết định", "điều động", "bổ nhiệm", "bầu", "phê chuẩn",
    "chuẩn y", "chỉ định", "phân công", "luân chuyển", "giao", "thôi", "tiếp tục", "trình", "trình bày",
    "thảo luận", "họp", "nêu", "lưu ý", "tặng", "ghi nhận", "nhận định", "mong muốn", "bày tỏ",
    "chúc mừng", "biểu quyết", "bỏ phiếu", "thông qua", "phê duyệt", "chấp thuận", "đồng ý", "xác nhận",
    "tiếp thu", "cam kết", "giới thiệu", "tiến hành", "xác định", "làm việc", "kết luận"}


def bodies_end_before_a_verb(doc: Doc, spans: list[Span]) -> list[Span]:
    """An ORG that runs on over a lower-case verb after its name ends before it (the issue's
    class "ORG spans that run on over a verb"): "[Sở Tài chính] đề nghị UBND tỉnh", "[Tiểu ban
    Văn kiện] cần phối hợp" are cut, whoever proposed them."""
    words = words_of(doc)
    out = []
    for span in spans:
        if span.label_ == "ORG":
            cut = next((k for k in range(span.start + 1, span.end)
                        if words[k].norm_ in _VERBS_AFTER_A_BODY and words[k].orth_[:1].islower()), None)
            if cut is not None:
                span = span_from(span, span.start, cut)
        out.append(span)
    return out


# Level words that number their units ("quận 10", "Khu XII", "ấp 3B"), and a unit's number.
_NUMBERED_LEVELS = {"quận", "phường", "khu", "ấp", "thôn", "tổ"}
_UNIT_NUMBER = re.compile(rf"\d{{1,3}}[A-Z]?|{ROMAN.pattern}")


def bodies_whole_over_their_code(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body cut before the number of the unit its name ends with, or before the second of two
    abbreviations that name it, goes on over them: "Chủ tịch [UBND quận 10]", "Giám đốc [Công an
    Khu XII]", "Phó Giám đốc [Ban QLDA ĐTXD tỉnh]" (rule 1; case 220), the level word after the
    second abbreviation too."""
    words = words_of(doc)
    starts = {s.start for s in spans}
    out = []
    for span in spans:
        end = span.end
        if span.label_ == "ORG" and end < len(words) and end not in starts:
            last, after = words[end - 1], words[end]
            if last.norm_ in _NUMBERED_LEVELS and _UNIT_NUMBER.fullmatch(after.text):
                end += 1
            elif _an_abbreviation(last) and _an_abbreviation(after) and not _UNIT_NUMBER.fullmatch(after.text):
                end += 1
                if end < len(words) and end not in starts and words[end].orth_.islower() \
                        and words[end].norm_ in LEVEL_WORDS:
                    end += 1
        out.append(span if end == span.end else span_from(span, span.start, end))
    return out


def _an_abbreviation(word: Word) -> bool:
    return len(word.text) > 1 and word.text.isupper() and word.text.isalpha()


def bodies_end_at_a_glued_clause(doc: Doc, spans: list[Span]) -> list[Span]:
    """An ORG that runs on past the place ending its name into a capitalised post or body, or a
    capitalised "Năm" before a year, ends with the place: a page flattened without a full stop
    glued the next clause or headline to it ("Bí thư [Tỉnh ủy Lai Châu] Thủ tướng bổ nhiệm …",
    "Giám đốc [Sở Nội vụ Hà Tĩnh] Năm 2019 …", "[công ty Điện lực Quảng Bình] UBKT Tỉnh ủy …")."""
    words = words_of(doc)
    places = words.place_tags
    if not places:  # a Doc the gazetteer has not read
        return spans
    out = []
    for span in spans:
        if span.label_ == "ORG":
            cut = next((k for k in range(span.start + 2, span.end)
                        if places[k - 1] and places[k] != "I" and _opens_a_clause(words, k)), None)
            if cut is not None:
                span = span_from(span, span.start, cut)
        out.append(span)
    return out


def _opens_a_clause(words: Words, k: int) -> bool:
    """A capitalised post or body head ("Thủ tướng", "UBKT"), or "Năm" before a number."""
    word = words[k]
    if not word.orth_[:1].isupper():
        return False
    if word.tag_ in {KIND_TITLE, KIND_ORG}:
        return True
    return word.norm_ == "năm" and k + 1 < len(words) and words[k + 1].like_num


def bodies_over_joined_activities(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body whose name joins two activities with a comma goes on over it, whoever cut it there
    (case 186): "[Cục Đào tạo], bồi dưỡng cán bộ" -> "[Cục Đào tạo, bồi dưỡng cán bộ]", "[Trung
    tâm Xúc tiến đầu tư], thương mại và Du lịch Hải Phòng" -> the whole name. Spans inside the
    words it takes leave ("[Hải Phòng]")."""
    words = words_of(doc)
    out = list(spans)
    for n, span in enumerate(spans):
        if span.label_ != "ORG" or out[n] is None:
            continue
        end = joined_activities_end(words, span.end, words.sentence(span.start)[1])
        if end > span.end:
            out[n] = span_from(span, span.start, end)
            for k, other in enumerate(spans):
                if k != n and other.start < end and span.end <= other.start:
                    out[k] = None
    return [s for s in out if s is not None]


# Words after which a post's name in lower case names its field of work: "vi phạm quy định về
# kế toán", "nghiệp vụ kế toán", "cử nhân kinh tế ngành kế toán".
_BEFORE_A_FIELD = {"về", "nghiệp vụ", "ngành", "chuyên ngành", "chế độ", "lĩnh vực"}


def no_title_for_a_field(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 2: a post's name in lower case after "về", "nghiệp vụ", "ngành" … names a field of
    work, not anyone's post ("quy định về [kế toán]"); the training gold marks no such title."""
    words = words_of(doc)
    return [s for s in spans if not (s.label_ == "TITLE" and s.start > 0 and words[s.start].orth_[:1].islower()
                                     and words[s.start - 1].norm_ in _BEFORE_A_FIELD)]


def after_bodies(starts: dict[int, Span], k: int) -> int:
    """The word after the bodies and places that follow one another from word k ("Bí thư [Tỉnh
    ủy] [Lào Cai] …"); `starts`: the spans by their first word."""
    while k in starts and starts[k].label_ in {"ORG", "LOC"}:
        k = starts[k].end
    return k


# The words before a post that no one in its sentence holds unless named after it: the
# authority delegated ("thừa ủy quyền (của)"), an agent ("được", "bị", "do"), a source cited
# ("theo"), and the post as a matter spoken of ("việc [Tổng Bí thư] đồng thời là Chủ tịch
# nước", "chuẩn bị nhân sự [Chủ tịch nước]"). After an agent or a source, a list of the holder's
# posts and a comma may come before the holder.
_DELEGATED_BY = (" thừa ủy quyền", " thừa ủy quyền của")  # however the segmenter cuts them
_CUE_WORDS = {"được": "agent", "bị": "agent", "do": "agent", "theo": "agent", "việc": "matter",
              "nhân sự": "matter"}


def _cue_before_a_post(words: Words, i: int) -> str | None:
    """"delegated", "agent" or "matter" when the words before position i say that the post at
    i acts, is cited or is spoken of, rather than held."""
    if i > 0 and words[i - 1].norm_ in _CUE_WORDS:
        return _CUE_WORDS[words[i - 1].norm_]
    before = " " + " ".join(w.norm_ for w in words[max(0, i - 4):i])
    return "delegated" if before.endswith(_DELEGATED_BY) else None


def no_title_for_a_post_acting_or_spoken_of(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 2: a post that delegates ("thừa ủy quyền [Bộ trưởng] Bộ Công an, Thứ trưởng A trao
    …"), is an agent ("được [Chủ tịch] UBND tỉnh bổ nhiệm giữ chức …", "bị [Chánh] Văn phòng
    Huyện ủy đánh", "nhiệm vụ do [Chủ tịch] UBND tỉnh giao"), is cited as the source of what
    follows ("Theo [Trưởng] Ban Tổ chức Huyện ủy Nghi Xuân, việc …") or is the matter spoken of
    ("việc [Tổng bí thư] đồng thời là Chủ tịch nước", "giới thiệu nhân sự [Chủ tịch nước]")
    with no one named after it holds no one in the sentence; the training gold marks none of
    them. Named, it is held: "được Bộ trưởng Tô Lâm trao", "do Chủ nhiệm UB, ông A chủ trì",
    "Theo Tổng Bí thư, Chủ tịch nước Nguyễn Văn Bình, …" (a list of posts goes on to its
    holder), "việc Bí thư Tỉnh ủy B ký …"."""
    starts = {s.start: s for s in spans}
    words = words_of(doc)
    out = []
    for span in spans:
        cue = span.label_ == "TITLE" and _cue_before_a_post(words, span.start)
        if cue:
            k = after_bodies(starts, span.end)
            while cue == "agent" and k + 1 in starts and words[k].norm_ in {",", "và"} \
                    and starts[k + 1].label_ == "TITLE":  # an agent's further posts: "…, Chủ tịch HĐND tỉnh"
                k = after_bodies(starts, starts[k + 1].end)
            if cue == "agent" and k < len(words) and words[k].norm_ == ",":
                k += 1  # "do Chủ nhiệm UB, ông A chủ trì"
            if not (k in starts and starts[k].label_ == "PER"
                    or k < len(words) and words[k].norm_ in lexicon.HONORIFIC_WORDS):
                continue
        out.append(span)
    return out


# What a board is named for after "ban": "Ban Giám đốc Công an tỉnh", "ban lãnh đạo".
_BOARDS = {"giám đốc", "tổng giám đốc", "giám hiệu", "lãnh đạo"}


def no_span_for_a_board(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body's board of directors or leaders is neither a post nor a body of its own: "Ban [Giám
    đốc] Công an tỉnh Lai Châu", "[ban giám đốc] nhiệm kỳ trước" (the training gold marks none of
    its 14 such mentions)."""
    words = words_of(doc)

    def board(s: Span) -> bool:
        if s.label_ == "TITLE":
            return s.start > 0 and words[s.start - 1].norm_ == "ban" and words[s.start].norm_ in _BOARDS
        return s.label_ == "ORG" and s.end == s.start + 2 and words[s.start].norm_ == "ban" \
            and words[s.start + 1].norm_ in _BOARDS
    return [s for s in spans if not board(s)]


# A degree's heads ("trình độ chuyên môn: [Đại học Luật]"), the words that bring a list of
# degrees, and those that name where one studied instead ("cử nhân tại [Đại học Kiến trúc]").
_DEGREE_HEADS = {"đại học", "đh", "cao đẳng", "trung cấp"}
_DEGREES_FOLLOW = {"trình độ", "trình độ chuyên môn"}
_STUDIED_AT = {"tại", "của", "ở", "."}
_DEGREE_REACH = 12  # words back from a degree to "trình độ"


def no_body_for_a_degree(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 188: a degree listed after "trình độ" names no body ("trình độ chuyên môn: [Đại học
    Luật], [Đại học Công đoàn]; Thạc sĩ …"); the university one graduated from or studied at
    is one ("tốt nghiệp [Đại học Ngoại thương]", "cử nhân tại [Đại học Kiến trúc]"). The gold
    marks none of the 7 degrees after "trình độ" in the annotations."""
    words = words_of(doc)

    def degree(s: Span) -> bool:
        if s.label_ != "ORG" or words[s.start].norm_ not in _DEGREE_HEADS:
            return False
        first = words.sentence(s.start)[0]
        for k in range(s.start - 1, max(first, s.start - _DEGREE_REACH) - 1, -1):
            if words[k].norm_ in _DEGREES_FOLLOW:
                return True
            if words[k].norm_ in _STUDIED_AT:
                return False
        return False
    return [s for s in spans if not degree(s)]


_NOT_NUMBERS = {"LOC", "ORG"}


def _relabelled_or_dropped(doc: Doc, spans: list[Span], labels: set[str], wrong: Callable[[str], bool]) -> list[Span]:
    """Each span of one of `labels` whose text is `wrong` for them takes the rules' label for
    the same words where that label is none of them, or is dropped. The label is read first:
    only the spans of those labels have their text cut."""
    def misread(span: Span) -> bool:
        return span.label_ in labels and wrong(span_form(span))

    if not any(misread(s) for s in spans):
        return spans
    ruled = {(r.start, r.end): r for r in doc._.rule_spans or []}
    out = []
    for span in spans:
        if misread(span):
            rule = ruled.get((span.start, span.end))
            if rule is None or rule.label_ in labels:
                continue
            span = span_from(rule, span.start, span.end)
        out.append(span)
    return out


def numbers_are_no_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """A number alone is no place (rule 8 keeps the level word: "[quận 10]") and no body: the
    model now and then reads a listed document's number as one ("Nghị quyết 16, 18, 19", "nghị
    quyết TƯ 4, 6, 7"). Such a span takes the rules' label for the same words ("[18]" DOC, rule
    17), or is dropped."""
    return _relabelled_or_dropped(doc, spans, _NOT_NUMBERS, str.isdigit)


# Verbs of personnel news whose first syllable the segmenter may leave alone at a sentence's
# start, where it reads as a given name: "Luân | chuyển ông …" (luân chuyển), "Điều | động …".
_SPLIT_VERBS = {cue for cue in lexicon.STATUS_CUES if len(cue.split()) == 2}


def no_person_in_a_split_verb(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word PER that is the first syllable of a personnel verb with the word after it
    ("[Luân] chuyển ông Trương Văn Tùng …") is no person."""
    words = words_of(doc)
    return [s for s in spans if not (s.label_ == "PER" and len(s) == 1 and s.end < len(words)
                                     and f"{span_norm(s)} {words[s.end].norm_}" in _SPLIT_VERBS)]


def abbreviations_are_no_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body's abbreviation is never a person: a model trained without some outlets read
    "trực thuộc [TƯ]" as PER over and over. Such a span takes the rules' label ("TƯ" ORG) or
    is dropped."""
    return _relabelled_or_dropped(doc, spans, {"PER"}, lambda text: text in lexicon.ORG_ABBREVIATIONS)


def _is_place(places: list[str], i: int) -> bool:
    return bool(places) and places[i] in {"B", "I"}


def _plural_before(words: Words, i: int) -> bool:
    return i > 0 and counts(words, i - 1)


def abbreviations_inside(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 33: a body's abbreviation in brackets right after its name belongs to the name, and so
    does a place right after the bracket (rule 4), read as one by the model or not: "[Sở Giáo dục
    và Đào tạo (GD&ĐT) tỉnh Nam Định]", "[Tổng Công ty Nông nghiệp Sài Gòn (Sagri)]". The model
    now and then stops at the bracket. Numbers, lower-case words and places in brackets stay
    out ("(K20)", "(phải)", "(TPHCM)")."""
    words = words_of(doc)
    if not any(s.label_ == "ORG" and s.end < len(words) and words[s.end].orth_ == "(" for s in spans):
        return spans
    places = doc._.place_tags or []
    by_start = {s.start: n for n, s in enumerate(spans)}
    taken = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span | None] = list(spans)
    for n, span in enumerate(spans):
        i = span.end
        if span.label_ != "ORG" or not bracketed_abbreviation(doc, i, places) or {i, i + 2} & taken:
            continue
        inside = by_start.get(i + 1)  # the model may have read the abbreviation as a body of its own
        if i + 1 in taken and (inside is None or spans[inside].label_ != "ORG" or spans[inside].end != i + 2):
            continue
        end = i + 3
        after = by_start.get(end)
        if after is not None and spans[after].label_ == "LOC":
            end = spans[after].end
            out[after] = None
        elif after is None and end < len(doc) and places and places[end] == "B":
            end += 1
            while end < len(doc) and places[end] == "I" and end not in taken:
                end += 1
        if inside is not None:
            out[inside] = None
        out[n] = span_from(span, span.start, end, "ORG")
    return [s for s in out if s is not None]


def abbreviations_named_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """An abbreviation a body's name defined in brackets names that body wherever it stands
    alone later in the article ("[Tổng Công ty Nông nghiệp Sài Gòn (Sagri)]" … "Tổng giám đốc
    [Sagri]"): the model, seeing the word alone, often misses it. Not after a plural or a
    number ("3 BCĐ", "các BCĐ": generic, rule 3)."""
    words = words_of(doc)
    defined: dict[str, Span] = {}
    for span in spans:
        if span.label_ == "ORG":
            for i in range(span.start + 1, span.end - 1):
                if bracketed_abbreviation(doc, i - 1, []):
                    defined.setdefault(words[i].orth_, span)
    if not defined:
        return spans
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for token in words:
        body = defined.get(token.text)
        if body is not None and token.i not in taken and not _plural_before(words, token.i):
            found.append(span_from(body, token.i, token.i + 1, "ORG"))
    return sorted(spans + found, key=lambda s: s.start) if found else spans


# Place levels as a list compares them: a province and a city under the state alike.
_LEVEL_GROUPS = {"province": "province", "city": "province", "district": "district", "commune": "commune",
                 "region": "region"}
# The level a body's own words give its place: a level word ("huyện") or a committee's head
# ("Tỉnh ủy" is a province's).
_LEVEL_WORDS = {**{word: _LEVEL_GROUPS[level] for word, level in LEVEL_WORDS.items()},
                **{head: _LEVEL_GROUPS[LEVEL_WORDS[level]] for head, level in lexicon.LEVEL_OF_COMMITTEE.items()}}


def _levels(name: str) -> set[str]:
    """The levels a bare place name can have (a province, a district …), from the gazetteer."""
    from .gazetteer import Gazetteer

    shared = Gazetteer.shared()
    found = shared.candidates(name, after_level=False) + shared.candidates(name, after_level=True)
    return {_LEVEL_GROUPS[p.level] for p in found if p.level in _LEVEL_GROUPS}


_BEFORE_A_LISTED_PLACE = {",", "và", ":", "-", "–", "/", "hoặc"}  # case 58


def places_are_no_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body that is only a place the gazetteer knows, with or without its level word ("[Thạnh
    Trị]", "[xã Vụ Bổn]"), is a LOC: case 107 keeps a place a place even where it acts, and so
    does a list of places ("Cần Thơ, Hà Giang, [Lạng Sơn] … vừa trao các quyết định"). Places
    listed after a body share its head and stay bodies (case 58: "UBKT Tỉnh ủy Cà Mau, [Sóc
    Trăng]"), as do places after a level word ("UBND tỉnh [Bắc Ninh]"), but for a region: "HĐND
    các tỉnh [Bắc Trung Bộ]" names the provinces of a region, and no body is one (case 215)."""
    places = doc._.place_tags or []
    if not places:
        return spans
    words = words_of(doc)
    whole = []
    for span in spans:
        k = span.start
        while k < span.end and words[k].norm_ in LEVEL_WORDS:
            k += 1
        whole.append(k < span.end and places[k] == "B" and all(places[j] == "I" for j in range(k + 1, span.end))
                     and (span.end == len(words) or places[span.end] != "I"))
    ending_at = {s.end: n for n, s in enumerate(spans)}

    def after_a_body(n: int) -> bool:
        """The list spans[n] is in opens with a body that is no bare place."""
        while spans[n].start > 0 and words[spans[n].start - 1].norm_ in _BEFORE_A_LISTED_PLACE \
                and (before := ending_at.get(spans[n].start - 1)) is not None:
            n = before
            if not whole[n]:
                return spans[n].label_ == "ORG"
        return False

    def listed(n: int) -> bool:
        """spans[n] names a body's branch: after a level word ("UBND tỉnh [Bắc Ninh]", not a
        region) or in a list opened by a body."""
        after_level = spans[n].start > 0 and words[spans[n].start - 1].norm_ in LEVEL_WORDS
        return (after_level and not _a_region(spans[n])) or after_a_body(n)
    return [span_from(span, span.start, span.end, "LOC") if span.label_ == "ORG" and whole[n] and not listed(n)
            else span for n, span in enumerate(spans)]


def _a_region(span: Span) -> bool:
    """The span's words name a region the gazetteer knows, and nothing else ("Tây Nguyên")."""
    found = Gazetteer.shared().candidates(span_text(span), after_level=False)
    return bool(found) and all(place.level == "region" for place in found)


def places_whole(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body or place ends where the place its name ends with ends: the model now and then
    stops inside a name the segmenter leaves in syllables ("[Huyện ủy Xuyên] Mộc", "[UBND quận
    Bắc Từ] Liêm"); the gazetteer knows where the name ends."""
    places = doc._.place_tags or []
    starts = {s.start for s in spans}
    out = []
    for span in spans:
        end = span.end
        if span.label_ in {"ORG", "LOC"} and _is_place(places, end - 1):
            while end < len(doc) and places[end] == "I" and end not in starts:
                end += 1
        out.append(span if end == span.end else span_from(span, span.start, end))
    return out


def places_heading_an_item(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 189: the items of a news digest open with their province and a colon, and a flattened
    page runs the item before into it: "… Phó Giám đốc [Công an Thanh Hóa] [Vĩnh Long]: Bổ
    nhiệm 69 công chức …", "Giới thiệu nhân sự … Ban chấp hành [TƯ] [Quảng Ninh]: Hôm nay …". A
    body that runs over such a place ends before it, and the place is a LOC, where the body
    cannot hold it: its name already ends with a place, or with the centre ("TƯ")."""
    places = doc._.place_tags or []
    words = words_of(doc)
    out = []
    for span in spans:
        end = span.end
        if span.label_ == "ORG" and end + 1 < len(words) and words[end].text == ":" \
                and words[end + 1].orth_[:1].isupper() and _is_place(places, end - 1):
            start = end - 1
            while start > span.start and places[start] == "I":
                start -= 1
            if start > span.start and places[start] == "B" and (
                    _is_place(places, start - 1) or words[start - 1].norm_ in _CENTRE):
                out += [span_from(span, span.start, start), span_from(span, start, end, "LOC")]
                continue
        out.append(span)
    return out


def _body_place_levels(doc: Doc, body: Span) -> set[str]:
    """The level of the place a body's name ends with: its level word's if it has one ("UBKT Tỉnh
    ủy Cà Mau": a province), else the levels the place's name can have; empty when it ends with
    no place."""
    places = doc._.place_tags or []
    if not _is_place(places, body.end - 1):
        return set()
    start = body.end - 1
    while start > body.start and places[start] == "I":
        start -= 1
    named = [_LEVEL_WORDS[t.norm_] for t in words_of(doc)[body.start:start] if t.norm_ in _LEVEL_WORDS]
    return {named[-1]} if named else _levels(span_form(doc[start:body.end]))


def lists_sharing_a_head(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 58: bodies listed after one that names its place share its head, "[UBKT Tỉnh ủy Cà
    Mau], [Sóc Trăng], [Quảng Bình]", "[Huyện ủy Lắk] và [Buôn Đôn]": a bare place listed right
    after such a body, of the same level, is a body too. A place of another level is where the
    body is ("[Quận ủy Liên Chiểu], [Đà Nẵng]": LOC)."""
    if not any(s.label_ == "LOC" for s in spans):
        return spans
    words = words_of(doc)
    out = list(spans)
    for n, body in enumerate(spans):
        if body.label_ != "ORG":
            continue
        levels: set[str] | None = None
        k = n + 1
        while k < len(out) and out[k].label_ == "LOC" and out[k].start == out[k - 1].end + 1 \
                and words[out[k - 1].end].text in {",", "và"} and words[out[k].start].norm_ not in _LEVEL_WORDS:
            if levels is None:
                levels = _body_place_levels(doc, body)
            if not levels & _levels(span_form(out[k])):
                break
            out[k] = span_from(out[k], out[k].start, out[k].end, "ORG")
            k += 1
    return out


# The state bodies each unit of a level has one of, whose branches a list of places names:
# "UBND các huyện: [Châu Thành], [Cầu Kè]" (case 146).
_STATE_BODY_HEADS = {"ubnd", "ủy ban nhân dân", "hđnd", "hội đồng nhân dân", "ủy ban hành chính", "công an"}
_PLACE_OR_BODY = {"LOC", "ORG"}  # what the model may call a listed place


def branches_listed_by_place(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 146: places listed after a state body and a level word ("UBND các huyện: Châu Thành,
    Cầu Kè", "Chủ tịch UBND các tỉnh: Lâm Đồng, Tây Ninh", "UBND tỉnh: Long An, Lạng Sơn",
    "Ủy ban hành chính các quận Ba Đình, Hoàn Kiếm") each name that body of the place: ORG, and
    the body named for all of them is no span (rule 3). Not after a committee ("UB Kiểm tra
    Tỉnh ủy các tỉnh [Hưng Yên], [Nam Định]": the places its committees sit in). A region is no
    branch: "HĐND các tỉnh [Bắc Trung Bộ]" names the region's provinces (case 215)."""
    words = words_of(doc)
    branches: set[int] = set()
    named_for_all: list[tuple[int, int]] = []
    n = 0
    while n < len(spans):
        opens = _list_opening(words, spans[n].start) if spans[n].label_ in _PLACE_OR_BODY else None
        if opens is None:
            n += 1
            continue
        named_for_all.append((opens, spans[n].start))
        listed = [n]
        while n + 1 < len(spans) and spans[n + 1].label_ in _PLACE_OR_BODY and spans[n + 1].start == spans[n].end + 1 \
                and words[spans[n].end].text in {",", "và"}:
            n += 1
            listed.append(n)
        branches.update(k for k in listed if not _a_region(spans[k]))
        n += 1
    return [span_from(s, s.start, s.end, "ORG") if i in branches else s for i, s in enumerate(spans)
            if not (s.label_ == "ORG" and any(a <= s.start and s.end <= b for a, b in named_for_all))]


def _list_opening(words: Words, start: int) -> int | None:
    """Where the state body opens, when the place at `start` opens a list after it and a level
    word ("UBND các huyện: ", "UBND tỉnh: ", "Ủy ban hành chính các quận "), else None."""
    k = start - 1
    colon = k >= 0 and words[k].orth_ == ":"
    k -= colon
    if k < 0 or words[k].norm_ not in LEVEL_WORDS:
        return None
    k -= 1
    many = k >= 0 and words[k].norm_ == "các"
    k -= many
    if not (many or colon):
        return None
    for size in (3, 2, 1):  # the state body's head, in one to three words
        if k - size + 1 >= 0 and " ".join(w.norm_ for w in words[k - size + 1:k + 1]) in _STATE_BODY_HEADS:
            return k - size + 1
    return None


def given_names_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 36: a person named in full is named again by the given name, after a title or an
    honorific ("Bí thư [Nghĩa]" for Trương Quang Nghĩa, "ông [Dương]") or before a quoted nickname
    ("[Vũ] “nhôm”"). The model, seeing one word, reads it as nothing or as a body; the article's
    own full names say it is the person."""
    given = {names[-1]: p for p in spans if p.label_ == "PER" and len(names := span_text(p).split()) >= 3}
    if not given:
        return spans
    by_start = {s.start: n for n, s in enumerate(spans)}
    taken = {i for s in spans for i in range(s.start, s.end)}
    titles_end = {s.end for s in spans if s.label_ == "TITLE"}
    out = list(spans)
    found = []
    words = words_of(doc)
    for token in words:
        i = token.i
        if token.text not in given or i == 0:
            continue
        before = words[i - 1]
        if not (i in titles_end or called_by_given_name(words, i)):
            continue
        n = by_start.get(i)
        if n is not None and spans[n].end == i + 1 and spans[n].label_ in {"ORG", "LOC"}:
            person = out[n] = span_from(spans[n], i, i + 1, "PER")
        elif i not in taken:
            person = span_from(given[token.text], i, i + 1, "PER")
            found.append(person)
        else:
            continue
        if word_kind(before) == KIND_TITLE and i - 1 not in taken:  # "[Bí thư] [Nghĩa]": the title too
            found.append(span_from(person, i - 1, i, "TITLE"))
    return sorted(out + found, key=lambda s: s.start) if found else out


def ministers_with_their_portfolio(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 60: a minister's title fused with a portfolio is one TITLE, "[Bộ trưởng Quốc phòng]",
    "[Thứ trưởng TT&TT]"; the model stops at "Bộ trưởng" and may read the portfolio as a body or a
    place, which the TITLE takes in. Where the minister is named by the post alone, with no
    title marked (rule 2: "quyết định của Bộ trưởng Công an"), the portfolio is no body either."""
    words = words_of(doc)
    out: list[Span | None] = list(spans)
    titled = {i for s in spans if s.label_ == "TITLE" for i in range(s.start, s.end)}
    for n, span in enumerate(spans):
        if span.label_ in {"ORG", "LOC"} and span.start > 0 and words[span.start - 1].norm_ in MINISTERS \
                and span.start - 1 not in titled and portfolio_end(words, span.start, len(doc)) == span.end:
            out[n] = None
            continue
        if span.label_ != "TITLE" or words[span.end - 1].norm_ not in MINISTERS or span.end >= len(words):
            continue
        end = portfolio_end(doc, span.end, len(doc))
        if not end:
            continue
        inside = [k for k, o in enumerate(spans) if span.end <= o.start < end]
        if any(spans[k].end > end or spans[k].label_ not in {"ORG", "LOC"} for k in inside):
            continue
        for k in inside:
            out[k] = None
        out[n] = span_from(span, span.start, end, "TITLE")
    return [s for s in out if s is not None]


_WHOLE_AS_ELSEWHERE = {"ORG", "PER"}  # titles do not grow: "[Trưởng] Đoàn ĐBQH" is a title before its body


def _starting_with(names: list[str], prefix: str) -> Iterator[str]:
    """The names of a sorted list that start with `prefix`: they stand together from where
    `prefix` would go, so only they are read."""
    for k in range(bisect_left(names, prefix), len(names)):
        if not names[k].startswith(prefix):
            return
        yield names[k]


def names_whole_as_elsewhere(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body or person cut short where the article names it whole elsewhere grows to that name
    when the words after it read so (rule 1, a name is marked whole): "[Ban Thường vụ Huyện ủy
    Sông] Lô" -> "[Ban Thường vụ Huyện ủy Sông Lô]", "[Lại Xuân] Lâm" -> "[Lại Xuân Lâm]". Not
    titles: "[Trưởng] Đoàn …" is a title before its body, though "Trưởng đoàn" is one elsewhere."""
    text = doc_text(doc)
    written = {n: span_text(s) for n, s in enumerate(spans) if s.label_ in _WHOLE_AS_ELSEWHERE}
    named: dict[str, set[str]] = {}
    for n, name in written.items():
        named.setdefault(spans[n].label_, set()).add(name)
    names = {label: sorted(found) for label, found in named.items()}  # sorted for _starting_with
    starts = [s.start_char for s in spans]
    out = list(spans)
    for n, name in written.items():
        span = spans[n]
        longer = [whole for whole in _starting_with(names[span.label_], name + " ")
                  if text.startswith(whole, span.start_char)]
        if not longer:
            continue
        end_char = span.start_char + len(max(longer, key=len))
        grown = doc.char_span(span.start_char, end_char)
        if grown is not None and not any(span.end_char <= a < end_char for a in starts):
            out[n] = span_from(span, grown.start, grown.end)
    return out


# What ends a person's name that runs on over capitalised words: "ông [Hà Sỹ Tiếp], Ủy viên …".
_AFTER_A_NAME = {",", ".", ";", ":", ")", "(", "-", "–"}
_LONGEST_NAME = 4  # syllables


def people_whole_to_the_break(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person cut short before the capitalised rest of the name, which no span takes and a
    comma, a stop, a bracket or a dash ends, is the whole name: "ông [Hà Sỹ] Tiếp, Ủy viên …" -> "[Hà Sỹ
    Tiếp]", "ông [Phan] Nguyễn Như Khuê - Phó trưởng đoàn …" (rule 1, case 213). The segmenter
    reads such a last syllable as a word of its own ("tiếp", "đồng"). Every syllable taken is
    capitalised, as a name's are ("ông [T.V.G.] Ngoài ra, …" takes nothing), none past a line
    end, and a name that runs into the next sentence is left as read: "[Vương Đình Huệ] Từ thực
    tế …" ends at no break."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    words = words_of(doc)
    out = []
    for span in spans:
        if span.label_ == "PER":
            end, syllables = span.end, len(span_text(span).split())
            while end < len(words) and end not in taken and not (words[end].is_punct or words[end].is_space) \
                    and all(x[:1].isupper() for x in words[end].orth_.split()):
                syllables += len(words[end].orth_.split())
                end += 1
            if end > span.end and syllables <= _LONGEST_NAME and end < len(words) \
                    and words[end].orth_ in _AFTER_A_NAME:
                span = span_from(span, span.start, end)
        out.append(span)
    return out


# A day, or a range of days written as one word ("7-12"), before the joins of a range
# (shapes.RANGE_JOINS: "25 đến 27/9/2019", "23, 24 và 25/1", "tháng 2 và 3/2020").
_DAYS = re.compile(r"(\d{1,2})(?:[-–]\d{1,2})?")


def _first_day(word: str) -> int | None:
    """The first day a word of a range names ("25", "7-12"), or None."""
    days = _DAYS.fullmatch(word)
    return int(days.group(1)) if days else None


def date_ranges_whole(doc: Doc, spans: list[Span]) -> list[Span]:
    """Case 51: a range of days or months is one DATE, which the model often cuts to its last
    date: "từ ngày 25 đến [27/9/2019]" -> "[25 đến 27/9/2019]", "[23, 24 và 25/1]", "từ
    [7-12/10/2019]", "[tháng 2 và 3/2020]". A full date before a dash is a DATE of its own
    ("19/4/1972 - 19/4/2025", rule 6) and stays out."""
    if not any(s.label_ == "DATE" for s in spans):
        return spans
    words = words_of(doc)
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        start = span.start
        if span.label_ == "DATE":
            k = start - 1
            if k > 0 and words[k].text == "/" and "-" in words[k - 1].text and _first_day(words[k - 1].text):
                k -= 2  # "7-12" "/" "10/2019"
                start = k + 1
            while k > 0 and words[k].norm_ in RANGE_JOINS and k - 1 not in taken \
                    and (_first_day(words[k - 1].text) or 32) <= 31:
                k -= 2
                start = k + 1
            if start < span.start and k >= 0 and words[k].norm_ == "tháng" and k not in taken:
                start = k
        out.append(span if start == span.start else span_from(span, start, span.end))
    return out


# What ends a sentence, and what names the source of a clip after a byline ("Hương Quỳnh - Clip:
# TTXVN", "Thu Hằng Nguồn clip: VTV").
_SENTENCE_STOPS = {".", "…", "...", "!", "?"}
_CLIP_SOURCES = {"clip", "nguồn", "nguồn clip"}


def bylines_at_the_end(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rule 8 where a page lost its last line break: a byline glued after the article's last
    sentence ("… lưu ý. [Hương Quỳnh]"), or before the source of a clip ("[Hương Quỳnh] - Clip:
    TTXVN"), is a PER whatever the merge made of its words (case 219). The entity rules read
    bylines on lines of their own (`entity_rules.bylines`); these ones are read here, after the
    network, whose features they would change."""
    words = words_of(doc)
    end = len(words)
    while end and words[end - 1].is_space:
        end -= 1
    start = end
    while start and not (words[start - 1].is_space and "\n" in words[start - 1].text):
        start -= 1
    line = [t for t in words[start:end] if not t.is_space]
    cut = next((k for k, t in enumerate(line) if k and t.norm_ in _CLIP_SOURCES), len(line))
    while cut and line[cut - 1].text in {"-", "–"}:
        cut -= 1
    stop = max((k for k, t in enumerate(line[:cut]) if t.text in _SENTENCE_STOPS), default=-1)
    if stop < 0 and cut == len(line):
        return spans  # a line of its own with no clip after it: the rules' (`entity_rules.bylines`)
    tail = line[stop + 1:cut]
    names = byline_names(words, tail) if tail and tail[0].norm_ != "theo" else []
    if not names:
        return spans
    found = [(g[0].i, g[-1].i + 1) for g in names]
    kept = [s for s in spans if not any(s.start < e and b < s.end for b, e in found)]
    return sorted(kept + [_byline(doc, b, e, spans) for b, e in found], key=lambda s: s.start)


def _byline(doc: Doc, start: int, end: int, spans: list[Span]) -> Span:
    """A byline's PER, scored as the spans around it until calibration scores it."""
    if spans:
        return span_from(spans[-1], start, end, "PER", source=BYLINE_SOURCE)
    span = Span(doc, start, end, label="PER")
    span._.source = BYLINE_SOURCE
    return span


# Words a law's name opens with ("Bộ" alone is no law's: "bộ tiêu chí").
_LAW_WORDS = LAW_HEADS - {"bộ"}


def no_document_for_a_law_in_lower_case(doc: Doc, spans: list[Span]) -> list[Span]:
    """A law named wholly in lower case, with no year or number, is the law of the field, not a
    document cited: "vi phạm quy định về [luật đất đai]", "dựa trên [luật phòng chống tham
    nhũng]" (case 222; the training gold marks one of the pool's such mentions, with its year:
    "[luật đất đai 2013]"). The rules know laws by their names in any case; a law cited is
    written with its capital ("[Luật Đất đai]", "[luật Đất đai năm 2013]", case 86)."""
    words = words_of(doc)

    def a_field(s: Span) -> bool:
        named = words[s.start:s.end]
        return s.label_ == "DOC" and named[0].norm_ in _LAW_WORDS and not any(
            w.orth_[:1].isupper() or w.like_num or word_kind(w) == KIND_CODE for w in named)
    return [s for s in spans if not a_field(s)]


# The guidelines' rules that a span list from the merge must still satisfy, in this order.
AFTER_MERGE: tuple[Callable[[Doc, list[Span]], list[Span]], ...] = (
    no_title_for_a_proposed_post, no_title_for_a_field,
    no_title_for_a_post_acting_or_spoken_of, no_span_for_a_board, no_body_for_a_degree,
    bodies_end_before_a_verb, bodies_end_at_a_glued_clause, bodies_over_joined_activities, known_names_whole,
    bodies_whole_over_their_code,
    documents_whole, holders_out_of_bodies, people_after_their_post,
    # after the holders are cut out of the bodies before them ("[Phó Chủ nhiệm] [Ủy ban Kiểm
    # tra Trung ương Mai Trực] cho rằng": case 217)
    titles_with_a_person, no_title_for_an_unnamed_subject, names_inside_bodies,
    titles_before_their_holder, titles_over_their_level, bare_heads_with_their_unit, premiers_held,
    the_assembly_of_a_deputy,
    places_whole, places_heading_an_item, places_are_no_bodies, numbers_are_no_places,
    abbreviations_are_no_people, no_person_in_a_split_verb, places_with_their_level, without_nationalities,
    the_party_where_it_acts, no_body_for_a_force_or_a_level, no_body_of_many, no_body_named_with_a_demonstrative,
    no_body_credited_for_a_photo,
    no_body_for_an_organising_committee, abbreviations_inside, abbreviations_named_again, no_body_for_a_programme,
    lists_sharing_a_head, branches_listed_by_place,
    given_names_again, ministers_with_their_portfolio, names_whole_as_elsewhere, people_whole_to_the_break,
    date_ranges_whole, bylines_at_the_end, no_document_for_a_law_in_lower_case)
