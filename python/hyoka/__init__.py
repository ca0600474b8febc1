"""hyoka (評価): check and consolidate Japanese municipal evaluation workbooks from Python.

The same run as the ``hyoka`` command line (its Rust pipeline, not a second implementation),
answered as ``pyarrow.Table`` objects built in Rust and handed over without a copy::

    import hyoka
    r = hyoka.validate(["提出/"], year="令和6年度")
    r.findings          # every finding, with its file, sheet and cell
    r.observations      # the long table, as consolidated.csv and the Parquet dataset hold it
    r.files             # every input with its status and the reason it was not read
    r.to_polars()       # the findings as a Polars DataFrame (to_pandas() likewise)

A workbook that cannot be read is a row of ``files`` (status ``rejected``, a reason),
never an exception. :class:`HyokaError` is raised for a run that cannot start (a form spec,
hyoka.toml, the year, a path that is not there), with the message in Japanese, or in
English with ``lang="en"``. The GIL is released while Rust works, and the files of one call
are read side by side on every core (``jobs=`` to limit them).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence, Tuple, Union

import pyarrow as pa

from . import _hyoka
from ._hyoka import HyokaError, __version__

__all__ = [
    "HyokaError",
    "Result",
    "Consolidated",
    "validate",
    "validate_bytes",
    "findings_across",
    "consolidate",
    "forms",
    "rules",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]

TABLES = ("findings", "observations", "files", "facts")


def _paths(value, what: str) -> list:
    """One path or many, as the command line takes them."""
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    try:
        return [os.fspath(v) for v in value]
    except TypeError:
        raise TypeError(f"{what}: a path or a list of paths, not {type(value).__name__}") from None


def _path(value) -> Optional[str]:
    return None if value is None else os.fspath(value)


@dataclass(frozen=True)
class Result:
    """What a run made of its inputs, as four Arrow tables.

    ``findings``, ``observations`` and ``files`` are described in the README; ``facts`` holds
    what the checks across files read (for joining the facts of many calls, as the Spark job
    does).
    """

    findings: pa.Table
    observations: pa.Table
    files: pa.Table
    facts: pa.Table

    def table(self, name: str) -> pa.Table:
        if name not in TABLES:
            raise ValueError(f"table is one of {', '.join(TABLES)}, not {name!r}")
        return getattr(self, name)

    def to_polars(self, table: str = "findings"):
        """A table (the findings unless named) as a Polars DataFrame (zero-copy where Polars can)."""
        import polars as pl

        return pl.from_arrow(self.table(table))

    def to_pandas(self, table: str = "findings"):
        """A table (the findings unless named) as a pandas DataFrame."""
        return self.table(table).to_pandas()

    @property
    def totals(self) -> dict:
        """Files by status and findings by severity, as report.json's totals count them."""
        status = self.files.column("status").to_pylist()
        severity = self.findings.column("severity").to_pylist()
        return {
            "files": len(status),
            "accepted": status.count("accepted"),
            "with_errors": status.count("with_errors"),
            "rejected": status.count("rejected"),
            "ignored": status.count("ignored"),
            "errors": severity.count("error"),
            "warnings": severity.count("warning"),
            "infos": severity.count("info"),
        }

    def __repr__(self) -> str:
        t = self.totals
        return (
            f"<hyoka.Result: {t['files']} files ({t['accepted']} accepted, "
            f"{t['with_errors']} with errors, {t['rejected']} rejected), "
            f"{self.findings.num_rows} findings ({t['errors']} errors, {t['warnings']} warnings), "
            f"{self.observations.num_rows} observations>"
        )


def _run_options(spec, templates, year, departments, config, lang, municipality, across_files, jobs):
    """The options after the inputs, in the order the Rust functions take them."""
    return (
        _paths(spec, "spec"),
        _path(templates),
        year,
        _path(departments),
        _path(config),
        lang,
        municipality,
        across_files,
        jobs,
    )


def validate(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    spec: Union[PathLike, Iterable[PathLike], None] = None,
    templates: Optional[PathLike] = None,
    year: Optional[str] = None,
    departments: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    lang: str = "ja",
    municipality: Optional[str] = None,
    across_files: bool = True,
    jobs: Optional[int] = None,
) -> Result:
    """Check workbooks and folders (searched recursively) as ``hyoka validate`` does.

    ``spec``, ``templates``, ``year``, ``departments`` and ``config`` are the command line's
    ``--spec``, ``--templates``, ``--year``, ``--departments`` and ``--config``;
    ``municipality`` fills the ``municipality`` column; ``across_files=False`` leaves out the
    checks across files (the Spark job runs them over every partition's ``facts``).
    """
    options = _run_options(spec, templates, year, departments, config, lang, municipality, across_files, jobs)
    return Result(*_hyoka.validate(_paths(paths, "paths"), *options))


def validate_bytes(
    items: Iterable[Tuple[str, bytes]],
    *,
    spec: Union[PathLike, Iterable[PathLike], None] = None,
    templates: Optional[PathLike] = None,
    year: Optional[str] = None,
    departments: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    lang: str = "ja",
    municipality: Optional[str] = None,
    across_files: bool = True,
    jobs: Optional[int] = None,
) -> Result:
    """Check workbooks already in memory: ``items`` is ``[(name, bytes), …]``; the options
    are ``validate``'s.

    A name is shown as a file's path would be, and its folders give the 課 as a file's do
    (``"総務課/事業.xlsx"``). The same limits apply as to files on disk.
    """
    pairs = []
    for item in items:
        try:
            name, content = item
        except (TypeError, ValueError):
            raise TypeError("items: (name, bytes) pairs") from None
        if isinstance(content, memoryview):
            content = content.tobytes()
        pairs.append((str(name), content))
    options = _run_options(spec, templates, year, departments, config, lang, municipality, across_files, jobs)
    return Result(*_hyoka.validate_bytes(pairs, *options))


def findings_across(
    facts,
    *,
    spec: Union[PathLike, Iterable[PathLike], None] = None,
    templates: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    lang: str = "ja",
) -> pa.Table:
    """The findings across files of a ``facts`` table (the ``facts`` of many calls, stacked
    or joined): the same findings one call over all those files adds."""
    return _hyoka.findings_across(
        facts, _paths(spec, "spec"), _path(templates), _path(config), lang
    )


@dataclass(frozen=True)
class Consolidated:
    """What ``consolidate`` wrote: the folder, the command line's exit code (0: no errors,
    1: errors found) and report.json's totals."""

    out: Path
    exit_code: int
    totals: dict


def consolidate(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    out: PathLike,
    spec: Union[PathLike, Iterable[PathLike], None] = None,
    templates: Optional[PathLike] = None,
    year: Optional[str] = None,
    departments: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    lang: str = "ja",
    municipality: Optional[str] = None,
    parquet: Union[bool, PathLike] = False,
    csv_encoding: Optional[str] = None,
    annotate: Optional[PathLike] = None,
    jobs: Optional[int] = None,
) -> Consolidated:
    """Write what ``hyoka consolidate PATHS --out OUT`` writes (reports, feedback, the unified
    workbook, consolidated.csv; the Parquet dataset with ``parquet=True`` or a folder)."""
    extra = []
    if parquet is True:
        extra.append("--parquet")
    elif parquet:
        extra += ["--parquet-dir", os.fspath(parquet)]
    if csv_encoding:
        extra += ["--csv-encoding", csv_encoding]
    if annotate is not None:
        extra += ["--annotate", os.fspath(annotate)]
    code = _hyoka.consolidate(
        _paths(paths, "paths"),
        os.fspath(out),
        extra,
        _paths(spec, "spec"),
        _path(templates),
        year,
        _path(departments),
        _path(config),
        lang,
        municipality,
        jobs,
    )
    out = Path(out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return Consolidated(out=out, exit_code=code, totals=report["totals"])


def forms(
    *,
    spec: Union[PathLike, Iterable[PathLike], None] = None,
    templates: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    lang: str = "ja",
) -> pa.Table:
    """The forms a run reads with (./templates, or the built-in ones): id, name, spec file,
    blocks and their layouts."""
    return _hyoka.forms(_paths(spec, "spec"), _path(templates), _path(config), lang)


def rules(
    *,
    spec: Union[PathLike, Iterable[PathLike], None] = None,
    templates: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    lang: str = "ja",
) -> pa.Table:
    """Every finding code, as ``hyoka rules`` lists them: code, severity, summary, and the
    form and spec file of the codes a spec defines."""
    return _hyoka.rules(_paths(spec, "spec"), _path(templates), _path(config), lang)
