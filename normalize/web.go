package normalize

import (
	"regexp"
	"strings"
)

var (
	// webPattern matches, in this order, an e-mail address, a URL with a
	// scheme or "www.", and a bare domain with a common top-level domain,
	// each with an optional path.
	webPattern = regexp.MustCompile(
		`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}` +
			`|(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>"'«»]+` +
			`|\b[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*` +
			`\.(?:com|org|net|io|dev|ai|gov|edu|app|co|uk|us|de|fr|info|tv|ly|xyz|tech|cloud|sh|so|gg)\b(?:/[^\s<>"'«»]*)?`)

	// urlSymbolWords names the symbols read inside a URL or address.
	urlSymbolWords = map[byte]string{
		'.': "dot", '/': "slash", '-': "dash", '_': "underscore", '@': "at", ':': "colon",
		'?': "question mark", '=': "equals", '&': "and", '#': "hash", '%': "percent",
		'~': "tilde", '+': "plus",
	}
)

// webAddresses reads URLs and e-mail addresses symbol by symbol: the
// scheme is dropped, "." is "dot", "/" is "slash", "@" is "at", numbers of
// up to two digits are read as numbers and longer ones digit by digit.
// Punctuation that ends the sentence is not part of the address.
func (e english) webAddresses(s string) string {
	if !hasAddressHint(s) {
		return s
	}
	return replaceNearBool(s, webPattern, addressTrigger, 0, func(s string, m []int) (string, bool) {
		if m[0] > 0 && (s[m[0]-1] == '@' || s[m[0]-1] == '.' || s[m[0]-1] == '/') {
			return "", false
		}
		addr := s[m[0]:m[1]]
		trimmed := strings.TrimRight(addr, `.,;:!?)]}'"`)
		if strings.Count(trimmed, ".") == 0 && !strings.Contains(trimmed, "://") {
			return "", false
		}
		return e.speakAddress(trimmed) + addr[len(trimmed):], true
	})
}

// speakAddress returns the words for one URL or e-mail address.
func (e english) speakAddress(addr string) string {
	if i := strings.Index(addr, "://"); i >= 0 {
		addr = addr[i+3:]
	}
	addr = strings.TrimRight(addr, "/")

	var words []string
	for i := 0; i < len(addr); {
		c := addr[i]
		switch {
		case isDigit(c):
			j := digitRun(addr, i)
			if j-i <= 2 {
				words = append(words, cardinal(addr[i:j], e.british))
			} else {
				words = append(words, digitWords(addr[i:j]))
			}
			i = j
		case isASCIILetter(c) || c >= 0x80:
			j := i
			for j < len(addr) && (isASCIILetter(addr[j]) || addr[j] >= 0x80) {
				j++
			}
			words = append(words, addr[i:j])
			i = j
		default:
			if w, ok := urlSymbolWords[c]; ok {
				words = append(words, w)
			}
			i++
		}
	}
	return strings.Join(words, " ")
}

// phonePattern matches a North American number with separators, with an
// optional +1 or 1 prefix ("(555) 123-4567", "555-123-4567",
// "+1 555.123.4567"), or an international number that starts with "+"
// ("+44 20 7946 0958").
var phonePattern = regexp.MustCompile(
	`(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}\b` +
		`|\+\d{1,3}(?:[ .-]\(?\d{1,4}\)?){2,5}\b`)

// phoneNumbers reads phone numbers digit by digit, with a comma between
// the groups so that the voice pauses where the writer put a separator:
// "(555) 123-4567" is "five five five, one two three, four five six seven".
func (e english) phoneNumbers(s string) string {
	if countDigits(s) < 7 {
		return s
	}
	return replaceNearBool(s, phonePattern, phoneTrigger, 1, func(s string, m []int) (string, bool) {
		if m[0] > 0 && (isWordByte(s[m[0]-1]) || strings.IndexByte(".-+/,", s[m[0]-1]) >= 0) {
			return "", false
		}
		if m[1] < len(s) && (s[m[1]] == '-' || s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1])) {
			return "", false
		}
		number := s[m[0]:m[1]]
		if n := countDigits(number); n < 7 || n > 15 {
			return "", false
		}

		var groups []string
		if number[0] == '+' {
			groups = append(groups, "plus")
		}
		for _, g := range strings.FieldsFunc(number, func(r rune) bool { return r < '0' || r > '9' }) {
			groups = append(groups, digitWords(g))
		}
		if number[0] == '+' && len(groups) > 1 {
			return "plus " + strings.Join(groups[1:], ", "), true
		}
		return strings.Join(groups, ", "), true
	})
}

// hasAddressHint reports whether s may hold a URL or e-mail address: it
// has "@", "://" or a period between a letter or digit and a lower-case
// letter, as in "example.com".
func hasAddressHint(s string) bool {
	if strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "://") {
		return true
	}
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && isLower(s[i+1]) && (isASCIILetter(s[i-1]) || isDigit(s[i-1])) {
			return true
		}
	}
	return false
}

var (
	addressTrigger = bytesTrigger(".@:")
	phoneTrigger   = bytesTrigger("0123456789+(")
)

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}
