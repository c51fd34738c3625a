"""The knowledge layer: the records a pack holds, the YAML reader, the pack loader and its checks.

It imports nothing of the package above it (only :mod:`assistant.errors`).
"""

from .loader import load_knowledge
from .records import (
    DOMAIN_KIND, TIERS, Intent, Knowledge, LexiconData, NotCovered, Pack, QuizQuestion, RedFlag, UrgentRules,
    bundled_knowledge_path, in_family,
)

__all__ = [
    "DOMAIN_KIND", "TIERS", "Intent", "Knowledge", "LexiconData", "NotCovered", "Pack", "QuizQuestion", "RedFlag",
    "UrgentRules", "bundled_knowledge_path", "in_family", "load_knowledge",
]
