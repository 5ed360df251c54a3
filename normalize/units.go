package normalize

import (
	"regexp"
	"sort"
	"strings"
)

// numberPattern matches a number with optional thousands separators and
// decimals, such as "3", "1,234.5" or ".5", as group 1.
const numberPattern = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`

// numberGlued reports whether the number match that starts at offset i is
// glued to a word or another number before it, as in "abc5" or "1.2.3".
func numberGlued(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	return isWordByte(c) || c == '.' || c == ','
}

// unit is the spoken form of one unit symbol.
type unit struct {
	one, many string
	// britishOne and britishMany replace one and many in British English
	// when they are set ("metre").
	britishOne, britishMany string
}

// units maps unit symbols to words. It holds the symbols that espeak-ng
// misreads after a number: as a word ("min", "oz", "gal"), as a lone
// letter ("m", "g", "L", "W", "V"), as letters nobody says ("ft", "Hz",
// "px", "mA") or with the symbol read out ("km/h", "µs"). Symbols that
// espeak-ng spells as people say them stay out: GB, MB, km, kg, ml, ms,
// mph, rpm, fps, Mbps, kWh. So do the ones it reads as words itself (GHz,
// MHz, lbs, tbsp, °) and °C and °F ("degrees C"). Symbols that are also
// common words ("in", "t", "A", "B") are left out on purpose. "x" counts
// only right after a number ("3x") and "s" only right after a decimal
// ("10.5s"), because "the 90s" is a decade.
var units = map[string]unit{
	"m":   {"meter", "meters", "metre", "metres"},
	"µm":  {"micrometer", "micrometers", "micrometre", "micrometres"},
	"ft":  {"foot", "feet", "", ""},
	"mi":  {"mile", "miles", "", ""},
	"yd":  {"yard", "yards", "", ""},
	"g":   {"gram", "grams", "", ""},
	"lb":  {"pound", "pounds", "", ""},
	"oz":  {"ounce", "ounces", "", ""},
	"tsp": {"teaspoon", "teaspoons", "", ""},
	"L":   {"liter", "liters", "litre", "litres"},
	"gal": {"gallon", "gallons", "", ""},
	"µs":  {"microsecond", "microseconds", "", ""},
	"sec": {"second", "seconds", "", ""}, "secs": {"second", "seconds", "", ""},
	"min": {"minute", "minutes", "", ""}, "mins": {"minute", "minutes", "", ""},
	"h": {"hour", "hours", "", ""}, "hr": {"hour", "hours", "", ""}, "hrs": {"hour", "hours", "", ""},
	"KiB":  {"kibibyte", "kibibytes", "", ""},
	"MiB":  {"mebibyte", "mebibytes", "", ""},
	"GiB":  {"gibibyte", "gibibytes", "", ""},
	"TiB":  {"tebibyte", "tebibytes", "", ""},
	"Hz":   {"hertz", "hertz", "", ""},
	"kHz":  {"kilohertz", "kilohertz", "", ""},
	"W":    {"watt", "watts", "", ""},
	"kW":   {"kilowatt", "kilowatts", "", ""},
	"MW":   {"megawatt", "megawatts", "", ""},
	"Wh":   {"watt hour", "watt hours", "", ""},
	"mAh":  {"milliamp hour", "milliamp hours", "", ""},
	"V":    {"volt", "volts", "", ""},
	"mV":   {"millivolt", "millivolts", "", ""},
	"mA":   {"milliamp", "milliamps", "", ""},
	"px":   {"pixel", "pixels", "", ""},
	"km/h": {"kilometer per hour", "kilometers per hour", "kilometre per hour", "kilometres per hour"},
	"m/s":  {"meter per second", "meters per second", "metre per second", "metres per second"},
	"x":    {"times", "times", "", ""},
	"s":    {"second", "seconds", "", ""},
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

// units reads a unit symbol after a number as words, leaving the number
// as written for kokoroDigits: "3 min" is "3 minutes", "1 m" "1 meter",
// "3x" "3 times", "1920x1080" "1920 by 1080" and 6'2" "6 feet 2 inches".
// A symbol is read only right after a number and only when no letter or
// digit follows it, so words such as "mi" or "min" elsewhere stay as
// written. A sign or a range before the number stays for kokoroDigits
// and espeak-ng ("-5 m", "20-25 min").
func (e english) units(s string) string {
	if strings.IndexByte(s, '\'') >= 0 {
		s = replaceNearBool(s, feetInchesPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			feet, inches := group(s, m, 1), group(s, m, 2)
			return countNoun(feet, feet, "foot", "feet") + " " + countNoun(inches, inches, "inch", "inches"), true
		})
	}
	if strings.ContainsAny(s, "x×") {
		s = replaceNearBool(s, dimensionPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			if numberGlued(s, m[0]) {
				return "", false
			}
			return group(s, m, 1) + " by " + group(s, m, 2), true
		})
	}
	return replaceNearBool(s, unitPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
		num, sym := group(s, m, 1), group(s, m, 2)
		switch {
		case numberGlued(s, m[0]),
			m[1] < len(s) && (isWordByte(s[m[1]]) || s[m[1]] >= 0x80 || s[m[1]] == '/' || s[m[1]] == '.' && m[1]+1 < len(s) && isWordByte(s[m[1]+1])),
			sym == "x" && s[m[1]-2] == ' ',
			sym == "s" && (s[m[1]-2] == ' ' || !strings.Contains(num, ".")):
			return "", false
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
		return num + " " + noun, true
	})
}
