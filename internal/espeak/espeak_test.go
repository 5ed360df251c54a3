//go:build cgo

package espeak

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

func TestVersion(t *testing.T) {
	t.Parallel()

	v := Version()
	if v == "" || !strings.Contains(v, ".") {
		t.Fatalf("Version() = %q, want a dotted version such as \"1.51\"", v)
	}
}

func TestPhonemizeKnownWords(t *testing.T) {
	t.Parallel()

	tests := []struct {
		text, voice, want string
	}{
		// US and British English differ in the vowel of "hello".
		{"Hello world", "en-us", "həlˈoʊ wˈɜːld"},
		{"Hello world", "en", "həlˈəʊ wˈɜːld"},
		// Punctuation ends a clause, and the clauses are joined with a space.
		{"Hello, world. How are you?", "en-us", "həlˈoʊ wˈɜːld hˈaʊ ɑːɹ juː"},
		// A language tag that is not a voice file name is looked up as a language.
		{"bonjour", "fr-fr", "bɔ̃ʒˈuʁ"},
		// Language switch markers such as "(en)" are removed.
		{"hello", "hi", "həlˈəʊ"},
		// Nothing to say.
		{"", "en-us", ""},
		{" \t\n ", "en-us", ""},
	}
	for _, tt := range tests {
		t.Run(tt.voice+"/"+tt.text, func(t *testing.T) {
			got, err := Phonemize(tt.text, tt.voice)
			if err != nil {
				t.Fatalf("Phonemize(%q, %q) error: %v", tt.text, tt.voice, err)
			}
			if got != tt.want {
				t.Errorf("Phonemize(%q, %q) = %q, want %q", tt.text, tt.voice, got, tt.want)
			}
		})
	}
}

func TestPhonemizeBadInput(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name, text string
	}{
		{"invalid UTF-8", "abc\xff\xfedef"},
		{"NUL byte", "abc\x00def"},
		{"control characters", "\x01\x02abc\x7f\x1b[0m"},
		{"lone combining mark", "\u0301\u0301"},
		{"right to left", "שלום עולם"},
		{"long word", strings.Repeat("a", 10000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Phonemize(tt.text, "en-us"); err != nil {
				t.Errorf("Phonemize(%q) error: %v", tt.text, err)
			}
		})
	}
}

func TestPhonemizeControlKeepsText(t *testing.T) {
	t.Parallel()

	tests := []struct{ text, want string }{
		// A NUL byte would end the C string.
		{"hello\x00world", "həlˈoʊ wˈɜːld"},
		// espeak-ng reads U+0001 as the start of an embedded command.
		{"\x01A", "ˈeɪ"},
		{"\x01\x02\x1bhello\x7f", "həlˈoʊ"},
	}
	for _, tt := range tests {
		got, err := Phonemize(tt.text, "en-us")
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("Phonemize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPhonemizeUnknownVoice(t *testing.T) {
	t.Parallel()

	_, err := Phonemize("hello", "zz-nope")
	if err == nil {
		t.Fatal("Phonemize with voice zz-nope: no error")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "espeak: ") || !strings.Contains(msg, `"zz-nope"`) {
		t.Errorf("error %q does not start with \"espeak: \" and name the voice", msg)
	}
	if _, err := Phonemize("hello", ""); err == nil {
		t.Error("Phonemize with an empty voice: no error")
	}

	// A failed voice change leaves the package usable.
	got, err := Phonemize("hello", "en-us")
	if err != nil || got != "həlˈoʊ" {
		t.Errorf("Phonemize after a bad voice = %q, %v; want \"həlˈoʊ\"", got, err)
	}
}

// TestPhonemizeConcurrent checks that calls from many goroutines, switching
// voices, give the same output as serial calls.
func TestPhonemizeConcurrent(t *testing.T) {
	t.Parallel()

	inputs := []struct{ text, voice string }{
		{"The quick brown fox jumps over the lazy dog.", "en-us"},
		{"The quick brown fox jumps over the lazy dog.", "en"},
		{"She sells sea shells by the sea shore, doesn't she?", "en-us"},
		{"Streaming audio lets the listener start hearing speech early.", "en"},
		{"hola, ¿cómo estás?", "es"},
		{"ciao, come stai?", "it"},
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		out, err := Phonemize(in.text, in.voice)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = out
	}

	const goroutines, rounds = 16, 25
	var (
		wg     sync.WaitGroup
		errsMu sync.Mutex
		errs   []string
	)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				i := (g + r) % len(inputs)
				got, err := Phonemize(inputs[i].text, inputs[i].voice)
				if err != nil || got != want[i] {
					errsMu.Lock()
					errs = append(errs, fmt.Sprintf("goroutine %d: Phonemize(%q, %q) = %q, %v; want %q", g, inputs[i].text, inputs[i].voice, got, err, want[i]))
					errsMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()

	for _, e := range errs {
		t.Error(e)
	}
}

func BenchmarkPhonemize(b *testing.B) {
	const text = "The north wind and the sun were disputing which was the stronger, when a traveler came along wrapped in a warm cloak."
	for b.Loop() {
		if _, err := Phonemize(text, "en-us"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPhonemizeMatchesCLI compares Phonemize with the phonemes that the
// espeak-ng command prints while it speaks, the way kokoro-js 1.2.1 (through
// its phonemizer package) reads phonemes from espeak-ng. The inputs include clauses that have no stressed word, the
// case where espeak_TextToPhonemes alone differs.
func TestPhonemizeMatchesCLI(t *testing.T) {
	t.Parallel()

	cli, err := exec.LookPath("espeak-ng")
	if err != nil {
		t.Fatalf("espeak-ng command not found (%v); install the espeak-ng package with scripts/setup.sh", err)
	}
	inputs := []string{
		"Hmm",
		"the",
		"of the",
		"I'm not sure about that",
		"Hello world",
		"He'd already left when she'd arrived",
		"The north wind and the sun were disputing which was the stronger",
		"to a",
		"and the",
		"it is",
		"as a matter of fact",
	}
	for _, voice := range []string{"en-us", "en"} {
		for _, text := range inputs {
			out, err := exec.Command(cli, "-q", "--ipa", "-v", voice, text).Output()
			if err != nil {
				t.Fatalf("%s -q --ipa -v %s %q: %v", cli, voice, text, err)
			}
			var clauses []string
			for _, line := range strings.Split(string(out), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					clauses = append(clauses, line)
				}
			}
			want := strings.Join(clauses, " ")

			got, err := Phonemize(text, voice)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("Phonemize(%q, %q) = %q, espeak-ng --ipa prints %q", text, voice, got, want)
			}
		}
	}
}
