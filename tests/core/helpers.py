"""Making ideas for tests through the real intake."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core import intake
from core.actors import Actor
from core.orgconfig import OrgConfig
from storage.models import Channel, Idea
from tests.fakes import StaticClassifier


def submit(session: Session, org: OrgConfig, *, text: str = "Felles innkjøp av kontorrekvisita",
           area: str | None = "barn-og-unge", by: Actor | None = None, anonymous: bool = False,
           channel: Channel = Channel.API, source_key: str | None = None) -> Idea:
    user = by.user_id if by else "kari"
    ref = intake.SubmitterRef(channel=Channel.WEB if channel in (Channel.API, Channel.WEB) else channel,
                              external_id=user, display_name=by.name if by else "Kari Nordmann")
    draft = intake.Draft(text=text, submitter=ref, channel=channel, anonymous=anonymous, source_key=source_key)
    return intake.submit(session=session, draft=draft, classifier=StaticClassifier(area), org=org)


def own_examples_only(org: OrgConfig) -> OrgConfig:
    """The org without its service mapping, so a model trains on its own examples only: quick, for tests about
    training in general (routing through the shared vocabulary is tested in test_service_mapping.py)."""
    return org.model_copy(update={"vocabulary": None,
                                  "focus_areas": [a.model_copy(update={"services": []}) for a in org.focus_areas]})
