package report

import (
	"math"
	"slices"
	"time"
)

// Stats describes the values of one metric over a group of rows, in the
// metric's output unit (milliseconds, a ratio, percent or MiB).
//
// Percentiles use linear interpolation between closest ranks, the method
// that NumPy's percentile uses by default, Excel calls PERCENTILE.INC and
// Hyndman and Fan number 7: for n sorted values x[0..n-1] the p-th
// percentile sits at rank h = (n-1)*p/100, and its value is
// x[floor(h)] + (h-floor(h))*(x[floor(h)+1]-x[floor(h)]). The median is the
// 50th percentile, which is the usual median.
type Stats struct {
	// N is the number of values. The other fields are valid only when N > 0.
	N int
	// Median is the 50th percentile.
	Median float64
	// P95 is the 95th percentile.
	P95 float64
	// Min and Max are the smallest and largest values.
	Min, Max float64
	// StdDev is the sample standard deviation, with n-1 in the denominator.
	// It is valid only when N > 1.
	StdDev float64
}

// describe returns the Stats of values. It sorts values in place.
func describe(values []float64) Stats {
	n := len(values)
	if n == 0 {
		return Stats{}
	}
	slices.Sort(values)

	s := Stats{
		N:      n,
		Median: percentile(values, 50),
		P95:    percentile(values, 95),
		Min:    values[0],
		Max:    values[n-1],
	}
	if n > 1 {
		var mean float64
		for _, v := range values {
			mean += v
		}
		mean /= float64(n)
		var squares float64
		for _, v := range values {
			squares += (v - mean) * (v - mean)
		}
		s.StdDev = math.Sqrt(squares / float64(n-1))
	}
	return s
}

// percentile returns the p-th percentile (0 <= p <= 100) of sorted, a
// non-empty ascending slice, by linear interpolation between closest ranks.
func percentile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p / 100
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// median returns the median of values without changing values, and false
// when values is empty.
func median(values []float64) (float64, bool) {
	if len(values) == 0 {
		return 0, false
	}
	return percentile(slices.Sorted(slices.Values(values)), 50), true
}

// A metric is a per-row value that the summary, the report and the charts
// aggregate. Only successful rows have metric values.
type metric struct {
	column   string // CSV column name, also the prefix of summary columns
	decimals int    // decimals written to summary.csv
	value    func(Row) (float64, bool)
}

var (
	metricTTFA = metric{"ttfa_ms", 3, func(r Row) (float64, bool) {
		return millis(r.TTFA), r.Status == StatusOK && r.TTFA > 0
	}}
	metricTotal = metric{"total_ms", 3, func(r Row) (float64, bool) {
		return millis(r.Total), r.Status == StatusOK && r.Total > 0
	}}
	metricRTF = metric{"rtf", 6, func(r Row) (float64, bool) {
		return r.RTF()
	}}
	metricCPU = metric{"cpu_percent", 3, func(r Row) (float64, bool) {
		v, ok := r.CPUPercent()
		return v, ok && r.Status == StatusOK
	}}
	metricRSS = metric{"rss_peak_mb", 3, func(r Row) (float64, bool) {
		return float64(r.RSSPeakBytes) / mebibyte, r.Status == StatusOK && r.RSSPeakBytes > 0
	}}

	// summaryMetrics are the metrics of summary.csv, in column order.
	summaryMetrics = []metric{metricTTFA, metricTotal, metricRTF, metricCPU, metricRSS}
)

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// values returns the values of m over rows that have one.
func (m metric) values(rows []Row) []float64 {
	var vs []float64
	for _, r := range rows {
		if v, ok := m.value(r); ok {
			vs = append(vs, v)
		}
	}
	return vs
}
