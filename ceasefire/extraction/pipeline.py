"""The extraction pipeline: one report in, one document record out.

Stages run in order over a shared :class:`Report`; each adds mentions (dates, places,
actors) or record items (events, casualties, quotes, agreements, talks). The order is data:
see :meth:`Extractor.stages`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice

from spacy.language import Language

from ceasefire.errors import InputError
from ceasefire.extraction.actors.stage import ActorTable, find_actors
from ceasefire.extraction.attribution.quotes import extract_quotes
from ceasefire.extraction.casualties.stage import extract_casualties
from ceasefire.extraction.dates import resolve_dates
from ceasefire.extraction.diplomacy.agreements import extract_agreements
from ceasefire.extraction.diplomacy.talks import extract_talks
from ceasefire.extraction.events.classifier import EventClassifier, shipped_classifier
from ceasefire.extraction.events.stage import extract_events
from ceasefire.extraction.language import READ_AS_ENGLISH, detect_language, load_nlp
from ceasefire.extraction.places.gazetteer import Gazetteer
from ceasefire.extraction.places.stage import locate_places
from ceasefire.extraction.report import Report
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.records import DocumentInfo, DocumentRecord

Stage = Callable[[Report], None]
# Reports per spaCy batch: larger batches of long news texts cost memory (about 370 MB at 32,
# 200 MB at 8) and buy no speed on a CPU.
BATCH_SIZE = 8


class Extractor:
    """Holds the language model and the tables; turns texts into document records."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                 actors: ActorTable | None = None, event_classifier: EventClassifier | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.event_classifier = event_classifier if event_classifier is not None else shipped_classifier()
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.actors = actors if actors is not None else ActorTable.load()

    def stages(self) -> list[tuple[str, Stage]]:
        return [
            ("dates", resolve_dates),
            ("places", partial(locate_places, gazetteer=self.gazetteer)),
            ("actors", partial(find_actors, table=self.actors)),
            ("quotes", extract_quotes),
            ("casualties", extract_casualties),
            ("events", partial(extract_events, classifier=self.event_classifier)),
            ("agreements", extract_agreements),
            ("talks", extract_talks),
        ]

    def extract(self, text: str, *, published: str | dt.date | None = None, url: str | None = None,
                title: str | None = None, publisher: str | None = None,
                id: str | None = None) -> DocumentRecord:
        item = ReportInput(text=text, published=_iso(published), url=url, title=title,
                           publisher=publisher, id=id)
        return next(self.extract_many([item]))

    def extract_many(self, items: Iterable[ReportInput], batch_size: int = BATCH_SIZE,
                     on_error: Callable[[ReportInput, Exception], None] | None = None) -> Iterator[DocumentRecord]:
        """Records for the inputs, in order; English texts go through spaCy in batches.

        When a report makes a stage fail, ``on_error(item, exc)`` is told and that report is
        skipped, so one bad report does not cost the rest of the batch; without ``on_error``
        the exception propagates.
        """
        items = iter(items)
        while batch := list(islice(items, batch_size)):
            batch = [item for item in batch if self._readable(item, on_error)]
            languages = [detect_language(item.text) for item in batch]
            english = [item.text for item, lang in zip(batch, languages, strict=True) if lang in READ_AS_ENGLISH]
            docs = iter(self.nlp.pipe(english, batch_size=batch_size))
            for item, language in zip(batch, languages, strict=True):
                record = DocumentRecord(document=DocumentInfo(
                    id=item.id, url=item.url, title=item.title, publisher=item.publisher,
                    published=item.published, language=language))
                if language in READ_AS_ENGLISH:
                    report = Report(text=item.text, published=_parse_date(item.published),
                                    doc=next(docs), record=record)
                    try:
                        self.run_stages(report)
                    except Exception as exc:
                        if on_error is None:
                            raise
                        on_error(item, exc)
                        continue
                yield record

    def _readable(self, item: ReportInput, on_error: Callable[[ReportInput, Exception], None] | None) -> bool:
        """Whether the language model can read the text at all; a longer one is that item's error."""
        if len(item.text) <= self.nlp.max_length:
            return True
        error = InputError(item.id or "report", f"text of {len(item.text):,} characters is longer than the "
                                                f"{self.nlp.max_length:,} the language model reads; split it")
        if on_error is None:
            raise error
        on_error(item, error)
        return False

    def run_stages(self, report: Report, upto: str | None = None) -> Report:
        """Run the stages in order over ``report``, stopping after the one named ``upto``."""
        for name, stage in self.stages():
            stage(report)
            if name == upto:
                break
        return report

    def analyse(self, text: str, published: str | None = None, upto: str | None = None) -> Report:
        """The :class:`Report` after the stages up to ``upto`` (all by default): for tests and debugging."""
        record = DocumentRecord(document=DocumentInfo(published=published, language="en"))
        report = Report(text=text, published=_parse_date(published), doc=self.nlp(text), record=record)
        return self.run_stages(report, upto)


def _iso(value: str | dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
