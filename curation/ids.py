"""Deterministic ids: a hash of content and position, never a counter or a clock."""

from __future__ import annotations

import hashlib


def make_id(prefix: str, *parts: object, length: int = 16) -> str:
    """Return ``prefix`` + the first ``length`` hex digits of sha256 over ``parts``.

    Parts are joined with an ASCII unit separator so that ("ab", "c") and
    ("a", "bc") never collide.
    """
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}{h.hexdigest()[:length]}"


def sha256_text(text: str) -> str:
    """sha256 hex digest of a text encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
