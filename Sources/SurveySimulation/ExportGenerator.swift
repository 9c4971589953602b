import Foundation
import SurveyCore

/// Settings for a synthetic export.
public struct ExportOptions: Sendable {
    /// How the header row names item columns.
    public enum HeaderStyle: String, Sendable, CaseIterable {
        /// Item ids (`strategy_metric`).
        case ids
        /// Item texts, as survey platforms export them.
        case texts
    }

    /// Responses to write, over every wave.
    public var responses: Int
    /// Organisations (at most 12).
    public var organisations: Int
    /// The waves, in order; responses are spread evenly over them.
    public var waves: [Quarter]
    /// The seed: the same seed gives the same bytes.
    public var seed: UInt64
    /// How item columns are named.
    public var header: HeaderStyle

    /// Creates options.
    public init(responses: Int, organisations: Int, waves: [Quarter], seed: UInt64, header: HeaderStyle = .ids) {
        self.responses = responses
        self.organisations = organisations
        self.waves = waves
        self.seed = seed
        self.header = header
    }
}

/// An error in the generator's settings.
package struct GeneratorError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what was expected.
    package var description: String
}

/// Writes a realistic export of a survey in the generic CSV format, streaming, in bounded memory.
///
/// The population is organisations → divisions → teams with every role. Each division has a
/// tendency: one is SAFe-heavy (many ceremonies, Product Owners far from customers), one is
/// product-led, and some improve from wave to wave. Answers include blanks and "N/A"; items that
/// do not apply to a respondent's role are left blank, as platforms export skipped questions.
package struct ExportGenerator: Sendable {
    private let survey: Survey
    private let options: ExportOptions
    private let population: Population

    /// The largest organisation count (the name pool's size).
    package static let maximumOrganisations = Population.organisationNames.count

    /// Checks the options against the survey.
    /// - Throws: ``GeneratorError`` when counts or waves are out of range.
    package init(survey: Survey, options: ExportOptions) throws {
        guard options.responses >= 0 else { throw GeneratorError(description: "responses must be 0 or more, got \(options.responses)") }
        guard (1...Self.maximumOrganisations).contains(options.organisations) else {
            throw GeneratorError(description: "organisations must be between 1 and \(Self.maximumOrganisations), got \(options.organisations)")
        }
        guard !options.waves.isEmpty else { throw GeneratorError(description: "at least one wave is needed (expected labels like 2025-Q4)") }
        guard Set(options.waves).count == options.waves.count else { throw GeneratorError(description: "waves must not repeat") }
        self.survey = survey
        self.options = options
        self.population = Population(organisations: options.organisations, seed: options.seed,
                                     roleSpellings: survey.attributes[.role]?.roleSpellings ?? [:],
                                     dimensions: survey.dimensions.count)
    }

    /// Writes the export, a buffer at a time.
    /// - Parameter sink: Receives consecutive chunks of the file's bytes.
    package func write(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { try write(into: ChunkWriter(sink: $0)) }
    }

    private func write(into output: ChunkWriter) throws {
        var writer = output
        let columns = ColumnPlan(survey: survey)
        let multiWave = options.waves.count > 1
        var headerFields = ["response_id", "submitted_at"]
        if multiWave { headerFields.append("wave") }
        headerFields += ["organisation", "division", "team", "role", "tenure"]
        headerFields += columns.items.map { options.header == .ids ? $0.id : $0.text }
        try writer.appendRow(headerFields)

        var random = RandomSource(seed: options.seed)
        let waves = options.waves.sorted()
        let perWave = options.responses / waves.count
        var written = 0
        for (waveIndex, wave) in waves.enumerated() {
            let count = waveIndex == waves.count - 1 ? options.responses - written : perWave
            let start = wave.start.timeIntervalSince1970 + 35 * 86_400
            for n in 0..<count {
                let respondent = population.drawRespondent(&random, wave: waveIndex)
                try writer.appendField(responseID(serial: written + n))
                // Spread over three weeks, during working hours.
                let day = (Double(n) / Double(max(count, 1)) * 21).rounded(.down)
                let seconds = start + day * 86_400 + 8 * 3_600 + random.unit() * 9 * 3_600
                try writer.appendField(iso8601(seconds))
                if multiWave { try writer.appendField(wave.description) }
                try writer.appendField(respondent.organisation)
                try writer.appendField(respondent.division)
                try writer.appendField(respondent.team)
                try writer.appendField(respondent.roleSpelling)
                try writer.appendField(Population.tenures[random.index(Population.tenures.count)])
                for item in columns.items {
                    try writer.appendField(columns.answer(item, for: respondent, &random), isLast: item.id == columns.items.last?.id)
                }
                if columns.items.isEmpty { try writer.endRow() }
            }
            written += count
        }
        try writer.flush()
    }

    private func responseID(serial: Int) -> String {
        // Looks like a platform id, unique per file, stable per seed.
        var hasher = RandomSource(seed: options.seed &+ UInt64(serial) &* 0x9E37_79B9)
        return "R_" + String(hasher.next() & 0xFFFF_FFFF_FFFF, radix: 36) + String(serial, radix: 36)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, computed directly (a Calendar per row is the generator's hot spot).
    private func iso8601(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(pad(month))-\(pad(day))T\(pad(secondOfDay / 3_600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))Z"
    }
}

/// Accumulates CSV text and hands it to the sink in chunks of about 1 MiB.
private struct ChunkWriter {
    let sink: (UnsafeRawBufferPointer) throws -> Void
    var buffer: [UInt8] = []
    var fieldInRow = 0

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    mutating func appendRow(_ fields: [String]) throws {
        for (index, field) in fields.enumerated() { try appendField(field, isLast: index == fields.count - 1) }
    }

    mutating func appendField(_ field: String, isLast: Bool = false) throws {
        if fieldInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        let utf8 = field.utf8
        let plain = !utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            && utf8.first != UInt8(ascii: " ") && utf8.last != UInt8(ascii: " ")
        if plain {
            buffer.append(contentsOf: utf8)
        } else {
            buffer.append(contentsOf: CSVWriter.escape(field).utf8)
        }
        fieldInRow += 1
        if isLast { try endRow() }
    }

    mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\r"))
        buffer.append(UInt8(ascii: "\n"))
        fieldInRow = 0
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
