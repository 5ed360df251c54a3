package espeak

import "testing"

func TestPromoteStress(t *testing.T) {
	t.Parallel()

	tests := []struct{ in, want string }{
		{"hˈəm", "hˈəm"},                 // already has a primary stress
		{"həm", "hˈəm"},                  // one syllable
		{"ɒv ðə", "ɒv ðˈə"},              // the last vowel of an unmarked clause
		{"aɪ", "ˈaɪ"},                    // a diphthong is one nucleus
		{"nˌɑːt ɐbˌaʊt", "nˌɑːt ɐbˈaʊt"}, // the last secondary stress
		{"ʃ", "ʃ"},                       // no vowel
		{"", ""},
	}
	for _, tt := range tests {
		if got := promoteStress(tt.in); got != tt.want {
			t.Errorf("promoteStress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripLangSwitch(t *testing.T) {
	t.Parallel()

	tests := []struct{ in, want string }{
		{"(en)həlˈəʊ(hi)", "həlˈəʊ"},
		{"(en-us)hˈaɪ(fr-fr) bɔ̃", "hˈaɪ bɔ̃"},
		{"həlˈoʊ", "həlˈoʊ"},
	}
	for _, tt := range tests {
		if got := stripLangSwitch(tt.in); got != tt.want {
			t.Errorf("stripLangSwitch(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
