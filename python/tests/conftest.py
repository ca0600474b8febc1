"""What the Python tests share: the repository's samples, the command line to compare with,
and the comparison of findings."""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def cli_binary() -> Path:
    """The command line built from this checkout (HYOKA_BIN, else the release build, made
    here if need be)."""
    if os.environ.get("HYOKA_BIN"):
        return Path(os.environ["HYOKA_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    exe = target / "release" / "hyoka"
    if not exe.exists():
        subprocess.run(["cargo", "build", "--release", "--bin", "hyoka"], cwd=REPO, check=True)
    return exe


def run_cli(args, cwd, out) -> dict:
    """Runs the command line; its report.json."""
    subprocess.run([str(cli_binary()), *map(str, args), "--out", str(out), "--progress", "never"],
                   cwd=cwd, check=False, capture_output=True)
    return json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))


FINDING_KEY = ("severity", "code", "file", "sheet", "cell", "field", "field_label",
               "fiscal_year", "expected", "actual", "message", "hint")


def finding_counts(rows) -> collections.Counter:
    """Findings as a multiset of what a reader sees of each."""
    return collections.Counter(tuple(r.get(k) for k in FINDING_KEY) for r in rows)


FILE_KEY = ("path", "status", "reason", "errors", "warnings", "infos", "department", "form")


def file_rows(rows) -> list:
    return sorted(tuple(r.get(k) for k in FILE_KEY) for r in rows)


@pytest.fixture
def submissions(tmp_path) -> Path:
    """The samples as a folder a round sends, plus what goes wrong across files: one workbook
    sent twice under another name in a 課's folder (the same file twice, the same project
    number twice)."""
    root = tmp_path / "提出"
    shutil.copytree(SAMPLES, root)
    (root / "広報課").mkdir()
    shutil.copy(root / "広報課_広報活動事業.xlsx", root / "広報課" / "広報活動事業_再提出.xlsx")
    return root
