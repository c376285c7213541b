#!/usr/bin/env python3
"""The measuring half of scripts/bench (which installs and builds first, then runs this).

Starts Draagvlak (release build) on a fresh data folder with the demo panel, and beside it the reference
server (bench/reference/reference.c: the same libmicrohttpd and SQLite, written the fastest way we know),
serving the page bytes, results JSON, stylesheet and 404 page captured from Draagvlak. Then, in rounds
that alternate which server goes first, runs the same load against both: wrk for the survey page,
answer submission, results JSON, static CSS and unknown tokens, and bench/reference/burst.c for a burst
of 3,000 members opening and submitting. Per scenario it reports requests/s, p50 and p99 latency, CPU
per request and peak RSS for both, and Draagvlak's ratio to the reference; then the in-process timings
of draagvlak-bench; and writes all of it as JSON.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
WRK_SCRIPTS = BENCH / "wrk"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POLL = "peiling-afvalinzameling"   # the example poll to the whole panel: its page is the one measured
ANSWERED = "bench-antwoorden"      # a copy every member answers before the rounds: answers and results
RSS_LIMIT_KB = 64 * 1024

# name -> (wrk script, what the script reads, status the server must answer)
SCENARIOS = {
    "survey_page": ("page.lua", "page", 200),
    "answer_submission": ("answer.lua", "answers", 303),
    "results_json": ("fixed.lua", None, 200),
    "static_css": ("fixed.lua", None, 200),
    "unknown_token_404": ("unknown.lua", None, 404),
}


def log(message):
    print(f"\033[1m==> {message}\033[0m", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# MARK: - processes


class Server:
    """A server process with what the report needs from /proc: CPU time and peak RSS."""

    def __init__(self, name, command, env, port, probe, log_path):
        self.name, self.command, self.env, self.port, self.probe = name, command, env, port, probe
        self.log_path = log_path
        self.process = None

    def start(self):
        """Starts the server and returns the seconds until it answered its first request."""
        log_file = open(self.log_path, "a")
        started = time.monotonic()
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=log_file)
        deadline = started + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                status, _ = get(self.port, self.probe)
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.002)
        raise SystemExit(f"{self.name} did not answer {self.probe} within 30 s; see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def status_kb(self, key):
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0

    def reset_peak_rss(self):
        # Writing 5 to clear_refs resets VmHWM to the current RSS, so each run gets its own peak.
        try:
            Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
        except OSError:
            pass


# MARK: - preparing Draagvlak's data


def prepare_surveys(folder, rounds):
    """The example surveys, open from now until 2099, plus copies of the poll for the answered survey
    and one fresh survey per burst (so every burst is 3,000 members answering for the first time)."""
    folder.mkdir(parents=True)
    for survey in (ROOT / "surveys").glob("*.yaml"):
        text = re.sub(r"^opens:.*\n", "", survey.read_text(), flags=re.MULTILINE)
        text = re.sub(r"^closes:.*$", "closes: 2099-12-31", text, flags=re.MULTILINE)
        (folder / survey.name).write_text(text)
    poll = (folder / f"{POLL}.yaml").read_text()
    copies = [ANSWERED] + [f"bench-burst-{i}" for i in range(1, rounds + 1)]
    for survey_id in copies:
        (folder / f"{survey_id}.yaml").write_text(re.sub(r"^id:.*$", f"id: {survey_id}", poll, count=1, flags=re.MULTILINE))
    return copies


def draagvlak(binary, env, *args):
    result = subprocess.run([str(binary), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"draagvlak {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def links(path):
    with open(path) as f:
        return [line.split(",", 1)[1].strip() for line in f.read().splitlines()[1:] if "," in line]


def write_requests(path, urls, seed, with_answers):
    """One line per member: the link's path and, for submissions, valid answers to the poll."""
    generator = random.Random(seed)
    with open(path, "w") as f:
        for url in urls:
            link_path = "/s/" + url.rsplit("/s/", 1)[1]
            body = ""
            if with_answers:
                fields = ["_page=0", "_lang=nl", "wekelijks_gft=" + ("ja" if generator.random() < 0.58 else "nee")]
                if generator.random() < 0.8:
                    fields.append("container_vol=" + generator.choice(["nooit", "soms", "vaak", "geen_container"]))
                body = "&".join(fields + ["_action=submit"])
            f.write(f"{link_path}\t{body}\n")


# MARK: - load


def run_wrk(server, scenario, files, settings, admin_token):
    script, reads, expected = SCENARIOS[scenario]
    url = f"http://127.0.0.1:{server.port}"
    command = ["wrk", "-t", str(settings.wrk_threads), "-c", str(settings.connections), "-d", f"{settings.duration}s",
               "--timeout", "5s", "-s", str(WRK_SCRIPTS / script)]
    if scenario == "results_json":
        command += ["-H", f"Authorization: Bearer {admin_token}", f"{url}/api/v1/surveys/{ANSWERED}/results"]
    elif scenario == "static_css":
        command += [f"{url}/static/draagvlak.css"]
    else:
        command += [url]
    if reads:
        command += ["--", str(files[reads])]
    server.reset_peak_rss()
    cpu_before = server.cpu_seconds()
    result = subprocess.run(command, capture_output=True, text=True, timeout=settings.duration + 120)
    cpu = server.cpu_seconds() - cpu_before
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH ")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed for {scenario} on {server.name}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(lines[0][6:])
    seconds = data["duration_us"] / 1e6
    errors = data["errors"]
    requests = data["requests"]
    # wrk counts answers of 400 and up as status errors: for the 404 scenario those are the answers wanted.
    unexpected = errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    unexpected += errors["status"] if expected < 400 else requests - errors["status"]
    return {
        "requests": requests,
        "requests_per_second": round(requests / seconds, 1),
        "p50_ms": data["latency_us"]["p50"] / 1000,
        "p90_ms": data["latency_us"]["p90"] / 1000,
        "p99_ms": data["latency_us"]["p99"] / 1000,
        "max_ms": data["latency_us"]["max"] / 1000,
        "unexpected_responses": unexpected,
        "cpu_us_per_request": round(cpu / max(requests, 1) * 1e6, 2),
        "cpu_cores_busy": round(cpu / seconds, 2),
        "peak_rss_kb": server.status_kb("VmHWM"),
    }


def run_burst(server, burst_binary, requests_file, connections):
    server.reset_peak_rss()
    cpu_before = server.cpu_seconds()
    result = subprocess.run([str(burst_binary), "--port", str(server.port), "--requests", str(requests_file),
                             "--connections", str(connections)], capture_output=True, text=True, timeout=300)
    cpu = server.cpu_seconds() - cpu_before
    if not result.stdout.strip():
        raise SystemExit(f"burst failed on {server.name}: {result.stderr}")
    data = json.loads(result.stdout)
    return {
        "requests": data["requests"],
        "succeeded": data["succeeded"],
        "unexpected_responses": data["failed"],
        "first_failure": data["first_failure"],
        "seconds": data["seconds"],
        "requests_per_second": data["requests_per_second"],
        "p50_ms": data["p50_ms"],
        "p90_ms": data["p90_ms"],
        "p99_ms": data["p99_ms"],
        "max_ms": data["max_ms"],
        "cpu_us_per_request": round(cpu / max(data["requests"], 1) * 1e6, 2),
        "peak_rss_kb": server.status_kb("VmHWM"),
    }


# MARK: - summary


def median_of(runs, key):
    values = [run[key] for run in runs if run.get(key) is not None]
    return round(statistics.median(values), 3) if values else None


def summarise(runs_by_server):
    summary = {}
    for name, runs in runs_by_server.items():
        summary[name] = {key: median_of(runs, key) for key in
                         ("requests_per_second", "p50_ms", "p99_ms", "cpu_us_per_request")}
        summary[name]["p99_ms_worst"] = max(run["p99_ms"] for run in runs)
        summary[name]["peak_rss_kb"] = max(run["peak_rss_kb"] for run in runs)
        summary[name]["unexpected_responses"] = sum(run["unexpected_responses"] for run in runs)
    d, r = summary["draagvlak"], summary["reference"]
    summary["ratio"] = round(d["requests_per_second"] / r["requests_per_second"], 3) if r["requests_per_second"] else None
    summary["p99_ratio"] = round(d["p99_ms"] / r["p99_ms"], 3) if r["p99_ms"] else None
    summary["runs"] = runs_by_server
    return summary


def targets(scenarios, startup, in_process):
    def target(name, wanted, value, met):
        return {"name": name, "target": wanted, "value": value, "met": bool(met)}

    page, answer, burst = scenarios["survey_page"], scenarios["answer_submission"], scenarios["burst_3000"]
    d_burst = burst["runs"]["draagvlak"]
    rss = max(s["draagvlak"]["peak_rss_kb"] for s in scenarios.values())
    result = [
        target("survey page requests/s", ">= 0.5 x reference", page["ratio"], page["ratio"] >= 0.5),
        target("survey page p99", "<= 2 x reference", page["p99_ratio"], page["p99_ratio"] <= 2),
        target("answer submission requests/s (synchronous=FULL)", ">= 0.5 x reference with group commit",
               answer["ratio"], answer["ratio"] >= 0.5),
        target("burst of 3,000: every request succeeds", "0 failed",
               sum(run["unexpected_responses"] for run in d_burst), all(run["unexpected_responses"] == 0 for run in d_burst)),
        target("burst of 3,000: p99 (worst round)", "< 100 ms", max(run["p99_ms"] for run in d_burst),
               max(run["p99_ms"] for run in d_burst) < 100),
        target("peak RSS under load (MB)", "<= 64 MB", round(rss / 1024, 1), rss <= RSS_LIMIT_KB),
        target("start to first request (s)", "<= 0.5 s", startup["draagvlak"]["median_s"], startup["draagvlak"]["median_s"] <= 0.5),
    ]
    if in_process:
        invitation = in_process["invitation_3000_with_outbox"]["median_ms"]
        draagvlak_ms = in_process["draagvlak_3000_respondents"]["median_ms"]
        result += [
            target("invitation of 3,000 with outbox files (ms)", "<= 2000 ms", invitation, invitation <= 2000),
            target("draagvlak for 3,000 respondents (ms)", "<= 50 ms", draagvlak_ms, draagvlak_ms <= 50),
        ]
    return result


def print_report(report):
    print()
    print(f"{'scenario':<20} {'draagvlak req/s':>15} {'reference req/s':>15} {'ratio':>6}  "
          f"{'p50 D/R ms':>13} {'p99 D/R ms':>15} {'CPU µs/req D/R':>15} {'RSS MB D/R':>11}")
    for name, s in report["scenarios"].items():
        d, r = s["draagvlak"], s["reference"]
        print(f"{name:<20} {d['requests_per_second']:>15,.0f} {r['requests_per_second']:>15,.0f} {s['ratio']:>6.2f}  "
              f"{d['p50_ms']:>6.2f}/{r['p50_ms']:<6.2f} {d['p99_ms']:>7.2f}/{r['p99_ms']:<7.2f} "
              f"{d['cpu_us_per_request']:>7.0f}/{r['cpu_us_per_request']:<7.0f} "
              f"{d['peak_rss_kb'] / 1024:>5.1f}/{r['peak_rss_kb'] / 1024:<5.1f}")
    startup = report["startup"]
    print(f"\nstart to first request: draagvlak {startup['draagvlak']['median_s'] * 1000:.0f} ms, "
          f"reference {startup['reference']['median_s'] * 1000:.0f} ms")
    if report.get("in_process"):
        print("in process (median):")
        for key, value in report["in_process"].items():
            if isinstance(value, dict) and "median_ms" in value:
                print(f"  {key:<40} {value['median_ms']:>9.2f} ms")
    print("\ntargets:")
    for t in report["targets"]:
        print(f"  [{'met' if t['met'] else 'MISSED':^6}] {t['name']}: {t['value']} (target {t['target']})")


# MARK: - main


def main():
    # A stop by SIGTERM (or SIGINT, which shells ignore in background jobs) still stops the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 rounds of 5 s per scenario (under 3 minutes)")
    parser.add_argument("--out", default=str(BENCH / "latest.json"), help="where to write the JSON summary")
    parser.add_argument("--rounds", type=int, help="rounds (default 2 quick, 3 full)")
    parser.add_argument("--duration", type=int, help="seconds per wrk run (default 5 quick, 10 full)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    parser.add_argument("--burst-connections", type=int, default=100, help="members at once in the burst (default 100)")
    parser.add_argument("--only", help="comma-separated scenarios to run (default all)")
    parser.add_argument("--skip-in-process", action="store_true", help="leave out the draagvlak-bench timings")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (data, logs) for inspection")
    parser.add_argument("--hold", type=float, default=0,
                        help="after setup, keep both servers up this many seconds (for perf record) before the rounds")
    parser.add_argument("--build", default=str(ROOT / ".build"), help="the build folder")
    settings = parser.parse_args()
    settings.rounds = settings.rounds or (2 if settings.quick else 3)
    settings.duration = settings.duration or (5 if settings.quick else 10)
    settings.wrk_threads = 2
    build = Path(settings.build)
    binary, bench_binary = build / "release" / "draagvlak", build / "release" / "draagvlak-bench"
    reference_binary, burst_binary = build / "bench" / "reference", build / "bench" / "burst"
    for needed in (binary, reference_binary, burst_binary):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: run scripts/bench, which builds it")
    scenario_names = list(SCENARIOS) if not settings.only else [s for s in settings.only.split(",") if s in SCENARIOS]

    work = Path(tempfile.mkdtemp(prefix="draagvlak-bench-"))
    data = work / "data"
    servers = []
    began = time.monotonic()
    load_before = os.getloadavg()
    try:
        port = free_port()
        env = dict(os.environ, DRAAGVLAK_DATA=str(data), DRAAGVLAK_SURVEYS=str(work / "surveys"),
                   DRAAGVLAK_RESOURCES=str(ROOT / "Resources"), DRAAGVLAK_PUBLIC_URL=f"http://127.0.0.1:{port}",
                   DRAAGVLAK_MAX_INVITATIONS_PER_YEAR="365", DRAAGVLAK_LOG_LEVEL="info")
        log(f"preparing a fresh data folder in {work}: demo panel, surveys, invitations")
        copies = prepare_surveys(work / "surveys", settings.rounds)
        draagvlak(binary, env, "demo")
        link_files = {}
        for survey_id in [POLL] + copies:
            link_files[survey_id] = work / f"links-{survey_id}.csv"
            draagvlak(binary, env, "invite", survey_id, "--links-csv", str(link_files[survey_id]))
        admin_token = draagvlak(binary, env, "token", "create", "--role", "admin", "--label", "bench").strip()
        files = {"page": work / "page.txt", "answers": work / "answers.txt"}
        write_requests(files["page"], links(link_files[POLL]), 1, with_answers=False)
        write_requests(files["answers"], links(link_files[ANSWERED]), 2, with_answers=True)
        for i in range(1, settings.rounds + 1):
            files[f"burst-{i}"] = work / f"burst-{i}.txt"
            write_requests(files[f"burst-{i}"], links(link_files[f"bench-burst-{i}"]), 100 + i, with_answers=True)

        ours = Server("draagvlak", [str(binary), "serve", "--port", str(port)], env, port, "/healthz", work / "draagvlak.log")
        servers.append(ours)
        startup = {"draagvlak": [], "reference": []}
        for attempt in range(3):
            startup["draagvlak"].append(ours.start())
            if attempt < 2:
                ours.stop()

        log("answering the survey the answers and results scenarios use (every member once)")
        warm = run_burst(ours, burst_binary, files["answers"], settings.burst_connections)
        if warm["unexpected_responses"]:
            raise SystemExit(f"Draagvlak refused answers while preparing: {warm['first_failure']}")

        log("capturing what the reference serves: page, results JSON, stylesheet, 404 page")
        captured = {}
        first_page = open(files["page"]).readline().split("\t")[0]
        for name, path, headers in [("page", first_page, None),
                                    ("results", f"/api/v1/surveys/{ANSWERED}/results", {"Authorization": f"Bearer {admin_token}"}),
                                    ("css", "/static/draagvlak.css", None)]:
            status, body = get(port, path, headers)
            if status != 200:
                raise SystemExit(f"GET {path} answered {status} while capturing")
            captured[name] = work / f"captured-{name}"
            captured[name].write_bytes(body)
        status, body = get(port, "/s/" + "A" * 43)
        captured["not-found"] = work / "captured-not-found"
        captured["not-found"].write_bytes(body)
        page_bytes = captured["page"].stat().st_size

        reference_port = free_port()
        reference = Server("reference", [
            str(reference_binary), "--port", str(reference_port), "--database", str(work / "reference.sqlite"),
            "--page", str(captured["page"]), "--css", str(captured["css"]), "--not-found", str(captured["not-found"]),
            "--results", str(captured["results"]), "--links", ",".join(str(f) for f in link_files.values())],
            env, reference_port, "/static/draagvlak.css", work / "reference.log")
        servers.append(reference)
        for attempt in range(3):
            startup["reference"].append(reference.start())
            if attempt < 2:
                reference.stop()
        warm = run_burst(reference, burst_binary, files["answers"], settings.burst_connections)
        if warm["unexpected_responses"]:
            raise SystemExit(f"the reference refused answers while preparing: {warm['first_failure']}")

        if settings.hold:
            log(f"holding for {settings.hold:.0f} s: draagvlak pid {ours.process.pid} port {port}, "
                f"reference pid {reference.process.pid} port {reference_port}")
            time.sleep(settings.hold)

        runs = {name: {"draagvlak": [], "reference": []} for name in ["burst_3000"] + scenario_names}
        for round_number in range(settings.rounds):
            order = [ours, reference] if round_number % 2 == 0 else [reference, ours]
            log(f"round {round_number + 1} of {settings.rounds} ({order[0].name} first)")
            for server in order:
                run = run_burst(server, burst_binary, files[f"burst-{round_number + 1}"], settings.burst_connections)
                runs["burst_3000"][server.name].append(run)
            for scenario in scenario_names:
                for server in order:
                    runs[scenario][server.name].append(run_wrk(server, scenario, files, settings, admin_token))
                d, r = runs[scenario]["draagvlak"][-1], runs[scenario]["reference"][-1]
                print(f"    {scenario:<20} draagvlak {d['requests_per_second']:>9,.0f}/s p99 {d['p99_ms']:>7.2f} ms   "
                      f"reference {r['requests_per_second']:>9,.0f}/s p99 {r['p99_ms']:>7.2f} ms", file=sys.stderr, flush=True)
        for server in servers:
            server.stop()

        in_process = None
        if not settings.skip_in_process and bench_binary.exists():
            log("in-process timings (draagvlak-bench)")
            result = subprocess.run([str(bench_binary), "--surveys", str(ROOT / "surveys"), "--resources", str(ROOT / "Resources"),
                                     "--repeats", "10" if settings.quick else "30", "--invite-repeats", "2" if settings.quick else "3"],
                                    cwd=ROOT, capture_output=True, text=True, timeout=900)
            if result.returncode != 0:
                raise SystemExit(f"draagvlak-bench failed:\n{result.stderr}")
            in_process = json.loads(result.stdout)

        scenarios = {name: summarise(by_server) for name, by_server in runs.items()}
        startup_summary = {name: {"median_s": round(statistics.median(values), 4), "runs_s": [round(v, 4) for v in values]}
                           for name, values in startup.items()}
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        report = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "commit": commit,
            "mode": "quick" if settings.quick else "full",
            "machine": {"cores": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
                        "load_average_after": [round(x, 2) for x in os.getloadavg()]},
            "settings": {"rounds": settings.rounds, "seconds_per_run": settings.duration, "wrk_threads": settings.wrk_threads,
                         "wrk_connections": settings.connections, "burst_members": 3000,
                         "burst_connections": settings.burst_connections, "server_threads": 2},
            "page_bytes": page_bytes,
            "startup": startup_summary,
            "scenarios": scenarios,
            "in_process": in_process,
            "elapsed_s": round(time.monotonic() - began, 1),
        }
        report["targets"] = targets(scenarios, startup_summary, in_process) if "survey_page" in scenarios and "answer_submission" in scenarios else []
        Path(settings.out).parent.mkdir(parents=True, exist_ok=True)
        Path(settings.out).write_text(json.dumps(report, indent=2) + "\n")
        print_report(report)
        print(f"\nsummary written to {settings.out} ({report['elapsed_s']:.0f} s)")
    finally:
        for server in servers:
            server.stop()
        if settings.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
