package normalize

import (
	"regexp"
	"strings"
)

var (
	// ordinalPattern matches "1st", "22nd", "100th", "1,000th".
	ordinalPattern = regexp.MustCompile(`\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b`)
	// chainPattern matches three or more hyphenated numbers, such as
	// "123-45-6789", which are identifiers rather than ranges.
	chainPattern = regexp.MustCompile(`\b\d+(?:-\d+){2,}\b`)
	// yearPattern matches a four-digit number that may be a year.
	yearPattern = regexp.MustCompile(`\b(1\d{3})\b`)
)

// numbers reads the numbers that kokoro-js and espeak-ng misread: decades
// ("1990s", which espeak-ng reads "nineteen ninety z"), round ordinals
// ("100th", "one hundred th"), chains of hyphenated numbers ("123-45-6789",
// "123 to 45 to 67 89"), fractions ("3/4", "three slash four") and years
// from 1001 to 1099 ("in 1066", "one thousand sixty six"). Every other
// number stays as written: kokoroDigits and espeak-ng read cardinals,
// ordinals, decimals, ranges, scores, thousands separators and negative
// numbers as people say them.
func (e english) numbers(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	s = e.decades(s)
	s = replaceNearBool(s, ordinalPattern, digitTrigger, 0, func(s string, m []int) (string, bool) {
		digits := strings.ReplaceAll(group(s, m, 1), ",", "")
		if len(digits) < 3 || !strings.HasSuffix(digits, "00") || len(digits) > maxCardinalDigits {
			if digits != group(s, m, 1) {
				return digits + group(s, m, 2), true // "1,001st" is "1001st"
			}
			return "", false
		}
		return ordinal(digits, e.british), true
	})
	if strings.IndexByte(s, '-') >= 0 {
		s = replaceNearBool(s, chainPattern, hyphenTrigger, 0, func(s string, m []int) (string, bool) {
			if m[0] > 0 && (s[m[0]-1] == '-' || s[m[0]-1] == '.') || m[1] < len(s) && s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1]) {
				return "", false
			}
			return digitGroups(s[m[0]:m[1]]), true
		})
	}
	s = e.fractions(s)
	return replaceNearBool(s, yearPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
		digits := group(s, m, 1)
		if atoiSmall(digits) >= 1100 || numberGlued(s, m[0]) ||
			m[1] < len(s) && (s[m[1]] == ',' || s[m[1]] == '.') && m[1]+1 < len(s) && isDigit(s[m[1]+1]) {
			return "", false
		}
		prev := prevWord(s, m[0])
		if !yearCues[prev] && !yearCues[strings.ToLower(prev)] && !yearSuffixes[nextWord(s, m[1])] {
			return "", false
		}
		return yearDigits(digits), true
	})
}

// digitGroups reads a chain of hyphenated numbers group by group, digit
// by digit, with a comma between the groups.
func digitGroups(chain string) string {
	groups := strings.FieldsFunc(chain, func(r rune) bool { return r < '0' || r > '9' })
	for i, g := range groups {
		groups[i] = digitWords(g)
	}
	return strings.Join(groups, ", ")
}
