import Foundation
import Hummingbird
import SurveyCore
import SurveyKit

/// An upload spooled to a private temporary file, deleted by ``remove()`` whatever happened.
struct SpooledUpload: Sendable {
    let path: String
    let bytes: Int

    /// Streams a request body to a new file, refusing it with 413 as soon as it passes `limit`.
    ///
    /// The body is never held in memory whole: chunks are gathered up to ``writeSize`` and
    /// written off the server's threads (a disk write blocks its thread). On any error (over the
    /// limit, the client gone mid-upload) the partial file is deleted before the error goes on.
    static func receive(_ body: RequestBody, limit: Int, directory: String) async throws -> SpooledUpload {
        let path = (directory as NSString).appendingPathComponent(prefix + UUID().uuidString)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw APIError(.internalServerError, "internal", "the server cannot store uploads at the moment")
        }
        var written = 0
        do {
            defer { try? handle.close() }
            var pending = ByteBuffer()
            for try await buffer in body {
                written += buffer.readableBytes
                guard written <= limit else {
                    throw APIError.tooLarge(limit: limit)
                }
                try Task.checkCancellation()
                var chunk = buffer
                pending.writeBuffer(&chunk)
                if pending.readableBytes >= writeSize {
                    try await write(pending, to: handle)
                    pending.clear()
                }
            }
            if pending.readableBytes > 0 { try await write(pending, to: handle) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return SpooledUpload(path: path, bytes: written)
    }

    /// How much of a body is gathered before it is written.
    static let writeSize = 1 << 20

    private static func write(_ bytes: ByteBuffer, to handle: FileHandle) async throws {
        try await BlockingWork.run(on: BlockingWork.files) {
            try bytes.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Spooled uploads of a server that was killed before it could delete them: older than
    /// `age` seconds, so a running server's upload in the same folder is never touched.
    static func removeStale(in directory: String, olderThan age: TimeInterval = 86_400, now: Date = Date()) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix) {
            let path = (directory as NSString).appendingPathComponent(name)
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, now.timeIntervalSince(modified) > age {
                try? manager.removeItem(atPath: path)
            }
        }
    }

    static let prefix = "opmodel-upload-"
}

/// The query items of `POST /v1/imports`, checked before the body is read.
struct UploadParameters: Sendable {
    var fileName: String
    /// The `survey` parameter; nil when not given (the mapping's survey, else the instrument).
    var survey: String?
    /// A mapping file's name in the server's survey folder (`*.mapping.yaml`).
    var mapping: String?
    var wave: String?
    var organisation: String?
    var division: String?
    /// The platform, or nil to detect it (`format=auto`, the default).
    var format: ExportFormat?
    var timeZone: TimeZone
    var dateOrder: TimestampParserDateOrder?
    var includePartial: Bool
    var keepIdentifiers: Bool
    var replace: Bool
    var dryRun: Bool
    var skipInvalid: Bool

    static let contentTypes = [
        "text/csv": "csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
        "application/octet-stream": nil as String?,
    ]

    init(query: [String: String], contentType: String?) throws {
        var problems: [String] = []
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, let defaultExtension = Self.contentTypes[mediaType] else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type",
                           "an export is sent as text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/octet-stream, not '\(contentType ?? "(none)")'")
        }
        let known: Set<String> = ["filename", "survey", "mapping", "wave", "organisation", "division", "format", "timezone", "date-order",
                                  "include-partial", "keep-identifiers", "replace", "dry-run", "skip-invalid"]
        for name in query.keys.sorted() where !known.contains(name) {
            problems.append("unknown query parameter '\(name)' (expected \(known.sorted().joined(separator: ", ")))")
        }
        func flag(_ name: String) -> Bool {
            guard let value = query[name] else { return false }
            switch value.lowercased() {
            case "", "1", "true", "yes": return true
            case "0", "false", "no": return false
            default:
                problems.append("\(name): '\(value)' is not true or false")
                return false
            }
        }
        if let name = query["filename"] {
            // Only a base name: it shows in diagnostics and the batch list, never as a path.
            fileName = (name as NSString).lastPathComponent
            if fileName.isEmpty || fileName.count > 200 { problems.append("filename: expected a file name of 1 to 200 characters") }
        } else if let defaultExtension {
            fileName = "upload.\(defaultExtension)"
        } else {
            fileName = "upload"
            problems.append("filename: required with application/octet-stream (e.g. ?filename=june.csv)")
        }
        survey = query["survey"]
        mapping = query["mapping"]
        if let name = mapping, name.contains("/") || name.hasPrefix(".") || !name.hasSuffix(".mapping.yaml") || name.count > 200 {
            problems.append("mapping: expected the name of a *.mapping.yaml file in the server's survey folder, not '\(name)'")
        }
        wave = query["wave"]
        organisation = query["organisation"]
        division = query["division"]
        // Each value is read by the use case's own parser, so the service and the command line
        // accept and refuse the same values.
        func parsed<T>(_ name: String, _ parse: (String) throws -> T) -> T? {
            guard let text = query[name] else { return nil }
            do {
                return try parse(text)
            } catch let error as UserError {
                problems.append(APIError(error).message)
            } catch {
                problems.append("\(name): '\(text)' is not valid")
            }
            return nil
        }
        format = parsed("format", parseExportFormat) ?? nil
        timeZone = parsed("timezone", parseTimeZone) ?? TimeZone(identifier: "UTC") ?? .current
        dateOrder = parsed("date-order", parseDateOrder)
        includePartial = flag("include-partial")
        keepIdentifiers = flag("keep-identifiers")
        replace = flag("replace")
        dryRun = flag("dry-run")
        skipInvalid = flag("skip-invalid")
        if !problems.isEmpty {
            throw APIError(.badRequest, "bad_request", "the upload's parameters are not valid", details: problems)
        }
    }
}
