"""The shipped Slack app manifest matches what the code listens for."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.slack.ids import COMMAND, View

MANIFEST = Path(__file__).resolve().parents[3] / "bot" / "slack" / "manifest.yaml"


def test_the_manifest_names_what_the_code_handles():
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == [COMMAND]
    assert [(s["type"], s["callback_id"]) for s in features["shortcuts"]] == [("message", View.SHORTCUT.value)]
    assert features["app_home"]["home_tab_enabled"] is True
    assert set(settings["event_subscriptions"]["bot_events"]) == {"message.im", "app_mention", "app_home_opened"}
    assert settings["interactivity"]["is_enabled"] is True
    # Events, commands, interactivity and option loads all go to the one endpoint the app mounts.
    urls = [features["slash_commands"][0]["url"], settings["event_subscriptions"]["request_url"],
            settings["interactivity"]["request_url"], settings["interactivity"]["message_menu_options_url"]]
    assert all(url.endswith("/slack/events") for url in urls)
    assert {"chat:write", "im:write", "im:history", "commands", "users:read", "app_mentions:read"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])
