import Foundation
import SurveyCore
import SurveySimulation

/// Writes a synthetic export of a survey to a file, or to standard output when `path` is nil.
///
/// Streams: memory stays flat whatever the response count.
/// - Throws: ``GeneratorError`` for bad options, ``FileError`` when the file cannot be written.
public func generateExport(survey: Survey, options: ExportOptions, to path: String?) throws {
    let generator = try ExportGenerator(survey: survey, options: options)
    let handle: FileHandle
    if let path {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw FileError(description: "cannot create '\(path)' (check the folder exists and is writable)")
        }
        guard let opened = FileHandle(forWritingAtPath: path) else {
            throw FileError(description: "cannot open '\(path)' for writing")
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
            throw FileError(description: "cannot write to '\(path ?? "standard output")' (disk full or closed?)")
        }
    }
}

/// A file that cannot be read or written.
public struct FileError: Error, Sendable, CustomStringConvertible {
    /// Which file and what went wrong.
    public var description: String
}

/// Settings for ``generateExport(survey:options:to:)``.
public typealias ExportOptions = SurveySimulation.ExportOptions
/// Bad generator settings.
public typealias GeneratorError = SurveySimulation.GeneratorError
