/// A figure of a unit that complementary suppression can hide on its own, so the compiler
/// checks every key the builder hides and looks up.
///
/// The associated value is the index of the dimension, item or flag test in the survey's
/// ``ScoringModel``.
enum FigureKey: Hashable {
    /// A dimension's mean and its interval (base: respondents with a dimension score).
    case dimension(Int)
    /// A dimension's pooled favourable, neutral and unfavourable shares (base: respondents
    /// with a valid answer to one of its items).
    case pooled(Int)
    /// An item's figures (base: its valid answers).
    case item(Int)
    /// A flag test's statistic (base: the respondents it counts).
    case test(Int)
}
