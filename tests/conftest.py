"""Shared fixtures: paths, the spaCy pipeline, and the sample dataset built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "datasets" / "samples"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"


def require_shared(*parts: str) -> Path:
    """The path under ../shared/data, or skip the test with the reason."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests need ../shared/data beside the repository")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline with the curator's components, loaded once."""
    from curation.config import load_config
    from curation.nlp import load_nlp

    return load_nlp(load_config().get("nlp", "model"))


@pytest.fixture(scope="session")
def sample_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded sample articles curated once for the whole session."""
    from curation.pipeline import run

    out = tmp_path_factory.mktemp("sample") / "dataset"
    run([SAMPLES], out, progress=False)
    return out
