package g2p

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// overridePattern matches an inline pronunciation override in the syntax
// of misaki, Kokoro's own G2P: "[link text](/phonemes/)". The link text
// may contain several words but no square bracket, so in "[a [b](/x/)"
// only "[b](/x/)" is an override. The phonemes may contain any rune but
// "/" and ")", as in Kokoro-FastAPI's pattern. RE2 matches in time linear
// in the length of the text.
var overridePattern = regexp.MustCompile(`\[([^\[\]]+)\]\(/([^/)]*)/\)`)

// An override is one inline pronunciation override of a text.
type override struct {
	// source is the override as written, such as "[Kokoro](/kˈOkəɹO/)".
	source string
	// text is the link text, which chunk texts show in its place.
	text string
	// phonemes are the Kokoro phonemes that are spoken for the link text,
	// without the whitespace around them. They bypass espeak-ng and the
	// rewrite rules.
	phonemes string
}

// Placeholders stand for the overrides of a text while it is split into
// sentences and normalized. Each is one rune of CJK Unified Ideographs
// Extension B: a letter, which normalize.Text and normalize.KokoroJS keep
// as it is in every language, and which has no space or punctuation for
// the sentence and chunk splitters to cut at.
const (
	firstPlaceholder rune = 0x20000
	lastPlaceholder  rune = 0x2A6DF
)

// overrides maps the placeholders of one text to its overrides. A nil
// map is a text without overrides.
type overrides map[rune]override

// protectOverrides returns text with each inline override replaced by a
// placeholder rune, and the map from placeholders to overrides. A
// placeholder is never a rune that text already contains.
//
// Text in override syntax whose link text is only whitespace, such as
// "[ ](/x/)", stays as written, and so does any text outside the syntax.
// Overrides past the last free placeholder stay as written too: a text
// has room for 42,720 overrides, less the runes of the placeholder block
// that it already contains.
func protectOverrides(text string) (string, overrides) {
	if !strings.Contains(text, "](/") {
		return text, nil
	}
	matches := overridePattern.FindAllStringSubmatchIndex(text, -1)
	if len(matches) == 0 {
		return text, nil
	}

	used := make(map[rune]bool)
	for _, r := range text {
		if r >= firstPlaceholder && r <= lastPlaceholder {
			used[r] = true
		}
	}

	var (
		b    strings.Builder
		ovs  = make(overrides, len(matches))
		next = firstPlaceholder
		last int // end of the text already written to b
	)
	b.Grow(len(text))
	for _, m := range matches {
		linkText := text[m[2]:m[3]]
		if jsTrim(linkText) == "" {
			continue
		}
		for used[next] && next <= lastPlaceholder {
			next++
		}
		if next > lastPlaceholder {
			break
		}
		ovs[next] = override{
			source:   text[m[0]:m[1]],
			text:     linkText,
			phonemes: jsTrim(text[m[4]:m[5]]),
		}
		b.WriteString(text[last:m[0]])
		b.WriteRune(next)
		last = m[1]
		next++
	}
	if len(ovs) == 0 {
		return text, nil
	}
	b.WriteString(text[last:])
	return b.String(), ovs
}

// linkText returns s with each placeholder replaced by its override's
// link text: the text that a chunk shows.
func (ovs overrides) linkText(s string) string {
	return ovs.replace(s, func(o override) string { return o.text })
}

// sourceText returns s with each placeholder replaced by its override as
// written.
func (ovs overrides) sourceText(s string) string {
	return ovs.replace(s, func(o override) string { return o.source })
}

func (ovs overrides) replace(s string, with func(override) string) string {
	if len(ovs) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if o, ok := ovs[r]; ok {
			b.WriteString(with(o))
		} else {
			b.WriteString(s[i : i+size]) // invalid UTF-8 stays as it is
		}
		i += size
	}
	return b.String()
}

// count returns the number of placeholders in s, by placeholder.
func (ovs overrides) count(s string) map[rune]int {
	n := make(map[rune]int)
	for _, r := range s {
		if _, ok := ovs[r]; ok {
			n[r]++
		}
	}
	return n
}

// normalizeAround returns normalize applied to s, a text with
// placeholders, keeping each placeholder as it is. It normalizes s whole,
// so that the rules see the words on both sides of an override ("3
// [apples](/…/)"). When normalize drops or repeats a placeholder, it
// normalizes the text between the placeholders piece by piece instead
// and puts the placeholders back between the pieces, with a space where s
// had whitespace.
func (ovs overrides) normalizeAround(s string, normalize func(string) string) string {
	whole := normalize(s)
	if len(ovs) == 0 {
		return whole
	}
	want := ovs.count(s)
	got := ovs.count(whole)
	same := len(want) == len(got)
	for r, n := range want {
		same = same && got[r] == n
	}
	if same {
		return whole
	}

	var (
		b            strings.Builder
		start        int  // start of the current piece of plain text
		pendingSpace bool // s has whitespace before the next thing written
	)
	write := func(t string) {
		if pendingSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteString(t)
	}
	flush := func(end int) {
		piece := s[start:end]
		pendingSpace = pendingSpace || startsWithSpace(piece)
		if norm := jsTrim(normalize(piece)); norm != "" {
			write(norm)
		}
		pendingSpace = pendingSpace || endsWithSpace(piece)
	}
	for i, r := range s {
		if _, ok := ovs[r]; !ok {
			continue
		}
		flush(i)
		write(string(r))
		start = i + utf8.RuneLen(r)
	}
	flush(len(s))
	return jsTrim(b.String())
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isJSSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isJSSpace(r)
}
