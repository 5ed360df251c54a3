package bench

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/ttsbench/ttsbench/internal/report"
	"github.com/ttsbench/ttsbench/internal/standin"
	"github.com/ttsbench/ttsbench/internal/testenv"
	"github.com/ttsbench/ttsbench/kokoro"
)

// envBeWorker makes the test binary act as `ttsbench worker`, so the
// runner's tests spawn real worker processes.
const envBeWorker = "TTSBENCH_TEST_BE_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(envBeWorker) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := RunWorker(ctx, os.Stdin, os.Stdout)
		stop()
		if err != nil {
			os.Stderr.WriteString("worker: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func workerCommand(extraEnv ...string) func(ctx context.Context) *exec.Cmd {
	return func(ctx context.Context) *exec.Cmd {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envBeWorker+"=1")
		cmd.Env = append(cmd.Env, extraEnv...)
		return cmd
	}
}

func writeTiny(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_, err := standin.Write(dir, standin.Options{
		Size: standin.SizeTiny, VoicesDir: testenv.VoicesDir(t), Voices: []string{"af_heart", "am_adam"},
		Variants: []standin.Variant{standin.VariantFP32, standin.VariantQ8F16},
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func readRows(t *testing.T, dir string) []report.Row {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, report.CSVFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := report.ReadCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestRunRecordsFailuresAsRowsAndGoesOn(t *testing.T) {
	models := writeTiny(t)
	plan := DefaultPlan(models)
	plan.Variants = []string{"model", "model_gone"}
	plan.Voices = []string{"af_heart", "af_nobody"}
	plan.Prompts = []Prompt{
		{ID: "hello", Text: "Hello world", Prewarm: true},
		{ID: "fox", Text: "The quick brown fox jumps over the lazy dog"},
		{ID: "huge", Text: strings.Repeat("word ", kokoro.MaxTextRunes/5+1)},
	}
	plan.Repetitions, plan.Warmup = 2, 1
	plan.Output = t.TempDir()
	r := &Runner{Plan: plan, ORTLibrary: testenv.ORTLibrary(t), WorkerCommand: workerCommand()}

	out, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows(t, out.Dir)
	if len(rows) != 2*2*3*2 {
		t.Fatalf("%d rows, expected 24 (2 variants × 2 voices × 3 prompts × 2 repetitions)", len(rows))
	}
	failed := 0
	for _, row := range rows {
		ok := row.Variant == "model" && row.Voice == "af_heart" && row.PromptID != "huge"
		if ok != (row.Status == report.StatusOK) {
			t.Errorf("%s/%s/%s rep %d: status %q (%s)", row.Variant, row.Voice, row.PromptID, row.Repetition, row.Status, row.Error)
		}
		if row.Status == report.StatusFailed {
			failed++
		}
		switch {
		case row.Variant == "model_gone" && !strings.Contains(row.Error, "model_gone.onnx not found"):
			t.Errorf("missing variant row error %q", row.Error)
		case row.Variant == "model" && row.Voice == "af_nobody" && row.PromptID != "huge" && !strings.Contains(row.Error, "af_nobody"):
			t.Errorf("unknown voice row error %q", row.Error)
		case row.Variant == "model" && row.PromptID == "huge" && !strings.Contains(row.Error, "too long"):
			t.Errorf("over-long prompt row error %q", row.Error)
		case ok && row.PromptID == "hello" && row.CacheStatus != report.CacheHit:
			t.Errorf("pre-warmed prompt measured as %q, expected hit", row.CacheStatus)
		case ok && row.PromptID == "fox" && row.CacheStatus != report.CacheMiss:
			t.Errorf("uncached prompt measured as %q, expected miss", row.CacheStatus)
		case ok && (row.Load <= 0 || row.TTFA <= 0 || row.Total < row.TTFA || row.Audio <= 0 || row.Tokens == 0):
			t.Errorf("ok row incomplete: %+v", row)
		}
	}
	if out.Failed != failed || out.Rows != len(rows) {
		t.Errorf("outcome %d failed of %d rows, CSV has %d of %d", out.Failed, out.Rows, failed, len(rows))
	}
	if out.Partial {
		t.Error("a complete run is marked partial")
	}
	for _, f := range []string{report.ReportFileName, report.SummaryFileName, report.ResultsFileName, "charts/rtf_by_model.png", "charts/cache_impact.svg"} {
		if _, err := os.Stat(filepath.Join(out.Dir, f)); err != nil {
			t.Errorf("run folder lacks %s: %v", f, err)
		}
	}
}

func TestRunSurvivesCrashedWorker(t *testing.T) {
	plan := DefaultPlan(writeTiny(t))
	plan.Variants = []string{"model", "model_q8f16"}
	plan.Voices = []string{"af_heart"}
	plan.Prompts = []Prompt{{ID: "fox", Text: "The quick brown fox."}}
	plan.Repetitions, plan.Warmup = 4, 0
	plan.Output = t.TempDir()
	r := &Runner{Plan: plan, ORTLibrary: testenv.ORTLibrary(t), WorkerCommand: workerCommand(EnvCrashAfter + "=2")}

	out, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows(t, out.Dir)
	if len(rows) != 8 {
		t.Fatalf("%d rows, expected 8", len(rows))
	}
	for _, row := range rows {
		if row.Repetition <= 2 {
			if row.Status != report.StatusOK {
				t.Errorf("%s rep %d before the crash: %q %s", row.Variant, row.Repetition, row.Status, row.Error)
			}
			continue
		}
		if row.Status != report.StatusFailed || !strings.Contains(row.Error, "exited early") || !strings.Contains(row.Error, "killed") {
			t.Errorf("%s rep %d after the crash: %q %q", row.Variant, row.Repetition, row.Status, row.Error)
		}
	}
	if out.Failed != 4 {
		t.Errorf("outcome counts %d failed rows, expected 4", out.Failed)
	}
}

// cancelAfter cancels a context once n rows have been written.
type cancelAfter struct {
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Start(int) {}
func (c *cancelAfter) Finish()   {}
func (c *cancelAfter) Add(report.Row) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n--
	if c.n == 0 {
		c.cancel()
	}
}

func TestRunInterruptedKeepsRowsAndMarksPartial(t *testing.T) {
	plan := DefaultPlan(writeTiny(t))
	plan.Voices = []string{"af_heart", "am_adam"}
	plan.Repetitions, plan.Warmup = 3, 0
	plan.Output = t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &Runner{Plan: plan, ORTLibrary: testenv.ORTLibrary(t), WorkerCommand: workerCommand(), Progress: &cancelAfter{n: 4, cancel: cancel}}

	out, err := r.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Partial {
		t.Error("interrupted run not marked partial")
	}
	rows := readRows(t, out.Dir)
	if len(rows) < 4 || len(rows) >= 2*2*3*3 {
		t.Errorf("%d rows on disk, expected the 4 before the interrupt and fewer than the full 36", len(rows))
	}
	for _, row := range rows {
		if row.Status != report.StatusOK {
			t.Errorf("interrupt produced a failed row: %+v", row)
		}
	}
	b, err := os.ReadFile(filepath.Join(out.Dir, report.ResultsFileName))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Partial bool `json:"partial"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if !res.Partial {
		t.Error("results.json not marked partial")
	}
	md, _ := os.ReadFile(filepath.Join(out.Dir, report.ReportFileName))
	if !strings.Contains(strings.ToLower(string(md)), "partial") {
		t.Error("report.md does not say the run is partial")
	}
}

func TestSelectVoicesDefaultTakesBothGenders(t *testing.T) {
	voices, err := selectVoices(testenv.VoicesDir(t), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	expected := []string{"af_alloy", "af_aoede", "af_bella", "am_adam", "am_echo", "am_eric"}
	if strings.Join(voices, ",") != strings.Join(expected, ",") {
		t.Errorf("default voices %v, expected %v", voices, expected)
	}
	if _, err := selectVoices(testenv.VoicesDir(t), []string{"zz_*"}, 0); err == nil {
		t.Error("a glob matching no voice: expected an error")
	}
}

func TestLoadPlanRejectsUnknownKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.yaml")
	os.WriteFile(path, []byte("repetitions: 2\nrepetitons: 3\n"), 0o644)
	p := DefaultPlan("x")
	if err := LoadPlan(path, &p); err == nil || !strings.Contains(err.Error(), "repetitons") {
		t.Errorf("err = %v, expected one naming the misspelt key", err)
	}
	os.WriteFile(path, []byte("repetitions: 2\nvoices: [af_heart]\nprompts:\n  - id: a\n    text: Hi\n    prewarm: true\n"), 0o644)
	p = DefaultPlan("x")
	if err := LoadPlan(path, &p); err != nil {
		t.Fatal(err)
	}
	if p.Repetitions != 2 || len(p.Voices) != 1 || len(p.Prompts) != 1 || !p.Prompts[0].Prewarm || p.Warmup != DefaultWarmup {
		t.Errorf("plan after file: %+v", p)
	}
}
