"""The store, on SQLite and on PostgreSQL: migrations, documents and items, the writer transaction, the resolved
record, concurrent writers."""

from __future__ import annotations

import pytest

from ceasefire.records import DocumentInfo, DocumentRecord, Event, Place
from ceasefire.resolution.model import (
    CasualtyClaim,
    Evidence,
    Incident,
    Resolution,
    ResolvedAgreement,
    StatusObservation,
    TalksRound,
)
from ceasefire.storage import open_store
from ceasefire.storage.schema import MIGRATIONS
from ceasefire.storage.store import StoredDocument, content_hash

TEXT = "Shelling hit Chaman on Monday. Two people were killed."


def _document(key: str = "k1", url: str | None = "https://example.org/a", text: str = TEXT) -> StoredDocument:
    return StoredDocument(doc_key=key, url=url, content_hash=content_hash(text), title="A", publisher="Wire",
                          published="2025-10-27", language="en", source="a.txt", extractor_version="v1",
                          ingested_at="2025-10-27T10:00:00+00:00", text=text)


def _record() -> DocumentRecord:
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack", "2025-10-27",
                  Place("Chaman", "Balochistan", "PK", 30.92, 66.45), None, None, None, 2,
                  "Shelling hit Chaman on Monday.", (0, 30))
    return DocumentRecord(document=DocumentInfo(id="a", published="2025-10-27", language="en"), events=[event])


@pytest.fixture
def store(new_store):
    with open_store(new_store()) as opened:
        yield opened


def test_migrations_are_recorded_and_applied_once(new_store):
    location = new_store()
    with open_store(location) as store:
        rows = store.connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert [v for v, _ in rows] == [m.version for m in MIGRATIONS]
        assert store.schema_version() == MIGRATIONS[-1].version
    with open_store(location) as again:
        assert again.migrate() == []
        if again.dialect.name == "sqlite":
            assert again.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_document_and_items_keep_evidence_spans(store):
    with store.write() as conn:
        store.add_document(conn, _document(), _record())
    [item] = store.connection.execute("SELECT section, span_start, span_end, evidence FROM items").fetchall()
    assert item == ("events", 0, 30, "Shelling hit Chaman on Monday.")
    assert TEXT[item[1]:item[2]] == item[3]
    assert store.record("k1").events[0].location.name == "Chaman"
    assert store.document_text("k1") == TEXT
    assert store.resolution_stale()
    [sourced] = store.sourced_records()
    assert (sourced.doc_id, sourced.publisher, sourced.url) == ("k1", "Wire", "https://example.org/a")


def test_duplicates_by_url_or_normalised_text(store):
    with store.write() as conn:
        store.add_document(conn, _document(), _record())
    assert store.find_duplicate(url="https://example.org/a") == "k1"
    rewrapped = "  shelling hit CHAMAN on Monday.\n\nTwo people  were killed. "
    assert store.find_duplicate(text_hash=content_hash(rewrapped)) == "k1"
    assert store.find_duplicate(url="https://example.org/b", text_hash=content_hash("Other text.")) is None


def test_documents_written_in_one_batch_are_stored_as_one_at_a_time(new_store):
    texts = [TEXT, "Clashes near Torkham; shelling later.", "A drone strike hit a market in Chaman."]
    documents = [(_document(f"k{n}", f"https://example.org/{n}", text), _record()) for n, text in enumerate(texts)]
    tables = {"documents": "doc_key, url, content_hash, record_json, text",
              "items": "doc_key, section, position, span_start, span_end, evidence, data", "stale_documents": "doc_key"}
    stored = []
    for write in ("together", "one at a time"):
        with open_store(new_store(write.replace(" ", "-"))) as store:
            with store.write() as conn:
                if write == "together":
                    store.add_documents(conn, documents)
                else:
                    for document, record in documents:
                        store.add_document(conn, document, record)
            stored.append({table: sorted(store.connection.execute(f"SELECT {columns} FROM {table}").fetchall())
                           for table, columns in tables.items()})
            assert store.stored_keys(["https://example.org/2", "https://example.org/9"],
                                     [content_hash("  clashes near TORKHAM; shelling later."), content_hash("No.")]
                                     ) == {"https://example.org/2", content_hash(texts[1])}
    assert stored[0] == stored[1]
    assert len(stored[0]["items"]) == 3 and stored[0]["stale_documents"] == [("k0",), ("k1",), ("k2",)]


def test_failed_write_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.write() as conn:
        store.add_document(conn, _document(), _record())
        raise RuntimeError("killed mid-transaction")
    assert store.count("documents") == 0 and store.count("items") == 0


def test_failures_are_counted_and_cleared(store):
    with store.write() as conn:
        store.record_failure(conn, "bad.txt", "the report is empty")
        store.record_failure(conn, "bad.txt", "the report is empty")
    [failure] = store.failures()
    assert (failure.source, failure.attempts) == ("bad.txt", 2)
    with store.write() as conn:
        store.clear_failure(conn, "bad.txt")
    assert store.failures() == []


def _evidence(doc: str, text: str) -> Evidence:
    return Evidence(doc_id=doc, span=(3, 3 + len(text)), text=text, publisher="Wire", published="2025-10-27")


def test_resolution_round_trip(store):
    claim = CasualtyClaim("Pakistan", 2, None, False, "civilians", "PK", _evidence("k1", "Two were killed."))
    incident = Incident(id="inc-1", event_type="Battles", sub_event_type="Armed clash", date="2025-10",
                        location=Place("Chaman", "Balochistan", "PK", 30.9, 66.4, "exact"), actor1="Afghanistan",
                        actor2="Pakistan", alleged_by=["Pakistan"],
                        sources=[_evidence("k1", "a"), _evidence("k2", "b")],
                        claims=[claim], fatalities_low=2, fatalities_best=2, fatalities_high=2,
                        merge_reasons=["same clash"])
    agreement = ResolvedAgreement(id="agr-1", kind="ceasefire", name="Doha ceasefire", parties=["A", "B"],
                                  mediators=["Qatar"], venue="Doha", signed="2025-10-19", effective="2025-10-19",
                                  status="in_force",
                                  history=[StatusObservation("in_force", "2025-10-20", _evidence("k1", "holds"))],
                                  sources=[_evidence("k1", "agreed")])
    talks = TalksRound(id="tlk-1", venue="Istanbul", start="2025-10-25", end="2025-10-30", parties=["A", "B"],
                       mediators=["Turkey"], outcome="partial", sources=[_evidence("k2", "talks")])
    store.save_resolution(Resolution(incidents=[incident], agreements=[agreement], talks=[talks]))
    assert store.incidents() == [incident]
    assert store.agreements() == [agreement]
    assert store.talks() == [talks]
    assert not store.resolution_stale()


def test_repeated_ids_are_made_unique(store):
    twins = [Incident(id="inc-x", event_type="Battles", sub_event_type=None, date=None, location=None,
                      actor1=None, actor2=None, alleged_by=[], sources=[]) for _ in range(2)]
    store.save_resolution(Resolution(incidents=twins, agreements=[], talks=[]))
    assert sorted(i.id for i in store.incidents()) == ["inc-x", "inc-x-2"]


def test_incidents_frame(store):
    pytest.importorskip("pandas")
    store.save_resolution(Resolution(incidents=[Incident(
        id="inc-1", event_type="Battles", sub_event_type=None, date="2025-10-01",
        location=Place("Chaman", None, "PK"), actor1="A", actor2=None, alleged_by=[], sources=[])],
        agreements=[], talks=[]))
    frame = store.incidents_frame(country="pk")
    assert list(frame["location"]) == ["Chaman"] and frame.loc[0, "country"] == "PK"


def test_an_older_database_is_migrated_with_its_data(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr("ceasefire.storage.store.MIGRATIONS", MIGRATIONS[:2])
    with open_store(path) as old:
        assert old.schema_version() == 2
        old.connection.execute(
            "INSERT INTO incidents (id, event_type, date, date_start, date_end, alleged_by, disputed, merge_reasons, "
            "source_count) VALUES ('inc-old', 'Battles', '2025-10-12', '2025-10-12', '2025-10-12', "
            "'[\"Afghanistan\"]', 0, '[]', 0)")
    monkeypatch.undo()
    with open_store(path) as store:
        assert store.schema_version() == MIGRATIONS[-1].version
        assert [i.id for i in store.incidents(alleged_by="Afghanistan")] == ["inc-old"]


def test_package_level_open_store_defaults_to_ceasefire_db(tmp_path, monkeypatch):
    import ceasefire
    from ceasefire.storage import Store

    monkeypatch.setenv("CEASEFIRE_DB", str(tmp_path / "env.db"))
    with ceasefire.open_store() as store:
        assert isinstance(store, Store) and store.path == str(tmp_path / "env.db")
    monkeypatch.delenv("CEASEFIRE_DB")
    monkeypatch.chdir(tmp_path)
    with ceasefire.open_store() as store:
        assert store.path == "ceasefire.db" and (tmp_path / "ceasefire.db").exists()


def test_regression_store_poisoned_by_a_bad_publication_date_is_repaired(tmp_path):
    path = tmp_path / "old.db"
    with open_store(path) as store:
        with store.write() as conn:
            store.add_document(conn, _document(), _record())
            store.add_document(conn, _document("k2", "https://example.org/b", "Clashes near Torkham."), _record())
        store.connection.execute("UPDATE documents SET published = '2025-11-31' WHERE doc_key = 'k1'")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 7")  # as stored by an older version
        store.connection.commit()
    with open_store(path) as again:
        dates = dict(again.connection.execute("SELECT doc_key, published FROM documents").fetchall())
    assert dates == {"k1": None, "k2": "2025-10-27"}


def _open_and_count(path: str) -> int:
    with open_store(path) as store:
        return store.schema_version()


def test_regression_several_processes_creating_one_store_at_once_all_succeed(new_store):
    import multiprocessing

    path = new_store("new")
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        versions = pool.map(_open_and_count, [path] * 6)
    assert versions == [MIGRATIONS[-1].version] * 6
    with open_store(path) as store:
        rows = store.connection.execute("SELECT version FROM schema_migrations").fetchall()
    assert sorted(v for (v,) in rows) == [m.version for m in MIGRATIONS]


def test_regression_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    from ceasefire.errors import StoreError

    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="notes.db: not a store"):
        open_store(path)


def _incident(incident_id: str, *spans: tuple[str, int]) -> Incident:
    sources = [Evidence(doc, (start, start + 10), "Shelling.", None, "2025-10-27") for doc, start in spans]
    return Incident(incident_id, "Battles", "Armed clash", "2025-10-27", None, None, None, [], sources)


def test_regression_incident_ids_shown_before_still_resolve_after_merges(store):
    from ceasefire.analysis.browse import incident_detail, incident_moved_to

    store.save_resolution(Resolution([_incident("inc-a", ("d1", 0)), _incident("inc-b", ("d2", 0))], [], []))
    # a report published earlier joins both: the merged incident takes its id from that report
    store.save_resolution(Resolution([_incident("inc-c", ("d0", 0), ("d1", 0), ("d2", 0))], [], []))
    assert incident_detail(store, "inc-a") is None
    assert incident_moved_to(store, "inc-a") == incident_moved_to(store, "inc-b") == "inc-c"
    # later still, the incident splits again and d1 now leads another one: aliases follow their sources
    store.save_resolution(Resolution([_incident("inc-c", ("d0", 0), ("d2", 0)), _incident("inc-d", ("d1", 0))],
                                     [], []))
    assert (incident_moved_to(store, "inc-a"), incident_moved_to(store, "inc-b")) == ("inc-d", "inc-c")
    assert incident_moved_to(store, "inc-c") is None and incident_detail(store, "inc-c") is not None


def test_full_text_index_is_declared_as_datasette_detects_it(tmp_path):
    store = open_store(tmp_path / "datasette.db")
    found = store.connection.execute("SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE "
                                     "'%VIRTUAL TABLE%USING FTS%content=\"documents\"%'").fetchall()
    assert found == [("documents_fts",)]


def test_full_text_search_finds_documents_by_all_their_words(store):
    from ceasefire.storage.browsing import search_texts

    with store.write() as conn:
        store.add_document(conn, _document(), _record())
        store.add_document(conn, _document("k2", "https://example.org/b", "Clashes near Torkham; shelling later."),
                           _record())
    assert {d["id"] for d in search_texts(store.connection, "SHELLING", 10)} == {"k1", "k2"}
    [found] = search_texts(store.connection, "shelling Chaman", 10)
    assert found["id"] == "k1" and "[" in found["snippet"] and "]" in found["snippet"]
    assert search_texts(store.connection, "Chaman Torkham", 10) == []
    assert search_texts(store.connection, "%' OR 1=1 --", 10) == []


def _write_documents(location: str, writer: int, count: int) -> int:
    with open_store(location) as store:
        for n in range(count):
            text = f"Report {n} of writer {writer}: shelling hit Chaman."
            with store.write() as conn:
                store.add_document(conn, _document(f"w{writer}-{n}", None, text), _record())
        return count


def test_concurrent_writers_lose_nothing(new_store):
    import multiprocessing

    location = new_store("shared")
    with open_store(location) as store:
        before = store.revision()
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        written = pool.starmap(_write_documents, [(location, writer, 15) for writer in range(4)])
    with open_store(location) as store:
        assert store.count("documents") == sum(written) == 60
        assert store.count("items") == 60
        assert store.revision() == before + 60  # every write transaction counted once
        # each document marked for the next resolution; no agreement named, so no "*"
        assert set(store.stale_marks()) == {f"w{writer}-{n}" for writer in range(4) for n in range(15)}
