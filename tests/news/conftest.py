"""Fixtures for the news tests: the loopback fake Naver News Search API and an app on a fresh
SQLite database (for the client and quota)."""

from __future__ import annotations

import pytest

from data.db import open_app
from tests.fakes.naver_api import CLIENT_ID, CLIENT_SECRET, FakeNaver, start_fake_naver


@pytest.fixture
def fake_naver():
    fake, server = start_fake_naver(FakeNaver())
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def empty_app(tmp_path, settings_factory, fake_naver):
    app = open_app(settings_factory(tmp_path, naver_api_url=fake_naver.base, naver_client_id=CLIENT_ID,
                                    naver_client_secret=CLIENT_SECRET))
    yield app
    app.engine.dispose()


@pytest.fixture
def news_app(demo_app, fake_naver):
    """The demo world (writable copy) pointed at the fake Naver API with valid credentials."""
    s = demo_app.settings
    s.naver_api_url, s.naver_client_id, s.naver_client_secret = fake_naver.base, CLIENT_ID, CLIENT_SECRET
    return demo_app
