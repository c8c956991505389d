"""Expanding SOURCE arguments into reports: files, folders, RSS/Atom feeds (files or URLs), web pages,
and ``-`` for JSON Lines on standard input.

Expansion is lazy and cheap: each report comes as a :class:`PendingReport` whose ``load`` does the
reading or fetching, so the ingester can skip a URL it already holds before paying for the download.
Every problem is an :class:`InputError` yielded in place of the report, so one bad source stops nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from ceasefire.errors import InputError
from ceasefire.ingestion.fetch import FetchOptions, FetchResult, fetch
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.ingestion.reading import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    check_text,
    decode_text,
    iso_day,
    load_json,
    parse_input_object,
    path_name,
    read_jsonl,
    read_report_file,
)

FEED_SUFFIXES = {".xml", ".rss", ".atom"}
# Files read whole (parsed in one piece): larger ones are refused before reading.
MAX_JSON_BYTES = 50_000_000
MAX_FEED_BYTES = 20_000_000
JSON_SUFFIXES = {".json", ".jsonl"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES
MIN_FEED_TEXT = 600  # an entry shorter than this is a teaser: fetch the article it links to
_FEED_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


@dataclass
class PendingReport:
    """A report found by expanding a source, not yet read; ``url`` is known before ``load`` runs if it can be."""

    source: str
    load: Callable[[], ReportInput]
    url: str | None = None


@dataclass
class SourceOptions:
    fetch: FetchOptions = field(default_factory=FetchOptions)
    stdin: IO[str] | None = None  # what '-' reads; sys.stdin by default
    follow_feed_links: bool = True  # fetch the article behind a feed entry that carries only a teaser
    is_known_url: Callable[[str], bool] = lambda url: False  # lets a URL already stored go unfetched


def expand_sources(sources: Iterable[str], options: SourceOptions | None = None
                   ) -> Iterator[PendingReport | InputError]:
    """The reports behind each SOURCE argument, in order."""
    options = options or SourceOptions()
    for source in sources:
        if source == "-":
            yield from _from_jsonl(options.stdin or sys.stdin, "<stdin>")
        elif is_url(source):
            yield from _from_url(source, options)
        else:
            yield from _from_path(Path(source), options)


def is_url(source: str) -> bool:
    """Whether a SOURCE argument is fetched (http:// or https://) rather than read from disk."""
    return re.match(r"https?://", source, re.I) is not None


def _from_path(path: Path, options: SourceOptions) -> Iterator[PendingReport | InputError]:
    if path.is_dir():
        for file in _files_in(path, FOLDER_SUFFIXES):
            if isinstance(file, InputError):
                yield file
            else:
                yield from _from_file(file, options)
    elif path.exists():
        yield from _from_file(path, options)
    else:
        yield InputError(path_name(path), "no such file or folder")


def _files_in(folder: Path, suffixes: set[str]) -> Iterator[Path | InputError]:
    """The files of a folder and its subfolders with these suffixes, in name order, hidden ones left out; a
    link out of the folder ("notes.txt -> /etc/passwd") is an error, not followed."""
    root = folder.resolve()
    for file in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                       and not any(part.startswith(".") for part in p.relative_to(folder).parts)):
        if file.resolve().is_relative_to(root):
            yield file
        else:
            yield InputError(path_name(file), "a link to a file outside the folder; not followed")


def _from_file(path: Path, options: SourceOptions) -> Iterator[PendingReport | InputError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        try:
            with path.open("rb") as stream:
                yield from list(_from_jsonl(stream, path_name(path)))
        except OSError as err:
            yield InputError(path_name(path), f"cannot read JSON Lines file ({err.strerror or err})")
    elif suffix == ".json":
        yield from _from_json_file(path)
    elif suffix in FEED_SUFFIXES:
        try:
            _check_size(path, MAX_FEED_BYTES, "a feed")
            data = path.read_bytes()
        except OSError as err:
            yield InputError(path_name(path), f"cannot read feed file ({err.strerror or err})")
            return
        except InputError as err:
            yield err
            return
        yield from _from_feed(data, path_name(path), options)
    else:
        yield PendingReport(source=path_name(path), load=lambda: read_report_file(path))


def _check_size(path: Path, limit: int, what: str) -> None:
    """Refuse a file over ``limit`` bytes before reading any of it."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(path_name(path), f"file is {size / 1e6:.0f} MB, over the {limit // 1_000_000} MB "
                                          f"allowed for {what}")


ARCHIVE_SUFFIXES = {".jsonl", ".parquet"}


def archive_files(sources: Iterable[str]) -> Iterator[Path | InputError]:
    """The JSON Lines and Parquet files of an archive: files as given, folders searched (in name order)."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            yield from _files_in(path, ARCHIVE_SUFFIXES)
        elif not path.exists():
            yield InputError(path_name(path), "no such file or folder")
        elif path.suffix.lower() not in ARCHIVE_SUFFIXES:
            yield InputError(path_name(path), "an archive is JSON Lines (.jsonl) or Parquet (.parquet) files")
        else:
            yield path


def archive_reports(path: Path) -> Iterator[PendingReport | InputError]:
    """The reports of one archive file, read as they are needed (a line or a batch of rows at a time), named as
    :func:`expand_sources` names them."""
    try:
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as stream:
                yield from _from_jsonl(stream, path_name(path))
        else:
            yield from _from_parquet(path)
    except OSError as err:
        yield InputError(path_name(path), f"cannot read the file ({err.strerror or err})")


def _from_parquet(path: Path) -> Iterator[PendingReport | InputError]:
    """A report a row, its columns the fields of a JSON Lines report (``text``, ``id``, ``published``, ...)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        batches = parquet.iter_batches(batch_size=1024)
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                where = f"{path_name(path)}[{number}]"
                try:
                    item = parse_input_object({k: _plain(v) for k, v in row.items()}, where)
                except InputError as err:
                    yield err
                    continue
                yield PendingReport(source=item.url or f"{path_name(path)}:{item.id or number}",
                                    load=_constant(item), url=item.url)
    except (pa.ArrowException, ValueError) as err:
        yield InputError(path_name(path), f"not a readable Parquet file ({err})")


def _plain(value: Any) -> Any:
    """A Parquet value as JSON would give it: dates and times as ISO text."""
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _from_jsonl(stream: IO[str] | IO[bytes], source: str) -> Iterator[PendingReport | InputError]:
    for number, item in enumerate(read_jsonl(stream, source), start=1):
        if isinstance(item, InputError):
            yield item
        else:
            yield PendingReport(source=item.url or f"{source}:{item.id or number}", load=_constant(item),
                                url=item.url)


def _from_json_file(path: Path) -> Iterator[PendingReport | InputError]:
    try:
        _check_size(path, MAX_JSON_BYTES, "a JSON file (JSON Lines, read a line at a time, has no limit)")
        data = load_json(decode_text(path.read_bytes(), path_name(path)), path_name(path))
    except OSError as err:
        yield InputError(path_name(path), f"cannot read JSON ({err.strerror or err})")
        return
    except InputError as err:
        yield err
        return
    objects = data if isinstance(data, list) else [data]
    for number, obj in enumerate(objects, start=1):
        where = path_name(path) if len(objects) == 1 else f"{path_name(path)}[{number}]"
        try:
            item = parse_input_object(_with_document_fields(obj), where)
        except InputError as err:
            yield err
            continue
        item = replace(item, id=item.id or path_name(path.stem))
        yield PendingReport(source=where, load=_constant(item), url=item.url)


def _with_document_fields(obj: Any) -> Any:
    """A document record with its text (as the annotated corpus keeps them) carries metadata in 'document'."""
    if isinstance(obj, dict) and isinstance(obj.get("document"), dict):
        return {**{k: v for k, v in obj["document"].items() if v is not None}, **obj}
    return obj


def _constant(item: ReportInput) -> Callable[[], ReportInput]:
    return lambda: item


def _from_url(url: str, options: SourceOptions) -> Iterator[PendingReport | InputError]:
    if options.is_known_url(url):
        yield PendingReport(source=url, url=url, load=lambda: page_input(fetch(url, options.fetch)))
        return
    try:
        result = fetch(url, options.fetch)
    except InputError as err:
        yield err
        return
    if is_feed(result):
        yield from _from_feed(result.content, url, options)
    else:
        yield PendingReport(source=url, url=url, load=lambda: page_input(result))


def is_feed(result: FetchResult) -> bool:
    return result.content_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml") \
        or bool(_FEED_START.match(result.content[:4096]))


def page_input(result: FetchResult) -> ReportInput:
    """The report on a fetched web page: main text, title, publication date and site name."""
    import trafilatura

    html = result.content.decode(result.charset or "utf-8", errors="replace")
    extracted = trafilatura.bare_extraction(html, url=result.url, include_comments=False, include_tables=False,
                                            favor_precision=True, with_metadata=True)
    text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        raise InputError(result.url, "no article text found on the page")
    return ReportInput(text=text, url=result.url, title=extracted.title or None,
                       published=iso_day(extracted.date), publisher=extracted.sitename or None)


def _from_feed(data: bytes, source: str, options: SourceOptions) -> Iterator[PendingReport | InputError]:
    """Entries of an RSS/Atom feed; the XML is vetted by defusedxml before feedparser reads it."""
    import feedparser
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        yield InputError(source, f"feed refused: it declares XML entities or external references ({err})")
        return
    except ParseError:
        pass  # malformed feeds are common; feedparser's tolerant parser reads them without expanding entities
    feed = feedparser.parse(io.BytesIO(data))
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(source, f"not an RSS/Atom feed, or a feed with no entries{reason}")
        return
    publisher = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        yield _feed_entry(entry, f"{source}#{number}", publisher, options)


def _feed_entry(entry: Any, where: str, publisher: str | None, options: SourceOptions) -> PendingReport:
    link = entry.get("link") or None
    published = _entry_date(entry)
    text = _entry_text(entry)

    def load() -> ReportInput:
        if len(text) >= MIN_FEED_TEXT or not (link and options.follow_feed_links):
            check_text(text, where)
            return ReportInput(text=text, url=link, title=entry.get("title") or None, published=published,
                               publisher=publisher)
        page = page_input(fetch(link, options.fetch))
        return replace(page, title=page.title or entry.get("title") or None,
                       published=page.published or published, publisher=publisher or page.publisher)

    return PendingReport(source=link or where, url=link, load=load)


def _entry_text(entry: Any) -> str:
    from lxml import html as lxml_html

    contents = [c.get("value", "") for c in entry.get("content") or []]
    raw = max(contents + [entry.get("summary") or ""], key=len)
    if "<" not in raw:
        return raw.strip()
    fragment = lxml_html.fragment_fromstring(raw, create_parent="div")
    for block in fragment.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "") if block.tag != "br" else "\n" + (block.tail or "")
    return re.sub(r"\n{3,}", "\n\n", fragment.text_content()).strip()


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
