import GRDB
import SurveyCore

/// The store's migrations. Ids never change once shipped; a new need is a new migration.
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE surveyVersion (
                    id INTEGER PRIMARY KEY,
                    surveyId TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    contentHash TEXT NOT NULL,
                    title TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    UNIQUE (surveyId, version)
                );
                -- Where each item sits in a response's packed answers (see AnswerLayout).
                CREATE TABLE item (
                    surveyVersionId INTEGER NOT NULL REFERENCES surveyVersion(id) ON DELETE CASCADE,
                    itemId TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    dimensionId TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL,
                    byteOffset INTEGER NOT NULL,
                    byteWidth INTEGER NOT NULL,
                    scaleMin REAL,
                    scaleMax REAL,
                    numericScale REAL,
                    reverse INTEGER NOT NULL DEFAULT 0,
                    favorableValues TEXT,
                    PRIMARY KEY (surveyVersionId, itemId)
                ) WITHOUT ROWID;
                CREATE TABLE itemOption (
                    surveyVersionId INTEGER NOT NULL,
                    itemId TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    optionId TEXT NOT NULL,
                    label TEXT NOT NULL,
                    PRIMARY KEY (surveyVersionId, itemId, position),
                    FOREIGN KEY (surveyVersionId, itemId) REFERENCES item(surveyVersionId, itemId) ON DELETE CASCADE
                ) WITHOUT ROWID;
                -- Organisations, divisions and teams, keyed by their normalised path.
                CREATE TABLE unit (
                    id INTEGER PRIMARY KEY,
                    parentId INTEGER REFERENCES unit(id),
                    level TEXT NOT NULL CHECK (level IN ('organisation', 'division', 'team')),
                    pathKey TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL
                );
                -- Old paths of renamed units, so later imports of the old spelling land on the new unit.
                CREATE TABLE unitAlias (
                    pathKey TEXT PRIMARY KEY,
                    unitId INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE TABLE wave (
                    id INTEGER PRIMARY KEY,
                    surveyId TEXT NOT NULL,
                    label TEXT NOT NULL,
                    firstResponseAt INTEGER,
                    UNIQUE (surveyId, label)
                );
                CREATE TABLE importBatch (
                    id INTEGER PRIMARY KEY,
                    fileName TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    format TEXT NOT NULL,
                    surveyVersionId INTEGER NOT NULL REFERENCES surveyVersion(id),
                    waves TEXT NOT NULL,
                    rowsRead INTEGER NOT NULL DEFAULT 0,
                    imported INTEGER NOT NULL DEFAULT 0,
                    duplicates INTEGER NOT NULL DEFAULT 0,
                    conflicts INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    startedAt TEXT NOT NULL,
                    finishedAt TEXT,
                    toolVersion TEXT NOT NULL
                );
                CREATE TABLE response (
                    id INTEGER PRIMARY KEY,
                    batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
                    surveyVersionId INTEGER NOT NULL REFERENCES surveyVersion(id),
                    waveId INTEGER NOT NULL REFERENCES wave(id),
                    organisationId INTEGER NOT NULL REFERENCES unit(id),
                    divisionId INTEGER REFERENCES unit(id),
                    teamId INTEGER REFERENCES unit(id),
                    role TEXT,
                    tenure TEXT,
                    responseKey TEXT NOT NULL,
                    contentHash INTEGER NOT NULL,
                    submittedAt INTEGER,
                    answers BLOB NOT NULL
                );
                CREATE UNIQUE INDEX response_identity ON response(waveId, organisationId, responseKey);
                CREATE INDEX response_batch ON response(batchId);
                CREATE TABLE comment (
                    responseId INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
                    itemId TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (responseId, itemId)
                ) WITHOUT ROWID;
                CREATE TABLE headcount (
                    waveId INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
                    unitId INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                    headcount INTEGER NOT NULL CHECK (headcount >= 0),
                    PRIMARY KEY (waveId, unitId)
                ) WITHOUT ROWID;
                CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO setting(key, value) VALUES ('min_group', '5');
                """)
            try db.execute(sql: Views.answerLong)
            try db.execute(sql: Views.unitItemSummary)
        }
        // The header text each item was read from, per batch, so the next wave can say when a
        // question's wording changed.
        migrator.registerMigration("v2-itemWording") { db in
            try db.execute(sql: """
                CREATE TABLE itemWording (
                    batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
                    itemId TEXT NOT NULL,
                    headerText TEXT NOT NULL,
                    PRIMARY KEY (batchId, itemId)
                ) WITHOUT ROWID;
                """)
        }
        // A counter every change that can alter a report bumps, so a server can cache reports
        // and know for one cheap read whether they are still current. Responses change only
        // inside an import batch (insert, replace) or with one (undo), so triggers on the batch,
        // unit and headcount tables cover them without a trigger per response row.
        migrator.registerMigration("v2-revision") { db in
            var sql = """
                CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                INSERT INTO revision (id, value) VALUES (1, 0);
                """
            for table in ["importBatch", "unit", "unitAlias", "headcount", "surveyVersion"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    sql += """
                        CREATE TRIGGER revision_\(table)_\(event.lowercased()) AFTER \(event) ON \(table)
                        BEGIN UPDATE revision SET value = value + 1 WHERE id = 1; END;

                        """
                }
            }
            try db.execute(sql: sql)
        }
        return migrator
    }
}
