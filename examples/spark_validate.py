#!/usr/bin/env python3
"""hyoka on Spark: check every workbook under INPUT and write the findings, the observations
and the files as Parquet under OUTPUT, partitioned like the command line's dataset
(municipality=…/fiscal_year=…).

    python examples/spark_validate.py 提出/ out/ --master local[2]
    spark-submit examples/spark_validate.py hdfs:///提出/ hdfs:///hyoka/   (see the README)

1. Spark's binaryFile source reads the workbooks; each task checks its rows with
   ``hyoka.validate_bytes`` through ``mapInArrow`` (the checks across files left out), and
   hands back its tables as Arrow IPC, written once to OUTPUT/checked.staging and split from there
   into the tables (removed at the end).
2. The checks across files run afterwards over the tasks' ``facts``: Spark joins them into the
   groups that can meet (one project number and year, one content, the names a policy lists
   and the sheets of those names) and ``hyoka.findings_across`` words each municipality's
   groups, so the findings equal one ``hyoka validate`` over the same files.
3. Each file's counts and status take in the findings across files, as the command line's do.

Every file is named as the command line names a file it found under INPUT (INPUT as typed,
then the path below it), so the two can be compared row by row.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from urllib.parse import unquote, urlparse

import pyarrow as pa
import hyoka

TABLES = ("findings", "observations", "files")


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="hyoka on Spark: findings, observations and files of every workbook under INPUT, as Parquet under OUTPUT"
    )
    p.add_argument("input", help="folder of workbooks (searched recursively), local or any Hadoop file system")
    p.add_argument("output", help="folder for findings/, observations/ and files/ (replaced)")
    p.add_argument("--master", help="Spark master, e.g. local[2]; default: what spark-submit gives")
    p.add_argument("--municipality", help="the municipality column (one municipality's files)")
    p.add_argument(
        "--municipality-from-folder",
        action="store_true",
        help="each first folder under INPUT is a municipality (a prefecture's or the country's files); the checks across files stay within one",
    )
    p.add_argument("--year", help="the submission year, as hyoka validate --year")
    p.add_argument("--spec", action="append", default=[], help="a form spec file (repeatable), as hyoka --spec")
    p.add_argument("--templates", help="folder of form specs, as hyoka --templates")
    p.add_argument("--lang", choices=["ja", "en"], default="ja")
    p.add_argument(
        "--files-per-batch",
        type=int,
        default=64,
        help="workbooks handed to one validate_bytes call (Arrow batch size of the binaryFile rows)",
    )
    p.add_argument("--jobs", type=int, default=1, help="threads of one validate_bytes call (Spark runs a task per core already)")
    return p.parse_args(argv)


def local_path(uri: str) -> str:
    """A binaryFile path (file:/…, hdfs://…/…) as a path below the file system's root."""
    u = urlparse(uri)
    return unquote(u.path) if u.scheme else uri


def relative_name(uri: str, root: str) -> str:
    """The path below INPUT, '/'-separated."""
    path = local_path(uri)
    return os.path.relpath(path, root).replace(os.sep, "/")


def main(argv=None) -> int:
    a = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession, Window
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    builder = SparkSession.builder.appName("hyoka validate")
    if a.master:
        builder = builder.master(a.master)
    spark = (
        builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(a.files_per_batch))
        .config("spark.ui.showConsoleProgress", "false")
        # Workbooks are small: Spark's default open cost (4 MB a file) cut 10,000 of them
        # into 313 tasks of 32; a quarter of a megabyte lets a task take more.
        .config("spark.sql.files.openCostInBytes", "262144")
        .config("spark.sql.sources.partitionOverwriteMode", "static")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")

    shown_root = a.input
    root = local_path(a.input) if "://" in a.input or a.input.startswith("file:") else os.path.abspath(a.input)
    options = dict(
        spec=a.spec or None,
        templates=a.templates,
        year=a.year,
        lang=a.lang,
        jobs=a.jobs,
    )
    # The tables' schemas, from a call over nothing.
    empty = hyoka.validate_bytes([], **options)
    schemas = {t: empty.table(t).schema for t in TABLES + ("facts",)}
    by_folder = a.municipality_from_folder
    fixed_municipality = a.municipality

    def check(batches):
        """One task: its workbooks checked, each table as one Arrow IPC row."""
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content").to_pylist()
            groups = {}
            for uri, content in zip(paths, contents):
                rel = relative_name(uri, root)
                name = os.path.join(shown_root, rel)
                m = fixed_municipality
                if by_folder:
                    m = rel.split("/", 1)[0] if "/" in rel else None
                groups.setdefault(m, []).append((name, content))
            for m, items in groups.items():
                r = hyoka.validate_bytes(items, municipality=m, across_files=False, **options)
                kinds, payloads = [], []
                for t in TABLES + ("facts",):
                    sink = pa.BufferOutputStream()
                    table = r.table(t)
                    with pa.ipc.new_stream(sink, table.schema) as w:
                        w.write_table(table)
                    kinds.append(t)
                    payloads.append(sink.getvalue().to_pybytes())
                yield pa.RecordBatch.from_arrays(
                    [pa.array(kinds, pa.string()), pa.array(payloads, pa.binary())],
                    names=["table", "ipc"],
                )

    workbooks = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(a.input)
        .select("path", "content")
    )
    # Each workbook is checked once: the tasks' tables are written to a staging folder first,
    # and every table after is read from there (a cached DataFrame may be computed again).
    out = a.output.rstrip("/")
    staging = f"{out}/checked.staging"
    started = time.monotonic()
    workbooks.mapInArrow(check, "table string, ipc binary").write.mode("overwrite").parquet(staging)
    checked = spark.read.parquet(staging)
    lap = {"checked": time.monotonic() - started}

    def table_of(name):
        schema = schemas[name]

        def unpack(batches):
            for batch in batches:
                for payload in batch.column("ipc").to_pylist():
                    for b in pa.ipc.open_stream(payload).read_all().to_batches():
                        yield b

        return checked.filter(F.col("table") == name).select("ipc").mapInArrow(
            unpack, from_arrow_schema(schema)
        )

    findings = table_of("findings")
    observations = table_of("observations")
    files = table_of("files")
    facts = table_of("facts").persist()

    # Worked out once (eagerly, lineage cut): the findings write and the files write both use it.
    t = time.monotonic()
    across = findings_across_files(spark, facts, schemas["findings"], a).localCheckpoint()
    lap["across files"] = time.monotonic() - t
    findings = findings.unionByName(across)
    files = with_findings_across(files, across)

    for name, df in (("findings", findings), ("observations", observations), ("files", files)):
        t = time.monotonic()
        df.write.mode("overwrite").partitionBy("municipality", "fiscal_year").parquet(f"{out}/{name}")
        lap[name] = time.monotonic() - t
    n = {name: spark.read.parquet(f"{out}/{name}").count() for name in TABLES}
    remove(spark, staging)
    print("hyoka spark: " + ", ".join(f"{k} {v:.1f} s" for k, v in lap.items()), file=sys.stderr)
    print(
        f"hyoka spark: {n['files']} files, {n['findings']} findings, {n['observations']} observations → {out}",
        file=sys.stderr,
    )
    spark.stop()
    return 0


def remove(spark, path):
    """Deletes a folder on whatever file system Spark writes to."""
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(p, True)


def findings_across_files(spark, facts, findings_schema, a):
    """The checks across files as joins over the facts, each municipality's groups worded by
    hyoka.findings_across."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    kind = F.col("kind")
    # Joined on `m`, the municipality with none as "": a join never matches null to null.
    columns = facts.columns
    facts = facts.withColumn("m", F.coalesce("municipality", F.lit("")))
    # The same project number and year in two sheets.
    ids = facts.filter(kind == "project-id").withColumn("y", F.coalesce("fiscal_year", F.lit(0)))
    twice = ids.groupBy("m", "form", "key", "y").count().filter("count > 1").drop("count")
    projects = ids.join(twice, ["m", "form", "key", "y"], "left_semi").drop("y")
    # The same bytes under two names.
    content = facts.filter(kind == "content")
    same = content.groupBy("m", "key", "size").count().filter("count > 1").drop("count")
    contents = content.join(same, ["m", "key", "size"], "left_semi")
    # A policy's records, where the form they link to is in the run, and the sheets they name.
    targets = facts.filter(kind == "link-target")
    present = targets.select("m", F.col("form").alias("target")).distinct()
    records = facts.filter(kind.isin("link-record", "link-value")).join(
        present, ["m", "target"], "left_semi"
    )
    names = records.filter(kind == "link-record").select(
        "m", F.col("target").alias("form"), "key"
    ).distinct()
    named = targets.join(names, ["m", "form", "key"], "left_semi")
    # The first sheet of each linked form in run order: the run has that form, whatever the names.
    first = Window.partitionBy("m", "form").orderBy("file", "sheet_index")
    witness = targets.withColumn("r", F.dense_rank().over(first)).filter("r = 1").drop("r")
    groups = (
        projects.select(columns + ["m"])
        .unionByName(contents.select(columns + ["m"]))
        .unionByName(records.select(columns + ["m"]))
        .unionByName(named.select(columns + ["m"]))
        .unionByName(witness.select(columns + ["m"]))
        .distinct()
    )
    spec, templates, lang = a.spec or None, a.templates, a.lang

    def word(table):
        return hyoka.findings_across(table, spec=spec, templates=templates, lang=lang)

    return groups.groupBy("m").applyInArrow(word, from_arrow_schema(findings_schema))


def with_findings_across(files, across):
    """Each file's counts and status with the findings across files in them."""
    from pyspark.sql import functions as F

    sev = F.col("severity")
    extra = across.groupBy(F.col("municipality").alias("m"), F.col("file").alias("f")).agg(
        F.sum(F.when(sev == "error", 1).otherwise(0)).cast("long").alias("e"),
        F.sum(F.when(sev == "warning", 1).otherwise(0)).cast("long").alias("w"),
        F.sum(F.when(sev == "info", 1).otherwise(0)).cast("long").alias("i"),
    )
    joined = files.join(
        extra,
        (files["path"] == extra["f"]) & files["municipality"].eqNullSafe(extra["m"]),
        "left",
    )
    errors = F.col("errors") + F.coalesce("e", F.lit(0))
    return (
        joined.withColumn(
            "status",
            F.when((F.col("status") == "accepted") & (errors > 0), F.lit("with_errors")).otherwise(
                F.col("status")
            ),
        )
        .withColumn("errors", errors)
        .withColumn("warnings", F.col("warnings") + F.coalesce("w", F.lit(0)))
        .withColumn("infos", F.col("infos") + F.coalesce("i", F.lit(0)))
        .select(files.columns)
    )


if __name__ == "__main__":
    sys.exit(main())
