"""The relation stage: a trained classifier beside the relation rules, or the rules alone.

Every ordered pair of entities in one sentence whose labels fit a relation type
is a candidate. A logistic regression (scikit-learn) scores each candidate from
what lies between and around the two spans, and from whether the rules would
link them. Its weights are saved as JSON (feature names, coefficients) and
scored here with plain arithmetic: no pickle is ever loaded.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator
from itertools import repeat
from pathlib import Path
from typing import ClassVar

from spacy.tokens import Doc, Span

from .entity_rules import holder_list_opens
from .errors import ConfigError
from .extensions import Relation, span_key
from .lexicon import HOLD_A_POST, HONORIFIC_WORDS, POST_LIST_GLUE
from .relation_rules import RelationRules, decided_by_rules, sentence_entities
from .schema import ENTS, POST_LIST_LABELS, RELATION_TYPES, RELATIONS, RULE_SOURCE, SENTS, TOKEN_NORM
from .shapes import ROMAN
from .words import Word, Words, span_form, words_of

_TYPES_BY_LABELS = {pair: label for label, pair in RELATION_TYPES.items()}


# _bucket's name for each count up to 20: one list index per feature, not a loop over limits.
_BUCKETS = tuple(next(str(limit) for limit in (0, 1, 2, 3, 5, 8, 12, 20) if n <= limit) for n in range(21))


def _bucket(n: int) -> str:
    return _BUCKETS[n] if n <= 20 else "far"


def candidates(groups: list[list[Span]], max_distance: int = 40) -> Iterator[tuple[Span, Span, str, list[Span]]]:
    """(head, child, relation type, the sentence's entities) for every type-compatible pair
    in one sentence (`groups`: the entities of each sentence), at most `max_distance` words apart."""
    for ents in groups:
        read = [(e, e.label_, e.start) for e in ents]  # each Span's label and start read once per sentence
        for head, head_label, head_start in read:
            for child, child_label, child_start in read:
                label = _TYPES_BY_LABELS.get((head_label, child_label))
                if label and head is not child and abs(head_start - child_start) <= max_distance:
                    yield head, child, label, ents


def _ents_between(ents: list[Span], start: int, end: int) -> list[Span]:
    """The entities of `ents` inside words start..end: doc.ents are sorted and never overlap, so
    their starts and ends both rise and the ones inside form one run, found by bisection."""
    return ents[bisect_left(ents, start, key=_start):bisect_right(ents, end, key=_end)]


def _start(span: Span) -> int:
    return span.start


def _end(span: Span) -> int:
    return span.end


def features(doc: Doc, head: Span, child: Span, label: str, rule_says: bool,
             ents: list[Span]) -> list[str]:
    """Binary features of one candidate, each prefixed with the relation type; `ents` are
    the entities of its sentence, in text order (as `doc.ents` gives them)."""
    first, second = (head, child) if head.start < child.start else (child, head)
    first_start, first_end, second_start, second_end = first.start, first.end, second.start, second.end
    order = "head_first" if head is first else "child_first"
    head_label, child_label = head.label_, child.label_
    doc_words = words_of(doc)
    between = [t for t in doc_words[first_end:second_start] if not t.is_space]
    words = [t.norm_ for t in between]
    ents_between = _ents_between(ents, first_end, second_start)
    labels = [e.label_ for e in ents_between]
    p = label + ":"
    feats = [
        p + "bias", f"{p}order={order}",
        f"{p}dist={_bucket(len(words))}", f"{p}ents_between={_bucket(len(ents_between))}",
        f"{p}labels_between={'_'.join(labels[:4])}",
        f"{p}first_between={words[0] if words else '<none>'}",
        f"{p}last_between={words[-1] if words else '<none>'}",
        f"{p}before={doc_words[first_start - 1].norm_ if first_start else '<s>'}",
        f"{p}after={doc_words[second_end].norm_ if second_end < len(doc_words) else '</s>'}",
        f"{p}rule={rule_says}",
    ]
    if head_label == "TITLE":
        feats.append(f"{p}head={span_form(head).lower()[:20]}")
    if child_label == "TITLE":
        feats.append(f"{p}child={span_form(child).lower()[:20]}")
    if len(words) <= 5:
        feats.append(p + "seq=" + "_".join(words))
    feats += [f"{p}w={w}" for w in words[:12]]
    # and the pairs of neighbouring words among the first 8: "giữ chức", "được bầu", "của ban"
    feats += [f"{p}b={a}_{b}" for a, b in zip(words[:8], words[1:8])]
    feats += [f"{p}p={t.text}" for t in between if t.is_punct]
    same_label_between = sum(1 for lab in labels if lab == head_label or lab == child_label)
    feats.append(f"{p}same_between={_bucket(same_label_between)}")
    if _listed_with_others(between, ents_between, labels):
        feats.append(p + "listed_with_others")
    if label == "has_title":
        if _post_chain(between, ents_between, labels):
            feats.append(f"{p}post_chain={order}")
        if child is first and _listed_after(doc_words, child, head, ents_between):
            feats.append(p + "listed_holder")
        if head is first and _career_list(between, ents_between):
            feats.append(p + "career_list")
        named = _person_right_after(ents, child)
        if named is not None and named.start != head.start:
            feats.append(p + "title_then_other_person")
    return feats


def _person_right_after(ents: list[Span], title: Span) -> Span | None:
    """The person named right after a title and its bodies, nothing else between ("Bí thư
    [Tỉnh ủy Lào Cai] Bùi Quang Vinh"): in a list of such posts ("…, Bí thư Tỉnh ủy Lào Cai
    Bùi Quang Vinh, Bí thư Tỉnh ủy Bình Thuận Huỳnh Văn Tý") the name before the title, after
    a comma, is the post before's holder, not this one's."""
    end = title.end
    for e in ents[bisect_left(ents, end, key=_start):]:
        if e.start != end:
            return None
        if e.label_ == "PER":
            return e
        if e.label_ not in {"ORG", "LOC"}:
            return None
        end = e.end
    return None


# Running text also brackets a person's posts or adds one with "đồng thời".
_CHAIN_GLUE = POST_LIST_GLUE | {"(", ")", "đồng thời", "đồng thời là"}


def _post_chain(between: list[Word], ents_between: list[Span], labels: list[str]) -> bool:
    """Only posts, their bodies and places, and list glue stand between a person and a title:
    "ông A, ủy viên Ban Thường vụ …, Bí thư Đảng ủy, [Chủ tịch] HĐTV", "[Phó Bí thư] Tỉnh ủy,
    Chủ tịch UBND tỉnh B": the title belongs to the list of the person's posts (`labels`: those
    of `ents_between`)."""
    if any(lab not in POST_LIST_LABELS for lab in labels):
        return False
    inside = {i for e in ents_between for i in range(e.start, e.end)}
    return all(t.i in inside or t.norm_ in _CHAIN_GLUE for t in between)


# Between the listed holders of a title: list glue, honorifics and ranks, status words.
_HOLDER_LIST_GLUE = POST_LIST_GLUE | HONORIFIC_WORDS | {"(", ")", ":", "có", "các", "nguyên", "phụ trách"}


def _listed_after(words, title: Span, person: Span, ents_between: list[Span]) -> bool:
    """The person is one of the holders listed after the title and "gồm" or a colon (cases 35,
    160: "4 [Thứ trưởng] gồm các ông [A], [B]", "… gồm: Chánh Văn phòng Thành ủy [A]; …"): from
    the opener to the person stand only list glue, other holders and their own posts."""
    bodies = {e.start: e.end for e in ents_between if e.label_ in {"ORG", "LOC"}}
    start = holder_list_opens(words, title.end, person.start, bodies)
    if start is None:
        return False
    listed = [e for e in ents_between if e.start >= start]
    if any(e.label_ not in POST_LIST_LABELS and e.label_ != "PER" for e in listed):
        return False
    inside = {i for e in listed for i in range(e.start, e.end)}
    return all(i in inside or words[i].is_space or words[i].norm_ in _HOLDER_LIST_GLUE
               for i in range(start, person.start))


# "ông X từng đảm nhiệm các chức vụ: A, B; C": the words that open a list of a person's past posts.
_CAREER_CUES = {"từng", "kinh qua", "trải qua", "đảm nhiệm", "đảm nhận"}
_CAREER_OPENING = _CAREER_CUES | {"giữ", "các", "nhiều", "chức vụ", "chức danh", "vị trí", "cương vị", "như", ":",
                                  "qua"}
# Words after which the list no longer tells the past: "…, nay là", "hiện là", "được bầu".
_CAREER_ENDS = {"được", "hiện", "hiện nay", "nay", "là", "bị", "sau", "sau đó", "trước khi"}


def _career_list(between: list[Word], ents_between: list[Span]) -> bool:
    """A person's career told as a list of posts, the title in it (case 162): "ông X (SN 1970),
    từng đảm nhiệm các chức vụ: Phó Giám đốc Sở …; Giám đốc Sở …" gives X each of them (status
    former), up to another person or a word that turns to the present or to a change."""
    cues = [n for n, t in enumerate(between) if t.norm_ in _CAREER_CUES]
    if not cues:
        return False
    k = cues[-1] + 1
    while k < len(between) and between[k].norm_ in _CAREER_OPENING:
        k += 1
    rest = between[k:]
    return not any(t.norm_ in _CAREER_ENDS for t in rest) and \
        not any(e.label_ == "PER" for e in ents_between if rest and e.start >= rest[0].i)


_LIST_GLUE = {",", "và", "ngày", "số", ";"}


def _listed_with_others(between: list[Word], ents_between: list[Span], labels: list[str]) -> bool:
    """Only other documents, dates and list glue lie between the pair, then "của" or "do":
    "DOC1, ngày D1 và DOC2 ngày D2 của ORG" gives ORG to both documents (`labels`: those of
    `ents_between`; without a DOC among them the words are not looked at)."""
    if "DOC" not in labels:
        return False
    inside = {i for e in ents_between if e.label_ in {"DOC", "DATE"} for i in range(e.start, e.end)}
    rest = [t for t in between if t.i not in inside]
    return len(rest) >= 1 and \
        rest[-1].norm_ in {"của", "do"} and \
        all(t.norm_ in _LIST_GLUE for t in rest[:-1])


class RelationClassifier:
    """Logistic regression over candidate features, stored as JSON."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(map(self.weights.get, feats, repeat(0.0, len(feats))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_disk(self, path: Path) -> None:
        data = {"kind": "logistic_regression", "bias": self.bias, "weights": dict(sorted(self.weights.items()))}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path, threshold: float) -> RelationClassifier:
        """The saved weights; the threshold is a stage setting of the config."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]), threshold)


def training_rows(docs: list[Doc], rules: RelationRules) -> tuple[list[list[str]], list[int]]:
    """Features and 0/1 targets of every candidate of gold-annotated Docs."""
    rows, targets = [], []
    for doc in docs:
        gold = {(span_key(r.head), span_key(r.child), r.label) for r in doc._.relations or []}
        groups = sentence_entities(doc)
        ruled = {(span_key(r.head), span_key(r.child), r.label) for r in rules.find(doc, groups)}
        for head, child, label, ents in candidates(groups):
            key = (span_key(head), span_key(child), label)
            rows.append(features(doc, head, child, label, key in ruled, ents))
            targets.append(int(key in gold))
    return rows, targets


def train(docs: list[Doc], seed: int = 13, c: float = 1.0) -> RelationClassifier:
    """Fit on Docs that carry gold entities and gold relations."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, targets = training_rows(docs, RelationRules())
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in row} for row in rows])
    if len(set(targets)) < 2:
        raise ValueError("relation training data needs both related and unrelated pairs")
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed, fit_intercept=True)
    model.fit(x, targets)
    weights = {name: float(w) for name, w in zip(vectorizer.feature_names_, model.coef_[0]) if w}
    return RelationClassifier(weights, float(model.intercept_[0]))


# Which TITLEs a has_title relation must reach to stay (stages.relations.titles_need_holder).
TITLES_NEED_HOLDER = ("none", "from rules", "all")
# Which way a holder passes along a list of posts to its titles no holder reaches
# (stages.relations.chained_holders, `chained_holders`).
HOLDER_CHAINS = ("none", "down", "down and up")


class RelationStage:
    """Relations by the classifier (which sees the rules' verdict) or by the rules alone."""

    name: ClassVar[str] = "relations"
    requires: ClassVar[tuple[str, ...]] = (ENTS, SENTS, TOKEN_NORM)
    sets: ClassVar[tuple[str, ...]] = (RELATIONS, ENTS)

    def __init__(self, classifier: RelationClassifier | None = None, max_distance: int = 40,
                 rules_decide: Collection[str] = (), titles_need_holder: str = "none",
                 one_per_title: bool = False, titles_shared_by_lists: bool = False,
                 lone_holder_score: float | None = None, lower_case_org_min_words: int = 0,
                 chained_holders: str = "none", posts_taken: bool = False) -> None:
        self.rules = RelationRules()
        self.classifier = classifier
        self.max_distance = max_distance
        self.rules_decide = frozenset(rules_decide)  # types too rare in training for the classifier
        self.titles_need_holder = _one_of("titles_need_holder", titles_need_holder, TITLES_NEED_HOLDER)
        self.one_per_title = one_per_title
        self.titles_shared_by_lists = titles_shared_by_lists
        self.lone_holder_score = lone_holder_score
        self.lower_case_org_min_words = lower_case_org_min_words
        self.chained_holders = _one_of("chained_holders", chained_holders, HOLDER_CHAINS)
        self.posts_taken = posts_taken

    def predict(self, doc: Doc) -> list[Relation]:
        """The pairs `_pairs` finds, with `chained_holders` the holders passed along lists of
        posts, and with `posts_taken` the holders of the posts taken up after "giữ chức"."""
        groups = sentence_entities(doc)  # once: each reading of `doc.ents` makes every Span again
        relations = self._pairs(doc, groups)
        if self.chained_holders != "none":
            relations += chained_holders(doc, groups, relations, up=self.chained_holders == "down and up")
        if self.posts_taken:
            relations += holders_of_posts_taken(doc, groups, relations)
        return relations

    def _pairs(self, doc: Doc, groups: list[list[Span]]) -> list[Relation]:
        """The rules' relations of the types they decide, the holders they read listed after a
        title and the bodies bare titles name by their kind, and the classifier's pairs over the
        threshold (with `one_per_title`, a title's likeliest holder and body, and a model title's
        weak holder); `groups`: the entities of each sentence (`sentence_entities`)."""
        ruled = self.rules.find(doc, groups)
        decided = decided_by_rules(doc, groups)
        said = {(span_key(r.head), span_key(r.child), r.label) for r in ruled}
        if self.classifier is None:  # a pair both the sentence rules and the deciding ones read, once
            return ruled + [r for r in decided if (span_key(r.head), span_key(r.child), r.label) not in said]
        found = [r for r in ruled if r.label in self.rules_decide] + decided
        # a title the rules gave its listed holders or its body takes no other from the classifier
        settled = {(span_key(_title(r.head, r.child, r.label)), r.label) for r in decided}
        scored, words = [], words_of(doc)
        for head, child, label, ents in candidates(groups, self.max_distance):
            if label in self.rules_decide or (span_key(_title(head, child, label)), label) in settled:
                continue
            if label == "has_title" and _replaced(words, head, child):
                continue
            rule_says = (span_key(head), span_key(child), label) in said
            p = self.classifier.probability(features(doc, head, child, label, rule_says, ents))
            scored.append(Relation(head, child, label, p, "model"))
        threshold = self.classifier.threshold
        if self.one_per_title:
            return found + one_per_title(scored, threshold, self.titles_shared_by_lists, self.lone_holder_score)
        return found + [r for r in scored if r.score >= threshold]

    def set_annotations(self, doc: Doc, relations: list[Relation]) -> None:
        if self.titles_need_holder != "none":
            relations = drop_unheld_titles(doc, relations, self.titles_need_holder == "from rules")
        if self.lower_case_org_min_words:
            drop_lone_lower_case_bodies(doc, relations, self.lower_case_org_min_words)
        doc._.relations = relations

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc


def _one_of(setting: str, value: str, allowed: tuple[str, ...]) -> str:
    """The value of a [stages.relations] setting, refused by name when it is none of `allowed`."""
    if value not in allowed:
        raise ConfigError(f"stages.relations.{setting}: {value!r} is none of {', '.join(allowed)}")
    return value


# "giữ chức Bí thư Huyện ủy … thay ông [A]": A is the one replaced.
_REPLACING = {"thay", "thay thế", "thay cho"}


def _replaced(words: Words, person: Span, title: Span) -> bool:
    """The person is named after "thay" (the one a new holder replaces) and the title before it:
    the title is the new holder's, not theirs (the training gold gives none of its 84 such pairs)."""
    return _replacing_word(words, person) >= title.end


def _replacing_word(words: Words, person: Span) -> int:
    """The index of the "thay" the person is named after (honorifics between), else -1."""
    k = person.start - 1
    while k >= 0 and words[k].norm_ in HONORIFIC_WORDS:
        k -= 1
    return k if k >= 0 and words[k].norm_ in _REPLACING else -1


def _title(head: Span, child: Span, label: str) -> Span:
    """The TITLE of a has_title (the child) or title_of (the head) pair."""
    return child if label == "has_title" else head


def one_per_title(scored: list[Relation], threshold: float, shared_by_lists: bool = False,
                  lone_holder_score: float | None = None) -> list[Relation]:
    """Pairs that pass the threshold, except that a title takes one holder (has_title) and one
    body (title_of), its likeliest: pairs judged one by one give a title in a list of people
    to two of them ("ông A, Bí thư Tỉnh ủy, ông B"). No title in the gold data has two bodies.
    With `shared_by_lists`, a title also goes to the other holders over the threshold listed
    with its likeliest one, the title outside the list (case 35: "4 [Thứ trưởng] gồm các ông
    [A], [B], [C]"), as the gold data's titles with several holders are.
    With `lone_holder_score`, a title of the model's that no holder reaches over the threshold
    still takes its likeliest holder when that one scores at least this: a title the model
    found nearly always has a holder (guidelines rule 2), so the best of weak candidates is
    more often right than not. A title of the rules' still needs a holder over the threshold."""
    def candidate(r: Relation) -> bool:
        """Over the threshold, or a weak holder of a model title that may be its lone one."""
        if r.score >= threshold:
            return True
        return lone_holder_score is not None and r.score >= lone_holder_score and r.label == "has_title" \
            and not r.child._.source.startswith(RULE_SOURCE)

    best: dict[tuple[tuple[int, int], str], Relation] = {}
    kept = []
    for r in scored:
        if not candidate(r):
            continue
        if r.label not in {"has_title", "title_of"}:
            kept.append(r)
            continue
        key = (span_key(_title(r.head, r.child, r.label)), r.label)
        if key not in best or r.score > best[key].score:
            best[key] = r
    kept += best.values()
    if shared_by_lists:
        kept += [r for r in scored if r.label == "has_title" and r.score >= threshold
                 and (b := best[(span_key(r.child), "has_title")]) is not r
                 and _listed_together(b.head, r.head, r.child)]
    return kept


# Between two posts of one person's list, besides the posts' own bodies and places: list glue,
# "nguyên" and the terms the posts were held in ("khóa XII", "các khóa 7, 8, 9", "nhiệm kỳ
# 2010-2015", "từ khoá 7 đến khóa 12").
# "và" is left out: "cả Tổng bí thư và Chủ tịch nước" names two posts, not one person's list.
_CHAIN_TERMS = (_CHAIN_GLUE - {"và"}) | {"nguyên", "khóa", "khoá", "nhiệm kỳ", "các", "từ", "đến"}


def chained_holders(doc: Doc, groups: list[list[Span]], relations: list[Relation], up: bool = False) -> list[Relation]:
    """has_title pairs for the titles no holder reaches that follow, in one person's list of
    posts, a title someone holds: "ông A, …; Phó Bí thư Thường trực Tỉnh ủy, [Chủ tịch] HĐND
    tỉnh", "nguyên Ủy viên Bộ Chính trị các khóa 7, 8, 9; nguyên [Thủ tướng] Chính phủ": the
    classifier judges each pair alone and loses the holder of a long list (guidelines rule 2
    would then drop the title). Between the two titles stand only bodies, places and
    `_CHAIN_TERMS`, and no person; each title so held passes its holder on down the list. With
    `up`, a holder named after the list is passed up it too, from the title nearest the name:
    "[Ủy viên] Bộ Chính trị từ khoá 8 đến 12; [Tổng biên tập] Tạp chí Cộng sản; …; Tổng bí thư
    [Nguyễn Phú Trọng]". The pair takes the score of the one it follows."""
    holder = {span_key(r.child): r for r in relations if r.label == "has_title"}
    words = words_of(doc)
    added: list[Relation] = []
    for ents in groups:
        for upwards in (False, True) if up else (False,):
            last: Relation | None = None  # the relation of the title before, in the order walked
            for ent in reversed(ents) if upwards else ents:
                if ent.label_ == "PER":
                    last = None
                if ent.label_ != "TITLE":
                    continue
                held = holder.get(span_key(ent))
                if held is None and last is not None and \
                        _posts_in_a_row(words, ents, *((ent, last.child) if upwards else (last.child, ent))):
                    held = holder[span_key(ent)] = Relation(last.head, ent, "has_title", last.score, last.source)
                    added.append(held)
                last = held if held is not None and (not upwards or held.head.start >= ent.end) else None
    return added


def _posts_in_a_row(words: Words, ents: list[Span], first: Span, second: Span) -> bool:
    """Only bodies, places, numbers and `_CHAIN_TERMS` stand between the two titles."""
    inside = {i for e in _ents_between(ents, first.end, second.start) if e.label_ in {"ORG", "LOC"}
              for i in range(e.start, e.end)}
    return all(i in inside or w.is_space or w.like_num or w.norm_ in _CHAIN_TERMS or ROMAN.fullmatch(w.text)
               for i, w in zip(range(first.end, second.start), words[first.end:second.start]))


# The words a post taken up or held stands after: "giữ chức vụ [Bí thư]", "được bầu làm [Phó
# Bí thư]"; "chức vụ" alone follows other verbs too ("miễn nhiệm chức vụ", "thiếu chức danh").
_POST = {word for word in HOLD_A_POST if not word.startswith("giữ")}
_TAKING_UP = (HOLD_A_POST - _POST) | {"làm"}


def holders_of_posts_taken(doc: Doc, groups: list[list[Span]], relations: list[Relation]) -> list[Relation]:
    """has_title pairs for the titles no holder reaches that stand right after "giữ chức (vụ)"
    or "làm" (`_taken_up`): the post is the one the person named last before it in the
    sentence takes up or holds ("điều động ông [A] …; chỉ định tham gia BCH Đảng bộ, Ban
    Thường vụ Quận ủy, giữ chức vụ [Bí thư] Quận ủy"), however far back the name is. A person
    named after "thay" is the one replaced, not the holder. The pair scores 0.5, the
    classifier's threshold, before calibration."""
    holder = {span_key(r.child) for r in relations if r.label == "has_title"}
    words = words_of(doc)
    added: list[Relation] = []
    for ents in groups:
        person: Span | None = None
        for ent in ents:
            if ent.label_ == "PER" and _replacing_word(words, ent) < 0:
                person = ent
            elif ent.label_ == "TITLE" and person is not None and span_key(ent) not in holder \
                    and _taken_up(words, ent.start):
                added.append(Relation(person, ent, "has_title", 0.5, "rules"))
    return added


def _taken_up(words: Words, start: int) -> bool:
    """The title at `start` follows "giữ chức (vụ)" or "làm", not "thôi giữ chức" or "thôi làm"."""
    k = start - 1
    if k >= 1 and words[k].norm_ in _POST and words[k - 1].norm_ == "giữ":
        k -= 1
    return k >= 0 and words[k].norm_ in _TAKING_UP and (k == 0 or words[k - 1].norm_ != "thôi")


# What may stand between two people of one list, besides their names, titles and bodies.
_PEOPLE_LIST_GLUE = {",", ";", "và", "ông", "bà", "-", "–", "đồng chí", "cùng"}


def _listed_together(a: Span, b: Span, title: Span) -> bool:
    """Two people of one list that `title` stands outside of: between them only entities
    (their own titles and bodies) and list glue ("đối với ông [A] - Tỉnh ủy viên, Giám đốc Sở
    Nông nghiệp và ông [B]"); a title between them is the first one's ("ông A, Bí thư, ông B").
    A second person named right after a post of their own does not share the first one's: "Tổng
    Bí thư, Chủ tịch nước [A], Chủ tịch Quốc hội [B]"."""
    first, second = (a, b) if a.start < b.start else (b, a)
    if first.end <= title.start < second.start:
        return False
    between = a.doc[first.end:second.start]
    if not all(t.ent_type_ or t.is_space or t.norm_ in _PEOPLE_LIST_GLUE for t in between):
        return False
    k = len(between) - 1
    while k >= 0 and between[k].ent_type_ in {"ORG", "LOC"}:
        k -= 1
    return k < 0 or between[k].ent_type_ != "TITLE"


def drop_unheld_titles(doc: Doc, relations: list[Relation], rules_only: bool = True) -> list[Relation]:
    """Guidelines rule 2: a TITLE is marked only when a named person holds it, so a TITLE
    that no has_title relation reaches ("các đồng chí ủy viên BCH …", said of no one)
    leaves the Doc's entities, with any relation it takes part in. With `rules_only`, only
    the titles the rules added where the model found nothing: the model learnt from the gold
    where a title stands without a holder found here. Without it, the model's titles too: one
    the model found keeps a weaker holder as its relation (`one_per_title`, `lone_holder_score`),
    so the titles left unheld are the ones no person of their sentence reaches even so.
    Returns the relations that remain."""
    held = {span_key(r.child) for r in relations if r.label == "has_title"}

    def unheld_title(e: Span) -> bool:
        if e.label_ != "TITLE" or span_key(e) in held:
            return False
        # "all" drops every title no one holds; "from rules" only the titles the rules added
        return not rules_only or e._.source.startswith(RULE_SOURCE)

    unheld = {span_key(e) for e in doc.ents if unheld_title(e)}
    if not unheld:
        return relations
    doc.ents = [e for e in doc.ents if span_key(e) not in unheld]
    return [r for r in relations if span_key(r.head) not in unheld and span_key(r.child) not in unheld]


def drop_lone_lower_case_bodies(doc: Doc, relations: list[Relation], min_words: int) -> None:
    """An ORG written wholly in lower case in fewer than `min_words` syllables that no relation
    reaches leaves the Doc's entities: a bare head ("trung ương", "đảng", "ban"), which the
    network, trained on lower-cased copies too, takes for a body more often wrongly than
    rightly; one that takes a post or issues a document is kept."""
    related = {span_key(s) for r in relations for s in (r.head, r.child)}
    doc.ents = [e for e in doc.ents if e.label_ != "ORG" or span_key(e) in related
                or e.text != e.text.lower() or len(e.text.split()) >= min_words]
