"""The package routes (api/routers/packages.py): the lifecycle over REST, who may use it, and the downloads."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document as WordDocument

AREA = "barn-og-unge"
BASE = f"/api/v1/packages/{AREA}/fase-1"


@pytest.fixture
def accepted(client, token, classifier):
    """An accepted idea of barn-og-unge with an estimated saving, sent anonymously by Kari."""
    classifier.focus_area = AREA
    staff = token("commissioner", "kommunalsjef-oppvekst")
    idea = client.post("/api/v1/ideas", json={"text": "Felles vikarpool for barnehagene", "anonymous": True},
                       headers=token("employee", "kari")).json()["id"]
    assert client.post(f"/api/v1/ideas/{idea}/transitions", json={"to": "accepted", "note": "Ja"},
                       headers=staff).status_code == 200
    assert client.patch(f"/api/v1/ideas/{idea}", json={"estimated_saving_nok": 400_000},
                        headers=staff).status_code == 200
    return idea


def test_the_lifecycle_over_rest(client, token, accepted):
    staff, admin = token("commissioner", "kommunalsjef-oppvekst"), token("admin", "forslagskassa-admin")
    body = client.post(f"{BASE}/items", json={"idea_id": accepted, "assessment": "God gevinst"}, headers=staff).json()
    assert [line["idea"]["id"] for line in body["lines"]] == [accepted]
    assert body["lines"][0]["amounts"] == {"2027": 400_000} and body["figures"]["by_year"] == {"2027": 400_000}
    assert body["lines"][0]["idea"]["submitter_name"] is None
    assert client.put(f"{BASE}/order", json={"idea_ids": [accepted]}, headers=staff).status_code == 200
    assert client.patch(f"{BASE}/items/{accepted}", json={"assessment": "Bedre"},
                        headers=staff).json()["lines"][0]["assessment"] == "Bedre"
    assert client.post(f"{BASE}/submit", headers=staff).json()["state"] == "submitted"
    refused = client.post(f"{BASE}/adopt", json={"adopted_on": "2026-12-10", "case_reference": "PS 45/27"},
                          headers=staff)
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert client.post(f"{BASE}/send-back", json={"note": "Mer"}, headers=admin).json()["state"] == "draft"
    client.post(f"{BASE}/submit", headers=staff)
    adopted = client.post(f"{BASE}/adopt", json={"adopted_on": "2026-12-10", "case_reference": "PS 45/27"},
                          headers=admin).json()
    assert (adopted["state"], adopted["case_reference"], adopted["adopted_on"]) == ("adopted", "PS 45/27",
                                                                                    "2026-12-10")
    frozen = client.delete(f"{BASE}/items/{accepted}", headers=admin)
    assert frozen.status_code == 409
    events = client.get(f"/api/v1/ideas/{accepted}", headers=staff).json()["events"]
    assert [(e["kind"], e["to_value"]) for e in events][-5:] == [
        ("packaged", "fase-1"), ("package_state", "submitted"), ("package_state", "draft"),
        ("package_state", "submitted"), ("adopted", "fase-1")]


def test_a_commissioner_sees_only_their_own_areas_package_and_the_admin_all(client, token, accepted):
    other = token("commissioner", "arne-jorstad")
    assert client.get(BASE, headers=other).status_code == 403
    assert client.post(f"{BASE}/items", json={"idea_id": accepted}, headers=other).status_code == 403
    assert client.get(BASE, headers=token("employee", "kari")).status_code == 403
    assert [p["focus_area"] for p in client.get("/api/v1/packages?phase=fase-1", headers=other).json()] == [
        "helse-og-livskvalitet"]
    everyone = client.get("/api/v1/packages?phase=fase-1", headers=token("admin", "forslagskassa-admin")).json()
    assert len(everyone) == 3


@pytest.mark.parametrize(("path", "status"), [
    ("/api/v1/packages/ukjent/fase-1", 404), ("/api/v1/packages/barn-og-unge/fase-9", 404),
    ("/api/v1/packages/barn-og-unge/fase-1.odt", 422), ("/api/v1/packages?phase=nei", 404),
])
def test_unknown_areas_phases_and_formats_are_clear_errors(client, token, path, status):
    response = client.get(path, headers=token("admin", "forslagskassa-admin"))
    assert response.status_code == status and response.headers["content-type"] == "application/problem+json"


def test_the_downloads(client, token, accepted):
    staff = token("commissioner", "kommunalsjef-oppvekst")
    client.post(f"{BASE}/items", json={"idea_id": accepted}, headers=staff)
    word = client.get(f"{BASE}.docx", headers=staff)
    assert word.status_code == 200 and 'filename="pakke-barn-og-unge-fase-1-' in word.headers["content-disposition"]
    table = WordDocument(io.BytesIO(word.content)).tables[1]
    assert "Felles vikarpool for barnehagene" in table.rows[1].cells[1].text
    pdf = client.get(f"{BASE}.pdf", headers=staff)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{BASE}.xlsx?lang=en", headers=staff).content)).active
    assert ["Total", None, 400_000] in [list(row[1:4]) for row in sheet.iter_rows(values_only=True)]
    assert client.get(f"{BASE}.pdf", headers=token("commissioner", "arne-jorstad")).status_code == 403
