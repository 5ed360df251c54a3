package normalize

import (
	"regexp"
	"strings"
)

var (
	// versionPattern matches "v2.0", "2.0.1" and "1.2.3.4" (groups of
	// digits joined by periods, at least three groups without a "v"), and
	// "v2" with a lower-case v ("V8" is an engine).
	versionPattern = regexp.MustCompile(`\b([vV]?)(\d+(?:\.\d+){1,3})\b|\b(v)(\d+)\b`)
)

// versions reads version numbers with "point" between the groups, each
// read as a number ("2.10.1" is "two point ten point one"), with "version"
// for a leading "v". An IPv4 address (four groups up to 255) is read with
// "dot". Two groups without a "v" are a decimal, left to the number rules.
func (e english) versions(s string) string {
	if !strings.ContainsAny(s, ".v") {
		return s
	}
	return replaceNearBool(s, versionPattern, versionTrigger, 0, func(s string, m []int) (string, bool) {
		v, body := group(s, m, 1), group(s, m, 2)
		if group(s, m, 3) != "" {
			v, body = "v", group(s, m, 4)
		}
		parts := strings.Split(body, ".")
		if v == "" && len(parts) < 3 || m[1] < len(s) && s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1]) {
			return "", false
		}
		if m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == '$') {
			return "", false
		}
		sep := " point "
		if v == "" && len(parts) == 4 && isIPv4(parts) {
			sep = " dot "
		}
		words := make([]string, len(parts))
		for i, p := range parts {
			words[i] = e.groupWords(p)
		}
		out := strings.Join(words, sep)
		if v != "" {
			if strings.EqualFold(prevWord(s, m[0]), "version") {
				return out, true
			}
			return "version " + out, true
		}
		return out, true
	})
}

// groupWords reads a group of digits as a number, or digit by digit when it
// has a leading zero ("05" is "zero five").
func (e english) groupWords(digits string) string {
	if len(digits) > 1 && digits[0] == '0' {
		return digitWords(digits)
	}
	return cardinal(digits, e.british)
}

func isIPv4(parts []string) bool {
	for _, p := range parts {
		if len(p) > 3 || atoiSmall(p) > 255 {
			return false
		}
	}
	return true
}

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

var (
	// decadePattern matches "1990s", "1900s", "'80s", "80s" and "90's".
	decadePattern = regexp.MustCompile(`(?:\b(1\d|20)(\d0)|'(\d0)|\b([1-9]0))'?s\b`)
	// ordinalPattern matches "1st", "22nd", "101st", "1,000th".
	ordinalPattern = regexp.MustCompile(`\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b`)
	// chainPattern matches three or more hyphenated numbers, such as
	// "123-45-6789", which are identifiers rather than ranges.
	chainPattern = regexp.MustCompile(`\b\d+(?:-\d+){2,}\b`)
	// rangePattern matches two numbers joined by a hyphen, as in "10-20",
	// "3-2", "1990-2000" and "1.5-2.5"; longer chains are rejected.
	rangePattern = regexp.MustCompile(`\b` + numberPattern + `-` + numberPattern + `\b`)
	// fractionPattern matches "3/4", "1/2" and, with a whole number
	// before it, "2 1/2".
	fractionPattern = regexp.MustCompile(`\b(?:(\d+) )?(\d+)/(\d+)\b`)
	// plainNumberPattern matches any number left: integers with or without
	// thousands separators, and decimals.
	plainNumberPattern = regexp.MustCompile(numberPattern)
)

var (
	// mathTrigger matches the ASCII math symbols and the first bytes of the
	// UTF-8 encodings of ≤ ≥ ≠ ≈ (E2), ± (C2) and ÷ × (C3).
	mathTrigger    = func(b byte) bool { return strings.IndexByte("<>=!+", b) >= 0 || b == 0xE2 || b == 0xC2 || b == 0xC3 }
	decadeTrigger  = bytesTrigger("0123456789'")
	versionTrigger = bytesTrigger(".v")
)

// scoreWords precede a hyphenated pair of numbers that is a score.
var scoreWords = wordSet(`score scores scored won win wins lost lose loses beat beats defeated defeat defeats
	led lead leads leading trail trails trailing trailed victory draw drew tie tied final result`)

// yearCues precede a four-digit number that is a year.
var yearCues = wordSet(`in since from until till by during before after circa around year early late mid
	summer winter spring autumn fall through c. ca. AD`)

// yearSuffixes follow a number that is a year.
var yearSuffixes = wordSet("AD BC BCE CE")

// dateCues precede a month and day written with a slash ("due 3/15").
var dateCues = wordSet("on by until till since from before after due through")

// measureNouns follow a fraction that measures them ("3/4 cup" is "three
// quarters of a cup").
var measureNouns = wordSet(`cup teaspoon tablespoon inch mile pound ounce gallon liter litre pint quart hour
	acre foot yard meter metre kilometer kilometre kilogram gram second minute day week month year page dozen`)

// numbers reads the numbers the earlier rules left: decades, ordinals,
// ranges and scores, fractions, years, negatives, decimals and cardinals,
// and digits inside words ("MP3" is "MP three").
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
			words = " " + words // "MP3" is "MP three"
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

func isYearLike(digits string) bool {
	if len(digits) != 4 || strings.ContainsAny(digits, ".,") {
		return false
	}
	n := atoiSmall(digits)
	return n >= 1000 && n <= 2099
}

// fractions reads "3/4" as "three quarters", "1/2" as "one half" and
// "2 1/2" as "two and a half"; before a measure noun, "3/4 cup" is "three
// quarters of a cup" and "1/2 hour" "half an hour". A mark out of 10, 20
// or 100 is read with "out of" ("95/100"). After a word such as "on" or
// "by", a valid month and day is a date ("on 3/15" is "on March
// fifteenth"). Other pairs with a slash, such as "24/7" or "3/15", are
// read as two numbers.
func (e english) fractions(s string) string {
	if strings.IndexByte(s, '/') < 0 {
		return s
	}
	return replaceNearBool(s, fractionPattern, slashTrigger, 1, func(s string, m []int) (string, bool) {
		whole, num, den := group(s, m, 1), group(s, m, 2), group(s, m, 3)
		if m[0] > 0 && (s[m[0]-1] == '/' || s[m[0]-1] == '.') || m[1] < len(s) && s[m[1]] == '/' ||
			len(num) > 6 || len(den) > 6 {
			return "", false
		}
		n, d := atoiSmall(num), atoiSmall(den)
		if whole == "" && dateCues[strings.ToLower(prevWord(s, m[0]))] {
			month, day := n, d
			if e.british {
				month, day = d, n
			}
			if validDate(month, day) {
				return e.date(month, day, ""), true // "on 3/15"
			}
		}
		if whole == "" && n > 0 && n <= d && (d == 10 || d == 20 || d == 100 || d == 5 && n == 5) {
			return cardinal(num, e.british) + " out of " + cardinal(den, e.british), true
		}
		if n == 0 || d < 2 || d > 16 || d > 12 && d != 16 || n >= d || num[0] == '0' || den[0] == '0' {
			words := cardinal(num, e.british) + " " + cardinal(den, e.british)
			if whole != "" {
				words = cardinal(whole, e.british) + " " + words
			}
			return words, true
		}

		noun := nextWord(s, m[1])
		if whole == "" && measureNouns[noun] {
			if n == 1 && d == 2 {
				return "half " + article(noun), true
			}
			return fractionWords(num, n, d, e.british) + " of " + article(noun), true
		}
		if whole != "" {
			if n == 1 && d == 2 {
				return cardinal(whole, e.british) + " and a half", true
			}
			return cardinal(whole, e.british) + " and " + fractionWords(num, n, d, e.british), true
		}
		return fractionWords(num, n, d, e.british), true
	})
}

// fractionWords returns "one half", "three quarters", "two thirds".
func fractionWords(num string, n, d int, british bool) string {
	var denom string
	switch d {
	case 2:
		denom = "half"
	case 4:
		denom = "quarter"
	default:
		denom = ordinal(itoa(d), british)
	}
	if n > 1 {
		if d == 2 {
			denom = "halves"
		} else {
			denom += "s"
		}
	}
	return cardinal(num, british) + " " + denom
}

// article returns "a" or "an" for noun; the nouns it gets are
// measureNouns, where only "inch", "ounce", "hour" and "acre" take "an".
func article(noun string) string {
	switch noun {
	case "inch", "ounce", "hour", "acre":
		return "an"
	}
	return "a"
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
