"""Saving and loading the resolved record (the model of ``ceasefire.resolution.model``) in SQLite.

Plain functions over a connection; the caller holds the transaction. Lists of names are JSON text;
evidence is spread over columns so the sources of one incident are one indexed lookup away.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from ceasefire.records import Place
from ceasefire.resolution.diplomacy import DiplomacyUpdate, round_order
from ceasefire.resolution.model import (
    CasualtyClaim,
    Evidence,
    Incident,
    Resolution,
    ResolvedAgreement,
    StatusObservation,
    TalksRound,
)
from ceasefire.storage.dialect import Connection, in_chunks, placeholders, rows_table

_TABLES = ("incident_sources", "incident_claims", "incident_allegations", "incidents", "agreement_status", "agreements",
           "talks_rounds", "resolved_sources", "resolution_units", "resolution_links", "resolution_kept",
           "diplomacy_checkpoints", "diplomacy_packs")
T = TypeVar("T", Incident, ResolvedAgreement, TalksRound)
INCIDENT_COLUMNS = ("id, event_type, sub_event_type, date, location, admin1, country, latitude, longitude, "
                    "geo_precision, actor1, actor2, alleged_by, fatalities_low, fatalities_best, fatalities_high, "
                    "disputed, merge_reasons")


def date_range(date: str | None) -> tuple[str | None, str | None]:
    """First and last day a date string of any precision covers: ``"2025-10"`` -> 2025-10-01..2025-10-31."""
    if not date:
        return None, None
    parts = date.split("-")
    try:
        if len(parts) == 1:
            return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
        if len(parts) == 2:
            last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
            return f"{date}-01", f"{date}-{last:02d}"
    except ValueError:
        return None, None
    return date[:10], date[:10]


def save(conn: Connection, resolution: Resolution) -> None:
    """Replace the whole resolved record with ``resolution``; the ids of incidents that are gone are
    kept as aliases of the incidents that now hold their sources (see :func:`_keep_aliases`)."""
    before = _first_sources(conn, None)
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table}")
    incidents = unique_ids(resolution.incidents)
    _save_incidents(conn, incidents, resolution.parts)
    _save_parts(conn, resolution)
    _keep_aliases(conn, before, incidents, everything=True)
    _save_diplomacy(conn, resolution)


def save_parts(conn: Connection, parts: set[tuple[str, str]], documents: list[str], resolution: Resolution) -> None:
    """Replace the incidents of ``parts`` (block, component) with ``resolution``'s, which holds those parts'
    incidents only, resolved again with the changed ``documents``."""
    rows = list(parts)
    replaced = [row[0] for chunk in in_chunks(rows) for row in conn.execute(
        f"{rows_table('block, component', len(chunk))}SELECT i.id FROM wanted "
        "JOIN incidents i ON i.block = wanted.block AND i.component = wanted.component",
        [value for part in chunk for value in part])]
    before = _first_sources(conn, replaced)
    _delete_incidents(conn, replaced)
    for table in ("resolution_units", "resolution_links", "resolution_kept"):  # a part at a time, through its index
        conn.executemany(f"DELETE FROM {table} WHERE block = ? AND component = ?", rows)
    for chunk in in_chunks(documents):  # the changed documents' old units (their parts are among ``parts``)
        conn.execute(f"DELETE FROM resolution_units WHERE doc_key IN ({placeholders(len(chunk))})", chunk)
    _save_incidents(conn, resolution.incidents, resolution.parts)
    _save_parts(conn, resolution)
    _keep_aliases(conn, before, resolution.incidents, everything=False)


def save_extended(conn: Connection, resolution: Resolution) -> None:
    """Save what going on from kept parts gave (``resolution.extended``): the parts renamed or joined into
    another, the incidents that changed in place of those they replace, the new units and link keys, and
    what each part now keeps."""
    for (block, old), (_, new) in resolution.renamed.items():
        for table in ("incidents", "resolution_units"):
            conn.execute(f"UPDATE {table} SET component = ? WHERE block = ? AND component = ?", (new, block, old))
        conn.execute("DELETE FROM resolution_links WHERE block = ? AND component = ?", (block, old))
    before = _first_sources(conn, resolution.replaced)
    listed = {incident.id for incident in resolution.incidents}
    _delete_incidents(conn, [incident_id for incident_id in resolution.replaced if incident_id not in listed])
    stored = {part: state for part, state in resolution.kept.items() if state.stored}  # their clusters as saved
    conn.executemany("UPDATE resolution_kept SET newest = ?, incidents = ? WHERE block = ? AND component = ?",
                     [(state.newest, json.dumps(state.incidents), *part) for part, state in stored.items()])
    conn.executemany("DELETE FROM resolution_kept WHERE block = ? AND component = ?",
                     [*resolution.renamed, *(part for part in resolution.kept if part not in stored)])
    _write_incidents(conn, resolution.incidents, resolution.parts)
    _save_parts(conn, resolution, ignore_known_links=True)
    _keep_aliases(conn, before, resolution.incidents, everything=False)


def _delete_incidents(conn: Connection, ids: list[str]) -> None:
    for chunk in in_chunks(ids):
        for table in ("incident_sources", "incident_claims", "incident_allegations"):
            conn.execute(f"DELETE FROM {table} WHERE incident_id IN ({placeholders(len(chunk))})", chunk)
        conn.execute(f"DELETE FROM incidents WHERE id IN ({placeholders(len(chunk))})", chunk)


def _save_parts(conn: Connection, resolution: Resolution, *, ignore_known_links: bool = False) -> None:
    """Which part each unit (block, document) is in, and its report's resolution day; each part's link keys
    (``ignore_known_links``: some may be saved already); what each part keeps."""
    conn.executemany("INSERT INTO resolution_units VALUES (?, ?, ?, ?)",
                     [(block, doc, component, resolution.days[doc])
                      for (block, doc), component in resolution.units.items()])
    known = " ON CONFLICT DO NOTHING" if ignore_known_links else ""
    conn.executemany(f"INSERT INTO resolution_links VALUES (?, ?, ?, ?){known}",
                     [(block, role, key, component) for (block, component), links in resolution.part_links.items()
                      for role, keys in (("F", links.filed), ("L", links.looked_up)) for key in keys])
    conn.executemany("INSERT INTO resolution_kept VALUES (?, ?, ?, ?, ?, ?)",
                     [(block, component, state.boundary, state.newest, state.clusters, json.dumps(state.incidents))
                      for (block, component), state in resolution.kept.items() if not state.stored])


def _save_diplomacy(conn: Connection, resolution: Resolution) -> None:
    """Every agreement and talks round (into emptied tables), each at its position in the order they were made."""
    if resolution.diplomacy is not None:  # its state knows each one's serial: all are new to the tables
        update_diplomacy(conn, resolution.diplomacy)
    else:  # resolved elsewhere: listed as given
        _insert_diplomacy(conn, {n: (agreement, None) for n, agreement in enumerate(unique_ids(resolution.agreements))},
                          {n: (talks, None) for n, talks in enumerate(resolution.talks)})


def update_diplomacy(conn: Connection, update: DiplomacyUpdate) -> None:
    """Rewrite the agreements and talks rounds resolving them again from ``update.since`` changed: those it made,
    joined or merged away, those saved with a source of that day or later (what the reports since gave before),
    and those whose id changed. One that the reports since only joined, saved under the same id with no group
    merged into it since ``update.since``, keeps the rows of its earlier reports and gets those of the later ones."""
    for owner, table, book in (("agreement", "agreements", update.state.agreements),
                               ("talks", "talks_rounds", update.state.talks)):
        saved = {position: (id_, merged) for position, id_, merged in conn.execute(
            f"SELECT position, id, merged_at FROM {table}")}
        late = {row[0] for row in conn.execute(
            "SELECT DISTINCT owner_id FROM resolved_sources WHERE owner = ? AND (published >= ? OR published IS NULL)",
            (owner, update.since))}
        ids = book.ids()
        dirty = book.touched | {serial for serial, (id_, _) in saved.items() if id_ in late or ids.get(serial) != id_}
        joined = {serial for serial in dirty if serial in saved and ids.get(serial) == saved[serial][0]
                  and (saved[serial][1] or "") < update.since and book.joined_only(serial)}
        gone = [saved[serial][0] for serial in sorted(dirty - joined) if serial in saved]
        for chunk in in_chunks(gone):
            marks = placeholders(len(chunk))
            conn.execute(f"DELETE FROM resolved_sources WHERE owner = ? AND owner_id IN ({marks})", [owner, *chunk])
            if owner == "agreement":
                conn.execute(f"DELETE FROM agreement_status WHERE agreement_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)
        made = {serial: (item, book.groups[serial].merged or None)
                for serial, item in book.resolved(dirty - joined).items()}
        _insert_diplomacy(conn, made if owner == "agreement" else {}, made if owner == "talks" else {})
        for serial in sorted(joined):
            _add_to_diplomacy(conn, owner, *book.joined_since(serial, ids[serial]))


def save_checkpoints(conn: Connection, update: DiplomacyUpdate) -> None:
    """Replace the checkpoints of the weeks after ``update.since`` with those it made, and drop those of the weeks
    before the last few; store the packs they name that are new. When a week's checkpoint is dropped, the packs no
    checkpoint names any more go too (those a replaced checkpoint alone named wait until then: a week's changes at
    most)."""
    dropped = conn.execute("SELECT count(*) FROM diplomacy_checkpoints WHERE boundary < ?",
                           (update.keep_from,)).fetchone()[0]
    conn.execute("DELETE FROM diplomacy_checkpoints WHERE boundary > ? OR boundary < ?",
                 (update.since, update.keep_from))
    conn.executemany("INSERT INTO diplomacy_checkpoints (boundary, state, packs) VALUES (?, ?, ?)",
                     [(week, checkpoint.state, " ".join(sorted(checkpoint.packs)))
                      for week, checkpoint in sorted(update.checkpoints.items())])
    new = {digest: data for checkpoint in update.checkpoints.values()
           for digest, data in checkpoint.packs.items() if data is not None}
    conn.executemany("INSERT INTO diplomacy_packs (digest, data) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     sorted(new.items()))
    if dropped:
        named = {digest for (packs,) in conn.execute("SELECT packs FROM diplomacy_checkpoints")
                 for digest in packs.split()}
        unnamed = [digest for (digest,) in conn.execute("SELECT digest FROM diplomacy_packs") if digest not in named]
        for chunk in in_chunks(unnamed):
            conn.execute(f"DELETE FROM diplomacy_packs WHERE digest IN ({placeholders(len(chunk))})", chunk)


def _insert_diplomacy(conn: Connection, agreements: dict[int, tuple[ResolvedAgreement, str | None]],
                      rounds: dict[int, tuple[TalksRound, str | None]]) -> None:
    """Agreements and rounds (by position: their serial) with the week a group was last merged into each."""
    for position, (agreement, merged) in agreements.items():
        conn.execute(f"INSERT INTO agreements VALUES ({placeholders(13)})",
                     (agreement.id, position, *_agreement_fields(agreement), merged))
        _save_history(conn, agreement, 0)
        _save_sources(conn, "agreement", agreement.id, agreement.sources)
    for position, (talks, merged) in rounds.items():
        conn.execute(f"INSERT INTO talks_rounds VALUES ({placeholders(9)})",
                     (talks.id, position, *_round_fields(talks), merged))
        _save_sources(conn, "talks", talks.id, talks.sources)


def _add_to_diplomacy(conn: Connection, owner: str, item: ResolvedAgreement | TalksRound, sources_from: int,
                      history_from: int) -> None:
    """An agreement or round's fields, and its sources (and history) from the given positions on: ``item`` holds
    those of the reports since the last checkpoint, which only joined it."""
    if owner == "agreement":
        conn.execute("UPDATE agreements SET kind = ?, name = ?, parties = ?, mediators = ?, venue = ?, signed = ?, "
                     "effective = ?, status = ?, effective_time = ?, expires = ? WHERE id = ?",
                     (*_agreement_fields(item), item.id))
        conn.execute("DELETE FROM agreement_status WHERE agreement_id = ? AND position >= ?", (item.id, history_from))
        _save_history(conn, item, history_from)
    else:
        conn.execute("UPDATE talks_rounds SET venue = ?, start = ?, end = ?, parties = ?, mediators = ?, outcome = ? "
                     "WHERE id = ?", (*_round_fields(item), item.id))
    conn.execute("DELETE FROM resolved_sources WHERE owner = ? AND owner_id = ? AND position >= ?",
                 (owner, item.id, sources_from))
    _save_sources(conn, owner, item.id, item.sources, sources_from)


def _agreement_fields(agreement: ResolvedAgreement) -> tuple:
    return (agreement.kind, agreement.name, json.dumps(agreement.parties), json.dumps(agreement.mediators),
            agreement.venue, agreement.signed, agreement.effective, agreement.status, agreement.effective_time,
            agreement.expires)


def _round_fields(talks: TalksRound) -> tuple:
    return (talks.venue, talks.start, talks.end, json.dumps(talks.parties), json.dumps(talks.mediators),
            talks.outcome)


def _save_history(conn: Connection, agreement: ResolvedAgreement, start: int) -> None:
    conn.executemany("INSERT INTO agreement_status VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(agreement.id, n, seen.status, seen.as_of, *_evidence_row(seen.evidence), seen.expires,
                       seen.extended) for n, seen in enumerate(agreement.history, start)])


def _first_sources(conn: Connection, ids: list[str] | None) -> dict[str, tuple]:
    """These incidents' first sources (document and span); every incident's with None."""
    query = "SELECT incident_id, doc_key, span_start, span_end FROM incident_sources WHERE position = 0"
    rows = conn.execute(query) if ids is None else (
        row for chunk in in_chunks(ids)
        for row in conn.execute(f"{query} AND incident_id IN ({placeholders(len(chunk))})", chunk))
    return {incident_id: (doc_key, start, end) for incident_id, doc_key, start, end in rows}


def _keep_aliases(conn: Connection, before: dict[str, tuple], incidents: Sequence[Incident],
                  *, everything: bool) -> None:
    """An incident id that is gone (its incident merged into another, or its first source now a later
    one) becomes an alias of the incident that holds its first source, and follows that source
    through later resolutions; an id that names an incident again is no alias. ``before``: the first sources
    of the incidents ``incidents`` replace (``everything``: all of them)."""
    live = {incident.id for incident in incidents}
    holder = {(ev.doc_id, *ev.span): incident.id for incident in incidents for ev in incident.sources}
    query = "SELECT alias, doc_key, span_start, span_end FROM incident_aliases"
    if everything:
        rows = list(conn.execute(query))
    else:  # the aliases of the incidents replaced, and any alias that names an incident again
        rows = [row for column, ids in (("incident_id", list(before)), ("alias", list(live)))
                for chunk in in_chunks(ids)
                for row in conn.execute(f"{query} WHERE {column} IN ({placeholders(len(chunk))})", chunk)]
    aliases = {alias: tuple(source) for alias, *source in rows}
    aliases.update({old: source for old, source in before.items() if old not in live})
    for chunk in in_chunks(list(aliases)):
        conn.execute(f"DELETE FROM incident_aliases WHERE alias IN ({placeholders(len(chunk))})", chunk)
    conn.executemany("INSERT INTO incident_aliases VALUES (?, ?, ?, ?, ?)",
                     [(alias, holder[source], *source) for alias, source in aliases.items()
                      if alias not in live and source in holder])


def unique_ids(items: Sequence[T]) -> list[T]:
    """The items with any repeated id made unique by a suffix (``-2``, ``-3``), so one id names one row."""
    seen: dict[str, int] = {}
    unique = []
    for item in items:
        count = seen.get(item.id, 0) + 1
        seen[item.id] = count
        unique.append(item if count == 1 else dataclasses.replace(item, id=f"{item.id}-{count}"))
    return unique


def _save_incidents(conn: Connection, incidents: Sequence[Incident], parts: dict[str, tuple[str, str]]) -> None:
    rows = _incident_rows(incidents, parts)
    for table, count in _INCIDENT_TABLES.items():
        conn.executemany(f"INSERT INTO {table} VALUES ({placeholders(count)})", [r for i in rows.values()
                                                                             for r in i[table]])


_INCIDENT_TABLES = {"incidents": 23, "incident_sources": 8, "incident_claims": 14, "incident_allegations": 2}


def _incident_rows(incidents: Sequence[Incident], parts: dict[str, tuple[str, str]]) -> dict[str, dict[str, list]]:
    """Each incident's rows, table by table (see :data:`_INCIDENT_TABLES`)."""
    found = {}
    for incident in incidents:
        place = incident.location or Place(name="")
        start, end = date_range(incident.date)
        found[incident.id] = {
            "incidents": [(incident.id, incident.event_type, incident.sub_event_type, incident.date, start, end,
                           place.name or None, place.admin1, place.country, place.lat, place.lon,
                           place.precision if incident.location else None, incident.actor1, incident.actor2,
                           json.dumps(incident.alleged_by), incident.fatalities_low, incident.fatalities_best,
                           incident.fatalities_high, int(incident.disputed), json.dumps(incident.merge_reasons),
                           len(incident.sources), *parts.get(incident.id, (None, None)))],
            "incident_sources": [(incident.id, n, *_evidence_row(ev)) for n, ev in enumerate(incident.sources)],
            "incident_claims": [(incident.id, n, c.claimant, c.killed, c.injured, int(c.approximate), c.victims,
                                 c.side, *_evidence_row(c.evidence)) for n, c in enumerate(incident.claims)],
            "incident_allegations": [(incident.id, party) for party in dict.fromkeys(incident.alleged_by)]}
    return found


def _write_incidents(conn: Connection, incidents: Sequence[Incident], parts: dict[str, tuple[str, str]]) -> None:
    """Save incidents some of which are saved already under their ids: a saved incident's row changes in the
    columns that differ, and its sources, claims and allegations from the first row that differs (an incident
    told once more gets one more source row, not all of them again; fewer pages of the tables and their
    indexes are written)."""
    rows = _incident_rows(incidents, parts)
    saved: dict[str, dict[str, list]] = {}
    columns: list[str] = []
    for table in _INCIDENT_TABLES:
        key = "id" if table == "incidents" else "incident_id"
        order = "" if table in ("incidents", "incident_allegations") else " ORDER BY incident_id, position"
        for chunk in in_chunks(list(rows)):
            cursor = conn.execute(f"SELECT * FROM {table} WHERE {key} IN ({placeholders(len(chunk))}){order}", chunk)
            if table == "incidents":
                columns = [column[0] for column in cursor.description]
            for row in cursor:
                saved.setdefault(row[0], {}).setdefault(table, []).append(tuple(row))
    _save_incidents(conn, [incident for incident in incidents if incident.id not in saved], parts)
    changed: dict[tuple[int, ...], list[tuple]] = defaultdict(list)
    deletes: dict[str, list[tuple]] = defaultdict(list)  # (incident, first position gone) by table
    inserts: dict[str, list[tuple]] = defaultdict(list)
    for incident_id, before in saved.items():
        [old], [new] = before["incidents"], rows[incident_id]["incidents"]
        differing = tuple(n for n in range(1, len(new)) if new[n] != old[n])
        if differing:
            changed[differing].append((*(new[n] for n in differing), incident_id))
        for table in ("incident_sources", "incident_claims"):
            old_rows, new_rows = before.get(table, []), rows[incident_id][table]
            same = next((n for n, (a, b) in enumerate(zip(old_rows, new_rows, strict=False)) if a != b),
                        min(len(old_rows), len(new_rows)))
            if same < len(old_rows):
                deletes[table].append((incident_id, same))
            inserts[table] += new_rows[same:]
        if before.get("incident_allegations", []) != rows[incident_id]["incident_allegations"]:  # no positions
            deletes["incident_allegations"].append((incident_id,))
            inserts["incident_allegations"] += rows[incident_id]["incident_allegations"]
    for table, gone in deletes.items():
        where = "incident_id = ?" if table == "incident_allegations" else "incident_id = ? AND position >= ?"
        conn.executemany(f"DELETE FROM {table} WHERE {where}", gone)
    for table, values in inserts.items():
        conn.executemany(f"INSERT INTO {table} VALUES ({placeholders(_INCIDENT_TABLES[table])})", values)
    for differing, values in changed.items():
        assignments = ", ".join(f"{columns[n]} = ?" for n in differing)
        conn.executemany(f"UPDATE incidents SET {assignments} WHERE id = ?", values)


def _save_sources(conn: Connection, owner: str, owner_id: str, sources: Iterable[Evidence], start: int = 0) -> None:
    conn.executemany("INSERT INTO resolved_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(owner, owner_id, n, *_evidence_row(ev)) for n, ev in enumerate(sources, start)])


def _evidence_row(evidence: Evidence) -> tuple:
    return (evidence.doc_id, evidence.span[0], evidence.span[1], evidence.text, evidence.publisher,
            evidence.published)


def _evidence(row: Sequence) -> Evidence:
    doc_key, start, end, text, publisher, published = row
    return Evidence(doc_id=doc_key, span=(start, end), text=text, publisher=publisher, published=published)


def load_incidents(conn: Connection, rows: Sequence[Sequence]) -> list[Incident]:
    """Incidents from rows of :data:`INCIDENT_COLUMNS`, with their sources and claims attached."""
    incidents = [_incident(row) for row in rows]
    by_id = {incident.id: incident for incident in incidents}
    for params in in_chunks(list(by_id)):
        marks = placeholders(len(params))
        for row in conn.execute("SELECT incident_id, doc_key, span_start, span_end, text, publisher, published "
                                f"FROM incident_sources WHERE incident_id IN ({marks}) ORDER BY incident_id, "
                                "position", params):
            by_id[row[0]].sources.append(_evidence(row[1:]))
        for row in conn.execute("SELECT incident_id, claimant, killed, injured, approximate, victims, side, "
                                "doc_key, span_start, span_end, text, publisher, published FROM incident_claims "
                                f"WHERE incident_id IN ({marks}) ORDER BY incident_id, position", params):
            by_id[row[0]].claims.append(CasualtyClaim(claimant=row[1], killed=row[2], injured=row[3],
                                                      approximate=bool(row[4]), victims=row[5], side=row[6],
                                                      evidence=_evidence(row[7:])))
    return incidents


def _incident(row: Sequence) -> Incident:
    (id_, event_type, sub_event_type, date, location, admin1, country, lat, lon, precision, actor1, actor2,
     alleged_by, low, best, high, disputed, merge_reasons) = row
    place = None
    if location or country:
        place = Place(name=location or "", admin1=admin1, country=country, lat=lat, lon=lon,
                      precision=precision or "exact")
    return Incident(id=id_, event_type=event_type, sub_event_type=sub_event_type, date=date, location=place,
                    actor1=actor1, actor2=actor2, alleged_by=json.loads(alleged_by), sources=[],
                    fatalities_low=low, fatalities_best=best, fatalities_high=high, disputed=bool(disputed),
                    merge_reasons=json.loads(merge_reasons))


def _sources_by_owner(conn: Connection, owner: str) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = defaultdict(list)
    for row in conn.execute("SELECT owner_id, doc_key, span_start, span_end, text, publisher, published "
                            "FROM resolved_sources WHERE owner = ? ORDER BY owner_id, position", (owner,)):
        found[row[0]].append(_evidence(row[1:]))
    return found


def load_agreements(conn: Connection) -> list[ResolvedAgreement]:
    sources = _sources_by_owner(conn, "agreement")
    history: dict[str, list[StatusObservation]] = defaultdict(list)
    for row in conn.execute("SELECT agreement_id, status, as_of, expires, extended, doc_key, span_start, span_end, "
                            "text, publisher, published FROM agreement_status ORDER BY agreement_id, position"):
        history[row[0]].append(StatusObservation(status=row[1], as_of=row[2], expires=row[3], extended=row[4],
                                                 evidence=_evidence(row[5:])))
    agreements = []
    for row in conn.execute("SELECT id, kind, name, parties, mediators, venue, signed, effective, status, "
                            "effective_time, expires FROM agreements ORDER BY position"):
        id_, kind, name, parties, mediators, venue, signed, effective, status, effective_time, expires = row
        agreements.append(ResolvedAgreement(id=id_, kind=kind, name=name, parties=json.loads(parties),
                                            mediators=json.loads(mediators), venue=venue, signed=signed,
                                            effective=effective, status=status, history=history[id_],
                                            sources=sources[id_], effective_time=effective_time, expires=expires))
    return agreements


def load_talks(conn: Connection) -> list[TalksRound]:
    sources = _sources_by_owner(conn, "talks")
    rounds = []
    for row in conn.execute("SELECT id, venue, start, end, parties, mediators, outcome FROM talks_rounds"):
        id_, venue, start, end, parties, mediators, outcome = row
        rounds.append(TalksRound(id=id_, venue=venue, start=start, end=end, parties=json.loads(parties),
                                 mediators=json.loads(mediators), outcome=outcome, sources=sources[id_]))
    return sorted(rounds, key=round_order)
