import Foundation
import Testing
@testable import SurveyCollector

/// One row of the conformance table: input bytes and what the reader must make of them.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var header: [String]
    var rows: [[String]]
    /// Physical start line of each data row (unchecked when nil).
    var lines: [Int]?
    var encoding: TextEncoding = .utf8
    var delimiter: Character = ","
    var trailingDelimiter = false

    init(_ name: String, _ input: String, header: [String], rows: [[String]], lines: [Int]? = nil,
         delimiter: Character = ",", trailingDelimiter: Bool = false) {
        self.init(name, Array(input.utf8), header: header, rows: rows, lines: lines, encoding: .utf8,
                  delimiter: delimiter, trailingDelimiter: trailingDelimiter)
    }

    init(_ name: String, _ input: [UInt8], header: [String], rows: [[String]], lines: [Int]? = nil,
         encoding: TextEncoding, delimiter: Character = ",", trailingDelimiter: Bool = false) {
        self.name = name
        self.input = input
        self.header = header
        self.rows = rows
        self.lines = lines
        self.encoding = encoding
        self.delimiter = delimiter
        self.trailingDelimiter = trailingDelimiter
    }

    var testDescription: String { name }
}

let conformanceCases: [ConformanceCase] = [
    // Basic RFC 4180.
    .init("plain fields", "a,b,c\n1,2,3\n4,5,6\n", header: ["a", "b", "c"], rows: [["1", "2", "3"], ["4", "5", "6"]],
          lines: [2, 3]),
    .init("no final line break", "a,b\n1,2", header: ["a", "b"], rows: [["1", "2"]], lines: [2]),
    .init("delimiter inside quotes", "a,b\n\"x,y\",z\n", header: ["a", "b"], rows: [["x,y", "z"]]),
    .init("doubled quotes", "a,b\n\"he said \"\"hi\"\"\",\"\"\"\"\n", header: ["a", "b"],
          rows: [["he said \"hi\"", "\""]]),
    .init("LF inside quotes", "a,b\n\"line1\nline2\",2\n3,4\n", header: ["a", "b"],
          rows: [["line1\nline2", "2"], ["3", "4"]], lines: [2, 4]),
    .init("CRLF inside quotes and as line end", "a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", header: ["a", "b"],
          rows: [["x\r\ny", "2"], ["3", "4"]], lines: [2, 4]),
    .init("lone CR inside quotes", "a,b\n\"x\ry\",2\n3,4\n", header: ["a", "b"],
          rows: [["x\ry", "2"], ["3", "4"]], lines: [2, 4]),
    .init("CR line ends", "a,b\r1,2\r3,4\r", header: ["a", "b"], rows: [["1", "2"], ["3", "4"]], lines: [2, 3]),
    .init("mixed line ends", "a,b\n1,2\r\n3,4\r5,6", header: ["a", "b"],
          rows: [["1", "2"], ["3", "4"], ["5", "6"]], lines: [2, 3, 4]),
    .init("empty fields", "a,b,c\n,,\n1,,\n", header: ["a", "b", "c"], rows: [["", "", ""], ["1", "", ""]]),
    .init("quoted empty field", "a,b\n\"\",x\n", header: ["a", "b"], rows: [["", "x"]]),
    .init("single column with quoted empty value", "a\n\"\"\nx\n", header: ["a"], rows: [[""], ["x"]],
          lines: [2, 3]),
    .init("unicode content", "naïve,日本\n😀,\"é,ü\"\n", header: ["naïve", "日本"], rows: [["😀", "é,ü"]]),

    // Real-world leniency.
    .init("quote inside unquoted field kept", "a,b\nab\"c,d\"\n", header: ["a", "b"], rows: [["ab\"c", "d\""]]),
    .init("text after closing quote kept", "a,b\n\"ab\"c,\"x\" \n", header: ["a", "b"], rows: [["abc", "x "]]),
    .init("escaped quote then text after closing quote", "a\n\"a\"\"b\"c\n", header: ["a"], rows: [["a\"bc"]]),
    .init("data fields are not trimmed", "a,b\n 1 ,\t2\t\n", header: ["a", "b"], rows: [[" 1 ", "\t2\t"]]),
    .init("header names are trimmed", " a , b\t,\" c \"\n1,2,3\n", header: ["a", "b", "c"], rows: [["1", "2", "3"]]),
    .init("blank lines skipped and counted", "a,b\n\n1,2\n   \n\r\n\t\n3,4\n\n\n", header: ["a", "b"],
          rows: [["1", "2"], ["3", "4"]], lines: [3, 7]),
    .init("blank lines before the header", "\n \r\na,b\n1,2\n", header: ["a", "b"], rows: [["1", "2"]], lines: [4]),
    .init("header only", "a,b\n", header: ["a", "b"], rows: []),
    .init("fewer fields than the header reported", "a,b,c\n1,2\n", header: ["a", "b", "c"], rows: [["1", "2"]]),
    .init("more fields than the header reported", "a,b\n1,2,3\n", header: ["a", "b"], rows: [["1", "2", "3"]]),
    .init("extra blank field beyond the header dropped", "a,b\n1,2,\n1,2, \n", header: ["a", "b"],
          rows: [["1", "2"], ["1", "2"]]),
    .init("extra quoted empty field beyond the header kept", "a,b\n1,2,\"\"\n", header: ["a", "b"],
          rows: [["1", "2", ""]]),
    .init("two extra fields reported", "a,b\n1,2,,\n", header: ["a", "b"], rows: [["1", "2", ""]]),
    .init("trailing delimiter on every line", "a,b,\n1,2,\n,,\n3,4\n", header: ["a", "b"],
          rows: [["1", "2"], ["", ""], ["3", "4"]], trailingDelimiter: true),
    .init("trailing delimiter and stray spaces in the header", "a , b , \n1,2,\n", header: ["a", "b"],
          rows: [["1", "2"]], trailingDelimiter: true),
    .init("empty last field within the header count kept", "a,b,c\n1,2,\n", header: ["a", "b", "c"],
          rows: [["1", "2", ""]]),

    // Delimiter detection.
    .init("semicolon detected", "a;b;c\n1;2,5;3\n", header: ["a", "b", "c"], rows: [["1", "2,5", "3"]], delimiter: ";"),
    .init("tab detected", "a\tb\tc\n1\t2\t3\n", header: ["a", "b", "c"], rows: [["1", "2", "3"]], delimiter: "\t"),
    .init("most fields wins", "name;comment, note;x\n1;2;3\n", header: ["name", "comment, note", "x"],
          rows: [["1", "2", "3"]], delimiter: ";"),
    .init("tie goes to comma", "a,b;c\n1,2;3\n", header: ["a", "b;c"], rows: [["1", "2;3"]]),
    .init("no delimiter means comma", "a\n1;2\n", header: ["a"], rows: [["1;2"]]),
    .init("delimiters inside quotes not counted", "\"a;b;c\",d\n1,2\n", header: ["a;b;c", "d"], rows: [["1", "2"]]),
    .init("quote inside an unquoted header name does not open quotes", "a\"b;c;d,e\n1;2;3,4\n",
          header: ["a\"b", "c", "d,e"], rows: [["1", "2", "3,4"]], delimiter: ";"),
    .init("escaped quote and delimiters inside a quoted header name", "\"a\"\",;b\";c\n1;2\n",
          header: ["a\",;b", "c"], rows: [["1", "2"]], delimiter: ";"),
    .init("tab-only lines before a tab-delimited header are blank", "\t\t\na\tb\n1\t2\n", header: ["a", "b"],
          rows: [["1", "2"]], lines: [3], delimiter: "\t"),
    .init("tab delimiter keeps tab-only lines", "a\tb\n\t\n", header: ["a", "b"], rows: [["", ""]], delimiter: "\t"),

    // Encodings.
    .init("UTF-8 BOM stripped", [0xEF, 0xBB, 0xBF] + Array("a,b\n1,é\n".utf8), header: ["a", "b"],
          rows: [["1", "é"]], encoding: .utf8BOM),
    .init("UTF-8 BOM with trailing delimiter (Qualtrics legacy)", [0xEF, 0xBB, 0xBF] + Array("V1,V2,\r\nx,y,\r\n".utf8),
          header: ["V1", "V2"], rows: [["x", "y"]], encoding: .utf8BOM, trailingDelimiter: true),
    .init("UTF-16 LE with BOM", utf16Bytes("név\tb\r\n1\t\"😀\"\r\n", bigEndian: false), header: ["név", "b"],
          rows: [["1", "😀"]], encoding: .utf16LE, delimiter: "\t"),
    .init("UTF-16 BE with BOM", utf16Bytes("a;b\n€;ü\n", bigEndian: true), header: ["a", "b"], rows: [["€", "ü"]],
          encoding: .utf16BE, delimiter: ";"),
    .init("Windows-1252 letters and curly quotes", Array("caf".utf8) + [0xE9] + Array(",q\n".utf8)
            + [0x93] + Array("hi".utf8) + [0x94, 0x2C, 0x80, 0x0A],
          header: ["café", "q"], rows: [["\u{201C}hi\u{201D}", "€"]], encoding: .windows1252),
    .init("Windows-1252 apostrophe (Microsoft Forms)", Array("a,b\n1,Computer Science".utf8) + [0x92]
            + Array("s \n".utf8),
          header: ["a", "b"], rows: [["1", "Computer Science\u{2019}s "]], encoding: .windows1252),
]

struct CSVReaderTests {
    @Test(arguments: conformanceCases)
    func conformsToTable(_ testCase: ConformanceCase) throws {
        let (parsed, reader) = try parseAll(testCase.input)
        #expect(parsed.header == testCase.header)
        #expect(parsed.rows == testCase.rows)
        if let lines = testCase.lines { #expect(parsed.lines == lines) }
        #expect(reader.detectedEncoding == testCase.encoding)
        #expect(reader.delimiter == testCase.delimiter.asciiValue)
        #expect(reader.headerHasTrailingDelimiter == testCase.trailingDelimiter)
    }

    @Test(arguments: conformanceCases)
    func readsTheSameFromAFile(_ testCase: ConformanceCase) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(testCase.input, named: "input.csv")
        var reader = try CSVReader(contentsOf: file)
        var record = CSVRecord()
        var rows: [[String]] = []
        while try reader.nextRecord(into: &record) { rows.append(record.strings()) }
        #expect(reader.header == testCase.header)
        #expect(rows == testCase.rows)
        #expect(reader.detectedEncoding == testCase.encoding)
    }

    @Test
    func delimiterCanBeOverridden() throws {
        let (parsed, reader) = try parseAll("a;b,c\n1;2,3\n", delimiter: UInt8(ascii: ","))
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(parsed.header == ["a;b", "c"])
        #expect(parsed.rows == [["1;2", "3"]])
    }

    @Test(arguments: [UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xC3])
    func rejectsUnusableDelimiter(_ delimiter: UInt8) {
        let error = #expect(throws: CSVError.self) { try parseAll("a,b\n", delimiter: delimiter) }
        #expect(error?.code == .invalidDelimiter)
        #expect(error?.line == 0)
    }

    // MARK: Positions

    @Test
    func fieldLocationsCountScalarsNotBytes() throws {
        let (record, _) = try firstRecord("a,b,c\nnév,😀x,\"q\"\n")
        #expect(record.location(0) == (2, 1))
        #expect(record.location(1) == (2, 5))
        #expect(record.location(2) == (2, 8))
    }

    @Test
    func fieldAfterEmbeddedLineBreakHasItsOwnLine() throws {
        let (record, _) = try firstRecord("a,b,c,d\n1,\"x\ny\r\nzé\",3,\"\r\n\"\n")
        #expect(record.line == 2)
        #expect(record.location(0) == (2, 1))
        #expect(record.location(1) == (2, 3))
        #expect(record.location(2) == (4, 5))
        #expect(record.location(3) == (4, 7))
    }

    @Test
    func recordLinesCountBreaksInsideQuotesAndBlankLines() throws {
        let text = "a,b\r\n\r\n\"1\r2\",\"3\n\n4\"\n\n\r5,6\n"
        let (parsed, _) = try parseAll(text)
        #expect(parsed.rows == [["1\r2", "3\n\n4"], ["5", "6"]])
        #expect(parsed.lines == [3, 9])
    }

    @Test
    func headerFieldLocations() throws {
        let (_, reader) = try parseAll(Array([0xEF, 0xBB, 0xBF] + Array("\n id ,\"naïve\",x\n".utf8)))
        #expect(reader.headerRecord.line == 2)
        #expect(reader.headerRecord.location(0) == (2, 1))
        #expect(reader.headerRecord.location(2) == (2, 14))
        #expect(reader.headerRecord.string(0) == " id ")
        #expect(reader.header == ["id", "naïve", "x"])
    }

    @Test
    func locationsInTranscodedInputCountCharacters() throws {
        var reader = try CSVReader(bytes: Data(utf16Bytes("a,b\nçà,x\n", bigEndian: false)))
        var record = CSVRecord()
        #expect(try reader.nextRecord(into: &record))
        #expect(record.location(1) == (2, 4))
    }

    @Test
    func locationsAfterTextFollowingAClosingQuote() throws {
        let (record, _) = try firstRecord("a,b\n\"x\ny\"z,w\n")
        #expect(record.string(0) == "x\nyz")
        #expect(record.location(1) == (3, 5))
    }

    // MARK: Errors

    @Test(arguments: [
        ("a,b\n1,\"abc\n", "2:3: unterminated quoted field starting here"),
        ("a,\"b\n", "1:3: unterminated quoted field starting here"),
        ("a,b\n1,\"x\"\"\n\n", "2:3: unterminated quoted field starting here"),
        ("a,b\n\n é,\"x\ny\",\"\n", "4:4: unterminated quoted field starting here"),
        ("a\n\"", "2:1: unterminated quoted field starting here"),
    ])
    func reportsUnterminatedQuoteWhereItOpened(_ input: String, expected: String) {
        let error = #expect(throws: CSVError.self) { try parseAll(input) }
        #expect(error?.description == expected)
        #expect(error?.code == .unterminatedQuote)
    }

    @Test(arguments: ["", "\n\n", "  \r\n\t\n"])
    func rejectsInputWithoutHeader(_ input: String) {
        let error = #expect(throws: CSVError.self) { try parseAll(input) }
        #expect(error?.code == .noHeader)
        #expect(error?.message == "no header line: the file is empty or blank")
    }

    @Test
    func errorsAreSticky() throws {
        var reader = try CSVReader(bytes: Data("a\n1\n\"x".utf8))
        var record = CSVRecord()
        #expect(try reader.nextRecord(into: &record))
        let first = #expect(throws: CSVError.self) { try reader.nextRecord(into: &record) }
        let second = #expect(throws: CSVError.self) { try reader.nextRecord(into: &record) }
        #expect(first != nil && first == second)
    }

    @Test
    func errorConvertsToDiagnostic() {
        let error = CSVError(code: .fieldTooLong, line: 3, column: 7, message: "field longer than 1048576 bytes")
        #expect(error.diagnostic(file: "june.csv").description
            == "june.csv:3:7: error: field longer than 1048576 bytes")
        let unplaced = CSVError(code: .invalidDelimiter, line: 0, column: 0, message: "invalid delimiter")
        #expect(unplaced.description == "invalid delimiter")
        #expect(unplaced.diagnostic(file: "x.csv").location == nil)
    }

    // MARK: Limits

    @Test
    func acceptsFieldOfExactlyTheLimit() throws {
        let big = String(repeating: "x", count: CSVReader.maxFieldBytes)
        let (record, _) = try firstRecord("a,b\n1,\(big)\n")
        record.withField(1) { #expect($0.count == CSVReader.maxFieldBytes) }
        let quoted = "\"" + String(repeating: "\"\"", count: CSVReader.maxFieldBytes) + "\""
        let (escaped, _) = try firstRecord("a\n\(quoted)\n")
        #expect(escaped.withField(0) { $0.count } == CSVReader.maxFieldBytes)
    }

    @Test(arguments: [
        ("a,b\né,\(String(repeating: "x", count: 1_048_577))\n", "2:3: field longer than 1048576 bytes"),
        ("a,b\n1,\"\(String(repeating: "y", count: 1_048_577))\"\n", "2:3: field longer than 1048576 bytes"),
        ("a\n\"\(String(repeating: "\"\"", count: 1_048_577))\"\n", "2:1: field longer than 1048576 bytes"),
        ("a\n\"\"\"\(String(repeating: "z", count: 1_048_576))\"\n", "2:1: field longer than 1048576 bytes"),
        ("\(String(repeating: "h", count: 1_048_577)),b\n", "1:1: field longer than 1048576 bytes"),
    ])
    func rejectsFieldOverTheLimit(_ input: String, expected: String) {
        let error = #expect(throws: CSVError.self) { try parseAll(input) }
        #expect(error?.description == expected)
        #expect(error?.code == .fieldTooLong)
    }

    @Test
    func acceptsHeaderOfExactlyTheColumnLimit() throws {
        let header = (0..<CSVReader.maxColumns).map { "c\($0)" }.joined(separator: ",")
        let (parsed, _) = try parseAll(header + "\n")
        #expect(parsed.header.count == CSVReader.maxColumns)
        #expect(parsed.header.last == "c9999")
    }

    @Test
    func rejectsHeaderOverTheColumnLimit() {
        let header = String(repeating: "c,", count: CSVReader.maxColumns) + "c\n"
        let error = #expect(throws: CSVError.self) { try parseAll(header) }
        #expect(error?.description == "1:20001: header has more than 10000 columns")
        #expect(error?.code == .tooManyColumns)
    }

    @Test
    func rejectsRecordOverTheColumnLimit() {
        let row = String(repeating: "1,", count: CSVReader.maxColumns) + "1\n"
        let error = #expect(throws: CSVError.self) { try parseAll("a,b\n\n" + row) }
        #expect(error?.description == "3:20001: record has more than 10000 fields")
    }

    // MARK: Record accessors

    @Test
    func trimmedAccessorsAndBlankness() throws {
        let (record, _) = try firstRecord("a,b,c,d\n  x y\t, ,\"\",\" 7 \"\n")
        #expect(record.string(0) == "  x y\t")
        #expect(record.trimmedString(0) == "x y")
        #expect(record.withTrimmedField(0) { Array($0) } == Array("x y".utf8))
        #expect(!record.isBlank(0))
        #expect(record.isBlank(1))
        #expect(record.isBlank(2))
        #expect(record.integer(3) == 7)
        #expect(record.isQuoted(2) && record.isQuoted(3) && !record.isQuoted(1))
    }

    @Test(arguments: [
        ("1", 1), ("-42", -42), ("+5", 5), (" 3 ", 3), ("9223372036854775807", Int.max),
        ("-9223372036854775808", Int.min),
    ])
    func parsesIntegers(_ text: String, expected: Int) throws {
        let (record, _) = try firstRecord("a\n\"\(text)\"\n")
        #expect(record.integer(0) == expected)
    }

    @Test(arguments: ["", " ", "-", "+", "1.5", "1e3", "x", "9223372036854775808", "--1", "1 2"])
    func rejectsNonIntegers(_ text: String) throws {
        let (record, _) = try firstRecord("a,b\n\"\(text)\",x\n")
        #expect(record.integer(0) == nil)
    }

    @Test
    func withFieldGivesUnescapedBytes() throws {
        let (record, _) = try firstRecord("a,b,c\nplain,\"q\"\"uote\",\"x,y\"\n")
        #expect(record.count == 3)
        #expect(record.withField(0) { Array($0) } == Array("plain".utf8))
        #expect(record.withField(1) { Array($0) } == Array("q\"uote".utf8))
        #expect(record.withField(2) { Array($0) } == Array("x,y".utf8))
    }

    @Test
    func recordIsReusedAndCopiesKeepTheirValues() throws {
        var reader = try CSVReader(bytes: Data("a,b\n\"x\"\"1\",y\n\"z\"\"2\",w\n".utf8))
        var record = CSVRecord()
        #expect(try reader.nextRecord(into: &record))
        let copy = record
        #expect(try reader.nextRecord(into: &record))
        #expect(copy.strings() == ["x\"1", "y"])
        #expect(record.strings() == ["z\"2", "w"])
        #expect(try !reader.nextRecord(into: &record))
        #expect(record.strings() == ["z\"2", "w"])
    }

    @Test
    func recordCanMoveBetweenReaders() throws {
        var first = try CSVReader(bytes: Data("a,b\n\"x\"\"\",y\n".utf8))
        var second = try CSVReader(bytes: Data("c\n".utf8))
        var record = CSVRecord()
        #expect(try first.nextRecord(into: &record))
        #expect(try !second.nextRecord(into: &record))
        #expect(record.strings() == ["x\"", "y"])
        var third = try CSVReader(bytes: Data("c\nzz\n".utf8))
        #expect(try third.nextRecord(into: &record))
        #expect(record.strings() == ["zz"])
    }

    @Test
    func wideRecordsGrowTheBuffers() throws {
        let count = 5_000
        let header = (0..<count).map { "h\($0)" }.joined(separator: ",")
        let row = (0..<count).map { "\"v\"\"\($0)\"" }.joined(separator: ",")
        let (parsed, _) = try parseAll(header + "\n" + row + "\n" + row)
        #expect(parsed.rows.count == 2)
        #expect(parsed.rows[1].count == count)
        #expect(parsed.rows[1][4_999] == "v\"4999")
    }

    @Test
    func currentLineFollowsTheReader() throws {
        var reader = try CSVReader(bytes: Data("a\n1\n\"2\n\"\n".utf8))
        #expect(reader.currentLine == 2)
        var record = CSVRecord()
        _ = try reader.nextRecord(into: &record)
        #expect(reader.currentLine == 3)
        _ = try reader.nextRecord(into: &record)
        #expect(reader.currentLine == 5)
    }

    // MARK: Files

    @Test
    func readsLargeMappedFileAcrossValidationChunks() throws {
        // More than one 8 MiB validation chunk and page-release step, with
        // multibyte characters throughout.
        var text = "id,name,score\n"
        let rows = 400_000
        for i in 0..<rows { text += "\(i),\"Zoë \(i % 97), \"\"ok\"\"\",\(i % 5 + 1)\n" }
        let directory = try TemporaryDirectory()
        let file = try directory.write(Array(text.utf8), named: "big.csv")
        var reader = try CSVReader(contentsOf: file)
        var record = CSVRecord()
        var seen = 0
        var sum = 0
        while try reader.nextRecord(into: &record) {
            #expect(record.count == 3)
            sum += record.integer(2) ?? 0
            if seen == rows - 1 {
                #expect(record.string(1) == "Zoë \((rows - 1) % 97), \"ok\"")
                #expect(record.line == rows + 1)
            }
            seen += 1
        }
        #expect(seen == rows)
        #expect(sum == (0..<rows).reduce(0) { $0 + $1 % 5 + 1 })
        #expect(reader.detectedEncoding == .utf8)
    }

    @Test
    func largeFileWithInvalidByteNearTheEndIsWindows1252() throws {
        var bytes = Array("a,b\n".utf8)
        bytes.reserveCapacity(14_100_000)
        let row = Array("123,é\n".utf8)
        for _ in 0..<2_000_000 { bytes += row }
        bytes += Array("x,".utf8) + [0xE9] + [0x0A]
        let directory = try TemporaryDirectory()
        let file = try directory.write(bytes, named: "latin.csv")
        var reader = try CSVReader(contentsOf: file)
        var record = CSVRecord()
        var last = ""
        var rows = 0
        while try reader.nextRecord(into: &record) {
            last = record.string(1)
            rows += 1
        }
        #expect(reader.detectedEncoding == .windows1252)
        #expect(rows == 2_000_001)
        #expect(last == "é")
    }

    @Test
    func emptyFileHasNoHeader() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write([], named: "empty.csv")
        let error = #expect(throws: CSVError.self) { try CSVReader(contentsOf: file) }
        #expect(error?.code == .noHeader)
    }

    @Test
    func missingFileThrowsFileSystemError() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: (any Error).self) {
            try CSVReader(contentsOf: directory.url.appendingPathComponent("missing.csv"))
        }
    }

    @Test
    func readerOutlivesItsRecordsAndViceVersa() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write([0xEF, 0xBB, 0xBF] + Array("a,b\n\"x\",y\n".utf8), named: "bom.csv")
        var record = CSVRecord()
        do {
            var reader = try CSVReader(contentsOf: file)
            #expect(try reader.nextRecord(into: &record))
        }
        // The reader is gone; the record keeps the mapping alive.
        #expect(record.strings() == ["x", "y"])
        #expect(record.location(1) == (2, 5))
    }

    // MARK: Real exports (optional)

    /// The study set of genuine platform exports next to the project, when present.
    static let realExports = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/real-exports").standardizedFileURL

    @Test(.enabled(if: FileManager.default.fileExists(atPath: realExports.path)), arguments: [
        ("google-forms/uva_ds4002_sp24_survey_results.csv", TextEncoding.utf8, 7, 91, false),
        ("ms-forms/uva_ds4002_Hot-Dog-Form-Fa24.csv", .windows1252, 8, 187, false),
        ("qualtrics/qualtRics_sample.csv", .utf8, 20, 3, false),
        ("qualtrics/qualtRics_sample_legacy.csv", .utf8BOM, 15, 2, true),
        ("surveymonkey/538_religion-survey-results.csv", .utf8, 48, 1040, false),
        ("surveymonkey/538_steak-risk-survey.csv", .utf8, 15, 551, false),
    ])
    func readsRealPlatformExports(_ path: String, encoding: TextEncoding, columns: Int, rows: Int,
                                  trailingDelimiter: Bool) throws {
        var reader = try CSVReader(contentsOf: Self.realExports.appendingPathComponent(path))
        #expect(reader.detectedEncoding == encoding)
        #expect(reader.header.count == columns)
        #expect(reader.headerHasTrailingDelimiter == trailingDelimiter)
        var record = CSVRecord()
        var count = 0
        while try reader.nextRecord(into: &record) {
            #expect(record.count == columns, "line \(record.line)")
            count += 1
        }
        #expect(count == rows)
    }
}
