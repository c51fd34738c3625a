"""``botox-faq serve``: the app under uvicorn, with no access log (questions are private).

The API never puts a question in a URL, and with the access log off uvicorn logs only that it
started and stopped (and its own protocol errors), never a request line or a body.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import IO, Sequence

import uvicorn

__all__ = ["serve"]

# uvicorn's own messages only: no access logger, so no request lines, whatever the log level.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "botox_faq.web": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


class _Config(uvicorn.Config):
    """uvicorn's config, with the listening socket marked as TCP so each connection gets TCP_NODELAY.

    With ``--workers`` above 1, uvicorn binds the socket itself and leaves its ``proto`` at 0;
    asyncio then never sets TCP_NODELAY on the connections, and every keep-alive request after
    the first waits about 40 ms for a delayed ACK (uvicorn issue #3149). Saying it is TCP fixes that.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        return sock


def _run(config: uvicorn.Config) -> None:
    """What ``uvicorn.run`` does with a ready config: one process, or a supervisor of several."""
    server = uvicorn.Server(config)
    if config.workers <= 1:
        server.run()
        return
    from uvicorn.supervisors import Multiprocess
    sock = config.bind_socket()
    try:
        supervisor = Multiprocess(config, sockets=[sock])
    except TypeError:  # uvicorn before 0.30 wanted the target too
        supervisor = Multiprocess(config, target=server.run, sockets=[sock])  # type: ignore[call-arg]
    supervisor.run()


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1, knowledge: str | None = None,
          allow_origins: Sequence[str] = (), out: IO[str] = sys.stdout) -> int:
    """Run the server until interrupted; returns the exit status."""
    from ..knowledge.loader import load_knowledge

    load_knowledge(knowledge)  # a broken pack is one line now, not one per worker later
    # Every worker builds the app from the environment (uvicorn imports "assistant.web:app" in each).
    if knowledge:
        os.environ["BOTOX_FAQ_KNOWLEDGE"] = os.path.abspath(knowledge)
    os.environ["BOTOX_FAQ_ALLOW_ORIGINS"] = ",".join(allow_origins)
    shown = f"[{host}]" if ":" in host else host
    out.write(f"botox-faq: serving on http://{shown}:{port}/ with {workers} worker{'s' * (workers != 1)} "
              "(Ctrl-C to stop). Questions are never logged.\n")
    out.flush()
    _run(_Config("assistant.web:app", host=host, port=port, workers=workers, access_log=False,
                 log_config=LOG_CONFIG, server_header=False, proxy_headers=False, timeout_graceful_shutdown=5))
    return 0
