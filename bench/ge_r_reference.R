# The same general-equilibrium fixed point as tradeshock's ge::Simulate, in base R (no packages), to time it
# against the C++ solver on the same inputs and to check both reach the same solution.
# Usage: Rscript bench/ge_r_reference.R DIR CASE [CASE...]
# DIR holds the files `ge_bench --write-inputs DIR` writes: CASE_flows.csv, CASE_cost.csv (matrices, no
# header), CASE_meta.csv (theta, 1-based reference) and CASE_result.csv (the C++ results, %).
# Algorithm (docs/METHODS.md, "General equilibrium", G3-G8): conditional = biproportional scaling of
# X * t_hat to the baseline margins; full endowment = the ge_gravity price update
# p <- p * (sales / (p Y))^(1 / (1 + theta)), rescaled so that the reference's inward resistance is 1, with
# multiplicative imbalances closed by one common factor. Both stop when the largest change in log flows
# between iterations is below 1e-8. Prints one CSV line per case.

max_log_change <- function(a, b) {
  positive <- a > 0 & b > 0
  max(abs(log(a[positive] / b[positive])))
}

solve_conditional <- function(base, rows, cols, tolerance = 1e-8, max_iterations = 100000L) {
  col_factor <- rep(1, ncol(base))
  previous <- base
  for (iteration in seq_len(max_iterations)) {
    row_factor <- rows / as.vector(base %*% col_factor)
    col_factor <- cols / as.vector(crossprod(base, row_factor))
    current <- base * outer(row_factor, col_factor)
    change <- max_log_change(current, previous)
    if (change < tolerance) return(list(flows = current, iterations = iteration))
    previous <- current
  }
  stop("conditional solve did not converge")
}

solve_full <- function(flows, cost, theta, reference, tolerance = 1e-8, max_iterations = 100000L) {
  output <- rowSums(flows)
  expenditure <- colSums(flows)
  phi <- expenditure / output
  weighted <- flows * cost
  price <- rep(1, nrow(flows))
  previous <- flows
  for (iteration in seq_len(max_iterations)) {
    price_term <- price^(-theta)
    mass <- as.vector(crossprod(weighted, price_term))
    phi_hat <- mass / expenditure
    scaled <- phi * price * output
    expenditure_new <- scaled * (sum(price * output) / sum(scaled))
    current <- weighted * outer(price_term, expenditure_new / mass)
    change <- max_log_change(current, previous)
    if (iteration > 1 && change < tolerance) {
      inward <- phi_hat^(-1 / theta)
      return(list(flows = current, price = price, inward = inward, iterations = iteration))
    }
    previous <- current
    sales <- rowSums(current)
    price <- price * (sales / (price * output))^(1 / (1 + theta))
    new_phi_hat <- as.vector(crossprod(weighted, price^(-theta))) / expenditure
    price <- price / new_phi_hat[reference]^(-1 / theta)
  }
  stop("full-endowment solve did not converge")
}

simulate <- function(flows, cost, theta, reference) {
  conditional <- solve_conditional(flows * cost, rowSums(flows), colSums(flows))
  full <- solve_full(flows, cost, theta, reference)
  exports <- function(x) rowSums(x) - diag(x)
  list(
    price = (full$price - 1) * 100,
    real_gdp = (full$price / full$inward - 1) * 100,
    exports_cdl = (exports(conditional$flows) / exports(flows) - 1) * 100,
    exports_full = (exports(full$flows) / exports(flows) - 1) * 100,
    iterations_cdl = conditional$iterations,
    iterations_full = full$iterations
  )
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript ge_r_reference.R DIR CASE [CASE...]")
dir <- args[1]
cat("case,economies,r_wall_ms,r_cpu_ms,solves,iterations_cdl,iterations_full,max_diff_price_pp,max_diff_real_gdp_pp,",
    "max_diff_exports_cdl_pp,max_diff_exports_full_pp\n", sep = "")
for (case in args[-1]) {
  read_matrix <- function(suffix) unname(as.matrix(read.csv(file.path(dir, paste0(case, suffix)), header = FALSE)))
  flows <- read_matrix("_flows.csv")
  cost <- read_matrix("_cost.csv")
  meta <- read.csv(file.path(dir, paste0(case, "_meta.csv")))
  cpp <- read.csv(file.path(dir, paste0(case, "_result.csv")))
  result <- simulate(flows, cost, meta$theta, meta$reference)  # warm-up, and the solution compared below
  # Repeated for at least 2 s of wall time and 3 solves (at most 50 solves); wall and CPU (user + system) per solve.
  solves <- 0L
  started <- proc.time()
  repeat {
    simulate(flows, cost, meta$theta, meta$reference)
    solves <- solves + 1L
    used <- proc.time() - started
    if ((used[["elapsed"]] >= 2 && solves >= 3L) || solves >= 50L) break
  }
  cpu <- used[["user.self"]] + used[["sys.self"]]
  cat(sprintf("%s,%d,%.3f,%.3f,%d,%d,%d,%.3g,%.3g,%.3g,%.3g\n", case, nrow(flows), 1000 * used[["elapsed"]] / solves,
              1000 * cpu / solves, solves,
              result$iterations_cdl, result$iterations_full,
              max(abs(result$price - cpp$price_change_full_pct)),
              max(abs(result$real_gdp - cpp$real_gdp_change_full_pct)),
              max(abs(result$exports_cdl - cpp$exports_change_cdl_pct)),
              max(abs(result$exports_full - cpp$exports_change_full_pct))))
}
