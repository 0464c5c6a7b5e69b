#!/usr/bin/env python3
"""Prints the CUDA cell text (`Cuda.CellFunctions`) of a generated cell, taken from its generator snapshot
(tests/FlashRnn.Gen.Tests/Snapshots/NAME.verified.g.cs), for the template tools' --cell-source.

Usage: python3 templates/tools/snapshot_cell.py tests/FlashRnn.Gen.Tests/Snapshots/SLstm.verified.g.cs > slstm.cuh"""
import sys

MARK = 'public const string CellFunctions = """'


def cell_text(snapshot_text):
    start = snapshot_text.index(MARK) + len(MARK)
    end = snapshot_text.index('""";', start)
    lines = snapshot_text[start:end].split("\n")[1:]
    closing = snapshot_text[snapshot_text.rindex("\n", 0, end) + 1:end]  # the raw literal's indentation
    return "\n".join(line[len(closing):] for line in lines).rstrip() + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(cell_text(f.read()))
