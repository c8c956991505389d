"""The monitoring mechanism's JSON API, under ``/api/mechanism/``: a thin layer over
:mod:`ceasefire.mechanism`, which makes every check of who may do what.

Log in with ``POST /api/mechanism/login`` (account name and password) for a session token, then send
``Authorization: Bearer <token>``. A refused value is a 422 naming the field, an action the account's role
does not allow a 403, an allegation it may not see a 404 (as one that does not exist).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from ceasefire.mechanism import allegations as steps
from ceasefire.mechanism import files, logbook, reports, terms
from ceasefire.mechanism.access import Account
from ceasefire.mechanism.accounts import authenticate, close_session, open_session, session_account
from ceasefire.mechanism.vocabulary import (
    CATEGORIES,
    MAX_TEXT,
    OBSERVED,
    STATES,
    AccessDenied,
    MechanismInputError,
    NotFound,
)
from ceasefire.web.deps import StoreDep

router = APIRouter(prefix="/api/mechanism", tags=["mechanism"])


def _token(authorization: str | None) -> str:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "log in first (POST /api/mechanism/login) and send Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    return authorization.removeprefix("Bearer ").strip()


def current_account(db: StoreDep, authorization: Annotated[str | None, Header()] = None) -> Account:
    try:
        return session_account(db, _token(authorization))
    except AccessDenied as err:
        raise HTTPException(401, str(err), headers={"WWW-Authenticate": "Bearer"}) from None


AccountDep = Annotated[Account, Depends(current_account)]


def _call(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a mechanism step, its refusals as HTTP answers."""
    try:
        return function(*args, **kwargs)
    except MechanismInputError as err:
        raise HTTPException(422, str(err)) from None
    except AccessDenied as err:
        raise HTTPException(403, str(err)) from None
    except NotFound as err:
        raise HTTPException(404, str(err)) from None


class LoginIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1_000)


class AllegationBody(BaseModel):
    alleged_by: str = Field(max_length=200)
    against: str | None = Field(default=None, max_length=200)
    occurred_on: str = Field(max_length=10)
    category: str = Field(max_length=50)
    observed: str = Field(max_length=50)
    description: str = Field(max_length=MAX_TEXT)
    latitude: float | None = None
    longitude: float | None = None
    area: dict[str, Any] | None = None
    place: str | None = Field(default=None, max_length=200)
    precision: str = "exact"
    killed: int | None = None
    injured: int | None = None
    agreement_id: str | None = Field(default=None, max_length=100)
    source: str | None = Field(default=None, max_length=20)


class NoteIn(BaseModel):
    note: str | None = Field(default=None, max_length=MAX_TEXT)


class DraftIn(BaseModel):
    finding: str = Field(max_length=MAX_TEXT)
    attribution: str | None = Field(default=None, max_length=200)


class RulingIn(BaseModel):
    outcome: str = Field(max_length=30)
    finding: str = Field(max_length=MAX_TEXT)
    attribution: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=MAX_TEXT)


class LinkIn(BaseModel):
    incident_id: str = Field(max_length=100)


class CallIn(BaseModel):
    at: str = Field(max_length=40)
    from_party: str = Field(max_length=200)
    to_party: str = Field(max_length=200)
    channel: str = Field(max_length=20)
    subject: str = Field(max_length=MAX_TEXT)
    allegation_id: str | None = Field(default=None, max_length=100)
    incident_id: str | None = Field(default=None, max_length=100)


class ResponseIn(BaseModel):
    response: str = Field(max_length=MAX_TEXT)
    at: str = Field(max_length=40)


class PatrolIn(BaseModel):
    date: str = Field(max_length=40)
    participants: dict[str, list[str]]
    observations: str = Field(max_length=MAX_TEXT)
    route: dict[str, Any] | None = None
    findings: str | None = Field(default=None, max_length=MAX_TEXT)
    allegations: list[str] = Field(default_factory=list, max_length=100)


class TermsIn(BaseModel):
    prohibited: list[str] = Field(max_length=len(CATEGORIES))
    zones: list[dict[str, Any]] = Field(default_factory=list, max_length=200)
    effective_at: str | None = Field(default=None, max_length=40)


@router.post("/login")
def login(db: StoreDep, body: LoginIn) -> dict[str, Any]:
    """A session token for the account (valid for 12 hours)."""
    try:
        account = authenticate(db, body.name, body.password)
    except AccessDenied as err:
        raise HTTPException(401, str(err)) from None
    return {"token": open_session(db, account), **_account(account)}


@router.post("/logout", status_code=204)
def logout(db: StoreDep, authorization: Annotated[str | None, Header()] = None) -> Response:
    close_session(db, _token(authorization))
    return Response(status_code=204)


@router.get("/me")
def me(account: AccountDep) -> dict[str, Any]:
    return _account(account)


@router.get("/vocabulary")
def vocabulary() -> dict[str, dict[str, str]]:
    """The categories, ways of observing and states, with their human labels (for forms)."""
    return {"categories": CATEGORIES, "observed": OBSERVED, "states": STATES}


@router.get("/allegations")
def list_allegations(db: StoreDep, account: AccountDep, state: Annotated[str | None, Query(max_length=30)] = None,
                     published: bool = False) -> list[dict[str, Any]]:
    return _call(steps.allegations, db, account, state=state, published_only=published)


@router.post("/allegations", status_code=201)
def submit(db: StoreDep, account: AccountDep, body: AllegationBody) -> dict[str, Any]:
    allegation_id = _call(steps.submit, db, account, steps.AllegationIn(**body.model_dump()))
    return steps.allegation(db, account, allegation_id)


@router.get("/allegations/{allegation_id}")
def show(db: StoreDep, account: AccountDep, allegation_id: str) -> dict[str, Any]:
    return _call(steps.allegation, db, account, allegation_id)


@router.post("/allegations/{allegation_id}/investigate")
def investigate(db: StoreDep, account: AccountDep, allegation_id: str, body: NoteIn) -> dict[str, Any]:
    _call(steps.investigate, db, account, allegation_id, body.note)
    return steps.allegation(db, account, allegation_id)


@router.post("/allegations/{allegation_id}/draft")
def draft(db: StoreDep, account: AccountDep, allegation_id: str, body: DraftIn) -> dict[str, Any]:
    _call(steps.draft, db, account, allegation_id, finding=body.finding, attribution=body.attribution)
    return steps.allegation(db, account, allegation_id)


@router.post("/allegations/{allegation_id}/rule")
def rule(db: StoreDep, account: AccountDep, allegation_id: str, body: RulingIn) -> dict[str, Any]:
    _call(steps.rule, db, account, allegation_id, outcome=body.outcome, finding=body.finding,
          attribution=body.attribution, reason=body.reason)
    return steps.allegation(db, account, allegation_id)


@router.post("/allegations/{allegation_id}/publish")
def publish(db: StoreDep, account: AccountDep, allegation_id: str) -> dict[str, Any]:
    _call(steps.publish, db, account, allegation_id)
    return steps.allegation(db, account, allegation_id)


@router.get("/allegations/{allegation_id}/suggestions")
def suggestions(db: StoreDep, account: AccountDep, allegation_id: str) -> list[dict[str, Any]]:
    return _call(steps.suggest_incidents, db, account, allegation_id)


@router.post("/allegations/{allegation_id}/links")
def link(db: StoreDep, account: AccountDep, allegation_id: str, body: LinkIn) -> dict[str, Any]:
    _call(steps.link, db, account, allegation_id, body.incident_id)
    return steps.allegation(db, account, allegation_id)


@router.put("/allegations/{allegation_id}/files/{name}", status_code=201)
async def attach(request: Request, db: StoreDep, account: AccountDep, allegation_id: str,
                 name: str) -> dict[str, Any]:
    """Attach the request body as a file NAME (.jpg, .png, .pdf, .txt; at most 10 MB)."""
    declared = int(request.headers.get("content-length") or 0)
    if declared > files.MAX_BYTES:
        raise HTTPException(413, f"{name}: larger than {files.MAX_BYTES // (1024 * 1024)} MB")
    content = b""
    async for chunk in request.stream():
        content += chunk
        if len(content) > files.MAX_BYTES:
            raise HTTPException(413, f"{name}: larger than {files.MAX_BYTES // (1024 * 1024)} MB")
    digest = _call(files.attach, db, account, allegation_id, name, content)
    return {"sha256": digest, "name": name}


@router.get("/allegations/{allegation_id}/files/{digest}")
def attached(db: StoreDep, account: AccountDep, allegation_id: str, digest: str) -> Response:
    name, media_type, content = _call(files.attached, db, account, allegation_id, digest)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{safe}"'})


@router.get("/hotline")
def hotline(db: StoreDep, account: AccountDep) -> list[dict[str, Any]]:
    return _call(logbook.calls, db, account)


@router.post("/hotline", status_code=201)
def log_call(db: StoreDep, account: AccountDep, body: CallIn) -> dict[str, str]:
    return {"id": _call(logbook.log_call, db, account, **body.model_dump())}


@router.post("/hotline/{entry_id}/response")
def respond(db: StoreDep, account: AccountDep, entry_id: str, body: ResponseIn) -> dict[str, str]:
    _call(logbook.respond, db, account, entry_id, response=body.response, at=body.at)
    return {"id": entry_id}


@router.get("/patrols")
def patrols(db: StoreDep, account: AccountDep) -> list[dict[str, Any]]:
    return _call(logbook.patrols, db, account)


@router.post("/patrols", status_code=201)
def log_patrol(db: StoreDep, account: AccountDep, body: PatrolIn) -> dict[str, str]:
    return {"id": _call(logbook.log_patrol, db, account, **body.model_dump())}


@router.get("/terms/{agreement_id}")
def get_terms(db: StoreDep, account: AccountDep, agreement_id: str) -> dict[str, Any]:
    found = terms.agreement_terms(db, agreement_id)
    if found is None:
        raise HTTPException(404, f"no terms recorded for agreement {agreement_id!r}")
    return found


@router.put("/terms/{agreement_id}")
def put_terms(db: StoreDep, account: AccountDep, agreement_id: str, body: TermsIn) -> dict[str, Any]:
    _call(terms.set_terms, db, account, agreement_id, prohibited=body.prohibited, zones=body.zones,
          effective_at=body.effective_at)
    return terms.agreement_terms(db, agreement_id) or {}


@router.get("/terms/{agreement_id}/breaches")
def breaches(db: StoreDep, account: AccountDep, agreement_id: str) -> list[dict[str, Any]]:
    return _call(terms.check_incidents, db, agreement_id)


@router.get("/table")
def claimed_versus_verified(db: StoreDep, account: AccountDep,
                            period: Literal["day", "week", "month"] = "month") -> dict[str, Any]:
    return {"rows": reports.claimed_versus_verified(db, account, period=period),
            "time_to_ruling": reports.time_to_ruling(db, account)}


@router.get("/report", response_model=None)
def periodic_report(db: StoreDep, account: AccountDep, end: str | None = None,
                    days: Annotated[int, Query(ge=1, le=366)] = 7,
                    format: Literal["md", "html"] = "md") -> PlainTextResponse | HTMLResponse:
    try:
        last = dt.date.fromisoformat(end) if end else dt.date.today()
    except ValueError:
        raise HTTPException(422, f"end: {end!r} is not a day YYYY-MM-DD") from None
    text = reports.periodic_report(db, account, end=last, days=days, fmt=format)
    return HTMLResponse(text) if format == "html" else PlainTextResponse(text, media_type="text/markdown")


def _account(account: Account) -> dict[str, Any]:
    return {"name": account.name, "role": account.role, "party": account.party}
