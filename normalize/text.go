package normalize

import (
	"regexp"
	"strings"
	"unicode"
)

// Text returns s rewritten as the words a voice of language lang should
// say, ready for grapheme-to-phoneme conversion. lang is an espeak-ng voice
// name.
//
// English voices ("en-us", "en", "en-gb" and other "en-…" names) get the
// English rules, which read as kokoro-js 1.2.1 does what kokoro-js and
// espeak-ng read well, and rewrite what they misread: dates, some times,
// money other than plain $ and £ amounts, units, abbreviations, Roman
// numerals, fractions, versions, initialisms, URLs, e-mail addresses and
// phone numbers. Dates follow American English for "en-us" and "en-…"
// names other than British ones, and British English for "en" and
// "en-gb…".
//
// Every other language gets only the rules that do not depend on the
// language: invisible and control characters are dropped, HTML entities
// decoded, typographic quotes and CJK punctuation made ASCII, Markdown
// markers and emoji removed and whitespace collapsed. Digits, symbols
// and vulgar fractions stay, because espeak-ng reads them in the voice's
// own language.
//
// Text never fails: the result is valid UTF-8 without NUL or control
// characters other than newline, and it has a letter or digit whenever s
// has one outside emoji and HTML entity names. It runs in time linear in
// len(s) and is safe for concurrent use.
func Text(s string, lang string) string {
	english, british := dialect(lang)

	plain := typography(sanitize(decodeEntities(s)))
	out := dropEmoji(stripMarkdown(plain, english), english)
	if english {
		out = englishRules(vulgarFractions.Replace(out), british)
	}
	out = collapseSpaces(kjsPunctParens.Replace(out))

	// The Markdown rule drops link targets and code fences, so "[](a)"
	// would say nothing. Rather than swallow words silently, fall back to
	// the text with only the language-independent clean-up.
	if !hasWordRune(out) && hasWordRune(plain) {
		return collapseSpaces(kjsPunctParens.Replace(plain))
	}
	return out
}

// hasWordRune reports whether s has a letter or a digit in any script.
func hasWordRune(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// dialect reports whether lang names an English espeak-ng voice, such as
// "en", "en-us" or "en-gb-x-rp", and whether that voice is British.
func dialect(lang string) (english, british bool) {
	lang = strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	switch {
	case lang == "en", strings.HasPrefix(lang, "en-gb"), lang == "en-uk", strings.HasPrefix(lang, "en-uk-"):
		return true, true
	case strings.HasPrefix(lang, "en-"):
		return true, false
	}
	return false, false
}

// englishRules applies the English rules in an order where each rule reads
// text the earlier ones could not misread: URLs before anything that reads
// dots and digits, dates and times before ranges, money and units before
// plain numbers, and initialisms after the abbreviations that contain
// capital letters. The rules rewrite only what kokoro-js 1.2.1 and
// espeak-ng misread and leave the other numbers as digits, and
// kokoroDigits then reads the digits as kokoro-js does, so that text
// without such constructs gets kokoro-js's phonemes.
func englishRules(s string, british bool) string {
	e := english{british: british}

	s = e.webAddresses(s)
	s = e.phoneNumbers(s)
	s = e.dates(s)
	s = e.times(s)
	s = e.money(s)
	s = e.units(s)
	s = e.abbreviations(s)
	s = e.romanNumerals(s)
	s = e.versions(s)
	s = e.mathSymbols(s)
	s = e.numbers(s)
	s = e.symbols(s)
	s = e.initialisms(s)
	s = kokoroDigits(s)
	return scan(s, "yY", matchYeah)
}

// english holds the dialect of the English rules.
type english struct {
	// british selects British English: dates such as "the 27th of October
	// 2023", slash dates read day first, and "metre".
	british bool
}

// replaceMatches calls f for each match of re in s, with the submatch
// offsets as returned by FindAllStringSubmatchIndex, and splices in the
// replacement f returns. A match for which f returns false stays as it
// was. f may read s around the match to check context that RE2 cannot
// express, such as the byte before the match.
func replaceMatches(s string, re *regexp.Regexp, f func(s string, m []int) (string, bool)) string {
	return replaceMatchesFrom(s, re, func(s string, m []int) (string, int, bool) {
		repl, ok := f(s, m)
		return repl, m[0], ok
	})
}

// replaceMatchesFrom is replaceMatches for rules that look behind the
// match: f also returns the offset where the replaced text starts, which
// may lie before m[0] (to take in a minus sign) but not before the end of
// the previous replacement.
func replaceMatchesFrom(s string, re *regexp.Regexp, f func(s string, m []int) (string, int, bool)) string {
	matches := re.FindAllStringSubmatchIndex(s, -1)
	if len(matches) == 0 {
		return s
	}

	var (
		b    strings.Builder
		last int
	)
	b.Grow(len(s) + 16*len(matches))
	for _, m := range matches {
		repl, start, ok := f(s, m)
		if !ok {
			continue
		}
		start = max(start, last)
		b.WriteString(s[last:start])
		b.WriteString(repl)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// group returns submatch n of match m in s, or "" when it did not take part.
func group(s string, m []int, n int) string {
	if m[2*n] < 0 {
		return ""
	}
	return s[m[2*n]:m[2*n+1]]
}

// sentenceEndsAfter reports whether an abbreviation's period just before
// offset i also ends a sentence: only spaces, then a newline or the end of
// s, follow. Like kokoro-js's sentence splitter, it does not take a capital
// letter after an abbreviation as the start of a new sentence, and callers
// split text into sentences before normalizing it.
func sentenceEndsAfter(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i >= len(s) || s[i] == '\n'
}

// prevWord returns the word that ends before offset i, skipping spaces,
// with no trailing punctuation; it returns "" at the start of s.
func prevWord(s string, i int) string {
	end := i
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	start := end
	for start > 0 && (isWordByte(s[start-1]) || s[start-1] == '\'' || s[start-1] >= 0x80) {
		start--
	}
	return s[start:end]
}

// nextWord returns the word that starts after offset i, skipping spaces.
func nextWord(s string, i int) string {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	end := i
	for end < len(s) && (isWordByte(s[end]) || s[end] >= 0x80) {
		end++
	}
	return s[i:end]
}

// wordSet builds a set from space-separated words.
func wordSet(words string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}
