"""The draagvlak the server reports for a buurttoetsing, raked to the wijk's population, agrees with
R's survey package computing from the same answers (SPEC §5's tolerances), and breakdowns hide small cells."""
import csv
import json
import random
import subprocess

import pytest
import requests

from conftest import ROOT

SURVEY = "speeltuin-geraniumstraat"  # audience: wijk Oost, support = 4 or 5, oppose = 1 or 2


def r_reference(tmp_path, rows, margins):
    respondents = tmp_path / "respondents.csv"
    with open(respondents, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["supports", "opposes", "age_band", "gender"])
        writer.writerows(rows)
    margins_file = tmp_path / "margins.csv"
    with open(margins_file, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["variable", "category", "total"])
        writer.writerows(margins)
    output = subprocess.run(["Rscript", str(ROOT / "Tests/r-oracle/reference.R"), str(respondents), str(margins_file)],
                            capture_output=True, text=True, timeout=120, check=True).stdout
    for line in output.splitlines():
        fields = line.split("\t")
        if fields[:2] == ["estimate", "supports"]:
            return {"share": float(fields[2]), "se": float(fields[3]), "lower": float(fields[4]), "upper": float(fields[5]),
                    "n_eff": float(fields[7])}
    raise AssertionError(output)


def test_weighted_support_matches_r_and_small_cells_are_suppressed(app, tmp_path):
    panel = tmp_path / "panel.csv"
    app.run("demo", "--csv", str(panel))
    members = {row["member_id"]: row for row in csv.DictReader(open(panel))}
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    links = app.links(links_csv)
    app.start()

    chosen = random.Random(5).sample(sorted(links), 200)
    answers = {}
    generator = random.Random(11)
    for member in chosen:
        # Older residents support a little less, so weighting by age moves the share.
        older = members[member]["birth_year"] and int(members[member]["birth_year"]) < 1961
        value = generator.choice([1, 2, 3, 4, 5, 5] if not older else [1, 1, 2, 3, 4, 5])
        answers[member] = value
        assert requests.post(links[member], data={"steun": str(value)}, allow_redirects=False, timeout=10).status_code == 303

    report = json.loads(app.run("report", SURVEY, "--format", "json").stdout)
    draagvlak = report["draagvlak"]
    assert draagvlak["weighted"] is True, draagvlak["weighting"]
    assert draagvlak["weighting"]["scope"] == "Oost" and draagvlak["weighting"]["variables"] == ["age_band", "gender"]
    assert draagvlak["weighting"]["converged"] is True and draagvlak["n"] == 200

    # The same computation by R's survey package, from the panel file and the population file.
    population = list(csv.DictReader(open(ROOT / "Resources/population/hilversum.csv")))
    margins = [(row["variable"], row["category"], row["total"]) for row in population
               if row["scope"] == "Oost" and row["variable"] in ("age_band", "gender")]
    margins.sort(key=lambda m: ("age_band", "gender").index(m[0]))
    bands = {"18-34": (1992, 2008), "35-49": (1977, 1991), "50-64": (1962, 1976), "65+": (1900, 1961)}
    def band_of(row):
        if row.get("age_band"):
            return row["age_band"]
        year = int(row["birth_year"])
        return next(b for b, (lo, hi) in bands.items() if lo <= year <= hi)
    rows = [(1 if answers[m] >= 4 else 0, 1 if answers[m] <= 2 else 0, band_of(members[m]), members[m]["gender"]) for m in chosen]
    r = r_reference(tmp_path, rows, margins)
    assert draagvlak["support_share"] == pytest.approx(r["share"], rel=1e-9)
    assert draagvlak["se"] == pytest.approx(r["se"], rel=1e-6)
    assert draagvlak["ci95"][0] == pytest.approx(r["lower"], rel=1e-6)
    assert draagvlak["ci95"][1] == pytest.approx(r["upper"], rel=1e-6)
    assert draagvlak["n_eff"] == pytest.approx(r["n_eff"], rel=1e-9)
    unweighted = sum(1 for v in answers.values() if v >= 4) / 200
    assert draagvlak["support_share_unweighted"] == pytest.approx(unweighted, rel=1e-12)

    # Breakdowns: every shown cell has at least 10 respondents; smaller cells show nothing at all.
    for variable, cells in draagvlak["breakdowns"].items():
        for category, cell in cells.items():
            if cell["suppressed"]:
                assert set(cell) == {"suppressed"}, (variable, category, cell)
            else:
                assert cell["n"] >= 10 and 0 <= cell["ci95"][0] <= cell["support_share"] <= cell["ci95"][1] <= 1
    assert draagvlak["breakdowns"]["wijk"]["Oost"]["n"] == 200

    # Anonymised exports: the same answers, no ids or addresses, weights adding up to the population.
    exported = app.run("report", SURVEY, "--format", "csv").stdout
    rows = list(csv.DictReader(exported.splitlines()))
    assert len(rows) == 200
    assert sorted(int(r["steun"]) for r in rows) == sorted(answers.values())
    assert "demo-" not in exported and "@" not in exported
    oost_total = sum(float(row["total"]) for row in population if row["scope"] == "gemeente" and row["category"] == "Oost")
    assert sum(float(r["weight"]) for r in rows) == pytest.approx(oost_total, rel=1e-9)
    sav = tmp_path / "antwoorden.sav"
    app.run("report", SURVEY, "--format", "sav", "--output", str(sav))
    import pyreadstat
    frame, meta = pyreadstat.read_sav(str(sav), output_format="dict")
    assert len(frame["steun"]) == 200 and sorted(int(v) for v in frame["steun"]) == sorted(answers.values())
    assert meta.column_names_to_labels["steun"].startswith("Steunt u")
    staff = app.staff("onderzoeker")
    download = staff.get(f"{app.base}/admin/surveys/{SURVEY}/export/csv", timeout=10)
    assert download.status_code == 200 and download.headers["Content-Disposition"].startswith("attachment")
    assert len(list(csv.DictReader(download.text.splitlines()))) == 200
    assert requests.get(f"{app.base}/admin/surveys/{SURVEY}/export/csv", allow_redirects=False, timeout=10).status_code == 303

    # The report page: the verdict in words, the interval chart, per-wijk chart, method and guide.
    page = staff.get(f"{app.base}/admin/surveys/{SURVEY}/report", timeout=10)
    assert page.status_code == 200
    html = page.text
    assert "draagvlak" in html.lower() and "Hoe leest u deze cijfers?" in html and "Methode" in html
    assert html.count("<svg") >= 3 and "Steun met 95%-betrouwbaarheidsinterval" in html
    assert "raking" in html and "svymean()" in html
    assert "<script" not in html.replace('<script src="/static/', "")
    cli = app.run("report", SURVEY, "--format", "html").stdout
    assert "Hoe leest u deze cijfers?" in cli
    (tmp_path / "report.html").write_text(html.replace("<head>", f'<head><base href="{app.base}/">'))
