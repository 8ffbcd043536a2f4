"""``python -m curation.validate [FOLDER]`` rewrites the stored suites (default: validation/)."""

from __future__ import annotations

import sys
from pathlib import Path

from curation.validate.suites import SUITES_DIR, write_suites

if __name__ == "__main__":
    for p in write_suites(Path(sys.argv[1]) if len(sys.argv) > 1 else SUITES_DIR):
        print(p)
