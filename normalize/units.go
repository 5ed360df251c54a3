package normalize

import (
	"regexp"
	"sort"
	"strings"
)

// numberPattern matches a number with optional thousands separators and
// decimals, such as "3", "1,234.5" or ".5", as group 1. Rules find a minus
// sign with signBefore.
const numberPattern = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`

// percentPattern matches "5%", "-3.5 %" and "99.9%".
var percentPattern = regexp.MustCompile(numberPattern + ` ?%`)

// percentages reads "5%" as "five percent".
func (e english) percentages(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	return replaceNear(s, percentPattern, percentTrigger, 1, func(s string, m []int) (string, int, bool) {
		negative, start := signBefore(s, m[0])
		if !negative && numberGlued(s, m[0]) {
			return "", 0, false
		}
		words := e.signedNumber(negative, group(s, m, 1)) + " percent"
		if low, lowStart, ok := rangeBefore(s, m[0]); ok && !negative {
			return decimalWords(low, e.british) + " to " + words, lowStart, true
		}
		return words, start, true
	})
}

var percentTrigger = bytesTrigger("%")

// numberGlued reports whether the number match that starts at offset i is
// glued to a word or another number before it, as in "abc5" or "1.2.3".
func numberGlued(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	return isWordByte(c) || c == '.' || c == ','
}

// signedNumber reads a number matched by numberPattern.
func (e english) signedNumber(negative bool, num string) string {
	words := decimalWords(num, e.british)
	if negative {
		return "minus " + words
	}
	return words
}

// unit is the spoken form of one unit symbol.
type unit struct {
	one, many string
	// britishOne and britishMany replace one and many in British English
	// when they are set ("metre").
	britishOne, britishMany string
}

// units maps unit symbols to words. Symbols that are also common words or
// letters ("in", "t", "A", "B") are left out on purpose. "x", "k" and "K"
// count only right after a number ("3x", "128k"), and "s" only right after
// a decimal ("10.5s"), because "the 90s" is a decade.
var units = map[string]unit{
	"mm": {"millimeter", "millimeters", "millimetre", "millimetres"},
	"cm": {"centimeter", "centimeters", "centimetre", "centimetres"},
	"m":  {"meter", "meters", "metre", "metres"},
	"km": {"kilometer", "kilometers", "kilometre", "kilometres"},
	"µm": {"micrometer", "micrometers", "micrometre", "micrometres"},
	"nm": {"nanometer", "nanometers", "nanometre", "nanometres"},
	"ft": {"foot", "feet", "", ""},
	"mi": {"mile", "miles", "", ""},
	"yd": {"yard", "yards", "", ""},
	"mg": {"milligram", "milligrams", "", ""},
	"g":  {"gram", "grams", "", ""},
	"kg": {"kilogram", "kilograms", "", ""},
	"lb": {"pound", "pounds", "", ""}, "lbs": {"pound", "pounds", "", ""},
	"oz":  {"ounce", "ounces", "", ""},
	"tsp": {"teaspoon", "teaspoons", "", ""}, "tbsp": {"tablespoon", "tablespoons", "", ""},
	"ml":  {"milliliter", "milliliters", "millilitre", "millilitres"},
	"mL":  {"milliliter", "milliliters", "millilitre", "millilitres"},
	"L":   {"liter", "liters", "litre", "litres"},
	"gal": {"gallon", "gallons", "", ""},
	"ms":  {"millisecond", "milliseconds", "", ""},
	"µs":  {"microsecond", "microseconds", "", ""},
	"ns":  {"nanosecond", "nanoseconds", "", ""},
	"sec": {"second", "seconds", "", ""}, "secs": {"second", "seconds", "", ""},
	"min": {"minute", "minutes", "", ""}, "mins": {"minute", "minutes", "", ""},
	"h": {"hour", "hours", "", ""}, "hr": {"hour", "hours", "", ""}, "hrs": {"hour", "hours", "", ""},
	"KB": {"kilobyte", "kilobytes", "", ""}, "kB": {"kilobyte", "kilobytes", "", ""},
	"MB":   {"megabyte", "megabytes", "", ""},
	"GB":   {"gigabyte", "gigabytes", "", ""},
	"TB":   {"terabyte", "terabytes", "", ""},
	"PB":   {"petabyte", "petabytes", "", ""},
	"KiB":  {"kibibyte", "kibibytes", "", ""},
	"MiB":  {"mebibyte", "mebibytes", "", ""},
	"GiB":  {"gibibyte", "gibibytes", "", ""},
	"TiB":  {"tebibyte", "tebibytes", "", ""},
	"kbps": {"kilobit per second", "kilobits per second", "", ""},
	"Mbps": {"megabit per second", "megabits per second", "", ""},
	"Gbps": {"gigabit per second", "gigabits per second", "", ""},
	"Hz":   {"hertz", "hertz", "", ""},
	"kHz":  {"kilohertz", "kilohertz", "", ""},
	"MHz":  {"megahertz", "megahertz", "", ""},
	"GHz":  {"gigahertz", "gigahertz", "", ""},
	"W":    {"watt", "watts", "", ""},
	"kW":   {"kilowatt", "kilowatts", "", ""},
	"MW":   {"megawatt", "megawatts", "", ""},
	"kWh":  {"kilowatt hour", "kilowatt hours", "", ""},
	"Wh":   {"watt hour", "watt hours", "", ""},
	"mAh":  {"milliamp hour", "milliamp hours", "", ""},
	"V":    {"volt", "volts", "", ""},
	"mV":   {"millivolt", "millivolts", "", ""},
	"mA":   {"milliamp", "milliamps", "", ""},
	"dB":   {"decibel", "decibels", "", ""},
	"px":   {"pixel", "pixels", "", ""},
	"fps":  {"frame per second", "frames per second", "", ""},
	"rpm":  {"revolution per minute", "revolutions per minute", "", ""},
	"mph":  {"mile per hour", "miles per hour", "", ""},
	"kph":  {"kilometer per hour", "kilometers per hour", "kilometre per hour", "kilometres per hour"},
	"km/h": {"kilometer per hour", "kilometers per hour", "kilometre per hour", "kilometres per hour"},
	"m/s":  {"meter per second", "meters per second", "metre per second", "metres per second"},
	"°C":   {"degree Celsius", "degrees Celsius", "", ""},
	"°F":   {"degree Fahrenheit", "degrees Fahrenheit", "", ""},
	"°":    {"degree", "degrees", "", ""},
	"x":    {"times", "times", "", ""},
	"s":    {"second", "seconds", "", ""},
	"k":    {"thousand", "thousand", "", ""},
	"K":    {"thousand", "thousand", "", ""},
	"×":    {"times", "times", "", ""},
}

// unitPattern matches a number followed by a unit symbol. The symbols are
// tried longest first so that "kWh" wins over "kW".
var unitPattern = func() *regexp.Regexp {
	symbols := make([]string, 0, len(units))
	for sym := range units {
		symbols = append(symbols, regexp.QuoteMeta(sym))
	}
	sort.Slice(symbols, func(i, j int) bool {
		if len(symbols[i]) != len(symbols[j]) {
			return len(symbols[i]) > len(symbols[j])
		}
		return symbols[i] < symbols[j]
	})
	return regexp.MustCompile(numberPattern + ` ?(` + strings.Join(symbols, "|") + `)`)
}()

// feetInchesPattern matches a height such as 6'2" or 5' 10".
var feetInchesPattern = regexp.MustCompile(`\b(\d{1,2})' ?(\d{1,2})"`)

// dimensionPattern matches "1920x1080" and "2 x 4", read with "by".
var dimensionPattern = regexp.MustCompile(`\b(\d+) ?[x×] ?(\d+)\b`)

// units reads a unit symbol after a number as words: "4.7 GB" is "four
// point seven gigabytes", "1 km" "one kilometer", "-5°C" "minus five
// degrees Celsius", "3x" "three times", "1920x1080" "one thousand nine
// hundred twenty by one thousand eighty". A symbol is read only right
// after a number and only when no letter or digit follows it, so words
// such as "mi" or "min" elsewhere stay as written.
func (e english) units(s string) string {
	if strings.IndexByte(s, '\'') >= 0 {
		s = replaceNearBool(s, feetInchesPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			feet, inches := group(s, m, 1), group(s, m, 2)
			return countNoun(cardinal(feet, e.british), feet, "foot", "feet") + " " +
				countNoun(cardinal(inches, e.british), inches, "inch", "inches"), true
		})
	}
	if strings.ContainsAny(s, "x×") {
		s = replaceNearBool(s, dimensionPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			if numberGlued(s, m[0]) {
				return "", false
			}
			return cardinal(group(s, m, 1), e.british) + " by " + cardinal(group(s, m, 2), e.british), true
		})
	}
	return replaceNear(s, unitPattern, digitTrigger, 1, func(s string, m []int) (string, int, bool) {
		num, sym := group(s, m, 1), group(s, m, 2)
		negative, start := signBefore(s, m[0])
		switch {
		case !negative && numberGlued(s, m[0]),
			m[1] < len(s) && (isWordByte(s[m[1]]) || s[m[1]] >= 0x80 || s[m[1]] == '/' || s[m[1]] == '.' && m[1]+1 < len(s) && isWordByte(s[m[1]+1])),
			sym == "x" && s[m[1]-2] == ' ',
			sym == "s" && (s[m[1]-2] == ' ' || !strings.Contains(num, ".")),
			(sym == "k" || sym == "K") && s[m[1]-2] == ' ':
			return "", 0, false
		}
		u := units[sym]
		one, many := u.one, u.many
		if e.british && u.britishOne != "" {
			one, many = u.britishOne, u.britishMany
		}
		noun := many
		if num == "1" {
			noun = one
		}
		words := e.signedNumber(negative, num) + " " + noun
		if low, lowStart, ok := rangeBefore(s, m[0]); ok && !negative {
			return decimalWords(low, e.british) + " to " + words, lowStart, true
		}
		return words, start, true
	})
}

// rangeBefore reports whether the number that starts at offset i ends a
// range such as "20-25°C", and returns the number before the hyphen and
// the offset where it starts.
func rangeBefore(s string, i int) (string, int, bool) {
	if i < 2 || s[i-1] != '-' || !isDigit(s[i-2]) {
		return "", 0, false
	}
	start := i - 1
	for start > 0 && (isDigit(s[start-1]) || s[start-1] == '.' || s[start-1] == ',') {
		start--
	}
	low := s[start : i-1]
	if !isDigit(low[0]) || numberGlued(s, start) || low != plainNumberPattern.FindString(low) {
		return "", 0, false
	}
	return low, start, true
}
