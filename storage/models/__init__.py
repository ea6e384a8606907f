"""The tables, one module per aggregate. Importing this package registers every table on `Base.metadata`."""

from storage.models.base import (
    Base,
    Channel,
    EventKind,
    OutboxState,
    Status,
    UTCDateTime,
    enum_column,
    utcnow,
)
from storage.models.delivery import OutboxMessage, ProcessedKey
from storage.models.discussion import Comment, CommentReport, Digest, Follow, FollowNews, NotificationSetting, Voice
from storage.models.ideas import Correction, Event, Idea, Support
from storage.models.packages import Package, PackageEvent, PackageEventKind, PackageItem, PackageState
from storage.models.participation import Participation
from storage.models.people import Identity, Submitter
from storage.models.records import AuditEntry, SteeredCount

__all__ = [
    "AuditEntry",
    "Base",
    "Channel",
    "Comment",
    "CommentReport",
    "Correction",
    "Digest",
    "Event",
    "EventKind",
    "Follow",
    "FollowNews",
    "Idea",
    "Identity",
    "NotificationSetting",
    "OutboxMessage",
    "OutboxState",
    "Package",
    "PackageEvent",
    "PackageEventKind",
    "PackageItem",
    "PackageState",
    "Participation",
    "ProcessedKey",
    "Status",
    "SteeredCount",
    "Submitter",
    "Support",
    "UTCDateTime",
    "Voice",
    "enum_column",
    "utcnow",
]
