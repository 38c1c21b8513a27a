"""The factory table: how each stage named in the config is built.

Each factory takes the stage's settings (its [stages.NAME] section) and the context
shared by all (the models folder, the trained NER model, the calibration table) and
returns a Stage. The segmenter always comes first; the config gives the rest.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import spacy
from confection import Config
from spacy.attrs import PREFIX, SUFFIX
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from .blas import numpy_ops
from .config import MODEL_STAGES
from .errors import ConfigError, ModelsMissing
from .segment import Segmenter


@dataclass
class Context:
    """What the factories share: models are read once, and only when a stage needs them."""

    models_dir: Path | None
    calibration: dict = field(default_factory=dict)

    @cached_property
    def ner_model(self) -> Language:
        if self.models_dir is None or not (self.models_dir / "ner").exists():
            raise ModelsMissing(f"no trained NER model in {self.models_dir}: run `make train`")
        with numpy_ops():
            return spacy.load(self.models_dir / "ner", exclude=["tokenizer"],
                              config={"nlp": {"tokenizer": {"@tokenizers": "vnorg.words_given.v1"}}})

    def model_file(self, name: str) -> Path:
        if self.models_dir is None or not (self.models_dir / name).exists():
            raise ModelsMissing(f"no trained {name} in {self.models_dir}: run `make train`")
        return self.models_dir / name


@spacy.registry.tokenizers("vnorg.words_given.v1")
def words_given() -> Callable[[Language], Tokenizer]:
    """Every Doc is built from the segmenter's words, so spaCy's own tokenizer never runs:
    a bare one saves compiling its punctuation patterns at every start-up."""
    return lambda nlp: Tokenizer(nlp.vocab)


def _first_syllable(word: str) -> str:
    return word.split(" ", 1)[0].lower()


def _last_syllable(word: str) -> str:
    return word.rsplit(" ", 1)[-1].lower()


@spacy.registry.callbacks("vnorg.syllable_affixes.v1")
def syllable_affixes() -> Callable[[Language], Language]:
    """A word's PREFIX and SUFFIX, which the network embeds, become its first and last
    syllables (lower case) instead of its first character and last three: our words are
    syllables joined by spaces ("Phó Bí thư Thường trực"), and a syllable is what they share."""
    def set_getters(nlp: Language) -> Language:
        nlp.vocab.lex_attr_getters = {**nlp.vocab.lex_attr_getters, PREFIX: _first_syllable, SUFFIX: _last_syllable}
        return nlp
    return set_getters


def blank_nlp() -> Language:
    """spaCy's Vietnamese defaults (lexical attributes); its own tokenizer is never used."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vnorg.words_given.v1"}}})


def _gazetteer(settings: dict, ctx: Context):
    from .gazetteer import Gazetteer

    return Gazetteer.shared()


def _entity_rules(settings: dict, ctx: Context):
    from .entity_rules import EntityRules

    return EntityRules(settings["default_score"])


def _entity_model(settings: dict, ctx: Context):
    from .entity_model import EntityModel

    return EntityModel(ctx.ner_model, settings)


def _relations(settings: dict, ctx: Context):
    from .relation_model import RelationClassifier, RelationStage

    classifier = RelationClassifier.from_disk(ctx.model_file("relations.json"), settings["threshold"]) \
        if settings["use_classifier"] else None
    return RelationStage(classifier, max_distance=settings["max_distance"], rules_decide=settings["rules_decide"],
                         titles_need_holder=settings["titles_need_holder"],
                         one_per_title=settings["one_per_title"],
                         titles_shared_by_lists=settings["titles_shared_by_lists"],
                         lone_holder_score=settings["lone_holder_score"],
                         lower_case_org_min_words=settings["lower_case_org_min_words"],
                         chained_holders=settings["chained_holders"], posts_taken=settings["posts_taken"])


def _status(settings: dict, ctx: Context):
    from .status import StatusClassifier, StatusStage

    classifier = StatusClassifier.from_disk(ctx.model_file("status.json")) \
        if settings["use_classifier"] else None
    return StatusStage(classifier)


def _calibrate(settings: dict, ctx: Context):
    from .calibration import Calibrate

    return Calibrate(ctx.calibration)


def _canonical(settings: dict, ctx: Context):
    from .canonical import Canonicaliser
    from .gazetteer import Gazetteer

    return Canonicaliser(Gazetteer.shared())


def _refs(settings: dict, ctx: Context):
    from .refs import Refs

    return Refs()


def _dateline(settings: dict, ctx: Context):
    from .dateline import Dateline

    return Dateline()


FACTORIES: dict[str, Callable[[dict, Context], object]] = {
    "gazetteer": _gazetteer,
    "entity_rules": _entity_rules,
    "entity_model": _entity_model,
    "relations": _relations,
    "status": _status,
    "calibrate": _calibrate,
    "canonical": _canonical,
    "refs": _refs,
    "dateline": _dateline,
}


def build_stages(config: Config, models_dir: Path | None) -> tuple[Segmenter, list, str]:
    """The segmenter, the configured stages in order, and the models' data hash."""
    meta, calibration = {}, {}
    if models_dir is not None:
        meta = json.loads((models_dir / "meta.json").read_text(encoding="utf-8"))
        if (models_dir / "calibration.json").exists():
            calibration = json.loads((models_dir / "calibration.json").read_text(encoding="utf-8"))
    ctx = Context(models_dir, calibration)
    stages = []
    for name in config["pipeline"]["stages"]:
        if name not in FACTORIES:
            raise ConfigError(f"unknown stage {name!r} in the config; known: {', '.join(FACTORIES)}")
        stages.append(FACTORIES[name](dict(config["stages"].get(name) or {}), ctx))
    # Docs must share the vocab of the trained model when a stage runs it.
    vocab = ctx.ner_model.vocab if set(config["pipeline"]["stages"]) & set(MODEL_STAGES) else blank_nlp().vocab
    return Segmenter(vocab), stages, meta.get("data_hash", "rules")
