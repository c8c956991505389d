"""Ingesting an archive on a cluster: extraction on Dask workers, the store written here.

An archive is JSON Lines and Parquet files (a report a line or a row, with the fields of a JSON Lines
input: ``text``, ``id``, ``published``, ``url``, ``title``, ``publisher``). This process reads it in
chunks of ``chunk`` reports, skips what the store already holds, and sends each chunk to a worker of a
Dask cluster (the one at ``scheduler``, or a local one of this machine's cores), which extracts it with
its own copy of the extractor and sends the records back. Each chunk's records are stored in one
transaction with a mark that the chunk is done, so a run that is stopped or killed resumes, when started
again, from the chunks not yet marked. The workers never read the files: a cluster needs no shared disk.

When every chunk is in, the store resolves what the new reports touched (:func:`refresh_resolution`).
Resolution does not depend on the order reports arrive in, and extraction is deterministic, so the
result equals that of ``ceasefire ingest`` over the same files in one process.

Dask distributed over Ray, measured on the 2-core development machine (benchmarks/README.md): a local
cluster of two workers starts in 1.0 s against Ray's 2.7 s, takes 25 MB installed against 240 MB, and
its 1.7 ms a task (Ray: 0.7 ms) is nothing beside a chunk's seconds of extraction.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ceasefire.errors import CeasefireError, InputError
from ceasefire.ingestion.ingest import (
    BatchIngester,
    IngestSummary,
    Progress,
    extract_isolating_failures,
    extractor_version,
    finish,
)
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.ingestion.sources import PendingReport, archive_files, archive_reports
from ceasefire.records import DocumentRecord, record_from_dict
from ceasefire.storage.store import Store

SCHEDULER_TIMEOUT = "20s"  # to connect to a scheduler
CHUNK = 64  # reports a task: seconds of work for a worker, and what a killed run may have to redo
Batch = list[tuple[str, ReportInput, str]]


@dataclass
class ArchiveSummary(IngestSummary):
    chunks: int = 0  # chunks ingested by this run
    resumed: int = 0  # chunks skipped because an earlier run had ingested them
    workers: int = 0

    def render(self) -> str:
        head = (f"{self.chunks} chunk(s) on {self.workers} worker(s), {self.resumed} already in from an earlier "
                "run\n")
        return head + super().render()


def chunks(sources: Iterable[str], size: int = CHUNK) -> Iterator[tuple[str | None, list[PendingReport | InputError]]]:
    """The archive's chunks in order: (chunk id, its reports). A chunk id names the file, the position of its
    first report and its size, so a run with the same files and chunk size finds the chunks done before; a
    file that cannot be found comes as a chunk without an id, holding the error."""
    for path in archive_files(sources):
        if isinstance(path, InputError):
            yield None, [path]
            continue
        name = str(path.resolve())
        items: list[PendingReport | InputError] = []
        first = 0
        for item in archive_reports(path):
            items.append(item)
            if len(items) == size:
                yield f"{name}#{first}+{size}", items
                first, items = first + size, []
        if items:
            yield f"{name}#{first}+{size}", items


def extract_chunk(reports: list[ReportInput]) -> tuple[str, list[dict[str, Any] | Exception]]:
    """Run on a worker: its extractor's version, and each report's record as a dict or the exception its
    extraction raised."""
    records = extract_isolating_failures(reports, _worker_extractor())
    return extractor_version(), [r if isinstance(r, Exception) else r.to_dict() for r in records]


@functools.cache
def _worker_extractor() -> Any:
    from ceasefire import default_extractor  # loaded once per worker process

    return default_extractor()


def ingest_archive(sources: Iterable[str], store: Store, *, scheduler: str | None = None, workers: int | None = None,
                   chunk: int = CHUNK, progress: Progress | None = None, version: str | None = None,
                   on_chunk: Callable[[str], None] | None = None) -> ArchiveSummary:
    """Ingest the archive behind ``sources`` (files and folders) on the Dask cluster at ``scheduler``, or on a
    local cluster of ``workers`` processes (this machine's cores by default), then resolve. ``on_chunk`` is
    told of each chunk stored; ``version`` is the extractor's this process stamps records with, and a worker
    whose extractor differs has its chunks refused."""
    from distributed import Client, LocalCluster, as_completed

    started = time.monotonic()
    summary = ArchiveSummary()
    ingester = BatchIngester(store, None, version or extractor_version(), summary, progress)
    done = store.archive_chunks_done()
    cluster = None if scheduler else LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    try:
        client = Client(scheduler or cluster, timeout=SCHEDULER_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as err:  # no scheduler there, or no address at all
        raise CeasefireError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({err})") from None
    try:
        summary.workers = len(client.scheduler_info()["workers"])
        in_flight: dict[Any, tuple[str, Batch]] = {}
        finished = as_completed()

        def collect(future: Any) -> None:
            chunk_id, batch = in_flight.pop(future)
            done = True  # the chunk is marked done, unless it failed for a reason a later run may not meet
            try:
                worker_version, results = future.result()
                records: list[DocumentRecord | Exception] = [
                    r if isinstance(r, Exception) else record_from_dict(r) for r in results]
                if worker_version != ingester.version:  # records of another extractor would be stamped as ours
                    records = [RuntimeError(f"the worker runs extractor {worker_version}, this process "
                                            f"{ingester.version}: install the same version everywhere")] * len(batch)
                    done = False
            except Exception as err:  # the task itself failed (a worker lost too often): its reports fail
                records, done = [err] * len(batch), False
            _store(ingester, chunk_id if done else None, batch, records, summary)
            if on_chunk:
                on_chunk(chunk_id)

        for chunk_id, items in chunks(sources, chunk):
            if chunk_id in done:
                summary.resumed += 1
                continue
            for item in items:
                ingester.take(item)
            batch = ingester.take_batch()
            if chunk_id is None:  # a file not found: recorded as a failure, nothing to mark
                continue
            if not batch:  # every report of it stored already, or unreadable
                _store(ingester, chunk_id, batch, [], summary)
                continue
            future = client.submit(extract_chunk, [report for _, report, _ in batch], pure=False)
            in_flight[future] = (chunk_id, batch)
            finished.add(future)
            while len(in_flight) >= 2 * summary.workers:  # enough queued to keep every worker busy
                collect(next(finished))
        for future in finished:
            collect(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return finish(store, summary, started)


def _store(ingester: BatchIngester, chunk_id: str | None, batch: Batch, records: list[DocumentRecord | Exception],
           summary: ArchiveSummary) -> None:
    """Store a chunk's records and, with its id, mark it done in the same transaction."""
    size = len(batch)
    ingester.store_batch(batch, records, also=chunk_id and (
        lambda conn: ingester.store.mark_chunk_done(conn, chunk_id, size)))
    summary.chunks += 1
