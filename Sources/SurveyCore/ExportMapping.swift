/// How one questionnaire's export reads as a survey, when the export's wording is the user's own:
/// which column holds which item, attribute or field, and which answer texts mean which scale
/// point or option.
///
/// Read from a mapping file (see `Surveys/MAPPINGS.md`) by SurveyDefinition's `loadMapping`,
/// which checks it against the survey; the collector applies it when it reads the header.
public struct ExportMapping: Hashable, Sendable {
    /// What one column holds.
    public enum Target: Hashable, Sendable {
        /// An item; for a multi item spread one option per column, `option` names the column's option.
        case item(id: String, option: String?)
        /// A respondent attribute.
        case attribute(AttributeKind)
        /// A metadata field.
        case field(Field)
        /// Read and dropped.
        case ignore
    }

    /// The metadata a column may carry.
    public enum Field: String, CaseIterable, Hashable, Sendable {
        case responseID = "response_id"
        case submittedAt = "submitted_at"
        case wave
        case finished
    }

    /// What an answer text means for an item.
    public enum AnswerValue: Hashable, Sendable {
        /// A point of the item's scale (agreement items).
        case point(Int)
        /// An option id (choice and multi items).
        case option(String)
        /// No answer.
        case missing
    }

    /// One export text and what it stands for.
    public struct Answer: Hashable, Sendable {
        /// The text as the export writes it.
        public var text: String
        /// What it means.
        public var value: AnswerValue

        /// Creates an answer mapping.
        public init(text: String, value: AnswerValue) {
            self.text = text
            self.value = value
        }
    }

    /// One entry of the mapping: a column of the export and what it holds.
    public struct Column: Hashable, Sendable {
        /// The export's header text for the column (its display name).
        public var header: String
        /// What it holds.
        public var target: Target
        /// For items: extra answer texts, added to the scale's or options' own labels.
        public var answers: [Answer]
        /// For attributes: export texts and the values stored for them.
        public var values: [Rename]
        /// Where the entry's `column:` value is, for messages about the column.
        public var location: SourceLocation?

        /// Creates a column entry.
        public init(header: String, target: Target, answers: [Answer] = [], values: [Rename] = [],
                    location: SourceLocation? = nil) {
            self.header = header
            self.target = target
            self.answers = answers
            self.values = values
            self.location = location
        }
    }

    /// An attribute value as the export writes it and as it is stored.
    public struct Rename: Hashable, Sendable {
        /// The text in the export.
        public var text: String
        /// The value stored instead.
        public var value: String

        /// Creates a rename.
        public init(text: String, value: String) {
            self.text = text
            self.value = value
        }
    }

    /// The file the mapping was read from, as the user named it.
    public var file: String
    /// The survey id it maps to.
    public var surveyID: String
    /// The survey version, when the mapping names one (otherwise the newest).
    public var surveyVersion: Int?
    /// The export format (an `ExportFormat` raw value), nil for automatic detection.
    public var format: String?
    /// Where `format:` is, for a message when the format is unknown.
    public var formatLocation: SourceLocation?
    /// The columns, in file order.
    public var columns: [Column]
    /// Survey items the export has no column for.
    public var notAsked: [String]

    /// Creates a mapping.
    public init(file: String, surveyID: String, surveyVersion: Int? = nil, format: String? = nil,
                formatLocation: SourceLocation? = nil, columns: [Column], notAsked: [String] = []) {
        self.file = file
        self.surveyID = surveyID
        self.surveyVersion = surveyVersion
        self.format = format
        self.formatLocation = formatLocation
        self.columns = columns
        self.notAsked = notAsked
    }

    /// `id` or `id@version`, as the catalog resolves a survey.
    public var surveyReference: String {
        surveyVersion.map { "\(surveyID)@\($0)" } ?? surveyID
    }
}
