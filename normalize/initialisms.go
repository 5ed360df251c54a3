package normalize

import (
	"regexp"
	"strings"
)

var (
	// capsWordPattern matches a word of two to six capital letters with an
	// optional plural or possessive ending: "FBI", "CDs", "NASA's".
	capsWordPattern = regexp.MustCompile(`\b([A-Z]{2,6})('s|s)?\b`)

	// spokenAcronyms are initialisms read as words, and words often
	// written in capitals; they stay as written.
	spokenAcronyms = wordSet(`NASA NATO UNESCO UNICEF OPEC LASER RADAR SCUBA AIDS FIFA NAFTA IKEA LEGO COVID OSHA
		FEMA YOLO CAPTCHA GIF RAM ROM PIN SIM ZIP WASM DARPA ANSI SWAT SARS MERS EBITDA GOOG NIST CUDA UNIX
		LOL OK TESOL ASAP PIN MIDI PDF`)

	// specialAcronyms are read neither as letters nor as written.
	specialAcronyms = map[string]string{
		"JSON": "jason", "JPEG": "jay peg", "NGINX": "engine x", "SQL": "S-Q-L", "ASCII": "askee",
		"YAML": "yamel", "GUI": "gooey", "SCSI": "scuzzy", "WYSIWYG": "wizzywig",
		"WWI": "World War One", "WWII": "World War Two",
	}

	// capsCommonWords are short English words that are read as words when
	// written in capitals, as in shouted text ("I AM SO HAPPY").
	capsCommonWords = wordSet(`AM AN AS AT BE BY DO GO HE HI IF IN IS IT ME MY NO OF OH ON OR SO TO UP WE YE YO AH HA
		THE AND FOR ARE BUT NOT YOU ALL ANY CAN HAD HER WAS ONE OUR OUT DAY GET HAS HIM HIS HOW MAN NEW NOW OLD
		SEE TWO WAY WHO BOY DID ITS LET PUT SAY SHE TOO USE YES YET WHY BIG BAD END FAR FEW GOT HOT LOT OFF OWN
		RED RUN SET SIT SIX TEN TOP TRY WAR WIN WON AGO AGE AIR ARM ART ASK BED BIT BOX BUY CAR CUT DIE DRY EAT
		EYE FIT FLY FUN GOD GUN HIT JOB KEY KID LAW LAY LEG LIE LOW MAP MOM DAD NET OIL PAY PER POP RAW SAD SEA
		SKY SON SUN TAX TEA TIE VAN WET WOW HEY YAY AIM ACE ACT ADD AID ANT ARC ATE BAG BAN BAR BAT BAY BEE BET
		BUS CAP COP COW CRY CUP DIG DOG DOT DUE EGG EGO ERA FAN FAT FEE FIG FIX FOG FOX GAP GAS GEM GUY GYM HAT
		HEN HUG ICE ILL INK JAM JAR JAW JET JOY LAB LAP LED LID LIP LOG MAD MAT MAY MEN MET MIX MUD NOR NUT OAK
		ODD OWE OWL PAN PEN PET PIE PIG POT PRO PUB RAT RAY RIB RID ROW RUB RUG SAW SHY SIN SIP SIR SPA SPY SUM
		TAG TAN TAP TIP TON TOY VET WEB WET WIG ZEN ZOO CAT FOR NAH HUH UGH OOH MAX MIN`)

	// vowelPairs are the vowel pairs that English spelling uses; a capital
	// word with another pair ("AA", "IO") is read as letters.
	vowelPairs = wordSet("AI AU AY EA EE EI EU EY IE OA OE OI OO OU OY UE UI")
	// onsets are the consonant clusters an English word can start with.
	onsets = wordSet(`BL BR CH CL CR DR FL FR GL GR GN KN PH PL PR QU SC SCH SCR SH SK SL SM SN SP SPL SPR ST
		STR SW TH THR TR TW WH WR`)
	// codas are the consonant clusters an English word can end with.
	codas = wordSet(`CH CK CT DS FT GS LD LF LK LL LM LP LS LT MP MS ND NG NK NS NT PS PT RB RC RD RK RL RM
		RN RP RS RT SH SK SP SS ST TH TS XT NDS NTS RDS RTS RST NCH RCH LTS NGS`)
)

// espeakSpelled are initialisms that start with a vowel or a single
// consonant and a vowel, which espeak-ng's English dictionary spells as
// letters anyway. Other words that start so, such as "NYC" or "AAPL", it
// reads as words ("nick", "apple").
var espeakSpelled = wordSet(`ABC ADHD AI AMD AOL API ASAP ATM ATV CEO CFO CIA CTO DIY DOJ ESPN EST EU FYI HBO HIV
	IBM IEEE IMO IOS IRS IT LA MIT NY OK OMG OS SLA SUV UCLA UFO UI UK UN URL US USA USB USD UTC UTF`)

// initialisms spells words in capitals that are initialisms or tickers
// letter by letter when espeak-ng would read them as a word ("NYC" is
// "N-Y-C", where espeak-ng says "nick"; "AAPL" is "A-A-P-L"). Initialisms
// that espeak-ng spells itself ("FBI", "NVDA", "API") stay as written,
// since espeak-ng stresses them better than the hyphenated form. A
// capital word stays a word when it is a known spoken acronym ("NASA"), a
// common English word ("THE", "AM") or pronounceable (see
// pronounceable). Words of two or three letters that are not common words
// are initialisms. "US" is one only after "the", since it is otherwise
// the word "us". Roman numerals such as "XIV" or "XL" stay as written.
func (e english) initialisms(s string) string {
	if !hasAdjacent(s, isUpper) {
		return s
	}
	return replaceNearBool(s, capsWordPattern, isUpper, 0, func(s string, m []int) (string, bool) {
		word, suffix := group(s, m, 1), group(s, m, 2)
		if m[1] < len(s) && s[m[1]] == '\'' && suffix == "" || m[0] > 0 && s[m[0]-1] == '\'' {
			return "", false // a contraction such as "DON'T" or "'EM"
		}
		if w, ok := specialAcronyms[word]; ok {
			return w + suffix, true
		}
		if !e.spellCaps(s, m[0], word) || espeakSpells(word) {
			return "", false
		}
		if suffix == "s" {
			suffix = "'s" // "C-D's" reads as a plural; "C-Ds" ends in "ess"
		}
		return spellLetters(word) + suffix, true
	})
}

// espeakSpells reports whether espeak-ng reads a word of capital letters
// letter by letter by itself. It does for the words in espeakSpelled and
// for words without a vowel. It also does for words that start with
// consonants that no English word starts with ("NVDA"), unless three or
// more letters that start as an English word follow them ("TSLA" is
// "T-sla"). The rule was found by comparing espeak-ng 1.51's output for
// about 230 initialisms and tickers with their spelled form.
func espeakSpells(word string) bool {
	if espeakSpelled[word] {
		return true
	}
	first := strings.IndexAny(word, "AEIOUY")
	if first == 0 && word[0] == 'Y' {
		first = strings.IndexAny(word[1:], "AEIOUY")
		if first >= 0 {
			first++
		}
	}
	switch {
	case first < 0:
		return true
	case first < 2 || onsets[word[:first]]:
		return false
	}
	rest := word[1:]
	for len(rest) > 2 {
		cluster := strings.IndexAny(rest, "AEIOUY")
		if cluster <= 1 || onsets[rest[:cluster]] {
			return false
		}
		rest = rest[1:]
	}
	return true
}

// spellCaps reports whether the capital word at offset i is an initialism.
func (e english) spellCaps(s string, i int, word string) bool {
	switch {
	case spokenAcronyms[word], capsCommonWords[word], romanValue(word) > 0:
		return false
	case word == "US":
		return strings.EqualFold(prevWord(s, i), "the")
	case len(word) <= 3:
		return true
	}
	return !pronounceable(word)
}

// pronounceable reports whether a word of capital letters looks like an
// English word. It must start and end with a single consonant or a
// consonant cluster from onsets and codas. It may have no run of more than
// three consonants or two vowels, and only pairs from vowelPairs. Y is a
// vowel except at the start.
func pronounceable(word string) bool {
	isVowel := func(i int) bool {
		return strings.IndexByte("AEIOU", word[i]) >= 0 || word[i] == 'Y' && i > 0
	}

	first := 0
	for first < len(word) && !isVowel(first) {
		first++
	}
	if first == len(word) || first > 1 && !onsets[word[:first]] {
		return false
	}
	last := len(word)
	for !isVowel(last - 1) {
		last--
	}
	if len(word)-last > 1 && !codas[word[last:]] {
		return false
	}

	for i := first; i < last; {
		j := i
		vowel := isVowel(i)
		for j < last && isVowel(j) == vowel {
			j++
		}
		switch {
		case vowel && j-i > 2, vowel && j-i == 2 && !vowelPairs[word[i:j]], !vowel && j-i > 3:
			return false
		}
		i = j
	}
	return true
}
