"""Ingesting reports into the store: read, skip what is already there, extract, store, resolve what changed.

Why it survives a kill: documents are committed in small batches, each batch one transaction that
also marks the blocks of the resolved record its reports touch (see :mod:`ceasefire.storage.store`). A
re-run finds the committed documents by URL or text hash and skips them, extracts the rest, and
resolves the blocks still marked.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from ceasefire.errors import InputError
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.ingestion.sources import PendingReport, SourceOptions, expand_sources, is_url
from ceasefire.records import DocumentRecord
from ceasefire.storage.dialect import Connection
from ceasefire.storage.store import DIPLOMACY, Store, StoredDocument, content_hash, now_iso

if TYPE_CHECKING:
    from ceasefire.resolution.diplomacy import DiplomacyUpdate
    from ceasefire.resolution.model import Resolution

logger = logging.getLogger(__name__)
BATCH_SIZE = 16  # documents per transaction: small enough that a kill loses little, large for spaCy batching
RESOLUTION_TRIES = 5  # resolutions made again when another one is saved meanwhile
Progress = Callable[[int], None]
S = TypeVar("S", bound="IngestSummary")


class RecordExtractor(Protocol):
    def extract_many(self, items: Iterable[ReportInput]) -> Iterator[DocumentRecord]: ...


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    resolved: bool = False
    resolution_error: str | None = None  # the documents are in; the next ingest or reprocess retries
    seconds: float = 0.0

    def render(self) -> str:
        lines = [f"ingested {self.ingested}, duplicates skipped {self.duplicates}, failed {len(self.failed)}"
                 f" ({self.seconds:.1f} s)"]
        lines += [f"  failed: {source}: {reason}" for source, reason in self.failed]
        if self.resolution_error:
            lines.append(f"cross-report resolution failed ({self.resolution_error}); the documents are stored "
                         "and the next ingest or reprocess will try again")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The package version plus a fingerprint of the extraction code, tables and shipped models, so
    ``reprocess`` notices a changed extractor even when nobody bumped the version."""
    from ceasefire import __version__

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*package.glob("extraction/*.py"), *package.glob("extraction/models/*"),
                        *package.glob("data/**/*")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def ingest(sources: Iterable[str], store: Store, extractor: RecordExtractor, progress: Progress | None = None,
           *, options: SourceOptions | None = None, version: str | None = None,
           batch_size: int = BATCH_SIZE, total: Callable[[int], None] | None = None) -> IngestSummary:
    """Ingest every report behind ``sources`` (see :func:`expand_sources`) and refresh the resolved record.

    ``total`` is told how many reports were found before work starts; ``progress`` is told of each one
    done. One bad source is recorded in the store's failures with its reason and the rest go in.
    """
    started = time.monotonic()
    options = replace(options or SourceOptions(),
                      is_known_url=lambda url: store.find_duplicate(url=url) is not None)
    sources = list(sources)
    local, remote = [s for s in sources if not is_url(s)], [s for s in sources if is_url(s)]
    summary = IngestSummary()
    ingester = BatchIngester(store, extractor, version or extractor_version(), summary, progress)
    found = 0
    # local sources first: what is on disk is stored before any slow or dead server is waited for
    for group in (local, remote):
        pending = list(expand_sources(group, options))
        found += len(pending)
        if total:
            total(found)
        for item in pending:
            ingester.take(item)
            if len(ingester.batch) >= batch_size:
                ingester.flush()
        ingester.flush()
    return finish(store, summary, started)


def ingest_inputs(reports: Iterable[ReportInput], store: Store, extractor: RecordExtractor, *,
                  source: str = "api", version: str | None = None) -> IngestSummary:
    """Ingest reports already in hand (e.g. POSTed to the HTTP API), then refresh the resolved record."""
    started = time.monotonic()
    summary = IngestSummary()
    ingester = BatchIngester(store, extractor, version or extractor_version(), summary, None)
    for number, report in enumerate(reports, start=1):
        ingester.take(PendingReport(source=f"{source}:{report.id or number}", load=lambda r=report: r, url=report.url))
    ingester.flush()
    return finish(store, summary, started)


def finish(store: Store, summary: S, started: float) -> S:
    """Resolve what the ingest changed, if anything, and time it (``started``: its ``time.monotonic()``)."""
    if store.resolution_stale():
        summary.resolution_error = refresh_resolution(store)
        summary.resolved = summary.resolution_error is None
    summary.seconds = time.monotonic() - started
    return summary


class BatchIngester:
    """Collects loaded, not-yet-stored reports and writes them a batch per transaction."""

    def __init__(self, store: Store, extractor: RecordExtractor | None, version: str, summary: IngestSummary,
                 progress: Progress | None) -> None:
        self.store, self.extractor, self.version = store, extractor, version
        self.summary, self.progress = summary, progress or (lambda n: None)
        self.batch: list[tuple[str, ReportInput, str]] = []  # (source, input, text hash)
        self.batch_keys: set[str] = set()

    def take(self, item: PendingReport | InputError) -> None:
        if isinstance(item, InputError):
            self.fail(item.source, item.problem)
            return
        if item.url and self.store.find_duplicate(url=item.url):
            self.duplicate(item.source)
            return
        try:
            report = item.load()
        except InputError as err:
            self.fail(item.source, err.problem)
            return
        except Exception as err:  # a broken source must not stop the others; its reason is kept
            self.fail(item.source, f"{type(err).__name__}: {err}")
            return
        text_hash = content_hash(report.text)
        keys = {text_hash, report.url} - {None}
        if keys & self.batch_keys or self.store.find_duplicate(url=report.url, text_hash=text_hash):
            self.duplicate(item.source)
            return
        self.batch_keys |= keys
        self.batch.append((item.source, report, text_hash))

    def duplicate(self, source: str) -> None:
        """Count a report already stored; a source that failed before and is now stored is no failure."""
        self.summary.duplicates += 1
        if self.store.has_failure(source):
            with self.store.write() as conn:
                self.store.clear_failure(conn, source)
        self.progress(1)

    def fail(self, source: str, reason: str) -> None:
        with self.store.write() as conn:
            self.store.record_failure(conn, source, reason)
        self.summary.failed.append((source, reason))
        self.progress(1)

    def flush(self) -> None:
        if not self.batch:
            return
        batch = self.take_batch()
        assert self.extractor is not None, "an ingester without an extractor is given its records (store_batch)"
        self.store_batch(batch, extract_isolating_failures([report for _, report, _ in batch], self.extractor))

    def take_batch(self) -> list[tuple[str, ReportInput, str]]:
        """The reports collected so far, (source, input, text hash) each, handed over for extraction."""
        batch, self.batch, self.batch_keys = self.batch, [], set()
        return batch

    def store_batch(self, batch: list[tuple[str, ReportInput, str]], records: Sequence[DocumentRecord | Exception],
                    also: Callable[[Connection], None] | None = None) -> None:
        """Write the batch's records (an exception: that report's extraction failed) in one transaction, with
        ``also`` done in the same transaction."""
        stamp = now_iso()
        with self.store.write() as conn:
            stored = self.store.stored_keys([report.url for _, report, _ in batch], [h for _, _, h in batch])
            documents, sources = [], []
            for (source, report, text_hash), record in zip(batch, records, strict=True):
                if isinstance(record, Exception):
                    reason = f"extraction failed: {type(record).__name__}: {record}"
                    self.store.record_failure(conn, source, reason)
                    self.summary.failed.append((source, reason))
                elif text_hash in stored or report.url in stored:  # another ingest stored it
                    self.summary.duplicates += 1
                else:
                    documents.append((StoredDocument(
                        doc_key=text_hash[:16], url=report.url, content_hash=text_hash, title=report.title,
                        publisher=report.publisher, published=report.published, language=record.document.language,
                        source=source, extractor_version=self.version, ingested_at=stamp, text=report.text), record))
                    sources.append(source)
            self.store.add_documents(conn, documents)
            self.store.clear_failures(conn, sources)
            self.summary.ingested += len(documents)
            if also is not None:
                also(conn)
        self.progress(len(batch))


def extract_isolating_failures(reports: Sequence[ReportInput], extractor: RecordExtractor
                               ) -> list[DocumentRecord | Exception]:
    """Records for a batch, one per report; if the batch fails (or comes back short), each report alone,
    so one bad report costs only itself."""
    try:
        records = list(extractor.extract_many(list(reports)))
        if len(records) == len(reports):
            return records
    except Exception:  # find the culprit below
        pass
    results: list[DocumentRecord | Exception] = []
    for report in reports:
        try:
            [record] = extractor.extract_many([report])
            results.append(record)
        except Exception as err:  # recorded as that report's failure
            results.append(err)
    return results


def remove(store: Store, documents: list[str]) -> tuple[list[str], list[str], str | None]:
    """Take documents (by id, URL or source) out of the store and resolve the rest again: (ids
    removed, names matching no document, resolution failure or None). Incidents only they reported
    go; an incident id stays answered where another incident now holds its sources."""
    removed, unknown = [], []
    with store.write() as conn:
        for document in documents:
            keys = store.remove_document(conn, document)
            removed.extend(keys)
            if not keys:
                unknown.append(document)
    failure = refresh_resolution(store) if removed else None
    return removed, unknown, failure


def refresh_resolution(store: Store, *, full: bool = False) -> str | None:
    """Resolve again what changed since the last resolution -- the parts of incidents the changed documents'
    events were in or may join (see :mod:`ceasefire.resolution.components`), and the agreements and talks from
    the last checkpoint before the earliest changed report that mentions one (see
    :mod:`ceasefire.resolution.diplomacy`) -- or everything (``full``, or a store an older version made), and
    save the result. When another ingest's resolution was saved meanwhile (several ingests at once), saving this
    one would undo what the other resolved: it resolves again instead. A failure is returned, not raised: the
    documents are safely stored and the marks left make the next run retry."""
    with _collection_paused():
        return _refresh(store, full)


def _refresh(store: Store, full: bool) -> str | None:
    from ceasefire.resolution.resolve import DIPLOMACY_SECTIONS, INCIDENT_SECTIONS, resolve
    from ceasefire.storage.store import ResolutionOvertaken

    for _ in range(RESOLUTION_TRIES):  # another ingest's resolution may be saved while this one works
        marks = store.stale_marks()  # read first: what is marked after this is left for the next run
        epoch = store.resolution_epoch()
        everything = full or store.full_resolution_due()
        try:
            if everything:
                resolution = resolve(store.sourced_records(sections=(*INCIDENT_SECTIONS, *DIPLOMACY_SECTIONS)))
            else:
                parts, resolution = _incidents_again(store, [key for key in marks if not key.startswith(DIPLOMACY)])
                days = [key[len(DIPLOMACY):] for key in marks if key.startswith(DIPLOMACY)]
                if days:
                    resolution.diplomacy = _diplomacy_from(store, min(days))
        except Exception as err:  # reported to the user; the stored documents stay valid
            logger.exception("cross-report resolution failed")
            return f"{type(err).__name__}: {err}"
        try:
            if everything:
                store.save_resolution(resolution, marks=marks, epoch=epoch)
            else:
                store.save_parts(resolution, parts, marks, epoch)
            return None
        except ResolutionOvertaken as overtaken:
            logger.info("resolving again: another resolution was saved meanwhile (%s)", overtaken)
    return f"another resolution was saved each of {RESOLUTION_TRIES} times; the next run resolves what is left"


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while resolving: resolution reads back many long-lived objects
    (kept clusters, agreements), which every collection would walk again (in a store of 50,000 reports a
    collection took 20 ms, and came several times an ingest); what resolving makes is freed by reference
    counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _incidents_again(store: Store, changed: list[str]) -> tuple[set[tuple[str, str]], Resolution]:
    """The parts of incidents the ``changed`` documents were in or may join, resolved again: going on from what
    those parts kept when the documents are new and none sorts before the parts' boundaries (see
    :mod:`ceasefire.resolution.kept`), else from their first reports."""
    from ceasefire.resolution.common import source_order
    from ceasefire.resolution.components import units_in
    from ceasefire.resolution.resolve import INCIDENT_SECTIONS, extend_parts, resolve_part

    records = store.sourced_records(changed, INCIDENT_SECTIONS)
    new_units = units_in(records)
    linked = store.parts_linked_to(new_units)
    if not store.parts_of(changed):  # new documents (or ones that had no incidents)
        kept = store.kept_parts(linked)
        earliest = min((source_order(r)[0] for r in records if r.record.events), default="")
        if len(kept) == len(linked) and all(state.boundary <= earliest for state in kept.values()):
            replayed = store.units_since({part: state.boundary for part, state in kept.items()})
            records += store.sourced_records({doc for _, doc in replayed} - set(changed), INCIDENT_SECTIONS)
            return linked, extend_parts(records, new_units, replayed, kept, store.part_keys(linked))
    parts = store.parts_of(changed) | linked
    units = store.units_of(parts) | set(new_units)
    records += store.sourced_records({doc for _, doc in units} - set(changed), INCIDENT_SECTIONS)
    return parts, resolve_part(records, units)


def _diplomacy_from(store: Store, day: str) -> DiplomacyUpdate:
    """The agreements and talks resolved again from the last checkpoint on or before ``day`` (from the first
    report when there is none): the reports since, read from the store, taken after the checkpoint's state."""
    from ceasefire.resolution.common import source_order
    from ceasefire.resolution.diplomacy import DiplomacyState, resolve_diplomacy
    from ceasefire.resolution.resolve import DIPLOMACY_SECTIONS

    checkpoint = store.diplomacy_checkpoint(day) if day else None
    since, state = ("", None) if checkpoint is None else (
        checkpoint[0], DiplomacyState.loads(checkpoint[1], store.diplomacy_pack))
    sources = store.sourced_records(store.diplomacy_documents(since), DIPLOMACY_SECTIONS)
    return resolve_diplomacy(sorted((s for s in sources if source_order(s)[0] >= since), key=source_order),
                             state, since)


@dataclass
class ReprocessSummary:
    updated: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    resolution_error: str | None = None

    def render(self) -> str:
        lines = [f"reprocessed {self.updated}, failed {len(self.failed)}"]
        lines += [f"  failed: {key}: {reason}" for key, reason in self.failed]
        if self.resolution_error:
            lines.append(f"cross-report resolution failed ({self.resolution_error})")
        return "\n".join(lines)


def reprocess(store: Store, extractor: RecordExtractor, progress: Progress | None = None, *,
              everything: bool = False, version: str | None = None, batch_size: int = BATCH_SIZE,
              total: Callable[[int], None] | None = None) -> ReprocessSummary:
    """Re-run ``extractor`` over stored documents that an older extractor made (all with ``everything``)."""
    version = version or extractor_version()
    documents = store.documents(outdated_for=None if everything else version)
    if total:
        total(len(documents))
    summary = ReprocessSummary()
    for start in range(0, len(documents), batch_size):
        chunk = documents[start:start + batch_size]
        reports = [ReportInput(text=store.document_text(doc.doc_key), id=store.record(doc.doc_key).document.id,
                               published=doc.published, url=doc.url, title=doc.title, publisher=doc.publisher)
                   for doc in chunk]
        records = extract_isolating_failures(reports, extractor)
        with store.write() as conn:
            for doc, record in zip(chunk, records, strict=True):
                if isinstance(record, Exception):
                    summary.failed.append((doc.doc_key, f"{type(record).__name__}: {record}"))
                else:
                    store.replace_record(conn, doc.doc_key, record, version)
                    summary.updated += 1
        if progress:
            progress(len(chunk))
    if store.resolution_stale():
        summary.resolution_error = refresh_resolution(store)
    return summary
