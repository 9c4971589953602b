import Foundation
@testable import SurveyCollector

/// Everything a reader produced for one input, for comparing against expectations.
struct ParsedCSV: Equatable {
    var header: [String]
    var rows: [[String]]
    var lines: [Int]
}

/// Reads every record of `bytes` (propagating the first error).
func parseAll(_ bytes: [UInt8], delimiter: UInt8? = nil) throws -> (ParsedCSV, CSVReader) {
    var reader = try CSVReader(bytes: Data(bytes), delimiter: delimiter)
    var record = CSVRecord()
    var rows: [[String]] = []
    var lines: [Int] = []
    while try reader.nextRecord(into: &record) {
        rows.append(record.strings())
        lines.append(record.line)
    }
    return (ParsedCSV(header: reader.header, rows: rows, lines: lines), reader)
}

/// Reads every record of `text` as UTF-8.
func parseAll(_ text: String, delimiter: UInt8? = nil) throws -> (ParsedCSV, CSVReader) {
    try parseAll(Array(text.utf8), delimiter: delimiter)
}

/// The first record after the header, with its reader.
func firstRecord(_ text: String, delimiter: UInt8? = nil) throws -> (CSVRecord, CSVReader) {
    var reader = try CSVReader(bytes: Data(text.utf8), delimiter: delimiter)
    var record = CSVRecord()
    _ = try reader.nextRecord(into: &record)
    return (record, reader)
}

/// `text` as UTF-16 with a byte order mark.
func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

/// A fresh temporary directory, removed when the returned object is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("SurveyCollectorTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to a file named `name` and returns its URL.
    func write(_ bytes: [UInt8], named name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64), so that
/// random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
