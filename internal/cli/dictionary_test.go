package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ttsbench/ttsbench/internal/report"
)

// writeDictionary writes a pronunciation dictionary file and returns its
// path.
func writeDictionary(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPhonemizeDictionaryAndOverrides(t *testing.T) {
	dict := writeDictionary(t, "words.tsv", "# test words\nKokoro\tkˈOkəɹO\n")
	stdout, stderr, code := ttsbench(t, "Kokoro reads [espeak](/ˈiːspiːk/).\n", "phonemize", "--dictionary", dict)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var line struct {
		Chunks []struct {
			Text     string `json:"text"`
			Phonemes string `json:"phonemes"`
		} `json:"chunks"`
	}
	if err := json.Unmarshal([]byte(stdout), &line); err != nil {
		t.Fatalf("output %q is not JSON: %v", stdout, err)
	}
	if len(line.Chunks) != 1 {
		t.Fatalf("got %d chunks, want 1: %s", len(line.Chunks), stdout)
	}
	if want := "kˈOkəɹO ɹˈiːdz ˈiːspiːk."; line.Chunks[0].Phonemes != want {
		t.Errorf("phonemes = %q, want %q", line.Chunks[0].Phonemes, want)
	}
	if want := "Kokoro reads espeak."; line.Chunks[0].Text != want {
		t.Errorf("text = %q, want %q", line.Chunks[0].Text, want)
	}
}

func TestDictionaryFlagRejectsBadFile(t *testing.T) {
	dict := writeDictionary(t, "bad.tsv", "Kokoro\tkˈOkəɹO\nespeak\n")
	for _, args := range [][]string{
		{"phonemize", "--dictionary", dict},
		{"speak", "--dictionary", dict, "--models-dir", standinDir(t), "-o", filepath.Join(t.TempDir(), "out.wav"), "Hello"},
		{"run", "--dictionary", dict, "--models-dir", t.TempDir(), "--output", t.TempDir(), "--no-progress"},
	} {
		_, stderr, code := ttsbench(t, "Hello\n", args...)
		if code == 0 {
			t.Errorf("%s: exit 0 with a bad dictionary", args[0])
		}
		if !strings.Contains(stderr, "bad.tsv:2") {
			t.Errorf("%s: message does not name the file and line: %s", args[0], stderr)
		}
	}
}

func TestRunPlanDictionaryReachesWorker(t *testing.T) {
	dir := standinDir(t)
	dict := writeDictionary(t, "words.json", `{"Hello": "hɛlO"}`)
	plan := filepath.Join(t.TempDir(), "plan.yaml")
	os.WriteFile(plan, []byte("dictionary: "+dict+"\nprompts:\n  - id: hi\n    text: Hello\n"), 0o644)

	stdout, stderr, code := ttsbench(t, "", "run", "--config", plan, "--models-dir", dir, "--models", "model", "--voices", "af_heart",
		"--repetitions", "1", "--warmup", "0", "--output", t.TempDir(), "--no-progress")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(filepath.Dir(strings.TrimSpace(stdout)), report.CSVFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 {
		t.Fatalf("got %d CSV records, want a header and one row", len(records))
	}
	col := -1
	for i, name := range records[0] {
		if name == "tokens" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no tokens column in %q", records[0])
	}
	// "hɛlO" is 4 ids; espeak-ng's "həlˈoʊ" would be 6.
	if got := records[1][col]; got != "4" {
		t.Errorf("tokens = %s, want 4 from the dictionary's phonemes", got)
	}
}
