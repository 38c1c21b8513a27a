"""Vietnamese party/state news -> entities, relations and knowledge triples.

`load()` is the one place the stage order is written. Each stage takes a Doc
and returns it; the chain of what each stage requires and sets is checked here,
at load time.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .base import Stage, StageError
from .canonical import Canonicaliser
from .gold import Record, doc_to_record
from .read import normalise
from .ner import EntityModel
from .relation_model import RelationClassifier, RelationStage
from .rules import EntityRules
from .segment import Segmenter
from .triples import doc_triples

__version__ = "0.3.0"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
CHUNK_CHARS = 200_000  # longer documents are processed piece by piece, in bounded memory


def check_chain(first_sets: tuple[str, ...], stages: list[Stage]) -> None:
    """Fail when a stage needs an attribute that no earlier stage sets."""
    available = set(first_sets)
    problems = []
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            problems.append(f"stage '{stage.name}' needs {missing}, set by no earlier stage")
        available.update(stage.sets)
    if problems:
        raise StageError("the pipeline's stages do not line up", problems)


@dataclass
class Result:
    """What one document yields."""

    record: Record
    triples: list[dict]
    words: int


class Pipeline:
    """A segmenter that makes the Doc, then the stages in order."""

    def __init__(self, stages: list[Stage], nlp: Language | None = None,
                 model_hash: str = "rules") -> None:
        # spaCy's Vietnamese defaults (lexical attributes); its own tokenizer is never used.
        # With a trained model, its vocab is the one every Doc must share.
        self.nlp = nlp or blank_nlp()
        self.segmenter = Segmenter(self.nlp.vocab)
        self.model_hash = model_hash  # what the models were trained from (meta.json)
        check_chain(self.segmenter.sets, stages)
        self.stages = stages

    @property
    def stage_names(self) -> list[str]:
        return [self.segmenter.name] + [s.name for s in self.stages]

    def make_doc(self, text: str, doc_id: str = "") -> Doc:
        return self.segmenter(normalise(text), doc_id)

    def __call__(self, text: str, doc_id: str = "") -> Doc:
        doc = self.make_doc(text, doc_id)
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def process(self, text: str, doc_id: str = "") -> Result:
        """Entities, relations and triples of one document, however long it is."""
        spans, relations, triples, words = [], [], [], 0
        for offset, piece in chunks(text, CHUNK_CHARS):
            doc = self(piece, doc_id)
            record = doc_to_record(doc, text=piece)
            base = len(spans)
            spans.extend({**s, "start": s["start"] + offset, "end": s["end"] + offset}
                         for s in record.spans)
            relations.extend({**r, "head": r["head"] + base, "child": r["child"] + base}
                             for r in record.relations)
            for triple in doc_triples(doc, piece):
                ev = triple["evidence"]
                ev["start"] += offset
                ev["end"] += offset
                triples.append(triple)
            words += count_words(doc)
        record = Record(id=doc_id, text=text, spans=spans, relations=relations)
        return Result(record, triples, words)


def count_words(doc: Doc) -> int:
    """Words, not punctuation or white space."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - (flags.sum(axis=1) > 0).sum()) if len(doc) else 0


def chunks(text: str, size: int) -> list[tuple[int, str]]:
    """Split at paragraph ends into pieces of at most about `size` characters."""
    if len(text) <= size:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                space = re.compile(r"\s").search(text, start + size // 2, end)
                cut = space.start() if space else end - 1
            end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def blank_nlp() -> Language:
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def load(models_dir: Path | None = MODELS_DIR, entities: str | None = None,
         relations: str | None = None) -> Pipeline:
    """The pipeline, in its one stage order: rules, NER model, relations, canonical forms.

    Without trained models in `models_dir` (or with `models_dir=None`) it runs on rules
    alone. `entities` ("rules", "model_only", "rules_first", "model_first") and
    `relations` ("rules", "model") override the trained choice, for ablations.
    """
    meta = read_meta(models_dir) if models_dir else None
    if meta is None:
        if entities not in (None, "rules") or relations not in (None, "rules"):
            raise StageError(f"no trained models in {models_dir}: run `make train`")
        return Pipeline([EntityRules(), RelationStage(), Canonicaliser()])
    model = spacy.load(models_dir / "ner")
    combine = entities or meta["combine"]
    entity_rules = EntityRules(scores=meta["confidence"]["rules"])
    stages: list[Stage] = [entity_rules]
    if combine != "rules":
        stages.append(EntityModel(model, combine, meta["confidence"]["model"],
                                  meta["config"].get("model_labels"),
                                  meta["config"].get("skip_covered_sentences", True)))
    classifier = None if (relations or meta["relations"]) == "rules" else \
        RelationClassifier.from_disk(models_dir / "relations.json")
    stages += [RelationStage(classifier), Canonicaliser()]
    return Pipeline(stages, nlp=model, model_hash=meta.get("data_hash", "untracked"))


def read_meta(models_dir: Path) -> dict | None:
    """models/meta.json, or None when no model has been trained."""
    path = models_dir / "meta.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
