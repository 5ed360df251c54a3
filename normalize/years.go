package normalize

import (
	"regexp"
	"strings"
)

// decadePattern matches "1990s", "1900s", "'80s", "80s" and "90's".
var decadePattern = regexp.MustCompile(`(?:\b(1\d|20)(\d0)|'(\d0)|\b([1-9]0))'?s\b`)

// yearCues precede a four-digit number that is a year.
var yearCues = wordSet(`in since from until till by during before after circa around year early late mid
	summer winter spring autumn fall through c. ca. AD`)

// yearSuffixes follow a number that is a year.
var yearSuffixes = wordSet("AD BC BCE CE")

// decades reads "1990s" as "nineteen nineties", "1900s" as "nineteen
// hundreds", "2000s" as "two thousands" and "'80s" as "eighties".
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

func isYearLike(digits string) bool {
	if len(digits) != 4 || strings.ContainsAny(digits, ".,") {
		return false
	}
	n := atoiSmall(digits)
	return n >= 1000 && n <= 2099
}

// isYear reports whether the four-digit number n at match m reads as a
// year. From 1000 to 2099, a cue such as "in" or "since" before it or "AD"
// after it makes it a year. From 1100 to 2099 it is a year even without a
// cue, as in kokoro-js, unless a plural noun ending in "s" follows it,
// because that suggests a count ("1999 votes").
func (e english) isYear(s string, m []int, n int) bool {
	if n < 1000 || n > 2099 {
		return false
	}
	prev := prevWord(s, m[0])
	if yearCues[prev] || yearCues[strings.ToLower(prev)] || yearSuffixes[nextWord(s, m[1])] {
		return true
	}
	if n < 1100 {
		return false
	}
	next := nextWord(s, m[1])
	plural := len(next) > 2 && strings.HasSuffix(next, "s") && !strings.HasSuffix(next, "ss") && isLower(next[0])
	return !plural || notPlurals[next]
}

// notPlurals are common words that end in "s" but are not plural nouns.
var notPlurals = wordSet("was has does this his its thus plus yes gets goes makes sees says means is as us always perhaps across")
