package g2p

import (
	"strings"
	"testing"
)

func TestLangForVoice(t *testing.T) {
	t.Parallel()

	tests := []struct {
		voice string
		want  Lang
	}{
		{"af_heart", "en-us"},
		{"am_adam", "en-us"},
		{"bf_emma", "en"},
		{"bm_george", "en"},
		{"ef_dora", "es"},
		{"ff_siwis", "fr-fr"},
		{"hf_alpha", "hi"},
		{"if_sara", "it"},
		{"pf_dora", "pt-br"},
		{"jf_alpha", "ja"},
		{"zf_xiaobei", "cmn-latn-pinyin"},
		// A blend takes the language of its first voice.
		{"af_bella.6+bf_emma.4", "en-us"},
	}
	for _, tt := range tests {
		got, err := LangForVoice(tt.voice)
		if err != nil {
			t.Errorf("LangForVoice(%q) error: %v", tt.voice, err)
			continue
		}
		if got != tt.want {
			t.Errorf("LangForVoice(%q) = %q, want %q", tt.voice, got, tt.want)
		}
	}
}

func TestLangForVoiceUnknown(t *testing.T) {
	t.Parallel()

	for _, voice := range []string{"xf_nobody", "Af_heart", "ñf_x", " "} {
		_, err := LangForVoice(voice)
		if err == nil {
			t.Errorf("LangForVoice(%q): no error", voice)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "g2p: ") {
			t.Errorf("LangForVoice(%q) error %q has no \"g2p: \" prefix", voice, msg)
		}
		if strings.TrimSpace(voice) != "" && (!strings.Contains(msg, voice) || !strings.Contains(msg, "a (en-us)")) {
			t.Errorf("LangForVoice(%q) error %q does not name the voice and the known prefixes", voice, msg)
		}
	}
}
