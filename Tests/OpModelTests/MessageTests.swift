import SurveyCore
import Testing

/// Messages keep settings as data and compare by what they say, however they were built.
struct MessageTests {
    @Test func interpolatedValuesMergeIntoTextAndSettingsStayParts() {
        let count = 3
        let message: Message = "skipped \(count) rows; give \(Parameter.organisation, "NAME") or see \(Listing.imports)"
        #expect(message.parts == [.text("skipped 3 rows; give "), .parameter(.organisation, value: "NAME"), .text(" or see "), .listing(.imports)])
        #expect(message.parameters == [.organisation])
        #expect(message.listings == [.imports])
        // Built from pieces or from one literal, the same text is the same message.
        #expect(Message("a") + Message("b") == "ab")
        #expect(Message(parts: [.text("a"), .text(""), .text("b")]).parts == [.text("ab")])
        #expect(message != "skipped 3 rows; give --org NAME or see 'opmodel imports'")
    }

    @Test func plainWordsNameTheSettingForEmbeddingPrograms() {
        let message: Message = "give \(Parameter.dateOrder, "mdy")"
        #expect(message.description == "give the dateOrder setting (mdy)")
        let diagnostic = Diagnostic(.error, message, at: SourceLocation(file: "a.csv", line: 2, column: 5))
        #expect(diagnostic.description == "a.csv:2:5: error: give the dateOrder setting (mdy)")
    }

    @Test func anErrorReadsMessageExpectedAndHintInOrder() {
        let error = UserError(.invalidRequest, "unknown format 'x'", at: .field(.format), expected: "auto or generic",
                              hint: "see \(Listing.imports)")
        #expect(error.description == "unknown format 'x' (expected auto or generic) (see the list of imports)")
        let located = UserError(.invalidData, "bad", at: .source(SourceLocation(file: "f", line: 1, column: 2)))
        #expect(located.description == "f:1:2: bad")
    }
}
