"""botox-faq: answers questions about Botox for facial asymmetry from one curated guide.

>>> from assistant import Assistant
>>> Assistant().ask("does botox cause bruising?").intent
'side-effects.bruising'

Importing the package reads no files and does not import prompt_toolkit.
"""

from .core import Assistant, Context, Reply
from .errors import AssistantError, KnowledgeError, Problem, QuizError
from .knowledge.loader import load_knowledge
from .knowledge.records import Intent, Knowledge
from .understanding.matcher import Candidate, IntentMatcher, Match

__all__ = [
    "Assistant",
    "AssistantError",
    "Candidate",
    "Context",
    "Intent",
    "IntentMatcher",
    "Knowledge",
    "KnowledgeError",
    "Match",
    "Problem",
    "QuizError",
    "Reply",
    "load_knowledge",
]

__version__ = "0.1.0"
