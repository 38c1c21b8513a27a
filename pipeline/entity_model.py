"""The trained NER model as a stage, with how it is trained beside it.

The model is spaCy's `ner` component (network: the [spacy] part of the config) on our
own words: it reads a view of the Doc in which every word is its normalised form and
carries the features the network embeds: the segmenter's word kind (TAG), and in MORPH
the label the rules proposed for it ("Rule=B_ORG") and the gazetteer's hit ("Place=B").
So the rules and the gazetteer inform the model, and the model decides the boundaries.
The view keeps the Doc's sentence starts, so no predicted entity crosses a sentence end.

The network is one of two spaCy components, named in the [spacy] config: the
transition-based `ner` (a state machine that reads the entity it is building, one step
per word), or a per-word `tagger` over BILUO tags ("B-ORG", "I-ORG", "L-ORG", "U-LOC",
"O"), which scores all words in one matrix product and is read as the best well-formed
tag sequence; `make choices` weighs them.

How the model's spans and the rules' spans end up on the Doc is a merge policy: a
function (model spans, rule spans) -> spans, chosen by name in the config and measured
by `make choices`; the merged spans then pass the guidelines' checks of `span_checks.py`.
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import ClassVar

import numpy
from spacy.attrs import MORPH, NORM, ORTH, PREFIX, SENT_START, SHAPE, SPACY, SUFFIX, TAG
from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.tokens import Doc, Span
from spacy.training import Example, offsets_to_biluo_tags, tags_to_entities
from spacy.training.batchers import minibatch_by_words
from spacy.util import fix_random_seed, load_model_from_config
from thinc.api import Adam, Config, warmup_linear

from .blas import numpy_ops, one_thread
from .entity_rules import BYLINE_SOURCE
from .errors import ConfigError
from .schema import (
    ENTS,
    LABELS,
    RULE_SPANS,
    SENTS,
    SPAN_SOURCE,
    TOKEN_FORM,
    TOKEN_KIND,
    WORDS,
)
from .span_checks import AFTER_MERGE
from .spans import tidy
from .words import words_of

FEATURES = ("kind", "rules", "place")


# --- merge policies: (model spans, rule spans) -> the Doc's entities ----------------------
def _keep_first(first: list[Span], second: list[Span]) -> list[Span]:
    taken = {i for s in first for i in range(s.start, s.end)}
    return sorted(first + [s for s in second if not taken.intersection(range(s.start, s.end))],
                  key=lambda s: s.start)


def model_only(model: list[Span], rules: list[Span]) -> list[Span]:
    """The model decides every span; the rules only informed it."""
    return model


def rules_first(model: list[Span], rules: list[Span]) -> list[Span]:
    """Every rule span, and the model's spans where the rules found nothing."""
    return _keep_first(rules, model)


def model_first(model: list[Span], rules: list[Span]) -> list[Span]:
    """Every model span, and the rules' spans where the model found nothing."""
    return _keep_first(model, rules)


def give_way(model: list[Span], rules: list[Span], labels: set[str]) -> list[Span]:
    """A model span that starts a rule span of a label the rules decide alone (one `labels`
    leaves out) and ends within it gives way to it: "[Di chúc]" is the rules' DOC, not the
    model's LOC. A model span reaching further is a name of its own ("[Ban Chỉ đạo tổng kết
    nghị quyết 18]") and stays. A byline the rules read on the last lines is theirs whatever
    the model made of its words: "Thu Hằng" signing an article is no place."""
    decided = {r.start: r.end for r in rules if r.label_ not in labels}
    signed = [(r.start, r.end) for r in rules if r._.source == BYLINE_SOURCE]
    return [m for m in model if not (m.start in decided and m.end <= decided[m.start])
            and not any(m.start < end and start < m.end for start, end in signed)]


MERGE_POLICIES: dict[str, Callable[[list[Span], list[Span]], list[Span]]] = {
    "model_only": model_only, "rules_first": rules_first, "model_first": model_first}


# --- what the model reads ---------------------------------------------------------------
def _morphs(doc: Doc, features: set[str]) -> list[str]:
    """Per token, the rule and gazetteer features as one MORPH string ("Rule=B_ORG|Place=B");
    only the words inside a rule span or a place have any, so only theirs are joined."""
    parts: dict[int, list[str]] = {}
    if "rules" in features:
        for span in doc._.rule_spans or []:
            label = span.label_
            parts.setdefault(span.start, []).append(f"Rule=B_{label}")
            for i in range(span.start + 1, span.end):
                parts.setdefault(i, []).append(f"Rule=I_{label}")
    if "place" in features:
        for i, tag in enumerate(words_of(doc).place_tags):
            if tag:
                parts.setdefault(i, []).append(f"Place={tag}")
    morphs = [""] * len(doc)
    for i, features_of_word in parts.items():
        morphs[i] = "|".join(features_of_word)
    return morphs


def model_view(doc: Doc, features: Iterable[str] = FEATURES, vocab=None) -> Doc:
    """The Doc the model reads: same words, each in its normalised form (so NFD input or old
    tone placement cannot change a prediction), with the features the config names.

    The tags, features and sentence starts are set with one `Doc.from_array`: what
    `Doc(tags=, morphs=, sent_starts=)` sets, without its loop over each value. The strings go
    into the store in the order that loop adds them."""
    features = set(features)
    vocab = vocab or doc.vocab
    words = words_of(doc)
    tags = [word.tag_ for word in words] if "kind" in features else [""] * len(words)
    morphs = _morphs(doc, features)
    spaces, starts = doc.to_array([SPACY, SENT_START]).T
    view = Doc(vocab, words=[word.text for word in words], spaces=spaces.astype(bool).tolist())
    strings = vocab.strings
    for value in dict.fromkeys(tags + morphs):
        strings.add(value)
    tag_ids = {tag: strings[tag] for tag in dict.fromkeys(tags)}
    morph_ids = {morph: vocab.morphology.add(morph) for morph in dict.fromkeys(morphs)}
    array = numpy.empty((len(words), 3), dtype=numpy.uint64)
    array[:, 0] = [tag_ids[tag] for tag in tags]
    array[:, 1] = [morph_ids[morph] for morph in morphs]
    array[:, 2] = numpy.where(starts == 1, 1, -1).astype(numpy.uint64)  # -1: no start
    return view.from_array([TAG, MORPH, SENT_START], array)


# --- the per-word tagger: BILUO tags in, spans out ---------------------------------------
def biluo_tags(doc: Doc) -> list[str]:
    """The gold entities of a Doc as one BILUO tag per word ("B-ORG", "L-ORG", "U-LOC", "O")."""
    return offsets_to_biluo_tags(doc, [(e.start_char, e.end_char, e.label_) for e in doc.ents])


@lru_cache(maxsize=4)
def _grammar(labels: tuple[str, ...]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Which BILUO tags may open a span sequence, close it, and follow each other
    ([previous, current])."""
    prefix = [label.partition("-")[0] for label in labels]
    kind = [label.partition("-")[2] for label in labels]
    opens = numpy.array([p in "BUO" for p in prefix])
    closes = numpy.array([p in "LUO" for p in prefix])
    inside = numpy.array([[p in "BI" and q in "IL" and kind[i] == kind[j] for j, q in enumerate(prefix)]
                          for i, p in enumerate(prefix)])
    return opens, closes, (closes[:, None] & opens[None, :]) | inside


def _viterbi(scores: numpy.ndarray, labels: tuple[str, ...]) -> numpy.ndarray:
    """The most probable well-formed tag sequence of one sentence."""
    opens, closes, follows = _grammar(labels)
    log_p = numpy.log(numpy.maximum(scores, 1e-12))
    moves = numpy.where(follows, 0.0, -numpy.inf)
    best = log_p[0] + numpy.where(opens, 0.0, -numpy.inf)
    back = numpy.zeros(scores.shape, dtype=numpy.intp)
    for i in range(1, len(scores)):
        paths = best[:, None] + moves
        back[i] = paths.argmax(axis=0)
        best = paths.max(axis=0) + log_p[i]
    path = [int(numpy.where(closes, best, -numpy.inf).argmax())]
    for i in range(len(scores) - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return numpy.array(path[::-1])


def best_tags(doc: Doc, scores: numpy.ndarray, labels: tuple[str, ...]) -> list[str]:
    """The most probable BILUO sequence among the well-formed ones, each span inside one
    sentence. The network scores each word alone, so its best tag per word may break a name
    in two or leave it open; only such sentences need the (slower) Viterbi search, since
    where the best tags are well formed they are the best well-formed sequence."""
    opens, closes, follows = _grammar(labels)
    tags = scores.argmax(axis=1)
    for sent in doc.sents:
        seq = tags[sent.start:sent.end]
        if not (opens[seq[0]] and closes[seq[-1]] and follows[seq[:-1], seq[1:]].all()):
            tags[sent.start:sent.end] = _viterbi(scores[sent.start:sent.end], labels)
    return [labels[i] for i in tags.tolist()]


def network_labels(pipe) -> list[str]:
    """What the network predicts: entity labels for `ner`, their BILUO tags for a tagger."""
    if isinstance(pipe, Tagger):
        return [f"{prefix}-{label}" for label in LABELS for prefix in "BILU"] + ["O"]
    return list(LABELS)


def _entity_labels(pipe) -> set[str]:
    return {label.partition("-")[2] or label for label in pipe.labels} - {"O"}


class EntityModel:
    """The trained NER model as a pipeline stage."""

    name: ClassVar[str] = "entity_model"
    requires: ClassVar[tuple[str, ...]] = (WORDS, SENTS, TOKEN_FORM, TOKEN_KIND, RULE_SPANS, ENTS)
    sets: ClassVar[tuple[str, ...]] = (ENTS, SPAN_SOURCE)

    def __init__(self, model: Language, settings: dict) -> None:
        if settings["merge"] not in MERGE_POLICIES:
            raise ConfigError(f"stages.entity_model.merge: {settings['merge']!r} is none of "
                              f"{', '.join(MERGE_POLICIES)}")
        self.ner = model.get_pipe("ner")
        self.merge = MERGE_POLICIES[settings["merge"]]
        self.features = tuple(settings.get("features", FEATURES))
        # Alone, the model keeps every label; merged with the rules, only `labels`.
        self.labels = _entity_labels(self.ner) if self.merge is model_only else set(settings["labels"])
        self._spans = self._tagged if isinstance(self.ner, Tagger) else self._parsed
        self.batch_size = settings["batch_size"]
        self.default_score = settings["default_score"]  # before calibration (calibration.py)

    def predict(self, docs: list[Doc]) -> list[list[Span]]:
        """The model's entity spans per Doc (one network call for all of them); the Docs' own
        entities are left as they were."""
        views = [model_view(doc, self.features) for doc in docs if len(doc)]
        found = iter(self._spans(views) if views else [])
        return [[Span(doc, start, end, label=label) for start, end, label in next(found) if label in self.labels]
                if len(doc) else [] for doc in docs]

    def _tagged(self, views: list[Doc]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) of each view's entities: the view's words are the Doc's, so the
        spans are made on the Doc alone."""
        labels = self.ner.labels
        with one_thread():
            scores = self.ner.model.predict(views)
        return [[(start, last + 1, label)
                 for label, start, last in tags_to_entities(best_tags(view, tag_scores, labels))]
                for view, tag_scores in zip(views, scores)]

    def _parsed(self, views: list[Doc]) -> list[list[tuple[int, int, str]]]:
        with one_thread():
            states = self.ner.predict(views)
        self.ner.set_annotations(views, states)
        return [[(e.start, e.end, e.label_) for e in view.ents] for view in views]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        ruled = {(s.start, s.end, s.label_) for s in doc._.rule_spans or []}
        for span in spans:  # "model+rules": both found it, which calibration weighs
            extension = span._  # made once per span
            extension.source = "model+rules" if (span.start, span.end, span.label_) in ruled else "model"
            extension.score = self.default_score
        rules = list(doc._.rule_spans or [])
        if self.merge is not model_only:
            spans = give_way(spans, rules, self.labels)
        merged = tidy(doc, self.merge(spans, rules))
        for rule in AFTER_MERGE:
            merged = rule(doc, merged)
        doc.ents = merged

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict([doc])[0])
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """Docs in batches: one network call for several documents."""
        it = iter(docs)
        while batch := list(islice(it, self.batch_size)):
            for doc, spans in zip(batch, self.predict(batch)):
                self.set_annotations(doc, spans)
                yield doc


# --- training ------------------------------------------------------------------------------
def to_example(doc: Doc, features: Iterable[str], vocab=None) -> Example:
    """A training example from a Doc that carries the rule spans as features and the gold
    entities as its ents (in the model's vocab, which holds the static vectors if any)."""
    predicted, reference = model_view(doc, features, vocab=vocab), model_view(doc, features, vocab=vocab)
    reference.ents = [Span(reference, e.start, e.end, label=e.label_) for e in doc.ents]
    for token, tag in zip(reference, biluo_tags(reference)):  # what a tagger learns; `ner` reads ents
        token.tag_ = tag
    return Example(predicted, reference)


def inputs_key(docs: list[Doc], network: Config, settings: dict, features: Iterable[str], seed: int) -> str:
    """A key over everything `train` reads: the network's config, the training settings and
    seed, the words each example shows the network (forms, features, sentence starts) with
    its gold tags, the static vectors if used, the versions of spaCy, thinc and NumPy, and the
    source of this module and of the one that picks its matrix products. Training is
    deterministic, so one key is one network, byte for byte (tests/test_train.py)."""
    import spacy
    import thinc

    from . import blas
    from .cache import key_of
    from .vectors import VECTORS_DIR

    features = sorted(set(features))
    digest = hashlib.sha256()
    for doc in docs:
        view = model_view(doc, features)
        digest.update(view.to_array([ORTH, NORM, PREFIX, SUFFIX, SHAPE, TAG, MORPH, SENT_START, SPACY]).tobytes())
        digest.update("\n".join(biluo_tags(doc)).encode("utf-8"))
    vectors = sorted(VECTORS_DIR.rglob("*")) if settings.get("static_vectors") else []
    return key_of(sys.modules[__name__], blas, *(p for p in vectors if p.is_file()), network.to_str(),
                  json.dumps(settings, sort_keys=True), ",".join(features), str(seed),
                  spacy.__version__, thinc.__version__, numpy.__version__, digest.hexdigest())


def train(docs: list[Doc], network: Config, settings: dict, features: Iterable[str], seed: int,
          log: Callable[[str], None]) -> Language:
    """Fit the NER model on gold Docs (with their rule spans); deterministic for a seed."""
    fix_random_seed(seed)
    with numpy_ops():
        nlp = load_model_from_config(network, auto_fill=True, validate=True)
    if settings.get("static_vectors"):
        from .vectors import add_to

        add_to(nlp.vocab)
    ner = nlp.get_pipe("ner")
    for label in network_labels(ner):
        ner.add_label(label)
    examples = [to_example(doc, features, nlp.vocab) for doc in docs]
    optimizer = Adam(_learn_rate(examples, settings))
    nlp.initialize(lambda: examples, sgd=optimizer)
    rng = random.Random(seed)
    with one_thread():
        for epoch in range(1, settings["epochs"] + 1):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in minibatch_by_words(examples, size=settings["batch_words"]):
                nlp.update(batch, drop=settings["dropout"], sgd=optimizer, losses=losses)
                optimizer.step_schedules()
            log(f"ner: epoch {epoch:2d}/{settings['epochs']}  loss {losses.get('ner', 0.0):9.1f}")
    if settings["average_weights"]:
        _keep_averages(nlp, optimizer.averages)
    return nlp


def _learn_rate(examples: list[Example], settings: dict):
    """The configured rate, or with `learn_rate_decay` a rate falling in a straight line to
    zero at the last update, so that training settles rather than stopping mid-stride."""
    if not settings["learn_rate_decay"]:
        return settings["learn_rate"]
    steps = settings["epochs"] * sum(1 for _ in minibatch_by_words(examples, size=settings["batch_words"]))
    return warmup_linear(settings["learn_rate"], 0, steps)


def _keep_averages(nlp: Language, averages: dict) -> None:
    """Replace each weight by its running average over the updates (the optimizer keeps one
    per weight), so the last noisy steps of training do not decide the model alone."""
    for _, pipe in nlp.pipeline:
        for node in pipe.model.walk():
            for name in node.param_names:
                if (node.id, name) in averages:
                    node.set_param(name, averages[(node.id, name)])
