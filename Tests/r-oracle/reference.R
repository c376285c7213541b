# Reference values for the Statistics module, straight from R's survey package (SPEC §5).
#
#   Rscript reference.R <respondents.csv> <margins.csv> [maxit=1000] [trim=LOWER,UPPER] [domain=VAR]
#
# respondents.csv: supports,opposes (0/1) and one column per category variable.
# margins.csv:     variable,category,total; variables are raked in order of first appearance.
# trim:            bounds as factors of the mean weight, passed to trimWeights() as absolute bounds.
#
# Output: one tab-separated record per line, numbers as %.17g, "NA" for NA/NaN/Inf:
#   sweeps <n>                  postStratify() passes / number of margins
#   converged <TRUE|FALSE>
#   weight <i> <w>              one per respondent, in input order
#   estimate <outcome> <share> <se> <lower> <upper> <deff> <n_eff> <n> <method>
#   domain <outcome> <category> <share> <se> <lower> <upper> <deff> <n_eff> <n> <method>
#   error <message>             rake() failed; followed by
#   empty <variable> <category> <total>     margin categories without respondents
#   unknown <variable> <category>           respondent categories without a population total
suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: reference.R <respondents.csv> <margins.csv> [maxit=N] [trim=L,U] [domain=VAR]")
options_given <- list(maxit = "1000", trim = NA, domain = NA)
for (a in args[-(1:2)]) {
  kv <- strsplit(a, "=", fixed = TRUE)[[1]]
  options_given[[kv[1]]] <- kv[2]
}

df <- read.csv(args[1], colClasses = "character", stringsAsFactors = FALSE, check.names = FALSE)
df$supports <- as.numeric(df$supports)
df$opposes <- as.numeric(df$opposes)
mg <- read.csv(args[2], colClasses = c("character", "character", "numeric"), stringsAsFactors = FALSE)
vars <- unique(mg$variable)

fmt <- function(x) {
  x <- as.numeric(x)
  if (length(x) != 1 || is.na(x) || !is.finite(x)) "NA" else sprintf("%.17g", x)
}
emit <- function(...) cat(paste(c(...), collapse = "\t"), "\n", sep = "")

sample_margins <- lapply(vars, function(v) as.formula(paste0("~`", v, "`")))
population_margins <- lapply(vars, function(v) {
  rows <- mg[mg$variable == v, ]
  out <- data.frame(rows$category, rows$total, stringsAsFactors = FALSE)
  names(out) <- c(v, "Freq")
  out
})

# Count sweeps: rake() does not return its iteration count, so count postStratify() calls.
poststratify_calls <- 0
invisible(capture.output(suppressMessages(trace("postStratify.survey.design", where = asNamespace("survey"),
  tracer = quote(poststratify_calls <<- poststratify_calls + 1), print = FALSE))))

d0 <- svydesign(ids = ~1, data = df, weights = ~1)
converged <- TRUE
d <- tryCatch(
  withCallingHandlers(
    rake(d0, sample.margins = sample_margins, population.margins = population_margins,
         control = list(maxit = as.numeric(options_given$maxit), epsilon = 1e-10, verbose = FALSE)),
    warning = function(w) {
      if (grepl("did not converge", conditionMessage(w))) converged <<- FALSE
      invokeRestart("muffleWarning")
    }),
  error = function(e) e)

if (inherits(d, "error")) {
  emit("error", gsub("[\t\n]", " ", conditionMessage(d)))
  for (v in vars) {
    rows <- mg[mg$variable == v, ]
    for (i in seq_len(nrow(rows))) {
      if (rows$total[i] > 0 && !(rows$category[i] %in% df[[v]])) emit("empty", v, rows$category[i], fmt(rows$total[i]))
    }
    for (cat in unique(df[[v]])) {
      if (!(cat %in% rows$category[rows$total > 0])) emit("unknown", v, cat)
    }
  }
  quit(status = 0)
}

emit("sweeps", poststratify_calls / length(vars))
emit("converged", if (converged) "TRUE" else "FALSE")

if (!is.na(options_given$trim)) {
  bounds <- as.numeric(strsplit(options_given$trim, ",", fixed = TRUE)[[1]])
  mean_weight <- mean(weights(d))
  d <- trimWeights(d, lower = bounds[1] * mean_weight, upper = bounds[2] * mean_weight)
}

w <- weights(d)
for (i in seq_along(w)) emit("weight", i, fmt(w[i]))

# Clopper-Pearson on the Kish effective sample size, for shares of exactly 0 or 1 (SPEC §5). Whether
# the answers are unanimous is read from the data: svymean() may return 1 - 1e-16 for a unanimous domain.
interval <- function(design, values, formula, n_eff) {
  if (all(values == 1)) return(list(qbeta(0.025, n_eff, 1), 1, "clopper-pearson"))
  if (all(values == 0)) return(list(0, qbeta(0.975, 1, n_eff), "clopper-pearson"))
  ci <- attr(suppressWarnings(svyciprop(formula, design, method = "logit")), "ci")
  list(ci[[1]], ci[[2]], "logit")
}
# With unanimous answers the design effect is 0/0; R returns NaN or rounding noise (1e-29 / 1e-37).
deff_or_na <- function(deff, values) if (all(values == values[1])) NA else deff
kish <- function(w) { w <- w[w != 0]; sum(w)^2 / sum(w^2) }

for (outcome in c("supports", "opposes")) {
  formula <- as.formula(paste0("~", outcome))
  m <- svymean(formula, d, deff = TRUE)
  share <- coef(m)[[1]]
  n_eff <- kish(weights(d))
  ci <- interval(d, df[[outcome]], formula, n_eff)
  emit("estimate", outcome, fmt(share), fmt(SE(m)[[1]]), fmt(ci[[1]]), fmt(ci[[2]]), fmt(deff_or_na(deff(m)[[1]], df[[outcome]])),
       fmt(n_eff), nrow(df), ci[[3]])

  if (!is.na(options_given$domain)) {
    by <- as.formula(paste0("~`", options_given$domain, "`"))
    means <- suppressWarnings(svyby(formula, by, d, svymean, deff = TRUE))
    cis <- suppressWarnings(svyby(formula, by, d, svyciprop, method = "logit", vartype = "ci"))
    for (r in seq_len(nrow(means))) {
      category <- as.character(means[r, 1])
      inside <- df[[options_given$domain]] == category
      share <- means[r, 2]
      n_eff <- kish(w[inside])
      values <- df[[outcome]][inside]
      if (all(values == values[1])) {
        ci <- interval(NULL, values, formula, n_eff)
      } else {
        row <- as.character(cis[, 1]) == category
        ci <- list(cis$ci_l[row], cis$ci_u[row], "logit")
      }
      emit("domain", outcome, category, fmt(share), fmt(means$se[r]), fmt(ci[[1]]), fmt(ci[[2]]),
           fmt(deff_or_na(means[r, ncol(means)], values)), fmt(n_eff), sum(inside), ci[[3]])
    }
  }
}
