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
	dollar = currency{"dollar", "dollars", "cent", "cents"}
	pound  = currency{"pound", "pounds", "penny", "pence"}
	euro   = currency{"euro", "euros", "cent", "cents"}
	yen    = currency{"yen", "yen", "", ""}
	rupee  = currency{"rupee", "rupees", "", ""}

	currencySymbols = map[string]currency{"$": dollar, "US$": dollar, "£": pound, "€": euro, "¥": yen, "₹": rupee}

	currencyCodes = map[string]currency{
		"USD": {"U-S dollar", "U-S dollars", "cent", "cents"},
		"EUR": euro,
		"GBP": pound,
		"JPY": yen,
		"INR": rupee,
		"CAD": {"Canadian dollar", "Canadian dollars", "cent", "cents"},
		"AUD": {"Australian dollar", "Australian dollars", "cent", "cents"},
		"CHF": {"Swiss franc", "Swiss francs", "", ""},
		"CNY": {"yuan", "yuan", "", ""},
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
	codePattern   = `(USD|EUR|GBP|JPY|INR|CAD|AUD|CHF|CNY)`
)

var (
	// symbolMoneyPattern matches "$5", "-$5", "$1,000.50", "£3.2 million",
	// "$5k", "US$ 10" and "€2.5bn".
	symbolMoneyPattern = regexp.MustCompile(`(-)?(US\$|[$£€¥₹]) ?(-)?` + amountPattern + scalePattern)
	// codeMoneyPattern matches "USD 5" and "EUR 1,000.50 million".
	codeMoneyPattern = regexp.MustCompile(`\b` + codePattern + ` ?` + amountPattern + scalePattern)
	// amountCodePattern matches "5 USD" and "2.5 million EUR".
	amountCodePattern = regexp.MustCompile(`\b` + amountPattern + scalePattern + ` ?` + codePattern + `\b`)
	// minorMoneyPattern matches "50¢" and "50p".
	minorMoneyPattern = regexp.MustCompile(`\b(\d+)(¢|p\b)`)
)

// money reads amounts of money: "$2.50" is "two dollars and fifty cents",
// "$0.05" "five cents", "£1" "one pound", "€3.2 million" "three point two
// million euros", "$5k" "five thousand dollars", "5 USD" "five US dollars".
// Amounts with three or more decimals are read with "point".
func (e english) money(s string) string {
	if strings.ContainsAny(s, "$£€¥₹") {
		s = replaceNearBool(s, symbolMoneyPattern, currencyTrigger, 1, func(s string, m []int) (string, bool) {
			if m[0] > 0 && isWordByte(s[m[0]-1]) && group(s, m, 1) == "" && group(s, m, 2) != "US$" {
				return "", false
			}
			if m[1] < len(s) && (isWordByte(s[m[1]]) || s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1])) {
				return "", false
			}
			if group(s, m, 1) != "" && m[0] > 0 && !isSpace(s[m[0]-1]) && s[m[0]-1] != '(' {
				// "$5-$10": the hyphen joins a range, it is no minus sign.
				return " to " + e.amount(currencySymbols[group(s, m, 2)], group(s, m, 4), group(s, m, 5), scaleOf(s, m, 6), false), true
			}
			negative := group(s, m, 1) != "" || group(s, m, 3) != ""
			return e.amount(currencySymbols[group(s, m, 2)], group(s, m, 4), group(s, m, 5), scaleOf(s, m, 6), negative), true
		})
	}
	if strings.ContainsAny(s, "ACEGIJU") {
		s = replaceNearBool(s, codeMoneyPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			if m[1] < len(s) && isWordByte(s[m[1]]) {
				return "", false
			}
			return e.amount(currencyCodes[group(s, m, 1)], group(s, m, 2), group(s, m, 3), scaleOf(s, m, 4), false), true
		})
		s = replaceNearBool(s, amountCodePattern, digitTrigger, 2, func(s string, m []int) (string, bool) {
			if m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == ',') {
				return "", false
			}
			return e.amount(currencyCodes[group(s, m, 5)], group(s, m, 1), group(s, m, 2), scaleOf(s, m, 3), false), true
		})
	}
	if strings.ContainsAny(s, "¢p") {
		s = replaceNearBool(s, minorMoneyPattern, digitTrigger, 0, func(s string, m []int) (string, bool) {
			if m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == ',') {
				return "", false
			}
			n := group(s, m, 1)
			if group(s, m, 2) == "¢" {
				return countNoun(e.cardinalWords(n), n, "cent", "cents"), true
			}
			return countNoun(e.cardinalWords(n), n, "penny", "pence"), true
		})
	}
	return s
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

// amount returns the words for an amount of money: whole is digits with
// optional thousands separators, frac is "" or "." and digits, scale is ""
// or a scale word.
func (e english) amount(c currency, whole, frac, scale string, negative bool) string {
	whole = strings.ReplaceAll(whole, ",", "")
	var words string
	switch {
	case scale != "":
		words = decimalWords(whole+frac, e.british) + " " + scale + " " + c.many
	case frac == "":
		words = countNoun(cardinal(whole, e.british), whole, c.one, c.many)
	case c.minorMany == "" || len(frac) > 3: // more than two decimals
		words = decimalWords(whole+frac, e.british) + " " + c.many
	default:
		cents := frac[1:]
		if len(cents) == 1 {
			cents += "0"
		}
		cents = strings.TrimLeft(cents, "0")
		major := countNoun(cardinal(whole, e.british), whole, c.one, c.many)
		switch {
		case cents == "":
			words = major
		case strings.Trim(whole, "0") == "":
			words = countNoun(cardinal(cents, e.british), cents, c.minorOne, c.minorMany)
		default:
			words = major + " and " + countNoun(cardinal(cents, e.british), cents, c.minorOne, c.minorMany)
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

func (e english) cardinalWords(digits string) string { return cardinal(digits, e.british) }
