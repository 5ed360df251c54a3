package g2p

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		text string
		want []string
	}{
		// Every expected value here is what kokoro-js 1.2.1 returns.

		// Ordinary cases.
		{"one sentence", "Hello world.", []string{"Hello world."}},
		{"three sentences", "Yes. No. Maybe.", []string{"Yes.", "No.", "Maybe."}},
		{"exclamation and question", "Oh no! Why? Fine.", []string{"Oh no!", "Why?", "Fine."}},
		{"ellipsis character", "Wait… what?", []string{"Wait…", "what?"}},
		{"no final punctuation", "Hello there. How are you", []string{"Hello there.", "How are you"}},
		{"newline", "Line one\nLine two", []string{"Line one", "Line two"}},
		{"CJK full stop", "你好。 再见。", []string{"你好。", "再见。"}},

		// Cases where a terminator does not end a sentence.
		{"abbreviation", "Dr. Smith is here. He waits.", []string{"Dr. Smith is here.", "He waits."}},
		{"abbreviation before a digit", "It was Sept. 9 here. Then left.", []string{"It was Sept. 9 here.", "Then left."}},
		{"initials before a capital", "The U.S. Army came. It left.", []string{"The U.S. Army came.", "It left."}},
		{"period before lowercase", "It was 5 p.m. and late. Yes.", []string{"It was 5 p.m. and late.", "Yes."}},
		{"decimal", "Pi is 3.14 today. Yes.", []string{"Pi is 3.14 today.", "Yes."}},
		{"numbered list item", "1. First\n2. Second", []string{"1. First", "2. Second"}},
		{"inside quotes", `He said "Stop. Now." and left. Then came back.`, []string{`He said "Stop. Now." and left.`, "Then came back."}},
		{"inside brackets", "(One. Two.) Three. Four.", []string{"(One. Two.) Three.", "Four."}},
		{"apostrophe inside a word", "Don't go. Stay.", []string{"Don't go.", "Stay."}},
		{"URL", "See https://a.b/c.d?e today. Bye.", []string{"See https://a.b/c.d?e today.", "Bye."}},
		{"e-mail address", "Mail x.y@z.org today. Bye.", []string{"Mail x.y@z.org today.", "Bye."}},
		{"lone ellipsis", "... Hello. Bye.", []string{"... Hello.", "Bye."}},
		{"closing quote after terminator", `"Go!" she said. Then ran.`, []string{`"Go!" she said.`, "Then ran."}},

		// Edge cases.
		{"empty", "", nil},
		{"whitespace", " \n\t ", nil},
		{"terminators only", "?!.", []string{"?!."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitSentences(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("SplitSentences(%q)\n  got  %q\n  want %q", tt.text, got, tt.want)
			}
		})
	}
}

// splitterDifferences lists inputs on which SplitSentences differs from
// kokoro-js 1.2.1's TextSplitterStream on purpose, with the reason.
var splitterDifferences = []struct {
	text, reason string
	want         []string
}{
	{
		text:   "Write to a@b.com\nThanks",
		reason: "kokoro-js loops forever when a newline ends an e-mail address or URL, because it moves back to the newline it is on",
		want:   []string{"Write to a@b.com\nThanks"},
	},
	{
		text:   "Go to http://x.org\nNow.",
		reason: "the same endless loop, for a URL",
		want:   []string{"Go to http://x.org\nNow."},
	},
}

func TestSplitSentencesIntendedDifferences(t *testing.T) {
	t.Parallel()

	for _, d := range splitterDifferences {
		if got := SplitSentences(d.text); !slices.Equal(got, d.want) {
			t.Errorf("SplitSentences(%q) = %q, want %q (%s)", d.text, got, d.want, d.reason)
		}
	}
}

func TestSplitSentencesKeepsText(t *testing.T) {
	t.Parallel()

	// Sentences are trimmed, but no other character is lost or added.
	text := "First one.  Second one!\n\nThird: with (brackets. inside) it? Last"
	var got strings.Builder
	for _, s := range SplitSentences(text) {
		got.WriteString(s)
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if strip(got.String()) != strip(text) {
		t.Errorf("sentences joined = %q, want the characters of %q", got.String(), text)
	}
}
