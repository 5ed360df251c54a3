package normalize

import (
	"regexp"
	"strings"
)

// A trigger reports whether byte b can start or take part in a match of a
// rule. replaceNear runs the rule's pattern only near such bytes.
type trigger func(b byte) bool

func digitTrigger(b byte) bool { return isDigit(b) }

// bytesTrigger returns a trigger for the ASCII bytes in set.
func bytesTrigger(set string) trigger {
	var table [256]bool
	for i := 0; i < len(set); i++ {
		table[set[i]] = true
	}
	return func(b byte) bool { return table[b] }
}

// replaceNear is replaceMatchesFrom restricted to windows of s: each
// window is the whitespace-separated token holding a trigger byte plus up
// to tokens tokens on each side, and overlapping or touching windows merge.
// The pattern runs on each window as a string of its own. Windows start
// and end at whitespace or at the ends of s, where \b tests the same
// context, so the matches are those a search of all of s finds, provided
// no match reaches more than tokens tokens away from a trigger. f gets all
// of s with offsets into it for its own look-behind checks. Text without
// triggers costs one pass over its bytes.
func replaceNear(s string, re *regexp.Regexp, isTrigger trigger, tokens int,
	f func(s string, m []int) (string, int, bool)) string {
	var (
		b       strings.Builder
		last    int // end of the text already copied to b
		changed bool
	)
	for _, w := range windows(s, isTrigger, tokens) {
		for _, m := range re.FindAllStringSubmatchIndex(s[w[0]:w[1]], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += w[0]
				}
			}
			repl, from, ok := f(s, m)
			if !ok {
				continue
			}
			from = max(from, last)
			if !changed {
				b.Grow(len(s) + 32)
				changed = true
			}
			b.WriteString(s[last:from])
			b.WriteString(repl)
			last = m[1]
		}
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// windows returns the merged windows replaceNear searches, in order.
func windows(s string, isTrigger trigger, tokens int) [][2]int {
	var spans [][2]int
	for p := 0; p < len(s); p++ {
		if !isTrigger(s[p]) {
			continue
		}
		floor := 0
		if n := len(spans); n > 0 {
			floor = spans[n-1][0]
		}
		start, end := windowStart(s, p, tokens, floor), windowEnd(s, p, tokens)
		if n := len(spans); n > 0 && start <= spans[n-1][1] {
			spans[n-1][1] = max(spans[n-1][1], end)
		} else {
			spans = append(spans, [2]int{start, end})
		}
		// Other triggers in the same token give the same window.
		for p+1 < len(s) && !isSpace(s[p+1]) {
			p++
		}
	}
	return spans
}

// replaceNearBool is replaceNear for rules that never look behind the match.
func replaceNearBool(s string, re *regexp.Regexp, isTrigger trigger, tokens int,
	f func(s string, m []int) (string, bool)) string {
	return replaceNear(s, re, isTrigger, tokens, func(s string, m []int) (string, int, bool) {
		repl, ok := f(s, m)
		return repl, m[0], ok
	})
}

// hasAdjacent reports whether two bytes in a row of s satisfy f.
func hasAdjacent(s string, f func(b byte) bool) bool {
	for i := 0; i+1 < len(s); i++ {
		if f(s[i]) && f(s[i+1]) {
			return true
		}
	}
	return false
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' }

// windowStart returns the start of the token holding offset p, moved left
// by tokens more tokens, but not before floor.
func windowStart(s string, p, tokens, floor int) int {
	i := p
	for i > floor && !isSpace(s[i-1]) {
		i--
	}
	for k := 0; k < tokens && i > floor; k++ {
		for i > floor && isSpace(s[i-1]) {
			i--
		}
		for i > floor && !isSpace(s[i-1]) {
			i--
		}
	}
	return i
}

// windowEnd returns the end of the token holding offset p, moved right by
// tokens more tokens.
func windowEnd(s string, p, tokens int) int {
	i := p
	for i < len(s) && !isSpace(s[i]) {
		i++
	}
	for k := 0; k < tokens && i < len(s); k++ {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
	}
	return i
}
