package normalize

import (
	"regexp"
	"strings"
)

var (
	// ordinalPattern matches "1st", "22nd", "101st", "1,000th".
	ordinalPattern = regexp.MustCompile(`\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b`)
	// chainPattern matches three or more hyphenated numbers, such as
	// "123-45-6789", which are identifiers rather than ranges.
	chainPattern = regexp.MustCompile(`\b\d+(?:-\d+){2,}\b`)
	// rangePattern matches two numbers joined by a hyphen, as in "10-20",
	// "3-2", "1990-2000" and "1.5-2.5"; longer chains are rejected.
	rangePattern = regexp.MustCompile(`\b` + numberPattern + `-` + numberPattern + `\b`)
	// plainNumberPattern matches any number left: integers with or without
	// thousands separators, and decimals.
	plainNumberPattern = regexp.MustCompile(numberPattern)
)

// scoreWords precede a hyphenated pair of numbers that is a score.
var scoreWords = wordSet(`score scores scored won win wins lost lose loses beat beats defeated defeat defeats
	led lead leads leading trail trails trailing trailed victory draw drew tie tied final result`)

// numbers reads the numbers the earlier rules left: decades, ordinals,
// ranges and scores, fractions, years, negatives, decimals and cardinals,
// and digits inside words ("MP3" is "M-P three" once initialisms are spelled).
func (e english) numbers(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	s = e.decades(s)
	s = replaceNearBool(s, ordinalPattern, digitTrigger, 0, func(s string, m []int) (string, bool) {
		digits := strings.ReplaceAll(group(s, m, 1), ",", "")
		return ordinal(digits, e.british), true
	})
	s = e.ranges(s)
	s = e.fractions(s)
	return replaceNear(s, plainNumberPattern, digitTrigger, 0, func(s string, m []int) (string, int, bool) {
		num := group(s, m, 1)
		negative, start := signBefore(s, m[0])
		words := e.plainNumber(s, m, num)
		if m[0] > 0 && isASCIILetter(s[m[0]-1]) {
			if len(num) >= 4 && !strings.ContainsAny(num, ".,") {
				words = digitWords(num) // "BA2490" is "BA two four nine zero"
			}
			words = " " + words // "MP3" becomes "MP three"
		}
		if m[1] < len(s) && isASCIILetter(s[m[1]]) {
			words += " " // "3D" is "three D"
		}
		if negative {
			words = "minus " + words
		}
		return words, start, true
	})
}

// ranges reads "10-20" as "ten to twenty" and a score such as "won 3-2" as
// "three to two" in American English and "three two" ("two nil" for
// 2-0) in British English. Years stay years: "1990-2000" is "nineteen
// ninety to two thousand" and "1990-91" "nineteen ninety to ninety one".
func (e english) ranges(s string) string {
	if strings.IndexByte(s, '-') < 0 {
		return s
	}
	s = replaceNearBool(s, chainPattern, hyphenTrigger, 0, func(s string, m []int) (string, bool) {
		return e.digitGroups(s[m[0]:m[1]]), true
	})
	return replaceNearBool(s, rangePattern, hyphenTrigger, 0, func(s string, m []int) (string, bool) {
		a, b := group(s, m, 1), group(s, m, 2)
		if m[0] > 0 && (s[m[0]-1] == '-' || s[m[0]-1] == '.') || m[1] < len(s) && s[m[1]] == '-' {
			return "", false
		}
		if isYearLike(a) && (isYearLike(b) || len(b) == 2) {
			return yearWords(a, e.british) + " to " + yearWords(b, e.british), true
		}
		if e.isScore(s, m[0], a, b) {
			if e.british {
				return e.scoreNumber(a) + " " + e.scoreNumber(b), true
			}
			return decimalWords(a, false) + " to " + decimalWords(b, false), true
		}
		return decimalWords(a, e.british) + " to " + decimalWords(b, e.british), true
	})
}

// digitGroups reads a chain of hyphenated numbers group by group, digit
// by digit, with a comma between the groups.
func (e english) digitGroups(chain string) string {
	groups := strings.FieldsFunc(chain, func(r rune) bool { return r < '0' || r > '9' })
	for i, g := range groups {
		groups[i] = digitWords(g)
	}
	return strings.Join(groups, ", ")
}

func (e english) isScore(s string, i int, a, b string) bool {
	if len(a) > 2 || len(b) > 2 || strings.ContainsAny(a+b, ".,") {
		return false
	}
	for k := 0; k < 4 && i > 0; k++ {
		w := prevWord(s, i)
		if w == "" {
			return false
		}
		if scoreWords[strings.ToLower(w)] {
			return true
		}
		i = strings.LastIndex(s[:i], w)
		if i < 0 {
			return false
		}
	}
	return false
}

func (e english) scoreNumber(n string) string {
	if strings.Trim(n, "0") == "" {
		return "nil"
	}
	return cardinal(n, true)
}

// plainNumber reads a number matched by numberPattern at m: a year when it
// looks like one, digit by digit when it has a leading zero, and as a
// cardinal or decimal otherwise.
func (e english) plainNumber(s string, m []int, num string) string {
	if strings.IndexByte(num, ',') >= 0 && !validThousands(num) {
		parts := strings.Split(num, ",")
		for i, p := range parts {
			parts[i] = e.plainNumber(s, m, p)
		}
		return strings.Join(parts, ", ")
	}
	if strings.ContainsAny(num, ".,") {
		return decimalWords(num, e.british)
	}
	if len(num) > 1 && num[0] == '0' {
		return digitWords(num)
	}
	if len(num) == 4 && e.isYear(s, m, atoiSmall(num)) {
		return yearWords(num, e.british)
	}
	return e.roundHundreds(num)
}

// roundHundreds reads a cardinal, saying "fifteen hundred" for multiples
// of one hundred from 1100 to 9900 that are not multiples of one thousand,
// as English speakers do.
func (e english) roundHundreds(num string) string {
	n := len(num)
	if n == 4 && num[2:] == "00" && num[1] != '0' {
		return cardinal(num[:2], e.british) + " hundred"
	}
	return cardinal(num, e.british)
}

// validThousands reports whether the commas in num separate groups of
// three digits, as in "1,234,567.8".
func validThousands(num string) bool {
	whole, _, _ := strings.Cut(num, ".")
	groups := strings.Split(whole, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
