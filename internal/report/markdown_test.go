package report

import "testing"

func TestNumberFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format func(float64) string
		value  float64
		want   string
	}{
		{"rtf typical", formatRTF, 0.23456, "0.235"},
		{"rtf small", formatRTF, 0.08213, "0.0821"},
		{"rtf tiny", formatRTF, 0.0000151, "0.000015"},
		{"rtf above one", formatRTF, 1.23456, "1.235"},
		{"rtf zero", formatRTF, 0, "0.000"},
		{"millis typical", showMillis, 550.62, "550.6"},
		{"millis cache hit", showMillis, 0.006, "0.006"},
		{"millis few", showMillis, 1.234, "1.23"},
		{"millis below resolution", showMillis, 0.0001, "0.000"},
		{"percent typical", formatPercent, 46.83, "46.8"},
		{"percent near hundred", formatPercent, 99.9989, "99.999"},
		{"percent exactly hundred", formatPercent, 100, "100.0"},
		{"percent near zero", formatPercent, 0.0123, "0.01"},
		{"percent zero", formatPercent, 0, "0.0"},
		{"percent negative near zero", formatPercent, -0.02, "-0.02"},
	}
	for _, tt := range tests {
		if got := tt.format(tt.value); got != tt.want {
			t.Errorf("%s: format(%v) = %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestMarkdownEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"fp32", "fp32"},
		{"af_heart", `af\_heart`},
		{"a | b\nc", `a \| b c`},
		{"<!-- ttsbench:end -->", `\<\!-- ttsbench:end --\>`},
		{"*x* [y](z) `c` #1 ~s~ &amp; $m$", `\*x\* \[y\](z) \` + "`" + `c\` + "`" + ` \#1 \~s\~ \&amp; \$m\$`},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
