"""Slack: a Bolt app at POST /slack/events (or over Socket Mode) and the Slack notifier for the outbox."""
