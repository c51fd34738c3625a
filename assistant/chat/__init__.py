"""The terminal chat: a prompt_toolkit REPL over the library's Assistant.

Kept thin and in small parts, each testable without a terminal:

- ``run``: the entry point, ``run_chat`` (the REPL on a terminal, plain lines in a pipe)
- ``session``: ``ChatSession``, the conversation as a pure state machine (line in, blocks out)
- ``blocks``: what a session asks the front end to show (replies, quiz questions, the score...)
- ``topics``: which quiz topic a person means ("/quiz bruising", "quiz me about the injector")
- ``render``: blocks as prompt_toolkit fragments, or plain text (replies and the quiz laid out by
  ``assistant.layout``, as ``botox-faq ask`` and ``botox-faq quiz`` print them)
- ``commands``: the slash-command table and the nearest name for a typo
- ``completer``, ``toolbar``, ``keys``: the prompt's completion, bottom toolbar and key bindings
- ``history``: where the (opt-in, private) history file lives: ``history_path()``
- ``repl``: the PromptSession loop

Importing this package imports nothing else.
"""
