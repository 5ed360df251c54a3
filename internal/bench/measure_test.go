package bench

import (
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/ttsbench/ttsbench/kokoro"
)

// scriptedEngine streams chunks after known delays: each step first sleeps
// (wall time, no CPU), then spins on the CPU for a known CPU time, then
// hands over a chunk of audio.
type scriptedEngine struct {
	steps    []step
	allocate int // bytes touched during the request
	err      error
}

type step struct {
	sleep   time.Duration
	spin    time.Duration
	samples int
}

func (s *scriptedEngine) Stream(ctx context.Context, req kokoro.Request, fn func(kokoro.Chunk) error) (kokoro.Summary, error) {
	var sum kokoro.Summary
	sum.Cache = kokoro.CacheMiss
	if s.allocate > 0 {
		buf := make([]byte, s.allocate)
		for i := 0; i < len(buf); i += 4096 {
			buf[i] = 1
		}
		runtime.KeepAlive(buf)
	}
	for i, st := range s.steps {
		time.Sleep(st.sleep)
		spinCPU(st.spin)
		c := kokoro.Chunk{Index: i, IDs: make([]int64, 10), Audio: make([]float32, st.samples)}
		sum.NumChunks++
		sum.Tokens += 10
		sum.Samples += st.samples
		if err := fn(c); err != nil {
			return sum, err
		}
	}
	return sum, s.err
}

// spinCPU busies the calling thread until it has used d of CPU time.
func spinCPU(d time.Duration) {
	if d <= 0 {
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	x := 0
	for threadCPU()-start < d {
		for i := 0; i < 10000; i++ {
			x += i
		}
	}
	runtime.KeepAlive(x)
}

func threadCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_THREAD, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The tolerances below are one-sided where the clock guarantees a lower
// bound (a sleep never ends early) and generous above, so a loaded machine
// cannot fail them while a metric that measured the wrong interval would.
const slack = 400 * time.Millisecond

func TestMeasureTTFAIsFirstChunk(t *testing.T) {
	e := &scriptedEngine{steps: []step{
		{sleep: 150 * time.Millisecond, samples: 24000},
		{sleep: 300 * time.Millisecond, samples: 24000},
	}}
	m := Measure(context.Background(), e, kokoro.Request{})
	if m.FirstAudio < 150*time.Millisecond || m.FirstAudio > 150*time.Millisecond+slack {
		t.Errorf("ttfa = %v, expected 150ms (+%v at most)", m.FirstAudio, slack)
	}
	if m.Total < 450*time.Millisecond || m.Total > 450*time.Millisecond+slack {
		t.Errorf("total = %v, expected 450ms (+%v at most)", m.Total, slack)
	}
	if m.Total-m.FirstAudio < 300*time.Millisecond {
		t.Errorf("total - ttfa = %v, expected at least the 300ms of the second chunk", m.Total-m.FirstAudio)
	}
}

func TestMeasureAudioAndCounts(t *testing.T) {
	e := &scriptedEngine{steps: []step{{samples: 12000}, {samples: 36000}}}
	m := Measure(context.Background(), e, kokoro.Request{})
	if m.Audio != 2*time.Second {
		t.Errorf("audio = %v, expected 2s for 48000 samples at 24 kHz", m.Audio)
	}
	if m.Chunks != 2 {
		t.Errorf("chunks = %d, expected 2", m.Chunks)
	}
	if m.Tokens != 20 {
		t.Errorf("tokens = %d, expected 20", m.Tokens)
	}
	if m.Cache != kokoro.CacheMiss {
		t.Errorf("cache = %q, expected the engine's %q", m.Cache, kokoro.CacheMiss)
	}
}

func TestMeasureCPUCountsWorkNotWaiting(t *testing.T) {
	e := &scriptedEngine{steps: []step{
		{sleep: 300 * time.Millisecond, samples: 100},
		{spin: 200 * time.Millisecond, samples: 100},
	}}
	m := Measure(context.Background(), e, kokoro.Request{})
	if m.CPU < 200*time.Millisecond {
		t.Errorf("cpu = %v, expected at least the 200ms spun", m.CPU)
	}
	if m.CPU > 200*time.Millisecond+150*time.Millisecond {
		t.Errorf("cpu = %v, expected about 200ms: the 300ms sleep must not count", m.CPU)
	}
	if m.Total < 500*time.Millisecond {
		t.Errorf("total = %v, expected at least 500ms", m.Total)
	}
}

func TestMeasurePeakRSSPerRequest(t *testing.T) {
	const big = 256 << 20
	heavy := Measure(context.Background(), &scriptedEngine{allocate: big, steps: []step{{samples: 10}}}, kokoro.Request{})
	if heavy.RSSScope != "request" {
		t.Skipf("peak RSS cannot be reset on this kernel (scope %q)", heavy.RSSScope)
	}
	debug.FreeOSMemory()
	light := Measure(context.Background(), &scriptedEngine{steps: []step{{samples: 10}}}, kokoro.Request{})
	if heavy.RSSPeak-light.RSSPeak < big/2 {
		t.Errorf("peak rss heavy %d MiB, light %d MiB: expected the %d MiB request to stand out", heavy.RSSPeak>>20, light.RSSPeak>>20, big>>20)
	}
}

func TestMeasureRecordsError(t *testing.T) {
	e := &scriptedEngine{steps: []step{{samples: 10}}, err: errors.New("kokoro: model returned non-finite samples")}
	m := Measure(context.Background(), e, kokoro.Request{})
	if m.Err == "" {
		t.Fatal("error not recorded")
	}
}
