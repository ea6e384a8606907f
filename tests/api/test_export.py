"""The ideas for spreadsheets: CSV that Excel opens as UTF-8, and .xlsx with the same columns, rows and rules."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest

BOM = b"\xef\xbb\xbf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAME = "Kari Nordmann"
FORMULA = '=HYPERLINK("http://example.invalid","klikk")'


@pytest.fixture
def ideas(client, token, classifier) -> dict[str, int]:
    kari = token("employee", "kari", name=NAME)
    classifier.focus_area = "barn-og-unge"
    made = {}
    for key, body in {"open": {"text": "Felles innkjøp for skolene – æøå", "title": "Innkjøp"},
                      "anonymous": {"text": "Hemmelig forslag", "anonymous": True},
                      "formula": {"text": FORMULA, "title": "+47 99 99 99 99"}}.items():
        made[key] = client.post("/api/v1/ideas", json=body, headers=kari).json()["id"]
    classifier.focus_area = "helse-og-livskvalitet"
    made["other_area"] = client.post("/api/v1/ideas", json={"text": "Hjemmetjenesten"}, headers=kari).json()["id"]
    oppvekst = token("commissioner", "kommunalsjef-oppvekst")
    assert client.post(f"/api/v1/ideas/{made['open']}/transitions", json={"to": "in_review"},
                       headers=oppvekst).status_code == 200
    assert client.patch(f"/api/v1/ideas/{made['open']}", json={"estimated_saving_nok": 250_000},
                        headers=oppvekst).status_code == 200
    return made


def csv_rows(client, headers) -> list[dict[str, str]]:
    response = client.get("/api/v1/export.csv", headers=headers)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(client, headers) -> tuple[list[str], list[list[openpyxl.cell.cell.Cell]]]:
    response = client.get("/api/v1/export.xlsx", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert 'filename="forslag.xlsx"' in response.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows())
    return [c.value for c in header], rows


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf8(client, token, ideas):
    response = client.get("/api/v1/export.csv", headers=token("admin", "forslagskassa-admin"))
    assert response.content.startswith(BOM) and not response.content[3:].startswith(BOM)
    assert "Felles innkjøp for skolene – æøå" in response.content.decode("utf-8-sig")


def test_the_xlsx_has_the_csv_columns_and_rows_with_real_types(client, token, ideas):
    admin = token("admin", "forslagskassa-admin")
    expected = csv_rows(client, admin)
    columns, rows = xlsx_rows(client, admin)
    assert columns == list(expected[0].keys())
    assert len(rows) == len(expected) == 4
    oslo = ZoneInfo("Europe/Oslo")
    for want, got in zip(expected, rows, strict=True):
        cell = dict(zip(columns, got, strict=True))
        assert cell["id"].value == int(want["id"]) and cell["status"].value == want["status"]
        assert cell["focus_area"].value == want["focus_area"] and cell["channel"].value == want["channel"]
        assert cell["anonymous"].value is (want["anonymous"] == "True")
        assert cell["confidence"].value == pytest.approx(float(want["confidence"]))
        assert isinstance(cell["created_at"].value, datetime) and cell["created_at"].is_date
        if want["anonymous"] == "True":  # only the day, in both
            assert cell["created_at"].value == datetime.fromisoformat(want["created_at"])
            continue
        created = datetime.fromisoformat(want["created_at"]).astimezone(oslo).replace(tzinfo=None)
        assert abs((cell["created_at"].value - created).total_seconds()) < 0.001
        assert cell["text"].value == want["text"].removeprefix("'")
    opened = next(cells for cells in (dict(zip(columns, row, strict=True)) for row in rows)
                  if cells["title"].value == "Innkjøp")
    assert opened["estimated_saving_nok"].value == 250_000 and isinstance(opened["first_answered_at"].value, datetime)
    assert opened["title"].value == "Innkjøp" and opened["submitter_name"].value == NAME


def test_formulas_are_text_in_the_xlsx_as_in_the_csv(client, token, ideas):
    admin = token("admin", "forslagskassa-admin")
    columns, rows = xlsx_rows(client, admin)
    assert all(c.data_type != "f" for row in rows for c in row)
    formula = dict(zip(columns, next(r for r in rows if r[0].value == ideas["formula"]), strict=True))
    assert (formula["text"].value, formula["text"].data_type) == (FORMULA, "s")
    assert (formula["title"].value, formula["title"].data_type) == ("+47 99 99 99 99", "s")
    assert formula["text"].quotePrefix and formula["title"].quotePrefix  # shown as text when edited, like "'" in CSV
    csv_formula = next(r for r in csv_rows(client, admin) if r["id"] == str(ideas["formula"]))
    assert csv_formula["text"] == "'" + FORMULA


def test_anonymous_ideas_have_no_submitter_in_the_xlsx(client, token, ideas):
    for who in (("admin", "forslagskassa-admin"), ("commissioner", "kommunalsjef-oppvekst")):
        columns, rows = xlsx_rows(client, token(*who))
        by_id = {row[0].value: dict(zip(columns, (c.value for c in row), strict=True)) for row in rows}
        assert by_id[ideas["anonymous"]]["submitter_name"] is None
        assert NAME not in [v for v in by_id[ideas["anonymous"]].values()]
        assert by_id[ideas["open"]]["submitter_name"] == NAME


def test_the_xlsx_follows_the_csv_permission_rules(client, token, ideas):
    for who, visible in ((("commissioner", "kommunalsjef-oppvekst"), {"open", "anonymous", "formula"}),
                         (("commissioner", "arne-jorstad"), {"other_area"}),
                         (("admin", "forslagskassa-admin"), set(ideas))):
        headers = token(*who)
        _, rows = xlsx_rows(client, headers)
        assert {row[0].value for row in rows} == {ideas[k] for k in visible}
        assert {int(r["id"]) for r in csv_rows(client, headers)} == {ideas[k] for k in visible}
    assert client.get("/api/v1/export.xlsx", headers=token("employee", "kari")).status_code == 403
    assert client.get("/api/v1/export.xlsx").status_code == 401


def test_the_saving_for_the_budget_is_in_both_exports_with_a_column_per_budget_year(client, token, ideas):
    oppvekst, admin = token("commissioner", "kommunalsjef-oppvekst"), token("admin", "forslagskassa-admin")
    plan = {"one_off_cost_nok": 80_000, "effect_year": 2030, "effect_amounts": {"2030": 125_000},
            "qualitative_text": "Tryggere skolevei"}
    planned = client.post(f"/api/v1/ideas/{ideas['open']}/saving", json=plan, headers=oppvekst).json()
    by_year = planned["effect_by_year"]
    assert by_year["2030"] == 125_000
    rows = {int(r["id"]): r for r in csv_rows(client, admin)}
    opened = rows[ideas["open"]]
    assert {k: opened[k] for k in ("one_off_cost_nok", "effect_year", "qualitative", "qualitative_text",
                                   "realised_saving_nok", "phase")} == {
        "one_off_cost_nok": "80000", "effect_year": "2030", "qualitative": "True",
        "qualitative_text": "Tryggere skolevei", "realised_saving_nok": "", "phase": planned["phase"] or ""}
    assert {k: v for k, v in opened.items() if k.startswith("effect_2")} == {
        f"effect_{year}": str(amount) for year, amount in by_year.items()} | {
        k: "" for k in opened if k.startswith("effect_2") and k.removeprefix("effect_") not in by_year}

    columns, cells = xlsx_rows(client, admin)
    assert columns == list(opened.keys())
    row = next(dict(zip(columns, (c.value for c in r), strict=True)) for r in cells if r[0].value == ideas["open"])
    assert (row["one_off_cost_nok"], row["effect_2030"], row["qualitative"]) == (80_000, 125_000, True)
    # The anonymous idea's row still names nobody, whatever its saving.
    client.post(f"/api/v1/ideas/{ideas['anonymous']}/saving", json=plan, headers=oppvekst)
    anonymous = {int(r["id"]): r for r in csv_rows(client, admin)}[ideas["anonymous"]]
    assert anonymous["submitter_name"] == "" and NAME not in anonymous.values()
