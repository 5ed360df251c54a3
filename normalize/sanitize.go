package normalize

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entityPattern matches one complete HTML character reference. Only
// references that end in ";" are decoded, so prose such as "R&D" or
// "&copy without a semicolon" stays as written.
var entityPattern = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// decodeEntities decodes HTML character references such as "&amp;",
// "&#39;" and "&lt;". Text is not HTML, but text pasted from web pages and
// model output often carries them, and a listener should not hear
// "ampersand a m p semicolon". The decoded characters are then read like typed ones, so
// "&lt;" is read as "<" is.
func decodeEntities(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return entityPattern.ReplaceAllStringFunc(s, html.UnescapeString)
}

// sanitize drops invalid UTF-8, U+FFFD, invisible format characters (zero
// width spaces and joiners, bidirectional controls, soft hyphens, the byte
// order mark), variation selectors and private-use characters. It turns
// other control characters and every kind of space into a space, and line
// and paragraph separators and carriage returns into newlines.
func sanitize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r', r == 0x2028, r == 0x2029, r == 0x85:
			return '\n'
		case r == utf8.RuneError:
			return -1
		case r < 0x20, r >= 0x7F && r < 0xA0:
			return ' '
		case isJSSpace(r), unicode.IsSpace(r):
			return ' '
		case r < 0x80:
			return r
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Co, r), unicode.Is(unicode.Variation_Selector, r):
			return -1
		}
		return r
	}, s)
}

// typographyReplacer makes typographic quotes, dashes and CJK punctuation
// ASCII, as kokoro-js does for quotes and CJK punctuation.
var typographyReplacer = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "«", `"`, "»", `"`, "″", `"`,
	"、", ", ", "。", ". ", "！", "! ", "，", ", ", "：", ": ", "；", "; ", "？", "? ",
	"‐", "-", "‑", "-", "−", "-", "‒", "-",
	"―", "—", " -- ", " — ", " – ", " — ",
	"⁄", "/", "∕", "/",
	"•", " ", "|", " ",
)

// vulgarFractions spells vulgar fractions with a slash, so that the
// English fraction rule reads them ("2½" is "two and a half").
var vulgarFractions = strings.NewReplacer(
	"½", " 1/2", "⅓", " 1/3", "⅔", " 2/3", "¼", " 1/4", "¾", " 3/4",
	"⅕", " 1/5", "⅖", " 2/5", "⅗", " 3/5", "⅘", " 4/5", "⅙", " 1/6", "⅚", " 5/6",
	"⅛", " 1/8", "⅜", " 3/8", "⅝", " 5/8", "⅞", " 7/8",
)

// typography applies typographyReplacer and reads an en dash between two
// digits as a hyphen, which is read as "to". Other en dashes stay, as in
// kokoro-js, and espeak-ng reads them as a space.
func typography(s string) string {
	s = typographyReplacer.Replace(s)
	const enDash = "–"
	if !strings.Contains(s, enDash) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, enDash)
		if i < 0 {
			break
		}
		j := i + len(enDash)
		b.WriteString(s[:i])
		if i > 0 && isDigit(s[i-1]) && j < len(s) && isDigit(s[j]) {
			b.WriteByte('-')
		} else {
			b.WriteString(enDash)
		}
		s = s[j:]
	}
	b.WriteString(s)
	return b.String()
}

// kjsPunctParens turns parentheses into guillemets, as kokoro-js does
// last, so that its punctuation splitter keeps them as pauses.
var kjsPunctParens = strings.NewReplacer("(", "«", ")", "»")

// collapseSpaces shrinks runs of spaces to one, removes spaces at the
// start and end of lines, keeps at most one empty line in a row and trims
// the result.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace, newlines := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ':
			pendingSpace = true
			continue
		case '\n':
			newlines++
			pendingSpace = false
			continue
		}
		if b.Len() > 0 {
			switch {
			case newlines > 0:
				b.WriteString("\n\n"[:min(newlines, 2)])
			case pendingSpace:
				b.WriteByte(' ')
			}
		}
		pendingSpace, newlines = false, 0
		b.WriteByte(c)
	}
	return b.String()
}
