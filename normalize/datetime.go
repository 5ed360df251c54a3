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

// dates reads ISO dates (2023-10-27) and dates with slashes (month first
// in American English, day first in British English, whichever order is
// valid when only one is), which kokoro-js reads as numbers joined by "to"
// or "slash": American English says "October 27th, 2023", British English
// "the 27th of October 2023". A day after a month name gets its ordinal
// ending ("December 31" is "December 31st"), because espeak-ng reads
// "December thirty one", and a day before one is read "the 5th of May".
// The year stays digits for kokoroDigits.
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
		words := monthNames[month] + " " + itoa(day) + ordinalSuffix(day)
		if y := group(s, m, 3); y != "" {
			// Keep the comma, or its absence, before the year.
			words += strings.TrimLeft(s[m[5]:m[6]], "stndrh") + yearDigits(y)
		}
		return words, true
	})
	return replaceNearBool(s, dayMonthPattern, digitTrigger, 2, func(s string, m []int) (string, bool) {
		day, month := atoiSmall(group(s, m, 1)), monthNumber(group(s, m, 2))
		if !validDate(month, day) || m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == ',') {
			return "", false
		}
		words := "the " + itoa(day) + ordinalSuffix(day) + " of " + monthNames[month]
		if y := group(s, m, 3); y != "" {
			words += " " + yearDigits(y)
		}
		return words, true
	})
}

// date returns a date with the day as an ordinal in digits, which
// espeak-ng reads as words: "October 27th, 2023" in American English and
// "the 27th of October 2023" in British English. year may be "" or two
// or four digits; kokoroDigits reads a four-digit year as kokoro-js does.
func (e english) date(month, day int, year string) string {
	var words string
	if e.british {
		words = "the " + itoa(day) + ordinalSuffix(day) + " of " + monthNames[month]
	} else {
		words = monthNames[month] + " " + itoa(day) + ordinalSuffix(day)
	}
	switch {
	case year == "":
		return words
	case e.british:
		return words + " " + yearDigits(year)
	}
	return words + ", " + yearDigits(year)
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
	// clockPattern matches hours and minutes, "00:00" or "7:00".
	clockPattern = regexp.MustCompile(`\b(\d{1,2}):(\d{2})\b`)
	// timeRangePattern matches two times joined by a hyphen, "9:00-17:00"
	// or "10am-2pm"; the rule checks that they are times and not numbers.
	timeRangePattern = regexp.MustCompile(`\b(\d{1,2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?)[-–](\d{1,2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\b\.?)?)`)
	// ampmAfter matches an "am" or "pm" after a time: " pm", "PM", " p.m.".
	ampmAfter = regexp.MustCompile(`^ ?[AaPp]\.? ?[Mm]\b`)
)

// times reads the clock times that kokoro-js and espeak-ng misread. 00:00
// is "midnight", a 24-hour time on the hour is "13 hundred", and an hour
// with a leading zero on the hour is "7 o'clock", where espeak-ng would
// say "zero zero" or "zero seven zero zero". Two times joined by a hyphen
// are read with "to" ("10am to 2pm", "9:00 to 17:00"), where espeak-ng
// says nothing for the hyphen. Other times stay as written: kokoroDigits
// reads 1:00 to 12:59 as kokoro-js does ("9 45"), and espeak-ng reads
// "23:59", "07:30", "7pm" and "1:23:45" as people say them.
func (e english) times(s string) string {
	if strings.ContainsAny(s, "-–") {
		s = replaceNearBool(s, timeRangePattern, hyphenTrigger, 0, func(s string, m []int) (string, bool) {
			a, b := group(s, m, 1), group(s, m, 2)
			if !isTimeLike(a) || !isTimeLike(b) || m[1] < len(s) && (s[m[1]] == '-' || isDigit(s[m[1]])) ||
				m[0] > 0 && (s[m[0]-1] == ':' || s[m[0]-1] == '-' || s[m[0]-1] == '.') {
				return "", false
			}
			return a + " to " + b, true
		})
	}
	if strings.IndexByte(s, ':') < 0 {
		return s
	}
	return replaceNearBool(s, clockPattern, colonTrigger, 0, func(s string, m []int) (string, bool) {
		end := m[1]
		if m[0] > 0 && (s[m[0]-1] == ':' || s[m[0]-1] == '.') ||
			end < len(s) && (s[end] == ':' || s[end] == '.' && end+1 < len(s) && isDigit(s[end+1])) ||
			ampmAfter.MatchString(s[end:]) {
			return "", false
		}
		hourDigits := group(s, m, 1)
		hour, minute := atoiSmall(hourDigits), atoiSmall(group(s, m, 2))
		switch {
		case hour == 0 && minute == 0:
			return "midnight", true
		case minute != 0 || hour > 23:
			return "", false
		case hour >= 13:
			return itoa(hour) + " hundred", true
		case hourDigits[0] == '0':
			return itoa(hour) + " o'clock", true
		}
		return "", false
	})
}

// isTimeLike reports whether a side of a hyphenated range is a time: it
// has minutes after a colon or an am or pm.
func isTimeLike(t string) bool {
	return strings.IndexByte(t, ':') >= 0 || strings.ContainsAny(t, "AaPp")
}
