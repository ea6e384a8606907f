"""The org config's `identity` section: which e-mail domains are the organisation's own.

An Entra ID login's e-mail in one of these domains is taken as the person's own (the organisation controls the
domain, so nobody else's directory can claim an address in it), and links the login to the person's identities in
other channels (storage.identities.people_behind). Checked with the rest of the org config (core/orgconfig.py),
whose errors name the file and the key.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator

# A DNS name of at least two labels, each 1–63 letters, digits or inner hyphens (IDNs in their xn-- form).
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class IdentitySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email_domains: list[str] = []

    @field_validator("email_domains")
    @classmethod
    def _domains(cls, domains: list[str]) -> list[str]:
        checked = [domain.strip().lower() for domain in domains]
        bad = [domain for domain in checked if not DOMAIN.match(domain)]
        if bad:
            raise ValueError(f"not a domain name (e.g. loten.kommune.no, without @ or https://): {', '.join(bad)}")
        return checked

    def owns(self, email: str) -> bool:
        """Whether the address is in one of the organisation's own domains (not a subdomain of one)."""
        _, at, domain = email.rpartition("@")
        return bool(at) and domain.lower() in self.email_domains
