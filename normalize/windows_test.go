package normalize

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestReplaceNearMatchesFullScan checks replaceNear against a scan of the
// whole text on random input, for patterns whose matches lie within the
// token distance the rules use.
func TestReplaceNearMatchesFullScan(t *testing.T) {
	words := []string{"5", "12", "1,000", "3.5", "km", "GB", "min", "-", "the", "of", "$", "x", "$5", "7pm",
		"10:30", "a.m.", "p", "m", "Dr.", "No.", "%", "20-25°C", "\n", "  ", "é", "EUR", "million", "in", "1066", "AD"}
	rules := []struct {
		name      string
		re        *regexp.Regexp
		isTrigger trigger
		tokens    int
	}{
		{"units", unitPattern, digitTrigger, 1},
		{"symbol money", symbolMoneyPattern, currencyTrigger, 1},
		{"amount code", amountCodePattern, digitTrigger, 2},
		{"year", yearPattern, digitTrigger, 1},
		{"month day", monthDayPattern, digitTrigger, 1},
		{"number abbreviation", numberAbbreviationPattern, digitTrigger, 1},
	}
	mark := func(s string, m []int) (string, int, bool) {
		return "<" + s[m[0]:m[1]] + ">", m[0], true
	}

	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range rules {
		for range 2000 {
			var b strings.Builder
			for range rng.IntN(12) {
				if b.Len() > 0 && rng.IntN(3) > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[rng.IntN(len(words))])
			}
			s := b.String()
			want := replaceMatchesFrom(s, r.re, mark)
			if got := replaceNear(s, r.re, r.isTrigger, r.tokens, mark); got != want {
				t.Fatalf("%s: replaceNear(%q)\n got %q\nwant %q", r.name, s, got, want)
			}
		}
	}
}

func TestWindowsMergeAndBounds(t *testing.T) {
	s := "aa 1 bb cc dd 2 ee"
	got := windows(s, digitTrigger, 1)
	want := [][2]int{{0, 7}, {11, 18}}
	if len(got) != len(want) {
		t.Fatalf("windows(%q) = %v, want %v", s, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("windows(%q)[%d] = %v, want %v", s, i, got[i], want[i])
		}
	}

	merged := windows("1 a 2 b 3", digitTrigger, 1)
	if len(merged) != 1 || merged[0] != [2]int{0, 9} {
		t.Errorf("windows of adjacent triggers = %v, want one window [0 9]", merged)
	}
	if none := windows("no digits here", digitTrigger, 2); len(none) != 0 {
		t.Errorf("windows without triggers = %v, want none", none)
	}
}
