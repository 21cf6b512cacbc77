import Foundation
import Testing

/// `stance classify --article` and `stance track`, run as a user runs them.
@Suite(.serialized) struct ArticleCLITests {
    let directory: String
    let model: String
    let documents: String

    init() throws {
        (directory, model) = try StanceRunner.directoryWithTinyModel()
        documents = directory + "/docs.jsonl"
        var lines = [String]()
        for d in 0..<20 {
            let month = 1 + d % 6
            let text = d % 3 == 0
                ? "Officials accused Pyongyang of cheating. The minister threatened new sanctions if the talks stall."
                : "Both sides welcomed the talks. Diplomats urged restraint and called for more dialogue. The delegation arrives on Tuesday."
            lines.append("{\"id\": \"d\(d)\", \"date\": \"2018-0\(month)-1\(d % 9)\", \"source\": \"\(d % 2 == 0 ? "Wire" : "Post")\", \"text\": \"\(text)\"}")
        }
        lines.append("{\"id\": \"undated\", \"text\": \"No date here.\"}")
        try StanceRunner.write(lines.joined(separator: "\n") + "\n", to: documents)
    }

    @Test func articleTableHasSentencesAndSummary() throws {
        let article = directory + "/a.md"
        try StanceRunner.write("---\ntitle: Envoys meet\ndate: 24 August 2018\nsource: Meridian Wire\n---\n\nGENEVA (Meridian Wire) — Both sides welcomed the talks. The U.S. envoy, Mr. Smith, threatened new sanctions if the talks stall.\n\nThe delegation arrives on Tuesday.\n", to: article)
        let r = try StanceRunner.run(["classify", "--model", model, "--article", article])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("== Envoys meet (2018-08-24, Meridian Wire)"))
        #expect(r.stdout.contains("3 sentences:"))
        #expect(r.stdout.contains("net index (hawkish − dovish) / sentences:"))
        #expect(r.stdout.contains("95% bootstrap interval"))
        #expect(r.stdout.contains("most hawkish: \"The U.S. envoy, Mr. Smith, threatened new sanctions if the talks stall.\""))
    }

    @Test func articleJSONAndMarkdownFromStandardInput() throws {
        let r = try StanceRunner.run(["classify", "--model", model, "--article", "-", "--format", "json"],
                                     stdin: "Both sides welcomed the talks. Hardliners demanded more pressure.\n")
        #expect(r.status == 0, "\(r.stderr)")
        let record = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((record["sentences"] as! [[String: Any]]).count == 2)
        let summary = record["summary"] as! [String: Any]
        #expect(summary["sentences"] as! Int == 2)
        let md = try StanceRunner.run(["classify", "--model", model, "--article", "-", "--format", "markdown"], stdin: "Talks resume.\n")
        #expect(md.stdout.contains("| # | label |"))
        #expect(try StanceRunner.run(["classify", "--model", model, "--format", "json", "text"]).status == 64)
    }

    @Test func actorListCountsNamedActors() throws {
        let actors = directory + "/actors.txt"
        try StanceRunner.write("Pyongyang: North Korea\nMinister: the minister\n", to: actors)
        let r = try StanceRunner.run(["classify", "--model", model, "--article", "-", "--actors", actors, "--format", "json"],
                                     stdin: "Officials accused Pyongyang of cheating. North Korea fired a missile.\n")
        let record = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let listed = record["actors"] as! [[String: Any]]
        #expect(listed.map { $0["actor"] as! String } == ["Pyongyang"])
        #expect(listed[0]["sentences"] as! Int == 2)
    }

    @Test func trackWritesTableChartAndReportAndSkipsUndated() throws {
        let chart = directory + "/t.svg", report = directory + "/t.html"
        let r = try StanceRunner.run(["track", "--model", model, documents, "--by", "month", "--group", "source",
                                      "--chart", chart, "--report", report, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("group,period,start,documents,sentences,share_dovish,share_hawkish,share_neutral,net_index"))
        #expect(lines.count == 1 + 6)           // even documents (Wire) fall in odd months, odd ones (Post) in even months
        #expect(r.stderr.contains("document undated has no date"))
        #expect(r.stderr.contains("skipped 1 document without a usable date"))
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.contains("<polyline") && svg.contains(">Wire<"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Most hawkish and most dovish sentences"))
        let strict = try StanceRunner.run(["track", "--model", model, documents, "--strict", "--quiet"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("document undated has no date"))
    }

    @Test func shardedPartialsMergeToTheSingleRunResult() throws {
        let whole = try StanceRunner.run(["track", "--model", model, documents, "--by", "week", "--format", "json", "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let all = try String(contentsOfFile: documents, encoding: .utf8).split(separator: "\n")
        var parts = [String]()
        for (i, chunk) in [all[0..<7], all[7..<15], all[15...]].enumerated() {
            let shard = directory + "/shard\(i).jsonl", part = directory + "/part\(i).json"
            try StanceRunner.write(chunk.joined(separator: "\n") + "\n", to: shard)
            let r = try StanceRunner.run(["track", "--model", model, shard, "--by", "week", "--partial", part, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(part)
        }
        let merged = try StanceRunner.run(["track", "--merge"] + parts.reversed() + ["--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
    }

    @Test func partialTotalsFromStandardInputToStandardOutputMerge() throws {
        let whole = try StanceRunner.run(["track", "--model", model, documents, "--by", "week", "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let all = try String(contentsOfFile: documents, encoding: .utf8).split(separator: "\n")
        var parts = [String]()
        for (i, chunk) in [all[0..<10], all[10...]].enumerated() {
            let r = try StanceRunner.run(["track", "--model", model, "--document-format", "jsonl", "-", "--by", "week",
                                          "--partial", "-", "--quiet"],
                                         stdin: chunk.joined(separator: "\n") + "\n")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasSuffix("\n") && r.stdout.dropLast().split(separator: "\n").count == 1)   // one JSON line
            let part = directory + "/stdout-part\(i).json"
            try StanceRunner.write(r.stdout, to: part)
            parts.append(part)
        }
        let merged = try StanceRunner.run(["track", "--merge"] + parts)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole.stdout)
    }
}
