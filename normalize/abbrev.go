package normalize

import (
	"regexp"
	"strings"
)

// titles are abbreviations read as a word before a capitalised name.
// Their period never ends a sentence. kokoroTitles reads Dr., Mr., Mrs.
// and Ms. first, as kokoro-js does. Their entries here serve "Ms" without
// a period, which espeak-ng spells, and the street rule, which skips a
// title before "St." or "Dr.".
var titles = map[string]string{
	"Dr": "Doctor", "Mr": "Mister", "Mrs": "Mrs", "Ms": "Miss", "Prof": "Professor",
	"St": "Saint", "Mt": "Mount", "Gen": "General", "Col": "Colonel", "Capt": "Captain",
	"Lt": "Lieutenant", "Sgt": "Sergeant", "Gov": "Governor", "Sen": "Senator",
	"Rep": "Representative", "Rev": "Reverend", "Fr": "Father", "Hon": "Honorable",
	"Pres": "President", "Supt": "Superintendent",
}

// bareTitles are the titles written without a period ("Ms Smith") that
// espeak-ng misreads: it spells "Ms" and says "St" as the unstressed
// "sənt". It reads "Dr", "Mr" and "Mrs" well, and the other titles
// without a period are often words.
var bareTitles = wordSet("Ms St")

// abbreviations are read as words wherever they stand, because espeak-ng
// misreads them ("vs" is "V-S", "Inc" "ink", "Jr" "J-R") or a period in
// mid-sentence would end the sentence. Their period ends the sentence too
// when a newline or the end follows. "etc." is read as kokoro-js reads it
// (see matchEtc), and "e.g.", "i.e." and "a.k.a." are letters with
// periods, which espeak-ng spells as people do.
var abbreviations = map[string]string{
	"vs.": "versus", "vs": "versus", "approx.": "approximately",
	"Inc.": "Incorporated", "Ltd.": "Limited", "Corp.": "Corporation", "Bros.": "Brothers",
	"Jr.": "Junior", "Sr.": "Senior", "Ave.": "Avenue", "Blvd.": "Boulevard", "Rd.": "Road",
	"Dept.": "Department", "Univ.": "University", "Est.": "Established", "est.": "established",
	"w/": "with", "w/o": "without",
}

// numberAbbreviations are read as words only before a number.
var numberAbbreviations = map[string]string{
	"No.": "number", "no.": "number", "Nos.": "numbers", "Fig.": "figure", "fig.": "figure",
	"Vol.": "volume", "vol.": "volume", "Ch.": "chapter", "ch.": "chapter", "p.": "page",
	"pp.": "pages", "Sec.": "section", "Art.": "article", "Ex.": "example", "Eq.": "equation",
}

var (
	// titlePattern matches a title abbreviation, with or without a period,
	// and a space; the rule checks for the capital letter after it, so that
	// "Lt. Col. Smith" expands both titles.
	titlePattern = regexp.MustCompile(`\b(Dr|Mr|Mrs|Ms|Prof|St|Mt|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Rev|Fr|Hon|Pres|Supt)(\.?) `)
	// socialTitlePattern matches "Mr.", "Mrs." and "Ms.".
	socialTitlePattern = regexp.MustCompile(`\b(Mr|Mrs|Ms)\.`)
	// streetPattern matches "St." or "Dr." after a capitalised word or a
	// number, as in "Main St." or "5th St.", where they mean Street and Drive.
	streetPattern = regexp.MustCompile(`\b([A-Z][a-z]+|\d+(?:st|nd|rd|th)?) (St|Dr|Ave|Rd)\.`)
	// abbreviationPattern matches the keys of abbreviations.
	abbreviationPattern = regexp.MustCompile(`(?:\b|^)(vs\.?|approx\.|Inc\.|Ltd\.|Corp\.|Bros\.|Jr\.|Sr\.|Ave\.|Blvd\.|Rd\.|Dept\.|Univ\.|[Ee]st\.|w/o|w/)`)
	// numberAbbreviationPattern matches the keys of numberAbbreviations
	// before a number.
	numberAbbreviationPattern = regexp.MustCompile(`\b(No\.|no\.|Nos\.|[Ff]ig\.|[Vv]ol\.|[Cc]h\.|pp?\.|Sec\.|Art\.|Ex\.|Eq\.) ?(\d)`)
	// dottedLettersPattern matches letters with periods: "U.S.", "Ph.D.", "a.m.".
	dottedLettersPattern = regexp.MustCompile(`\b(?:[A-Za-z]\.){2,}|\b[A-Z][a-z]?\.[A-Z]\.`)
	// hashNumberPattern matches "#5".
	hashNumberPattern = regexp.MustCompile(`#(\d)`)
)

var (
	periodTrigger       = bytesTrigger(".")
	abbreviationTrigger = bytesTrigger("./v")
	romanTrigger        = bytesTrigger("IVXL")
)

// containsAny reports whether s contains any of the substrings.
func containsAny(s string, substrings ...string) bool {
	for _, sub := range substrings {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hasPeriodTitle reports whether s may hold a title with a period.
func hasPeriodTitle(s string) bool {
	for t := range titles {
		if strings.Contains(s, t+".") {
			return true
		}
	}
	return false
}

// hasAbbreviation reports whether s may hold one of abbreviations.
func hasAbbreviation(s string) bool {
	for a := range abbreviations {
		if strings.Contains(s, a) {
			return true
		}
	}
	return false
}

// hasDottedLetters reports whether s has a letter, a period and another
// letter in a row, as "U.S." and "Ph.D." do.
func hasDottedLetters(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i+1] == '.' && isASCIILetter(s[i]) && isASCIILetter(s[i+2]) {
			return true
		}
	}
	return false
}

// hasBareTitle reports whether s may hold a title written without a
// period, such as "Mr Smith".
func hasBareTitle(s string) bool {
	for _, t := range [...]string{"Dr ", "Mr ", "Mrs ", "Ms ", "St "} {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// streetWords maps the abbreviations streetPattern matches to words. "St"
// maps to "" because espeak-ng reads "Main St." as "Main Street" itself.
var streetWords = map[string]string{"St": "", "Dr": "Drive", "Ave": "Avenue", "Rd": "Road"}

// abbreviations expands the abbreviations that kokoro-js and espeak-ng
// misread. Dr., Mr., Mrs. and Ms. are read as kokoro-js reads them
// (kokoroTitles). Other titles before a name are read as words ("St.
// Mary's" is "Saint Mary's", "Prof. Xavier" "Professor Xavier"), street
// types after a name too ("Elm Dr." is "Elm Drive"; "Main St." stays),
// and so are business and Latin abbreviations ("vs." is "versus", "Inc."
// "Incorporated"), "No. 5" and "#5" ("number 5"). Letters with periods
// are read as letters ("U.S. Army" is "U-S- Army", "e.g." "e-g-", as in
// kokoro-js), without the period in mid-sentence that kokoro-js keeps
// before a capital letter. A period that also ends the sentence is kept.
func (e english) abbreviations(s string) string {
	if containsAny(s, "St.", "Dr.", "Ave.", "Rd.") {
		s = replaceNearBool(s, streetPattern, periodTrigger, 1, func(s string, m []int) (string, bool) {
			if _, title := titles[group(s, m, 1)]; title {
				return "", false
			}
			word := streetWords[group(s, m, 2)]
			if word == "" {
				// Keep "Main St. Louis" from becoming "Main Saint Louis".
				return group(s, m, 1) + " St" + streetMark, true
			}
			words := group(s, m, 1) + " " + word
			if sentenceEndsAfter(s, m[1]) {
				words += "."
			}
			return words, true
		})
	}

	s = kokoroTitles(s)
	expandTitle := func(s string, m []int) (string, bool) {
		title := group(s, m, 1)
		if m[1] >= len(s) || !isUpper(s[m[1]]) || group(s, m, 2) == "" && !bareTitles[title] {
			return "", false
		}
		return titles[title] + " ", true
	}
	if hasPeriodTitle(s) || hasBareTitle(s) {
		s = replaceMatches(s, titlePattern, expandTitle)
	}
	s = unprotectStreets(s)

	if strings.Contains(s, "tc.") || strings.Contains(s, "TC.") {
		s = scan(s, "eE", matchEtc)
	}
	if hasAbbreviation(s) {
		s = replaceNearBool(s, abbreviationPattern, abbreviationTrigger, 0, func(s string, m []int) (string, bool) {
			abbr := group(s, m, 1)
			if m[1] < len(s) && isWordByte(s[m[1]]) {
				return "", false
			}
			words := abbreviations[abbr]
			if strings.HasSuffix(abbr, ".") && sentenceEndsAfter(s, m[1]) {
				words += "."
			}
			return words, true
		})
	}
	if strings.IndexByte(s, '.') >= 0 {
		s = replaceNearBool(s, numberAbbreviationPattern, digitTrigger, 1, func(s string, m []int) (string, bool) {
			return numberAbbreviations[group(s, m, 1)] + " " + group(s, m, 2), true
		})
	}
	if hasDottedLetters(s) {
		s = replaceNearBool(s, dottedLettersPattern, periodTrigger, 0, func(s string, m []int) (string, bool) {
			if m[1] < len(s) && isASCIILetter(s[m[1]]) {
				return "", false
			}
			letters := strings.TrimSuffix(s[m[0]:m[1]], ".")
			words := strings.ReplaceAll(letters, ".", "-")
			switch {
			case !strings.HasSuffix(s[m[0]:m[1]], "."):
			case sentenceEndsAfter(s, m[1]):
				words += "."
			default:
				// As in kokoro-js, a hyphen stands for the last period, so
				// that espeak-ng reads a last "A" as a letter, not as "a".
				words += "-"
			}
			return words, true
		})
	}

	if strings.IndexByte(s, '#') >= 0 {
		s = hashNumberPattern.ReplaceAllString(s, "number $1")
	}
	return s
}

// streetMark stands in for the period of a street "St." while the title
// rules run, so that they do not read it as "Saint". It is a private-use
// rune, which sanitize removes from the input, so the text cannot hold it.
const streetMark = "\uE000"

// unprotectStreets puts back the periods of street "St." abbreviations.
func unprotectStreets(s string) string {
	if !strings.Contains(s, streetMark) {
		return s
	}
	return strings.ReplaceAll(s, streetMark, ".")
}

// kokoroTitles reads Dr., Mr., Mrs. and Ms. as kokoro-js does (see
// kjsTitles): "Doctor" before a capitalised name, "Mister", "Mrs" (which
// espeak-ng reads as "missus") and "Miss" anywhere.
func kokoroTitles(s string) string {
	if !containsAny(s, "Dr.", "DR.", "Mr.", "MR.", "Ms.", "MS.", "Mrs.", "MRS.") {
		return s
	}
	return kjsTitles(s)
}

// romanPattern matches a capitalised word and a Roman numeral of two or
// more letters from I, V, X and L after it, with an optional possessive.
var romanPattern = regexp.MustCompile(`\b([A-Z][a-z]+) ([IVXL]{2,7})\b('s)?`)

// romanCardinalContext lists the words after which a Roman numeral is a
// plain number ("World War Two", "Part Two") instead of a regnal number
// ("Elizabeth the Second").
var romanCardinalContext = wordSet(`War Part Chapter Volume Vol Act Book Phase Stage Level Type Class Grade
	Article Section Episode Season Round Title Apollo Rocky Schedule Appendix Bowl Mark Series Tier Gen
	Generation Category Division League Step Unit Track Disc Movement Scene Canto Psalm Stage Wave`)

// romanStopWords are capitalised words that begin a sentence or a title
// and are not names, so a Roman numeral after them is left alone.
var romanStopWords = wordSet(`The A An In On At Of And Or But To For With By From As Is Was Are Were Be It This That
	These Those My Your His Her Our Their Its If When While So Not No Yes`)

// romanNumerals reads Roman numerals after names as regnal numbers
// ("Elizabeth II" is "Elizabeth the second", "Louis XIV's" "Louis the
// fourteenth's") and after words such as "War" or "Part" as numbers
// ("World War II" is "World War two"). Single letters (I, V, X, L) are
// left alone because they are usually words or letters.
func (e english) romanNumerals(s string) string {
	if !hasAdjacent(s, func(b byte) bool { return b == 'I' || b == 'V' || b == 'X' || b == 'L' }) {
		return s
	}
	return replaceNearBool(s, romanPattern, romanTrigger, 1, func(s string, m []int) (string, bool) {
		word, numeral := group(s, m, 1), group(s, m, 2)
		n := romanValue(numeral)
		if n < 2 || romanStopWords[word] {
			return "", false
		}
		if romanCardinalContext[word] {
			return word + " " + cardinal(itoa(n), e.british) + group(s, m, 3), true
		}
		return word + " the " + ordinal(itoa(n), e.british) + group(s, m, 3), true
	})
}

// romanValue returns the value of a Roman numeral made of I, V, X and L
// in its standard form, or 0 when it is not one (such as "IIII" or "VX").
func romanValue(numeral string) int {
	values := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50}
	total := 0
	for i := 0; i < len(numeral); i++ {
		v := values[numeral[i]]
		if i+1 < len(numeral) && values[numeral[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total > 89 || toRoman(total) != numeral {
		return 0
	}
	return total
}

func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
