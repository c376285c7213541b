"""Shared fixtures: the built executable, a fresh data folder, and a server process on a free port."""
import csv
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("DRAAGVLAK_BIN", ROOT / ".build" / "debug" / "draagvlak"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def open_copy_of_example_surveys(folder: Path) -> Path:
    """The repository's example surveys with every closing date moved to 2099, so the tests do not
    start failing on the day an example survey closes."""
    folder.mkdir(parents=True)
    for survey in (ROOT / "surveys").glob("*.yaml"):
        text = re.sub(r"^closes:.*$", "closes: 2099-12-31", survey.read_text(), flags=re.MULTILINE)
        (folder / survey.name).write_text(text)
    return folder


class Draagvlak:
    """Runs `draagvlak` commands against one data folder, and its server."""

    def __init__(self, data: Path, port: int, surveys: Path):
        self.data = data
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ, DRAAGVLAK_PUBLIC_URL=self.base, DRAAGVLAK_LOG_LEVEL="info",
                        DRAAGVLAK_SURVEYS=str(surveys))
        self.server = None
        self.server_log = data / "server.log"

    def run(self, *args, check=True, env=None):
        result = subprocess.run(
            [str(BIN), *args, "--data", str(self.data)], cwd=ROOT, env=env or self.env,
            capture_output=True, text=True, timeout=300)
        if check and result.returncode != 0:
            raise AssertionError(f"draagvlak {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def start(self):
        log = open(self.server_log, "a")
        self.server = subprocess.Popen(
            [str(BIN), "serve", "--data", str(self.data), "--port", str(self.port)],
            cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=log, text=True)
        line = self.server.stdout.readline()
        assert f"listening on port {self.port}" in line, f"server did not start: {line!r}\n{self.server_log.read_text()}"

    def stop(self, sig=signal.SIGTERM, timeout=20) -> int:
        self.server.send_signal(sig)
        code = self.server.wait(timeout=timeout)
        self.server = None
        return code

    def add_user(self, username: str, role: str, password: str, *extra: str):
        """Creates a staff account through the CLI, the password read from a file."""
        secret = self.data.parent / f"{username}.password"
        secret.write_text(password + "\n")
        return self.run("user", "add", username, "--role", role, "--password-file", str(secret), *extra)

    def login(self, username: str, password: str) -> "requests.Session":
        """Signs in over HTTP the way a browser does: the form's CSRF token, then the session cookie."""
        import requests
        browser = requests.Session()
        form = browser.get(f"{self.base}/admin/login", timeout=10)
        csrf = re.search(r'name="_csrf" value="([^"]+)"', form.text).group(1)
        reply = browser.post(f"{self.base}/admin/login", data={"_csrf": csrf, "username": username, "password": password},
                             allow_redirects=False, timeout=10)
        assert reply.status_code == 303, f"login of {username} failed: {reply.status_code}\n{reply.text}"
        return browser

    def staff(self, role: str = "onderzoeker", username: str = None) -> "requests.Session":
        """A signed-in browser session of a new account with `role`."""
        username = username or f"test-{role}"
        password = "e2e-wachtwoord-" + username
        self.add_user(username, role, password)
        return self.login(username, password)

    def links(self, path: Path) -> dict:
        with open(path, newline="") as f:
            return {row["member_id"]: row["link"] for row in csv.DictReader(f)}


@pytest.fixture
def app(tmp_path):
    app = Draagvlak(tmp_path / "data", free_port(), open_copy_of_example_surveys(tmp_path / "surveys"))
    yield app
    if app.server is not None:
        app.server.kill()
        app.server.wait()
