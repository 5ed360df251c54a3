package normalize

import (
	"regexp"
	"strings"
)

// decadeApostrophePattern matches the apostrophe of a decade written
// "1990's", "90's" or "'90's".
var decadeApostrophePattern = regexp.MustCompile(`(?:\b(?:1\d|20)\d0|'\d0|\b[1-9]0)('s)\b`)

// yearCues precede a four-digit number that is a year. Words that often
// precede a count too, such as "by" or "from", are left out.
var yearCues = wordSet(`in since until till during before after circa year early late mid summer winter spring
	autumn c. ca. AD`)

// yearSuffixes follow a number that is a year.
var yearSuffixes = wordSet("AD BC BCE CE")

// decades drops the apostrophe of a decade such as "1990's" or "90's",
// which espeak-ng reads as "ninety", leaving "1990s" and "90s", which
// kokoroDigits and espeak-ng read as "19 90s", "nineteen nineties".
func (e english) decades(s string) string {
	if !strings.Contains(s, "'s") {
		return s
	}
	return replaceNearBool(s, decadeApostrophePattern, digitTrigger, 0, func(s string, m []int) (string, bool) {
		if m[0] > 0 && (s[m[0]-1] == '$' || s[m[0]-1] == '.') {
			return "", false
		}
		return s[m[0]:m[2]] + "s", true
	})
}
