package normalize

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type oracleCase struct {
	Input  string `json:"input"`
	Output string `json:"output"`
}

// readOracle loads testdata/kokorojs/normalize.jsonl: inputs with the text
// kokoro-js 1.2.1's normalize_text returned for them (see oracle.mjs there).
func readOracle(t testing.TB) []oracleCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "kokorojs", "normalize.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var cases []oracleCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		var c oracleCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("line %d: %v", len(cases)+1, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("oracle file has %d cases, want at least 100", len(cases))
	}
	return cases
}

func TestKokoroJSMatchesOracle(t *testing.T) {
	failures := 0
	for _, c := range readOracle(t) {
		if got := KokoroJS(c.Input); got != c.Output {
			failures++
			if failures <= 40 {
				t.Errorf("KokoroJS(%q)\n got %q\nwant %q", c.Input, got, c.Output)
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d inputs differ from kokoro-js", failures)
	}
}
