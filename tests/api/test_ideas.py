"""The REST API as a client sees it: create, list, read, move, reroute, ask to move and answer, estimate — and
refusals."""

import pytest

from tests.fakes import StaticClassifier

PROBLEM = "application/problem+json"


@pytest.fixture
def kari(token):
    return token("employee", "kari", name="Kari Nordmann")


@pytest.fixture
def admin(token):
    return token("admin", "forslagskassa-admin")


@pytest.fixture
def oppvekst(token):
    return token("commissioner", "kommunalsjef-oppvekst")


def send(client, headers, text="Flere felles vikarer i barnehagene", **extra):
    response = client.post("/api/v1/ideas", json={"text": text, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_created_idea_says_where_it_went(client, kari, classifier: StaticClassifier):
    classifier.focus_area, classifier.confidence = "barn-og-unge", 0.87
    body = send(client, kari, text="  Felles vikarpool for barnehagene  ", title="Vikarer")
    assert {k: body[k] for k in ("status", "focus_area", "commissioner", "confidence", "anonymous", "text")} == {
        "status": "received", "focus_area": "barn-og-unge", "commissioner": "kommunalsjef-oppvekst",
        "confidence": 0.87, "anonymous": False, "text": "Felles vikarpool for barnehagene"}
    assert body["id"] > 0 and body["created_at"]


@pytest.mark.parametrize("text", ["", "    ", "x" * 10_001])
def test_empty_or_too_long_text_is_a_422_problem(client, kari, text):
    response = client.post("/api/v1/ideas", json={"text": text}, headers=kari)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert "text" in response.json()["detail"]


def test_unknown_fields_and_wrong_types_are_refused(client, kari):
    for body in ({"text": "ok", "colour": "red"}, {"text": 5}, {"text": "ok", "anonymous": "maybe"}, []):
        response = client.post("/api/v1/ideas", json=body, headers=kari)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == PROBLEM


def test_listing_filters_searches_and_pages(client, kari, admin, classifier):
    classifier.focus_area = "barn-og-unge"
    for n in range(5):
        send(client, kari, text=f"Skolebuss nummer {n}")
    classifier.focus_area = "samfunnsutvikler"
    send(client, kari, text="Nytt lønnssystem 100% digitalt")
    page = client.get("/api/v1/ideas", params={"page_size": 2, "page": 2}, headers=admin).json()
    assert (page["total"], page["page"], page["page_size"], len(page["items"])) == (6, 2, 2, 2)
    by_area = client.get("/api/v1/ideas", params={"focus_area": "samfunnsutvikler"}, headers=admin).json()
    assert [i["text"] for i in by_area["items"]] == ["Nytt lønnssystem 100% digitalt"]
    found = client.get("/api/v1/ideas", params={"q": "100%"}, headers=admin).json()
    assert found["total"] == 1
    assert client.get("/api/v1/ideas", params={"q": "SKOLEBUSS"}, headers=admin).json()["total"] == 5
    assert client.get("/api/v1/ideas", params={"status": "accepted"}, headers=admin).json()["total"] == 0


def test_page_size_is_capped_at_100(client, admin):
    response = client.get("/api/v1/ideas", params={"page_size": 101}, headers=admin)
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM


def test_the_triage_queue_is_listed_for_administrators(client, kari, admin, classifier):
    classifier.focus_area = None
    idea = send(client, kari, text="hmm, usikker")
    queue = client.get("/api/v1/ideas", params={"focus_area": "triage"}, headers=admin).json()
    assert [i["id"] for i in queue["items"]] == [idea["id"]]


def test_lifecycle_through_the_api_with_history(client, kari, oppvekst, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari)
    url = f"/api/v1/ideas/{idea['id']}"
    refused = client.post(f"{url}/transitions", json={"to": "implemented"}, headers=oppvekst)
    assert refused.status_code == 409 and refused.headers["content-type"] == PROBLEM
    assert "cannot become implemented" in refused.json()["detail"]
    assert client.post(f"{url}/transitions", json={"to": "in_review", "note": "Ser på det"},
                       headers=oppvekst).status_code == 200
    assert client.patch(url, json={"estimated_saving_nok": 120_000}, headers=oppvekst).status_code == 200
    done = client.post(f"{url}/transitions", json={"to": "accepted", "note": "Vi gjør det"}, headers=oppvekst)
    assert done.json()["status"] == "accepted"
    history = client.get(url, headers=kari).json()["events"]
    assert [(e["kind"], e["to_value"], e["note"]) for e in history] == [
        ("received", "barn-og-unge", None), ("status_changed", "in_review", "Ser på det"),
        ("saving_estimated", "120000", None), ("status_changed", "accepted", "Vi gjør det")]
    assert all(e["actor"] in ("submitter", "commissioner:kommunalsjef-oppvekst") for e in history)


def test_decline_without_reason_is_422_and_with_reason_is_shown(client, kari, oppvekst, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari)
    url = f"/api/v1/ideas/{idea['id']}/transitions"
    assert client.post(url, json={"to": "declined"}, headers=oppvekst).status_code == 422
    client.post(url, json={"to": "declined", "note": "Allerede vedtatt i budsjettet"}, headers=oppvekst)
    seen = client.get(f"/api/v1/ideas/{idea['id']}", headers=kari).json()
    assert seen["status"] == "declined" and seen["events"][-1]["note"] == "Allerede vedtatt i budsjettet"


def test_reroute_moves_the_idea_to_the_other_commissioner(client, kari, oppvekst, token, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari, text="LED-lys i gymsalen")
    moved = client.post(f"/api/v1/ideas/{idea['id']}/route", json={"focus_area": "samfunnsutvikler"},
                        headers=oppvekst)
    assert moved.status_code == 200
    assert (moved.json()["focus_area"], moved.json()["commissioner"]) == ("samfunnsutvikler", "frank-hauge")
    # The old commissioner no longer sees it; the new one does.
    assert client.get(f"/api/v1/ideas/{idea['id']}", headers=oppvekst).status_code == 404
    assert client.get(f"/api/v1/ideas/{idea['id']}", headers=token("commissioner", "frank-hauge")).status_code == 200


def test_the_submitter_asks_to_move_and_the_commissioner_answers(client, kari, oppvekst, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari, text="LED-lys i gymsalen")
    url = f"/api/v1/ideas/{idea['id']}"
    # Routing is the handlers'; the submitter asks, and the idea stays where it is meanwhile.
    assert client.post(f"{url}/route", json={"focus_area": "samfunnsutvikler"}, headers=kari).status_code == 403
    asked = client.post(f"{url}/move-request", json={"focus_area": "samfunnsutvikler", "note": "Bygg"}, headers=kari)
    assert asked.status_code == 200 and asked.json()["focus_area"] == "barn-og-unge"
    seen = client.get(url, headers=oppvekst).json()
    assert seen["move_request"] == {**seen["move_request"], "focus_area": "samfunnsutvikler", "note": "Bygg"}
    assert seen["events"][-1]["kind"] == "move_requested"

    kept = client.post(f"{url}/move-request/decline", json={"note": "Gymsalen er skolens."}, headers=oppvekst)
    assert kept.status_code == 200 and kept.json()["move_request"] is None
    assert kept.json()["events"][-1] | {"created_at": None} == {
        "kind": "move_declined", "actor": "commissioner:kommunalsjef-oppvekst", "from_value": "barn-og-unge",
        "to_value": "samfunnsutvikler", "note": "Gymsalen er skolens.", "created_at": None}
    again = client.post(f"{url}/move-request/decline", headers=oppvekst)
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


def test_unknown_idea_is_a_404_problem(client, admin):
    response = client.get("/api/v1/ideas/987654", headers=admin)
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM


def test_same_idempotency_key_gives_the_same_idea(client, kari):
    headers = {**kari, "Idempotency-Key": "form-42"}
    first = send(client, headers, text="Samme forslag to ganger")
    second = send(client, headers, text="Samme forslag to ganger")
    assert first["id"] == second["id"]


def test_health_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_openapi_is_served(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/ideas", "/api/v1/ideas/{idea_id}/transitions", "/api/v1/ideas/{idea_id}/route",
            "/api/v1/stats", "/api/v1/export.csv", "/healthz"} <= set(paths)


def test_a_key_reused_for_another_idea_is_refused_and_names_the_key(client, kari):
    headers = {**kari, "Idempotency-Key": "skjema-9"}
    first = client.post("/api/v1/ideas", json={"text": "Felles vikarpool"}, headers=headers)
    again = client.post("/api/v1/ideas", json={"text": "Noe helt annet"}, headers=headers)
    assert first.status_code == 201
    assert again.status_code == 422 and again.headers["content-type"] == PROBLEM
    assert again.json()["code"] == "idempotency_key_reused" and "skjema-9" in again.json()["detail"]
    listed = client.get("/api/v1/ideas", headers=kari).json()
    assert [i["text"] for i in listed["items"]] == ["Felles vikarpool"]
