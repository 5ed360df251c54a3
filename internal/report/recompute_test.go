package report

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// This file checks that every number in the Model Performance table and
// the Key Insights of report.md can be recomputed from
// benchmark_results.csv. It reads the CSV with encoding/csv and computes
// medians with its own code, using the rtf and cpu_percent columns that the
// package itself does not read back.

// csvTable is benchmark_results.csv as plain strings.
type csvTable struct {
	index   map[string]int
	records [][]string
}

func loadCSVTable(t *testing.T, path string) csvTable {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	table := csvTable{index: map[string]int{}, records: all[1:]}
	for i, name := range all[0] {
		table.index[name] = i
	}
	return table
}

func (c csvTable) field(record []string, column string) string { return record[c.index[column]] }

// numbers returns the non-blank values of column over the records that
// keep accepts.
func (c csvTable) numbers(t *testing.T, column string, keep func([]string) bool) []float64 {
	t.Helper()
	var out []float64
	for _, r := range c.records {
		if !keep(r) || c.field(r, column) == "" {
			continue
		}
		v, err := strconv.ParseFloat(c.field(r, column), 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// plainMedian is the textbook median: the middle value, or the mean of the
// two middle values.
func plainMedian(values []float64) float64 {
	s := slices.Sorted(slices.Values(values))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// numberChecker compares numbers shown in Markdown with recomputed values
// and counts the checks, so that a test can tell whether a section shows a
// number that nothing checked.
type numberChecker struct {
	t       *testing.T
	checked int
}

// close checks that shown, a decimal as printed, is want rounded to the
// printed decimals.
func (c *numberChecker) close(label, shown string, want float64) {
	c.t.Helper()
	c.checked++
	got, err := strconv.ParseFloat(shown, 64)
	if err != nil {
		c.t.Errorf("%s: %q is not a number", label, shown)
		return
	}
	decimals := 0
	if i := strings.IndexByte(shown, '.'); i >= 0 {
		decimals = len(shown) - i - 1
	}
	tolerance := 0.5*math.Pow(10, -float64(decimals)) + 1e-6*math.Max(1, math.Abs(want))
	if math.Abs(got-want) > tolerance {
		c.t.Errorf("%s: report shows %s, CSV gives %.6f", label, shown, want)
	}
}

// exact checks an integer.
func (c *numberChecker) exact(label, shown string, want int) {
	c.t.Helper()
	c.checked++
	if shown != strconv.Itoa(want) {
		c.t.Errorf("%s: report shows %s, CSV gives %d", label, shown, want)
	}
}

// numberPattern matches numbers that are not part of a name such as fp32.
var numberPattern = regexp.MustCompile(`(?:^|[^\w\\.])(\d+(?:\.\d+)?)`)

func countNumbers(text string) int { return len(numberPattern.FindAllString(text, -1)) }

// markdownSection returns the text under the heading with the given title,
// at any level, up to the next heading of any level.
func markdownSection(t *testing.T, markdown, title string) string {
	t.Helper()
	var (
		out     []string
		inside  bool
		matched bool
	)
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(line, "#") {
			inside = strings.TrimSpace(strings.TrimLeft(line, "#")) == title
			matched = matched || inside
			continue
		}
		if inside {
			out = append(out, line)
		}
	}
	if !matched {
		t.Fatalf("no section %q in:\n%s", title, markdown)
	}
	return strings.Join(out, "\n")
}

// verifyNumbers checks the Model Performance table and the Key Insights of
// markdown against the CSV at csvPath.
func verifyNumbers(t *testing.T, csvPath, markdown string) {
	t.Helper()
	table := loadCSVTable(t, csvPath)
	var (
		isOK      = func(r []string) bool { return table.field(r, "status") == "ok" }
		ranModel  = func(r []string) bool { return isOK(r) && table.field(r, "cache_status") != "hit" }
		ofVariant = func(v string, keep func([]string) bool) func([]string) bool {
			return func(r []string) bool { return table.field(r, "variant") == v && keep(r) }
		}
		variants []string
	)
	for _, r := range table.records {
		if v := table.field(r, "variant"); !slices.Contains(variants, v) {
			variants = append(variants, v)
		}
	}

	// The request counts above the table, in report.md only.
	countsPattern := regexp.MustCompile(`Requests measured \(warm-ups excluded\): (\d+), of which (\d+) ok and (\d+) failed; (\d+) of the ok requests were cache hits\.`)
	if m := countsPattern.FindStringSubmatch(markdown); m != nil {
		counts := &numberChecker{t: t}
		ok := table.numbers(t, "repetition", isOK)
		hits := table.numbers(t, "repetition", func(r []string) bool { return isOK(r) && table.field(r, "cache_status") == "hit" })
		counts.exact("requests", m[1], len(table.records))
		counts.exact("ok requests", m[2], len(ok))
		counts.exact("failed requests", m[3], len(table.records)-len(ok))
		counts.exact("cache hits", m[4], len(hits))
	} else if strings.HasPrefix(markdown, "# ttsbench report") {
		t.Errorf("report.md has no request counts")
	}

	// Model Performance.
	perf := markdownSection(t, markdown, "Model Performance")
	check := &numberChecker{t: t}
	medianRTF := map[string]float64{}
	for _, v := range variants {
		line := findLine(t, perf, "| "+mdEscape(v)+" |")
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		runs := table.numbers(t, "total_ms", ofVariant(v, ranModel))
		check.exact(v+" runs", cells[1], len(runs))

		columns := []struct {
			label  string
			cell   string
			values []float64
			reduce func([]float64) float64
		}{
			{"median RTF", cells[2], table.numbers(t, "rtf", ofVariant(v, ranModel)), plainMedian},
			{"median TTFA", cells[3], table.numbers(t, "ttfa_ms", ofVariant(v, ranModel)), plainMedian},
			{"median CPU", cells[4], table.numbers(t, "cpu_percent", ofVariant(v, ranModel)), plainMedian},
			{"peak RSS", cells[5], table.numbers(t, "rss_peak_mb", ofVariant(v, ranModel)), slices.Max[[]float64]},
			{"load time", cells[6], table.numbers(t, "load_ms", ofVariant(v, func([]string) bool { return true })), slices.Max[[]float64]},
		}
		for _, col := range columns {
			if len(col.values) == 0 {
				if col.cell != "–" {
					t.Errorf("%s %s: report shows %s, CSV has no value", v, col.label, col.cell)
				}
				continue
			}
			check.close(v+" "+col.label, col.cell, col.reduce(col.values))
		}
		if rtf := table.numbers(t, "rtf", ofVariant(v, ranModel)); len(rtf) > 0 {
			medianRTF[v] = plainMedian(rtf)
		}
	}
	if n := countNumbers(perf); n != check.checked {
		t.Errorf("Model Performance shows %d numbers, the test checked %d:\n%s", n, check.checked, perf)
	}

	// Key Insights.
	insights := markdownSection(t, markdown, "Key Insights")
	check = &numberChecker{t: t}

	if m := regexp.MustCompile(`\*\*Fastest variant:\*\* (\S+), with a median RTF of ([\d.]+)\. The slowest, (\S+), has ([\d.]+), which is ([\d.]+) times as high; \S+'s median RTF is ([\d.]+)% lower\.`).FindStringSubmatch(insights); m != nil {
		fastest, slowest := unescapeMarkdown(m[1]), unescapeMarkdown(m[3])
		for v, rtf := range medianRTF {
			if rtf < medianRTF[fastest] || rtf > medianRTF[slowest] {
				t.Errorf("variant %s (median RTF %.6f) lies outside fastest %s and slowest %s", v, rtf, fastest, slowest)
			}
		}
		check.close("fastest RTF", m[2], medianRTF[fastest])
		check.close("slowest RTF", m[4], medianRTF[slowest])
		check.close("RTF ratio", m[5], medianRTF[slowest]/medianRTF[fastest])
		check.close("RTF lower", m[6], (medianRTF[slowest]-medianRTF[fastest])/medianRTF[slowest]*100)
	} else if m := regexp.MustCompile(`only (\S+) has a median RTF \(([\d.]+)\)`).FindStringSubmatch(insights); m != nil {
		check.close("only RTF", m[2], medianRTF[unescapeMarkdown(m[1])])
	} else if m := regexp.MustCompile(`all (\d+) variants with a median RTF have the same one, ([\d.]+)\.`).FindStringSubmatch(insights); m != nil {
		check.exact("variants with RTF", m[1], len(medianRTF))
		check.close("common RTF", m[2], medianRTF[variants[0]])
		for v, rtf := range medianRTF {
			if rtf != medianRTF[variants[0]] {
				t.Errorf("report says all median RTFs are equal, but %s has %.6f", v, rtf)
			}
		}
	}

	cachePattern := regexp.MustCompile(`\*\*Cache impact, (\S+):\*\* the median time to first audio of cache hits is ([\d.]+) ms against ([\d.]+) ms for cache misses, ([\d.]+)% (lower|higher) \((\d+) hits?, (\d+) miss(?:es)?\)`)
	for _, m := range cachePattern.FindAllStringSubmatch(insights, -1) {
		v := unescapeMarkdown(m[1])
		hits := table.numbers(t, "ttfa_ms", ofVariant(v, func(r []string) bool { return isOK(r) && table.field(r, "cache_status") == "hit" }))
		misses := table.numbers(t, "ttfa_ms", ofVariant(v, func(r []string) bool { return isOK(r) && table.field(r, "cache_status") == "miss" }))
		change := (plainMedian(misses) - plainMedian(hits)) / plainMedian(misses) * 100
		if m[5] == "higher" {
			change = -change
		}
		check.close(v+" hit TTFA", m[2], plainMedian(hits))
		check.close(v+" miss TTFA", m[3], plainMedian(misses))
		check.close(v+" cache change", m[4], change)
		check.exact(v+" hits", m[6], len(hits))
		check.exact(v+" misses", m[7], len(misses))
	}
	noCompare := regexp.MustCompile(`\*\*Cache impact, (\S+):\*\* (\d+) cache hits? and (\d+) cache miss(?:es)? `)
	for _, m := range noCompare.FindAllStringSubmatch(insights, -1) {
		v := unescapeMarkdown(m[1])
		check.exact(v+" hits", m[2], len(table.numbers(t, "ttfa_ms", ofVariant(v, func(r []string) bool { return isOK(r) && table.field(r, "cache_status") == "hit" }))))
		check.exact(v+" misses", m[3], len(table.numbers(t, "ttfa_ms", ofVariant(v, func(r []string) bool { return isOK(r) && table.field(r, "cache_status") == "miss" }))))
	}

	spreadPattern := regexp.MustCompile(`\*\*Voice spread, (\S+):\*\* the median time to first audio per voice ranges from ([\d.]+) ms \((\S+)\) to ([\d.]+) ms \((\S+)\), a spread of ([\d.]+)% of the variant's median, ([\d.]+) ms, over (\d+) voices`)
	for _, m := range spreadPattern.FindAllStringSubmatch(insights, -1) {
		v := unescapeMarkdown(m[1])
		voiceMedian := map[string]float64{}
		for _, r := range table.records {
			voice := table.field(r, "voice")
			if _, done := voiceMedian[voice]; done {
				continue
			}
			values := table.numbers(t, "ttfa_ms", ofVariant(v, func(r []string) bool { return ranModel(r) && table.field(r, "voice") == voice }))
			if len(values) > 0 {
				voiceMedian[voice] = plainMedian(values)
			}
		}
		all := plainMedian(table.numbers(t, "ttfa_ms", ofVariant(v, ranModel)))
		fastest, slowest := voiceMedian[unescapeMarkdown(m[3])], voiceMedian[unescapeMarkdown(m[5])]
		for voice, median := range voiceMedian {
			if median < fastest || median > slowest {
				t.Errorf("%s voice %s (median %.3f) lies outside the reported range", v, voice, median)
			}
		}
		check.close(v+" fastest voice", m[2], fastest)
		check.close(v+" slowest voice", m[4], slowest)
		check.close(v+" spread", m[6], (slowest-fastest)/all*100)
		check.close(v+" variant median", m[7], all)
		check.exact(v+" voices", m[8], len(voiceMedian))
	}

	samplePattern := regexp.MustCompile(`\*\*Sample size, (\S+):\*\* only (\d+) successful model runs?,`)
	for _, m := range samplePattern.FindAllStringSubmatch(insights, -1) {
		v := unescapeMarkdown(m[1])
		check.exact(v+" sample size", m[2], len(table.numbers(t, "total_ms", ofVariant(v, ranModel))))
	}

	var failed []string
	for _, r := range table.records {
		if !isOK(r) {
			failed = append(failed, table.field(r, "variant")+"\x00"+table.field(r, "error"))
		}
	}
	if m := regexp.MustCompile(`\*\*Failed requests:\*\* (\d+) of the (\d+) requests failed \(([\d.]+)%\)`).FindStringSubmatch(insights); m != nil {
		check.exact("failed", m[1], len(failed))
		check.exact("requests", m[2], len(table.records))
		check.close("failed percent", m[3], float64(len(failed))/float64(len(table.records))*100)
		for _, m := range regexp.MustCompile(`(?m)^  - (\S+), (\d+) × (.*)$`).FindAllStringSubmatch(insights, -1) {
			key := unescapeMarkdown(m[1]) + "\x00" + unescapeMarkdown(m[3])
			count := 0
			for _, f := range failed {
				if f == key {
					count++
				}
			}
			check.exact("failures "+m[3], m[2], count)
		}
	} else if m := regexp.MustCompile(`\*\*Failed requests:\*\* none of the (\d+) requests failed`).FindStringSubmatch(insights); m != nil {
		check.exact("requests", m[1], len(table.records))
		if len(failed) != 0 {
			t.Errorf("report says none failed, CSV has %d failed rows", len(failed))
		}
	} else {
		t.Errorf("Key Insights has no line on failed requests:\n%s", insights)
	}

	// Error messages are data, not computed numbers.
	countable := regexp.MustCompile(`(?m)^(  - \S+, \d+ ×).*$`).ReplaceAllString(insights, "$1")
	if n := countNumbers(countable); n != check.checked {
		t.Errorf("Key Insights shows %d numbers, the test checked %d:\n%s", n, check.checked, insights)
	}
}

func findLine(t *testing.T, text, prefix string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	t.Fatalf("no line starting with %q in:\n%s", prefix, text)
	return ""
}

// unescapeMarkdown undoes mdEscape for text without line breaks.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	escaped := false
	for _, r := range s {
		if r == '\\' && !escaped {
			escaped = true
			continue
		}
		escaped = false
		b.WriteRune(r)
	}
	return b.String()
}

func TestReportNumbersRecomputeFromCSV(t *testing.T) {
	t.Parallel()

	// The fixture has two variants, cache hits, misses and bypasses, two
	// voices and two failed rows.
	t.Run("fixture", func(t *testing.T) {
		t.Parallel()
		dir := newRunDir(t)
		if err := Render(dir, WithEnv(fixtureEnv())); err != nil {
			t.Fatal(err)
		}
		verifyNumbers(t, filepath.Join(dir, CSVFileName), string(readOutput(t, dir, ReportFileName)))
	})

	// One variant, one voice, no cache hits, with a failure, and a hit
	// row slower than the misses of a second variant with no misses.
	t.Run("single_variant_no_hits", func(t *testing.T) {
		t.Parallel()
		var rows []Row
		for i := 1; i <= 3; i++ {
			r := sampleRow()
			r.Repetition, r.CacheStatus = i, CacheBypass
			r.Total += time.Duration(i) * 7 * time.Millisecond
			rows = append(rows, r)
		}
		failed := sampleRow()
		failed.Repetition, failed.Status, failed.Error = 4, StatusFailed, "engine: closed | *bold* [link](x) <b>"
		failed.TTFA, failed.Audio = 0, 0
		rows = append(rows, failed)
		dir := writeRunDir(t, rows)
		if err := Render(dir); err != nil {
			t.Fatal(err)
		}
		verifyNumbers(t, filepath.Join(dir, CSVFileName), string(readOutput(t, dir, ReportFileName)))
	})

	// Hits slower than misses, and a variant with hits but no misses.
	t.Run("slow_hits", func(t *testing.T) {
		t.Parallel()
		var rows []Row
		for i, cache := range []CacheStatus{CacheMiss, CacheHit, CacheHit} {
			r := sampleRow()
			r.Repetition, r.CacheStatus = i+1, cache
			if cache == CacheHit {
				r.TTFA += 50 * time.Millisecond
			}
			rows = append(rows, r)
			other := r
			other.Variant = "model_q4"
			if cache == CacheMiss {
				other.CacheStatus = CacheBypass
			}
			rows = append(rows, other)
		}
		dir := writeRunDir(t, rows)
		if err := Render(dir); err != nil {
			t.Fatal(err)
		}
		verifyNumbers(t, filepath.Join(dir, CSVFileName), string(readOutput(t, dir, ReportFileName)))
	})
}
