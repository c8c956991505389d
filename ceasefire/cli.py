"""The ``ceasefire`` command: a thin layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ceasefire.errors import CeasefireError, InputError
from ceasefire.ingestion.inputs import ReportInput
from ceasefire.ingestion.reading import read_jsonl, read_report_file
from ceasefire.records import DocumentRecord
from ceasefire.storage.dialect import is_postgresql
from ceasefire.storage.store import store_exists
from ceasefire.summary import render_summary


class _Commands(click.Group):
    """Errors meant for the user (a store that is not one, a bad input) end the command with their
    message, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CeasefireError as err:
            raise click.ClickException(str(err)) from err


@click.group(cls=_Commands)
@click.version_option(package_name="ceasefire")
def main() -> None:
    """Ceasefire Monitor: sourced records of incidents, casualty claims, quotes and talks."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8"),
              help="Read inputs as JSON Lines ({id,text,published,url,title,publisher}); '-' for stdin.")
@click.option("--published", help="Publication date YYYY-MM-DD (relative dates resolve against it).")
@click.option("--url", help="URL of the report.")
@click.option("--title", help="Title of the report.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: the document record (JSON Lines for several); text: a readable summary.")
def extract(files: tuple[Path, ...], jsonl: click.utils.LazyFile | None, published: str | None,
            url: str | None, title: str | None, fmt: str) -> None:
    """Extract the document record of each report FILE (.txt, .md, .html)."""
    from ceasefire import default_extractor

    if not files and jsonl is None:
        raise click.UsageError("give report files, or --jsonl PATH (or - for stdin)")
    if published is not None:
        _check_date(published)
    if jsonl is not None:
        inputs = read_jsonl(jsonl, source=getattr(jsonl, "name", "<stdin>"))
    else:
        inputs = (_read_file(f, published, url, title) for f in files)
    failures = 0

    def readable() -> Iterator[ReportInput]:
        nonlocal failures
        for item in inputs:
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    def report_failure(item: ReportInput, exc: Exception) -> None:
        nonlocal failures
        failures += 1
        if isinstance(exc, InputError):
            click.echo(f"error: {exc}", err=True)
        else:
            click.echo(f"error: {item.id or 'report'}: extraction failed ({type(exc).__name__}: {exc})", err=True)

    pretty = len(files) == 1 and jsonl is None
    for record in default_extractor().extract_many(readable(), on_error=report_failure):
        _emit(record, fmt, pretty=pretty)
    if failures:
        click.echo(f"{failures} report(s) failed; the others were extracted", err=True)
        sys.exit(1)


def _read_file(path: Path, published: str | None, url: str | None, title: str | None) -> ReportInput | InputError:
    try:
        return read_report_file(path, published=published, url=url, title=title)
    except InputError as err:
        return err


def _emit(record: DocumentRecord, fmt: str, pretty: bool) -> None:
    if fmt == "text":
        click.echo(render_summary(record))
    else:
        click.echo(record.to_json(indent=2 if pretty else None))


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint="--published") from err


@main.command()
@click.option("--db", "db_path", envvar="CEASEFIRE_DB", default="ceasefire.db", show_default=True,
              help="The store to serve: an SQLite file or a PostgreSQL URL (or $CEASEFIRE_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="CEASEFIRE_TOKEN", help="Bearer token that allows POSTing reports "
              "(or $CEASEFIRE_TOKEN); without one the server is read-only.")
@click.option("--cors-origin", "cors_origins", multiple=True, help="Allow this origin to read the API (CORS).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes; one per CPU core serves many concurrent clients best.")
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="A host name clients may use to reach the server, besides the loopback names "
                   "(its public name when serving on a network).")
def serve(db_path: str, host: str, port: int, token: str | None, cors_origins: tuple[str, ...],
          workers: int, allowed_hosts: tuple[str, ...]) -> None:
    """Serve the JSON API and the dashboard over the store."""
    import os

    import uvicorn

    if not store_exists(db_path):
        raise click.UsageError(f"no store at {db_path}: run `ceasefire ingest` first (or give --db)")
    click.echo(f"Ceasefire Monitor dashboard on http://{host}:{port}/ ({'read-write' if token else 'read-only'})")
    # Each worker process builds its own app from the environment (see app_from_environment).
    os.environ["CEASEFIRE_DB"] = db_path if is_postgresql(db_path) else str(Path(db_path).resolve())
    os.environ["CEASEFIRE_CORS_ORIGINS"] = ",".join(cors_origins)
    from ceasefire.web.app import LOOPBACK_HOSTS

    bound = [host] if host not in ("0.0.0.0", "::") else []
    os.environ["CEASEFIRE_ALLOWED_HOSTS"] = ",".join(dict.fromkeys([*LOOPBACK_HOSTS, *bound, *allowed_hosts]))
    if token:
        os.environ["CEASEFIRE_TOKEN"] = token
    uvicorn.run("ceasefire.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


@main.group()
def gazetteer() -> None:
    """The gazetteer: add a theatre's villages from GeoNames, look names up."""


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Path(dir_okay=False, path_type=Path), envvar="CEASEFIRE_GAZETTEER",
              help="The user gazetteer to add to (or $CEASEFIRE_GAZETTEER; default under ~/.local/share/ceasefire).")
def gazetteer_import(files: tuple[Path, ...], target: Path | None) -> None:
    """Add the places of GeoNames country files (XX.txt from the GeoNames dumps) to the gazetteer.

    Populated places, sites and admin units are added, so that villages too small for the packaged
    data are found and located; importing a file again changes nothing."""
    from ceasefire.extraction.places.gazetteer_store import GazetteerFileError, import_geonames, user_index_path

    failed = False
    for path in files:
        try:
            result = import_geonames(path, target)
        except GazetteerFileError as err:
            click.echo(f"error: {err}", err=True)
            failed = True
            continue
        click.echo(f"{path}: {result.places} places imported into {target or user_index_path()} "
                   f"({result.skipped} rows of other kinds left out)")
    if failed:
        sys.exit(1)


@gazetteer.command("lookup")
@click.argument("name")
def gazetteer_lookup(name: str) -> None:
    """The entries a place name may stand for, most prominent first."""
    from ceasefire.extraction.places.gazetteer import Gazetteer

    entries = Gazetteer.load().lookup(name)
    if not entries:
        click.echo(f"{name}: not in the gazetteer")
    for entry in entries:
        where = f"{entry.admin1}, {entry.country}" if entry.admin1 else entry.country
        click.echo(f"{entry.name} ({where}) {entry.precision} {entry.lat:.4f},{entry.lon:.4f} "
                   f"prominence {entry.prominence}{' curated' if entry.curated else ''}")


from ceasefire.cli_monitor import register as register_monitor_commands  # noqa: E402

register_monitor_commands(main)

from ceasefire.cli_mechanism import register as register_mechanism_commands  # noqa: E402

register_mechanism_commands(main)
