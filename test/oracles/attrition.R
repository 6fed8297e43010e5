# Expected values for the attrition check (src/analysis/attrition.ts): wave-1 answers of
# panelists who answered wave 2 (responded = 1) and of those who did not (0), compared by
# chisq.test (Yates for 2 x 2 only, R's default), t.test(var.equal = FALSE) and wilcox.test
# (R's defaults). Run from the project root: Rscript test/oracles/attrition.R [out.json]
source("test/oracles/json.R")
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "test/oracles/attrition.json"

# A deterministic dataset: 60 responders, 45 non-responders. Values are drawn once and written
# into the JSON, so the tests read the very data R tested.
set.seed(20220923)
make <- function(n_resp, n_non) {
  n <- n_resp + n_non
  responded <- c(rep(1L, n_resp), rep(0L, n_non))
  list(
    responded = responded,
    region = sample(c("tbilisi", "yerevan", "istanbul", "astana"), n, replace = TRUE,
                    prob = c(0.35, 0.3, 0.2, 0.15)),
    gender = sample(c("female", "male"), n, replace = TRUE),
    # Ages with one decimal: no ties in the small case, so wilcox.test is exact there.
    age = round(rnorm(n, mean = 33 + 2 * responded, sd = 8 + 2 * (1 - responded)), 1),
    trust = sample(1:5, n, replace = TRUE, prob = c(0.1, 0.2, 0.3, 0.25, 0.15))
  )
}
datasets <- list(large = make(60, 45), small = make(12, 9))
# The small case must have no ties in age, or it would not test the exact branch.
stopifnot(!anyDuplicated(datasets$small$age))

cases <- list()
for (name in names(datasets)) {
  d <- datasets[[name]]
  g <- factor(d$responded, levels = c(1, 0))
  tests <- list()
  for (v in c("region", "gender")) {
    ct <- suppressWarnings(chisq.test(table(g, d[[v]])))
    tests[[length(tests) + 1]] <- list(variable = v, test = "chi-square", method = ct$method,
      statistic = unname(ct$statistic), df = unname(ct$parameter), p_value = ct$p.value)
  }
  for (v in c("age", "trust")) {
    x <- d[[v]][d$responded == 1]; y <- d[[v]][d$responded == 0]
    tt <- t.test(x, y, var.equal = FALSE)
    tests[[length(tests) + 1]] <- list(variable = v, test = "welch-t", method = tt$method,
      statistic = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value)
    wt <- suppressWarnings(wilcox.test(x, y))
    tests[[length(tests) + 1]] <- list(variable = v, test = "rank-sum", method = wt$method,
      statistic = unname(wt$statistic), df = NULL, p_value = wt$p.value)
  }
  data <- lapply(d, function(col) arr(if (is.numeric(col)) col else as.character(col)))
  cases[[length(cases) + 1]] <- list(name = name, data = data, tests = tests)
}
write_cases(cases, out)
