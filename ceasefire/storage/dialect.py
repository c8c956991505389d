"""SQL that differs between SQLite and PostgreSQL, in one place.

The store's SQL is written once, in SQLite's dialect (``?`` placeholders, its column types). On
PostgreSQL, :class:`PostgresConnection` runs the same statements after :func:`postgresql_sql` rewrites
the little that differs: placeholders, ``REAL`` (double precision, as SQLite stores it), ``BLOB``,
an ``INTEGER PRIMARY KEY`` (an identity column), ``WITHOUT ROWID``, byte-wise text order (``COLLATE "C"``,
SQLite's BINARY) and the column named ``end`` (a reserved word there). ``COLLATE NOCASE`` names an ICU
collation of the same name made with the store. What cannot be rewritten word for word is a
:class:`Dialect` attribute (the write lock, planner hints, full-text search) or a PostgreSQL version of a
migration (:attr:`Dialect.migration`).

Writers on PostgreSQL serialise as on SQLite: each write transaction first takes one advisory lock,
so several ingests and the API's writes may run at once and none loses another's work.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

_WRITE_LOCK = 0x6365_6173_6566  # the advisory lock every PostgreSQL write transaction holds
# Values one statement takes at most, in an IN list or rows of VALUES: under both backends' limits on parameters.
ROWS_A_STATEMENT = 500
V = TypeVar("V")


# Migrations whose SQLite statements have no word-for-word PostgreSQL form: a statement's words rewritten, or the
# migration replaced. A PostgreSQL store is made by this version, so the data repairs of old SQLite stores
# have nothing to repair there.
_POSTGRESQL_REWRITES: dict[int, tuple[tuple[str, str], ...]] = {
    3: (("json_each(incidents.alleged_by) AS alleged",
         "jsonb_array_elements_text(incidents.alleged_by::jsonb) AS alleged(value)"),),
}
_POSTGRESQL_MIGRATIONS: dict[int, tuple[str, ...]] = {
    # full-text search: FTS5's default tokenizer folds case and splits at what is not a letter or digit;
    # PostgreSQL's 'simple' configuration does the same, without stemming either
    4: ("ALTER TABLE documents ADD COLUMN fts tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple', coalesce(text, '') || ' ' || coalesce(title, ''))) STORED",
        "CREATE INDEX documents_fts ON documents USING gin (fts)"),
    7: (),  # publication dates that are no real dates: never stored by this version
    9: (),  # the SQLite full-text index declared for Datasette
}


# made before the first migration: what COLLATE NOCASE names (case-insensitive, as SQLite's NOCASE)
_POSTGRESQL_PREAMBLE = ("CREATE COLLATION IF NOT EXISTS nocase "
                        "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)",)


def _postgresql_migration(version: int, statements: tuple[str, ...]) -> tuple[str, ...]:
    """The statements of a migration as PostgreSQL runs them (before :func:`postgresql_sql`)."""
    preamble = _POSTGRESQL_PREAMBLE if version == 1 else ()
    if version in _POSTGRESQL_MIGRATIONS:
        return (*preamble, *_POSTGRESQL_MIGRATIONS[version])
    for old, new in _POSTGRESQL_REWRITES.get(version, ()):
        statements = tuple(statement.replace(old, new) for statement in statements)
    return (*preamble, *statements)


def in_chunks(values: Sequence[V]) -> Iterator[Sequence[V]]:
    """``values`` in pieces a statement takes (see :data:`ROWS_A_STATEMENT`)."""
    for start in range(0, len(values), ROWS_A_STATEMENT):
        yield values[start:start + ROWS_A_STATEMENT]


def placeholders(count: int) -> str:
    """``?, ?, ?``: an IN list of ``count`` values."""
    return ", ".join("?" * count)


def row_placeholders(count: int, width: int) -> str:
    """``(?, ?), (?, ?)``: ``count`` rows of VALUES, ``width`` values each."""
    return ", ".join([f"({placeholders(width)})"] * count)


def rows_table(columns: str, count: int) -> str:
    """``WITH wanted(a, b) AS (VALUES (?, ?), ...) ``: ``count`` rows of ``columns`` ("a, b") to join a table on.
    Joined, the planner looks each row up through an index; a row-value ``(a, b) IN (VALUES ...)`` makes SQLite
    scan the whole table."""
    return f"WITH wanted({columns}) AS (VALUES {row_placeholders(count, columns.count(',') + 1)}) "


@dataclass(frozen=True)
class Dialect:
    name: str
    begin: tuple[str, ...]  # what starts a write transaction that excludes other writers
    table_exists: str  # one parameter, the table's name
    optimize: tuple[str, ...]  # after the resolved record is replaced: fresh statistics for the planner
    likely: str  # a filter the planner should take as true for most rows; {} is the condition
    unindexed: str  # a column the planner should not reach through its index; {} is the column
    search: str  # documents by words: {columns} of documents d, the snippet last; parameters words, limit
    search_word: str  # one word of :attr:`search`'s query, all of them required; {} is the word
    migration: Callable[[int, tuple[str, ...]], tuple[str, ...]]  # a migration's statements as this dialect runs them

    def search_words(self, words: list[str]) -> str:
        """The query parameter :attr:`search` takes for these words (all required)."""
        return " ".join(self.search_word.format(word) for word in words)


SQLITE = Dialect(
    name="sqlite",
    begin=("BEGIN IMMEDIATE",),
    table_exists="SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    optimize=("PRAGMA optimize",),
    likely="likelihood({}, 0.9)",
    unindexed="+{}",
    search=("SELECT {columns}, snippet(documents_fts, 0, '[', ']', ' … ', 12) FROM documents_fts "
            "JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"),
    search_word='"{}"',
    migration=lambda version, statements: statements,
)

POSTGRESQL = Dialect(
    name="postgresql",
    begin=("BEGIN", f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})"),
    table_exists="SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
    optimize=("ANALYZE incidents, incident_sources, incident_claims, incident_allegations",),
    likely="{}",
    unindexed="{}",
    search=("SELECT {columns}, ts_headline('simple', d.text, q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, "
            "ShortWord=0, FragmentDelimiter=\" … \", MaxFragments=1') FROM documents d, "
            "plainto_tsquery('simple', ?) AS q WHERE d.fts @@ q ORDER BY ts_rank(d.fts, q) DESC, d.id LIMIT ?"),
    search_word="{}",
    migration=_postgresql_migration,
)

_PLACEHOLDER = re.compile(r"'[^']*'|\"[^\"]*\"|\?|%|\bend\b")
_DDL = re.compile(r"^\s*(CREATE TABLE|ALTER TABLE)", re.I)
_INDEX = re.compile(r"^\s*(CREATE INDEX \w+ ON \w+\s*)\(([\w\s,]+)\)\s*$", re.I)
_DDL_TYPES = [(re.compile(p), r) for p, r in (
    (r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (r"\bREAL\b", "DOUBLE PRECISION"),
    (r"\bBLOB\b", "BYTEA"),
    (r"\)\s*WITHOUT ROWID\s*$", ")"),
    (r"\bTEXT\b(?!\s+(?:NOT NULL\s+)?COLLATE)", 'TEXT COLLATE "C"'),
)]


@lru_cache(maxsize=4096)
def postgresql_sql(sql: str) -> str:
    """A statement of the store's SQL as PostgreSQL takes it (see the module docstring)."""
    if _DDL.match(sql):
        for pattern, replacement in _DDL_TYPES:
            sql = pattern.sub(replacement, sql)
    elif index := _INDEX.match(sql):  # nulls first, as SQLite: the index then serves its ORDER BY either way
        columns = ", ".join(f"{column.strip()} NULLS FIRST" for column in index.group(2).split(","))
        sql = f"{index.group(1)}({columns})"

    sql = _nulls_as_sqlite(sql)

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] in "'\"":  # a literal or quoted name: only its % doubled (psycopg reads every %)
            return token.replace("%", "%%")
        return {"?": "%s", "%": "%%", "end": '"end"'}[token]

    return _PLACEHOLDER.sub(swap, sql)


_PLAIN_INSERT = re.compile(r"^\s*INSERT INTO (\w+)\s*(\([\w\s,]+\))?\s*VALUES\s*\((?:\s*\?\s*,)*\s*\?\s*\)\s*$",
                           re.I)
_ORDER_BY = re.compile(r"\bORDER BY\s+", re.I)
_ORDER_END = re.compile(r"\s*\b(?:LIMIT|OFFSET)\b", re.I)


def _nulls_as_sqlite(sql: str) -> str:
    """Every ORDER BY term with the nulls where SQLite puts them: first going up, last going down
    (PostgreSQL takes null for the largest value)."""
    out, position = [], 0
    for match in _ORDER_BY.finditer(sql):
        if match.start() < position:
            continue
        out.append(sql[position:match.end()])
        depth, start, terms, i = 0, match.end(), [], match.end()
        while i < len(sql):
            char = sql[i]
            if char in "'\"":
                i = sql.index(char, i + 1)
            elif char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                terms.append(sql[start:i])
                start = i + 1
            elif depth == 0 and _ORDER_END.match(sql, i) and sql[i - 1].isspace():
                break
            i += 1
        end = i
        while end > start and sql[end - 1].isspace():
            end -= 1
        terms.append(sql[start:end])
        out.append(",".join(_with_nulls(term) for term in terms))
        position = end
    return "".join(out) + sql[position:]


def _with_nulls(term: str) -> str:
    if "NULLS" in term.upper():
        return term
    return term + (" NULLS LAST" if term.rstrip().upper().endswith("DESC") else " NULLS FIRST")


class PostgresConnection:
    """A PostgreSQL connection that takes the store's SQL as :class:`sqlite3.Connection` does: ``execute`` and
    ``executemany`` return a cursor to iterate or fetch from; transactions are begun and ended by statements."""

    def __init__(self, url: str) -> None:
        import psycopg

        # client-side binding: values are sent as literals typed by the statement, as SQLite types them
        self.raw = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cursor = self.raw.cursor()
        cursor.execute(postgresql_sql(sql), tuple(params))
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        """Many rows of one statement; a plain INSERT goes as one COPY (the way to load rows in bulk)."""
        cursor = self.raw.cursor()
        rows = [tuple(row) for row in rows]
        if not rows:
            return cursor
        if plain := _PLAIN_INSERT.match(sql):
            with cursor.copy(f"COPY {plain.group(1)} {plain.group(2) or ''} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(postgresql_sql(sql), rows)
        return cursor

    def close(self) -> None:
        self.raw.close()


Connection = sqlite3.Connection | PostgresConnection


def dialect_of(conn: Connection) -> Dialect:
    return POSTGRESQL if isinstance(conn, PostgresConnection) else SQLITE


def is_postgresql(location: str) -> bool:
    """Whether a store's location is a PostgreSQL URL rather than an SQLite file."""
    return re.match(r"postgres(?:ql)?://", location, re.I) is not None


def without_password(url: str) -> str:
    """A PostgreSQL URL fit to print: its password hidden."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)
