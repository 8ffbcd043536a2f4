"""curation: news articles in, a tidy, validated, reproducible event dataset out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from curation.loader import Dataset
    from curation.timelines import timeline


def load(path: Any, *, tables: Any = None, verify: bool = True) -> Dataset:
    """Load a dataset folder as pandas DataFrames (see :func:`curation.load.load`)."""
    from curation.loader import load as _load

    return _load(path, tables=tables, verify=verify)


def __getattr__(name: str) -> Any:
    # `curation.timeline` is imported on first use: `import curation` stays light.
    if name == "timeline":
        from curation.timelines import timeline

        return timeline
    raise AttributeError(f"module 'curation' has no attribute {name!r}")


__all__ = ["__version__", "load", "timeline"]
