"""One unit of work: the caller's transaction, and the parts of the running instance the rules act with.

Use cases take a `UnitOfWork` and never commit: whoever opened it (a request, a chat turn, a command) commits
once the answer is ready, or rolls back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from core.orgconfig import OrgConfig
from core.routing import Classifier
from core.services import Services
from core.settings import Settings


@dataclass(frozen=True)
class UnitOfWork:
    session: Session
    services: Services

    @property
    def org(self) -> OrgConfig:
        return self.services.org

    @property
    def classifier(self) -> Classifier:
        return self.services.classifier

    @property
    def settings(self) -> Settings:
        return self.services.settings


@contextlib.contextmanager
def transaction(services: Services) -> Iterator[UnitOfWork]:
    """A unit of work that commits when the block ends, and rolls back when it raises."""
    with services.session_factory.begin() as session:
        yield UnitOfWork(session=session, services=services)


@contextlib.contextmanager
def reading(services: Services) -> Iterator[UnitOfWork]:
    """A unit of work that only reads: nothing is committed."""
    with services.session_factory() as session:
        yield UnitOfWork(session=session, services=services)
