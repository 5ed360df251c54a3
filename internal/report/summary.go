package report

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strconv"
)

// SummaryFileName is the name of the statistics file in a run directory.
const SummaryFileName = "summary.csv"

// Summary holds the statistics of one variant, voice, prompt and cache
// status. Statistics cover successful rows only.
type Summary struct {
	// Variant, Voice, PromptID and CacheStatus identify the group.
	Variant     string
	Voice       string
	PromptID    string
	CacheStatus CacheStatus
	// N is the number of successful rows in the group.
	N int
	// Failed is the number of failed rows in the group.
	Failed int
	// TTFAMillis is the time to first audio, in milliseconds.
	TTFAMillis Stats
	// TotalMillis is the total request time, in milliseconds.
	TotalMillis Stats
	// RTF is the real-time factor, total time over audio duration.
	RTF Stats
	// CPUPercent is process CPU time over wall time, in percent.
	CPUPercent Stats
	// RSSPeakMiB is the peak resident set size, in MiB.
	RSSPeakMiB Stats
}

// stats returns the Stats of the summary's metrics, in summaryMetrics order.
func (s *Summary) stats() []*Stats {
	return []*Stats{&s.TTFAMillis, &s.TotalMillis, &s.RTF, &s.CPUPercent, &s.RSSPeakMiB}
}

// cacheOrder sorts cache outcomes: model runs first, then hits.
var cacheOrder = map[CacheStatus]int{CacheMiss: 0, CacheBypass: 1, CacheHit: 2, CacheUnknown: 3}

// Summarize groups rows by variant, voice, prompt id and cache status and
// returns the statistics of each group. Groups follow the order in which
// their variant, voice and prompt first appear in rows, and within those
// the cache outcomes miss, bypass, hit and unknown.
func Summarize(rows []Row) []Summary {
	type key struct {
		variant, voice, prompt string
		cache                  CacheStatus
	}
	var (
		variants = firstSeen(rows, func(r Row) string { return r.Variant })
		voices   = firstSeen(rows, func(r Row) string { return r.Voice })
		prompts  = firstSeen(rows, func(r Row) string { return r.PromptID })
		groups   = map[key][]Row{}
		keys     []key
	)
	for _, r := range rows {
		k := key{r.Variant, r.Voice, r.PromptID, r.CacheStatus}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(
			cmp.Compare(variants[a.variant], variants[b.variant]),
			cmp.Compare(voices[a.voice], voices[b.voice]),
			cmp.Compare(prompts[a.prompt], prompts[b.prompt]),
			cmp.Compare(cacheOrder[a.cache], cacheOrder[b.cache]),
		)
	})

	summaries := make([]Summary, 0, len(keys))
	for _, k := range keys {
		group := groups[k]
		s := Summary{Variant: k.variant, Voice: k.voice, PromptID: k.prompt, CacheStatus: k.cache}
		for _, r := range group {
			if r.Status == StatusOK {
				s.N++
			} else {
				s.Failed++
			}
		}
		for i, st := range s.stats() {
			*st = describe(summaryMetrics[i].values(group))
		}
		summaries = append(summaries, s)
	}
	return summaries
}

// firstSeen maps each distinct key of rows to the position of its first
// appearance.
func firstSeen(rows []Row, keyOf func(Row) string) map[string]int {
	order := map[string]int{}
	for _, r := range rows {
		if _, ok := order[keyOf(r)]; !ok {
			order[keyOf(r)] = len(order)
		}
	}
	return order
}

// summaryHeader returns the header of summary.csv.
func summaryHeader() []string {
	header := []string{"variant", "voice", "prompt_id", "cache_status", "n", "failed"}
	for _, m := range summaryMetrics {
		for _, stat := range []string{"median", "p95", "min", "max", "stddev"} {
			header = append(header, m.column+"_"+stat)
		}
	}
	return header
}

// encodeSummaryCSV returns summary.csv for summaries. A statistic that does
// not exist (no values, or a standard deviation of one value) is blank.
func encodeSummaryCSV(summaries []Summary) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(summaryHeader()); err != nil {
		return nil, err
	}
	for _, s := range summaries {
		record := []string{s.Variant, s.Voice, s.PromptID, string(s.CacheStatus), strconv.Itoa(s.N), strconv.Itoa(s.Failed)}
		for i, st := range s.stats() {
			format := func(v float64, valid bool) string {
				if !valid {
					return ""
				}
				return strconv.FormatFloat(v, 'f', summaryMetrics[i].decimals, 64)
			}
			record = append(record,
				format(st.Median, st.N > 0),
				format(st.P95, st.N > 0),
				format(st.Min, st.N > 0),
				format(st.Max, st.N > 0),
				format(st.StdDev, st.N > 1),
			)
		}
		if err := w.Write(record); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
