"""The org config's `packages` section: when commissioners are reminded of a package below their area's share.

Each phase may also name each area's share of its target (`phases[].area_shares`, core/budget.py); how a share
is found without one is core/package_figures.py's `area_share`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_REMINDER_DAYS = 14


class PackageSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Days before a phase's deadline from which the commissioner of an area whose package is below its share is
    # reminded (once per phase, in their chat and in the weekly digest); 0: never.
    reminder_days: int = Field(DEFAULT_REMINDER_DAYS, ge=0, le=365)
