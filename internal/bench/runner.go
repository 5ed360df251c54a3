package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ttsbench/ttsbench/internal/report"
	"github.com/ttsbench/ttsbench/kokoro"
	"github.com/ttsbench/ttsbench/voicepack"
)

// Runner executes a Plan: one worker process per variant, rows streamed to
// benchmark_results.csv as they arrive, and the report rendered at the end.
type Runner struct {
	Plan Plan
	// ORTLibrary is passed to the workers; "" lets them search.
	ORTLibrary string
	// WorkerCommand builds the command of one worker process. Nil re-executes
	// the running binary as `ttsbench worker`.
	WorkerCommand func(ctx context.Context) *exec.Cmd
	// Progress receives progress updates; nil logs one line per cell.
	Progress Progress
	// Log receives diagnostics; nil means slog.Default().
	Log *slog.Logger
	// Args is the command line recorded in results.json.
	Args []string
}

// Progress receives each measured row.
type Progress interface {
	Start(total int)
	Add(row report.Row)
	Finish()
}

// Outcome summarizes a finished run.
type Outcome struct {
	Dir     string // the run's output folder
	Rows    int    // rows written
	Failed  int    // rows with status failed
	Partial bool   // the run was interrupted before every cell was measured
}

// cell is one variant × voice × prompt combination of the matrix.
type cell struct {
	voice  string
	prompt Prompt
}

// Run measures the plan and writes the output folder. It returns an error
// only when nothing useful could be written; failed requests and crashed
// workers become failed rows and are counted in Outcome.Failed.
func (r *Runner) Run(ctx context.Context) (*Outcome, error) {
	log := r.Log
	if log == nil {
		log = slog.Default()
	}
	plan := r.Plan
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	md, err := kokoro.OpenModelDir(plan.Models)
	if err != nil {
		return nil, err
	}
	variants, err := selectVariants(md, plan.Variants)
	if err != nil {
		return nil, err
	}
	voicesPath := plan.VoicesPath
	if voicesPath == "" {
		voicesPath = md.Voices
	}
	if voicesPath == "" {
		return nil, fmt.Errorf("bench: %q has no voices/ folder or voices-v1.0.bin; pass --voices-path", md.Dir)
	}
	voices, err := selectVoices(voicesPath, plan.Voices, plan.VoicesPerPattern)
	if err != nil {
		return nil, err
	}

	dir, err := makeRunDir(plan.Output, time.Now())
	if err != nil {
		return nil, err
	}
	log.Info("benchmark started", "dir", dir, "variants", len(variants), "voices", strings.Join(voices, ","), "prompts", len(plan.Prompts),
		"repetitions", plan.Repetitions, "warmup", plan.Warmup, "stand_in", md.StandIn)

	env := collectEnv(md, variants, plan, r.Args)
	w, err := report.NewWriter(dir)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Dir: dir}
	var cells []cell
	for _, v := range voices {
		for _, p := range plan.Prompts {
			cells = append(cells, cell{voice: v, prompt: p})
		}
	}
	planned := len(variants) * len(cells) * plan.Repetitions
	env.Settings = append(env.Settings, report.Setting{Name: "planned_rows", Value: fmt.Sprint(planned)})
	// results.json is written at the start, marked partial, so a run killed
	// before it ends still records its environment and model.
	if err := report.Render(dir, report.WithEnv(env), report.WithPartial(true)); err != nil {
		return nil, err
	}
	if r.Progress != nil {
		r.Progress.Start(planned)
	}
	write := func(row report.Row) error {
		if err := w.Write(row); err != nil {
			return err
		}
		out.Rows++
		if row.Status == report.StatusFailed {
			out.Failed++
		}
		if r.Progress != nil {
			r.Progress.Add(row)
		}
		return nil
	}

	var runErr error
	for _, v := range variants {
		if ctx.Err() != nil {
			break
		}
		vr := r.runVariant(ctx, log, v, voicesPath, voices, cells, write)
		if vr.ortVersion != "" {
			env.ORTVersion = vr.ortVersion
			env.IntraOpThreads = vr.threads
		}
		if vr.err != nil {
			runErr = vr.err
			break
		}
	}
	if r.Progress != nil {
		r.Progress.Finish()
	}
	if err := w.Close(); err != nil && runErr == nil {
		runErr = err
	}
	out.Partial = ctx.Err() != nil || runErr != nil
	env.FinishedAt = time.Now()
	if err := report.Render(dir, report.WithEnv(env), report.WithPartial(out.Partial)); err != nil {
		return out, errors.Join(runErr, err)
	}
	return out, runErr
}

// variantResult is the outcome of one worker run.
type variantResult struct {
	ortVersion string
	threads    int
	err        error // a failure to write rows; worker failures become rows
}

// runVariant runs one worker and writes its rows. Cells the worker did not
// finish, because it failed to load the model or crashed, get one failed
// row per repetition carrying the reason.
func (r *Runner) runVariant(ctx context.Context, log *slog.Logger, v variantSpec, voicesPath string, voices []string, cells []cell, write func(report.Row) error) variantResult {
	var res variantResult
	plan := r.Plan
	if plan.Speed == 0 {
		plan.Speed = 1
	}
	type key struct {
		voice, prompt string
		rep           int
	}
	done := map[key]bool{}
	var load time.Duration
	var failReason string

	texts := map[string]string{}
	for _, p := range plan.Prompts {
		texts[p.ID] = p.Text
	}

	if v.missing != "" {
		failReason = v.missing
	} else {
		job := Job{
			Variant: v.name, ModelPath: v.path, VoicesPath: voicesPath, Voices: voices, Prompts: plan.Prompts,
			Repetitions: plan.Repetitions, Warmup: plan.Warmup, Speed: plan.Speed, Threads: plan.Threads,
			CacheBytes: plan.CacheBytes, ORTLibrary: r.ORTLibrary, Dictionary: plan.Dictionary,
		}
		cmd := r.workerCommand(ctx)
		jobJSON, _ := json.Marshal(job)
		cmd.Stdin = bytes.NewReader(jobJSON)
		tail := &tailBuffer{max: 20}
		cmd.Stderr = io.MultiWriter(tail, stderrOf(cmd))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			res.err = fmt.Errorf("bench: worker pipe: %w", err)
			return res
		}
		cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
		cmd.WaitDelay = 10 * time.Second
		started := time.Now()
		if err := cmd.Start(); err != nil {
			failReason = fmt.Sprintf("start worker: %v", err)
		} else {
			log.Info("worker started", "variant", v.name, "pid", cmd.Process.Pid)
			complete := false
			sc := bufio.NewScanner(stdout)
			sc.Buffer(make([]byte, 64<<10), 16<<20)
			for sc.Scan() {
				var ev Event
				if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
					log.Warn("worker wrote a line that is not an event", "variant", v.name, "line", truncateString(sc.Text(), 200))
					continue
				}
				switch ev.Kind {
				case "loaded":
					if ev.Error != "" {
						failReason = "load: " + ev.Error
						continue
					}
					load = ev.Load
					res.ortVersion, res.threads = ev.ORTVersion, ev.Threads
					log.Info("variant loaded", "variant", v.name, "load_ms", load.Milliseconds())
				case "row":
					if ev.M == nil {
						continue
					}
					row := toRow(v.name, ev, texts[ev.PromptID], load)
					done[key{ev.Voice, ev.PromptID, ev.Repetition}] = true
					if err := write(row); err != nil {
						res.err = err
						_ = cmd.Process.Kill()
					}
				case "done":
					complete = true
				}
			}
			waitErr := cmd.Wait()
			switch {
			case ctx.Err() != nil:
				return res
			case failReason != "":
			case !complete || waitErr != nil:
				failReason = fmt.Sprintf("worker for %s exited early (%v) after %s", v.name, describeExit(waitErr), time.Since(started).Round(time.Millisecond))
				if last := tail.last(); last != "" {
					failReason += "; last stderr line: " + last
				}
			}
		}
	}
	if res.err != nil || ctx.Err() != nil {
		return res
	}
	if failReason != "" {
		log.Error("variant failed", "variant", v.name, "error", failReason)
	}
	for _, c := range cells {
		for rep := 1; rep <= plan.Repetitions; rep++ {
			if done[key{c.voice, c.prompt.ID, rep}] {
				continue
			}
			reason := failReason
			if reason == "" {
				reason = "worker finished without measuring this cell"
			}
			row := report.Row{
				Variant: v.name, Voice: c.voice, PromptID: c.prompt.ID, Prompt: c.prompt.Text, Repetition: rep,
				Status: report.StatusFailed, Load: load, Error: reason, StartedAt: time.Now(),
			}
			if err := write(row); err != nil {
				res.err = err
				return res
			}
		}
	}
	return res
}

func (r *Runner) workerCommand(ctx context.Context) *exec.Cmd {
	if r.WorkerCommand != nil {
		return r.WorkerCommand(ctx)
	}
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return exec.CommandContext(ctx, exe, "worker")
}

// stderrOf returns where a worker's diagnostics go: the command's own
// Stderr when the caller set one, else this process's stderr.
func stderrOf(cmd *exec.Cmd) io.Writer {
	if cmd.Stderr != nil {
		return cmd.Stderr
	}
	return os.Stderr
}

// toRow converts a worker's measurement into a row. Durations are rounded
// to the microsecond, the precision the CSV keeps, so that rtf and
// cpu_percent recomputed from the CSV equal the values written in it.
func toRow(variant string, ev Event, text string, load time.Duration) report.Row {
	m := ev.M
	us := func(d time.Duration) time.Duration { return d.Round(time.Microsecond) }
	row := report.Row{
		Variant: variant, Voice: ev.Voice, PromptID: ev.PromptID, Prompt: text, Repetition: ev.Repetition,
		Status: report.StatusOK, CacheStatus: report.CacheStatus(m.Cache),
		TTFA: us(m.FirstAudio), Total: us(m.Total), Audio: us(m.Audio), CPUTime: us(m.CPU), CPUMeasured: true,
		RSSPeakBytes: m.RSSPeak, Tokens: m.Tokens, Chunks: m.Chunks, Load: us(load), StartedAt: ev.StartedAt,
	}
	if m.Err != "" {
		row.Status = report.StatusFailed
		row.Error = m.Err
		row.TTFA, row.Audio = 0, 0
	}
	return row
}

func describeExit(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ProcessState.String()
	}
	if err == nil {
		return "exit status 0 before finishing its job"
	}
	return err.Error()
}

func truncateString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// tailBuffer keeps the last lines written to it.
type tailBuffer struct {
	mu      sync.Mutex
	max     int
	partial []byte
	lines   []string
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.partial = append(t.partial, p...)
	for {
		i := bytes.IndexByte(t.partial, '\n')
		if i < 0 {
			break
		}
		if line := strings.TrimSpace(string(t.partial[:i])); line != "" {
			t.lines = append(t.lines, line)
		}
		t.partial = t.partial[i+1:]
		if len(t.lines) > t.max {
			t.lines = t.lines[len(t.lines)-t.max:]
		}
	}
	return len(p), nil
}

func (t *tailBuffer) last() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s := strings.TrimSpace(string(t.partial)); s != "" {
		return s
	}
	if len(t.lines) == 0 {
		return ""
	}
	return t.lines[len(t.lines)-1]
}

// variantSpec is a variant to run. When its file is absent, missing holds
// the reason, and the run records failed rows for it and goes on.
type variantSpec struct {
	name, path string
	sizeBytes  int64
	missing    string
}

// selectVariants resolves the plan's variant patterns. A glob that matches
// nothing is an error. A plain name that the folder lacks becomes a variant
// whose rows fail, so one missing file does not stop the run.
func selectVariants(md *kokoro.ModelDir, patterns []string) ([]variantSpec, error) {
	var out []variantSpec
	seen := map[string]bool{}
	add := func(v kokoro.VariantFile) {
		if !seen[v.Name] {
			seen[v.Name] = true
			out = append(out, variantSpec{name: v.Name, path: v.Path, sizeBytes: v.SizeBytes})
		}
	}
	if len(patterns) == 0 {
		for _, v := range md.Variants {
			add(v)
		}
		return out, nil
	}
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if strings.HasSuffix(p, ".onnx") && strings.ContainsRune(p, filepath.Separator) {
			// An explicit file outside the folder's layout.
			name := strings.TrimSuffix(filepath.Base(p), ".onnx")
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() && !seen[name] {
				abs, _ := filepath.Abs(p)
				seen[name] = true
				out = append(out, variantSpec{name: name, path: abs, sizeBytes: fi.Size()})
			} else if err != nil && !seen[name] {
				seen[name] = true
				out = append(out, variantSpec{name: name, missing: fmt.Sprintf("model file %s not found: %v", p, err)})
			}
			continue
		}
		p = strings.TrimSuffix(p, ".onnx")
		if p == "" {
			continue
		}
		if !strings.ContainsAny(p, "*?[") {
			if v, err := md.Variant(p); err == nil {
				add(v)
			} else if !seen[p] {
				seen[p] = true
				out = append(out, variantSpec{name: p, missing: fmt.Sprintf("model file %s.onnx not found in %s (found: %s)", p, md.Dir, strings.Join(md.Names(), ", "))})
			}
			continue
		}
		vs, err := md.Match([]string{p})
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		for _, v := range vs {
			add(v)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("bench: no model variants selected; check --models")
	}
	return out, nil
}

// selectVoices resolves voice names and globs against the voice packs. With
// no patterns it takes the first DefaultVoicesPerPrefix voices of each
// default pattern. A plain name that the packs lack is kept, so its rows
// fail with the engine's message; a glob that matches nothing is an error.
func selectVoices(path string, patterns []string, perPattern int) ([]string, error) {
	set, err := voicepack.Open(path)
	if err != nil {
		return nil, err
	}
	defer set.Close()
	names := set.Names()
	if len(patterns) == 0 {
		patterns = DefaultVoicePatterns
		if perPattern == 0 {
			perPattern = DefaultVoicesPerPrefix
		}
	}
	var out []string
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.ContainsAny(p, "*?[") {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
			continue
		}
		n := 0
		for _, name := range names {
			ok, err := filepath.Match(p, name)
			if err != nil {
				return nil, fmt.Errorf("bench: invalid voice pattern %q: %w", p, err)
			}
			if !ok {
				continue
			}
			if perPattern > 0 && n >= perPattern {
				break
			}
			n++
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("bench: voice pattern %q matches none of the %d voices in %s; run `ttsbench voices` to list them", p, len(names), path)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("bench: no voices selected; check --voices")
	}
	return out, nil
}

// makeRunDir creates base/run-YYYYMMDD-HHMMSS, adding a suffix when two runs
// start in the same second.
func makeRunDir(base string, now time.Time) (string, error) {
	if base == "" {
		base = "results"
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", fmt.Errorf("bench: create output folder: %w", err)
	}
	stamp := "run-" + now.Format("20060102-150405")
	for i := 1; ; i++ {
		name := stamp
		if i > 1 {
			name = fmt.Sprintf("%s-%d", stamp, i)
		}
		dir := filepath.Join(base, name)
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return filepath.Abs(dir)
		}
		if !os.IsExist(err) {
			return "", fmt.Errorf("bench: create run folder: %w", err)
		}
	}
}
