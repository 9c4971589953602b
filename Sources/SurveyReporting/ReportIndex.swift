/// Writes the `index.html` of a batch of reports: one row per organisation and wave with its
/// overall score, band, fired flag count and a link to each format.
///
/// Rows are sorted by organisation, then wave, whatever the order of `entries`; links follow
/// ``ReportFormat``'s order, then any other format alphabetically. The page is self-contained
/// and parses as XML, like the reports.
/// - Parameters:
///   - title: The page heading, e.g. `"Scorecards, 2025-Q2"`.
///   - entries: One per organisation and wave.
/// - Returns: The page, starting with `<!DOCTYPE html>`.
package func renderIndexHTML(title: String, entries: [ReportIndexEntry]) -> String {
    let rows = entries.sorted { ($0.org, $0.wave) < ($1.org, $1.wave) }
    let known = ReportFormat.allCases.map(\.rawValue)
    var html = HTMLWriter()
    html.raw("<!DOCTYPE html>\n")
    html.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en"), ("xml:lang", "en")])
    html.open("head")
    html.empty("meta", [("charset", "utf-8")])
    html.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
    html.element("title", text: title)
    html.open("style")
    html.raw(HTMLStyle.css)
    html.close("style")
    html.close("head")
    html.open("body")
    html.element("h1", text: title)
    html.element("p", [("class", "note")], text: "\(rows.count) \(rows.count == 1 ? "scorecard" : "scorecards"). "
        + "Score is 0–100; the band is the maturity level of the overall mean.")
    html.open("table", [("class", "index")])
    html.open("thead")
    html.open("tr")
    for header in ["Organisation", "Wave", "Score", "Band", "Flags fired", "Reports"] {
        html.element("th", [("scope", "col")], text: header)
    }
    html.close("tr")
    html.close("thead")
    html.open("tbody")
    for entry in rows {
        html.open("tr")
        html.element("th", [("scope", "row")], text: entry.org)
        html.element("td", text: entry.wave)
        html.element("td", [("class", "num")], text: NumberText.score(entry.overall?.score100))
        html.element("td", text: entry.overall?.level ?? NumberText.missing)
        html.element("td", [("class", "num")], text: String(entry.firedFlags))
        html.element("td") { html in
            let formats = entry.files.keys.sorted {
                (known.firstIndex(of: $0) ?? known.count, $0) < (known.firstIndex(of: $1) ?? known.count, $1)
            }
            for (number, format) in formats.enumerated() {
                if number > 0 { html.text(" · ") }
                html.element("a", [("href", linkTarget(entry.files[format] ?? ""))], text: format.uppercased())
            }
        }
        html.close("tr")
    }
    html.close("tbody")
    html.close("table")
    html.close("body")
    html.close("html")
    return html.output
}

/// A relative path as an `href`: every byte outside `A–Z a–z 0–9 - . _ ~ /` percent-encoded.
///
/// Encoding `:` means a path can never be read as a scheme such as `javascript:`; the rule is
/// spelled out here rather than taken from Foundation so that every platform writes the same.
private func linkTarget(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    for byte in path.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "~"), UInt8(ascii: "/"):
            bytes.append(byte)
        default:
            bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
