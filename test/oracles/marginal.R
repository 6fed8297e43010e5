# Stuart-Maxwell and Bhapkar statistics written in R from their definitions (d = row minus
# column margins of the first k - 1 categories; S_ii = n_i. + n_.i - 2 n_ii,
# S_ij = -(n_ij + n_ji); Bhapkar uses S - d d' / n with n everyone), after dropping
# categories with perfect agreement. Used by base-tests.R and analyze-example.R.
marginal <- function(m, bhapkar) {
  n <- sum(m)  # everyone, including those in a dropped category
  keep <- !(diag(m) == rowSums(m) & diag(m) == colSums(m))
  m <- m[keep, keep, drop = FALSE]
  k <- nrow(m)
  d <- (rowSums(m) - colSums(m))[-k]
  S <- -(m + t(m)); diag(S) <- rowSums(m) + colSums(m) - 2 * diag(m)
  S <- S[-k, -k, drop = FALSE]
  if (bhapkar) S <- S - outer(d, d) / n
  stat <- drop(t(d) %*% solve(S, d))
  list(statistic = stat, df = k - 1, p_value = pchisq(stat, k - 1, lower.tail = FALSE))
}
