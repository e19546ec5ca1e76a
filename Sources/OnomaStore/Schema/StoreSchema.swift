import GRDB

/// The store's schema: a timeline of migrations, each applied once, in order, in its own transaction.
///
/// **A migration is never edited once it has shipped** (GRDB's `Migrations.md`): a change to the schema is a new
/// migration appended to ``migrator``. Migrations speak SQL only and never refer to Swift types, because they
/// describe past states of the database while the rest of the module targets the latest one.
///
/// Each migration ends by writing its number to `storeInfo.schemaVersion`, which is how an older Onoma recognizes a
/// store written by a newer one ("schema 5; this build knows 2").
enum StoreSchema {
    /// The schema version this build writes: the number of the last migration.
    static let version = 8

    /// The migrations, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        // v1: concepts, terms with their normalized forms and lookup indexes, store metadata.
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE storeInfo (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    schemaVersion INTEGER NOT NULL,
                    keyFormatVersion INTEGER NOT NULL,
                    defaultStoreFingerprint TEXT
                );
                INSERT INTO storeInfo (id, schemaVersion, keyFormatVersion) VALUES (1, 1, 0);

                CREATE TABLE concept (
                    id TEXT NOT NULL PRIMARY KEY,
                    type TEXT NOT NULL,
                    domain TEXT,
                    note TEXT,
                    sources TEXT NOT NULL DEFAULT '[]',
                    externalIDs TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX index_concept_on_type ON concept(type);

                CREATE TABLE term (
                    id INTEGER PRIMARY KEY,
                    conceptId TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    language TEXT NOT NULL,
                    status TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    source TEXT,
                    normalized TEXT NOT NULL,
                    key TEXT NOT NULL,
                    script TEXT NOT NULL,
                    latin TEXT NOT NULL,
                    latinKey TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX index_term_on_conceptId_language_text ON term(conceptId, language, text);
                CREATE INDEX index_term_on_normalized ON term(normalized);
                CREATE INDEX index_term_on_key ON term(key);
                CREATE INDEX index_term_on_latinKey ON term(latinKey);
                CREATE INDEX index_term_on_language ON term(language);
                """)
        }

        // v2: full-text search over term text and the key of its Latin form (FTS5, external content kept in sync by triggers).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE termSearch USING fts5(
                    text, latinKey,
                    content='term', content_rowid='id',
                    tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER termSearch_afterInsert AFTER INSERT ON term BEGIN
                    INSERT INTO termSearch(rowid, text, latinKey) VALUES (new.id, new.text, new.latinKey);
                END;
                CREATE TRIGGER termSearch_afterDelete AFTER DELETE ON term BEGIN
                    INSERT INTO termSearch(termSearch, rowid, text, latinKey) VALUES ('delete', old.id, old.text, old.latinKey);
                END;
                CREATE TRIGGER termSearch_afterUpdate AFTER UPDATE OF text, latinKey ON term BEGIN
                    INSERT INTO termSearch(termSearch, rowid, text, latinKey) VALUES ('delete', old.id, old.text, old.latinKey);
                    INSERT INTO termSearch(rowid, text, latinKey) VALUES (new.id, new.text, new.latinKey);
                END;
                INSERT INTO termSearch(termSearch) VALUES ('rebuild');
                UPDATE storeInfo SET schemaVersion = 2;
                """)
        }

        // v3: no index on term.language. No query looks terms up by language; only the store statistics count terms
        // per language, which a scan does well enough, while a large import paid for the index on every write.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                DROP INDEX index_term_on_language;
                UPDATE storeInfo SET schemaVersion = 3;
                """)
        }

        // v4: the latinKey index holds only the terms whose latinKey is not their key (terms not in Latin script).
        // For a Latin term the two are equal, and the key index finds it; a third of the entries, for the same
        // look-ups (GlossaryStore.terms(latinKey:) asks both indexes).
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                DROP INDEX index_term_on_latinKey;
                CREATE INDEX index_term_on_latinKey ON term(latinKey) WHERE latinKey <> key;
                UPDATE storeInfo SET schemaVersion = 4;
                """)
        }

        // v5: the search index keeps no per-term column sizes (FTS5 `columnsize=0`). Writing a size row for every
        // term was half the cost of building the index after a large import (a million terms: 2.1 s to 1.0 s); bm25
        // ranking gets the sizes by tokenizing the matched terms instead, which ranks the same and costs a search
        // only milliseconds.
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                DROP TABLE termSearch;
                CREATE VIRTUAL TABLE termSearch USING fts5(
                    text, latinKey,
                    content='term', content_rowid='id',
                    tokenize='unicode61 remove_diacritics 2',
                    columnsize=0
                );
                INSERT INTO termSearch(termSearch) VALUES ('rebuild');
                UPDATE storeInfo SET schemaVersion = 5;
                """)
        }

        // v6: no index on term.normalized. Only GlossaryStore.terms(normalized:) looked terms up by it, and a term's
        // key is a function of its normalized form and language, so that look-up goes through the key index; the
        // index cost a million-term import 0.8 s of its single-threaded index build.
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                DROP INDEX index_term_on_normalized;
                UPDATE storeInfo SET schemaVersion = 6;
                """)
        }

        // v7: a derived form equal to the one it derives from is stored as '' (StoredForms): the normalized form
        // equal to the text, the Latin form equal to the normalized form, the Latin key equal to the key when the text
        // is plain ASCII words. The latinKey index leaves those rows out too. The search index is rebuilt once
        // rather than updated term by term by its trigger.
        migrator.registerMigration("v7") { db in
            try db.execute(sql: """
                UPDATE term SET latin = '' WHERE latin = normalized;
                UPDATE term SET normalized = '' WHERE normalized = text;
                DROP INDEX index_term_on_latinKey;
                DROP TRIGGER termSearch_afterUpdate;
                UPDATE term SET latinKey = '' WHERE latinKey = key AND latinKey <> '' AND \(StoredForms.plainWordsSQL);
                CREATE TRIGGER termSearch_afterUpdate AFTER UPDATE OF text, latinKey ON term BEGIN
                    INSERT INTO termSearch(termSearch, rowid, text, latinKey)
                        VALUES ('delete', old.id, old.text, old.latinKey);
                    INSERT INTO termSearch(rowid, text, latinKey) VALUES (new.id, new.text, new.latinKey);
                END;
                INSERT INTO termSearch(termSearch) VALUES ('rebuild');
                CREATE INDEX index_term_on_latinKey ON term(latinKey) WHERE latinKey <> key AND latinKey <> '';
                UPDATE storeInfo SET schemaVersion = 7;
                """)
        }

        // v8: a write stamp, a random value that every write transaction replaces (GlossaryStore.stampWrite), so
        // that a cache of what was read from the store (the matcher's snapshot) can tell, with one read, whether
        // the store changed since. Random rather than a counter: a copied store file written in two places never
        // gives two different contents one stamp. (File size and modification time cannot tell: with WAL a commit
        // may touch only the -wal file, and a checkpoint rewrites the main file without any change of content.)
        migrator.registerMigration("v8") { db in
            try db.execute(sql: """
                ALTER TABLE storeInfo ADD COLUMN writeStamp TEXT NOT NULL DEFAULT '';
                UPDATE storeInfo SET writeStamp = lower(hex(randomblob(16)));
                UPDATE storeInfo SET schemaVersion = 8;
                """)
        }

        return migrator
    }
}
