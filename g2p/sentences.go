package g2p

import (
	"regexp"
	"strings"
)

// SplitSentences cuts text into trimmed sentences with the rules of
// kokoro-js 1.2.1's TextSplitterStream when the whole text is pushed at
// once and the stream is closed. A sentence ends after ".", "!", "?", "…",
// "。", "？", "！" or a newline (with any closing quotes or brackets after
// it) that is followed by whitespace, except:
//   - inside quotes or brackets,
//   - after a number at the start of a line ("1. "),
//   - after a common abbreviation ("Dr.", "etc.", "Jan."),
//   - after initials followed by a capital ("U.S. Army"),
//   - after a "." followed by a lowercase letter,
//   - inside a URL or an e-mail address.
//
// Text with nothing but whitespace gives no sentences.
func SplitSentences(text string) []string {
	var (
		buf       = []rune(text)
		n         = len(buf)
		sentences []string
		start     int    // start of the current sentence
		stack     []rune // open quotes and brackets
	)
	for i := 0; i < n; {
		c := buf[i]
		updateQuoteStack(c, &stack, i, buf)
		if len(stack) > 0 || !isTerminator(c, true) {
			i++
			continue
		}

		// A number alone on its line is a list item, not a sentence.
		if endsListItem(buf, start, i) {
			i++
			continue
		}
		end, next := scanBoundary(buf, i)
		if i == next-1 && c != '\n' {
			i++ // no whitespace after the terminator, as in "3.14"
			continue
		}
		if next == n {
			break // the rest is one sentence
		}

		// The whitespace-separated word that holds the terminator.
		tokenStart := i - 1
		for tokenStart >= 0 && !isJSSpace(buf[tokenStart]) {
			tokenStart--
		}
		tokenStart = max(start, tokenStart+1)
		token := wordAt(buf, tokenStart)
		if token == "" {
			i++
			continue
		}
		if (urlScheme.MatchString(token) || strings.Contains(token, "@")) && !isTerminator(lastRune(token), true) {
			// Skip to the end of the address. When a newline ends the
			// address, that end is i itself, and kokoro-js 1.2.1 loops
			// forever there. Moving at least one rune on avoids the loop.
			i = max(i+1, tokenStart+len([]rune(token)))
			continue
		}
		if isAbbreviation(token) {
			i++
			continue
		}
		if initials.MatchString(token) && isASCIIUpper(buf[next]) {
			i++
			continue
		}
		if c == '.' && isASCIILower(buf[next]) {
			i++
			continue
		}

		sentence := jsTrim(string(buf[start : end+1]))
		if sentence == "..." || sentence == "…" {
			i++
			continue
		}
		if sentence != "" {
			sentences = append(sentences, sentence)
		}
		i = end + 1
		start = i
	}
	if rest := jsTrim(string(buf[start:])); rest != "" {
		sentences = append(sentences, rest)
	}
	return sentences
}

var (
	// urlScheme matches "http://" or "https://", also with a comma typed
	// for the colon.
	urlScheme = regexp.MustCompile(`https?[,:]//`)
	// initials matches "U.S." and "e.g." style tokens.
	initials = regexp.MustCompile(`^(?:[A-Za-z]\.)+$`)
)

// endsListItem reports whether buf[start:i] ends in a number that starts
// the text or a line, as kokoro-js tests with /(^|\n)\d+$/. It looks only
// at the digits, so that a long text costs linear time.
func endsListItem(buf []rune, start, i int) bool {
	j := i
	for j > start && buf[j-1] >= '0' && buf[j-1] <= '9' {
		j--
	}
	return j < i && (j == start || buf[j-1] == '\n')
}

// isTerminator reports whether c ends a sentence; a newline does only when
// newline is true.
func isTerminator(c rune, newline bool) bool {
	return strings.ContainsRune(".!?…。？！", c) || newline && c == '\n'
}

// scanBoundary returns the index of the last rune of the sentence that a
// terminator at i ends, after any further terminators and closing quotes
// or brackets, and the index of the first non-whitespace rune after it (or
// len(buf)).
func scanBoundary(buf []rune, i int) (end, next int) {
	n := len(buf)
	end = i
	for end+1 < n && isTerminator(buf[end+1], false) {
		end++
	}
	for end+1 < n && strings.ContainsRune("\"')]}」』", buf[end+1]) {
		end++
	}
	next = end + 1
	for next < n && isJSSpace(buf[next]) {
		next++
	}
	return end, next
}

// wordAt returns the runes of buf from start up to the next whitespace.
func wordAt(buf []rune, start int) string {
	end := start
	for end < len(buf) && !isJSSpace(buf[end]) {
		end++
	}
	return string(buf[start:end])
}

// abbreviations are the words that kokoro-js 1.2.1 does not end a sentence
// after, lower case and without the period.
var abbreviations = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mr mrs ms dr prof sr jr sgt col gen rep sen gov lt maj capt st mt
		etc co inc ltd dept vs p pg jan feb mar apr jun jul aug sep sept oct nov dec
		sun mon tu tue tues wed th thu thur thurs fri sat`) {
		abbreviations[w] = true
	}
}

// possessive matches a trailing "'s" or "’s".
var possessive = regexp.MustCompile(`(?i)['’]s$`)

// isAbbreviation reports whether token, less a possessive "'s" and trailing
// periods, is a common abbreviation such as "Dr." or "Jan.".
func isAbbreviation(token string) bool {
	token = possessive.ReplaceAllString(token, "")
	token = strings.TrimRight(token, ".")
	return abbreviations[strings.ToLower(token)]
}

// closers maps each closing bracket that kokoro-js tracks to its opener.
var closers = map[rune]rune{
	')': '(', ']': '[', '}': '{', '》': '《', '〉': '〈', '›': '‹',
	'»': '«', '」': '「', '』': '『', '〕': '〔', '】': '【',
}

// openers is the set of values of closers.
var openers = func() map[rune]bool {
	m := make(map[rune]bool, len(closers))
	for _, o := range closers {
		m[o] = true
	}
	return m
}()

// updateQuoteStack tracks the quotes and brackets open at buf[i]. A straight
// quote closes the same quote when it is on top of the stack and opens one
// otherwise. An apostrophe between two ASCII letters ("don't") is ignored.
// A closing bracket pops only its own opener.
//
// NOTE: as in kokoro-js, a possessive apostrophe ("the students' books")
// opens a quote that nothing closes, so the rest of the text is one
// sentence. Chunks still splits it at the id limit.
func updateQuoteStack(c rune, stack *[]rune, i int, buf []rune) {
	s := *stack
	switch {
	case c == '"' || c == '\'':
		if c == '\'' && i > 0 && i < len(buf)-1 && isASCIILetter(buf[i-1]) && isASCIILetter(buf[i+1]) {
			return
		}
		if len(s) > 0 && s[len(s)-1] == c {
			s = s[:len(s)-1]
		} else {
			s = append(s, c)
		}
	case openers[c]:
		s = append(s, c)
	default:
		if o, ok := closers[c]; ok && len(s) > 0 && s[len(s)-1] == o {
			s = s[:len(s)-1]
		}
	}
	*stack = s
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func isASCIIUpper(r rune) bool { return r >= 'A' && r <= 'Z' }
func isASCIILower(r rune) bool { return r >= 'a' && r <= 'z' }
func isASCIILetter(r rune) bool {
	return isASCIIUpper(r) || isASCIILower(r)
}
