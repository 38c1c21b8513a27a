"""Each word of a Doc read once, for the stages that look at words in Python loops.

spaCy makes a new Token object at every `doc[i]` and every step over a Doc; the rules, the
relation features and the merge passes look at each word many times. `words_of(doc)` reads
every word's attributes once per Doc and keeps them with the Doc for the later stages (the
words never change after segmentation).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .extensions import doc_text
from .read import normalised


@dataclass(slots=True)  # not frozen: a frozen dataclass takes six times as long to make
class Word:
    """The attributes of a spaCy Token the stages read, under the same names (read only);
    `text` is the word's normalised form (below)."""

    i: int
    text: str
    norm_: str
    tag_: str  # the word's kind (schema.word_kind)
    is_punct: bool
    like_num: bool
    is_upper: bool
    is_space: bool
    orth_: str  # the word as the Doc holds it (the Token's `text`): read for its case and punctuation


class Words(list[Word]):
    """A Doc's words, indexed and sliced as the Doc is."""

    def __init__(self, doc: Doc) -> None:
        # `text` is the word's normalised form (NFC, new tone placement: the segmenter's lemma),
        # so that a rule comparing it with "Đảng" or "Đại hội" reads NFD or old-style input as it
        # reads the same text normalised; offsets into the text as read come from
        # `extensions.char_offsets`.
        super().__init__(map(_word, doc))
        self.doc = doc

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence: spaCy's `doc.sents` walks every word at each call."""
        return [(sent.start, sent.end) for sent in self.doc.sents]

    @cached_property
    def text(self) -> str:
        """The Doc's text (`extensions.doc_text`), kept for `span_text`."""
        return doc_text(self.doc)

    @cached_property
    def sentence_of(self) -> list[int]:
        """The number of the sentence each word is in."""
        return [n for n, (start, end) in enumerate(self.sentences) for _ in range(start, end)]

    def sentence(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence word i is in."""
        return self.sentences[self.sentence_of[i]]

    @cached_property
    def place_tags(self) -> list[str]:
        """The gazetteer's B/I tags per word (read when first asked: only stages after the
        gazetteer ask)."""
        return self.doc._.place_tags or []


def _word(token: Token) -> Word:
    """A token's attributes, each read once. Whether it is a number ("một", "3") is asked of its
    normalised form: spaCy asks the text as read, where an NFD "một" is no number word."""
    text = token.text
    form = token.lemma_ or text
    like_num = token.like_num if form == text else token.vocab[form].like_num
    return Word(token.i, form, token.norm_, token.tag_, token.is_punct, like_num, token.is_upper, token.is_space, text)


_KEY = "pipeline.words"  # in doc.user_data itself: a custom attribute (doc._) costs more to look up


def words_of(doc: Doc) -> Words:
    """The Doc's words, read at the first call and kept with the Doc."""
    words = doc.user_data.get(_KEY)
    if words is None:
        words = doc.user_data[_KEY] = Words(doc)
    return words


def span_text(span: Span) -> str:
    """The span's text as the Doc holds it, white space one space (what `span.text` gives,
    without making a Token per word)."""
    return words_of(span.doc).text[span.start_char:span.end_char]


def span_form(span: Span) -> str:
    """The span's text normalised (`read.normalised`), case kept: what a check compares with the
    names it knows, so that the same article in NFD, with no-break spaces or old tone placement
    reads the same."""
    return normalised(span_text(span))


def span_norm(span: Span) -> str:
    """The span's words normalised and lower-cased (their norms), one space apart: what a rule
    compares with its terms, so that NFD input or old tone placement ("uỷ") reads as the same
    text normalised."""
    return " ".join(w.norm_ for w in words_of(span.doc)[span.start:span.end] if not w.is_space)


def sentence_span(doc: Doc, i: int) -> Span:
    """The sentence word i is in (what `doc[i].sent` gives, without walking the words)."""
    start, end = words_of(doc).sentence(i)
    return doc[start:end]
