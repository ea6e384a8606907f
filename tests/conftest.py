"""Shared fixtures: every database test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

Each test runs inside a transaction that is rolled back afterwards, so tests never see each other's data.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api.app import create_app
from api.auth import issue_token
from classifier import load_examples, save_model, train
from core.actors import Role
from core.orgconfig import OrgConfig, load_org_config
from core.services import Services
from core.settings import Settings
from core.training import service_training
from storage.db import make_engine, normalise_url
from storage.migrate import upgrade
from tests.bot.teams.fakes import ConnectorFake
from tests.fakes import FakeNotifier, StaticClassifier

ROOT = Path(__file__).resolve().parent.parent
LOTEN = ROOT / "config" / "loten.yaml"
SECRET = "test-secret-key-that-is-long-enough-for-hs256"


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", backends(), indirect=True, scope="session")


@pytest.fixture(scope="session")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new, migrated database for this test run: a SQLite file, or a fresh PostgreSQL database."""
    with migrated_database(request.param, tmp_path_factory.mktemp("db") / "test.db") as url:
        yield url


@pytest.fixture(params=backends())
def own_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, migrated database for one test, which commits for real (the shared one rolls every test back)."""
    with migrated_database(request.param, tmp_path / "own.db") as url:
        yield url


@contextlib.contextmanager
def migrated_database(backend: str, sqlite_file: Path) -> Iterator[str]:
    if backend == "sqlite":
        url = f"sqlite:///{sqlite_file}"
        upgrade(url)
        yield url
        return
    with postgres_database() as url:
        upgrade(url)
        yield url


class postgres_database:
    """CREATE DATABASE from TEST_DATABASE_URL's server, DROP it afterwards, so runs never collide."""

    def __init__(self) -> None:
        self.admin_url = make_url(normalise_url(os.environ["TEST_DATABASE_URL"]))
        self.name = f"forslagskassa_test_{uuid.uuid4().hex[:10]}"

    def __enter__(self) -> str:
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self.admin_url.set(database=self.name).render_as_string(hide_password=False)

    def __exit__(self, *_exc: object) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    # Commits inside the code under test release savepoints; the test's outer transaction rolls all back.
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session:
        yield session


@pytest.fixture(scope="session")
def quick_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The routing model `serve` would train on first start (for MODEL_PATH), trained once and quickly."""
    org = load_org_config(LOTEN)
    examples = org.examples_path()
    assert examples is not None
    path = tmp_path_factory.mktemp("model") / "loten.skops"
    save_model(train(examples=load_examples(examples), labels=org.area_ids, services=service_training(org),
                     cv_folds=2), path)
    return path


@pytest.fixture(scope="session")
def org() -> OrgConfig:
    return load_org_config(LOTEN)


@pytest.fixture
def classifier() -> StaticClassifier:
    return StaticClassifier()


@pytest.fixture
def connector() -> Iterator[ConnectorFake]:
    """The Bot Connector (Teams' side of a conversation) on 127.0.0.1."""
    fake = ConnectorFake().start()
    yield fake
    assert fake.server is not None
    fake.server.stop()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, database_url=database_url, org_config=LOTEN,
                    secret_key=SECRET, run_worker=False)


@pytest.fixture
def services(settings: Settings, org: OrgConfig, engine: Engine, session_factory: sessionmaker[Session],
             classifier: StaticClassifier) -> Services:
    return Services(settings=settings, org=org, engine=engine, session_factory=session_factory, classifier=classifier)


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services)) as client:
        yield client


@pytest.fixture
def token(org: OrgConfig) -> Callable[..., dict[str, str]]:
    """token(role, user) -> Authorization headers for the API."""

    def make(role: Role | str, user: str, *, name: str | None = None) -> dict[str, str]:
        signed = issue_token(secret=SECRET, role=Role(role), user_id=user, org=org, ttl=timedelta(hours=1),
                             name=name)
        return {"Authorization": f"Bearer {signed}"}

    return make

