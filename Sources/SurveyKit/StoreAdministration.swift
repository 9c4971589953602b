import SurveyStore

/// A recorded import batch.
public typealias ImportBatchRecord = SurveyStore.ImportBatchRecord
/// A stored wave.
public typealias WaveRecord = SurveyStore.WaveRecord

/// Every import batch, oldest first.
public func listImportBatches(in store: OpModelStore) throws -> [ImportBatchRecord] {
    try store.importBatches()
}

/// Removes a batch and its responses; returns how many responses went.
public func undoImportBatch(_ id: Int64, in store: OpModelStore) throws -> Int {
    try store.undoBatch(id)
}

/// Units with their response counts.
public func listUnits(in store: OpModelStore) throws -> [(path: String, level: String, responses: Int)] {
    try store.units()
}

/// Renames (or merges) a unit; returns what happened.
public func renameUnit(path: [String], to newName: String, in store: OpModelStore) throws -> String {
    try store.renameUnit(path: path, to: newName)
}

/// Waves in the order of their first response.
public func listWaves(in store: OpModelStore) throws -> [WaveRecord] {
    try store.waves()
}

/// A store operation that failed (e.g. undoing a batch that does not exist).
public typealias StoreError = SurveyStore.StoreError
