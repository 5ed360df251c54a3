package report

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/ttsbench/ttsbench/internal/atomicfile"
)

// An Option changes what Render writes.
type Option func(*renderOptions)

type renderOptions struct {
	env     *Env
	partial *bool
}

// WithEnv sets the environment recorded in results.json and report.md.
// Without it, Render keeps the environment of an existing results.json, and
// records the environment as unknown when there is none.
func WithEnv(env Env) Option {
	return func(o *renderOptions) { o.env = &env }
}

// WithPartial records whether the run was interrupted before it finished,
// for example by Ctrl-C. Without it, Render keeps the flag of an existing
// results.json. Either way, a torn last CSV line also marks the run partial.
func WithPartial(partial bool) Option {
	return func(o *renderOptions) { o.partial = &partial }
}

// runData holds the rows, the environment and the partial flag of a run.
type runData struct {
	rows    []Row
	torn    *tornRecord
	env     *Env // nil when unknown
	partial bool
}

// loadRun reads the CSV and the header of results.json in dir and applies
// the options.
func loadRun(dir string, o renderOptions) (runData, error) {
	csvPath := filepath.Join(dir, CSVFileName)
	data, err := os.ReadFile(csvPath)
	if err != nil {
		return runData{}, fmt.Errorf("report: read %q (is %q a ttsbench run directory?): %w", csvPath, dir, err)
	}
	rows, torn, err := readCSV(bytes.NewReader(data))
	if err != nil {
		return runData{}, err
	}
	if torn != nil {
		slog.Warn("report: dropped incomplete last record of results CSV",
			"file", csvPath, "line", torn.line, "bytes", torn.bytes)
	}

	// The stored header fills in what the options leave open.
	var (
		env     *Env
		partial bool
	)
	if o.env == nil || o.partial == nil {
		env, partial, err = readResultsHeader(filepath.Join(dir, ResultsFileName))
		if err != nil {
			return runData{}, err
		}
	}
	if o.env != nil {
		env = o.env
	}
	if o.partial != nil {
		partial = *o.partial
	}
	return runData{rows: rows, torn: torn, env: env, partial: partial || torn != nil}, nil
}

// Render writes summary.csv, results.json, the charts and report.md in dir,
// all derived from dir/benchmark_results.csv alone, so that every number
// can be recomputed from that file. It backs both the end of `ttsbench run`
// and `ttsbench report DIR`; running it again on the same files gives the
// same output.
//
// Every file is replaced atomically. When the CSV ends in a torn record,
// Render leaves the record out, marks the run partial and notes both in
// report.md. Render fails when the CSV is missing or malformed, or when an
// existing results.json is needed, because WithEnv or WithPartial is
// missing, and cannot be parsed. Render must not run while a Writer or
// another Render works on the same directory.
func Render(dir string, opts ...Option) error {
	var o renderOptions
	for _, opt := range opts {
		opt(&o)
	}
	run, err := loadRun(dir, o)
	if err != nil {
		return err
	}
	summaries := Summarize(run.rows)

	summaryCSV, err := encodeSummaryCSV(summaries)
	if err != nil {
		return fmt.Errorf("report: encode %s: %w", SummaryFileName, err)
	}
	if err := atomicfile.WriteBytes(filepath.Join(dir, SummaryFileName), summaryCSV); err != nil {
		return err
	}

	resultsJSON, err := encodeResults(results{Partial: run.partial, Environment: run.env, Rows: run.rows, Summary: summaries})
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(filepath.Join(dir, ResultsFileName), resultsJSON); err != nil {
		return err
	}

	a := analyze(run.rows)
	chartResults, err := drawCharts(dir, a, run.env != nil && run.env.StandIn)
	if err != nil {
		return err
	}

	doc := document{analysis: a, env: run.env, partial: run.partial, torn: run.torn, charts: chartResults}
	return atomicfile.WriteBytes(filepath.Join(dir, ReportFileName), renderReport(doc))
}
