"""Regenerate knowledge/schema.json, the editors' JSON Schema of a pack file, from the one table of
sections and fields (assistant/knowledge/fields.py).

Run from the repository root after changing that table:

    python tools/make_schema.py

tests/test_hostile_input.py fails, naming this command, while the file differs from what the table gives.
"""

from __future__ import annotations

from pathlib import Path

from assistant.knowledge.fields import schema_text

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "schema.json"


def main() -> int:
    OUT.write_bytes(schema_text().encode("utf-8"))
    print(f"{OUT}: written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
