/// A dated text to classify sentence by sentence: an article, a statement, a transcript.
public struct Document: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var date: CalendarDay?
    /// The date as written, kept for error messages when it cannot be parsed.
    public var rawDate: String?
    public var source: String?
    public var storyline: String?
    public var text: String
    /// Where it came from: "file" or "file:line".
    public var origin: String

    public init(id: String, title: String? = nil, date: CalendarDay? = nil, rawDate: String? = nil, source: String? = nil,
                storyline: String? = nil, text: String, origin: String) {
        self.id = id
        self.title = title
        self.date = date
        self.rawDate = rawDate
        self.source = source
        self.storyline = storyline
        self.text = text
        self.origin = origin
    }
}
