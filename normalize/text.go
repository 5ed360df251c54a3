package normalize

import "strings"

// Text returns s rewritten as the words a voice of language lang should
// say. lang is an espeak-ng voice name: "en-us" and "en" (British) get the
// English rules; any other name gets only the rules that do not depend on
// the language (typography and whitespace). Text never returns an error and
// the result is valid UTF-8.
func Text(s string, lang string) string {
	if isEnglish(lang) {
		return KokoroJS(s)
	}
	s = validUTF8(s)
	s = kjsPunct.Replace(s)
	return jsTrim(kjsWhitespace(s))
}

// isEnglish reports whether lang names an English espeak-ng voice, such as
// "en", "en-us" or "en-gb-x-rp".
func isEnglish(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "en" || strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "en_")
}
