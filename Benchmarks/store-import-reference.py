#!/usr/bin/env python3
"""The peer of Benchmarks/store-import.sh: Python's sqlite3 loading the rows of an Onoma store into the same schema.

Reads every concept and term row of STORE (untimed: the keys are already computed, so no normalization), creates a
fresh database with STORE's own schema (tables, indexes, FTS5 table and triggers, taken from its sqlite_master) and
page size, in WAL mode (synchronous NORMAL, as GRDB sets it), and times writing the rows in one transaction, two
ways:

  live    executemany with the indexes and search triggers in place (the plain way to load a table);
  bulk    the rows first, then the secondary indexes, the triggers and one FTS5 'rebuild' (Onoma's large-import
          plan), still in one transaction.

Each time covers BEGIN to the end of COMMIT, including the checkpoint SQLite runs after a large commit. The same
SQLite library and page cache (32 MB) as Onoma. Prints one line per way: seconds, terms/s.

usage: store-import-reference.py STORE [WORKDIR] [--ways=bulk,live]   (default: both)
"""
import os
import sqlite3
import sys
import time


def schema(store):
    """STORE's schema statements, tables first, split into (tables, secondary indexes, triggers)."""
    rows = store.execute("""
        SELECT type, name, sql FROM sqlite_master
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
        ORDER BY rowid""").fetchall()
    shadow = {name for kind, name, _ in rows if kind == "table" and name.startswith("termSearch_")}
    tables = [sql for kind, name, sql in rows if kind == "table" and name not in shadow]
    indexes = [(sql, "UNIQUE" in sql.upper().split("INDEX")[0]) for kind, _, sql in rows if kind == "index"]
    triggers = [sql for kind, _, sql in rows if kind == "trigger"]
    return tables, indexes, triggers


def open_fresh(path, page_size):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA cache_size = -32768")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def load(way, path, page_size, tables, indexes, triggers, concepts, terms, concept_columns, term_columns):
    db = open_fresh(path, page_size)
    for sql in tables:
        db.execute(sql)
    unique = [sql for sql, is_unique in indexes if is_unique]
    secondary = [sql for sql, is_unique in indexes if not is_unique]
    for sql in unique + (secondary + triggers if way == "live" else []):
        db.execute(sql)
    insert_concept = (f"INSERT INTO concept ({', '.join(concept_columns)}) "
                      f"VALUES ({', '.join('?' * len(concept_columns))})")
    insert_term = f"INSERT INTO term ({', '.join(term_columns)}) VALUES ({', '.join('?' * len(term_columns))})"
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.executemany(insert_concept, concepts)
    db.executemany(insert_term, terms)
    if way == "bulk":
        for sql in secondary + triggers:
            db.execute(sql)
        db.execute("INSERT INTO termSearch(termSearch) VALUES ('rebuild')")
    db.execute("COMMIT")
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ways = ["live", "bulk"]
    for a in sys.argv[1:]:
        if a.startswith("--ways="):
            ways = a.split("=", 1)[1].split(",")
    store_path = args[0]
    workdir = args[1] if len(args) > 1 else os.path.dirname(store_path) or "."
    store = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    tables, indexes, triggers = schema(store)
    page_size = store.execute("PRAGMA page_size").fetchone()[0]
    concept_columns = [r[1] for r in store.execute("PRAGMA table_info(concept)")]
    term_columns = [r[1] for r in store.execute("PRAGMA table_info(term)") if r[1] != "id"]
    concepts = store.execute(f"SELECT {', '.join(concept_columns)} FROM concept ORDER BY rowid").fetchall()
    terms = store.execute(f"SELECT {', '.join(term_columns)} FROM term ORDER BY id").fetchall()
    store.close()
    for way in ways:
        path = os.path.join(workdir, f"reference-{way}.sqlite")
        seconds = load(way, path, page_size, tables, indexes, triggers, concepts, terms, concept_columns,
                       term_columns)
        size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
        print(f"python sqlite3 {way:4}: {seconds:6.2f} s, {len(terms) / seconds:8.0f} terms/s, "
              f"{size / 1048576:.1f} MB")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)


if __name__ == "__main__":
    main()
