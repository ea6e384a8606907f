"""The dashboard shows exactly GET /api/v1/stats; the org page shows the config and whether the file still loads."""

import html
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

import openpyxl
import pytest

from tests.api.web.conftest import post_form
from tests.api.web.seed import seed_ideas

FIGURE = re.compile(r'data-figure="([^"]+)" data-value="([^"]*)"')


def figures_on(page: str) -> dict[str, Any]:
    return {path: json.loads(html.unescape(value)) for path, value in FIGURE.findall(page)}


def leaves(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= leaves(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@pytest.fixture
def seeded(services, classifier):
    return seed_ideas(services.session_factory, services.org, classifier)


def test_every_figure_of_the_stats_api_is_on_the_dashboard_with_the_same_value(client, login, seeded):
    login("forslagskassa-admin")
    api = leaves(client.get("/api/v1/stats").json())
    shown = figures_on(client.get("/admin").text)
    assert shown == api
    assert api["overdue"] == 1 and api["savings.estimated_nok"] == 2_000_000 and api["total"] == 7


def test_dashboard_formats_the_figures_for_people(client, login, seeded):
    login("forslagskassa-admin")
    page = client.get("/admin").text
    assert "2\u00a0000\u00a0000\u00a0kr av målet på 5\u00a0000\u00a0000\u00a0kr" in page
    assert "Frank Hauge" in page and "Løten for barn og unge" in page
    overdue = re.findall(r'data-overdue="(\d+)"', page)
    assert overdue == [str(seeded["overdue"])]
    assert 'href="/api/v1/export.csv"' in page


def test_the_csv_link_works_from_the_browser_session(client, login, seeded):
    login("forslagskassa-admin")
    response = client.get("/api/v1/export.csv")
    assert response.status_code == 200 and response.text.count("\n") == 8


def test_the_excel_download_sits_beside_the_csv_and_works_from_the_browser_session(client, login, seeded):
    login("forslagskassa-admin")
    page = client.get("/admin").text
    assert re.search(r'href="/api/v1/export.csv" download>[^<]*\(CSV\)</a>\s*<a class="button" '
                     r'href="/api/v1/export.xlsx" download>Last ned alle forslag \(Excel\)</a>', page)
    response = client.get("/api/v1/export.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 8 and sheet["A1"].value == "id"


def test_dashboard_says_when_no_model_is_loaded(client, login):
    login("forslagskassa-admin")
    assert 'data-model="none"' in client.get("/admin").text


@dataclass
class Metadata:
    version: str = "2026-11-20T10:00:00Z-1a2b3c4d"
    trained_at: str = "2026-11-20T10:00:00Z"
    n_examples: int = 4120
    n_corrections: int = 9
    cv_metrics: dict[str, float] = field(default_factory=lambda: {
        "macro_f1": 0.8712, "accuracy": 0.9, "coverage@0.5": 0.83, "accuracy@0.5": 0.912, "folds": 5.0,
        "brier": 0.1234})


def model_rows(page: str) -> dict[str, tuple[str, str]]:
    return {key: (name, value) for key, name, value in
            re.findall(r'<tr data-model="([^"]+)"><th scope="row">(.*?)</th><td class="num">(.*?)</td></tr>', page)}


def test_dashboard_shows_the_model_in_words_and_formats_people_read(client, login, classifier):
    classifier.metadata = Metadata()
    login("forslagskassa-admin")
    page = client.get("/admin").text
    assert "2026-11-20T10:00:00Z-1a2b3c4d" in page  # the version is an identifier, shown as it is
    nbsp = "\u00a0"
    assert model_rows(page) == {
        "trained": ("Trent", "20.11.2026 kl. 11:00"),  # Oslo time
        "examples": ("Eksempler / rettelser", f"4{nbsp}120 / 9"),
        "macro_f1": ("Makro-F1 (kryssvalidert)", "0,871"),
        "accuracy": ("Treffsikkerhet (kryssvalidert)", f"90,0{nbsp}%"),
        "coverage@0.5": ("Andel rutet automatisk (terskel 0,5)", f"83,0{nbsp}%"),
        "accuracy@0.5": ("Treffsikkerhet med terskel 0,5", f"91,2{nbsp}%"),
        "folds": ("Antall deler i kryssvalideringen", "5"),
        "brier": ("brier", "0,123"),  # a figure without a name of ours keeps its own
    }
    post_form(client, "/lang", {"lang": "en", "next": "/admin"})
    english = model_rows(client.get("/admin").text)
    assert english["trained"][1] == "2026-11-20 11:00" and english["examples"][1] == "4,120 / 9"
    assert english["coverage@0.5"] == ("Share routed automatically (threshold 0.5)", "83.0\u00a0%")


def test_org_page_shows_the_loaded_config(client, login, org):
    login("forslagskassa-admin")
    page = client.get("/admin/org").text
    assert 'data-org-valid="true"' in page
    for area in org.focus_areas:
        assert area.id in page
    assert "arne.jorstad@loten.kommune.no" in page and "savings_target_nok: 5000000" in page


def test_org_page_shows_which_service_categories_each_area_takes(client, login):
    login("forslagskassa-admin")
    page = client.get("/admin/org").text
    cell = re.search(r'<td data-services="samfunnsutvikler">(.*?)</td>', page, re.S)
    assert cell and "Skole- og barnehagebygg" in cell[1] and "Innkjøp og avtaler" in cell[1]
    assert "Bibliotek" in re.search(r'<td data-services="helse-og-livskvalitet">(.*?)</td>', page, re.S)[1]


def test_org_page_shows_errors_in_the_file_on_disk(client, login, services, tmp_path):
    broken = tmp_path / "loten.yaml"
    broken.write_text(services.org.source.read_text().replace("sla_days: 14", "sla_days: -3"))
    services.org = services.org.model_copy(update={"source": broken})
    login("forslagskassa-admin")
    page = client.get("/admin/org").text
    assert 'data-org-valid="false"' in page and "sla_days" in page


def test_dashboard_shows_each_phase_and_each_units_challenge(client, login, token, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    kari = token("employee", "kari", name="Kari Nordmann")
    idea = client.post("/api/v1/ideas", json={"text": "Felles vikarpool for sykehjemmet"}, headers=kari).json()
    helse = token("commissioner", "arne-jorstad")
    url = f"/api/v1/ideas/{idea['id']}"
    client.post(f"{url}/unit", json={"unit": "sykehjem"}, headers=helse)
    client.patch(url, json={"estimated_saving_nok": 300_000}, headers=helse)
    client.post(f"{url}/transitions", json={"to": "accepted"}, headers=helse)
    login("forslagskassa-admin")
    page = client.get("/admin").text
    assert figures_on(page) == leaves(client.get("/api/v1/stats").json())
    phase = page[page.index('<tr data-phase="fase-1">'):]
    assert "Fase 1: 5 millioner til budsjettet for 2027" in phase and "31.10.2026" in phase
    unit = page[page.index('<tr data-unit="sykehjem">'):]
    unit = unit[:unit.index("</tr>")]
    assert "Sykehjem" in unit and "80\u00a0000\u00a0000\u00a0kr" in unit and "1\u00a0600\u00a0000\u00a0kr" in unit
    assert "300\u00a0000\u00a0kr" in unit
