package g2p

import "testing"

func TestDropOrphanMarks(t *testing.T) {
	cases := []struct{ in, want string }{
		{"\u0301t", "t"},                     // accent before any letter
		{"café \u0301t", "café t"},           // accent after a space
		{"B\u0300", "B"},                     // leftover mark on a Latin letter
		{"नमस्ते", "नमस्ते"},                 // Devanagari vowel signs and virama stay
		{"plain text", "plain text"},         // nothing to do
		{"\u0301\u0302\u0303", ""},           // marks only
		{"Ελλη\u0301νικα", "Ελλη\u0301νικα"}, // Greek keeps its marks
	}
	for _, c := range cases {
		if got := dropOrphanMarks(c.in); got != c.want {
			t.Errorf("dropOrphanMarks(%q) = %q, expected %q", c.in, got, c.want)
		}
	}
}
