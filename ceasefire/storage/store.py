"""The store: one SQLite file (or one PostgreSQL database, see :mod:`.dialect`) holding every ingested
document, every item extracted from it with its evidence span, the failures, and the resolved record
(incidents, agreements, talks).

Concurrency rules live here and nowhere else: readers use the connection freely (WAL mode lets them
run beside a writer); every write goes through :meth:`Store.write`, a ``BEGIN IMMEDIATE`` transaction
(on PostgreSQL, one holding the writers' advisory lock) that either commits whole or leaves nothing
behind, so a killed process never leaves half a document. A write that changes a document marks it
(:func:`_mark`), so the next resolution redoes only the parts of the resolved record it touches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceasefire.errors import StoreError
from ceasefire.records import SECTIONS, DocumentRecord, record_from_dict
from ceasefire.resolution.common import resolution_day
from ceasefire.resolution.kept import KeptPart
from ceasefire.resolution.model import Incident, Links, Resolution, ResolvedAgreement, SourcedRecord, TalksRound
from ceasefire.storage import queries, resolved
from ceasefire.storage.dialect import (
    Connection,
    Dialect,
    PostgresConnection,
    dialect_of,
    in_chunks,
    is_postgresql,
    placeholders,
    row_placeholders,
    rows_table,
    without_password,
)
from ceasefire.storage.queries import IncidentFilter
from ceasefire.storage.schema import MIGRATIONS

DEFAULT_PATH = "ceasefire.db"
# The mark of the agreements and talks: "*" and the resolution day of a changed report that mentions one (see
# _diplomacy_mark; no document key starts with "*"). A bare "*" (left by an older version) resolves them all again.
DIPLOMACY = "*"
_SPACES = re.compile(r"\s+")


def default_path() -> str:
    """``$CEASEFIRE_DB`` if set, else ``./ceasefire.db``."""
    return os.environ.get("CEASEFIRE_DB") or DEFAULT_PATH


def content_hash(text: str) -> str:
    """Hash of the normalised text, so the same report re-encoded, re-wrapped or re-cased is one document."""
    normalised = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class StoredDocument:
    """A document as the store keeps it (the record is parsed only on demand)."""

    doc_key: str
    url: str | None
    content_hash: str
    title: str | None
    publisher: str | None
    published: str | None
    language: str | None
    source: str | None
    extractor_version: str
    ingested_at: str
    text: str = ""


@dataclass
class Failure:
    source: str
    reason: str
    attempts: int
    first_seen: str
    last_seen: str


class Store:
    """The store, on SQLite or PostgreSQL. Open it with :func:`open_store`; use it as a context manager to close
    it."""

    def __init__(self, connection: Connection, path: str) -> None:
        self.connection = connection
        self.path = path
        self.dialect = dialect_of(connection)
        self._has_settings = False  # the first migration creates the table the revision lives in

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One writer transaction (``BEGIN IMMEDIATE``, or its PostgreSQL equal): committed on success, rolled
        back on any error. Each one that commits moves the store's :meth:`revision` on."""
        for statement in self.dialect.begin:
            self.connection.execute(statement)
        try:
            yield self.connection
            self._has_settings = self._has_settings or _settings_exist(self.connection, self.dialect)
            if self._has_settings:
                self.connection.execute("INSERT INTO settings (name, value) VALUES ('revision', 1) ON CONFLICT(name) "
                                        "DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def revision(self) -> int:
        """A number that changes whenever anything is written to the store, by any process: a key
        for caching what is computed from it."""
        return int(get_setting(self.connection, "revision") or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks, each in its own transaction; the versions applied."""
        if not self.connection.execute(self.dialect.table_exists, ("schema_migrations",)).fetchone():
            with self.write() as conn:  # one process at a time: another may be making the same new store
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                             "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        done = {row[0] for row in self.connection.execute("SELECT version FROM schema_migrations")}
        applied = []
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            with self.write() as conn:
                # another process opening the same new store may have applied it while we waited
                if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)).fetchone():
                    continue
                for statement in self.dialect.migration(migration.version, migration.statements):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                             (migration.version, migration.name, now_iso()))
            applied.append(migration.version)
        return applied

    def schema_version(self) -> int:
        row = self.connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    # -- documents -------------------------------------------------------------------------------

    def find_duplicate(self, *, url: str | None = None, text_hash: str | None = None) -> str | None:
        """The key of a stored document with this URL or this normalised-text hash, if any."""
        if url:
            row = self.connection.execute("SELECT doc_key FROM documents WHERE url = ?", (url,)).fetchone()
            if row:
                return row[0]
        if text_hash:
            row = self.connection.execute("SELECT doc_key FROM documents WHERE content_hash = ?",
                                          (text_hash,)).fetchone()
            if row:
                return row[0]
        return None

    def stored_keys(self, urls: Iterable[str | None], text_hashes: Iterable[str]) -> set[str]:
        """Those of these URLs and normalised-text hashes that a stored document has (one query for a batch)."""
        found: set[str] = set()
        for column, values in (("url", sorted({u for u in urls if u})), ("content_hash", sorted(set(text_hashes)))):
            for chunk in in_chunks(values):
                found |= {row[0] for row in self.connection.execute(
                    f"SELECT {column} FROM documents WHERE {column} IN ({placeholders(len(chunk))})", chunk)}
        return found

    def add_document(self, conn: Connection, document: StoredDocument, record: DocumentRecord) -> None:
        """Insert a document with its record and items (inside a :meth:`write` transaction)."""
        self.add_documents(conn, [(document, record)])

    def add_documents(self, conn: Connection, documents: Sequence[tuple[StoredDocument, DocumentRecord]]) -> None:
        """Insert documents with their records and items (inside a :meth:`write` transaction), a few statements
        for them all: on a server, round trips rather than rows are what costs."""
        data = [(document, record.to_dict()) for document, record in documents]
        conn.executemany(
            "INSERT INTO documents (doc_key, url, content_hash, title, publisher, published, language, source, "
            "text, record_json, extractor_version, ingested_at, processed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(d.doc_key, d.url, d.content_hash, d.title, d.publisher, d.published, d.language, d.source, d.text,
              json.dumps(items, ensure_ascii=False), d.extractor_version, d.ingested_at, d.ingested_at)
             for d, items in data])
        _insert_items(conn, [(d.doc_key, items) for d, items in data])
        _mark(conn, {d.doc_key for d, _ in documents}
              | {_diplomacy_mark(d.published, record.document.published) for d, record in documents
                 if _mentions_diplomacy(record)})

    def remove_document(self, conn: Connection, document: str) -> list[str]:
        """Delete the document with this id, URL or source (the file or line it was read from), with its
        items, inside a :meth:`write` transaction; the ids removed."""
        keys = [row[0] for row in conn.execute(
            "SELECT doc_key FROM documents WHERE doc_key = ? OR url = ? OR source = ?", (document,) * 3)]
        for key in keys:
            _mark(conn, {key} | _stored_diplomacy_mark(conn, key))
            conn.execute("DELETE FROM items WHERE doc_key = ?", (key,))
            conn.execute("DELETE FROM documents WHERE doc_key = ?", (key,))
        return keys

    def replace_record(self, conn: Connection, doc_key: str, record: DocumentRecord,
                       extractor_version: str) -> None:
        """Swap in a newer extractor's record for a stored document, in place."""
        data = record.to_dict()
        marks = {doc_key} | _stored_diplomacy_mark(conn, doc_key)  # the record as it was
        conn.execute("UPDATE documents SET record_json = ?, language = ?, extractor_version = ?, processed_at = ? "
                     "WHERE doc_key = ?",
                     (json.dumps(data, ensure_ascii=False), record.document.language, extractor_version, now_iso(),
                      doc_key))
        conn.execute("DELETE FROM items WHERE doc_key = ?", (doc_key,))
        _insert_items(conn, [(doc_key, data)])
        _mark(conn, marks | _stored_diplomacy_mark(conn, doc_key))  # and as it is now

    def documents(self, *, outdated_for: str | None = None) -> list[StoredDocument]:
        """Stored documents (without text), oldest first; ``outdated_for``: only those another version made."""
        sql = ("SELECT doc_key, url, content_hash, title, publisher, published, language, source, "
               "extractor_version, ingested_at FROM documents")
        params: tuple[Any, ...] = ()
        if outdated_for is not None:
            sql += " WHERE extractor_version != ?"
            params = (outdated_for,)
        return [StoredDocument(*row) for row in self.connection.execute(sql + " ORDER BY id", params)]

    def document_text(self, doc_key: str) -> str:
        row = self.connection.execute("SELECT text FROM documents WHERE doc_key = ?", (doc_key,)).fetchone()
        if row is None:
            raise KeyError(doc_key)
        return row[0]

    def record(self, doc_key: str) -> DocumentRecord:
        row = self.connection.execute("SELECT record_json FROM documents WHERE doc_key = ?", (doc_key,)).fetchone()
        if row is None:
            raise KeyError(doc_key)
        return record_from_dict(json.loads(row[0]))

    def sourced_records(self, doc_keys: Iterable[str] | None = None,
                        sections: Sequence[str] = SECTIONS) -> list[SourcedRecord]:
        """Every stored record (or those of ``doc_keys``) with its source, in ingest order: the input of
        resolution. Only ``sections`` are read, from the items (the others left empty), and of the record's
        document only its publication date: what resolution does not read is never parsed or held."""
        columns = "id, doc_key, published, publisher, url, CASE WHEN published IS NULL THEN record_json END"
        wanted = f"section IN ({placeholders(len(sections))})"
        if doc_keys is None:
            documents: Iterable[Sequence[Any]] = self.connection.execute(f"SELECT {columns} FROM documents")
            items: Iterable[Sequence[Any]] = self.connection.execute(
                f"SELECT doc_key, section, data FROM items WHERE {wanted} ORDER BY doc_key, section, position",
                list(sections))
        else:
            chunks = list(in_chunks(sorted(set(doc_keys))))
            documents = (row for chunk in chunks for row in self.connection.execute(
                f"SELECT {columns} FROM documents WHERE doc_key IN ({placeholders(len(chunk))})", chunk))
            items = (row for chunk in chunks for row in self.connection.execute(
                f"SELECT doc_key, section, data FROM items WHERE doc_key IN ({placeholders(len(chunk))}) AND {wanted} "
                "ORDER BY doc_key, section, position", [*chunk, *sections]))
        found: dict[str, tuple[int, dict[str, Any], tuple]] = {}
        for row_id, key, published, publisher, url, record_json in documents:
            # a record's own publication date stands in for the store's only where the store has none
            document = json.loads(record_json)["document"] if record_json else {"published": published}
            found[key] = (row_id, document, (published, publisher, url))
        records = {}
        for key, rows in itertools.groupby(items, key=lambda row: row[0]):  # items come a document at a time
            data: dict[str, Any] = {"document": found[key][1]}
            for _, section, item in rows:
                data.setdefault(section, []).append(json.loads(item))
            records[key] = record_from_dict(data)
        return [SourcedRecord(doc_id=key, record=records.get(key) or record_from_dict({"document": document}),
                              published=published, publisher=publisher, url=url)
                for key, (_, document, (published, publisher, url)) in sorted(found.items(), key=lambda e: e[1][0])]

    def count(self, table: str) -> int:
        if table not in {"documents", "items", "failures", "incidents", "agreements", "talks_rounds"}:
            raise ValueError(f"unknown table {table!r}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # -- failures --------------------------------------------------------------------------------

    def record_failure(self, conn: Connection, source: str, reason: str) -> None:
        stamp = now_iso()
        conn.execute("INSERT INTO failures (source, reason, first_seen, last_seen) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(source) DO UPDATE SET reason = excluded.reason, attempts = failures.attempts + 1, "
                     "last_seen = excluded.last_seen", (source, reason, stamp, stamp))

    def clear_failure(self, conn: Connection, source: str) -> None:
        self.clear_failures(conn, [source])

    def clear_failures(self, conn: Connection, sources: Sequence[str]) -> None:
        for chunk in in_chunks(sources):
            conn.execute(f"DELETE FROM failures WHERE source IN ({placeholders(len(chunk))})", chunk)

    def has_failure(self, source: str) -> bool:
        return self.connection.execute("SELECT 1 FROM failures WHERE source = ?", (source,)).fetchone() is not None

    def failures(self) -> list[Failure]:
        rows = self.connection.execute("SELECT source, reason, attempts, first_seen, last_seen FROM failures "
                                       "ORDER BY last_seen DESC, source")
        return [Failure(*row) for row in rows]

    def archive_chunks_done(self) -> set[str]:
        """The chunks of archives already ingested (see :mod:`ceasefire.ingestion.archive`)."""
        return {row[0] for row in self.connection.execute("SELECT chunk FROM archive_chunks")}

    def mark_chunk_done(self, conn: Connection, chunk: str, reports: int) -> None:
        conn.execute("INSERT INTO archive_chunks (chunk, reports, done_at) VALUES (?, ?, ?) ON CONFLICT (chunk) "
                     "DO UPDATE SET reports = excluded.reports, done_at = excluded.done_at",
                     (chunk, reports, now_iso()))

    # -- the resolved record ---------------------------------------------------------------------

    def resolution_stale(self) -> bool:
        """True when documents changed since the resolved record was last saved."""
        return self.full_resolution_due() or bool(self.stale_marks())

    def full_resolution_due(self) -> bool:
        """True when the store does not yet know the parts of its resolved record (made by an older version)."""
        return get_setting(self.connection, "resolution_full") == "1"

    def stale_marks(self) -> dict[str, int]:
        """The documents changed since the last resolution (``DIPLOMACY``: the agreements and talks), each with
        the revision that marked it."""
        return dict(self.connection.execute("SELECT doc_key, marked FROM stale_documents"))

    def parts_of(self, doc_keys: Iterable[str]) -> set[tuple[str, str]]:
        """The parts (block, component) of the resolved record these documents' events were resolved in."""
        return {tuple(row) for chunk in in_chunks(sorted(set(doc_keys))) for row in self.connection.execute(
            f"SELECT block, component FROM resolution_units WHERE doc_key IN ({placeholders(len(chunk))})", chunk)}

    def parts_linked_to(self, units: dict[tuple[str, str], Links]) -> set[tuple[str, str]]:
        """The parts whose events new units (block, document: links) may be compared with: those filing a key
        a unit looks up, or looking up one it files (see :mod:`ceasefire.resolution.components`)."""
        wanted = {(block, role, key) for (block, _), links in units.items()
                  for role, keys in (("F", links.looked_up), ("L", links.filed)) for key in keys}
        return {tuple(row) for chunk in in_chunks(sorted(wanted)) for row in self.connection.execute(
            f"{rows_table('block, role, key', len(chunk))}SELECT DISTINCT l.block, l.component FROM wanted "
            "JOIN resolution_links l ON l.block = wanted.block AND l.role = wanted.role AND l.key = wanted.key",
            [value for row in chunk for value in row])}

    def units_of(self, parts: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """The units (block, document) of these parts."""
        return {(row[0], row[1]) for chunk in in_chunks(sorted(set(parts))) for row in self.connection.execute(
            f"{rows_table('block, component', len(chunk))}SELECT u.block, u.doc_key FROM wanted "
            "JOIN resolution_units u ON u.block = wanted.block AND u.component = wanted.component",
            [value for part in chunk for value in part])}

    def kept_parts(self, parts: Iterable[tuple[str, str]]) -> dict[tuple[str, str], KeptPart]:
        """What these parts kept of their last resolution (see :mod:`ceasefire.resolution.kept`), where they did."""
        return {(row[0], row[1]): KeptPart(row[2], row[3], bytes(row[4]), json.loads(row[5]), stored=True)
                for chunk in in_chunks(sorted(set(parts))) for row in self.connection.execute(
                    f"{rows_table('block, component', len(chunk))}SELECT k.block, k.component, k.boundary, k.newest, "
                    "k.clusters, k.incidents FROM wanted "
                    "JOIN resolution_kept k ON k.block = wanted.block AND k.component = wanted.component",
                    [value for part in chunk for value in part])}

    def part_keys(self, parts: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Links]:
        """The link keys of these parts (see :mod:`ceasefire.resolution.components`)."""
        found: dict[tuple[str, str], Links] = {}
        for chunk in in_chunks(sorted(set(parts))):
            for block, component, role, key in self.connection.execute(
                    f"{rows_table('block, component', len(chunk))}SELECT l.block, l.component, l.role, l.key "
                    "FROM wanted JOIN resolution_links l ON l.block = wanted.block AND l.component = wanted.component",
                    [value for part in chunk for value in part]):
                links = found.setdefault((block, component), Links())
                (links.filed if role == "F" else links.looked_up).add(key)
        return found

    def units_since(self, boundaries: dict[tuple[str, str], str]) -> dict[tuple[str, str], tuple[str, str]]:
        """The units (block, document) of these parts whose report's resolution day is on or after the part's
        boundary, each with its part."""
        rows = sorted((block, component, boundary) for (block, component), boundary in boundaries.items())
        return {(row[0], row[1]): (row[0], row[2]) for chunk in in_chunks(rows) for row in self.connection.execute(
            f"{rows_table('block, component, boundary', len(chunk))}SELECT u.block, u.doc_key, u.component FROM wanted "
            "JOIN resolution_units u ON u.block = wanted.block AND u.component = wanted.component "
            "WHERE u.day >= wanted.boundary", [value for row in chunk for value in row])}

    def diplomacy_documents(self, since: str = "") -> list[str]:
        """The documents that mention an agreement or talks (published on ``since`` or later, or of no known
        date: a superset of those resolution sorts from that day on)."""
        where = "" if not since else (" AND doc_key IN (SELECT doc_key FROM documents WHERE published >= ? OR "
                                      "published IS NULL OR length(published) < 10 OR substr(published, 5, 1) <> '-')")
        return [row[0] for row in self.connection.execute(
            f"SELECT DISTINCT doc_key FROM items WHERE section IN ('agreements', 'talks'){where}",
            (since,) if since else ())]

    def diplomacy_pack(self, digest: str) -> bytes:
        """A packed form of an agreement or round that a checkpoint names (see :meth:`diplomacy_checkpoint`)."""
        row = self.connection.execute("SELECT data FROM diplomacy_packs WHERE digest = ?", (digest,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: a checkpoint of agreements and talks names a pack the store lacks "
                             f"({digest}); `ceasefire resolve --full` makes them again")
        return bytes(row[0])

    def diplomacy_checkpoint(self, until: str) -> tuple[str, bytes] | None:
        """The latest checkpoint of agreements and talks (week start, pickled state) on or before ``until``."""
        row = self.connection.execute("SELECT boundary, state FROM diplomacy_checkpoints WHERE boundary <= ? "
                                      "ORDER BY boundary DESC LIMIT 1", (until,)).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def resolution_epoch(self) -> str:
        """How many resolutions were saved: read before resolving, so that saving one another overtook is refused
        (see :class:`ResolutionOvertaken`)."""
        return get_setting(self.connection, "resolution_epoch") or "0"

    def save_resolution(self, resolution: Resolution, *, marks: dict[str, int] | None = None,
                        epoch: str | None = None) -> None:
        """Replace the resolved record in one transaction (readers see the old one or the new one).
        ``marks``: the :meth:`stale_marks` read before resolving, cleared unless marked again since (all
        when None); ``epoch``: the :meth:`resolution_epoch` read with them."""
        with self.write() as conn:
            _next_epoch(conn, epoch)
            resolved.save(conn, resolution)
            if resolution.diplomacy is not None:
                resolved.save_checkpoints(conn, resolution.diplomacy)
            set_setting(conn, "resolution_full", "0")
            _clear_marks(conn, marks)
            set_setting(conn, "resolved_at", now_iso())
        for statement in self.dialect.optimize:  # fresh statistics for the query planner
            self.connection.execute(statement)

    def save_parts(self, resolution: Resolution, parts: set[tuple[str, str]], marks: dict[str, int],
                   epoch: str | None = None) -> None:
        """Replace the incidents of ``parts`` (and the parts of the documents in ``marks``, read by
        :meth:`stale_marks` before resolving) with ``resolution``'s and, when it resolved agreements and talks
        again, those it changed, in one transaction. ``epoch``: the :meth:`resolution_epoch` read with the
        marks."""
        with self.write() as conn:
            _next_epoch(conn, epoch)
            if resolution.extended:
                resolved.save_extended(conn, resolution)
            else:
                resolved.save_parts(conn, parts, [key for key in marks if not key.startswith(DIPLOMACY)], resolution)
            if resolution.diplomacy is not None:
                resolved.update_diplomacy(conn, resolution.diplomacy)
                resolved.save_checkpoints(conn, resolution.diplomacy)
            _clear_marks(conn, marks)
            set_setting(conn, "resolved_at", now_iso())

    def incidents(self, **filters: Any) -> list[Incident]:
        """Incidents matching ``since``, ``until``, ``country``, ``event_type``, ``actor`` (see IncidentFilter)."""
        return queries.incidents(self.connection, IncidentFilter(**filters))

    def agreements(self) -> list[ResolvedAgreement]:
        return resolved.load_agreements(self.connection)

    def talks(self) -> list[TalksRound]:
        return resolved.load_talks(self.connection)

    def quotes(self, *, until: str | None = None, speaker: str | None = None) -> list[queries.StoredQuote]:
        return queries.quotes(self.connection, until=until, speaker=speaker)

    def incidents_frame(self, **filters: Any) -> Any:
        """The incidents as a pandas DataFrame, one row each (needs pandas)."""
        return queries.to_frame([queries.incident_row(i) for i in self.incidents(**filters)])

    def documents_frame(self) -> Any:
        """The documents as a pandas DataFrame (needs pandas)."""
        return queries.to_frame([vars(doc) for doc in self.documents()])


def store_exists(location: str) -> bool:
    """Whether there is a store at ``location`` (a PostgreSQL URL is taken to have one: connecting tells)."""
    return is_postgresql(location) or Path(location).exists()


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path`` -- an SQLite file, or a PostgreSQL URL
    (``postgresql://user@host/database``) -- or at ``$CEASEFIRE_DB``, or ./ceasefire.db."""
    path = str(path) if path is not None else default_path()
    if is_postgresql(path):
        return _open_postgresql(path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # check_same_thread=False: a web server may open a store in one worker thread and read it in another;
    # the connection is never used by two threads at once, and writes still serialise through write().
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        store = Store(connection, path)
        store.migrate()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: not a store Ceasefire Monitor can open ({err})") from err
    return store


def _open_postgresql(url: str) -> Store:
    import psycopg

    try:
        store = Store(PostgresConnection(url), url)
        store.migrate()
    except psycopg.Error as err:
        reason = " ".join(str(err).split())
        raise StoreError(f"{without_password(url)}: cannot open the PostgreSQL store ({reason})") from err
    return store


def _settings_exist(conn: Connection, dialect: Dialect) -> bool:
    """Whether the settings table exists yet (the first migration's transaction creates it)."""
    return conn.execute(dialect.table_exists, ("settings",)).fetchone() is not None


def get_setting(conn: Connection, name: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def set_setting(conn: Connection, name: str, value: str) -> None:
    conn.execute("INSERT INTO settings (name, value) VALUES (?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))


def _mark(conn: Connection, keys: set[str]) -> None:
    """Mark documents (or ``DIPLOMACY``) for the next resolution, with the store's revision as this transaction
    found it (read in the same statement)."""
    for chunk in in_chunks(sorted(keys)):
        conn.execute("INSERT INTO stale_documents (doc_key, marked) SELECT column1, coalesce((SELECT CAST(value AS "
                     "INTEGER) FROM settings WHERE name = 'revision'), 0) "
                     f"FROM (VALUES {row_placeholders(len(chunk), 1)}) AS marked WHERE true "
                     "ON CONFLICT(doc_key) DO UPDATE SET marked = excluded.marked", chunk)


def _mentions_diplomacy(record: DocumentRecord) -> bool:
    return bool(record.agreements or record.talks)


def _diplomacy_mark(published: str | None, record_published: str | None) -> str:
    """The mark of a changed report that mentions an agreement or talks: "*" and its resolution day, from which
    they are resolved again."""
    return DIPLOMACY + resolution_day(published, record_published)


def _stored_diplomacy_mark(conn: Connection, doc_key: str) -> set[str]:
    """The diplomacy mark of the stored document, if it mentions an agreement or talks."""
    if conn.execute("SELECT 1 FROM items WHERE doc_key = ? AND section IN ('agreements', 'talks') LIMIT 1",
                    (doc_key,)).fetchone() is None:
        return set()
    published, data = conn.execute("SELECT published, record_json FROM documents WHERE doc_key = ?",
                                   (doc_key,)).fetchone()
    return {_diplomacy_mark(published, json.loads(data)["document"].get("published"))}


class ResolutionOvertaken(Exception):  # noqa: N818 -- it names what happened, not an error of the caller
    """Another resolution was saved after this one read the store: saving this one would undo what the other
    resolved (reports it did not see); resolve again instead."""


def _next_epoch(conn: Connection, epoch: str | None) -> None:
    """Count a resolution saved, refusing one another overtook (``epoch``: what it read; None: any)."""
    now = get_setting(conn, "resolution_epoch") or "0"
    if epoch is not None and now != epoch:
        raise ResolutionOvertaken(f"read at resolution {epoch}, saved at {now}")
    set_setting(conn, "resolution_epoch", str(int(now) + 1))


def _clear_marks(conn: Connection, marks: dict[str, int] | None) -> None:
    """Clear the marks a resolution has dealt with; a block marked again since stays marked."""
    if marks is None:
        conn.execute("DELETE FROM stale_documents")
    else:
        conn.executemany("DELETE FROM stale_documents WHERE doc_key = ? AND marked = ?", list(marks.items()))


def _insert_items(conn: Connection, documents: list[tuple[str, dict[str, Any]]]) -> None:
    """The items of each (document key, record as data)."""
    rows = []
    for doc_key, data in documents:
        for section in SECTIONS:
            for position, item in enumerate(data[section]):
                span = item.get("span") or [0, 0]
                rows.append((doc_key, section, position, span[0], span[1], item.get("evidence") or "",
                             json.dumps(item, ensure_ascii=False)))
    conn.executemany("INSERT INTO items (doc_key, section, position, span_start, span_end, evidence, data) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
