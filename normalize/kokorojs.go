package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// KokoroJS returns s rewritten exactly as normalize_text in kokoro-js 1.2.1
// rewrites it for its English voices, in the same order of steps:
//
//   - curly quotes and guillemets become straight quotes, and parentheses
//     become guillemets;
//   - CJK punctuation becomes ASCII punctuation and a space;
//   - whitespace other than space and newline becomes a space, the first run
//     of two or more spaces shrinks to one, and spaces between two newlines go;
//   - Dr., Mr., Ms. and Mrs. become Doctor, Mister, Miss and Mrs, "etc." loses
//     its period unless a capitalised word follows, and "yeah" becomes "ye'a";
//   - times (9:45), four-digit numbers (1990, 1990s) and decimals are split
//     for reading ("9 45", "19 90", "3 point 1 4");
//   - commas between digits go, $ and £ amounts are read as dollars and cents
//     or pounds and pence, and a hyphen between digits becomes "to";
//   - letters joined by periods (U.S.A.) are joined by hyphens instead.
//
// Only kokoro-js's own quirks are kept, such as 1234 read as "12 34" and
// "example.com" becoming "example-com". Text is the better choice for
// speech; KokoroJS exists to compare phonemes with kokoro-js on the same
// input. Invalid UTF-8 bytes become U+FFFD first, since JavaScript strings
// cannot hold them.
func KokoroJS(s string) string {
	s = validUTF8(s)
	s = kjsPunct.Replace(s)
	s = kjsWhitespace(s)
	s = kjsTitles(s)
	s = scan(s, "eE", matchEtc)
	s = scan(s, "yY", matchYeah)
	s = scan(s, "0123456789.", matchSplitNum)
	s = scan(s, ",", matchDigitComma)
	s = kjsMoney.ReplaceAllStringFunc(s, kjsMoneyWords)
	s = kjsDecimal.ReplaceAllStringFunc(s, kjsPointWords)
	s = scan(s, "-", matchDigitHyphen)
	s = scan(s, "S", matchDigitS)
	s = scan(s, "'s", matchConsonantS)
	s = scan(s, "S", matchXApostropheS)
	s = kjsInitialsBeforeLower.ReplaceAllStringFunc(s, func(m string) string {
		return strings.ReplaceAll(m, ".", "-")
	})
	s = scan(s, ".", matchLetterDotLetter)
	return jsTrim(s)
}

// kjsPunct maps typographic quotes and CJK punctuation in one pass. The
// kokoro-js chain first turns « » into curly quotes and those into '"', and
// only then turns ( ) into « », so the single pass below gives the same result.
var kjsPunct = strings.NewReplacer(
	"‘", "'", "’", "'",
	"«", `"`, "»", `"`, "“", `"`, "”", `"`,
	"(", "«", ")", "»",
	"、", ", ", "。", ". ", "！", "! ", "，", ", ",
	"：", ": ", "；", "; ", "？", "? ",
)

// kjsWhitespace turns whitespace other than space and newline into spaces,
// shrinks the first run of two or more spaces to one (kokoro-js's pattern
// lacks the g flag, so later runs stay), and removes spaces that sit alone
// between two newlines.
func kjsWhitespace(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != ' ' && r != '\n' && isJSSpace(r) }) >= 0 {
		s = strings.Map(func(r rune) rune {
			if r != ' ' && r != '\n' && isJSSpace(r) {
				return ' '
			}
			return r
		}, s)
	}

	if i := strings.Index(s, "  "); i >= 0 {
		j := i + 2
		for j < len(s) && s[j] == ' ' {
			j++
		}
		s = s[:i+1] + s[j:]
	}

	return scan(s, " ", func(s string, i int) (int, string) {
		if i == 0 || s[i-1] != '\n' {
			return 0, ""
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return j - i, ""
		}
		return 0, ""
	})
}

// kjsTitles expands Dr., Mr., Ms. and Mrs. The mixed-case forms Mr., Ms.
// and Mrs. always expand; the all-capital forms and both forms of Dr. only
// expand before a space and a capital letter.
func kjsTitles(s string) string {
	spaceCapital := func(s string, end int) bool {
		return end+1 < len(s) && s[end] == ' ' && isUpper(s[end+1])
	}
	s = scan(s, "D", func(s string, i int) (int, string) {
		if wordBefore(s, i) || !strings.HasPrefix(s[i+1:], "r.") && !strings.HasPrefix(s[i+1:], "R.") {
			return 0, ""
		}
		if !spaceCapital(s, i+3) {
			return 0, ""
		}
		return 3, "Doctor"
	})
	for _, t := range []struct{ mixed, upper, words string }{
		{"Mr.", "MR.", "Mister"},
		{"Ms.", "MS.", "Miss"},
		{"Mrs.", "MRS.", "Mrs"},
	} {
		s = scan(s, "M", func(s string, i int) (int, string) {
			switch {
			case wordBefore(s, i):
				return 0, ""
			case strings.HasPrefix(s[i:], t.mixed):
				return len(t.mixed), t.words
			case strings.HasPrefix(s[i:], t.upper) && spaceCapital(s, i+len(t.upper)):
				return len(t.upper), t.words
			}
			return 0, ""
		})
	}
	return s
}

// matchEtc drops the period of "etc." (any case) unless a space and a
// letter follow.
func matchEtc(s string, i int) (int, string) {
	if wordBefore(s, i) || len(s)-i < 4 || !strings.EqualFold(s[i:i+4], "etc.") {
		return 0, ""
	}
	// kokoro-js's pattern carries the i flag, so its [A-Z] look-ahead
	// accepts a letter of either case.
	if i+5 < len(s) && s[i+4] == ' ' && isASCIILetter(s[i+5]) {
		return 0, ""
	}
	return 4, "etc"
}

// matchYeah rewrites the words "yea" and "yeah" (any case) as "ye'a",
// keeping the case of the y.
func matchYeah(s string, i int) (int, string) {
	if wordBefore(s, i) || len(s)-i < 3 || !strings.EqualFold(s[i+1:i+3], "ea") {
		return 0, ""
	}
	n := 3
	if i+3 < len(s) && (s[i+3]|0x20) == 'h' && !wordAt(s, i+4) {
		n = 4
	} else if wordAt(s, i+3) {
		return 0, ""
	}
	return n, s[i:i+1] + "e'a"
}

// matchSplitNum finds a decimal number, a four-digit number with an
// optional plural s, or a 12-hour clock time, preferring them in that
// order, and returns the reading kokoro-js gives it. A decimal stays as it
// is, so that no other alternative of this step reads part of it.
func matchSplitNum(s string, i int) (int, string) {
	// A decimal: \d*\.\d+
	j := digitRun(s, i)
	if j < len(s) && s[j] == '.' {
		if k := digitRun(s, j+1); k > j+1 {
			return k - i, s[i:k]
		}
	}
	if !isDigit(s[i]) || wordBefore(s, i) {
		return 0, ""
	}

	// A year-like number: \b\d{4}s?\b
	if j-i >= 4 && (j-i == 4 || !isDigit(s[i+4])) {
		end := i + 4
		switch {
		case end < len(s) && s[end] == 's' && !wordAt(s, end+1):
			return 5, kjsYear(s[i:i+4], "s")
		case !wordAt(s, end):
			return 4, kjsYear(s[i:i+4], "")
		}
	}

	// A time: (?<!:)\b(?:[1-9]|1[0-2]):[0-5]\d\b(?!:)
	if i > 0 && s[i-1] == ':' {
		return 0, ""
	}
	hourEnd := i + 1
	if s[i] == '0' {
		return 0, ""
	}
	if hourEnd < len(s) && s[hourEnd] != ':' {
		if s[i] != '1' || s[hourEnd] < '0' || s[hourEnd] > '2' {
			return 0, ""
		}
		hourEnd++
	}
	m := hourEnd + 1
	if m+2 > len(s) || s[hourEnd] != ':' || s[m] < '0' || s[m] > '5' || !isDigit(s[m+1]) {
		return 0, ""
	}
	if wordAt(s, m+2) || m+2 < len(s) && s[m+2] == ':' {
		return 0, ""
	}
	return m + 2 - i, kjsTime(s[i:hourEnd], s[m:m+2])
}

// kjsTime reads hour and minute digits as "9 o'clock", "9 oh 5" or "9 45".
func kjsTime(hour, minute string) string {
	switch {
	case minute == "00":
		return hour + " o'clock"
	case minute[0] == '0':
		return hour + " oh " + minute[1:]
	}
	return hour + " " + minute
}

// kjsYear reads four digits as kokoro-js does: numbers below 1100 and
// those whose last three digits are below 010 stay as they are, 1900 is
// "19 hundred", 1905 is "19 oh 5" and 1990 is "19 90". suffix is "s" or "".
func kjsYear(digits, suffix string) string {
	n := 0
	for k := 0; k < 4; k++ {
		n = n*10 + int(digits[k]-'0')
	}
	if n < 1100 || n%1000 < 10 {
		return digits + suffix
	}
	high, low := digits[:2], jsIntString(digits[2:])
	if n%1000 >= 100 {
		switch {
		case digits[2:] == "00":
			return high + " hundred" + suffix
		case digits[2] == '0':
			return high + " oh " + low + suffix
		}
	}
	return high + " " + low + suffix
}

// matchDigitComma removes a comma between two digits.
func matchDigitComma(s string, i int) (int, string) {
	if i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]) {
		return 1, ""
	}
	return 0, ""
}

// kjsMoney matches a dollar or pound amount, optionally with a scale word.
// ASCII letter classes stand in for the i flag because Go's case folding
// would also match U+017F (long s) for "s", which JavaScript does not.
var kjsMoney = regexp.MustCompile(`[$£]\d+(?:\.\d+)?(?: ` + asciiFold("hundred") + `| ` + asciiFold("thousand") +
	`| (?:[bBmM]|` + asciiFold("tr") + `)` + asciiFold("illion") + `)*\b|[$£]\d+\.\d\d?\b`)

// asciiFold returns a pattern matching word in any ASCII letter case.
func asciiFold(word string) string {
	var b strings.Builder
	for k := 0; k < len(word); k++ {
		c := word[k]
		b.WriteString("[" + string(c|0x20) + string(c&^0x20) + "]")
	}
	return b.String()
}

// kjsMoneyWords reads "$5" as "5 dollars", "£1.5" as "1 pound and 50 pence"
// and "$3.2 million" as "3.2 million dollars".
func kjsMoneyWords(m string) string {
	_, size := utf8.DecodeRuneInString(m)
	unit, cent, cents := "dollar", "cent", "cents"
	if m[0] != '$' {
		unit, cent, cents = "pound", "penny", "pence"
	}
	amount := m[size:]
	if strings.IndexByte(amount, ' ') >= 0 {
		return amount + " " + unit + "s"
	}
	whole, frac, ok := strings.Cut(amount, ".")
	plural := "s"
	if whole == "1" {
		plural = ""
	}
	if !ok {
		return whole + " " + unit + plural
	}
	if len(frac) == 1 {
		frac += "0"
	}
	n := jsIntString(frac)
	if n == "1" {
		cents = cent
	}
	return whole + " " + unit + plural + " and " + n + " " + cents
}

// kjsDecimal matches a decimal number, with or without an integer part.
var kjsDecimal = regexp.MustCompile(`\d*\.\d+`)

// kjsPointWords reads "3.14" as "3 point 1 4" and ".5" as " point 5".
func kjsPointWords(m string) string {
	whole, frac, _ := strings.Cut(m, ".")
	var b strings.Builder
	b.Grow(len(whole) + 7 + 2*len(frac))
	b.WriteString(whole)
	b.WriteString(" point")
	for k := 0; k < len(frac); k++ {
		b.WriteByte(' ')
		b.WriteByte(frac[k])
	}
	return b.String()
}

// matchDigitHyphen reads a hyphen between digits as " to ".
func matchDigitHyphen(s string, i int) (int, string) {
	if i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]) {
		return 1, " to "
	}
	return 0, ""
}

// matchDigitS puts a space between a digit and a capital S.
func matchDigitS(s string, i int) (int, string) {
	if i > 0 && isDigit(s[i-1]) {
		return 1, " S"
	}
	return 0, ""
}

// matchConsonantS turns "s" or "'s" ending a word after a capital consonant
// (including Y) into "'S", so that "CDs" is read as "CD'S".
func matchConsonantS(s string, i int) (int, string) {
	if i == 0 || !isUpper(s[i-1]) || strings.IndexByte("AEIOU", s[i-1]) >= 0 {
		return 0, ""
	}
	n := 1
	if s[i] == '\'' {
		if i+1 >= len(s) || s[i+1] != 's' {
			return 0, ""
		}
		n = 2
	}
	if wordAt(s, i+n) {
		return 0, ""
	}
	return n, "'S"
}

// matchXApostropheS undoes the previous rule after X, whose name ends in a
// vowel sound the plain s already follows.
func matchXApostropheS(s string, i int) (int, string) {
	if i >= 2 && s[i-2:i] == "X'" && !wordAt(s, i+1) {
		return 1, "s"
	}
	return 0, ""
}

// kjsInitialsBeforeLower matches two or more dotted single letters before a
// space and a lower-case letter, as in "e.g. this".
var kjsInitialsBeforeLower = regexp.MustCompile(`(?:[A-Za-z]\.){2,} [a-z]`)

// matchLetterDotLetter turns a period between two ASCII letters into a
// hyphen, so "U.S.A" becomes "U-S-A" (and "example.com" "example-com").
func matchLetterDotLetter(s string, i int) (int, string) {
	if i > 0 && isASCIILetter(s[i-1]) && i+1 < len(s) && isASCIILetter(s[i+1]) {
		return 1, "-"
	}
	return 0, ""
}
