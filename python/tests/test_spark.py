"""examples/spark_validate.py in Spark's local mode against the command line on the same files."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from conftest import REPO, file_rows, finding_counts, run_cli

JOB = REPO / "examples" / "spark_validate.py"


def spark_missing():
    if importlib.util.find_spec("pyspark") is None:
        return "SKIPPED: pyspark is not installed (.ci/run installs it from PyPI)"
    if shutil.which("java") is None:
        return "SKIPPED: no Java runtime (.ci/run installs openjdk-17-jre-headless)"
    return None


pytestmark = pytest.mark.skipif(spark_missing() is not None, reason=str(spark_missing()))


def read(folder):
    """A table the job wrote, its partition columns typed as the job wrote them."""
    partitioning = ds.partitioning(
        pa.schema([("municipality", pa.string()), ("fiscal_year", pa.int32())]), flavor="hive"
    )
    return ds.dataset(folder, format="parquet", partitioning=partitioning).to_table()


def test_spark_job_writes_the_command_lines_findings(submissions, tmp_path):
    cwd = submissions.parent
    report = run_cli(["validate", "提出"], cwd, tmp_path / "cli")
    codes = {f["code"] for f in report["findings"]}
    assert {"duplicate-file", "duplicate-project", "cross-form-mismatch"} <= codes
    out = tmp_path / "spark"
    done = subprocess.run(
        [sys.executable, str(JOB), "提出", str(out), "--master", "local[2]"],
        cwd=cwd, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    findings = read(out / "findings")
    assert finding_counts(findings.to_pylist()) == finding_counts(report["findings"])
    files = read(out / "files")
    assert file_rows(files.to_pylist()) == file_rows(report["files"])
    observations = read(out / "observations")
    assert observations.num_rows > 10_000
    # Partitioned as the command line's dataset: municipality=…/fiscal_year=…/
    parts = {p.relative_to(out / "observations").parts[:2] for p in (out / "observations").rglob("*.parquet")}
    assert ("municipality=__HIVE_DEFAULT_PARTITION__", "fiscal_year=2024") in parts


def test_spark_job_keeps_municipalities_apart(submissions, tmp_path):
    """With a folder per municipality, the same workbook in two towns is no duplicate."""
    root = tmp_path / "全国"
    root.mkdir()
    for town in ("二宮町", "大磯町"):
        shutil.copytree(submissions / "広報課", root / town / "広報課")
        shutil.copy(submissions / "職員課_職員育成推進事業.xlsx", root / town)
    out = tmp_path / "spark"
    done = subprocess.run(
        [sys.executable, str(JOB), str(root), str(out), "--master", "local[2]", "--municipality-from-folder"],
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    findings = read(out / "findings").to_pylist()
    towns = {f["municipality"] for f in read(out / "files").to_pylist()}
    assert towns == {"二宮町", "大磯町"}
    # Within a town nothing is sent twice; across towns the same bytes are no finding.
    assert not [f for f in findings if f["code"] in ("duplicate-file", "duplicate-project")]
