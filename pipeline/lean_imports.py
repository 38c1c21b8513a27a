"""Start-up: spaCy imported without its own command line.

`import spacy` runs `from .cli.info import info`, which imports the whole of spaCy's command
line (typer, weasel, requests, httpx, every `spacy` subcommand) to offer `spacy.info()`.
Nothing of ours runs it, and it was about a fifth of a one-article `extract`'s CPU time
(the whole process timed with and without it). `defer_spacy_cli()` puts a stand-in for
`spacy.cli.info` in place before spaCy is imported; spaCy takes `info` from it, the stand-in
leaves `sys.modules` at that moment, and `spacy.info()` or any later `import spacy.cli`
imports the real thing.
"""
from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_NAME = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, spaCy's own, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _InfoStandIn(ModuleType):
    """`spacy.cli.info` while spaCy imports itself: gives `info` and steps aside."""

    def __getattr__(self, name: str) -> Any:
        if name != "info":
            raise AttributeError(f"module {_NAME!r} has no attribute {name!r}")
        if sys.modules.get(_NAME) is self:
            del sys.modules[_NAME]
        return _info


def defer_spacy_cli() -> None:
    """Before spaCy's first import in this process; a no-op once it is imported."""
    if "spacy" not in sys.modules and _NAME not in sys.modules:
        sys.modules[_NAME] = _InfoStandIn(_NAME)
