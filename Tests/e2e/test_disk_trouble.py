"""A full disk and a disk gone read-only under a running server, made for real: a small tmpfs filled to
the last byte, and an ext4 file system on a loop device that the kernel remounts read-only after an
error (errors=remount-ro), as it does when a disk fails. Residents who answer then get a clear Dutch
503 page instead of a crash, the operator a log line, nothing is half-written, and once there is room
again (or the disk is repaired) answering simply works. Needs root for mount; skipped otherwise."""
import errno
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from conftest import Draagvlak, free_port, open_copy_of_example_surveys
from crashkit import integrity

SURVEY = "peiling-afvalinzameling"
NOT_STORED = "We konden uw antwoorden niet opslaan, probeer het later opnieuw"
# The answering page is in the member's language.
ALREADY_ANSWERED = ("U heeft deze vragenlijst al ingevuld", "You have already answered")
ANSWER = {"wekelijks_gft": "ja"}


def run(*command, check=True):
    return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60)


def require_mounting():
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")


def mounted(point: Path) -> bool:
    return any(line.split()[1] == str(point) for line in Path("/proc/mounts").read_text().splitlines())


def unmount(point: Path):
    if mounted(point):
        run("umount", str(point), check=False)
    if mounted(point):
        run("umount", "-l", str(point), check=False)


@pytest.fixture
def disk(tmp_path):
    """A folder for a file system the test mounts; unmounted afterwards whatever happened."""
    point = tmp_path / "disk"
    point.mkdir()
    yield point
    unmount(point)


def panel_on(folder: Path, tmp_path: Path, members: int = 200):
    """A server whose data folder is `folder`, its log kept off that disk, with a demo panel invited."""
    app = Draagvlak(folder / "data", free_port(), open_copy_of_example_surveys(tmp_path / "surveys"))
    app.server_log = tmp_path / "server.log"
    app.run("demo", "--count", str(members))
    links_csv = tmp_path / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    return app, sorted(app.links(links_csv).values())


def answer(link: str):
    return requests.post(link, data=ANSWER, allow_redirects=False, timeout=30)


def answered(link: str) -> bool:
    page = requests.get(link, timeout=30)
    assert page.status_code == 200, page.text[:300]
    return any(text in page.text for text in ALREADY_ANSWERED)


def fill(folder: Path) -> Path:
    """Writes a file until the file system has no byte left."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while os.write(descriptor, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(descriptor)
    return filler


def assert_not_stored_page(reply):
    assert reply.status_code == 503, f"{reply.status_code}: {reply.text[:300]}"
    assert NOT_STORED in reply.text, reply.text[:500]
    assert reply.headers.get("Retry-After") == "60"
    assert "Content-Security-Policy" in reply.headers, "the error page gets the security headers of every page"


def test_a_full_disk_gives_a_clear_503_stores_nothing_half_and_answering_works_once_there_is_room(disk, tmp_path):
    require_mounting()
    run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk))
    server, links = panel_on(disk, tmp_path)
    server.start()
    try:
        assert answer(links[0]).status_code == 303
        filler = fill(disk)
        assert shutil.disk_usage(disk).free == 0

        # Each answer grows the write-ahead log; on a full disk the first one that needs a new page fails.
        refused = None
        for index, link in enumerate(links[1:20], start=1):
            reply = answer(link)
            if reply.status_code != 303:
                refused = index
                assert_not_stored_page(reply)
                break
        assert refused is not None, "answers kept being stored on a full disk"
        assert not answered(links[refused]), "nothing of the refused answers is stored"
        assert requests.get(server.base + "/", timeout=30).status_code == 200, "reading pages still works"
        log = server.server_log.read_text()
        assert re.search(r"storage unavailable \(disk full\): could not store a response to " + SURVEY + r": .*disk is full", log), log[-2000:]

        filler.unlink()
        assert answer(links[refused]).status_code == 303, "answering works again once there is room"
        assert answered(links[refused])
        assert all(answer(link).status_code == 303 for link in links[refused + 1:refused + 6])
        assert server.stop() == 0
        assert integrity(server.data / "draagvlak.sqlite") == "ok"
    finally:
        if server.server is not None:
            server.server.kill()
            server.server.wait()


def test_a_disk_remounted_read_only_gives_a_clear_503_and_answers_work_after_the_repair(disk, tmp_path):
    require_mounting()
    if not all(shutil.which(tool) for tool in ("mkfs.ext4", "e2fsck", "findmnt")):
        pytest.skip("needs mkfs.ext4 and e2fsck (e2fsprogs) and findmnt (util-linux)")
    image = tmp_path / "disk.img"
    with open(image, "wb") as file:
        file.truncate(64 << 20)
    run("mkfs.ext4", "-q", "-F", str(image))
    mounting = run("mount", "-o", "loop,errors=remount-ro", str(image), str(disk), check=False)
    if mounting.returncode != 0:
        pytest.skip(f"cannot mount an ext4 image on a loop device: {mounting.stderr.strip()}")
    device = Path(run("findmnt", "-n", "-o", "SOURCE", str(disk)).stdout.strip()).name
    trigger = Path(f"/sys/fs/ext4/{device}/trigger_fs_error")
    if not trigger.exists():
        pytest.skip(f"{trigger} is not available to simulate a failing disk")
    server, links = panel_on(disk, tmp_path)
    server.start()
    try:
        assert answer(links[0]).status_code == 303
        # What the kernel does when a disk reports errors: the file system goes read-only, open files too.
        trigger.write_text("draagvlak test: a failing disk\n")
        with pytest.raises(OSError) as refused:
            (disk / "probe").write_text("x")
        assert refused.value.errno == errno.EROFS

        assert_not_stored_page(answer(links[1]))
        assert not answered(links[1]) and answered(links[0])
        log = server.server_log.read_text()
        assert re.search(r"storage unavailable \((disk error|read-only)\): could not store a response to " + SURVEY, log), log[-2000:]
        server.stop()

        # The repair: check the file system, mount it again, start the server.
        unmount(disk)
        checked = run("e2fsck", "-f", "-y", str(image), check=False)
        assert checked.returncode in (0, 1), checked.stdout + checked.stderr  # 1: errors corrected
        run("mount", "-o", "loop,errors=remount-ro", str(image), str(disk))
        assert integrity(server.data / "draagvlak.sqlite") == "ok"
        server.start()
        assert answered(links[0]), "what was stored before the disk failed is still there"
        assert not answered(links[1])
        assert answer(links[1]).status_code == 303 and answered(links[1])
        assert server.stop() == 0
        assert integrity(server.data / "draagvlak.sqlite") == "ok"
    finally:
        if server.server is not None:
            server.server.kill()
            server.server.wait()
