"""Microsoft Graph: the directory (who sent an idea: name, title, department, manager; which AAD object id belongs
to a commissioner's mail address), and installing the Teams app for a commissioner the bot cannot reach yet.

msgraph-sdk takes about a second and hundreds of modules to import, so it is imported only when Graph is
configured (`GRAPH_CLIENT_ID`), as the directory is built: a deployment without Graph (Slack-only, or Teams without
directory look-ups) never loads it, and the first look-up does not spend its time budget on imports. Look-ups
are bounded by `GRAPH_TIMEOUT_SECONDS` and never raise into a delivery: when Graph is down or slow the card falls
back to the name Teams gave us. Intake never waits for Graph at all.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from core.settings import Settings

if TYPE_CHECKING:
    from azure.core.credentials_async import AsyncTokenCredential

log = logging.getLogger(__name__)

SCOPES = ["https://graph.microsoft.com/.default"]
FIELDS = ["id", "displayName", "mail", "department", "jobTitle"]
CACHE_SECONDS = 3600.0
MISS_SECONDS = 60.0  # a failed look-up is not retried at once, so an outage costs one timeout a minute, not one a card


class GraphConfigError(ValueError):
    """Graph is half configured; the message names the missing setting."""


@dataclass(frozen=True)
class DirectoryUser:
    id: str
    display_name: str | None
    mail: str | None = None
    department: str | None = None
    job_title: str | None = None
    manager: str | None = None


def graph_configured(settings: Settings) -> bool:
    return bool(settings.graph_client_id)


def app_credential(settings: Settings) -> AsyncTokenCredential:
    """App-only credentials from azure-identity: a client secret, or a certificate (PEM or PFX file)."""
    from azure.identity.aio import CertificateCredential, ClientSecretCredential

    tenant = settings.teams_tenant_id
    if not tenant:
        raise GraphConfigError("GRAPH_CLIENT_ID is set but TEAMS_TENANT_ID (the Entra tenant) is not")
    if settings.graph_client_secret:
        return ClientSecretCredential(tenant, settings.graph_client_id, settings.graph_client_secret)
    if settings.graph_certificate_path:
        return CertificateCredential(tenant, settings.graph_client_id, settings.graph_certificate_path)
    raise GraphConfigError("GRAPH_CLIENT_ID is set but neither GRAPH_CLIENT_SECRET nor GRAPH_CERTIFICATE_PATH is")


class Directory:
    """Cached user look-ups by AAD object id, and look-ups by mail for `teams sync-commissioners`."""

    def __init__(self, *, base_url: str, credential: AsyncTokenCredential, timeout: float) -> None:
        _import_graph()
        self._base_url = base_url.rstrip("/")
        self._credential = credential
        self._timeout = timeout
        self._client: Any = None
        self._cache: dict[str, tuple[float, DirectoryUser | None]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> Directory | None:
        if not graph_configured(settings):
            return None
        return cls(base_url=settings.graph_api_url, credential=app_credential(settings),
                   timeout=settings.graph_timeout_seconds)

    async def user(self, aad_id: str) -> DirectoryUser | None:
        """The person behind an AAD object id, or None when Graph does not answer in time (never raises)."""
        key = aad_id.lower()
        cached = self._cache.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        try:
            found = await asyncio.wait_for(self._fetch(key), timeout=self._timeout)
        except Exception as error:  # Graph down, slow, throttled or refusing: the card goes out without it
            log.warning("Graph user look-up failed (%s); using the name from Teams", type(error).__name__)
            self._cache[key] = (time.monotonic() + MISS_SECONDS, None)
            return None
        self._cache[key] = (time.monotonic() + CACHE_SECONDS, found)
        return found

    async def find_by_mail(self, mail: str) -> DirectoryUser | None:
        """Exactly one user whose `mail` is this address, else None. Raises when Graph fails (the CLI reports it)."""
        from msgraph.generated.users.users_request_builder import UsersRequestBuilder

        quoted = mail.replace("'", "''")  # OData string literal
        query = UsersRequestBuilder.UsersRequestBuilderGetQueryParameters(filter=f"mail eq '{quoted}'",
                                                                          select=FIELDS, top=2)
        result = await asyncio.wait_for(self._graph().users.get(request_configuration=_config(query)),
                                        timeout=self._timeout * 3)
        users = (result.value if result else None) or []
        return _user(users[0]) if len(users) == 1 else None

    async def install_app(self, aad_id: str, *, catalog_app_id: str) -> bool:
        """Install our Teams app for a person (personal scope), so the bot may write to them: Teams then opens the
        chat and tells the bot (conversationUpdate), which stores it. True when it is installed now or was already
        (Graph answers 409); False, logged, when Graph refused or did not answer in time (never raises)."""
        from msgraph.generated.models.o_data_errors.o_data_error import ODataError
        from msgraph.generated.models.user_scope_teams_app_installation import UserScopeTeamsAppInstallation

        binding = f"{self._base_url}/appCatalogs/teamsApps/{catalog_app_id}"
        body = UserScopeTeamsAppInstallation(additional_data={"teamsApp@odata.bind": binding})
        installed_apps = self._graph().users.by_user_id(aad_id).teamwork.installed_apps
        try:
            await asyncio.wait_for(installed_apps.post(body), timeout=self._timeout * 3)
        except ODataError as error:
            if error.response_status_code == 409:
                return True
            log.warning("Graph refused to install the Teams app for a commissioner (%s)", error.response_status_code)
            return False
        except Exception as error:  # Graph down or slow: the delivery is retried later anyway
            log.warning("Installing the Teams app for a commissioner failed (%s)", type(error).__name__)
            return False
        return True

    async def close(self) -> None:
        await self._credential.close()

    async def _fetch(self, aad_id: str) -> DirectoryUser | None:
        from msgraph.generated.models.o_data_errors.o_data_error import ODataError
        from msgraph.generated.users.item.user_item_request_builder import UserItemRequestBuilder

        item = self._graph().users.by_user_id(aad_id)
        query = UserItemRequestBuilder.UserItemRequestBuilderGetQueryParameters(select=FIELDS)
        try:
            found = await item.get(request_configuration=_config(query))
        except ODataError as error:
            if error.response_status_code == 404:  # a guest or a deleted account: nothing to show
                return None
            raise
        if found is None:
            return None
        try:
            manager = await item.manager.get()
        except ODataError as error:
            if error.response_status_code != 404:  # 404: nobody is set as manager
                raise
            manager = None
        return _user(found, manager=_display_name(manager))

    def _graph(self) -> Any:
        # Built on first use, inside the running event loop: the httpx pool belongs to the loop that made it.
        if self._client is None:
            import httpx
            from kiota_authentication_azure.azure_identity_authentication_provider import (
                AzureIdentityAuthenticationProvider,
            )
            from msgraph import GraphRequestAdapter, GraphServiceClient
            from msgraph_core import GraphClientFactory

            host = urlsplit(self._base_url).hostname or ""
            auth = AzureIdentityAuthenticationProvider(self._credential, scopes=SCOPES, allowed_hosts=[host])
            http = GraphClientFactory.create_with_default_middleware(client=httpx.AsyncClient(timeout=self._timeout))
            adapter = GraphRequestAdapter(auth, client=http)
            adapter.base_url = self._base_url
            self._client = GraphServiceClient(request_adapter=adapter)
        return self._client


PRELOAD = (
    "httpx", "httpcore._async", "msgraph_core", "msgraph.generated.models.o_data_errors.o_data_error",
    "msgraph.generated.users.users_request_builder", "msgraph.generated.users.item.user_item_request_builder",
    "msgraph.generated.users.item.manager.manager_request_builder",
    "msgraph.generated.models.user_scope_teams_app_installation",
    "msgraph.generated.users.item.teamwork.installed_apps.installed_apps_request_builder",
)


def _import_graph() -> None:
    """Load, at start, everything a look-up would otherwise import on first use: the request builders, and the
    ~1200 model modules msgraph imports lazily while reading a user. Done on the first look-up instead, that import
    would block the event loop for seconds and use up the look-up's time budget."""
    for name in PRELOAD:
        importlib.import_module(name)
    from msgraph.generated.models.directory_object import DirectoryObject
    from msgraph.generated.models.user import User
    from msgraph.generated.models.user_collection_response import UserCollectionResponse

    for model in (User(), DirectoryObject(), UserCollectionResponse()):
        model.get_field_deserializers()


def _config(query: Any) -> Any:
    from kiota_abstractions.base_request_configuration import RequestConfiguration

    return RequestConfiguration(query_parameters=query)


def _user(found: Any, *, manager: str | None = None) -> DirectoryUser:
    return DirectoryUser(id=found.id, display_name=found.display_name, mail=found.mail,
                         department=found.department, job_title=found.job_title, manager=manager)


def _display_name(directory_object: Any) -> str | None:
    # A manager comes back as a User only when Graph says "@odata.type": "#microsoft.graph.user"; otherwise as a
    # bare DirectoryObject with the name among the additional data.
    if directory_object is None:
        return None
    name = getattr(directory_object, "display_name", None)
    return name or (directory_object.additional_data or {}).get("displayName")
