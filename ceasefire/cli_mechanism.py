"""The monitoring mechanism's commands (``ceasefire mechanism ...``, ``ceasefire audit verify``): thin click
wrappers over :mod:`ceasefire.mechanism`. Registered on the main group in cli.py.

Each command acts as an account: ``--user`` (or ``$CEASEFIRE_USER``) with its password from
``$CEASEFIRE_PASSWORD`` or a prompt. Creating accounts needs only the store file: whoever holds it is the
mechanism's administrator.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ceasefire.cli_monitor import _db_option, _existing_store
from ceasefire.mechanism import allegations as allegation_steps
from ceasefire.mechanism import logbook, reports, terms
from ceasefire.mechanism.access import Account
from ceasefire.mechanism.accounts import add_account, authenticate
from ceasefire.mechanism.vocabulary import CATEGORIES, CHANNELS, OBSERVED, ROLES, RULINGS, SOURCES, STATES
from ceasefire.storage.store import Store


def _password(prompt: str = "Password", confirm: bool = False) -> str:
    return os.environ.get("CEASEFIRE_PASSWORD") or click.prompt(prompt, hide_input=True,
                                                                confirmation_prompt=confirm)


def _as_user(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--user", envvar="CEASEFIRE_USER", required=True,
                        help="The account to act as (or $CEASEFIRE_USER); its password from "
                             "$CEASEFIRE_PASSWORD or a prompt.")(_db_option(function))


@contextmanager
def _acting(db: str, user: str) -> Iterator[tuple[Store, Account]]:
    """The store, and the account ``user`` once its password is checked; the store closed after."""
    with _existing_store(db) as store:
        yield store, authenticate(store, user, _password())


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@click.group()
def mechanism() -> None:
    """The monitoring mechanism: allegations, verification, hotline, patrols, terms, reports."""


@mechanism.command("add-account")
@click.argument("name")
@click.option("--role", type=click.Choice(list(ROLES)), required=True, help="; ".join(f"{k}: {v}" for k, v in
                                                                                    ROLES.items()))
@click.option("--party", help="The side a liaison speaks for (as the reports name it).")
@_db_option
def add_account_command(name: str, role: str, party: str | None, db: str) -> None:
    """Create an account NAME (its password from $CEASEFIRE_PASSWORD or a prompt)."""
    with _existing_store(db) as store:
        account = add_account(store, name, role, _password("New password", confirm=True), party)
    click.echo(f"account {account.name}: {account.role}{' for ' + account.party if account.party else ''}")


@mechanism.command()
@_as_user
@click.option("--agreement", help="The agreement's id (see `ceasefire status --json`).")
@click.option("--alleged-by", required=True, help="Who alleges it (a liaison: its own side).")
@click.option("--against", help="The side said to have done it.")
@click.option("--on", "occurred_on", required=True, help="The day it happened, YYYY-MM-DD.")
@click.option("--category", type=click.Choice(list(CATEGORIES)), required=True)
@click.option("--observed", type=click.Choice(list(OBSERVED)), required=True, help="How it was observed.")
@click.option("--description", required=True)
@click.option("--place", help="The place's name.")
@click.option("--lat", type=float)
@click.option("--lon", type=float)
@click.option("--precision", type=click.Choice(["exact", "district", "province", "country"]), default="exact")
@click.option("--killed", type=click.IntRange(min=0))
@click.option("--injured", type=click.IntRange(min=0))
@click.option("--source", type=click.Choice(list(SOURCES)), help="Who brought it (monitors and chairs).")
def allege(db: str, user: str, agreement: str | None, alleged_by: str, against: str | None, occurred_on: str,
           category: str, observed: str, description: str, place: str | None, lat: float | None,
           lon: float | None, precision: str, killed: int | None, injured: int | None, source: str | None) -> None:
    """Submit an alleged violation."""
    with _acting(db, user) as (store, account):
        allegation_id = allegation_steps.submit(store, account, allegation_steps.AllegationIn(
            alleged_by=alleged_by, against=against, occurred_on=occurred_on, category=category, observed=observed,
            description=description, latitude=lat, longitude=lon, place=place, precision=precision, killed=killed,
            injured=injured, agreement_id=agreement, source=source))
    click.echo(allegation_id)


@mechanism.command("list")
@_as_user
@click.option("--state", type=click.Choice(list(STATES)))
@click.option("--json", "as_json", is_flag=True)
def list_allegations(db: str, user: str, state: str | None, as_json: bool) -> None:
    """The allegations the account may see, newest first."""
    with _acting(db, user) as (store, account):
        found = allegation_steps.allegations(store, account, state=state)
    if as_json:
        _echo_json(found)
        return
    for a in found:
        click.echo(f"{a['id']}  {a['occurred_on']}  {STATES[a['state']]:<20} {CATEGORIES[a['category']]} · "
                   f"{a['place'] or 'place not given'} · alleged by {a['alleged_by']} against {a['against'] or '?'}"
                   + (" · published" if a["published_at"] else ""))


@mechanism.command()
@_as_user
@click.argument("allegation_id")
def show(db: str, user: str, allegation_id: str) -> None:
    """One allegation with its history, linked incidents and files (JSON)."""
    with _acting(db, user) as (store, account):
        _echo_json(allegation_steps.allegation(store, account, allegation_id))


@mechanism.command()
@_as_user
@click.argument("allegation_id")
@click.option("--note")
def investigate(db: str, user: str, allegation_id: str, note: str | None) -> None:
    """Take an allegation up: alleged -> under investigation."""
    with _acting(db, user) as (store, account):
        allegation_steps.investigate(store, account, allegation_id, note)
    click.echo(f"{allegation_id}: under investigation")


@mechanism.command()
@_as_user
@click.argument("allegation_id")
@click.option("--finding", required=True)
@click.option("--attribution", help="The party found responsible, or 'undetermined'.")
def draft(db: str, user: str, allegation_id: str, finding: str, attribution: str | None) -> None:
    """Draft the finding of an allegation under investigation, for the chair."""
    with _acting(db, user) as (store, account):
        allegation_steps.draft(store, account, allegation_id, finding=finding, attribution=attribution)
    click.echo(f"{allegation_id}: finding drafted")


@mechanism.command()
@_as_user
@click.argument("allegation_id")
@click.option("--outcome", type=click.Choice(list(RULINGS)), required=True)
@click.option("--finding", required=True)
@click.option("--attribution", help="The party found responsible (default: undetermined).")
@click.option("--reason", help="Why it could not be verified (required with unable_to_verify).")
def rule(db: str, user: str, allegation_id: str, outcome: str, finding: str, attribution: str | None,
         reason: str | None) -> None:
    """The chair's ruling on an allegation under investigation."""
    with _acting(db, user) as (store, account):
        allegation_steps.rule(store, account, allegation_id, outcome=outcome, finding=finding,
                              attribution=attribution, reason=reason)
    click.echo(f"{allegation_id}: {STATES[outcome]}")


@mechanism.command()
@_as_user
@click.argument("allegation_id")
def publish(db: str, user: str, allegation_id: str) -> None:
    """Publish a ruled allegation."""
    with _acting(db, user) as (store, account):
        allegation_steps.publish(store, account, allegation_id)
    click.echo(f"{allegation_id}: published")


@mechanism.command()
@_as_user
@click.argument("allegation_id")
def suggest(db: str, user: str, allegation_id: str) -> None:
    """Incidents from the reports that may be the allegation's event."""
    with _acting(db, user) as (store, account):
        for i in allegation_steps.suggest_incidents(store, account, allegation_id):
            where = i["location"]["name"] if i["location"] else "place unknown"
            click.echo(f"{i['id']}  {i['date']}  {i['sub_event_type'] or i['event_type']} · {where}"
                       + (f" · {i['km']} km" if i["km"] is not None else ""))


@mechanism.command()
@_as_user
@click.argument("allegation_id")
@click.argument("incident_id")
def link(db: str, user: str, allegation_id: str, incident_id: str) -> None:
    """Confirm that an incident from the reports is the allegation's event."""
    with _acting(db, user) as (store, account):
        allegation_steps.link(store, account, allegation_id, incident_id)
    click.echo(f"{allegation_id}: linked to {incident_id}")


@mechanism.command()
@_as_user
@click.argument("allegation_id")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def attach(db: str, user: str, allegation_id: str, file: Path) -> None:
    """Attach a photo or document (.jpg, .png, .pdf, .txt) to an allegation."""
    from ceasefire.mechanism.files import MAX_BYTES
    from ceasefire.mechanism.files import attach as attach_file

    if file.stat().st_size > MAX_BYTES:
        raise click.ClickException(f"{file}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    with _acting(db, user) as (store, account):
        digest = attach_file(store, account, allegation_id, file.name, file.read_bytes())
    click.echo(f"{allegation_id}: {file.name} attached ({digest[:12]})")


@mechanism.group()
def hotline() -> None:
    """The hotline log."""


@hotline.command("log")
@_as_user
@click.option("--at", required=True, help="When, YYYY-MM-DDTHH:MM (UTC unless an offset is given).")
@click.option("--from", "from_party", required=True)
@click.option("--to", "to_party", required=True)
@click.option("--channel", type=click.Choice(list(CHANNELS)), required=True)
@click.option("--subject", required=True)
@click.option("--allegation")
@click.option("--incident")
def hotline_log(db: str, user: str, at: str, from_party: str, to_party: str, channel: str, subject: str,
                allegation: str | None, incident: str | None) -> None:
    """Record a hotline call or message."""
    with _acting(db, user) as (store, account):
        click.echo(logbook.log_call(store, account, at=at, from_party=from_party, to_party=to_party,
                                    channel=channel, subject=subject, allegation_id=allegation,
                                    incident_id=incident))


@hotline.command("respond")
@_as_user
@click.argument("entry_id")
@click.option("--response", required=True)
@click.option("--at", required=True)
def hotline_respond(db: str, user: str, entry_id: str, response: str, at: str) -> None:
    """Record the answer to a hotline call."""
    with _acting(db, user) as (store, account):
        logbook.respond(store, account, entry_id, response=response, at=at)
    click.echo(f"{entry_id}: response recorded")


@hotline.command("list")
@_as_user
def hotline_list(db: str, user: str) -> None:
    """The hotline log, newest first."""
    with _acting(db, user) as (store, account):
        for c in logbook.calls(store, account):
            answer = (f"answered in {c['response_minutes']} min: {c['response']}" if c["response"]
                      else "no response yet")
            click.echo(f"{c['id']}  {c['at']}  {c['from_party']} -> {c['to_party']} ({c['channel']}): "
                       f"{c['subject']} · {answer}")


@mechanism.group()
def patrol() -> None:
    """Joint patrol reports."""


@patrol.command("log")
@_as_user
@click.option("--date", "day", required=True)
@click.option("--participants", required=True, help='JSON: {"Side A": ["name", ...], "Side B": [...]}')
@click.option("--observations", required=True)
@click.option("--findings")
@click.option("--route", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The route or area, a GeoJSON geometry file.")
@click.option("--allegation", "allegation_ids", multiple=True)
def patrol_log(db: str, user: str, day: str, participants: str, observations: str, findings: str | None,
               route: Path | None, allegation_ids: tuple[str, ...]) -> None:
    """Record a joint patrol."""
    try:
        sides = json.loads(participants)
        geometry = json.loads(route.read_text(encoding="utf-8")) if route else None
    except (ValueError, UnicodeDecodeError) as err:
        raise click.BadParameter(f"not JSON: {err}") from err
    with _acting(db, user) as (store, account):
        click.echo(logbook.log_patrol(store, account, date=day, participants=sides, observations=observations,
                                      route=geometry, findings=findings, allegations=list(allegation_ids)))


@patrol.command("list")
@_as_user
def patrol_list(db: str, user: str) -> None:
    """Joint patrols, newest first."""
    with _acting(db, user) as (store, account):
        for p in logbook.patrols(store, account):
            sides = "; ".join(f"{side}: {', '.join(people)}" for side, people in p["participants"].items())
            click.echo(f"{p['id']}  {p['date']}  {sides} · {p['observations']}"
                       + (f" · found: {p['findings']}" if p["findings"] else ""))


@mechanism.command("terms")
@_as_user
@click.argument("agreement_id")
@click.option("--prohibit", "prohibited", multiple=True, type=click.Choice(list(CATEGORIES)), required=True)
@click.option("--zones", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='A GeoJSON FeatureCollection; each feature\'s properties give "name" and "kind" '
                   "(buffer, withdrawal, protected_site, other).")
@click.option("--effective-at", help="The moment it took effect, YYYY-MM-DDTHH:MM (default: the reports').")
def set_terms(db: str, user: str, agreement_id: str, prohibited: tuple[str, ...], zones: Path | None,
              effective_at: str | None) -> None:
    """Record an agreement's terms (the chair)."""
    try:
        features = json.loads(zones.read_text(encoding="utf-8"))["features"] if zones else []
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise click.BadParameter(f"{zones}: not a GeoJSON FeatureCollection ({err})") from err
    listed = [{**(f.get("properties") or {}), "geometry": f.get("geometry")} for f in features]
    with _acting(db, user) as (store, account):
        terms.set_terms(store, account, agreement_id, prohibited=list(prohibited), zones=listed,
                        effective_at=effective_at)
    click.echo(f"terms of {agreement_id}: {', '.join(prohibited)}; {len(listed)} zone(s)")


@mechanism.command("check")
@_db_option
@click.argument("agreement_id")
def check(db: str, agreement_id: str) -> None:
    """Incidents from the reports that breach an agreement's terms."""
    with _existing_store(db) as store:
        found = terms.check_incidents(store, agreement_id)
    for i in found:
        where = i["location"]["name"] if i["location"] else "place unknown"
        zones = f" · inside {', '.join(i['zones'])}" if i["zones"] else ""
        click.echo(f"{i['id']}  {i['date']}  {CATEGORIES[i['category']]} · {where}{zones}")
    click.echo(f"{len(found)} incident(s) breach the terms")


@mechanism.command()
@_as_user
@click.option("--period", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
def table(db: str, user: str, period: str) -> None:
    """Violations claimed against those verified, per period, side and category; and time to ruling."""
    with _acting(db, user) as (store, account):
        rows = reports.claimed_versus_verified(store, account, period=period)
        timing = reports.time_to_ruling(store, account)
    click.echo(reports.claimed_versus_verified_text(rows))
    click.echo(f"\n{timing['ruled']} ruled; median {timing['median_days']} days from submission to ruling, "
               f"longest {timing['longest_days']}")


@mechanism.command("report")
@_as_user
@click.option("--end", help="The last day of the period, YYYY-MM-DD (default: today).")
@click.option("--days", type=click.IntRange(1, 366), default=7, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
def periodic_report(db: str, user: str, end: str | None, days: int, fmt: str, out: Path | None) -> None:
    """The periodic report: allegations per area against the previous period, findings, open cases."""
    try:
        last = dt.date.fromisoformat(end) if end else dt.date.today()
    except ValueError as err:
        raise click.BadParameter(f"--end {end!r} is not a day YYYY-MM-DD") from err
    with _acting(db, user) as (store, account):
        text = reports.periodic_report(store, account, end=last, days=days, fmt=fmt)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"written to {out}")
    else:
        click.echo(text, nl=False)


@click.group()
def audit() -> None:
    """The mechanism's audit log."""


@audit.command()
@_db_option
def verify(db: str) -> None:
    """Check the hash chain and every row against it; name what was edited or deleted."""
    from ceasefire.mechanism.audit import verify as verify_log

    with _existing_store(db) as store:
        problems = verify_log(store.connection)
        entries = store.connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    for problem in problems:
        click.echo(problem)
    if problems:
        sys.exit(1)
    click.echo(f"audit log intact: {entries} entries, every row as last written")


def register(group: click.Group) -> None:
    """Add the mechanism's commands to the ``ceasefire`` command group."""
    group.add_command(mechanism)
    group.add_command(audit)
