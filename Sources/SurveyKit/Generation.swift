import Foundation
import SurveyCore
import SurveySimulation

/// Writes a synthetic export of a survey to a file, or to standard output when `path` is nil.
///
/// Streams: memory stays flat whatever the response count.
/// - Throws: ``UserError``: ``UserError/Code/invalidRequest`` for bad options,
///   ``UserError/Code/unwritableFile`` when the file cannot be written.
public func generateExport(survey: Survey, options: ExportOptions, to path: String?) throws {
    let generator: ExportGenerator
    do {
        generator = try ExportGenerator(survey: survey, options: options)
    } catch let error as GeneratorError {
        throw UserError(.invalidRequest, Message(error.description))
    }
    let handle: FileHandle
    if let path {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw UserError(.unwritableFile, "cannot create '\(path)'", hint: "check the folder exists and is writable")
        }
        guard let opened = FileHandle(forWritingAtPath: path) else {
            throw UserError(.unwritableFile, "cannot open '\(path)' for writing")
        }
        handle = opened
    } else {
        handle = FileHandle.standardOutput
    }
    defer { if path != nil { try? handle.close() } }
    try generator.write { bytes in
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw UserError(.unwritableFile, "cannot write to '\(path ?? "standard output")'", hint: "disk full or closed?")
        }
    }
}

/// Settings for ``generateExport(survey:options:to:)``.
public typealias ExportOptions = SurveySimulation.ExportOptions
