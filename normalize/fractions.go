package normalize

import (
	"regexp"
	"strings"
)

// fractionPattern matches "3/4", "1/2" and, with a whole number before
// it, "2 1/2".
var fractionPattern = regexp.MustCompile(`\b(?:(\d+) )?(\d+)/(\d+)\b`)

// dateCues precede a month and day written with a slash ("due 3/15").
var dateCues = wordSet("on by until till since from before after due through")

// measureNouns follow a fraction that measures them ("3/4 cup" is "three
// quarters of a cup").
var measureNouns = wordSet(`cup teaspoon tablespoon inch mile pound ounce gallon liter litre pint quart hour
	acre foot yard meter metre kilometer kilometre kilogram gram second minute day week month year page dozen`)

// fractions reads "3/4" as "3 quarters", "1/2" as "1 half" and "2 1/2"
// as "2 and a half", where kokoro-js leaves the slash for espeak-ng to
// read out ("three slash four"); before a measure noun, "3/4 cup" is "3
// quarters of a cup" and "1/2 hour" "half an hour". A mark out of 10, 20
// or 100 is read with "out of" ("95/100"). After a word such as "on" or
// "by", a valid month and day is a date ("on 3/15" is "on March 15th").
// Other pairs with a slash, such as "24/7" or "3/15", are read as two
// numbers. The numbers stay digits for kokoroDigits and espeak-ng.
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
			return num + " out of " + den, true
		}
		if n == 0 || d < 2 || d > 16 || d > 12 && d != 16 || n >= d || num[0] == '0' || den[0] == '0' {
			words := num + " " + den
			if whole != "" {
				words = whole + " " + words
			}
			return words, true
		}

		noun := nextWord(s, m[1])
		if whole == "" && measureNouns[noun] {
			if n == 1 && d == 2 {
				return "half " + article(noun), true
			}
			return fractionWords(num, n, d) + " of " + article(noun), true
		}
		if whole != "" {
			if n == 1 && d == 2 {
				return whole + " and a half", true
			}
			return whole + " and " + fractionWords(num, n, d), true
		}
		return fractionWords(num, n, d), true
	})
}

// fractionWords returns "1 half", "3 quarters", "2 thirds": the numerator
// in digits and the denominator in words.
func fractionWords(num string, n, d int) string {
	var denom string
	switch d {
	case 2:
		denom = "half"
	case 4:
		denom = "quarter"
	default:
		denom = ordinal(itoa(d), false)
	}
	if n > 1 {
		if d == 2 {
			denom = "halves"
		} else {
			denom += "s"
		}
	}
	return num + " " + denom
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
