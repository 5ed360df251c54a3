package standin

import (
	"context"
	"encoding/binary"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	onnx "github.com/yalue/onnxruntime_go"

	"github.com/ttsbench/ttsbench/internal/ort"
	"github.com/ttsbench/ttsbench/internal/testenv"
)

// testVoices are the voice packs the tests copy, to keep folders small.
var testVoices = []string{"af_heart", "am_adam"}

var (
	sharedOnce sync.Once
	sharedDir  string
	sharedMan  *Manifest
	sharedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// tinyFolder returns a tiny stand-in folder with all variants, written
// once for the whole test binary.
func tinyFolder(t testing.TB) (string, *Manifest) {
	t.Helper()
	voices := testenv.VoicesDir(t)
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "standin-test-")
		if sharedErr != nil {
			return
		}
		sharedMan, sharedErr = Write(sharedDir, Options{Size: SizeTiny, VoicesDir: voices, Voices: testVoices})
	})
	if sharedErr != nil {
		t.Fatalf("write tiny stand-in: %v", sharedErr)
	}
	return sharedDir, sharedMan
}

func initORT(t testing.TB) {
	t.Helper()
	if err := ort.Init(testenv.ORTLibrary(t)); err != nil {
		t.Fatal(err)
	}
}

// styleRow returns row n of a real voice pack, as kokoro-js picks it for n
// phoneme ids.
func styleRow(t testing.TB, voice string, n int) []float32 {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.VoicesDir(t), voice+".bin"))
	if err != nil {
		t.Fatal(err)
	}
	row := min(n, 509)
	out := make([]float32, StyleDim)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*(row*StyleDim+i):]))
	}
	return out
}

// paddedIDs returns n phoneme ids from the vocabulary with the pad id 0 at
// both ends.
func paddedIDs(n int) []int64 {
	ids := make([]int64, n+2)
	for i := 1; i <= n; i++ {
		ids[i] = int64(16 + (i*37)%100) // ids 16..115, all in the vocabulary range
	}
	return ids
}

func run(t testing.TB, s *ort.Session, ids []int64, style []float32, speed float32) []float32 {
	t.Helper()
	out, err := s.Run(context.Background(), ids, style, speed)
	if err != nil {
		t.Fatalf("run %s on %d ids at speed %g: %v", filepath.Base(s.Path()), len(ids), speed, err)
	}
	return out
}

func open(t testing.TB, path string) *ort.Session {
	t.Helper()
	initORT(t)
	s, err := ort.Open(path, ort.Options{IntraOpThreads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func correlation(a, b []float32) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += float64(a[i]) * float64(b[i])
		aa += float64(a[i]) * float64(a[i])
		bb += float64(b[i]) * float64(b[i])
	}
	return ab / math.Sqrt(aa*bb)
}

// wantSamples is the output length of the stand-in: 300 samples per
// decoder position, ceil(2T/speed) positions.
func wantSamples(padded int, speed float32) int {
	return samplesPerFrame * int(math.Ceil(float64(framesPerToken*float32(padded)/speed)))
}

func TestVariantsRunOnORT(t *testing.T) {
	dir, man := tinyFolder(t)
	style := styleRow(t, "af_heart", 55)
	ids := paddedIDs(55)
	var ref []float32
	for _, f := range man.Config.Files {
		t.Run(string(f.Variant), func(t *testing.T) {
			s := open(t, filepath.Join(dir, f.Path))
			out := run(t, s, ids, style, 1)

			// The length is 600 samples per padded id, within one decoder
			// position (300 samples).
			if want := wantSamples(len(ids), 1); len(out) != want {
				t.Errorf("speed 1: %d samples, want %d", len(out), want)
			}
			if d := math.Abs(float64(len(out) - SamplesPerToken*len(ids))); d > samplesPerFrame {
				t.Errorf("speed 1: %d samples, more than %d from 600 × %d ids", len(out), samplesPerFrame, len(ids))
			}
			for i, v := range out {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || math.Abs(float64(v)) >= 1 {
					t.Fatalf("sample %d = %g, want finite in (-1, 1)", i, v)
				}
			}
			if rms := math.Sqrt(sumSquares(out) / float64(len(out))); rms < 0.05 {
				t.Errorf("RMS %g: output is nearly silent", rms)
			}

			fast := run(t, s, ids, style, 2)
			if len(fast) != len(out)/2 {
				t.Errorf("speed 2: %d samples, want half of %d", len(fast), len(out))
			}
			slow := run(t, s, ids, style, 0.5)
			if len(slow) != 2*len(out) {
				t.Errorf("speed 0.5: %d samples, want twice %d", len(slow), len(out))
			}
			odd := run(t, s, ids, style, 1.25)
			if want := wantSamples(len(ids), 1.25); len(odd) != want {
				t.Errorf("speed 1.25: %d samples, want %d", len(odd), want)
			}
			longer := run(t, s, paddedIDs(120), style, 1)
			if len(longer) <= len(out) {
				t.Errorf("122 ids gave %d samples, 57 ids gave %d; want more for the longer input", len(longer), len(out))
			}
			one := run(t, s, []int64{0, 50, 0}, style, 1)
			if want := wantSamples(3, 1); len(one) != want {
				t.Errorf("3 ids: %d samples, want %d", len(one), want)
			}

			if f.Variant == VariantFP32 {
				ref = out
				return
			}
			if ref == nil {
				t.Fatal("the fp32 variant did not run first")
			}
			c := correlation(ref, out)
			if c < 0.95 {
				t.Errorf("correlation with fp32 = %.4f, want ≥ 0.95", c)
			}
			if slices.Equal(ref, out) {
				t.Error("output is identical to fp32's, so the variant changed no weight")
			}
			t.Logf("correlation with fp32: %.4f", c)
		})
	}
}

func sumSquares(a []float32) float64 {
	var s float64
	for _, v := range a {
		s += float64(v) * float64(v)
	}
	return s
}

func TestOutputDependsOnInput(t *testing.T) {
	dir, _ := tinyFolder(t)
	s := open(t, filepath.Join(dir, VariantFP32.File()))
	ids := paddedIDs(40)
	heart := run(t, s, ids, styleRow(t, "af_heart", 40), 1)
	adam := run(t, s, ids, styleRow(t, "am_adam", 40), 1)
	if c := correlation(heart, adam); c > 0.99 {
		t.Errorf("two voices correlate at %.4f; the style input has almost no effect", c)
	}
	other := slices.Clone(ids)
	for i := 1; i < len(other)-1; i++ {
		other[i] = 60 + int64(i%50)
	}
	if c := correlation(heart, run(t, s, other, styleRow(t, "af_heart", 40), 1)); c > 0.99 {
		t.Errorf("two id sequences correlate at %.4f; the ids have almost no effect", c)
	}
	again := run(t, s, ids, styleRow(t, "af_heart", 40), 1)
	if !slices.Equal(heart, again) {
		t.Error("two runs on the same input differ")
	}
}

// TestQ4PackingMatchesORT compares MatMulNBits on the packed weights with a
// MatMul on the same weights dequantized in Go: equal output means ONNX
// Runtime reads the codes, scales and zero points as quantizeBlock4 wrote
// them.
func TestQ4PackingMatchesORT(t *testing.T) {
	dir := t.TempDir()
	size, _ := SizeTiny.spec()
	h := defaultHooks()
	for name, vs := range map[string]variantSpec{
		"q4.onnx":       {matmul: modeQ4},
		"q4float.onnx":  {matmul: modeQ4, q4AsFloat: true},
		"q4f16.onnx":    {matmul: modeQ4, fp16: true},
		"q4f16ref.onnx": {matmul: modeQ4, fp16: true, q4AsFloat: true},
	} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := writeModel(f, build(size, vs, h, DefaultSeed).model("")); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	ids, style := paddedIDs(30), styleRow(t, "af_heart", 30)
	q4 := run(t, open(t, filepath.Join(dir, "q4.onnx")), ids, style, 1)
	ref := run(t, open(t, filepath.Join(dir, "q4float.onnx")), ids, style, 1)
	var maxDiff float64
	for i := range q4 {
		maxDiff = max(maxDiff, math.Abs(float64(q4[i]-ref[i])))
	}
	if maxDiff > 1e-4 {
		t.Errorf("MatMulNBits and MatMul on the dequantized weights differ by up to %g, want ≤ 1e-4", maxDiff)
	}
	// In fp16 the activations are rounded to 11 bits, so only closeness
	// is expected.
	q4f16 := run(t, open(t, filepath.Join(dir, "q4f16.onnx")), ids, style, 1)
	if c := correlation(q4f16, ref); c < 0.999 {
		t.Errorf("fp16 MatMulNBits correlates with the dequantized fp32 MatMul at %.5f, want ≥ 0.999", c)
	}
}

func TestVariantOpTypes(t *testing.T) {
	dir, man := tinyFolder(t)
	common := []string{"Gather", "Add", "Tanh", "Transpose", "Shape", "Cast", "Mul", "Div", "Ceil", "Concat", "Resize", "Reshape"}
	float := append(slices.Clone(common), "MatMul", "Conv")
	dynamic := append(slices.Clone(common), "DynamicQuantizeLinear", "MatMulInteger", "ConvInteger")
	q4 := append(slices.Clone(common), "com.microsoft:MatMulNBits", "Conv")
	cases := []struct {
		v Variant
		// ops is the exact set of operator types.
		ops []string
		// weights is the set of data types of initializers with at least
		// 1024 elements.
		weights []int32
	}{
		{VariantFP32, float, []int32{dtypeFloat}},
		{VariantFP16, float, []int32{dtypeFloat16}},
		{VariantQuantized, dynamic, []int32{dtypeFloat, dtypeInt8}},
		{VariantUint8, dynamic, []int32{dtypeFloat, dtypeUint8}},
		{VariantQ4, q4, []int32{dtypeFloat, dtypeUint8}},
		{VariantQ4F16, q4, []int32{dtypeUint8, dtypeFloat16}},
		{VariantQ8F16, dynamic, []int32{dtypeInt8, dtypeFloat16}},
		{VariantUint8F16, dynamic, []int32{dtypeUint8, dtypeFloat16}},
	}
	if len(cases) != len(man.Config.Files) {
		t.Fatalf("folder has %d variants, the table %d", len(man.Config.Files), len(cases))
	}
	for i, c := range cases {
		t.Run(string(c.v), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.v.File())))
			if err != nil {
				t.Fatal(err)
			}
			if len(data) > 2<<20 {
				t.Errorf("file has %d bytes, want at most 2 MiB for the tiny size", len(data))
			}
			m, err := decodeModel(data)
			if err != nil {
				t.Fatal(err)
			}
			got := m.opTypes()
			if !sameSet(got, c.ops) {
				t.Errorf("op types = %v, want %v", sorted(got), sorted(c.ops))
			}
			if f := man.Config.Files[i]; f.Variant != c.v || !slices.Equal(f.OpTypes, got) {
				t.Errorf("config lists %s with op types %v, the file has %v", f.Variant, f.OpTypes, got)
			}
			var weights []int32
			for _, in := range m.inits {
				if in.elements() >= 1024 && !slices.Contains(weights, in.dtype) {
					weights = append(weights, in.dtype)
				}
			}
			if !sameSet(weights, c.weights) {
				t.Errorf("weight data types = %v, want %v", weights, c.weights)
			}
			if m.irVersion != 8 || m.opsets[""] != 17 || m.opsets["com.microsoft"] != 1 {
				t.Errorf("ir_version %d, opsets %v; want 8, ai.onnx 17, com.microsoft 1", m.irVersion, m.opsets)
			}
			if len(m.inputs) != 3 || m.inputs[0].name != "input_ids" || m.inputs[1].name != "style" || m.inputs[2].name != "speed" {
				t.Errorf("inputs = %+v, want input_ids, style, speed", m.inputs)
			}
			if len(m.outputs) != 1 || m.outputs[0].name != "waveform" || len(m.outputs[0].dims) != 2 {
				t.Errorf("outputs = %+v, want waveform [1,N]", m.outputs)
			}
		})
	}
}

func sameSet[T comparable](a, b []T) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestKokoroSizeParameterCount(t *testing.T) {
	const kokoro82M = 82_000_000 // the parameter count on the hexgrad/Kokoro-82M model card
	n, err := paramCount(SizeKokoro)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(float64(n)-kokoro82M) / kokoro82M; d > 0.10 {
		t.Errorf("kokoro size has %d parameters, %.1f%% away from Kokoro-82M's %d; want within 10%%", n, 100*d, kokoro82M)
	}

	size, _ := SizeKokoro.spec()
	g := build(size, variantSpec{}, defaultHooks(), DefaultSeed)
	var conv int64
	for _, in := range g.inits {
		if strings.HasPrefix(in.name, "decoder.") {
			conv += in.params
		}
	}
	if frac := float64(conv) / float64(n); frac < 0.8 {
		t.Errorf("convolutions hold %.0f%% of the parameters, want most (≥ 80%%)", 100*frac)
	}
	t.Logf("kokoro size: %d parameters, %.1f%% in the convolution stack", n, 100*float64(conv)/float64(n))
}

func TestWriteIsDeterministic(t *testing.T) {
	voices := testenv.VoicesDir(t)
	var first *Manifest
	var firstConfig []byte
	for range 2 {
		dir := t.TempDir()
		m, err := Write(dir, Options{Size: SizeTiny, VoicesDir: voices, Voices: []string{"af_heart"}})
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := os.ReadFile(filepath.Join(dir, ConfigFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Config.Files {
			n, sum, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Fatal(err)
			}
			if n != f.Bytes || sum != f.SHA256 {
				t.Errorf("%s: config says %d bytes sha256 %s, file has %d bytes sha256 %s", f.Path, f.Bytes, f.SHA256, n, sum)
			}
		}
		if first == nil {
			first, firstConfig = m, cfg
			continue
		}
		for i, f := range m.Config.Files {
			if f.SHA256 != first.Config.Files[i].SHA256 {
				t.Errorf("%s: sha256 %s, then %s", f.Path, first.Config.Files[i].SHA256, f.SHA256)
			}
		}
		if !slices.Equal(cfg, firstConfig) {
			t.Error("config.json differs between two writes")
		}
	}
}

func TestWriteSeedChangesWeights(t *testing.T) {
	voices := testenv.VoicesDir(t)
	opts := Options{Size: SizeTiny, VoicesDir: voices, Voices: []string{"af_heart"}, Variants: []Variant{VariantFP32}}
	a, err := Write(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Seed = 7
	b, err := Write(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if a.Config.Files[0].SHA256 == b.Config.Files[0].SHA256 {
		t.Error("seeds 0 and 7 wrote the same file")
	}
}

func TestWriteIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Size: SizeTiny, VoicesDir: testenv.VoicesDir(t), Voices: []string{"af_heart"},
		Variants: []Variant{VariantFP32, VariantQ4}}
	first, err := Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Written) != 4 {
		t.Errorf("first write wrote %v, want 2 models, 1 voice and config.json", first.Written)
	}
	again, err := Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Written) != 0 {
		t.Errorf("second write wrote %v, want nothing", again.Written)
	}

	// A damaged file is detected by its hash and written again.
	path := filepath.Join(dir, filepath.FromSlash(VariantQ4.File()))
	if err := os.WriteFile(path, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	repaired, err := Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(repaired.Written, []string{VariantQ4.File()}) {
		t.Errorf("after damaging %s, Write wrote %v", VariantQ4.File(), repaired.Written)
	}
	if repaired.Config.Files[1].SHA256 != first.Config.Files[1].SHA256 {
		t.Error("the rewritten file differs from the first write")
	}

	// Other options make other files.
	opts.OutputRank = 3
	changed, err := Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed.Written) != 3 {
		t.Errorf("after changing the output rank, Write wrote %v, want both models and config.json", changed.Written)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "onnx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestWriteCopiesVoices(t *testing.T) {
	src := testenv.VoicesDir(t)
	dir := t.TempDir()
	m, err := Write(dir, Options{Size: SizeTiny, VoicesDir: src, Voices: []string{"am_adam", "af_heart", "am_adam"},
		Variants: []Variant{VariantFP32}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Config.Voices, []string{"af_heart", "am_adam"}) {
		t.Errorf("voices = %v, want [af_heart am_adam] (sorted, without repeats)", m.Config.Voices)
	}
	for _, v := range m.Config.Voices {
		want, err := os.ReadFile(filepath.Join(src, v+".bin"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "voices", v+".bin"))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("voices/%s.bin differs from the source pack", v)
		}
	}

	all, err := Write(t.TempDir(), Options{Size: SizeTiny, VoicesDir: src, Variants: []Variant{VariantFP32}})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Config.Voices) != 54 {
		t.Errorf("default copies %d voices, want all 54 packs of kokoro-js 1.2.1", len(all.Config.Voices))
	}
}

func TestWriteRejectsBadVoices(t *testing.T) {
	src := testenv.VoicesDir(t)
	_, err := Write(t.TempDir(), Options{Size: SizeTiny, VoicesDir: filepath.Join(t.TempDir(), "missing")})
	if err == nil || !strings.Contains(err.Error(), "run scripts/setup.sh") {
		t.Errorf("missing voice folder: err = %v, want a hint to run scripts/setup.sh", err)
	}
	_, err = Write(t.TempDir(), Options{Size: SizeTiny, VoicesDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "run scripts/setup.sh") {
		t.Errorf("empty voice folder: err = %v, want a hint to run scripts/setup.sh", err)
	}
	_, err = Write(t.TempDir(), Options{Size: SizeTiny, VoicesDir: src, Voices: []string{"zz_nobody"}})
	if err == nil || !strings.Contains(err.Error(), `"zz_nobody"`) {
		t.Errorf("unknown voice: err = %v, want it named", err)
	}
	short := t.TempDir()
	if err := os.WriteFile(filepath.Join(short, "af_short.bin"), make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Write(t.TempDir(), Options{Size: SizeTiny, VoicesDir: short})
	if err == nil || !strings.Contains(err.Error(), "1000 bytes") {
		t.Errorf("short voice pack: err = %v, want its size named", err)
	}
}

func TestWriteRejectsBadOptions(t *testing.T) {
	src := testenv.VoicesDir(t)
	cases := map[string]Options{
		"size":      {Size: "huge"},
		"variant":   {Variants: []Variant{"model_int3"}},
		"repeat":    {Variants: []Variant{VariantQ4, VariantQ4}},
		"rank":      {OutputRank: 4},
		"naming":    {Naming: "espnet"},
		"nonfinite": {NonFinite: "inf"},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			opts.VoicesDir = src
			if opts.Size == "" {
				opts.Size = SizeTiny
			}
			dir := t.TempDir()
			if _, err := Write(dir, opts); err == nil || !strings.HasPrefix(err.Error(), "standin: ") {
				t.Errorf("err = %v, want a standin error", err)
			}
			if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil {
				t.Error("config.json written despite the error")
			}
		})
	}
}

func TestReadConfig(t *testing.T) {
	dir, man := tinyFolder(t)
	cfg, err := ReadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.StandIn || cfg.Generator != "ttsbench" || cfg.Size != SizeTiny || cfg.Note != Note {
		t.Errorf("config = stand_in %v, generator %q, size %q, note %q", cfg.StandIn, cfg.Generator, cfg.Size, cfg.Note)
	}
	if cfg.SampleRate != 24000 || cfg.SamplesPerToken != 600 {
		t.Errorf("sample_rate %d, samples_per_token %d; want 24000, 600", cfg.SampleRate, cfg.SamplesPerToken)
	}
	if len(cfg.Vocab) != 115 || cfg.Vocab["$"] != 0 || cfg.Vocab["ɡ"] != 92 || cfg.Vocab["\u0303"] != 17 {
		t.Errorf("vocab has %d symbols, $=%d ɡ=%d tilde=%d; want 115, 0, 92, 17",
			len(cfg.Vocab), cfg.Vocab["$"], cfg.Vocab["ɡ"], cfg.Vocab["\u0303"])
	}
	if cfg.Parameters != man.Config.Parameters || cfg.Parameters == 0 {
		t.Errorf("parameters = %d, Write returned %d", cfg.Parameters, man.Config.Parameters)
	}

	real := t.TempDir()
	if err := os.WriteFile(filepath.Join(real, ConfigFile), []byte(`{"istftnet": {}, "n_token": 178, "vocab": {"$": 0, "a": 43}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err = ReadConfig(real)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.StandIn || cfg.Vocab["a"] != 43 {
		t.Errorf("real config: stand_in %v, vocab[a] %d; want false, 43", cfg.StandIn, cfg.Vocab["a"])
	}

	if _, err := ReadConfig(t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing config: err = %v, want fs.ErrNotExist", err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, ConfigFile), []byte(`{"stand_in": tru`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadConfig(bad); err == nil {
		t.Error("truncated config: no error")
	}
}

func TestNamingHook(t *testing.T) {
	dir := t.TempDir()
	_, err := Write(dir, Options{Size: SizeTiny, VoicesDir: testenv.VoicesDir(t), Voices: []string{"af_heart"},
		Variants: []Variant{VariantFP32}, Naming: NamingKokoroONNX})
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, filepath.Join(dir, VariantFP32.File()))
	if c := s.Convention(); c.IDs != "tokens" || c.Output != "audio" {
		t.Errorf("convention = %+v, want tokens → audio", c)
	}
	ids := paddedIDs(10)
	if out := run(t, s, ids, styleRow(t, "af_heart", 10), 1); len(out) != wantSamples(len(ids), 1) {
		t.Errorf("%d samples, want %d", len(out), wantSamples(len(ids), 1))
	}
}

func TestOutputRankHook(t *testing.T) {
	voices := testenv.VoicesDir(t)
	initORT(t)
	ids := paddedIDs(10)
	for _, rank := range []int{1, 2, 3} {
		dir := t.TempDir()
		_, err := Write(dir, Options{Size: SizeTiny, VoicesDir: voices, Voices: []string{"af_heart"},
			Variants: []Variant{VariantFP32}, OutputRank: rank})
		if err != nil {
			t.Fatal(err)
		}
		shape := outputShape(t, filepath.Join(dir, VariantFP32.File()), ids, styleRow(t, "af_heart", 10))
		want := []int64{int64(wantSamples(len(ids), 1))}
		for len(want) < rank {
			want = append([]int64{1}, want...)
		}
		if !slices.Equal(shape, want) {
			t.Errorf("rank %d: output shape %v, want %v", rank, shape, want)
		}
	}
}

// outputShape runs the model through onnxruntime_go directly, because
// ort.Session.Run flattens the output.
func outputShape(t *testing.T, path string, ids []int64, style []float32) []int64 {
	t.Helper()
	sess, err := onnx.NewDynamicAdvancedSession(path, []string{"input_ids", "style", "speed"}, []string{"waveform"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Destroy()
	idsT, _ := onnx.NewTensor(onnx.NewShape(1, int64(len(ids))), ids)
	defer idsT.Destroy()
	styleT, _ := onnx.NewTensor(onnx.NewShape(1, StyleDim), style)
	defer styleT.Destroy()
	speedT, _ := onnx.NewTensor(onnx.NewShape(1), []float32{1})
	defer speedT.Destroy()
	outs := []onnx.Value{nil}
	if err := sess.Run([]onnx.Value{idsT, styleT, speedT}, outs); err != nil {
		t.Fatal(err)
	}
	defer outs[0].Destroy()
	return outs[0].GetShape()
}

func TestNonFiniteHook(t *testing.T) {
	voices := testenv.VoicesDir(t)
	ids := paddedIDs(10)
	for _, mode := range []NonFinite{NonFiniteAll, NonFiniteSome} {
		t.Run(string(mode), func(t *testing.T) {
			dir := t.TempDir()
			_, err := Write(dir, Options{Size: SizeTiny, VoicesDir: voices, Voices: []string{"af_heart"},
				Variants: []Variant{VariantFP32, VariantQ8F16}, NonFinite: mode})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []Variant{VariantFP32, VariantQ8F16} {
				out := run(t, open(t, filepath.Join(dir, v.File())), ids, styleRow(t, "af_heart", 10), 1)
				nan := 0
				for _, x := range out {
					if math.IsNaN(float64(x)) {
						nan++
					}
				}
				want := len(out)
				if mode == NonFiniteSome {
					want = len(out) / samplesPerFrame
				}
				if nan != want {
					t.Errorf("%s: %d of %d samples are NaN, want %d", v, nan, len(out), want)
				}
			}
		})
	}
}
