import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

struct CSVPropertyTests {
    /// Pieces random cell text is made of: everything CSV has to escape, and
    /// multibyte, invisible and formula-looking characters.
    static let pieces: [String] = [
        "a", "b", "Z", "1", "0", " ", "  ", "\t", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", "é", "日本",
        "😀", "👩‍👩‍👧", "\u{0B}", "\u{0C}", "'", "=", "-", "+", "@", "\u{FEFF}", "\u{0}", "\u{A0}", "x y",
    ]

    static func randomText(_ rng: inout SplitMix64, maxPieces: Int) -> String {
        let length = Int.random(in: 0...maxPieces, using: &rng)
        var text = ""
        for _ in 0..<length { text += pieces.randomElement(using: &rng)! }
        return text
    }

    /// Line and column (in scalars) of every byte offset, counting LF, CRLF and CR as one break.
    static func positions(of bytes: [UInt8]) -> [(line: Int, column: Int)] {
        var result: [(Int, Int)] = []
        result.reserveCapacity(bytes.count + 1)
        var line = 1
        var column = 1
        var k = 0
        while k < bytes.count {
            result.append((line, column))
            let byte = bytes[k]
            if byte == 0x0A || (byte == 0x0D && !(k + 1 < bytes.count && bytes[k + 1] == 0x0A)) {
                line += 1
                column = 1
            } else if byte == 0x0D {
                // The CR of a CRLF: the LF ends the line.
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            k += 1
        }
        result.append((line, column))
        return result
    }

    static func asciiTrimmed(_ text: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || ($0.value >= 0x09 && $0.value <= 0x0D) }
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }

    @Test
    func randomTablesRoundTripThroughTheWriter() throws {
        var rng = SplitMix64(seed: 0x0DD5_EED5)
        for iteration in 0..<400 {
            let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")].randomElement(using: &rng)!
            let columns = Int.random(in: 1...7, using: &rng)
            let trailingDelimiter = Int.random(in: 0..<5, using: &rng) == 0
            let detect = columns >= 2 && Bool.random(using: &rng)
            let header = (0..<columns).map { "h\($0)" + (detect ? "" : Self.randomText(&rng, maxPieces: 4)) }
            let rows = (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                (0..<columns).map { _ in Self.randomText(&rng, maxPieces: 8) }
            }

            // Write, remembering where every data field starts.
            var bytes: [UInt8] = []
            var origins: [[Int]] = []
            for (index, fields) in ([header] + rows).enumerated() {
                var starts: [Int] = []
                var line: [UInt8] = []
                for (column, field) in fields.enumerated() {
                    if column > 0 { line.append(delimiter) }
                    starts.append(bytes.count + line.count)
                    line += fields.count == 1 && field.isEmpty ? Array("\"\"".utf8)
                        : Array(CSVWriter.escape(field, delimiter: delimiter).utf8)
                }
                #expect(line == Array(CSVWriter.line(fields, delimiter: delimiter).utf8))
                if trailingDelimiter { line.append(delimiter) }
                bytes += line
                if index > 0 { origins.append(starts) }
                let isLast = index == rows.count
                if !isLast || Bool.random(using: &rng) {
                    bytes += Array(["\n", "\r\n", "\r"].randomElement(using: &rng)!.utf8)
                }
                if !isLast, Int.random(in: 0..<4, using: &rng) == 0 {
                    bytes += Array(["\n", " \r\n", "  \n"].randomElement(using: &rng)!.utf8)
                }
            }
            let positions = Self.positions(of: bytes)

            // Optionally re-encode; positions count scalars, so they do not change.
            var input = bytes
            var encoding = TextEncoding.utf8
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: (input, encoding) = ([0xEF, 0xBB, 0xBF] + bytes, .utf8BOM)
            case 1: (input, encoding) = (utf16Bytes(String(decoding: bytes, as: UTF8.self), bigEndian: false), .utf16LE)
            case 2: (input, encoding) = (utf16Bytes(String(decoding: bytes, as: UTF8.self), bigEndian: true), .utf16BE)
            default: break
            }

            let context = Comment(rawValue: "iteration \(iteration): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            var reader = try CSVReader(bytes: Data(input), delimiter: detect ? nil : delimiter)
            #expect(reader.delimiter == delimiter, context)
            #expect(reader.detectedEncoding == encoding, context)
            #expect(reader.header == header.map(Self.asciiTrimmed), context)
            #expect(reader.headerHasTrailingDelimiter == trailingDelimiter, context)
            var record = CSVRecord()
            var index = 0
            while try reader.nextRecord(into: &record) {
                guard index < rows.count else {
                    Issue.record("\(context): extra record \(record.strings())")
                    break
                }
                #expect(record.strings() == rows[index], context)
                let expectedLine = positions[origins[index][0]].line
                #expect(record.line == expectedLine, context)
                for column in 0..<min(record.count, columns) {
                    let expected = positions[origins[index][column]]
                    #expect(record.location(column) == expected, "\(context) row \(index) column \(column)")
                }
                index += 1
            }
            #expect(index == rows.count, context)
        }
    }

    @Test
    func randomBytesEitherParseOrThrowCSVError() {
        var rng = SplitMix64(seed: 0xBAD_BEEF)
        let alphabet: [UInt8] = [
            0x2C, 0x3B, 0x09, 0x22, 0x22, 0x0D, 0x0A, 0x0A, 0x20, 0x61, 0x31, 0xC3, 0xA9, 0xE9, 0x93, 0x94, 0xFF,
            0xFE, 0xEF, 0xBB, 0xBF, 0x00, 0x80, 0xF0, 0x9F, 0xD8, 0xDC,
        ]
        let prefixes: [[UInt8]] = [[], [], [], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
        var parsed = 0
        var failed = 0
        for iteration in 0..<4_000 {
            var bytes = prefixes.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 0...96, using: &rng) {
                bytes.append(Int.random(in: 0..<8, using: &rng) == 0
                    ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)!)
            }
            let delimiter: UInt8? = [nil, nil, 0x2C, 0x3B, 0x09, 0x61].randomElement(using: &rng)!
            do {
                var reader = try CSVReader(bytes: Data(bytes), delimiter: delimiter)
                #expect(reader.header.count == reader.headerRecord.count)
                var record = CSVRecord()
                var previousLine = reader.headerRecord.line
                while try reader.nextRecord(into: &record) {
                    #expect(record.line > previousLine, "iteration \(iteration)")
                    previousLine = record.line
                    for i in 0..<record.count {
                        _ = record.string(i)
                        _ = record.trimmedString(i)
                        _ = record.integer(i)
                        _ = record.isBlank(i)
                        _ = record.isQuoted(i)
                        let location = record.location(i)
                        #expect(location.line >= record.line && location.column >= 1, "iteration \(iteration)")
                        #expect(record.withField(i) { CSVTextDecoder.isValidUTF8($0) }, "iteration \(iteration)")
                    }
                }
                parsed += 1
            } catch let error as CSVError {
                #expect(!error.message.isEmpty)
                failed += 1
            } catch {
                Issue.record("iteration \(iteration): unexpected error \(error)")
            }
        }
        // Both outcomes must actually occur for the test to mean anything.
        #expect(parsed > 1_000)
        #expect(failed > 100)
    }
}
