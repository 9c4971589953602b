import Foundation
import SurveyCollector
import SurveyCore

/// A mapping file an import reads its exports through.
public struct MappingFile: Sendable, Hashable {
    /// Where it is.
    public var path: String
    /// How messages name it: the path as typed on the command line, the bare name over HTTP.
    public var name: String

    /// Creates a reference; `name` defaults to the path.
    public init(path: String, name: String? = nil) {
        self.path = path
        self.name = name ?? path
    }
}

/// The survey an import reads against, and the mapping, if any, it reads through.
public struct ImportSurvey: Sendable {
    /// The survey version.
    public var survey: Survey
    /// The mapping, when one was given.
    public var mapping: ExportMapping?
}

extension SurveyCatalog {
    /// The survey an import answers when it names none and has no mapping.
    public static let defaultSurveyID = "product_operating_model"
}

/// Decides which survey an import answers: the mapping's (a survey reference may only
/// confirm it), else the reference's, else the embedded instrument.
///
/// - Parameters:
///   - reference: The survey named, or nil.
///   - mapping: A mapping file, or nil.
/// - Throws: ``UserError`` with ``UserError/Code/missingFile`` or ``UserError/Code/invalidMapping``
///   for the mapping file (its diagnostics name it as ``MappingFile/name``),
///   ``UserError/Code/invalidRequest`` when the reference names another survey than the
///   mapping, ``UserError/Code/unknownSurvey`` for a reference nothing matches.
public func resolveImportSurvey(_ reference: SurveyReference?, mapping: MappingFile?, catalog: SurveyCatalog) throws -> ImportSurvey {
    guard let mapping else {
        return ImportSurvey(survey: try catalog.survey(reference ?? .instrument), mapping: nil)
    }
    guard FileManager.default.fileExists(atPath: mapping.path) else {
        throw UserError(.missingFile, "no mapping file '\(mapping.name)'", at: .field(.mapping))
    }
    let loaded: LoadedMapping
    do {
        loaded = try catalog.loadMapping(path: mapping.path)
    } catch let list as DiagnosticList {
        // Shown under its name: where the file lives is not the reader's business (a server's
        // survey folder), in the location and in the text alike.
        let named = list.diagnostics.map { diagnostic in
            var renamed = diagnostic
            if renamed.location?.file == mapping.path { renamed.location?.file = mapping.name }
            renamed.message = renamed.message.replacingText(mapping.path, with: mapping.name)
            return renamed
        }
        throw UserError(.invalidMapping, "the mapping file '\(mapping.name)' is not valid; nothing was stored", diagnostics: named)
    }
    if let reference, !loaded.matches(reference) {
        throw UserError(.invalidRequest, "'\(mapping.name)' maps survey '\(loaded.name(against: reference))', not '\(reference)'",
                        at: .field(.mapping), hint: "drop \(Parameter.survey) or give the mapping for this survey")
    }
    return ImportSurvey(survey: loaded.survey, mapping: loaded.mapping)
}

/// An export format named by a person: `auto` (nil: detect it from the header) or a platform.
/// - Throws: ``UserError`` with ``UserError/Code/invalidRequest`` at the format field.
public func parseExportFormat(_ text: String) throws -> ExportFormat? {
    if text == "auto" { return nil }
    guard let format = ExportFormat(rawValue: text) else {
        throw UserError(.invalidRequest, "unknown format '\(text)'", at: .field(.format),
                        expected: "auto, \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return format
}

/// A date order named by a person: `mdy` or `dmy`.
/// - Throws: ``UserError`` with ``UserError/Code/invalidRequest`` at the date-order field.
public func parseDateOrder(_ text: String) throws -> TimestampParserDateOrder {
    guard let order = TimestampParserDateOrder(rawValue: text) else {
        throw UserError(.invalidRequest, "'\(text)'", at: .field(.dateOrder), expected: "mdy or dmy")
    }
    return order
}

/// A time zone named by a person, as an IANA name.
/// - Throws: ``UserError`` with ``UserError/Code/invalidRequest`` at the time-zone field.
public func parseTimeZone(_ text: String) throws -> TimeZone {
    guard let zone = TimeZone(identifier: text) else {
        throw UserError(.invalidRequest, "unknown time zone '\(text)'", at: .field(.timeZone), expected: "an IANA name such as Europe/Berlin")
    }
    return zone
}
