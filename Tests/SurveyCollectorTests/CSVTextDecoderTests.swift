import Foundation
import Testing
@testable import SurveyCollector

struct CSVTextDecoderTests {
    @Test(arguments: [
        ([], true),
        (Array("plain ascii text, long enough for the word loop".utf8), true),
        ([0xC3, 0xA9], true),                     // é
        ([0xE2, 0x82, 0xAC], true),               // €
        ([0xF0, 0x9F, 0x98, 0x80], true),         // 😀
        ([0xF4, 0x8F, 0xBF, 0xBF], true),         // U+10FFFF
        ([0xEF, 0xBB, 0xBF], true),               // U+FEFF
        ([0xE9], false),                          // Windows-1252 é
        ([0x80], false),                          // lone continuation
        ([0xC0, 0xAF], false),                    // overlong /
        ([0xC1, 0xBF], false),                    // overlong
        ([0xE0, 0x80, 0xAF], false),              // overlong 3-byte
        ([0xF0, 0x80, 0x80, 0xAF], false),        // overlong 4-byte
        ([0xED, 0xA0, 0x80], false),              // surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], false),        // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], false),
        ([0xFF], false),
        ([0xC3], false),                          // truncated
        ([0xE2, 0x82], false),                    // truncated
        ([0xF0, 0x9F, 0x98], false),              // truncated
        ([0xC3, 0x41], false),                    // bad continuation
    ] as [([UInt8], Bool)])
    func validatesUTF8(_ bytes: [UInt8], valid: Bool) {
        #expect(CSVTextDecoder.isValidUTF8(Data(bytes)) == valid)
        // The same bytes after a long ASCII run (word fast path) and before one.
        let padding = Array(repeating: UInt8(ascii: "a"), count: 21)
        #expect(CSVTextDecoder.isValidUTF8(Data(padding + bytes + padding)) == valid)
        #expect(String(validating: bytes, as: UTF8.self) != nil || !valid)
    }

    @Test
    func chunkedValidationDoesNotSplitSequences() {
        let chunk = 8 << 20
        for offset in [chunk - 3, chunk - 2, chunk - 1, chunk] {
            var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: offset)
            bytes += [0xF0, 0x9F, 0x98, 0x80] + Array("tail".utf8)
            var reported: [Int] = []
            let valid = bytes.withUnsafeBytes {
                CSVTextDecoder.isValidUTF8($0, validated: { reported.append($0) })
            }
            #expect(valid)
            #expect(reported.last == bytes.count)
            #expect(reported == reported.sorted())
            bytes.removeLast(4)  // Truncate the sequence at the very end.
            bytes.removeLast(1)
            #expect(!bytes.withUnsafeBytes { CSVTextDecoder.isValidUTF8($0, validated: { _ in }) })
        }
    }

    @Test
    func windows1252HighHalfMatchesTheStandardTable() {
        let expected: [UInt8: Unicode.Scalar] = [
            0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ",
            0x89: "‰", 0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "\u{2018}", 0x92: "\u{2019}",
            0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "•", 0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™",
            0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
            // Undefined in Windows-1252: the C1 control of the same value.
            0x81: "\u{81}", 0x8D: "\u{8D}", 0x8F: "\u{8F}", 0x90: "\u{90}", 0x9D: "\u{9D}",
            // Latin-1 otherwise.
            0xA0: "\u{A0}", 0xE9: "é", 0xFF: "ÿ", 0x41: "A", 0x00: "\u{0}",
        ]
        for (byte, scalar) in expected {
            let (text, encoding) = CSVTextDecoder.decode(Data([byte, 0xE9]))
            #expect(encoding == .windows1252)
            #expect(String(decoding: text, as: UTF8.self) == String(scalar) + "é", "byte \(byte)")
        }
        let all = Data((0...255).map { UInt8($0) })
        let (text, encoding) = CSVTextDecoder.decode(all)
        #expect(encoding == .windows1252)
        #expect(String(decoding: text, as: UTF8.self).unicodeScalars.count == 256)
    }

    @Test
    func decodesDataInPlaceWhenPossible() {
        let plain = Data("a,b".utf8)
        #expect(CSVTextDecoder.decode(plain) == (plain, .utf8))
        let (text, encoding) = CSVTextDecoder.decode(Data([0xEF, 0xBB, 0xBF] + Array("a,é".utf8)))
        #expect(encoding == .utf8BOM)
        #expect(Array(text) == Array("a,é".utf8))
    }

    @Test(arguments: [false, true])
    func decodesUTF16(bigEndian: Bool) {
        let source = "ça, 😀 \u{FEFF}x"
        let (text, encoding) = CSVTextDecoder.decode(Data(utf16Bytes(source, bigEndian: bigEndian)))
        #expect(encoding == (bigEndian ? .utf16BE : .utf16LE))
        #expect(String(decoding: text, as: UTF8.self) == source)
    }

    @Test
    func replacesBrokenUTF16() {
        // Lone high surrogate, lone low surrogate, high surrogate at the end, odd byte.
        let units: [UInt16] = [0x0041, 0xD800, 0x0042, 0xDC00, 0x0043, 0xD83D]
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in units { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        bytes.append(0x44)
        let (text, encoding) = CSVTextDecoder.decode(Data(bytes))
        #expect(encoding == .utf16LE)
        #expect(String(decoding: text, as: UTF8.self) == "A\u{FFFD}B\u{FFFD}C\u{FFFD}\u{FFFD}")
    }

    @Test
    func invalidTextAfterUTF8BOMIsWindows1252() {
        let (text, encoding) = CSVTextDecoder.decode(Data([0xEF, 0xBB, 0xBF, 0x63, 0x61, 0x66, 0xE9]))
        #expect(encoding == .windows1252)
        #expect(String(decoding: text, as: UTF8.self) == "café")
    }

    @Test
    func encodingNames() {
        #expect(TextEncoding.allCases.map(\.description)
            == ["UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE", "Windows-1252"])
        #expect(TextEncoding.allCases.filter(\.isTranscoded) == [.utf16LE, .utf16BE, .windows1252])
    }
}
