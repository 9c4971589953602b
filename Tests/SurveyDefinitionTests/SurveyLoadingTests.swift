import SurveyCore
import SurveyDefinition
import SurveyTestSupport
import Testing

struct SurveyLoadingTests {
    @Test func loadsEveryPartOfTheMinimalSurvey() throws {
        let survey = try SurveyFixtures.minimal()
        #expect(survey.reference == "pilot@1")
        #expect(survey.dimensions.map(\.id) == ["strategy", "discovery"])
        #expect(survey.dimensions[1].weight == 2)
        #expect(survey.dimensions[0].scale == "agree5")
        #expect(survey.item("no_problem")?.reverse == true)
        #expect(survey.item("interviews")?.roles == [.productManager, .productOwner].sorted())
        #expect(survey.item("contact")?.kind.options.map(\.id) == ["never", "quarter", "week"])
        #expect(survey.item("contact")?.missing == ["Not my role"])
        #expect(survey.item("training")?.kind.options.last?.exclusive == true)
        #expect(survey.item("meetings")?.kind == .numeric(unit: "hours", min: 0, max: 60, integer: false))
        #expect(survey.item("remarks")?.kind == .text)
        #expect(survey.bands.map(\.lowerBound) == [1, 2.5, 4])
        #expect(survey.attributes[.role]?.roleSpellings[.productOwner] == ["Product Owner", "PO"])
        #expect(survey.flags.first?.roles == [.productOwner])
        #expect(survey.flags.first?.minN == 10)
        #expect(survey.flags.first?.condition.tests.map(\.statistic) == [.shareChoosing(options: ["never"]), .shareOnly(options: ["certification"])])
        #expect(survey.contentHash.count == 64)
    }

    @Test func scaleAcceptsTheLabelVariantsExportsUse() throws {
        let scale = try #require(try SurveyFixtures.minimal().scale("agree5"))
        let variants = Dictionary(scale.answerVariants().map { ($0.text, $0.value) }, uniquingKeysWith: { a, _ in a })
        for text in ["Agree", "agree", "4 - Agree", "4", " AGREE "] {
            #expect(variants[normalizedKey(text)] == 4, "\(text)")
        }
        #expect(variants["neutral"] == 3)
        #expect(scale.polarity(of: 5) == .favorable)
        #expect(scale.polarity(of: 3) == .neutral)
    }

    @Test func contentHashIgnoresCommentsAndFollowsContent() throws {
        let original = try SurveyFixtures.minimal()
        let commented = try loadSurvey(yaml: "# a comment\n" + SurveyFixtures.minimalYAML, file: "p.yaml")
        let reworded = try loadSurvey(yaml: SurveyFixtures.minimalYAML.replacingOccurrences(of: "Anything else?", with: "Anything more?"), file: "p.yaml")
        #expect(original.contentHash == commented.contentHash)
        #expect(original.contentHash != reworded.contentHash)
    }
}
