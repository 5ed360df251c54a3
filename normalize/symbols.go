package normalize

import (
	"regexp"
	"strings"
)

var (
	// capsAmpersandPattern matches "AT&T", "R&D" and "Q&A".
	capsAmpersandPattern = regexp.MustCompile(`\b([A-Z]{1,4})&([A-Z]{1,4})\b`)
	// slashWordsPattern matches a slash between two words: "and/or".
	slashWordsPattern = regexp.MustCompile(`([A-Za-z])/([A-Za-z])`)
	// symbolReplacer names the symbols that are still in the text after
	// the other rules, or drops them where they are not spoken.
	symbolReplacer = strings.NewReplacer(
		"&", " and ", "@", " at ", "%", " percent ", "+", " plus ",
		"=", " equals ",
		"#", " ", "/", " ", "<", " ", ">", " ", "^", " ", "\\", " ", "~", " ", "_", " ",
	)
)

// symbols reads the symbols the other rules left: "&" is "and" ("AT&T"
// is "A-T and T"), "@" "at", "%" "percent", "+" "plus" and "=" "equals".
// "and/or" is "and or". Markup leftovers such as "#", "/", "<", ">", "^",
// "\", "~" and "_" are dropped, so "<b>" is not spoken.
func (e english) symbols(s string) string {
	if !strings.ContainsAny(s, "&@%+#<>^\\~=_/") {
		return s
	}
	s = replaceNearBool(s, capsAmpersandPattern, ampersandTrigger, 0, func(s string, m []int) (string, bool) {
		return spellLetters(group(s, m, 1)) + " and " + spellLetters(group(s, m, 2)), true
	})
	for range 2 { // "a/b/c" overlaps
		s = replaceNearBool(s, slashWordsPattern, slashTrigger, 0, func(s string, m []int) (string, bool) {
			return group(s, m, 1) + " " + group(s, m, 2), true
		})
	}
	return symbolReplacer.Replace(s)
}

var ampersandTrigger = bytesTrigger("&")

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
