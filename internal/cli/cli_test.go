package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ttsbench/ttsbench/internal/testenv"
)

// TestMain lets the test binary serve as the `ttsbench worker` that `run`
// re-executes, so the command runs end to end in tests.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// ttsbench runs one command line in-process.
func ttsbench(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append([]string{"--ort-lib", testenv.ORTLibrary(t)}, args...)
	code = Main(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// standinDir writes a tiny stand-in with two variants and three voices.
func standinDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "standin")
	_, stderr, code := ttsbench(t, "", "models", "standin", dir, "--size", "tiny",
		"--models", "model,model_q4", "--voices", "af_heart,am_adam,bf_emma", "--voices-from", testenv.VoicesDir(t))
	if code != 0 {
		t.Fatalf("models standin: exit %d: %s", code, stderr)
	}
	return dir
}

func TestPhonemizeMatchesKokoroJS(t *testing.T) {
	f, err := os.Open("testdata/kokorojs-en-us.sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type line struct {
		Input  string `json:"input"`
		Chunks []struct {
			Text     string  `json:"text"`
			Phonemes string  `json:"phonemes"`
			InputIDs []int64 `json:"input_ids"`
		} `json:"chunks"`
	}
	var want []line
	var in strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		want = append(want, l)
		in.WriteString(l.Input + "\n")
	}

	stdout, stderr, code := ttsbench(t, in.String(), "phonemize", "-v", "af_heart")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d output lines for %d inputs", len(got), len(want))
	}
	for i, g := range got {
		var l line
		if err := json.Unmarshal([]byte(g), &l); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if l.Input != want[i].Input {
			t.Errorf("line %d: input %q, expected %q", i+1, l.Input, want[i].Input)
		}
		gj, _ := json.Marshal(l.Chunks)
		wj, _ := json.Marshal(want[i].Chunks)
		if !bytes.Equal(gj, wj) {
			t.Errorf("line %d %q:\n got  %s\n want %s", i+1, l.Input, gj, wj)
		}
	}
}

func TestPhonemizeRejectsUnknownLanguage(t *testing.T) {
	_, stderr, code := ttsbench(t, "Hello\n", "phonemize", "-v", "xx_voice")
	if code != exitUsage {
		t.Errorf("exit %d, expected %d", code, exitUsage)
	}
	if !strings.Contains(stderr, "xx_voice") {
		t.Errorf("message does not name the voice: %s", stderr)
	}
}

func TestSpeakWritesDecodableWAV(t *testing.T) {
	ffprobe, err := exec.LookPath("ffprobe")
	if err != nil {
		t.Fatal("ffprobe not found; run scripts/setup.sh, which installs ffmpeg")
	}
	dir := standinDir(t)
	wav := filepath.Join(t.TempDir(), "out.wav")
	_, stderr, code := ttsbench(t, "Reading from standard input works too.", "speak", "--models-dir", dir, "-v", "bf_emma", "-o", wav)
	if code != 0 {
		t.Fatalf("speak: exit %d: %s", code, stderr)
	}
	out, err := exec.Command(ffprobe, "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels:format=duration",
		"-of", "default=noprint_wrappers=1", wav).CombinedOutput()
	if err != nil {
		t.Fatalf("ffprobe: %v: %s", err, out)
	}
	fields := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		k, v, _ := strings.Cut(l, "=")
		fields[k] = v
	}
	if fields["codec_name"] != "pcm_s16le" || fields["sample_rate"] != "24000" || fields["channels"] != "1" {
		t.Errorf("ffprobe: %v, expected 16-bit PCM, 24000 Hz, mono", fields)
	}
	if d, _ := strconv.ParseFloat(fields["duration"], 64); d < 0.5 {
		t.Errorf("duration %q, expected over half a second", fields["duration"])
	}
}

func TestRunWritesReportAndReadme(t *testing.T) {
	dir := standinDir(t)
	results := t.TempDir()
	stdout, stderr, code := ttsbench(t, "", "run", "--models-dir", dir, "--models", "model*", "--voices", "af_heart,am_adam",
		"--repetitions", "2", "--warmup", "1", "--output", results, "--no-progress")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	reportPath := strings.TrimSpace(stdout)
	md, err := os.ReadFile(reportPath)
	if err != nil {
		t.Fatalf("stdout %q is not the report's path: %v", stdout, err)
	}
	for _, s := range []string{`model\_q4`, "Model Performance", "Key Insights", "stand-in"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("report.md lacks %q", s)
		}
	}
	if n := strings.Count(stderr, "cell measured"); n != 2*2*3 {
		t.Errorf("%d cell log lines, expected 12 (2 variants × 2 voices × 3 prompts)", n)
	}

	readme := filepath.Join(t.TempDir(), "README.md")
	os.WriteFile(readme, []byte("# Results\n\nKept text.\n"), 0o644)
	runDir := filepath.Dir(reportPath)
	if _, stderr, code := ttsbench(t, "", "report", runDir, "--readme", readme); code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(readme)
	if !strings.HasPrefix(string(b), "# Results\n\nKept text.\n") || !strings.Contains(string(b), "<!-- ttsbench:begin -->") {
		t.Errorf("README not updated in place:\n%s", b)
	}
}

func TestRunExitsNonZeroOnFailedRows(t *testing.T) {
	dir := standinDir(t)
	stdout, stderr, code := ttsbench(t, "", "run", "--models-dir", dir, "--models", "model", "--voices", "af_heart,af_nobody",
		"--prompt", "hi=Hello there", "--repetitions", "1", "--warmup", "0", "--output", t.TempDir(), "--no-progress")
	if code != exitError {
		t.Errorf("exit %d, expected %d", code, exitError)
	}
	if !strings.Contains(stderr, "failed") || !strings.Contains(stderr, "af_nobody") {
		t.Errorf("stderr does not report the failed voice:\n%s", stderr)
	}
	if _, err := os.Stat(strings.TrimSpace(stdout)); err != nil {
		t.Errorf("no report after failed rows: %v", err)
	}
}

func TestSpeakTakesModelFilePath(t *testing.T) {
	dir := standinDir(t)
	wav := filepath.Join(t.TempDir(), "out.wav")
	model := filepath.Join(dir, "onnx", "model_q4.onnx")
	_, stderr, code := ttsbench(t, "", "speak", "A model given by path.", "-m", model, "--voices-path", filepath.Join(dir, "voices"), "-o", wav)
	if code != 0 {
		t.Fatalf("speak -m %s: exit %d: %s", model, code, stderr)
	}
	if fi, err := os.Stat(wav); err != nil || fi.Size() < 1000 {
		t.Errorf("no audio written: %v", err)
	}
}

func TestSpeakRejectsSpeedZero(t *testing.T) {
	dir := standinDir(t)
	_, stderr, code := ttsbench(t, "", "speak", "Hi.", "--models-dir", dir, "--speed", "0", "-o", filepath.Join(t.TempDir(), "x.wav"))
	if code != exitUsage || !strings.Contains(stderr, "--speed 0") {
		t.Errorf("exit %d, stderr %q: expected a usage error naming --speed 0", code, stderr)
	}
}
