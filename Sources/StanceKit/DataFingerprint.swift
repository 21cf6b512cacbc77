import TextFeatures

/// A short, stable fingerprint of labelled data (texts and labels, in order), recorded in
/// model files so a model can be traced to the data it was trained on.
public enum DataFingerprint {
    public static func of(_ examples: [LabelledExample]) -> String {
        var h = StableHash()
        for e in examples {
            h.combine(contentsOf: e.text.utf8)
            h.combine(0x1F)
            h.combine(contentsOf: (e.label ?? "").utf8)
            h.combine(0x1E)
        }
        let hex = String(h.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
