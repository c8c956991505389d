"""The HTTP API and the dashboard: a thin layer over the store and the analysis functions.

Read-only unless the operator configures a bearer token (``CEASEFIRE_TOKEN`` or ``token=``);
then ``POST /api/documents`` ingests a report. Every asset is served by the package itself.
"""


import dataclasses
import datetime as dt
import hmac
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator

from ceasefire import __version__
from ceasefire.analysis import browse
from ceasefire.analysis.status import ceasefire_status
from ceasefire.errors import InputError
from ceasefire.ingestion.reading import check_published
from ceasefire.storage.queries import IncidentFilter
from ceasefire.storage.store import Store
from ceasefire.web.deps import StoreDep
from ceasefire.web.mechanism_api import router as mechanism_router

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                                "form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


class ReportIn(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = Field(default=None, max_length=2_000)
    title: str | None = Field(default=None, max_length=1_000)
    publisher: str | None = Field(default=None, max_length=500)

    @field_validator("text", "url", "title", "publisher")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:
                raise ValueError("holds characters that are not valid Unicode (a lone surrogate)") from err
        return value

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank")
        return value

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        try:
            return check_published(value, "published")
        except InputError as err:
            raise ValueError(err.problem) from err


_log = logging.getLogger(__name__)
# Different status computations one server process runs at once (each takes a core for its duration).
STATUS_COMPUTATIONS = 2
PAGE_ANSWERS = 256  # filtered pages of incidents, timelines and tallies kept per server until the store changes
def require_writer(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need the operator's bearer token; without one configured the server is read-only."""
    token = request.app.state.token
    if token is None:
        raise HTTPException(403, "this server is read-only: no write token is configured")
    expected = f"Bearer {token}"
    if not authorization or not hmac.compare_digest(authorization.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


_DATE_PARAM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_OFFSET = 1_000_000_000


def date_param(name: str, value: str | None, *, whole: bool = False) -> str | None:
    """A date query parameter, "YYYY", "YYYY-MM" or "YYYY-MM-DD" (only the last when ``whole``); a 422
    naming the parameter otherwise."""
    if value is None:
        return None
    match = _DATE_PARAM.match(value)
    try:
        if match is None or (whole and match.group(3) is None):
            raise ValueError
        year, month, day = (int(part) if part else 1 for part in match.groups())
        dt.date(year, month, day)
    except ValueError:
        wanted = "YYYY-MM-DD" if whole else "YYYY, YYYY-MM or YYYY-MM-DD"
        raise HTTPException(422, f"{name}: {value!r} is not a date {wanted}") from None
    return value


def incident_filter(db: StoreDep, since: str | None = None, until: str | None = None, country: str | None = None,
                    type: str | None = None, actor: str | None = None, agreement: str | None = None,
                    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
                    disputed: bool = False,
                    located: Annotated[bool | None, Query(description="true: with coordinates; false: without")] = None,
                    sort: Annotated[str | None, Query(description="date, killed, type, place, country or sources; "
                                                                  "-date for descending")] = None) -> IncidentFilter:
    since, until = date_param("since", since), date_param("until", until)
    try:
        return browse.selection(db, since=since, until=until, country=country, event_type=type, actor=actor,
                                agreement=agreement, bbox=bbox, disputed=disputed, located=located, sort=sort)
    except ValueError as err:
        raise HTTPException(422, str(err)) from err


FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]
router = APIRouter()


@router.get("/", include_in_schema=False)
def dashboard() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@router.get("/mechanism", include_in_schema=False)
def mechanism_page() -> FileResponse:
    return FileResponse(STATIC / "mechanism.html")


@router.get("/api/incidents")
def incidents(request: Request, db: StoreDep, selection: FilterDep,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100,
              offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, Any]:
    return _page(request, db, lambda: browse.incident_page(db, selection, limit=limit, offset=offset))


@router.get("/api/incidents/{incident_id}", response_model=None)
def incident(db: StoreDep, incident_id: str) -> dict[str, Any] | RedirectResponse:
    found = browse.incident_detail(db, incident_id)
    if found is None:
        moved = browse.incident_moved_to(db, incident_id)
        if moved is not None:  # merged into another incident since: the link still leads there
            return RedirectResponse(f"/api/incidents/{quote(moved)}", status_code=308)
        raise HTTPException(404, f"no incident {incident_id!r}")
    return found


@router.get("/api/timeline")
def timeline(request: Request, db: StoreDep, selection: FilterDep) -> dict[str, Any]:
    return _page(request, db, lambda: browse.timeline(db, selection))


@router.get("/api/casualties")
def casualties(request: Request, db: StoreDep, selection: FilterDep) -> dict[str, Any]:
    return _page(request, db, lambda: browse.casualty_tallies(db, selection))


@router.get("/api/filters")
def filters(db: StoreDep) -> dict[str, list[str]]:
    return browse.filter_options(db)


@router.get("/api/documents")
def documents(db: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50,
              offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, Any]:
    return browse.document_page(db, limit=limit, offset=offset)


@router.get("/api/documents/{doc_id}")
def document(db: StoreDep, doc_id: str) -> dict[str, Any]:
    found = browse.document_detail(db, doc_id)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return found


@router.post("/api/documents", status_code=201, dependencies=[Depends(require_writer)])
def add_document(db: StoreDep, report: ReportIn) -> dict[str, Any]:
    try:
        return browse.ingest_text(db, **report.model_dump())
    except ValueError as err:
        raise HTTPException(422, str(err)) from err


@router.delete("/api/documents/{doc_id}", status_code=204, dependencies=[Depends(require_writer)])
def delete_document(db: StoreDep, doc_id: str) -> Response:
    if not browse.remove_document(db, doc_id):
        raise HTTPException(404, f"no document {doc_id!r}")
    return Response(status_code=204)


@router.get("/api/search")
def search(db: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    return {"query": q, "items": browse.search_documents(db, q, limit=limit)}


@router.get("/api/agreements")
def agreements(db: StoreDep) -> list[dict[str, Any]]:
    return [dataclasses.asdict(a) for a in db.agreements()]


@router.get("/api/talks")
def talks(db: StoreDep) -> list[dict[str, Any]]:
    return [dataclasses.asdict(t) for t in db.talks()]


@router.get("/api/status")
def status(request: Request, db: StoreDep, agreement: str | None = None, as_of: str | None = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
    as_of = date_param("as_of", as_of, whole=True)
    key = (db.path, db.revision(), agreement, as_of, limit)
    return request.app.state.status_answers.get(
        key, lambda: dataclasses.asdict(ceasefire_status(db, agreement=agreement, as_of=as_of, limit=limit)))


def _page(request: Request, db: Store, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """An answer kept until the store changes: the same filtered page asked again (a dashboard's first view,
    many clients on one view) is read once per store revision."""
    key = (db.path, db.revision(), request.url.path, tuple(sorted(request.query_params.multi_items())))
    return request.app.state.pages.get(key, compute)


class PageAnswers:
    """The :data:`PAGE_ANSWERS` answers asked for most recently, each under its key."""

    def __init__(self, size: int = 0) -> None:
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
        self._size = size or PAGE_ANSWERS

    def get(self, key: tuple, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = compute()
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)
        return answer


class StatusAnswers:
    """Status answers kept per store revision: one over many agreements takes seconds to compute and
    changes only when the store does. Identical requests arriving together wait for one computation;
    beyond :data:`STATUS_COMPUTATIONS` different ones at once, a request gets 503 and a Retry-After
    rather than starving every other client."""

    def __init__(self, size: int = 32) -> None:
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple, Future] = OrderedDict()
        self._slots = threading.BoundedSemaphore(STATUS_COMPUTATIONS)
        self._size = size

    def get(self, key: tuple, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        with self._lock:
            answer = self._answers.get(key)
            mine = answer is None
            if mine:
                if not self._slots.acquire(blocking=False):
                    raise HTTPException(503, "the status is being worked out for other requests; retry shortly",
                                        headers={"Retry-After": "5"})
                answer = self._answers[key] = Future()
                while len(self._answers) > self._size:
                    self._answers.popitem(last=False)
        if mine:
            try:
                answer.set_result(compute())
            except BaseException as err:
                answer.set_exception(err)
                with self._lock:
                    self._answers.pop(key, None)
            finally:
                self._slots.release()
        return answer.result()


async def security_headers(request: Request, call_next: Any) -> Response:
    """Every response carries the security headers, an error's included: a failure inside the app is
    logged and answered with a plain 500 here, so the connection stays usable."""
    try:
        response = await call_next(request)
    except Exception:
        _log.exception("error answering %s %s", request.method, request.url.path)
        response = JSONResponse({"detail": "internal error; the server log has the details"}, status_code=500)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 naming each parameter and its problem, without echoing the input (which may not even be
    valid Unicode)."""
    problems = [{"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type", "")}
                for error in exc.errors()]
    return JSONResponse({"detail": problems}, status_code=422)


def create_app(db_path: str | os.PathLike[str] | None = None, *, token: str | None = None,
               cors_origins: list[str] | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The ASGI application over the store at ``db_path`` (``$CEASEFIRE_DB`` or ./ceasefire.db). With
    ``allowed_hosts``, requests naming another Host are refused (400), which keeps a page on another
    site from reading the API through a DNS name that points at this machine."""
    # No /docs or /redoc: their pages load scripts from a CDN, which neither works offline nor passes
    # the Content-Security-Policy; the OpenAPI document itself is served.
    app = FastAPI(title="Ceasefire Monitor", version=__version__, docs_url=None, redoc_url=None,
                  description="Sourced, geolocated records of incidents, casualty claims, agreements and talks.")
    app.state.db_path = str(db_path) if db_path is not None else None
    app.state.token = token if token is not None else os.environ.get("CEASEFIRE_TOKEN") or None
    app.state.status_answers = StatusAnswers()
    app.state.pages = PageAnswers()
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"])
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.middleware("http")(security_headers)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.include_router(router)
    app.include_router(mechanism_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


# Host names a server answers to unless told more (`ceasefire serve --allowed-host`).
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


def app_from_environment() -> FastAPI:
    """The app configured from ``$CEASEFIRE_DB``, ``$CEASEFIRE_TOKEN``, ``$CEASEFIRE_CORS_ORIGINS`` and
    ``$CEASEFIRE_ALLOWED_HOSTS`` (comma-separated; the loopback names when unset): how each of several
    server worker processes builds its own copy."""
    origins = [o for o in os.environ.get("CEASEFIRE_CORS_ORIGINS", "").split(",") if o]
    hosts = [h for h in os.environ.get("CEASEFIRE_ALLOWED_HOSTS", "").split(",") if h] or LOOPBACK_HOSTS
    return create_app(os.environ.get("CEASEFIRE_DB"), cors_origins=origins, allowed_hosts=hosts)
