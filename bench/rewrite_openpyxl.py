#!/usr/bin/env python3
"""The bench's second writer: every workbook of SRC opened and saved again by openpyxl into
DST, under the same name. openpyxl writes its own parts (shared strings, styles, merged
ranges, formulas), so hyoka is timed on files another program wrote, not only on its own.

usage: rewrite_openpyxl.py SRC DST
"""
import os
import sys
from multiprocessing import Pool

from openpyxl import load_workbook


def rewrite(job):
    src, dst = job
    wb = load_workbook(src)
    wb.save(dst)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    jobs = [
        (os.path.join(src, n), os.path.join(dst, n))
        for n in sorted(os.listdir(src))
        if n.endswith(".xlsx")
    ]
    with Pool(os.cpu_count() or 2) as pool:
        pool.map(rewrite, jobs, chunksize=16)
    print(f"{len(jobs)} workbooks rewritten by openpyxl into {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
