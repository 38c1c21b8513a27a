"""Stage 1: decoding and normalisation keep offsets into the text as read."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from pipeline.read import LOOKALIKES, InputError, decode, new_tone_placement, normalise, read_bytes


@pytest.mark.parametrize("old,new", [
    ("Huyện uỷ", "Huyện ủy"), ("hoà bình", "hòa bình"), ("khoẻ mạnh", "khỏe mạnh"),
    ("Thuỷ", "Thủy"), ("UỶ BAN", "ỦY BAN"), ("quý", "quý"), ("hoàn thành", "hoàn thành"),
    ("thoả thuận", "thỏa thuận"),
])
def test_old_tone_placement_becomes_new(old, new):
    assert new_tone_placement(old) == new


def test_lookalike_letters_and_odd_spaces_are_normalised_in_place():
    norm = normalise("Ðảng\u00a0bộ")
    assert norm.text == "Đảng bộ"
    assert norm.origin is None  # same length: offsets need no map


@pytest.mark.parametrize("char", sorted(map(chr, LOOKALIKES)))
def test_each_lookalike_alone_is_normalised(char):
    """normalise translates only texts holding a character LOOKALIKES changes: each one must
    be found."""
    assert normalise(f"Đảng{char}bộ").text == f"Đảng{char}bộ".translate(LOOKALIKES)


def test_windows_line_ends_are_one_break_at_original_offsets():
    """A file saved on Windows reads as the same text: "\r\n" is one line break (not a break
    and a character the stages never saw), and a lone "\r" is one too; offsets map back."""
    original = "Ông Ba, Bí thư.\r\nÔng Tư phát biểu.\rHết."
    norm = normalise(original)
    assert norm.text == "Ông Ba, Bí thư.\nÔng Tư phát biểu.\nHết."
    start = norm.text.index("Tư")
    a, b = norm.to_original_offsets([start, start + 2])
    assert original[a:b] == "Tư"
    end = norm.text.index("\n")
    assert norm.to_original_offsets([end]) == [original.index("\r\n")]  # a word's end before the break


def test_white_space_inside_a_line_is_one_space_at_original_offsets():
    """Two spaces, a tab or a no-break space beside a space between words read as one space, and
    white space at a line's edges as none, so the words, the rules and the network see the
    text as they see it spaced once; line breaks stay; offsets map back, in NFD text too, and
    a word's end comes before the white space dropped after it."""
    original = unicodedata.normalize("NFD", "  Ông  Ba,\tBí thư\u00a0 Tỉnh uỷ.  \n\tHết. ")
    norm = normalise(original)
    assert norm.text == "Ông Ba, Bí thư Tỉnh ủy.\nHết."
    for word in ("Ông", "Ba", "Bí thư", "Tỉnh ủy.", "Hết."):
        start = norm.text.index(word)
        (a,), (b,) = norm.to_original_offsets([start]), norm.to_original_ends([start + len(word)])
        assert normalise(original[a:b]).text == word and original[a:b] == original[a:b].strip()
    end = norm.text.index("Ông") + 3
    assert norm.to_original_offsets([end, end + 1]) == [original.index("  Ba"), original.index("Ba")]


def test_invisible_characters_are_dropped_at_original_offsets():
    """Zero-width spaces, a byte-order mark inside the text, soft hyphens and direction marks,
    which pages copied from the web hold, are not read: the text reads as a reader sees it."""
    original = "Ông\u200b Ba,\u00a0\u200b Bí th\u00adư Tỉnh\u200e ủy.\n\ufeffHết."
    norm = normalise(original)
    assert norm.text == "Ông Ba, Bí thư Tỉnh ủy.\nHết."
    for word in ("Ông", "Ba", "Bí thư", "Tỉnh ủy", "Hết"):
        start = norm.text.index(word)
        (a,), (b,) = norm.to_original_offsets([start]), norm.to_original_ends([start + len(word)])
        assert original[a:b] == word or normalise(original[a:b]).text == word
        assert original[a] == word[0] and original[b - 1] == word[-1]


def test_html_references_and_tags_read_as_a_reader_of_the_page_sees_them():
    """Text scraped from a web page keeps "&nbsp;", "&quot;", "&#7871;" and tags: references
    read as their characters, block tags as one line break, inline tags as nothing, at
    original offsets; a word's end comes before a tag after it. Abbreviations before a
    semicolon ("Bộ TT&TT;", "KH&DD;", where "&DD;" is also an HTML name) stay as written, and a
    reference to "<b>" is text, not a tag."""
    original = ("<p>Ông <b>Nguy&#7877;n Văn Ba</b>,&nbsp;Bí thư Tỉnh ủy</p>\n<p>Sở KH&DD; Bộ TT&TT; nói "
                "&ldquo;&lt;b&gt;&rdquo;.<br>Hết.</p>")
    norm = normalise(original)
    assert norm.text == "Ông Nguyễn Văn Ba, Bí thư Tỉnh ủy\nSở KH&DD; Bộ TT&TT; nói “<b>”.\nHết."
    for word in ("Ông", "Nguyễn Văn Ba", "Bí thư", "Tỉnh ủy", "KH&DD;", "Hết."):
        start = norm.text.index(word)
        (a,), (b,) = norm.to_original_offsets([start]), norm.to_original_ends([start + len(word)])
        assert normalise(original[a:b]).text == word and original[a] == original[a:b][0] != "<"
        assert not original[a:b].endswith(">")
    start = norm.text.index("“")
    assert norm.to_original_offsets([start]) == [original.index("&ldquo;")]
    plain = "Bộ TT&TT; và Sở GD&ĐT; a < b > c"
    assert normalise(plain).text == plain and normalise(plain).origin is None


def test_decomposed_input_maps_back_to_original_offsets():
    original = unicodedata.normalize("NFD", "Ông Nguyễn Văn Ân, Bí thư Huyện uỷ")
    norm = normalise(original)
    assert norm.text == "Ông Nguyễn Văn Ân, Bí thư Huyện ủy"
    start = norm.text.index("Nguyễn")
    a, b = norm.to_original_offsets([start, start + len("Nguyễn Văn Ân")])
    assert unicodedata.normalize("NFC", original[a:b]) == "Nguyễn Văn Ân"


def test_utf8_bom_and_utf16_are_read():
    text = "Nghị quyết số 22-NQ/TW"
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt") == text
    assert decode(text.encode("utf-16"), "b.txt") == text


def test_windows_1258_is_refused_with_file_line_and_advice():
    # Windows-1258 writes tones as combining marks after the letter
    data = "Dòng một\n".encode() + unicodedata.normalize("NFD", "Đà Lạt").encode("cp1258")
    with pytest.raises(InputError, match=r"^c\.txt:2: not UTF-8.*iconv"):
        decode(data, "c.txt")


@pytest.mark.parametrize("data,message", [(b"", "empty"), (b"  \n", "empty"),
                                          (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file")])
def test_empty_and_binary_files_are_refused(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, "d.txt")


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \r\n\t", codecs.BOM_UTF16_LE,
                                  codecs.BOM_UTF16_BE + " \n".encode("utf-16-be")])
def test_a_bom_with_nothing_but_spaces_is_an_empty_document_as_without_it(data, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"bom\.txt: empty document$"):
        decode(read_bytes(path), str(path))


@pytest.mark.parametrize("codec,order", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_a_bom_is_named_with_the_iconv_command(codec, order, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Ông Đặng Văn Sình, Phó Bí thư Thường trực Huyện ủy Lâm Bình.\n".encode(codec))
    with pytest.raises(InputError, match=rf"utf16\.txt: looks like {order} without a byte-order mark.*"
                                         rf"`iconv -f {order} -t UTF-8`"):
        decode(read_bytes(path), str(path))


def test_every_lexicon_term_is_written_as_the_normaliser_writes_it():
    """The rules compare the lexicon's terms with normalised words: a term in the old tone
    placement ("khoá", "uỷ viên") or with a look-alike letter would never match anything."""
    from pipeline import lexicon

    def terms(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from terms(key)
                yield from terms(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                yield from terms(item)

    written = [(name, term) for name, value in vars(lexicon).items() if name.isupper()
               for term in terms(value) if normalise(term).text != term]
    assert written == []


def test_a_file_the_system_will_not_read_is_that_documents_error(tmp_path):
    """A batch goes on past an unreadable input (permissions, a folder named like a file):
    its own error entry, naming it, not the end of the run."""
    with pytest.raises(InputError, match=r"cannot be read \(Is a directory\)"):
        read_bytes(tmp_path)
