package report

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/ttsbench/ttsbench/internal/atomicfile"
)

// ChartsDir is the folder of the charts inside a run directory. Each chart
// is written as NAME.png and NAME.svg.
const ChartsDir = "charts"

// Chart names, used as file names without extension.
const (
	chartRTF      = "rtf_by_model"
	chartCache    = "cache_impact"
	chartVoices   = "voice_latency"
	chartResource = "resource_usage"
)

// chartResult is the outcome of one chart.
type chartResult struct {
	name    string // file name without extension
	alt     string // image alt text that describes the chart
	skipped string // reason the chart was not drawn; empty when drawn
}

// chartBuilder returns the plot and its width, or a reason to skip it.
type chartBuilder func(a *analysis, standIn bool) (p *plot.Plot, width vg.Length, skipped string, err error)

var charts = []struct {
	name  string
	alt   string
	build chartBuilder
}{
	{chartRTF, "Median RTF per variant with the 95th percentile", rtfChart},
	{chartCache, "Median time to first audio of cache hits and misses per variant", cacheChart},
	{chartVoices, "Distribution of time to first audio per voice", voiceChart},
	{chartResource, "CPU percent against peak RSS per variant", resourceChart},
}

const chartHeight = 5 * vg.Inch

// drawCharts writes every chart as PNG and SVG under dir/charts. A chart
// with no data to show is skipped; its stale files from an earlier render
// are removed so that the folder matches report.md.
func drawCharts(dir string, a *analysis, standIn bool) ([]chartResult, error) {
	chartDir := filepath.Join(dir, ChartsDir)
	if err := os.MkdirAll(chartDir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create %q: %w", chartDir, err)
	}

	var results []chartResult
	for _, c := range charts {
		p, width, skipped, err := c.build(a, standIn)
		if err != nil {
			return nil, fmt.Errorf("report: draw chart %s: %w", c.name, err)
		}
		results = append(results, chartResult{name: c.name, alt: c.alt, skipped: skipped})

		for _, format := range []string{"png", "svg"} {
			path := filepath.Join(chartDir, c.name+"."+format)
			if skipped != "" {
				if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
					return nil, fmt.Errorf("report: remove stale chart: %w", err)
				}
				continue
			}
			if err := saveChart(p, width, format, path); err != nil {
				return nil, err
			}
		}
	}
	return results, nil
}

func saveChart(p *plot.Plot, width vg.Length, format, path string) error {
	wt, err := p.WriterTo(width, chartHeight, format)
	if err != nil {
		return fmt.Errorf("report: render %q: %w", path, err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return fmt.Errorf("report: render %q: %w", path, err)
	}
	return atomicfile.WriteBytes(path, buf.Bytes())
}

// newPlot returns a plot with the title, marked when the model is the
// stand-in, and the axis labels.
func newPlot(title, xLabel, yLabel string, standIn bool) *plot.Plot {
	p := plot.New()
	if standIn {
		title += " (stand-in model, not speech)"
	}
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.Top = true
	return p
}

// frame sets the axis ranges and must be called after the plotters are
// added. It leaves half a slot of margin beside n nominal positions (none
// when n is 0), starts the Y axis at zero and adds headroom for the legend.
func frame(p *plot.Plot, n int) {
	if n > 0 {
		p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	}
	p.Y.Min = 0
	p.Y.Max *= 1.3
}

// modelRuns returns the successful rows of variant that ran the model.
func modelRuns(rows []Row, variant string) []Row {
	return filter(rows, func(r Row) bool {
		return r.Variant == variant && r.Status == StatusOK && r.CacheStatus.RanModel()
	})
}

// widthFor returns a chart width that leaves room for n groups of bars or
// boxes.
func widthFor(n int) vg.Length {
	return max(8*vg.Inch, vg.Length(n)*0.6*vg.Inch+2*vg.Inch)
}

func rtfChart(a *analysis, standIn bool) (*plot.Plot, vg.Length, string, error) {
	var (
		names   []string
		medians plotter.Values
		p95s    plotter.XYs
	)
	for _, v := range a.variants {
		s := describe(metricRTF.values(modelRuns(a.rows, v.name)))
		if s.N == 0 {
			continue
		}
		p95s = append(p95s, plotter.XY{X: float64(len(names)), Y: s.P95})
		names = append(names, v.name)
		medians = append(medians, s.Median)
	}
	if len(names) == 0 {
		return nil, 0, "no variant has a successful model run, so there is no RTF", nil
	}

	p := newPlot("Real-time factor per variant", "variant", "RTF (total time / audio duration)", standIn)
	bars, err := plotter.NewBarChart(medians, vg.Points(28))
	if err != nil {
		return nil, 0, "", err
	}
	bars.Color = plotutil.Color(0)
	points, err := plotter.NewScatter(p95s)
	if err != nil {
		return nil, 0, "", err
	}
	points.GlyphStyle = draw.GlyphStyle{Shape: draw.PyramidGlyph{}, Radius: vg.Points(4), Color: color.Black}

	p.Add(bars, points, plotter.NewGrid())
	p.Legend.Add("median", bars)
	p.Legend.Add("95th percentile", points)
	p.NominalX(names...)
	frame(p, len(names))
	return p, widthFor(len(names)), "", nil
}

func cacheChart(a *analysis, standIn bool) (*plot.Plot, vg.Length, string, error) {
	var (
		names                 []string
		hits, misses          plotter.Values
		hitLabels, missLabels []string
		compared              bool
		barWidth              = vg.Points(20)
	)
	label := func(v optional, none string) string {
		if !v.ok {
			return none
		}
		return showMillis(v.value) + " ms"
	}
	for _, c := range a.cache {
		names = append(names, c.variant)
		misses = append(misses, c.missTTFA.value)
		hits = append(hits, c.hitTTFA.value)
		missLabels = append(missLabels, label(c.missTTFA, "no miss"))
		hitLabels = append(hitLabels, label(c.hitTTFA, "no hit"))
		compared = compared || (c.hitTTFA.ok && c.missTTFA.ok)
	}
	switch {
	case a.hits == 0:
		return nil, 0, "no request was a cache hit, so the run does not measure the cache impact", nil
	case !compared:
		return nil, 0, "no variant has both cache hits and cache misses with a time to first audio", nil
	}

	p := newPlot("Cache impact on time to first audio", "variant", "median time to first audio (ms)", standIn)
	for _, series := range []struct {
		name   string
		values plotter.Values
		labels []string
		offset vg.Length
		color  int
	}{
		{"cache miss", misses, missLabels, -barWidth / 2, 0},
		{"cache hit", hits, hitLabels, barWidth / 2, 1},
	} {
		bars, err := plotter.NewBarChart(series.values, barWidth)
		if err != nil {
			return nil, 0, "", err
		}
		bars.Color = plotutil.Color(series.color)
		bars.Offset = series.offset
		p.Add(bars)
		p.Legend.Add(series.name, bars)

		// Upright values above the bars keep a hit of a few microseconds
		// readable, and "no hit" in place of a missing bar keeps an empty
		// slot from reading as 0 ms.
		at := make(plotter.XYs, len(series.values))
		for i, v := range series.values {
			at[i] = plotter.XY{X: float64(i), Y: v}
		}
		labels, err := plotter.NewLabels(plotter.XYLabels{XYs: at, Labels: series.labels})
		if err != nil {
			return nil, 0, "", err
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].Rotation = math.Pi / 2
			labels.TextStyle[i].XAlign = draw.XLeft
			labels.TextStyle[i].YAlign = draw.YCenter
		}
		labels.Offset = vg.Point{X: series.offset, Y: vg.Points(3)}
		p.Add(labels)
	}
	p.Add(plotter.NewGrid())
	p.NominalX(names...)
	frame(p, len(names))
	return p, widthFor(2 * len(names)), "", nil
}

func voiceChart(a *analysis, standIn bool) (*plot.Plot, vg.Length, string, error) {
	var runs []Row
	for _, v := range a.variants {
		runs = append(runs, modelRuns(a.rows, v.name)...)
	}
	m, yLabel := metricTTFA, "time to first audio (ms)"
	if len(m.values(runs)) == 0 {
		m, yLabel = metricTotal, "total time (ms)"
	}
	runs = filter(runs, func(r Row) bool { _, ok := m.value(r); return ok })
	if len(runs) == 0 {
		return nil, 0, "no successful model run has a time to first audio or a total time", nil
	}

	var (
		voices   = distinct(runs, func(r Row) string { return r.Voice })
		variants = distinct(runs, func(r Row) string { return r.Variant })
		k        = float64(len(variants))
		boxWidth = vg.Points(math.Max(8, 28/k))
		slot     = vg.Length(k)*boxWidth + vg.Points(12)
	)
	title := "Latency per voice"
	if len(variants) > 1 {
		title += ", one box per variant"
	}
	p := newPlot(title, "voice", yLabel, standIn)
	for j, variant := range variants {
		offset := (float64(j) - (k-1)/2) * float64(boxWidth)
		fill := plotutil.Color(j)
		for i, voice := range voices {
			values := m.values(filter(runs, func(r Row) bool { return r.Variant == variant && r.Voice == voice }))
			if len(values) == 0 {
				continue
			}
			box, err := plotter.NewBoxPlot(boxWidth, float64(i), plotter.Values(values))
			if err != nil {
				return nil, 0, "", err
			}
			box.Offset = vg.Length(offset)
			box.FillColor = fill
			p.Add(box)
		}
		if len(variants) > 1 {
			p.Legend.Add(variant, swatch{fill})
		}
	}
	p.Add(plotter.NewGrid())
	p.NominalX(voices...)
	if len(voices) > 8 {
		p.X.Tick.Label.Rotation = math.Pi / 2
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	frame(p, len(voices))
	return p, max(8*vg.Inch, vg.Length(len(voices))*slot+1.5*vg.Inch), "", nil
}

// swatch is a legend thumbnail filled with one color.
type swatch struct{ color color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(s.color, c.ClipPolygonXY([]vg.Point{
		{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
		{X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y},
	}))
}

func resourceChart(a *analysis, standIn bool) (*plot.Plot, vg.Length, string, error) {
	var (
		requests  plotter.XYs
		variants  plotter.XYs
		labels    []string
		hasMedian bool
	)
	for _, v := range a.variants {
		for _, r := range modelRuns(a.rows, v.name) {
			cpu, cpuOK := metricCPU.value(r)
			rss, rssOK := metricRSS.value(r)
			if cpuOK && rssOK {
				requests = append(requests, plotter.XY{X: cpu, Y: rss})
			}
		}
		if v.cpu.ok && v.rssPeak.ok {
			variants = append(variants, plotter.XY{X: v.cpu.value, Y: v.rssPeak.value})
			labels = append(labels, " "+v.name)
			hasMedian = true
		}
	}
	if !hasMedian {
		return nil, 0, "no successful model run has both a CPU time and a peak RSS", nil
	}

	p := newPlot("CPU and memory per variant", "CPU time / wall time (%)", "peak RSS (MiB)", standIn)
	if len(requests) > 0 {
		points, err := plotter.NewScatter(requests)
		if err != nil {
			return nil, 0, "", err
		}
		points.GlyphStyle = draw.GlyphStyle{Shape: draw.CircleGlyph{}, Radius: vg.Points(2), Color: color.Gray{Y: 160}}
		p.Add(points)
		p.Legend.Add("one request", points)
	}
	marks, err := plotter.NewScatter(variants)
	if err != nil {
		return nil, 0, "", err
	}
	marks.GlyphStyle = draw.GlyphStyle{Shape: draw.BoxGlyph{}, Radius: vg.Points(4), Color: plotutil.Color(0)}
	names, err := plotter.NewLabels(plotter.XYLabels{XYs: variants, Labels: labels})
	if err != nil {
		return nil, 0, "", err
	}
	p.Add(marks, names, plotter.NewGrid())
	p.Legend.Add("variant: median CPU, highest peak RSS", marks)
	frame(p, 0)
	p.X.Min, p.X.Max = 0, p.X.Max*1.15
	return p, 8 * vg.Inch, "", nil
}
