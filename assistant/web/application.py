"""The ASGI app: routes, middleware and the chat page's files.

>>> from starlette.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.post("/api/ask", json={"question": "does botox cause bruising?"}).json()["intent"]
'side-effects.bruising'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..core import Assistant
from ..knowledge.loader import load_knowledge
from .api import Api
from .guard import CatchAll, SecurityHeaders, http_error

__all__ = ["STATIC", "app_from_environment", "create_app"]

STATIC = Path(__file__).resolve().parent / "static"


def create_app(bot: Assistant | None = None, *, allow_origins: Iterable[str] = (), debug: bool = False) -> Starlette:
    """The app over ``bot`` (the bundled knowledge by default).

    ``allow_origins`` lists the other sites whose pages may call the API (CORS); by default only
    the app's own page can.
    """
    api = Api(bot or Assistant())
    index = STATIC / "index.html"

    async def page(request: Request) -> Response:
        return FileResponse(index, media_type="text/html; charset=utf-8")

    routes = [
        Route("/", page, methods=["GET", "HEAD"]),
        Route("/api/ask", api.ask, methods=["POST"]),
        Route("/api/choose", api.choose, methods=["POST"]),
        Route("/api/quiz/start", api.quiz_start, methods=["POST"]),
        Route("/api/quiz/answer", api.quiz_answer, methods=["POST"]),
        Route("/api/topics", api.topics, methods=["GET", "HEAD"]),
        Route("/healthz", api.healthz, methods=["GET", "HEAD"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    origins = [o.strip() for o in allow_origins if o.strip()]
    if origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                                     allow_headers=["content-type"], max_age=600))
    middleware.append(Middleware(CatchAll, debug=debug))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error})


def app_from_environment() -> Starlette:
    """The app as ``assistant.web:app`` serves it, configured by BOTOX_FAQ_KNOWLEDGE and BOTOX_FAQ_ALLOW_ORIGINS."""
    knowledge = os.environ.get("BOTOX_FAQ_KNOWLEDGE") or None
    origins = os.environ.get("BOTOX_FAQ_ALLOW_ORIGINS", "").split(",")
    return create_app(Assistant(load_knowledge(knowledge)), allow_origins=origins,
                      debug=bool(os.environ.get("BOTOX_FAQ_DEBUG")))
