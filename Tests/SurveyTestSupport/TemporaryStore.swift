import Foundation
import SurveyCore
import SurveyStore

/// A fresh store file in a temporary directory with the minimal survey, removed with the
/// fixture: the set-up every store and import test starts from.
open class TemporaryStore {
    /// The test's own directory.
    public let directory: URL
    /// The store, `store.sqlite` in ``directory``.
    public let store: OpModelStore
    /// ``SurveyFixtures/minimal()``.
    public let survey: Survey

    public init() throws {
        directory = try SurveyFixtures.makeTemporaryDirectory()
        store = try OpModelStore(path: directory.appendingPathComponent("store.sqlite").path)
        survey = try SurveyFixtures.minimal()
    }

    deinit { SurveyFixtures.removeDirectory(directory) }
}
