package g2p

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keptPunct is the punctuation that kokoro-js keeps in the phonemes as written,
// with the whitespace around it, instead of sending it to espeak-ng (which
// drops punctuation).
const keptPunct = `;:,.!?¡¿—…"«»“”(){}[]`

// isJSSpace reports whether r matches \s in a JavaScript regular
// expression. Go's \s is ASCII only, so kokoro-js's patterns are ported
// with this instead.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// jsTrim removes leading and trailing whitespace as JavaScript's
// String.prototype.trim does.
func jsTrim(s string) string {
	return strings.TrimFunc(s, isJSSpace)
}

// segment is a piece of normalized text: either a run of kept punctuation
// with its surrounding whitespace, or text for espeak-ng.
type segment struct {
	text  string
	punct bool
}

// splitPunct cuts text into alternating segments the way kokoro-js 1.2.1
// matches /(\s*[keptPunct]+\s*)+/g: each maximal run of whitespace and kept
// punctuation that contains at least one kept character is a punct
// segment, and the text between them is a speech segment. Concatenating the
// segments gives text back.
func splitPunct(text string) []segment {
	var (
		segs  []segment
		start int // start of the pending speech segment
	)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isJSSpace(r) && !strings.ContainsRune(keptPunct, r) {
			i += size
			continue
		}
		// A run of whitespace and kept punctuation starts at i.
		end, hasPunct := i, false
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			switch {
			case strings.ContainsRune(keptPunct, r):
				hasPunct = true
			case !isJSSpace(r):
				goto runEnd
			}
			end += size
		}
	runEnd:
		if hasPunct {
			if start < i {
				segs = append(segs, segment{text: text[start:i]})
			}
			segs = append(segs, segment{text: text[i:end], punct: true})
			start = end
		}
		i = end
	}
	if start < len(text) {
		segs = append(segs, segment{text: text[start:]})
	}
	return segs
}

// phonemize returns the Kokoro phonemes of already normalized text, as
// kokoro-js 1.2.1 computes them: kept punctuation as written, everything
// else read by espeak-ng, then the rewrite rules of rewriteIPA. Text goes
// to espeak-ng in Unicode normal form C, because espeak-ng reads some
// decomposed letters ("A" and a combining grave accent) as nothing.
//
// The placeholders and dictionary words of given are spoken with their
// given phonemes, which bypass espeak-ng and the rewrite rules. A space
// separates them from the phonemes around them where the text has
// whitespace.
func phonemize(ctx context.Context, text string, lang Lang, given givenPhonemes) (string, error) {
	var (
		out     strings.Builder // finished phonemes
		pending strings.Builder // phonemes that the rewrite rules have yet to see
	)
	flush := func() {
		out.WriteString(rewriteRules(pending.String(), lang))
		pending.Reset()
	}
	for _, seg := range splitPunct(text) {
		if seg.punct {
			pending.WriteString(seg.text)
			continue
		}
		if err := ctx.Err(); err != nil {
			return "", fmt.Errorf("g2p: phonemize: %w", err)
		}
		runs := given.runs(seg.text, lang)
		phonemes, err := readRuns(runs, lang)
		if err != nil {
			return "", fmt.Errorf("g2p: phonemize %q: %w", clip(given.overrides.sourceText(seg.text)), err)
		}
		space := false // the text has whitespace before the next phonemes
		for i, r := range runs {
			space = space || i > 0 && (endsWithSpace(runs[i-1].text) || startsWithSpace(r.text))
			if phonemes[i] == "" {
				continue
			}
			if space && !endsWithSpace(pending.String()) && (pending.Len() > 0 || !endsWithSpace(out.String())) {
				pending.WriteByte(' ')
			}
			space = false
			if r.given {
				flush()
				out.WriteString(phonemes[i])
			} else {
				pending.WriteString(phonemes[i])
			}
		}
	}
	flush()
	return jsTrim(out.String()), nil
}

// splitScripts puts a space between two adjacent letters of different
// scripts, such as "Bद", which espeak-ng 1.51 reads as nothing at all.
// Han, Hiragana and Katakana count as one script because Japanese words mix
// them. Text in a single script is returned unchanged.
func splitScripts(text string) string {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return text
	}

	var (
		b    strings.Builder
		prev string // script of the previous rune, "" when it has none
	)
	for _, r := range text {
		cur := scriptOf(r)
		if prev != "" && cur != "" && cur != prev {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = cur
	}
	return b.String()
}

// scriptOf returns the name of the script of a letter or mark, "" for any
// other rune and for runes of the Common and Inherited scripts.
func scriptOf(r rune) string {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return "Latin"
		}
		return ""
	case !unicode.IsLetter(r) && !unicode.IsMark(r):
		return ""
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return "Han"
	}
	for _, name := range scriptNames {
		if unicode.Is(unicode.Scripts[name], r) {
			if name == "Common" || name == "Inherited" {
				return ""
			}
			return name
		}
	}
	return ""
}

// scriptNames lists the keys of unicode.Scripts, the scripts of Kokoro's
// languages first so that scriptOf finds them sooner.
var scriptNames = func() []string {
	names := []string{"Latin", "Inherited", "Common", "Devanagari", "Greek", "Cyrillic"}
	for name := range unicode.Scripts {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names[6:])
	return names
}()

// ipaReplacer applies the plain substitutions of kokoro-js 1.2.1: the
// name "Kokoro" as its authors say it, then espeak-ng symbols that the
// vocabulary lacks mapped to the nearest ones it has.
var ipaReplacer = []struct{ old, new string }{
	{"kəkˈoːɹoʊ", "kˈoʊkəɹoʊ"},
	{"kəkˈɔːɹəʊ", "kˈəʊkəɹəʊ"},
	{"ʲ", "j"},
	{"r", "ɹ"},
	{"x", "k"},
	{"ɬ", "l"},
}

// rewriteIPA applies kokoro-js 1.2.1's rewrite rules to espeak-ng output, in
// its order, and trims the result.
//
// NOTE: kokoro-js has English voices only, so its rules were written for
// English. They are applied to every language here, as there is no other
// reference for the rest.
func rewriteIPA(ps string, lang Lang) string {
	return jsTrim(rewriteRules(ps, lang))
}

// rewriteRules is rewriteIPA without the trim.
func rewriteRules(ps string, lang Lang) string {
	for _, r := range ipaReplacer {
		ps = strings.ReplaceAll(ps, r.old, r.new)
	}
	ps = spaceBeforeHundred(ps)
	ps = joinFinalZ(ps)
	if lang == AmericanEnglish {
		ps = voiceNinety(ps)
	}
	return ps
}

// spaceBeforeHundred inserts a space before "hˈʌndɹɪd" where it follows an
// ASCII lowercase letter, "ɹ" or "ː", so "nine hundred" read as one word
// ("nˈaɪnhˈʌndɹɪd") becomes two.
func spaceBeforeHundred(ps string) string {
	const hundred = "hˈʌndɹɪd"
	if !strings.Contains(ps, hundred) {
		return ps
	}
	var (
		b    strings.Builder
		done int // bytes of ps already written to b
	)
	for i := 0; ; {
		j := strings.Index(ps[i:], hundred)
		if j < 0 {
			break
		}
		i += j
		if prev, _ := utf8.DecodeLastRuneInString(ps[:i]); i > 0 && (prev >= 'a' && prev <= 'z' || prev == 'ɹ' || prev == 'ː') {
			b.WriteString(ps[done:i])
			b.WriteByte(' ')
			done = i
		}
		i += len(hundred)
	}
	b.WriteString(ps[done:])
	return b.String()
}

// joinFinalZ removes the space in " z" when the z ends the text or comes
// before kept punctuation or a space, joining a plural "z" that espeak-ng
// read as a separate word (as after a number) to the word before it.
func joinFinalZ(ps string) string {
	const follows = `;:,.!?¡¿—…"«»“” `
	var b strings.Builder
	for {
		i := strings.Index(ps, " z")
		if i < 0 {
			b.WriteString(ps)
			return b.String()
		}
		rest := ps[i+2:]
		next, _ := utf8.DecodeRuneInString(rest)
		b.WriteString(ps[:i])
		if rest == "" || strings.ContainsRune(follows, next) {
			b.WriteString("z")
		} else {
			b.WriteString(" z")
		}
		ps = rest
	}
}

// voiceNinety rewrites "ti" to "di" after "nˈaɪn" unless "ː" follows, the
// American flapped t of "ninety" ("nˈaɪnti" becomes "nˈaɪndi") that leaves
// "nineteen" ("nˈaɪntiːn") alone.
func voiceNinety(ps string) string {
	const nine = "nˈaɪn"
	if !strings.Contains(ps, nine+"ti") {
		return ps
	}
	var b strings.Builder
	for {
		i := strings.Index(ps, nine+"ti")
		if i < 0 {
			b.WriteString(ps)
			return b.String()
		}
		after := ps[i+len(nine)+2:]
		b.WriteString(ps[:i+len(nine)])
		if strings.HasPrefix(after, "ː") {
			b.WriteString("ti")
		} else {
			b.WriteString("di")
		}
		ps = after
	}
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "..."
}
