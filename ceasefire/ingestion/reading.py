"""Reading report files (.txt, .md, .html) and JSON Lines inputs into :class:`ReportInput`.

Every problem is an :class:`~ceasefire.errors.InputError` naming the source and what is wrong
with it, so a caller can report it and go on with the next report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ceasefire.errors import InputError
from ceasefire.ingestion.inputs import ReportInput

MAX_BYTES = 5_000_000  # a news report is a few tens of kB; anything this big is not one
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_report_file(path: Path, *, published: str | None = None, url: str | None = None,
                     title: str | None = None) -> ReportInput:
    """The report in ``path``; HTML is reduced to its main text."""
    source = path_name(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(source, f"file is {size / 1e6:.1f} MB; reports over {MAX_BYTES // 1_000_000} MB "
                                     "are refused (is this really one news report?)")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read file ({err.strerror or err})") from err
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(source, f"unsupported file type {suffix or '(none)'!r}; give .txt, .md or .html")
    text = decode_text(data, source)
    if suffix in HTML_SUFFIXES:
        text, found_title, found_date = html_main_text(text, source)
        meta = {name: value for name, value in (("title", found_title), ("published", found_date)) if value}
    else:
        meta, text = split_front_matter(text)
    check_text(text, source)
    published = check_published(published or meta.get("published"), source)
    return ReportInput(text=text, id=path_name(path.stem), published=published,
                       url=url or meta.get("url"), title=title or meta.get("title"),
                       publisher=meta.get("publisher"))


def path_name(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8 are
    written as escapes ("bad\\xff.txt")."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_META_LINE = re.compile(r"^(title|published|publisher|url)\s*:\s*(.*?)\s*$", re.M)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata from a leading ``---`` block of ``key: value`` lines (title, published, publisher,
    url), and the text after it. A text without such a block is returned whole."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {key: value.strip("\"'") for key, value in _META_LINE.findall(match.group(1)) if value}
    return meta, text[match.end():]


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text of ``data`` (a BOM is dropped); binary or undecodable bytes are refused."""
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 text (undecodable byte at offset {err.start}); "
                                 "convert it to UTF-8 first") from err


def check_text(text: str, source: str) -> None:
    if not text.strip():
        raise InputError(source, "the report is empty")
    if len(text) > MAX_BYTES:
        raise InputError(source, f"text of {len(text):,} characters is too long for one report")


def html_main_text(html: str, source: str) -> tuple[str, str | None, str | None]:
    """Main text, title and publication date (YYYY-MM-DD, where the page gives one) of an HTML page,
    with menus, boilerplate and scripts dropped."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                            favor_precision=True, with_metadata=True)
    text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        raise InputError(source, "no article text found in the HTML page")
    return text, (extracted.title or None), iso_day(extracted.date)


def iso_day(value: str | None) -> str | None:
    """The day of a date or timestamp a page's metadata gives ("2025-10-27T08:00Z" -> "2025-10-27"),
    or None when it gives none that is real."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def read_jsonl(stream: IO[str] | IO[bytes], source: str = "<stdin>") -> Iterator[ReportInput | InputError]:
    """One :class:`ReportInput` per line, or the error that line gives (with its line number). Lines
    are decoded one by one, so a line that is not UTF-8 costs only itself."""
    binary = getattr(stream, "buffer", None)  # a text stream is read as bytes underneath
    lines = iter(binary.readline, b"") if binary is not None else stream
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as err:
            yield InputError(where, f"not UTF-8 text (byte {err.start + 1})")
            continue
        if not line.strip():
            continue
        try:
            yield parse_input_object(load_json(line.lstrip("\ufeff"), where), where)
        except InputError as err:
            yield err


def load_json(text: str, where: str) -> Any:
    """Parsed JSON, or an :class:`InputError` saying why not (nesting too deep for a report included)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(where, f"not valid JSON ({err.msg} at line {err.lineno} column {err.colno})") from err
    except RecursionError as err:
        raise InputError(where, "JSON nested too deeply to be a report") from err


def parse_input_object(data: object, where: str) -> ReportInput:
    """A report from its JSON object: ``{"id", "text", "published", "url", "title", "publisher"}``."""
    if not isinstance(data, dict):
        raise InputError(where, "expected a JSON object with a 'text' field")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(where, "missing or non-string 'text' field")
    check_text(text, where)
    fields = {}
    for name in ("id", "published", "url", "title", "publisher"):
        value = data.get(name)
        fields[name] = None if value is None else str(value)
    fields["published"] = check_published(fields["published"], where)
    return ReportInput(text=text, **fields)


_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def check_published(value: str | None, where: str) -> str | None:
    """A publication date as the store keeps it ("2025-11-08"); a timestamp gives its day. Anything
    else, "2025-11-31" or "yesterday", is refused: relative dates would resolve against it."""
    if value is None or not value.strip():
        return None
    match = _ISO_DAY.match(value.strip())
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass
    raise InputError(where, f"published date {value!r} is not a real date YYYY-MM-DD")
