"""The web front end: a JSON API and a chat page, as a plain ASGI app (needs the ``[web]`` extra).

``assistant.web:app`` is the app any ASGI server runs (``uvicorn assistant.web:app --workers 4``);
it is built on first use from the environment: ``BOTOX_FAQ_KNOWLEDGE`` (a knowledge pack
directory; the bundled one by default) and ``BOTOX_FAQ_ALLOW_ORIGINS`` (comma-separated origins
allowed to call the API from other sites; none by default). ``create_app`` builds one in code.

The server keeps nothing between requests: the conversation and a running quiz travel as
JSON in each request and reply, so any number of processes can serve one conversation.
"""

from __future__ import annotations

from typing import Any

__all__ = ["app", "create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the ASGI app; see :func:`assistant.web.application.create_app`."""
    from .application import create_app as build
    return build(*args, **kwargs)


_app = None


def __getattr__(name: str) -> Any:  # ``app`` is built when a server first asks for it, not on import
    global _app
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _app is None:
        from .application import app_from_environment
        _app = app_from_environment()
    return _app
