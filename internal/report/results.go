package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
)

// ResultsFileName is the name of the JSON results file in a run directory.
const ResultsFileName = "results.json"

// unknownEnvironment is the value of "environment" in results.json when the
// environment is unknown.
const unknownEnvironment = "unknown"

// Env describes the machine, software and model of a run. The runner fills
// it; the package only stores and renders it. An empty string or zero
// number means the runner could not determine the value.
type Env struct {
	// CPUModel is the CPU model name, for example "AMD EPYC 7B13".
	CPUModel string `json:"cpu_model"`
	// LogicalCores is the number of logical CPUs the process may use.
	LogicalCores int `json:"logical_cores"`
	// OS is the operating system and architecture, for example "linux/amd64".
	OS string `json:"os"`
	// Kernel is the kernel release, for example "6.1.0-18-amd64".
	Kernel string `json:"kernel"`
	// GoVersion is the Go version that built ttsbench, for example "go1.26.8".
	GoVersion string `json:"go_version"`
	// ORTVersion is the ONNX Runtime version, for example "1.30.0".
	ORTVersion string `json:"ort_version"`
	// IntraOpThreads is the ONNX Runtime intra-op thread count; 0 means the
	// ONNX Runtime default.
	IntraOpThreads int `json:"intra_op_threads"`
	// Revision is the version control revision of ttsbench, with a "+dirty"
	// suffix when the tree had local changes.
	Revision string `json:"revision"`
	// ModelDir is the folder the model files were loaded from.
	ModelDir string `json:"model_dir"`
	// ModelFiles lists the model files with their sizes and digests.
	ModelFiles []ModelFile `json:"model_files"`
	// StandIn reports whether the model is the generated stand-in rather
	// than real weights. A stand-in produces audio that is not speech.
	StandIn bool `json:"stand_in"`
	// StartedAt and FinishedAt bound the run. A zero time is left out of
	// results.json.
	StartedAt  time.Time `json:"started_at,omitzero"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	// CommandLine is the command line of the run, program name first.
	CommandLine []string `json:"command_line"`
	// Settings are the run's plan as name = value pairs in a fixed order
	// (voices, prompts, repetitions, warm-up, speed, cache), so the run
	// can be repeated from its results alone.
	Settings []Setting `json:"settings,omitempty"`
}

// ModelFile identifies one file of the model folder.
type ModelFile struct {
	// Name is the file name relative to Env.ModelDir.
	Name string `json:"name"`
	// SizeBytes is the file size in bytes.
	SizeBytes int64 `json:"size_bytes"`
	// SHA256 is the hex-encoded SHA-256 digest of the file.
	SHA256 string `json:"sha256"`
}

// results is the content of results.json.
type results struct {
	Partial     bool
	Environment *Env // nil when unknown
	Rows        []Row
	Summary     []Summary
}

// jsonRow is a Row as written to results.json: the CSV's own columns, with
// numbers formatted exactly as in the CSV and null for a blank cell.
type jsonRow map[string]any

// jsonStats is a Stats as written to results.json, with null for a
// statistic that does not exist.
type jsonStats struct {
	N      int      `json:"n"`
	Median *float64 `json:"median"`
	P95    *float64 `json:"p95"`
	Min    *float64 `json:"min"`
	Max    *float64 `json:"max"`
	StdDev *float64 `json:"stddev"`
}

type jsonSummary struct {
	Variant     string    `json:"variant"`
	Voice       string    `json:"voice"`
	PromptID    string    `json:"prompt_id"`
	CacheStatus string    `json:"cache_status"`
	N           int       `json:"n"`
	Failed      int       `json:"failed"`
	TTFAMillis  jsonStats `json:"ttfa_ms"`
	TotalMillis jsonStats `json:"total_ms"`
	RTF         jsonStats `json:"rtf"`
	CPUPercent  jsonStats `json:"cpu_percent"`
	RSSPeakMiB  jsonStats `json:"rss_peak_mb"`
}

// numericColumns are the row columns written to JSON as numbers.
var numericColumns = map[string]bool{
	"repetition": true, "ttfa_ms": true, "total_ms": true, "audio_s": true, "rtf": true,
	"cpu_time_ms": true, "cpu_percent": true, "rss_peak_mb": true, "tokens": true,
	"chunks": true, "load_ms": true,
}

// olderLayoutColumns are the copies kept in the CSV for older scripts; JSON
// has no older layout, so they are left out.
var olderLayoutColumns = map[string]bool{
	"model": true, "ttfw_ms": true, "total_time_ms": true, "cpu_usage": true, "ram_usage_mb": true,
}

func newJSONRow(r Row) jsonRow {
	out := jsonRow{}
	for i, value := range r.record() {
		column := columns[i]
		switch {
		case olderLayoutColumns[column]:
		case numericColumns[column] && value == "":
			out[column] = nil
		case numericColumns[column]:
			out[column] = json.Number(value)
		case column == "started_at" && value == "":
			out[column] = nil
		default:
			out[column] = value
		}
	}
	return out
}

func newJSONStats(s Stats) jsonStats {
	out := jsonStats{N: s.N}
	if s.N > 0 {
		out.Median, out.P95, out.Min, out.Max = &s.Median, &s.P95, &s.Min, &s.Max
	}
	if s.N > 1 {
		out.StdDev = &s.StdDev
	}
	return out
}

// encodeResults returns the indented JSON of res.
func encodeResults(res results) ([]byte, error) {
	var environment any = unknownEnvironment
	if res.Environment != nil {
		environment = res.Environment
	}
	rows := make([]jsonRow, 0, len(res.Rows))
	for _, r := range res.Rows {
		rows = append(rows, newJSONRow(r))
	}
	summary := make([]jsonSummary, 0, len(res.Summary))
	for _, s := range res.Summary {
		summary = append(summary, jsonSummary{
			Variant: s.Variant, Voice: s.Voice, PromptID: s.PromptID, CacheStatus: string(s.CacheStatus),
			N: s.N, Failed: s.Failed,
			TTFAMillis: newJSONStats(s.TTFAMillis), TotalMillis: newJSONStats(s.TotalMillis),
			RTF: newJSONStats(s.RTF), CPUPercent: newJSONStats(s.CPUPercent), RSSPeakMiB: newJSONStats(s.RSSPeakMiB),
		})
	}

	// Struct fields keep the documented key order: partial, environment,
	// rows, summary.
	doc := struct {
		Partial     bool          `json:"partial"`
		Environment any           `json:"environment"`
		Rows        []jsonRow     `json:"rows"`
		Summary     []jsonSummary `json:"summary"`
	}{res.Partial, environment, rows, summary}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("report: encode %s: %w", ResultsFileName, err)
	}
	return buf.Bytes(), nil
}

// readResultsHeader reads the environment and the partial flag of an
// existing results.json. The environment is nil when the file does not
// exist or records the environment as unknown.
func readResultsHeader(path string) (env *Env, partial bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("report: read %q: %w", path, err)
	}

	var doc struct {
		Partial     bool            `json:"partial"`
		Environment json.RawMessage `json:"environment"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, false, fmt.Errorf("report: parse %q (fix or remove it to render with an unknown environment): %w", path, err)
	}

	var marker string
	if len(doc.Environment) == 0 || string(doc.Environment) == "null" ||
		(json.Unmarshal(doc.Environment, &marker) == nil && marker == unknownEnvironment) {
		return nil, doc.Partial, nil
	}
	env = new(Env)
	if err := json.Unmarshal(doc.Environment, env); err != nil {
		return nil, false, fmt.Errorf("report: parse environment in %q (fix or remove it to render with an unknown environment): %w", path, err)
	}
	return env, doc.Partial, nil
}

// A Setting is one named setting of a run.
type Setting struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}
