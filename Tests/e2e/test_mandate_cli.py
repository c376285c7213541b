"""`draagvlak mandate route` and `mandate check` against the real executable and the shipped rule
files: every band boundary of both editions, the refusals, and the exit codes (0 routed, 1 refused
by the rules, 2 a malformed question)."""
import json
import shutil

import pytest

from conftest import ROOT

KEYS = ["band", "budget_line", "buurttoetsing_required", "ceiling_cents", "deciders", "edition", "min_n",
        "signatures", "threshold"]


def route(app, amount, date, wijk="Centrum", kind=None):
    args = ["mandate", "route", "--amount", amount, "--wijk", wijk, "--date", date]
    if kind:
        args += ["--kind", kind]
    return app.run(*args, check=False)


@pytest.mark.parametrize("date,edition", [("2020-12-31", "2019"), ("2021-01-01", "2020")])
@pytest.mark.parametrize("amount,kind,band,deciders,line,ceiling", [
    ("2000.00", None, "klein", ["buurtcoordinator"], "handgeld", 200000),
    ("2.000,01", None, "buurtdeal", ["buurtcoordinator", "wijkwethouder"], "subsidie", 1000000),
    ("10000.00", None, "buurtdeal", ["buurtcoordinator", "wijkwethouder"], "subsidie", 1000000),
    ("10000.01", None, "groot", ["teammanager", "wijkwethouder"], "subsidie", 2500000),
    ("25000.00", "regulier", "groot", ["teammanager", "wijkwethouder"], "subsidie", 2500000),
    ("75000.00", "wijkkans", "wijkkans", ["wethouder_buurten"], "wijkkansen", 7500000),
    ("250000", "investering", "investering", ["college", "gemeenteraad"], "investering", None),
])
def test_every_boundary_routes_to_its_band(app, date, edition, amount, kind, band, deciders, line, ceiling):
    result = route(app, amount, date, kind=kind)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert list(answer) == KEYS  # pretty JSON with sorted keys, every key present
    assert answer["edition"] == edition and answer["band"] == band and answer["deciders"] == deciders
    assert answer["budget_line"] == line and answer["ceiling_cents"] == ceiling
    assert answer["signatures"] == len(deciders)
    assert result.stdout.startswith("{\n  \"band\" : ")


@pytest.mark.parametrize("date", ["2020-12-31", "2021-01-01"])
@pytest.mark.parametrize("amount,kind,band,ceiling", [
    ("25000.01", "regulier", "groot", "€ 25.000,00"),
    ("75000.01", "wijkkans", "wijkkans", "€ 75.000,00"),
])
def test_above_the_top_band_is_refused_with_the_reason(app, date, amount, kind, band, ceiling):
    result = route(app, amount, date, wijk="hilversumse meent", kind=kind)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"meer dan het plafond van band {band} ({ceiling})" in result.stderr
    assert "nooit stilzwijgend naar een andere band" in result.stderr


def test_before_the_first_edition_nothing_routes(app):
    result = route(app, "100", "2019-12-31")
    assert result.returncode == 1
    assert "Op 2019-12-31 gold nog geen mandaatregeling; de eerste regeling geldt vanaf 2020-01-01." in result.stderr


@pytest.mark.parametrize("amount,date,wijk,kind,reason", [
    ("twee", "2021-01-01", "Centrum", None, "the amount 'twee' is not an amount in euros"),
    ("100", "2021-02-30", "Centrum", None, "the date '2021-02-30' is not a date YYYY-MM-DD that exists"),
    ("100", "2021-01-01", "Centrum", "groot", "unknown kind 'groot'"),
    ("0", "2021-01-01", "Centrum", None, "Het gevraagde bedrag moet groter zijn dan € 0,00"),
    ("100", "2021-01-01", "H'Meent", None, "De wijk 'H'Meent' komt niet voor in mandaatregeling 2020"),
])
def test_a_malformed_question_is_a_usage_error(app, amount, date, wijk, kind, reason):
    result = route(app, amount, date, wijk=wijk, kind=kind)
    assert result.returncode == 2
    assert reason in result.stderr


def test_check_passes_the_shipped_files_and_names_every_problem_in_a_broken_one(app, tmp_path):
    ok = app.run("mandate", "check")
    assert ok.stdout.strip() == "ok: 2 edition(s): 2019 (from 2020-01-01), 2020 (from 2021-01-01)"

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "Resources" / "rules", rules)
    broken = rules / "hilversum-2020.yaml"
    text = broken.read_text()
    text = text.replace("amount: {above: 10000, up_to: 25000}", "amount: {above: 12000, up_to: 25000}")
    text = text.replace("Zuid: {subsidie: 53500, handgeld: 8250, total: 61750}",
                        "Zuid: {subsidie: 53500, handgeld: 8250, total: 60000}")
    broken.write_text(text)
    lines = text.splitlines()
    gap_line = next(i for i, line in enumerate(lines, 1) if "above: 12000" in line)
    zuid_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("Zuid:"))
    # Each problem points at the key it concerns (columns count from 1).
    total_column = lines[zuid_line - 1].index("total:") + 1
    above_column = lines[gap_line - 1].index("above:") + 1

    result = app.run("mandate", "check", str(rules), check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{broken}:{zuid_line}:{total_column}: error: wijk 'Zuid' does not add up: subsidie € 53.500,00 + handgeld € 8.250,00 = "
        "€ 61.750,00, but its total says € 60.000,00",
        f"{broken}:{gap_line}:{above_column}: error: gap between band 'buurtdeal' (up to € 10.000,00) and band 'groot' "
        "(above € 12.000,00): amounts from € 10.000,01 to € 12.000,00 have no band",
    ]
    assert "2 error(s) in rule files" in result.stderr

    # Another edition on the same day as the 2020 one is refused in the later file.
    (rules / "hilversum-2020.yaml").write_text((ROOT / "Resources" / "rules" / "hilversum-2020.yaml").read_text())
    (rules / "hilversum-2020b.yaml").write_text(
        (rules / "hilversum-2020.yaml").read_text().replace('edition: "2020"', 'edition: "2020b"'))
    twin = app.run("mandate", "check", str(rules), check=False)
    assert twin.returncode == 1
    assert "hilversum-2020b.yaml:" in twin.stderr
    assert "edition '2020b' takes effect on 2021-01-01, like edition '2020'" in twin.stderr


def test_the_server_refuses_to_start_with_a_broken_rule_file(app, tmp_path):
    resources = tmp_path / "Resources"
    shutil.copytree(ROOT / "Resources", resources)
    rules = resources / "rules" / "hilversum-2019.yaml"
    rules.write_text(rules.read_text().replace("overdraw_approver: teammanager", "overdraw_approver: clusterteammanager"))
    result = app.run("serve", "--port", "0", "--resources", str(resources), check=False)
    assert result.returncode == 1
    assert "the mandate rules cannot be used" in result.stderr
    assert f"{rules}:" in result.stderr and "unknown role 'clusterteammanager'" in result.stderr
