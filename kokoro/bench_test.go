package kokoro

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ttsbench/ttsbench/g2p"
	"github.com/ttsbench/ttsbench/internal/cache"
	"github.com/ttsbench/ttsbench/internal/testenv"
)

// benchModels returns the model folders the benchmarks run on: the tiny
// stand-in, written for the run, and the kokoro-size stand-in when
// `make demo` has put it in the cache.
func benchModels(b *testing.B) map[string]string {
	out := map[string]string{"tiny": sharedModel(b)}
	if dir := filepath.Join(cache.ModelsDir(), "standin-kokoro"); dirExists(dir) {
		out["kokoro"] = dir
	}
	return out
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}

func benchEngine(b *testing.B, dir string) *Engine {
	b.Helper()
	e, err := New(Options{ORTLibrary: testenv.ORTLibrary(b), Voices: filepath.Join(dir, "voices"), CacheBytes: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	if _, err := e.Load("model", filepath.Join(dir, "onnx", "model.onnx")); err != nil {
		b.Fatal(err)
	}
	return e
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkEngineOverhead measures what the engine adds to a model run for
// one sentence: normalization, G2P, style lookup, output checks and
// streaming. Each iteration times a full engine request and, right after,
// a raw ORT Run on the same padded ids and style; the reported
// overhead-ms is the median of the differences.
func BenchmarkEngineOverhead(b *testing.B) {
	const text = "The quick brown fox jumps over the lazy dog."
	for name, dir := range benchModels(b) {
		b.Run("model="+name, func(b *testing.B) {
			e := benchEngine(b, dir)
			ctx := context.Background()
			req := Request{Text: text, Voice: "af_heart", Variant: "model", Cache: CacheOff}
			_, sess, _ := e.session("model")
			pack, _ := e.resolveVoice("af_heart")
			warm, err := e.Synthesize(ctx, req)
			if err != nil {
				b.Fatal(err)
			}
			ids := g2p.Pad(warm.Chunks[0].IDs)
			style := pack.Style(len(warm.Chunks[0].IDs))

			var engine, raw, diff []time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := e.Synthesize(ctx, req); err != nil {
					b.Fatal(err)
				}
				te := time.Since(start)
				start = time.Now()
				if _, err := sess.Run(ctx, ids, style, 1); err != nil {
					b.Fatal(err)
				}
				tr := time.Since(start)
				engine, raw, diff = append(engine, te), append(raw, tr), append(diff, te-tr)
			}
			b.ReportMetric(float64(median(engine).Microseconds())/1000, "engine-ms")
			b.ReportMetric(float64(median(raw).Microseconds())/1000, "ort-run-ms")
			b.ReportMetric(float64(median(diff).Microseconds())/1000, "overhead-ms")
		})
	}
}

// BenchmarkTTFAParagraph measures time to first audio on a five-sentence
// paragraph against the ORT Run time of its first chunk alone: the closer
// the two, the less the engine delays the first audio.
func BenchmarkTTFAParagraph(b *testing.B) {
	const text = "Self-hosted speech has become practical on ordinary hardware. " +
		"A small model can read a page aloud faster than a person can listen to it. " +
		"What matters to a listener is how soon the first words arrive, and whether the voice keeps up. " +
		"Those two numbers depend on the model file, the voice, and the machine. " +
		"This paragraph exists to measure them on text long enough to be streamed in several pieces."
	for name, dir := range benchModels(b) {
		b.Run("model="+name, func(b *testing.B) {
			e := benchEngine(b, dir)
			ctx := context.Background()
			req := Request{Text: text, Voice: "af_heart", Variant: "model", Cache: CacheOff}
			var ttfa, firstRun, total []time.Duration
			for b.Loop() {
				start := time.Now()
				var first time.Duration
				var run time.Duration
				_, err := e.Stream(ctx, req, func(c Chunk) error {
					if c.Index == 0 {
						first, run = time.Since(start), c.Inference
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				ttfa, firstRun, total = append(ttfa, first), append(firstRun, run), append(total, time.Since(start))
			}
			b.ReportMetric(float64(median(ttfa).Microseconds())/1000, "ttfa-ms")
			b.ReportMetric(float64(median(firstRun).Microseconds())/1000, "first-run-ms")
			b.ReportMetric(float64(median(total).Microseconds())/1000, "total-ms")
		})
	}
}
