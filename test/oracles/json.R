# A small JSON writer for the oracle scripts: numbers with 17 significant digits, so that the
# expected values carry every digit R computed. No package needed beyond base R.
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x)) && all(names(x) != "")) {
      parts <- mapply(function(k, v) paste0('"', k, '":', to_json(v)), names(x), x)
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  if (is.matrix(x)) return(to_json(lapply(seq_len(nrow(x)), function(i) as.vector(x[i, ]))))
  if (is.character(x)) {
    s <- paste0('"', gsub('"', '\\\\"', x), '"')
  } else if (is.logical(x)) {
    s <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    s <- ifelse(is.na(x), "null", ifelse(is.infinite(x), ifelse(x > 0, '"Infinity"', '"-Infinity"'), sprintf("%.17g", x)))
  }
  if (length(x) == 1 && is.null(attr(x, "as_array"))) return(s)
  paste0("[", paste(s, collapse = ","), "]")
}

# Marks a vector to be written as a JSON array even when it has one element.
arr <- function(x) { attr(x, "as_array") <- TRUE; x }

write_cases <- function(cases, file) {
  doc <- list(r_version = R.version.string, cases = cases)
  writeLines(to_json(doc), file)
  cat(sprintf("%s: %d cases\n", file, length(cases)))
}
