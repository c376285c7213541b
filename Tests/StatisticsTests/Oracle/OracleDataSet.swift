import Statistics

/// One input for R's `survey` package and for ``SupportEstimate``: respondents, margins in raking order,
/// and the options both sides get.
struct OracleDataSet: Sendable {
    var respondents: [Respondent]
    var margins: [Margin]
    var maxSweeps = 1000
    var trim: (lower: Double, upper: Double)? = nil
    /// The variable `svyby()` breaks down by, if any.
    var domain: String? = nil

    var options: RakingOptions { RakingOptions(maxSweeps: maxSweeps, trim: trim) }

    /// Reference.R's extra arguments.
    var arguments: [String] {
        var arguments = ["maxit=\(maxSweeps)"]
        if let trim { arguments.append("trim=\(trim.lower),\(trim.upper)") }
        if let domain { arguments.append("domain=\(domain)") }
        return arguments
    }
}
