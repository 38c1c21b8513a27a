"""Whether a person's title is current, former, acting, newly appointed or ended (schema v2).

The words around a has_title pair say it: "nguyên [Bí thư]" (former), "Quyền [Giám đốc]"
(acting), "được bổ nhiệm giữ chức [Phó Giám đốc]" (appointed), "thôi giữ chức [Chủ tịch]"
(ended). A multinomial logistic regression (scikit-learn) reads those words and the cue the
rules see; it is saved as JSON weights and scored with plain arithmetic. Without a trained
model the cue rules alone decide.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields
from itertools import takewhile
from pathlib import Path
from typing import ClassVar

from spacy.tokens import Doc, Span

from .extensions import Relation, doc_text
from .lexicon import HOLD_A_POST, LEADERS_OF_THE_PAST, POST_LIST_GLUE, STATUS_CUES
from .read import normalise
from .schema import POST_LIST_LABELS, RELATIONS, SENTS, STATUS
from .words import sentence_span, span_form, words_of


@dataclass(frozen=True)
class Cues:
    """Which cues the classifier reads beyond the words just before the title (config
    [stages.status]); kept with the trained weights, so prediction reads what training read."""

    sentence: bool = True  # the nearest cue anywhere before the title in its sentence
    after: bool = True  # the first cue after the title and its holder
    holder_clause: bool = True  # ... read only up to the next person named, and its word too
    list_cue: bool = True  # the words before the list of posts the title belongs to
    period: bool = True  # a span of years after the post, and whether it ended before the article's last year

    @classmethod
    def of(cls, settings: dict) -> Cues:
        return cls(settings["sentence_cue"], settings["cue_after"], settings["cue_after_holder_clause"],
                   settings["list_cue"], settings["period_cue"])


_HEDGES = {"đề nghị", "sẽ", "dự kiến", "giới thiệu", "xin", "đơn"}  # a proposal is no change
# The span of years a post was held, told after it: "Chủ tịch UBND TP giai đoạn 2011-2016",
# "Bí thư Thành ủy các nhiệm kỳ 2010-2015, 2015-2020", "(giai đoạn năm 2007 - 2015)".
_PERIOD = re.compile(r"\b(giai đoạn|nhiệm kỳ|thời kỳ)(?: năm)? (?:19|20)\d\d ?[-–] ?((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
PERIOD_REACH = 80  # characters after the post (and its body) in which its years may come
WINDOW = 8  # words before the title that may carry its cue


def _before(doc: Doc, title: Span, sent: Span, window: int | None = WINDOW) -> list[str]:
    """Norms of the words before the title, back to the start of its sentence `sent` (or
    `window` words), nearest first."""
    start = sent.start if window is None else max(sent.start, title.start - window)
    return [t.norm_ for t in reversed(words_of(doc)[start:title.start]) if not t.is_space]


def rule_status(doc: Doc, rel: Relation) -> str:
    """The nearest cue word before the title (current when none, or when the sentence only
    proposes the change), unless the words at the title settle it (`certain_status`)."""
    return certain_status(doc, rel) or _cued(_before(doc, rel.child, sentence_span(doc, rel.child.start)))


def certain_status(doc: Doc, rel: Relation) -> str | None:
    """The status the words at the title say for certain, whatever the classifier learnt from
    the rest of the sentence: a leader of the past (`former`, lexicon.LEADERS_OF_THE_PAST), a
    cue right before it (`cue_at_title`), a post the holder is moved from (`old_post`), "mới"
    after it (`new_post`) or "giữ chức" before it in an appointing clause (`post_given`). None
    when they say nothing certain."""
    sent = sentence_span(doc, rel.child.start)
    past = "former" if span_form(rel.head) in LEADERS_OF_THE_PAST else None
    return past or cue_at_title(doc, rel.child, sent) or old_post(doc, rel, sent) \
        or new_post(doc, rel.child, sent) or post_given(doc, rel.child, sent) or retired(doc, rel, sent)


# Cues right before a title that settle its status: "[Tân] Bí thư Tỉnh ủy" (appointed in all
# 32 such titles of the training articles, guidelines case 37, though the classifier read 24
# of them as current in the outlet folds), "(hiện là [Thứ trưởng] …)" (current in all 17;
# case 59), "trở thành [Chủ nhiệm] …" (appointed in all 3). Read backwards from the
# title, as _before gives the words.
_CERTAIN_CUES = {"tân": "appointed", "hiện là": "current", "hiện nay là": "current", "nay là": "current",
                 "trở thành": "appointed"}
# One-syllable cues that the segmenter glues to the word before a title ("chúc mừng tân",
# "sổ tang nguyên"), making a word the classifier has never seen.
_GLUED_CUES = {"tân": "appointed", "nguyên": "former", "cựu": "former", "cố": "former"}


def cue_at_title(doc: Doc, title: Span, sent: Span) -> str | None:
    """The status a cue of _CERTAIN_CUES right before the title says, or one of _GLUED_CUES
    glued to the word before it (in lower case: "Phước Tân" is a place)."""
    words = _before(doc, title, sent, window=2)
    for n in (2, 1):
        if len(words) >= n and (status := _CERTAIN_CUES.get(" ".join(reversed(words[:n])))):
            return status
    before = next((t for t in reversed(words_of(doc)[sent.start:title.start]) if not t.is_space), None)
    glued, _, last = before.text.rpartition(" ") if before is not None else ("", "", "")
    return _GLUED_CUES.get(last) if glued else None


# K7: an appointing word before a holder's old post, and the words after the holder's name
# that lead to the new one ("giữ chức vụ Giám đốc …", "đến Ban Nội chính …").
_APPOINTING = {"bổ nhiệm", "điều động", "bầu", "luân chuyển", "chỉ định", "phân công"}
_TO_THE_NEW_POST = {"giữ", "giữ chức", "giữ chức vụ", "làm", "đến", "sang"}


def old_post(doc: Doc, rel: Relation, sent: Span) -> str | None:
    """"current" for the post a holder is moved from (guidelines K7), named between the
    appointing word and the holder's name, the new post or place after it: "bổ nhiệm [Phó
    Chánh] văn phòng UBND tỉnh Lê Văn Vịnh giữ chức vụ Giám đốc Sở GTVT", "điều động [Phó Bí
    thư] Đảng ủy Khối … Nguyễn Thiện Hòa đến Ban Nội chính". The classifier, reading the
    appointing word before the title, took such posts for the new one."""
    person, title = rel.head, rel.child
    if person.start < title.start or not _APPOINTING.intersection(_before(doc, title, sent, window=1)):
        return None
    after = next((t for t in words_of(doc)[person.end:sent.end] if not t.is_space), None)
    return "current" if after is not None and after.norm_ in _TO_THE_NEW_POST else None


def new_post(doc: Doc, title: Span, sent: Span) -> str | None:
    """"appointed" for a title that "mới" follows, right after it or after the body it is
    held in: "8 [Thành uỷ viên] mới", "[Giám đốc] mới của Sở Công Thương" (all 8 such titles
    of the training articles)."""
    words, k = words_of(doc), title.end
    while k < sent.end and (words[k].is_space or doc[k].ent_type_ in {"ORG", "LOC"}):
        k += 1
    return "appointed" if k < sent.end and words[k].norm_ == "mới" else None


_HOLDING = {"giữ chức", "giữ chức vụ", "giữ chức danh"}  # the whole phrase, however it was cut
_FORMER = {cue for cue, status in STATUS_CUES.items() if status == "former"}
_GIVING = _APPOINTING | {"chuẩn y"}


def post_given(doc: Doc, title: Span, sent: Span) -> str | None:
    """"appointed" for the posts listed after "giữ chức (vụ/danh)" in a clause an appointing word opens:
    "bầu ông X, Phó Bí thư Huyện ủy giữ chức [Bí thư] Huyện ủy", "được điều động, bổ nhiệm giữ
    chức vụ [Giám đốc] …" (case 158: 820 of the 827 such titles of the training articles). A
    proposal, a post left ("thôi giữ chức") or a career ("từng …") says otherwise."""
    opening = doc[_list_start(doc, title, sent) + 1:title.end]  # "giữ chức Phó Bí thư Huyện ủy, [Chủ tịch] …"
    words = _before(doc, opening, sent, window=None)
    held = list(takewhile(lambda w: w in HOLD_A_POST, words))
    if " ".join(reversed(held)) not in _HOLDING:
        return None
    clause = list(takewhile(lambda w: w not in {";", ":"}, words))
    if (clause[len(held):len(held) + 1] == ["thôi"] or _HEDGES.intersection(clause)
            or _FORMER.intersection(clause) or not _GIVING.intersection(clause)):
        return None
    return "appointed"


# What a retirement told right after a holder's posts reads: "(được|vừa) nghỉ hưu (theo chế độ)",
# "nghỉ chờ hưu", "nghỉ công tác". "đã nghỉ hưu" tells of a past one (`former` in the gold).
_RETIRING = ("nghỉ hưu", "nghỉ chờ hưu", "nghỉ công tác")
_BEFORE_RETIRING = {"được", "vừa"}


def retired(doc: Doc, rel: Relation, sent: Span) -> str | None:
    """"ended" for the posts listed right after their holder when a retirement follows the
    list: "ông X, Phó Bí thư Tỉnh ủy, [Chủ tịch] UBND tỉnh nghỉ hưu từ ngày 1/2" (all 20
    such titles of the training documents; the classifier, reading ended cues after a post in
    other people's clauses too, left many current)."""
    person, title = rel.head, rel.child
    if not person.start <= _list_start(doc, title, sent) < person.end:  # the list opens at its holder
        return None
    words, k = words_of(doc), title.end
    while k < sent.end and (doc[k].ent_type_ in POST_LIST_LABELS or words[k].norm_ in POST_LIST_GLUE
                            or words[k].is_space):
        k += 1
    after = [t.norm_ for t in words[k:min(sent.end, k + 4)] if not t.is_space]
    if after[:1] and after[0] in _BEFORE_RETIRING:
        after = after[1:]
    told = " ".join(after) + " "
    return "ended" if any(told.startswith(cue + " ") for cue in _RETIRING) else None


_LONGEST_CUE = max(len(cue.split()) for cue in STATUS_CUES)
_CUE_ENDS = {cue.split()[-1] for cue in STATUS_CUES}  # a cue read backwards ends at the nearest word
_CUE_STARTS = {cue.split()[0] for cue in STATUS_CUES}


def _nearest_cue(words: list[str], backwards: bool = True) -> str | None:
    """The cue nearest the title in `words`, given nearest first (read backwards from the
    title, or forwards after it); a cue may span several words ("nghỉ" "hưu"), as the
    segmenter may not keep it whole; the longest one wins."""
    edges = _CUE_ENDS if backwards else _CUE_STARTS
    for i in range(len(words)):
        if (words[i].rpartition(" ")[2] if backwards else words[i].partition(" ")[0]) not in edges:
            continue  # no cue can end (or start) on this word: most words
        for n in range(min(_LONGEST_CUE, len(words) - i), 0, -1):
            piece = words[i:i + n]
            phrase = " ".join(reversed(piece) if backwards else piece)
            if phrase in STATUS_CUES:
                return phrase
    return None


def _cued(words: list[str], backwards: bool = True) -> str:
    """The status the nearest cue word says; current when none, or when the words only
    propose the change."""
    cue = _nearest_cue(words, backwards)
    status = STATUS_CUES[cue] if cue else "current"
    return "current" if status in {"ended", "appointed"} and _HEDGES.intersection(words) else status


def _list_start(doc: Doc, title: Span, sent: Span) -> int:
    """The word before the list of posts that `title` belongs to (sent.start - 1 when the list
    opens the sentence). Walking back over titles, bodies, places and list glue finds where
    "giữ chức ủy viên BCH Đảng bộ huyện, ủy viên Ban Thường vụ Huyện ủy, [Phó Bí thư] …" or
    "thôi giữ chức Bí thư Huyện ủy, [Chủ tịch] UBND huyện" begins, however long the list."""
    i = title.start - 1
    while i >= sent.start:
        t = doc[i]
        if t.ent_type_ in POST_LIST_LABELS:
            while doc[i].ent_iob_ == "I":  # back to the entity's first word
                i -= 1
        elif t.ent_type_ or not (t.norm_ in POST_LIST_GLUE or t.is_space):
            break
        i -= 1
    return i


def _list_opening(doc: Doc, title: Span, sent: Span) -> tuple[list[str], bool]:
    """The words before the list of posts that `title` belongs to, nearest first, and whether a
    person opens that list."""
    i = _list_start(doc, title, sent)
    if i >= sent.start and doc[i].ent_type_ == "PER":
        return [], True
    return [t.norm_ for t in reversed(doc[max(sent.start, i - 3):i + 1]) if not t.is_space], False


def features(doc: Doc, rel: Relation, cues: Cues = Cues()) -> list[str]:
    """Binary features of one has_title: the words before the title, the words between the
    person and the title, what follows it, and the rules' verdict. With `cues.sentence`, also
    the nearest cue anywhere before the title in its sentence, for decisions that name the
    change long before the person: "quyết định miễn nhiệm chức vụ … đối với ông X, Giám đốc".
    With `cues.after`, the first cue after the title and its holder, for changes told after
    the post: "ông X, Giám đốc Sở Y tế được nghỉ hưu"; with `cues.holder_clause`, only up to
    the next person named ("… bổ nhiệm ông A, thay ông B, Giám đốc Sở nghỉ hưu": the
    retirement is B's), and the cue word itself besides the status it says."""
    person, title = rel.head, rel.child
    sent = sentence_span(doc, title.start)
    words = _before(doc, title, sent)
    feats = ["bias", f"rule={_cued(words)}", f"prev1={words[0] if words else '<s>'}",
             f"prev2={'_'.join(words[:2])}", f"person_first={person.start < title.start}"]
    feats += [f"w={w}" for w in words]
    feats += [f"near={w}" for w in words[:3]]
    first, second = (person, title) if person.start < title.start else (title, person)
    doc_words = words_of(doc)
    feats += [f"between={t.norm_}" for t in doc_words[first.end:second.start][:6] if not t.is_space]
    after = doc_words[title.end:min(sent.end, title.end + 3)]
    feats += [f"after={t.norm_}" for t in after if not t.is_space]
    if cues.sentence:
        sentence = _before(doc, title, sent, window=None)
        feats += [f"sentence_cue={_cued(sentence)}", f"sentence_cue_word={_nearest_cue(sentence) or 'none'}"]
    end = max(person.end, title.end)  # where what is told after the pair starts
    holder_clause_end = _next_person(doc, end, sent.end)
    if cues.after:
        stop = holder_clause_end if cues.holder_clause else sent.end
        following = [t.norm_ for t in doc_words[end:stop] if not t.is_space]
        feats.append(f"cue_after={_cued(following, False)}")
        if cues.holder_clause:
            feats.append(f"cue_after_word={_nearest_cue(following, False) or 'none'}")
    if cues.period:
        feats += _period(doc, doc[end:holder_clause_end])
    if cues.list_cue:
        opening, held = _list_opening(doc, title, sent)
        feats += ["list_after_person"] if held else [
            f"list_cue={_cued(opening)}", f"list_prev={opening[0] if opening else '<s>'}",
            f"list_prev2={'_'.join(opening[:2])}"]
    return feats


def _next_person(doc: Doc, start: int, end: int) -> int:
    """Where the next person named from token `start` on begins (`end` when none does): what is
    told after a holder's post up to there is the holder's ("… thay ông B, Giám đốc Sở nghỉ
    hưu": the retirement is B's)."""
    return next((t.i for t in doc[start:end] if t.ent_iob_ == "B" and t.ent_type_ == "PER"), end)


def _period(doc: Doc, clause: Span) -> list[str]:
    """The span of years told in `clause`, after the post and before the next person named: its
    word, and whether it ended before the last year the article names (the article's own time,
    roughly: "giai đoạn 2011-2016" in an article of 2019 is over)."""
    text = doc_text(doc)
    # `normalise`, not the cached `read.normalised`: each clause is read once, and would push
    # out of that cache the titles and bodies the checks read again and again
    window = normalise(text[clause.start_char:clause.end_char]).text[:PERIOD_REACH].lower()
    found = _PERIOD.search(window)
    if found is None:
        return []
    last = max(map(int, _YEAR.findall(text)))
    return [f"period={found.group(1)}", f"period_over={int(found.group(2)) < last}"]


class StatusClassifier:
    """Multinomial logistic regression over status features, stored as JSON with the cues
    its features read."""

    def __init__(self, classes: list[str], weights: dict[str, list[float]], bias: list[float],
                 cues: Cues = Cues()) -> None:
        self.classes = classes
        self.weights = weights
        self.bias = bias
        self.cues = cues

    def predict(self, doc: Doc, rel: Relation) -> tuple[str, float]:
        """The status of one has_title and its probability."""
        scores = list(self.bias)
        for f in features(doc, rel, self.cues):
            for k, w in enumerate(self.weights.get(f, ())):
                scores[k] += w
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        best = max(range(len(scores)), key=scores.__getitem__)
        return self.classes[best], exp[best] / sum(exp)

    def to_disk(self, path: Path) -> None:
        data = {"kind": "multinomial_logistic_regression", "classes": self.classes, "cues": asdict(self.cues),
                "bias": self.bias, "weights": dict(sorted(self.weights.items()))}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> StatusClassifier | None:
        """The saved classifier; None when training had nothing to learn (the cues decide)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["kind"] == CUES_ONLY:
            return None
        cues = {f.name: False for f in fields(Cues)} | data["cues"]  # a cue not saved was not read
        return cls(data["classes"], data["weights"], data["bias"], Cues(**cues))


CUES_ONLY = "cue_words"  # status.json of training data with fewer than two statuses


def save(classifier: StatusClassifier | None, path: Path) -> None:
    if classifier is None:
        path.write_text(json.dumps({"kind": CUES_ONLY}), encoding="utf-8")
    else:
        classifier.to_disk(path)


def train(docs: list[Doc], seed: int = 13, c: float = 1.0, cues: Cues = Cues(),
          balanced_classes: bool = True) -> StatusClassifier | None:
    """Fit on Docs that carry gold has_title relations with statuses; None when they hold
    fewer than two statuses (nothing to learn). With `balanced_classes`, each status weighs
    inversely to how often it occurs, so the rare changes are not drowned by "current"."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, targets = [], []
    for doc in docs:
        for rel in doc._.relations or []:
            if rel.label == "has_title":
                rows.append({f: 1 for f in features(doc, rel, cues)})
                targets.append(rel.status or "current")
    if len(set(targets)) < 2:
        return None
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed,
                               class_weight="balanced" if balanced_classes else None)
    model.fit(x, targets)
    classes = [str(k) for k in model.classes_]
    coef = model.coef_ if len(classes) > 2 else [-model.coef_[0], model.coef_[0]]
    bias = list(model.intercept_) if len(classes) > 2 else [-model.intercept_[0], model.intercept_[0]]
    weights = {name: [round(float(coef[k][j]), 6) for k in range(len(classes))]
               for j, name in enumerate(vectorizer.feature_names_)
               if any(abs(coef[k][j]) > 1e-9 for k in range(len(classes)))}
    return StatusClassifier(classes, weights, [float(b) for b in bias], cues)


class StatusStage:
    """Set `status` on every has_title relation (None for current, as in the annotations)."""

    name: ClassVar[str] = "status"
    requires: ClassVar[tuple[str, ...]] = (RELATIONS, SENTS)
    sets: ClassVar[tuple[str, ...]] = (STATUS,)

    def __init__(self, classifier: StatusClassifier | None = None) -> None:
        self.classifier = classifier

    def status(self, doc: Doc, rel: Relation) -> str:
        if self.classifier is None:
            return rule_status(doc, rel)
        return certain_status(doc, rel) or self.classifier.predict(doc, rel)[0]

    def predicted(self, doc: Doc, rel: Relation) -> str | None:
        """The relation's status as the annotations write it (None: current or not a title)."""
        if rel.label != "has_title":
            return None
        status = self.status(doc, rel)
        return None if status == "current" else status

    def __call__(self, doc: Doc) -> Doc:
        for rel in doc._.relations or []:
            rel.status = self.predicted(doc, rel)
        return doc

