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
# Finite population corrections: population sizes (apistrat's and apiclus1's own fpc columns),
# and sampling fractions.
designs[[6]] <- list(name = "apistrat weights+strata+fpc", data = apistrat, ids = NULL, strata = "stype", fpc = "fpc")
designs[[7]] <- list(name = "apiclus1 weights+clusters+fpc", data = apiclus1, ids = "dnum", strata = NULL, fpc = "fpc")
gen$fraction <- c(0.05, 0.2, 0.5, 0.9)[gen$stratum]
designs[[8]] <- list(name = "generated strata+clusters+fraction", data = gen, ids = "cluster", strata = "stratum", fpc = "fraction")
gen$population <- 6000
designs[[9]] <- list(name = "generated weights only+fpc", data = gen, ids = NULL, strata = NULL, fpc = "population")

for (d in designs) {
  df <- d$data
  des <- svydesign(ids = if (is.null(d$ids)) ~1 else as.formula(paste0("~", d$ids)),
                   strata = if (is.null(d$strata)) NULL else as.formula(paste0("~", d$strata)),
                   fpc = if (is.null(d$fpc)) NULL else as.formula(paste0("~", d$fpc)),
                   weights = ~pw, data = df)
  design_in <- list(weights = arr(df$pw),
                    strata = if (is.null(d$strata)) NULL else arr(as.character(df[[d$strata]])),
                    clusters = if (is.null(d$ids)) NULL else arr(as.character(df[[d$ids]])),
                    fpc = if (is.null(d$fpc)) NULL else arr(df[[d$fpc]]))
  is_api <- !is.null(df$api00)
  y <- if (is_api) df$api00 else df$y
  ind <- if (is_api) as.integer(df$sch.wide == "Yes") else df$x
  yname <- if (is_api) "api00" else "y"
  m <- svymean(as.formula(paste0("~", yname)), des)
  add("survey", "surveyMean", list(design = design_in, y = arr(y), name = d$name),
      list(estimate = unname(coef(m)), se = unname(SE(m)), df = degf(des)))
  probs <- c(0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 1)
  q <- svyquantile(as.formula(paste0("~", yname)), des, probs, qrule = "math", ci = FALSE)
  add("survey", "weightedQuantile", list(design = design_in, y = arr(y), p = arr(probs), name = d$name),
      list(quantiles = arr(unname(coef(q)))))
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

# Raking (rake): the survey package's documented apiclus1 example, and generated data raked
# to region, sex and age group; weights after raking, and svymean/svytotal with their SEs,
# which account for the raking.
rake_case <- function(name, df, ids, margin_vars, pops, y, control = list(maxit = 10, epsilon = 1)) {
  des <- svydesign(ids = if (is.null(ids)) ~1 else as.formula(paste0("~", ids)), weights = ~pw, data = df)
  r <- suppressWarnings(rake(des, lapply(margin_vars, function(v) as.formula(paste0("~", v))), pops, control = control))
  m <- svymean(as.formula(paste0("~", y)), r)
  t <- svytotal(as.formula(paste0("~", y)), r)
  margins <- lapply(seq_along(margin_vars), function(k) {
    p <- pops[[k]]
    list(categories = arr(as.character(df[[margin_vars[k]]])), population = setNames(as.list(p$Freq), as.character(p[[1]])))
  })
  add("raking", "rake",
      list(name = name, design = list(weights = arr(df$pw), strata = NULL, clusters = if (is.null(ids)) NULL else arr(as.character(df[[ids]]))),
           margins = margins, y = arr(df[[y]]), maxit = control$maxit, epsilon = control$epsilon),
      list(weights = arr(unname(weights(r))), mean = unname(coef(m)), mean_se = unname(SE(m)),
           total = unname(coef(t)), total_se = unname(SE(t))))
}
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
rake_case("apiclus1 stype and sch.wide", apiclus1, "dnum", c("stype", "sch.wide"), list(pop.types, pop.schwide), "api00")
set.seed(12)
n <- 2000
rk <- data.frame(region = sample(paste0("r", 1:6), n, replace = TRUE, prob = c(0.3, 0.2, 0.15, 0.15, 0.1, 0.1)),
                 sex = sample(c("f", "m"), n, replace = TRUE, prob = c(0.6, 0.4)),
                 age = sample(c("18-34", "35-54", "55+"), n, replace = TRUE, prob = c(0.5, 0.35, 0.15)),
                 pw = round(runif(n, 0.5, 2), 3))
rk$item <- as.integer(runif(n) < ifelse(rk$sex == "f", 0.6, 0.45))
pops <- list(data.frame(region = paste0("r", 1:6), Freq = c(1e6, 1.5e6, 2e6, 1.2e6, 0.8e6, 0.5e6)),
             data.frame(sex = c("f", "m"), Freq = c(3.6e6, 3.4e6)),
             data.frame(age = c("18-34", "35-54", "55+"), Freq = c(2.1e6, 2.6e6, 2.3e6)))
rake_case("generated region, sex, age", rk, NULL, c("region", "sex", "age"), pops, "item")
rake_case("generated, tight epsilon", rk, NULL, c("region", "sex", "age"), pops, "item", list(maxit = 50, epsilon = 1e-9))
rake_case("generated, two passes at most", rk, NULL, c("region", "sex", "age"), pops, "item", list(maxit = 2, epsilon = 1))

# calibrate(calfun = "raking") solves the same equations as rake; run to a tight tolerance,
# its weights must equal those of Longitude's raking run to convergence.
calibrate_case <- function(name, df, ids, margin_vars, pops) {
  des <- svydesign(ids = if (is.null(ids)) ~1 else as.formula(paste0("~", ids)), weights = ~pw, data = df)
  for (v in margin_vars) df[[v]] <- factor(df[[v]])
  total <- sum(pops[[1]]$Freq)
  population <- c(`(Intercept)` = total)
  for (k in seq_along(margin_vars)) {
    p <- pops[[k]]
    lv <- levels(df[[margin_vars[k]]])
    f <- setNames(p$Freq, as.character(p[[1]]))[lv[-1]]
    population <- c(population, setNames(f, paste0(margin_vars[k], lv[-1])))
  }
  des <- svydesign(ids = if (is.null(ids)) ~1 else as.formula(paste0("~", ids)), weights = ~pw, data = df)
  cal <- calibrate(des, as.formula(paste0("~", paste(margin_vars, collapse = "+"))), population,
                   calfun = "raking", epsilon = 1e-14, maxit = 500)
  margins <- lapply(seq_along(margin_vars), function(k) {
    p <- pops[[k]]
    list(categories = arr(as.character(df[[margin_vars[k]]])), population = setNames(as.list(p$Freq), as.character(p[[1]])))
  })
  add("raking", "calibrateRaking",
      list(name = name, design = list(weights = arr(df$pw), strata = NULL, clusters = NULL), margins = margins),
      list(weights = arr(unname(weights(cal)))))
}
calibrate_case("apiclus1 stype and sch.wide, calibrate", apiclus1, "dnum", c("stype", "sch.wide"), list(pop.types, pop.schwide))
calibrate_case("generated region, sex, age, calibrate", rk, NULL, c("region", "sex", "age"), pops)

# Post-stratification (postStratify): the survey package's apiclus1 example, and generated data.
ps_case <- function(name, df, ids, var, pop, y) {
  des <- svydesign(ids = if (is.null(ids)) ~1 else as.formula(paste0("~", ids)), weights = ~pw, data = df)
  ps <- postStratify(des, as.formula(paste0("~", var)), pop)
  m <- svymean(as.formula(paste0("~", y)), ps)
  add("post-stratification", "postStratify",
      list(name = name, design = list(weights = arr(df$pw), strata = NULL, clusters = if (is.null(ids)) NULL else arr(as.character(df[[ids]]))),
           margin = list(categories = arr(as.character(df[[var]])), population = setNames(as.list(pop$Freq), as.character(pop[[1]]))),
           y = arr(df[[y]])),
      list(weights = arr(unname(weights(ps))), mean = unname(coef(m)), mean_se = unname(SE(m))))
}
ps_case("apiclus1 by stype", apiclus1, "dnum", "stype", pop.types, "api00")
ps_case("generated by region", rk, NULL, "region", pops[[1]], "item")

# Weight trimming (trimWeights), lenient and strict, on the raked generated data.
rdes <- rake(svydesign(ids = ~1, weights = ~pw, data = rk), list(~region, ~sex, ~age), pops)
for (opt in list(list(upper = 5000, lower = -Inf, strict = FALSE), list(upper = 4200, lower = 2000, strict = FALSE),
                 list(upper = 4200, lower = 2000, strict = TRUE))) {
  tw <- trimWeights(rdes, upper = opt$upper, lower = opt$lower, strict = opt$strict)
  add("trimming", "trimWeights", list(weights = arr(unname(weights(rdes))), upper = opt$upper,
                                     lower = if (is.infinite(opt$lower)) NULL else opt$lower, strict = opt$strict),
      list(weights = arr(unname(weights(tw)))))
}

args <- commandArgs(trailingOnly = TRUE)
write_cases(cases, if (length(args) > 0) args[1] else "test/oracles/survey-design.json")
