"""The layout layer: words and line breaks for a person (replies, the quiz, evaluation reports), as
``(role, text)`` fragments. No terminal: widths are given, never measured here."""
