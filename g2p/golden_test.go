package g2p

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// goldenCase is one input of TestChunksGolden.
type goldenCase struct {
	Name    string  `json:"name"`
	Voice   string  `json:"voice"`
	Options Options `json:"options"`
	Input   string  `json:"input"`
	Chunks  []Chunk `json:"chunks"`
}

// goldenInputs pin down behaviour that has no kokoro-js reference: other
// languages, and the splitting of text over the limits. Normalization is
// fixed per case so that changes to package normalize do not show here.
var goldenInputs = []goldenCase{
	{Name: "spanish", Voice: "ef_dora", Options: Options{Normalization: NormalizeNone}, Input: "¿Dónde está la biblioteca? Está cerca, a la derecha."},
	{Name: "french", Voice: "ff_siwis", Options: Options{Normalization: NormalizeNone}, Input: "Bonjour, comment allez-vous? Très bien, merci."},
	{Name: "hindi", Voice: "hf_alpha", Options: Options{Normalization: NormalizeNone}, Input: "नमस्ते, आप कैसे हैं?"},
	{Name: "italian", Voice: "if_sara", Options: Options{Normalization: NormalizeNone}, Input: "Buongiorno, come stai? Bene, grazie."},
	{Name: "portuguese", Voice: "pf_dora", Options: Options{Normalization: NormalizeNone}, Input: "Olá, tudo bem? Sim, obrigado."},
	{Name: "japanese", Voice: "jf_alpha", Options: Options{Normalization: NormalizeNone}, Input: "こんにちは。元気ですか。"},
	{Name: "mandarin", Voice: "zf_xiaobei", Options: Options{Normalization: NormalizeNone}, Input: "你好。今天天气很好。"},
	{Name: "english with a word read in French", Voice: "af_heart", Options: Options{Normalization: NormalizeKokoroJS}, Input: "We ate a croissant at the café."},
	{Name: "long sentence split at clauses", Voice: "af_heart", Options: Options{Normalization: NormalizeKokoroJS, FirstChunkMaxIDs: -1}, Input: longSentence},
	{Name: "long clause split at words", Voice: "bf_emma", Options: Options{Normalization: NormalizeKokoroJS, FirstChunkMaxIDs: -1}, Input: strings.Repeat("one two three four five six seven eight nine ten ", 30) + "done."},
	{Name: "first chunk cut at the default cap", Voice: "af_heart", Options: Options{Normalization: NormalizeKokoroJS}, Input: "The north wind and the sun were disputing which was the stronger, when a traveler came along wrapped in a warm cloak, and they agreed that the one who first made him take it off would win. Then the wind blew."},
	{Name: "small chunks", Voice: "af_heart", Options: Options{Normalization: NormalizeKokoroJS, MaxIDs: 30, FirstChunkMaxIDs: 12}, Input: "Once upon a time, in a land far, far away, there lived a young princess who loved to read."},
}

func TestChunksGolden(t *testing.T) {
	path := filepath.Join("testdata", t.Name()+".json")

	got := make([]goldenCase, len(goldenInputs))
	for i, in := range goldenInputs {
		p, err := New(in.Options)
		if err != nil {
			t.Fatal(err)
		}
		chunks, err := p.Chunks(context.Background(), in.Input, in.Voice)
		if err != nil {
			t.Fatalf("%s: %v", in.Name, err)
		}
		got[i] = in
		got[i].Chunks = chunks
	}

	if *update {
		data, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./g2p -run TestChunksGolden -update to create it", err)
	}
	var want []goldenCase
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(want) != len(got) {
		t.Fatalf("%s has %d cases, the test %d; run with -update", path, len(want), len(got))
	}
	for i := range got {
		g, _ := json.MarshalIndent(got[i], "", "  ")
		w, _ := json.MarshalIndent(want[i], "", "  ")
		if string(g) != string(w) {
			t.Errorf("case %q differs from %s:\ngot  %s\nwant %s", got[i].Name, path, g, w)
		}
	}
}
