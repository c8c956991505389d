"""A small hand-checked store: one ceasefire between Afghanistan and Pakistan (effective 2025-10-19),
incidents before and after it, allegations by each side with casualty claims, two talks rounds and
two quoted statements. The expected figures are worked out by hand in the tests."""

from __future__ import annotations

from ceasefire.records import DocumentInfo, DocumentRecord, Place, Quote
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
from ceasefire.storage.store import Store, StoredDocument, content_hash

AF, PK = "Afghanistan", "Pakistan"
DOCS = {  # doc key -> (publisher, published, text)
    "docA": ("Wire A", "2025-10-20",
             'Afghan government spokesman Hamid Rahimi said: "We remain committed to the truce."'),
    "docB": ("Paper B", "2025-10-25", "The truce agreed in Doha is holding, both sides said."),
    "docC": ("Paper C", "2025-11-02",
             'Pakistani Defence Minister Tariq Hameed said "Attacks from Afghan soil must stop."'),
    "docD": ("Wire A", "2025-11-05", "A second round of talks is set for Istanbul on 6 November."),
}


def ev(doc: str, text: str = "evidence sentence") -> Evidence:
    publisher, published, _ = DOCS[doc]
    return Evidence(doc_id=doc, span=(0, len(text)), text=text, publisher=publisher, published=published)


def claim(claimant: str | None, killed: int | None, injured: int | None, doc: str) -> CasualtyClaim:
    return CasualtyClaim(claimant=claimant, killed=killed, injured=injured, approximate=False,
                         victims="civilians", side=None, evidence=ev(doc))


def incident(id_: str, date: str | None, event_type: str, sub: str | None, place: Place | None,
             actor1: str | None, actor2: str | None, alleged: list[str], **extra: object) -> Incident:
    return Incident(id=id_, event_type=event_type, sub_event_type=sub, date=date, location=place, actor1=actor1,
                    actor2=actor2, alleged_by=alleged, sources=[ev("docA", f"{id_} reported")], **extra)


SPIN_BOLDAK = Place("Spin Boldak", "Kandahar", "AF", 31.0, 66.4, "exact")
KABUL = Place("Kabul", "Kabul", "AF", 34.53, 69.17, "exact")
URGUN = Place("Urgun", "Paktika", "AF", 32.93, 69.18, "district")
CHAMAN = Place("Chaman", "Balochistan", "PK", 30.92, 66.45, "exact")
KURRAM = Place("Kurram", "Khyber Pakhtunkhwa", "PK", None, None, "province")
PESHAWAR = Place("Peshawar", "Khyber Pakhtunkhwa", "PK", 34.0, 71.5, "exact")

INCIDENTS = [
    incident("i1", "2025-10-12", "Battles", "Armed clash", SPIN_BOLDAK, PK, AF, [AF]),
    incident("i2", "2025-10-14", "Explosions/Remote violence", "Air/drone strike", KABUL, PK, None, [AF]),
    incident("i3", "2025-10-24", "Explosions/Remote violence", "Air/drone strike", URGUN, PK, AF, [AF],
             claims=[claim(AF, 10, 4, "docB"), claim(PK, 2, None, "docC")], fatalities_low=2, fatalities_best=10,
             fatalities_high=10, disputed=True, merge_reasons=["same air/drone strike in Urgun on 2025-10-24"]),
    incident("i4", "2025-10-27", "Explosions/Remote violence", "Shelling/artillery/missile attack", CHAMAN, AF, PK,
             [PK], claims=[claim(PK, 3, None, "docC")], fatalities_low=3, fatalities_best=3, fatalities_high=3),
    incident("i5", "2025-10-31", "Battles", "Armed clash", KURRAM, AF, PK, [PK],
             claims=[claim(PK, 5, 2, "docC")], fatalities_low=5, fatalities_best=5, fatalities_high=5),
    incident("i6", "2025-10", "Battles", "Armed clash", None, PK, AF, [AF]),
    incident("i7", "2025-10-28", "Protests", "Peaceful protest", PESHAWAR, "Protesters (Pakistan)", None, []),
]

AGREEMENT = ResolvedAgreement(
    id="agr-doha", kind="ceasefire", name="Doha ceasefire", parties=[AF, PK], mediators=["Qatar", "Turkey"],
    venue="Doha", signed="2025-10-19", effective="2025-10-19", status="violated",
    history=[StatusObservation("in_force", "2025-10-20", ev("docA", "The truce holds.")),
             StatusObservation("in_force", "2025-10-25", ev("docB", "The truce agreed in Doha is holding.")),
             StatusObservation("violated", "2025-11-02", ev("docC", "Kabul says the truce was violated."))],
    sources=[ev("docA"), ev("docB")])

TALKS = [
    TalksRound(id="tlk-1", venue="Istanbul", start="2025-10-25", end="2025-10-30", parties=[AF, PK],
               mediators=["Turkey", "Qatar"], outcome="partial", sources=[ev("docB")]),
    TalksRound(id="tlk-2", venue="Istanbul", start="2025-11-06", end=None, parties=[AF, PK],
               mediators=["Turkey"], outcome="scheduled", sources=[ev("docD")]),
]


def _record(doc: str) -> DocumentRecord:
    publisher, published, text = DOCS[doc]
    record = DocumentRecord(document=DocumentInfo(id=doc, publisher=publisher, published=published, language="en"))
    if '"' in text:
        start = text.index('"') + 1
        quoted = text[start:text.rindex('"')]
        speaker = "Hamid Rahimi" if doc == "docA" else "Tariq Hameed"
        record.quotes.append(Quote(speaker=speaker, text=quoted, evidence=text, span=(0, len(text))))
    return record


def build_hand_store(path) -> Store:
    store = open_store(path)
    with store.write() as conn:
        for doc, (publisher, published, text) in DOCS.items():
            document = StoredDocument(doc_key=doc, url=f"https://example.org/{doc}", content_hash=content_hash(text),
                                      title=None, publisher=publisher, published=published, language="en",
                                      source=doc, extractor_version="test", ingested_at="2025-11-05T00:00:00",
                                      text=text)
            store.add_document(conn, document, _record(doc))
    store.save_resolution(Resolution(incidents=INCIDENTS, agreements=[AGREEMENT], talks=TALKS))
    return store
