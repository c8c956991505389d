"""The store's schema as registered migrations: each is applied once, in a transaction, and recorded
in ``schema_migrations`` so an old database is brought up to date when it is opened.

Migrations are lists of single statements (no ``executescript``, which would commit behind our back).
Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_EVIDENCE_COLUMNS = """doc_key TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text TEXT NOT NULL, publisher TEXT, published TEXT"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, extracted items and failures", (
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            doc_key TEXT NOT NULL UNIQUE,
            url TEXT UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT, publisher TEXT, published TEXT, language TEXT,
            source TEXT,
            text TEXT NOT NULL,
            record_json TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            processed_at TEXT NOT NULL)""",
        "CREATE INDEX documents_published ON documents(published)",
        """CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            doc_key TEXT NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
            section TEXT NOT NULL,
            position INTEGER NOT NULL,
            span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            data TEXT NOT NULL)""",
        "CREATE INDEX items_doc_section ON items(doc_key, section)",
        "CREATE INDEX items_section ON items(section)",
        """CREATE TABLE failures (
            source TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL)""",
        "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)",
    )),
    Migration(2, "the resolved record: incidents, agreements, talks", (
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL, sub_event_type TEXT,
            date TEXT, date_start TEXT, date_end TEXT,
            location TEXT, admin1 TEXT, country TEXT, latitude REAL, longitude REAL, geo_precision TEXT,
            actor1 TEXT COLLATE NOCASE, actor2 TEXT COLLATE NOCASE,
            alleged_by TEXT NOT NULL,
            fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
            disputed INTEGER NOT NULL,
            merge_reasons TEXT NOT NULL,
            source_count INTEGER NOT NULL)""",
        "CREATE INDEX incidents_country_date ON incidents(country, date_start)",
        "CREATE INDEX incidents_date ON incidents(date_start)",
        "CREATE INDEX incidents_type_date ON incidents(event_type, date_start)",
        "CREATE INDEX incidents_actor1 ON incidents(actor1)",
        "CREATE INDEX incidents_actor2 ON incidents(actor2)",
        f"""CREATE TABLE incident_sources (
            incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, {_EVIDENCE_COLUMNS})""",
        "CREATE INDEX incident_sources_incident ON incident_sources(incident_id)",
        f"""CREATE TABLE incident_claims (
            incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            claimant TEXT, killed INTEGER, injured INTEGER, approximate INTEGER NOT NULL,
            victims TEXT NOT NULL, side TEXT, {_EVIDENCE_COLUMNS})""",
        "CREATE INDEX incident_claims_incident ON incident_claims(incident_id)",
        """CREATE TABLE agreements (
            id TEXT PRIMARY KEY, position INTEGER NOT NULL,
            kind TEXT NOT NULL, name TEXT, parties TEXT NOT NULL, mediators TEXT NOT NULL,
            venue TEXT, signed TEXT, effective TEXT, status TEXT)""",
        f"""CREATE TABLE agreement_status (
            agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, status TEXT, as_of TEXT, {_EVIDENCE_COLUMNS})""",
        "CREATE INDEX agreement_status_agreement ON agreement_status(agreement_id)",
        """CREATE TABLE talks_rounds (
            id TEXT PRIMARY KEY, position INTEGER NOT NULL,
            venue TEXT, start TEXT, end TEXT, parties TEXT NOT NULL, mediators TEXT NOT NULL, outcome TEXT)""",
        f"""CREATE TABLE resolved_sources (
            owner TEXT NOT NULL, owner_id TEXT NOT NULL,
            position INTEGER NOT NULL, {_EVIDENCE_COLUMNS})""",
        "CREATE INDEX resolved_sources_owner ON resolved_sources(owner, owner_id)",
    )),
    Migration(3, "allegations as rows, and a covering timeline index for status queries", (
        """CREATE TABLE incident_allegations (
            incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            party TEXT NOT NULL COLLATE NOCASE)""",
        "CREATE INDEX incident_allegations_party ON incident_allegations(party, incident_id)",
        "INSERT INTO incident_allegations SELECT incidents.id, alleged.value FROM incidents, "
        "json_each(incidents.alleged_by) AS alleged",
        "DROP INDEX incidents_date",
        "CREATE INDEX incidents_timeline ON incidents(date_start, actor1, actor2, disputed, date, id)",
    )),
    Migration(4, "full-text search over document texts and titles", (
        "CREATE VIRTUAL TABLE documents_fts USING fts5(text, title, content='documents', content_rowid='id')",
        "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
        """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, text, title) VALUES (new.id, new.text, new.title); END""",
        """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, text, title) VALUES ('delete', old.id, old.text, old.title);
            END""",
        """CREATE TRIGGER documents_fts_update AFTER UPDATE OF text, title ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, text, title) VALUES ('delete', old.id, old.text, old.title);
            INSERT INTO documents_fts(rowid, text, title) VALUES (new.id, new.text, new.title); END""",
    )),
    Migration(5, "covering indexes so paged API queries count and filter without reading rows", (
        "CREATE INDEX incidents_country_counts ON incidents(country, date_start, event_type, sub_event_type, "
        "disputed, longitude, latitude)",
        "CREATE INDEX incidents_geo ON incidents(longitude, latitude, date_start, event_type, sub_event_type, "
        "disputed, country)",
    )),
    Migration(6, "the timeline index also covers date_end, so date-range counts never read rows", (
        "DROP INDEX incidents_timeline",
        "CREATE INDEX incidents_timeline ON incidents(date_start, date_end, actor1, actor2, disputed, date, id)",
    )),
    # Earlier versions stored any publication date they were given ("2025-11-31", "yesterday"), which
    # then broke every status computation; such a date becomes unknown (SQLite's date() with a
    # modifier returns NULL for what is no date, and rolls an overflowing day into the next month).
    Migration(7, "publication dates that are no real dates become unknown", tuple(
        f"UPDATE {table} SET published = NULL WHERE published IS NOT NULL "
        "AND (date(published, '+0 days') IS NULL OR date(published, '+0 days') != substr(published, 1, 10))"
        for table in ("documents", "incident_sources", "incident_claims", "agreement_status", "resolved_sources"))),
    Migration(8, "ids of incidents since merged into others, so every link ever shown still resolves", (
        "CREATE TABLE incident_aliases (alias TEXT PRIMARY KEY, incident_id TEXT NOT NULL, "
        "doc_key TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL)",
    )),
    # Datasette finds a table's full-text index by content="documents" with double quotes.
    Migration(9, "the full-text index declared as Datasette looks for it", (
        "DROP TABLE documents_fts",
        'CREATE VIRTUAL TABLE documents_fts USING fts5(text, title, content="documents", content_rowid="id")',
        "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    )),
    Migration(10, "an agreement's life: the hour it took effect, the day it runs until, each report's extension", (
        "ALTER TABLE agreements ADD COLUMN effective_time TEXT",
        "ALTER TABLE agreements ADD COLUMN expires TEXT",
        "ALTER TABLE agreement_status ADD COLUMN expires TEXT",
        "ALTER TABLE agreement_status ADD COLUMN extended TEXT",
    )),
    # The monitoring mechanism (ceasefire.mechanism): accounts, allegations and their verification, files,
    # the hotline log, joint patrols, agreement terms, and the hash-chained audit log of every write.
    Migration(11, "the monitoring mechanism", (
        """CREATE TABLE mechanism_accounts (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, party TEXT, password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL)""",
        """CREATE TABLE mechanism_sessions (
            token_hash TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES mechanism_accounts(name) ON DELETE CASCADE,
            expires_at TEXT NOT NULL)""",
        """CREATE TABLE mechanism_terms (
            agreement_id TEXT PRIMARY KEY, effective_at TEXT, prohibited TEXT NOT NULL, zones TEXT NOT NULL)""",
        """CREATE TABLE allegations (
            id TEXT PRIMARY KEY, agreement_id TEXT, source TEXT NOT NULL, submitted_by TEXT NOT NULL,
            submitted_at TEXT NOT NULL, alleged_by TEXT NOT NULL, against TEXT, occurred_on TEXT NOT NULL,
            latitude REAL, longitude REAL, area TEXT, place TEXT, precision TEXT NOT NULL, category TEXT NOT NULL,
            observed TEXT NOT NULL, killed INTEGER, injured INTEGER, description TEXT NOT NULL,
            state TEXT NOT NULL, attribution TEXT, finding TEXT, reason TEXT, adjudicator TEXT, ruled_at TEXT,
            published_at TEXT)""",
        "CREATE INDEX allegations_state ON allegations(state, occurred_on)",
        """CREATE TABLE allegation_transitions (
            allegation_id TEXT NOT NULL REFERENCES allegations(id), position INTEGER NOT NULL,
            from_state TEXT, to_state TEXT NOT NULL, account TEXT NOT NULL, at TEXT NOT NULL, note TEXT,
            PRIMARY KEY (allegation_id, position))""",
        """CREATE TABLE allegation_links (
            allegation_id TEXT NOT NULL REFERENCES allegations(id), incident_id TEXT NOT NULL,
            confirmed_by TEXT NOT NULL, confirmed_at TEXT NOT NULL, PRIMARY KEY (allegation_id, incident_id))""",
        """CREATE TABLE mechanism_blobs (sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, size INTEGER NOT NULL,
            content BLOB NOT NULL)""",
        """CREATE TABLE allegation_files (
            allegation_id TEXT NOT NULL REFERENCES allegations(id), sha256 TEXT NOT NULL REFERENCES mechanism_blobs,
            name TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (allegation_id, sha256))""",
        """CREATE TABLE hotline_log (
            id TEXT PRIMARY KEY, at TEXT NOT NULL, from_party TEXT NOT NULL, to_party TEXT NOT NULL,
            channel TEXT NOT NULL, subject TEXT NOT NULL, allegation_id TEXT, incident_id TEXT, response TEXT,
            responded_at TEXT, logged_by TEXT NOT NULL)""",
        """CREATE TABLE patrols (
            id TEXT PRIMARY KEY, date TEXT NOT NULL, participants TEXT NOT NULL, route TEXT,
            observations TEXT NOT NULL, findings TEXT, allegations TEXT NOT NULL, logged_by TEXT NOT NULL)""",
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY, at TEXT NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, row_hash TEXT, prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL)""",
    )),
    # Incidents are resolved in blocks (an event type and a month: ceasefire.resolution.incidents); a
    # changed document marks its events' blocks, and "*" for its agreements and talks, with the revision
    # it was written at, so an ingest re-resolves only what it touched. A store made before resolves in
    # full once (resolution_full) to learn its blocks.
    Migration(12, "incidents resolved in blocks, so an ingest re-resolves only the blocks it touches", (
        "ALTER TABLE incidents ADD COLUMN block TEXT",
        "CREATE INDEX incidents_block ON incidents(block)",
        "CREATE TABLE event_blocks (block TEXT NOT NULL, doc_key TEXT NOT NULL, PRIMARY KEY (block, doc_key)) "
        "WITHOUT ROWID",
        "CREATE INDEX event_blocks_doc ON event_blocks(doc_key)",
        "CREATE TABLE stale_blocks (block TEXT PRIMARY KEY, marked INTEGER NOT NULL) WITHOUT ROWID",
        "CREATE INDEX incident_allegations_incident ON incident_allegations(incident_id)",
        "CREATE INDEX incident_aliases_incident ON incident_aliases(incident_id)",
        "INSERT INTO settings (name, value) VALUES ('resolution_full', '1') "
        "ON CONFLICT(name) DO UPDATE SET value = '1'",
    )),
    Migration(13, "the chunks of archives ingested on a cluster, so a stopped run resumes where it stopped", (
        "CREATE TABLE archive_chunks (chunk TEXT PRIMARY KEY, reports INTEGER NOT NULL, done_at TEXT NOT NULL)",
    )),
    # A block's incidents are resolved in parts that never share one (ceasefire.resolution.components): each
    # document's events of a block (a unit) belong to one part (a component of the block), named in
    # resolution_units; resolution_links keeps each part's keys ('F' filed, 'L' looked up), through which a
    # changed document's new events find the parts they may join. A changed document is marked in
    # stale_documents ("*": the agreements and talks, when it mentions one); the next resolution re-resolves
    # the parts its old and new events touch. A store made before resolves in full once to learn its parts.
    Migration(14, "incidents resolved in parts of a block, so an ingest re-resolves only the parts it touches", (
        "DROP TABLE event_blocks",
        "DROP TABLE stale_blocks",
        "DROP INDEX incidents_block",
        "ALTER TABLE incidents ADD COLUMN component TEXT",
        "CREATE INDEX incidents_part ON incidents(block, component)",
        "CREATE TABLE resolution_units (block TEXT NOT NULL, doc_key TEXT NOT NULL, component TEXT NOT NULL, "
        "PRIMARY KEY (block, doc_key)) WITHOUT ROWID",
        "CREATE INDEX resolution_units_doc ON resolution_units(doc_key)",
        "CREATE INDEX resolution_units_part ON resolution_units(block, component)",
        "CREATE TABLE resolution_links (block TEXT NOT NULL, role TEXT NOT NULL, key TEXT NOT NULL, "
        "component TEXT NOT NULL, PRIMARY KEY (block, role, key, component)) WITHOUT ROWID",
        "CREATE INDEX resolution_links_part ON resolution_links(block, component)",
        "CREATE TABLE stale_documents (doc_key TEXT PRIMARY KEY, marked INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT INTO settings (name, value) VALUES ('resolution_full', '1') "
        "ON CONFLICT(name) DO UPDATE SET value = '1'",
    )),
    # Agreements and talks are resolved report by report in resolution order (ceasefire.resolution.diplomacy);
    # the state at the start of each of the last weeks is kept, so an ingest resolves again only the reports
    # since the checkpoint before its earliest one. Agreements and rounds are saved at their serial (the order
    # they were made), which links a saved row to its place in the state. A store made before resolves in full
    # once to make its checkpoints.
    Migration(15, "agreements and talks resolved again only from the last checkpoint before an ingest's reports", (
        "CREATE TABLE diplomacy_checkpoints (boundary TEXT PRIMARY KEY, state BLOB NOT NULL)",
        "INSERT INTO settings (name, value) VALUES ('resolution_full', '1') "
        "ON CONFLICT(name) DO UPDATE SET value = '1'",
    )),
    # Each part keeps its first-pass clusters as they stood at a boundary day, with a digest of each incident
    # saved (ceasefire.resolution.kept), so an ingest of newer reports places their events among them rather than
    # clustering the part again, and rewrites only the incidents that changed; resolution_units.day (each unit's
    # report's resolution day) finds the reports placed again, those from the boundary on. A checkpoint of
    # agreements and talks names its groups' packed forms by digest, stored once in diplomacy_packs however many
    # checkpoints name them; an agreement or round a report since a checkpoint only joined gets that report's
    # sources and status rows added, not all of its rows again, unless a group was merged into it since the
    # checkpoint (merged_at: the week of the last such merge). The index on publication dates covers the document
    # key, so the reports since a day are found without reading the documents. A store made before resolves in
    # full once to keep its parts.
    Migration(16, "parts keep their clusters, and checkpoints store a group once, so an ingest touches what is new", (
        "ALTER TABLE resolution_units ADD COLUMN day TEXT",
        "CREATE TABLE resolution_kept (block TEXT NOT NULL, component TEXT NOT NULL, boundary TEXT NOT NULL, "
        "newest TEXT NOT NULL, clusters BLOB NOT NULL, incidents TEXT NOT NULL, PRIMARY KEY (block, component))",
        "DELETE FROM diplomacy_checkpoints",
        "ALTER TABLE diplomacy_checkpoints ADD COLUMN packs TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE diplomacy_packs (id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, data BLOB NOT NULL)",
        "DROP INDEX documents_published",
        "CREATE INDEX documents_published ON documents(published, doc_key)",
        "ALTER TABLE agreements ADD COLUMN merged_at TEXT",
        "ALTER TABLE talks_rounds ADD COLUMN merged_at TEXT",
        "INSERT INTO settings (name, value) VALUES ('resolution_full', '1') "
        "ON CONFLICT(name) DO UPDATE SET value = '1'",
    )),
)
