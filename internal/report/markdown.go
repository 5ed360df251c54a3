package report

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ReportFileName is the name of the Markdown report in a run directory.
const ReportFileName = "report.md"

// maxErrorRunes bounds an error message quoted in Markdown; the CSV keeps
// the full text.
const maxErrorRunes = 300

// smallSample is the number of model runs below which the report calls a
// variant's medians rough.
const smallSample = 5

// document holds what report.md and the README section are made of.
type document struct {
	analysis *analysis
	env      *Env // nil when unknown
	partial  bool
	torn     *tornRecord
	charts   []chartResult
}

// renderReport returns report.md.
func renderReport(d document) []byte {
	var b bytes.Buffer
	b.WriteString("# ttsbench report\n\n")
	d.writeNotes(&b)
	d.writeCounts(&b)

	b.WriteString("## Model Performance\n\n")
	d.writeTable(&b)
	b.WriteString("## Key Insights\n\n")
	d.writeInsights(&b)
	b.WriteString("## Environment\n\n")
	d.writeEnvironment(&b)
	b.WriteString("## Charts\n\n")
	d.writeCharts(&b, "")

	b.WriteString("## Files\n\n")
	fmt.Fprintf(&b, "- [%s](%s): one row per measured request, the source of every number above.\n", CSVFileName, CSVFileName)
	fmt.Fprintf(&b, "- [%s](%s): median, 95th percentile, minimum, maximum and standard deviation per variant, voice, prompt and cache outcome.\n", SummaryFileName, SummaryFileName)
	fmt.Fprintf(&b, "- [%s](%s): the environment, the rows and the summary.\n", ResultsFileName, ResultsFileName)
	b.WriteString("\nThe columns, their units and how each is measured are described in docs/metrics.md of the ttsbench repository. " +
		"`ttsbench report DIR` renders this report again from the CSV.\n")
	return b.Bytes()
}

// renderSection returns the README section. Links point into the run
// directory through runLink, a slash-separated path relative to the README.
func renderSection(d document, runLink string) []byte {
	var b bytes.Buffer
	d.writeNotes(&b)
	fmt.Fprintf(&b, "Measured by `ttsbench run`")
	if d.env != nil && d.env.CPUModel != "" {
		fmt.Fprintf(&b, " on %s", mdEscape(d.env.CPUModel))
	}
	if d.env != nil && !d.env.StartedAt.IsZero() {
		fmt.Fprintf(&b, ", %s", d.env.StartedAt.UTC().Format(time.DateOnly))
	}
	fmt.Fprintf(&b, ". Full report: [%s](%s).\n\n", ReportFileName, joinLink(runLink, ReportFileName))

	b.WriteString("### Model Performance\n\n")
	d.writeTable(&b)
	b.WriteString("### Key Insights\n\n")
	d.writeInsights(&b)
	b.WriteString("### Charts\n\n")
	d.writeCharts(&b, runLink)
	return b.Bytes()
}

// writeNotes writes the warnings that must precede any number.
func (d document) writeNotes(b *bytes.Buffer) {
	switch {
	case d.env == nil:
		b.WriteString("> **Environment unknown.** results.json was missing when this report was rendered from the CSV, " +
			"so the machine, the model files and whether the model was the generated stand-in are unknown.\n\n")
	case d.env.StandIn:
		b.WriteString("> **Stand-in model: these numbers are not Kokoro's.** This run used the generated stand-in model, " +
			"which has Kokoro's inputs and outputs but no trained weights. Its audio is not speech, and every number " +
			"below measures the stand-in, not a real text-to-speech model.\n\n")
	}
	if d.partial {
		b.WriteString("> **Partial run.** The run was interrupted before it finished, for example with Ctrl-C, " +
			"so the numbers cover only the requests that completed.\n\n")
	}
	if d.torn != nil {
		fmt.Fprintf(b, "> **Incomplete last line.** Line %d of %s was cut off while it was being written "+
			"and is left out (%d bytes).\n\n", d.torn.line, CSVFileName, d.torn.bytes)
	}
}

func (d document) writeCounts(b *bytes.Buffer) {
	a := d.analysis
	fmt.Fprintf(b, "Requests measured (warm-ups excluded): %d, of which %d ok and %d failed; %d of the ok requests were cache hits.\n\n",
		a.requests, a.requests-a.failed, a.failed, a.hits)
}

func (d document) writeTable(b *bytes.Buffer) {
	a := d.analysis
	if len(a.variants) == 0 {
		b.WriteString("No request was measured.\n\n")
		return
	}
	b.WriteString("| Variant | Runs | Median RTF | Median TTFA (ms) | Median CPU (%) | Peak RSS (MiB) | Load time (ms) |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, v := range a.variants {
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s |\n",
			mdEscape(v.name), v.modelRuns,
			cell(v.rtf, formatRTF), cell(v.ttfa, showMillis), cell(v.cpu, formatOne),
			cell(v.rssPeak, formatOne), cell(v.load, showMillis))
	}
	b.WriteString("\nRuns counts the successful requests that ran the model, which are cache misses and bypasses. " +
		"The medians and the peak RSS cover those requests over all voices and prompts; cache hits are compared under Key Insights. " +
		"RTF is total time over audio duration, CPU is the process's CPU time over wall time summed over all cores, " +
		"and the load time is not part of any request. A dash marks a value with no measurement.\n\n")
}

func (d document) writeInsights(b *bytes.Buffer) {
	a := d.analysis

	// Fastest and slowest variant by median RTF.
	fastest, slowest, ok := a.fastestAndSlowest()
	withRTF := 0
	for _, v := range a.variants {
		if v.rtf.ok {
			withRTF++
		}
	}
	switch {
	case !ok:
		b.WriteString("- **Fastest variant:** no variant has a successful model run, so there is no RTF to compare.\n")
	case withRTF == 1:
		fmt.Fprintf(b, "- **Fastest variant:** only %s has a median RTF (%s), so there is nothing to compare.\n",
			mdEscape(fastest.name), formatRTF(fastest.rtf.value))
	case fastest.rtf.value == slowest.rtf.value:
		fmt.Fprintf(b, "- **Fastest variant:** all %d variants with a median RTF have the same one, %s.\n",
			withRTF, formatRTF(fastest.rtf.value))
	default:
		lower := (slowest.rtf.value - fastest.rtf.value) / slowest.rtf.value * 100
		fmt.Fprintf(b, "- **Fastest variant:** %s, with a median RTF of %s. The slowest, %s, has %s, which is %s times as high; "+
			"%s's median RTF is %s%% lower.\n",
			mdEscape(fastest.name), formatRTF(fastest.rtf.value), mdEscape(slowest.name), formatRTF(slowest.rtf.value),
			formatRatio(slowest.rtf.value/fastest.rtf.value), mdEscape(fastest.name), formatPercent(lower))
	}

	// Cache hits against misses.
	if a.hits == 0 {
		b.WriteString("- **Cache impact:** no request was a cache hit, so this run does not measure the cache impact.\n")
	}
	for _, c := range a.cache {
		if a.hits == 0 {
			break
		}
		if !c.hitTTFA.ok || !c.missTTFA.ok || c.missTTFA.value <= 0 {
			fmt.Fprintf(b, "- **Cache impact, %s:** %s and %s with a time to first audio, so there is nothing to compare.\n",
				mdEscape(c.variant), count(c.hits, "cache hit", "cache hits"), count(c.misses, "cache miss", "cache misses"))
			continue
		}
		change, direction := c.lowerPercent(), "lower"
		if change < 0 {
			change, direction = -change, "higher"
		}
		fmt.Fprintf(b, "- **Cache impact, %s:** the median time to first audio of cache hits is %s ms against %s ms for cache misses, "+
			"%s%% %s (%s, %s).\n",
			mdEscape(c.variant), showMillis(c.hitTTFA.value), showMillis(c.missTTFA.value), formatPercent(change), direction,
			count(c.hits, "hit", "hits"), count(c.misses, "miss", "misses"))
	}

	// Spread between voices.
	if len(a.voiceSpread) == 0 {
		b.WriteString("- **Voice spread:** no variant has model runs with a time to first audio for two or more voices.\n")
	}
	for _, s := range a.voiceSpread {
		fmt.Fprintf(b, "- **Voice spread, %s:** the median time to first audio per voice ranges from %s ms (%s) to %s ms (%s), "+
			"a spread of %s%% of the variant's median, %s ms, over %d voices.\n",
			mdEscape(s.variant), showMillis(s.fastestMedian), mdEscape(s.fastest), showMillis(s.slowestMedian), mdEscape(s.slowest),
			formatPercent(s.spreadPercent()), showMillis(s.variantMedian), s.voices)
	}

	// Variants whose medians rest on few runs.
	for _, v := range a.variants {
		if v.modelRuns > 0 && v.modelRuns < smallSample {
			fmt.Fprintf(b, "- **Sample size, %s:** only %s, so its medians are rough.\n",
				mdEscape(v.name), count(v.modelRuns, "successful model run", "successful model runs"))
		}
	}

	// Failed requests and their errors.
	if a.failed == 0 {
		fmt.Fprintf(b, "- **Failed requests:** none of the %d requests failed.\n", a.requests)
	} else {
		fmt.Fprintf(b, "- **Failed requests:** %d of the %d requests failed (%s%%):\n",
			a.failed, a.requests, formatPercent(float64(a.failed)/float64(a.requests)*100))
		for _, f := range a.failures {
			fmt.Fprintf(b, "  - %s, %d × %s\n", mdEscape(f.variant), f.count, mdEscape(truncate(f.message, maxErrorRunes)))
		}
	}
	b.WriteString("\n")
}

func (d document) writeEnvironment(b *bytes.Buffer) {
	env := d.env
	if env == nil {
		b.WriteString("Unknown: results.json was missing when this report was rendered.\n\n")
		return
	}
	orUnknown := func(s string) string {
		if s == "" {
			return "unknown"
		}
		return mdEscape(s)
	}
	threads := "ONNX Runtime default"
	if env.IntraOpThreads > 0 {
		threads = strconv.Itoa(env.IntraOpThreads)
	}
	cores := "unknown"
	if env.LogicalCores > 0 {
		cores = strconv.Itoa(env.LogicalCores)
	}
	standIn := "no, real weights"
	if env.StandIn {
		standIn = "**yes: generated stand-in, audio is not speech**"
	}

	b.WriteString("| Item | Value |\n| --- | --- |\n")
	fmt.Fprintf(b, "| CPU | %s |\n", orUnknown(env.CPUModel))
	fmt.Fprintf(b, "| Logical cores | %s |\n", cores)
	fmt.Fprintf(b, "| OS | %s |\n", orUnknown(env.OS))
	fmt.Fprintf(b, "| Kernel | %s |\n", orUnknown(env.Kernel))
	fmt.Fprintf(b, "| Go | %s |\n", orUnknown(env.GoVersion))
	fmt.Fprintf(b, "| ONNX Runtime | %s |\n", orUnknown(env.ORTVersion))
	fmt.Fprintf(b, "| Intra-op threads | %s |\n", threads)
	fmt.Fprintf(b, "| ttsbench revision | %s |\n", orUnknown(env.Revision))
	fmt.Fprintf(b, "| Model folder | %s |\n", orUnknown(env.ModelDir))
	fmt.Fprintf(b, "| Stand-in model | %s |\n", standIn)
	fmt.Fprintf(b, "| Started | %s |\n", formatTime(env.StartedAt))
	fmt.Fprintf(b, "| Finished | %s |\n", formatTime(env.FinishedAt))
	if !env.StartedAt.IsZero() && !env.FinishedAt.IsZero() {
		fmt.Fprintf(b, "| Duration | %s |\n", env.FinishedAt.Sub(env.StartedAt).Round(time.Second))
	}
	fmt.Fprintf(b, "| Command line | %s |\n", commandLine(env.CommandLine))
	for _, s := range env.Settings {
		fmt.Fprintf(b, "| Setting: %s | %s |\n", mdEscape(s.Name), mdEscape(s.Value))
	}
	b.WriteString("\n")

	if len(env.ModelFiles) > 0 {
		b.WriteString("| Model file | Size (bytes) | SHA-256 |\n| --- | ---: | --- |\n")
		for _, f := range env.ModelFiles {
			fmt.Fprintf(b, "| %s | %d | %s |\n", mdEscape(f.Name), f.SizeBytes, mdEscape(f.SHA256))
		}
		b.WriteString("\n")
	}
}

// writeCharts writes the chart images and links, with paths relative to
// the Markdown file through runLink.
func (d document) writeCharts(b *bytes.Buffer, runLink string) {
	if len(d.charts) == 0 {
		b.WriteString("No charts were drawn.\n\n")
		return
	}
	for _, c := range d.charts {
		if c.skipped != "" {
			fmt.Fprintf(b, "- %s: not drawn, because %s.\n\n", c.name, c.skipped)
			continue
		}
		png := joinLink(runLink, ChartsDir, c.name+".png")
		svg := joinLink(runLink, ChartsDir, c.name+".svg")
		fmt.Fprintf(b, "- %s ([SVG](%s))\n\n  ![%s](%s)\n\n", c.name, svg, c.alt, png)
	}
}

// cell formats an optional value for a table, with a dash when missing.
func cell(v optional, format func(float64) string) string {
	if !v.ok {
		return "–"
	}
	return format(v.value)
}

// count returns n followed by the singular or plural noun.
func count(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(n) + " " + plural
}

func formatOne(v float64) string   { return strconv.FormatFloat(v, 'f', 1, 64) }
func formatRatio(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// significant formats v with enough decimals, from minDecimals to
// maxDecimals, to show three significant digits.
func significant(v float64, minDecimals, maxDecimals int) string {
	decimals := minDecimals
	if v > 0 {
		decimals = min(maxDecimals, max(minDecimals, 2-int(math.Floor(math.Log10(v)))))
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// formatRTF shows small RTFs with three significant digits.
func formatRTF(v float64) string { return significant(v, 3, 6) }

// showMillis formats milliseconds with one decimal, or with up to three, the
// CSV's resolution, for values below 10 ms such as cache hits.
func showMillis(v float64) string { return significant(v, 1, 3) }

// formatPercent shows one decimal, and more where one decimal would round
// a share that is not exactly 0 or 100 to "0.0" or "100.0".
func formatPercent(v float64) string {
	s := formatOne(v)
	for decimals := 2; decimals <= 4; decimals++ {
		shown, _ := strconv.ParseFloat(s, 64)
		if (shown != 0 || v == 0) && (math.Abs(shown) != 100 || math.Abs(v) == 100) {
			break
		}
		s = strconv.FormatFloat(v, 'f', decimals, 64)
	}
	return s
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format(time.RFC3339)
}

// commandLine formats args as a code span, quoting arguments that contain
// spaces or quotes.
func commandLine(args []string) string {
	if len(args) == 0 {
		return "unknown"
	}
	quoted := make([]string, len(args))
	for i, arg := range args {
		if arg == "" || strings.ContainsAny(arg, " \t\n\"'\\|") {
			arg = strconv.Quote(arg)
		}
		quoted[i] = arg
	}
	return codeSpan(strings.Join(quoted, " "))
}

// codeSpan returns s as a Markdown code span that is safe in a table cell.
func codeSpan(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + " " + s + " " + fence
}

// mdEscape returns s as plain Markdown text on one line: runs of white
// space become one space and every punctuation mark that Markdown or
// HTML could interpret is escaped with a backslash.
func mdEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#~&$!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// truncate shortens s to at most n runes, marking the cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + " … (cut; the full message is in " + CSVFileName + ")"
}

// joinLink joins slash-separated link segments and escapes each for use as
// a Markdown link destination.
func joinLink(parts ...string) string {
	var segments []string
	for _, part := range parts {
		for _, seg := range strings.Split(part, "/") {
			if seg != "" {
				segments = append(segments, url.PathEscape(seg))
			}
		}
	}
	return strings.Join(segments, "/")
}
