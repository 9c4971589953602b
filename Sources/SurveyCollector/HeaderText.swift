import Foundation
import SurveyCore

/// How header texts are compared when wording may differ: for wording drift between waves, and
/// for suggesting which column holds which item.
package enum HeaderText {
    /// A header as wording drift compares it: HTML removed, a numbering prefix such as `Q3.`,
    /// `4 -` or `(2)` removed, then ``normalizedKey(_:)`` (case and white space).
    ///
    /// Only trivial differences vanish: "Q3. The goal is clear" and "the goal is  clear" are
    /// the same wording, "The goal is clear to me" is not.
    package static func wordingKey(_ text: String) -> String {
        normalizedKey(strippingNumbering(strippingHTML(text)))
    }

    /// A header with punctuation removed too, for matching the user's wording to an item's:
    /// words in lowercase, separated by single spaces.
    static func looseKey(_ text: String) -> String {
        let key = wordingKey(text)
        var result = ""
        var pendingSpace = false
        for character in key {
            if character.isLetter || character.isNumber {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(character)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// The text without a leading question number: `Q3.`, `Q3:`, `Q3 `, `3)`, `4 -`, `1.2.`,
    /// `2a.`, `(4)`.
    static func strippingNumbering(_ text: String) -> String {
        let trimmed = Substring(normalizedSpacing(text))
        guard let first = trimmed.first else { return "" }
        if first == "(", let close = trimmed.firstIndex(of: ")") {
            let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            if !inner.isEmpty, inner.allSatisfy(\.isNumber) { return rest(trimmed[trimmed.index(after: close)...]) ?? text }
            return text
        }
        var index = trimmed.startIndex
        let tagged = first == "q" || first == "Q"
        if tagged { index = trimmed.index(after: index) }
        var digits = 0
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if character.isASCII, character.isNumber {
                digits += 1
            } else if digits > 0, character == "." || character == "_",
                      let next = trimmed.index(index, offsetBy: 1, limitedBy: trimmed.endIndex), next < trimmed.endIndex,
                      trimmed[next].isASCII, trimmed[next].isNumber {
                // `1.2` or `Q2_1`: a sub-number.
            } else {
                break
            }
            index = trimmed.index(after: index)
        }
        guard digits > 0, index < trimmed.endIndex else { return text }
        if trimmed[index].isASCII, trimmed[index].isLetter, let next = trimmed.index(index, offsetBy: 1, limitedBy: trimmed.endIndex),
           next < trimmed.endIndex, !trimmed[next].isLetter {
            index = next
        }
        var afterSpace = index
        while afterSpace < trimmed.endIndex, trimmed[afterSpace] == " " { afterSpace = trimmed.index(after: afterSpace) }
        guard afterSpace < trimmed.endIndex else { return text }
        if [".", ")", ":", "-", "–", "—"].contains(trimmed[afterSpace]) {
            let after = trimmed.index(after: afterSpace)
            // `3.5 hours` is a number, `3. Text` a numbering: the mark must end the token.
            if after == trimmed.endIndex || trimmed[after] == " " { return rest(trimmed[after...]) ?? text }
            return text
        }
        if tagged, afterSpace > index { return rest(trimmed[afterSpace...]) ?? text }
        return text
    }

    private static func rest(_ text: Substring) -> String? {
        let result = text.trimmingCharacters(in: .whitespaces)
        return result.isEmpty ? nil : result
    }
}
