package normalize

import (
	"regexp"
	"strings"
)

// decadePattern matches "1990s", "1900s", "'80s", "80s" and "90's".
var decadePattern = regexp.MustCompile(`(?:\b(1\d|20)(\d0)|'(\d0)|\b([1-9]0))'?s\b`)

// yearCues precede a four-digit number that is a year. Words that often
// precede a count too, such as "by" or "from", are left out.
var yearCues = wordSet(`in since until till during before after circa year early late mid summer winter spring
	autumn c. ca. AD`)

// yearSuffixes follow a number that is a year.
var yearSuffixes = wordSet("AD BC BCE CE")

// decades reads "1990s" as "nineteen nineties", "1900s" as "nineteen
// hundreds", "2000s" as "two thousands" and "'80s" as "eighties".
// espeak-ng reads the "s" of "90s" as a word of its own ("ninety z").
func (e english) decades(s string) string {
	if strings.IndexByte(s, 's') < 0 {
		return s
	}
	return replaceNearBool(s, decadePattern, decadeTrigger, 0, func(s string, m []int) (string, bool) {
		if century := group(s, m, 1); century != "" {
			if m[0] > 0 && (s[m[0]-1] == '$' || s[m[0]-1] == '.') {
				return "", false
			}
			return pluralOf(yearWords(century+group(s, m, 2), e.british)), true
		}
		tens := group(s, m, 3) + group(s, m, 4)
		return pluralOf(cardinal(tens, e.british)), true
	})
}

var decadeTrigger = bytesTrigger("0123456789'")
