@testable import StanceKit

/// A tiny labelled corpus written for the tests.
enum TrainingCorpus {
    static let hawkish = [
        "Washington vowed to tighten sanctions until the regime gives up its weapons.",
        "The general warned that military options remain on the table.",
        "Hardliners rejected any concession and demanded more pressure.",
        "Officials accused the other side of cheating on its promises.",
        "The minister threatened new sanctions if the talks stall again.",
        "Critics called the summit a trap that rewards bad behaviour.",
        "The senator demanded an end to the pointless negotiations.",
        "Pyongyang fired another missile and threatened its neighbours.",
    ]
    static let dovish = [
        "Both sides welcomed the talks as a constructive first step.",
        "The envoy praised the goodwill shown by the other delegation.",
        "Negotiators agreed to a phased deal with sanctions relief.",
        "The president said a summit could open the door to peace.",
        "Diplomats urged restraint and called for more dialogue.",
        "The release of the prisoners was hailed as a gesture of goodwill.",
        "Mediators reported real progress toward a ceasefire agreement.",
        "The foreign minister offered to resume talks without preconditions.",
    ]
    static let neutral = [
        "The delegation will arrive in Geneva on Tuesday morning.",
        "The report covers meetings held between March and June.",
        "She was appointed special envoy in the autumn of 2018.",
        "The talks are scheduled to take place at the foreign ministry.",
        "The agreement was signed in 2015 by six world powers.",
        "Reporters gathered outside the hotel where the meeting was held.",
        "The committee publishes its findings twice a year.",
        "It is unclear whether the next round will be held this month.",
    ]

    static var examples: [LabelledExample] {
        var out = [LabelledExample]()
        for (label, texts) in [("hawkish", hawkish), ("dovish", dovish), ("neutral", neutral)] {
            for t in texts { out.append(LabelledExample(text: t, label: label, line: out.count + 1)) }
        }
        return out
    }
}
