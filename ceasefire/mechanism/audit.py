"""The tamper-evident audit log: every write of the mechanism appends an entry naming who did what to which
row, with a hash of the row as written, chained to the previous entry's hash. :func:`verify` walks the
chain and compares every row with its last entry, so an entry edited or deleted in the file, or a row
edited or deleted behind the mechanism's back, is found and named."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ceasefire.storage.dialect import Connection
from ceasefire.storage.store import now_iso

GENESIS = "0" * 64
# entity -> (table, key columns): the rows the log vouches for
ENTITIES = {
    "account": ("mechanism_accounts", ("name",)),
    "allegation": ("allegations", ("id",)),
    "transition": ("allegation_transitions", ("allegation_id", "position")),
    "link": ("allegation_links", ("allegation_id", "incident_id")),
    "file": ("allegation_files", ("allegation_id", "sha256")),
    "hotline": ("hotline_log", ("id",)),
    "patrol": ("patrols", ("id",)),
    "terms": ("mechanism_terms", ("agreement_id",)),
}


def record(conn: Connection, account: str, action: str, entity: str, entity_id: str) -> None:
    """Append an entry for the row ``entity_id`` (its key columns joined by "|") as it now stands, inside the
    caller's write transaction."""
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = now_iso()
    row_hash = _row_hash(conn, entity, entity_id)
    conn.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (seq, at, account, action, entity, entity_id, row_hash, previous,
                  _entry_hash(seq, at, account, action, entity, entity_id, row_hash, previous)))


def verify(conn: Connection) -> list[str]:
    """Every problem found, each naming the entry or row: [] when the log and the rows agree."""
    problems = []
    previous, expected_seq = GENESIS, 1
    latest: dict[tuple[str, str], str | None] = {}
    for seq, at, account, action, entity, entity_id, row_hash, prev_hash, entry_hash in conn.execute(
            "SELECT * FROM audit_log ORDER BY seq"):
        if seq != expected_seq:
            problems.append(f"audit entries {expected_seq} to {seq - 1} are missing")
        if prev_hash != previous:
            problems.append(f"audit entry {seq} does not follow the entry before it (one was deleted or edited)")
        if _entry_hash(seq, at, account, action, entity, entity_id, row_hash, prev_hash) != entry_hash:
            problems.append(f"audit entry {seq} ({action} {entity} {entity_id}) was edited")
        previous, expected_seq = entry_hash, seq + 1
        latest[(entity, entity_id)] = row_hash
    for (entity, entity_id), row_hash in latest.items():
        if _row_hash(conn, entity, entity_id) != row_hash:
            state = "deleted" if _row(conn, entity, entity_id) is None else "edited"
            problems.append(f"{ENTITIES[entity][0]} row {entity_id} was {state} outside the mechanism")
    for entity, (table, keys) in ENTITIES.items():
        for row in conn.execute(f"SELECT {', '.join(keys)} FROM {table}"):
            if (entity, "|".join(str(v) for v in row)) not in latest:
                problems.append(f"{table} row {'|'.join(str(v) for v in row)} has no audit entry (added outside "
                                "the mechanism, or its entry deleted)")
    return problems


def _row(conn: Connection, entity: str, entity_id: str) -> dict[str, Any] | None:
    table, keys = ENTITIES[entity]
    values = entity_id.split("|")
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)}", values)
    found = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], found, strict=True)) if found else None


def _row_hash(conn: Connection, entity: str, entity_id: str) -> str | None:
    row = _row(conn, entity, entity_id)
    if row is None:
        return None
    row = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items()}
    return hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _entry_hash(*fields: Any) -> str:
    return hashlib.sha256("\x1f".join("" if f is None else str(f) for f in fields).encode("utf-8")).hexdigest()
