"""One family of errors, so the command line can turn any of them into a message.

Every error the user can cause or fix (a bad file, a missing model, a broken
config) derives from PipelineError; `main` prints it as `error: …` and exits 2,
and so it does with an OSError naming a path (a place the system will not let us
write). Anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class PipelineError(Exception):
    """Base of every error with a message meant for the user."""


class InputError(PipelineError, ValueError):
    """A document or path that cannot be read; the message names file, line and problem."""


class AnnotationError(PipelineError, ValueError):
    """A malformed annotation line or sheet; the message says `file:line: what is wrong`."""


class ConfigError(PipelineError, ValueError):
    """A pipeline config that names an unknown stage, policy or setting."""


class ModelsMissing(PipelineError):
    """A stage needs trained models that are not there; the message says how to get them."""


class StageOrderError(PipelineError):
    """Stages whose requirements no earlier stage sets."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message + "".join(f"\n  - {p}" for p in problems))
        self.problems = problems


class OutputLocked(PipelineError):
    """Another extract run is writing to the same output folder."""
