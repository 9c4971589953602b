import ArgumentParser
import Foundation
import Hummingbird
import SurveyCore
import SurveyKit
import Testing
@testable import opmodel
@testable import SurveyServer

/// Every error code and every setting through both adapters: the command line's words and
/// exit statuses, the service's words and HTTP statuses.
struct ErrorRenderingTests {
    /// What each code means to each adapter. A new code fails here until both are decided.
    static let expected: [UserError.Code: (exit: Int32, status: Int, apiCode: String)] = [
        .missingFile: (66, 400, "bad_request"),
        .unreadableFile: (74, 500, "internal"),
        .unwritableFile: (74, 500, "internal"),
        .fileExists: (73, 409, "conflict"),
        .invalidData: (65, 422, "invalid_data"),
        .invalidMapping: (65, 422, "invalid_mapping"),
        .unknownSurvey: (66, 400, "bad_request"),
        .unknownOrganisation: (65, 404, "not_found"),
        .notFound: (65, 404, "not_found"),
        .invalidRequest: (65, 400, "bad_request"),
        .conflict: (65, 409, "conflict"),
        .cancelled: (130, 503, "cancelled"),
        .storeFailure: (74, 500, "internal"),
        .internalFailure: (70, 500, "internal"),
    ]

    @Test(arguments: UserError.Code.allCases)
    func everyCodeHasAnExitStatusAndAnHTTPStatus(_ code: UserError.Code) throws {
        let expected = try #require(Self.expected[code], "no expectation for \(code)")
        #expect(exitStatus(for: code).rawValue == expected.exit)
        let (status, apiCode) = APIError.status(for: code)
        #expect(status.code == expected.status)
        #expect(apiCode == expected.apiCode)

        // The same error, with a setting in its message, hint and location, rendered twice.
        let error = UserError(code, "the export has no organisation column; give \(Parameter.organisation, "NAME")",
                              at: .field(.organisation), hint: "or add \(Parameter.division, "NAME") too")
        let cli = commandLineText(error)
        #expect(cli == "error: the export has no organisation column; give --org NAME (or add --division NAME too)")
        let http = APIError(error)
        #expect(http.status.code == expected.status)
        #expect(http.code == expected.apiCode)
        #expect(!http.message.contains("--"), "\(http.message)")
        if status == .badRequest {
            #expect(http.message == "organisation: the export has no organisation column; give organisation=NAME (or add division=NAME too)")
        } else if status == .internalServerError {
            // The server's own failures never pass on what the layer below said.
            #expect(!http.message.contains("organisation"))
        } else if code == .unknownOrganisation {
            // The hint of an unknown organisation lists the known ones: never for a client.
            #expect(http.message == "the export has no organisation column; give organisation=NAME")
        } else {
            #expect(http.message == "the export has no organisation column; give organisation=NAME (or add division=NAME too)")
        }
    }

    @Test(arguments: Parameter.allCases)
    func everySettingHasAnOptionAndAQueryName(_ parameter: Parameter) {
        let cli = commandLineWords.phrase(for: parameter, value: "X")
        let http = httpWords.phrase(for: parameter, value: "X")
        #expect(cli.hasSuffix(" X"))
        #expect(cli.hasPrefix("--") || [.batch, .file].contains(parameter), "\(cli)")
        #expect(http == HTTPVocabulary.queryName(parameter) + "=X")
        #expect(!http.contains("--"))
        // Named in prose without a value: a flag as it is switched on, any other by its name.
        #expect(httpWords.phrase(for: parameter, value: nil) == HTTPVocabulary.queryName(parameter) + (parameter.isFlag ? "=true" : ""))
        #expect(commandLineWords.phrase(for: parameter, value: nil) == String(cli.dropLast(2)))
    }

    @Test(arguments: Listing.allCases)
    func everyListingHasACommandAndAnEndpoint(_ listing: Listing) {
        #expect(commandLineWords.phrase(for: listing).contains("opmodel "))
        #expect(!httpWords.phrase(for: listing).contains("opmodel"))
    }

    @Test func diagnosticsAreRenderedInEachAdaptersWords() {
        let diagnostic = Diagnostic(.error, "the file spans two waves; give \(Parameter.wave, "LABEL")",
                                    at: SourceLocation(file: "june.csv", line: 3, column: 1))
        let error = UserError(.invalidData, "'june.csv' has 1 invalid row; nothing was stored", diagnostics: [diagnostic])
        #expect(commandLineText(error) == "june.csv:3:1: error: the file spans two waves; give --wave LABEL")
        #expect(APIError(error).details == ["june.csv:3:1: error: the file spans two waves; give wave=LABEL"])
        #expect(APIError(error).message == "'june.csv' has 1 invalid row; nothing was stored")
    }
}
