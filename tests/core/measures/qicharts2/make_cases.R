#!/usr/bin/env Rscript
# Reference cases for Tavle's control charts, made by qicharts2 itself.
#
#   cd tests/core/measures/qicharts2 && Rscript make_cases.R
#
# Writes cases/*.json (one file per group, each a JSON list of cases) and prints
# how qicharts2's saved test references (tests/testthat/*.rds of the qicharts2
# source, path in QIC_SOURCE, default /tmp/qic) agree with a re-run of the same
# calls. Uses base R and qicharts2 (jsonlite only to check number round trips);
# the JSON is written by hand so that every number keeps full double precision.
#
# A case is one call of qic() on numeric x (rows with the same x form one
# subgroup), recorded as its input rows and options, every row of
# qic(..., return.data = TRUE) and every row of summary(qic(...)).

suppressPackageStartupMessages(library(qicharts2))
options(qic.screenedmr = TRUE)  # set on attach too; explicit here
set.seed(20240611)

QIC_SOURCE <- Sys.getenv("QIC_SOURCE", "/tmp/qic")
OUT <- "cases"
dir.create(OUT, showWarnings = FALSE)
unlink(file.path(OUT, "*.json"))

cat(R.version.string, "| qicharts2", as.character(packageVersion("qicharts2")), "\n")

# ---------------------------------------------------------------------------
# JSON, by hand
# ---------------------------------------------------------------------------

# Shortest of %.15g / %.16g / %.17g that reads back as the same double. R's own
# as.numeric() is not correctly rounded (about 1 in 10^4 strings of 15-16
# digits reads back one ulp off), so candidates are checked with jsonlite's
# parser (C strtod, correctly rounded, as Python's float()); without jsonlite
# every number is written with %.17g, which is always exact.
read_exact <- if (requireNamespace("jsonlite", quietly = TRUE)) {
  function(s) as.numeric(jsonlite::fromJSON(paste0("[", paste(s, collapse = ","), "]")))
} else NULL

jnum <- function(v) {
  v <- as.numeric(v)
  out <- rep("null", length(v))
  ok <- which(is.finite(v))
  if (length(ok)) {
    w <- v[ok]
    w[w == 0] <- 0  # no "-0"
    s <- sprintf("%.17g", w)
    if (!is.null(read_exact)) {
      todo <- seq_along(w)
      for (digits in c(15, 16)) {
        if (!length(todo)) break
        cand <- sprintf(paste0("%.", digits, "g"), w[todo])
        same <- read_exact(cand) == w[todo]
        s[todo[same]] <- cand[same]
        todo <- todo[!same]
      }
    }
    out[ok] <- s
  }
  out
}

jlgl <- function(v) ifelse(is.na(v), "null", ifelse(v, "true", "false"))

jstr <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}

jarr <- function(v) {
  if (is.null(v)) return("null")
  paste0("[", paste(if (is.logical(v)) jlgl(v) else jnum(v), collapse = ","), "]")
}

jscalar <- function(v) {
  if (is.null(v) || length(v) == 0) return("null")
  if (is.character(v)) return(jstr(v))
  if (is.logical(v)) return(jlgl(v))
  jnum(v)
}

# Rows of a data frame as JSON objects; cols = c(json_key = "r_column").
jrows <- function(d, cols) {
  fields <- lapply(names(cols), function(key) {
    v <- d[[cols[[key]]]]
    vals <- if (is.logical(v)) jlgl(v) else jnum(v)
    paste0(jstr(key), ":", vals)
  })
  do.call(paste, c(fields, sep = ","))
}

POINT_COLS <- c(
  y = "y", cl = "cl", lcl = "lcl", ucl = "ucl",
  lcl_95 = "lcl.95", ucl_95 = "ucl.95", part = "part",
  baseline = "baseline", include = "include",
  sigma_signal = "sigma.signal", runs_signal = "runs.signal",
  n_obs = "n.obs", n_useful = "n.useful", longest_run = "longest.run",
  longest_run_max = "longest.run.max", n_crossings = "n.crossings",
  n_crossings_min = "n.crossings.min", y_sum = "y.sum",
  y_length = "y.length", y_mean = "y.mean", y_sd = "y.sd", n = "n")

SUMMARY_COLS <- c(
  part = "part", n_obs = "n.obs", n_useful = "n.useful",
  longest_run = "longest.run", longest_run_max = "longest.run.max",
  n_crossings = "n.crossings", n_crossings_min = "n.crossings.min",
  runs_signal = "runs.signal", aLCL = "aLCL", CL = "CL", aUCL = "aUCL",
  sigma_signal = "sigma.signal")

case_json <- function(case) {
  inp <- case$input
  input <- paste0(
    "{\"chart\":", jstr(inp$chart),
    ",\"x\":", jarr(inp$x),
    ",\"y\":", jarr(inp$y),
    ",\"n\":", jarr(inp$n),
    ",\"part\":", jarr(inp$part),
    ",\"freeze\":", jscalar(inp$freeze),
    ",\"exclude\":", jarr(inp$exclude),
    ",\"cl\":", jscalar(inp$cl),
    ",\"multiply\":", jscalar(inp$multiply),
    ",\"y_neg\":", jscalar(inp$y.neg),
    ",\"screened\":", jscalar(inp$screened), "}")
  points <- paste0("{", jrows(case$points, POINT_COLS), "}", collapse = ",\n")
  summ <- paste0("{", jrows(case$summary, SUMMARY_COLS), "}", collapse = ",\n")
  paste0("{\"name\":", jstr(case$name),
         ",\"origin\":", jstr(case$origin),
         if (!is.null(case$note)) paste0(",\"note\":", jstr(case$note)) else "",
         ",\n\"input\":", input,
         ",\n\"points\":[\n", points, "],\n\"summary\":[\n", summ, "]}")
}

# ---------------------------------------------------------------------------
# Running qic and collecting cases
# ---------------------------------------------------------------------------

GROUPS <- list()     # group name -> list of cases
NAMES <- character()
DROPPED <- list()
WARNED <- character()

call_qic <- function(inp, return.data) {
  # qic() evaluates its arguments by name (non-standard evaluation) and
  # deparses y for its title, so it is called with local variables rather
  # than through do.call() with literal vectors.
  old <- options(qic.screenedmr = inp$screened)
  on.exit(options(old))
  x <- inp$x; y <- inp$y; n <- inp$n  # n = NULL: qic() sees no denominator
  cl <- if (is.null(inp$cl)) NA * 1 else inp$cl
  suppressMessages(qic(x, y, n, chart = inp$chart, multiply = inp$multiply,
                       freeze = inp$freeze, part = inp$part,
                       exclude = inp$exclude, cl = cl, y.neg = inp$y.neg,
                       return.data = return.data))
}

# Adds one case to a group; returns the return.data frame (or NULL if qicharts2
# stopped, in which case the case is dropped).
add_case <- function(group, name, origin, chart, x, y, n = NULL, part = NULL,
                     freeze = NULL, exclude = NULL, cl = NULL, multiply = 1,
                     y.neg = TRUE, screened = TRUE, note = NULL) {
  if (name %in% NAMES) stop("duplicate case name: ", name)
  if (length(x) != length(y) || (!is.null(n) && length(n) != length(y)))
    stop("rows differ in length: ", name)
  inp <- list(chart = chart, x = as.numeric(x), y = as.numeric(y),
              n = if (is.null(n)) NULL else as.numeric(n),
              part = if (is.null(part)) NULL else as.integer(part),
              freeze = freeze,
              exclude = if (is.null(exclude)) NULL else as.integer(exclude),
              cl = cl, multiply = multiply, y.neg = y.neg, screened = screened)
  res <- tryCatch(withCallingHandlers({
    d <- call_qic(inp, TRUE)
    p <- call_qic(inp, FALSE)
    s <- summary(p)
    list(d = d, s = s)
  }, warning = function(w) {
    WARNED[[length(WARNED) + 1]] <<- paste(name, conditionMessage(w))
    invokeRestart("muffleWarning")
  }), error = function(e) {
    DROPPED[[name]] <<- conditionMessage(e)
    NULL
  })
  if (is.null(res)) return(invisible(NULL))
  NAMES[[length(NAMES) + 1]] <<- name
  case <- list(name = name, origin = origin, note = note, input = inp,
               points = res$d, summary = res$s)
  GROUPS[[group]][[length(GROUPS[[group]]) + 1]] <<- case
  invisible(res$d)
}

write_groups <- function() {
  for (g in names(GROUPS)) {
    body <- vapply(GROUPS[[g]], case_json, "")
    writeLines(paste0("[\n", paste(body, collapse = ",\n"), "\n]"),
               file.path(OUT, paste0(g, ".json")), useBytes = TRUE)
  }
}

# Checks that a case (numeric x, one facet) reproduces the original call's
# rows, e.g. a Date x or one facet of a faceted call, exactly; expect names
# the columns allowed to differ.
COMPARE_COLS <- c("y", "cl", "lcl", "ucl", "lcl.95", "ucl.95", "part",
                  "baseline", "include", "sigma.signal", "runs.signal",
                  "n.obs", "n.useful", "longest.run", "longest.run.max",
                  "n.crossings", "n.crossings.min", "y.sum", "y.length",
                  "y.mean", "y.sd", "n")
SELF_CHECKS <- list()
check_same <- function(label, case_d, orig_d, expect = character()) {
  if (is.null(case_d)) return(invisible())
  bad <- character()
  if (nrow(case_d) != nrow(orig_d)) {
    bad <- "rows"
  } else {
    for (col in COMPARE_COLS) {
      a <- case_d[[col]]; b <- orig_d[[col]]
      same <- (is.na(a) & is.na(b)) | (!is.na(a) & !is.na(b) & a == b)
      if (!all(same)) bad <- c(bad, col)
    }
  }
  SELF_CHECKS[[label]] <<- list(bad = bad, expect = expect)
  if (!all(bad %in% expect))
    cat("SELF-CHECK", label, "differs in:", bad, "\n")
  else if (length(bad))
    cat("self-check", label, "differs, as expected, in:", bad, "\n")
}

# ---------------------------------------------------------------------------
# Generated series
# ---------------------------------------------------------------------------

spike_at <- function(L) max(1, ceiling(L * 0.6))

# A standardised shape of length L that the chart generators scale.
shape <- function(kind, L) {
  switch(kind,
    noise = rnorm(L),
    flat  = rep(0, L),
    spike = { z <- rnorm(L); z[spike_at(L)] <- z[spike_at(L)] + 6; z },
    dip   = { z <- rnorm(L); z[spike_at(L)] <- z[spike_at(L)] - 6; z },
    trend = rnorm(L, sd = 0.5) + seq(-2, 2, length.out = L),
    shift = rnorm(L) + ifelse(seq_len(L) > L %/% 2, 2.5, 0),
    stop("unknown shape ", kind))
}

DENOMS <- c("vary", "const", "large", "wild")

denominators <- function(kind, L, chart) {
  ratio <- chart %in% c("u", "up")
  switch(kind,
    const = rep(if (ratio) 200 else 60, L),
    vary  = sample(if (ratio) 80:400 else 20:150, L, replace = TRUE),
    large = sample(20000:90000, L, replace = TRUE),
    wild  = round(exp(runif(L, log(5), log(5000)))))
}

# Rows (x, y, n) for a chart from a shape; subgroups are 1..L.
rows_for <- function(chart, z, kind, denom = "vary", size = "const") {
  L <- length(z)
  flat <- kind == "flat"
  x <- seq_len(L)
  n <- NULL
  y <- switch(chart,
    run = , i = , mr = round(10 + 2 * z, 2),
    t = if (flat) rep(7.5, L) else
      pmax(0.01, round(rexp(L, 0.1) * exp(0.8 * z), 2)),
    g = if (flat) rep(4, L) else rgeom(L, 1 / (1 + 8 * exp(0.7 * z))),
    c = if (flat) rep(6, L) else rpois(L, 6 * exp(0.35 * z)),
    p = , pp = {
      n <- if (flat) rep(80, L) else denominators(denom, L, chart)
      # Large denominators get extra between-subgroup variation (Laney).
      scale <- if (denom %in% c("large", "wild")) 0.5 else 0.35
      if (flat) rep(16, L) else rbinom(L, n, plogis(qlogis(0.2) + scale * z))
    },
    u = , up = {
      n <- if (flat) rep(200, L) else denominators(denom, L, chart)
      scale <- if (denom %in% c("large", "wild")) 0.5 else 0.35
      if (flat) rep(10, L) else rpois(L, n * 0.05 * exp(scale * z))
    },
    xbar = , s = {
      k <- switch(size,
        const = rep(5, L),
        vary  = sample(2:8, L, replace = TRUE),
        ones  = sample(c(1, 1, 2, 3, 4, 5), L, replace = TRUE))
      x <- rep(seq_len(L), k)
      vals <- if (flat) rep(10, sum(k)) else
        round(rnorm(sum(k), 10 + rep(z, k), 1), 2)
      vals
    },
    stop("no rows for ", chart))
  list(x = x, y = y, n = n)
}

CHARTS <- c("run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g")
# Short series for every chart; one long series per chart (LONG); the option
# variants below add lengths 10 to 30. Kept small: the suite stays near 3 MB.
GRID <- list(
  noise = c(1, 2, 3, 5, 8, 9),
  flat  = c(3, 7),
  spike = c(5, 8),
  trend = 8,
  shift = c(8, 12))
LONG <- c(run = 24, i = 100, p = 40, up = 24, mr = 20, c = 24, u = 24,
          xbar = 20, s = 20, t = 24, pp = 24, g = 20)

# Subgroup-level editing helpers for rows (x, y, n).
drop_period <- function(r, k, keep_n = FALSE, keep_y = FALSE) {
  # A missing period: the subgroup's rows become one row with y = NA (and n = NA).
  keep <- r$x != k
  at <- which(!keep)[1]
  before <- seq_len(at - 1)
  after <- setdiff(which(keep), before)
  ny <- if (keep_y) r$y[at] else NA
  r$x <- c(r$x[before], k, r$x[after])
  r$y <- c(r$y[before], ny, r$y[after])
  if (!is.null(r$n)) r$n <- c(r$n[before], if (keep_n) r$n[at] else NA, r$n[after])
  r
}

opt_variants <- function(chart) {
  # name, shape, L, denominators, subgroup size, options (list)
  v <- list(
    list("part1", "shift", 10, "vary", "const", list(part = 5)),
    list("part2", "noise", 12, "const", "vary", list(part = c(4, 8))),
    list("part1_short", "shift", 8, "vary", "const", list(part = 3)),
    list("part2_unsorted", "trend", 12, "wild", "vary", list(part = c(8, 3))),
    list("freeze", "shift", 10, "vary", "const", list(freeze = 5)),
    list("freeze_trend", "trend", 10, "large", "vary", list(freeze = 4)),
    list("exclude1", "noise", 9, "vary", "const", list(exclude = 4)),
    list("exclude_spike", "spike", 10, "vary", "const", list(exclude = spike_at(10))),
    list("exclude3", "shift", 10, "wild", "ones", list(exclude = c(2, 6, 9))),
    list("na_mid", "noise", 10, "vary", "const", list(na = 5)),
    list("na_first", "shift", 9, "vary", "vary", list(na = 1)),
    list("na_last_two", "noise", 8, "const", "const", list(na = c(7, 8))),
    list("cl_given", "noise", 10, "vary", "const", list(cl = "given")),
    list("multiply100", "noise", 8, "vary", "const", list(multiply = 100)),
    list("multiply1000_part", "shift", 10, "large", "vary", list(multiply = 1000, part = 5)),
    list("part_freeze", "shift", 10, "vary", "const", list(part = 5, freeze = 3)),
    list("part_exclude", "spike", 10, "vary", "vary", list(part = 4, exclude = c(2, spike_at(10)))),
    list("freeze_exclude", "noise", 10, "const", "const", list(freeze = 6, exclude = c(3, 8))),
    list("freeze_na", "shift", 10, "vary", "const", list(freeze = 5, na = 3)),
    list("part_na", "noise", 10, "vary", "vary", list(part = 5, na = c(5, 6))),
    list("yneg_false", "noise", 10, "vary", "const", list(y.neg = FALSE)),
    list("screened_off", "spike", 10, "large", "const", list(screened = FALSE)),
    list("long_freeze_exclude", "shift", 16, "large", "vary", list(freeze = 8, exclude = c(4, 11, 12))))
  # Options that change nothing for a chart are kept for a few charts only.
  only <- list(part1_short = c("run", "i", "p"), freeze_trend = c("run", "i", "p", "u"),
               yneg_false = c("run", "i", "mr", "xbar", "s", "t"),
               screened_off = c("i", "t", "pp", "up"))
  Filter(function(o) is.null(only[[o[[1]]]]) || chart %in% only[[o[[1]]]], v)
}

given_cl <- function(chart, r) {
  y <- r$y
  if (chart %in% c("p", "pp", "u", "up")) return(signif(sum(y, na.rm = TRUE) / sum(r$n, na.rm = TRUE) * 1.1, 3))
  if (chart == "mr") return(signif(mean(abs(diff(y)), na.rm = TRUE) * 0.9, 3))
  if (chart == "s") return(1.1)
  if (chart == "c") return(round(mean(y, na.rm = TRUE)) + 1)
  if (chart == "t") return(2)   # on qicharts2's transformed scale (see README)
  signif(mean(y, na.rm = TRUE) * 1.05, 3)
}

generate_chart <- function(chart, seed) {
  set.seed(seed)
  group <- paste0("generated_", chart)
  k <- 0
  for (kind in names(GRID)) {
    for (L in GRID[[kind]]) {
      k <- k + 1
      denom <- DENOMS[(k %% length(DENOMS)) + 1]
      size <- c("const", "vary", "ones")[(k %% 3) + 1]
      if (chart %in% c("pp", "up") && L >= 20) denom <- "large"
      r <- rows_for(chart, shape(kind, L), kind, denom, size)
      tag <- if (!is.null(r$n)) paste0("_", denom) else if (chart %in% c("xbar", "s")) paste0("_", size) else ""
      add_case(group, sprintf("%s_%s_L%d%s", chart, kind, L, tag), "generated",
               chart, r$x, r$y, r$n)
    }
  }
  L <- LONG[[chart]]
  denom <- if (chart %in% c("pp", "up")) "large" else "vary"
  r <- rows_for(chart, shape("noise", L), "noise", denom, "vary")
  add_case(group, sprintf("%s_noise_L%d", chart, L), "generated", chart, r$x, r$y, r$n)
  for (v in opt_variants(chart)) {
    vname <- v[[1]]; kind <- v[[2]]; L <- v[[3]]; opts <- v[[6]]
    r <- rows_for(chart, shape(kind, L), kind, v[[4]], v[[5]])
    if (!is.null(opts$na)) {
      for (p in opts$na) r <- drop_period(r, p)
    }
    cl <- if (identical(opts$cl, "given")) given_cl(chart, r) else NULL
    add_case(group, sprintf("%s_opt_%s_L%d", chart, vname, L), "generated",
             chart, r$x, r$y, r$n, part = opts$part, freeze = opts$freeze,
             exclude = opts$exclude, cl = cl,
             multiply = if (is.null(opts$multiply)) 1 else opts$multiply,
             y.neg = if (is.null(opts$y.neg)) TRUE else opts$y.neg,
             screened = if (is.null(opts$screened)) TRUE else opts$screened)
  }
  # Missing n with a present y, and a present n with a missing y (P/U family).
  if (chart %in% c("p", "pp", "u", "up")) {
    r <- rows_for(chart, shape("noise", 10), "noise", "vary")
    r$n[4] <- NA
    r$y[8] <- NA
    add_case(group, sprintf("%s_opt_na_y_or_n_L10", chart), "generated",
             chart, r$x, r$y, r$n)
    r <- rows_for(chart, shape("shift", 12), "shift", "wild")
    add_case(group, sprintf("%s_opt_multiply100_cl_L12", chart), "generated",
             chart, r$x, r$y, r$n, cl = given_cl(chart, r), multiply = 100)
  }
}

for (i in seq_along(CHARTS)) generate_chart(CHARTS[i], 1000 + i)

# ---------------------------------------------------------------------------
# Hand-made series: short runs, mean vs median, screening, y.neg, case level
# ---------------------------------------------------------------------------

set.seed(2000)
G <- "special"

# A run of 7 among 9 points (longest run limit 6 for 8-9 useful points).
run7 <- c(10.1, 9.8, 10.3, 9.9, 10.0, 10.2, 9.7, 14.5, 15.2)
for (ch in c("run", "i", "mr", "t", "g", "c")) {
  y <- if (ch %in% c("g", "c")) round(run7) - 5 else run7
  add_case(G, paste0(ch, "_short_run7_of_9"), "generated", ch, seq_along(y), y)
}
add_case(G, "p_short_run7_of_9", "generated", "p", 1:9,
         c(5, 4, 6, 5, 4, 5, 6, 15, 17), rep(40, 9))
add_case(G, "u_short_run7_of_9", "generated", "u", 1:9,
         c(5, 4, 6, 5, 4, 5, 6, 15, 17), c(40, 45, 40, 38, 40, 42, 40, 41, 40))
add_case(G, "xbar_short_run7_of_9", "generated", "xbar", rep(1:9, each = 3),
         c(rep(c(10, 11, 9), 7) + rep(c(0, .2, -.1, .1, 0, .3, -.2), each = 3),
           16, 17, 15, 15, 16, 17))
# Eight points, all on one side but the last: run of 7 with 8 useful points.
add_case(G, "i_short_run7_of_8", "generated", "i", 1:8,
         c(3.1, 3.0, 3.2, 2.9, 3.1, 3.0, 3.2, 9))

# Mean-centred and median-centred verdicts differ: an outlier pulls the mean.
mm <- c(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 30)
for (ch in c("run", "i", "c", "g", "t")) {
  add_case(G, paste0(ch, "_mean_vs_median"), "generated", ch, seq_along(mm), mm)
}
mm2 <- round(c(rnorm(16, 10), 40, 42), 2)
add_case(G, "run_mean_vs_median_2", "generated", "run", seq_along(mm2), mm2)
add_case(G, "i_mean_vs_median_2", "generated", "i", seq_along(mm2), mm2)

# All equal; all moving ranges zero; ranges screened away by Nelson's limit.
flat_spike <- c(rep(5, 7), 20, rep(5, 6))
fx <- seq_along(flat_spike)
for (scr in c(TRUE, FALSE)) {
  tag <- if (scr) "" else "_unscreened"
  add_case(G, paste0("i_flat_spike", tag), "generated", "i", fx, flat_spike, screened = scr)
  add_case(G, paste0("t_flat_spike", tag), "generated", "t", fx, flat_spike, screened = scr)
  add_case(G, paste0("pp_flat_spike", tag), "generated", "pp", fx,
           flat_spike * 100, rep(10000, 14), screened = scr)
  add_case(G, paste0("up_flat_spike", tag), "generated", "up", fx,
           flat_spike * 10, rep(1000, 14), screened = scr)
}
add_case(G, "mr_flat_spike", "generated", "mr", fx, flat_spike)
add_case(G, "run_flat_spike", "generated", "run", fx, flat_spike)
add_case(G, "i_two_values", "generated", "i", 1:12, rep(c(4, 4, 4, 6), 3))
add_case(G, "i_screening_removes_many", "generated", "i", 1:24,
         c(rep(1, 6), 50, rep(1, 5), 60, rep(1, 5), 55, rep(1, 5)))
add_case(G, "i_screened_off_many", "generated", "i", 1:24,
         c(rep(1, 6), 50, rep(1, 5), 60, rep(1, 5), 55, rep(1, 5)), screened = FALSE)
add_case(G, "s_all_equal", "generated", "s", rep(1:8, each = 4), rep(3, 32))
add_case(G, "xbar_all_equal", "generated", "xbar", rep(1:8, each = 4), rep(3, 32))
add_case(G, "xbar_equal_means", "generated", "xbar", rep(1:10, each = 3), rep(c(9, 10, 11), 10))
add_case(G, "p_all_zero", "generated", "p", 1:10, rep(0, 10), rep(50, 10))
add_case(G, "p_all_one", "generated", "p", 1:10, rep(50, 10), rep(50, 10))
add_case(G, "pp_all_zero", "generated", "pp", 1:10, rep(0, 10), rep(50, 10))
add_case(G, "u_all_zero", "generated", "u", 1:10, rep(0, 10), rep(50, 10))
add_case(G, "c_all_zero", "generated", "c", 1:10, rep(0, 10))
add_case(G, "g_all_zero", "generated", "g", 1:10, rep(0, 10))

# y.neg: non-negative data whose I/Xbar lower limit goes negative.
skew <- c(0.2, 0.1, 3.5, 0.4, 0.1, 6.2, 0.3, 0.2, 4.8, 0.1, 0.5, 0.2, 5.1, 0.3, 0.1, 0.2)
for (yn in c(TRUE, FALSE)) {
  tag <- if (yn) "true" else "false"
  add_case(G, paste0("i_nonneg_yneg_", tag), "generated", "i", seq_along(skew), skew, y.neg = yn)
  add_case(G, paste0("i_nonneg_part_yneg_", tag), "generated", "i", seq_along(skew), skew,
           part = 8, y.neg = yn)
  add_case(G, paste0("i_nonneg_multiply_yneg_", tag), "generated", "i", seq_along(skew), skew,
           multiply = 100, y.neg = yn)
  xs <- rep(1:10, each = 3)
  ys <- round(c(abs(rnorm(27, 0.3, 0.6)), 0, 0.1, 0.05), 2)
  add_case(G, paste0("xbar_nonneg_yneg_", tag), "generated", "xbar", xs, ys, y.neg = yn)
}
add_case(G, "i_negative_data_yneg_false", "generated", "i", seq_along(skew), skew - 1, y.neg = FALSE)
add_case(G, "run_nonneg_yneg_false", "generated", "run", seq_along(skew), skew, y.neg = FALSE)
add_case(G, "mr_nonneg_yneg_false", "generated", "mr", seq_along(skew), skew, y.neg = FALSE)
add_case(G, "g_yneg_false", "generated", "g", 1:12, c(0, 1, 0, 25, 0, 2, 0, 1, 30, 0, 0, 1),
         y.neg = FALSE)

# Case-level rows for I and run charts (aggregated by mean), with NA rows.
for (j in 1:4) {
  L <- c(10, 12, 16, 9)[j]
  k <- sample(1:5, L, replace = TRUE)
  x <- rep(seq_len(L), k)
  y <- round(rnorm(length(x), 20 + rep(shape(c("noise", "shift", "trend", "noise")[j], L), k) * 3, 4), 1)
  if (j %in% c(2, 4)) y[sample(which(duplicated(x)), 2)] <- NA
  for (ch in if (j <= 2) c("run", "i", "mr") else c("run", "i")) {
    add_case(G, sprintf("%s_caselevel_%d", ch, j), "generated", ch, x, y,
             part = if (j == 3) 8 else NULL, exclude = if (j == 2) 5 else NULL)
  }
}
# Case-level I with a denominator per row (y = sum(y) / sum(n) per subgroup).
x <- rep(1:10, sample(1:3, 10, replace = TRUE))
add_case(G, "i_caselevel_with_n", "generated", "i", x,
         rpois(length(x), 30), sample(80:120, length(x), replace = TRUE))
add_case(G, "run_caselevel_with_n", "generated", "run", x,
         rpois(length(x), 30), sample(80:120, length(x), replace = TRUE))

# Case-level P: y in {0, 1}, n = 1 per row (the share per period).
for (j in 1:4) {
  L <- c(10, 16, 12, 9)[j]
  k <- sample(5:30, L, replace = TRUE)
  x <- rep(seq_len(L), k)
  pr <- plogis(qlogis(0.3) + rep(shape(c("noise", "shift", "noise", "noise")[j], L), k) * 0.5)
  y <- rbinom(length(x), 1, pr)
  n <- rep(1, length(x))
  if (j == 3) { y[c(4, 30)] <- NA }
  if (j == 4) { n[c(7, 40)] <- NA }
  for (ch in if (j <= 2) c("p", "pp", "run") else "p") {
    add_case(G, sprintf("%s_caselevel_binary_%d", ch, j), "generated", ch, x, y, n,
             part = if (j == 2) 8 else NULL)
  }
}
# Case-level C and U.
x <- rep(1:16, sample(1:4, 16, replace = TRUE))
yc <- rpois(length(x), 3)
add_case(G, "c_caselevel", "generated", "c", x, yc)
add_case(G, "u_caselevel", "generated", "u", x, yc, sample(10:40, length(x), replace = TRUE))
add_case(G, "up_caselevel", "generated", "up", x, yc, sample(10:40, length(x), replace = TRUE))

# Xbar and S: case-level, constant and varying sizes, size-1 subgroups, NA rows,
# a missing period (one NA row), a subgroup whose rows are all NA.
xs_sets <- list(
  const4 = rep(4, 8), vary = sample(2:9, 10, replace = TRUE),
  ones = c(1, 5, 5, 1, 4, 5, 1, 5, 3, 5), alltwo = rep(2, 8))
for (nm in names(xs_sets)) {
  k <- xs_sets[[nm]]
  L <- length(k)
  x <- rep(seq_len(L), k)
  y <- round(rnorm(length(x), 50 + rep(shape("shift", L), k) * 2, 3), 1)
  for (ch in c("xbar", "s")) {
    add_case(G, sprintf("%s_sizes_%s", ch, nm), "generated", ch, x, y)
    if (nm %in% c("const4", "alltwo")) next
    yy <- y
    yy[which(duplicated(x))[c(2, 5, 9)]] <- NA
    add_case(G, sprintf("%s_sizes_%s_na_rows", ch, nm), "generated", ch, x, yy)
    r <- drop_period(list(x = x, y = y), 6)
    add_case(G, sprintf("%s_sizes_%s_missing_period", ch, nm), "generated", ch, r$x, r$y)
    if (nm == "vary")
      add_case(G, sprintf("%s_sizes_%s_part_exclude", ch, nm), "generated", ch, x, y,
               part = L %/% 2, exclude = 3)
  }
}
k <- rep(3, 10); x <- rep(1:10, k); y <- round(rnorm(30, 5), 2); y[x == 4] <- NA
add_case(G, "xbar_all_na_subgroup", "generated", "xbar", x, y,
         note = "subgroup 4 has three rows, all NA")
add_case(G, "s_all_na_subgroup", "generated", "s", x, y,
         note = "subgroup 4 has three rows, all NA")
add_case(G, "c_all_na_subgroup", "generated", "c", x, y * 0 + 2,
         note = "subgroup 4 has three rows, all NA: qicharts2 sums them to 0")

# Spread signals for S (and the same rows on Xbar), an excluded spread spike,
# an excluded moving-range spike, and y.neg = FALSE on charts that clip anyway.
x <- rep(1:12, each = 5)
sp <- rep(1, 12); sp[8] <- 5
y <- round(rnorm(60, 20, rep(sp, each = 5)), 2)
add_case(G, "s_spread_spike", "generated", "s", x, y)
add_case(G, "s_spread_spike_excluded", "generated", "s", x, y, exclude = 8)
add_case(G, "xbar_spread_spike", "generated", "xbar", x, y)
sp <- rep(c(1, 3), each = 10)
add_case(G, "s_spread_shift", "generated", "s", rep(1:20, each = 4),
         round(rnorm(80, 20, rep(sp, each = 4)), 2))
y <- round(c(rnorm(7, 10), 25, rnorm(6, 10)), 2)
add_case(G, "mr_spike_excluded", "generated", "mr", seq_along(y), y, exclude = 8:9)
add_case(G, "c_yneg_false", "generated", "c", 1:10, c(1, 0, 2, 1, 0, 3, 1, 0, 1, 2), y.neg = FALSE)
add_case(G, "u_yneg_false", "generated", "u", 1:10, c(1, 0, 2, 1, 0, 3, 1, 0, 1, 2),
         c(5, 8, 6, 5, 9, 7, 5, 6, 8, 5), y.neg = FALSE)

# Edge options.
y <- round(rnorm(12, 10), 2)
add_case(G, "i_part_at_end_ignored", "generated", "i", 1:12, y, part = 12)
add_case(G, "i_part_zero", "generated", "i", 1:12, y, part = c(0, 6))
add_case(G, "i_part_beyond_end", "generated", "i", 1:12, y, part = c(6, 25))
add_case(G, "i_freeze_beyond_end", "generated", "i", 1:12, y, freeze = 30)
add_case(G, "i_freeze_one", "generated", "i", 1:12, y, freeze = 1)
add_case(G, "i_freeze_two", "generated", "i", 1:12, y, freeze = 2)
add_case(G, "i_exclude_beyond_end", "generated", "i", 1:12, y, exclude = c(3, 40))
add_case(G, "i_exclude_all_but_two", "generated", "i", 1:6, y[1:6], exclude = 3:6)
add_case(G, "i_part_of_one_point", "generated", "i", 1:12, y, part = c(6, 7))
add_case(G, "i_gapped_x", "generated", "i", c(1, 2, 5, 6, 7, 10, 11, 15, 16, 20),
         y[1:10], note = "x values not consecutive")
add_case(G, "t_zero_time_stops", "generated", "t", 1:10, c(3, 5, 0, 2, 7, 1, 4, 2, 9, 3),
         note = "qicharts2 stops: time between events must be > 0")
add_case(G, "t_zero_in_other_part", "generated", "t", 1:10, c(3, 5, 2, 2, 7, 0, 4, 2, 9, 3),
         part = 5, note = "qicharts2 stops: the check is per part")

# ---------------------------------------------------------------------------
# qicharts2's own test references (tests/testthat)
# ---------------------------------------------------------------------------

load(file.path(QIC_SOURCE, "R", "sysdata.rda"))  # tbl_06.03 ... (Montgomery)
TT <- file.path(QIC_SOURCE, "tests", "testthat")
RDS <- list()

# Compares a re-run with a saved reference, column by column (by name).
compare_ref <- function(ref_name, new) {
  old <- readRDS(file.path(TT, ref_name))
  out <- data.frame()
  if (nrow(old) != nrow(new)) {
    out <- data.frame(column = "(rows)", result = sprintf("rows %d vs %d", nrow(new), nrow(old)))
  } else {
    for (col in union(names(new), names(old))) {
      if (!col %in% names(old)) { res <- "only in re-run" }
      else if (!col %in% names(new)) { res <- "only in saved rds" }
      else {
        a <- new[[col]]; b <- old[[col]]
        if (is.numeric(a) && is.numeric(b)) {
          na_diff <- sum(is.na(a) != is.na(b))
          both <- !is.na(a) & !is.na(b)
          d <- if (any(both)) max(abs(a[both] - b[both])) else 0
          res <- if (na_diff == 0 && d == 0) "identical" else
            sprintf("max |diff| %.3g, NA pattern differs in %d rows", d, na_diff)
        } else {
          a <- as.character(a); b <- as.character(b)
          mism <- sum(!((is.na(a) & is.na(b)) | (!is.na(a) & !is.na(b) & a == b)))
          res <- if (mism == 0) "identical" else sprintf("%d rows differ", mism)
        }
      }
      out <- rbind(out, data.frame(column = col, result = res))
    }
  }
  RDS[[ref_name]] <<- out
  bad <- out[out$result != "identical", ]
  cat(sprintf("rds %-14s %s\n", ref_name,
              if (nrow(bad) == 0) "agrees in every column" else
                paste(paste0(bad$column, ": ", bad$result), collapse = "; ")))
}

G <- "testthat"
mont <- list(
  list("ex_6.3_1.rds", tbl_06.03, "sample", "obs", NULL, "xbar", list(),
       quote(qic(sample, obs, data = tbl_06.03, chart = 'xbar'))),
  list("ex_6.3_2.rds", tbl_06.03, "sample", "obs", NULL, "s", list(),
       quote(qic(sample, obs, data = tbl_06.03, chart = 's'))),
  list("ex_6.4_1.rds", tbl_06.04, "sample", "obs", NULL, "xbar", list(),
       quote(qic(sample, obs, data = tbl_06.04, chart = 'xbar'))),
  list("ex_6.4_2.rds", tbl_06.04, "sample", "obs", NULL, "s", list(),
       quote(qic(sample, obs, data = tbl_06.04, chart = 's'))),
  list("ex_6.5_3.rds", tbl_06.07, "weeks", "cost", NULL, "i", list(freeze = 20),
       quote(qic(weeks, cost, data = tbl_06.07, chart = 'i', freeze = 20))),
  list("ex_6.5_4.rds", tbl_06.07, "weeks", "cost", NULL, "mr", list(freeze = 20),
       quote(qic(weeks, cost, data = tbl_06.07, chart = 'mr', freeze = 20))),
  list("ex_7.1_5.rds", tbl_07.03, "sample", "count", "size", "p", list(exclude = c(15, 23), part = 30),
       quote(qic(sample, count, size, notes = note, data = tbl_07.03, chart = 'p',
                 exclude = c(15, 23), part = 30))),
  list("tbl_7.4_1.rds", tbl_07.04, "sample", "count", "size", "p", list(),
       quote(qic(sample, count, size, data = tbl_07.04, chart = 'p'))),
  list("ex_7.3_3.rds", tbl_07.08, "sample", "count", NULL, "c", list(exclude = c(6, 20), freeze = 26),
       quote(qic(sample, count, data = tbl_07.08, chart = 'c', exclude = c(6, 20), freeze = 26))),
  list("ex_7.4_1.rds", tbl_07.10, "sample", "count", "size", "u", list(),
       quote(qic(sample, count, size, data = tbl_07.10, chart = 'u'))),
  list("ex_7.5_1.rds", tbl_07.11, "roll", "count", "meters", "u", list(multiply = 50),
       quote(qic(roll, count, meters, data = tbl_07.11, chart = 'u', multiply = 50))),
  list("ex_7.6_1.rds", tbl_07.14, "failure", "hours", NULL, "t", list(),
       quote(qic(failure, hours, data = tbl_07.14, chart = 't'))),
  list("NA_test.rds", NA_test, "sample", "obs", NULL, "xbar", list(),
       quote(qic(sample, obs, data = NA_test, chart = 'xbar'))))
for (m in mont) {
  ref <- m[[1]]; dat <- as.data.frame(m[[2]]); opts <- m[[7]]
  x <- dat[[m[[3]]]]; y <- dat[[m[[4]]]]; n <- if (is.null(m[[5]])) NULL else dat[[m[[5]]]]
  # The testthat call itself; its reference is qic(...)$data[, -c(18, 20)].
  p <- suppressWarnings(eval(m[[8]]))  # ggplot: a label parameter warning
  compare_ref(ref, p$data[, -c(18, 20)])
  d <- add_case(G, paste0("testthat_", sub("\\.rds$", "", ref)), paste0("testthat:", ref),
                m[[6]], x, y, n, part = opts$part, freeze = opts$freeze,
                exclude = opts$exclude, multiply = if (is.null(opts$multiply)) 1 else opts$multiply)
  check_same(ref, d, p$data)
}

# Hospital infections: summaries, facets split into one case per facet.
hi <- hospital_infections
month_index <- function(m) match(m, sort(unique(m)))
hai_calls <- list(
  list("hai_1.rds", NULL),
  list("hai_2.rds", ~ infection),
  list("hai_3.rds", hospital ~ infection))
for (h in hai_calls) {
  p <- if (is.null(h[[2]])) qic(month, n, days, data = hi, chart = "u") else
    qic(month, n, days, data = hi, facets = h[[2]], chart = "u")
  compare_ref(h[[1]], summary(p)[, -c(12, 14)])
  full <- p$data
  full_key <- if (is.null(h[[2]])) rep("all", nrow(full)) else
    if (length(all.vars(h[[2]])) == 1) as.character(full$facet1) else
      paste(full$facet1, full$facet2, sep = "_")
  if (is.null(h[[2]])) {
    keys <- list(all = rep(TRUE, nrow(hi)))
  } else {
    vars <- all.vars(h[[2]])
    f <- interaction(hi[vars], sep = "_", drop = TRUE)
    keys <- lapply(setNames(levels(f), levels(f)), function(l) f == l)
  }
  for (kname in names(keys)) {
    sub <- hi[keys[[kname]], ]
    nm <- paste0("testthat_", sub("\\.rds$", "", h[[1]]), if (kname == "all") "" else paste0("_", kname))
    d <- add_case(G, nm, paste0("testthat:", h[[1]]), "u", month_index(sub$month), sub$n, sub$days,
                  note = if (kname == "all") "month as subgroup index; 18 rows per month" else
                    paste("facet", kname, "of the faceted call; month as subgroup index"))
    # The facet's rows of the faceted call itself.
    check_same(nm, d, full[full_key == kname, ])
  }
}
# hai_4: a funnel plot (x = hospital factor, reordered by days): qicharts2 skips
# runs analysis for a factor x; the cases use the factor's level order as x.
hai16 <- subset(hi, month >= as.Date("2016-07-01"))
s4 <- summary(qic(reorder(hospital, days), n, days, data = hai16, chart = "u",
                  facets = ~ infection, multiply = 10000))
compare_ref("hai_4.rds", s4[, -c(12, 14)])
hai16$h <- reorder(hai16$hospital, hai16$days)
for (inf in levels(hai16$infection)) {
  sub <- hai16[hai16$infection == inf, ]
  nm <- paste0("testthat_hai_4_", inf)
  d <- add_case(G, nm, "testthat:hai_4.rds", "u", as.integer(sub$h), sub$n, sub$days,
                multiply = 10000,
                note = "funnel plot: x = level order of reorder(hospital, days); with a numeric x qicharts2 runs the runs analysis, which it skips for the factor")
  orig <- qic(h, n, days, data = sub, chart = "u", multiply = 10000, return.data = TRUE)
  check_same(nm, d, orig, expect = "runs.signal")
}

# ---------------------------------------------------------------------------
# The vignette's examples (vignettes/qicharts2.Rmd), facets split per facet
# ---------------------------------------------------------------------------

G <- "vignette"
vig <- function(name, chart, x, y, n = NULL, orig = NULL, ...) {
  d <- add_case(G, paste0("vignette_", name), paste0("vignette:", name), chart, x, y, n, ...)
  if (!is.null(orig)) check_same(name, d, orig)
}

set.seed(19)
y <- rnorm(24)
vig("rnorm19_run", "run", seq_along(y), y)
vig("rnorm19_i", "i", seq_along(y), y)
y[22] <- 4
vig("rnorm19_spike_i", "i", seq_along(y), y)
y[13:24] <- rnorm(12, mean = 2)
vig("rnorm19_shift_i", "i", seq_along(y), y)
vig("rnorm19_shift_run", "run", seq_along(y), y)

cdi24 <- head(cdi, 24)
vig("cdi_head24_c", "c", month_index(cdi24$month), cdi24$n,
    orig = qic(month, n, data = cdi24, chart = "c", return.data = TRUE))
cx <- month_index(cdi$month)
vig("cdi_run", "run", cx, cdi$n, orig = qic(month, n, data = cdi, return.data = TRUE))
vig("cdi_run_freeze24", "run", cx, cdi$n, freeze = 24,
    orig = qic(month, n, data = cdi, freeze = 24, return.data = TRUE))
vig("cdi_run_part24", "run", cx, cdi$n, part = 24,
    orig = qic(month, n, data = cdi, part = 24, return.data = TRUE))
vig("cdi_c_part24", "c", cx, cdi$n, part = 24,
    orig = qic(month, n, data = cdi, chart = "c", part = 24, return.data = TRUE))
vig("cdi_u_part24", "u", cx, cdi$n, cdi$days, part = 24, multiply = 10000,
    orig = qic(month, n, days, data = cdi, chart = "u", part = 24, multiply = 10000,
               return.data = TRUE))

gx <- month_index(gtt$month)
vig("gtt_run_rate", "run", gx, gtt$harms, gtt$days, multiply = 1000,
    orig = qic(month, harms, days, data = gtt, multiply = 1000, return.data = TRUE))
vig("gtt_u", "u", gx, gtt$harms, gtt$days, multiply = 1000,
    orig = qic(month, harms, days, data = gtt, chart = "u", multiply = 1000, return.data = TRUE))
gbm <- aggregate(cbind(harms = gtt$harms, days = gtt$days, n.harmed = as.numeric(gtt$harms > 0),
                       n = 1), list(month = gtt$month), sum)
vig("gtt_by_month_run", "run", month_index(gbm$month), gbm$n.harmed, gbm$n,
    orig = qic(month, n.harmed, n = n, data = gbm, return.data = TRUE))
vig("gtt_by_month_p", "p", month_index(gbm$month), gbm$n.harmed, gbm$n,
    orig = qic(month, n.harmed, n, data = gbm, chart = "p", return.data = TRUE))
vig("gtt_caselevel_p", "p", gx, as.numeric(gtt$harms > 0), as.numeric(gtt$days > 0),
    orig = qic(month, harms > 0, days > 0, data = gtt, chart = "p", return.data = TRUE))

cabg100 <- tail(cabg, 100)
vig("cabg_tail100_i", "i", 1:100, cabg100$age,
    orig = qic(age, data = cabg100, chart = "i", return.data = TRUE))
vig("cabg_tail100_mr", "mr", 1:100, cabg100$age,
    orig = qic(age, data = cabg100, chart = "mr", return.data = TRUE))
vig("cabg_tail100_i_exclude", "i", 1:100, cabg100$age, exclude = c(45, 70),
    orig = qic(age, data = cabg100, chart = "i", exclude = c(45, 70), return.data = TRUE))
cabg$month <- as.Date(cut(cabg$date, "month"))
mx <- month_index(cabg$month)
vig("cabg_xbar", "xbar", mx, cabg$age,
    orig = qic(month, age, data = cabg, chart = "xbar", return.data = TRUE))
vig("cabg_s", "s", mx, cabg$age,
    orig = qic(month, age, data = cabg, chart = "s", return.data = TRUE))
cbm <- aggregate(cbind(deaths = as.numeric(cabg$death),
                       readmissions = as.numeric(cabg$readmission), n = 1),
                 list(month = cabg$month), sum)
cbx <- month_index(cbm$month)
vig("cabg_readmissions_p", "p", cbx, cbm$readmissions, cbm$n,
    orig = qic(month, readmissions, n, data = cbm, chart = "p", return.data = TRUE))
vig("cabg_deaths_p", "p", cbx, cbm$deaths, cbm$n,
    orig = qic(month, deaths, n, data = cbm, chart = "p", return.data = TRUE))
vig("cabg_readmissions_pp", "pp", cbx, cbm$readmissions, cbm$n,
    orig = qic(month, readmissions, n = n, data = cbm, chart = "pp", return.data = TRUE))
cabg$row <- seq_len(nrow(cabg))
fat <- cabg[cabg$death, ]
fat$dd <- c(NA, diff(fat$row))
fat$dt <- c(NA, diff(as.numeric(fat$date)))
vig("cabg_fatalities_g", "g", seq_len(nrow(fat)), fat$dd,
    orig = qic(dd, data = fat, chart = "g", return.data = TRUE))
vig("cabg_fatalities_t", "t", seq_len(nrow(fat)), fat$dt,
    orig = qic(dt, data = fat, chart = "t", return.data = TRUE))
cbmg <- aggregate(cbind(readmissions = as.numeric(cabg$readmission), n = 1),
                  list(month = cabg$month, gender = cabg$gender), sum)
full <- qic(month, readmissions, n, data = cbmg, facets = ~ gender, chart = "p",
            return.data = TRUE)
for (gd in levels(cabg$gender)) {
  sub <- cbmg[cbmg$gender == gd, ]
  sub <- sub[order(sub$month), ]
  vig(paste0("cabg_readmissions_p_", gd), "p", month_index(sub$month), sub$readmissions, sub$n,
      orig = full[full$facet1 == gd, ])
}
# The vignette's hospital_infections U charts are the testthat hai_1..3 calls
# with multiply = 10000; only the unfaceted one is kept here.
vig("hospital_infections_u", "u", month_index(hi$month), hi$n, hi$days, multiply = 10000,
    orig = qic(month, n, days, data = hi, chart = "u", multiply = 10000, return.data = TRUE))
for (ch in c("p", "pp", "i", "run")) {
  vig(paste0("nhs_accidents_", ch), ch, nhs_accidents$i, nhs_accidents$r, nhs_accidents$n,
      orig = qic(i, r, n = n, data = nhs_accidents, chart = ch, return.data = TRUE))
}
for (ch in c("u", "up")) {
  d <- add_case(G, paste0("complaints_", ch), "data:complaints", ch, complaints$month,
                complaints$complaints, complaints$sales)
}

# ---------------------------------------------------------------------------
# Montgomery's tables beyond the testthat calls (phases as parts)
# ---------------------------------------------------------------------------

G <- "montgomery"
phase_parts <- function(ph) which(diff(ph) != 0)
t607 <- as.data.frame(tbl_06.07)
add_case(G, "montgomery_tbl_06.07_i_phases", "montgomery:tbl_06.07", "i", t607$weeks, t607$cost,
         part = phase_parts(t607$phase))
# (tbl_07.03's phases split at 30, as in the testthat call ex_7.1_5.)
t708 <- as.data.frame(tbl_07.08)
add_case(G, "montgomery_tbl_07.08_c_phases", "montgomery:tbl_07.08", "c", t708$sample, t708$count,
         part = phase_parts(t708$phase))
t710 <- as.data.frame(tbl_07.10)
add_case(G, "montgomery_tbl_07.10_up", "montgomery:tbl_07.10", "up", t710$sample, t710$count, t710$size)
t714 <- as.data.frame(tbl_07.14)
add_case(G, "montgomery_tbl_07.14_t_unscreened", "montgomery:tbl_07.14", "t", t714$failure,
         t714$hours, screened = FALSE)
t901 <- as.data.frame(tbl_09.01)
add_case(G, "montgomery_tbl_09.01_i", "montgomery:tbl_09.01", "i", t901$sample, t901$x)
t603 <- as.data.frame(tbl_06.03)
add_case(G, "montgomery_tbl_06.03_i_caselevel", "montgomery:tbl_06.03", "i", t603$sample, t603$obs)
add_case(G, "montgomery_tbl_06.03_xbar_part", "montgomery:tbl_06.03", "xbar", t603$sample,
         t603$obs, part = 15)
t604 <- as.data.frame(tbl_06.04)
add_case(G, "montgomery_tbl_06.04_s_freeze", "montgomery:tbl_06.04", "s", t604$sample,
         t604$obs, freeze = 15)

# ---------------------------------------------------------------------------
# Write and report
# ---------------------------------------------------------------------------

write_groups()

cat("\nCases written:", length(NAMES), "\n")
charts <- unlist(lapply(GROUPS, function(g) vapply(g, function(c) c$input$chart, "")))
print(table(factor(charts, levels = CHARTS)))
for (g in names(GROUPS)) cat(sprintf("  %-22s %4d cases\n", g, length(GROUPS[[g]])))
cat("Dropped (qicharts2 stopped):", length(DROPPED), "\n")
for (nm in names(DROPPED)) cat("  ", nm, ":", DROPPED[[nm]], "\n")
if (length(WARNED)) {
  cat("Warnings:", length(WARNED), "\n")
  for (w in unique(WARNED)) cat("  ", w, "\n")
}
bad <- Filter(function(s) !all(s$bad %in% s$expect), SELF_CHECKS)
cat("Self-checks against the original calls:", length(SELF_CHECKS), "run,",
    length(bad), "unexpected differences\n")
