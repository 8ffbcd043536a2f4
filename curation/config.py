"""Configuration: defaults ship with the package, a user's TOML overrides only the keys it sets."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from curation.errors import ConfigError, Errors


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration, as nested plain mappings (read-only by convention)."""

    data: Mapping[str, Mapping[str, Any]]
    source: str | None = None  # the user's file, if any

    def get(self, section: str, key: str) -> Any:
        """Value of ``[section] key``."""
        return self.data[section][key]

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """A deep copy as plain dicts (for the manifest)."""
        return {s: dict(v) for s, v in copy.deepcopy(dict(self.data)).items()}


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("curation").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def _check_value(section: str, key: str, value: Any, where: str) -> None:
    """Values whose type is right but whose content cannot be used: a clear error, never ignored."""
    if (section, key) == ("ingest", "default_published") and value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ConfigError(Errors.E004.format(key=f"{section}.{key}", path=where,
                                                 expected="a date as YYYY-MM-DD or \"\"", got=value)) from None
    bounds = {("events", "min_confidence"): (0.0, 1.0), ("nlp", "max_chars"): (1000, 1_000_000),
              ("ingest", "min_chars"): (0, 1_000_000),
              ("run", "batch_size"): (1, 100_000), ("nlp", "batch_size"): (1, 100_000), ("run", "workers"): (0, 4096)}
    if (section, key) in bounds:
        low, high = bounds[section, key]
        if not low <= value <= high:
            raise ConfigError(Errors.E004.format(key=f"{section}.{key}", path=where,
                                                 expected=f"a number from {low} to {high}", got=value))


def load_config(path: str | Path | None = None, *, overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Config:
    """Load the defaults, then the user's TOML file ``path``, then ``overrides``.

    Only keys that exist in the defaults may be set, and each must keep the
    default's type (an int may stand for a float).
    """
    data = _defaults()
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(Errors.E001.format(path=p))
        try:
            layers.append((str(p), tomllib.loads(p.read_text("utf-8"))))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(Errors.E002.format(path=p, detail=exc)) from exc
        except (UnicodeDecodeError, OSError) as exc:
            raise ConfigError(Errors.E005.format(path=p, detail=exc)) from exc
    if overrides:
        layers.append(("<overrides>", overrides))
    for where, layer in layers:
        for section, values in layer.items():
            if section not in data or not isinstance(values, Mapping):
                raise ConfigError(Errors.E003.format(key=section, path=where, section="", known=", ".join(data)))
            for key, value in values.items():
                if key not in data[section]:
                    raise ConfigError(Errors.E003.format(
                        key=key, path=where, section=section, known=", ".join(data[section])))
                default = data[section][key]
                ok = isinstance(value, type(default)) or (isinstance(default, float) and isinstance(value, int))
                if isinstance(default, bool) != isinstance(value, bool):
                    ok = False
                if not ok:
                    raise ConfigError(Errors.E004.format(
                        key=f"{section}.{key}", path=where, expected=type(default).__name__, got=value))
                _check_value(section, key, value, where)
                data[section][key] = value
    return Config(data=data, source=str(path) if path is not None else None)
