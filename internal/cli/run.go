package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/ttsbench/ttsbench/internal/bench"
	"github.com/ttsbench/ttsbench/internal/report"
)

func (a *app) runCommand() *cobra.Command {
	var (
		planFile  string
		modelsDir string
		readme    string
		prompts   []string
		p         = bench.DefaultPlan("")
		noBar     bool
	)
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Benchmark Kokoro model variants × voices × prompts (the main job)",
		Long: `run measures every variant of a model folder with a set of voices and
prompts. Each variant runs in its own worker process, so load time, CPU
and peak memory are that variant's alone. Warm-up runs are not recorded;
each repetition is a row of benchmark_results.csv, written as it is
measured. The run ends with summary.csv, results.json, charts and
report.md in a new timestamped folder under --output.

By default the matrix is every variant found, the first three af_* and
am_* voices, and three prompts: "Hello world" (pre-warmed, so measured as
a cache hit), a pangram and a five-sentence paragraph (both uncached).
A YAML plan (--config) sets any of it; flags override the plan.

A failed request, a missing variant file, an unknown voice or a crashed
worker becomes a row with status "failed"; the run goes on and exits 1
at the end. Ctrl-C stops the run: finished rows stay on disk and the
report is written from them, marked partial.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			plan := bench.DefaultPlan("")
			if planFile != "" {
				if err := bench.LoadPlan(planFile, &plan); err != nil {
					return err
				}
			}
			f := cmd.Flags()
			if f.Changed("models-dir") {
				plan.Models = modelsDir
			}
			if plan.Models == "" {
				dir, err := defaultModelsDir()
				if err != nil {
					return err
				}
				plan.Models = dir
			}
			if f.Changed("models") {
				plan.Variants = p.Variants
			}
			if f.Changed("voices") {
				plan.Voices = p.Voices
			}
			if f.Changed("voices-per-pattern") {
				plan.VoicesPerPattern = p.VoicesPerPattern
			}
			if f.Changed("voices-path") {
				plan.VoicesPath = p.VoicesPath
			}
			if f.Changed("prompt") {
				plan.Prompts = nil
				for i, text := range prompts {
					id, body := fmt.Sprintf("p%d", i+1), text
					if k, v, ok := strings.Cut(text, "="); ok && k != "" && !strings.ContainsAny(k, " \t") {
						id, body = k, v
					}
					plan.Prompts = append(plan.Prompts, bench.Prompt{ID: id, Text: body})
				}
			}
			if f.Changed("repetitions") {
				plan.Repetitions = p.Repetitions
			}
			if f.Changed("warmup") {
				plan.Warmup = p.Warmup
			}
			if f.Changed("speed") {
				plan.Speed = p.Speed
			}
			if f.Changed("threads") {
				plan.Threads = p.Threads
			}
			if f.Changed("cache-bytes") {
				plan.CacheBytes = p.CacheBytes
			}
			if f.Changed("output") {
				plan.Output = p.Output
			}
			if f.Changed("dictionary") {
				plan.Dictionary = p.Dictionary
			}

			if f.Changed("speed") && p.Speed == 0 {
				return usageError{fmt.Errorf("invalid --speed 0: use a value from 0.25 to 4 (1 is normal speed)")}
			}
			if readme != "" {
				// Checked now, not after a benchmark that may take minutes.
				if fi, err := os.Stat(filepath.Dir(readme)); err != nil || !fi.IsDir() {
					return usageError{fmt.Errorf("invalid --readme %q: its folder does not exist", readme)}
				}
			}
			r := &bench.Runner{Plan: plan, ORTLibrary: a.ortLib, Log: a.log, Args: os.Args}
			if !noBar && isTerminal(a.stderr) {
				r.Progress = newBar(a.stderr)
			} else {
				r.Progress = &cellLogger{log: a.log, reps: plan.Repetitions}
			}
			out, err := r.Run(cmd.Context())
			if out != nil {
				fmt.Fprintln(a.stdout, filepath.Join(out.Dir, report.ReportFileName))
			}
			if err != nil {
				return err
			}
			if cmd.Context().Err() != nil {
				return cmd.Context().Err()
			}
			if readme != "" {
				if err := report.UpdateReadme(readme, out.Dir); err != nil {
					return err
				}
				a.log.Info("readme section updated", "file", readme)
			}
			if out.Failed > 0 {
				a.log.Error("benchmark finished with failed rows", "failed", out.Failed, "rows", out.Rows, "csv", filepath.Join(out.Dir, report.CSVFileName))
				return errFailedRows
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&planFile, "config", "", "YAML plan file; flags override its settings")
	f.StringVar(&modelsDir, "models-dir", "", "model folder with onnx/model*.onnx and voices/ (default: the real Kokoro download in the cache, else the stand-in)")
	f.StringSliceVar(&p.Variants, "models", nil, "variant names or globs, comma-separated, e.g. 'model,model_q*' (default: all found)")
	f.StringSliceVar(&p.Voices, "voices", nil, "voice names or globs, comma-separated (default: the first 3 of af_* and of am_*)")
	f.IntVar(&p.VoicesPerPattern, "voices-per-pattern", 0, "take at most this many voices from each glob; 0 takes all matches")
	f.StringVar(&p.VoicesPath, "voices-path", "", "folder of .bin voice packs or a voices-v1.0.bin archive (default: the model folder's)")
	f.StringArrayVar(&prompts, "prompt", nil, "prompt text, or ID=TEXT; repeat for several; replaces the default prompts (none pre-warmed); a text containing = needs an ID, e.g. p1=E=mc2")
	f.IntVar(&p.Repetitions, "repetitions", bench.DefaultRepetitions, "measured runs per variant × voice × prompt, each kept as a row")
	f.IntVar(&p.Warmup, "warmup", bench.DefaultWarmup, "unrecorded runs per cell before measuring")
	f.Float32Var(&p.Speed, "speed", 1, "speaking rate, 0.25 to 4; 1 is normal")
	f.IntVar(&p.Threads, "threads", 0, "ONNX Runtime intra-op threads; 0 uses every core")
	f.Int64Var(&p.CacheBytes, "cache-bytes", 0, "audio cache budget in bytes; 0 uses the engine default (64 MiB)")
	f.StringVar(&p.Output, "output", "results", "folder in which each run creates its timestamped folder")
	f.StringVar(&p.Dictionary, "dictionary", "", dictionaryFlagUsage)
	f.StringVar(&readme, "readme", "", "after the run, update the ttsbench section of this Markdown file")
	f.BoolVar(&noBar, "no-progress", false, "log one line per cell instead of drawing a progress bar")
	return cmd
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// bar draws a progress bar of measured rows on a terminal.
type bar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newBar(w io.Writer) *bar { return &bar{w: w} }

func (b *bar) Start(total int) {
	b.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetDescription("measuring"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
}

func (b *bar) Add(row report.Row) {
	b.bar.Describe(fmt.Sprintf("%s %s %s", row.Variant, row.Voice, row.PromptID))
	_ = b.bar.Add(1)
}

func (b *bar) Finish() { _ = b.bar.Finish() }

// cellLogger logs one line per finished cell when stderr is not a terminal.
type cellLogger struct {
	log    *slog.Logger
	reps   int
	n      int
	failed int
	total  int
	done   int
}

func (c *cellLogger) Start(total int) { c.total = total }

func (c *cellLogger) Add(row report.Row) {
	c.n++
	c.done++
	if row.Status == report.StatusFailed {
		c.failed++
	}
	if c.n < c.reps {
		return
	}
	attrs := []any{"variant", row.Variant, "voice", row.Voice, "prompt", row.PromptID, "rows", c.done, "of", c.total}
	if row.Status == report.StatusOK {
		attrs = append(attrs, "cache", row.CacheStatus, "last_ttfa_ms", row.TTFA.Milliseconds(), "last_total_ms", row.Total.Milliseconds())
	}
	if c.failed > 0 {
		attrs = append(attrs, "failed", c.failed, "error", row.Error)
	}
	c.log.Info("cell measured", attrs...)
	c.n, c.failed = 0, 0
}

func (c *cellLogger) Finish() {}
