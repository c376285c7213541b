"""Crash tests' kit: run the server under load, `kill -9` it at random moments, restart it, and hold
what the clients were told against what the database kept.

A crash test gives `CrashLoop.run` a few workers (functions called over and over from their own
threads) and a check to run while the server is down. Workers send requests through
`CrashLoop.request`, which waits while the server is down and returns None when the connection broke
before an answer came: the request may or may not have been carried out, and the test must accept
both, but never twice. What was acknowledged is recorded in an `Acks` ledger; the check compares it
with the database, opened read-only so that the server itself recovers from the crash on restart.
"""
import random
import signal
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import requests


class Acks:
    """Thread-safe ledger: what the server acknowledged, and what was sent without an answer."""

    def __init__(self):
        self._lock = threading.Lock()
        self.acknowledged = Counter()
        self.unanswered = Counter()

    def ack(self, key):
        with self._lock:
            self.acknowledged[key] += 1

    def lost_answer(self, key):
        with self._lock:
            self.unanswered[key] += 1

    def snapshot(self):
        """(acknowledged, unanswered) as they stand now, copied."""
        with self._lock:
            return Counter(self.acknowledged), Counter(self.unanswered)


class CrashLoop:
    """Starts `app`'s server, lets `workers` run against it, and kills it `kills` times after a random
    uptime; after each kill runs `while_down(cycle)`, then restarts and runs `after_restart(cycle)`."""

    def __init__(self, app, seed: int, kills: int = 20, uptime=(0.3, 1.5), request_timeout: float = 30):
        self.app = app
        self.random = random.Random(seed)
        self.kills = kills
        self.uptime = uptime
        self.request_timeout = request_timeout
        self.up = threading.Event()
        self.stopping = threading.Event()
        self.errors = []
        self.restarts = 0
        self._gate = threading.Condition()
        self._parked = 0

    def request(self, method: str, url: str, **options):
        """Sends one request; the response, or None when no answer came: the server was down, or went
        down before answering. The test must accept either outcome for such a request, but never both."""
        if not self.up.is_set():
            return None
        try:
            # A new connection each time: a kept-alive one from before a kill would fail for no reason.
            return requests.request(method, url, timeout=self.request_timeout, allow_redirects=False,
                                    headers={"Connection": "close", **options.pop("headers", {})}, **options)
        except (requests.ConnectionError, requests.Timeout):
            return None

    def run(self, workers=(), while_down=lambda cycle: None, after_restart=lambda cycle: None, until_kill=None):
        """`until_kill(cycle, random)`, when given, decides the moment of each kill instead of the uptime
        range, e.g. after some random amount of work, so the kills land in the middle of it however
        fast the machine is."""
        threads = [threading.Thread(target=self._work, args=(worker,), daemon=True) for worker in workers]
        if self.app.server is None:
            self.app.start()
        self.up.set()
        for thread in threads:
            thread.start()
        try:
            for cycle in range(self.kills):
                if until_kill is None:
                    time.sleep(self.random.uniform(*self.uptime))
                else:
                    until_kill(cycle, self.random)
                self.up.clear()
                kill(self.app)
                self._wait_until_parked(len(threads))
                assert not self.errors, f"a worker failed: {self.errors[0]!r}"
                while_down(cycle)
                self.app.start()
                self.restarts += 1
                self.up.set()
                after_restart(cycle)
        finally:
            self.stopping.set()
            self.up.set()
            for thread in threads:
                thread.join(timeout=60)
        assert not self.errors, f"a worker failed: {self.errors[0]!r}"

    def _work(self, worker):
        while not self.stopping.is_set():
            with self._gate:
                self._parked += 1
                self._gate.notify_all()
                while not self.up.is_set() and not self.stopping.is_set():
                    self._gate.wait(timeout=0.1)
                self._parked -= 1
            try:
                worker()
            except Exception as error:  # reported by run(), which the test is waiting in
                self.errors.append(error)
                self.stopping.set()
                return

    def _wait_until_parked(self, count: int):
        """Waits until every worker has finished what it was doing and recorded what it was told, so
        the check sees the clients' ledger complete."""
        with self._gate:
            parked = self._gate.wait_for(lambda: self._parked == count or self.errors, timeout=120)
        assert parked, "the workers did not come to rest after the kill"


def kill(app):
    """`kill -9` the server: no chance to finish a request, close the database or flush anything."""
    app.server.send_signal(signal.SIGKILL)
    app.server.wait(timeout=30)
    app.server = None


def read_only(database: Path) -> sqlite3.Connection:
    """The database for checking, opened so that it changes nothing: the server recovers it on restart."""
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)


def integrity(database: Path) -> str:
    with read_only(database) as db:
        return "; ".join(row[0] for row in db.execute("PRAGMA integrity_check"))


def wait_until(condition, timeout: float, interval: float = 0.2, message: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")
