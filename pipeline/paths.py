"""Where the repository keeps what the pipeline reads: one place for every path.

`VNORG_HOME` points the tools at another checkout's models and annotations
(a Dask worker on another machine, a test copy); by default it is this one.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("VNORG_HOME") or Path(__file__).resolve().parent.parent)
MODELS_DIR = ROOT / "models"
ANNOTATIONS_DIR = ROOT / "annotations"
SPLIT_FILE = ANNOTATIONS_DIR / "split.json"
DEFAULT_CONFIG = Path(__file__).resolve().parent / "default.cfg"
PEOPLE_FILE = ANNOTATIONS_DIR / "people.json"
# The shared pool of published articles (for the team and CI, not shipped): benchmarks, the
# unlabelled text of the static vectors, and the tests that skip without it.
POOL = ROOT.parent / "shared" / "real-articles"
