// Package report stores and renders the results of a ttsbench run.
//
// The runner streams one Row per measured request into benchmark_results.csv
// through a Writer, then calls Render, which derives every other file of the
// run directory from that CSV alone:
//
//	summary.csv    statistics per variant, voice, prompt and cache status
//	results.json   the environment, the rows and the summary
//	charts/        PNG and SVG charts
//	report.md      a Markdown report with a performance table and key insights
//
// Because every figure is recomputed from the CSV, `ttsbench report DIR`
// reproduces the same files from a copy of the CSV, and a reader can check
// any number with a spreadsheet. UpdateReadme copies the performance table,
// the key insights and the chart links into a marked section of a README.
//
// The package does not measure anything: the runner fills Row and Env. It
// does not print either; it returns errors and logs degraded cases, such as
// a torn last CSV line, with log/slog.
//
// The columns, their units and the way each is computed are described in
// docs/metrics.md at the root of the repository.
package report
