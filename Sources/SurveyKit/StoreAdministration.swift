import SurveyCore
import SurveyStore

/// A recorded import batch.
public typealias ImportBatchRecord = SurveyStore.ImportBatchRecord
/// A stored wave.
public typealias WaveRecord = SurveyStore.WaveRecord

/// Every import batch, oldest first.
public func listImportBatches(in store: OpModelStore) throws -> [ImportBatchRecord] {
    try storeWork { try store.importBatches() }
}

/// Removes a batch and its responses; returns how many responses went.
/// - Throws: ``UserError`` with ``UserError/Code/notFound`` for a batch that does not exist.
public func undoImportBatch(_ id: Int64, in store: OpModelStore) throws -> Int {
    try storeWork { try store.undoBatch(id) }
}

/// Units with their response counts.
public func listUnits(in store: OpModelStore) throws -> [(path: String, level: String, responses: Int)] {
    try storeWork { try store.units() }
}

/// Renames (or merges) a unit; returns what happened.
/// - Throws: ``UserError`` for a unit that does not exist or a name another unit used to have.
public func renameUnit(path: [String], to newName: String, in store: OpModelStore) throws -> String {
    try storeWork { try store.renameUnit(path: path, to: newName) }
}

/// Waves in the order of their first response.
public func listWaves(in store: OpModelStore) throws -> [WaveRecord] {
    try storeWork { try store.waves() }
}

