"""`ls` output: a rich table on a terminal, else csv / json / jsonl / parquet (core `medannot.core.tables`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from medannot.cli._errors import Unsupported


def emit(items: Iterable[Any], fmt: str, output: str | None) -> int:
    from medannot.core import tables

    rows = (tables.record(item) for item in items)
    if fmt == "table":
        return _rich(list(rows), output)
    if fmt not in tables.FORMATS:
        from medannot.errors import BadInput

        raise BadInput(f"--format must be table, {', '.join(tables.FORMATS)}; not {fmt!r}")
    if fmt == "parquet":
        if not tables.parquet_available():
            raise Unsupported("--format parquet needs pyarrow: pip install 'medannot[tables]' (or pyarrow)")
        if output is None and sys.stdout.isatty():
            from medannot.errors import BadInput

            raise BadInput("parquet is binary: pass --output FILE.parquet (or redirect stdout)")
        if output is None:
            count = tables.write_table(rows, "parquet", "", binary_out=sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return count
        return tables.write_table(rows, "parquet", output)
    return tables.write_table(rows, fmt, output if output is not None else sys.stdout)


def _rich(rows: list[dict[str, Any]], output: str | None) -> int:
    from medannot.core import tables

    if output is not None or not sys.stdout.isatty():  # not a terminal: csv, which pipes well
        return tables.write_table(rows, "csv", output if output is not None else sys.stdout)
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    names = tables.columns(rows)
    for name in names:
        table.add_column(name)
    for row in rows:
        table.add_row(*("" if row.get(n) is None else str(row.get(n)) for n in names))
    Console().print(table)
    Console(stderr=True).print(f"{len(rows)} rows")
    return len(rows)
