package kokoro

import (
	"context"
	"testing"

	"github.com/ttsbench/ttsbench/g2p"
)

func TestDictionaryReachesPhonemes(t *testing.T) {
	t.Parallel()

	dict, err := g2p.NewDictionary(map[string]string{"Kokoro": "kˈOkəɹO"})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, sharedModel(t), Options{CacheBytes: -1, Dictionary: dict})
	res, err := e.Synthesize(context.Background(), Request{Text: "Kokoro and [espeak](/ˈiːspiːk/).", Voice: "af_heart", Variant: "model"})
	if err != nil {
		t.Fatal(err)
	}
	if res.NumChunks != 1 {
		t.Fatalf("chunks = %d, want 1", res.NumChunks)
	}
	c := res.Chunks[0]
	if want := "kˈOkəɹO ænd ˈiːspiːk."; c.Phonemes != want {
		t.Errorf("phonemes = %q, want %q", c.Phonemes, want)
	}
	if want := "Kokoro and espeak."; c.Text != want {
		t.Errorf("text = %q, want %q", c.Text, want)
	}
	if len(res.Audio) == 0 {
		t.Error("no audio")
	}
}
