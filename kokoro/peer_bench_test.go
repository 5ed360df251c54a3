package kokoro

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ttsbench/ttsbench/g2p"
	"github.com/ttsbench/ttsbench/internal/standin"
	"github.com/ttsbench/ttsbench/internal/testenv"
)

// Environment variables of BenchmarkPeerLines. scripts/peer/compare.sh sets
// them so that the benchmark and kokoro-js load the same model file with
// the same thread count.
const (
	// peerModelEnv is the path of a Kokoro .onnx file; unset means a tiny
	// fp32 stand-in written for the run.
	peerModelEnv = "TTSBENCH_PEER_MODEL"
	// peerThreadsEnv is ORT's intra-op thread count; unset means 1.
	peerThreadsEnv = "TTSBENCH_PEER_THREADS"
	// peerSpinningEnv set to 1 lets idle ORT threads busy-wait.
	peerSpinningEnv = "TTSBENCH_PEER_SPINNING"
	// peerWarmupEnv is the number of untimed passes over all lines; unset
	// means 2.
	peerWarmupEnv = "TTSBENCH_PEER_WARMUP"
	// peerOutEnv names a file that receives one JSON record per timed
	// line, in the format of scripts/peer/kokorojs-run.mjs.
	peerOutEnv = "TTSBENCH_PEER_OUT"
	// peerModelOnlyEnv set to 1 times only the model runs of each line:
	// style lookup, padding and the ORT Run of every chunk, on ids that
	// G2P produced before the warm-up.
	peerModelOnlyEnv = "TTSBENCH_PEER_MODEL_ONLY"
)

// peerCPU is the last record of a run: the process's user plus system CPU
// time over the timed passes, divided by the number of timed lines.
type peerCPU struct {
	Engine       string  `json:"engine"`
	Kind         string  `json:"kind"` // always "cpu"
	CPUMSPerLine float64 `json:"cpu_ms_per_line"`
	Lines        int     `json:"lines"`
}

// peerRecord is one timed line, with the fields kokorojs-run.mjs prints.
type peerRecord struct {
	Engine       string    `json:"engine"`
	Pass         int       `json:"pass"`
	Index        int       `json:"index"`
	Input        string    `json:"input"`
	FirstChunkMS float64   `json:"first_chunk_ms"`
	TotalMS      float64   `json:"total_ms"`
	Chunks       int       `json:"chunks"`
	Samples      int       `json:"samples"`
	IDs          [][]int64 `json:"ids,omitempty"` // per chunk, without pads; pass 0 only
}

// BenchmarkPeerLines measures the engine per input line the way
// scripts/peer/kokorojs-run.mjs measures kokoro-js 1.2.1, so the two can be
// compared: wall time from handing the line to Stream until its last chunk
// arrives, G2P included, cache off, voice af_heart, after warm-up passes.
// Each iteration is one pass over testdata/peer_lines.txt. The metrics are
// the median and mean of all timed lines in ms, and the process's CPU time
// over the timed passes per line.
//
// Run alone it uses a tiny stand-in and one intra-op thread. See the
// peer*Env constants for the settings compare.sh passes, among them a
// mode that times the model runs alone.
func BenchmarkPeerLines(b *testing.B) {
	lines := readPeerLines(b)
	threads := peerEnvInt(b, peerThreadsEnv, 1, 1)
	warmup := peerEnvInt(b, peerWarmupEnv, 2, 0)
	spinning := os.Getenv(peerSpinningEnv) == "1"
	modelOnly := os.Getenv(peerModelOnlyEnv) == "1"

	model, voices := os.Getenv(peerModelEnv), testenv.VoicesDir(b)
	if model == "" {
		dir := b.TempDir()
		_, err := standin.Write(dir, standin.Options{Size: standin.SizeTiny, Variants: []standin.Variant{standin.VariantFP32},
			VoicesDir: voices, Voices: []string{"af_heart"}})
		if err != nil {
			b.Fatal(err)
		}
		model, voices = filepath.Join(dir, standin.VariantFP32.File()), filepath.Join(dir, "voices")
	}

	var out *json.Encoder
	if name := os.Getenv(peerOutEnv); name != "" {
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			if err := f.Close(); err != nil {
				b.Error(err)
			}
		})
		out = json.NewEncoder(f)
	}

	b.Run("threads="+strconv.Itoa(threads), func(b *testing.B) {
		e, err := New(Options{ORTLibrary: testenv.ORTLibrary(b), Voices: voices, Threads: threads, Spinning: spinning, CacheBytes: -1})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { e.Close() })
		if _, err := e.Load("model", model); err != nil {
			b.Fatal(err)
		}
		b.Logf("model %s, %d lines, %d warm-up passes, spinning %v, model only %v", model, len(lines), warmup, spinning, modelOnly)

		ctx := context.Background()
		speak := func(i int) (peerRecord, error) { return speakPeerLine(ctx, e, lines[i]) }
		if modelOnly {
			ids := make([][][]int64, len(lines))
			for i, line := range lines {
				rec, err := speakPeerLine(ctx, e, line)
				if err != nil {
					b.Fatalf("line %d %q: %v", i, line, err)
				}
				ids[i] = rec.IDs
			}
			speak = func(i int) (peerRecord, error) { return runPeerModel(ctx, e, lines[i], ids[i]) }
		}
		for range warmup {
			for i, line := range lines {
				if _, err := speak(i); err != nil {
					b.Fatalf("warm-up line %d %q: %v", i, line, err)
				}
			}
		}

		var totals []time.Duration
		pass := 0
		cpuStart := processCPU(b)
		for b.Loop() {
			for i, line := range lines {
				rec, err := speak(i)
				if err != nil {
					b.Fatalf("line %d %q: %v", i, line, err)
				}
				totals = append(totals, time.Duration(rec.TotalMS*float64(time.Millisecond)))
				if out == nil {
					continue
				}
				rec.Pass, rec.Index = pass, i
				if pass > 0 {
					rec.IDs = nil
				}
				if err := out.Encode(rec); err != nil {
					b.Fatal(err)
				}
			}
			pass++
		}
		cpuPerLine := durationMS(processCPU(b)-cpuStart) / float64(len(totals))
		if out != nil {
			engine := "ttsbench"
			if modelOnly {
				engine = "ttsbench-model-only"
			}
			if err := out.Encode(peerCPU{Engine: engine, Kind: "cpu", CPUMSPerLine: cpuPerLine, Lines: len(totals)}); err != nil {
				b.Fatal(err)
			}
		}

		var sum time.Duration
		for _, d := range totals {
			sum += d
		}
		b.ReportMetric(durationMS(median(totals)), "median-ms/line")
		b.ReportMetric(durationMS(sum/time.Duration(len(totals))), "mean-ms/line")
		b.ReportMetric(cpuPerLine, "cpu-ms/line")
	})
}

// speakPeerLine streams one line and returns its timings. The clock starts
// before Stream is called and stops when the last chunk reaches the
// callback, as kokorojs-run.mjs stops it when the last chunk arrives.
func speakPeerLine(ctx context.Context, e *Engine, line string) (peerRecord, error) {
	rec := peerRecord{Engine: "ttsbench", Input: line}
	start := time.Now()
	var first, last time.Duration
	_, err := e.Stream(ctx, Request{Text: line, Voice: "af_heart", Variant: "model", Cache: CacheOff}, func(c Chunk) error {
		last = time.Since(start)
		if rec.Chunks == 0 {
			first = last
		}
		rec.Chunks++
		rec.Samples += len(c.Audio)
		rec.IDs = append(rec.IDs, c.IDs)
		return nil
	})
	rec.FirstChunkMS, rec.TotalMS = durationMS(first), durationMS(last)
	return rec, err
}

// runPeerModel times the model runs of one line without G2P, as
// kokorojs-run.mjs --model-only times generate_from_ids: for each chunk,
// the style row for its length, the padded ids and the ORT Run.
func runPeerModel(ctx context.Context, e *Engine, line string, ids [][]int64) (peerRecord, error) {
	rec := peerRecord{Engine: "ttsbench-model-only", Input: line, IDs: ids}
	_, sess, err := e.session("model")
	if err != nil {
		return rec, err
	}
	pack, err := e.resolveVoice("af_heart")
	if err != nil {
		return rec, err
	}
	start := time.Now()
	var first, last time.Duration
	for _, chunk := range ids {
		audio, err := sess.Run(ctx, g2p.Pad(chunk), pack.Style(len(chunk)), 1)
		if err != nil {
			return rec, err
		}
		last = time.Since(start)
		if rec.Chunks == 0 {
			first = last
		}
		rec.Chunks++
		rec.Samples += len(audio)
	}
	rec.FirstChunkMS, rec.TotalMS = durationMS(first), durationMS(last)
	return rec, nil
}

// processCPU returns the user plus system CPU time of the whole process so
// far: ORT's pool threads, cgo calls and the Go runtime alike.
func processCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func durationMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// readPeerLines returns the non-blank lines of testdata/peer_lines.txt:
// 45 English lines, from two-word greetings to two-clause sentences, with
// numbers, money and times.
func readPeerLines(b *testing.B) []string {
	b.Helper()
	f, err := os.Open(filepath.Join("testdata", "peer_lines.txt"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if len(lines) == 0 {
		b.Fatal("testdata/peer_lines.txt has no lines")
	}
	return lines
}

// peerEnvInt reads an integer setting of at least min from the environment;
// unset means def.
func peerEnvInt(b *testing.B, name string, def, min int) int {
	b.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min {
		b.Fatalf("invalid %s=%q: use an integer of at least %d", name, s, min)
	}
	return n
}
