"""The outbox survives `kill -9` while it delivers: 20 kills at random moments during an SMTP run of
invitations, a restart after each. What the outbox promises (Sources/Storage/OutboxRepository.swift):
a message reaches its recipient at most once, and a message a crash interrupted mid-send is marked
failed as interrupted rather than sent again. So at the end: no recipient and no Message-ID arrived
twice, every message marked sent arrived, and every queued message is either sent or failed with the
interruption on record; nothing is lost without a trace."""
import re
import time
from collections import Counter

from crashkit import CrashLoop, integrity, read_only, wait_until
from test_mail import SMTPSink, use_smtp

SURVEY = "peiling-afvalinzameling"
MEMBERS = 3000


class Mailbox:
    """The sink's folder, read incrementally: recipient and Message-ID of every accepted message."""

    def __init__(self, sink: SMTPSink):
        self.sink = sink
        self.seen = {}

    def arrived(self):
        for path in self.sink.folder.glob("*.eml"):
            if path.name not in self.seen:
                head = path.read_bytes().split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
                to = re.search(r"^To: .*?<?([^<>\s]+@[^<>\s]+)>?\s*$", head, re.MULTILINE | re.IGNORECASE).group(1)
                message_id = re.search(r"^Message-ID: (<[^>]+>)", head, re.MULTILINE | re.IGNORECASE).group(1)
                self.seen[path.name] = (to, message_id)
        recipients = Counter(to for to, _ in self.seen.values())
        message_ids = Counter(message_id for _, message_id in self.seen.values())
        return recipients, message_ids


def outbox(database):
    with read_only(database) as db:
        return db.execute("SELECT recipient, status, last_error FROM outbox").fetchall()


def test_the_outbox_sends_nothing_twice_and_loses_nothing_across_twenty_kills(app, tmp_path):
    sink = SMTPSink(tmp_path / "maildir")
    try:
        use_smtp(app, sink)
        app.env["DRAAGVLAK_MAIL_RATE"] = "1000"
        app.run("demo", "--count", str(MEMBERS))
        app.run("invite", SURVEY, "--queue-only")
        database = app.data / "draagvlak.sqlite"
        mailbox = Mailbox(sink)
        busy_at_kill = []

        def while_down(cycle):
            rows = outbox(database)
            statuses = Counter(status for _, status, _ in rows)
            recipients, message_ids = mailbox.arrived()
            assert integrity(database) == "ok"
            # Delivery takes one message at a time: a kill can catch at most one in the middle.
            assert statuses["sending"] <= 1, statuses
            assert max(recipients.values(), default=1) == 1, f"arrived twice: {[r for r, n in recipients.items() if n > 1]}"
            assert max(message_ids.values(), default=1) == 1, "a Message-ID arrived twice"
            missing = [r for r, status, _ in rows if status == "sent" and r not in recipients]
            assert not missing, f"marked sent but never arrived: {missing[:5]}"
            busy_at_kill.append(statuses["queued"] > 0)

        def until_kill(cycle, random):
            # Somewhere in a run of 20 to 100 messages, whatever the machine's speed: at most 2,000 in all.
            target = len(list(sink.folder.glob("*.eml"))) + random.randint(20, 100)
            wait_until(lambda: len(list(sink.folder.glob("*.eml"))) >= target, timeout=120, interval=0.02,
                       message=f"{target} messages to arrive")
            time.sleep(random.uniform(0, 0.05))

        CrashLoop(app, seed=4242, kills=20).run(while_down=while_down, until_kill=until_kill)
        delivered_under_fire = len(mailbox.arrived()[0])
        wait_until(lambda: not any(status in ("queued", "sending") for _, status, _ in outbox(database)), timeout=180,
                   message="the outbox to empty after the last restart")
        app.stop()

        rows = outbox(database)
        recipients, message_ids = mailbox.arrived()
        assert len(rows) == MEMBERS
        statuses = Counter(status for _, status, _ in rows)
        assert set(statuses) <= {"sent", "failed"}, statuses
        failed = [(recipient, error) for recipient, status, error in rows if status == "failed"]
        # The sink accepts everything, so the only way to fail is to be interrupted by a kill, once per kill at most.
        assert all(error.startswith("interrupted during delivery") for _, error in failed), failed[:3]
        assert 1 <= len(failed) <= 20, f"{len(failed)} interrupted"
        assert max(recipients.values()) == 1 and max(message_ids.values()) == 1, "something arrived twice"
        sent = {recipient for recipient, status, _ in rows if status == "sent"}
        assert sent <= set(recipients), "a message marked sent never arrived"
        # Whatever arrived is accounted for: sent, or interrupted after the relay took it.
        assert set(recipients) <= sent | {recipient for recipient, _ in failed}
        assert len(recipients) >= len(sent)
        assert integrity(database) == "ok"
        assert sum(busy_at_kill) >= 15, f"the kills should catch the outbox at work: {busy_at_kill}"
        print(f"{len(sent)} sent, {len(failed)} interrupted ({len(set(recipients) - sent)} of them arrived), "
              f"{delivered_under_fire} delivered during the kills, {sum(busy_at_kill)} kills with mail waiting")
    finally:
        sink.stop()
