# Reads a .dta file with R's haven and writes, as JSON, what the tests compare: haven's version,
# the dataset label, and for each variable its name, variable label, display format, values
# (NA as null), each value's na_tag (extended missing .a as "a"), and its value labels. Text is
# escaped and written as UTF-8 bytes, so the output does not depend on R's locale.
# Usage: Rscript src/formats/dta/read-dta.R FILE.dta OUT.json
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
d <- read_dta(args[1])

# JSON strings, escaped byte by byte (UTF-8 bytes of multi-byte characters are never below
# 0x80, so byte-wise replacement cannot split one) and written out as bytes.
json_strings <- function(x) {
  out <- enc2utf8(x)
  out <- gsub("\\", "\\\\", out, fixed = TRUE, useBytes = TRUE)
  out <- gsub('"', '\\"', out, fixed = TRUE, useBytes = TRUE)
  control <- which(grepl("[\\x01-\\x1f]", out, perl = TRUE, useBytes = TRUE))
  for (code in 1:31)
    out[control] <- gsub(intToUtf8(code), sprintf("\\u%04x", code), out[control],
                         fixed = TRUE, useBytes = TRUE)
  ifelse(is.na(x), "null", paste0('"', out, '"'))
}
text <- function(s) if (is.null(s)) "null" else json_strings(s)
texts <- function(x) paste0("[", paste(json_strings(x), collapse = ","), "]")
numbers <- function(x) {
  s <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  paste0("[", paste(s, collapse = ","), "]")
}
tags <- function(x) {
  t <- na_tag(x)
  paste0("[", paste(ifelse(is.na(t), "null", paste0('"', t, '"')), collapse = ","), "]")
}
value_labels <- function(l) {
  if (is.null(l)) return("[]")
  parts <- vapply(seq_along(l), function(i) {
    v <- unname(unclass(l)[i])
    t <- na_tag(v)
    paste0('{"value":', if (is.na(v)) "null" else sprintf("%.17g", v),
           ',"tag":', if (is.na(t)) "null" else paste0('"', t, '"'),
           ',"label":', json_strings(names(l)[i]), "}")
  }, "")
  paste0("[", paste(parts, collapse = ","), "]")
}

variables <- vapply(names(d), function(name) {
  x <- d[[name]]
  is_text <- is.character(x)
  paste0(
    '{"name":"', name, '"',
    ',"type":"', if (is_text) "text" else "number", '"',
    ',"label":', text(attr(x, "label", exact = TRUE)),
    ',"format":"', attr(x, "format.stata", exact = TRUE), '"',
    ',"values":', if (is_text) texts(x) else numbers(unclass(x)),
    ',"tags":', if (is_text) "[]" else tags(unclass(x)),
    ',"labels":', value_labels(attr(x, "labels", exact = TRUE)),
    "}"
  )
}, "")

json <- paste0(
  '{"haven":"', as.character(packageVersion("haven")), '"',
  ',"label":', text(attr(d, "label", exact = TRUE)),
  ',"rows":', nrow(d),
  ',"variables":[', paste(variables, collapse = ","), "]}"
)
writeLines(json, args[2], useBytes = TRUE)
