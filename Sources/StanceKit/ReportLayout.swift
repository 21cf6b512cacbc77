/// What each report says, in order, as format-independent blocks: the same sections, tables
/// and sentences reach text, Markdown and HTML, so the formats cannot drift apart.
public enum ReportLayout {
    private typealias F = ReportFormatting

    public static func blocks(_ document: ReportDocument) -> [ReportBlock] {
        switch document {
        case .evaluation(let report):
            var blocks: [ReportBlock] = [.heading(level: 1, document.title)]
            blocks.append(.paragraph(scope(report, leftOut: report.leftOut)))
            blocks += evaluation(report, level: 2)
            blocks.append(.heading(level: 2, "How the figures are defined"))
            blocks += definitions(report.options)
            return blocks
        case .comparison(let comparison):
            return self.comparison(comparison, title: document.title)
        case .crossValidation(let cv):
            return crossValidation(cv, title: document.title)
        }
    }

    // MARK: one model

    static func scope(_ report: EvaluationReport, leftOut: EvaluationReport.LeftOut?) -> String {
        var text = "\(report.count) example\(report.count == 1 ? "" : "s") scored; labels: \(report.labels.joined(separator: ", "))."
        if let leftOut, leftOut.count > 0 {
            text += " Left out: \(leftOut.count) example\(leftOut.count == 1 ? "" : "s") with label\(leftOut.labels.count == 1 ? "" : "s") the model does not know (\(leftOut.labels.joined(separator: ", ")))."
        }
        if report.count == 0 { text += " With no examples every figure is undefined." }
        return text
    }

    /// The interval cell of a figure the bootstrap covers.
    static func intervalCell(_ interval: BootstrapInterval?, _ options: EvaluationReport.Options) -> String {
        options.bootstrapResamples == 0 ? "not computed" : F.interval(interval)
    }

    /// Summary, per-label figures, confusion matrix, calibration and errors of one report.
    static func evaluation(_ r: EvaluationReport, level: Int, name: String? = nil) -> [ReportBlock] {
        var blocks = [ReportBlock]()
        let suffix = name.map { " (\($0))" } ?? ""
        let level95 = F.percent(r.options.level, digits: 0)
        let binsNote = "\(r.options.bins) equal-width bins"
        blocks.append(.heading(level: level, "Summary" + suffix))
        blocks.append(.table(.init(header: ["figure", "value", "\(level95) interval"], rows: [
            ["accuracy", F.number(r.accuracy), intervalCell(r.accuracyInterval, r.options)],
            ["macro F1", F.number(r.macro.f1), intervalCell(r.macro.f1Interval, r.options)],
            ["weighted F1", F.number(r.weighted.f1), intervalCell(r.weighted.f1Interval, r.options)],
            ["macro precision", F.number(r.macro.precision), ""],
            ["macro recall", F.number(r.macro.recall), ""],
            ["Cohen's kappa", F.number(r.kappa), ""],
            ["log loss", F.number(r.logLoss), ""],
            ["Brier score (mean of one-vs-rest)", F.number(r.brierScore), ""],
            ["expected calibration error (\(binsNote))", F.number(r.calibration.expectedCalibrationError), ""],
            ["maximum calibration error", F.number(r.calibration.maximumCalibrationError), ""],
        ])))

        blocks.append(.heading(level: level, "Per label" + suffix))
        var rows = r.perLabel.map { s in
            [s.label, F.number(s.precision), F.number(s.recall), F.number(s.f1), intervalCell(s.f1Interval, r.options),
             String(s.support), String(s.predicted), F.number(s.brier)]
        }
        rows.append(["macro avg", F.number(r.macro.precision), F.number(r.macro.recall), F.number(r.macro.f1),
                     intervalCell(r.macro.f1Interval, r.options), String(r.count), String(r.count), F.number(r.brierScore)])
        rows.append(["weighted avg", F.number(r.weighted.precision), F.number(r.weighted.recall), F.number(r.weighted.f1),
                     intervalCell(r.weighted.f1Interval, r.options), String(r.count), String(r.count), ""])
        blocks.append(.table(.init(header: ["label", "precision", "recall", "F1", "F1 \(level95) interval", "support", "predicted", "Brier"],
                                   rows: rows)))
        func range(_ i: BootstrapInterval?) -> ClosedRange<Double>? { i.map { $0.lower...$0.upper } }
        blocks.append(.chart(.bars(MetricBarChart(
            title: "Precision, recall and F1 per label" + suffix,
            subtitle: r.options.bootstrapResamples > 0
                ? "Whiskers: \(level95) bootstrap interval (\(r.options.bootstrapResamples) resamples, seed \(r.options.seed))"
                : "No bootstrap intervals (--bootstrap 0)",
            groups: r.labels,
            series: [
                .init(name: "Precision", values: r.perLabel.map(\.precision), intervals: r.perLabel.map { range($0.precisionInterval) }),
                .init(name: "Recall", values: r.perLabel.map(\.recall), intervals: r.perLabel.map { range($0.recallInterval) }),
                .init(name: "F1", values: r.perLabel.map(\.f1), intervals: r.perLabel.map { range($0.f1Interval) }),
            ],
            xAxisTitle: "Label", yAxisTitle: "Score"))))

        blocks.append(.heading(level: level, "Confusion matrix" + suffix))
        blocks.append(.chart(.confusion(ConfusionHeatMap(title: "Confusion matrix" + suffix, labels: r.labels, counts: r.confusion))))
        blocks.append(.table(.init(title: "confusion matrix, counts (rows: true label, columns: predicted label)",
                                   header: ["true \\ predicted"] + r.labels,
                                   rows: r.labels.indices.map { [r.labels[$0]] + r.confusion[$0].map(String.init) },
                                   showInHTML: false)))
        blocks.append(.table(.init(title: "confusion matrix, row-normalised (share of each true label's examples)",
                                   header: ["true \\ predicted"] + r.labels,
                                   rows: r.labels.indices.map { i in
                                       [r.labels[i]] + r.labels.indices.map { j in F.number(r.confusionNormalised[i]?[j]) }
                                   },
                                   showInHTML: false)))

        blocks.append(.heading(level: level, "Calibration" + suffix))
        blocks.append(.paragraph("Top-label confidence (the probability of the predicted label) in \(binsNote). "
            + "Expected calibration error \(F.number(r.calibration.expectedCalibrationError)), "
            + "maximum calibration error \(F.number(r.calibration.maximumCalibrationError)). "
            + "A negative gap means the model was more confident than it was accurate."))
        blocks.append(.chart(.reliability(ReliabilityDiagram(title: "Reliability diagram" + suffix, calibration: r.calibration))))
        blocks.append(.table(.init(title: "reliability bins", header: ["confidence", "predictions", "mean confidence", "accuracy", "gap"],
                                   rows: r.calibration.bins.map { b in
                                       ["\(F.number(b.lower, digits: 2))–\(F.number(b.upper, digits: 2))", String(b.count),
                                        F.number(b.meanConfidence), F.number(b.accuracy), F.number(b.gap)]
                                   })))

        blocks.append(.heading(level: level, "Errors" + suffix))
        blocks += errorTable("Most confident mistakes", r.mostConfidentMistakes, labels: r.labels, limit: r.options.errors,
                             none: "No mistakes.")
        blocks += errorTable("Least confident correct answers", r.leastConfidentCorrect, labels: r.labels, limit: r.options.errors,
                             none: "No correct answers.")
        return blocks
    }

    static func errorTable(_ title: String, _ examples: [EvaluationReport.Example], labels: [String], limit: Int,
                           none: String) -> [ReportBlock] {
        guard limit > 0 else { return [.paragraph("\(title): not listed (--errors 0).")] }
        guard !examples.isEmpty else { return [.paragraph("\(title): none. \(none)")] }
        let header = ["#", "line", "true", "predicted", "confidence"] + labels.map { "p(\($0))" } + ["text"]
        let rows = examples.enumerated().map { i, e in
            [String(i + 1), e.line.map(String.init) ?? "", e.truth, e.predicted, F.number(e.confidence)]
                + e.probabilities.map { F.number($0) } + [F.singleLine(e.text)]
        }
        var alignments: [ReportBlock.Table.Alignment] = [.right, .right, .left, .left, .right]
        alignments += Array(repeating: .right, count: labels.count) + [.left]
        return [.table(.init(title: "\(title) (up to \(limit))", header: header, rows: rows, alignments: alignments,
                             lastColumnIsText: true))]
    }

    static func definitions(_ options: EvaluationReport.Options) -> [ReportBlock] {
        let level = F.percent(options.level, digits: 0)
        return [
            .paragraph("Precision, recall, F1, support, accuracy and the macro and weighted averages are defined as in "
                + "scikit-learn's classification_report; Cohen's kappa as cohen_kappa_score; log loss as log_loss (natural "
                + "logarithm, probabilities clipped to [ε, 1 − ε]); the Brier score of a label as brier_score_loss on that label "
                + "against the rest, and the summary Brier score as their mean."),
            .paragraph("A figure whose denominator is zero (a label never predicted or with no examples, or no examples at all) "
                + "is undefined; the macro and weighted averages count an undefined label figure as 0, as scikit-learn does."),
            .paragraph("Intervals: \(level) percentile bootstrap over the examples, \(options.bootstrapResamples) resamples, seed "
                + "\(options.seed); undefined with fewer than two examples. Calibration: the probability of the predicted label "
                + "in \(options.bins) equal-width bins; the expected calibration error is the mean of |accuracy − mean "
                + "confidence| over bins, weighted by the bins' share of the examples."),
        ]
    }

    // MARK: two models

    static func comparison(_ c: ModelComparison, title: String) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 1, title)]
        blocks.append(.paragraph("Model A: \(c.nameA). Model B: \(c.nameB). " + scope(c.a, leftOut: c.leftOut)))
        blocks.append(.heading(level: 2, "Verdict"))
        blocks.append(.paragraph(c.conclusion))

        let options = c.a.options
        let level95 = F.percent(options.level, digits: 0)
        blocks.append(.heading(level: 2, "Figures side by side"))
        func row(_ name: String, _ a: Double?, _ ai: BootstrapInterval?, _ b: Double?, _ bi: BootstrapInterval?, interval: Bool) -> [String] {
            let difference = a.flatMap { a in b.map { $0 - a } }
            return [name, F.number(a), interval ? intervalCell(ai, options) : "", F.number(b),
                    interval ? intervalCell(bi, options) : "", F.signed(difference)]
        }
        blocks.append(.table(.init(header: ["figure", "A", "A \(level95) interval", "B", "B \(level95) interval", "B − A"], rows: [
            row("accuracy", c.a.accuracy, c.a.accuracyInterval, c.b.accuracy, c.b.accuracyInterval, interval: true),
            row("macro F1", c.a.macro.f1, c.a.macro.f1Interval, c.b.macro.f1, c.b.macro.f1Interval, interval: true),
            row("weighted F1", c.a.weighted.f1, c.a.weighted.f1Interval, c.b.weighted.f1, c.b.weighted.f1Interval, interval: true),
            row("Cohen's kappa", c.a.kappa, nil, c.b.kappa, nil, interval: false),
            row("log loss", c.a.logLoss, nil, c.b.logLoss, nil, interval: false),
            row("Brier score (mean)", c.a.brierScore, nil, c.b.brierScore, nil, interval: false),
            row("expected calibration error", c.a.calibration.expectedCalibrationError, nil,
                c.b.calibration.expectedCalibrationError, nil, interval: false),
        ])))
        blocks.append(.table(.init(title: "F1 per label", header: ["label", "support", "A", "B", "B − A"],
                                   rows: c.a.labels.indices.map { i in
                                       let (a, b) = (c.a.perLabel[i].f1, c.b.perLabel[i].f1)
                                       return [c.a.labels[i], String(c.a.perLabel[i].support), F.number(a), F.number(b),
                                               F.signed(a.flatMap { a in b.map { $0 - a } })]
                                   })))
        func range(_ i: BootstrapInterval?) -> ClosedRange<Double>? { i.map { $0.lower...$0.upper } }
        blocks.append(.chart(.bars(MetricBarChart(
            title: "F1 per label: A and B",
            subtitle: options.bootstrapResamples > 0 ? "Whiskers: \(level95) bootstrap interval of each model's F1" : "No bootstrap intervals",
            groups: c.a.labels + ["macro avg"],
            series: [
                .init(name: "A: " + SVGWriter.truncated(c.nameA, 30), values: c.a.perLabel.map(\.f1) + [c.a.macro.f1],
                      intervals: c.a.perLabel.map { range($0.f1Interval) } + [range(c.a.macro.f1Interval)]),
                .init(name: "B: " + SVGWriter.truncated(c.nameB, 30), values: c.b.perLabel.map(\.f1) + [c.b.macro.f1],
                      intervals: c.b.perLabel.map { range($0.f1Interval) } + [range(c.b.macro.f1Interval)]),
            ],
            xAxisTitle: "Label", yAxisTitle: "F1"))))

        blocks.append(.heading(level: 2, "McNemar's test"))
        let m = c.mcnemar
        blocks.append(.table(.init(header: ["", "B right", "B wrong"], rows: [
            ["A right", String(m.bothRight), String(m.onlyARight)],
            ["A wrong", String(m.onlyBRight), String(m.bothWrong)],
        ])))
        let method = m.method == .exactBinomial
            ? "exact two-sided binomial test (fewer than \(McNemarTest.exactBelow) discordant pairs)"
            : "chi-square with continuity correction, χ² = \(F.number(m.statistic))"
        blocks.append(.paragraph("\(m.discordantPairs) discordant pair\(m.discordantPairs == 1 ? "" : "s") (\(m.onlyARight) only A right, "
            + "\(m.onlyBRight) only B right); \(method); p = \(F.pValue(m.pValue))."))

        blocks.append(.heading(level: 2, "Paired bootstrap of the macro-F1 difference"))
        blocks.append(.paragraph("Macro-F1 of B − A: \(F.signed(c.macroF1Difference)); \(level95) interval "
            + "\(intervalCell(c.macroF1DifferenceInterval, options)) (both models scored on the same \(options.bootstrapResamples) "
            + "resamples, seed \(options.seed))."))

        blocks.append(.heading(level: 2, "Model A: \(c.nameA)"))
        blocks += evaluation(c.a, level: 3, name: "A")
        blocks.append(.heading(level: 2, "Model B: \(c.nameB)"))
        blocks += evaluation(c.b, level: 3, name: "B")
        blocks.append(.heading(level: 2, "How the figures are defined"))
        blocks += definitions(options)
        blocks.append(.paragraph("McNemar's test uses the exact binomial test below \(McNemarTest.exactBelow) discordant pairs and "
            + "the continuity-corrected chi-square test otherwise. The macro-F1 difference is significant at the "
            + "\(F.percent(1 - options.level, digits: 0)) level when its paired bootstrap interval excludes 0."))
        return blocks
    }

    // MARK: cross-validation

    static func crossValidation(_ cv: CrossValidationEvaluation, title: String) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 1, title)]
        blocks.append(.paragraph("\(cv.count) examples in \(cv.folds) stratified folds (seed \(cv.seed)); test fold sizes "
            + cv.foldSizes.map(String.init).joined(separator: ", ") + ". Each fold is scored by a model trained on the other folds; "
            + "figures are summarised as mean ± standard deviation over the folds where they are defined (population standard deviation)."))
        blocks.append(.heading(level: 2, "Figures per fold"))
        blocks.append(.table(.init(header: ["figure"] + (1...cv.folds).map { "fold \($0)" } + ["mean ± sd"],
                                   rows: cv.figures.map { f in
                                       [f.name] + f.values.map { F.number($0) } + [F.meanAndDeviation(f.mean, f.standardDeviation)]
                                   })))
        func summary(_ key: String) -> CrossValidationEvaluation.FigureSummary? { cv.figures.first { $0.key == key } }
        func series(_ name: String, _ prefix: String) -> MetricBarChart.Series {
            let figures = cv.labels.map { summary("\(prefix).\($0)") }
            return .init(name: name, values: figures.map { $0?.mean },
                         intervals: figures.map { f in
                             guard let f, let m = f.mean, let s = f.standardDeviation else { return nil }
                             return max(0, m - s)...min(1, m + s)
                         })
        }
        blocks.append(.chart(.bars(MetricBarChart(
            title: "Precision, recall and F1 per label over \(cv.folds) folds",
            subtitle: "Bars: mean over folds; whiskers: ± one standard deviation",
            groups: cv.labels,
            series: [series("Precision", "precision"), series("Recall", "recall"), series("F1", "f1")],
            xAxisTitle: "Label", yAxisTitle: "Score"))))
        blocks.append(.heading(level: 2, "All held-out predictions together"))
        blocks.append(.paragraph("The \(cv.count) held-out predictions of all folds scored as one set."))
        blocks += evaluation(cv.pooled, level: 3)
        blocks.append(.heading(level: 2, "How the figures are defined"))
        blocks += definitions(cv.pooled.options)
        return blocks
    }
}
