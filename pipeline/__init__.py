"""Vietnamese party/state news -> entities, relations and knowledge triples.

A thin face: `load()` and `Pipeline` come from `pipeline.language`, imported on
first use, so that `import pipeline.read` (or the annotation tools) does not load
spaCy and underthesea.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"

if TYPE_CHECKING:
    from .language import Pipeline, load

__all__ = ["Pipeline", "load", "__version__"]


def __getattr__(name: str) -> Any:
    if name in {"Pipeline", "load"}:
        from . import language

        return getattr(language, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
