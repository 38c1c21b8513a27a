"""Stage 2: words and sentences, with codes, dates and abbreviations kept whole."""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from pipeline import lexicon, read, segment
from pipeline.extensions import char_offsets, doc_offset, doc_text, original_text
from pipeline.words import span_text


def words(doc) -> list[str]:
    return [t.text for t in doc if not t.is_space]


@pytest.mark.parametrize("piece", [
    "22-NQ/TW", "1581-QĐ/HU", "04-CTr/TU", "30/2020/NĐ-CP", "265/QĐ-TTg", "03-CT/T.Ư",
    "10-CT / TW", "02/02/2008", "27/ 11", "17.2.2025", "3 tháng 2 năm 2020", "HĐND", "UBND",
    "BTV", "TUV", "989-QĐ-TW", "1143/QĐ/TTg", "439-CV/TĐTN-BTC", "01/2014/TTLT-BNV-BTC",
])
def test_codes_dates_and_abbreviations_stay_one_word(nlp, piece):
    doc = nlp.make_doc(f"Theo văn bản {piece} của HĐND và UBND huyện, ngày {piece} vừa qua.")
    assert piece in words(doc)


@pytest.mark.parametrize("text, piece", [
    ("(265/QĐ-TTg)", "265/QĐ-TTg"), ("“22-NQ/TW”", "22-NQ/TW"),
    ("Đoàn ĐBQH,HĐND tỉnh", "HĐND"), ("ngày(02/02/2008)", "02/02/2008"),
])
def test_a_word_kept_whole_after_punctuation(nlp, text, piece):
    assert piece in words(nlp.make_doc(f"Ông Lê Văn Ba {text} phát biểu."))


def test_words_read_once_agree_with_the_tokens(nlp):
    """The stages read words from `words_of`, not the Doc: it must say what spaCy says, each
    word in its normalised form, so that NFD input, old tone placement or a look-alike "Ð"
    reads as the same text normalised ("Ðảng uỷ" as "Đảng ủy")."""
    from pipeline.words import words_of

    text = "Ngày 2/4/2019,  UBND tỉnh Nghệ An có 12 quyết định về hoà giải.\nÔng Vinh (Bí thư Ðảng uỷ) nói."
    doc = nlp(unicodedata.normalize("NFD", text))  # what was read, not its normalised form
    words = words_of(doc)
    assert words is words_of(doc)
    assert [(w.i, w.text, w.norm_, w.tag_, w.is_punct, w.is_upper, w.is_space) for w in words] == \
        [(t.i, t.lemma_, t.norm_, t.tag_, t.is_punct, t.is_upper, t.is_space) for t in doc]
    # a number word is one as normalised: spaCy reads an NFD "một" as no number
    assert [w.like_num for w in words] == [t.like_num for t in nlp(read.normalise(text).text)]
    assert words_of(nlp(unicodedata.normalize("NFD", "có một Phó Bí thư")))[1].like_num
    assert [w.text for w in words] == [t.text for t in nlp(read.normalise(text).text)]
    assert "Đảng ủy" in [w.text for w in words] and "hòa giải" in [w.text for w in words]
    assert words.place_tags == doc._.place_tags and "B" in words.place_tags


@pytest.mark.parametrize("text, expected", [
    ("tại H.Sìn Hồ (Lai Châu)", ["tại", "H.", "Sìn", "Hồ", "(", "Lai Châu", ")"]),
    ("UBND TX.Ba Đồn họp", ["UBND", "TX.", "Ba", "Đồn", "họp"]),  # and no sentence end after "TX."
    ("ngụ TP.Pleiku", ["ngụ", "TP.", "Pleiku"]),
    ("Thành ủy TP.HCM họp", ["Thành ủy", "TP.HCM", "họp"]),  # a city named whole
    ("H.Thanh", ["H.Thanh"]),  # an initial signing an article: no place after it
    ("P.V VietNamNet", ["P.V", "VietNamNet"]),
])
def test_a_level_glued_to_the_place_it_names_is_a_word_of_its_own(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert words(doc) == expected and sum(t.is_sent_start for t in doc) == 1


def test_dotted_day_month_is_one_word(nlp):
    doc = nlp.make_doc("Chiều 21.4, Ban Thường vụ Tỉnh ủy họp.")
    assert "21.4" in words(doc)


def test_white_space_between_words_is_one_space_with_offsets_into_the_text_as_read(nlp):
    text = "Thứ sáu,\u00a0 20/05/2022\n\n  Bà Nông  Thị Hương,  Phó Trưởng Ban Tổ chức Huyện uỷ\tcho biết."
    doc = nlp.make_doc(text)
    # The Doc reads it as it reads the same text spaced once: no word of white space inside a
    # line, and a name with two spaces inside is the same word.
    spaced_once = "Thứ sáu, 20/05/2022\n\n  Bà Nông Thị Hương, Phó Trưởng Ban Tổ chức Huyện uỷ cho biết."
    assert doc.text == spaced_once
    assert words(doc) == words(nlp.make_doc(spaced_once))
    assert "Nông Thị Hương" in words(doc)
    # Every word still points at the text as read.
    assert original_text(doc) == text
    for token in doc:
        start, end = char_offsets(doc[token.i:token.i + 1])
        assert " ".join(text[start:end].split()) == " ".join(token.text.split()) or token.is_space
        assert doc_offset(doc, start) == token.idx
    name = next(t for t in doc if t.text == "Nông Thị Hương")
    assert text[slice(*char_offsets(doc[name.i:name.i + 1]))] == "Nông  Thị Hương"
    huyen = next(t for t in doc if t.text == "Huyện uỷ")  # the text as written, old tone placement kept
    assert huyen.norm_ == "huyện ủy"  # the normalised form is the token's norm


def test_a_tab_for_each_space_is_read_as_spaced_once(nlp):
    """Tabs keep the text's length, so the Doc's offsets do not drift; the text the stages read
    names from (a place completing a body's name) is still the text spaced once."""
    text = "Đại tá Lê Văn Sủng, Giám đốc Công an tỉnh Bà Rịa - Vũng Tàu."
    doc = nlp.make_doc(text.replace(" ", "\t"))
    assert doc_text(doc) == text and original_text(doc) == text.replace(" ", "\t")
    assert doc._.origin is None and "Vũng Tàu" in [span_text(doc[t.i:t.i + 1]) for t in doc]


def test_non_nfc_text_keeps_offsets(nlp):
    text = unicodedata.normalize("NFD", "Đồng chí Hoàng Xuận Thuận, Bí thư Huyện ủy Đình Lập.")
    doc = nlp.make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_sentences_split_at_full_stops_and_lines(nlp):
    doc = nlp.make_doc("Toàn cảnh hội nghị\n\nHuyện ủy họp ngày 02/02/2008. Đồng chí Bí thư phát biểu.")
    assert [s.text.strip() for s in doc.sents] == [
        "Toàn cảnh hội nghị", "Huyện ủy họp ngày 02/02/2008.", "Đồng chí Bí thư phát biểu."]


def test_misplaced_word_boundary_is_cut_at_a_known_head(nlp):
    # underthesea alone segments this as "Huyện" | "ủy Đình Lập"
    doc = nlp.make_doc("Ngày 18/10/2021, Huyện ủy Đình Lập tổ chức hội nghị.")
    assert "Huyện ủy" in words(doc)


@pytest.mark.parametrize("text,place,name", [
    ("Bí thư Tỉnh ủy Đắk Nông Lê Diễn phát biểu.", "Đắk Nông", "Lê Diễn"),
    # the CRF reads "Đắk" | "Lắk Êban": a place completed by the gazetteer needs no family name after it
    ("Bí Thư Tỉnh ủy Đắk Lắk Êban Y Phu cho biết.", "Đắk Lắk", "Êban"),
])
def test_a_place_the_crf_glued_to_a_name_gets_its_end_back(nlp, text, place, name):
    found = words(nlp.make_doc(text))
    assert place in found and found[found.index(place) + 1].startswith(name)


@pytest.mark.parametrize("text,expected", [
    # "chức vụ" and "nhiệm vụ" are words: their "vụ" is no section ("vụ Pháp chế") and opens no
    # title ("vụ trưởng"), so the title after them stays whole and the verbs of holding stay words
    ("Tỉnh ủy điều động ông Nguyễn Văn A giữ chức vụ Bí thư Huyện ủy.", ["giữ", "chức vụ", "Bí thư"]),
    ("Ông Nguyễn Văn A nhận nhiệm vụ Trưởng Ban Tuyên giáo Tỉnh ủy.", ["nhiệm vụ", "Trưởng", "Ban Tuyên giáo"]),
    ("Cán bộ trụ sở UBND xã trực Tết.", ["trụ sở", "UBND"]),
    # titles that open with an organisation head are one word, and the head after them another
    ("Ông Nguyễn Văn A, Bộ trưởng Bộ Nội vụ dự họp.", [",", "Bộ trưởng", "Bộ", "Nội vụ"]),
    ("Ông Nguyễn Văn A, Tư lệnh Quân khu 7 dự họp.", [",", "Tư lệnh", "Quân khu"]),
    ("Ông Nguyễn Văn A, Cục trưởng Cục Thuế tỉnh dự họp.", [",", "Cục trưởng", "Cục"]),
    # so are the document types that open with one: "Bộ tiêu chí" is no ministry
    ("Bộ Nông nghiệp ban hành Bộ tiêu chí quốc gia về xã nông thôn mới.", ["ban hành", "Bộ tiêu chí"]),
    # a lower-case section still heads a body before its name
    ("Ông Nguyễn Văn A, Phó trưởng ban Tuyên giáo Huyện ủy dự họp.", ["ban", "Tuyên giáo"]),
])
def test_words_of_personnel_phrases(nlp, text, expected):
    found = words(nlp.make_doc(text))
    k = found.index(expected[0])
    assert found[k:k + len(expected)] == expected


def test_each_keep_whole_kind_starts_as_its_start_says():
    """The combined keep-whole search tries a kind only where its start (its first characters)
    holds, so that start must hold wherever the kind's own pattern matches."""
    terms = [t for group in (lexicon.TITLES, lexicon.DOC_TYPE_WORDS, lexicon.ORG_HEADS, lexicon.NAMED_ORG_HEADS,
                             lexicon.TITLES_BEFORE_BODY, lexicon.LOWER_ORG_WORDS, lexicon.LOWER_TITLE_WORDS,
                             list(lexicon.ORG_ABBREVIATIONS), list(lexicon.TITLE_ABBREVIATIONS)) for t in group]
    text = " , ".join(f"{variant} Nguyễn Văn An" for t in terms for variant in (t, t.lower(), t.upper(), t.title())) \
        + " , 22-NQ/TW , 1143/QĐ/TTg , 3 tháng 2 năm 2020 , tháng 9/2018 , 02/02/2008 , 17.2.2025 , 27/ 11" \
        + " , Phó Trưởng phòng , Trưởng phòng , phòng Nội vụ , văn phòng Tỉnh ủy , VH-TT&DL , UBND" \
        + " , 12a-NQ/TW , 10 - CT / TW , 989–QĐ-TW , 30 / 2020/NĐ-CP , 15/QH14 , Tháng 9-2018 , THÁNG 6/2015"
    for kind, pattern, start in segment.KEEP_WHOLE:
        starts = re.compile(start, pattern.flags & re.IGNORECASE)
        matches = list(pattern.finditer(text))
        assert matches, pattern.pattern[:80]
        assert all(starts.match(text, m.start()) for m in matches), kind


def test_keep_whole_terms_match_as_a_flat_alternation_would():
    """`lexicon.alternation` writes its words as a tree of shared first letters; it must find
    what the plain alternation of the words, longest first, finds."""
    def flat(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

    groups = [lexicon.TITLES, lexicon.DOC_TYPE_WORDS, lexicon.ORG_HEADS + list(lexicon.ORG_ABBREVIATIONS),
              lexicon.TITLES_BEFORE_BODY, lexicon.FAMILY_NAMES, ["ban chấp hành", "ban", "Ban", "bộ", "b", "Bộ  X"]]
    terms = [t for group in groups for t in group]
    text = " ".join(f"{v}, {v}ng {v}  hành {v[:-1]}"
                    for t in terms for v in (t, t.lower(), t.upper(), t.replace(" ", "  ")))
    for words in groups:
        for flags in (0, re.IGNORECASE):
            tree = re.compile(rf"(?<!\w)(?:{lexicon.alternation(words)})(?!\w)", flags)
            plain = re.compile(rf"(?<!\w)(?:{flat(words)})(?!\w)", flags)
            assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_sentences_split_as_underthesea_splits():
    """The segmenter's sentence splitter (underthesea's loop, jumping between sentence ends) gives
    underthesea's sentences: on every line of the published articles and on random texts over
    the characters its tests look at."""
    from underthesea import sent_tokenize as reference

    from pipeline.benchmark import pool_texts
    from pipeline.underthesea_parts import sent_tokenize

    lines = [line for text in pool_texts() for line in read.normalise(text).text.splitlines() if line.strip()]
    assert [sent_tokenize(line) for line in lines] == [reference(line) for line in lines]
    rng = random.Random(3)
    atoms = [".", "..", "...", "....", "?", "!", "?!", " ", "  ", "\t", "\n", "\r", "A", "a", "1", "TP", "Th",
             "e.g", "Ông", "ông", "Đ", "…"]
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 12)))
        assert sent_tokenize(text) == reference(text), repr(text)


def test_no_break_spaces_between_words_are_spaces(nlp):
    """Pages copied from the web put no-break spaces between words. The Doc reads each as the
    space it stands for, at the same offset (it made a token of each, and over a whole
    article the rules then failed on a word of no letters)."""
    text = "Ông Nguyễn Văn Ba, Bí thư Huyện ủy Đình Lập, phát biểu."
    nbsp = text.replace(" ", "\u00a0")
    doc, plain = nlp.make_doc(nbsp), nlp.make_doc(text)
    assert [t.idx for t in doc] == [t.idx for t in plain]
    assert [t.lemma_ for t in doc] == [t.lemma_ for t in plain]
    assert not any(t.is_space for t in doc)


def test_windows_line_ends_read_as_line_breaks(nlp):
    """A "\r\n" between two lines is one break token, read as "\n" by every stage after."""
    from pipeline.words import words_of

    doc = nlp.make_doc("Ông Ba phát biểu.\r\nÔng Tư nói.")
    breaks = [w for w in words_of(doc) if w.is_space]
    assert [(w.orth_, w.text) for w in breaks] == [("\r\n", "\n")]
    assert doc[breaks[0].i].idx == len("Ông Ba phát biểu.")
