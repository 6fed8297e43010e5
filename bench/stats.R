# The statistics benchmark's R side: read the generated respondents, rake to region, sex and
# age group, weighted proportions with linearised SEs for every item, and Rao-Scott crosstabs
# of 20 items by region. Prints timings and writes the results as JSON for comparison.
#   Rscript bench/stats.R data.csv population.csv out.json
suppressMessages(library(survey))
source("test/oracles/json.R")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
pop <- read.csv(args[2], stringsAsFactors = FALSE)
items <- grep("^q", names(d), value = TRUE)
t0 <- proc.time()[["elapsed"]]
des <- svydesign(ids = ~1, weights = ~w, data = d)
margin <- function(v) { p <- pop[pop$variable == v, ]; df <- data.frame(x = p$category, Freq = p$count); names(df)[1] <- v; df }
r <- rake(des, list(~region, ~sex, ~age), list(margin("region"), margin("sex"), margin("age")))
t1 <- proc.time()[["elapsed"]]
m <- svymean(as.formula(paste("~", paste(items, collapse = "+"))), r)
t2 <- proc.time()[["elapsed"]]
chis <- lapply(items[1:20], function(it) svychisq(as.formula(paste0("~", it, "+region")), r))
t3 <- proc.time()[["elapsed"]]
cat(sprintf("R: rake %.1f s, svymean %.1f s, 20 svychisq %.1f s, total %.1f s\n", t1 - t0, t2 - t1, t3 - t2, t3 - t0))
writeLines(to_json(list(
  seconds = list(rake = t1 - t0, svymean = t2 - t1, svychisq = t3 - t2, total = t3 - t0),
  means = arr(unname(coef(m))), se = arr(unname(SE(m))),
  chisq = lapply(chis, function(x) arr(c(unname(x$statistic), unname(x$parameter), x$p.value)))
)), args[3])
