"""A store writer run as a separate process by the concurrency tests (not a test module).

usage: python writer.py DB RECORD.json TAG N loop|hang
Prints "ready" and waits for a line on stdin (a start barrier); then ``loop`` records N distinct
results one per transaction, and ``hang`` inserts one inside an open transaction, prints
"inserted" and waits forever on stdin, to be killed mid-transaction.
"""

from __future__ import annotations

import copy
import json
import sys

from eipassess.history.records import add, record_result
from eipassess.history.store import Store


def variant(record: dict, tag: str) -> dict:
    """Return a copy of ``record`` as a different round."""
    out = copy.deepcopy(record)
    out["round"]["id"] = tag
    return out


def main() -> None:
    """Run the writer."""
    db, path, tag, n, mode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    with open(path, encoding="utf-8") as fh:
        record = json.load(fh)
    print("ready", flush=True)
    sys.stdin.readline()
    if mode == "loop":
        for i in range(n):
            record_result(variant(record, f"{tag}-{i:03d}"), db)
        print("done", flush=True)
        return
    store = Store(db)
    with store.session(write=True) as conn:
        add(conn, variant(record, f"{tag}-hang"))
        print("inserted", flush=True)
        sys.stdin.readline()  # killed here, inside the open transaction


if __name__ == "__main__":
    main()
