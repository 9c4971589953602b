/// Builds XHTML-style markup (every element closed, every text escaped) that parses as XML.
struct HTMLWriter {
    /// The markup so far.
    private(set) var output = ""

    /// Elements after whose start tag a line break keeps the source readable.
    private static let containers: Set<String> = [
        "html", "head", "body", "header", "nav", "main", "section", "article", "footer", "table", "thead",
        "tbody", "tfoot", "tr", "ul", "ol", "dl", "figure", "svg", "g", "div",
    ]
    /// Elements after whose end tag a line break keeps the source readable.
    private static let blocks: Set<String> = containers.union([
        "title", "style", "meta", "h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "td", "th", "caption",
        "figcaption", "desc", "line", "circle", "polygon", "rect", "text", "link",
    ])

    /// Escapes `&`, `<`, `>`, `"` and `'`, and replaces characters that XML 1.0 forbids
    /// (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF) with U+FFFD.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Appends markup as is; only for fixed strings written in this module.
    mutating func raw(_ markup: String) { output += markup }

    /// Appends escaped text.
    mutating func text(_ text: String) { output += Self.escape(text) }

    /// Appends a start tag.
    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        output += "<" + tag + Self.attributes(attributes) + ">"
        if Self.containers.contains(tag) { output += "\n" }
    }

    /// Appends an end tag.
    mutating func close(_ tag: String) {
        output += "</" + tag + ">"
        if Self.blocks.contains(tag) { output += "\n" }
    }

    /// Appends an element with escaped text content.
    mutating func element(_ tag: String, _ attributes: [(String, String)] = [], text content: String) {
        output += "<" + tag + Self.attributes(attributes) + ">" + Self.escape(content)
        close(tag)
    }

    /// Appends an element whose content `body` writes.
    mutating func element(_ tag: String, _ attributes: [(String, String)] = [], _ body: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// Appends an empty element, `<tag …/>`.
    mutating func empty(_ tag: String, _ attributes: [(String, String)] = []) {
        output += "<" + tag + Self.attributes(attributes) + "/>"
        if Self.blocks.contains(tag) { output += "\n" }
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
