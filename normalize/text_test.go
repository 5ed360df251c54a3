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

func TestTextCardinals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"0", "zero"},
		{"7", "seven"},
		{"13", "thirteen"},
		{"45", "forty five"},
		{"100", "one hundred"},
		{"101", "one hundred one"},
		{"347", "three hundred forty seven"},
		{"1,000,000", "one million"},
		{"1,234,567", "one million two hundred thirty four thousand five hundred sixty seven"},
		{"1234567", "one million two hundred thirty four thousand five hundred sixty seven"},
		{"100000 people", "one hundred thousand people"},
		{"1500 people", "fifteen hundred people"},
		{"1234 items", "one thousand two hundred thirty four items"},
		{"007", "zero zero seven"},
		{"-5", "minus five"},
		{"It was -12 outside.", "It was minus twelve outside."},
		{"1,2,3", "one,two,three"},
		{"MP3", "M-P three"},
	})
	runCases(t, "en", []textCase{
		{"101", "one hundred and one"},
		{"1,005", "one thousand and five"},
		{"347", "three hundred and forty seven"},
	})
}

func TestTextOrdinals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"1st", "first"},
		{"2nd", "second"},
		{"3rd", "third"},
		{"4th", "fourth"},
		{"11th", "eleventh"},
		{"12th", "twelfth"},
		{"21st", "twenty first"},
		{"22nd", "twenty second"},
		{"40th", "fortieth"},
		{"101st", "one hundred first"},
		{"1,000th", "one thousandth"},
	})
}

func TestTextDecimals(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3.14", "three point one four"},
		{"0.5", "zero point five"},
		{".5", "point five"},
		{"2.0", "two point zero"},
		{"1,234.5", "one thousand two hundred thirty four point five"},
		{"-0.25", "minus zero point two five"},
	})
}

func TestTextRangesAndScores(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"10-20", "ten to twenty"},
		{"pages 5-10", "pages five to ten"},
		{"1.5-2.5", "one point five to two point five"},
		{"1990-2000", "nineteen ninety to two thousand"},
		{"1990-91", "nineteen ninety to ninety one"},
		{"The score was 3-2.", "The score was three to two."},
		{"They won 2-0.", "They won two to zero."},
		{"123-45-6789", "one two three, four five, six seven eight nine"},
		{"COVID-19", "COVID-nineteen"},
	})
	runCases(t, "en", []textCase{
		{"The score was 3-2.", "The score was three two."},
		{"They won 2-0.", "They won two nil."},
		{"10-20", "ten to twenty"},
	})
}

func TestTextYears(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"in 1066", "in ten sixty six"},
		{"1066 AD", "ten sixty six A-D"},
		{"It happened in 1990.", "It happened in nineteen ninety."},
		{"in 2000", "in two thousand"},
		{"in 2009", "in two thousand nine"},
		{"in 2010", "in twenty ten"},
		{"in 1900", "in nineteen hundred"},
		{"in 1905", "in nineteen oh five"},
		{"in 2024", "in twenty twenty four"},
		{"the 1990s", "the nineteen nineties"},
		{"the 1900s", "the nineteen hundreds"},
		{"the 2000s", "the two thousands"},
		{"the '80s", "the eighties"},
		{"the 80s", "the eighties"},
		{"the 90's", "the nineties"},
		{"1999 was odd", "nineteen ninety nine was odd"},
		{"1999 votes", "one thousand nine hundred ninety nine votes"},
	})
	runCases(t, "en", []textCase{
		{"in 2009", "in two thousand and nine"},
	})
}

func TestTextTimes(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3:30", "three thirty"},
		{"9:45", "nine forty five"},
		{"1:05", "one oh five"},
		{"12:00", "twelve o'clock"},
		{"07:00", "seven o'clock"},
		{"7:00 pm", "seven P-M"},
		{"7:30 p.m. on Friday", "seven thirty P-M on Friday"},
		{"at 10:30 a.m.", "at ten thirty A-M."},
		{"at 10:30 a.m. Then", "at ten thirty A-M Then"},
		{"11:59 PM", "eleven fifty nine P-M"},
		{"7pm", "seven P-M"},
		{"7 a.m.", "seven A-M."},
		{"13:00", "thirteen hundred"},
		{"23:59", "twenty three fifty nine"},
		{"00:00", "midnight"},
		{"00:30", "zero thirty"},
		{"1:23:45", "one hour twenty three minutes forty five seconds"},
		{"John 3:16", "John three sixteen"},
		{"25:00", "twenty five to zero"},
		{"16:9", "sixteen to nine"},
		{"9:00-17:00", "nine o'clock to seventeen hundred"},
		{"Open 10am-2pm daily.", "Open ten A-M to two P-M daily."},
	})
}

func TestTextDates(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"2023-10-27", "October twenty seventh, twenty twenty three"},
		{"2023-10-27T14:30", "October twenty seventh, twenty twenty three at fourteen thirty"},
		{"2023-13-45", "two zero two three, one three, four five"},
		{"10/27/2023", "October twenty seventh, twenty twenty three"},
		{"03/04/2023", "March fourth, twenty twenty three"},
		{"27/10/2023", "October twenty seventh, twenty twenty three"},
		{"December 31", "December thirty first"},
		{"December 31, 1999", "December thirty first, nineteen ninety nine"},
		{"Dec. 5th", "December fifth"},
		{"due on 3/15", "due on March fifteenth"},
		{"5 May 2020", "the fifth of May twenty twenty"},
		{"May 5:30", "May five thirty"},
	})
	runCases(t, "en", []textCase{
		{"2023-10-27", "the twenty seventh of October twenty twenty three"},
		{"03/04/2023", "the third of April twenty twenty three"},
		{"December 31", "the thirty first of December"},
	})
}

func TestTextMoney(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"$5", "five dollars"},
		{"$1", "one dollar"},
		{"$2.50", "two dollars and fifty cents"},
		{"$1.01", "one dollar and one cent"},
		{"$0.05", "five cents"},
		{"$5.00", "five dollars"},
		{"$1.5", "one dollar and fifty cents"},
		{"$12,345.67", "twelve thousand three hundred forty five dollars and sixty seven cents"},
		{"$1,000,000", "one million dollars"},
		{"$3.2 million", "three point two million dollars"},
		{"$5k", "five thousand dollars"},
		{"$10M", "ten million dollars"},
		{"$2.5bn", "two point five billion dollars"},
		{"$4B", "four billion dollars"},
		{"$1.999", "one point nine nine nine dollars"},
		{"-$5", "minus five dollars"},
		{"$5-$10", "five dollars to ten dollars"},
		{"£1", "one pound"},
		{"£250", "two hundred fifty pounds"},
		{"£1.01", "one pound and one penny"},
		{"£2.50", "two pounds and fifty pence"},
		{"€15", "fifteen euros"},
		{"€0.99", "ninety nine cents"},
		{"¥500", "five hundred yen"},
		{"USD 5", "five U-S dollars"},
		{"5 USD", "five U-S dollars"},
		{"10 EUR", "ten euros"},
		{"50¢", "fifty cents"},
		{"50p", "fifty pence"},
	})
	runCases(t, "en", []textCase{
		{"£250", "two hundred and fifty pounds"},
	})
}

func TestTextPercentages(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"5%", "five percent"},
		{"99.9%", "ninety nine point nine percent"},
		{"-3 %", "minus three percent"},
		{"5-10%", "five to ten percent"},
		{"100%", "one hundred percent"},
	})
}

func TestTextUnits(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"4.7 GB", "four point seven gigabytes"},
		{"3 min", "three minutes"},
		{"1 km", "one kilometer"},
		{"5km", "five kilometers"},
		{"-5°C", "minus five degrees Celsius"},
		{"72°F", "seventy two degrees Fahrenheit"},
		{"90°", "ninety degrees"},
		{"60 mph", "sixty miles per hour"},
		{"100 km/h", "one hundred kilometers per hour"},
		{"2.4 GHz", "two point four gigahertz"},
		{"500 mg", "five hundred milligrams"},
		{"3x faster", "three times faster"},
		{"1920x1080", "one thousand nine hundred twenty by one thousand eighty"},
		{"2 x 4", "two by four"},
		{"10 ms", "ten milliseconds"},
		{"128k tokens", "one hundred twenty eight thousand tokens"},
		{"10.5s", "ten point five seconds"},
		{"Room 4B", "Room four B"},
		{"1 tsp salt", "one teaspoon salt"},
		{"20-25°C", "twenty to twenty five degrees Celsius"},
		{"He's 6'2\" tall", "He's six feet two inches tall"},
		{"1 ft", "one foot"},
		// Units are read only after a number and as whole words.
		{"the meaning of life", "the meaning of life"},
		{"its inside us", "its inside us"},
		{"5 minutes", "five minutes"},
		{"5 mins", "five minutes"},
		{"5 in the morning", "five in the morning"},
		{"10 more", "ten more"},
		{"2 g", "two grams"},
		{"2 go", "two go"},
	})
	runCases(t, "en", []textCase{
		{"1 km", "one kilometre"},
		{"2 L", "two litres"},
	})
}

func TestTextAbbreviations(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"Dr. Patel", "Doctor Patel"},
		{"Dr Patel", "Doctor Patel"},
		{"Mr. Jones", "Mister Jones"},
		{"Mrs. Lee", "Mrs Lee"},
		{"Ms. Smith", "Miz Smith"},
		{"St. Mary's", "Saint Mary's"},
		{"Main St.", "Main Street."},
		{"Main St. is long", "Main Street is long"},
		{"5th Ave.", "fifth Avenue."},
		{"Prof. Xavier", "Professor Xavier"},
		{"Lt. Col. John Smith", "Lieutenant Colonel John Smith"},
		{"Mt. Everest", "Mount Everest"},
		{"apples, pears, etc.", "apples, pears, et cetera."},
		{"apples, etc. and more", "apples, et cetera and more"},
		{"cats vs. dogs", "cats versus dogs"},
		{"fruit, e.g. apples", "fruit, for example apples"},
		{"one, i.e. this", "one, that is this"},
		{"No. 5", "number five"},
		{"#1 fan", "number one fan"},
		{"Acme Inc.", "Acme Incorporated."},
		{"Martin Luther King Jr. said", "Martin Luther King Junior said"},
		{"the U.S. Army", "the U-S Army"},
		{"in the U.S.A.", "in the U-S-A."},
		{"Gen Z", "Gen Z"},
		{"Mr. & Mrs. Smith", "Mister and Mrs Smith"},
		{"no. of items", "no. of items"},
	})
}

func TestTextInitialisms(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"The FBI said", "The F-B-I said"},
		{"AAPL rose", "A-A-P-L rose"},
		{"NVDA and MSFT", "N-V-D-A and M-S-F-T"},
		{"buy CDs", "buy C-D's"},
		{"the FBI's files", "the F-B-I's files"},
		{"an API", "an A-P-I"},
		{"the ONNX model", "the O-N-N-X model"},
		{"the US economy", "the U-S economy"},
		{"AT&T", "A-T and T"},
		{"Q&A", "Q and A"},
		{"R&D", "R and D"},
		{"a JSON file", "a jason file"},
		{"WWII ended", "World War Two ended"},
		{"UTF-8", "U-T-F-eight"},
		{"UK-based", "U-K-based"},
		{"Flight BA2490", "Flight B-A two four nine zero"},
		// Pronounceable acronyms and shouted words stay words.
		{"NASA launched", "NASA launched"},
		{"NATO and UNESCO", "NATO and UNESCO"},
		{"I LOVE THIS SO MUCH", "I LOVE THIS SO MUCH"},
		{"HELP US", "HELP US"},
		{"DON'T STOP", "DON'T STOP"},
		{"I", "I"},
		{"The 737 MAX", "The seven hundred thirty seven MAX"},
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
		{"Tom & Jerry", "Tom and Jerry"},
		{"3 < 5", "three less than five"},
		{"5 > 3", "five greater than three"},
		{"x >= 2", "x greater than or equal to two"},
		{"2+2=4", "two plus two equals four"},
		{"a=b", "a equals b"},
		{"1+2+3", "one plus two plus three"},
		{"Ctrl+C", "Ctrl plus C"},
		{"~5 minutes", "about five minutes"},
		{"+5", "plus five"},
		{"and/or", "and or"},
		{"<b>bold</b>", "b bold b"},
		{"@user", "at user"},
		{"3 * 4", "three times four"},
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
		{"1990–2000", "nineteen ninety to two thousand"},
		{"2½ cups", "two and a half cups"},
		{"a\u00a0b\u2003c", "a b c"},
		{"a  b\t\tc", "a b c"},
		{"line one\r\nline two", "line one\nline two"},
		{"zero\u200bwidth", "zerowidth"},
		{"你好。世界！", "你好. 世界!"},
	})
}

func TestTextEntities(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"Tom &amp; Jerry", "Tom and Jerry"},
		{"it&#39;s", "it's"},
		{"&quot;hi&quot;", `"hi"`},
		{"3 &lt; 5", "three less than five"},
		{"R&D", "R and D"},
		{"&copy without semicolon", "and copy without semicolon"},
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
		{"2.0.1", "two point zero point one"},
		{"Version 2.0.1 fixes bugs", "Version two point zero point one fixes bugs"},
		{"v2.10", "version two point ten"},
		{"than v1.", "than version one."},
		{"a V8 engine", "a V eight engine"},
		{"version v1.2.3", "version one point two point three"},
		{"192.168.1.1", "one hundred ninety two dot one hundred sixty eight dot one dot one"},
	})
}

func TestTextFractions(t *testing.T) {
	runCases(t, "en-us", []textCase{
		{"3/4", "three quarters"},
		{"1/2", "one half"},
		{"2/3", "two thirds"},
		{"5/8", "five eighths"},
		{"3/4 cup", "three quarters of a cup"},
		{"1/2 hour", "half an hour"},
		{"2 1/2", "two and a half"},
		{"24/7", "twenty four seven"},
		{"95/100", "ninety five out of one hundred"},
		{"7/10", "seven out of ten"},
		{"3/15", "three fifteen"},
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
