"""A loopback fake of Slack's Socket Mode WebSocket endpoint.

`apps.connections.open` (answered by FakeSlackApi with this server's ws:// URL) hands the
client this server; on connect it sends Slack's `hello`, then pushes the envelopes a test
queues (events_api, slash_commands, interactive) and records the acks the client sends back
(`{"envelope_id": …}`, optionally with a `payload`).
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid

from websockets.sync.server import serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.outbox: queue.Queue[dict] = queue.Queue()
        self.acks: list[dict] = []
        self.connections = 0
        self._lock = threading.Lock()
        self.server = serve(self._session, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link/?ticket=test"

    def start(self) -> "FakeSocketMode":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def push(self, kind: str, payload: dict) -> str:
        """Queue an envelope of `kind` (events_api, slash_commands, interactive); returns its id."""
        envelope_id = str(uuid.uuid4())
        self.outbox.put({"envelope_id": envelope_id, "type": kind, "payload": payload,
                         "accepts_response_payload": kind != "events_api", "retry_attempt": 0, "retry_reason": ""})
        return envelope_id

    def ack_for(self, envelope_id: str, timeout: float = 10.0) -> dict:
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                found = [a for a in self.acks if a.get("envelope_id") == envelope_id]
            if found:
                return found[0]
            time.sleep(0.02)
        raise AssertionError(f"no ack for {envelope_id}; acks: {self.acks}")

    def _session(self, websocket) -> None:
        with self._lock:
            self.connections += 1
        websocket.send(json.dumps({"type": "hello", "num_connections": 1,
                                   "connection_info": {"app_id": "A0MEDREP"},
                                   "debug_info": {"host": "fake", "approximate_connection_time": 3600}}))
        while True:
            try:
                envelope = self.outbox.get(timeout=0.05)
                websocket.send(json.dumps(envelope, ensure_ascii=False))
            except queue.Empty:
                pass
            try:
                message = websocket.recv(timeout=0.05)
            except TimeoutError:
                continue
            except Exception:  # client closed the connection
                return
            data = json.loads(message)
            if "envelope_id" in data:
                with self._lock:
                    self.acks.append(data | {"_at": time.time()})
