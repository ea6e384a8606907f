"""Rule violations, independent of how a channel reports them (HTTP status, ephemeral message, card)."""


class RuleError(Exception):
    """Base: a request the rules refuse. `code` is stable for clients; the message is for people; `field` names
    the input at fault when there is one ('idea', 'title', ...), so a form can point at it."""

    code = "rule_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(RuleError):
    code = "invalid_input"


class InvalidCharacters(InvalidInput):
    """Text with characters no person types: NUL, other control codes, broken surrogates."""

    code = "invalid_characters"


class KeyReused(InvalidInput):
    """A delivery key (an Idempotency-Key, a web form's submission) sent again with another idea."""

    code = "idempotency_key_reused"


class NotFound(RuleError):
    code = "not_found"


class Forbidden(RuleError):
    code = "forbidden"


class Conflict(RuleError):
    code = "conflict"


class RateLimited(RuleError):
    """Too many submissions in a short time. `retry_after`: seconds until the next one is accepted."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
