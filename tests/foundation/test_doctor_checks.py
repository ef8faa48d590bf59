"""`medrep doctor` checks the chat model endpoint and the MLflow store for real: a loopback
fake OpenAI-compatible server, an unreachable port, the local SQLite store."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from medrep.cli.doctor import _check_chat_model, _check_mlflow
from medrep.kernel.settings import Settings

KEY = "sk-test-doctor"


class _FakeOpenAI(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/v1/models":
            return self._send(404, {"error": {"message": "not found"}})
        if self.headers.get("Authorization") != f"Bearer {KEY}":
            return self._send(401, {"error": {"message": "Incorrect API key provided"}})
        return self._send(200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]})

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_openai():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(tmp_path, **overrides) -> Settings:
    return Settings(_env_file=None, medrep_home=tmp_path, database_url=f"sqlite:///{tmp_path / 'medrep.db'}",
                    **overrides)


def test_chat_model_ok_when_the_endpoint_lists_the_model(tmp_path, fake_openai):
    component, backend, status = _check_chat_model(_settings(tmp_path, openai_api_key=KEY,
                                                             openai_base_url=fake_openai + "/"))
    assert component == "chat model" and fake_openai in backend and "gpt-4o-mini" in backend
    assert status.startswith("OK") and "gpt-4o-mini" in status


def test_chat_model_missing_model_wrong_key_and_http_error(tmp_path, fake_openai):
    missing = _check_chat_model(_settings(tmp_path, openai_api_key=KEY, openai_base_url=fake_openai,
                                          medrep_llm_model="gpt-5-large"))[2]
    assert missing.startswith("실패") and "'gpt-5-large'" in missing and "gpt-4o-mini" in missing
    wrong_key = _check_chat_model(_settings(tmp_path, openai_api_key="sk-wrong", openai_base_url=fake_openai))[2]
    assert wrong_key.startswith("실패") and "HTTP 401" in wrong_key and "OPENAI_API_KEY" in wrong_key
    not_found = _check_chat_model(_settings(tmp_path, openai_api_key=KEY,
                                            openai_base_url=fake_openai.removesuffix("/v1")))[2]
    assert not_found.startswith("실패") and "HTTP 404" in not_found


def test_chat_model_unreachable_and_offline(tmp_path):
    started = time.perf_counter()
    down = _check_chat_model(_settings(tmp_path, openai_api_key=KEY,
                                       openai_base_url=f"http://127.0.0.1:{_closed_port()}/v1"))[2]
    assert down.startswith("실패") and "연결할 수 없음" in down and time.perf_counter() - started < 10
    offline = _check_chat_model(_settings(tmp_path))
    assert offline[1].startswith("offline-router") and offline[2].startswith("OK") and "오프라인" in offline[2]


def test_mlflow_local_store_and_unreachable_server(tmp_path):
    settings = _settings(tmp_path)
    assert "아직 없음" in _check_mlflow(settings)[2]  # no store yet: not created by doctor
    from mlflow import MlflowClient

    MlflowClient(tracking_uri=settings.mlflow_uri).search_experiments(max_results=1)  # creates the store
    assert _check_mlflow(settings) == ("mlflow", settings.mlflow_uri, "OK (추적 저장소 열림)")

    uri = f"http://127.0.0.1:{_closed_port()}"
    started = time.perf_counter()
    component, backend, status = _check_mlflow(_settings(tmp_path, mlflow_tracking_uri=uri), timeout_s=2)
    assert (component, backend) == ("mlflow", uri)
    assert status.startswith("실패: 추적 서버에 연결할 수 없음") and time.perf_counter() - started < 15


def test_doctor_table_shows_the_real_checks(tmp_path, fake_openai, monkeypatch):
    from typer.testing import CliRunner

    from medrep.cli.main import app
    from medrep.kernel.settings import get_settings

    monkeypatch.setenv("MEDREP_HOME", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'medrep.db'}")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"http://127.0.0.1:{_closed_port()}")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["doctor"])
    finally:
        get_settings.cache_clear()
    chat = next(line for line in result.output.splitlines() if line.startswith("chat model"))
    mlflow = next(line for line in result.output.splitlines() if line.startswith("mlflow"))
    assert "HTTP 401" in chat and "실패" in mlflow, result.output
