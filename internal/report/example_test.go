package report_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/ttsbench/ttsbench/internal/report"
)

// A runner streams rows while it measures, closes the writer and renders
// the derived files.
func Example() {
	dir, err := os.MkdirTemp("", "ttsbench-run-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	w, err := report.NewWriter(dir)
	if err != nil {
		log.Fatal(err)
	}
	for rep := 1; rep <= 3; rep++ {
		err := w.Write(report.Row{
			Variant: "fp32", Voice: "af_heart", PromptID: "hello", Prompt: "Hello, world.",
			Repetition: rep, Status: report.StatusOK, CacheStatus: report.CacheBypass,
			TTFA: 120 * time.Millisecond, Total: 480 * time.Millisecond, Audio: 2400 * time.Millisecond,
			CPUTime: 900 * time.Millisecond, CPUMeasured: true, RSSPeakBytes: 420 << 20,
			Tokens: 38, Chunks: 3, Load: 1500 * time.Millisecond,
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	env := report.Env{CPUModel: "Example CPU", LogicalCores: 2, StandIn: true}
	if err := report.Render(dir, report.WithEnv(env), report.WithPartial(false)); err != nil {
		log.Fatal(err)
	}

	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	// Output:
	// benchmark_results.csv
	// charts
	// report.md
	// results.json
	// summary.csv
}
