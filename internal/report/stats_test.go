package report

import (
	"math"
	"path/filepath"
	"testing"
)

func TestDescribeHandComputed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		values []float64
		want   Stats
	}{
		// h = (n-1)*p/100. Five values: the median is x[2]; the p95 rank
		// is 3.8, so 40 + 0.8*(50-40) = 48. Mean 32, squared deviations
		// 289+144+9+64+324 = 830, and sqrt(830/4) = 14.4048603.
		{"five unsorted", []float64{50, 15, 40, 20, 35}, Stats{N: 5, Median: 35, P95: 48, Min: 15, Max: 50, StdDev: 14.404860290887}},
		// Even count: the median rank 1.5 gives (2+3)/2; the p95 rank
		// 2.85 gives 3 + 0.85*1.
		{"four", []float64{1, 2, 3, 4}, Stats{N: 4, Median: 2.5, P95: 3.85, Min: 1, Max: 4, StdDev: 1.290994448736}},
		// Two values: p95 rank 0.95, so 10 + 0.95*10; sqrt(50) deviation.
		{"two", []float64{20, 10}, Stats{N: 2, Median: 15, P95: 19.5, Min: 10, Max: 20, StdDev: 7.071067811865}},
		// One value has no standard deviation.
		{"one", []float64{7}, Stats{N: 1, Median: 7, P95: 7, Min: 7, Max: 7}},
		{"none", nil, Stats{}},
		{"ties", []float64{3, 3, 3}, Stats{N: 3, Median: 3, P95: 3, Min: 3, Max: 3, StdDev: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(tt.values)
			if got.N != tt.want.N {
				t.Fatalf("N = %d, want %d", got.N, tt.want.N)
			}
			for _, f := range []struct {
				name      string
				got, want float64
			}{
				{"Median", got.Median, tt.want.Median},
				{"P95", got.P95, tt.want.P95},
				{"Min", got.Min, tt.want.Min},
				{"Max", got.Max, tt.want.Max},
				{"StdDev", got.StdDev, tt.want.StdDev},
			} {
				if math.Abs(f.got-f.want) > 1e-9 {
					t.Errorf("%s = %.12g, want %.12g", f.name, f.got, f.want)
				}
			}
		})
	}
}

func TestPercentileEnds(t *testing.T) {
	t.Parallel()
	sorted := []float64{1, 2, 4, 8}
	for _, tt := range []struct{ p, want float64 }{
		{0, 1},
		{100, 8},
		{50, 3},              // rank 1.5 between 2 and 4
		{90, 4 + 0.7*(8-4)},  // rank 2.7
		{25, 1 + 0.75*(2-1)}, // rank 0.75
		{99, 4 + 0.97*(8-4)}, // rank 2.97
	} {
		if got := percentile(sorted, tt.p); math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("percentile(%v, %v) = %v, want %v", sorted, tt.p, got, tt.want)
		}
	}
}

func TestSummarizeFixture(t *testing.T) {
	t.Parallel()
	rows := readFixture(t)
	summaries := Summarize(rows)

	// 2 variants x 2 voices x 2 prompts, each with miss, bypass and hit
	// rows, plus one group for the failed row with no cache outcome.
	if len(summaries) != 25 {
		t.Fatalf("got %d groups, want 25", len(summaries))
	}
	wantOrder := []struct {
		variant, voice, prompt string
		cache                  CacheStatus
	}{
		{"fp32", "af_heart", "p1", CacheMiss},
		{"fp32", "af_heart", "p1", CacheBypass},
		{"fp32", "af_heart", "p1", CacheHit},
		{"fp32", "af_heart", "p2", CacheMiss},
		{"fp32", "af_heart", "p2", CacheBypass},
		{"fp32", "af_heart", "p2", CacheHit},
		{"fp32", "af_heart", "p2", CacheUnknown},
		{"fp32", "am_adam", "p1", CacheMiss},
	}
	for i, w := range wantOrder {
		s := summaries[i]
		if s.Variant != w.variant || s.Voice != w.voice || s.PromptID != w.prompt || s.CacheStatus != w.cache {
			t.Errorf("group %d = %s/%s/%s/%q, want %s/%s/%s/%q", i,
				s.Variant, s.Voice, s.PromptID, s.CacheStatus, w.variant, w.voice, w.prompt, w.cache)
		}
	}

	// fp32/af_heart/p1/bypass holds total_ms 465.600 and 504.000.
	bypass := summaries[1]
	if bypass.N != 2 || bypass.Failed != 0 {
		t.Errorf("bypass group n=%d failed=%d, want 2 and 0", bypass.N, bypass.Failed)
	}
	checkClose(t, "bypass total median", bypass.TotalMillis.Median, 484.8)
	checkClose(t, "bypass total p95", bypass.TotalMillis.P95, 465.6+0.95*(504-465.6))
	checkClose(t, "bypass total stddev", bypass.TotalMillis.StdDev, math.Sqrt(2*19.2*19.2))

	// The failed row has its own group with no statistics.
	unknown := summaries[6]
	if unknown.N != 0 || unknown.Failed != 1 || unknown.TotalMillis.N != 0 {
		t.Errorf("failed group n=%d failed=%d total values=%d, want 0, 1, 0", unknown.N, unknown.Failed, unknown.TotalMillis.N)
	}
}

func checkClose(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.9g, want %.9g", name, got, want)
	}
}

func readFixture(t *testing.T) []Row {
	t.Helper()
	rows, err := readFile(t, filepath.Join("testdata", "fixture.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
