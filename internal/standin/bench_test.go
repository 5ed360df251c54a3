package standin

import (
	"bufio"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ttsbench/ttsbench/internal/ort"
	"github.com/ttsbench/ttsbench/internal/testenv"
)

var (
	benchSize    = flag.String("standin.size", string(SizeTiny), "stand-in size for BenchmarkRun: tiny or kokoro")
	benchDir     = flag.String("standin.dir", "", "folder for the stand-in of BenchmarkRun, reused when it is complete (default: a temporary folder)")
	benchThreads = flag.Int("standin.threads", 1, "intra-op threads for BenchmarkRun")
)

// BenchmarkRun times ort.Session.Run per variant on 57 padded ids (55
// phoneme ids), after one warm-up run. Besides ns/op it reports:
//
//   - audio_s/op: the length of one output in seconds
//   - rtf: run time over audio length
//   - load_s: the time ort.Open took
//   - cpu_s/op: user plus system CPU time of the process per run, which
//     other load on the machine disturbs less than ns/op
//   - peak_rss_bytes: the process's peak resident set (VmHWM) after the
//     runs. It includes every earlier sub-benchmark, so run one variant
//     per process to attribute it.
//
// By default it uses the tiny size with one thread:
//
//	go test ./internal/standin -run '^$' -bench Run -count 6 | benchstat -
//
// For the kokoro size, one variant per process:
//
//	go test ./internal/standin -run '^$' -bench 'Run/variant=model$' -benchtime 10x \
//	    -standin.size kokoro -standin.threads 2 -standin.dir /tmp/standin-kokoro
func BenchmarkRun(b *testing.B) {
	dir, files := benchFolder(b)
	initORT(b)
	ids := paddedIDs(55)
	style := styleRow(b, "af_heart", 55)
	for _, f := range files {
		b.Run("variant="+string(f.Variant), func(b *testing.B) {
			start := time.Now()
			s, err := ort.Open(filepath.Join(dir, f.Path), ort.Options{IntraOpThreads: *benchThreads})
			if err != nil {
				b.Fatal(err)
			}
			load := time.Since(start)
			defer s.Close()

			ctx := context.Background()
			out, err := s.Run(ctx, ids, style, 1) // warm-up: the first run is slower
			if err != nil {
				b.Fatal(err)
			}
			audio := float64(len(out)) / SampleRate
			cpuStart, cpuOK := processCPUTime()
			for b.Loop() {
				if _, err := s.Run(ctx, ids, style, 1); err != nil {
					b.Fatal(err)
				}
			}
			cpuEnd, _ := processCPUTime()
			perRun := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(audio, "audio_s/op")
			b.ReportMetric(perRun/audio, "rtf")
			b.ReportMetric(load.Seconds(), "load_s")
			if cpuOK {
				b.ReportMetric((cpuEnd-cpuStart).Seconds()/float64(b.N), "cpu_s/op")
			}
			if peak, ok := peakRSS(); ok {
				b.ReportMetric(float64(peak), "peak_rss_bytes")
			}
		})
	}
}

// benchFolder returns the stand-in folder and files the flags select.
func benchFolder(b *testing.B) (string, []File) {
	if *benchSize == string(SizeTiny) && *benchDir == "" {
		dir, m := tinyFolder(b)
		return dir, m.Config.Files
	}
	dir := *benchDir
	if dir == "" {
		dir = b.TempDir()
	}
	m, err := Write(dir, Options{Size: Size(*benchSize), VoicesDir: testenv.VoicesDir(b), Voices: []string{"af_heart"}})
	if err != nil {
		b.Fatal(err)
	}
	return dir, m.Config.Files
}

// peakRSS returns VmHWM from /proc/self/status in bytes, on Linux.
func peakRSS() (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		return kb * 1024, err == nil
	}
	return 0, false
}

// BenchmarkWriteTiny times encoding all eight variants of the tiny size.
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
