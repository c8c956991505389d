"""Read-side SQL for browsing the store: one incident by id, filter choices, document pages,
the evidence spans of a document, and full-text search over document texts."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ceasefire.resolution.model import Incident
from ceasefire.storage.dialect import Connection, dialect_of
from ceasefire.storage.resolved import INCIDENT_COLUMNS, load_incidents

_DOCUMENT_COLUMNS = "doc_key, title, publisher, published, url, language"


def incident_by_id(conn: Connection, incident_id: str) -> Incident | None:
    rows = conn.execute(f"SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = ?", (incident_id,)).fetchall()
    found = load_incidents(conn, rows)
    return found[0] if found else None


def incident_alias(conn: Connection, incident_id: str) -> str | None:
    """The incident an earlier incident id now belongs to, if it was merged away."""
    row = conn.execute("SELECT incident_id FROM incident_aliases WHERE alias = ?", (incident_id,)).fetchone()
    return row[0] if row else None


def filter_choices(conn: Connection, max_actors: int = 200) -> dict[str, list[str]]:
    """Countries, event types and the most frequent actors present in the store."""
    countries = [r[0] for r in conn.execute(
        "SELECT DISTINCT country FROM incidents WHERE country IS NOT NULL ORDER BY country")]
    types = [r[0] for r in conn.execute("SELECT DISTINCT event_type FROM incidents ORDER BY event_type")]
    counts: Counter[str] = Counter()
    for column in ("actor1", "actor2"):  # each grouped from its own index
        counts.update(dict(conn.execute(f"SELECT {column}, count(*) FROM incidents WHERE {column} IS NOT NULL "
                                        f"GROUP BY {column}")))
    actors = sorted(name for name, _ in counts.most_common(max_actors))
    return {"countries": countries, "event_types": types, "actors": actors}


def document_rows(conn: Connection, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    rows = conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY published DESC, doc_key "
                        "LIMIT ? OFFSET ?", (limit, offset))
    return total, [_document(row) for row in rows]


def document_with_items(conn: Connection, doc_key: str) -> dict[str, Any] | None:
    """A document's metadata, text and every extracted item's evidence span."""
    row = conn.execute(f"SELECT {_DOCUMENT_COLUMNS}, text FROM documents WHERE doc_key = ?", (doc_key,)).fetchone()
    if row is None:
        return None
    spans = [{"section": section, "span": [start, end], "label": _label(section, json.loads(data))}
             for section, start, end, data in conn.execute(
                 "SELECT section, span_start, span_end, data FROM items WHERE doc_key = ? "
                 "ORDER BY span_start, section", (doc_key,))]
    return {"document": _document(row[:-1]), "text": row[-1], "spans": spans}


def search_texts(conn: Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """Documents matching ``query`` (words, all required; FTS5 syntax is not exposed), best first."""
    words = [w for w in (''.join(ch if ch.isalnum() else ' ' for ch in query)).split() if w]
    if not words:
        return []
    dialect = dialect_of(conn)
    columns = ", ".join("d." + c for c in _DOCUMENT_COLUMNS.split(", "))
    rows = conn.execute(dialect.search.format(columns=columns), (dialect.search_words(words), limit))
    return [{**_document(row[:-1]), "snippet": row[-1]} for row in rows]


def _document(row: tuple) -> dict[str, Any]:
    return dict(zip(["id", "title", "publisher", "published", "url", "language"], row, strict=True))


def _label(section: str, item: dict[str, Any]) -> str:
    if section == "events":
        return f"{item.get('sub_event_type') or item.get('event_type')}"
    if section == "casualties":
        return f"casualties according to {item.get('claimant') or 'the reporter'}"
    if section == "quotes":
        return f"quote: {item.get('speaker')}"
    return {"agreements": "agreement"}.get(section, section)
