#!/usr/bin/env python3
"""The soak behind scripts/soak: a server with the demo panel under wrk's mixed load for N minutes,
its memory (VmRSS) and open file descriptors sampled every few seconds from /proc.

Fails (exit 1) on any response of 400 or more or socket error, on resident memory at the end of the run
more than 10% above what it was just after the warm-up, on open file descriptors that keep growing under
load, and on more descriptors open once the load is over than before it began.

    python3 scripts/lib/soak.py --bin .build/release/draagvlak [--minutes 10] [--interval 5]
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SURVEY = "peiling-afvalinzameling"
RSS_GROWTH_LIMIT = 0.10


def log(text):
    print(f"soak: {text}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """draagvlak serve on a fresh data folder with the demo panel invited to one survey."""

    def __init__(self, binary: Path, folder: Path):
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        surveys = folder / "surveys"
        surveys.mkdir()
        for survey in (ROOT / "surveys").glob("*.yaml"):
            # Closing dates moved far ahead, so the soak does not start failing the day a survey closes.
            (surveys / survey.name).write_text(re.sub(r"^closes:.*$", "closes: 2099-12-31", survey.read_text(), flags=re.MULTILINE))
        self.env = dict(os.environ, DRAAGVLAK_PUBLIC_URL=self.base, DRAAGVLAK_SURVEYS=str(surveys), DRAAGVLAK_LOG_LEVEL="warning")
        self.process = None

    def command(self, *args) -> str:
        result = subprocess.run([str(self.binary), *args, "--data", str(self.folder / "data")], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise SystemExit(f"draagvlak {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def prepare(self) -> tuple[Path, str]:
        """The demo panel invited; returns a file of personal-link paths and an admin API token."""
        self.command("demo")
        links_csv = self.folder / "links.csv"
        self.command("invite", SURVEY, "--links-csv", str(links_csv))
        paths = [line.split(",", 1)[1].replace(self.base, "") for line in links_csv.read_text().splitlines()[1:]]
        links = self.folder / "links.txt"
        links.write_text("\n".join(paths) + "\n")
        token = self.command("token", "create", "--role", "admin", "--label", "soak").strip()
        return links, token

    def start(self):
        self.log = open(self.folder / "server.log", "a")
        self.process = subprocess.Popen([str(self.binary), "serve", "--data", str(self.folder / "data"), "--port", str(self.port)],
                                        cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        if "listening" not in line:
            raise SystemExit(f"the server did not start: {line!r}; see {self.folder / 'server.log'}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))

    def open_fds(self) -> int:
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))


def wrk(server: Server, links: Path, token: str, seconds: int, threads: int, connections: int):
    """Starts wrk with the mixed load; returns the process, its output collected as it runs."""
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", str(ROOT / "scripts/lib/soak-mixed.lua"), server.base, "--", str(links), token]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process) -> tuple[str, list[str]]:
    """wrk's report and the problems it shows: error responses and socket errors."""
    output = process.communicate()[0]
    problems = []
    if process.returncode != 0:
        problems.append(f"wrk exited {process.returncode}")
    counts = re.search(r"soak: (\d+) requests, (\d+) non-2xx/3xx, socket errors connect (\d+) read (\d+) write (\d+) timeout (\d+)", output)
    if not counts:
        problems.append("wrk printed no summary")
    else:
        requests, status, connect, read, write, timeout = map(int, counts.groups())
        if requests == 0:
            problems.append("no requests were made")
        if status:
            problems.append(f"{status} responses with status 400 or more")
        if connect + read + write + timeout:
            problems.append(f"socket errors: connect {connect}, read {read}, write {write}, timeout {timeout}")
    return output, problems


def sample(server: Server, samples: list, stop: threading.Event, interval: float, start: float):
    while not stop.wait(interval):
        try:
            samples.append((time.time() - start, server.rss_kib(), server.open_fds()))
        except (FileNotFoundError, ProcessLookupError):
            return  # the server is gone; main() reports it


def settle(server: Server) -> int:
    """Open descriptors once the server is idle: connections closed, nothing in flight."""
    time.sleep(3)
    counts = []
    for _ in range(5):
        counts.append(server.open_fds())
        time.sleep(0.5)
    return min(counts)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Soak Draagvlak under a mixed load and watch memory and file descriptors.")
    parser.add_argument("--bin", type=Path, required=True, help="the draagvlak executable (a release build)")
    parser.add_argument("--minutes", type=float, default=10, help="length of the measured run (default 10)")
    parser.add_argument("--interval", type=float, default=5, help="seconds between samples (default 5)")
    parser.add_argument("--warmup", type=float, help="seconds of load before measuring (default 10%% of the run, 20 to 60)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the data folder and server log")
    arguments = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian package wrk)")
    seconds = max(int(arguments.minutes * 60), 10)
    warmup = int(arguments.warmup if arguments.warmup is not None else min(max(seconds * 0.1, 20), 60))

    folder = Path(tempfile.mkdtemp(prefix="draagvlak-soak-"))
    server = Server(arguments.bin.resolve(), folder)
    problems = []
    try:
        log(f"preparing the demo panel in {folder}")
        links, token = server.prepare()
        server.start()
        log(f"warming up for {warmup} s ({arguments.threads} threads, {arguments.connections} connections)")
        _, warm_problems = finish(wrk(server, links, token, warmup, arguments.threads, arguments.connections))
        problems += [f"warm-up: {p}" for p in warm_problems]
        idle_before = settle(server)

        log(f"measuring for {seconds} s, sampling every {arguments.interval} s")
        samples, stop = [], threading.Event()
        start = time.time()
        sampler = threading.Thread(target=sample, args=(server, samples, stop, arguments.interval, start), daemon=True)
        load = wrk(server, links, token, seconds, arguments.threads, arguments.connections)
        sampler.start()
        output, run_problems = finish(load)
        stop.set()
        sampler.join()
        problems += run_problems
        if server.process.poll() is not None:
            raise SystemExit(f"the server exited {server.process.returncode} during the soak; see {folder / 'server.log'}")
        idle_after = settle(server)
        print(output.rstrip())

        if len(samples) < 6:
            problems.append(f"only {len(samples)} samples; run longer or sample more often")
        else:
            third = max(len(samples) // 3, 2)
            first, last = samples[:third], samples[-third:]
            baseline = statistics.median(rss for _, rss, _ in first[:3])
            final = statistics.median(rss for _, rss, _ in last[-3:])
            growth = (final - baseline) / baseline
            log(f"resident memory: {baseline / 1024:.1f} MiB after the warm-up, {final / 1024:.1f} MiB at the end ({growth:+.1%}), "
                f"peak {max(rss for _, rss, _ in samples) / 1024:.1f} MiB")
            if growth > RSS_GROWTH_LIMIT:
                problems.append(f"resident memory grew {growth:.1%} (limit {RSS_GROWTH_LIMIT:.0%})")
            # Under load the count moves with the connections in flight; a leak shows as a last third
            # that never comes down to where the first third went up to.
            early_high = max(fds for _, _, fds in first)
            late_low = min(fds for _, _, fds in last)
            log(f"open descriptors: idle {idle_before} before, {idle_after} after; under load {min(f for _, _, f in samples)} to "
                f"{max(f for _, _, f in samples)}, first third up to {early_high}, last third from {late_low}")
            if late_low > early_high:
                problems.append(f"open descriptors kept growing under load: at least {late_low} at the end, at most {early_high} early on")
        if idle_after > idle_before:
            problems.append(f"{idle_after - idle_before} more descriptors open after the load than before it")
        with open(folder / "soak-samples.csv", "w") as file:
            file.write("seconds,rss_kib,open_fds\n" + "".join(f"{t:.1f},{rss},{fds}\n" for t, rss, fds in samples))
        code = server.stop()
        if code != 0:
            problems.append(f"the server exited {code} on SIGTERM")
    finally:
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait()
    if problems:
        log(f"FAILED; samples and server log in {folder}")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    log("passed: no error responses, memory and descriptors steady")
    if arguments.keep:
        log(f"data, samples and server log kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
