package standin

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/ttsbench/ttsbench/internal/ort"
)

// BenchmarkRun times ort.Session.Run per variant of the tiny stand-in on
// 57 padded ids with one intra-op thread. The audio_s/op metric is the
// length of one output; rtf is run time over audio time.
//
//	go test ./internal/standin -run '^$' -bench Run -count 6 | benchstat -
func BenchmarkRun(b *testing.B) {
	dir, man := tinyFolder(b)
	initORT(b)
	ids := paddedIDs(55)
	style := styleRow(b, "af_heart", 55)
	for _, f := range man.Config.Files {
		b.Run("variant="+string(f.Variant), func(b *testing.B) {
			s, err := ort.Open(filepath.Join(dir, f.Path), ort.Options{IntraOpThreads: 1})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			out, err := s.Run(ctx, ids, style, 1) // warm-up: the first run is slower
			if err != nil {
				b.Fatal(err)
			}
			audio := float64(len(out)) / SampleRate
			for b.Loop() {
				if _, err := s.Run(ctx, ids, style, 1); err != nil {
					b.Fatal(err)
				}
			}
			perRun := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(audio, "audio_s/op")
			b.ReportMetric(perRun/audio, "rtf")
		})
	}
}

// BenchmarkWriteTiny times writing all eight variants of the tiny size.
func BenchmarkWriteTiny(b *testing.B) {
	size, _ := SizeTiny.spec()
	h := defaultHooks()
	for b.Loop() {
		for _, v := range Variants() {
			vs, _ := v.spec()
			if err := writeModel(io.Discard, build(size, vs, h, DefaultSeed).model("")); err != nil {
				b.Fatal(err)
			}
		}
	}
}
