#!/usr/bin/env python3
"""What SQLite alone does with issue 19's workload, without smstrack: 200 000 log rows, then one
update per row in random order, 1 000 per transaction, WAL with synchronous=NORMAL and the
store's cache, map and checkpoint settings. It bounds what any adapter keeping one row per log
and committing a transaction per batch can reach on a machine. Layouts (arguments):

  wide        today's table: (delivery, id) key, WITHOUT ROWID, status and address indexes
  wide_noidx  the same without the status index
  rowid       one integer key (delivery << 32 | id), address index
  rowid_swept the same with a partial index of the swept statuses
  narrow      only the mutable columns (status, reason, retries, updated, a text reference),
              the receipt texts appended to a table of their own

Usage: python3 benchmarks/sqlite_random_updates.py [layout ...]   (PAGE_SIZE=4096 by default)
"""
import os
import random
import sqlite3
import sys
import tempfile
import time

ROWS = 200_000
BATCH = 1_000
PAGE_SIZE = int(os.environ.get("PAGE_SIZE", "4096"))
TEXT = "id:%s sub:001 dlvrd:001 submit date:2412071800 done date:2412071801 stat:DELIVRD err:000 text:Hello"
WIDE = ("recipient int, address int, seed int, status int, failure_type int, reason int, retries int, "
        "updated int, provider_id text, text text")

SCHEMAS = {
    "wide": [f"create table logs(delivery int, id int, {WIDE}, primary key(delivery, id)) without rowid",
             "create index by_status on logs(delivery, status, id)", "create index by_address on logs(address)"],
    "wide_noidx": [f"create table logs(delivery int, id int, {WIDE}, primary key(delivery, id)) without rowid",
                   "create index by_address on logs(address)"],
    "rowid": [f"create table logs(k integer primary key, delivery int, id int, {WIDE})",
              "create index by_address on logs(address)"],
    "rowid_swept": [f"create table logs(k integer primary key, delivery int, id int, {WIDE})",
                    "create index by_address on logs(address)",
                    "create index swept on logs(status, k) where status < 5 and status <> 3"],
    "narrow": ["create table logs(k integer primary key, status int, reason int, retries int, updated int, text_ref int)",
               "create table texts(seq integer primary key, k int, text text)"],
}


def fill(db, layout):
    rows = ((i, 33_600_000_000 + random.randrange(10**9), "%016x" % random.getrandbits(64)) for i in range(1, ROWS + 1))
    if layout == "narrow":
        db.executemany("insert into logs values(?, 1, 0, 0, 0, null)", (((1 << 32) | i,) for i, _, _ in rows))
    elif layout.startswith("wide"):
        db.executemany("insert into logs values(1, ?, ?, ?, 0, 1, 0, 0, 0, 0, ?, null)",
                       ((i, i, address, pid) for i, address, pid in rows))
    else:
        db.executemany("insert into logs values(?, 1, ?, ?, ?, 0, 1, 0, 0, 0, 0, ?, null)",
                       (((1 << 32) | i, i, i, address, pid) for i, address, pid in rows))


def update(db, layout, batch, seq):
    if layout == "narrow":
        texts = [(seq + n, (1 << 32) | i, TEXT % i) for n, i in enumerate(batch, 1)]
        db.executemany("insert into texts values(?, ?, ?)", texts)
        db.executemany("update logs set status = 3, updated = 1, text_ref = ? where k = ? and status = 1",
                       ((t[0], t[1]) for t in texts))
    elif layout.startswith("wide"):
        db.executemany("update logs set status = 3, updated = 1, text = ? where delivery = 1 and id = ? and status = 1",
                       ((TEXT % i, i) for i in batch))
    else:
        db.executemany("update logs set status = 3, updated = 1, text = ? where k = ? and status = 1",
                       ((TEXT % i, (1 << 32) | i) for i in batch))


def run(layout):
    with tempfile.TemporaryDirectory() as directory:
        db = sqlite3.connect(os.path.join(directory, "logs.db"), isolation_level=None)
        for pragma in (f"page_size = {PAGE_SIZE}", "journal_mode = WAL", "synchronous = NORMAL",
                       "cache_size = -262144", "mmap_size = 1073741824", f"wal_autocheckpoint = {(256 << 20) // PAGE_SIZE}"):
            db.execute("pragma " + pragma)
        for statement in SCHEMAS[layout]:
            db.execute(statement)
        db.execute("begin")
        fill(db, layout)
        db.execute("commit")
        order = list(range(1, ROWS + 1))
        random.shuffle(order)
        start = time.perf_counter()
        for first in range(0, ROWS, BATCH):
            db.execute("begin immediate")
            update(db, layout, order[first:first + BATCH], first)
            db.execute("commit")
        elapsed = time.perf_counter() - start
        db.close()
    print(f"{layout:12} {ROWS / elapsed / 1000:6.1f} k updates/s")


if __name__ == "__main__":
    for name in sys.argv[1:] or list(SCHEMAS):
        run(name)
