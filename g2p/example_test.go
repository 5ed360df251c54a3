package g2p_test

import (
	"context"
	"fmt"

	"github.com/ttsbench/ttsbench/g2p"
)

func ExamplePhonemizer_Chunks() {
	p, err := g2p.New(g2p.Options{})
	if err != nil {
		panic(err)
	}
	chunks, err := p.Chunks(context.Background(), "Hello world. How are you?", "af_heart")
	if err != nil {
		panic(err)
	}
	for _, c := range chunks {
		fmt.Printf("%s | %s | %v\n", c.Text, c.Phonemes, g2p.Pad(c.IDs))
	}
	// Output:
	// Hello world. | həlˈoʊ wˈɜːld. | [0 50 83 54 156 57 135 16 65 156 87 158 54 46 4 0]
	// How are you? | hˈaʊ ɑːɹ juː? | [0 50 156 43 135 16 69 158 123 16 52 63 158 6 0]
}

func ExampleSplitSentences() {
	for _, s := range g2p.SplitSentences("Dr. Smith arrived at 5 p.m. on Friday. He left at 6.") {
		fmt.Println(s)
	}
	// Output:
	// Dr. Smith arrived at 5 p.m. on Friday.
	// He left at 6.
}
