package normalize

import (
	"regexp"
	"strings"
)

var (
	// slashWordsPattern matches a slash between two words: "and/or".
	slashWordsPattern = regexp.MustCompile(`([A-Za-z])/([A-Za-z])`)
	// symbolReplacer drops the markup symbols that are still in the text
	// after the other rules, which espeak-ng would read out ("slash",
	// "underscore") or drop.
	symbolReplacer = strings.NewReplacer(
		"<=", "<=", ">=", ">=",
		"#", " ", "/", " ", "<", " ", ">", " ", "^", " ", "\\", " ", "~", " ", "_", " ",
	)
)

// symbols reads a slash between words as a pause ("and/or" is "and or",
// not "and slash or") and drops the markup leftovers "#", "/", "<", ">",
// "^", "\", "~" and "_", so that "<b>" is not spoken. espeak-ng reads
// "&", "@", "%", "+", "=", "<=" and ">=" as words itself.
func (e english) symbols(s string) string {
	if !strings.ContainsAny(s, "#<>^\\~_/") {
		return s
	}
	for range 2 { // "a/b/c" overlaps
		s = replaceNearBool(s, slashWordsPattern, slashTrigger, 0, func(s string, m []int) (string, bool) {
			return group(s, m, 1) + " " + group(s, m, 2), true
		})
	}
	return symbolReplacer.Replace(s)
}

// spellLetters joins the letters of an initialism with hyphens, which G2P
// engines read letter by letter ("FBI" is "F-B-I"). One letter stays as it is.
func spellLetters(letters string) string {
	if len(letters) < 2 {
		return letters
	}
	var b strings.Builder
	b.Grow(2 * len(letters))
	for i := 0; i < len(letters); i++ {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteByte(letters[i])
	}
	return b.String()
}
