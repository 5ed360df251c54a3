package standin

import (
	"math"
)

// float16Bits converts f to IEEE 754 binary16, rounding to nearest even.
// Values beyond the fp16 range become ±Inf and NaN stays NaN.
func float16Bits(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23) & 0xff
	mant := b & 0x7fffff

	if exp == 0xff {
		if mant != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	}
	e := exp - 127 + 15
	if e >= 0x1f {
		return sign | 0x7c00
	}
	if e <= 0 {
		// The result is subnormal: value = m * 2^-24 with m < 1024.
		if e < -10 {
			return sign
		}
		m := mant | 0x800000
		shift := uint(14 - e)
		rounded := m + (1 << (shift - 1)) - 1 + ((m >> shift) & 1)
		return sign | uint16(rounded>>shift)
	}
	rounded := mant + 0xfff + ((mant >> 13) & 1)
	if rounded&0x800000 != 0 {
		rounded = 0
		e++
		if e >= 0x1f {
			return sign | 0x7c00
		}
	}
	return sign | uint16(e)<<10 | uint16(rounded>>13)
}

// float16Value converts IEEE 754 binary16 bits to float32.
func float16Value(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp == 0:
		v := float32(mant) / (1 << 24)
		if sign != 0 {
			v = -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// float16Data encodes values as little-endian fp16.
func float16Data(values []float32) []byte {
	out := make([]byte, 2*len(values))
	for i, v := range values {
		h := float16Bits(v)
		out[2*i] = byte(h)
		out[2*i+1] = byte(h >> 8)
	}
	return out
}

// quantizeInt8 quantizes w symmetrically to int8 with one scale for the
// whole tensor, as ONNX Runtime's dynamic quantizer does for int8 weights:
// the zero point is 0 and w ≈ q * scale.
func quantizeInt8(w []float32) (q []byte, scale float32) {
	var maxAbs float32
	for _, v := range w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale = maxAbs / 127
	if scale == 0 {
		scale = 1
	}
	q = make([]byte, len(w))
	for i, v := range w {
		x := math.RoundToEven(float64(v / scale))
		q[i] = byte(int8(min(max(x, -127), 127)))
	}
	return q, scale
}

// quantizeUint8 quantizes w asymmetrically to uint8 with one scale and zero
// point for the whole tensor: w ≈ (q - zeroPoint) * scale. The range always
// contains 0 so that 0 is exact.
func quantizeUint8(w []float32) (q []byte, scale float32, zeroPoint byte) {
	var lo, hi float32
	for _, v := range w {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	scale = (hi - lo) / 255
	if scale == 0 {
		scale = 1
	}
	zp := math.RoundToEven(float64(-lo / scale))
	zp = min(max(zp, 0), 255)
	q = make([]byte, len(w))
	for i, v := range w {
		x := math.RoundToEven(float64(v/scale)) + zp
		q[i] = byte(min(max(x, 0), 255))
	}
	return q, scale, byte(zp)
}

// blockQuant4 is a [K,N] matrix quantized to 4 bits in the layout of
// com.microsoft MatMulNBits (bits=4): per output column n, the K values are
// cut into blocks of blockSize along K, each with its own scale and zero
// point, and w[k][n] ≈ (q - zeroPoint) * scale.
type blockQuant4 struct {
	// packed has shape [N, kBlocks, blockSize/2]: two codes per byte, the
	// code of the even k in the low nibble.
	packed []byte
	// scales has shape [N, kBlocks].
	scales []float32
	// zeroPoints has shape [N, ceil(kBlocks/2)], packed two per byte like
	// packed, the zero point of the even block in the low nibble.
	zeroPoints []byte
	kBlocks    int
}

// quantizeBlock4 quantizes the row-major [k,n] matrix w. Rows past k up to
// a whole block are padded with the block's zero point, so they
// dequantize to 0.
func quantizeBlock4(w []float32, k, n, blockSize int) blockQuant4 {
	kBlocks := (k + blockSize - 1) / blockSize
	blob := blockSize / 2
	zpCols := (kBlocks + 1) / 2
	out := blockQuant4{
		packed:     make([]byte, n*kBlocks*blob),
		scales:     make([]float32, n*kBlocks),
		zeroPoints: make([]byte, n*zpCols),
		kBlocks:    kBlocks,
	}
	for col := range n {
		for blk := range kBlocks {
			k0, k1 := blk*blockSize, min((blk+1)*blockSize, k)
			var lo, hi float32
			for r := k0; r < k1; r++ {
				lo = min(lo, w[r*n+col])
				hi = max(hi, w[r*n+col])
			}
			scale := (hi - lo) / 15
			if scale == 0 {
				scale = 1
			}
			zp := byte(min(max(math.RoundToEven(float64(-lo/scale)), 0), 15))
			out.scales[col*kBlocks+blk] = scale
			zpByte := &out.zeroPoints[col*zpCols+blk/2]
			if blk%2 == 0 {
				*zpByte |= zp
			} else {
				*zpByte |= zp << 4
			}

			base := (col*kBlocks + blk) * blob
			for j := range blockSize {
				code := zp
				if r := k0 + j; r < k1 {
					x := math.RoundToEven(float64(w[r*n+col]/scale)) + float64(zp)
					code = byte(min(max(x, 0), 15))
				}
				if j%2 == 0 {
					out.packed[base+j/2] |= code
				} else {
					out.packed[base+j/2] |= code << 4
				}
			}
		}
	}
	return out
}

// dequantize returns the [k,n] matrix that the codes encode. The tests use
// it to check the packing against the fp32 weights.
func (q blockQuant4) dequantize(k, n, blockSize int) []float32 {
	blob := blockSize / 2
	zpCols := (q.kBlocks + 1) / 2
	w := make([]float32, k*n)
	for col := range n {
		for r := range k {
			blk, j := r/blockSize, r%blockSize
			code := q.packed[(col*q.kBlocks+blk)*blob+j/2]
			zp := q.zeroPoints[col*zpCols+blk/2]
			if j%2 == 1 {
				code >>= 4
			}
			if blk%2 == 1 {
				zp >>= 4
			}
			w[r*n+col] = float32(int(code&0xf)-int(zp&0xf)) * q.scales[col*q.kBlocks+blk]
		}
	}
	return w
}
