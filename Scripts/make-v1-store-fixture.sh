#!/usr/bin/env bash
# Makes Tests/SurveyStoreTests/Fixtures/pilot.v1store: a small store as the first released
# schema left it, for MigrationTests (opening it must run every later migration and read the
# data back intact).
#
# The schema is migration "v1" exactly as it shipped in commit 027283e
# (Sources/SurveyStore/Schema.swift; the views from Sources/SurveyStore/Views.swift, rendered),
# plus GRDB's migration table recording "v1". The survey rows are what v1's registerSurvey
# writes for Tests/SurveyTestSupport's minimal (pilot) survey; the rest is a small history: two
# batches, two waves, a renamed division, comments and headcounts.
#
# The file ends in .v1store (not .sqlite, which .gitignore excludes). Rerunning gives the same
# content; only regenerate it if the fixture's data must change, never to follow a new schema.
# Usage: Scripts/make-v1-store-fixture.sh [OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-Tests/SurveyStoreTests/Fixtures/pilot.v1store}
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)"; exit 1; }
mkdir -p "$(dirname "$out")"
rm -f "$out"
sqlite3 "$out" <<'SQL'
PRAGMA page_size = 1024;
PRAGMA foreign_keys = ON;
BEGIN;
-- ---- Migration "v1" (027283e), tables ----
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
-- ---- Migration "v1" (027283e), views ----
CREATE VIEW answer_long AS
WITH slot AS (
    SELECT r.id AS responseId, r.surveyVersionId, w.label AS wave, r.organisationId, r.divisionId, r.teamId,
           r.role, i.itemId, i.dimensionId, i.kind, i.scaleMin, i.scaleMax, i.numericScale, i.reverse,
           i.favorableValues, hex(substr(r.answers, i.byteOffset + 1, i.byteWidth)) AS h
    FROM response r
    JOIN wave w ON w.id = r.waveId
    JOIN item i ON i.surveyVersionId = r.surveyVersionId AND i.byteWidth > 0
),
decoded AS (
    SELECT slot.*,
           CASE WHEN h NOT GLOB '*[^0]*' THEN 'missing'
                WHEN h NOT GLOB '*[^F]*' THEN 'not_applicable'
                ELSE 'answered' END AS status,
           CASE kind WHEN 'agreement' THEN (instr('123456789ABCDEF', substr(h, 1 + 2 * (0), 1)) * 16 + instr('123456789ABCDEF', substr(h, 2 + 2 * (0), 1))) - 1 + scaleMin
                     WHEN 'choice' THEN (instr('123456789ABCDEF', substr(h, 1 + 2 * (0), 1)) * 16 + instr('123456789ABCDEF', substr(h, 2 + 2 * (0), 1))) - 1
                     WHEN 'numeric' THEN scaleMin + ((instr('123456789ABCDEF', substr(h, 1, 1)) * 268435456 + instr('123456789ABCDEF', substr(h, 2, 1)) * 16777216 + instr('123456789ABCDEF', substr(h, 3, 1)) * 1048576 + instr('123456789ABCDEF', substr(h, 4, 1)) * 65536 + instr('123456789ABCDEF', substr(h, 5, 1)) * 4096 + instr('123456789ABCDEF', substr(h, 6, 1)) * 256 + instr('123456789ABCDEF', substr(h, 7, 1)) * 16 + instr('123456789ABCDEF', substr(h, 8, 1)) * 1) - 1) / numericScale
           END AS code
    FROM slot
)
SELECT d.responseId, d.wave, o.name AS organisation, dv.name AS division, t.name AS team, d.role,
       d.dimensionId AS dimension, d.itemId AS item, d.kind, d.status,
       CASE WHEN d.status = 'answered' THEN d.code END AS value,
       CASE WHEN d.status = 'answered' AND d.kind = 'agreement' AND d.reverse = 1 THEN d.scaleMin + d.scaleMax - d.code
            WHEN d.status = 'answered' THEN d.code END AS scored,
       CASE WHEN d.status = 'answered' AND d.kind = 'agreement' THEN
            instr(d.favorableValues, ',' || CAST(CASE WHEN d.reverse = 1 THEN d.scaleMin + d.scaleMax - d.code ELSE d.code END AS INTEGER) || ',') > 0
       END AS favorable,
       opt.label AS answer
FROM decoded d
JOIN unit o ON o.id = d.organisationId
LEFT JOIN unit dv ON dv.id = d.divisionId
LEFT JOIN unit t ON t.id = d.teamId
LEFT JOIN itemOption opt ON d.kind = 'choice' AND d.status = 'answered'
     AND opt.surveyVersionId = d.surveyVersionId AND opt.itemId = d.itemId AND opt.position = d.code
WHERE d.kind <> 'multi'
UNION ALL
SELECT d.responseId, d.wave, o.name, dv.name, t.name, d.role, d.dimensionId, d.itemId, d.kind, 'answered',
       opt.position, opt.position, NULL, opt.label
FROM slot d
JOIN itemOption opt ON opt.surveyVersionId = d.surveyVersionId AND opt.itemId = d.itemId
JOIN unit o ON o.id = d.organisationId
LEFT JOIN unit dv ON dv.id = d.divisionId
LEFT JOIN unit t ON t.id = d.teamId
WHERE d.kind = 'multi' AND substr(d.h, 1, 2) = '01'
  AND (((instr('123456789ABCDEF', substr(h, 1 + 2 * (1 + opt.position / 8), 1)) * 16 + instr('123456789ABCDEF', substr(h, 2 + 2 * (1 + opt.position / 8), 1)))) >> (opt.position % 8)) & 1 = 1;
CREATE VIEW unit_item_summary AS
WITH answered AS (
    SELECT * FROM answer_long WHERE status = 'answered' AND kind IN ('agreement', 'choice', 'numeric')
),
grouped AS (
    SELECT wave, 'organisation' AS level, organisation, NULL AS division, NULL AS team, item,
           count(*) AS n, avg(scored) AS mean, sum(favorable) AS favorable
    FROM answered GROUP BY wave, organisation, item
    UNION ALL
    SELECT wave, 'division', organisation, division, NULL, item, count(*), avg(scored), sum(favorable)
    FROM answered WHERE division IS NOT NULL GROUP BY wave, organisation, division, item
    UNION ALL
    SELECT wave, 'team', organisation, division, team, item, count(*), avg(scored), sum(favorable)
    FROM answered WHERE team IS NOT NULL GROUP BY wave, organisation, division, team, item
)
SELECT * FROM grouped
WHERE n >= (SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'min_group');
-- ---- GRDB's record of the applied migrations ----
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations (identifier) VALUES ('v1');
-- ---- Data ----
-- The minimal (pilot) survey as v1's registerSurvey stored it: its definition (JSON, sorted keys),
-- item layout and options.
INSERT INTO surveyVersion (id, surveyId, version, contentHash, title, definition) VALUES
    (1, 'pilot', 1, '65797ab8bb4162d1abd46e5a146b121c21a091c865f9f63f5f8b3b0394076d5f', 'Pilot survey', '{"attributes":{"role":{"aliases":["Role"],"options":[],"roleSpellings":{"engineering":["Engineer"],"product_manager":["Product Manager","PM"],"product_owner":["Product Owner","PO"]}}},"bands":[{"lowerBound":1,"name":"Initial"},{"lowerBound":2.5,"name":"Emerging"},{"lowerBound":4,"name":"Leading"}],"carryOver":[],"contentHash":"65797ab8bb4162d1abd46e5a146b121c21a091c865f9f63f5f8b3b0394076d5f","dimensions":[{"advice":{},"id":"strategy","items":[{"aliases":[],"dimension":"strategy","id":"metric","kind":{"agreement":{"scale":"agree5"}},"missing":[],"reverse":false,"text":"I can name the metric my team is moving.","weight":1},{"aliases":[],"dimension":"strategy","id":"no_problem","kind":{"agreement":{"scale":"agree5"}},"missing":[],"reverse":true,"text":"This quarter my team was handed features with no problem stated.","weight":1}],"scale":"agree5","title":"Strategy","weight":1},{"advice":{},"id":"discovery","items":[{"aliases":[],"dimension":"discovery","id":"contact","kind":{"choice":{"options":[{"aliases":[],"exclusive":false,"id":"never","label":"Never","value":1},{"aliases":[],"exclusive":false,"id":"quarter","label":"This quarter","value":2},{"aliases":[],"exclusive":false,"id":"week","label":"This week","value":3}]}},"missing":["Not my role"],"reverse":false,"text":"When did you last talk to a customer?","weight":1},{"aliases":[],"dimension":"discovery","id":"interviews","kind":{"agreement":{"scale":"agree5"}},"missing":[],"reverse":false,"roles":["product_owner","product_manager"],"text":"In the past 4 weeks I interviewed a user.","weight":1},{"aliases":[],"dimension":"discovery","id":"training","kind":{"multi":{"options":[{"aliases":[],"exclusive":false,"id":"certification","label":"Certification"},{"aliases":[],"exclusive":false,"id":"research","label":"Customer research"},{"aliases":[],"exclusive":true,"id":"none","label":"None"}]}},"missing":[],"reverse":false,"text":"Which training did you have?","weight":1},{"aliases":[],"dimension":"discovery","id":"meetings","kind":{"numeric":{"integer":false,"max":60,"min":0,"unit":"hours"}},"missing":[],"reverse":false,"text":"Hours a week in recurring meetings","weight":1},{"aliases":[],"dimension":"discovery","id":"remarks","kind":{"text":{}},"missing":[],"reverse":false,"text":"Anything else?","weight":1}],"scale":"agree5","title":"Discovery","weight":2}],"flagMinN":10,"flags":[{"advice":"Volunteer for customer research.","condition":{"all":{"_0":[{"test":{"_0":{"comparison":"at_least","item":"contact","statistic":{"shareChoosing":{"options":["never"]}},"threshold":50}}},{"test":{"_0":{"comparison":"at_least","item":"training","statistic":{"shareOnly":{"options":["certification"]}},"threshold":50}}}]}},"explanation":"Product Owners keep the backlog full with no time for customers.","id":"order_taker","minN":10,"roles":["product_owner"],"severity":"high","title":"Product Owners far from customers"}],"id":"pilot","minGroup":5,"scales":[{"favorable":[4,5],"id":"agree5","missing":["N\/A","Don''t know"],"neutral":[3],"points":[{"labels":["Strongly disagree"],"value":1},{"labels":["Disagree"],"value":2},{"labels":["Neither agree nor disagree","Neutral"],"value":3},{"labels":["Agree"],"value":4},{"labels":["Strongly agree"],"value":5}],"unfavorable":[1,2]}],"title":"Pilot survey","version":1}');
INSERT INTO item (surveyVersionId, itemId, position, dimensionId, kind, text, byteOffset, byteWidth, scaleMin, scaleMax, numericScale, reverse, favorableValues) VALUES
    (1, 'metric', 0, 'strategy', 'agreement', 'I can name the metric my team is moving.', 0, 1, 1.0, 5.0, NULL, 0, ',4,5,'),
    (1, 'no_problem', 1, 'strategy', 'agreement', 'This quarter my team was handed features with no problem stated.', 1, 1, 1.0, 5.0, NULL, 1, ',4,5,'),
    (1, 'contact', 2, 'discovery', 'choice', 'When did you last talk to a customer?', 2, 1, NULL, NULL, NULL, 0, NULL),
    (1, 'interviews', 3, 'discovery', 'agreement', 'In the past 4 weeks I interviewed a user.', 3, 1, 1.0, 5.0, NULL, 0, ',4,5,'),
    (1, 'training', 4, 'discovery', 'multi', 'Which training did you have?', 4, 2, NULL, NULL, NULL, 0, NULL),
    (1, 'meetings', 5, 'discovery', 'numeric', 'Hours a week in recurring meetings', 6, 4, 0.0, NULL, 1000.0, 0, NULL),
    (1, 'remarks', 6, 'discovery', 'text', 'Anything else?', 10, 0, NULL, NULL, NULL, 0, NULL);
INSERT INTO itemOption (surveyVersionId, itemId, position, optionId, label) VALUES
    (1, 'contact', 0, 'never', 'Never'),
    (1, 'contact', 1, 'quarter', 'This quarter'),
    (1, 'contact', 2, 'week', 'This week'),
    (1, 'training', 0, 'certification', 'Certification'),
    (1, 'training', 1, 'research', 'Customer research'),
    (1, 'training', 2, 'none', 'None');
-- Units as v1's import and 'opmodel units rename' left them: Acme's "Retail" renamed to
-- "Retail Banking" (the old path kept as an alias), and Beta with a division but no team.
INSERT INTO unit (id, parentId, level, pathKey, name) VALUES
    (1, NULL, 'organisation', 'acme', 'Acme'),
    (2, 1, 'division', 'acme/retail banking', 'Retail Banking'),
    (3, 2, 'team', 'acme/retail banking/blue', 'Blue'),
    (4, NULL, 'organisation', 'beta', 'Beta'),
    (5, 4, 'division', 'beta/cards', 'Cards');
INSERT INTO unitAlias (pathKey, unitId) VALUES ('acme/retail', 2);
INSERT INTO wave (id, surveyId, label, firstResponseAt) VALUES
    (1, 'pilot', '2026-Q1', 1770714000),
    (2, 'pilot', '2026-Q2', 1776070800);
INSERT INTO importBatch (id, fileName, sha256, format, surveyVersionId, waves, rowsRead, imported, duplicates,
                         conflicts, rejected, startedAt, finishedAt, toolVersion) VALUES
    (1, 'q1.csv', '1111111111111111111111111111111111111111111111111111111111111111', 'csv', 1, '2026-Q1',
     3, 3, 0, 0, 0, '2026-03-01T10:00:00Z', '2026-03-01T10:00:01Z', '0.1.0'),
    (2, 'q2.csv', '2222222222222222222222222222222222222222222222222222222222222222', 'csv', 1, '2026-Q2',
     3, 2, 0, 0, 1, '2026-06-01T10:00:00Z', '2026-06-01T10:00:01Z', '0.1.0');
-- Packed answers (AnswerLayout): metric, no_problem, contact, interviews, training (flag byte,
-- option bits), meetings (4 bytes, 1 + value × 1000).
INSERT INTO response (id, batchId, surveyVersionId, waveId, organisationId, divisionId, teamId, role, tenure,
                      responseKey, contentHash, submittedAt, answers) VALUES
    (1, 1, 1, 1, 1, 2, 3, 'engineering', NULL, 'r1', 1001, 1770714000, X'040203FF010200001965'),
    (2, 1, 1, 1, 1, 2, 3, 'product_owner', '1-2 years', 'r2', 1002, 1770800400, X'05010104010100002EE1'),
    (3, 1, 1, 1, 4, 5, NULL, NULL, NULL, 'r3', 1003, 1770886800, X'03030203010400000001'),
    (4, 2, 1, 2, 1, 2, 3, 'engineering', NULL, 'r1', 1004, 1776070800, X'050103FF010300001389'),
    (5, 2, 1, 2, 4, 5, NULL, 'other', NULL, 'r4', 1005, NULL, X'020402FF000000000000');
INSERT INTO comment (responseId, itemId, text) VALUES
    (1, 'remarks', 'More customer time, please'),
    (4, 'remarks', 'Better than last quarter');
INSERT INTO headcount (waveId, unitId, headcount) VALUES (1, 1, 40), (1, 4, 12), (2, 1, 38);
COMMIT;
PRAGMA foreign_key_check;
VACUUM;
SQL
echo "wrote $out ($(wc -c < "$out" | tr -d ' ') bytes)"
