package g2p

import (
	"context"
	"testing"

	"github.com/ttsbench/ttsbench/normalize"
)

// normalizeForBench runs the default normalizer as Chunks does.
func normalizeForBench(s string) string {
	return normalize.Text(s, string(AmericanEnglish))
}

// benchSentences are ordinary sentences of 20 to 140 ids, with numbers,
// money and abbreviations for the normalizer to rewrite.
var benchSentences = []string{
	"The meeting starts at 9:45 tomorrow morning.",
	"Dr. Patel and Mr. Jones met Mrs. Lee at St. Mary's Hospital.",
	"They raised $3.2 million in their first round.",
	"The north wind and the sun were disputing which was the stronger, when a traveler came along wrapped in a warm cloak.",
	"Streaming audio lets the listener start hearing speech before the whole sentence is ready.",
	"She was born in 1987 and moved to Paris in 2005.",
	"Your order has shipped and should arrive within 3 to 5 business days.",
	"Wait... what did you just say?",
}

// BenchmarkChunks measures Chunks on one sentence at a time, by
// normalizer, and reports the time per sentence. The difference between
// normalize=text and normalize=none is the cost of normalization; the rest
// is mostly espeak-ng.
func BenchmarkChunks(b *testing.B) {
	modes := []struct {
		name string
		mode Normalization
	}{
		{"normalize=text", NormalizeText},
		{"normalize=kokorojs", NormalizeKokoroJS},
		{"normalize=none", NormalizeNone},
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			p := mustNew(b, Options{Normalization: m.mode})
			ctx := context.Background()
			n := 0
			for b.Loop() {
				for _, s := range benchSentences {
					if _, err := p.Chunks(ctx, s, "af_heart"); err != nil {
						b.Fatal(err)
					}
				}
				n += len(benchSentences)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/sentence")
		})
	}
}

// BenchmarkTextPath measures the steps of Chunks that do not call
// espeak-ng, per sentence: sentence splitting, normalization, punctuation
// splitting, the rewrite rules and Tokenize.
func BenchmarkTextPath(b *testing.B) {
	ps := make([]string, len(benchSentences))
	for i, s := range benchSentences {
		p := mustNew(b, Options{Normalization: NormalizeNone})
		c, err := p.chunk(context.Background(), s, &input{lang: AmericanEnglish})
		if err != nil {
			b.Fatal(err)
		}
		ps[i] = c.Phonemes
	}

	n := 0
	for b.Loop() {
		for i, s := range benchSentences {
			for _, sentence := range SplitSentences(s) {
				normalizeForBench(sentence)
				splitPunct(sentence)
			}
			Tokenize(rewriteIPA(ps[i], AmericanEnglish))
		}
		n += len(benchSentences)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/sentence")
}

func BenchmarkSplitSentences(b *testing.B) {
	text := ""
	for _, s := range benchSentences {
		text += s + " "
	}
	for b.Loop() {
		SplitSentences(text)
	}
}

// BenchmarkChunksGiven measures Chunks on one sentence plain, with two
// inline overrides and with two dictionary words. Thanks to the stand-in
// word, a speech segment with given phonemes still takes one espeak-ng
// call, as a plain one does.
func BenchmarkChunksGiven(b *testing.B) {
	dict, err := NewDictionary(map[string]string{"Kokoro": "kˈOkəɹO", "espeak": "ˈiːspiːk"})
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		opts Options
		text string
	}{
		{"plain", Options{}, "The Kokoro model reads phonemes from espeak before it speaks them aloud."},
		{"overrides", Options{}, "The [Kokoro](/kˈOkəɹO/) model reads phonemes from [espeak](/ˈiːspiːk/) before it speaks them aloud."},
		{"dictionary", Options{Dictionary: dict}, "The Kokoro model reads phonemes from espeak before it speaks them aloud."},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			p := mustNew(b, c.opts)
			ctx := context.Background()
			for b.Loop() {
				if _, err := p.Chunks(ctx, c.text, "af_heart"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
