package standin

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
)

// Size selects the stand-in's dimensions.
type Size string

const (
	// SizeKokoro has 81.9 million parameters, as many as Kokoro-82M, and
	// its fp32 file is 328 MB against the real export's 326 MB. Most of the
	// parameters are in 1-D convolutions over the upsampled sequence, as in
	// Kokoro's decoder. So load time, memory and CPU use are of the real
	// model's order, though the graph is much simpler.
	SizeKokoro Size = "kokoro"
	// SizeTiny has the same graph with 0.27 million parameters, and each
	// file is at most 1.1 MB. It is meant for tests.
	SizeTiny Size = "tiny"
)

// Fixed facts of Kokoro-82M v1.0 that the stand-in reproduces.
const (
	// SampleRate is the output sample rate in Hz.
	SampleRate = 24000
	// SamplesPerToken is the number of output samples per input id at
	// speed 1.
	SamplesPerToken = 600
	// VocabSize is the number of rows of the id embedding; ids must be in
	// [0, VocabSize).
	VocabSize = 178
	// StyleDim is the length of a style vector.
	StyleDim = 256
)

// The decoder runs at two positions per input id, as Kokoro's decoder
// runs at twice the rate of its duration frames, and each position
// becomes samplesPerFrame output samples.
const (
	framesPerToken  = 2
	samplesPerFrame = SamplesPerToken / framesPerToken
)

// sizeSpec holds the dimensions of one size.
type sizeSpec struct {
	dim        int // width of the embedding and the encoder
	ffn        int // inner width of each encoder layer
	encLayers  int // MatMul+Tanh encoder layers
	channels   int // channels of the convolution stack
	kernel     int // kernel width of every convolution in the stack
	convLayers int // residual convolutions after the input convolution
}

var sizeSpecs = map[Size]sizeSpec{
	SizeTiny:   {dim: 64, ffn: 128, encLayers: 2, channels: 64, kernel: 5, convLayers: 8},
	SizeKokoro: {dim: 512, ffn: 1024, encLayers: 6, channels: 512, kernel: 7, convLayers: 40},
}

func (s Size) spec() (sizeSpec, error) {
	if sp, ok := sizeSpecs[s]; ok {
		return sp, nil
	}
	return sizeSpec{}, fmt.Errorf("standin: unknown size %q; use %q or %q", string(s), SizeTiny, SizeKokoro)
}

// Weight gains of the residual branches. Below 1 the layers damp rather
// than amplify small changes of their input, so the rounding error of a
// quantized variant stays small at the output. With gains of 1, the 40
// convolutions of the kokoro size turned the 4-bit MatMul error into an
// output correlation of 0.67 with fp32. With these gains it is about 0.99.
const (
	encoderGain  = 0.75
	residualGain = 0.5
)

// hooks are the graph changes that Options offers to tests.
type hooks struct {
	idsName, outputName string
	outputRank          int
	nonFinite           NonFinite
}

// builder writes one variant of the stand-in graph.
//
// The graph, for T padded ids and speed s:
//
//	input_ids [1,T] → Gather(embedding) [1,T,D] + MatMul(style) [1,D]
//	→ encLayers × (x = Tanh(x + MatMul(Tanh(MatMul(x)))))     [1,T,D]
//	→ Transpose [1,D,T] → Resize(nearest) to F = ceil(2T/s)   [1,D,F]
//	→ Conv(D→C) → convLayers × (x = Tanh(x + Conv(x)))        [1,C,F]
//	→ Conv(C→300, kernel 1) → Transpose, Reshape → Tanh        [1,300·F]
//
// so the output has 300·ceil(2T/s) samples, within 300 of 600·T/s.
type builder struct {
	g    *graph
	size sizeSpec
	v    variantSpec
	seed uint64
}

// build returns the graph of variant v.
func build(size sizeSpec, v variantSpec, h hooks, seed uint64) *graph {
	b := &builder{g: newGraph(), size: size, v: v, seed: seed}
	g := b.g
	d := int64(size.dim)

	g.inputs = append(g.inputs,
		valueInfoProto(h.idsName, dtypeInt64, dim{size: 1}, dim{param: "sequence_length"}),
		valueInfoProto("style", dtypeFloat, dim{size: 1}, dim{size: StyleDim}),
		valueInfoProto("speed", dtypeFloat, dim{size: 1}),
	)

	// Text side: embedding plus a projection of the style vector.
	emb := b.floatWeight("embedding.weight", []int64{VocabSize, d}, float32(math.Sqrt(3)))
	x := g.add1("Gather", []string{emb, h.idsName}, intAttr("axis", 0))
	style := b.linear("style_proj", "style", StyleDim, size.dim, 3)
	x = g.add1("Add", []string{x, style})
	for i := range size.encLayers {
		name := fmt.Sprintf("encoder.%d", i)
		y := g.add1("Tanh", []string{b.linear(name+".ffn1", x, size.dim, size.ffn, encoderGain)})
		y = b.linear(name+".ffn2", y, size.ffn, size.dim, encoderGain)
		x = g.add1("Tanh", []string{g.add1("Add", []string{x, y})})
	}

	// Length regulation: ceil(T * framesPerToken / speed) frames.
	x = g.add1("Transpose", []string{x}, intsAttr("perm", 0, 2, 1))
	shape := g.add1("Shape", []string{h.idsName})
	tokens := g.add1("Gather", []string{shape, g.constInt64("const.index1", 1)}, intAttr("axis", 0))
	frames := g.add1("Cast", []string{tokens}, intAttr("to", int64(dtypeFloat)))
	frames = g.add1("Mul", []string{frames, g.constFloat("const.frames_per_token", []int64{1}, framesPerToken)})
	frames = g.add1("Div", []string{frames, "speed"})
	frames = g.add1("Ceil", []string{frames})
	frames = g.add1("Cast", []string{frames}, intAttr("to", int64(dtypeInt64)))
	sizes := g.add1("Concat", []string{g.constInt64("const.batch_channels", 1, d), frames}, intAttr("axis", 0))
	x = g.add1("Resize", []string{x, "", "", sizes},
		stringAttr("mode", "nearest"),
		stringAttr("coordinate_transformation_mode", "asymmetric"),
		stringAttr("nearest_mode", "floor"))

	// Decoder: a stack of residual 1-D convolutions, framesPerToken
	// positions per input id.
	x = g.add1("Tanh", []string{b.conv1d("decoder.conv_in", x, size.dim, size.channels, size.kernel, 1)})
	for i := range size.convLayers {
		y := b.conv1d(fmt.Sprintf("decoder.conv.%d", i), x, size.channels, size.channels, size.kernel, residualGain)
		x = g.add1("Tanh", []string{g.add1("Add", []string{x, y})})
	}
	x = b.conv1d("decoder.conv_out", x, size.channels, samplesPerFrame, 1, 1)
	x = g.add1("Transpose", []string{x}, intsAttr("perm", 0, 2, 1)) // [1,F,samplesPerFrame]
	switch h.nonFinite {
	case NonFiniteAll:
		x = g.add1("Add", []string{x, g.constFloat("const.nan", []int64{1}, float32(math.NaN()))})
	case NonFiniteSome:
		mask := make([]float32, samplesPerFrame)
		mask[0] = float32(math.NaN())
		x = g.add1("Add", []string{x, g.constFloat("const.nan_mask", []int64{samplesPerFrame}, mask...)})
	}
	outShape := map[int][]int64{1: {-1}, 2: {1, -1}, 3: {1, 1, -1}}[h.outputRank]
	x = g.add1("Reshape", []string{x, g.constInt64("const.output_shape", outShape...)})
	x = g.add1("Tanh", []string{x})
	g.rename(x, h.outputName)

	outDims := []dim{{param: "num_samples"}}
	for len(outDims) < h.outputRank {
		outDims = append([]dim{{size: 1}}, outDims...)
	}
	g.outputs = append(g.outputs, valueInfoProto(h.outputName, dtypeFloat, outDims...))
	return g
}

// values returns the fp32 weight called name: n values drawn uniformly
// from [-bound, bound] by a PCG generator. The generator is seeded with the
// model seed and a hash of the name, so each weight is the same in every
// variant and does not depend on the order weights are generated in.
func (b *builder) values(name string, n int, bound float32) []float32 {
	h := fnv.New64a()
	_, _ = io.WriteString(h, name)
	r := rand.New(rand.NewPCG(b.seed, h.Sum64()))
	out := make([]float32, n)
	for i := range out {
		out[i] = (2*r.Float32() - 1) * bound
	}
	return out
}

// floatWeight adds a weight that stays floating point and returns the
// name of its fp32 value. An fp16 variant stores it as fp16 and adds a
// Cast to fp32.
func (b *builder) floatWeight(name string, dims []int64, bound float32) string {
	n := 1
	for _, d := range dims {
		n *= int(d)
	}
	in := &initializer{name: name, dims: dims, params: int64(n)}
	if b.v.fp16 {
		in.name = name + "_fp16"
		in.dtype = dtypeFloat16
		in.size = 2 * n
		in.write = func(w io.Writer) error {
			_, err := w.Write(float16Data(b.values(name, n, bound)))
			return err
		}
		b.g.addInit(in)
		return b.g.add1("Cast", []string{in.name}, intAttr("to", int64(dtypeFloat)))
	}
	in.dtype = dtypeFloat
	in.size = 4 * n
	in.write = func(w io.Writer) error { return writeFloat32(w, b.values(name, n, bound)) }
	return b.g.addInit(in)
}

// bias adds the bias of a layer: small values so that the weights dominate.
func (b *builder) bias(name string, dims ...int64) string {
	return b.floatWeight(name, dims, 0.1)
}

// linear adds x·W + bias for a [k,n] weight initialized with variance
// gain²/k, in the variant's MatMul form, and returns the output name.
func (b *builder) linear(name, x string, k, n int, gain float32) string {
	g := b.g
	bound := gain * float32(math.Sqrt(3/float64(k)))
	dims := []int64{int64(k), int64(n)}
	var y string
	switch b.v.matmul {
	case modeFloat:
		w := b.floatWeight(name+".weight", dims, bound)
		y = g.add1("MatMul", []string{x, w})
	case modeInt8, modeUint8:
		w := b.values(name+".weight", k*n, bound)
		y = b.integerOp("MatMulInteger", name+".weight", x, w, dims, b.v.matmul)
	case modeQ4:
		w := b.values(name+".weight", k*n, bound)
		if b.v.q4AsFloat {
			deq := quantizeBlock4(w, k, n, q4BlockSize).dequantize(k, n, q4BlockSize)
			wf := g.constFloat(name+".weight", dims, deq...)
			y = g.add1("MatMul", []string{x, wf})
			break
		}
		y = b.matMulNBits(name+".weight", x, w, k, n)
	}
	return g.add1("Add", []string{y, b.bias(name+".bias", int64(n))})
}

// conv1d adds a same-padded 1-D convolution over [1,cin,F] with a
// [cout,cin,kernel] weight initialized with variance gain²/(cin·kernel), in
// the variant's Conv form, and returns the output name.
func (b *builder) conv1d(name, x string, cin, cout, kernel int, gain float32) string {
	g := b.g
	bound := gain * float32(math.Sqrt(3/float64(cin*kernel)))
	dims := []int64{int64(cout), int64(cin), int64(kernel)}
	attrs := []attribute{
		intsAttr("kernel_shape", int64(kernel)),
		intsAttr("pads", int64(kernel/2), int64(kernel/2)),
		intsAttr("strides", 1),
		intsAttr("dilations", 1),
		intAttr("group", 1),
	}
	biasDims := []int64{int64(cout), 1}
	switch b.v.conv {
	case modeInt8, modeUint8:
		w := b.values(name+".weight", cout*cin*kernel, bound)
		y := b.integerOp("ConvInteger", name+".weight", x, w, dims, b.v.conv, attrs...)
		return g.add1("Add", []string{y, b.bias(name+".bias", biasDims...)})
	}
	w := b.floatWeight(name+".weight", dims, bound)
	y := g.add1("Conv", []string{x, w}, attrs...)
	return g.add1("Add", []string{y, b.bias(name+".bias", biasDims...)})
}

// integerOp adds the dynamic quantization pattern of ONNX Runtime's
// quantize_dynamic: the activation goes through DynamicQuantizeLinear, the
// product is computed in integers by op (MatMulInteger or ConvInteger),
// then cast to fp32 and multiplied by both scales.
func (b *builder) integerOp(op, name, x string, w []float32, dims []int64, mode weightMode, attrs ...attribute) string {
	g := b.g
	var q []byte
	var scale float32
	var zp []byte
	dtype := dtypeInt8
	if mode == modeUint8 {
		var z byte
		q, scale, z = quantizeUint8(w)
		zp = []byte{z}
		dtype = dtypeUint8
	} else {
		q, scale = quantizeInt8(w)
		zp = []byte{0}
	}
	wq := g.addInit(&initializer{name: name + "_quantized", dtype: dtype, dims: dims, data: q, params: int64(len(w))})
	wzp := g.addInit(&initializer{name: name + "_zero_point", dtype: dtype, dims: []int64{}, data: zp})
	wscale := g.constFloat(name+"_scale", []int64{}, scale)

	xq := g.add("DynamicQuantizeLinear", []string{x}, 3)
	y := g.add1(op, []string{xq[0], wq, xq[2], wzp}, attrs...)
	y = g.add1("Cast", []string{y}, intAttr("to", int64(dtypeFloat)))
	s := g.add1("Mul", []string{xq[1], wscale})
	return g.add1("Mul", []string{y, s})
}

// matMulNBits adds x·W for a [k,n] weight as com.microsoft MatMulNBits with
// 4-bit codes in blocks of 32 along k, each block with a scale and a zero
// point. An fp16 variant casts x to fp16, computes in fp16 with fp16
// scales and casts the result back.
func (b *builder) matMulNBits(name, x string, w []float32, k, n int) string {
	const bits, blockSize = 4, q4BlockSize
	g := b.g
	q := quantizeBlock4(w, k, n, blockSize)
	kb := int64(q.kBlocks)
	packed := g.addInit(&initializer{name: name + "_Q4", dtype: dtypeUint8,
		dims: []int64{int64(n), kb, blockSize / 2}, data: q.packed, params: int64(len(w))})
	var scales string
	if b.v.fp16 {
		scales = g.addInit(&initializer{name: name + "_scales", dtype: dtypeFloat16,
			dims: []int64{int64(n), kb}, data: float16Data(q.scales)})
	} else {
		scales = g.constFloat(name+"_scales", []int64{int64(n), kb}, q.scales...)
	}
	zp := g.addInit(&initializer{name: name + "_zero_points", dtype: dtypeUint8,
		dims: []int64{int64(n), (kb + 1) / 2}, data: q.zeroPoints})

	if b.v.fp16 {
		x = g.add1("Cast", []string{x}, intAttr("to", int64(dtypeFloat16)))
	}
	y := g.addDomain(msDomain, "MatMulNBits", []string{x, packed, scales, zp}, 1,
		intAttr("K", int64(k)), intAttr("N", int64(n)),
		intAttr("bits", bits), intAttr("block_size", blockSize))[0]
	if b.v.fp16 {
		y = g.add1("Cast", []string{y}, intAttr("to", int64(dtypeFloat)))
	}
	return y
}

// q4BlockSize is the MatMulNBits block size of the 4-bit variants, the
// value onnx-community's q4 exports use.
const q4BlockSize = 32

// writeFloat32 writes values as little-endian fp32 in chunks, so a large
// weight needs no second full-size buffer.
func writeFloat32(w io.Writer, values []float32) error {
	buf := make([]byte, 0, 1<<16)
	for _, v := range values {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		if len(buf) == cap(buf) {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// paramCount returns the parameter count of size s: the elements of every
// fp32 weight of the graph. It builds the graph without generating weights.
func paramCount(s Size) (int64, error) {
	sp, err := s.spec()
	if err != nil {
		return 0, err
	}
	g := build(sp, variantSpec{}, defaultHooks(), 1)
	return g.params(), nil
}
