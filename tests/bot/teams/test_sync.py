"""Writing commissioners' Teams ids into the org config without losing its layout or comments."""

from __future__ import annotations

from bot.teams.sync import set_key


def test_set_key_replaces_an_existing_value_and_handles_the_last_item() -> None:
    text = "people:\n  - id: a\n    email: a@x\n    teams_aad_id: old # stale\n  - id: b\n    email: b@x"

    updated = set_key(set_key(text, person_id="a", key="teams_aad_id", value="new"),
                      person_id="b", key="teams_aad_id", value="bee")

    assert updated == ("people:\n  - id: a\n    email: a@x\n    teams_aad_id: new\n  - id: b\n    email: b@x\n"
                       "    teams_aad_id: bee\n")
    assert set_key(text, person_id="nobody", key="teams_aad_id", value="x") is None
