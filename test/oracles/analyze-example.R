# Expected results of `longitude analyze` on examples/analysis (respondents.csv, spec.yaml),
# computed with base R and the survey package. Run from the project root:
#   Rscript test/oracles/analyze-example.R [out.json]
suppressMessages(library(survey))
source("test/oracles/json.R")
source("test/oracles/marginal.R")
d <- read.csv("examples/analysis/respondents.csv", stringsAsFactors = FALSE)
des <- svydesign(ids = ~1, weights = ~weight, data = d)
r <- rake(des, list(~sex, ~age), list(data.frame(sex = c("f", "m"), Freq = c(5200, 4800)),
                                     data.frame(age = c("18-34", "35-54", "55+"), Freq = c(4500, 3700, 1800))))
ci <- function(x) { v <- svyciprop(x, r, method = "logit"); c(unname(coef(v)), unname(SE(v)), unname(attr(v, "ci"))) }
mean_ci <- function(x, design) {
  m <- svymean(x, design)
  c(unname(coef(m)), unname(SE(m)), as.vector(confint(m, df = degf(design))))
}
chi <- svychisq(~trust_w2 + sex, r)
t <- table(d$trust_w1 == "yes", d$trust_w2 == "yes")[2:1, 2:1]
mc <- mcnemar.test(t)
sr <- suppressWarnings(wilcox.test(d$income_w1, d$income_w2, paired = TRUE))
rs <- suppressWarnings(wilcox.test(income_w2 ~ sex, data = d))
kw <- kruskal.test(satisfaction ~ factor(age), data = d)
q <- svyquantile(~satisfaction, r, c(0.25, 0.5, 0.75), qrule = "math", ci = FALSE)
f2 <- fisher.test(table(d$trust_w2, d$sex))
f3 <- fisher.test(table(d$trust_w2, d$age))
lv <- sort(unique(c(d$income_w1, d$income_w2)))
inc <- table(factor(d$income_w1, lv), factor(d$income_w2, lv))
sm <- marginal(inc, FALSE); bh <- marginal(inc, TRUE)
out <- list(
  trust_w1 = arr(ci(~I(trust_w1 == "yes"))),
  trust_w2 = arr(ci(~I(trust_w2 == "yes"))),
  satisfaction = arr(mean_ci(~satisfaction, r)),
  satisfaction_abroad = arr(mean_ci(~satisfaction, subset(r, country != "RU"))),
  trust_by_sex = arr(c(unname(chi$statistic), unname(chi$parameter), chi$p.value)),
  trust_change = arr(c(unname(mc$statistic), mc$p.value)),
  income_change = arr(c(unname(sr$statistic), sr$p.value)),
  income_by_sex = arr(c(unname(rs$statistic), rs$p.value)),
  satisfaction_by_age = arr(c(unname(kw$statistic), kw$p.value)),
  satisfaction_quantiles = arr(unname(coef(q))),
  trust_by_sex_exact = arr(c(f2$p.value, unname(f2$estimate), f2$conf.int)),
  trust_by_age_exact = arr(f3$p.value),
  income_shift = arr(c(sm$statistic, sm$df, sm$p_value, bh$statistic, bh$df, bh$p_value)),
  income_w1_distribution = lapply(sort(unique(d$income_w1)), function(v) arr(ci(as.formula(paste0("~I(income_w1 == ", v, ")"))))),
  satisfaction_box = list(arr(ci(~I(satisfaction >= 4))), arr(ci(~I(satisfaction <= 2))))
)
args <- commandArgs(trailingOnly = TRUE)
file <- if (length(args) > 0) args[1] else "test/oracles/analyze-example.json"
writeLines(to_json(list(r_version = R.version.string, results = out)), file)
cat(file, "\n")
