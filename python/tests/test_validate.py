"""hyoka.validate and validate_bytes against the command line on the same files."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import hyoka
from conftest import SAMPLES, file_rows, finding_counts, run_cli


def test_samples_give_the_command_lines_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    report = run_cli(["validate", "samples"], SAMPLES.parent, tmp_path / "out")
    r = hyoka.validate(["samples"])
    assert r.findings.num_rows == len(report["findings"]) > 0
    assert finding_counts(r.findings.to_pylist()) == finding_counts(report["findings"])
    assert file_rows(r.files.to_pylist()) == file_rows(report["files"])
    t = r.totals
    for k in ("files", "accepted", "with_errors", "rejected", "ignored", "errors", "warnings"):
        assert t[k] == report["totals"][k], k


def test_across_files_findings_equal_the_command_lines(submissions, tmp_path, monkeypatch):
    monkeypatch.chdir(submissions.parent)
    report = run_cli(["validate", "提出"], submissions.parent, tmp_path / "out")
    codes = {f["code"] for f in report["findings"]}
    # The fixture holds each check across files; without them this test would prove little.
    assert {"duplicate-file", "duplicate-project", "cross-form-mismatch"} <= codes
    r = hyoka.validate("提出")
    assert finding_counts(r.findings.to_pylist()) == finding_counts(report["findings"])
    assert file_rows(r.files.to_pylist()) == file_rows(report["files"])


def test_the_facts_checked_apart_give_the_same_findings(submissions, monkeypatch):
    """What Spark does: each part checked without the checks across files, the facts of all
    parts put together, the findings across files worded from them."""
    monkeypatch.chdir(submissions.parent)
    whole = hyoka.validate("提出")
    files = sorted(str(p.relative_to(submissions.parent)) for p in submissions.rglob("*") if p.is_file())
    parts = [files[0::2], files[1::2]]
    per_file, facts = [], []
    for part in parts:
        r = hyoka.validate_bytes([(n, Path(n).read_bytes()) for n in part], across_files=False)
        per_file += r.findings.to_pylist()
        facts.append(r.facts)
    across = hyoka.findings_across(pa.concat_tables(facts))
    assert across.num_rows >= 4
    assert finding_counts(per_file + across.to_pylist()) == finding_counts(whole.findings.to_pylist())


def workbooks_as_bytes(root: Path, shown: str):
    """Every file under root, named as the command line names what it finds there."""
    return [
        (os.path.join(shown, str(p.relative_to(root))), p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    ]


def test_validate_bytes_equals_validate(submissions, monkeypatch):
    monkeypatch.chdir(submissions.parent)
    on_disk = hyoka.validate(["提出"])
    in_memory = hyoka.validate_bytes(workbooks_as_bytes(submissions, "提出"))
    for name in ("findings", "observations", "files", "facts"):
        a, b = on_disk.table(name), in_memory.table(name)
        assert a.num_rows > 0, name
        assert a.equals(b), name


def test_a_bad_workbook_is_a_row_not_an_exception():
    r = hyoka.validate_bytes(
        [
            ("総務課/壊れた.xlsx", b"PK\x03\x04 not really a zip"),
            ("総務課/空.xlsx", b""),
            ("総務課/メモ.txt", b"hello"),
            ("総務課/~$開いている.xlsx", b"\x00" * 165),
        ]
    )
    rows = {f["path"]: f for f in r.files.to_pylist()}
    assert rows["総務課/壊れた.xlsx"]["status"] == "rejected"
    assert rows["総務課/空.xlsx"]["reason"] == "empty-file"
    assert rows["総務課/メモ.txt"]["status"] == "ignored"
    assert rows["総務課/~$開いている.xlsx"]["reason"] == "lock-file"
    assert all(f["reason_message"] for f in rows.values() if f["status"] == "rejected")


def test_a_workbook_past_the_limits_is_refused_before_it_is_parsed():
    # 101 MiB of zeros: past the 100 MiB file limit, so never handed to a parser.
    r = hyoka.validate_bytes([("大きい.xlsx", bytes(101 * 1024 * 1024))])
    row = r.files.to_pylist()[0]
    assert row["status"] == "rejected" and row["reason"] == "too-large", row


def test_errors_are_exceptions_in_the_language_asked_for(tmp_path):
    with pytest.raises(hyoka.HyokaError, match="ファイルまたはフォルダがありません"):
        hyoka.validate([tmp_path / "ない"])
    with pytest.raises(hyoka.HyokaError, match="no such file or folder"):
        hyoka.validate([tmp_path / "ない"], lang="en")
    with pytest.raises(hyoka.HyokaError, match="年度として読めません"):
        hyoka.validate([SAMPLES], year="来年")
    with pytest.raises(hyoka.HyokaError, match="as a fiscal year"):
        hyoka.validate([SAMPLES], year="next year", lang="en")
    bad_spec = tmp_path / "壊れた様式.toml"
    bad_spec.write_text("[form]\nid = 1\n", encoding="utf-8")
    with pytest.raises(hyoka.HyokaError, match="壊れた様式.toml"):
        hyoka.validate([SAMPLES], spec=bad_spec)
    with pytest.raises(ValueError, match="lang"):
        hyoka.validate([SAMPLES], lang="fr")
    with pytest.raises(TypeError):
        hyoka.validate_bytes(["not a pair"])


def test_arrow_types():
    r = hyoka.validate([SAMPLES])
    f = r.findings.schema
    assert f.field("severity").type == pa.string() and not f.field("severity").nullable
    assert f.field("fiscal_year").type == pa.int32()
    assert f.field("cells").type == pa.list_(pa.string())
    files = r.files.schema
    for c in ("sheets", "errors", "warnings", "infos", "size"):
        assert files.field(c).type == pa.int64(), c
    o = r.observations.schema
    assert o.field("value").type == pa.float64()
    assert o.field("fiscal_year").type == pa.int32()
    assert o.field("municipality").type == pa.string()
    # Built in Rust and handed over as Arrow, not as Python objects.
    assert isinstance(r.findings, pa.Table) and isinstance(r.observations, pa.Table)


def test_observations_have_the_parquet_datasets_columns(tmp_path):
    out = tmp_path / "out"
    code = hyoka.consolidate([SAMPLES], out=out, parquet=True, municipality="二宮町")
    assert code.exit_code == 1  # the samples hold errors on purpose
    partitioning = ds.partitioning(flavor="hive")
    dataset = ds.dataset(out / "parquet", format="parquet", partitioning=partitioning).to_table()
    r = hyoka.validate([SAMPLES], municipality="二宮町")
    assert set(dataset.schema.names) == set(r.observations.schema.names)
    for field in dataset.schema:
        if field.name not in ("municipality", "fiscal_year"):
            assert r.observations.schema.field(field.name).type == field.type, field.name
    assert dataset.num_rows == r.observations.num_rows
    key = lambda t: sorted(
        zip(t.column("source_file").to_pylist(), t.column("source_cell").to_pylist(),
            t.column("measure").to_pylist(), t.column("value").to_pylist())
    )
    assert key(dataset) == key(r.observations)


def test_consolidate_writes_what_the_command_line_writes(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    run_cli(["consolidate", "samples"], SAMPLES.parent, tmp_path / "cli")
    done = hyoka.consolidate(["samples"], out=tmp_path / "py")
    for name in ("consolidated.csv", "report.json"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert (tmp_path / "py" / "consolidated.xlsx").stat().st_size > 0
    assert done.totals["errors"] == 17 and done.exit_code == 1


def test_forms_and_rules_tables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the built-in forms, for both
    forms = hyoka.forms()
    assert "jimu-jigyo" in forms.column("form").to_pylist()
    assert "事務事業評価シート" in forms.column("name").to_pylist()
    english = hyoka.forms(lang="en").column("name").to_pylist()
    assert english != forms.column("name").to_pylist() and all(n.isascii() for n in english)
    rules = hyoka.rules()
    codes = rules.column("code").to_pylist()
    assert {"grade-mismatch", "duplicate-project", "duplicate-file", "lock-file"} <= set(codes)
    from conftest import cli_binary
    import subprocess
    listed = subprocess.run([str(cli_binary()), "rules"], capture_output=True, text=True, check=True,
                            cwd=tmp_path).stdout
    assert codes == [line.split("\t")[0] for line in listed.splitlines() if line]


def test_polars_and_pandas():
    r = hyoka.validate([SAMPLES])
    pl = r.to_polars()
    assert pl.shape == (r.findings.num_rows, r.findings.num_columns)
    pd = r.to_pandas("files")
    assert list(pd.columns) == r.files.schema.names and len(pd) == r.files.num_rows
    with pytest.raises(ValueError):
        r.to_pandas("nothing")


def test_the_gil_is_released_while_rust_works():
    """While a call works, another Python thread keeps running: its longest pause stays far
    below the call's length (with the GIL held it would pause for the whole call)."""
    items = workbooks_as_bytes(SAMPLES, "samples") * 4
    items = [(f"{i:03}/{n}", b) for i, (n, b) in enumerate(items)]
    done = threading.Event()
    took = []

    def work():
        t = time.perf_counter()
        hyoka.validate_bytes(items, jobs=1)
        took.append(time.perf_counter() - t)
        done.set()

    worker = threading.Thread(target=work)
    last, longest = time.perf_counter(), 0.0
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    assert took[0] > 0.2, f"the call took {took[0]:.3f}s: too short to tell"
    assert longest < took[0] / 4, f"longest pause {longest:.3f}s of a {took[0]:.3f}s call"


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="SKIPPED: no /proc to read memory from")
def test_no_leak_over_a_thousand_calls():
    item = [("総務課/職員育成推進事業.xlsx", (SAMPLES / "職員課_職員育成推進事業.xlsx").read_bytes())]
    for _ in range(100):
        hyoka.validate_bytes(item)
    before = rss_bytes()
    for _ in range(1000):
        r = hyoka.validate_bytes(item)
        assert r.observations.num_rows > 0
        del r
    grown = rss_bytes() - before
    # A leak of even one workbook's bytes per call (tens of KB) would pass 20 MB.
    assert grown < 20 * 1024 * 1024, f"resident memory grew {grown / 1e6:.1f} MB over 1,000 calls"
