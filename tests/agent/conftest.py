"""Agent test fixtures (helpers live in agent_testkit.py)."""

import pytest

from agent_testkit import SMALL_TOOLS, catalog_tools


@pytest.fixture
def small_tools():
    return list(SMALL_TOOLS)


@pytest.fixture
def stand_in_tools():
    return catalog_tools()
