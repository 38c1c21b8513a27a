"""Read a file into text and build its normalised twin.

The text as read is never changed: spans always point into it. Normalisation
(NFC, new-style tone placement, look-alike letters, odd spaces) produces a
second string plus a map from each of its characters back to the original, so
later stages can work on clean text and still report original offsets.
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # beyond this a "document" is not an article; refuse it

LOOKALIKES = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ", "\u0110": "Đ",  # Icelandic eth used for Vietnamese Đ
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\r": "\n",  # an old Mac line end; Windows' "\r\n" is one break (_composed_with_map)
})
# The characters LOOKALIKES changes ("Đ" maps to itself): most texts hold none, and translate
# looks every character up.
_LOOKALIKE_RE = re.compile("[" + "".join(re.escape(chr(k)) for k, v in LOOKALIKES.items() if chr(k) != v) + "]")

# Characters a reader does not see, which pages copied from the web hold between or inside
# words: zero-width spaces and joiners, direction marks, the word joiner, a byte-order mark
# inside the text, soft hyphens. They are dropped, as a reader drops them.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")

# HTML left in text copied or scraped from web pages. Character references read as the
# characters they stand for ("&nbsp;", "&quot;", "&#7871;"); only these lower-case names, so
# that an abbreviation before a semicolon ("Bộ TT&TT;", "KH&DD;") stays as written ("&DD;" is
# also an HTML name). Tags read as a reader of the page sees them: a block tag ("<br>", "<p>",
# "</div>") as a line break, an inline one ("<b>", "</a>", "<span class=…>") as nothing. A
# reference decoded is literal text ("&lt;b&gt;" reads "<b>"), since tags go first.
_NAMED_REFERENCES = ("nbsp", "amp", "quot", "apos", "lt", "gt", "ndash", "mdash", "hellip", "lsquo", "rsquo",
                     "ldquo", "rdquo", "laquo", "raquo")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|" + "|".join(_NAMED_REFERENCES) + ");")
_TAG = re.compile(r"</?(?:(br|p|div|li|tr|h[1-6])|b|i|u|em|strong|span|a|font|sup|sub)(?:\s[^<>]*)?/?>",
                  re.IGNORECASE)


def _tag_read(match: re.Match) -> str:
    """A line break for a block tag between two pieces of text on one line; nothing for an
    inline tag, nor for a block tag at a line's edge or before another block tag ("</p>\n<p>",
    "<br>\n", "</p><p>" break a line once, as the text without them does)."""
    if not match.group(1):
        return ""
    text, before, after = match.string, match.start(), match.end()
    while before and text[before - 1] in " \t":
        before -= 1
    while after < len(text) and text[after] in " \t":
        after += 1
    if not before or text[before - 1] == "\n" or after == len(text) or text[after] == "\n":
        return ""
    following = _TAG.match(text, after)
    return "" if following and following.group(1) else "\n"


def _reference_read(match: re.Match) -> str:
    return html.unescape(match.group())


# Old-style tone placement puts the tone on the second vowel of a final
# "oa", "oe", "uy" ("hoà", "khoẻ", "uỷ"); the new style puts it on the first
# ("hòa", "khỏe", "ủy"). "qu" is a consonant, so "quý" is left alone.
_TONES = {"\u0300": 0, "\u0301": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _tone_swap(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    base = unicodedata.normalize("NFD", second)
    tone = next((c for c in base if c in _TONES), None)
    plain = "".join(c for c in base if c not in _TONES)
    moved = unicodedata.normalize("NFC", first + tone)
    return moved + unicodedata.normalize("NFC", plain)


def _toned(letters: str) -> str:
    out = []
    for letter in letters:
        for tone in _TONES:
            out.append(unicodedata.normalize("NFC", letter + tone))
            out.append(unicodedata.normalize("NFC", letter.upper() + tone))
    return "".join(out)


_OLD_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([{_toned('ae')}]|[{_toned('y')}])(?!\w)"
)


def _old_tone_ok(match: re.Match) -> bool:
    first = match.group(1).lower()
    second = unicodedata.normalize("NFD", match.group(2))[0].lower()
    return (first, second) in _PAIRS


def new_tone_placement(text: str) -> str:
    """'Huyện uỷ' -> 'Huyện ủy', 'hoà' -> 'hòa'; length-preserving."""
    return _OLD_TONE.sub(lambda m: _tone_swap(m) if _old_tone_ok(m) else m.group(0), text)


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of `original` and, per character, where it came from."""

    original: str
    text: str
    origin: list[int] | None  # None: same length, character i comes from character i

    def to_original_offsets(self, offsets: list[int]) -> list[int]:
        """Map offsets of the normalised text (starts and ends of ranges) to the original text,
        many at once: the segmenter maps every word."""
        if self.origin is None:
            return offsets
        origin = self.origin
        return [origin[i] for i in offsets]

    def to_original_ends(self, ends: list[int]) -> list[int]:
        """Ends of words, as `to_original_offsets` maps them, but before the white space and
        invisible characters normalising dropped after them ("Ba  \n" ends after "Ba")."""
        if self.origin is None:
            return ends
        original, origin = self.original, self.origin
        out = []
        for e in ends:
            end, floor = origin[e], origin[e - 1] + 1 if e else 0
            while end > floor:
                if original[end - 1].isspace() or original[end - 1] in INVISIBLE:
                    end -= 1
                elif original[end - 1] == ">" and (tag := original.rfind("<", floor, end)) >= 0 \
                        and _TAG.fullmatch(original, tag, end):
                    end = tag
                else:
                    break
            out.append(end)
        return out


def _composed_with_map(text: str) -> tuple[str, list[int] | None]:
    """NFC, and Windows line ends ("\r\n") read as one line break, with the original index of
    each character (None when nothing changes, as for most texts)."""
    if "\r\n" not in text and unicodedata.is_normalized("NFC", text):
        return text, None
    # Cluster by cluster (a base letter and its combining marks, or a line end), so each
    # character made knows the original index of its base.
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("\r\n", i):
            out.append("\n")
            origin.append(i)
            i += 2
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        out.append(composed)
        origin.extend([i] * len(composed))
        i = j
    origin.append(n)
    return "".join(out), origin


# White space between two characters of one line other than one space: two spaces, a tab, a
# no-break space beside a space (after LOOKALIKES), as text copied from web pages has.
_INLINE_SPACE = re.compile(r"(?<=\S)(?: [ \t]+|\t[ \t]*)(?=\S)")
# White space at a line's start or end (indents, spaces left before a line break).
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$|(?<=\n)[ \t]+|[ \t]+(?=\n)")


def _replaced_with_map(text: str, origin: list[int] | None, pattern: re.Pattern,
                       replacement: str | Callable[[re.Match], str]) -> tuple[str, list[int] | None]:
    """Each match of `pattern` replaced by `replacement` (or what it gives for the match) where
    that differs, with `origin` carried over (a replacement character comes from its match's
    first character on; a replacement is never longer than its match)."""
    pieces: list[str] = []
    kept: list[range] = []  # the indices of `text` each character of the result comes from
    last = 0
    for m in pattern.finditer(text):
        new = replacement if isinstance(replacement, str) else replacement(m)
        if m.group() == new:
            continue
        pieces += [text[last:m.start()], new]
        kept += [range(last, m.start()), range(m.start(), m.start() + len(new))]
        last = m.end()
    if not pieces:
        return text, origin
    pieces.append(text[last:])
    kept.append(range(last, len(text) + 1))  # and the end of the text
    index = [i for part in kept for i in part]
    return "".join(pieces), index if origin is None else [origin[i] for i in index]


def _spaced_with_map(text: str, origin: list[int] | None) -> tuple[str, list[int] | None]:
    """Invisible characters dropped, each run of white space inside a line made one space and
    white space at a line's edges dropped, so the words, the rules and the network read
    "Bí thư  Tỉnh\u200b ủy \n" as they read "Bí thư Tỉnh ủy\n"."""
    if INVISIBLE_RE.search(text):
        text, origin = _replaced_with_map(text, origin, INVISIBLE_RE, "")
    if "  " in text or "\t" in text:
        text, origin = _replaced_with_map(text, origin, _INLINE_SPACE, " ")
    if (" \n" in text or "\n " in text or "\t" in text or text[:1] in (" ", "\t")
            or text[-1:] in (" ", "\t")):  # what _EDGE_SPACE needs, found ten times faster than by it
        text, origin = _replaced_with_map(text, origin, _EDGE_SPACE, "")
    return text, origin


_EDGES = re.compile(rf"^[\s{INVISIBLE}]+|[\s{INVISIBLE}]+$")
_SPACE_RUN = re.compile(r"[^\S\n]{2,}|\t")  # as read: two spaces, a tab, a no-break space beside a space


def one_spaced(text: str) -> str:
    """A piece of the text as read (a word: "Nguyễn  Văn\u200b A") without its invisible
    characters and with one space for each run of white space, as the normalised text has it;
    its letters stay as read (NFD, old tone placement)."""
    return _SPACE_RUN.sub(" ", INVISIBLE_RE.sub("", text))


def trimmed(text: str) -> str:
    """`text` without white space or invisible characters at its ends."""
    return _EDGES.sub("", text)


def _unmarked_with_map(text: str, origin: list[int] | None) -> tuple[str, list[int] | None]:
    """HTML tags and character references read as a reader of the page reads them (`_TAG`,
    `_REFERENCE`); plain text, with no "<" or "&", is returned at once."""
    if "<" in text:
        text, origin = _replaced_with_map(text, origin, _TAG, _tag_read)
    if "&" in text:
        text, origin = _replaced_with_map(text, origin, _REFERENCE, _reference_read)
    return text, origin


def unmarked(text: str) -> str:
    """A piece of the text as read with its HTML tags and character references read as
    `normalise` reads them: what the Doc holds of a word or gap copied with markup."""
    return _unmarked_with_map(text, None)[0]


def normalise(original: str) -> Normalised:
    """NFC, line ends, HTML tags and character references, look-alike letters, odd spaces,
    invisible characters, white space inside lines and at their edges, and tone placement,
    with an offset map."""
    text, origin = _composed_with_map(original)
    text, origin = _unmarked_with_map(text, origin)
    if _LOOKALIKE_RE.search(text):
        text = text.translate(LOOKALIKES)
    text, origin = _spaced_with_map(text, origin)
    text = new_tone_placement(text)
    return Normalised(original, text, origin)


@lru_cache(maxsize=65_536)
def normalised(text: str) -> str:
    """`text` as `normalise` makes it (NFC, look-alike letters, odd spaces, no invisible
    characters, one space between words and none at a line's edges, new tone placement),
    without the offset map: a piece of the text as read, ready to compare with the words the
    stages know. Pieces repeat (titles, bodies), so each is normalised once."""
    return normalise(text).text


def clean(text: str) -> str:
    """A name made uniform for comparison: look-alike letters, tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(LOOKALIKES)
    return re.sub(r"\s+", " ", new_tone_placement(text)).strip()


def _line_of(data: bytes, byte_offset: int) -> int:
    return data.count(b"\n", 0, byte_offset) + 1


def _utf16_without_bom(sample: bytes) -> str | None:
    """The UTF-16 byte order these NUL bytes suggest, or None. UTF-16 writes a NUL beside every
    ASCII letter, digit and space (and à, é, ô…), so in a text nearly all its NULs fall on one
    side of the byte pairs, and often; a binary file's fall on both sides."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for order, here, there in (("UTF-16LE", odd, even), ("UTF-16BE", even, odd)):
        if here >= pairs / 4 and there * 20 <= here:
            return order
    return None


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; else a clear error.
    Emptiness is judged on the text, so a file holding only a BOM and spaces is empty too."""
    text = _text(data, name)
    if not text or text.isspace():
        raise InputError(f"{name}: empty document")
    return text


def _text(data: bytes, name: str) -> str:
    """The bytes decoded, or an error saying what they are instead of UTF-8 or UTF-16 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"{name}: broken UTF-16 at byte {err.start}") from None
    if b"\x00" in data[:4096]:
        if order := _utf16_without_bom(data[:4096]):
            raise InputError(f"{name}: looks like {order} without a byte-order mark (a NUL byte beside "
                             f"each plain letter); convert it to UTF-8, e.g. `iconv -f {order} -t UTF-8`")
        line = _line_of(data, data.index(b"\x00"))
        raise InputError(f"{name}:{line}: not a text file (NUL byte)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = _line_of(data, err.start)
        snippet = data[max(0, err.start - 20):err.start + 10]
        raise InputError(
            f"{name}:{line}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}, "
            f"near {snippet!r}); convert it, e.g. `iconv -f WINDOWS-1258 -t UTF-8`"
        ) from None


def read_bytes(path: Path) -> bytes:
    """A file's bytes; one over MAX_BYTES is refused before it is read, and one the system
    will not let us read is that document's error, not the batch's end."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit for one document")
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from None
