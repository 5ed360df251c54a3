package g2p

import (
	"slices"
	"testing"
)

func TestVocabSize(t *testing.T) {
	t.Parallel()

	// 115 symbols in Kokoro's vocabulary, less the pad.
	if got := len(vocab); got != 114 {
		t.Errorf("vocabulary has %d symbols besides the pad, want 114", got)
	}
	if _, ok := vocab['$']; ok {
		t.Error("the pad symbol \"$\" is in the lookup table")
	}
}

func TestTokenize(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name      string
		phonemes  string
		wantIDs   []int64
		wantDrops int
	}{
		{"word and period", "həlˈoʊ.", []int64{50, 83, 54, 156, 57, 135, 4}, 0},
		{"space and comma", "a, b", []int64{43, 3, 16, 44}, 0},
		{"script g is in the vocabulary", "ɡ", []int64{92}, 0},
		{"ASCII g is not", "g", []int64{}, 1},
		{"guillemets are not", "«a»", []int64{43}, 2},
		{"pad symbol is dropped", "$a$", []int64{43}, 2},
		{"combining tilde", "ɑ̃", []int64{69, 17}, 0},
		{"empty", "", []int64{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, dropped := Tokenize(tt.phonemes)
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("Tokenize(%q) ids = %v, want %v", tt.phonemes, ids, tt.wantIDs)
			}
			if dropped != tt.wantDrops {
				t.Errorf("Tokenize(%q) dropped = %d, want %d", tt.phonemes, dropped, tt.wantDrops)
			}
		})
	}
}

func TestPad(t *testing.T) {
	t.Parallel()

	ids := []int64{50, 83}
	got := Pad(ids)
	if want := []int64{0, 50, 83, 0}; !slices.Equal(got, want) {
		t.Errorf("Pad(%v) = %v, want %v", ids, got, want)
	}
	if want := []int64{50, 83}; !slices.Equal(ids, want) {
		t.Errorf("Pad modified its argument to %v", ids)
	}
	if got := Pad(nil); !slices.Equal(got, []int64{0, 0}) {
		t.Errorf("Pad(nil) = %v, want [0 0]", got)
	}
}
