"""a verified e-mail per channel identity, which links a person's identities across channels

A Slack user and a web login with the same e-mail were two people: nothing said the e-mail was proven. Each
identity now keeps the e-mail its channel vouches for (Slack's confirmed e-mail in the org's own workspace, an
Entra ID login's e-mail in the org's own domains), lowercased; the identities with the same one are one person.
Existing identities have none (NULL) until their person is next seen. The index finds the twins of an identity.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("identities", sa.Column("verified_email", sa.String(length=320), nullable=True))
    op.create_index("ix_identities_verified_email", "identities", ["verified_email"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_identities_verified_email", table_name="identities")
    # Not batch mode: on SQLite it would copy the table (see 0007).
    op.execute("ALTER TABLE identities DROP COLUMN verified_email")
