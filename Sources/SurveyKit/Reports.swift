import Foundation
import SurveyCore
import SurveyReporting
import SurveyStore

/// The report formats.
public typealias ReportFormat = SurveyReporting.ReportFormat

/// What `opmodel report` and `opmodel batch` wrote.
public struct WrittenReports: Sendable {
    /// Every file written, in order.
    public var files: [String]
    /// The batch index, when one was written.
    public var index: String?
}

/// Writes one organisation's scorecard (or every organisation's) for a wave in the given formats.
///
/// File names are `<organisation-slug>.<ext>` in `directory`; the same input gives the same
/// bytes, so reports can be diffed and committed.
/// - Throws: ``UserError`` for an unknown organisation, a wave with no responses, or a folder
///   or file that cannot be written.
public func writeReports(store: OpModelStore, wave: String, organisation: String?, formats: [ReportFormat],
                         directory: String, minGroup: Int, index: Bool) throws -> WrittenReports {
    try storeWork {
        try reports(store: store, wave: wave, organisation: organisation, formats: formats, directory: directory,
                    minGroup: minGroup, index: index)
    }
}

private func reports(store: OpModelStore, wave: String, organisation: String?, formats: [ReportFormat],
                     directory: String, minGroup: Int, index: Bool) throws -> WrittenReports {
    let organisations: [StoredUnit]
    if let organisation {
        organisations = [try findOrganisation(named: organisation, in: store)]
    } else {
        organisations = try store.organisations(inWave: wave)
        guard !organisations.isEmpty else {
            let waves = try store.waves().map(\.label)
            throw UserError(.notFound, "no responses in wave '\(wave)'", at: .field(.wave),
                            hint: waves.isEmpty ? "the store is empty: \(Listing.importing) first" : "waves: \(waves.joined(separator: ", "))")
        }
    }
    do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
        throw UserError(.unwritableFile, "cannot create the folder '\(directory)'")
    }
    var written = WrittenReports(files: [], index: nil)
    var entries: [ReportIndexEntry] = []
    var usedSlugs: Set<String> = []
    for organisation in organisations {
        let scorecard = try makeScorecard(store: store, wave: wave, organisation: organisation, minGroup: minGroup)
        var slug = fileSlug(organisation.name)
        while usedSlugs.contains(slug) { slug += "-\(organisation.id)" }
        usedSlugs.insert(slug)
        var files: [String: String] = [:]
        for format in formats {
            let renderer = format.renderer
            let name = "\(slug).\(renderer.fileExtension)"
            try write(try renderWork { try renderer.render(scorecard) }, to: (directory as NSString).appendingPathComponent(name))
            written.files.append((directory as NSString).appendingPathComponent(name))
            files[format.rawValue] = name
        }
        let fired = scorecard.unit.flags.filter { $0.status == .fired }.count
        entries.append(ReportIndexEntry(org: organisation.name, wave: wave, overall: scorecard.unit.overall, files: files, firedFlags: fired))
    }
    if index {
        let path = (directory as NSString).appendingPathComponent("index.html")
        try write(renderIndexHTML(title: "Product operating model scorecards, \(wave)", entries: entries), to: path)
        written.index = path
    }
    return written
}

/// A file-name-safe form of a name: lowercase ASCII letters, digits and dashes.
func fileSlug(_ name: String) -> String {
    var slug = ""
    for scalar in name.lowercased().unicodeScalars {
        if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
            slug.unicodeScalars.append(scalar)
        } else if !slug.hasSuffix("-"), !slug.isEmpty {
            slug += "-"
        }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug.isEmpty ? "organisation" : String(slug.prefix(80))
}

private func write(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw UserError(.unwritableFile, "cannot write '\(path)'", hint: "check the folder is writable")
    }
}

/// One organisation's scorecard for a wave, rendered in one format (the server's response body).
///
/// The same figures, suppression and bytes as the file `opmodel report` writes.
/// - Throws: ``UserError`` for an unknown organisation or a wave it took no part in.
public func renderedScorecard(store: OpModelStore, wave: String, organisation: String, format: ReportFormat,
                              minGroup: Int) throws -> String {
    let scorecard = try makeScorecard(store: store, wave: wave, organisation: organisation, minGroup: minGroup)
    return try renderWork { try format.renderer.render(scorecard) }
}
