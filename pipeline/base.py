"""What every stage shares: the Doc's custom attributes and the stage contract.

A stage takes a Doc and returns it. It declares the attributes it needs
(`requires`) and the ones it sets (`sets`); `pipeline.load` checks the chain
once, so a mis-ordered pipeline fails at load time, not on the 10,000th file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from spacy.tokens import Doc, Span


@dataclass
class Relation:
    """A directed, labelled link between two entity spans of one Doc."""

    head: Span
    child: Span
    label: str
    score: float
    source: str  # which stage or rule produced it


def _register() -> None:
    for name, default in [("doc_id", ""), ("relations", None), ("norm_text", ""),
                          ("source", "")]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in [("source", ""), ("score", 1.0), ("canonical", None)]:
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_register()


class Stage(Protocol):
    """The contract of a pipeline stage."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    sets: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Doc) -> Doc: ...


@dataclass
class StageError(RuntimeError):
    """A pipeline whose stages do not line up."""

    message: str
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message + "".join(f"\n  - {p}" for p in self.problems)
