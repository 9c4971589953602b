import Testing
import SurveyCore

struct CSVWriterTests {
    @Test(arguments: [
        ("plain", ",", "plain"),
        ("", ",", ""),
        ("a,b", ",", "\"a,b\""),
        ("a;b", ",", "a;b"),
        ("a;b", ";", "\"a;b\""),
        ("a\tb", "\t", "\"a\tb\""),
        ("say \"hi\"", ",", "\"say \"\"hi\"\"\""),
        ("line\nbreak", ",", "\"line\nbreak\""),
        ("cr\rhere", ",", "\"cr\rhere\""),
        (" lead", ",", "\" lead\""),
        ("trail ", ",", "\"trail \""),
        ("\ttab", ",", "\"\ttab\""),
        ("in side", ",", "in side"),
        ("naïve 😀", ",", "naïve 😀"),
    ] as [(String, Character, String)])
    func escapesWhenNeeded(_ field: String, delimiter: Character, expected: String) {
        #expect(CSVWriter.escape(field, delimiter: delimiter.asciiValue!) == expected)
    }

    @Test(arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""),
        ("a=b", "a=b"),
        ("", ""),
        ("safe", "safe"),
    ])
    func neutralizesFormulas(_ field: String, expected: String) {
        #expect(CSVWriter.escape(field, neutralizeFormulas: true) == expected)
        #expect(CSVWriter.escape(field) == CSVWriter.escape(field, neutralizeFormulas: false))
    }

    @Test
    func joinsALine() {
        #expect(CSVWriter.line(["a", "b,c", ""]) == "a,\"b,c\",")
        #expect(CSVWriter.line(["a", "b,c"], delimiter: UInt8(ascii: ";")) == "a;b,c")
        #expect(CSVWriter.line(["=1", "x"], neutralizeFormulas: true) == "'=1,x")
        #expect(CSVWriter.line([""]) == "\"\"")
        #expect(CSVWriter.line([String]()) == "")
    }

    @Test
    func writtenLinesReadBack() throws {
        let rows = [["id", "note"], ["1", "a \"quoted\", multi\r\nline value"], ["2", " padded "], ["3", ""]]
        let text = rows.map { CSVWriter.line($0) }.joined(separator: "\r\n")
        let (parsed, _) = try parseAll(text)
        #expect(parsed.header == rows[0])
        #expect(parsed.rows == Array(rows.dropFirst()))
    }
}
