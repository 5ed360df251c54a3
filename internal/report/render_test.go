package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtureEnv is the environment of the golden stand-in run.
func fixtureEnv() Env {
	return Env{
		CPUModel:       "Example CPU @ 2.00GHz",
		LogicalCores:   2,
		OS:             "linux/amd64",
		Kernel:         "6.1.0-test",
		GoVersion:      "go1.26.8",
		ORTVersion:     "1.30.0",
		IntraOpThreads: 2,
		Revision:       "0123456789abcdef+dirty",
		ModelDir:       "/models/kokoro stand-in",
		ModelFiles: []ModelFile{
			{Name: "model.onnx", SizeBytes: 1234567, SHA256: strings.Repeat("ab", 32)},
			{Name: "voices/af_heart.bin", SizeBytes: 522240, SHA256: strings.Repeat("01", 32)},
		},
		StandIn:     true,
		StartedAt:   time.Date(2025, 3, 14, 9, 26, 50, 0, time.UTC),
		FinishedAt:  time.Date(2025, 3, 14, 9, 27, 40, 0, time.UTC),
		CommandLine: []string{"ttsbench", "run", "--variants", "fp32,q8", "--out", "runs/my run"},
	}
}

// newRunDir copies the fixture CSV into a new run directory.
func newRunDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "fixture.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, CSVFileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeRunDir writes rows through a Writer into a new run directory.
func writeRunDir(t *testing.T, rows []Row) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkGolden compares got with testdata/<test name>/<name>, or rewrites
// the file with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update to accept):\n%s", name, path, firstDifference(string(got), string(want)))
	}
}

func readOutput(t *testing.T, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRenderGolden(t *testing.T) {
	t.Parallel()
	t.Run("stand_in_partial", func(t *testing.T) {
		t.Parallel()
		dir := newRunDir(t)
		if err := Render(dir, WithEnv(fixtureEnv()), WithPartial(true)); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, ReportFileName, readOutput(t, dir, ReportFileName))
		checkGolden(t, SummaryFileName, readOutput(t, dir, SummaryFileName))
		checkGolden(t, ResultsFileName, readOutput(t, dir, ResultsFileName))
	})
	t.Run("unknown_environment", func(t *testing.T) {
		t.Parallel()
		dir := newRunDir(t)
		if err := Render(dir); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, ReportFileName, readOutput(t, dir, ReportFileName))
		checkGolden(t, SummaryFileName, readOutput(t, dir, SummaryFileName))
	})
}

// fewRows returns n successful cache-bypass rows of one variant and voice.
func fewRows(variant string, n int) []Row {
	var rows []Row
	for i := 1; i <= n; i++ {
		r := sampleRow()
		r.Variant, r.Repetition, r.CacheStatus = variant, i, CacheBypass
		r.Total += time.Duration(i) * 3 * time.Millisecond
		rows = append(rows, r)
	}
	return rows
}

// checkChart checks that the chart exists as a decodable PNG and as an SVG
// that contains each of texts.
func checkChart(t *testing.T, dir, name string, texts ...string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, ChartsDir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s.png: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 200 {
		t.Errorf("%s.png is %dx%d pixels, want at least 400x200", name, b.Dx(), b.Dy())
	}
	svg := string(readOutput(t, filepath.Join(dir, ChartsDir), name+".svg"))
	for _, text := range texts {
		if !strings.Contains(svg, text) {
			t.Errorf("%s.svg does not contain %q", name, text)
		}
	}
}

func checkNoChart(t *testing.T, dir, name string) {
	t.Helper()
	for _, ext := range []string{".png", ".svg"} {
		if _, err := os.Stat(filepath.Join(dir, ChartsDir, name+ext)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s%s exists (stat error %v), want no file", name, ext, err)
		}
	}
}

func TestRenderChartsFixture(t *testing.T) {
	t.Parallel()
	dir := newRunDir(t)
	if err := Render(dir, WithEnv(fixtureEnv())); err != nil {
		t.Fatal(err)
	}
	checkChart(t, dir, chartRTF, "Real-time factor per variant (stand-in model, not speech)", "RTF (total time / audio duration)", "fp32", "q8")
	checkChart(t, dir, chartCache, "stand-in model", "median time to first audio (ms)", "cache hit", "cache miss")
	checkChart(t, dir, chartVoices, "stand-in model", "time to first audio (ms)", "af_heart", "am_adam")
	checkChart(t, dir, chartResource, "stand-in model", "CPU time / wall time (%)", "peak RSS (MiB)")
}

func TestRenderSingleVariantNoHits(t *testing.T) {
	t.Parallel()
	rows := fewRows("fp32", 3)
	failed := sampleRow()
	failed.Repetition, failed.Status, failed.Error, failed.TTFA, failed.Audio = 4, StatusFailed, "boom", 0, 0
	dir := writeRunDir(t, append(rows, failed))

	env := fixtureEnv()
	env.StandIn = false
	if err := Render(dir, WithEnv(env)); err != nil {
		t.Fatal(err)
	}
	checkChart(t, dir, chartRTF, "Real-time factor per variant", "fp32")
	checkChart(t, dir, chartVoices, "Latency per voice")
	checkChart(t, dir, chartResource, "CPU and memory per variant")
	checkNoChart(t, dir, chartCache)
	for _, name := range []string{chartRTF, chartVoices, chartResource} {
		if strings.Contains(string(readOutput(t, filepath.Join(dir, ChartsDir), name+".svg")), "stand-in") {
			t.Errorf("%s.svg mentions the stand-in for a real model", name)
		}
	}

	report := string(readOutput(t, dir, ReportFileName))
	for _, want := range []string{
		"cache_impact: not drawn, because no request was a cache hit",
		"**Cache impact:** no request was a cache hit",
		"only fp32 has a median RTF",
		"1 of the 4 requests failed",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md does not contain %q", want)
		}
	}
	if strings.Contains(report, "Stand-in model:") {
		t.Error("report.md carries the stand-in note for a real model")
	}
}

func TestRenderOnlyFailedRows(t *testing.T) {
	t.Parallel()
	var rows []Row
	for i := 1; i <= 2; i++ {
		r := Row{Variant: "fp32", Voice: "af_heart", PromptID: "p1", Repetition: i,
			Status: StatusFailed, Total: time.Millisecond, Error: "model file missing"}
		rows = append(rows, r)
	}
	dir := writeRunDir(t, rows)
	if err := Render(dir); err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		checkNoChart(t, dir, c.name)
	}
	report := string(readOutput(t, dir, ReportFileName))
	for _, want := range []string{
		"| fp32 | 0 | – | – | – | – | – |",
		"no variant has a successful model run",
		"2 of the 2 requests failed (100.0%)",
		"fp32, 2 × model file missing",
		"rtf_by_model: not drawn",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md does not contain %q:\n%s", want, report)
		}
	}
}

func TestRenderHeaderOnly(t *testing.T) {
	t.Parallel()
	dir := writeRunDir(t, nil)
	if err := Render(dir, WithPartial(true)); err != nil {
		t.Fatal(err)
	}
	report := string(readOutput(t, dir, ReportFileName))
	for _, want := range []string{"No request was measured.", "**Partial run.**", "none of the 0 requests failed"} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md does not contain %q", want)
		}
	}
	summary := string(readOutput(t, dir, SummaryFileName))
	if strings.Count(summary, "\n") != 1 {
		t.Errorf("summary.csv has more than its header:\n%s", summary)
	}
}

func TestRenderManyVoices(t *testing.T) {
	t.Parallel()
	var rows []Row
	for v := range 12 {
		for _, variant := range []string{"fp32", "fp16", "q8"} {
			for i := 1; i <= 3; i++ {
				r := sampleRow()
				r.Variant, r.Voice, r.Repetition = variant, "voice_"+strconv.Itoa(v), i
				r.TTFA += time.Duration(v*i) * time.Millisecond
				rows = append(rows, r)
			}
		}
	}
	dir := writeRunDir(t, rows)
	if err := Render(dir); err != nil {
		t.Fatal(err)
	}
	checkChart(t, dir, chartVoices, "voice_0", "voice_11", "one box per variant")
}

func TestRenderKeepsEnvironmentAndPartial(t *testing.T) {
	t.Parallel()
	dir := newRunDir(t)
	if err := Render(dir, WithEnv(fixtureEnv()), WithPartial(true)); err != nil {
		t.Fatal(err)
	}
	first := readOutput(t, dir, ReportFileName)
	firstResults := readOutput(t, dir, ResultsFileName)

	// A re-render from the CSV alone keeps the environment and the flag.
	if err := Render(dir); err != nil {
		t.Fatal(err)
	}
	if got := readOutput(t, dir, ReportFileName); !bytes.Equal(got, first) {
		t.Errorf("re-rendered report.md differs:\n%s", firstDifference(string(got), string(first)))
	}
	if got := readOutput(t, dir, ResultsFileName); !bytes.Equal(got, firstResults) {
		t.Errorf("re-rendered results.json differs:\n%s", firstDifference(string(got), string(firstResults)))
	}

	// An explicit option wins over the stored flag.
	if err := Render(dir, WithPartial(false)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(readOutput(t, dir, ReportFileName)), "Partial run") {
		t.Error("WithPartial(false) kept the partial note")
	}
}

func TestRenderTornCSV(t *testing.T) {
	t.Parallel()
	dir := newRunDir(t)
	path := filepath.Join(dir, CSVFileName)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`q8,af_heart,p1,"Hello, wor`); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	if err := Render(dir, WithEnv(fixtureEnv())); err != nil {
		t.Fatal(err)
	}
	report := string(readOutput(t, dir, ReportFileName))
	for _, want := range []string{"**Partial run.**", "Line 50 of benchmark_results.csv was cut off", "Requests measured (warm-ups excluded): 32,"} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md does not contain %q", want)
		}
	}
	var doc struct{ Partial bool }
	if err := json.Unmarshal(readOutput(t, dir, ResultsFileName), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Partial {
		t.Error("results.json has partial false for a torn CSV")
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	t.Run("missing CSV", func(t *testing.T) {
		t.Parallel()
		err := Render(t.TempDir())
		if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "run directory") {
			t.Errorf("error = %v, want a not-exist error that names the run directory", err)
		}
	})
	t.Run("corrupt results.json", func(t *testing.T) {
		t.Parallel()
		dir := newRunDir(t)
		if err := os.WriteFile(filepath.Join(dir, ResultsFileName), []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := Render(dir)
		if err == nil || !strings.Contains(err.Error(), "fix or remove it") {
			t.Errorf("error = %v, want one that says how to fix results.json", err)
		}
		// The runner's environment and flag replace the broken file.
		if err := Render(dir, WithEnv(fixtureEnv()), WithPartial(false)); err != nil {
			t.Errorf("Render with WithEnv over a corrupt results.json: %v", err)
		}
	})
	t.Run("malformed CSV", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		data := strings.Join(columns, ",") + "\nfp32,af_heart\n"
		if err := os.WriteFile(filepath.Join(dir, CSVFileName), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		var pe *ParseError
		if err := Render(dir); !errors.As(err, &pe) || pe.Line != 2 {
			t.Errorf("error = %v, want a *ParseError on line 2", err)
		}
	})
}

func TestRenderRemovesStaleChart(t *testing.T) {
	t.Parallel()
	dir := newRunDir(t)
	if err := Render(dir); err != nil {
		t.Fatal(err)
	}
	checkChart(t, dir, chartCache)

	// The same directory with a CSV that has no cache hits.
	if err := os.Remove(filepath.Join(dir, CSVFileName)); err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fewRows("fp32", 2) {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := Render(dir); err != nil {
		t.Fatal(err)
	}
	checkNoChart(t, dir, chartCache)
}

func TestResultsJSON(t *testing.T) {
	t.Parallel()
	dir := newRunDir(t)
	if err := Render(dir, WithEnv(fixtureEnv()), WithPartial(true)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Partial     bool
		Environment Env
		Rows        []map[string]any
		Summary     []map[string]any
	}
	if err := json.Unmarshal(readOutput(t, dir, ResultsFileName), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Partial || !doc.Environment.StandIn || doc.Environment.ModelFiles[0].SizeBytes != 1234567 {
		t.Errorf("partial %v, stand-in %v, model files %+v: want the values passed to Render",
			doc.Partial, doc.Environment.StandIn, doc.Environment.ModelFiles)
	}
	if len(doc.Rows) != 32 || len(doc.Summary) != 25 {
		t.Fatalf("got %d rows and %d summaries, want 32 and 25", len(doc.Rows), len(doc.Summary))
	}

	first := doc.Rows[0]
	if first["ttfa_ms"] != 168.0 || first["rtf"] != 0.2 || first["status"] != "ok" {
		t.Errorf("first row = %v, want ttfa_ms 168, rtf 0.2, status ok", first)
	}
	if _, ok := first["ttfw_ms"]; ok {
		t.Error("rows carry the older-layout column ttfw_ms")
	}
	var oom map[string]any
	for _, r := range doc.Rows {
		if strings.Contains(r["error"].(string), "out of memory") {
			oom = r
		}
	}
	if oom["status"] != "failed" || oom["ttfa_ms"] != nil || oom["rtf"] != nil || oom["total_ms"] != 15.5 {
		t.Errorf("failed row = %v, want null ttfa_ms and rtf, total_ms 15.5", oom)
	}
	failedGroup := doc.Summary[6]
	if ttfa := failedGroup["ttfa_ms"].(map[string]any); ttfa["median"] != nil || ttfa["n"] != 0.0 {
		t.Errorf("summary of the failed group has ttfa_ms %v, want n 0 and null median", ttfa)
	}

	// Without an environment, results.json records it as unknown.
	dir = newRunDir(t)
	if err := Render(dir); err != nil {
		t.Fatal(err)
	}
	var unknown struct{ Environment any }
	if err := json.Unmarshal(readOutput(t, dir, ResultsFileName), &unknown); err != nil {
		t.Fatal(err)
	}
	if unknown.Environment != "unknown" {
		t.Errorf("environment = %v, want \"unknown\"", unknown.Environment)
	}
}
