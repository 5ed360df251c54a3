package standin

import "fmt"

// Variant names one model file of the folder, without the .onnx suffix,
// as onnx-community/Kokoro-82M-v1.0-ONNX names them.
type Variant string

// The eight variants of onnx-community/Kokoro-82M-v1.0-ONNX. Each stand-in
// variant uses the operator types of its real counterpart, derived from the
// same fp32 weights, so the variants produce similar but not identical
// audio.
const (
	// VariantFP32 has fp32 weights.
	VariantFP32 Variant = "model"
	// VariantFP16 stores the weights as fp16 initializers, each followed by
	// a Cast to fp32. Inputs and outputs stay fp32.
	VariantFP16 Variant = "model_fp16"
	// VariantQuantized quantizes MatMul and Conv weights to int8 and runs
	// them as DynamicQuantizeLinear + MatMulInteger / ConvInteger.
	VariantQuantized Variant = "model_quantized"
	// VariantUint8 is VariantQuantized with uint8 weights.
	VariantUint8 Variant = "model_uint8"
	// VariantQ4 runs MatMuls as com.microsoft MatMulNBits with 4-bit
	// weights in blocks of 32. Convolutions stay fp32.
	VariantQ4 Variant = "model_q4"
	// VariantQ4F16 is VariantQ4 computing the MatMulNBits in fp16, with the
	// other weights stored as fp16.
	VariantQ4F16 Variant = "model_q4f16"
	// VariantQ8F16 is VariantQuantized with the remaining float weights
	// stored as fp16.
	VariantQ8F16 Variant = "model_q8f16"
	// VariantUint8F16 is VariantUint8 with the remaining float weights
	// stored as fp16.
	VariantUint8F16 Variant = "model_uint8f16"
)

// Variants returns the eight variants in the order Write writes them.
func Variants() []Variant {
	return []Variant{VariantFP32, VariantFP16, VariantQuantized, VariantUint8,
		VariantQ4, VariantQ4F16, VariantQ8F16, VariantUint8F16}
}

// File returns the variant's path inside a model folder, with forward
// slashes: "onnx/NAME.onnx".
func (v Variant) File() string { return "onnx/" + string(v) + ".onnx" }

// weightMode is how a MatMul or Conv weight is stored and computed.
type weightMode int

const (
	modeFloat weightMode = iota // fp32 (or fp16 + Cast when the variant is f16)
	modeInt8                    // int8 symmetric, DynamicQuantizeLinear + *Integer
	modeUint8                   // uint8 asymmetric, DynamicQuantizeLinear + *Integer
	modeQ4                      // MatMulNBits, 4 bits, block size 32
)

// variantSpec is how a variant turns the fp32 weights into a graph.
type variantSpec struct {
	matmul weightMode
	conv   weightMode
	// fp16 stores every weight that stays float as fp16. With modeQ4 it
	// also computes the MatMulNBits in fp16.
	fp16 bool
	// q4AsFloat replaces each MatMulNBits by a MatMul with the weights it
	// encodes, dequantized to fp32. Tests compare the two to check the
	// 4-bit packing against ONNX Runtime's reading of it.
	q4AsFloat bool
}

func (v Variant) spec() (variantSpec, error) {
	switch v {
	case VariantFP32:
		return variantSpec{}, nil
	case VariantFP16:
		return variantSpec{fp16: true}, nil
	case VariantQuantized:
		return variantSpec{matmul: modeInt8, conv: modeInt8}, nil
	case VariantUint8:
		return variantSpec{matmul: modeUint8, conv: modeUint8}, nil
	case VariantQ4:
		return variantSpec{matmul: modeQ4}, nil
	case VariantQ4F16:
		return variantSpec{matmul: modeQ4, fp16: true}, nil
	case VariantQ8F16:
		return variantSpec{matmul: modeInt8, conv: modeInt8, fp16: true}, nil
	case VariantUint8F16:
		return variantSpec{matmul: modeUint8, conv: modeUint8, fp16: true}, nil
	}
	return variantSpec{}, fmt.Errorf("standin: unknown variant %q; use one of %v", string(v), Variants())
}
