package normalize

import (
	"regexp"
	"strings"
)

var (
	// comparisonPattern matches a comparison or arithmetic symbol between
	// two spaces or between a digit and a digit.
	comparisonPattern = regexp.MustCompile(`(\d|^| )(<=|>=|!=|==|<|>|=|≤|≥|≠|≈|±|÷|×|\+)( |\d)`)
	comparisonWords   = map[string]string{
		"<": "less than", ">": "greater than", "<=": "less than or equal to", ">=": "greater than or equal to",
		"≤": "less than or equal to", "≥": "greater than or equal to", "!=": "is not equal to",
		"≠": "is not equal to", "=": "equals", "==": "equals", "≈": "is approximately", "±": "plus or minus",
		"÷": "divided by", "×": "times", "+": "plus",
	}
	// approxPattern matches "~5", read as "about five".
	approxPattern = regexp.MustCompile(`(^|[ (])~ ?(\d)`)
	// plusMinusPattern matches "±5" and "+5" before a number.
	plusMinusPattern = regexp.MustCompile(`(^|[ (])(±|\+)(\d)`)
)

// mathSymbols reads comparison and arithmetic symbols between numbers or
// spaces ("3 < 5" is "3 less than 5", "2+2" "2 plus 2"), "~5" as "about
// 5" and "+5" as "plus 5". A symbol inside a word, such as "<b>", stays
// for the symbol rule.
func (e english) mathSymbols(s string) string {
	if !strings.ContainsAny(s, "<>=!≤≥≠≈±÷×+~") {
		return s
	}
	for range 2 { // overlapping matches such as "1+2+3" need a second pass
		s = replaceNearBool(s, comparisonPattern, mathTrigger, 1, func(s string, m []int) (string, bool) {
			return group(s, m, 1) + " " + comparisonWords[group(s, m, 2)] + " " + group(s, m, 3), true
		})
	}
	s = approxPattern.ReplaceAllString(s, "${1}about $2")
	return replaceNearBool(s, plusMinusPattern, mathTrigger, 0, func(s string, m []int) (string, bool) {
		return group(s, m, 1) + comparisonWords[group(s, m, 2)] + " " + group(s, m, 3), true
	})
}

// mathTrigger matches the ASCII math symbols and the first bytes of the
// UTF-8 encodings of ≤ ≥ ≠ ≈ (E2), ± (C2) and ÷ × (C3).
var mathTrigger = func(b byte) bool { return strings.IndexByte("<>=!+", b) >= 0 || b == 0xE2 || b == 0xC2 || b == 0xC3 }
