/// The version of the tool, recorded in every model file it writes.
public enum StanceVersion {
    public static let current = "0.1.0"
}
