"""Who may do what, as a table: every endpoint against every kind of caller."""

import pytest

# Kari sends an idea to barn-og-unge. Callers: nobody, Kari, another employee, the commissioner of another
# area, the area's commissioner, and an administrator.
CALLERS = {
    "anonymous": None,
    "submitter": ("employee", "kari"),
    "other_employee": ("employee", "per"),
    "other_commissioner": ("commissioner", "arne-jorstad"),
    "commissioner": ("commissioner", "kommunalsjef-oppvekst"),
    "admin": ("admin", "forslagskassa-admin"),
}
# (method, path, body) -> expected status per caller, in CALLERS order.
MATRIX = [
    ("GET", "/api/v1/ideas/{id}", None, [401, 200, 404, 404, 200, 200]),
    ("POST", "/api/v1/ideas/{id}/transitions", {"to": "in_review"}, [401, 403, 404, 404, 200, 200]),
    # The submitter may correct the area of their own idea while nobody has started on it.
    ("POST", "/api/v1/ideas/{id}/route", {"focus_area": "samfunnsutvikler"}, [401, 200, 404, 404, 200, 200]),
    ("PATCH", "/api/v1/ideas/{id}", {"estimated_saving_nok": 1000}, [401, 403, 404, 404, 200, 200]),
    ("GET", "/api/v1/stats", None, [401, 403, 403, 403, 403, 200]),
    ("GET", "/api/v1/export.csv", None, [401, 403, 403, 200, 200, 200]),
    ("POST", "/api/v1/ideas", {"text": "Et nytt forslag"}, [401, 201, 201, 201, 201, 201]),
    ("GET", "/api/v1/ideas", None, [401, 200, 200, 200, 200, 200]),
    ("GET", "/healthz", None, [200, 200, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, *_ in MATRIX])
@pytest.mark.parametrize("caller", list(CALLERS))
def test_permission_matrix(client, token, router, method, path, body, expected, caller):
    router.focus_area = "barn-og-unge"
    idea = client.post("/api/v1/ideas", json={"text": "Kari sitt forslag"}, headers=token("employee", "kari"))
    who = CALLERS[caller]
    headers = token(*who) if who else {}
    response = client.request(method, path.format(id=idea.json()["id"]), json=body, headers=headers)
    assert response.status_code == expected[list(CALLERS).index(caller)], response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"


def test_each_caller_lists_only_what_they_may_see(client, token, router):
    router.focus_area = "barn-og-unge"
    client.post("/api/v1/ideas", json={"text": "Kari sitt"}, headers=token("employee", "kari"))
    router.focus_area = "helse-og-livskvalitet"
    client.post("/api/v1/ideas", json={"text": "Per sitt"}, headers=token("employee", "per"))
    router.focus_area = None
    client.post("/api/v1/ideas", json={"text": "Uklart"}, headers=token("employee", "per"))

    def texts(*who):
        return sorted(i["text"] for i in client.get("/api/v1/ideas", headers=token(*who)).json()["items"])

    assert texts("employee", "kari") == ["Kari sitt"]
    assert texts("employee", "per") == ["Per sitt", "Uklart"]
    assert texts("employee", "nobody-yet") == []
    assert texts("commissioner", "kommunalsjef-oppvekst") == ["Kari sitt"]
    assert texts("commissioner", "arne-jorstad") == ["Per sitt"]
    assert texts("admin", "forslagskassa-admin") == ["Kari sitt", "Per sitt", "Uklart"]
