# Independent reference for tradeshock's general-equilibrium solver (src/models/ge/), in base R only.
#
# One-sector structural gravity, exact hat algebra: Yotov, Piermartini, Monteiro & Larch (2016), "An Advanced
# Guide to Trade Policy Analysis", ch. 2; the equations as docs/METHODS.md ("General equilibrium") states them:
#   theta = sigma - 1; baseline flows X (internal flows on the diagonal), Y_i = sum_j X_ij, E_j = sum_i X_ij,
#   phi_j = E_j / Y_j; counterfactual factor t_hat_ij on each flow at given prices.
#   Conditional (G3): X'_ij = r_i X_ij t_hat_ij c_j with row sums Y and column sums E kept.
#   Full endowment, unknown factory-gate price changes p_i:
#     G4 Phi_j = sum_i (X_ij / E_j) t_hat_ij p_i^-theta
#     G5 E'_j = k phi_j p_j Y_j, k = sum_i p_i Y_i / sum_i phi_i p_i Y_i   (multiplicative imbalances)
#     G6 X'_ij = X_ij t_hat_ij p_i^-theta (E'_j / E_j) / Phi_j
#     G7 sum_j X'_ij = p_i Y_i; numeraire P_ref = Phi_ref^(-1/theta) = 1
#     G8 Omega_i = sum_j (X_ij / Y_i) t_hat_ij (E'_j / E_j) / Phi_j; Pi_i = Omega_i^(-1/theta)
#   Reported (percent): exports excluding internal sales (conditional, full), price p, inward MR P,
#   outward MR Pi, real GDP p / P, welfare (E'/E) / P.
#
# The algorithms differ from the program's on purpose:
#   - the fitted baseline is a Poisson GLM (stats::glm, IRLS with QR) with exporter and importer dummies and
#     the trade costs as offset, as the book estimates it (the program scales margins); the conditional
#     equilibrium is alternating row/column scaling (Sinkhorn) of X t_hat, as banned cells (t_hat = 0) have
#     no finite offset;
#   - the full endowment is Newton's method with a finite-difference Jacobian on log prices, solving the
#     n - 1 market-clearing equations G7 with one price fixed, then rescaled to the numeraire (the program
#     iterates the ge_gravity fixed point on prices).
#
# Call (from the repository root; R 4.2.2, base packages only):
#   Rscript tests/data/models/ge_reference.R twb  > tests/data/models/ge_reference_twb.csv
#   Rscript tests/data/models/ge_reference.R panel3
# `twb`: the book's "trade without borders" (application 1) on tests/data/models/agtpa_2006.csv: baseline =
#   Poisson fit of trade on exporter and importer effects with offset -0.7912879 ln DIST + 0.6736456 CNTG
#   - 2.47445 INTL_BRDR (the book's printed coefficients), sigma = 7, reference DEU, INTL_BRDR set to 0
#   (t_hat = exp(2.47445) on every international pair). Writes one CSV row per economy.
# `panel3`: the three-economy panel of tests/scenario/beyond_test.cc (CHN, DEU, USA), the flow CHN -> USA
#   banned (t_hat = 0), theta = 4, reference DEU, the observed flows as baseline. Writes one CSV row per economy.
# Used by tests/models/ge_reference_test.cc, tests/models/ge_test.cc and tests/scenario/beyond_test.cc.
# Not needed to build or run the tests.

options(digits = 15)

fit_margins <- function(target, offset_matrix) {
  # Poisson GLM with exporter and importer dummies: its score equations are the adding-up conditions, so
  # the fitted flows have the margins of `target` and the shape exp(offset). Every cell must be finite.
  n <- nrow(target)
  cells <- expand.grid(i = seq_len(n), j = seq_len(n))
  stopifnot(all(is.finite(offset_matrix)))
  d <- data.frame(y = target[cbind(cells$i, cells$j)], off = offset_matrix[cbind(cells$i, cells$j)],
                  ex = factor(cells$i), im = factor(cells$j))
  fit <- suppressWarnings(glm(y ~ 0 + ex + im, offset = off, family = poisson(), data = d,
                              control = glm.control(epsilon = 1e-15, maxit = 200)))
  fitted <- matrix(0, n, n)
  fitted[cbind(cells$i, cells$j)] <- fitted(fit)
  # How well the margins hold (the GLM's own check is on the deviance), reported on stderr.
  margin_gap <- max(abs(rowSums(fitted) / rowSums(target) - 1), abs(colSums(fitted) / colSums(target) - 1))
  message(sprintf("glm: %d iterations, converged %s, largest relative margin gap %.3g", fit$iter, fit$converged,
                  margin_gap))
  list(flows = fitted, iterations = fit$iter, converged = fit$converged)
}

full_endowment <- function(X, t_hat, theta, ref) {
  n <- nrow(X)
  Y <- rowSums(X)
  E <- colSums(X)
  phi <- E / Y
  flows_at <- function(p) {
    Phi <- colSums((X / rep(E, each = n)) * t_hat * p^-theta)
    E_new <- sum(p * Y) / sum(phi * p * Y) * phi * p * Y
    list(flows = X * t_hat * p^-theta * rep((E_new / E) / Phi, each = n), Phi = Phi, E_new = E_new)
  }
  free <- setdiff(seq_len(n), ref)
  excess <- function(z) {
    p <- rep(1, n)
    p[free] <- exp(z)
    log(rowSums(flows_at(p)$flows)[free]) - log(p[free] * Y[free])
  }
  z <- rep(0, n - 1)
  iterations <- 0
  repeat {
    f <- excess(z)
    if (max(abs(f)) < 1e-14 || iterations >= 100) break
    h <- 1e-6
    J <- sapply(seq_along(z), function(k) {
      up <- z
      dn <- z
      up[k] <- up[k] + h
      dn[k] <- dn[k] - h
      (excess(up) - excess(dn)) / (2 * h)
    })
    z <- z - solve(J, f)
    iterations <- iterations + 1
  }
  message(sprintf("Newton: %d iterations, largest log excess demand %.3g", iterations, max(abs(f))))
  p <- rep(1, n)
  p[free] <- exp(z)
  P_ref <- flows_at(p)$Phi[ref]^(-1 / theta)
  p <- p / P_ref  # homogeneous of degree one: flows scale with p, Phi with p^-theta
  s <- flows_at(p)
  Omega <- rowSums((X / Y) * t_hat * rep((s$E_new / E) / s$Phi, each = n))
  list(p = p, P = s$Phi^(-1 / theta), Pi = Omega^(-1 / theta), E_hat = s$E_new / E, flows = s$flows,
       iterations = iterations, residual = max(abs(excess(z))))
}

conditional_flows <- function(X, t_hat) {
  # G3 with banned cells (t_hat = 0) allowed, where a GLM on the remaining cells would lose the banned flow from
  # the margins: alternating row and column scaling (Sinkhorn) of X t_hat to the margins of X, to 1e-15.
  M <- X * t_hat
  for (k in 1:100000) {
    M <- M * (rowSums(X) / rowSums(M))
    M <- t(t(M) * (colSums(X) / colSums(M)))
    gap <- max(abs(rowSums(M) / rowSums(X) - 1))
    if (gap < 1e-15) break
  }
  message(sprintf("Sinkhorn: %d sweeps, largest relative margin gap %.3g", k, gap))
  M
}

changes <- function(economies, X, t_hat, theta, ref) {
  exports <- function(M) rowSums(M) - diag(M)
  conditional <- conditional_flows(X, t_hat)
  full <- full_endowment(X, t_hat, theta, ref)
  data.frame(economy = economies,
             exports_change_cdl_pct = (exports(conditional) / exports(X) - 1) * 100,
             exports_change_full_pct = (exports(full$flows) / exports(X) - 1) * 100,
             price_change_full_pct = (full$p - 1) * 100,
             inward_mr_change_full_pct = (full$P - 1) * 100,
             outward_mr_change_full_pct = (full$Pi - 1) * 100,
             real_gdp_change_full_pct = (full$p / full$P - 1) * 100,
             welfare_change_pct = (full$E_hat / full$P - 1) * 100)
}

mode <- commandArgs(trailingOnly = TRUE)[1]
if (identical(mode, "twb")) {
  d <- read.csv("tests/data/models/agtpa_2006.csv", colClasses = c("character", "character", rep("numeric", 3)))
  economies <- sort(unique(d$exporter))
  n <- length(economies)
  i <- match(d$exporter, economies)
  j <- match(d$importer, economies)
  observed <- matrix(NA_real_, n, n)
  observed[cbind(i, j)] <- d$trade
  border <- matrix(1, n, n)
  diag(border) <- 0
  log_cost <- matrix(NA_real_, n, n)
  log_cost[cbind(i, j)] <- -0.7912879 * log(d$dist) + 0.6736456 * d$cntg - 2.47445 * border[cbind(i, j)]
  stopifnot(!anyNA(observed), !anyNA(log_cost))
  baseline <- fit_margins(observed, log_cost)$flows
  result <- changes(economies, baseline, exp(2.47445 * border), theta = 6, ref = match("DEU", economies))
  write.csv(result, stdout(), row.names = FALSE, quote = FALSE)  # 15 significant digits
} else if (identical(mode, "panel3")) {
  economies <- c("CHN", "DEU", "USA")
  X <- matrix(c(1000, 50, 100,
                30, 800, 70,
                40, 60, 2000), 3, 3, byrow = TRUE)  # rows exporters, columns importers, in this order
  t_hat <- matrix(1, 3, 3)
  t_hat[1, 3] <- 0  # CHN -> USA banned
  write.csv(changes(economies, X, t_hat, theta = 4, ref = 2), stdout(), row.names = FALSE, quote = FALSE)
} else {
  stop("usage: Rscript tests/data/models/ge_reference.R twb|panel3")
}
