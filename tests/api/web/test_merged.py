"""A duplicate merged into its original, as each reader sees it: the REST idea JSON and board, the board page, the
triage card and the submitter's own page. The duplicate's text is there, never who sent it."""

from __future__ import annotations

import pytest

from core.orgconfig import Sharing
from tests.api.web.test_move_requests import card_of, text_of

ORIGINAL = "Felles vikarpool for alle barnehagene"
DUPLICATE = "Vikarer som deles mellom barnehagene i kommunen"


@pytest.fixture
def merged(client, services, token, classifier):
    """Kari's shared idea, and Per's anonymous shared one merged into it by the commissioner through REST."""
    services.org = services.org.model_copy(update={"sharing": Sharing.OPT_IN})
    classifier.focus_area = "barn-og-unge"
    kari, per = token("employee", "kari", name="Kari Nordmann"), token("employee", "per", name="Per Hansen")
    original = client.post("/api/v1/ideas", json={"text": ORIGINAL, "shared": True}, headers=kari).json()["id"]
    duplicate = client.post("/api/v1/ideas", json={"text": DUPLICATE, "shared": True, "anonymous": True},
                            headers=per).json()["id"]
    commissioner = token("commissioner", "kommunalsjef-oppvekst")
    done = client.post(f"/api/v1/ideas/{duplicate}/transitions", json={"to": "duplicate", "duplicate_of": original},
                       headers=commissioner)
    assert done.status_code == 200, done.text
    assert [e["kind"] for e in done.json()["events"]][-2:] == ["status_changed", "merged_away"]
    return {"original": original, "duplicate": duplicate, "kari": kari, "commissioner": commissioner}


def test_the_rest_idea_and_board_carry_the_merged_text_only(client, merged, token):
    seen = client.get(f"/api/v1/ideas/{merged['original']}", headers=merged["commissioner"]).json()
    assert seen["merged_ideas"] == [{"text": DUPLICATE}] and seen["support_count"] == 1
    assert seen["events"][-1]["kind"] == "merged_in" and seen["events"][-1]["to_value"] == "1"
    board = client.get("/api/v1/board", headers=token("employee", "anne")).json()
    assert [(i["id"], i["merged_ideas"]) for i in board["items"]] == [(merged["original"], [{"text": DUPLICATE}])]
    assert "Per" not in str(board) and "per" not in str(board["items"][0]["merged_ideas"])
    mine = client.get(f"/api/v1/ideas/{merged['original']}", headers=merged["kari"]).json()
    assert mine["merged_ideas"] == [{"text": DUPLICATE}] and mine["submitter_name"] is None


def test_the_pages_show_it_under_the_original(client, login, merged):
    login("kari")
    board = client.get("/ideer")
    card = card_of(board, merged["original"])
    assert DUPLICATE in card and "data-merged-text" in card and "Per" not in card
    assert f'id="idea-{merged["duplicate"]}"' not in board.text
    own = text_of(client.get(f"/mine/{merged['original']}"))
    assert DUPLICATE in own and "Et lignende forslag ble slått sammen med dette; 1 støtter det nå" in own

    login("kommunalsjef-oppvekst")
    triage = client.get("/triage?show=all")
    assert DUPLICATE in card_of(triage, merged["original"])
    assert f"Slått sammen med forslag {merged['original']}" in text_of(triage)
