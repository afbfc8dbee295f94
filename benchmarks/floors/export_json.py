"""Floor of `export`: every table dumped to one JSON document, with the stdlib only.

    python benchmarks/floors/export_json.py DB OUT

The same document as `pipeline-tui export` (tables, rows by id, one row per line,
timestamps as ISO 8601 in UTC, flags as true/false, JSON columns as JSON), written
the plainest way: one `json.dumps` per row.
"""

import json
import sqlite3
import sys

# The exported tables, in the order of the export (copy_made and invitation are not exported).
TABLES = ("person", "content_snapshot", "conversation", "rating", "card_pick", "plan", "goal",
          "action", "erasure", "feedback_rater", "feedback_answer")  # fmt: skip


def converter(kind):
    kind = kind.upper()
    if kind == "DATETIME":  # stored as "2026-11-23 10:00:00.000000", exported in ISO 8601
        return lambda v: (
            None if v is None else v.replace(" ", "T").removesuffix(".000000") + "+00:00"
        )
    if kind == "BOOLEAN":
        return lambda v: None if v is None else bool(v)
    if kind == "JSON":
        return lambda v: None if v is None else json.loads(v)
    return None


def main():
    connection = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    head = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write('{\n  "format": "pipeline-tui-export",\n  "format_version": 1,\n')
        out.write(f'  "schema_revision": "{head}",\n  "tables": {{\n')
        for index, table in enumerate(TABLES):
            columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
            names = [c[1] for c in columns]
            convert = [(i, f) for i, c in enumerate(columns) if (f := converter(c[2]))]
            out.write(f'    "{table}": [')
            first = True
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY id'):
                row = list(row)
                for i, f in convert:
                    row[i] = f(row[i])
                line = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
                out.write(("\n" if first else ",\n") + "      " + line)
                first = False
            last = index == len(TABLES) - 1
            out.write(("]" if first else "\n    ]") + ("" if last else ",") + "\n")
        out.write("  }\n}\n")
    connection.close()


main()
