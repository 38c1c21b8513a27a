"""Each article's publication date from a table the user keeps beside the articles
(`extract --published TABLE`): archives know their articles' dates, while the text itself
often has no dateline (guidelines K6: the date "its source gives"). The date is the time at
which a current post held; without one the knowledge base can date nothing.

The table is tab- or comma-separated with a header: a `file` column (the article's path as
the input folder holds it, e.g. "crawlvn/crawlvn-0001.txt", or its name) and a `published`
(or `date`) column: "2019-09-18", "2019-09", "2019", "18/9/2019". A `year` column of one year
also serves, as the shared SOURCES.tsv gives it (a range of years dates nothing: case 96).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path, PurePosixPath

from .errors import InputError
from .shapes import is_iso_date, iso_date

_DATE_COLUMNS = ("published", "date")


def _date(value: str) -> str | None:
    """ISO date of a cell ("" when empty); None when it is no date."""
    value = value.strip()
    if not value or is_iso_date(value):
        return value
    iso = iso_date(value)
    return iso if iso and not iso.startswith("--") else None


def _key(path: str) -> str:
    """A file as the table and the inputs both name it: its path without '.txt'."""
    return PurePosixPath(path.strip().replace("\\", "/")).with_suffix("").as_posix()


def read_table(path: Path) -> dict[str, str]:
    """{file key: ISO date} of a dates table; a wrong table or cell is an error naming the
    file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the dates table ({err})") from None
    lines = text.splitlines()
    delimiter = "\t" if lines and "\t" in lines[0] else ","
    rows = csv.DictReader(lines, delimiter=delimiter)
    columns = [c.strip().lower() for c in rows.fieldnames or []]
    rows.fieldnames = columns
    date_column = next((c for c in _DATE_COLUMNS if c in columns), "year" if "year" in columns else None)
    if "file" not in columns or date_column is None:
        raise InputError(f"{path}:1: a dates table needs a 'file' column and a 'published' (or 'date', "
                         f"or 'year') column; its header is {', '.join(columns) or 'empty'}")
    dates: dict[str, str] = {}
    for number, row in enumerate(rows, 2):
        value = (row.get(date_column) or "").strip()
        if date_column == "year" and not re.fullmatch(r"\d{4}", value):
            continue  # "2018-2020": no one year
        date = _date(value)
        if date is None:
            raise InputError(f"{path}:{number}: {value!r} in column '{date_column}' is no date "
                             "(write 2019-09-18, 2019-09, 2019 or 18/9/2019)")
        if date and row.get("file"):
            dates[_key(row["file"])] = date
    return dates


def date_of(dates: dict[str, str], doc_id: str, file: Path | None) -> str | None:
    """The table's date for a document: by its id (its path in the folder given), else by
    its file name."""
    found = dates.get(doc_id)
    if found is None and file is not None:
        found = dates.get(_key(file.name))
    return found
