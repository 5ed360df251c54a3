package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	// mdFence matches a code fence line such as "```go".
	mdFence = regexp.MustCompile("(?m)^[ \t]*(?:```|~~~).*$")
	// mdLinePrefix matches a heading, block quote or list bullet marker at
	// the start of a line.
	mdLinePrefix = regexp.MustCompile(`(?m)^[ \t]*(?:#{1,6}[ \t]+|>+[ \t]?|[-*+][ \t]+)`)
	// mdRule matches a horizontal rule line.
	mdRule = regexp.MustCompile(`(?m)^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	// mdLink matches an inline link or image. Group 1 is its text.
	mdLink = regexp.MustCompile(`!?\[([^\]\n]*)\]\([^)\n]*\)`)
	// mdTimes matches an asterisk between two numbers, which is a
	// multiplication sign there.
	mdTimes = regexp.MustCompile(`(\d) ?\* ?(\d)`)
)

// stripMarkdown removes Markdown markup that should not be spoken: code
// fences, heading, quote and bullet markers, horizontal rules, link
// targets (the link text stays), emphasis asterisks, underscores at word
// edges, strikethrough tildes and backticks. For English, an asterisk
// between numbers becomes "times"; other languages keep it there.
func stripMarkdown(s string, english bool) string {
	if strings.ContainsAny(s, "`~") {
		s = mdFence.ReplaceAllString(s, "")
	}
	if lineStartsWithAny(s, "#>-*+_") {
		s = mdRule.ReplaceAllString(s, "")
		s = mdLinePrefix.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '*') >= 0 {
		if english {
			s = mdTimes.ReplaceAllString(s, "$1 times $2")
		} else {
			s = mdTimes.ReplaceAllString(s, "$1 × $2")
		}
		s = strings.ReplaceAll(s, "*", "")
	}
	if strings.IndexByte(s, '`') >= 0 {
		s = strings.ReplaceAll(s, "`", "")
	}
	if strings.Contains(s, "~~") {
		s = strings.ReplaceAll(s, "~~", "")
	}
	return scan(s, "_", matchEdgeUnderscores)
}

// lineStartsWithAny reports whether a line of s starts, after spaces and
// tabs, with one of the ASCII bytes in set.
func lineStartsWithAny(s, set string) bool {
	atStart := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			atStart = true
		case c == ' ' || c == '\t':
		case atStart && strings.IndexByte(set, c) >= 0:
			return true
		default:
			atStart = false
		}
	}
	return false
}

// matchEdgeUnderscores removes a run of underscores that opens or closes a
// word ("_emphasis_", "__init__") but keeps one inside a word
// ("snake_case"), which G2P engines read as a pause between words.
func matchEdgeUnderscores(s string, i int) (int, string) {
	if i > 0 && s[i-1] == '_' {
		return 0, ""
	}
	j := i
	for j < len(s) && s[j] == '_' {
		j++
	}
	if wordBefore(s, i) && wordAt(s, j) {
		return 0, ""
	}
	return j - i, ""
}

// symbolWords names symbols that are read aloud in English. Without a
// name they would be dropped with the emoji.
var symbolWords = map[rune]string{
	'©': " copyright ", '®': " registered ", '™': " trademark ", '℠': " service mark ",
}

// dropEmoji replaces emoji, pictographs, dingbats, regional indicators,
// keycap marks and skin tone modifiers with a space. For English it names
// ©, ®, ™ and ℠, and other languages keep them for espeak-ng to read.
// Arrows stay, because Kokoro's phoneme vocabulary has four of them.
func dropEmoji(s string, english bool) string {
	if !hasEmoji(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if w, ok := symbolWords[r]; ok && english {
			b.WriteString(w)
			continue
		}
		if isEmoji(r) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hasEmoji(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isEmoji(r) || symbolWords[r] != "" {
			return true
		}
		i += size - 1
	}
	return false
}

// isEmoji reports whether r is in a block of emoji, pictographs or
// dingbats, or is a keycap mark or zero width joiner left in a sequence.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // mahjong to symbols and pictographs extended-A
		r >= 0x2600 && r <= 0x27BF, // miscellaneous symbols and dingbats
		r >= 0x2B00 && r <= 0x2BFF, // miscellaneous symbols and arrows (stars, squares)
		r >= 0x2300 && r <= 0x23FF, // miscellaneous technical (watch, hourglass)
		r >= 0x25A0 && r <= 0x25FF, // geometric shapes
		r == 0x20E3, r == 0x200D, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}
