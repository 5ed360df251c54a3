package g2p

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// The seed inputs are in testdata/fuzz/FuzzSplitSentences,
// testdata/fuzz/FuzzChunks, testdata/fuzz/FuzzOverrides and
// testdata/fuzz/FuzzParseDictionary. Run a target with, for example:
//
//	go test ./g2p -run '^$' -fuzz FuzzChunks -fuzztime 60s

// FuzzSplitSentences checks that SplitSentences returns trimmed, non-empty
// sentences that keep every non-space character of the text, in order.
func FuzzSplitSentences(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		sentences := SplitSentences(text)

		var got strings.Builder
		for _, s := range sentences {
			if s == "" || jsTrim(s) != s {
				t.Errorf("sentence %q is empty or not trimmed", s)
			}
			got.WriteString(s)
		}
		dropSpace := func(s string) string {
			return strings.Map(func(r rune) rune {
				if isJSSpace(r) {
					return -1
				}
				return r
			}, string([]rune(s)))
		}
		if dropSpace(got.String()) != dropSpace(text) {
			t.Errorf("sentences %q lose or add characters of %q", sentences, text)
		}
	})
}

// fuzzVoices are the voices FuzzChunks picks from, one per language.
var fuzzVoices = []string{"af_heart", "bf_emma", "ef_dora", "ff_siwis", "hf_alpha", "if_sara", "pf_dora", "jf_alpha", "zf_xiaobei"}

// FuzzChunks checks that Chunks returns chunks of 1 to MaxIDs vocabulary
// ids, or ErrNoSpeech, and that text with an ASCII letter or digit always
// gives chunks. Text with inline overrides may also give
// ErrOverrideTooLong, and ErrNoSpeech when the overrides have no phonemes.
func FuzzChunks(f *testing.F) {
	p, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, voice uint8) {
		v := fuzzVoices[int(voice)%len(fuzzVoices)]
		// The deadline only stops a hang; no assertion is made on time.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()

		chunks, err := p.Chunks(ctx, text, v)
		_, ovs := protectOverrides(text)
		if err != nil {
			if len(ovs) > 0 && errors.Is(err, ErrOverrideTooLong) {
				return
			}
			if !errors.Is(err, ErrNoSpeech) {
				t.Fatalf("Chunks(%q, %s) error: %v", text, v, err)
			}
			if len(ovs) == 0 && strings.ContainsFunc(text, isASCIILetterOrDigit) {
				t.Fatalf("Chunks(%q, %s) gives no speech for text with a letter or digit: %v", text, v, err)
			}
			return
		}
		checkChunks(t, chunks, MaxIDs)
	})
}

func isASCIILetterOrDigit(r rune) bool {
	return isASCIILetter(r) || r >= '0' && r <= '9'
}
