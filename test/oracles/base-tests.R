# Expected values for Longitude's statistics room from base R (stats). Run from the project
# root: Rscript test/oracles/base-tests.R  (or npm run oracles). Writes base-tests.json.
source("test/oracles/json.R")
cases <- list()
add <- function(family, fn, input, expected) {
  cases[[length(cases) + 1]] <<- list(family = family, fn = fn, input = input, expected = expected)
}

# Proportions: Wilson (prop.test) with and without continuity correction, Clopper-Pearson.
props <- list(c(0, 10), c(10, 10), c(1, 1), c(1, 2), c(3, 7), c(46, 100), c(611, 1032),
              c(280, 611), c(1, 1000), c(999, 1000), c(5, 20), c(50, 100), c(12, 611))
set.seed(1)
for (i in 1:10) { n <- sample(2:3000, 1); props[[length(props) + 1]] <- c(sample(0:n, 1), n) }
for (xn in props) for (correct in c(FALSE, TRUE)) for (level in c(0.95, 0.9)) {
  x <- xn[1]; n <- xn[2]
  pt <- suppressWarnings(prop.test(x, n, correct = correct, conf.level = level))
  add("proportion-interval", "wilson", list(x = x, n = n, correct = correct, level = level),
      list(estimate = unname(pt$estimate), low = pt$conf.int[1], high = pt$conf.int[2],
           statistic = unname(pt$statistic), p_value = pt$p.value))
}
for (xn in props) {
  x <- xn[1]; n <- xn[2]
  bt <- binom.test(x, n)
  add("proportion-interval", "clopperPearson", list(x = x, n = n, level = 0.95),
      list(estimate = unname(bt$estimate), low = bt$conf.int[1], high = bt$conf.int[2]))
}

# Binomial test: R's documented example, other null values, extremes.
for (args in list(c(682, 925, 0.75), c(3, 10, 0.5), c(0, 10, 0.2), c(10, 10, 0.2), c(7, 50, 0.3),
                  c(400, 1000, 0.5), c(1, 500, 0.001), c(30, 40, 0.6), c(5, 5, 0.5), c(2, 3000, 0.5))) {
  bt <- binom.test(args[1], args[2], p = args[3])
  add("binomial", "binomialTest", list(x = args[1], n = args[2], p = args[3]),
      list(p_value = bt$p.value, low = bt$conf.int[1], high = bt$conf.int[2]))
}

# Chi-square: R's documented tables, 2 x 2 with and without Yates, huge counts, random tables.
tables <- list(
  rbind(c(762, 327, 468), c(484, 239, 477)),
  rbind(c(12, 5), c(7, 7)),
  rbind(c(3, 1), c(1, 3)),
  rbind(c(10, 0), c(2, 8)),
  rbind(c(211, 400), c(322, 289)),
  rbind(c(100000, 90000), c(80000, 110000)),
  rbind(c(5, 2, 9, 1), c(3, 8, 2, 7), c(4, 4, 4, 4))
)
set.seed(2)
for (i in 1:12) {
  r <- sample(2:4, 1); k <- sample(2:5, 1)
  tables[[length(tables) + 1]] <- matrix(sample(1:200, r * k, replace = TRUE), r, k)
}
for (m in tables) for (correct in c(TRUE, FALSE)) {
  ct <- suppressWarnings(chisq.test(m, correct = correct))
  add("chi-square", "chiSquareTest", list(table = m, correct = correct),
      list(statistic = unname(ct$statistic), df = unname(ct$parameter), p_value = ct$p.value))
}
gof <- list(list(x = c(20, 15, 25), p = c(1, 1, 1) / 3),
            list(x = c(89, 37, 30, 28, 2), p = c(40, 20, 20, 15, 5) / 100),
            list(x = c(89, 37, 30, 28, 2), p = c(40, 20, 20, 15, 5) / 100),
            list(x = c(5000, 100), p = c(0.5, 0.5)))
for (g in gof) {
  ct <- suppressWarnings(chisq.test(g$x, p = g$p))
  add("chi-square", "goodnessOfFit", list(counts = arr(g$x), p = arr(g$p)),
      list(statistic = unname(ct$statistic), df = unname(ct$parameter), p_value = ct$p.value))
}

# McNemar: R's presidential approval example, more 2 x 2, Bowker on 3 x 3 and 4 x 4; exact.
mc <- list(
  matrix(c(794, 86, 150, 570), nrow = 2),
  matrix(c(10, 5, 15, 20), nrow = 2),
  matrix(c(300, 12, 40, 259), nrow = 2),
  matrix(c(5, 1, 0, 9), nrow = 2),
  matrix(c(20, 3, 1, 5, 30, 4, 2, 6, 40), nrow = 3),
  matrix(c(50, 10, 5, 2, 8, 60, 12, 3, 4, 9, 70, 6, 1, 2, 7, 80), nrow = 4)
)
for (m in mc) {
  for (correct in c(TRUE, FALSE)) {
    t <- mcnemar.test(m, correct = correct)
    add("mcnemar", "mcnemarTest", list(table = m, correct = correct),
        list(statistic = unname(t$statistic), df = unname(t$parameter), p_value = t$p.value))
  }
  if (nrow(m) == 2) {
    b <- binom.test(m[1, 2], m[1, 2] + m[2, 1])
    add("mcnemar", "mcnemarExactTest", list(table = m), list(p_value = b$p.value))
  }
}

# t-tests: R's sleep data (Student, Welch, paired), one sample, random samples, extreme t.
x <- sleep$extra[1:10]; y <- sleep$extra[11:20]
samples <- list(list(x = x, y = y), list(x = c(19.1, 20.3, 20.7, 21.1, 21.4), y = c(18.2, 18.9, 19.5, 19.8)))
set.seed(3)
for (i in 1:8) samples[[length(samples) + 1]] <- list(x = round(rnorm(sample(5:60, 1), 3, 2), 3), y = round(rnorm(sample(5:60, 1), 3.5, 3), 3))
samples[[length(samples) + 1]] <- list(x = c(100.01, 100.02, 100.03, 100.01, 100.02), y = c(1.01, 1.02, 1.03, 1.01, 1.02, 1.04))
for (s in samples) {
  for (eq in c(FALSE, TRUE)) {
    t <- t.test(s$x, s$y, var.equal = eq)
    add("t-test", "twoSampleTTest", list(x = arr(s$x), y = arr(s$y), equalVariance = eq),
        list(statistic = unname(t$statistic), df = unname(t$parameter), p_value = t$p.value,
             low = t$conf.int[1], high = t$conf.int[2]))
  }
  t <- t.test(s$x, mu = 2)
  add("t-test", "oneSampleTTest", list(x = arr(s$x), mu = 2),
      list(statistic = unname(t$statistic), df = unname(t$parameter), p_value = t$p.value,
           low = t$conf.int[1], high = t$conf.int[2]))
  if (length(s$x) == length(s$y)) {
    t <- t.test(s$x, s$y, paired = TRUE)
    add("t-test", "pairedTTest", list(x = arr(s$x), y = arr(s$y)),
        list(statistic = unname(t$statistic), df = unname(t$parameter), p_value = t$p.value,
             low = t$conf.int[1], high = t$conf.int[2]))
  }
}

# Wilcoxon: R's documented examples, ties, zeros, n >= 50, and random cases.
xw <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
yw <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
signed <- list(list(x = xw, y = yw), list(x = c(1, 2, 2, 3, -1, 4, 5, -2), y = NULL),
               list(x = c(0, 1, 2, 3, -4, 5, 6, 7), y = NULL), list(x = c(3, 1, 4, 1, 5, 9, 2, 6), y = c(2, 7, 1, 8, 2, 8, 1, 8)))
set.seed(4)
for (i in 1:6) signed[[length(signed) + 1]] <- list(x = round(rnorm(sample(5:80, 1), 0.3), 2), y = NULL)
for (s in signed) for (correct in c(TRUE, FALSE)) {
  w <- suppressWarnings(if (is.null(s$y)) wilcox.test(s$x, correct = correct) else wilcox.test(s$x, s$y, paired = TRUE, correct = correct))
  add("wilcoxon", "signedRankTest", list(x = arr(s$x), y = if (is.null(s$y)) NULL else arr(s$y), correct = correct),
      list(statistic = unname(w$statistic), p_value = w$p.value))
}
xr <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46); yr <- c(1.15, 0.88, 0.90, 0.74, 1.21)
ranksum <- list(list(x = xr, y = yr), list(x = c(1, 2, 2, 3, 4), y = c(2, 3, 3, 5, 6, 7)),
                list(x = c(5, 5, 5), y = c(1, 2, 3)))
set.seed(5)
for (i in 1:6) ranksum[[length(ranksum) + 1]] <- list(x = round(rnorm(sample(3:70, 1)), 2), y = round(rnorm(sample(3:70, 1), 0.4), 2))
for (s in ranksum) for (correct in c(TRUE, FALSE)) {
  w <- suppressWarnings(wilcox.test(s$x, s$y, correct = correct))
  add("wilcoxon", "rankSumTest", list(x = arr(s$x), y = arr(s$y), correct = correct),
      list(statistic = unname(w$statistic), p_value = w$p.value))
}

# One-way ANOVA (Welch, R's default, and equal variances) and Kruskal-Wallis.
groupsets <- list(
  split(warpbreaks$breaks, warpbreaks$tension),
  split(InsectSprays$count, InsectSprays$spray),
  list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0))
)
set.seed(8)
for (i in 1:5) groupsets[[length(groupsets) + 1]] <- lapply(1:sample(2:5, 1), function(j) round(rnorm(sample(3:40, 1), j / 3), 2))
for (gs in groupsets) {
  gs <- unname(gs)
  y <- unlist(gs); g <- factor(rep(seq_along(gs), lengths(gs)))
  for (eq in c(FALSE, TRUE)) {
    o <- oneway.test(y ~ g, var.equal = eq)
    add("anova", "oneWayAnova", list(groups = lapply(gs, arr), equalVariance = eq),
        list(statistic = unname(o$statistic), df = unname(o$parameter[1]), df2 = unname(o$parameter[2]), p_value = o$p.value))
  }
  kt <- kruskal.test(gs)
  add("anova", "kruskalWallisTest", list(groups = lapply(gs, arr)),
      list(statistic = unname(kt$statistic), df = unname(kt$parameter), p_value = kt$p.value))
}

# Cochran's Q from its definition (Cochran 1950), on random 0/1 answers of the same people.
set.seed(9)
for (i in 1:6) {
  k <- sample(2:5, 1); n <- sample(10:200, 1)
  m <- matrix(rbinom(n * k, 1, runif(k, 0.2, 0.8)[rep(1:k, each = n)]), n, k)
  C <- colSums(m); R <- rowSums(m); N <- sum(m)
  Q <- (k - 1) * (k * sum(C^2) - N^2) / (k * N - sum(R^2))
  add("paired", "cochranQTest", list(rows = lapply(seq_len(n), function(j) arr(m[j, ]))),
      list(statistic = Q, df = k - 1, p_value = pchisq(Q, k - 1, lower.tail = FALSE)))
}

# Fisher's exact test for 2 x 2 tables: R's TeaTasting and Convictions examples, and others.
fish <- list(matrix(c(3, 1, 1, 3), nrow = 2), matrix(c(2, 10, 15, 3), nrow = 2),
             matrix(c(0, 5, 5, 0), nrow = 2), matrix(c(12, 5, 7, 7), nrow = 2),
             matrix(c(100, 80, 90, 120), nrow = 2), matrix(c(1, 0, 0, 0), nrow = 2))
set.seed(11)
for (i in 1:8) fish[[length(fish) + 1]] <- matrix(sample(0:40, 4, replace = TRUE), nrow = 2)
fish <- c(fish, list(matrix(c(1, 9, 11, 3), nrow = 2), matrix(c(0, 7, 3, 6), nrow = 2),
                     matrix(c(6, 0, 4, 9), nrow = 2), matrix(c(500, 2, 3, 480), nrow = 2)))
for (m in fish) for (alt in c("two.sided", "less", "greater")) for (level in c(0.95, 0.99)) {
  if (alt != "two.sided" && level != 0.95) next
  f <- fisher.test(m, alternative = alt, conf.level = level)
  add("fisher", "fisherExactTest", list(table = m, alternative = alt, level = level),
      list(p_value = f$p.value, estimate = unname(f$estimate), low = f$conf.int[1], high = f$conf.int[2]))
}

# Fisher's exact test for r x c tables (R's FEXACT): R's Job satisfaction example, tables
# with zero rows and columns, and random small tables.
rxc <- list(matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, 4),
            matrix(c(2, 0, 3, 0, 0, 0, 1, 4, 2), 3, 3),
            matrix(c(3, 1, 0, 1, 3, 0), 2, 3),
            matrix(c(5, 0, 0, 0, 5, 0, 0, 0, 5), 3, 3),
            matrix(c(4, 4, 4, 4, 4, 4), 3, 2))
set.seed(12)
for (i in 1:10) {
  r <- sample(2:4, 1); k <- sample(3:4, 1)
  rxc[[length(rxc) + 1]] <- matrix(sample(0:8, r * k, replace = TRUE), r, k)
}
for (m in rxc) {
  add("fisher", "fisherExactTestRxC", list(table = m), list(p_value = fisher.test(m)$p.value))
}
# A table beyond Longitude's exact enumeration budget: its Monte Carlo p-value must fall
# within four standard errors of R's exact one.
big <- matrix(c(8, 3, 5, 2, 6, 2, 7, 4, 6, 3, 5, 5, 5, 5, 5, 1, 9, 2, 8, 4), 4, byrow = TRUE)
add("fisher-simulated", "fisherSimulated", list(table = big),
    list(p_value = fisher.test(big, workspace = 2e8)$p.value))

# Marginal homogeneity: Stuart-Maxwell and Bhapkar (test/oracles/marginal.R) on Stuart's
# (1955) unaided distance vision table, the reference study's kinds of tables, and random ones.
source("test/oracles/marginal.R")
mh <- list(matrix(c(1520, 234, 117, 36, 266, 1512, 362, 82, 124, 432, 1772, 179, 66, 78, 205, 492), 4, 4),
           matrix(c(20, 3, 2, 5, 30, 4, 1, 6, 25), 3, 3),
           matrix(c(40, 0, 0, 0, 12, 5, 0, 9, 30), 3, 3),
           matrix(c(211, 40, 22, 61, 180, 35, 18, 29, 15), 3, 3))
set.seed(13)
for (i in 1:8) {
  k <- sample(3:5, 1)
  m <- matrix(sample(0:30, k * k, replace = TRUE), k, k); diag(m) <- diag(m) + sample(20:80, k)
  mh[[length(mh) + 1]] <- m
}
for (m in mh) {
  add("paired", "stuartMaxwellTest", list(table = m), marginal(m, FALSE))
  add("paired", "bhapkarTest", list(table = m), marginal(m, TRUE))
}

# Logistic regression (glm, binomial): mtcars, and generated panel attrition data.
lr <- list(list(x = as.matrix(mtcars[, c("wt", "hp")]), y = mtcars$am))
set.seed(10)
for (i in 1:4) {
  n <- sample(80:600, 1)
  X <- cbind(age = round(rnorm(n, 35, 10)), female = rbinom(n, 1, 0.55), income = sample(1:6, n, replace = TRUE))
  eta <- -1 + 0.02 * X[, 1] + 0.3 * X[, 2] + 0.1 * X[, 3]
  lr[[length(lr) + 1]] <- list(x = X, y = rbinom(n, 1, 1 / (1 + exp(-eta))))
}
for (l in lr) {
  m <- glm(l$y ~ l$x, family = binomial)
  add("logistic", "logisticRegression", list(x = unname(l$x), y = arr(l$y)),
      list(coefficients = arr(unname(coef(m))), se = arr(unname(sqrt(diag(vcov(m))))),
           deviance = deviance(m), iterations = m$iter))
}

# Multiple testing.
set.seed(6)
pvs <- list(c(0.01, 0.04, 0.03, 0.005, 0.5, 0.2), c(0.05, 0.05, 0.05), runif(20)^3, c(1e-10, 0.9, 0.3))
for (p in pvs) {
  add("p-adjust", "holm", list(p = arr(p)), list(adjusted = arr(p.adjust(p, "holm"))))
  add("p-adjust", "benjaminiHochberg", list(p = arr(p)), list(adjusted = arr(p.adjust(p, "BH"))))
}

# Descriptives.
set.seed(7)
for (i in 1:6) {
  x <- round(rnorm(sample(2:200, 1), 10, 4), 2); w <- round(runif(length(x), 0.2, 3), 3)
  add("describe", "describe", list(x = arr(x), w = arr(w)),
      list(mean = mean(x), weighted_mean = weighted.mean(x, w), variance = var(x),
           q25 = unname(quantile(x, 0.25)), median = unname(quantile(x, 0.5)), q90 = unname(quantile(x, 0.9)),
           deff = length(w) * sum(w^2) / sum(w)^2, effective_n = sum(w)^2 / sum(w^2)))
}

# Extreme tails: p-values far below 1e-16 must keep their digits.
add("tails", "chisqUpper", list(x = 1500, df = 3), list(p = pchisq(1500, 3, lower.tail = FALSE)))
add("tails", "chisqUpper", list(x = 0.001, df = 1), list(p = pchisq(0.001, 1, lower.tail = FALSE)))
add("tails", "tTwoSided", list(t = 40, df = 5), list(p = 2 * pt(-40, 5)))
add("tails", "tTwoSided", list(t = 60, df = 400), list(p = 2 * pt(-60, 400)))
add("tails", "normalUpper", list(z = 37), list(p = pnorm(37, lower.tail = FALSE)))
add("tails", "fUpper", list(f = 500, d1 = 3, d2 = 200), list(p = pf(500, 3, 200, lower.tail = FALSE)))
add("tails", "binomUpper", list(k = 900, n = 1000, p = 0.5), list(p = pbinom(900, 1000, 0.5, lower.tail = FALSE)))

args <- commandArgs(trailingOnly = TRUE)
write_cases(cases, if (length(args) > 0) args[1] else "test/oracles/base-tests.json")
