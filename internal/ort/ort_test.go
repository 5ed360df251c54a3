package ort_test

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/ttsbench/ttsbench/internal/ort"
	"github.com/ttsbench/ttsbench/internal/standin"
	"github.com/ttsbench/ttsbench/internal/testenv"
)

func initORT(t testing.TB) {
	t.Helper()
	if err := ort.Init(testenv.ORTLibrary(t)); err != nil {
		t.Fatal(err)
	}
}

// standIn writes a tiny stand-in with one variant and returns the model
// path.
func standIn(t testing.TB, opts standin.Options) string {
	t.Helper()
	dir := t.TempDir()
	opts.Size = standin.SizeTiny
	opts.VoicesDir = testenv.VoicesDir(t)
	opts.Voices = []string{"af_heart"}
	if len(opts.Variants) == 0 {
		opts.Variants = []standin.Variant{standin.VariantFP32}
	}
	if _, err := standin.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, filepath.FromSlash(opts.Variants[0].File()))
}

func openSession(t testing.TB, path string, opts ort.Options) *ort.Session {
	t.Helper()
	initORT(t)
	s, err := ort.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ids(n int) []int64 {
	out := make([]int64, n+2)
	for i := 1; i <= n; i++ {
		out[i] = int64(20 + i%90)
	}
	return out
}

func style() []float32 {
	s := make([]float32, 256)
	for i := range s {
		s[i] = float32(math.Sin(float64(i))) / 4
	}
	return s
}

// identityModel returns an ONNX model y = Identity(x) whose inputs are
// not Kokoro's, encoded by hand with protowire.
func identityModel(t *testing.T, inputs ...string) string {
	t.Helper()
	msg := func(fields ...[]byte) []byte { return slices.Concat(fields...) }
	str := func(num protowire.Number, s string) []byte {
		b := protowire.AppendTag(nil, num, protowire.BytesType)
		return protowire.AppendString(b, s)
	}
	sub := func(num protowire.Number, m []byte) []byte {
		b := protowire.AppendTag(nil, num, protowire.BytesType)
		return protowire.AppendBytes(b, m)
	}
	varint := func(num protowire.Number, v uint64) []byte {
		b := protowire.AppendTag(nil, num, protowire.VarintType)
		return protowire.AppendVarint(b, v)
	}
	valueInfo := func(name string) []byte {
		dim := sub(1, varint(1, 1))              // TensorShapeProto.dim {dim_value: 1}
		tensor := msg(varint(1, 1), sub(2, dim)) // elem_type FLOAT, shape
		return msg(str(1, name), sub(2, sub(1, tensor)))
	}
	var graph []byte
	for _, in := range inputs {
		graph = append(graph, sub(1, msg(str(1, in), str(2, in+"_out"), str(4, "Identity")))...)
		graph = append(graph, sub(11, valueInfo(in))...)
		graph = append(graph, sub(12, valueInfo(in+"_out"))...)
	}
	graph = append(graph, str(2, "identity")...)
	model := msg(varint(1, 8), sub(7, graph), sub(8, varint(2, 17)))

	path := filepath.Join(t.TempDir(), "identity.onnx")
	if err := os.WriteFile(path, model, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestInitSamePathTwice(t *testing.T) {
	lib := testenv.ORTLibrary(t)
	if err := ort.Init(lib); err != nil {
		t.Fatal(err)
	}
	if err := ort.Init(lib); err != nil {
		t.Errorf("second Init with the same path: %v", err)
	}
	if v := ort.Version(); v != testenv.ORTVersion {
		t.Errorf("Version = %q, want %s", v, testenv.ORTVersion)
	}
	other := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	if err := os.WriteFile(other, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ort.Init(other); err == nil || !strings.Contains(err.Error(), "already initialized") {
		t.Errorf("Init with another path: err = %v, want an already-initialized error", err)
	}
}

// TestFreshProcess runs the checks that need a process where Init has not
// been called, by running this test binary again.
func TestFreshProcess(t *testing.T) {
	if os.Getenv("ORT_TEST_FRESH_PROCESS") == "1" {
		freshProcessChecks(t)
		return
	}
	lib := testenv.ORTLibrary(t)
	model := standIn(t, standin.Options{})
	cmd := exec.Command(os.Args[0], "-test.run=^TestFreshProcess$", "-test.v")
	cmd.Env = append(os.Environ(), "ORT_TEST_FRESH_PROCESS=1", "ORT_TEST_LIB="+lib, "ORT_TEST_MODEL="+model)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("fresh process failed: %v\n%s", err, out)
	}
}

func freshProcessChecks(t *testing.T) {
	lib, model := os.Getenv("ORT_TEST_LIB"), os.Getenv("ORT_TEST_MODEL")
	if v := ort.Version(); v != "" {
		t.Errorf("Version before Init = %q, want empty", v)
	}
	if _, err := ort.Open(model, ort.Options{}); err == nil || !strings.Contains(err.Error(), "before Init") {
		t.Errorf("Open before Init: err = %v, want a before-Init error", err)
	}
	missing := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	if err := ort.Init(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Init(missing file): err = %v, want os.ErrNotExist", err)
	}
	// The missing file loaded nothing, so the real library can still load.
	if err := ort.Init(lib); err != nil {
		t.Fatalf("Init after a missing path: %v", err)
	}
	s, err := ort.Open(model, ort.Options{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Run(context.Background(), ids(5), style(), 1); err != nil {
		t.Error(err)
	}
}

func TestOpenDetectsConvention(t *testing.T) {
	cases := []struct {
		naming standin.Naming
		want   ort.Convention
	}{
		{standin.NamingOnnxCommunity, ort.Convention{IDs: "input_ids", Style: "style", Speed: "speed", Output: "waveform"}},
		{standin.NamingKokoroONNX, ort.Convention{IDs: "tokens", Style: "style", Speed: "speed", Output: "audio"}},
	}
	for _, c := range cases {
		t.Run(string(c.naming), func(t *testing.T) {
			path := standIn(t, standin.Options{Naming: c.naming})
			s := openSession(t, path, ort.Options{IntraOpThreads: 1})
			if got := s.Convention(); got != c.want {
				t.Errorf("Convention = %+v, want %+v", got, c.want)
			}
			if s.Path() != path {
				t.Errorf("Path = %q, want %q", s.Path(), path)
			}
			if _, err := s.Run(context.Background(), ids(8), style(), 1); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestOpenRejectsOtherModels(t *testing.T) {
	initORT(t)
	for name, inputs := range map[string][]string{
		"no ids":   {"x", "style", "speed"},
		"no speed": {"input_ids", "style"},
	} {
		t.Run(name, func(t *testing.T) {
			path := identityModel(t, inputs...)
			_, err := ort.Open(path, ort.Options{})
			if !errors.Is(err, ort.ErrNotKokoro) {
				t.Fatalf("err = %v, want ErrNotKokoro", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("err = %q, want the path named", err)
			}
		})
	}
}

func TestOpenMissingFile(t *testing.T) {
	initORT(t)
	path := filepath.Join(t.TempDir(), "model.onnx")
	_, err := ort.Open(path, ort.Options{})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want an error naming %s", err, path)
	}
}

func TestOpenThreads(t *testing.T) {
	path := standIn(t, standin.Options{})
	if got := openSession(t, path, ort.Options{}).Threads(); got != runtime.NumCPU() {
		t.Errorf("Threads with IntraOpThreads 0 = %d, want runtime.NumCPU() = %d", got, runtime.NumCPU())
	}
	if got := openSession(t, path, ort.Options{IntraOpThreads: 1, Spinning: true}).Threads(); got != 1 {
		t.Errorf("Threads with IntraOpThreads 1 = %d, want 1", got)
	}
}

func TestRunFlattensEveryRank(t *testing.T) {
	var ref []float32
	for _, rank := range []int{1, 2, 3} {
		s := openSession(t, standIn(t, standin.Options{OutputRank: rank}), ort.Options{IntraOpThreads: 1})
		out, err := s.Run(context.Background(), ids(12), style(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if want := standin.SamplesPerToken * 14; len(out) != want {
			t.Errorf("rank %d: %d samples, want %d", rank, len(out), want)
		}
		if ref == nil {
			ref = out
		} else if !slices.Equal(out, ref) {
			t.Errorf("rank %d: samples differ from rank 1's, though only the output shape changed", rank)
		}
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	s := openSession(t, standIn(t, standin.Options{}), ort.Options{IntraOpThreads: 1})
	ctx := context.Background()
	if _, err := s.Run(ctx, ids(5), make([]float32, 255), 1); err == nil || !strings.Contains(err.Error(), "255") {
		t.Errorf("255-value style: err = %v, want the length named", err)
	}
	if _, err := s.Run(ctx, nil, style(), 1); err == nil {
		t.Error("no ids: no error")
	}
	// Id 178 is past the end of Kokoro's 178-row embedding, so ORT fails.
	_, err := s.Run(ctx, []int64{0, 178, 0}, style(), 1)
	if err == nil || !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("out-of-range id: err = %v, want an ORT error naming the model", err)
	}
}

func TestRunReturnsNaN(t *testing.T) {
	s := openSession(t, standIn(t, standin.Options{NonFinite: standin.NonFiniteAll}), ort.Options{IntraOpThreads: 1})
	out, err := s.Run(context.Background(), ids(5), style(), 1)
	if err != nil {
		t.Fatalf("Run returned an error for NaN output; it should return the samples: %v", err)
	}
	if len(out) == 0 || !math.IsNaN(float64(out[0])) {
		t.Errorf("first sample = %v, want NaN passed through", out[:min(1, len(out))])
	}
}

func TestRunCancelled(t *testing.T) {
	s := openSession(t, standIn(t, standin.Options{}), ort.Options{IntraOpThreads: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Run(ctx, ids(5), style(), 1); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v, want context.Canceled", err)
	}
}

// TestRunCancelDuringRuns cancels after a growing delay, so that some runs
// are cancelled before they start, some while ORT computes and some not at
// all. Whatever the timing, every run must either finish or return
// context.Canceled.
func TestRunCancelDuringRuns(t *testing.T) {
	s := openSession(t, standIn(t, standin.Options{}), ort.Options{IntraOpThreads: 1})
	long := ids(500)
	var finished, cancelled int
	for i := range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Go(func() {
				_, err := s.Run(ctx, long, style(), 0.5)
				errs <- err
			})
		}
		time.Sleep(time.Duration(i) * 500 * time.Microsecond)
		cancel()
		wg.Wait()
		close(errs)
		for err := range errs {
			switch {
			case err == nil:
				finished++
			case errors.Is(err, context.Canceled):
				cancelled++
			default:
				t.Fatalf("err = %v, want nil or context.Canceled", err)
			}
		}
	}
	t.Logf("%d runs finished, %d were cancelled", finished, cancelled)
}

func TestRunConcurrent(t *testing.T) {
	s := openSession(t, standIn(t, standin.Options{Variants: []standin.Variant{standin.VariantQ8F16}}), ort.Options{IntraOpThreads: 1})
	want, err := s.Run(context.Background(), ids(30), style(), 1)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := s.Run(context.Background(), ids(30), style(), 1)
			if err != nil {
				t.Error(err)
				return
			}
			if !slices.Equal(got, want) {
				t.Error("concurrent run gave other samples than a single run")
			}
		})
	}
	wg.Wait()
}

func TestCloseTwice(t *testing.T) {
	initORT(t)
	s, err := ort.Open(standIn(t, standin.Options{}), ort.Options{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("first Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
