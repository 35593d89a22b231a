"""A throwaway PostgreSQL cluster for the test session: initdb in a temporary directory, a free
port, trust authentication, stopped and deleted at the end.

The server refuses to run as root; when the tests run as root (CI containers) the server runs
as the ``postgres`` user that Debian's ``postgresql-15`` package creates, via ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class ClusterUnavailable(Exception):
    """Why no cluster can be started here (the tests skip with this reason)."""


def find_bindir() -> Path | None:
    """Return the directory holding ``initdb`` and ``pg_ctl`` (PostgreSQL 15 preferred)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    candidates.sort(key=lambda p: "/15/" not in p)
    for found in (shutil.which("initdb"), shutil.which("pg_ctl")):
        if found:
            candidates.append(str(Path(found).parent))
    for directory in candidates:
        if (Path(directory) / "initdb").exists() and (Path(directory) / "pg_ctl").exists():
            return Path(directory)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    bindir: Path
    directory: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql://newsgraph@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql://newsgraph@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self.run_as, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            raise ClusterUnavailable(
                f"{Path(args[0]).name} failed: {(result.stderr or result.stdout).strip()[-500:]}"
            )

    def start(self) -> None:
        data = self.directory / "data"
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "newsgraph",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                "-m",
                "fast",
                "stop",
            )
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def start_cluster() -> Cluster:
    """Start a cluster, or raise :class:`ClusterUnavailable` saying why not."""
    bindir = find_bindir()
    if bindir is None:
        raise ClusterUnavailable(
            "PostgreSQL server binaries (initdb, pg_ctl) are not installed "
            "(apt-get install postgresql-15)"
        )
    root = os.geteuid() == 0
    # As root the directory must be reachable by the postgres user: /tmp, not a private TMPDIR.
    directory = Path(tempfile.mkdtemp(prefix="newsgraph-pg-", dir="/tmp" if root else None))
    run_as: list[str] = []
    if root:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError as exc:
            shutil.rmtree(directory, ignore_errors=True)
            raise ClusterUnavailable(
                "running as root and there is no 'postgres' user to run the server as"
            ) from exc
        os.chown(directory, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else []
        if not run_as:
            shutil.rmtree(directory, ignore_errors=True)
            raise ClusterUnavailable("running as root and runuser is not installed")
    cluster = Cluster(bindir, directory, _free_port(), run_as)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return cluster
