"""Initiative decisions survive `kill -9`: owners submit and a buurtcoördinator drives small initiatives
through their whole lifecycle over the staff JSON API, every step sent twice at once, while the server is
killed at random moments 20 times. After every kill: each acknowledged submission and transition is
stored exactly once, none is ever acknowledged twice, the budget ledger matches the initiatives'
committed and spent amounts without overdrawing the wijk's handgeld, every change queued its owner's
message in the same transaction, and the database passes `PRAGMA integrity_check`; after every
restart `draagvlak audit verify` exits 0."""
import itertools
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from crashkit import Acks, CrashLoop, integrity, read_only

WORKERS = 3
HANDGELD_OOST_CENTS = 825_000  # Table 1 of the 2020 rules: € 8.250 handgeld for Oost
HOLDS_COMMITMENT = {"goedgekeurd", "in_uitvoering"}


class Coordinator:
    """One worker: submits an initiative as its owner, then takes it step by step to its end as the
    buurtcoördinator of Oost, and starts the next one."""

    titles = itertools.count(1)

    def __init__(self, loop: CrashLoop, app, token: str, acks: Acks):
        self.loop = loop
        self.app = app
        self.headers = {"Authorization": f"Bearer {token}"}
        self.acks = acks
        self.initiative = None  # the API's view of the initiative this worker is busy with
        self.title = None  # set while the initiative's id is not known yet
        # After a request without an answer the view may be behind: read the initiative again before the
        # next step, or a step that did happen would be sent again.
        self.stale = False
        self.duel = ThreadPoolExecutor(max_workers=2)

    def __call__(self):
        if self.initiative is None and self.title is None:
            self.submit()
        elif self.initiative is None:
            self.find_by_title()
        elif self.stale:
            self.refresh()
        else:
            self.next_step()

    def submit(self):
        n = next(self.titles)
        title = f"Bankje {n:04d}"
        form = {"titel": title, "omschrijving": "Een bankje bij de speelplek, voor jong en oud.", "wijk": "Oost",
                "soort": "regulier", "bedrag": f"{20 + (n * 37) % 130},00", "eigen_bijdrage": "10",
                "wederkerigheid": "Wij houden het bankje schoon.", "naam": "Bewoner", "email": f"bewoner-{n:04d}@example.org"}
        reply = self.loop.request("POST", f"{self.app.base}/initiatieven/nieuw", data=form)
        self.title = title
        if reply is None:
            self.acks.lost_answer(("submit", title))
            return
        assert reply.status_code == 303, f"submitting {title}: {reply.status_code} {reply.text[:300]}"
        self.acks.ack(("submit", title))

    def find_by_title(self):
        """After a submission: its id, or when it never arrived (no answer, then not stored), a new start."""
        reply = self.loop.request("GET", f"{self.app.base}/api/v1/initiatives", headers=self.headers)
        if reply is None:
            return
        assert reply.status_code == 200, reply.text[:300]
        self.initiative = next((i for i in reply.json() if i["title"] == self.title), None)
        if self.initiative is None:
            self.title = None

    def refresh(self):
        reply = self.loop.request("GET", f"{self.app.base}/api/v1/initiatives/{self.initiative['id']}", headers=self.headers)
        if reply is not None:
            assert reply.status_code == 200, reply.text[:300]
            self.initiative = reply.json()
            self.stale = False

    def next_step(self):
        initiative = self.initiative
        status, number = initiative["status"], int(initiative["id"].rsplit("-", 1)[1])
        if status in ("afgewezen", "teruggetrokken", "afgesloten"):
            self.initiative = self.title = None
            return
        step = {
            "ingediend": {"action": "start_review"},
            "in_behandeling": {"action": "skip_buurttoetsing", "motivation": "Klein bedrag, de buren zijn het eens."}
            if initiative.get("criteria") else
            {"action": "record_criteria", "residents_initiated": "ja", "testable_support": "ja", "complementary": "ja",
             "own_effort": "ja", "note": "Gesproken met de buren"},
            "besluitvorming": {"action": "sign", "reference": f"HG-{initiative['id']}", "motivation": "Past binnen het handgeld"},
            "goedgekeurd": {"action": "withdraw", "motivation": "Toch niet nodig"} if number % 7 == 0 else {"action": "start_execution"},
            "in_uitvoering": {"action": "account", "actual_cost": f"{initiative['committed'] * 8 // 10 / 100:.2f}".replace(".", ","),
                              "feedback": "Het bankje staat er."},
            "verantwoord": {"action": "close"},
        }[status]
        # record_criteria may be repeated by design; every other step must happen once however often it is sent.
        copies = 1 if step["action"] == "record_criteria" else 2
        url = f"{self.app.base}/api/v1/initiatives/{initiative['id']}/actions"
        replies = list(self.duel.map(lambda _: self.loop.request("POST", url, json=step, headers=self.headers), range(copies)))
        key = (initiative["id"], step["action"])
        accepted = [r for r in replies if r is not None and r.status_code == 200]
        for reply in replies:
            if reply is None:
                self.acks.lost_answer(key)
            elif reply.status_code == 200:
                self.acks.ack(key)
            else:
                # The other copy won (409), or the budget is spent (422): both are answers, not failures.
                assert reply.status_code in (409, 422), f"{key}: {reply.status_code} {reply.text[:300]}"
        if accepted:
            self.initiative = accepted[0].json()
        elif None in replies:
            self.stale = True
        elif step["action"] == "sign" and any(r is not None and r.status_code == 422 and "overschreden" in r.text for r in replies):
            self.reject_for_lack_of_budget()
        else:
            self.stale = True

    def reject_for_lack_of_budget(self):
        url = f"{self.app.base}/api/v1/initiatives/{self.initiative['id']}/actions"
        reply = self.loop.request("POST", url, json={"action": "reject", "motivation": "Het handgeld is op."}, headers=self.headers)
        key = (self.initiative["id"], "reject")
        if reply is None:
            self.acks.lost_answer(key)
        elif reply.status_code == 200:
            self.acks.ack(key)
            self.initiative = reply.json()
            return
        self.stale = True


def check_database(database, acks: Acks):
    """Everything the clients were told, against what the database holds after a crash."""
    acknowledged, unanswered = acks.snapshot()
    assert integrity(database) == "ok"
    with read_only(database) as db:
        initiatives = {row[0]: json.loads(row[1]) for row in db.execute("SELECT id, state FROM initiative")}
        by_title = Counter(state["title"] for state in initiatives.values())
        events = Counter(db.execute("SELECT initiative_id, action FROM initiative_event WHERE action != 'submit'").fetchall())
        changes = Counter(row[0] for row in db.execute("SELECT initiative_id FROM initiative_event WHERE from_status != to_status"))
        ledger = db.execute("SELECT initiative_id, kind, amount_cents, line, wijk FROM budget_mutation").fetchall()
        mail = Counter(row[0] for row in db.execute("SELECT recipient FROM outbox WHERE kind = 'initiative'"))
        contacts = dict(db.execute("SELECT initiative_id, email FROM initiative_contact"))

    for key, count in acknowledged.items():
        assert count == 1, f"{key} was acknowledged {count} times"
    for title, count in by_title.items():
        assert count == 1, f"{title} is stored {count} times"
    for (kind, title) in acknowledged:
        if kind == "submit":
            assert by_title[title] == 1, f"acknowledged submission {title} is missing"
    for key, count in events.items():
        assert count == 1, f"{key[1]} on {key[0]} is stored {count} times"
    for key in acknowledged:
        if key[0] != "submit":
            assert events[key] == 1, f"acknowledged {key[1]} on {key[0]} is missing"
    for key in events:
        assert key in acknowledged or key in unanswered, f"{key[1]} on {key[0]} is stored but was never sent"

    committed, spent, signs = Counter(), Counter(), Counter()
    line_total = 0
    for initiative_id, kind, cents, line, wijk in ledger:
        assert (line, wijk) == ("handgeld", "Oost"), f"{initiative_id} charged {line} of {wijk}"
        committed[initiative_id] += {"commit": cents, "release": -cents}.get(kind, 0)
        spent[initiative_id] += cents if kind == "spend" else 0
        signs[initiative_id] += kind == "commit"
        line_total += {"commit": cents, "release": -cents, "spend": cents}[kind]
    assert line_total <= HANDGELD_OOST_CENTS, f"handgeld of Oost overdrawn: {line_total} of {HANDGELD_OOST_CENTS} cents"
    for initiative_id, state in initiatives.items():
        assert committed[initiative_id] == state["committed"], f"{initiative_id}: ledger {committed[initiative_id]}, initiative {state['committed']}"
        assert spent[initiative_id] == (state.get("spent") or 0), f"{initiative_id}: spent differs from the ledger"
        assert (state["committed"] > 0) == (state["status"] in HOLDS_COMMITMENT), f"{initiative_id} {state['status']} holds {state['committed']}"
        assert signs[initiative_id] == events[(initiative_id, "sign")], f"{initiative_id}: one commitment per approval"
        # The owner's message is queued in the transaction of the change it tells about: one for the
        # submission, one per change of status.
        assert mail[contacts[initiative_id]] == 1 + changes[initiative_id], f"{initiative_id}: messages do not match its changes"
    return len(initiatives), sum(acknowledged.values())


def test_initiative_decisions_survive_twenty_kills(app):
    app.data.mkdir(parents=True)
    token = app.run("token", "create", "--role", "buurtcoordinator", "--wijk", "Oost").stdout.strip()
    database = app.data / "draagvlak.sqlite"
    acks = Acks()
    loop = CrashLoop(app, seed=20260502, kills=20, uptime=(0.5, 1.5))
    workers = [Coordinator(loop, app, token, acks) for _ in range(WORKERS)]
    progress = []

    def while_down(cycle):
        progress.append(check_database(database, acks))

    def after_restart(cycle):
        verified = app.run("audit", "verify", check=False)
        assert verified.returncode == 0, f"audit verify after restart {cycle + 1}: {verified.stdout}{verified.stderr}"

    loop.run(workers, while_down=while_down, after_restart=after_restart)
    app.stop()
    stored, acknowledged = check_database(database, acks)
    assert app.run("audit", "verify").returncode == 0
    # The kills hit a server at work, not an idle one: submissions and decisions kept coming between them.
    assert len({count for count, _ in progress}) >= 10, f"initiatives stored after each kill: {[c for c, _ in progress]}"
    with read_only(database) as db:
        statuses = Counter(row[0] for row in db.execute("SELECT status FROM initiative"))
    assert statuses["afgesloten"] >= 1 and statuses["goedgekeurd"] + statuses["in_uitvoering"] + statuses["afgesloten"] >= 3, statuses
    assert acknowledged > 100, f"only {acknowledged} acknowledged steps"
    print(f"{stored} initiatives, {acknowledged} acknowledged steps, {sum(acks.snapshot()[1].values())} without an answer, "
          f"{loop.restarts} restarts; {dict(statuses)}")
