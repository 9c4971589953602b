import Crypto
import Foundation
import SurveyCore
import Yams

/// Reads a survey definition and checks it for mistakes.
///
/// Keeps going after the first problem, so one run lists every mistake in the file.
/// - Parameters:
///   - yaml: The file contents.
///   - file: The path to show in diagnostics, as the user typed it.
/// - Returns: The survey, with its ``Survey/contentHash`` set.
/// - Throws: ``DiagnosticList`` when any diagnostic has `.error` severity.
package func loadSurvey(yaml: String, file: String) throws -> Survey {
    let reader = YAMLReader(file: file)
    let root = try composeYAML(yaml, file: file, expected: "a survey definition")
    let parser = SurveyParser(reader: reader)
    let survey = parser.parse(root)
    if let survey, !reader.diagnostics.contains(where: { $0.severity == .error }) {
        var hashed = survey
        hashed.contentHash = contentHash(of: survey)
        return hashed
    }
    throw DiagnosticList(reader.sortedDiagnostics)
}

/// Reads a survey definition file.
///
/// - Parameter path: The path, shown in diagnostics as given.
/// - Throws: ``DiagnosticList`` for mistakes in the file, or when it cannot be read.
package func loadSurvey(contentsOf path: String) throws -> Survey {
    try loadSurvey(yaml: readDefinitionText(path, kind: "survey"), file: path)
}

/// The text of a survey or mapping file, checked for size and encoding.
func readDefinitionText(_ path: String, kind: String) throws -> String {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw DiagnosticList([Diagnostic(.error, "cannot read \(kind) file '\(path)' (expected a readable YAML file)")])
    }
    guard data.count <= maximumDefinitionSize else {
        throw DiagnosticList([Diagnostic(.error, "\(kind) file is \(data.count) bytes, over the \(maximumDefinitionSize)-byte limit", at: SourceLocation(file: path, line: 1, column: 1))])
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw DiagnosticList([Diagnostic(.error, "\(kind) file is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))])
    }
    return text
}

/// The largest survey definition read, in bytes.
package let maximumDefinitionSize = 4 * 1024 * 1024

/// SHA-256 of the survey's canonical JSON form, so formatting and comments do not change it.
func contentHash(of survey: Survey) -> String {
    var canonical = survey
    canonical.contentHash = ""
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(canonical)) ?? Data()
    return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// The YAML tree of a file, with Yams' errors and an empty file turned into diagnostics.
func composeYAML(_ yaml: String, file: String, expected: String) throws -> Node {
    let root: Node?
    do {
        root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
        throw DiagnosticList([yamlDiagnostic(error, file: file)])
    }
    guard let root else {
        throw DiagnosticList([Diagnostic(.error, "the file is empty (expected \(expected))", at: SourceLocation(file: file, line: 1, column: 1))])
    }
    return root
}

private func yamlDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
         .parser(let context, let problem, let mark, _),
         .composer(let context, let problem, let mark, _):
        let detail = context.map { "\(problem) \($0.text)" } ?? problem
        return Diagnostic(.error, "invalid YAML: \(detail)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
    case .duplicatedKeysInMapping(let duplicates, let context):
        return Diagnostic(.error, "duplicate key '\(duplicates.joined(separator: "', '"))' in a mapping",
                          at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
    case .reader(let problem, _, _, _):
        return Diagnostic(.error, "invalid YAML: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
    default:
        return Diagnostic(.error, "invalid YAML", at: SourceLocation(file: file, line: 1, column: 1))
    }
}
