"""Letters for residents outside the panel: `draagvlak letters` issues one code per address of a buurt,
writes the mail-merge CSV and the printable letters, residents answer with the printed link or by typing
the code at the short link, and the report counts them apart while the panel's figures stay as they were."""
import csv
import json
import random
import re
import shutil
import subprocess

import requests

SURVEY = "speeltuin-geraniumstraat"  # audience: wijk Oost, support = 4 or 5, oppose = 1 or 2


def write_addresses(path, count):
    """A street in the Geraniumbuurt (named nowhere else), some houses split into flats (a toevoeging)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["straat", "huisnummer", "toevoeging", "postcode", "woonplaats", "buurt"])
        for n in range(1, count + 1):
            writer.writerow(["Hortensialaan", (n + 1) // 2, "" if n % 2 else "A", "1215 AB", "Hilversum", "Geraniumbuurt"])


def scan_first_letter(letters, tmp_path):
    """The first page of the letters as Chromium renders it, read by zbarimg (Debian's zbar-tools)."""
    picture = tmp_path / "brief.png"
    subprocess.run([shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--force-device-scale-factor=2", "--window-size=900,1200", f"--screenshot={picture}", letters.as_uri()],
                   capture_output=True, timeout=120, check=True)
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(picture)], capture_output=True, text=True, timeout=60,
                          check=True).stdout.strip()


def panel_report(app):
    report = json.loads(app.run("report", SURVEY, "--format", "json").stdout)
    return report, {key: value for key, value in report.items() if key != "letters"}


def test_letters_are_answered_by_code_and_counted_apart_from_the_panel(app, tmp_path):
    app.run("demo")
    links_csv = app.data / "links.csv"
    app.run("invite", SURVEY, "--links-csv", str(links_csv))
    links = app.links(links_csv)
    app.start()
    for member in random.Random(3).sample(sorted(links), 40):
        assert requests.post(links[member], data={"steun": "2"}, allow_redirects=False, timeout=10).status_code == 303
    _, panel_before = panel_report(app)
    assert panel_before["responded"] == 40 and "letters" not in json.loads(app.run("report", SURVEY).stdout)

    addresses = tmp_path / "geraniumbuurt.csv"
    write_addresses(addresses, 24)
    out = tmp_path / "brieven"
    issued = app.run("letters", SURVEY, "--addresses", str(addresses), "--out", str(out))
    assert f"{SURVEY}: 24 codes issued, 0 address(es) skipped" in issued.stdout
    assert str(out / "adressen.csv") in issued.stdout and str(out / "brieven.html") in issued.stdout

    # The mail merge: the addresses with code and link, RFC 4180 with CRLF.
    raw = (out / "adressen.csv").read_bytes()
    assert raw.count(b"\r\n") == 25 and raw.startswith(b"straat,huisnummer,toevoeging,postcode,woonplaats,buurt,wijk,code,link\r\n")
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
    assert len(rows) == 24 and {row["wijk"] for row in rows} == {"Oost"} and {row["buurt"] for row in rows} == {"Geraniumbuurt"}
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == 24 and all(re.fullmatch(r"([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}", c) for c in codes)
    assert all(row["link"] == f"{app.base}/c/{row['code']}" for row in rows)

    # The letters: one A4 page per address, each with its address and code.
    letters = (out / "brieven.html").read_text(encoding="utf-8")
    assert "@page { size: A4;" in letters and letters.count('<article class="letter">') == 24
    for row in rows:
        assert letters.count(row["code"]) == 2  # the code, and inside the full link
    assert "Hortensialaan 1 A" in letters and "1215 AB  HILVERSUM" in letters and "31 december 2099" in letters
    assert letters.count('<div class="qr"><svg') == 24
    # As a resident would: the printed letter's QR code, as Chromium draws it, read by zbar's scanner.
    assert scan_first_letter(out / "brieven.html", tmp_path) == rows[0]["link"]

    # Running again for the same street issues nothing and writes nothing.
    again = app.run("letters", SURVEY, "--addresses", str(addresses), "--out", str(tmp_path / "nog-eens"))
    assert "0 codes issued, 24 address(es) skipped" in again.stdout and not (tmp_path / "nog-eens").exists()

    # Twelve households answer: half follow the printed link, half type the code at the short link.
    answers = {}
    generator = random.Random(7)
    for index, row in enumerate(rows[:12]):
        value = generator.choice([1, 4, 5, 5])
        answers[row["code"]] = value
        if index % 2 == 0:
            page = requests.get(row["link"], timeout=10)
            assert page.status_code == 200 and "Steunt u het plan" in page.text and "/privacy" not in page.text
            posted = requests.post(row["link"], data={"steun": str(value), "gebruik": "wekelijks"}, allow_redirects=False, timeout=10)
        else:
            typed = row["code"].lower().replace("-", " ")
            form = requests.post(f"{app.base}/c", data={"code": typed}, timeout=10)  # follows the 303 to /c/CODE
            assert form.status_code == 200 and form.url.startswith(row["link"]) and "Steunt u het plan" in form.text
            posted = requests.post(row["link"], data={"steun": str(value)}, allow_redirects=False, timeout=10)
        assert posted.status_code == 303 and posted.headers["Location"].startswith(f"/c/{row['code']}/bedankt")
    wrong = requests.post(f"{app.base}/c", data={"code": "K7QM-4XPD-9TRW-H3CN"}, timeout=10)
    assert wrong.status_code == 404 and "Deze code is niet geldig" in wrong.text

    # A code withdrawn by staff stops working; its address is not issued a new one.
    revoked = rows[23]
    app.run("revoke", SURVEY, "--code", revoked["code"].lower())
    assert requests.get(revoked["link"], timeout=10).status_code == 404

    # The panel's figures are exactly what they were; the letters are a block of their own.
    report, panel_after = panel_report(app)
    assert panel_after == panel_before
    block = report["letters"]
    supporters = sum(1 for v in answers.values() if v >= 4)
    assert block["issued"] == 23 and block["responded"] == 12
    support = block["support"]
    assert support["n"] == 12 and support["supporters"] == supporters and support["weighted"] is False
    assert support["support_share"] == supporters / 12 and support["interval_method"] == "wilson"
    assert 0 <= support["ci95"][0] <= support["support_share"] <= support["ci95"][1] <= 1
    assert block["by_area"] == [{"wijk": "Oost", "buurt": "Geraniumbuurt", "issued": 23, "responded": 12,
                                 "response_rate": 12 / 23, "support_share": supporters / 12, "ci95": support["ci95"],
                                 "suppressed": False}]

    html = app.run("report", SURVEY, "--format", "html").stdout
    assert "Bewoners met een brief (buiten het panel)" in html and "12 van de 23 adressen" in html
    exported = list(csv.DictReader(app.run("report", SURVEY, "--format", "csv").stdout.splitlines()))
    assert sum(1 for r in exported if r["channel"] == "letter") == 12 and sum(1 for r in exported if r["channel"] == "panel") == 40
    assert all(r["weight"] == "" for r in exported if r["channel"] == "letter")

    # Neither the server's log nor the database holds a code or an address.
    app.stop()
    log = app.server_log.read_text()
    assert " /c/… " in log and not any(code in log or code.replace("-", "").lower() in log.lower() for code in codes)
    database = b"".join(p.read_bytes() for p in app.data.glob("draagvlak.sqlite*"))
    assert not any(code.encode() in database or code.replace("-", "").encode() in database for code in codes)
    assert b"Hortensialaan" not in database


def test_a_bad_address_file_is_reported_line_by_line_and_issues_nothing(app, tmp_path):
    bad = tmp_path / "adressen.csv"
    bad.write_text("straat,huisnummer,postcode,woonplaats,buurt\n"
                   "Geraniumstraat,1,1215 AB,Hilversum,Geraniumbuurt\n"
                   "Geraniumstraat,2b,1215 AB,Hilversum,Geraniumbuurt\n"
                   "Geraniumstraat,3,12155 AB,Hilversum,Geraniumbuurt\n"
                   "Geraniumstr.,1,1215AB,Hilversum,Geraniumbuurt\n"
                   "Geraniumstraat,5,1215 AB,Hilversum,Bloemenbuurt\n", encoding="utf-8")
    result = app.run("letters", SURVEY, "--addresses", str(bad), "--out", str(tmp_path / "out"), check=False)
    assert result.returncode == 1
    assert f"{bad}: line 3, column huisnummer: huisnummer '2b' is not a whole number" in result.stderr
    assert f"{bad}: line 4, column postcode: postcode '12155 AB' is not a Dutch postcode" in result.stderr
    assert f"{bad}: line 5: duplicate address 1215 AB 1 (first on line 2)" in result.stderr
    assert f"{bad}: line 6, column buurt: unknown buurt 'Bloemenbuurt'" in result.stderr
    assert "4 problem(s)" in result.stderr and "no codes were issued" in result.stderr
    assert not (tmp_path / "out").exists()
    report = json.loads(app.run("report", SURVEY).stdout)
    assert "letters" not in report

    usage = app.run("letters", SURVEY, check=False)
    assert usage.returncode == 2 and "--addresses" in usage.stderr
    good = tmp_path / "goed.csv"
    write_addresses(good, 2)
    unknown = app.run("letters", "bestaat-niet", "--addresses", str(good), "--out", str(tmp_path / "out"), check=False)
    assert unknown.returncode == 1 and "no survey 'bestaat-niet' is loaded" in unknown.stderr and not (tmp_path / "out").exists()
