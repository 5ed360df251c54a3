package report

import (
	"cmp"
	"slices"
)

// optional is a derived number that may not exist, for example the median
// of no values.
type optional struct {
	value float64
	ok    bool
}

func medianOf(values []float64) optional {
	v, ok := median(values)
	return optional{v, ok}
}

func maxOf(values []float64) optional {
	if len(values) == 0 {
		return optional{}
	}
	return optional{slices.Max(values), true}
}

// variantPerf is one line of the Model Performance table. It covers the
// variant's successful model runs: rows with status ok and any cache outcome
// but a hit, because a hit runs no model.
type variantPerf struct {
	name      string
	modelRuns int      // successful rows that ran the model
	rtf       optional // median RTF
	ttfa      optional // median TTFA, ms
	cpu       optional // median CPU percent
	rssPeak   optional // maximum of rss_peak_mb, MiB
	load      optional // maximum of load_ms over all rows of the variant, ms
}

// cacheImpact compares cache hits with cache misses of one variant.
type cacheImpact struct {
	variant      string
	hits, misses int      // successful hit and miss rows with a TTFA
	hitTTFA      optional // median TTFA of hits, ms
	missTTFA     optional // median TTFA of misses, ms
}

// lowerPercent returns how much lower the hit median is than the miss
// median, in percent of the miss median; negative when hits are slower.
func (c cacheImpact) lowerPercent() float64 {
	return (c.missTTFA.value - c.hitTTFA.value) / c.missTTFA.value * 100
}

// voiceSpread is the spread of per-voice median TTFA within one variant.
type voiceSpread struct {
	variant       string
	fastest       string  // voice with the lowest median
	slowest       string  // voice with the highest median
	fastestMedian float64 // ms
	slowestMedian float64 // ms
	variantMedian float64 // median TTFA over all the variant's model runs, ms
	voices        int     // voices with a median
}

// spreadPercent returns (slowest - fastest) / variant median * 100.
func (v voiceSpread) spreadPercent() float64 {
	return (v.slowestMedian - v.fastestMedian) / v.variantMedian * 100
}

// failureGroup counts failed rows of one variant that share an error message.
type failureGroup struct {
	variant string
	message string
	count   int
}

// analysis holds every number of report.md and of the README section, each
// derived from the rows alone.
type analysis struct {
	rows        []Row
	requests    int // all rows
	failed      int // failed rows
	hits        int // successful cache hits
	variants    []variantPerf
	cache       []cacheImpact // variants with at least one hit or miss
	voiceSpread []voiceSpread // variants with at least two voices
	failures    []failureGroup
}

func analyze(rows []Row) *analysis {
	a := &analysis{rows: rows, requests: len(rows)}
	for _, r := range rows {
		switch {
		case r.Status == StatusFailed:
			a.failed++
		case r.CacheStatus == CacheHit:
			a.hits++
		}
	}

	for _, variant := range distinct(rows, func(r Row) string { return r.Variant }) {
		all := filter(rows, func(r Row) bool { return r.Variant == variant })
		runs := filter(all, func(r Row) bool { return r.Status == StatusOK && r.CacheStatus.RanModel() })

		var loads []float64
		for _, r := range all {
			if r.Load > 0 {
				loads = append(loads, millis(r.Load))
			}
		}
		a.variants = append(a.variants, variantPerf{
			name:      variant,
			modelRuns: len(runs),
			rtf:       medianOf(metricRTF.values(runs)),
			ttfa:      medianOf(metricTTFA.values(runs)),
			cpu:       medianOf(metricCPU.values(runs)),
			rssPeak:   maxOf(metricRSS.values(runs)),
			load:      maxOf(loads),
		})

		hits := metricTTFA.values(filter(all, func(r Row) bool { return r.CacheStatus == CacheHit }))
		misses := metricTTFA.values(filter(all, func(r Row) bool { return r.CacheStatus == CacheMiss }))
		if len(hits)+len(misses) > 0 {
			a.cache = append(a.cache, cacheImpact{
				variant: variant, hits: len(hits), misses: len(misses),
				hitTTFA: medianOf(hits), missTTFA: medianOf(misses),
			})
		}

		if s, ok := spreadOf(variant, runs); ok {
			a.voiceSpread = append(a.voiceSpread, s)
		}
	}

	a.failures = groupFailures(rows)
	return a
}

// spreadOf returns the voice spread of one variant's model runs, and false
// when fewer than two voices have a median TTFA.
func spreadOf(variant string, runs []Row) (voiceSpread, bool) {
	s := voiceSpread{variant: variant}
	for _, voice := range distinct(runs, func(r Row) string { return r.Voice }) {
		m := medianOf(metricTTFA.values(filter(runs, func(r Row) bool { return r.Voice == voice })))
		if !m.ok {
			continue
		}
		s.voices++
		if s.voices == 1 || m.value < s.fastestMedian {
			s.fastest, s.fastestMedian = voice, m.value
		}
		if s.voices == 1 || m.value > s.slowestMedian {
			s.slowest, s.slowestMedian = voice, m.value
		}
	}
	overall := medianOf(metricTTFA.values(runs))
	if s.voices < 2 || !overall.ok || overall.value <= 0 {
		return voiceSpread{}, false
	}
	s.variantMedian = overall.value
	return s, true
}

// fastestAndSlowest returns the variants with the lowest and highest median
// RTF. The first with the extreme value wins a tie. ok is false when no
// variant has a median RTF.
func (a *analysis) fastestAndSlowest() (fastest, slowest variantPerf, ok bool) {
	for _, v := range a.variants {
		if !v.rtf.ok {
			continue
		}
		if !ok || v.rtf.value < fastest.rtf.value {
			fastest = v
		}
		if !ok || v.rtf.value > slowest.rtf.value {
			slowest = v
		}
		ok = true
	}
	return fastest, slowest, ok
}

// groupFailures groups failed rows by variant and error message, the most
// frequent first and then in order of first appearance.
func groupFailures(rows []Row) []failureGroup {
	type key struct{ variant, message string }
	var (
		groups []failureGroup
		index  = map[key]int{}
	)
	for _, r := range rows {
		if r.Status != StatusFailed {
			continue
		}
		k := key{r.Variant, r.Error}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, failureGroup{variant: r.Variant, message: r.Error})
		}
		groups[i].count++
	}
	slices.SortStableFunc(groups, func(a, b failureGroup) int { return cmp.Compare(b.count, a.count) })
	return groups
}

// distinct returns the distinct keys of rows in order of first appearance.
func distinct(rows []Row, keyOf func(Row) string) []string {
	var (
		keys []string
		seen = map[string]bool{}
	)
	for _, r := range rows {
		if k := keyOf(r); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

func filter(rows []Row, keep func(Row) bool) []Row {
	var out []Row
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}
