package normalize

import "strings"

// kokoroDigits reads the numbers that the English rules leave as digits the
// way kokoro-js 1.2.1 does, so that espeak-ng gives the phonemes it gives
// kokoro-js: clock times from 1:00 to 12:59 ("9 45", "9 o'clock", "9 oh
// 5"), four-digit numbers from 1100 as years ("19 90", "15 hundred"), $
// and £ amounts ("5 dollars and 50 cents"), decimals ("3 point 1 4") and a
// hyphen between digits (" to "), in kokoro-js's order. espeak-ng reads
// the rest of the digits, cardinals and ordinals alike, as kokoro-js
// leaves them.
//
// Unlike kokoro-js, it removes a comma between digits only inside a
// number with valid thousands separators, so that "1,2,3" stays a list.
// Like kokoro-js, it then puts a space between a digit and a capital S and
// writes the plural of a capital consonant as "'S" ("CDs" becomes
// "CD'S"), which espeak-ng would otherwise read as a letter.
func kokoroDigits(s string) string {
	if strings.ContainsAny(s, "0123456789") {
		s = scan(s, "0123456789.", matchSplitNum)
		s = scan(s, ",", matchThousandsComma)
		if strings.ContainsAny(s, "$£") {
			s = kjsMoney.ReplaceAllStringFunc(s, kjsMoneyWords)
		}
		if strings.IndexByte(s, '.') >= 0 {
			s = kjsDecimal.ReplaceAllStringFunc(s, kjsPointWords)
		}
		s = scan(s, "-", matchDigitHyphen)
		s = scan(s, "S", matchDigitS)
	}
	s = scan(s, "'s", matchConsonantS)
	return scan(s, "S", matchXApostropheS)
}

// matchThousandsComma removes a comma that separates groups of three
// digits, as in "12,345" or "1,000,000": one to three digits stand before
// it (or another such comma before those), and exactly three digits after.
func matchThousandsComma(s string, i int) (int, string) {
	if i == 0 || !isDigit(s[i-1]) || digitRun(s, i+1) != i+4 {
		return 0, ""
	}
	start := i - 1
	for start > 0 && isDigit(s[start-1]) {
		start--
	}
	if i-start > 3 || start > 0 && s[start-1] == ',' && i-start != 3 {
		return 0, ""
	}
	return 1, ""
}

// yearDigits returns a year of four digits in the form that kokoroDigits
// leaves for espeak-ng to read as a year. kokoro-js splits years from 1100
// on itself; a year from 1001 to 1099 is split here, "10 66" and "10 oh
// 5", because espeak-ng reads 1066 as "one thousand sixty six". Other
// digits are returned as they are.
func yearDigits(digits string) string {
	if len(digits) != 4 || digits[:2] != "10" || digits == "1000" {
		return digits
	}
	switch {
	case digits[2] == '0':
		return "10 oh " + digits[3:]
	}
	return "10 " + digits[2:]
}

// ordinalSuffix returns "st", "nd", "rd" or "th" for n.
func ordinalSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}
