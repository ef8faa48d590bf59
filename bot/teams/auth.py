"""Bot Framework authentication from settings (botbuilder specifics).

Inbound: JWT bearer tokens checked against the OpenID metadata / JWKS at
MICROSOFT_OPENID_URL (issuer MICROSOFT_TOKEN_ISSUER, audience = MICROSOFT_APP_ID, serviceurl
claim = the activity's serviceUrl). Outbound: client-credentials tokens from
MICROSOFT_LOGIN_URL/{tenant}/oauth2/v2.0/token — tenant `botframework.com` for a
multi-tenant app, MICROSOFT_APP_TENANT_ID for a single-tenant one. With no app id the bot runs
unauthenticated (local testing only)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import httpx
from botframework.connector.auth import (
    AppCredentials,
    AuthenticationConfiguration,
    BotFrameworkAuthentication,
    BotFrameworkAuthenticationFactory,
    ServiceClientCredentialsFactory,
)

if TYPE_CHECKING:
    from medrep.kernel.settings import Settings

MULTI_TENANT = "botframework.com"


def token_tenant(settings: Settings) -> str:
    if (settings.microsoft_app_type or "").lower() == "singletenant" and settings.microsoft_app_tenant_id:
        return settings.microsoft_app_tenant_id
    return MULTI_TENANT


def login_endpoint(settings: Settings) -> str:
    return f"{settings.microsoft_login_url.rstrip('/')}/{token_tenant(settings)}"


class ClientCredentials(AppCredentials):
    """App id + secret → bearer token (cached until shortly before it expires)."""

    _lock = threading.Lock()

    def __init__(self, app_id: str, password: str, login_url: str, oauth_scope: str):
        super().__init__(app_id=app_id, oauth_scope=oauth_scope)
        self.password = password
        self.token_url = f"{login_url.rstrip('/')}/oauth2/v2.0/token"
        self._token: str | None = None
        self._expires = 0.0

    def get_access_token(self, force_refresh: bool = False) -> str:
        with self._lock:
            if self._token and not force_refresh and time.time() < self._expires - 300:
                return self._token
            scope = self.oauth_scope if self.oauth_scope.endswith("/.default") else f"{self.oauth_scope}/.default"
            response = httpx.post(self.token_url, data={
                "grant_type": "client_credentials", "client_id": self.microsoft_app_id,
                "client_secret": self.password, "scope": scope}, timeout=15)
            if response.status_code != 200:
                raise PermissionError(f"token request failed: HTTP {response.status_code} {response.text[:200]}")
            body = response.json()
            self._token = body["access_token"]
            self._expires = time.time() + int(body.get("expires_in", 3600))
            return self._token


class CredentialFactory(ServiceClientCredentialsFactory):
    def __init__(self, settings: Settings):
        self.settings = settings
        self._cache: dict[str, ClientCredentials] = {}

    async def is_valid_app_id(self, app_id: str) -> bool:
        return bool(app_id) and app_id == self.settings.microsoft_app_id

    async def is_authentication_disabled(self) -> bool:
        return not self.settings.microsoft_app_id

    async def create_credentials(self, app_id: str, oauth_scope: str, login_endpoint: str,
                                 validate_authority: bool) -> AppCredentials:
        if await self.is_authentication_disabled():
            return ClientCredentials("", "", login_endpoint, oauth_scope or self.settings.microsoft_oauth_scope)
        if not await self.is_valid_app_id(app_id):
            raise PermissionError("Invalid app_id")
        scope = oauth_scope or self.settings.microsoft_oauth_scope
        key = f"{login_endpoint}|{scope}"
        if key not in self._cache:
            self._cache[key] = ClientCredentials(app_id, self.settings.microsoft_app_password or "",
                                                 login_endpoint, scope)
        return self._cache[key]


def build_authentication(settings: Settings) -> BotFrameworkAuthentication:
    openid = settings.microsoft_openid_url
    return BotFrameworkAuthenticationFactory.create(
        validate_authority=True,
        to_channel_from_bot_login_url=login_endpoint(settings),
        to_channel_from_bot_oauth_scope=settings.microsoft_oauth_scope,
        to_bot_from_channel_token_issuer=settings.microsoft_token_issuer,
        oauth_url="https://api.botframework.com",
        to_bot_from_channel_open_id_metadata_url=openid,
        to_bot_from_emulator_open_id_metadata_url=openid,
        caller_id="urn:botframework:azure",
        credential_factory=CredentialFactory(settings),
        auth_configuration=AuthenticationConfiguration(),
    )
