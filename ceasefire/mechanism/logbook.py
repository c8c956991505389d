"""The hotline log and joint patrol reports.

A hotline entry records a call or message between the sides (or to the monitors): when, from whom, to
whom, by which channel, about what, the allegation or incident it concerns, the response and when it
came (the response time is what mechanisms report). A patrol report records a joint patrol: its day,
the participants from each side, its route or area (GeoJSON), what it observed and found, and the
allegations it concerns.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

from ceasefire.mechanism import audit
from ceasefire.mechanism.access import Account, require
from ceasefire.mechanism.allegations import visible_row
from ceasefire.mechanism.terms import geometry
from ceasefire.mechanism.vocabulary import CHANNELS, AccessDenied, MechanismInputError, NotFound, checked_text
from ceasefire.storage.store import Store


def log_call(store: Store, account: Account, *, at: str, from_party: str, to_party: str, channel: str,
             subject: str, allegation_id: str | None = None, incident_id: str | None = None) -> str:
    """Record a hotline call or message; its id. A liaison logs calls its own side made or received."""
    require(account, "hotline")
    when = _moment("at", at)
    from_party, to_party = _required("from_party", from_party), _required("to_party", to_party)
    if account.role == "liaison" and account.party not in (from_party, to_party):
        raise AccessDenied(f"{account.name} logs the calls of its own side ({account.party}) only")
    if channel not in CHANNELS:
        raise MechanismInputError("channel", f"{channel!r} is not one of {', '.join(CHANNELS)}")
    if allegation_id:
        visible_row(store, account, allegation_id)
    entry_id = f"hot-{secrets.token_hex(6)}"
    with store.write() as conn:
        conn.execute("INSERT INTO hotline_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)",
                     (entry_id, when, from_party, to_party, channel, _required("subject", subject), allegation_id,
                      incident_id or None, account.name))
        audit.record(conn, account.name, "log call", "hotline", entry_id)
    return entry_id


def respond(store: Store, account: Account, entry_id: str, *, response: str, at: str) -> None:
    """Record the answer to a hotline call, and when it came."""
    require(account, "hotline")
    entry = _hotline_entry(store, account, entry_id)
    when = _moment("at", at)
    if when < entry["at"]:
        raise MechanismInputError("at", f"the response ({when}) comes before the call ({entry['at']})")
    with store.write() as conn:
        conn.execute("UPDATE hotline_log SET response = ?, responded_at = ? WHERE id = ?",
                     (_required("response", response), when, entry_id))
        audit.record(conn, account.name, "respond", "hotline", entry_id)


def calls(store: Store, account: Account) -> list[dict[str, Any]]:
    """The hotline log as the account may see it (a liaison: its side's calls), newest first, each with the
    response time in minutes."""
    return _calls(store, account, "ORDER BY at DESC", ())


def _calls(store: Store, account: Account, clause: str, params: tuple) -> list[dict[str, Any]]:
    require(account, "see_hotline")
    cursor = store.connection.execute(f"SELECT * FROM hotline_log {clause}", params)
    columns = [c[0] for c in cursor.description]
    rows = [dict(zip(columns, r, strict=True)) for r in cursor]
    if account.role == "liaison":
        rows = [r for r in rows if account.party in (r["from_party"], r["to_party"])]
    for row in rows:
        row["response_minutes"] = (round((dt.datetime.fromisoformat(row["responded_at"])
                                          - dt.datetime.fromisoformat(row["at"])).total_seconds() / 60)
                                   if row["responded_at"] else None)
    return rows


def log_patrol(store: Store, account: Account, *, date: str, participants: dict[str, list[str]],
               observations: str, route: dict[str, Any] | None = None, findings: str | None = None,
               allegations: list[str] | None = None) -> str:
    """Record a joint patrol; its id. ``participants`` maps each side to the people it sent."""
    require(account, "patrol")
    day = _moment("date", date)[:10]
    if not isinstance(participants, dict) or len(participants) < 1 or not all(
            isinstance(k, str) and k.strip() and isinstance(v, list) and all(isinstance(p, str) for p in v)
            for k, v in participants.items()):
        raise MechanismInputError("participants", "give each side's name and the list of people it sent")
    for allegation_id in allegations or []:
        visible_row(store, account, allegation_id)
    patrol_id = f"pat-{secrets.token_hex(6)}"
    with store.write() as conn:
        conn.execute("INSERT INTO patrols VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (patrol_id, day, json.dumps(participants, ensure_ascii=False),
                      json.dumps(geometry("route", route)) if route is not None else None,
                      _required("observations", observations), checked_text("findings", findings),
                      json.dumps(allegations or []), account.name))
        audit.record(conn, account.name, "log patrol", "patrol", patrol_id)
    return patrol_id


def patrols(store: Store, account: Account) -> list[dict[str, Any]]:
    require(account, "see_patrols")
    cursor = store.connection.execute("SELECT * FROM patrols ORDER BY date DESC")
    columns = [c[0] for c in cursor.description]
    rows = [dict(zip(columns, r, strict=True)) for r in cursor]
    for row in rows:
        row["participants"] = json.loads(row["participants"])
        row["route"] = json.loads(row["route"]) if row["route"] else None
        row["allegations"] = json.loads(row["allegations"])
    return rows


def _hotline_entry(store: Store, account: Account, entry_id: str) -> dict[str, Any]:
    found = _calls(store, account, "WHERE id = ?", (entry_id,))
    if not found:
        raise NotFound(f"no hotline entry {entry_id!r}")
    return found[0]


def _required(field: str, value: str | None) -> str:
    return checked_text(field, value, required=True)


def _moment(field: str, value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value or "")
    except ValueError:
        raise MechanismInputError(field, f"{value!r} is not a moment YYYY-MM-DDTHH:MM (or a day)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if moment > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5):
        raise MechanismInputError(field, f"{value} is in the future")
    return moment.astimezone(dt.UTC).isoformat(timespec="minutes")
