"""Channel adapters (Slack, Teams) and what they share: chat texts in nb/en and the flow of a conversation."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.services import Services


def attach_notifiers(services: Services) -> None:
    """Register every configured channel's notifier, for a process that only delivers (`forslagskassa worker`)."""
    # Imported here: each platform's SDK is loaded only by deployments that use it.
    from bot import teams
    from bot.slack import endpoint as slack

    slack.attach(services)
    teams.attach(services)
