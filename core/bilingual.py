"""A text the org config gives in both languages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from core.locale import locale_of


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nb: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, locale: str | None) -> str:
        return self.en if locale_of(locale) == "en" else self.nb
