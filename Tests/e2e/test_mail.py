"""Invitations over a real SMTP server (aiosmtpd): every demo member gets one message with a
working link, reminders reach only those who have not answered, temporary failures are retried,
and a restart in the middle of sending sends nothing twice."""
import email
import email.policy
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from conftest import ROOT, free_port

SURVEY = "peiling-afvalinzameling"


class SMTPSink:
    """Tests/support/smtp_sink.py: an SMTP server writing each accepted message to a folder."""

    def __init__(self, folder: Path, *options: str):
        self.folder = folder
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "Tests/support/smtp_sink.py"), "--port", str(self.port), "--maildir", str(folder), *options],
            stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def messages(self):
        parsed = []
        for path in sorted(self.folder.glob("*.eml")):
            parsed.append(email.message_from_bytes(path.read_bytes(), policy=email.policy.default))
        return parsed

    def wait_for(self, count, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(list(self.folder.glob("*.eml"))) >= count:
                return
            time.sleep(0.2)
        raise AssertionError(f"only {len(list(self.folder.glob('*.eml')))} of {count} messages arrived")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


@pytest.fixture
def sink(tmp_path, request):
    options = getattr(request, "param", ())
    sink = SMTPSink(tmp_path / "maildir", *options)
    yield sink
    sink.stop()


def use_smtp(app, sink):
    app.env.update(DRAAGVLAK_SMTP_HOST="127.0.0.1", DRAAGVLAK_SMTP_PORT=str(sink.port), DRAAGVLAK_SMTP_SECURITY="none",
                   DRAAGVLAK_MAIL_RATE="1000", DRAAGVLAK_MAIL_RETRY_SECONDS="0.5")


def link_of(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"(http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{43})\s", text).group(1)


def test_the_server_sends_every_demo_invitation_and_reminders_reach_only_non_responders(app, sink):
    use_smtp(app, sink)
    app.run("demo")
    queued = app.run("invite", SURVEY, "--queue-only")
    assert "3000 invited" in queued.stdout
    app.start()
    sink.wait_for(3000)
    messages = sink.messages()
    assert len(messages) == 3000
    recipients = [m["To"].addresses[0].addr_spec for m in messages]
    assert len(set(recipients)) == 3000, "nobody twice"
    first = messages[0]
    assert first["Subject"].startswith("Uw mening gevraagd") or first["Subject"].startswith("Your opinion")
    assert first.get_body(preferencelist=("html",)) is not None and "List-Unsubscribe" in first
    links = {m["To"].addresses[0].addr_spec: link_of(m) for m in messages}

    responded = set(sorted(links)[:25])
    for address in responded:
        assert requests.get(links[address], timeout=10).status_code == 200
        reply = requests.post(links[address], data={"wekelijks_gft": "ja"}, allow_redirects=False, timeout=10)
        assert reply.status_code == 303, reply.text[:500]
    remind = app.run("remind", SURVEY, "--max", "1")
    assert f"{3000 - len(responded)} reminded" in remind.stdout, remind.stdout
    sink.wait_for(3000 + 3000 - len(responded))
    reminders = [m for m in sink.messages() if "Herinnering" in m["Subject"] or "Reminder" in m["Subject"]]
    reminded = {m["To"].addresses[0].addr_spec for m in reminders}
    assert len(reminders) == len(reminded) == 3000 - len(responded)
    assert not reminded & responded
    # The reminder's new link and the first link both open the survey.
    some = reminders[0]
    address = some["To"].addresses[0].addr_spec
    assert link_of(some) != links[address]
    assert requests.get(link_of(some), timeout=10).status_code == 200
    assert requests.get(links[address], timeout=10).status_code == 200
    assert "0 reminded" in app.run("remind", SURVEY, "--max", "1").stdout


@pytest.mark.parametrize("sink", [("--fail-first", "3", "--reject-rcpt", "demo-0007@")], indirect=True)
def test_temporary_failures_are_retried_and_rejections_reported(app, sink):
    use_smtp(app, sink)
    app.run("demo", "--count", "10")
    result = app.run("invite", SURVEY)
    assert "waiting for a retry" in result.stdout
    deadline = time.time() + 30
    while time.time() < deadline:
        status = app.run("outbox", "status").stdout
        if "queued 0" in status:
            break
        app.run("outbox", "deliver")
        time.sleep(0.5)
    status = app.run("outbox", "status").stdout
    assert "queued 0" in status and "sent 9" in status and "failed 1" in status, status
    assert "demo-0007@example.org" in status and "550" in status
    assert len(sink.messages()) == 9


def test_a_restart_in_the_middle_of_sending_sends_nothing_twice(app, sink, tmp_path):
    use_smtp(app, sink)
    app.env["DRAAGVLAK_MAIL_RATE"] = "300"
    app.run("demo", "--count", "1500")
    app.run("invite", SURVEY, "--queue-only")
    app.start()
    deadline = time.time() + 60
    while len(list(sink.folder.glob("*.eml"))) < 200 and time.time() < deadline:
        time.sleep(0.05)
    app.server.send_signal(signal.SIGKILL)
    app.server.wait()
    app.server = None
    app.start()
    deadline = time.time() + 120
    while time.time() < deadline:
        status = app.run("outbox", "status").stdout
        if "queued 0, sending 0" in status:
            break
        time.sleep(0.5)
    messages = sink.messages()
    recipients = [m["To"].addresses[0].addr_spec for m in messages]
    assert len(recipients) == len(set(recipients)), "a message arrived twice"
    counts = re.search(r"sent (\d+), failed (\d+)", status)
    sent, failed = int(counts.group(1)), int(counts.group(2))
    assert sent + failed == 1500 and failed <= 1, status
    assert len(messages) >= sent
