"""Reading the one pipeline config (`default.cfg`, or the copy saved with the models).

A config has four parts: [pipeline] (stage order, chunk size), [stages.*] (each stage's
settings), [train] (how `make train` fits the models) and [spacy] (the NER network, a spaCy
config of its own). Overrides are dotted keys, as confection takes them.
"""
from __future__ import annotations

from pathlib import Path

from confection import Config

from .errors import ConfigError
from .paths import DEFAULT_CONFIG

MODEL_STAGES = ("entity_model",)  # stages that cannot run without trained models
# Without models the rules are the whole entity stage: no title of theirs is second to a model's.
RULES_ONLY = {"stages.relations.use_classifier": False, "stages.status.use_classifier": False,
              "stages.relations.titles_need_holder": "none"}


def models_present(models_dir: Path) -> bool:
    return (models_dir / "meta.json").exists() and (models_dir / "config.cfg").exists()


def load_config(models_dir: Path | None = None, overrides: dict | None = None,
                rules_only: bool = False) -> Config:
    """The config saved in `models_dir` (else the default), with `overrides` applied.

    `rules_only` drops the stages that need trained models, unless `overrides` ask for
    them: then the models are missing, and `factories` says so."""
    path = models_dir / "config.cfg" if models_dir is not None else DEFAULT_CONFIG
    try:
        config = Config().from_disk(path, interpolate=False)
    except Exception as err:  # confection raises several types for a bad file
        raise ConfigError(f"{path}: {err}") from None
    overrides = {**without_models(config), **(overrides or {})} if rules_only else overrides
    return with_overrides(config, overrides or {}, str(path))


def without_models(config: Config) -> dict:
    """The overrides that make `config` its rules-only pipeline: no stage that needs trained
    models, no classifier."""
    return {**RULES_ONLY, "pipeline.stages": [s for s in config["pipeline"]["stages"] if s not in MODEL_STAGES]}


def with_overrides(config: Config, overrides: dict, where: str = "config") -> Config:
    """A copy of `config` with confection's dotted-key overrides ({"stages.relations.threshold": 0.6})."""
    if not overrides:
        return config.copy()
    try:
        return Config().from_str(config.to_str(), interpolate=False, overrides=overrides)
    except Exception as err:  # confection raises several types for a bad override
        raise ConfigError(f"{where}: {err}") from None


def spacy_config(config: Config) -> Config:
    """The [spacy] part: a complete spaCy config of the NER network."""
    return Config(config["spacy"])


def save_config(config: Config, models_dir: Path) -> None:
    config.to_disk(models_dir / "config.cfg")
