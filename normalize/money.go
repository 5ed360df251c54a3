package normalize

import (
	"regexp"
	"strings"
)

// currency names one currency's major and minor units.
type currency struct {
	one, many           string // "dollar", "dollars"
	minorOne, minorMany string // "cent", "cents"; empty for no minor unit
}

var (
	dollar   = currency{"dollar", "dollars", "cent", "cents"}
	pound    = currency{"pound", "pounds", "penny", "pence"}
	euro     = currency{"euro", "euros", "cent", "cents"}
	usDollar = currency{"U-S dollar", "U-S dollars", "cent", "cents"}

	// currencySymbols are the symbols read before an amount. kokoro-js
	// reads $ and £ itself; espeak-ng reads the others before the number
	// ("euros fifteen").
	currencySymbols = map[string]currency{
		"$": dollar, "US$": usDollar, "£": pound, "€": euro,
		"¥": {"yen", "yen", "", ""}, "₹": {"rupee", "rupees", "", ""},
	}

	// currencyCodes are the codes that espeak-ng reads as words: EUR
	// "your", INR "inner", CAD "cad", AUD "awed". It spells USD, GBP, JPY,
	// CHF and CNY as letters, which is how people read them too.
	currencyCodes = map[string]currency{
		"EUR": euro,
		"INR": {"rupee", "rupees", "", ""},
		"CAD": {"Canadian dollar", "Canadian dollars", "cent", "cents"},
		"AUD": {"Australian dollar", "Australian dollars", "cent", "cents"},
	}

	// moneyScales maps the scale suffixes written after an amount to words.
	moneyScales = map[string]string{
		"k": "thousand", "K": "thousand", "thousand": "thousand",
		"m": "million", "M": "million", "mn": "million", "million": "million",
		"b": "billion", "B": "billion", "bn": "billion", "billion": "billion",
		"t": "trillion", "T": "trillion", "tn": "trillion", "trillion": "trillion",
	}
)

const (
	amountPattern = `(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?`
	scalePattern  = `(?: ?(thousand|million|billion|trillion)\b|(k|K|mn|m|M|bn|b|B|tn|t|T)\b)?`
	codePattern   = `(EUR|INR|CAD|AUD)`
)

var (
	// symbolMoneyPattern matches "$5", "-$5", "$1,000.50", "£3.2 million",
	// "$5k", "US$ 10" and "€2.5bn".
	symbolMoneyPattern = regexp.MustCompile(`(-)?(US\$|[$£€¥₹]) ?(-)?` + amountPattern + scalePattern)
	// codeMoneyPattern matches "EUR 5" and "EUR 1,000.50 million".
	codeMoneyPattern = regexp.MustCompile(`\b` + codePattern + ` ?` + amountPattern + scalePattern)
	// amountCodePattern matches "5 EUR" and "2.5 million EUR".
	amountCodePattern = regexp.MustCompile(`\b` + amountPattern + scalePattern + ` ?` + codePattern + `\b`)
)

// money reads the amounts of money that kokoro-js and espeak-ng misread,
// in kokoro-js's form with the digits left for kokoroDigits: "€15" is "15
// euros", "€2.50" "2 euros and 50 cents", "¥500" "500 yen" and "10 EUR"
// "10 euros". Of the $ and £ amounts that kokoro-js reads, it rewrites
// only those kokoro-js gets wrong: "$0.05" is "5 cents" (not "0 dollars
// and 5 cents"), "$5.00" "5 dollars", "$5k" "5 thousand dollars", "$1.999"
// "1.999 dollars", "$1999" "19 99 dollars", "$5-$10" "$5 to $10" and "$
// 5" "$5". The rest, "$2.50" or "$3.2 million", stays for kokoroDigits.
func (e english) money(s string) string {
	if strings.ContainsAny(s, "$£€¥₹") {
		s = replaceNearBool(s, symbolMoneyPattern, currencyTrigger, 1, func(s string, m []int) (string, bool) {
			if m[0] > 0 && isWordByte(s[m[0]-1]) && group(s, m, 1) == "" && group(s, m, 2) != "US$" {
				return "", false
			}
			if m[1] < len(s) && (isWordByte(s[m[1]]) || s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1])) {
				return "", false
			}
			sym := group(s, m, 2)
			c := currencySymbols[sym]
			whole, frac, scale := group(s, m, 4), group(s, m, 5), scaleOf(s, m, 6)
			if group(s, m, 1) != "" && m[0] > 0 && !isSpace(s[m[0]-1]) && s[m[0]-1] != '(' {
				// "$5-$10": the hyphen joins a range, it is no minus sign.
				return " to " + e.amountOrAsIs(s, m, c, sym, whole, frac, scale, false, 1), true
			}
			negative := group(s, m, 1) != "" || group(s, m, 3) != ""
			return e.amountOrAsIs(s, m, c, sym, whole, frac, scale, negative, 0), true
		})
	}
	if strings.ContainsAny(s, "ACEI") {
		s = replaceNearBool(s, codeMoneyPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			if m[1] < len(s) && isWordByte(s[m[1]]) {
				return "", false
			}
			return amount(currencyCodes[group(s, m, 1)], group(s, m, 2), group(s, m, 3), scaleOf(s, m, 4), false), true
		})
		s = replaceNearBool(s, amountCodePattern, digitTrigger, 2, func(s string, m []int) (string, bool) {
			if m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == ',') {
				return "", false
			}
			return amount(currencyCodes[group(s, m, 5)], group(s, m, 1), group(s, m, 2), scaleOf(s, m, 3), false), true
		})
	}
	return s
}

// amountOrAsIs returns the reading of a symbol amount matched at m. A $
// or £ amount that kokoro-js reads well is returned as written from
// offset m[0]+skip, with the space after the symbol removed, for
// kokoroDigits to read.
func (e english) amountOrAsIs(s string, m []int, c currency, sym, whole, frac, scale string, negative bool, skip int) string {
	if (sym == "$" || sym == "£") && kokoroReadsAmount(whole, frac, s, m) {
		return strings.Replace(s[m[0]+skip:m[1]], sym+" ", sym, 1)
	}
	return amount(c, whole, frac, scale, negative)
}

// kokoroReadsAmount reports whether kokoro-js reads a $ or £ amount with
// the digits whole and frac ("" or "." and digits) as people say it.
// kokoro-js misreads scale suffixes ("$5k"), a whole part of zero ("0
// dollars and 5 cents"), zero cents ("5 dollars and 0 cents"), more than
// two decimals ("999 cents") and four-digit amounts that it splits like
// years ("19 dollars 99").
func kokoroReadsAmount(whole, frac, s string, m []int) bool {
	cents := strings.TrimLeft(strings.TrimPrefix(frac, "."), "0")
	switch {
	case group(s, m, 7) != "", // a scale suffix such as "k"
		strings.Trim(whole, "0,") == "",
		frac != "" && (cents == "" || len(frac) > 3),
		frac == "" && len(whole) == 4 && kjsYear(whole, "") != whole:
		return false
	}
	return true
}

// currencyTrigger matches "$" and the first bytes of the UTF-8 encodings
// of £, ¥ (C2) and €, ₹ (E2).
func currencyTrigger(b byte) bool { return b == '$' || b == 0xC2 || b == 0xE2 }

// scaleOf returns the scale word of the scale groups that start at
// submatch n (a word) and n+1 (a suffix letter), or "".
func scaleOf(s string, m []int, n int) string {
	if w := group(s, m, n); w != "" {
		return moneyScales[w]
	}
	return moneyScales[group(s, m, n+1)]
}

// amount returns an amount of money in kokoro-js's form, with digits for
// kokoroDigits and espeak-ng to read: "15 euros", "2 euros and 50 cents",
// "99 cents", "3.2 million euros" and "1.999 dollars" (more than two
// decimals). whole is digits with optional thousands separators, frac is
// "" or "." and digits, scale is "" or a scale word.
func amount(c currency, whole, frac, scale string, negative bool) string {
	var words string
	major := countNoun(whole, whole, c.one, c.many)
	switch {
	case scale != "":
		words = whole + frac + " " + scale + " " + c.many
	case frac == "":
		words = major
	case c.minorMany == "" || len(frac) > 3: // more than two decimals
		words = whole + frac + " " + c.many
	default:
		cents := frac[1:]
		if len(cents) == 1 {
			cents += "0"
		}
		cents = strings.TrimLeft(cents, "0")
		switch {
		case cents == "":
			words = major
		case strings.Trim(whole, "0,") == "":
			words = countNoun(cents, cents, c.minorOne, c.minorMany)
		default:
			words = major + " and " + countNoun(cents, cents, c.minorOne, c.minorMany)
		}
	}
	if negative {
		return "minus " + words
	}
	return words
}

// countNoun returns words followed by the singular noun when digits is 1
// and the plural noun otherwise.
func countNoun(words, digits, one, many string) string {
	if strings.TrimLeft(digits, "0") == "1" {
		return words + " " + one
	}
	return words + " " + many
}
