"""The monitor's commands (ingest, ingest-archive, reprocess, resolve, remove, failures, status, report,
incidents, export): thin click wrappers over the store, ingestion and analysis libraries. Registered on the main
group in cli.py.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ceasefire.storage.store import DEFAULT_PATH, Store, open_store, store_exists

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db", envvar="CEASEFIRE_DB", default=DEFAULT_PATH, show_default=True,
                        help="The store: an SQLite file, or postgresql://user@host/database; also $CEASEFIRE_DB."
                        )(function)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


def _existing_store(db: str) -> Store:
    if not store_exists(db):
        raise click.ClickException(f"no store at {db}; run `ceasefire ingest SOURCE... --db {db}` first")
    return open_store(db)


@contextmanager
def _progress(label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """(set_total, advance) for a tqdm bar on stderr, silent when stderr is not a terminal."""
    from tqdm import tqdm

    with tqdm(desc=label, unit="report", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
        def set_total(total: int) -> None:
            bar.total = total
            bar.refresh()

        yield set_total, bar.update


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--allow-private", is_flag=True, help="Allow fetching from private, loopback and link-local addresses.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True, max=600), default=15.0, show_default=True,
              help="Seconds per network request.")
@click.option("--no-follow-links", is_flag=True,
              help="Take feed entries as they are, without fetching the article behind a teaser.")
def ingest(sources: tuple[str, ...], db: str, allow_private: bool, timeout: float, no_follow_links: bool) -> None:
    """Ingest reports from SOURCES: files (.txt .md .html .json .jsonl), folders, RSS/Atom feeds (file or URL),
    web page URLs, or - for JSON Lines on stdin. Already stored reports are skipped."""
    from ceasefire import default_extractor
    from ceasefire.ingestion.fetch import FetchOptions
    from ceasefire.ingestion.ingest import ingest as run_ingest
    from ceasefire.ingestion.sources import SourceOptions

    options = SourceOptions(fetch=FetchOptions(timeout=timeout, allow_private=allow_private),
                            follow_feed_links=not no_follow_links)
    with open_store(db) as store, _progress("ingest") as (set_total, advance):
        summary = run_ingest(sources, store, default_extractor(), advance, options=options, total=set_total)
        click.echo(summary.render())
        click.echo(f"store {db}: {store.count('documents')} reports, {store.count('incidents')} incidents, "
                   f"{store.count('agreements')} agreements, {store.count('talks_rounds')} talks rounds")
    if summary.failed or summary.resolution_error:
        sys.exit(1)


@click.command("ingest-archive")
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--scheduler", metavar="ADDRESS", envvar="CEASEFIRE_SCHEDULER",
              help="A Dask scheduler (tcp://host:8786) whose workers extract; by default a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), help="Workers of the local cluster (default: one a core).")
@click.option("--chunk", type=click.IntRange(min=1), default=64, show_default=True, help="Reports a task.")
def ingest_archive(sources: tuple[str, ...], db: str, scheduler: str | None, workers: int | None, chunk: int) -> None:
    """Ingest an archive (JSON Lines and Parquet files, or folders of them) with extraction spread over a Dask
    cluster; a stopped run started again resumes where it stopped."""
    from ceasefire.ingestion.archive import ingest_archive as run_archive

    with open_store(db) as store, _progress("ingest-archive") as (set_total, advance):
        summary = run_archive(sources, store, scheduler=scheduler, workers=workers, chunk=chunk, progress=advance)
        click.echo(summary.render())
        click.echo(f"store {db}: {store.count('documents')} reports, {store.count('incidents')} incidents, "
                   f"{store.count('agreements')} agreements, {store.count('talks_rounds')} talks rounds")
    if summary.failed or summary.resolution_error:
        sys.exit(1)


@click.command()
@_db_option
@click.option("--all", "everything", is_flag=True, help="Re-run over every document, not only outdated ones.")
def reprocess(db: str, everything: bool) -> None:
    """Re-run the current extractor over stored documents an older one processed, in place."""
    from ceasefire import default_extractor
    from ceasefire.ingestion.ingest import reprocess as run_reprocess

    with _existing_store(db) as store, _progress("reprocess") as (set_total, advance):
        summary = run_reprocess(store, default_extractor(), advance, everything=everything, total=set_total)
        click.echo(summary.render())
    if summary.failed or summary.resolution_error:
        sys.exit(1)


@click.command()
@_db_option
@click.option("--full", is_flag=True, help="Resolve every stored report again, not only what changed.")
def resolve(db: str, full: bool) -> None:
    """Bring the resolved record (incidents, agreements, talks) up to date with the stored reports:
    ingest does this itself; --full repairs a store whose resolved record is in doubt."""
    from ceasefire.ingestion.ingest import refresh_resolution

    with _existing_store(db) as store:
        if not (full or store.resolution_stale()):
            click.echo("the resolved record is up to date")
            return
        failure = refresh_resolution(store, full=full)
        if failure:
            click.echo(f"error: resolution failed ({failure})", err=True)
            sys.exit(1)
        click.echo(f"resolved: {store.count('incidents')} incidents, {store.count('agreements')} agreements, "
                   f"{store.count('talks_rounds')} talks rounds")


@click.command()
@_db_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
def failures(db: str, as_json: bool) -> None:
    """Sources that could not be ingested, with the reason."""
    with _existing_store(db) as store:
        found = store.failures()
    if as_json:
        click.echo(json.dumps([vars(f) for f in found], indent=1))
        return
    if not found:
        click.echo("no failures")
    for failure in found:
        click.echo(f"{failure.last_seen}  {failure.source}: {failure.reason}"
                   + (f" ({failure.attempts} attempts)" if failure.attempts > 1 else ""))


@click.command()
@_db_option
@click.option("--agreement", help="Only agreements whose name, venue, id or a party contains this.")
@click.option("--as-of", "as_of", callback=_date, help="Status as of this date (default: the latest report).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
def status(db: str, agreement: str | None, as_of: str | None, as_json: bool) -> None:
    """Whether each ceasefire holds: status, incidents and alleged violations, talks, statements."""
    from ceasefire.analysis.status import ceasefire_status
    from ceasefire.analysis.status_text import render_status_text

    with _existing_store(db) as store:
        result = ceasefire_status(store, agreement=agreement, as_of=as_of)
    click.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False) if as_json
               else render_status_text(result))


@click.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--agreement", help="Only agreements whose name, venue, id or a party contains this.")
@click.option("--as-of", "as_of", callback=_date, help="Brief as of this date (default: the latest report).")
def report(db: str, fmt: str, out: Path | None, agreement: str | None, as_of: str | None) -> None:
    """A shareable brief of the ceasefire status, with a chart of incidents over time."""
    from ceasefire.analysis.brief import write_brief
    from ceasefire.analysis.status import ceasefire_status

    with _existing_store(db) as store:
        result = ceasefire_status(store, agreement=agreement, as_of=as_of)
    text = write_brief(result, fmt, out)
    if out is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {out}", err=True)


def _filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
            click.option("--since", callback=_date, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
            click.option("--until", callback=_date, help="Up to this date."),
            click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. AF."),
            click.option("--type", "event_type", help="ACLED event type or sub-event type."),
            click.option("--actor", help="Actor 1 or actor 2.")]):
        function = option(function)
    return function


@click.command()
@_db_option
@_filter_options
@click.option("--limit", type=int, help="At most this many (the latest).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
def incidents(db: str, as_json: bool, limit: int | None, **filters: Any) -> None:
    """Resolved incidents, filtered by date, country, type and actor."""
    from ceasefire.analysis.export import write_json
    from ceasefire.analysis.status import incident_line
    from ceasefire.analysis.status_text import incident_text

    with _existing_store(db) as store:
        found = store.incidents(**filters, limit=limit, newest_first=limit is not None)
    if as_json:
        write_json(found, sys.stdout)
        return
    for incident in found:
        click.echo(incident_text(incident_line(incident)))
    click.echo(f"{len(found)} incident(s)", err=True)


@click.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "geojson", "acled"]), default="csv",
              show_default=True, help="acled: ACLED's column names and codes.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@_filter_options
def export(db: str, fmt: str, out: Path | None, **filters: Any) -> None:
    """Export the resolved incidents as CSV, JSON, GeoJSON or ACLED-style CSV."""
    from ceasefire.analysis.export import export_incidents

    with _existing_store(db) as store:
        found = store.incidents(**filters)
    if out is None:
        export_incidents(found, fmt, sys.stdout)
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        export_incidents(found, fmt, stream)
    click.echo(f"wrote {len(found)} incident(s) to {out}", err=True)


@click.command()
@click.argument("documents", nargs=-1, required=True)
@_db_option
def remove(documents: tuple[str, ...], db: str) -> None:
    """Take DOCUMENTS (each an id as the API shows it, a URL, or the file it was read from) out of the
    store; the record is resolved again without them."""
    from ceasefire.ingestion.ingest import remove as run_remove

    with _existing_store(db) as store:
        removed, unknown, failure = run_remove(store, list(documents))
    for key in removed:
        click.echo(f"removed {key}")
    for key in unknown:
        click.echo(f"error: no document {key!r} in {db}", err=True)
    if failure:
        click.echo(f"error: resolution failed ({failure}); run `ceasefire reprocess` to retry", err=True)
    if unknown or failure:
        sys.exit(1)


COMMANDS = (ingest, ingest_archive, reprocess, resolve, remove, failures, status, report, incidents, export)


def register(group: click.Group) -> None:
    """Add the monitor's commands to the ``ceasefire`` command group."""
    for command in COMMANDS:
        group.add_command(command)
