package normalize

import "testing"

type textCase struct {
	in, want string
}

// runCases checks Text on each case for one voice.
func runCases(t *testing.T, lang string, cases []textCase) {
	t.Helper()
	for _, c := range cases {
		if got := Text(c.in, lang); got != c.want {
			t.Errorf("Text(%q, %q)\n got %q\nwant %q", c.in, lang, got, c.want)
		}
	}
}

// The English rules leave the numbers that kokoro-js and espeak-ng read
// well as digits, in kokoro-js's form; TestTextReadsLikeKokoroJS checks
// the phonemes of such cases.

func TestTextCardinals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"0", "0"},
		{"45", "45"},
		{"347", "347"},
		{"1,000,000", "1000000"},
		{"1,234,567", "1234567"},
		{"1234567", "1234567"},
		{"100000 people", "100000 people"},
		{"1500 people", "15 hundred people"},
		{"1234 items", "12 34 items"},
		{"007", "007"},
		{"-5", "-5"},
		{"It was -12 outside.", "It was -12 outside."},
		// A comma between digits goes only in a number with thousands
		// separators, so a list stays a list.
		{"1,2,3", "1,2,3"},
		{"MP3", "MP3"},
		{"Room 4B", "Room 4B"},
	})
	runCases(t, "en", []textCase{
		{"101", "101"},
		{"1,005", "1005"},
	})
}

func TestTextOrdinals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"1st", "1st"},
		{"11th", "11th"},
		{"22nd", "22nd"},
		{"101st", "101st"},
		{"1,001st", "1001st"},
		// espeak-ng reads "100th" as "one hundred th".
		{"100th", "one hundredth"},
		{"1,000th", "one thousandth"},
		{"2000th", "two thousandth"},
	})
}

func TestTextDecimals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3.14", "3 point 1 4"},
		{"0.5", "0 point 5"},
		{".5", "point 5"},
		{"2.0", "2 point 0"},
		{"1,234.5", "1234 point 5"},
	})
}

func TestTextRangesAndScores(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"10-20", "10 to 20"},
		{"pages 5-10", "pages 5 to 10"},
		{"1.5-2.5", "1 point 5 to 2 point 5"},
		{"1990-2000", "19 90 to 2000"},
		{"1990-91", "19 90 to 91"},
		{"The score was 3-2.", "The score was 3 to 2."},
		{"They won 2-0.", "They won 2 to 0."},
		// Three or more hyphenated numbers are an identifier.
		{"123-45-6789", "one two three, four five, six seven eight nine"},
		{"COVID-19", "COVID-19"},
	})
	runCases(t, "en", []textCase{
		{"The score was 3-2.", "The score was 3 to 2."},
	})
}

func TestTextYears(t *testing.T) {
	runCases(t, "en-us", []textCase{
		// kokoro-js reads 1100 to 9999 as years; espeak-ng reads 1066 as
		// "one thousand sixty six", so a year cue makes it "10 66".
		{"in 1066", "in 10 66"},
		{"1066 AD", "10 66 A-D"},
		{"in 1005", "in 10 oh 5"},
		{"in 1000", "in 1000"},
		{"by 1066", "by 1066"},
		{"1066 people", "1066 people"},
		{"It happened in 1990.", "It happened in 19 90."},
		{"in 2000", "in 2000"},
		{"in 2009", "in 2009"},
		{"in 2010", "in 20 10"},
		{"in 1900", "in 19 hundred"},
		{"in 1905", "in 19 oh 5"},
		// espeak-ng reads "90s" as "nineties" but "90's" as "ninety".
		{"the 1990s", "the 19 90s"},
		{"the 2000s", "the 2000s"},
		{"the '80s", "the '80s"},
		{"the 90's", "the 90s"},
		{"the 1990's", "the 19 90s"},
		{"the '90's", "the '90s"},
		{"1999 was odd", "19 99 was odd"},
	})
}

func TestTextTimes(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3:30", "3 30"},
		{"1:05", "1 oh 5"},
		{"12:00", "12 o'clock"},
		{"7:00 pm", "7 o'clock pm"},
		{"11:59 PM", "11 59 PM"},
		{"7pm", "7pm"},
		{"7:30 p.m. on Friday", "7 30 p-m- on Friday"},
		{"at 10:30 a.m.", "at 10 30 a-m."},
		{"23:59", "23:59"},
		{"00:30", "00:30"},
		{"1:23:45", "1:23:45"},
		{"16:9", "16:9"},
		// espeak-ng reads these "zero zero zero zero", "thirteen zero zero"
		// and "zero seven zero zero".
		{"00:00", "midnight"},
		{"The alarm rings at 00:00.", "The alarm rings at midnight."},
		{"13:00", "13 hundred"},
		{"07:00", "7 o'clock"},
		{"13:00:05", "13:00:05"},
		{"00:00 am", "00:00 am"},
		// A hyphen between times is read "to".
		{"9:00-17:00", "9 o'clock to 17 hundred"},
		{"Open 10am-2pm daily.", "Open 10am to 2pm daily."},
	})
}

func TestTextDates(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"2023-10-27", "October 27th, 20 23"},
		{"2023-10-27T14:30", "October 27th, 20 23 at 14:30"},
		{"2023-13-45", "two zero two three, one three, four five"},
		{"10/27/2023", "October 27th, 20 23"},
		{"03/04/2023", "March 4th, 20 23"},
		{"27/10/2023", "October 27th, 20 23"},
		{"December 31", "December 31st"},
		{"December 31, 1999", "December 31st, 19 99"},
		{"December 31 1999", "December 31st 19 99"},
		{"Dec. 5th", "December 5th"},
		{"May 1, 1066", "May 1st, 10 66"},
		{"due on 3/15", "due on March 15th"},
		{"5 May 2020", "the 5th of May 20 20"},
		{"May 5:30", "May 5 30"},
		{"March 3.5", "March 3 point 5"},
	})
	runCases(t, "en", []textCase{
		{"2023-10-27", "the 27th of October 20 23"},
		{"03/04/2023", "the 3rd of April 20 23"},
		{"December 31", "December 31st"},
	})
}

func TestTextMoney(t *testing.T) {
	runCases(t, "en-us", []textCase{
		// kokoro-js reads these well.
		{"$5", "5 dollars"},
		{"$1", "1 dollar"},
		{"$2.50", "2 dollars and 50 cents"},
		{"$1.01", "1 dollar and 1 cent"},
		{"$1.5", "1 dollar and 50 cents"},
		{"$12,345.67", "12345 dollars and 67 cents"},
		{"$1,000,000", "1000000 dollars"},
		{"$3.2 million", "3 point 2 million dollars"},
		{"-$5", "-5 dollars"},
		{"£1", "1 pound"},
		{"£2.50", "2 pounds and 50 pence"},
		{"$1500", "15 hundred dollars"},
		// kokoro-js misreads these.
		{"$0.05", "5 cents"},
		{"£0.50", "50 pence"},
		{"$5.00", "5 dollars"},
		{"$5k", "5 thousand dollars"},
		{"$10M", "10 million dollars"},
		{"$2.5bn", "2 point 5 billion dollars"},
		{"$4B", "4 billion dollars"},
		{"$1.999", "1 point 9 9 9 dollars"},
		{"$1999", "19 99 dollars"},
		{"$5-$10", "5 dollars to 10 dollars"},
		{"$ 5", "5 dollars"},
		{"US$5", "5 U-S dollars"},
		{"€15", "15 euros"},
		{"€1", "1 euro"},
		{"€2.50", "2 euros and 50 cents"},
		{"€0.99", "99 cents"},
		{"€3.2 million", "3 point 2 million euros"},
		{"-€5", "minus 5 euros"},
		{"¥500", "500 yen"},
		{"₹1,200", "1200 rupees"},
		{"10 EUR", "10 euros"},
		{"EUR 10", "10 euros"},
		{"5 CAD", "5 Canadian dollars"},
		// espeak-ng reads these codes and signs as people say them.
		{"USD 5", "USD 5"},
		{"5 GBP", "5 GBP"},
		{"50¢", "50¢"},
		{"50p", "50p"},
	})
	runCases(t, "en", []textCase{
		{"£250", "250 pounds"},
	})
}

func TestTextPercentages(t *testing.T) {
	// espeak-ng reads "%" as "percent".
	runCases(t, "en-us", []textCase{
		{"5%", "5%"},
		{"99.9%", "99 point 9%"},
		{"5-10%", "5 to 10%"},
	})
}

func TestTextUnits(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3 min", "3 minutes"},
		{"1 min", "1 minute"},
		{"5 mins", "5 minutes"},
		{"5 m", "5 meters"},
		{"2 g", "2 grams"},
		{"100 km/h", "100 kilometers per hour"},
		{"3x faster", "3 times faster"},
		{"1920x1080", "19 20 by 1080"},
		{"2 x 4", "2 by 4"},
		{"10.5s", "10 point 5 seconds"},
		{"1 tsp salt", "1 teaspoon salt"},
		{"He's 6'2\" tall", "He's 6 feet 2 inches tall"},
		{"1 ft", "1 foot"},
		{"60 W", "60 watts"},
		{"50 Hz", "50 hertz"},
		{"20-25 min", "20 to 25 minutes"},
		{"-5 m", "-5 meters"},
		// espeak-ng reads these symbols as people say them.
		{"4.7 GB", "4 point 7 GB"},
		{"1 km", "1 km"},
		{"5km", "5km"},
		{"500 mg", "500 mg"},
		{"10 ms", "10 ms"},
		{"60 mph", "60 mph"},
		{"2.4 GHz", "2 point 4 GHz"},
		{"-5°C", "-5°C"},
		{"90°", "90°"},
		{"128k tokens", "128k tokens"},
		// Units are read only after a number and as whole words.
		{"Room 4B", "Room 4B"},
		{"the meaning of life", "the meaning of life"},
		{"its inside us", "its inside us"},
		{"5 minutes", "5 minutes"},
		{"5 in the morning", "5 in the morning"},
		{"10 more", "10 more"},
		{"2 go", "2 go"},
		{"the 90s", "the 90s"},
		{"3 x", "3 x"},
	})
	runCases(t, "en", []textCase{
		{"2 L", "2 litres"},
		{"1 m", "1 metre"},
	})
}

func TestTextAbbreviations(t *testing.T) {
	runCases(t, "en-us", []textCase{
		// kokoro-js's titles.
		{"Dr. Patel", "Doctor Patel"},
		{"Mr. Jones", "Mister Jones"},
		{"Mrs. Lee", "Mrs Lee"},
		{"Ms. Smith", "Miss Smith"},
		{"Mr. & Mrs. Smith", "Mister & Mrs Smith"},
		{"the Dr. said", "the Dr. said"},
		// espeak-ng reads these without a period itself.
		{"Dr Patel", "Dr Patel"},
		{"Mr Smith", "Mr Smith"},
		{"Ms Smith", "Miss Smith"},
		{"St. Mary's", "Saint Mary's"},
		{"St Mary's", "Saint Mary's"},
		{"at St. Mary's Hospital", "at Saint Mary's Hospital"},
		{"Main St.", "Main St."},
		{"Main St. is long", "Main St. is long"},
		{"Main St. Louis", "Main St. Louis"},
		{"Elm Dr.", "Elm Drive."},
		{"5th Ave.", "5th Avenue."},
		{"Prof. Xavier", "Professor Xavier"},
		{"Lt. Col. John Smith", "Lieutenant Colonel John Smith"},
		{"Mt. Everest", "Mount Everest"},
		// kokoro-js's "etc.", kept for espeak-ng, which says "et cetera".
		{"apples, pears, etc.", "apples, pears, etc"},
		{"apples, etc. and more", "apples, etc. and more"},
		{"cats vs. dogs", "cats versus dogs"},
		{"cats vs dogs", "cats versus dogs"},
		{"fruit, e.g. apples", "fruit, e-g- apples"},
		{"one, i.e. this", "one, i-e- this"},
		{"No. 5", "number 5"},
		{"#1 fan", "number 1 fan"},
		{"Acme Inc.", "Acme Incorporated."},
		{"Martin Luther King Jr. said", "Martin Luther King Junior said"},
		{"the U.S. Army", "the U-S- Army"},
		{"the U.S.A. team", "the U-S-A- team"},
		{"in the U.S.A.", "in the U-S-A."},
		{"w/o sugar", "without sugar"},
		{"Gen Z", "Gen Z"},
		{"no. of items", "no. of items"},
	})
}

func TestTextInitialisms(t *testing.T) {
	runCases(t, "en-us", []textCase{
		// espeak-ng reads these as words: "nick", "apple", "awes".
		{"NYC traffic", "N-Y-C traffic"},
		{"AAPL rose", "A-A-P-L rose"},
		{"the ONNX model", "the O-N-N-X model"},
		{"on AWS", "on A-W-S"},
		{"TSLA fell", "T-S-L-A fell"},
		{"their IPOs", "their I-P-O's"},
		// espeak-ng spells these itself, stressed better than with hyphens.
		{"The FBI said", "The FBI said"},
		{"NVDA and MSFT", "NVDA and MSFT"},
		{"an API", "an API"},
		{"the US economy", "the US economy"},
		{"UK-based", "UK-based"},
		{"UTF-8", "UTF-8"},
		{"the FBI's files", "the FBI's files"},
		// kokoro-js's plural, which espeak-ng reads as "C-Dees".
		{"buy CDs", "buy CD'S"},
		{"AT&T", "AT&T"},
		{"a JSON file", "a jason file"},
		{"WWII ended", "World War Two ended"},
		{"Flight BA2490", "Flight BA2490"},
		// Pronounceable acronyms and shouted words stay words.
		{"NASA launched", "NASA launched"},
		{"NATO and UNESCO", "NATO and UNESCO"},
		{"I LOVE THIS SO MUCH", "I LOVE THIS SO MUCH"},
		{"HELP US", "HELP US"},
		{"DON'T STOP", "DON'T STOP"},
		{"I", "I"},
		{"The 737 MAX", "The 737 MAX"},
	})
}

func TestTextWeb(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"Visit https://github.com/ttsbench/ttsbench.", "Visit github dot com slash ttsbench slash ttsbench."},
		{"See www.example.com/docs", "See www dot example dot com slash docs"},
		{"go to example.com now", "go to example dot com now"},
		{"http://localhost:8080/v1", "localhost colon eight zero eight zero slash v one"},
		{"Mail john.doe@example.com today", "Mail john dot doe at example dot com today"},
		{"my_name@mail.co.uk", "my underscore name at mail dot co dot uk"},
		{"Node.js is fast", "Node.js is fast"},
	})
}

func TestTextPhoneNumbers(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"(555) 123-4567", "five five five, one two three, four five six seven"},
		{"555-123-4567", "five five five, one two three, four five six seven"},
		{"+1 555 123 4567", "plus one, five five five, one two three, four five six seven"},
		{"+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"},
		{"555.123.4567", "five five five, one two three, four five six seven"},
	})
}

func TestTextSymbols(t *testing.T) {
	runCases(t, "en-us", []textCase{
		// espeak-ng drops "<" and ">" and reads "~" as "tilde".
		{"3 < 5", "3 less than 5"},
		{"5 > 3", "5 greater than 3"},
		{"x >= 2", "x >= 2"},
		{"a<=b", "a<=b"},
		{"~5 minutes", "about 5 minutes"},
		{"and/or", "and or"},
		{"<b>bold</b>", "b bold b"},
		{"snake_case", "snake case"},
		// espeak-ng reads these symbols itself.
		{"Tom & Jerry", "Tom & Jerry"},
		{"2+2=4", "2+2=4"},
		{"a=b", "a=b"},
		{"Ctrl+C", "Ctrl+C"},
		{"+5", "+5"},
		{"@user", "@user"},
		{"3 * 4", "3 times 4"},
	})
}

func TestTextMarkdownAndEmoji(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"**bold** and *italic*", "bold and italic"},
		{"# Title\nText", "Title\nText"},
		{"- item one\n- item two", "item one\nitem two"},
		{"> quoted", "quoted"},
		{"Use `go test` now", "Use go test now"},
		{"[the docs](https://example.com)", "the docs"},
		{"![a cat](cat.png)", "a cat"},
		{"__init__ and snake_case", "init and snake case"},
		{"~~old~~ new", "old new"},
		{"```go\ncode\n```", "code"},
		{"---", ""},
		{"Great job 🎉!", "Great job !"},
		{"I ❤️ Go", "I Go"},
		{"👍🏽", ""},
		{"🇫🇷 France", "France"},
		{"Brand™", "Brand trademark"},
	})
}

func TestTextTypography(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"“Hello,” she said.", `"Hello," she said.`},
		{"It’s fine", "It's fine"},
		{"«bonjour»", `"bonjour"`},
		{"(aside)", "«aside»"},
		{"Well — no", "Well — no"},
		{"Well -- no", "Well — no"},
		{"1990–2000", "19 90 to 2000"},
		{"2½ cups", "2 and a half cups"},
		{"a\u00a0b\u2003c", "a b c"},
		{"a  b\t\tc", "a b c"},
		{"line one\r\nline two", "line one\nline two"},
		{"zero\u200bwidth", "zerowidth"},
		{"你好。世界！", "你好. 世界!"},
	})
}

func TestTextEntities(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"Tom &amp; Jerry", "Tom & Jerry"},
		{"it&#39;s", "it's"},
		{"&quot;hi&quot;", `"hi"`},
		{"3 &lt; 5", "3 less than 5"},
		{"R&D", "R&D"},
		{"&copy without semicolon", "&copy without semicolon"},
	})
}

func TestTextRomanNumerals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"Elizabeth II", "Elizabeth the second"},
		{"Louis XIV", "Louis the fourteenth"},
		{"Henry VIII's wives", "Henry the eighth's wives"},
		{"World War II", "World War two"},
		{"Part III", "Part three"},
		{"Malcolm X", "Malcolm X"},
		{"The II", "The II"},
		{"Louis XLII", "Louis the forty second"},
		{"size XL", "size XL"},
	})
}

func TestTextVersions(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"2.0.1", "2 point 0 point 1"},
		{"Version 2.0.1 fixes bugs", "Version 2 point 0 point 1 fixes bugs"},
		{"2.10.1", "2 point 10 point 1"},
		{"v2.10", "version 2 point 10"},
		{"than v1.", "than version 1."},
		{"a V8 engine", "a V8 engine"},
		{"version v1.2.3", "version 1 point 2 point 3"},
		{"1.05.2", "1 point 0 5 point 2"},
		{"192.168.1.1", "192 dot 168 dot 1 dot 1"},
	})
}

func TestTextFractions(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3/4", "3 quarters"},
		{"1/2", "1 half"},
		{"2/3", "2 thirds"},
		{"5/8", "5 eighths"},
		{"3/4 cup", "3 quarters of a cup"},
		{"1/2 hour", "half an hour"},
		{"2 1/2", "2 and a half"},
		{"24/7", "24 7"},
		{"95/100", "95 out of 100"},
		{"7/10", "7 out of 10"},
		{"3/15", "3 15"},
	})
}

func TestTextContractionsAndPossessives(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"I'll", "I'll"},
		{"he'd", "he'd"},
		{"she'd", "she'd"},
		{"you'll", "you'll"},
		{"I'd", "I'd"},
		{"I'm", "I'm"},
		{"isn't", "isn't"},
		{"it's", "it's"},
		{"y'all", "y'all"},
		{"James's", "James's"},
		{"teachers'", "teachers'"},
		{"Rock 'n' roll", "Rock 'n' roll"},
		{"I’ll", "I'll"},
	})
}

func TestTextOtherLanguages(t *testing.T) {
	for _, lang := range []string{"es", "fr-fr", "hi", "it", "pt-br", "ja", "cmn"} {
		runCases(t, lang, []textCase{
			{"Tengo 25 años y 3,5 kg.", "Tengo 25 años y 3,5 kg."},
			{"Dr. 1990 $5 10-20", "Dr. 1990 $5 10-20"},
			{"“Bonjour” **monde** 🎉", `"Bonjour" monde`},
			{"a&amp;b", "a&b"},
			{"3 * 4 ©", "3 × 4 ©"},
			{"2½", "2½"},
			{"東京。大阪！", "東京. 大阪!"},
		})
	}
}

func TestTextYeahMatchesKokoroJS(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"Yeah, sure.", "Ye'a, sure."},
	})
}

func TestDialect(t *testing.T) {
	for _, c := range []struct {
		lang             string
		english, british bool
	}{
		{"en-us", true, false}, {"en", true, true}, {"en-gb", true, true}, {"en-GB-x-rp", true, true},
		{"en_US", true, false}, {"en-029", true, false}, {"es", false, false}, {"", false, false},
		{"eng", false, false},
	} {
		english, british := dialect(c.lang)
		if english != c.english || british != c.british {
			t.Errorf("dialect(%q) = %v, %v, want %v, %v", c.lang, english, british, c.english, c.british)
		}
	}
}
