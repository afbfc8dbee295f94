"""Floor of `people list --json`: the same rows, as the same JSON text, with the stdlib only.

python benchmarks/floors/people_json.py DB > people.json
"""

import json
import sqlite3
import sys
from datetime import UTC, datetime

SQL = """
SELECT p.id, p.name, p.email, p.title, p.unit, p.layer, p.manager_id, boss.name,
       p.version, p.created_at, p.updated_at
FROM person p LEFT JOIN person boss ON boss.id = p.manager_id
"""
KEYS = ("id", "name", "email", "title", "unit", "layer", "manager_id", "manager_name",
        "version", "created_at", "updated_at")  # fmt: skip
DANISH = str.maketrans({"æ": "{0", "ä": "{0", "ø": "{1", "ö": "{1", "å": "{2"})


def moment(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()


def main():
    connection = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    rows = [
        dict(zip(KEYS, (*row[:9], moment(row[9]), moment(row[10])), strict=True))
        for row in connection.execute(SQL)
    ]
    connection.close()
    rows.sort(key=lambda row: (row["name"].lower().translate(DANISH), row["id"]))
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


main()
