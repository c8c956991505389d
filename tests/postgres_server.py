"""A throw-away PostgreSQL server for the tests that run a suite against both backends.

``$CEASEFIRE_TEST_POSTGRES`` may name a server where the tests can create databases (a URL); otherwise
one is started here from the server binaries of Debian's ``postgresql`` package (which ``.ci/run``
installs) in a temporary folder, listening on a Unix socket only, as the ``postgres`` user when the
tests run as root (PostgreSQL refuses to run as root). Where neither can be had, :func:`start` says
why and the PostgreSQL variants skip with that reason.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_NAMES = itertools.count(1)


class Server:
    def __init__(self, url: str, folder: Path | None = None, run_as: list[str] | None = None,
                 pg_ctl: str | None = None) -> None:
        self.url, self.folder, self.run_as, self.pg_ctl = url, folder, run_as or [], pg_ctl

    def new_database(self) -> str:
        """The URL of a new, empty database on the server."""
        import psycopg

        name = f"ceasefire_test_{os.getpid()}_{next(_NAMES)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def copy_database(self, url: str) -> str:
        """A new database holding what the database at ``url`` holds (nobody may be connected to it)."""
        import psycopg

        name = f"ceasefire_test_{os.getpid()}_{next(_NAMES)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{urlsplit(url).path.lstrip("/")}"')
        return self.database_url(name)

    def database_url(self, name: str) -> str:
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def stop(self) -> None:
        if self.folder is not None and self.pg_ctl:
            subprocess.run([*self.run_as, self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server | str:
    """A server to test against, or the reason there is none."""
    if os.environ.get("CEASEFIRE_TEST_POSTGRES"):
        return Server(os.environ["CEASEFIRE_TEST_POSTGRES"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        return "no PostgreSQL server here (install Debian's postgresql package, as .ci/run does)"
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
        run_as = ["runuser", "-u", "postgres", "--"]
        os.chown(folder, user.pw_uid, user.pw_gid)
    steps = [[initdb, "-D", str(folder / "data"), "--locale=C", "-E", "UTF8", "-U", "postgres", "--auth=trust"],
             [pg_ctl, "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-w", "-o",
              f"-k {folder} -c listen_addresses='' -c fsync=off -c max_connections=200", "start"]]
    for step in steps:
        done = subprocess.run([*run_as, *step], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            return f"could not start a PostgreSQL server ({Path(step[0]).name}: {done.stderr.strip()[-300:]})"
    return Server(f"postgresql://postgres@/postgres?host={folder}", folder, run_as, pg_ctl)
