"""Channel adapters (Slack, Teams) and what they share: chat texts in nb/en and the flow of a conversation."""
