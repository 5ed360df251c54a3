package normalize

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// isJSSpace reports whether r is in JavaScript's \s class (WhiteSpace and
// LineTerminator of ECMA-262), which differs from unicode.IsSpace: it
// contains U+FEFF and lacks U+0085.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isWordByte reports whether b is in the ASCII word class [A-Za-z0-9_] that
// \b uses in both Go and JavaScript regular expressions without the u flag.
func isWordByte(b byte) bool {
	return b == '_' || isDigit(b) || isASCIILetter(b)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isASCIILetter(b byte) bool { return (b|0x20) >= 'a' && (b|0x20) <= 'z' }

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

func isLower(b byte) bool { return b >= 'a' && b <= 'z' }

// boundaryAt reports whether a \b word boundary lies before byte offset i.
func boundaryAt(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// wordBefore reports whether the byte before offset i is a word byte.
func wordBefore(s string, i int) bool { return i > 0 && isWordByte(s[i-1]) }

// wordAt reports whether the byte at offset i is a word byte.
func wordAt(s string, i int) bool { return i < len(s) && isWordByte(s[i]) }

// digitRun returns the end of the run of ASCII digits starting at i.
func digitRun(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// jsTrim removes leading and trailing JavaScript whitespace, as
// String.prototype.trim does.
func jsTrim(s string) string {
	return strings.TrimFunc(s, isJSSpace)
}

// jsIntString formats a run of decimal digits the way JavaScript prints
// parseInt of it: leading zeros dropped, digits past double precision
// rounded, exponent notation from 1e21 on.
func jsIntString(digits string) string {
	trimmed := strings.TrimLeft(digits, "0")
	if trimmed == "" {
		return "0"
	}
	if len(trimmed) <= 15 {
		return trimmed
	}
	f, _ := strconv.ParseFloat(trimmed, 64) // +Inf on overflow, like JavaScript
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case f < 1e21:
		return strconv.FormatFloat(f, 'f', -1, 64)
	default:
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
}

// scan rewrites s by calling match at every byte offset that holds one of
// the ASCII trigger bytes. match returns the length of the text to replace
// (0 for no match) and its replacement. Matches never overlap and match
// always sees the original s, so look-behind checks behave as in a global
// JavaScript String.prototype.replace. scan returns s itself when nothing
// matched.
func scan(s, triggers string, match func(s string, i int) (int, string)) string {
	var (
		b       strings.Builder
		last    int
		matched bool
	)
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], triggers)
		if j < 0 {
			break
		}
		i += j
		n, repl := match(s, i)
		if n <= 0 {
			i++
			continue
		}
		if !matched {
			b.Grow(len(s) + 32)
			matched = true
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		i += n
		last = i
	}
	if !matched {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// validUTF8 replaces each invalid byte with U+FFFD, as a UTF-8 decoder in a
// browser or Node.js does before JavaScript code reads the text.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
