"""Shared plumbing of the loopback servers tests run: a fake HTTP API on 127.0.0.1 (a random
port, served from a thread) and the MedRep ASGI app under uvicorn on a free port."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackHTTPServer:
    """Base of the fake APIs: subclasses give `_handler()` (a BaseHTTPRequestHandler class)."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise TypeError(f"{type(self).__name__} must define _handler()")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class AsgiServers:
    """Runs ASGI apps under uvicorn on loopback ports and stops them all at the end."""

    def __init__(self) -> None:
        self._running: list[tuple[Any, threading.Thread]] = []

    def start(self, asgi: Any, port: int | None = None) -> str:
        import uvicorn

        port = port or free_port()
        server = uvicorn.Server(uvicorn.Config(asgi, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.time() + 20
        while not server.started and time.time() < deadline:
            time.sleep(0.02)
        self._running.append((server, thread))
        return f"http://127.0.0.1:{port}"

    def stop_all(self) -> None:
        for server, thread in self._running:
            server.should_exit = True
            thread.join(timeout=10)
