package g2p

import "testing"

func TestSplitScripts(t *testing.T) {
	t.Parallel()

	tests := []struct{ in, want string }{
		{"Hello world", "Hello world"},
		{"café naïve", "café naïve"},
		{"Bद", "B द"},
		{"abcπδ", "abc πδ"},
		{"4th", "4th"},
		{"元気です", "元気です"},
		{"Aカ", "A カ"},
	}
	for _, tt := range tests {
		if got := splitScripts(tt.in); got != tt.want {
			t.Errorf("splitScripts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRewriteIPA(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name, in string
		lang     Lang
		want     string
	}{
		{"Kokoro, US", "kəkˈoːɹoʊ", AmericanEnglish, "kˈoʊkəɹoʊ"},
		{"Kokoro, British", "kəkˈɔːɹəʊ", BritishEnglish, "kˈəʊkəɹəʊ"},
		{"palatal mark", "ʲa", AmericanEnglish, "ja"},
		{"trill, velar fricative, lateral fricative", "rxɬ", AmericanEnglish, "ɹkl"},
		{"space before hundred", "nˈaɪnhˈʌndɹɪd", AmericanEnglish, "nˈaɪn hˈʌndɹɪd"},
		{"no space after a space", "wˈʌn hˈʌndɹɪd", AmericanEnglish, "wˈʌn hˈʌndɹɪd"},
		{"hundred twice", "hˈʌndɹɪdhˈʌndɹɪd", AmericanEnglish, "hˈʌndɹɪd hˈʌndɹɪd"},
		{"plural z before punctuation", "tˈɛn z.", AmericanEnglish, "tˈɛnz."},
		{"plural z at the end", "tˈɛn z", AmericanEnglish, "tˈɛnz"},
		{"plural z twice", "a z z", AmericanEnglish, "azz"},
		{"z starting a word", "ðə zˈuː", AmericanEnglish, "ðə zˈuː"},
		{"ninety, US", "nˈaɪnti", AmericanEnglish, "nˈaɪndi"},
		{"nineteen, US", "nˈaɪntiːn", AmericanEnglish, "nˈaɪntiːn"},
		{"ninety, British", "nˈaɪnti", BritishEnglish, "nˈaɪnti"},
		{"trim", "  hˈaɪ \n", AmericanEnglish, "hˈaɪ"},
	}
	for _, tt := range tests {
		if got := rewriteIPA(tt.in, tt.lang); got != tt.want {
			t.Errorf("%s: rewriteIPA(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestSplitPunct(t *testing.T) {
	t.Parallel()

	segs := splitPunct(`Hello, world! "Yes" (no)end`)
	var got []string
	for _, s := range segs {
		mark := "text"
		if s.punct {
			mark = "punct"
		}
		got = append(got, mark+":"+s.text)
	}
	want := []string{"text:Hello", "punct:, ", "text:world", `punct:! "`, "text:Yes", `punct:" (`, "text:no", "punct:)", "text:end"}
	if len(got) != len(want) {
		t.Fatalf("splitPunct = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("segment %d = %q, want %q", i, got[i], want[i])
		}
	}
}
