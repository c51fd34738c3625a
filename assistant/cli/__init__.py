"""The command line, ``botox-faq`` (:mod:`.main`), and its quiz (:mod:`.quiz`)."""

from .main import main

__all__ = ["main"]
