"""The Action.Execute verbs on our Adaptive Cards. Each arrives as an `adaptiveCard/action` invoke."""

from __future__ import annotations

import enum


class Verb(enum.StrEnum):
    # The employee's confirmation card.
    WRONG_AREA = "idea.wrong_area"  # opens the area chooser
    MOVE = "idea.move"  # the chosen area: asks for the idea to be moved there
    MAKE_ANONYMOUS = "idea.make_anonymous"
    WITHDRAW = "idea.withdraw"
    SHOW_IDEA = "idea.show"  # back to the confirmation card
    SHARE = "idea.share"  # "Del med kolleger" (sharing: opt_in)
    # Colleagues' ideas: the board card ("populære") and the shared ideas shown before a new idea is stored.
    SUPPORT = "board.support"
    TAKE_BACK = "board.take_back"
    SUPPORT_INSTEAD = "similar.support_instead"
    SEND_MINE = "similar.send_mine"  # carries the message's text: stored as an idea now
    # The answer to a message that is not an idea.
    SEND_ANYWAY = "idea.send_anyway"  # carries the message's text: stored as an idea after all
    # The idea form ("skjema"): its inputs are the idea; sent again after a steer or shared ideas like it.
    SEND_FORM = "idea.send_form"
    # The commissioner's card.
    IN_REVIEW = "staff.in_review"
    ACCEPT = "staff.accept"
    IMPLEMENTED = "staff.implemented"
    DECLINE = "staff.decline"  # asks for the reason
    DECLINE_CONFIRM = "staff.decline_confirm"
    DUPLICATE = "staff.duplicate"  # asks for the earlier idea
    DUPLICATE_CONFIRM = "staff.duplicate_confirm"
    REROUTE = "staff.reroute"  # opens the area chooser
    REROUTE_CONFIRM = "staff.reroute_confirm"
    ESTIMATE = "staff.estimate"  # asks for the amount
    ESTIMATE_CONFIRM = "staff.estimate_confirm"
    MOVE_AS_ASKED = "staff.move_as_asked"  # carries the area the submitter asked for
    KEEP_AREA = "staff.keep_area"  # asks for the reason
    KEEP_AREA_CONFIRM = "staff.keep_area_confirm"
    SHOW_STAFF = "staff.show"  # back to the commissioner's card


# Inputs on the cards; Teams merges their values into the action's data.
INPUT_AREA = "focus_area"
INPUT_NOTE = "note"
INPUT_REASON = "reason"
INPUT_DUPLICATE_OF = "duplicate_of"
INPUT_SAVING = "estimated_saving_nok"
INPUT_SHARED = "shared"  # the Input.Toggle "Del med kolleger": "true" or "false"
INPUT_TEXT = "text"
INPUT_TITLE = "title"
INPUT_UNIT = "unit"
INPUT_ANONYMOUS = "anonymous"  # the Input.Toggle "Send anonymt": "true" or "false"
