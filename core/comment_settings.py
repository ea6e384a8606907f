"""The org config's `comments` section: how colleagues' comments on shared ideas are moderated.

Checked with the rest of the org config (core/orgconfig.py), whose errors name the file and the key.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_HIDE_AFTER_REPORTS = 3


class CommentSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # This many people reporting a comment hide it until an administrator looks at it.
    hide_after_reports: int = Field(DEFAULT_HIDE_AFTER_REPORTS, ge=1, le=1000)
    max_length: int = Field(2000, ge=100, le=10_000)  # characters in one comment
