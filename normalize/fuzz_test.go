package normalize

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var fuzzLangs = []string{"en-us", "en", "es", "fr-fr", "hi", "it", "pt-br", "ja", "cmn"}

// checkOutput reports what is wrong with out as the result of Text(in).
func checkOutput(t *testing.T, in, lang, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("Text(%q, %q) = %q: invalid UTF-8", short(in), lang, short(out))
	}
	for _, r := range out {
		if r != '\n' && (unicode.IsControl(r) || r == utf8.RuneError) {
			t.Errorf("Text(%q, %q) = %q: contains %U", short(in), lang, short(out), r)
			break
		}
	}
	if out != strings.TrimSpace(out) {
		t.Errorf("Text(%q, %q) = %q: not trimmed", short(in), lang, short(out))
	}
	if speakable(in) && !hasWordRune(out) {
		t.Errorf("Text(%q, %q) = %q: speakable input gave no words", short(in), lang, short(out))
	}
}

// short cuts s to its first 80 bytes for an error message.
func short(s string) string {
	if len(s) <= 80 {
		return s
	}
	return s[:80] + "…"
}

// speakable reports whether s has a letter or digit that Text must keep in
// some form: one that is not part of an HTML entity name, not a format or
// private-use character, and accepted by the UTF-8 decoder.
func speakable(s string) bool {
	return hasWordRune(sanitize(decodeEntities(s)))
}

func FuzzText(f *testing.F) {
	for _, seed := range []string{
		"Dr. Patel met Mr. Jones at 9:45 on 2023-10-27 and paid $2.50.",
		"The FBI & CIA (555) 123-4567 won 3-2 in the 1990s.",
		"Elizabeth II, World War II, v2.0.1, 3/4 cup, 4.7 GB, -5°C, 50%.",
		"Visit https://github.com/ttsbench/ttsbench or mail a@b.co.",
		"**bold** [link](http://x.y) `code` # heading 🎉",
		"&amp; &lt; &#39; &#x1F600; &bogus;",
		"Tengo 25 años.", "東京。大阪！", "مرحبا بالعالم", "e\u0301\u0301\u0301",
		"\x00\x01\xff\xfe", "", " ", "...", "1,2,3,4,5,6", "1-2-3-4", "$$$", "::::",
	} {
		for i := range fuzzLangs {
			f.Add(seed, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, langIndex uint8) {
		lang := fuzzLangs[int(langIndex)%len(fuzzLangs)]
		checkOutput(t, s, lang, Text(s, lang))
	})
}

func FuzzKokoroJS(f *testing.F) {
	for _, c := range readOracle(f)[:200] {
		f.Add(c.Input)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := KokoroJS(s); !utf8.ValidString(out) {
			t.Errorf("KokoroJS(%q) = %q: invalid UTF-8", short(s), short(out))
		}
	})
}

// TestTextBadInput runs Text on hostile and degenerate input. Each call
// runs in a goroutine with a generous deadline, so a hang fails the test
// instead of stalling the run. Speed is measured by the benchmarks and not
// asserted here.
func TestTextBadInput(t *testing.T) {
	hundredKB := strings.Repeat("Dr. Smith paid $1,234.56 on 2023-10-27 at 9:45 pm for 3 GB; see www.example.com. ", 1300)
	cases := map[string]string{
		"empty":               "",
		"whitespace only":     " \t\n\r\u00a0\u3000 ",
		"punctuation only":    "!?.,;:—…()[]{}\"'",
		"emoji only":          "🎉👍🏽🇫🇷❤️",
		"100 KB of text":      hundredKB[:100*1024],
		"invalid UTF-8":       "abc\xff\xfe\xc3(def\xed\xa0\x80",
		"NUL and controls":    "a\x00b\x01c\x1bd\x7fe\u0085f\u009bg",
		"right to left":       "\u202eabc\u202c مرحبا 123 שלום",
		"combining marks":     "e\u0301\u0301\u0301\u0301 a\u0308 \u0301\u0301",
		"repeated character":  strings.Repeat("a", 10000),
		"repeated digit":      strings.Repeat("9", 10000),
		"repeated dollar":     strings.Repeat("$", 10000),
		"repeated hyphen":     strings.Repeat("1-", 5000),
		"repeated period":     strings.Repeat(".", 10000),
		"repeated colon":      strings.Repeat("1:", 5000),
		"repeated space":      "a" + strings.Repeat(" ", 10000) + "1-2",
		"repeated underscore": strings.Repeat("_", 10000),
		"repeated emoji":      strings.Repeat("🎉", 10000),
		"repeated entity":     strings.Repeat("&amp;", 10000),
		"repeated capitals":   strings.Repeat("ABC ", 2500),
		"long number":         "$" + strings.Repeat("1", 5000) + ".5",
		"lone surrogate":      "\xed\xa0\x80",
		"only format chars":   "\u200b\u200d\ufeff\u00ad",
	}
	for name, in := range cases {
		for _, lang := range []string{"en-us", "en", "es", "ja"} {
			done := make(chan string, 1)
			go func() { done <- Text(in, lang) }()
			select {
			case out := <-done:
				checkOutput(t, in, lang, out)
			case <-time.After(30 * time.Second):
				t.Fatalf("%s, %s: Text did not return within 30 s", name, lang)
			}
		}
	}
}

func TestTextEmptyForUnspeakable(t *testing.T) {
	for _, in := range []string{"", "   ", "\n\n", "🎉", "\u200b", "\xff"} {
		if got := Text(in, "en-us"); got != "" {
			t.Errorf("Text(%q) = %q, want empty", in, got)
		}
	}
}

func TestTextKeepsLinkOnlyWords(t *testing.T) {
	if got := Text("[](example)", "en-us"); !strings.Contains(got, "example") {
		t.Errorf("Text(%q) = %q, want the link target kept", "[](example)", got)
	}
}
