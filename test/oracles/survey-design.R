# Expected values for Longitude's design-based estimators from Lumley's survey package:
# svymean, svytotal, svyciprop(method = "logit") and svychisq (default Rao-Scott F), on the
# package's api data and on generated data. Run from the project root:
#   Rscript test/oracles/survey-design.R [out.json]
suppressMessages(library(survey))
source("test/oracles/json.R")
data(api)
cases <- list()
add <- function(family, fn, input, expected) {
  cases[[length(cases) + 1]] <<- list(family = family, fn = fn, input = input, expected = expected)
}

code <- function(v) as.integer(factor(v)) - 1L

designs <- list(
  list(name = "apistrat weights+strata", data = apistrat, ids = NULL, strata = "stype"),
  list(name = "apiclus1 weights+clusters", data = apiclus1, ids = "dnum", strata = NULL),
  list(name = "apistrat weights only", data = apistrat, ids = NULL, strata = NULL)
)
set.seed(11)
n <- 600
gen <- data.frame(w = round(exp(rnorm(n, 0, 0.6)) * 10, 4), stratum = sample(1:4, n, replace = TRUE),
                  a = sample(1:3, n, replace = TRUE, prob = c(0.5, 0.3, 0.2)), b = sample(1:4, n, replace = TRUE),
                  y = round(rnorm(n, 50, 10), 2))
gen$cluster <- paste(gen$stratum, sample(1:15, n, replace = TRUE))
gen$x <- as.integer(runif(n) < 0.3 + 0.1 * gen$a)
gen$pw <- gen$w
designs[[4]] <- list(name = "generated weights+strata+clusters", data = gen, ids = "cluster", strata = "stratum")
designs[[5]] <- list(name = "generated weights only", data = gen, ids = NULL, strata = NULL)

for (d in designs) {
  df <- d$data
  des <- svydesign(ids = if (is.null(d$ids)) ~1 else as.formula(paste0("~", d$ids)),
                   strata = if (is.null(d$strata)) NULL else as.formula(paste0("~", d$strata)),
                   weights = ~pw, data = df)
  design_in <- list(weights = arr(df$pw),
                    strata = if (is.null(d$strata)) NULL else arr(as.character(df[[d$strata]])),
                    clusters = if (is.null(d$ids)) NULL else arr(as.character(df[[d$ids]])))
  is_api <- !is.null(df$api00)
  y <- if (is_api) df$api00 else df$y
  ind <- if (is_api) as.integer(df$sch.wide == "Yes") else df$x
  yname <- if (is_api) "api00" else "y"
  m <- svymean(as.formula(paste0("~", yname)), des)
  add("survey", "surveyMean", list(design = design_in, y = arr(y), name = d$name),
      list(estimate = unname(coef(m)), se = unname(SE(m)), df = degf(des)))
  t <- svytotal(as.formula(paste0("~", yname)), des)
  add("survey", "surveyTotal", list(design = design_in, y = arr(y), name = d$name),
      list(estimate = unname(coef(t)), se = unname(SE(t))))
  df$ind <- ind
  des <- update(des, ind = ind)
  ci <- svyciprop(~ind, des, method = "logit")
  add("survey", "surveyProportionInterval", list(design = design_in, y = arr(ind), name = d$name),
      list(estimate = unname(coef(ci)), low = unname(attr(ci, "ci")[1]), high = unname(attr(ci, "ci")[2])))
  pairs <- if (is_api) list(c("sch.wide", "stype"), c("stype", "awards"), c("comp.imp", "sch.wide")) else list(c("a", "b"), c("x", "a"))
  for (pr in pairs) {
    r <- df[[pr[1]]]; cc <- df[[pr[2]]]
    st <- svychisq(as.formula(paste0("~", pr[1], "+", pr[2])), des)
    add("survey", "raoScottTest",
        list(design = design_in, rows = arr(code(r)), cols = arr(code(cc)), nr = length(unique(r)), nc = length(unique(cc)), name = paste(d$name, pr[1], pr[2])),
        list(statistic = unname(st$statistic), ndf = unname(st$parameter[1]), ddf = unname(st$parameter[2]), p_value = unname(st$p.value)))
  }
}

args <- commandArgs(trailingOnly = TRUE)
write_cases(cases, if (length(args) > 0) args[1] else "test/oracles/survey-design.json")
