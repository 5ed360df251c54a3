package kokoro

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ttsbench/ttsbench/internal/standin"
	"github.com/ttsbench/ttsbench/internal/testenv"
	"github.com/ttsbench/ttsbench/voicepack"
)

var testVoices = []string{"af_heart", "am_adam", "bf_emma"}

// tinyModel writes a tiny stand-in folder with the given options and
// returns it.
func tinyModel(t *testing.T, opts standin.Options) string {
	t.Helper()
	dir := t.TempDir()
	opts.Size = standin.SizeTiny
	opts.VoicesDir = testenv.VoicesDir(t)
	opts.Voices = testVoices
	if len(opts.Variants) == 0 {
		opts.Variants = []standin.Variant{standin.VariantFP32}
	}
	if _, err := standin.Write(dir, opts); err != nil {
		t.Fatalf("write stand-in: %v", err)
	}
	return dir
}

// newEngine opens an engine on dir with its model.onnx loaded as "model".
func newEngine(t *testing.T, dir string, opts Options) *Engine {
	t.Helper()
	opts.ORTLibrary = testenv.ORTLibrary(t)
	if opts.Voices == "" {
		opts.Voices = filepath.Join(dir, "voices")
	}
	e, err := New(opts)
	if err != nil {
		t.Fatalf("new engine: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	md, err := OpenModelDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range md.Variants {
		if _, err := e.Load(v.Name, v.Path); err != nil {
			t.Fatalf("load %s: %v", v.Name, err)
		}
	}
	return e
}

var (
	sharedOnce sync.Once
	sharedDir  string
)

// sharedModel is a tiny fp32 stand-in written once for the tests that only
// read it.
func sharedModel(t testing.TB) string {
	sharedOnce.Do(func() {
		dir, err := filepathTemp()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := standin.Write(dir, standin.Options{Size: standin.SizeTiny, VoicesDir: testenv.VoicesDir(t), Voices: testVoices,
			Variants: []standin.Variant{standin.VariantFP32}}); err != nil {
			t.Fatal(err)
		}
		sharedDir = dir
	})
	if sharedDir == "" {
		t.Fatal("shared stand-in model could not be written")
	}
	return sharedDir
}

func TestSynthesizeAudioLengthFollowsTokens(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{CacheBytes: -1})
	for _, speed := range []float32{1, 2} {
		res, err := e.Synthesize(context.Background(), Request{Text: "Hello world.", Voice: "af_heart", Variant: "model", Speed: speed})
		if err != nil {
			t.Fatal(err)
		}
		if res.NumChunks != 1 {
			t.Fatalf("chunks = %d, expected 1", res.NumChunks)
		}
		padded := len(res.Chunks[0].IDs) + 2
		expected := float64(standin.SamplesPerToken*padded) / float64(speed)
		if got := float64(len(res.Audio)); got < 0.9*expected || got > 1.1*expected {
			t.Errorf("speed %v: %d samples for %d padded ids, expected about %.0f", speed, len(res.Audio), padded, expected)
		}
		for i, s := range res.Audio {
			if s < -1 || s > 1 {
				t.Fatalf("sample %d = %v outside [-1, 1]", i, s)
			}
		}
		if res.Samples != len(res.Audio) || res.Tokens != len(res.Chunks[0].IDs) {
			t.Errorf("summary samples %d tokens %d, audio %d ids %d", res.Samples, res.Tokens, len(res.Audio), len(res.Chunks[0].IDs))
		}
	}
}

func TestStreamDeliversChunksInOrder(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{CacheBytes: -1})
	text := "The first sentence is short. The second one follows it! Does the third ask a question? The fourth ends the paragraph."
	var got []Chunk
	sum, err := e.Stream(context.Background(), Request{Text: text, Voice: "af_heart"}, func(c Chunk) error {
		got = append(got, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 4 || sum.NumChunks != len(got) {
		t.Fatalf("received %d chunks, summary says %d; expected one per sentence (4 or more)", len(got), sum.NumChunks)
	}
	for i, c := range got {
		if c.Index != i {
			t.Errorf("chunk %d has index %d", i, c.Index)
		}
		if i > 0 && c.Ready < got[i-1].Ready {
			t.Errorf("chunk %d ready at %v, before chunk %d at %v", i, c.Ready, i-1, got[i-1].Ready)
		}
		if c.Inference <= 0 || len(c.Audio) == 0 || c.Phonemes == "" || c.Text == "" {
			t.Errorf("chunk %d incomplete: %+v", i, c)
		}
	}
	if sum.FirstAudio != got[0].Ready || sum.Total != got[len(got)-1].Ready {
		t.Errorf("summary first %v total %v, chunks ready %v and %v", sum.FirstAudio, sum.Total, got[0].Ready, got[len(got)-1].Ready)
	}
	if !strings.HasPrefix(got[0].Text, "The first") {
		t.Errorf("first chunk text %q", got[0].Text)
	}
}

func TestStreamSplitsOverlongSentenceWithoutTruncating(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{CacheBytes: -1})
	words := strings.Repeat("another remarkably unremarkable word ", 60)
	sum, err := e.Stream(context.Background(), Request{Text: words, Voice: "af_heart"}, func(c Chunk) error {
		if len(c.IDs) > MaxIDs {
			t.Errorf("chunk %d has %d ids, more than %d", c.Index, len(c.IDs), MaxIDs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NumChunks < 2 {
		t.Fatalf("%d tokens in %d chunk(s): expected the sentence split", sum.Tokens, sum.NumChunks)
	}
	if sum.Tokens < 60*20 {
		t.Errorf("only %d ids for 240 words: text was dropped", sum.Tokens)
	}
}

func TestCacheStatusIsObserved(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{})
	ctx := context.Background()
	run := func(text string, mode CacheMode, speed float32) *Result {
		t.Helper()
		res, err := e.Synthesize(ctx, Request{Text: text, Voice: "af_heart", Variant: "model", Cache: mode, Speed: speed})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	first := run("Caching works.", CacheDefault, 1)
	if first.Cache != CacheMiss {
		t.Errorf("first request: %q, expected miss", first.Cache)
	}
	second := run("  Caching   works. ", CacheDefault, 1)
	if second.Cache != CacheHit {
		t.Errorf("same text with other spacing: %q, expected hit", second.Cache)
	}
	if second.Inference != 0 {
		t.Errorf("a hit ran the model for %v", second.Inference)
	}
	if len(second.Audio) != len(first.Audio) || second.Audio[100] != first.Audio[100] {
		t.Error("a hit returned other audio than the miss that stored it")
	}
	if got := run("Caching works.", CacheOff, 1).Cache; got != CacheBypass {
		t.Errorf("CacheOff: %q, expected bypass", got)
	}
	if got := run("Caching works.", CacheDefault, 1.5).Cache; got != CacheMiss {
		t.Errorf("other speed: %q, expected miss", got)
	}
	for i := range 2 {
		if got := run("Read only text.", CacheReadOnly, 1).Cache; got != CacheMiss {
			t.Errorf("read-only request %d: %q, expected miss (read-only never stores)", i, got)
		}
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	t.Parallel()
	// "One." is about 6 ids, 8 padded, 4800 samples, 19,200 bytes; two of
	// them fit in 48 KB and three do not.
	e := newEngine(t, sharedModel(t), Options{CacheBytes: 48_000})
	ctx := context.Background()
	status := func(text string) CacheStatus {
		res, err := e.Synthesize(ctx, Request{Text: text, Voice: "af_heart"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Cache
	}
	status("One.")
	status("Two.")
	status("One.") // One is now the most recently used
	status("Six.") // evicts Two
	if st := e.CacheStats(); st.Bytes > st.BudgetBytes {
		t.Errorf("cache holds %d bytes, over its budget of %d", st.Bytes, st.BudgetBytes)
	}
	if got := status("One."); got != CacheHit {
		t.Errorf("recently used entry: %q, expected hit", got)
	}
	if got := status("Two."); got != CacheMiss {
		t.Errorf("least recently used entry: %q, expected miss after eviction", got)
	}
}

func TestPrewarmStoresRealAudio(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{})
	ctx := context.Background()
	if err := e.Prewarm(ctx, "model", "am_adam", 1, []string{"Hello world"}); err != nil {
		t.Fatal(err)
	}
	hit, err := e.Synthesize(ctx, Request{Text: "Hello world", Voice: "am_adam", Variant: "model"})
	if err != nil {
		t.Fatal(err)
	}
	if hit.Cache != CacheHit {
		t.Fatalf("pre-warmed phrase: %q, expected hit", hit.Cache)
	}
	fresh, err := e.Synthesize(ctx, Request{Text: "Hello world", Voice: "am_adam", Variant: "model", Cache: CacheOff})
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh.Audio) != len(hit.Audio) {
		t.Fatalf("cached audio has %d samples, a fresh run %d", len(hit.Audio), len(fresh.Audio))
	}
	var diff float64
	for i := range fresh.Audio {
		d := float64(fresh.Audio[i] - hit.Audio[i])
		diff += d * d
	}
	if diff > 1e-6 {
		t.Errorf("cached audio differs from a fresh run (squared error %g)", diff)
	}

	noCache := newEngine(t, sharedModel(t), Options{CacheBytes: -1})
	if err := noCache.Prewarm(ctx, "model", "am_adam", 1, []string{"Hello"}); err == nil {
		t.Error("pre-warm with the cache disabled: expected an error")
	}
}

func TestNonFiniteOutputIsAnError(t *testing.T) {
	t.Parallel()
	for _, mode := range []standin.NonFinite{standin.NonFiniteAll, standin.NonFiniteSome} {
		e := newEngine(t, tinyModel(t, standin.Options{NonFinite: mode}), Options{})
		res, err := e.Synthesize(context.Background(), Request{Text: "Hello world.", Voice: "af_heart"})
		if !errors.Is(err, ErrNonFinite) {
			t.Errorf("non-finite mode %q: err = %v, expected ErrNonFinite", mode, err)
		}
		if res != nil {
			t.Errorf("non-finite mode %q returned audio", mode)
		}
		if st := e.CacheStats(); st.Entries != 0 {
			t.Errorf("non-finite mode %q: %d cache entries, expected none", mode, st.Entries)
		}
	}
}

func TestBothNamingConventionsAndRanks(t *testing.T) {
	t.Parallel()
	cases := []standin.Options{
		{Naming: standin.NamingKokoroONNX, OutputRank: 1},
		{Naming: standin.NamingOnnxCommunity, OutputRank: 3},
	}
	for _, opts := range cases {
		e := newEngine(t, tinyModel(t, opts), Options{CacheBytes: -1})
		res, err := e.Synthesize(context.Background(), Request{Text: "Hello world.", Voice: "af_heart"})
		if err != nil {
			t.Fatalf("naming %q rank %d: %v", opts.Naming, opts.OutputRank, err)
		}
		if len(res.Audio) < 1000 {
			t.Errorf("naming %q rank %d: %d samples", opts.Naming, opts.OutputRank, len(res.Audio))
		}
	}
}

func TestCancelStopsStream(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{CacheBytes: -1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	_, err := e.Stream(ctx, Request{Text: "One. Two. Three. Four. Five.", Voice: "af_heart"}, func(Chunk) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, expected context.Canceled", err)
	}
	if n != 1 {
		t.Errorf("%d chunks delivered after cancelling in the first", n)
	}
}

func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			voice := testVoices[i%len(testVoices)]
			text := []string{"Hello world.", "A second text.", "And a third one, longer than the others."}[i%3]
			_, err := e.Synthesize(context.Background(), Request{Text: text, Voice: voice})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestRequestErrors(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{})
	ctx := context.Background()
	cases := []struct {
		name string
		req  Request
		is   error
	}{
		{"empty text", Request{Text: "  ", Voice: "af_heart"}, ErrEmptyText},
		{"unknown voice", Request{Text: "Hi.", Voice: "af_nobody"}, voicepack.ErrUnknownVoice},
		{"unknown variant", Request{Text: "Hi.", Voice: "af_heart", Variant: "model_q9"}, ErrNotLoaded},
		{"speed too high", Request{Text: "Hi.", Voice: "af_heart", Speed: 10}, ErrInvalidSpeed},
		{"negative speed", Request{Text: "Hi.", Voice: "af_heart", Speed: -1}, ErrInvalidSpeed},
		{"text too long", Request{Text: strings.Repeat("a", MaxTextRunes+1), Voice: "af_heart"}, ErrTextTooLong},
	}
	for _, c := range cases {
		_, err := e.Synthesize(ctx, c.req)
		if !errors.Is(err, c.is) {
			t.Errorf("%s: err = %v, expected %v", c.name, err, c.is)
		}
	}
}

func TestBlendVoice(t *testing.T) {
	t.Parallel()
	e := newEngine(t, sharedModel(t), Options{CacheBytes: -1})
	res, err := e.Synthesize(context.Background(), Request{Text: "Blended voices.", Voice: "af_heart.6+am_adam.4"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Audio) == 0 {
		t.Error("no audio")
	}
}

func filepathTemp() (string, error) {
	return os.MkdirTemp("", "ttsbench-kokoro-test-")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}
