package g2p

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// vocabIDs is the set of ids that Tokenize can return.
var vocabIDs = func() map[int64]bool {
	ids := make(map[int64]bool, len(vocab))
	for _, id := range vocab {
		ids[id] = true
	}
	return ids
}()

// checkChunks reports chunks that break the contract of Chunks: no ids,
// too many ids, or an id outside the vocabulary.
func checkChunks(t testing.TB, chunks []Chunk, limit int) {
	t.Helper()
	for i, c := range chunks {
		if len(c.IDs) == 0 || len(c.IDs) > limit {
			t.Errorf("chunk %d %.40q has %d ids, want 1 to %d", i, c.Text, len(c.IDs), limit)
		}
		for _, id := range c.IDs {
			if !vocabIDs[id] {
				t.Errorf("chunk %d %.40q has id %d, not in the vocabulary", i, c.Text, id)
				break
			}
		}
	}
}

// hundredKB is about 100 KB of ordinary sentences.
var hundredKB = func() string {
	const paragraph = "The north wind and the sun were disputing which was the stronger, when a traveler came along wrapped in a warm cloak. They agreed that the one who first succeeded in making the traveler take his cloak off should be considered stronger than the other. It cost $12.50 on 3/4/2024 at 10:30 a.m.\n"
	return strings.Repeat(paragraph, 100*1024/len(paragraph)+1)
}()

func TestChunksBadInput(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		text string
		// speech is true when the text must give chunks, false when it
		// must give ErrNoSpeech; nil accepts either.
		speech *bool
	}{
		{"empty", "", ptr(false)},
		{"whitespace only", " \t\r\n\u00a0\u3000 ", ptr(false)},
		{"punctuation only", "?!... ,;: —", ptr(true)},
		{"brackets only", "()[]{}«»", nil},
		{"emoji only", "😀🙂🎉👍🏽👨‍👩‍👧", nil},
		{"100 KB of text", hundredKB, ptr(true)},
		{"invalid UTF-8", "Hello \xff\xfe\xc3 world. \xe2\x82", ptr(true)},
		{"NUL bytes", "Hello\x00world. \x00\x00", ptr(true)},
		{"control characters", "\x01\x02Hello\x07\x08 world\x1b[31m.\x7f", ptr(true)},
		{"right-to-left text", "שלום עולם. مرحبا بالعالم.", nil},
		{"mixed directions", "Hello \u202eolleh\u202c world.", ptr(true)},
		{"combining marks", "e\u0301e\u0301 n\u0303o a\u0308\u0308\u0308\u0308", ptr(true)},
		{"combining marks only", strings.Repeat("\u0301", 500), nil},
		{"10,000 letters", strings.Repeat("a", 10000), ptr(true)},
		{"10,000 periods", strings.Repeat(".", 10000), ptr(true)},
		{"10,000 commas", strings.Repeat(",", 10000), ptr(true)},
		{"10,000 spaces", strings.Repeat(" ", 10000), ptr(false)},
		{"10,000 newlines", strings.Repeat("\n", 10000), ptr(false)},
		{"10,000 emoji", strings.Repeat("😀", 10000), nil},
		{"10,000 digits", strings.Repeat("7", 10000), ptr(true)},
		{"10,000 quotes", strings.Repeat(`"`, 10000), nil},
		{"10,000 open brackets", strings.Repeat("(", 10000), nil},
		{"10,000 CJK characters", strings.Repeat("中", 10000), nil},

		// About 100 KB in one sentence: every terminator is a candidate
		// boundary that the splitter must reject in constant time.
		{"periods before lowercase", strings.Repeat("a. ", 30000), ptr(true)},
		{"abbreviations", strings.Repeat("Dr. ", 30000), ptr(true)},
		{"e-mail addresses", strings.Repeat("x@y. ", 20000), ptr(true)},
	}
	for _, voice := range []string{"af_heart", "bf_emma"} {
		for _, tt := range tests {
			t.Run(voice+"/"+tt.name, func(t *testing.T) {
				t.Parallel()

				p := mustNew(t, Options{})
				// The deadline only stops a hang; no assertion is made on time.
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				defer cancel()

				chunks, err := p.Chunks(ctx, tt.text, voice)
				switch {
				case err != nil && !errors.Is(err, ErrNoSpeech):
					t.Fatalf("Chunks error: %v", err)
				case err != nil && tt.speech != nil && *tt.speech:
					t.Fatalf("Chunks error %v, want chunks", err)
				case err == nil && tt.speech != nil && !*tt.speech:
					t.Fatalf("Chunks returned %d chunks, want ErrNoSpeech", len(chunks))
				case err == nil && len(chunks) == 0:
					t.Fatal("Chunks returned no chunks and no error")
				}
				checkChunks(t, chunks, MaxIDs)
			})
		}
	}
}

func ptr(b bool) *bool { return &b }
