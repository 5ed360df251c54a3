package g2p

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// mustNew returns a Phonemizer for opts or stops the test.
func mustNew(t testing.TB, opts Options) *Phonemizer {
	t.Helper()
	p, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// longSentence has 24 clauses and about 1,100 ids, more than two chunks.
var longSentence = strings.Repeat("The quick brown fox jumps over the lazy dog, and the cat watches from the window; ", 12) + "and that is all."

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()

	for _, opts := range []Options{
		{MaxIDs: -1},
		{MaxIDs: MaxIDs + 1},
		{Normalization: Normalization(7)},
	} {
		if _, err := New(opts); err == nil {
			t.Errorf("New(%+v): no error", opts)
		}
	}
}

func TestChunksSplitsLongSentence(t *testing.T) {
	t.Parallel()

	p := mustNew(t, Options{Normalization: NormalizeKokoroJS, FirstChunkMaxIDs: -1})
	chunks, err := p.Chunks(context.Background(), longSentence, "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 3 {
		t.Fatalf("got %d chunks, want at least 3 for %d runes", len(chunks), len(longSentence))
	}

	var texts []string
	for i, c := range chunks {
		if len(c.IDs) > MaxIDs {
			t.Errorf("chunk %d has %d ids, more than %d", i, len(c.IDs), MaxIDs)
		}
		// Each chunk but the last ends after clause punctuation.
		if i < len(chunks)-1 && !strings.ContainsAny(c.Text[len(c.Text)-1:], ",;") {
			t.Errorf("chunk %d text %q does not end at a clause", i, c.Text)
		}
		texts = append(texts, c.Text)
	}
	// Nothing is truncated: the chunk texts give the sentence back.
	if got := strings.Join(texts, " "); got != longSentence {
		t.Errorf("chunk texts joined = %q\nwant %q", got, longSentence)
	}
	// Chunks are filled greedily: no two neighbours would fit in one.
	for i := 1; i < len(chunks); i++ {
		if n := len(chunks[i-1].IDs) + 1 + len(chunks[i].IDs); n <= MaxIDs {
			t.Errorf("chunks %d and %d have %d ids together and fit in one", i-1, i, n)
		}
	}
}

func TestChunksSplitsAtWords(t *testing.T) {
	t.Parallel()

	// No clause punctuation: the cut falls between words.
	text := strings.Repeat("one two three four five six seven eight nine ten ", 30) + "done"
	p := mustNew(t, Options{Normalization: NormalizeKokoroJS, FirstChunkMaxIDs: -1})
	chunks, err := p.Chunks(context.Background(), text, "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 2 {
		t.Fatalf("got %d chunks, want at least 2", len(chunks))
	}
	var texts []string
	for i, c := range chunks {
		if len(c.IDs) > MaxIDs {
			t.Errorf("chunk %d has %d ids, more than %d", i, len(c.IDs), MaxIDs)
		}
		texts = append(texts, c.Text)
	}
	if got := strings.Join(texts, " "); got != text {
		t.Errorf("chunk texts joined = %q\nwant %q", got, text)
	}
}

func TestChunksSplitsLongWord(t *testing.T) {
	t.Parallel()

	// One "word" far over the limit is cut between runes.
	text := strings.Repeat("x", 3000)
	p := mustNew(t, Options{Normalization: NormalizeKokoroJS})
	chunks, err := p.Chunks(context.Background(), text, "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, c := range chunks {
		if len(c.IDs) > MaxIDs {
			t.Errorf("chunk %d has %d ids, more than %d", i, len(c.IDs), MaxIDs)
		}
		b.WriteString(c.Text)
	}
	if b.String() != text {
		t.Errorf("chunk texts joined have %d runes, want %d", len(b.String()), len(text))
	}
}

func TestChunksMaxIDsOption(t *testing.T) {
	t.Parallel()

	p := mustNew(t, Options{MaxIDs: 40, Normalization: NormalizeKokoroJS})
	chunks, err := p.Chunks(context.Background(), "Once upon a time, in a land far, far away, there lived a young princess who loved to read.", "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 2 {
		t.Fatalf("got %d chunks, want at least 2", len(chunks))
	}
	for i, c := range chunks {
		if len(c.IDs) > 40 {
			t.Errorf("chunk %d %q has %d ids, more than 40", i, c.Text, len(c.IDs))
		}
	}
}

func TestChunksFirstChunkCap(t *testing.T) {
	t.Parallel()

	const text = "When a man looks for something beyond his reach, his friends say he is looking for the pot of gold at the end of the rainbow. Then they laugh."
	tests := []struct {
		name      string
		firstMax  int
		wantFirst string
	}{
		{"cut at the clause", 60, "When a man looks for something beyond his reach,"},
		{"cut between words when the clause is too long", 20, "When a man looks"},
		{"no cut under the cap", 200, "When a man looks for something beyond his reach, his friends say he is looking for the pot of gold at the end of the rainbow."},
		{"cap turned off", -1, "When a man looks for something beyond his reach, his friends say he is looking for the pot of gold at the end of the rainbow."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustNew(t, Options{FirstChunkMaxIDs: tt.firstMax, Normalization: NormalizeKokoroJS})
			chunks, err := p.Chunks(context.Background(), text, "af_heart")
			if err != nil {
				t.Fatal(err)
			}
			if chunks[0].Text != tt.wantFirst {
				t.Errorf("first chunk = %q, want %q", chunks[0].Text, tt.wantFirst)
			}
			if tt.firstMax > 0 && len(chunks[0].IDs) > tt.firstMax {
				t.Errorf("first chunk has %d ids, more than %d", len(chunks[0].IDs), tt.firstMax)
			}
			// Only the first chunk is cut: the second sentence stays whole.
			if last := chunks[len(chunks)-1].Text; last != "Then they laugh." {
				t.Errorf("last chunk = %q, want \"Then they laugh.\"", last)
			}
			var texts []string
			for _, c := range chunks {
				texts = append(texts, c.Text)
			}
			if got := strings.Join(texts, " "); got != text {
				t.Errorf("chunk texts joined = %q, want %q", got, text)
			}
		})
	}
}

func TestChunksFirstChunkCapSkipsEmptySentence(t *testing.T) {
	t.Parallel()

	// A leading sentence with no ids does not use up the cap: it applies
	// to the first chunk that is returned.
	p := mustNew(t, Options{FirstChunkMaxIDs: 30, Normalization: NormalizeKokoroJS})
	chunks, err := p.Chunks(context.Background(), "\u0301\u0301.\nThe north wind and the sun were disputing which was the stronger, when a traveler came along.", "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks[0].IDs) > 30 {
		t.Errorf("first chunk %q has %d ids, more than 30", chunks[0].Text, len(chunks[0].IDs))
	}
}

func TestChunksDroppedCount(t *testing.T) {
	t.Parallel()

	// kokoro-js's normalization turns brackets into « and », which are not
	// in the vocabulary.
	p := mustNew(t, Options{Normalization: NormalizeKokoroJS})
	chunks, err := p.Chunks(context.Background(), "Call (555) now.", "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) != 1 {
		t.Fatalf("got %d chunks, want 1", len(chunks))
	}
	if chunks[0].Dropped != 2 {
		t.Errorf("Dropped = %d for phonemes %q, want 2", chunks[0].Dropped, chunks[0].Phonemes)
	}
	for _, id := range chunks[0].IDs {
		if id == PadID {
			t.Errorf("ids %v contain the pad id", chunks[0].IDs)
		}
	}
}

func TestChunksErrors(t *testing.T) {
	t.Parallel()

	p := mustNew(t, Options{})

	_, err := p.Chunks(context.Background(), "Hello.", "xx_nobody")
	if err == nil || !strings.Contains(err.Error(), `"xx_nobody"`) {
		t.Errorf("unknown voice: error = %v, want one naming the voice", err)
	}

	_, err = p.Chunks(context.Background(), "  ", "af_heart")
	if !errors.Is(err, ErrNoSpeech) {
		t.Errorf("blank text: error = %v, want ErrNoSpeech", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = p.Chunks(ctx, "Hello there. How are you?", "af_heart")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: error = %v, want context.Canceled", err)
	}
}

func TestChunksConcurrent(t *testing.T) {
	t.Parallel()

	p := mustNew(t, Options{})
	inputs := []struct{ text, voice string }{
		{"The quick brown fox jumps over the lazy dog. It was 3:45 p.m.", "af_heart"},
		{"The quick brown fox jumps over the lazy dog. It was 3:45 p.m.", "bf_emma"},
		{longSentence, "af_heart"},
		{"¿Dónde está la biblioteca? Está allí.", "ef_dora"},
	}
	want := make([][]Chunk, len(inputs))
	for i, in := range inputs {
		cs, err := p.Chunks(context.Background(), in.text, in.voice)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = cs
	}

	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		errors []string
	)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range 6 {
				i := (g + r) % len(inputs)
				got, err := p.Chunks(context.Background(), inputs[i].text, inputs[i].voice)
				if err != nil || !reflect.DeepEqual(got, want[i]) {
					mu.Lock()
					errors = append(errors, fmt.Sprintf("goroutine %d input %d: chunks differ from the serial run (error %v)", g, i, err))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range errors {
		t.Error(e)
	}
}
