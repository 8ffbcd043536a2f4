"""Read back the manifest sha256 a timeline file carries, whatever its format."""

from __future__ import annotations

import json
import re

_SHA = re.compile(rb"manifest sha256:?\s*([0-9a-f]{64})")
_META = re.compile(rb'<meta name="curation-manifest-sha256" content="([0-9a-f]{64})">')
_CSV_COLUMN = "manifest_sha256"


def carried_sha(data: bytes) -> str | None:
    """The manifest sha256 in a timeline's bytes (table, csv, json, html or png), or None."""
    if data.startswith(b"\x89PNG"):
        m = _SHA.search(data)  # the png's "Source" text chunk
        return m.group(1).decode() if m else None
    if data.lstrip().startswith(b"<!DOCTYPE html"):
        m = _META.search(data)
        return m.group(1).decode() if m else None
    if data.lstrip().startswith(b"{"):
        try:
            sha = json.loads(data).get("manifest_sha256")
        except (ValueError, AttributeError):
            return None
        return sha if isinstance(sha, str) else None
    if data.startswith(b"#"):
        # The table's header: the sha may be wrapped over several "# " lines.
        header = b"".join(line[1:].strip() for line in data.splitlines() if line.startswith(b"#"))
        m = re.search(rb"manifestsha256:?([0-9a-f]{64})", header.replace(b" ", b""))
        return m.group(1).decode() if m else None
    first = data.split(b"\n", 1)[0].rstrip(b"\r")  # records end in CRLF (RFC 4180)
    names = first.decode("utf-8", "replace").split(",")
    if _CSV_COLUMN in names:
        from io import StringIO

        import pandas as pd

        col = pd.read_csv(StringIO(data.decode("utf-8", "replace")), dtype=str, usecols=[_CSV_COLUMN],
                          keep_default_na=False)[_CSV_COLUMN]
        return str(col.iloc[0]) if len(col) and col.iloc[0] else None
    return None
