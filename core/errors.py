"""Rule violations, independent of how a channel reports them (HTTP status, ephemeral message, card)."""


class RuleError(Exception):
    """Base: a request the rules refuse. `code` is stable for clients; the message is for people."""

    code = "rule_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(RuleError):
    code = "invalid_input"


class NotFound(RuleError):
    code = "not_found"


class Forbidden(RuleError):
    code = "forbidden"


class Conflict(RuleError):
    code = "conflict"
