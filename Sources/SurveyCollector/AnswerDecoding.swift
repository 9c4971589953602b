import SurveyCore

/// Checks a row's answer cells against the survey and packs them into the row's answer bytes.
///
/// Items that do not apply to the row's role are marked not applicable and their cells left
/// unread; free-text items become the row's comments; a multi item spread over one column
/// per option is ticked by its columns (`Y`, `1`, the option's name…) and unticked by `N`,
/// `No`, `0` and the like.
struct AnswerDecoding {
    /// A multi item spread over one column per option.
    struct OptionColumns {
        let itemIndex: Int
        /// The item's first byte in the packed answers.
        let offset: Int
        /// Per option, whether it must be chosen alone.
        let exclusive: [Bool]
        /// The item's columns: the option each ticks, and the not-chosen words that are the
        /// option's own name there (normalised).
        let columns: [(column: Int, option: Int, ownWords: Set<String>)]
    }

    let layout: AnswerLayout
    private var decoders: [(column: Int, decoder: ItemDecoder)]
    private let spreads: [OptionColumns]
    /// Per role, per item: whether the item is asked of the role.
    private let applicability: [Role: [Bool]]

    /// - Parameter positionalOptions: Also accept a choice's position (`1` for the first).
    init(plan: ColumnPlan, survey: Survey, layout: AnswerLayout, positionalOptions: Bool) {
        self.layout = layout
        let items = survey.items
        decoders = plan.items.map { column, itemIndex in
            (column, ItemDecoder(item: items[itemIndex], slot: layout.slots[itemIndex], survey: survey,
                                 positionalOptions: positionalOptions, answers: plan.mapping.answers[column] ?? []))
        }
        spreads = plan.optionColumns.map { itemIndex, columns in
            let options = items[itemIndex].kind.options
            // An option itself called "No" is ticked by its own name (SurveyMonkey writes the
            // label), though "No" elsewhere, and "N" or "0" in its own column, unticks.
            let columns = columns.map { column, option in
                (column, option, Set(([options[option].label, options[option].id] + options[option].aliases)
                    .map(normalizedKey).filter(Self.notChosenKeys.contains)))
            }
            return OptionColumns(itemIndex: itemIndex, offset: layout.slots[itemIndex].offset,
                                 exclusive: options.map(\.exclusive), columns: columns)
        }
        var applicability: [Role: [Bool]] = [:]
        for role in Role.allCases { applicability[role] = items.map { $0.applies(to: role) } }
        self.applicability = applicability
    }

    /// Writes the row's packed answers and comments into `row`, noting every invalid cell.
    ///
    /// Reads `row.role`, so attributes are read first.
    @inline(__always)
    mutating func read(_ record: CSVRecord, into row: inout ResponseRow, problems: inout RowProblems) {
        if row.answers.count != layout.byteCount {
            row.answers = [UInt8](repeating: 0, count: layout.byteCount)
        }
        row.comments.removeAll(keepingCapacity: true)
        let applies = row.role.flatMap { applicability[$0] }
        row.answers.withUnsafeMutableBytes { answers in
            answers.initializeMemory(as: UInt8.self, repeating: 0)
            if let applies {
                for (index, slot) in layout.slots.enumerated() where !applies[index] {
                    for byte in slot.offset..<(slot.offset + slot.width) { answers[byte] = 0xFF }
                }
            }
            for index in decoders.indices {
                let columnIndex = decoders[index].column
                let itemIndex = decoders[index].decoder.slot.itemIndex
                if let applies, !applies[itemIndex] { continue }
                if record.isBlank(columnIndex) { continue }
                if decoders[index].decoder.mode == .text {
                    row.comments.append((decoders[index].decoder.item.id, record.trimmedString(columnIndex)))
                    continue
                }
                let message = record.withTrimmedField(columnIndex) { decoders[index].decoder.decode($0, into: answers) }
                if let message { problems.add(columnIndex, message, in: record) }
            }
            for spread in spreads {
                if let applies, !applies[spread.itemIndex] { continue }
                var chosen = 0
                var exclusive: Int?
                for (columnIndex, option, ownWords) in spread.columns where !record.isBlank(columnIndex) {
                    if record.withTrimmedField(columnIndex, { Self.isNotChosen($0, except: ownWords) }) { continue }
                    answers[spread.offset] = 1
                    answers[spread.offset + 1 + option / 8] |= 1 << UInt8(option % 8)
                    chosen += 1
                    if spread.exclusive[option] { exclusive = columnIndex }
                }
                if chosen > 1, let exclusive {
                    problems.add(exclusive, "'\(record.trimmedString(exclusive))' is ticked with other options (expected it alone)", in: record)
                }
            }
        }
    }

    /// Cells of an option's column that say the option was not chosen: N, No, 0, false, Not
    /// selected; and N/A, which LimeSurvey's full answers write for an option never shown.
    static let notChosenKeys: Set<String> = ["n", "no", "0", "false", "not selected", "n/a"]

    /// An option column's cell that says the option was not chosen (see ``notChosenKeys``),
    /// unless the word is the option's own name (`ownWords`, normalised).
    static func isNotChosen(_ cell: UnsafeRawBufferPointer, except ownWords: Set<String>) -> Bool {
        // One byte (`Y`, `N`, `1`, `0`, an `x`) is the common case: decide it without a string.
        if cell.count == 1 {
            let byte = cell[0] | 0x20  // ASCII lower case; '0' is unchanged
            guard byte == UInt8(ascii: "n") || byte == UInt8(ascii: "0") else { return false }
            return ownWords.isEmpty || !ownWords.contains(String(UnicodeScalar(byte)))
        }
        guard cell.count <= 12 else { return false }
        let word = normalizedKey(String(decoding: cell, as: UTF8.self))
        return notChosenKeys.contains(word) && !ownWords.contains(word)
    }
}
