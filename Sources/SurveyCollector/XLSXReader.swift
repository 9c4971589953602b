import Foundation
import SurveyCore
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Converts the first visible sheet of an `.xlsx` workbook (Microsoft Forms downloads, Google
/// Sheets exports) into CSV text, so the response reader handles it exactly like a CSV export.
///
/// ## Why CSV in memory
///
/// The reader's validation, diagnostics and rejects file are all built on ``CSVRecord``; turning
/// the sheet into RFC 4180 text once (workbooks from form platforms are small: a few MB for tens
/// of thousands of responses) reuses all of it without a second row abstraction on the hot path.
/// Each sheet row becomes one CSV line and missing rows become blank lines, so a diagnostic's
/// line number is the spreadsheet's row number (unless a cell above holds a line break).
///
/// ## What it reads
///
/// - Shared strings (`t="s"`, including rich-text runs), inline strings (`t="inlineStr"`),
///   formula strings (`t="str"`), booleans (`TRUE`/`FALSE`) and numbers as written.
/// - Numbers whose cell style is a date or time format (built-in formats 14–22 and 45–47, or a
///   custom format with day, month, year or hour codes) are Excel serial dates: they become
///   `YYYY-MM-DD HH:MM:SS`, read in the import's time zone; the 1904 date system is honoured.
/// - The first sheet whose `state` is not `hidden` or `veryHidden`.
/// - Cell references (`AB12`) place cells, so skipped cells stay blank; rows shorter than the
///   header are padded to its width.
package enum XLSXReader {
    /// Whether the bytes start like a ZIP archive (`PK\u{3}\u{4}`), as every `.xlsx` does.
    package static func isWorkbook(_ data: Data) -> Bool {
        data.count >= 4 && data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    /// Whether the file at `url` starts like a ZIP archive.
    package static func isWorkbook(at url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return isWorkbook((try? handle.read(upToCount: 4)) ?? Data())
    }

    /// The most one part of a workbook (a sheet, its shared strings) may unpack to. Excel's own
    /// sheets stop at 1,048,576 rows; a part past this is not a survey export but a ZIP bomb.
    package static let maximumPartSize = 1 << 30

    /// The first visible sheet of a workbook as UTF-8 CSV text.
    /// - Throws: ``CSVError`` (code `.noHeader`) when the file is not a readable workbook or has
    ///   no visible sheet, with a message saying which part is missing.
    /// - Parameter maximumPartSize: The most one part may unpack to (see ``maximumPartSize``).
    package static func csv(from data: Data, file: String, maximumPartSize: Int = XLSXReader.maximumPartSize) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw failure("'\(file)' looks like a ZIP file but cannot be opened as an .xlsx workbook")
        }
        struct TooLarge: Error {}
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                // Counted as it unpacks: a part's declared size can lie (a ZIP bomb).
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    guard bytes.count + chunk.count <= maximumPartSize else { throw TooLarge() }
                    bytes.append(chunk)
                }
            } catch is TooLarge {
                throw failure("'\(path)' in the workbook '\(file)' unpacks to more than \(maximumPartSize >= 1_048_576 ? "\(maximumPartSize / 1_048_576) MB" : "\(maximumPartSize) bytes") (the limit for one part of an .xlsx; export the sheet as CSV instead)")
            } catch {
                throw failure("cannot unpack '\(path)' from the workbook '\(file)'")
            }
            return bytes
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw failure("'\(file)' is a ZIP file without xl/workbook.xml (expected an .xlsx workbook)")
        }
        let workbook = WorkbookParser.parse(workbookXML)
        let relations = try part("xl/_rels/workbook.xml.rels").map(RelationshipsParser.parse) ?? [:]
        guard let sheet = workbook.sheets.first(where: { $0.state != "hidden" && $0.state != "veryHidden" }) else {
            throw failure("the workbook '\(file)' has no visible sheet")
        }
        var target = relations[sheet.relationID] ?? "worksheets/sheet1.xml"
        target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheetXML = try part(target) else {
            throw failure("the workbook '\(file)' names sheet '\(sheet.name)' at '\(target)', which it does not contain")
        }
        let strings = try part("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        let dateStyles = try part("xl/styles.xml").map(StylesParser.parseDateStyles) ?? []
        let rows = SheetParser.parse(sheetXML, strings: strings, dateStyles: dateStyles, date1904: workbook.date1904)
        return Data(csvText(rows).utf8)
    }

    static func failure(_ message: String) -> CSVError {
        CSVError(code: .noHeader, line: 0, column: 0, message: message)
    }

    /// Rows (by 1-based row number) as CSV: blank lines for missing rows, data rows padded to the header's width.
    static func csvText(_ rows: [(number: Int, cells: [String])]) -> String {
        let width = rows.first?.cells.count ?? 0
        var text = ""
        var line = 1
        for row in rows {
            while line < row.number {
                text += "\r\n"
                line += 1
            }
            var cells = row.cells
            if cells.count < width { cells += Array(repeating: "", count: width - cells.count) }
            text += cells.map { CSVWriter.escape($0) }.joined(separator: ",") + "\r\n"
            line += 1
        }
        return text
    }

    /// The 0-based column of a cell reference such as `AB12` (27), or nil.
    static func columnIndex(of reference: String) -> Int? {
        var value = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            value = value * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : value - 1
    }

    /// An Excel serial date as `YYYY-MM-DD HH:MM:SS`, rounded to the second.
    static func timestamp(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = Int64((serial * 86_400).rounded())
        // Serial 0 is 1899-12-30 in the 1900 system (Excel's phantom 29 February 1900 included),
        // and 1904-01-01 in the 1904 system.
        let epochDays: Int64 = date1904 ? -24_107 : -25_569
        let days = seconds / 86_400 + epochDays
        let civil = CivilCalendar.civilFromDays(days)
        let time = seconds % 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(civil.year)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(Int64(civil.month)))-\(two(Int64(civil.day))) "
            + "\(two(time / 3600)):\(two(time % 3600 / 60)):\(two(time % 60))"
    }
}

// MARK: - Parts of the workbook

/// Collects the text of elements named `t` (the text runs of a string), skipping phonetic runs.
private class TextCollector: NSObject {
    var text = ""
    var inText = false
    var phonetic = 0

    func startText(_ name: String) {
        if name == "rPh" { phonetic += 1 }
        if name == "t", phonetic == 0 { inText = true }
    }

    func endText(_ name: String) {
        if name == "rPh" { phonetic -= 1 }
        if name == "t" { inText = false }
    }
}

private final class WorkbookParser: NSObject, XMLParserDelegate {
    struct Sheet { var name: String; var state: String; var relationID: String }
    var sheets: [Sheet] = []
    var date1904 = false

    static func parse(_ data: Data) -> WorkbookParser {
        let delegate = WorkbookParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "sheet":
            let relation = attributes.first { localName($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
            sheets.append(Sheet(name: attributes["name"] ?? "", state: attributes["state"] ?? "visible", relationID: relation))
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        default:
            break
        }
    }
}

private final class RelationshipsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        let delegate = RelationshipsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.targets
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if localName(elementName) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

private final class SharedStringsParser: TextCollector, XMLParserDelegate {
    var strings: [String] = []

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        let name = localName(elementName)
        if name == "si" { text = "" }
        startText(name)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = localName(elementName)
        endText(name)
        if name == "si" { strings.append(text) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text += string }
    }
}

private final class StylesParser: NSObject, XMLParserDelegate {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    var inCellXfs = false

    /// Indices of the cell styles (`s` attribute) that format a number as a date or time.
    static func parseDateStyles(_ data: Data) -> Set<Int> {
        let delegate = StylesParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        var result: Set<Int> = []
        for (index, format) in delegate.cellFormats.enumerated() where isDateFormat(format, custom: delegate.customFormats[format]) {
            result.insert(index)
        }
        return result
    }

    static func isDateFormat(_ id: Int, custom: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id) { return true }
        guard let code = custom else { return false }
        // Drop quoted text, escapes and [colour]/[locale] sections before looking for date codes.
        var plain = ""
        var quoted = false, bracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted, !bracket { plain.append(character) }
            }
        }
        return plain.lowercased().contains { "dmyhs".contains($0) }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if localName(elementName) == "cellXfs" { inCellXfs = false }
    }
}

private final class SheetParser: TextCollector, XMLParserDelegate {
    let strings: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    var rows: [(number: Int, cells: [String])] = []
    var cells: [String] = []
    var rowNumber = 0
    var cell: (column: Int, type: String, style: Int)?
    var value = ""
    var inValue = false

    init(strings: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    static func parse(_ data: Data, strings: [String], dateStyles: Set<Int>, date1904: Bool) -> [(number: Int, cells: [String])] {
        let delegate = SheetParser(strings: strings, dateStyles: dateStyles, date1904: date1904)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.rows
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        let name = localName(elementName)
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
        case "c":
            let column = attributes["r"].flatMap(XLSXReader.columnIndex(of:)) ?? cells.count
            cell = (column, attributes["t"] ?? "n", attributes["s"].flatMap(Int.init) ?? 0)
            value = ""
            text = ""
        case "v":
            inValue = true
        default:
            startText(name)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = localName(elementName)
        switch name {
        case "v":
            inValue = false
        case "c":
            guard let current = cell else { return }
            let content: String
            switch current.type {
            case "s": content = Int(value).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
            case "inlineStr": content = text
            case "b": content = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
            case "n" where dateStyles.contains(current.style):
                content = Double(value).flatMap { XLSXReader.timestamp(serial: $0, date1904: date1904) } ?? value
            default: content = value
            }
            if current.column >= cells.count { cells += Array(repeating: "", count: current.column - cells.count + 1) }
            cells[current.column] = content
            cell = nil
        case "row":
            rows.append((rowNumber, cells))
        default:
            endText(name)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string } else if inText { text += string }
    }
}

private func localName(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
}
