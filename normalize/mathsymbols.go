package normalize

import (
	"regexp"
	"strings"
)

var (
	// comparisonPattern matches "<" or ">" between two spaces or between
	// a digit and a digit. espeak-ng reads "<=" and ">=" itself ("less or
	// equal").
	comparisonPattern = regexp.MustCompile(`(\d|^| )(<|>)( |\d)`)
	comparisonWords   = map[string]string{"<": "less than", ">": "greater than"}
	// approxPattern matches "~5", read as "about 5".
	approxPattern = regexp.MustCompile(`(^|[ (])~ ?(\d)`)
)

// mathSymbols reads the comparison symbols that espeak-ng drops ("3 < 5"
// is "3 less than 5") and "~5", which it reads "tilde 5", as "about 5". A
// symbol inside a word, such as "<b>", stays for the symbol rule, which
// drops it. espeak-ng reads "<=", ">=", "=", "+", "×", "÷", "±", "≠", "≤",
// "≥" and "≈" itself.
func (e english) mathSymbols(s string) string {
	if strings.ContainsAny(s, "<>") {
		for range 2 { // overlapping matches such as "1<2<3" need a second pass
			s = replaceNearBool(s, comparisonPattern, mathTrigger, 1, func(s string, m []int) (string, bool) {
				return group(s, m, 1) + " " + comparisonWords[group(s, m, 2)] + " " + group(s, m, 3), true
			})
		}
	}
	if strings.IndexByte(s, '~') >= 0 {
		s = approxPattern.ReplaceAllString(s, "${1}about $2")
	}
	return s
}

var mathTrigger = bytesTrigger("<>")
