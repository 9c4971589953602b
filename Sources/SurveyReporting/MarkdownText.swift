/// Escaping for Markdown (CommonMark and GitHub tables).
enum MarkdownText {
    /// Characters that could start emphasis, code, links, HTML, tables, entities or headings.
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#"]

    /// `text` as literal inline Markdown on one line: special characters backslash-escaped,
    /// line breaks turned into spaces, and a leading `-`, `+` or `=` escaped so that it cannot
    /// start a list or an underline heading.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isNewline {
                output.append(" ")
            } else if special.contains(character) || (output.isEmpty && "-+=".contains(character)) {
                output.append("\\")
                output.append(character)
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// A table row from already escaped cells.
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// A table's delimiter row: `---:` for numeric columns, `---` otherwise.
    static func delimiter(numeric: [Bool]) -> String {
        row(numeric.map { $0 ? "---:" : "---" })
    }
}
