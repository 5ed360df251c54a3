package hub_test

import (
	"fmt"

	"github.com/ttsbench/ttsbench/internal/hub"
)

func ExampleSelection_Apply() {
	listing := []hub.File{
		{Path: "config.json"},
		{Path: "onnx/model.onnx"},
		{Path: "onnx/model_q8f16.onnx"},
		{Path: "voices/af_bella.bin"},
		{Path: "voices/af_heart.bin"},
		{Path: "voices/bm_george.bin"},
	}
	sel := hub.Selection{Variants: []string{"model_q8f16"}, Voices: []string{"af_*"}}
	files, err := sel.Apply(listing)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range files {
		fmt.Println(f.Path)
	}
	// Output:
	// onnx/model_q8f16.onnx
	// voices/af_bella.bin
	// voices/af_heart.bin
}
