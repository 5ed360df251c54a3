package g2p

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestProtectOverrides(t *testing.T) {
	t.Parallel()

	type ov struct{ text, phonemes string }
	tests := []struct {
		name string
		in   string
		want []ov // nil when the text must stay as written
	}{
		{"one word", "[Kokoro](/kˈOkəɹO/)", []ov{{"Kokoro", "kˈOkəɹO"}}},
		{"several words", "Visit [New York](/nˈu jˈɔɹk/) soon.", []ov{{"New York", "nˈu jˈɔɹk"}}},
		{"two overrides", "[a](/ɐ/) and [b](/bˈi/)", []ov{{"a", "ɐ"}, {"b", "bˈi"}}},
		{"adjacent", "[a](/ɐ/)[b](/bˈi/)", []ov{{"a", "ɐ"}, {"b", "bˈi"}}},
		{"innermost bracket", "[a [b](/bˈi/)", []ov{{"b", "bˈi"}}},
		{"newline in link text", "[New\nYork](/nˈu jˈɔɹk/)", []ov{{"New\nYork", "nˈu jˈɔɹk"}}},
		{"punctuation in link text", "[Dr. No!](/dˈɑktəɹ nˈO/)", []ov{{"Dr. No!", "dˈɑktəɹ nˈO"}}},
		{"whitespace around phonemes", "[a](/ ɐ \t/)", []ov{{"a", "ɐ"}}},
		{"empty phonemes", "[um](//)", []ov{{"um", ""}}},
		{"no closing slash", "[a](/ɐ)", nil},
		{"no opening slash", "[a](ɐ/)", nil},
		{"space before the target", "[a] (/ɐ/)", nil},
		{"empty link text", "[](/ɐ/)", nil},
		{"blank link text", "[ \t](/ɐ/)", nil},
		{"slash in phonemes", "[a](/ɐ/b/)", nil},
		{"unclosed link", "[a(/ɐ/)", nil},
		{"ordinary link", "[docs](https://example.com/)", nil},
		{"stress link", "[word](-1)", nil},
		{"no brackets", "plain text / with (slashes)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			protected, ovs := protectOverrides(tt.in)
			if tt.want == nil {
				if protected != tt.in || ovs != nil {
					t.Fatalf("protectOverrides(%q) = %q with %d overrides, want the text unchanged", tt.in, protected, len(ovs))
				}
				return
			}

			var got []ov
			for _, r := range protected {
				if o, ok := ovs[r]; ok {
					got = append(got, ov{o.text, o.phonemes})
				}
			}
			if len(got) != len(tt.want) || len(ovs) != len(tt.want) {
				t.Fatalf("protectOverrides(%q) found %+v, want %+v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("override %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if back := ovs.sourceText(protected); back != tt.in {
				t.Errorf("sourceText = %q, want the input %q", back, tt.in)
			}
		})
	}
}

func TestProtectOverridesSkipsRunesInText(t *testing.T) {
	t.Parallel()

	// The text already has the first two placeholder runes.
	text := string(firstPlaceholder) + string(firstPlaceholder+1) + " [a](/ɐ/)"
	protected, ovs := protectOverrides(text)
	if len(ovs) != 1 {
		t.Fatalf("got %d overrides, want 1", len(ovs))
	}
	for r := range ovs {
		if strings.ContainsRune(text, r) {
			t.Errorf("placeholder %U is already in the text", r)
		}
	}
	if back := ovs.sourceText(protected); back != text {
		t.Errorf("sourceText = %q, want %q", back, text)
	}
}

func TestNormalizeAroundFallback(t *testing.T) {
	t.Parallel()

	protected, ovs := protectOverrides("Hello,  [a](/ɐ/) world [b](/bˈi/)!")
	// A normalizer that loses the placeholders, as no real one does.
	dropLetters := func(s string) string {
		return strings.ToUpper(strings.Map(func(r rune) rune {
			if r >= firstPlaceholder {
				return -1
			}
			return r
		}, s))
	}
	got := ovs.normalizeAround(protected, dropLetters)
	if want := "HELLO, " + string(firstPlaceholder) + " WORLD " + string(firstPlaceholder+1) + "!"; got != want {
		t.Errorf("normalizeAround = %q, want %q", got, want)
	}

	keep := func(s string) string { return strings.ToUpper(s) }
	if got := ovs.normalizeAround(protected, keep); got != strings.ToUpper(protected) {
		t.Errorf("normalizeAround with a normalizer that keeps placeholders = %q, want %q", got, strings.ToUpper(protected))
	}
}

// chunkWant is the text and phonemes expected of one chunk.
type chunkWant struct{ text, phonemes string }

// checkChunkTexts compares the text and phonemes of chunks with want.
func checkChunkTexts(t *testing.T, chunks []Chunk, want []chunkWant) {
	t.Helper()
	if len(chunks) != len(want) {
		var got []chunkWant
		for _, c := range chunks {
			got = append(got, chunkWant{c.Text, c.Phonemes})
		}
		t.Fatalf("got %d chunks %q, want %d %q", len(chunks), got, len(want), want)
	}
	for i, c := range chunks {
		if c.Text != want[i].text {
			t.Errorf("chunk %d text = %q, want %q", i, c.Text, want[i].text)
		}
		if c.Phonemes != want[i].phonemes {
			t.Errorf("chunk %d phonemes = %q, want %q", i, c.Phonemes, want[i].phonemes)
		}
	}
}

func TestChunksOverrides(t *testing.T) {
	t.Parallel()

	dict, err := NewDictionary(map[string]string{"espeak": "ˈiːspiːk"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		voice string
		opts  Options
		in    string
		want  []chunkWant
	}{
		{
			name: "punctuation around",
			in:   `Say "[Kokoro](/kˈOkəɹO/)", please.`,
			want: []chunkWant{{`Say "Kokoro", please.`, `sˈeɪ "kˈOkəɹO", plˈiːz.`}},
		},
		{
			name: "sentence end",
			in:   "I use [Kokoro](/kˈOkəɹO/). It is small.",
			want: []chunkWant{{"I use Kokoro.", "aɪ jˈuːz kˈOkəɹO."}, {"It is small.", "ɪɾ ɪz smˈɔːl."}},
		},
		{
			name: "several overrides",
			in:   "[Misaki](/misˈɑki/) is a G2P engine designed for [Kokoro](/kˈOkəɹO/) models.",
			want: []chunkWant{{"Misaki is a G2P engine designed for Kokoro models.", "misˈɑki ɪz ɐ dʒˈiː tˈuː pˈiː ˈɛndʒɪn dɪzˈaɪnd fɔːɹ kˈOkəɹO mˈɑːdəlz."}},
		},
		{
			name: "override, dictionary and numbers",
			opts: Options{Dictionary: dict},
			in:   "[Kokoro](/kˈOkəɹO/) has 82 million parameters; espeak has 2.",
			want: []chunkWant{{"Kokoro has 82 million parameters; espeak has 2.", "kˈOkəɹO hɐz ˈeɪɾi tˈuː mˈɪliən pɚɹˈæmɪɾɚz; ˈiːspiːk hɐz tˈuː."}},
		},
		{
			name: "numbers in an override stay as given",
			in:   "It was [1984](/nˈIntin ˈATi fˈɔɹ/), not 1985.",
			want: []chunkWant{{"It was 1984, not 1985.", "ɪt wʌz nˈIntin ˈATi fˈɔɹ, nˌɑːt nˈaɪntiːn ˈeɪɾi fˈaɪv."}},
		},
		{
			name: "sentence punctuation inside an override",
			in:   "[Dr. No!](/dˈɑktəɹ nˈO/) Is a film. Yes.",
			want: []chunkWant{{"Dr. No! Is a film.", "dˈɑktəɹ nˈO ɪz ɐ fˈɪlm."}, {"Yes.", "jˈɛs."}},
		},
		{
			name: "unstressed words next to an override",
			in:   "the [Kokoro](/kˈOkəɹO/) of a",
			want: []chunkWant{{"the Kokoro of a", "ðə kˈOkəɹO əvə"}},
		},
		{
			name: "stand-in word in the text",
			in:   "zork [Kokoro](/kˈOkəɹO/) zork",
			want: []chunkWant{{"zork Kokoro zork", "zˈoːɹk kˈOkəɹO zˈoːɹk"}},
		},
		{
			name: "possessive",
			in:   "[Kokoro](/kˈOkəɹO/)'s voice and the [bus](/bˈʌs/)’s wheels.",
			want: []chunkWant{{"Kokoro's voice and the bus’s wheels.", "kˈOkəɹOz vˈɔɪs ænd ðə bˈʌsᵻz wˈiːlz."}},
		},
		{
			name: "adjacent overrides",
			in:   "[a](/ɐ/)[b](/bˈi/) [c](/sˈi/)",
			want: []chunkWant{{"ab c", "ɐbˈi sˈi"}},
		},
		{
			name: "empty phonemes say nothing",
			in:   "Well, [um](//) yes.",
			want: []chunkWant{{"Well, um yes.", "wˈɛl, jˈɛs."}},
		},
		{
			name: "unknown symbols",
			in:   "[x](/kˈO€/)",
			want: []chunkWant{{"x", "kˈO€"}},
		},
		{
			name:  "Spanish",
			voice: "ef_dora",
			in:    "El [Kokoro](/kokˈoɾo/) tiene 82 millones.",
			want:  []chunkWant{{"El Kokoro tiene 82 millones.", "el kokˈoɾo tjˈene otʃˌɛntaiðˈos miʎˈones."}},
		},
		{
			name: "normalizer off",
			opts: Options{Normalization: NormalizeNone},
			in:   "[Kokoro](/kˈOkəɹO/) 2",
			want: []chunkWant{{"Kokoro 2", "kˈOkəɹO tˈuː"}},
		},
		{
			name: "kokoro-js normalizer",
			opts: Options{Normalization: NormalizeKokoroJS},
			in:   "[Kokoro](/kˈOkəɹO/) paid $5.",
			want: []chunkWant{{"Kokoro paid $5.", "kˈOkəɹO pˈeɪd fˈaɪv dˈɑːlɚz."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			voice := tt.voice
			if voice == "" {
				voice = "af_heart"
			}
			p := mustNew(t, tt.opts)
			chunks, err := p.Chunks(context.Background(), tt.in, voice)
			if err != nil {
				t.Fatal(err)
			}
			checkChunkTexts(t, chunks, tt.want)
		})
	}
}

func TestChunksUnknownOverrideSymbolsCounted(t *testing.T) {
	t.Parallel()

	p := mustNew(t, Options{})
	chunks, err := p.Chunks(context.Background(), "[x](/k€O«/)", "af_heart")
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) != 1 {
		t.Fatalf("got %d chunks, want 1", len(chunks))
	}
	if chunks[0].Dropped != 2 {
		t.Errorf("Dropped = %d, want 2 (€ and «)", chunks[0].Dropped)
	}
	if len(chunks[0].IDs) != 2 {
		t.Errorf("got %d ids, want 2 (k and O)", len(chunks[0].IDs))
	}
}

func TestChunksMalformedOverrides(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name, in string
		// same is text without the markup that must give the same
		// phonemes, or "" when the markup is read aloud.
		same string
	}{
		{"no closing slash", "[Kokoro](/kˈOkəɹO)", "Kokoro"},
		{"no slashes", "[Kokoro](kˈOkəɹO)", "Kokoro"},
		{"empty link text", "Hi [](/kˈOkəɹO/) there", "Hi there"},
		{"space before the target", "[Kokoro] (/kˈOkəɹO/)", ""},
		{"unclosed bracket", "[Kokoro(/kˈOkəɹO/)", ""},
		{"lone brackets", "]](/(/[[", ""},
	}
	p := mustNew(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks, err := p.Chunks(context.Background(), tt.in, "af_heart")
			if err != nil && !errors.Is(err, ErrNoSpeech) {
				t.Fatalf("Chunks(%q): %v", tt.in, err)
			}
			var phonemes []string
			for _, c := range chunks {
				phonemes = append(phonemes, c.Phonemes)
				if strings.Contains(c.Phonemes, "kˈOkəɹO") {
					t.Errorf("chunk phonemes %q use the phonemes of a malformed override", c.Phonemes)
				}
			}
			if len(chunks) > 0 && chunks[0].Text != tt.in {
				t.Errorf("chunk text = %q, want the input %q", chunks[0].Text, tt.in)
			}
			if tt.same == "" {
				return
			}
			plain, err := p.Chunks(context.Background(), tt.same, "af_heart")
			if err != nil {
				t.Fatal(err)
			}
			if len(plain) != len(chunks) || plain[0].Phonemes != chunks[0].Phonemes {
				t.Errorf("phonemes of %q = %q, want those of %q: %q", tt.in, phonemes, tt.same, plain[0].Phonemes)
			}
		})
	}
}

func TestChunksKeepOverridesWhole(t *testing.T) {
	t.Parallel()

	// Small chunks force cuts at clauses, words and inside words; no cut
	// may fall inside an override of two words.
	text := strings.Repeat("We flew to [New York](/nˈu jˈɔɹk/), then home again and [New York](/nˈu jˈɔɹk/)again. ", 6)
	for _, opts := range []Options{{MaxIDs: 30, FirstChunkMaxIDs: 12}, {MaxIDs: 12}} {
		p := mustNew(t, opts)
		chunks, err := p.Chunks(context.Background(), text, "af_heart")
		if err != nil {
			t.Fatal(err)
		}
		checkChunks(t, chunks, opts.MaxIDs)

		var texts, phonemes strings.Builder
		for _, c := range chunks {
			if strings.Count(c.Text, "New") != strings.Count(c.Text, "York") {
				t.Errorf("chunk text %q cuts an override", c.Text)
			}
			texts.WriteString(c.Text + " ")
			phonemes.WriteString(c.Phonemes + " ")
		}
		if got := strings.Count(texts.String(), "New York"); got != 12 {
			t.Errorf("MaxIDs %d: chunk texts have %q %d times, want 12", opts.MaxIDs, "New York", got)
		}
		if got := strings.Count(phonemes.String(), "nˈu jˈɔɹk"); got != 12 {
			t.Errorf("MaxIDs %d: chunk phonemes have the override %d times, want 12", opts.MaxIDs, got)
		}
	}
}

func TestChunksOverrideTooLong(t *testing.T) {
	t.Parallel()

	p := mustNew(t, Options{MaxIDs: 10})
	_, err := p.Chunks(context.Background(), "Say [it](/"+strings.Repeat("ɐ", 11)+"/) now.", "af_heart")
	if !errors.Is(err, ErrOverrideTooLong) {
		t.Fatalf("Chunks error = %v, want ErrOverrideTooLong", err)
	}
	if !strings.Contains(err.Error(), "[it](/") {
		t.Errorf("error %q does not show the override as written", err)
	}
}

func TestCutAtStandIn(t *testing.T) {
	t.Parallel()

	runs := []run{{text: "the "}, {given: true}, {text: " of "}, {given: true}}
	parts, ok := cutAtStandIn("ðə zˈoːɹk ʌv zˈoːɹk", "zˈoːɹk", runs)
	if !ok {
		t.Fatal("cutAtStandIn found no cut")
	}
	if parts[0] != "ðə" || parts[2] != "ʌv" {
		t.Errorf("parts = %q, want ðə and ʌv at 0 and 2", parts)
	}
	// The stand-in's phonemes once too often, or merged into a word.
	for _, ipa := range []string{"ðə zˈoːɹk ʌv zˈoːɹk zˈoːɹk", "ðə zˈoːɹkʌv zˈoːɹk"} {
		if _, ok := cutAtStandIn(ipa, "zˈoːɹk", runs); ok {
			t.Errorf("cutAtStandIn(%q) cut a reading that does not match the runs", ipa)
		}
	}
}

// FuzzOverrides checks that protectOverrides does not panic and that its
// placeholders give back the text exactly. The seed inputs are in
// testdata/fuzz/FuzzOverrides.
func FuzzOverrides(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		protected, ovs := protectOverrides(text)
		if back := ovs.sourceText(protected); back != text {
			t.Fatalf("sourceText(protectOverrides(%q)) = %q", text, back)
		}
		seen := map[rune]bool{}
		for _, r := range protected {
			o, ok := ovs[r]
			if !ok {
				continue
			}
			if seen[r] {
				t.Fatalf("placeholder %U appears twice in %q", r, protected)
			}
			seen[r] = true
			if jsTrim(o.text) == "" || strings.ContainsAny(o.text, "[]") {
				t.Errorf("override %q has link text %q", o.source, o.text)
			}
			if strings.ContainsAny(o.phonemes, "/)") || jsTrim(o.phonemes) != o.phonemes {
				t.Errorf("override %q has phonemes %q", o.source, o.phonemes)
			}
			if !overridePattern.MatchString(o.source) || strings.ContainsRune(text, r) {
				t.Errorf("override %q with placeholder %U is not an override of %q", o.source, r, text)
			}
		}
		if len(seen) != len(ovs) {
			t.Errorf("%d of %d placeholders are in the protected text", len(seen), len(ovs))
		}
		if utf8.ValidString(text) && !utf8.ValidString(protected) {
			t.Errorf("protected text of valid UTF-8 %q is invalid", text)
		}
	})
}
