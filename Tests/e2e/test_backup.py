"""`draagvlak backup FILE` while residents keep answering: the copy is one consistent moment, the command
prints what it copied, refuses to overwrite a file unless --force, and the copy restored into a fresh
data folder (the README's "Backup and restore") is a working Draagvlak with exactly those rows."""
import hashlib
import re
import shutil
import threading
import time

import requests

from conftest import Draagvlak, free_port
from crashkit import integrity, read_only, wait_until

SURVEY = "peiling-afvalinzameling"
ALREADY_ANSWERED = ("U heeft deze vragenlijst al ingevuld", "You have already answered")


def shows_answered(url: str) -> bool:
    """Whether the answering page says this link has answered (in the member's language)."""
    page = requests.get(url, timeout=10)
    assert page.status_code == 200, page.text[:300]
    return any(text in page.text for text in ALREADY_ANSWERED)


def answer_all(links, acknowledged, stop):
    """Answers each link once, recording when each answer was acknowledged, until told to stop."""
    for link in links:
        if stop.is_set():
            return
        reply = requests.post(link, data={"wekelijks_gft": "ja" if len(link) % 2 else "nee"}, allow_redirects=False, timeout=30)
        assert reply.status_code == 303, reply.text[:300]
        acknowledged[link] = time.time()


def printed_counts(output: str) -> dict:
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^  (\w+)\s+(\d+)$", output, re.MULTILINE)}


def table_counts(database) -> dict:
    with read_only(database) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def responses(database) -> dict:
    with read_only(database) as db:
        rows = db.execute("SELECT invitation_id, question_id, value FROM answer ORDER BY invitation_id, question_id, position")
        stored = {}
        for invitation, question, value in rows:
            stored.setdefault(invitation, []).append((question, value))
        return stored


def test_a_backup_during_answering_restores_into_a_working_copy_of_that_moment(app, tmp_path):
    app.run("demo", "--count", "900")
    links_csv = tmp_path / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    links = sorted(app.links(links_csv).values())
    app.start()
    acknowledged, stop = {}, threading.Event()
    writers = [threading.Thread(target=answer_all, args=(links[i::3], acknowledged, stop)) for i in range(3)]
    for writer in writers:
        writer.start()
    try:
        wait_until(lambda: len(acknowledged) >= 40, timeout=120, message="40 answers")
        backups = tmp_path / "backups"
        backups.mkdir()
        backup = backups / "draagvlak.sqlite"
        started = time.time()
        made = app.run("backup", str(backup))
        wait_until(lambda: len(acknowledged) >= len([t for t in acknowledged.values() if t < started]) + 40, timeout=120,
                   message="answers after the backup")
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=60)
    before = {link for link, at in acknowledged.items() if at < started}

    assert re.search(rf"backed up .*draagvlak\.sqlite to {re.escape(str(backup))}: \d+ pages, [\d.]+ MB, integrity ok", made.stdout), made.stdout
    assert "outbox.key" in made.stdout, "the command says the key is not in the backup"
    copied = printed_counts(made.stdout)
    assert copied["member"] == 900 and copied["invitation"] == 900
    assert len(before) <= copied["response"] < len(acknowledged), (len(before), copied["response"], len(acknowledged))
    assert not list(backups.glob(".*partial*")) and not (backups / "draagvlak.sqlite-wal").exists()

    # An existing file is kept, unless --force.
    fingerprint = hashlib.sha256(backup.read_bytes()).hexdigest()
    refused = app.run("backup", str(backup), check=False)
    assert refused.returncode == 1 and "exists" in refused.stderr and "--force" in refused.stderr, refused.stderr
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == fingerprint
    second = backups / "later.sqlite"
    second.write_text("an old file\n")
    assert app.run("backup", str(second), "--force").returncode == 0
    assert integrity(second) == "ok" and table_counts(second)["response"] == len(acknowledged)
    assert app.run("backup", str(tmp_path / "nergens" / "x.sqlite"), check=False).returncode == 1
    app.stop()

    # Restore as the README says: the file (and the outbox key) into a data folder, then start.
    restored = Draagvlak(tmp_path / "restored", free_port(), tmp_path / "surveys")
    restored.data.mkdir()
    shutil.copy(backup, restored.data / "draagvlak.sqlite")
    shutil.copy(app.data / "outbox.key", restored.data / "outbox.key")
    database = restored.data / "draagvlak.sqlite"
    assert integrity(database) == "ok"
    assert table_counts(database) == copied, "the restored database holds what the backup said it copied"
    # A moment of the original: everything acknowledged before the backup began, each answer as given.
    original, kept = responses(app.data / "draagvlak.sqlite"), responses(database)
    assert len(kept) == copied["response"]
    assert all(original[invitation] == answers for invitation, answers in kept.items())

    restored.start()
    moved = lambda link: restored.base + link[link.index("/s/"):]
    for link in sorted(before):
        assert shows_answered(moved(link)), "an answer acknowledged before the backup is missing"
    after = sorted(set(acknowledged) - before)
    later = [link for link in after if not shows_answered(moved(link))]
    assert len(later) == len(acknowledged) - copied["response"], "answers given after the backup are not in it"
    assert requests.post(moved(later[0]), data={"wekelijks_gft": "ja"}, allow_redirects=False, timeout=10).status_code == 303
    assert restored.stop() == 0
    assert restored.run("audit", "verify").returncode == 0
    assert integrity(database) == "ok"
