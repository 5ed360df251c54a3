package normalize

import (
	"regexp"
	"strings"
)

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// monthByPrefix maps a month name or its common abbreviation to its number.
var monthByPrefix = map[string]int{
	"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
	"August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
	"Oct": 10, "Nov": 11, "Dec": 12,
}

const monthAlternatives = `January|February|March|April|May|June|July|August|September|October|November|December|` +
	`Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?`

var (
	// isoDatePattern matches 2023-10-27, optionally followed by "T" and a time.
	isoDatePattern = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(T?)`)
	// slashDatePattern matches 10/27/2023 or 27/10/2023 (and two-digit years).
	slashDatePattern = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b`)
	// monthDayPattern matches "October 27", "Oct. 27th" and "October 27, 2023".
	monthDayPattern = regexp.MustCompile(`\b(` + monthAlternatives + `) (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4})\b)?`)
	// dayMonthPattern matches "27 October", "27th Oct" and "27 October 2023".
	dayMonthPattern = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)? (` + monthAlternatives + `)(?:\b|$)(?:,? (\d{4})\b)?`)
)

// dates reads ISO dates (2023-10-27), dates with slashes (month first in
// American English, day first in British English, whichever order is valid
// when only one is) and dates with a month name. American English says
// "October twenty seventh, twenty twenty three", British English "the
// twenty seventh of October twenty twenty three".
func (e english) dates(s string) string {
	if strings.IndexByte(s, '-') >= 0 {
		s = replaceNearBool(s, isoDatePattern, hyphenTrigger, 0, func(s string, m []int) (string, bool) {
			year, month, day := group(s, m, 1), atoiSmall(group(s, m, 2)), atoiSmall(group(s, m, 3))
			hasT := group(s, m, 4) != ""
			switch {
			case !validDate(month, day),
				m[0] > 0 && (s[m[0]-1] == '-' || s[m[0]-1] == '.'),
				hasT && (m[1] >= len(s) || !isDigit(s[m[1]])),
				!hasT && m[1] < len(s) && (isWordByte(s[m[1]]) || s[m[1]] == '-' && m[1]+1 < len(s) && isDigit(s[m[1]+1])):
				return "", false
			}
			words := e.date(month, day, year)
			if hasT {
				words += " at "
			}
			return words, true
		})
	}

	if strings.IndexByte(s, '/') >= 0 {
		s = replaceNearBool(s, slashDatePattern, slashTrigger, 0, func(s string, m []int) (string, bool) {
			a, b, year := atoiSmall(group(s, m, 1)), atoiSmall(group(s, m, 2)), group(s, m, 3)
			if m[1] < len(s) && s[m[1]] == '/' || m[0] > 0 && s[m[0]-1] == '/' {
				return "", false
			}
			month, day := a, b
			if e.british {
				month, day = b, a
			}
			if !validDate(month, day) {
				month, day = day, month
			}
			if !validDate(month, day) {
				return "", false
			}
			return e.date(month, day, year), true
		})
	}

	if !hasMonthName(s) {
		return s
	}
	s = replaceNearBool(s, monthDayPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
		month, day := monthNumber(group(s, m, 1)), atoiSmall(group(s, m, 2))
		if !validDate(month, day) || followsNumberPart(s, m[5]) {
			return "", false
		}
		return e.date(month, day, group(s, m, 3)), true
	})
	return replaceNearBool(s, dayMonthPattern, digitTrigger, 2, func(s string, m []int) (string, bool) {
		day, month := atoiSmall(group(s, m, 1)), monthNumber(group(s, m, 2))
		if !validDate(month, day) || m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == ',') {
			return "", false
		}
		words := "the " + ordinal(itoa(day), e.british) + " of " + monthNames[month]
		if y := group(s, m, 3); y != "" {
			words += " " + yearWords(y, e.british)
		}
		return words, true
	})
}

// date returns the words for a date; year may be "" or two or four digits.
func (e english) date(month, day int, year string) string {
	var words string
	if e.british {
		words = "the " + ordinal(itoa(day), true) + " of " + monthNames[month]
	} else {
		words = monthNames[month] + " " + ordinal(itoa(day), false)
	}
	switch {
	case year == "":
		return words
	case e.british:
		return words + " " + yearWords(year, true)
	}
	return words + ", " + yearWords(year, false)
}

// followsNumberPart reports whether offset i is followed by something
// that makes the digits before it part of a longer number or a time, as in
// "May 5:30" or "March 3.5".
func followsNumberPart(s string, i int) bool {
	return i+1 < len(s) && (s[i] == ':' || s[i] == '.' || s[i] == ',') && isDigit(s[i+1])
}

var (
	hyphenTrigger = bytesTrigger("-")
	slashTrigger  = bytesTrigger("/")
	colonTrigger  = bytesTrigger(":")
)

// hasMonthName reports whether s may hold a month name or abbreviation.
func hasMonthName(s string) bool {
	for _, m := range [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

func monthNumber(name string) int {
	return monthByPrefix[strings.TrimSuffix(name, ".")]
}

// validDate reports whether day exists in month in a leap year.
func validDate(month, day int) bool {
	days := [...]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	return month >= 1 && month <= 12 && day >= 1 && day <= days[month]
}

var (
	// timePattern matches 3:30, 07:45, 23:59:59, with an optional am or pm
	// as "pm", "PM", "p.m." or "p m".
	timePattern = regexp.MustCompile(`\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp])\.? ?([Mm])\b(\.)?)?`)
	// hourPattern matches an hour with am or pm but no minutes: "7 pm", "7pm".
	hourPattern = regexp.MustCompile(`\b(\d{1,2}) ?([AaPp])\.? ?([Mm])\b(\.)?`)
	// timeRangePattern matches two times joined by a hyphen, "9:00-17:00"
	// or "10am-2pm"; the rule checks that they are times and not numbers.
	timeRangePattern = regexp.MustCompile(`\b(\d{1,2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?)[-–](\d{1,2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\b\.?)?)`)
	// ratioPattern matches two numbers joined by a colon that are not a
	// time, such as "16:9".
	ratioPattern = regexp.MustCompile(`\b(\d+):(\d+)\b`)
)

// times reads clock times. A 12-hour time says "o'clock" on the hour and
// "oh" before single-digit minutes ("seven o'clock", "seven oh five",
// "seven thirty P-M"); a 24-hour time says "hundred" on the hour
// ("thirteen hundred"), and 00:00 is "midnight". A time with seconds is
// read as a duration ("one hour twenty three minutes forty five seconds").
// The period of "a.m." or "p.m." stays when it also ends a sentence.
// Times joined by a hyphen are read with "to" ("10am-2pm" is "ten A-M to
// two P-M"), and two numbers joined by a colon that are not a time are a
// ratio ("16:9" is "sixteen to nine").
func (e english) times(s string) string {
	s = replaceNearBool(s, timeRangePattern, hyphenTrigger, 0, func(s string, m []int) (string, bool) {
		a, b := group(s, m, 1), group(s, m, 2)
		if !isTimeLike(a) || !isTimeLike(b) || m[1] < len(s) && (s[m[1]] == '-' || isDigit(s[m[1]])) {
			return "", false
		}
		return a + " to " + b, true
	})
	if strings.IndexByte(s, ':') >= 0 {
		s = replaceNearBool(s, timePattern, colonTrigger, 2, func(s string, m []int) (string, bool) {
			if m[0] > 0 && s[m[0]-1] == ':' {
				return "", false
			}
			end := m[1]
			if group(s, m, 4) == "" && end < len(s) && (isWordByte(s[end]) || s[end] == ':' || s[end] == '.' && end+1 < len(s) && isDigit(s[end+1])) {
				return "", false
			}
			hour, minute := atoiSmall(group(s, m, 1)), atoiSmall(group(s, m, 2))
			if hour > 23 || minute > 59 {
				return "", false
			}
			if sec := group(s, m, 3); sec != "" {
				if atoiSmall(sec) > 59 {
					return "", false
				}
				return e.duration(hour, minute, atoiSmall(sec)), true
			}
			return e.clock(hour, minute, s, m[8], m[12]), true
		})
	}
	if strings.ContainsAny(s, "mM") {
		s = replaceNearBool(s, hourPattern, digitTrigger, 2, func(s string, m []int) (string, bool) {
			hour := atoiSmall(group(s, m, 1))
			if hour < 1 || hour > 12 || m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == ':' || s[m[0]-1] == '$') {
				return "", false
			}
			return e.clock(hour, 0, s, m[4], m[8]), true
		})
	}
	if strings.IndexByte(s, ':') < 0 {
		return s
	}
	return replaceNearBool(s, ratioPattern, colonTrigger, 0, func(s string, m []int) (string, bool) {
		if m[0] > 0 && (s[m[0]-1] == ':' || s[m[0]-1] == '.') || m[1] < len(s) && s[m[1]] == ':' {
			return "", false
		}
		return cardinal(group(s, m, 1), e.british) + " to " + cardinal(group(s, m, 2), e.british), true
	})
}

// isTimeLike reports whether a side of a hyphenated range is a time: it
// has minutes after a colon or an am or pm.
func isTimeLike(t string) bool {
	return strings.IndexByte(t, ':') >= 0 || strings.ContainsAny(t, "AaPp")
}

// clock returns the words for hour:minute. ampm is the offset of the a or
// p of "am"/"pm" in s, or -1; period is the offset of a period after the
// "m", or -1.
func (e english) clock(hour, minute int, s string, ampm, period int) string {
	var words string
	switch {
	case ampm >= 0 || hour >= 1 && hour <= 12:
		words = cardinal(itoa(hour), e.british)
		switch {
		case minute == 0 && ampm < 0:
			words += " o'clock"
		case minute == 0:
		case minute < 10:
			words += " oh " + onesWords[minute]
		default:
			words += " " + cardinal(itoa(minute), e.british)
		}
	case hour == 0 && minute == 0:
		words = "midnight"
	default:
		words = cardinal(itoa(hour), e.british)
		switch {
		case minute == 0:
			words += " hundred"
		case minute < 10:
			words += " oh " + onesWords[minute]
		default:
			words += " " + cardinal(itoa(minute), e.british)
		}
	}
	if ampm < 0 {
		return words
	}
	if s[ampm]|0x20 == 'a' {
		words += " A-M"
	} else {
		words += " P-M"
	}
	if period >= 0 && sentenceEndsAfter(s, period+1) {
		words += "."
	}
	return words
}

// duration reads h:mm:ss as hours, minutes and seconds, leaving out parts
// that are zero.
func (e english) duration(hour, minute, second int) string {
	var parts []string
	for _, p := range []struct {
		n    int
		unit string
	}{{hour, "hour"}, {minute, "minute"}, {second, "second"}} {
		switch p.n {
		case 0:
		case 1:
			parts = append(parts, "one "+p.unit)
		default:
			parts = append(parts, cardinal(itoa(p.n), e.british)+" "+p.unit+"s")
		}
	}
	if len(parts) == 0 {
		return "zero seconds"
	}
	return strings.Join(parts, " ")
}
