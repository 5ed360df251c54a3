package normalize

import (
	"regexp"
	"strings"
)

var (
	// versionPattern matches "v2.0", "2.0.1" and "1.2.3.4" (groups of
	// digits joined by periods, at least three groups without a "v"), and
	// "v2" with a lower-case v ("V8" is an engine).
	versionPattern = regexp.MustCompile(`\b([vV]?)(\d+(?:\.\d+){1,3})\b|\b(v)(\d+)\b`)
)

// versions reads version numbers with "point" between the groups, each
// read as a number ("2.10.1" is "2 point 10 point 1", where kokoro-js says
// "2 point 1 0 point 1"), with "version" for a leading "v" (kokoro-js
// reads "v2.1" as "vee 2 point 1"). An IPv4 address (four groups up to
// 255) is read with "dot". Two groups without a "v" are a decimal, left
// to kokoroDigits. The groups stay digits.
func (e english) versions(s string) string {
	if !strings.ContainsAny(s, "0123456789") || !strings.ContainsAny(s, ".v") {
		return s
	}
	return replaceNearBool(s, versionPattern, versionTrigger, 0, func(s string, m []int) (string, bool) {
		v, body := group(s, m, 1), group(s, m, 2)
		if group(s, m, 3) != "" {
			v, body = "v", group(s, m, 4)
		}
		parts := strings.Split(body, ".")
		if v == "" && len(parts) < 3 || m[1] < len(s) && s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1]) {
			return "", false
		}
		if m[0] > 0 && (s[m[0]-1] == '.' || s[m[0]-1] == '$') {
			return "", false
		}
		sep := " point "
		if v == "" && len(parts) == 4 && isIPv4(parts) {
			sep = " dot "
		}
		words := make([]string, len(parts))
		for i, p := range parts {
			words[i] = groupDigits(p)
		}
		out := strings.Join(words, sep)
		if v != "" {
			if strings.EqualFold(prevWord(s, m[0]), "version") {
				return out, true
			}
			return "version " + out, true
		}
		return out, true
	})
}

// groupDigits returns a group of digits for espeak-ng to read as a number,
// or digit by digit when it has a leading zero ("05" is "0 5").
func groupDigits(digits string) string {
	if len(digits) > 1 && digits[0] == '0' {
		return strings.Join(strings.Split(digits, ""), " ")
	}
	return digits
}

func isIPv4(parts []string) bool {
	for _, p := range parts {
		if len(p) > 3 || atoiSmall(p) > 255 {
			return false
		}
	}
	return true
}

var versionTrigger = bytesTrigger(".v")
