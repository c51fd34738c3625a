"""The terminal chat: a prompt_toolkit REPL over the library's Assistant."""
