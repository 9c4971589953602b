/// The tool's version, shown by `opmodel --version` and recorded with every import.
public enum OpModelVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
