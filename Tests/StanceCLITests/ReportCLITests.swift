import Foundation
import Testing

/// `stance evaluate` report formats and options, `stance cv` and `stance compare`, run as the
/// built binary.
@Suite struct ReportCLITests {
    let directory: String
    let model: String

    init() throws {
        (directory, model) = try StanceRunner.directoryWithTinyModel()
    }

    func evaluate(_ extra: [String], data: String? = nil) throws -> StanceRunner.Result {
        try StanceRunner.run(["evaluate", "--model", model, "--data", data ?? TrainingCorpus.path, "--bootstrap", "200"] + extra)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: formats

    @Test func everyFormat() throws {
        let text = try evaluate([])
        #expect(text.status == 0, "\(text.stderr)")
        for phrase in ["Summary", "Cohen's kappa", "log loss", "Brier score", "expected calibration error (10 equal-width bins)",
                       "weighted avg", "confusion matrix, counts", "reliability bins", "Least confident correct answers"] {
            #expect(text.stdout.contains(phrase), "\(phrase)")
        }
        let json = try self.json(try evaluate(["--format", "json"]).stdout)
        #expect(json["accuracy"] as? Double == 1)
        #expect(json["confusion"] as? [[Int]] == [[8, 0, 0], [0, 8, 0], [0, 0, 8]])
        let interval = try #require(json["accuracyInterval"] as? [String: Any])
        #expect(interval["resamples"] as? Int == 200)
        #expect((json["perLabel"] as? [[String: Any]])?.count == 3)
        let markdown = try evaluate(["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Evaluation of"))
        #expect(markdown.stdout.contains("| label | precision | recall | F1 |"))
        let html = try evaluate(["--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(try StanceRunner.run(["evaluate", "--model", model, "--data", TrainingCorpus.path, "--format", "pdf"]).status == 64)
    }

    @Test func errorsBootstrapBinsAndSeed() throws {
        let r = try evaluate(["--format", "json", "--errors", "2", "--bins", "5", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try self.json(r.stdout)
        #expect((json["leastConfidentCorrect"] as? [Any])?.count == 2)
        #expect(((json["calibration"] as? [String: Any])?["bins"] as? [Any])?.count == 5)
        #expect((json["options"] as? [String: Any])?["seed"] as? Int == 3)
        // The same seed gives the same report; another seed other resamples.
        #expect(try evaluate(["--format", "json", "--errors", "2", "--bins", "5", "--seed", "3"]).stdout == r.stdout)
        let none = try self.json(try evaluate(["--format", "json", "--bootstrap", "0"]).stdout)
        #expect(none["accuracyInterval"] is NSNull)
        #expect(try evaluate(["--bootstrap", "50"]).status == 64)
        #expect(try evaluate(["--bins", "0"]).status == 64)
        #expect(try evaluate(["--errors", "-1"]).status == 64)
    }

    // MARK: --output

    @Test func outputIsWrittenWholeOrNotAtAll() throws {
        let out = directory + "/report.html"
        let r = try evaluate(["--format", "html", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>") && written.hasSuffix("</html>\n"))

        // A failing run (unknown labels) leaves the existing report untouched and no temporary file.
        let bad = directory + "/bad.csv"
        try StanceRunner.write("text,label\nTalks resume.,dovish\nA new label.,bullish\n", to: bad)
        let failed = try evaluate(["--format", "html", "--output", out], data: bad)
        #expect(failed.status == 65)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["bad.csv", "report.html", "tiny.stance"])

        // A failing run with no earlier report leaves no file at all.
        let fresh = directory + "/fresh.json"
        #expect(try evaluate(["--format", "json", "--output", fresh], data: bad).status == 65)
        #expect(!FileManager.default.fileExists(atPath: fresh))
        // A directory that does not exist is a usage error, found before any work.
        #expect(try evaluate(["--output", directory + "/no/such/dir/r.txt"]).status == 64)
        #expect(try evaluate(["--output", directory]).status == 64)
    }

    // MARK: labels and odd data

    @Test func ignoreUnknownScoresTheKnownLabelsAndSaysHowManyWereLeftOut() throws {
        let data = directory + "/other.csv"
        try StanceRunner.write("text,label\nThe talks were constructive and both sides welcomed progress.,dovish\nA new label here.,bullish\nAnd another.,bearish\nMore.,bullish\n", to: data)
        let strict = try evaluate([], data: data)
        #expect(strict.status == 65)
        #expect(strict.stderr == "stance: \(data):3: labels not known to the model: bearish, bullish\n")
        let r = try evaluate(["--ignore-unknown", "--format", "json"], data: data)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("left out 3 examples with labels the model does not know (bearish, bullish); scoring the other 1"))
        let json = try self.json(r.stdout)
        #expect(json["count"] as? Int == 1)
        let leftOut = try #require(json["leftOut"] as? [String: Any])
        #expect(leftOut["count"] as? Int == 3 && leftOut["labels"] as? [String] == ["bearish", "bullish"])
        let text = try evaluate(["--ignore-unknown"], data: data)
        // Paragraphs are wrapped in text output.
        #expect(text.stdout.replacingOccurrences(of: "\n", with: " ")
            .contains("Left out: 3 examples with labels the model does not know (bearish, bullish)."))
        // --skip-invalid keeps working as before.
        let skipped = try evaluate(["--skip-invalid"], data: data)
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("skipped 3 records with labels the model does not know: bearish, bullish"))
    }

    @Test func emptyDataStillRendersAReport() throws {
        let data = directory + "/empty.csv"
        try StanceRunner.write("text,label\n", to: data)
        for format in ["text", "markdown", "html"] {
            let r = try evaluate(["--format", format], data: data)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stdout.contains("undefined"), "\(format)")
            #expect(!r.stdout.lowercased().contains("nan"), "\(format)")
        }
        let json = try self.json(try evaluate(["--format", "json"], data: data).stdout)
        #expect(json["count"] as? Int == 0)
        #expect(json["accuracy"] is NSNull && json["kappa"] is NSNull && json["logLoss"] is NSNull)
    }

    @Test func aSingleExample() throws {
        let data = directory + "/one.csv"
        try StanceRunner.write("text,label\nThe general warned that military options remain on the table.,hawkish\n", to: data)
        let r = try evaluate(["--format", "json"], data: data)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try self.json(r.stdout)
        #expect(json["accuracy"] as? Double == 1)
        #expect(json["kappa"] is NSNull && json["accuracyInterval"] is NSNull)
        let text = try evaluate([], data: data)
        #expect(text.stdout.contains("undefined"))
    }

    // MARK: cv

    @Test func crossValidation() throws {
        let r = try StanceRunner.run(["cv", "--data", TrainingCorpus.path, "--folds", "4", "-C", "10", "--seed", "2",
                                      "--bootstrap", "100", "--format", "json", "--quiet", "--threads", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try self.json(r.stdout)
        #expect(json["folds"] as? Int == 4)
        #expect((json["perFold"] as? [Any])?.count == 4)
        #expect(json["foldSizes"] as? [Int] == [6, 6, 6, 6])
        let figures = try #require(json["figures"] as? [[String: Any]])
        let accuracy = try #require(figures.first { $0["key"] as? String == "accuracy" })
        #expect((accuracy["values"] as? [Any])?.count == 4)
        #expect(accuracy["mean"] is Double && accuracy["standardDeviation"] is Double)
        #expect((json["pooled"] as? [String: Any])?["count"] as? Int == 24)

        let again = try StanceRunner.run(["cv", "--data", TrainingCorpus.path, "--folds", "4", "-C", "10", "--seed", "2",
                                          "--bootstrap", "100", "--format", "json", "--quiet", "--threads", "1"])
        #expect(again.stdout == r.stdout)

        let text = try StanceRunner.run(["cv", "--data", TrainingCorpus.path, "--folds", "3", "--bootstrap", "100"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("mean ± sd") && text.stdout.contains("fold 3"))
        #expect(text.stderr.contains("fold 3/3"))
        let html = try StanceRunner.run(["cv", "--data", TrainingCorpus.path, "--folds", "3", "--format", "html", "--quiet"])
        #expect(html.stdout.components(separatedBy: "<svg ").count - 1 == 4)

        #expect(try StanceRunner.run(["cv", "--data", TrainingCorpus.path, "--folds", "1"]).status == 64)
        let tooMany = try StanceRunner.run(["cv", "--data", TrainingCorpus.path, "--folds", "9", "--quiet"])
        #expect(tooMany.status == 64)
        #expect(tooMany.stderr.contains("9-fold cross-validation needs at least 9 of each label"))
    }

    // MARK: compare

    @Test func compareTwoModels() throws {
        let weak = directory + "/weak.stance"
        let t = try StanceRunner.run(["train", "--data", TrainingCorpus.path, "--output", weak, "-C", "0.01", "--features", "char",
                                      "--quiet"])
        #expect(t.status == 0, "\(t.stderr)")
        let r = try StanceRunner.run(["compare", "--data", TrainingCorpus.path, weak, model, "--bootstrap", "200"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Comparison of weak.stance and tiny.stance"))
        #expect(r.stdout.contains("Verdict") && r.stdout.contains("McNemar's test") && r.stdout.contains("B − A"))
        #expect(r.stdout.contains("significant at the 5% level"))

        let json = try self.json(try StanceRunner.run(["compare", "--data", TrainingCorpus.path, weak, model, "--format", "json",
                                                        "--bootstrap", "200"]).stdout)
        let mcnemar = try #require(json["mcnemar"] as? [String: Any])
        #expect(mcnemar["method"] as? String == "exact-binomial")   // 24 examples: fewer than 25 discordant pairs
        #expect((json["conclusion"] as? String)?.isEmpty == false)
        #expect(json["macroF1Difference"] is Double)
        #expect((json["a"] as? [String: Any])?["count"] as? Int == 24)

        let html = try StanceRunner.run(["compare", "--data", TrainingCorpus.path, weak, model, "--format", "html"])
        #expect(html.stdout.components(separatedBy: "<svg ").count - 1 == 7)

        // Models with different labels cannot be compared.
        let data = directory + "/two.csv"
        try StanceRunner.write("text,label\n" + TrainingCorpus.records.filter { $0.label != "neutral" }.map { "\"\($0.text)\",\($0.label)\n" }.joined(), to: data)
        let other = directory + "/two.stance"
        #expect(try StanceRunner.run(["train", "--data", data, "--output", other, "--quiet"]).status == 0)
        let mismatch = try StanceRunner.run(["compare", "--data", TrainingCorpus.path, model, other])
        #expect(mismatch.status == 64)
        #expect(mismatch.stderr.contains("the models know different labels"))
        #expect(try StanceRunner.run(["compare", "--data", TrainingCorpus.path, model]).status == 64)
    }

    @Test func helpDescribesTheNewOptions() throws {
        let evaluate = try StanceRunner.run(["evaluate", "--help"])
        for option in ["--format", "--output", "--errors", "--bootstrap", "--seed", "--bins", "--ignore-unknown", "--skip-invalid",
                       "equal-width"] {
            #expect(evaluate.stdout.contains(option), "\(option)")
        }
        let cv = try StanceRunner.run(["cv", "--help"])
        #expect(cv.stdout.contains("--folds") && cv.stdout.contains("--word-ngrams") && cv.stdout.contains("-C"))
        let compare = try StanceRunner.run(["compare", "--help"])
        #expect(compare.stdout.contains("<model-a>") && compare.stdout.contains("McNemar"))
    }
}
