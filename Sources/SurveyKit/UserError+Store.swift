import SurveyCore
import SurveyReporting
import SurveyStore

extension UserError {
    /// The store's failure as a person sees it: the store's own code, its message, and no SQL.
    init(_ error: StoreError) {
        let code: Code = switch error.code {
        case .notFound: .notFound
        case .conflict, .surveyVersionChanged: .conflict
        case .cannotOpen, .database: .storeFailure
        }
        self.init(code, error.message, underlying: error.underlying)
    }
}

/// Runs a use case's store work, turning the store's failures into ``UserError``s.
func storeWork<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw UserError(error)
    }
}

/// Runs a use case's rendering, turning a report that fails its own checks into a
/// ``UserError`` with ``UserError/Code/internalFailure`` (or ``UserError/Code/invalidRequest``
/// for a format the view does not have).
func renderWork<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ReportRenderingError {
        if error.code == .unsupportedFormat {
            throw UserError(.invalidRequest, Message(error.message), at: .field(.format))
        }
        throw UserError(.internalFailure, "the report could not be written faithfully; nothing was written", underlying: error.message)
    }
}

/// Opens (or creates) the store at a path.
/// - Throws: ``UserError`` with ``UserError/Code/storeFailure`` when the file is not an
///   OpModel store or cannot be opened.
public func openStore(path: String) throws -> OpModelStore {
    try storeWork { try OpModelStore(path: path) }
}
