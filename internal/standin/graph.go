package standin

import (
	"bufio"
	"encoding/binary"
	"io"
	"math"
	"strconv"
)

// Operator sets the stand-in models import.
const (
	irVersion       = 8
	onnxOpset       = 17
	msDomain        = "com.microsoft"
	msOpset         = 1
	graphName       = "kokoro_standin"
	producerName    = "ttsbench"
	producerVersion = "standin-" + generatorVersionString
)

// node is one operator in the graph.
type node struct {
	name, op, domain string
	inputs, outputs  []string
	attrs            []attribute
}

// initializer is a constant tensor of the graph. Its raw data is either
// held in data or produced by write while the file is written.
type initializer struct {
	name  string
	dtype int32
	dims  []int64
	data  []byte
	size  int // bytes write produces
	write func(w io.Writer) error
	// params is the number of model parameters the tensor represents: the
	// element count of the fp32 weight it was derived from, counted once
	// per weight. Constants of the graph (shapes, axes) have 0.
	params int64
}

// graph collects nodes, initializers, inputs and outputs in the order they
// are added, which makes the encoded file deterministic.
type graph struct {
	nodes   []*node
	inits   []*initializer
	inputs  []*message
	outputs []*message
	used    map[string]int // op type → nodes added, for unique node names
	domains map[string]bool
}

func newGraph() *graph {
	return &graph{used: map[string]int{}, domains: map[string]bool{}}
}

// add appends a node of the default ONNX domain and returns its outputs,
// named after the node.
func (g *graph) add(op string, inputs []string, nOut int, attrs ...attribute) []string {
	return g.addDomain("", op, inputs, nOut, attrs...)
}

// add1 is add for an operator with one output.
func (g *graph) add1(op string, inputs []string, attrs ...attribute) string {
	return g.add(op, inputs, 1, attrs...)[0]
}

func (g *graph) addDomain(domain, op string, inputs []string, nOut int, attrs ...attribute) []string {
	g.used[op]++
	name := op + "_" + strconv.Itoa(g.used[op])
	outs := make([]string, nOut)
	for i := range outs {
		outs[i] = name + "_out" + strconv.Itoa(i)
	}
	g.nodes = append(g.nodes, &node{name: name, op: op, domain: domain, inputs: inputs, outputs: outs, attrs: attrs})
	if domain != "" {
		g.domains[domain] = true
	}
	return outs
}

// rename gives the last node's first output a chosen name, used for the
// graph output.
func (g *graph) rename(from, to string) {
	for _, n := range g.nodes {
		for i, in := range n.inputs {
			if in == from {
				n.inputs[i] = to
			}
		}
		for i, out := range n.outputs {
			if out == from {
				n.outputs[i] = to
			}
		}
	}
}

// constInt64 adds a 1-D int64 constant.
func (g *graph) constInt64(name string, values ...int64) string {
	data := make([]byte, 8*len(values))
	for i, v := range values {
		binary.LittleEndian.PutUint64(data[8*i:], uint64(v))
	}
	g.inits = append(g.inits, &initializer{name: name, dtype: dtypeInt64, dims: []int64{int64(len(values))}, data: data})
	return name
}

// constFloat adds a float32 constant of the given shape.
func (g *graph) constFloat(name string, dims []int64, values ...float32) string {
	g.inits = append(g.inits, &initializer{name: name, dtype: dtypeFloat, dims: dims, data: float32Bytes(values)})
	return name
}

// addInit appends an initializer and returns its name.
func (g *graph) addInit(in *initializer) string {
	g.inits = append(g.inits, in)
	return in.name
}

// params returns the parameter count the graph's initializers stand for.
func (g *graph) params() int64 {
	var n int64
	for _, in := range g.inits {
		n += in.params
	}
	return n
}

// opTypes returns the distinct operator types of the graph, each written
// as domain:op for operators outside the default domain, in first-use order.
func (g *graph) opTypes() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range g.nodes {
		k := n.op
		if n.domain != "" {
			k = n.domain + ":" + n.op
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// model builds the ModelProto.
func (g *graph) model(doc string) *message {
	gp := newMessage()
	for _, n := range g.nodes {
		gp.message(1, nodeProto(n))
	}
	gp.string(2, graphName)
	for _, in := range g.inits {
		t := tensorProto(in.name, in.dtype, in.dims)
		if in.write != nil {
			t.lazyBytes(9, in.size, in.write)
		} else {
			t.bytes(9, in.data)
		}
		gp.message(5, t)
	}
	for _, in := range g.inputs {
		gp.message(11, in)
	}
	for _, out := range g.outputs {
		gp.message(12, out)
	}

	m := newMessage()
	m.varint(1, irVersion)
	m.string(2, producerName)
	m.string(3, producerVersion)
	m.string(6, doc)
	m.message(7, gp)
	m.message(8, opsetProto("", onnxOpset))
	m.message(8, opsetProto(msDomain, msOpset))
	return m
}

// writeModel encodes the model to w.
func writeModel(w io.Writer, m *message) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := m.writeTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}

func float32Bytes(values []float32) []byte {
	out := make([]byte, 4*len(values))
	for i, v := range values {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(v))
	}
	return out
}
