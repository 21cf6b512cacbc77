import Foundation
import Testing

/// End-to-end tests of the `stance` executable: training, classifying, evaluating, inspecting,
/// exit statuses and error messages.
@Suite(.serialized) struct CLITests {
    let directory: String
    let model: String

    init() throws {
        (directory, model) = try StanceRunner.directoryWithTinyModel()
    }

    @Test func trainPrintsASummaryAndWritesTheModel() throws {
        let out = directory + "/csv.stance"
        let data = directory + "/corpus.csv"
        try StanceRunner.write(TrainingCorpus.csv, to: data)
        let r = try StanceRunner.run(["train", "--data", data, "--dev", TrainingCorpus.path, "--output", out, "--cv", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("labels: dovish (8), hawkish (8), neutral (8)"))
        #expect(r.stdout.contains("<- chosen"))
        #expect(r.stdout.contains("dev: 24 examples"))
        #expect(r.stderr.contains("cross-validation fold 3/3"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func classifyTextsAsJSONLines() throws {
        let r = try StanceRunner.run(["classify", "--model", model, "--format", "jsonl",
                                      "The minister threatened new sanctions if the talks stall.",
                                      "Diplomats welcomed the constructive talks."])
        #expect(r.status == 0, "\(r.stderr)")
        let records = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.count == 2)
        #expect(records.map { $0["label"] as! String } == ["hawkish", "dovish"])
        let p = records[0]["probabilities"] as! [String: Double]
        #expect(Set(p.keys) == ["dovish", "hawkish", "neutral"])
        #expect(abs(p.values.reduce(0, +) - 1) < 1e-9)
    }

    /// OpenBLAS starts worker threads when it loads, and they spin for a while; every command
    /// stops them before its work (`BLASThreads.stopIdleWorkers`), so `classify` waiting on
    /// standard input runs on one thread. With a BLAS that has no threads this holds anyway.
    @Test func commandsStopOpenBLASWorkerThreads() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/task") else { return }  // Linux only
        let process = Process()
        process.executableURL = StanceRunner.executable
        process.arguments = ["classify", "--model", model, "--input", "-"]
        process.environment = ProcessInfo.processInfo.environment.merging(["OPENBLAS_NUM_THREADS": "2"]) { $1 }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        let tasks = "/proc/\(process.processIdentifier)/task"
        var threads = 0
        var waited = 0.0
        // Start-up (loading the model) takes a moment; the thread count falls to 1 once the
        // command has begun, and stays there while it waits for input.
        repeat {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
            threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks).count) ?? 0
        } while threads != 1 && waited < 10
        #expect(threads == 1, "stance classify waiting on standard input runs \(threads) threads")
    }

    @Test func classifyStandardInputAsCSVKeepsOrderAndIDs() throws {
        let input = "{\"id\": \"s1\", \"text\": \"Officials accused them of cheating on the deal.\"}\n{\"id\": \"s2\", \"text\": \"The delegation arrives on Tuesday.\"}\n"
        let r = try StanceRunner.run(["classify", "--model", model, "--input-format", "jsonl", "--format", "csv", "-"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "id,text,label,p_dovish,p_hawkish,p_neutral")
        #expect(lines[1].hasPrefix("s1,Officials accused them of cheating on the deal.,hawkish,"))
        #expect(lines[2].hasPrefix("s2,"))
        let plain = try StanceRunner.run(["classify", "--model", model, "-"], stdin: "First text.\n\nSecond, \"quoted\" text.\n")
        #expect(plain.stdout.split(separator: "\n").count == 3)   // header + 2 rows
    }

    @Test func explanationsAddUpToTheMargin() throws {
        let r = try StanceRunner.run(["classify", "--model", model, "--format", "jsonl", "--explain", "3",
                                      "Hardliners demanded more pressure and rejected any concession."])
        #expect(r.status == 0, "\(r.stderr)")
        let record = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let e = record["explanation"] as! [String: Any]
        let toward = e["toward"] as! [[String: Any]]
        let against = e["against"] as! [[String: Any]]
        #expect(toward.count == 3)
        let listed = (toward + against).map { $0["contribution"] as! Double }.reduce(0, +)
        let total = listed + (e["remainder"] as! Double) + (e["intercept_difference"] as! Double)
        #expect(abs(total - (e["margin"] as! Double)) < 1e-9)
        #expect(e["predicted"] as! String == "hawkish")
        let table = try StanceRunner.run(["classify", "--model", model, "--explain", "2", "Both sides welcomed the talks."])
        #expect(table.stdout.contains("margin dovish over"))
    }

    @Test func evaluatePrintsTheReportAndJSON() throws {
        let text = try StanceRunner.run(["evaluate", "--model", model, "--data", TrainingCorpus.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("weighted avg"))
        #expect(text.stdout.contains("confusion matrix"))
        let json = try StanceRunner.run(["evaluate", "--model", model, "--data", TrainingCorpus.path, "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(report["accuracy"] as! Double == 1)
        #expect((report["confusion"] as! [[Int]]) == [[8, 0, 0], [0, 8, 0], [0, 0, 8]])
    }

    @Test func inspectShowsMetadataAndStrongestNGrams() throws {
        let r = try StanceRunner.run(["inspect", "--model", model, "--top", "4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("strongest for hawkish:"))
        #expect(r.stdout.contains("data fingerprint"))
        let json = try StanceRunner.run(["inspect", "--model", model, "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(report["labels"] as! [String] == ["dovish", "hawkish", "neutral"])
    }

    @Test func sameDataGivesByteIdenticalModels() throws {
        let again = directory + "/again.stance"
        _ = try StanceRunner.run(["train", "--data", TrainingCorpus.path, "--output", again, "-C", "10", "--quiet"])
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: model))
    }

    // MARK: errors and exit statuses

    @Test func malformedDataFailsWithFileAndLineAndLeavesNoModel() throws {
        let malformed = Bundle.module.url(forResource: "malformed", withExtension: "jsonl", subdirectory: "Fixtures")!.path
        let out = directory + "/never.stance"
        let r = try StanceRunner.run(["train", "--data", malformed, "--output", out])
        #expect(r.status == 65)
        #expect(r.stderr == "stance: \(malformed):3: malformed JSON\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        // An existing model is kept when training fails.
        let before = FileManager.default.contents(atPath: model)
        _ = try StanceRunner.run(["train", "--data", malformed, "--output", model])
        #expect(FileManager.default.contents(atPath: model) == before)
        // --skip-invalid reports the line and goes on.
        let skipped = try StanceRunner.run(["train", "--data", malformed, "--output", out, "--skip-invalid", "--quiet"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("skipped: \(malformed):3: malformed JSON"))
    }

    @Test func missingInputExits66() throws {
        let r = try StanceRunner.run(["train", "--data", directory + "/nope.csv", "--output", directory + "/x.stance"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("nope.csv: no such file"))
        let m = try StanceRunner.run(["classify", "--model", directory + "/nope.stance", "text"])
        #expect(m.status == 66)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try StanceRunner.run(["train", "--data", TrainingCorpus.path]).status == 64)          // no --output
        #expect(try StanceRunner.run(["classify", "--model", model]).status == 64)                    // nothing to classify
        #expect(try StanceRunner.run(["train", "--data", TrainingCorpus.path, "--output", "x", "-C", "-1"]).status == 64)
        #expect(try StanceRunner.run(["classify", "--model", model, "--format", "xml", "a"]).status == 64)
    }

    @Test func unknownLabelsAtEvaluationAreListed() throws {
        let data = directory + "/other.csv"
        try StanceRunner.write("text,label\nTalks resume.,dovish\nA new label here.,bullish\nAnd another.,bearish\n", to: data)
        let r = try StanceRunner.run(["evaluate", "--model", model, "--data", data])
        #expect(r.status == 65)
        #expect(r.stderr == "stance: \(data):3: labels not known to the model: bearish, bullish\n")
        let skipped = try StanceRunner.run(["evaluate", "--model", model, "--data", data, "--skip-invalid"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("skipped 2 records"))
    }

    @Test func corruptModelIsReportedNotCrashed() throws {
        let broken = directory + "/broken.stance"
        let bytes = FileManager.default.contents(atPath: model)!
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: broken))
        let r = try StanceRunner.run(["classify", "--model", broken, "text"])
        #expect(r.status == 65)
        #expect(r.stderr == "stance: \(broken): the file is truncated\n")
    }

    @Test func invalidUTF8IsNamed() throws {
        let data = directory + "/latin1.csv"
        try Data(Array("text,label\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x2C, 0x61, 0x0A]).write(to: URL(fileURLWithPath: data))
        let r = try StanceRunner.run(["train", "--data", data, "--output", directory + "/u.stance"])
        #expect(r.status == 65)
        #expect(r.stderr == "stance: \(data):2: invalid UTF-8\n")
    }

    @Test func helpExplainsEveryCommand() throws {
        for command in ["train", "classify", "evaluate", "inspect"] {
            let r = try StanceRunner.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("USAGE"))
        }
        #expect(try StanceRunner.run(["classify", "--help"]).stdout.contains("table, jsonl, csv"))
    }
}
