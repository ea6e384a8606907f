"""Every identifier Slack echoes back to us: action ids, view callback ids, block and input ids, the command.

They live in one module so a listener and the blocks that trigger it can never drift apart, and so the
manifest's names (command, shortcut callback) have one place to be checked against.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

COMMAND = "/forslag"


class Action(enum.StrEnum):
    # the employee's confirmation message
    WRONG_AREA = "idea_wrong_area"
    MAKE_ANONYMOUS = "idea_make_anonymous"
    WITHDRAW = "idea_withdraw"
    # the answer to a message that is not an idea
    SEND_ANYWAY = "idea_send_anyway"
    # App Home
    NEW_IDEA = "idea_new"
    # colleagues' ideas: "Populære forslag", and the shared ideas shown before a new one is stored
    SUPPORT = "board_support"
    TAKE_BACK = "board_take_back"
    SHARE = "idea_share"
    SUPPORT_INSTEAD = "similar_support_instead"
    SEND_MINE = "similar_send_mine"
    # the commissioner's card
    IN_REVIEW = "review_in_review"
    ACCEPT = "review_accept"
    DECLINE = "review_decline"
    DUPLICATE = "review_duplicate"
    REROUTE = "review_reroute"
    IMPLEMENTED = "review_implemented"
    ESTIMATE = "review_estimate"
    # the submitter's request to move the idea, on the commissioner's card
    MOVE_AS_ASKED = "review_move_as_asked"
    KEEP_AREA = "review_keep_area"
    # inside modals
    DUPLICATE_PICK = "duplicate_pick"


class View(enum.StrEnum):
    """callback_id of each modal, and of the message shortcut."""

    NEW_IDEA = "new_idea"
    CONFIRM_IDEA = "confirm_idea"
    WRONG_AREA = "wrong_area"
    DECLINE = "review_decline"
    DUPLICATE = "review_duplicate"
    REROUTE = "review_reroute"
    ESTIMATE = "review_estimate"
    KEEP_AREA = "review_keep_area"
    SHORTCUT = "send_as_idea"


class Input(enum.StrEnum):
    """block_id of each input block; the element inside has action_id "value"."""

    TITLE = "title"
    TEXT = "text"
    ANONYMOUS = "anonymous"
    SHARED = "shared"
    FOCUS_AREA = "focus_area"
    REASON = "reason"
    NOTE = "note"
    DUPLICATE_OF = "duplicate_of"
    SAVING = "saving"
    UNIT = "unit"


VALUE = "value"  # action_id of the single element in an input block
ANONYMOUS_OPTION = "yes"
SHARED_OPTION = "yes"


@dataclass(frozen=True)
class Ref:
    """Which idea a button or form is about, the status the person saw, and the message to update afterwards.

    The status travels with every button so a click on an out-of-date message is refused, not applied twice.
    `area`: the focus area a button moves the idea to ("Flytt til …"), so it moves it where the card said.
    """

    idea_id: int
    status: str
    channel: str | None = None
    ts: str | None = None
    area: str | None = None

    def button_value(self) -> str:
        return f"{self.idea_id}:{self.status}" + (f":{self.area}" if self.area else "")

    @classmethod
    def from_button(cls, value: str, *, channel: str | None = None, ts: str | None = None) -> Ref:
        idea_id, _, rest = value.partition(":")
        status, _, area = rest.partition(":")
        return cls(idea_id=int(idea_id), status=status, channel=channel, ts=ts, area=area or None)

    def metadata(self) -> str:
        return json.dumps({"idea": self.idea_id, "status": self.status, "channel": self.channel, "ts": self.ts})

    @classmethod
    def from_metadata(cls, metadata: str) -> Ref:
        data = json.loads(metadata)
        return cls(idea_id=int(data["idea"]), status=str(data["status"]), channel=data.get("channel"),
                   ts=data.get("ts"))


@dataclass(frozen=True)
class IdeaForm:
    """What an idea form carries to its submission: whether the person chose to send it as an idea after being told
    it looks like something else, whether it was shown the shared ideas like it already (and is sent as it is now),
    and the thread the confirmation belongs in (the message's)."""

    send_anyway: bool = False
    channel: str | None = None
    thread_ts: str | None = None
    seen_similar: bool = False

    def reply_to(self) -> dict[str, object] | None:
        return {"channel": self.channel, "thread_ts": self.thread_ts} if self.channel else None

    def metadata(self) -> str:
        return json.dumps({"send_anyway": self.send_anyway, "channel": self.channel, "thread_ts": self.thread_ts,
                           "seen_similar": self.seen_similar})

    @classmethod
    def from_metadata(cls, metadata: str) -> IdeaForm:
        """Forms opened without any (the new-idea form) carry an empty string."""
        try:
            data = json.loads(metadata) if metadata else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        channel, thread = data.get("channel"), data.get("thread_ts")
        return cls(send_anyway=data.get("send_anyway") is True, channel=channel if isinstance(channel, str) else None,
                   thread_ts=thread if isinstance(thread, str) else None, seen_similar=data.get("seen_similar") is True)
