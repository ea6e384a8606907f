"""A delivery-only process (`forslagskassa worker`) gets the notifier of every configured channel."""

from bot import attach_notifiers
from storage.models import Channel


def test_worker_gets_the_configured_channels_notifiers(services):
    attach_notifiers(services)
    assert services.notifiers == {}

    services.settings = services.settings.model_copy(update={
        "slack_bot_token": "xoxb-test", "slack_signing_secret": "s3cret", "slack_api_url": "http://127.0.0.1:9/api/",
        "teams_allow_anonymous": True})
    attach_notifiers(services)
    assert set(services.notifiers) == {Channel.SLACK, Channel.TEAMS}
