import Foundation
import SurveyCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A LimeSurvey survey structure (`.lss`): its groups, questions, sub-questions and answer
/// options in the survey's base language.
///
/// Reads both layouts LimeSurvey has written: 3.x, where texts sit in the `groups`,
/// `questions` and `answers` rows with a `language` column, and 4.x and later (5, 6), where
/// they sit in the `group_l10ns`, `question_l10ns` and `answer_l10ns` tables.
public struct LimeSurveyStructure: Sendable, Hashable {
    /// One answer option of a list or array question.
    public struct AnswerOption: Sendable, Hashable {
        /// The code exports write with "answer codes" (`A1`).
        public var code: String
        /// The text exports write with "full answers" (`Strongly agree`).
        public var text: String
        /// The assessment value, 0 when the survey sets none.
        public var assessmentValue: Int
        /// The scale it belongs to (1 only for the second scale of a dual-scale array).
        public var scale: Int
    }

    /// One sub-question: a row of an array, an option of a multiple-choice question.
    public struct SubQuestion: Sendable, Hashable {
        /// Its code, written in brackets after the question's: `G01Q02[SQ001]`.
        public var code: String
        /// Its text, written in brackets after the question text in full headings.
        public var text: String
        /// The axis it belongs to (1 for the columns of a two-axis array).
        public var scale: Int
    }

    /// One question, with its sub-questions and answer options in survey order.
    public struct Question: Sendable, Hashable {
        /// LimeSurvey's question type letter: `F` array, `L` list, `M` multiple choice, `N` numeric…
        public var type: String
        /// The question code (`G01Q01`), the export's code heading.
        public var code: String
        /// The question text without HTML, the export's full heading.
        public var text: String
        /// Whether the question offers an "Other" answer.
        public var hasOther: Bool
        /// Its sub-questions, in order.
        public var subQuestions: [SubQuestion]
        /// Its answer options, in order.
        public var answers: [AnswerOption]
        /// Question attributes (`exclude_all_others`, `min_num_value_n`…) by name.
        public var attributes: [String: String]
        /// Where its row is in the file.
        public var location: SourceLocation
    }

    /// One question group, with its questions in order.
    public struct Group: Sendable, Hashable {
        /// The group's name.
        public var name: String
        /// Its description without HTML.
        public var description: String
        /// Its questions, in order.
        public var questions: [Question]
    }

    /// The survey's title in its base language.
    public var title: String
    /// LimeSurvey's survey id (`sid`).
    public var surveyID: String
    /// The base language the texts are in (`en`).
    public var language: String
    /// The groups, in order.
    public var groups: [Group]

    /// Files larger than this are refused before parsing.
    public static let maxBytes = 64 << 20

    /// Reads a survey structure file.
    /// - Parameters:
    ///   - data: The `.lss` file's bytes.
    ///   - file: The path to show in diagnostics.
    /// - Throws: ``DiagnosticList`` when the file is not well-formed XML, not a LimeSurvey survey
    ///   structure, or refers to groups or questions it does not contain.
    public static func parse(_ data: Data, file: String) throws -> LimeSurveyStructure {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard data.count <= maxBytes else {
            throw DiagnosticList([Diagnostic(.error, "the file is larger than \(maxBytes >> 20) MB (expected a LimeSurvey .lss survey structure)", at: start)])
        }
        let reader = TableReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        if !parser.parse() || reader.errorPosition != nil {
            let position = reader.errorPosition ?? (parser.lineNumber, parser.columnNumber)
            let here = SourceLocation(file: file, line: max(1, position.line), column: max(1, position.column))
            throw DiagnosticList([Diagnostic(.error, "the file is not well-formed XML (expected a LimeSurvey .lss survey structure)", at: here)])
        }
        guard reader.rootName == "document", reader.docType == "Survey" else {
            let found = reader.docType.isEmpty ? "" : " (found '\(reader.docType)')"
            throw DiagnosticList([Diagnostic(.error, "not a LimeSurvey survey structure\(found); expected <LimeSurveyDocType>Survey</LimeSurveyDocType> as exported with 'Export survey structure (.lss)'", at: start)])
        }
        var assembler = Assembler(tables: reader.tables, languages: reader.languages, file: file)
        return try assembler.structure()
    }
}

// MARK: - Reading the tables

/// One `<row>` of a table: its fields and the line it starts on.
private struct Row {
    var fields: [String: String] = [:]
    var line: Int

    subscript(_ name: String) -> String { fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
    func int(_ name: String) -> Int? { Int(self[name]) }
}

/// Collects `document > TABLE > rows > row > FIELD` texts, `<languages>` and the document type.
private final class TableReader: NSObject, XMLParserDelegate {
    var tables: [String: [Row]] = [:]
    var languages: [String] = []
    var docType = ""
    var rootName = ""
    /// Where the first XML error was reported (some parsers report it and still finish).
    var errorPosition: (line: Int, column: Int)?
    private var path: [String] = []
    private var row: Row?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if path.isEmpty { rootName = elementName }
        path.append(elementName)
        text = ""
        if path.count == 4, elementName == "row", path[2] == "rows" { row = Row(line: parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch path.count {
        case 2 where elementName == "LimeSurveyDocType":
            docType = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case 3 where path[1] == "languages" && elementName == "language":
            languages.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case 4 where elementName == "row":
            if let row { tables[path[1], default: []].append(row) }
            row = nil
        case 5:
            row?.fields[elementName] = text
        default:
            break
        }
        path.removeLast()
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if path.count == 5 || path.count == 2 || path.count == 3 { text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if errorPosition == nil { errorPosition = (parser.lineNumber, parser.columnNumber) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text += String(decoding: CDATABlock, as: UTF8.self)
    }
}

/// Joins the tables into groups of questions, in the base language, for either layout.
private struct Assembler {
    let tables: [String: [Row]]
    let languages: [String]
    let file: String
    var diagnostics: [Diagnostic] = []

    init(tables: [String: [Row]], languages: [String], file: String) {
        self.tables = tables
        self.languages = languages
        self.file = file
    }

    func rows(_ table: String) -> [Row] { tables[table] ?? [] }

    func location(_ row: Row) -> SourceLocation { SourceLocation(file: file, line: max(1, row.line), column: 1) }

    var language: String {
        let survey = rows("surveys").first?["language"] ?? ""
        return survey.isEmpty ? (languages.first ?? "") : survey
    }

    /// Rows in the base language (rows without a language column always count).
    func localised(_ table: String) -> [Row] {
        let language = self.language
        return rows(table).filter { $0["language"].isEmpty || language.isEmpty || $0["language"] == language }
    }

    mutating func structure() throws -> LimeSurveyStructure {
        let language = self.language
        var settings = localised("surveys_languagesettings")
        settings = settings.filter { $0["surveyls_language"].isEmpty || $0["surveyls_language"] == language || language.isEmpty }
        let title = plainText(settings.first?["surveyls_title"] ?? "")
        let surveyID = rows("surveys").first?["sid"] ?? settings.first?["surveyls_survey_id"] ?? ""

        // Texts: LimeSurvey 4+ keeps them in *_l10ns tables keyed by id; 3.x in the rows themselves.
        var groupTexts: [String: (name: String, description: String)] = [:]
        for row in localised("group_l10ns") { groupTexts[row["gid"]] = (row["group_name"], row["description"]) }
        var questionTexts: [String: String] = [:]
        for row in localised("question_l10ns") { questionTexts[row["qid"]] = row["question"] }
        var answerTexts: [String: String] = [:]
        for row in localised("answer_l10ns") { answerTexts[row["aid"]] = row["answer"] }

        var groups: [(order: Int, id: String, group: LimeSurveyStructure.Group)] = []
        var seenGroups = Set<String>()
        for row in localised("groups") where seenGroups.insert(row["gid"]).inserted {
            let texts = groupTexts[row["gid"]] ?? (row["group_name"], row["description"])
            groups.append((row.int("group_order") ?? 0, row["gid"],
                           LimeSurveyStructure.Group(name: plainText(texts.name), description: plainText(texts.description), questions: [])))
        }

        var attributes: [String: [String: String]] = [:]
        for row in localised("question_attributes") { attributes[row["qid"], default: [:]][row["attribute"]] = row["value"] }

        var answers: [String: [(order: Int, option: LimeSurveyStructure.AnswerOption)]] = [:]
        var seenAnswers = Set<String>()
        for row in localised("answers") where seenAnswers.insert(row["qid"] + "\u{1}" + row["code"] + "\u{1}" + row["scale_id"]).inserted {
            let text = row.fields["answer"] != nil ? row["answer"] : (answerTexts[row["aid"]] ?? "")
            answers[row["qid"], default: []].append((row.int("sortorder") ?? 0, LimeSurveyStructure.AnswerOption(
                code: row["code"], text: plainText(text), assessmentValue: row.int("assessment_value") ?? 0, scale: row.int("scale_id") ?? 0)))
        }

        // 3.x puts sub-questions in `subquestions` (older files in `questions`, with a parent).
        let allQuestions = localised("questions") + localised("subquestions")
        var subQuestions: [String: [(order: Int, sub: LimeSurveyStructure.SubQuestion)]] = [:]
        var parents: [(order: Int, gid: String, qid: String, row: Row)] = []
        var seenQuestions = Set<String>()
        for row in allQuestions where seenQuestions.insert(row["qid"]).inserted {
            let text = row.fields["question"] != nil ? row["question"] : (questionTexts[row["qid"]] ?? "")
            if let parent = row.int("parent_qid"), parent != 0 {
                subQuestions[String(parent), default: []].append((row.int("question_order") ?? 0, LimeSurveyStructure.SubQuestion(
                    code: row["title"], text: plainText(text), scale: row.int("scale_id") ?? 0)))
            } else {
                parents.append((row.int("question_order") ?? 0, row["gid"], row["qid"], row))
            }
        }
        let questionIDs = Set(parents.map(\.qid))
        for (parent, subs) in subQuestions where !questionIDs.contains(parent) {
            let row = allQuestions.first { $0["parent_qid"] == parent && $0["title"] == subs.first?.sub.code }
            diagnostics.append(Diagnostic(.error, "sub-question '\(subs.first?.sub.code ?? "")' belongs to question \(parent), which is not in the file", at: row.map(location)))
        }
        for (_, gid, qid, row) in parents.sorted(by: { ($0.order, $0.row.line) < ($1.order, $1.row.line) }) {
            guard let index = groups.firstIndex(where: { $0.id == gid }) else {
                diagnostics.append(Diagnostic(.error, "question '\(row["title"])' belongs to group \(gid), which is not in the file", at: location(row)))
                continue
            }
            let text = row.fields["question"] != nil ? row["question"] : (questionTexts[qid] ?? "")
            if row["title"].isEmpty {
                diagnostics.append(Diagnostic(.error, "question \(qid) has no code (expected a title such as G01Q01)", at: location(row)))
            }
            groups[index].group.questions.append(LimeSurveyStructure.Question(
                type: row["type"], code: row["title"], text: plainText(text), hasOther: row["other"] == "Y",
                subQuestions: (subQuestions[qid] ?? []).sorted { $0.order < $1.order }.map(\.sub),
                answers: (answers[qid] ?? []).sorted { ($0.option.scale, $0.order) < ($1.option.scale, $1.order) }.map(\.option),
                attributes: attributes[qid] ?? [:], location: location(row)))
        }
        let ordered = groups.sorted { $0.order < $1.order }.map(\.group)
        if ordered.allSatisfy({ $0.questions.isEmpty }), diagnostics.isEmpty {
            diagnostics.append(Diagnostic(.error, "the survey structure has no questions", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return LimeSurveyStructure(title: title, surveyID: surveyID, language: language, groups: ordered)
    }

    /// Question and answer texts are HTML: the export's headings and answers carry them as plain text.
    func plainText(_ html: String) -> String {
        normalizedSpacing(strippingHTML(html))
    }
}
