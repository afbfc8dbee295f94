"""A throwaway PostgreSQL cluster for the tests: `initdb` + `pg_ctl` in a temporary folder.

The cluster listens on 127.0.0.1 only (a free port) and on a socket in its own
folder, trusts local connections (nothing else can reach it) and is stopped and
removed when the test run ends. Run as root (a container, CI) it belongs to the
`postgres` user, because `initdb` refuses to run as root.

Where no PostgreSQL binaries exist, `find_bindir` returns None and the tests
that need the cluster are skipped with that reason; CI installs them
(`.ci/run`: the Debian package `postgresql`).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"
ENV_BINDIR = "PIPELINE_TUI_PG_BINDIR"
NO_BINARIES = (
    "PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin; "
    "Debian: apt-get install postgresql)"
)


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    candidates = []
    if os.environ.get(ENV_BINDIR):
        candidates.append(os.environ[ENV_BINDIR])
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    if shutil.which("pg_config"):
        try:
            out = subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
            candidates.append(out)
        except (OSError, subprocess.SubprocessError):
            pass
    candidates.extend(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))
    candidates.extend(sorted(glob.glob("/usr/pgsql-*/bin"), reverse=True))
    for folder in candidates:
        path = Path(folder)
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file():
            return path
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A running cluster; `url(name)` gives a SQLAlchemy URL to a database on it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # Run as root, the cluster's own user must reach its folder: /tmp, not a private TMPDIR.
        root = os.geteuid() == 0 and Path("/tmp").is_dir()
        self.base = Path(tempfile.mkdtemp(prefix="pipeline-pg-", dir="/tmp" if root else None))
        self.data = self.base / "data"
        self.port = _free_port()
        self.as_user: str | None = None
        self._version: int | None = None  # server_version_num, once asked
        if os.geteuid() == 0:
            self.as_user = SUPERUSER
            try:
                entry = pwd.getpwnam(self.as_user)
            except KeyError as exc:
                raise RuntimeError(
                    "running as root, and there is no 'postgres' user to own the cluster"
                ) from exc
            self.base.chmod(0o700)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=120, cwd=self.base, check=False
        )

    def start(self) -> None:
        made = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
        )
        if made.returncode != 0:
            raise RuntimeError(f"initdb failed: {made.stderr.strip() or made.stdout.strip()}")
        self.resume()

    def resume(self) -> None:
        """Start the server on the cluster made by `start` (after `pause`)."""
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        started = self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.base / "log"), "-w",
            "-t", "60", "start",
        )  # fmt: skip
        if started.returncode != 0:
            logfile = self.base / "log"
            log = logfile.read_text(errors="replace") if logfile.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()} {log[-500:]}")

    def pause(self) -> None:
        """Stop the server as an administrator would (`pg_ctl stop -m fast`: its sessions are
        ended), keeping the cluster to `resume`."""
        stopped = self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        if stopped.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {stopped.stderr.strip()}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run a statement (CREATE DATABASE, DROP ...) outside a transaction."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A fresh database, empty or a copy of `template`; its URL.

        A copy is made file by file (PostgreSQL 15's default writes every page of it
        to the write-ahead log instead, which costs more than the copy itself).
        """
        name = f"t_{uuid.uuid4().hex[:12]}"
        clause = ""
        if template is not None:
            clause = f' TEMPLATE "{template}"' + (" STRATEGY FILE_COPY" if self._v15() else "")
        self.admin(f'CREATE DATABASE "{name}"{clause}')
        return self.url(name)

    def _v15(self) -> bool:
        if self._version is None:
            import psycopg

            with psycopg.connect(
                host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres"
            ) as connection:
                row = connection.execute("SHOW server_version_num").fetchone()
            self._version = int(row[0]) if row is not None else 0
        return self._version >= 150000

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
