package normalize

import (
	"strings"
	"testing"
)

const (
	// benchSentence is a typical sentence for a voice assistant.
	benchSentence = "Your appointment with Dr. Patel is confirmed for Tuesday at 10:30 a.m."

	// benchParagraph is a long paragraph that exercises most rules.
	benchParagraph = "On 2023-10-27 the company reported revenue of $12.5 million, up 8.3% from the 1990s " +
		"peak, and said the FBI had no comment. Call (555) 123-4567 or visit https://example.com/docs for " +
		"details. The new model runs at 4.7 GB/s, scored 3-2 against the old one, and ships in version " +
		"2.0.1; Queen Elizabeth II opened the 21st annual meeting at 9:45 pm. Prices range from £250 to " +
		"€1,000, about 3/4 of last year's total, and the temperature fell to -5°C overnight. " +
		"We're not sure whether they'd agree, but it's worth asking, isn't it? The quick brown fox jumps " +
		"over the lazy dog while NASA launches the probe in the early hours of the morning."
)

func benchmarkText(b *testing.B, text, lang string) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Text(text, lang)
	}
}

func BenchmarkText(b *testing.B) {
	b.Run("sentence", func(b *testing.B) { benchmarkText(b, benchSentence, "en-us") })
	b.Run("paragraph", func(b *testing.B) { benchmarkText(b, benchParagraph, "en-us") })
	b.Run("paragraph-british", func(b *testing.B) { benchmarkText(b, benchParagraph, "en") })
	b.Run("paragraph-spanish", func(b *testing.B) { benchmarkText(b, benchParagraph, "es") })
	b.Run("100KB", func(b *testing.B) {
		benchmarkText(b, strings.Repeat(benchParagraph+" ", 100*1024/len(benchParagraph)), "en-us")
	})
}

func BenchmarkKokoroJS(b *testing.B) {
	for _, c := range []struct{ name, text string }{{"sentence", benchSentence}, {"paragraph", benchParagraph}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				KokoroJS(c.text)
			}
		})
	}
}
