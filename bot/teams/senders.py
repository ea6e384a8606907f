"""Who sent a Teams activity, how to reach them again, and the key that makes a redelivered activity a no-op."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.proactive import Conversation

from bot.teams import contacts
from core.intake import SubmitterRef
from core.locale import locale_of
from storage.models import Channel


def submitter_ref(context: TurnContext) -> SubmitterRef:
    """The person behind an activity, with the conversation reference proactive messages will use."""
    activity = context.activity
    user = activity.from_property
    return SubmitterRef(channel=Channel.TEAMS,
                        external_id=contacts.external_id(aad_object_id=user.aad_object_id, channel_user_id=user.id),
                        display_name=user.name, locale=locale_of(activity.locale), address=reference(context))


def reference(context: TurnContext) -> dict[str, Any]:
    stored = Conversation.from_turn_context(context).store_item_to_json()
    stored.pop("_span_context", None)
    # Without the message id a proactive message starts a new post instead of replying to an old message.
    stored["conversation_reference"].pop("activityId", None)
    return stored


def delivery_key(activity: Activity) -> str:
    """Makes a redelivered activity a no-op (no second idea, no second answer). Teams message ids are timestamps,
    unique only within a conversation, so the conversation (hashed: its id is long) is part of the key."""
    where = hashlib.sha256(activity.conversation.id.encode()).hexdigest()[:16]
    return f"teams:{where}:{activity.id or uuid.uuid4()}"
