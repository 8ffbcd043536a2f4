"""Exit status of ``curate run`` follows the validation of what it wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from curation import pipeline
from curation.cli import EXIT_FAIL, EXIT_OK, main


@pytest.mark.parametrize(("validation", "expected"), [
    ({}, EXIT_OK),
    ({"success": True, "passes_after_quarantine": False}, EXIT_OK),
    ({"success": False, "passes_after_quarantine": True}, EXIT_OK),
    ({"success": False, "passes_after_quarantine": False, "report": "validation/report.html"}, EXIT_FAIL),
])
def test_run_exit_status_follows_validation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            validation: dict[str, Any], expected: int) -> None:
    def fake_run(*_args: Any, **_kwargs: Any) -> pipeline.RunSummary:
        return pipeline.RunSummary(out=tmp_path, manifest={"validation": validation} if validation else {})

    monkeypatch.setattr(pipeline, "run", fake_run)
    src = tmp_path / "a.txt"
    src.write_text("Some text long enough to be an article.", encoding="utf-8")
    assert main(["run", str(src), "--out", str(tmp_path / "ds"), "--quiet", "--workers", "1"]) == expected
    if expected == EXIT_FAIL:
        assert "fails validation" in capsys.readouterr().err
