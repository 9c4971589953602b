/// SQL views for BI tools, over the compact store.
///
/// Responses keep their answers packed in one BLOB (see `AnswerLayout`); these views unpack them
/// with plain SQL (hex digits to numbers), so any SQLite client can read them without OpModel.
enum Views {
    /// One hex digit's value: 0 for '0' (not found), 1–15 for '1'–'F'.
    private static func nibble(_ position: String) -> String {
        "instr('123456789ABCDEF', substr(h, \(position), 1))"
    }

    /// The byte at a 0-based index within the slot's hex text `h`.
    private static func byte(_ index: String) -> String {
        "(\(nibble("1 + 2 * (\(index))")) * 16 + \(nibble("2 + 2 * (\(index))")))"
    }

    private static var numericCode: String {
        (0..<8).map { "\(nibble(String($0 + 1))) * \(1 << (4 * (7 - $0)))" }.joined(separator: " + ")
    }

    /// Every answer as one row: wave, organisation, division, team, role, item and value.
    ///
    /// For the store's owner: it shows individual answers, so it is not for sharing.
    /// `value` is the raw scale value, the chosen option's position (0-based) or the number;
    /// `scored` is after reverse-keying; multi-choice items give one row per chosen option.
    static let answerLong = """
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
                   CASE kind WHEN 'agreement' THEN \(byte("0")) - 1 + scaleMin
                             WHEN 'choice' THEN \(byte("0")) - 1
                             WHEN 'numeric' THEN scaleMin + ((\(numericCode)) - 1) / numericScale
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
          AND ((\(byte("1 + opt.position / 8"))) >> (opt.position % 8)) & 1 = 1;
        """

    /// Per wave, unit and item: respondents answering, mean (after reverse-keying) and favourable
    /// count, at organisation, division and team level; groups smaller than the `min_group`
    /// setting are left out. The view to share.
    static let unitItemSummary = """
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
        """
}
