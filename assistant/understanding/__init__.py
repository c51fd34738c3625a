"""The understanding layer: reading a question (normalising, spelling, concepts, clauses), the urgent check
and the matcher. It reads the knowledge and knows nothing of replies, layout or front ends."""
