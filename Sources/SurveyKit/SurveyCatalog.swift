import Foundation
import SurveyCore
import SurveyDefinition

/// The survey definitions a user can name: the files in a folder (by default `Surveys/`) and the
/// instrument embedded in the tool, so that a fresh checkout or an installed binary works alike.
public struct SurveyCatalog: Sendable {
    /// One definition and where it came from.
    public struct Entry: Sendable {
        /// The loaded survey.
        public var survey: Survey
        /// The file it was read from, or `(embedded)`.
        public var source: String
    }

    /// The definitions found, sorted by id then version.
    public private(set) var entries: [Entry]
    /// Problems in files of the folder that did not load; they do not stop the others.
    public private(set) var problems: [Diagnostic]

    /// The folder used when none is given: `$OPMODEL_SURVEYS`, else `Surveys`.
    public static var defaultDirectory: String {
        ProcessInfo.processInfo.environment["OPMODEL_SURVEYS"] ?? "Surveys"
    }

    /// Reads every `.yaml`/`.yml` file of a folder (a missing folder is empty), except export
    /// mappings (`*.mapping.yaml`), and the embedded instrument.
    public init(directory: String = SurveyCatalog.defaultDirectory, includeEmbedded: Bool = true) {
        var entries: [Entry] = []
        var problems: [Diagnostic] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        // Export mappings (`acme.mapping.yaml`) may sit beside the survey they map to.
        for name in files.sorted() where (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
            && !name.hasSuffix(".mapping.yaml") && !name.hasSuffix(".mapping.yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                entries.append(Entry(survey: try loadSurvey(contentsOf: path), source: path))
            } catch let list as DiagnosticList {
                problems += list.diagnostics
            } catch {
                problems.append(Diagnostic(.error, "cannot read survey file '\(path)'"))
            }
        }
        if includeEmbedded, let embedded = try? Self.embeddedInstrument(),
           !entries.contains(where: { $0.survey.id == embedded.id && $0.survey.version == embedded.version }) {
            entries.append(Entry(survey: embedded, source: "(embedded)"))
        }
        self.entries = entries.sorted { ($0.survey.id, $0.survey.version) < ($1.survey.id, $1.survey.version) }
        self.problems = problems
    }

    /// The survey a reference names: `ID` (its latest version) or `ID@VERSION`.
    /// - Throws: ``UserError`` with ``UserError/Code/unknownSurvey`` when nothing matches, with
    ///   the ids that exist.
    public func survey(_ reference: String) throws -> Survey {
        try survey(try SurveyReference(parsing: reference))
    }

    /// The survey a reference names: its latest version, or the version it gives.
    /// - Throws: ``UserError`` with ``UserError/Code/unknownSurvey`` when nothing matches, with
    ///   the ids or versions that exist.
    public func survey(_ reference: SurveyReference) throws -> Survey {
        let id = reference.id
        let candidates = entries.filter { $0.survey.id == id }
        if let version = reference.version {
            if let match = candidates.first(where: { $0.survey.version == version }) { return match.survey }
            let known = candidates.map { String($0.survey.version) }.joined(separator: ", ")
            throw UserError(.unknownSurvey, "survey '\(id)' has no version \(version)", at: .field(.survey),
                            hint: known.isEmpty ? nil : "versions: \(known)")
        }
        if let latest = candidates.last { return latest.survey }
        let ids = Array(Set(entries.map(\.survey.id))).sorted()
        let hint: Message? = closestMatch(to: id, in: ids).map { "did you mean '\($0)'?" }
            ?? (ids.isEmpty ? nil : "known: \(ids.joined(separator: ", "))")
        throw UserError(.unknownSurvey, "unknown survey '\(id)'", at: .field(.survey), hint: hint)
    }

    /// The instrument shipped with the tool, `product_operating_model`.
    public static func embeddedInstrument() throws -> Survey {
        guard let url = Bundle.module.url(forResource: "product-operating-model", withExtension: "yaml", subdirectory: "Resources") else {
            throw UserError(.unknownSurvey, "the embedded survey definition is missing from this build")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try loadSurvey(yaml: text, file: "(embedded)/product-operating-model.yaml")
    }
}
