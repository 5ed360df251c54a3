package voicepack_test

import (
	"fmt"

	"github.com/ttsbench/ttsbench/voicepack"
)

func ExampleParseBlend() {
	b, err := voicepack.ParseBlend("af_bella.6+af_sky.4")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range b {
		fmt.Printf("%s weight %.1f\n", t.Voice, t.Weight)
	}
	fmt.Println(b)
	// Output:
	// af_bella weight 0.6
	// af_sky weight 0.4
	// af_bella(0.6)+af_sky(0.4)
}

func ExamplePack_Style() {
	rows := make([]float32, voicepack.Rows*voicepack.Dim)
	for r := range voicepack.Rows {
		rows[r*voicepack.Dim] = float32(r) // first value of each row is its index
	}
	p, err := voicepack.NewPack("xf_demo", rows)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The row for an utterance of n phoneme ids is min(n, 509).
	for _, n := range []int{0, 12, 509, 800} {
		fmt.Printf("n=%d row=%v\n", n, p.Style(n)[0])
	}
	// Output:
	// n=0 row=0
	// n=12 row=12
	// n=509 row=509
	// n=800 row=509
}
