"""Text bound for a terminal, made inert.

Publishers, titles, actor names and file names come from untrusted inputs. On
a terminal, an ESC byte starts a command (clear the screen and scrollback, set
the window title, move the cursor), and bidirectional controls reorder what
is shown so that a line reads otherwise than its bytes. Every string the
``curate`` command prints from data goes through :func:`inert`: control
characters and invisible format characters are shown as visible escapes
(``\\x1b``, ``\\u202e``), never sent as they are.
"""

from __future__ import annotations

import json
import re
import unicodedata

_KEEP = "\n\t"  # line structure the caller prints on purpose


def _escape(ch: str) -> str:
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


_UNSAFE_CACHE: dict[str, bool] = {}


def _unsafe(ch: str) -> bool:
    hit = _UNSAFE_CACHE.get(ch)
    if hit is None:
        # Cc: C0 and C1 controls, DEL; Cf: bidi overrides and isolates, zero-width marks; Cs: lone surrogates;
        # Co, Cn: private-use and unassigned code points, which a terminal may render as anything.
        hit = ch not in _KEEP and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
        if len(_UNSAFE_CACHE) < 4096:
            _UNSAFE_CACHE[ch] = hit
    return hit


_ASCII_SAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def inert(text: str, *, as_json: bool = False) -> str:
    """``text`` with every control, format, surrogate, private-use or unassigned character escaped.

    With ``as_json`` the escapes are JSON's own (``\\u001b``), so that JSON text stays valid JSON
    with the same meaning.
    """
    escape = (lambda ch: json.dumps(ch)[1:-1]) if as_json else _escape
    if text.isascii():
        return _ASCII_SAFE.sub(lambda m: escape(m.group()), text)
    return "".join(escape(ch) if _unsafe(ch) else ch for ch in text)
