package g2p

import (
	"strings"
	"unicode"
)

// dropOrphanMarks removes two kinds of combining mark. The first follows
// no letter, such as an accent typed at the start of a word; espeak-ng
// reads it as a word start and drops the letters after it. The second is
// left on a Latin letter after composition to normal form C, such as a
// grave accent on B; some espeak-ng voices read that letter as nothing. Marks on letters of other
// scripts stay: Devanagari vowel signs, for example, are marks.
func dropOrphanMarks(s string) string {
	if !strings.ContainsFunc(s, unicode.IsMark) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	keep := false // whether a mark here has a base that needs it
	for _, r := range s {
		if unicode.IsMark(r) {
			if keep {
				b.WriteRune(r)
			}
			continue
		}
		keep = unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r)
		b.WriteRune(r)
	}
	return b.String()
}
