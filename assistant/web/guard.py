"""What every response gets and what every request must pass: security headers, JSON errors,
a body size limit, and no traceback (or question) ever leaving the process.

These are plain ASGI middlewares and helpers, so they hold whichever ASGI server runs the app.
"""

from __future__ import annotations

import json
import logging
from typing import Any, cast

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_BODY", "SECURITY_HEADERS", "CatchAll", "SecurityHeaders", "error", "http_error", "read_json"]

MAX_BODY = 16 * 1024  # bytes; a long story fits many times over, a flood doesn't
LOG = logging.getLogger("botox_faq.web")

# No inline script or style anywhere: the page's script and style are files of this app.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
NO_STORE = (b"cache-control", b"no-store")  # answers to health questions are not for shared caches


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


_REASONS = {404: "no such page or endpoint", 405: "method not allowed here", 413: "request body too large",
            415: "send JSON with Content-Type: application/json"}


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's HTTP errors (404, 405 from the router; ours) as JSON, keeping headers such as Allow."""
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found", "Method Not Allowed") \
        else _REASONS.get(exc.status_code, "request refused")
    return error(exc.status_code, detail, dict(exc.headers or {}))


class BadRequest(HTTPException):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(status_code=status, detail=message)


async def read_json(request: Request, limit: int = MAX_BODY) -> dict[str, Any]:
    """The request's JSON object; 413 past ``limit`` bytes, 415 without a JSON content type, 400 if not a JSON object."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise BadRequest(_REASONS[415], 415)
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise BadRequest(f"request body too large (at most {limit} bytes)", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BadRequest(f"request body too large (at most {limit} bytes)", 413)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: "[[[[…" nested too deep
        raise BadRequest("the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # "\ud800": a lone surrogate can't be answered or echoed; read it as U+FFFD
        data = _whole(data)
    return cast(dict[str, Any], data)


def _whole(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_whole(v) for v in value]
    if isinstance(value, dict):
        return {_whole(k): _whole(v) for k, v in value.items()}
    return value


class SecurityHeaders:
    """Adds the security headers to every response, and ``Cache-Control: no-store`` to the API's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = SECURITY_HEADERS + ([NO_STORE] if scope["path"].startswith("/api/") else [])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CatchAll:
    """A bug becomes a JSON 500 for the client and one line in the log naming only the exception's type.

    Neither the traceback nor the exception's message (which could quote a question) is logged
    or sent; set ``BOTOX_FAQ_DEBUG=1`` to let the exception through to the server instead.
    """

    def __init__(self, app: ASGIApp, debug: bool = False) -> None:
        self.app = app
        self.debug = debug

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if self.debug:
                raise
            LOG.error("internal error: %s while answering %s %s", type(exc).__name__, scope.get("method"),
                      scope.get("path"))
            if not started:
                await error(500, "internal error; nothing about your question was logged")(scope, receive, send)
