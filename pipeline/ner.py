"""Stage 3b: the trained NER model beside the rules, with its train and score.

The model is spaCy's `ner` component (config: `pipeline/ner.cfg`) on our own
words: the Docs come from `Segmenter`, never from spaCy's tokenizer. `predict`
returns the model's spans; `set_annotations` merges them with the rule spans
already on the Doc, by the policy the config names (measured in `make eval`).
"""
from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words
from spacy.util import fix_random_seed
from thinc.api import Adam, Config

from .gold import LABELS, Record

CONFIG_PATH = Path(__file__).resolve().parent / "ner.cfg"
COMBINE = ("rules_first", "model_first", "model_only")


def read_config(path: Path = CONFIG_PATH) -> tuple[Config, dict]:
    """The spaCy part of the config and our [training] settings."""
    config = Config().from_disk(path)
    training = dict(config.pop("training"))
    if training["combine"] not in COMBINE:
        raise ValueError(f"{path}: [training] combine must be one of {COMBINE}")
    unknown = set(training.get("model_labels") or ()) - set(LABELS)
    if unknown:
        raise ValueError(f"{path}: [training] model_labels has unknown labels {sorted(unknown)}")
    return config, training


def blank_model(config: Config) -> Language:
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def model_view(doc: Doc, tokens: list[int] | None = None) -> Doc:
    """The Doc the model reads: same words and kinds, each in its normalised form (LEMMA),
    so that NFD input or old tone placement cannot change what the model predicts.
    `tokens` (indices into doc) restricts it to some of the words."""
    chosen = list(doc) if tokens is None else [doc[i] for i in tokens]
    return Doc(doc.vocab, words=[t.lemma_ or t.text for t in chosen],
               spaces=[bool(t.whitespace_) for t in chosen], tags=[t.tag_ for t in chosen])


def open_sentences(doc: Doc) -> list[int]:
    """Tokens of the sentences where the rules left a capitalised word uncovered (the
    sentence's first word counts only when it looks like a name). Elsewhere every name is
    already a rule entity, so a model kept only beside the rules has nothing to add."""
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    tokens: list[int] = []
    for sent in doc.sents:
        first = sent[0]
        if any(t.i not in covered and t.text[:1].isupper() for t in sent[1:]) or (
                first.i not in covered and _is_name(first.text)):
            tokens.extend(range(sent.start, sent.end))
    return tokens


def _is_name(word: str) -> bool:
    """Every syllable capitalised, as in "Hà Nội"; a sentence opening "Đồng chí" is not."""
    syllables = word.split()
    return len(syllables) > 1 and all(s[:1].isupper() for s in syllables)


def to_example(record: Record, make_doc: Callable[[str], Doc]) -> tuple[Example, int]:
    """A training example; also how many gold spans fall between words (dropped)."""
    doc = make_doc(record.text)
    predicted, reference = model_view(doc), model_view(doc)
    spans, dropped = [], 0
    for item in record.spans:
        span = doc.char_span(item["start"], item["end"])
        if span is None:
            dropped += 1
        else:
            spans.append(Span(reference, span.start, span.end, label=item["label"]))
    reference.ents = spans
    return Example(predicted, reference), dropped


def train(records: list[Record], make_doc_for: Callable[[Language], Callable[[str], Doc]],
          config_path: Path = CONFIG_PATH, seed: int | None = None, epochs: int | None = None,
          log: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> Language:
    """Train the NER model on gold records; deterministic for a given seed."""
    config, settings = read_config(config_path)
    seed = settings["seed"] if seed is None else seed
    settings["epochs"] = epochs or settings["epochs"]
    fix_random_seed(seed)
    nlp = blank_model(config)
    make_doc = make_doc_for(nlp)
    pairs = [to_example(r, make_doc) for r in records]
    examples = [ex for ex, _ in pairs]
    dropped = sum(n for _, n in pairs)
    if dropped:
        log(f"ner: {dropped} gold span(s) do not fall on word boundaries and are not learnt")
    optimizer = Adam(settings["learn_rate"])
    nlp.initialize(lambda: examples, sgd=optimizer)
    rng = random.Random(seed)
    for epoch in range(1, settings["epochs"] + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch_by_words(examples, size=settings["batch_words"]):
            nlp.update(batch, drop=settings["dropout"], sgd=optimizer, losses=losses)
        log(f"ner: epoch {epoch:2d}/{settings['epochs']}  loss {losses.get('ner', 0.0):9.1f}")
    return nlp


def _sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token. Used for guidelines rule 2: a title is marked
    only when a named person in its sentence holds it, so a model TITLE in a sentence
    without any PER is dropped."""
    numbers: list[int] = []
    for n, sent in enumerate(doc.sents):
        numbers.extend([n] * len(sent))
    return numbers


class EntityModel:
    """The trained NER model as a pipeline stage."""

    name: ClassVar[str] = "ner"
    requires: ClassVar[tuple[str, ...]] = ("words", "sents", "token.lemma", "token.tag", "ents")
    sets: ClassVar[tuple[str, ...]] = ("ents",)

    def __init__(self, model: Language, combine: str = "rules_first",
                 scores: dict[str, float] | None = None,
                 labels: tuple[str, ...] | None = None, skip_covered: bool = True) -> None:
        self.ner = model.get_pipe("ner")
        self.combine = combine
        self.scores = scores or {}
        # Merged with the rules, the model keeps only `labels`; alone it keeps every label.
        # Only when the rules come first may it skip sentences whose names they all hold.
        self.labels = set(labels if labels and combine != "model_only" else self.ner.labels)
        self.skip_covered = skip_covered and combine == "rules_first"

    def predict(self, doc: Doc) -> list[Span]:
        """The model's entity spans; the Doc's own entities are left as they were."""
        tokens = open_sentences(doc) if self.skip_covered else list(range(len(doc)))
        if not tokens:
            return []
        view = model_view(doc, tokens)
        self.ner.set_annotations([view], self.ner.predict([view]))
        spans = [Span(doc, tokens[e.start], tokens[e.end - 1] + 1, label=e.label_)
                 for e in view.ents if e.label_ in self.labels
                 and tokens[e.end - 1] - tokens[e.start] == e.end - 1 - e.start]
        if not any(s.label_ == "TITLE" for s in spans):
            return spans
        sentence = _sentence_numbers(doc)
        with_person = {sentence[e.start] for e in list(doc.ents) + spans if e.label_ == "PER"}
        return [s for s in spans if s.label_ != "TITLE" or sentence[s.start] in with_person]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        for span in spans:
            span._.source = "model"
            span._.score = self.scores.get(span.label_, 0.8)
        rules = list(doc.ents)
        if self.combine == "model_only":
            doc.ents = spans
            return
        first, second = (rules, spans) if self.combine == "rules_first" else (spans, rules)
        taken = {i for s in first for i in range(s.start, s.end)}
        merged = first + [s for s in second if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(merged, key=lambda s: s.start)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc
