"""Running the review desk: bind the listening socket, then hand it to uvicorn.

The socket is bound here rather than by uvicorn so that a busy port becomes a bilingual
message (exit 2) instead of a log line, and so that ``--port 0`` works: the URL printed
is the one really bound.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
import socket
import sys
import threading
import time
import webbrowser
from typing import NoReturn

from starlette.applications import Starlette

from kclint.errors import ConfigError


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (``port`` 0: any free port); ConfigError when it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ConfigError("host", f"không dùng được địa chỉ {host} ({exc}).", f"cannot use address {host} ({exc}).") \
            from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise ConfigError("port", f"không mở được cổng {port} trên {host} ({exc.strerror}); hãy chọn --port khác.",
                          f"cannot open port {port} on {host} ({exc.strerror}); choose another --port.") from None
    return sock


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is on this machine only (127.0.0.0/8, ::1)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):  # listening everywhere: this machine can still reach it on loopback
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(app: Starlette, sock: socket.socket, open_browser: bool = False) -> NoReturn:
    """Serve ``app`` on ``sock`` until Ctrl+C, then end the process (exit 130; 0 if the server stopped by itself).

    With ``open_browser`` open the page once it answers.
    """
    import uvicorn

    # Access logs would list every download by file id; a reviewer's terminal needs none of it.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False,
                            # An idle kept-alive connection is closed; Ctrl+C waits at most a second for requests.
                            timeout_keep_alive=5, timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    if open_browser:
        url = url_of(sock)

        def open_when_ready() -> None:
            deadline = time.monotonic() + 15
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.05)
            webbrowser.open(url)

        threading.Thread(target=open_when_ready, name="kclint-open", daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl+C it caught once the server has stopped
        code = 130
    else:
        code = 0
    _exit_now(code)


def _exit_now(code: int) -> NoReturn:
    """End the process at once: the server is stopped and nothing remains to be written.

    A normal interpreter exit tears down every object of the kept results one by one (and runs the
    cyclic collector over them): 9 s for a desk holding 2 GB, more than 15 s at 3.7 GB, during which
    Ctrl+C seems not to work. ``os._exit`` skips that; the streams are flushed first.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    logging.shutdown()
    os._exit(code)
