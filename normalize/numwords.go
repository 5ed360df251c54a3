package normalize

import "strings"

var (
	onesWords = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensWords = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

	// scaleWords names each group of three digits, counted from the right.
	scaleWords = [...]string{"", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion",
		"sextillion", "septillion", "octillion", "nonillion", "decillion"}

	// ordinalEndings maps the last word of a cardinal to its ordinal form
	// where adding "th" is wrong.
	ordinalEndings = map[string]string{
		"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
		"nine": "ninth", "twelve": "twelfth",
	}
)

// maxCardinalDigits is the longest digit string read as one number. Longer
// ones are read digit by digit, because scaleWords ends at decillion.
const maxCardinalDigits = 3 * len(scaleWords)

// cardinal returns the English words for a string of ASCII digits, such as
// "three hundred forty five" for "345". There are no hyphens, because G2P
// engines stress a hyphenated compound as one word. British English puts
// "and" before the tens ("three hundred and forty five"). Leading zeros are
// ignored. A string longer than maxCardinalDigits is read digit by digit.
func cardinal(digits string, british bool) string {
	trimmed := strings.TrimLeft(digits, "0")
	switch {
	case trimmed == "":
		return "zero"
	case len(trimmed) > maxCardinalDigits:
		return digitWords(digits)
	}

	var words []string
	groups := (len(trimmed) + 2) / 3
	first := len(trimmed) - 3*(groups-1)
	for g := 0; g < groups; g++ {
		start := 0
		if g > 0 {
			start = first + 3*(g-1)
		}
		end := first + 3*g
		n := atoiSmall(trimmed[start:end])
		if n == 0 {
			continue
		}
		scale := groups - 1 - g
		// British English says "one thousand and five": "and" joins a
		// last group below one hundred to the groups before it.
		if british && scale == 0 && n < 100 && len(words) > 0 {
			words = append(words, "and")
		}
		words = appendHundreds(words, n, british)
		if scale > 0 {
			words = append(words, scaleWords[scale])
		}
	}
	return strings.Join(words, " ")
}

// appendHundreds appends the words for 1 <= n <= 999.
func appendHundreds(words []string, n int, british bool) []string {
	if n >= 100 {
		words = append(words, onesWords[n/100], "hundred")
		n %= 100
		if n == 0 {
			return words
		}
		if british {
			words = append(words, "and")
		}
	}
	return appendTens(words, n)
}

// appendTens appends the words for 1 <= n <= 99.
func appendTens(words []string, n int) []string {
	if n < 20 {
		return append(words, onesWords[n])
	}
	words = append(words, tensWords[n/10])
	if n%10 != 0 {
		words = append(words, onesWords[n%10])
	}
	return words
}

// ordinal returns the English ordinal words for a string of ASCII digits,
// such as "twenty first" for "21".
func ordinal(digits string, british bool) string {
	return ordinalOf(cardinal(digits, british))
}

// ordinalOf turns cardinal words into ordinal words by changing the last
// word: "twenty one" becomes "twenty first".
func ordinalOf(words string) string {
	head, last := "", words
	if i := strings.LastIndexByte(words, ' '); i >= 0 {
		head, last = words[:i+1], words[i+1:]
	}
	if w, ok := ordinalEndings[last]; ok {
		return head + w
	}
	if strings.HasSuffix(last, "y") {
		return head + last[:len(last)-1] + "ieth"
	}
	return head + last + "th"
}

// digitWords reads each ASCII digit of s as a word and drops other bytes:
// "4567" becomes "four five six seven".
func digitWords(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(onesWords[s[i]-'0'])
	}
	return b.String()
}

// atoiSmall parses up to 9 ASCII digits; callers check the length.
func atoiSmall(digits string) int {
	n := 0
	for i := 0; i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
