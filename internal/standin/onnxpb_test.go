package standin

import (
	"bytes"
	"errors"
	"io"
	"math"
	"slices"
	"testing"
)

func TestEncodeModelDecodesBack(t *testing.T) {
	g := newGraph()
	g.inputs = append(g.inputs, valueInfoProto("x", dtypeFloat, dim{size: 1}, dim{param: "n"}))
	g.outputs = append(g.outputs, valueInfoProto("y", dtypeFloat, dim{size: 1}, dim{param: "n"}))
	eager := g.constFloat("eager", []int64{2, 2}, 1, 2, 3, 4)
	lazyData := float32Bytes([]float32{5, 6, 7})
	lazy := g.addInit(&initializer{name: "lazy", dtype: dtypeFloat, dims: []int64{3}, size: len(lazyData),
		write: func(w io.Writer) error { _, err := w.Write(lazyData); return err }, params: 3})
	out := g.add1("Custom", []string{"x", eager, lazy},
		floatAttr("alpha", 0.25), intAttr("axis", -1), stringAttr("mode", "nearest"), intsAttr("pads", 3, -2))
	g.addDomain(msDomain, "MatMulNBits", []string{out}, 1)
	g.rename(g.nodes[1].outputs[0], "y")

	m := g.model("doc")
	var buf bytes.Buffer
	if err := writeModel(&buf, m); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != m.encodedSize() {
		t.Errorf("wrote %d bytes, encodedSize says %d", buf.Len(), m.encodedSize())
	}

	d, err := decodeModel(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if d.irVersion != 8 {
		t.Errorf("ir_version = %d, want 8", d.irVersion)
	}
	if d.producer != "ttsbench" {
		t.Errorf("producer_name = %q, want ttsbench", d.producer)
	}
	if d.opsets[""] != 17 || d.opsets["com.microsoft"] != 1 {
		t.Errorf("opset_import = %v, want ai.onnx 17 and com.microsoft 1", d.opsets)
	}
	if len(d.nodes) != 2 {
		t.Fatalf("decoded %d nodes, want 2", len(d.nodes))
	}
	n := d.nodes[0]
	if n.op != "Custom" || n.domain != "" || n.name != "Custom_1" {
		t.Errorf("node 0 = %q domain %q name %q", n.op, n.domain, n.name)
	}
	if !slices.Equal(n.inputs, []string{"x", "eager", "lazy"}) {
		t.Errorf("node 0 inputs = %q", n.inputs)
	}
	if a := n.attrs["alpha"]; a.typ != attrFloat || a.f != 0.25 {
		t.Errorf("alpha = %+v, want FLOAT 0.25", a)
	}
	if a := n.attrs["axis"]; a.typ != attrInt || a.i != -1 {
		t.Errorf("axis = %+v, want INT -1", a)
	}
	if a := n.attrs["mode"]; a.typ != attrString || a.s != "nearest" {
		t.Errorf("mode = %+v, want STRING nearest", a)
	}
	if a := n.attrs["pads"]; a.typ != attrInts || !slices.Equal(a.ints, []int64{3, -2}) {
		t.Errorf("pads = %+v, want INTS [3 -2]", a)
	}
	if n := d.nodes[1]; n.domain != "com.microsoft" || !slices.Equal(n.outputs, []string{"y"}) {
		t.Errorf("node 1 domain %q outputs %q, want com.microsoft and [y]", n.domain, n.outputs)
	}

	if len(d.inits) != 2 {
		t.Fatalf("decoded %d initializers, want 2", len(d.inits))
	}
	if in := d.inits[0]; in.name != "eager" || in.dtype != dtypeFloat || !slices.Equal(in.dims, []int64{2, 2}) ||
		!bytes.Equal(in.raw, float32Bytes([]float32{1, 2, 3, 4})) {
		t.Errorf("eager initializer = %+v", in)
	}
	if in := d.inits[1]; in.name != "lazy" || !bytes.Equal(in.raw, lazyData) {
		t.Errorf("lazy initializer = %+v", in)
	}
	if len(d.inputs) != 1 || d.inputs[0].name != "x" || !slices.Equal(d.inputs[0].dims, []string{"1", "n"}) {
		t.Errorf("inputs = %+v, want x [1 n]", d.inputs)
	}
	if g.params() != 3 {
		t.Errorf("params = %d, want 3 (only the lazy initializer counts)", g.params())
	}
}

func TestEncodeRejectsWrongLazyLength(t *testing.T) {
	g := newGraph()
	g.addInit(&initializer{name: "w", dtype: dtypeFloat, dims: []int64{2}, size: 8,
		write: func(w io.Writer) error { _, err := w.Write(make([]byte, 4)); return err }})
	err := writeModel(io.Discard, g.model(""))
	var lengthErr errLazyLength
	if !errors.As(err, &lengthErr) {
		t.Fatalf("err = %v, want errLazyLength", err)
	}
}

func TestFloat16Bits(t *testing.T) {
	cases := []struct {
		in   float32
		want uint16
	}{
		{0, 0x0000},
		{float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00},
		{-2, 0xc000},
		{0.1, 0x2e66},
		{65504, 0x7bff},
		{65520, 0x7c00}, // rounds up past the largest finite value
		{1e6, 0x7c00},
		{float32(math.Inf(-1)), 0xfc00},
		{1.0 / (1 << 24), 0x0001}, // smallest subnormal
		{1.0 / (1 << 25), 0x0000}, // halfway to it rounds to even (0)
		{3.0 / (1 << 25), 0x0002}, // 1.5 ulp rounds to even (2)
		{6.1035156e-05, 0x0400},   // smallest normal
		{1.00048828125, 0x3c00},   // 1 + half an ulp rounds to even
		{1.00146484375, 0x3c02},   // 1 + 1.5 ulp rounds to even
	}
	for _, c := range cases {
		if got := float16Bits(c.in); got != c.want {
			t.Errorf("float16Bits(%g) = %#04x, want %#04x", c.in, got, c.want)
		}
	}
	if got := float16Bits(float32(math.NaN())); got&0x7c00 != 0x7c00 || got&0x3ff == 0 {
		t.Errorf("float16Bits(NaN) = %#04x, not a NaN", got)
	}
}

// FuzzFloat16 checks that the fp16 conversion picks a nearest fp16 value.
func FuzzFloat16(f *testing.F) {
	for _, v := range []float32{0, 1, -1, 0.1, 65504, 65519, 65520, 1e-8, 6e-5, 3.14159} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float32) {
		if math.IsNaN(float64(v)) {
			return
		}
		h := float16Bits(v)
		got := float64(float16Value(h))
		if math.Abs(float64(v)) >= 65520 {
			if !math.IsInf(got, int(math.Copysign(1, float64(v)))) {
				t.Fatalf("%g → %#04x = %g, want ±Inf", v, h, got)
			}
			return
		}
		err := math.Abs(got - float64(v))
		// Neither fp16 neighbour of the result may be closer to v.
		for _, nb := range []uint16{h + 1, h - 1} {
			if nb&0x7c00 == 0x7c00 || (h&0x7fff == 0 && nb == h-1) {
				continue
			}
			if e := math.Abs(float64(float16Value(nb)) - float64(v)); e < err {
				t.Fatalf("%g → %#04x (%g), but %#04x (%g) is closer", v, h, got, nb, float16Value(nb))
			}
		}
	})
}

func TestQuantizeInt8(t *testing.T) {
	w := []float32{-1.27, -0.5, 0, 0.004, 0.635, 1}
	q, scale := quantizeInt8(w)
	if scale != 0.01 {
		t.Errorf("scale = %g, want 0.01 (max |w| / 127)", scale)
	}
	want := []int8{-127, -50, 0, 0, 64, 100} // 63.5 rounds to even
	for i := range w {
		if int8(q[i]) != want[i] {
			t.Errorf("q[%d] = %d, want %d", i, int8(q[i]), want[i])
		}
	}
}

func TestQuantizeUint8(t *testing.T) {
	w := []float32{-1, -0.5, 0, 0.5, 1.55}
	q, scale, zp := quantizeUint8(w)
	if math.Abs(float64(scale)-0.01) > 1e-7 || zp != 100 {
		t.Fatalf("scale, zero point = %g, %d; want 0.01, 100", scale, zp)
	}
	for i, v := range w {
		back := float32(int(q[i])-int(zp)) * scale
		if math.Abs(float64(back-v)) > float64(scale)/2+1e-6 {
			t.Errorf("w[%d] = %g comes back as %g", i, v, back)
		}
	}
	if q[2] != zp {
		t.Errorf("0 quantizes to %d, want the zero point %d", q[2], zp)
	}
}

func TestQuantizeBlock4Layout(t *testing.T) {
	// One column, two blocks. In block 0 w[k] = (k%16 - 8)/2, so the scale
	// is 0.5, the zero point 8 and the code of row k is k%16. Block 1 is
	// all positive, so its zero point is 0.
	const k, n = 64, 1
	w := make([]float32, k*n)
	for r := range 32 {
		w[r] = float32(r%16-8) / 2
	}
	for r := 32; r < 64; r++ {
		w[r] = float32(r-32) * 0.1
	}
	q := quantizeBlock4(w, k, n, 32)
	if q.kBlocks != 2 || len(q.packed) != 32 || len(q.scales) != 2 || len(q.zeroPoints) != 1 {
		t.Fatalf("shapes: kBlocks %d, packed %d, scales %d, zero points %d; want 2, 32, 2, 1",
			q.kBlocks, len(q.packed), len(q.scales), len(q.zeroPoints))
	}
	if q.packed[0] != 0x10 || q.packed[1] != 0x32 || q.packed[7] != 0xfe {
		t.Errorf("packed[0,1,7] = %#02x %#02x %#02x; want 0x10 0x32 0xfe (even k in the low nibble)",
			q.packed[0], q.packed[1], q.packed[7])
	}
	if q.scales[0] != 0.5 {
		t.Errorf("scale of block 0 = %g, want 0.5", q.scales[0])
	}
	if q.zeroPoints[0] != 0x08 {
		t.Errorf("zero points = %#02x, want 0x08 (block 0 low nibble 8, block 1 high nibble 0)", q.zeroPoints[0])
	}
	back := q.dequantize(k, n, 32)
	for r := range k {
		if d := math.Abs(float64(back[r] - w[r])); d > float64(q.scales[r/32])/2+1e-6 {
			t.Errorf("row %d: %g comes back as %g", r, w[r], back[r])
		}
	}
}

func TestQuantizeBlock4PadsPartialBlock(t *testing.T) {
	const k, n = 40, 3 // the second block has 8 real rows and 24 padding rows
	w := make([]float32, k*n)
	for i := range w {
		w[i] = float32(math.Sin(float64(i)))
	}
	q := quantizeBlock4(w, k, n, 32)
	back := q.dequantize(k, n, 32)
	for i := range w {
		if d := math.Abs(float64(back[i] - w[i])); d > 0.07 {
			t.Errorf("element %d: %g comes back as %g", i, w[i], back[i])
		}
	}
	zpCol0 := q.zeroPoints[0] >> 4 // zero point of block 1 of column 0
	last := q.packed[(0*q.kBlocks+1)*16+15] >> 4
	if last != zpCol0 {
		t.Errorf("padding code = %d, want the block's zero point %d", last, zpCol0)
	}
}
