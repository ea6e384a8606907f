"""The Microsoft Teams adapter (Microsoft 365 Agents SDK, msgraph-sdk for the directory). See README.md.

`mount` is light to import: the Agents SDK and msgraph-sdk are only loaded when Teams (or Graph) is configured.
"""

from bot.teams.endpoint import attach, mount

__all__ = ["attach", "mount"]
