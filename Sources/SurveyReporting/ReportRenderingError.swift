/// A scorecard that cannot be rendered faithfully.
///
/// Renderers check every figure before writing anything, so a bad value upstream fails
/// loudly instead of showing as a blank or a wrong number.
package struct ReportRenderingError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A figure is NaN or infinite.
        package static let nonFiniteNumber = Code(description: "non-finite number")
        /// An interval does not have exactly two finite bounds, low first.
        package static let malformedInterval = Code(description: "malformed interval")
        /// The view has no rendering in the format asked for.
        package static let unsupportedFormat = Code(description: "unsupported format")

        /// A short name for the kind of problem.
        package let description: String
    }

    /// The kind of problem.
    package var code: Code
    /// What is wrong and where, e.g. `unit 'Acme / Sales' dimension 'strategy': mean is nan,
    /// expected a finite number`.
    package var message: String

    /// The message.
    package var description: String { message }
}
