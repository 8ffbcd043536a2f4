"""Issue 17, the output folder: nothing the user keeps is deleted, and a killed commit loses no dataset.

Each test reproduces one attack of the hostile-input test: a folder that only
looks like a dataset, a user's file inside a dataset, a symbolic link as
``--out``, a run killed at every step of the commit (atomic exchange and the
two-rename fallback).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from curation.errors import DatasetError
from curation.write import MANIFEST, STAGING_PREFIX, dataset_manifest, open_staging
from tests.conftest import ROOT

# Writes a dataset of empty tables whose manifest says which run wrote it ("tag").
_WRITER = """
import sys
from pathlib import Path
from curation.write import DATASET_FORMAT, write_dataset
from schemas import TABLES
from schemas.arrow import arrow_schema
tables = {name: arrow_schema(decl).empty_table() for name, decl in TABLES.items()}
write_dataset(Path(sys.argv[1]), tables, {"dataset_format": DATASET_FORMAT, "tag": sys.argv[2]})
"""


def _write(out: Path, tag: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WRITER, str(out), tag], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def _tag(out: Path) -> str | None:
    manifest = dataset_manifest(out)
    if manifest is None:
        return None
    for rel, _ in manifest["files"].items():  # every listed file is there: the dataset is complete
        assert (out / rel).is_file(), rel
    return str(manifest["tag"])


def test_a_folder_with_someone_elses_manifest_is_not_replaced(tmp_path: Path) -> None:
    app = tmp_path / "webapp"
    app.mkdir()
    (app / MANIFEST).write_text('{"name": "my extension", "version": "1.0"}', encoding="utf-8")
    (app / "index.html").write_text("<p>keep me</p>", encoding="utf-8")
    proc = _write(app, "new")
    assert proc.returncode != 0 and "E042" in proc.stderr and "not written by curate" in proc.stderr
    assert (app / "index.html").read_text(encoding="utf-8") == "<p>keep me</p>"
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


@pytest.mark.parametrize("manifest", ["{trunc", "[1, 2]", "", '{"dataset_format": "other/1", "files": {}}'])
def test_a_broken_or_foreign_manifest_is_not_a_dataset(tmp_path: Path, manifest: str) -> None:
    out = tmp_path / "ds"
    out.mkdir()
    (out / MANIFEST).write_text(manifest, encoding="utf-8")
    with pytest.raises(DatasetError, match="E042"):
        open_staging(out)
    assert (out / MANIFEST).read_text(encoding="utf-8") == manifest


def test_a_users_file_inside_a_dataset_stops_the_run(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    assert _write(out, "first").returncode == 0
    notebook = out / "events" / "analysis.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    proc = _write(out, "second")
    assert proc.returncode != 0 and "E043" in proc.stderr and "events/analysis.ipynb" in proc.stderr
    assert notebook.exists() and _tag(out) == "first"
    notebook.unlink()
    assert _write(out, "second").returncode == 0 and _tag(out) == "second"


def test_an_out_given_as_a_symlink_is_written_where_it_points(tmp_path: Path) -> None:
    real = tmp_path / "real"
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert _write(link, "first").returncode == 0
    assert link.is_symlink() and _tag(real) == "first"
    assert _write(link, "second").returncode == 0
    assert link.is_symlink() and _tag(real) == "second"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_a_stale_staging_symlink_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    stale = tmp_path / f"{STAGING_PREFIX}ds-999999999"
    stale.symlink_to(tmp_path / "nowhere")
    assert _write(out, "first").returncode == 0
    assert not stale.is_symlink() and _tag(out) == "first"


@pytest.mark.parametrize(("exchange", "step"), [
    ("exchange", "staged"), ("exchange", "swapped"),  # the atomic exchange has no set-aside step
    ("fallback", "staged"), ("fallback", "set_aside"), ("fallback", "swapped"),
])
def test_a_run_killed_at_any_commit_step_leaves_one_complete_dataset(tmp_path: Path, exchange: str,
                                                                     step: str) -> None:
    out = tmp_path / "ds"
    assert _write(out, "old").returncode == 0
    env = {"CURATION_TEST_KILL_AT": step}
    if exchange == "fallback":
        env["CURATION_TEST_NO_EXCHANGE"] = "1"
    killed = _write(out, "new", **env)
    assert killed.returncode == -9, killed.stderr
    # What a reader sees right after the kill: the old or the new dataset, complete, or (only between the
    # fallback's two renames) nothing yet, with the old one set aside for the next run to put back.
    seen = _tag(out)
    if step == "set_aside":
        assert seen is None and [p for p in tmp_path.iterdir() if "-old-" in p.name]
    else:
        assert seen == ("old" if step == "staged" else "new")
    nothing_yet = _write(tmp_path / "elsewhere", "x")  # an unrelated run does not touch it
    assert nothing_yet.returncode == 0
    assert _write(out, "newer").returncode == 0
    assert _tag(out) == "newer"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_the_set_aside_dataset_is_restored_before_anything_is_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    assert _write(out, "old").returncode == 0
    killed = _write(out, "new", CURATION_TEST_KILL_AT="set_aside", CURATION_TEST_NO_EXCHANGE="1")
    assert killed.returncode == -9
    open_staging(out)  # what the next run does first
    assert _tag(out) == "old"

