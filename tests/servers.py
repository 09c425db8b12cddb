"""Real servers for fault tests: a private PostgreSQL cluster and the app under gunicorn.

The cluster lives in a temporary folder on a free port, so a test can stop and restart
it without touching anyone else's database. initdb refuses to run as root; as root the
cluster is made and run by the `postgres` user.
"""

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin():
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Fetched:
    """An HTTP answer, whatever its status (urllib raises on 4xx and 5xx)."""

    def __init__(self, status_code, headers, body):
        self.status_code, self.headers, self.text = status_code, headers, body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.text)


def fetch(url, timeout=30):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


class PrivatePostgres:
    """A throwaway cluster in its own /tmp folder (pytest's tmp_path is private to root)."""

    def __init__(self):
        self.bin = postgres_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="inscope-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/inscope"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, cwd=self.folder)

    def init(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self.run(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"
        )
        self.start()
        self.run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "inscope")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "postgres.log")
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        if self.data.exists() and (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def manage(self, *args, env=None):
        """Run manage.py against this cluster."""
        subprocess.run(
            [sys.executable, "manage.py", *args],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, **(env or {}), "DATABASE_URL": self.url},
        )


class Gunicorn:
    """The app under gunicorn on a free port, with these extra environment variables."""

    def __init__(self, env, log, workers=1, threads=4, settings="tests.server_settings"):
        self.port = free_port()
        self.log = Path(log)
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(workers), "--threads", str(threads), "--timeout", "30"],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DEBUG": "0", **env},
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("ab"),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(self.url + "/static/css/site.css", timeout=2)
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
