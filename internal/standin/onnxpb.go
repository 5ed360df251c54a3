package standin

import (
	"bufio"
	"fmt"
	"io"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// This file is a minimal protobuf writer for the parts of onnx.proto that
// the stand-in models use. Field numbers come from onnx/onnx.proto (IR
// version 8). Messages are built as trees and written in one pass, so the
// weights of a large model are produced while the file is written instead
// of being held in memory twice.

// ONNX TensorProto.DataType values.
const (
	dtypeFloat   int32 = 1
	dtypeUint8   int32 = 2
	dtypeInt8    int32 = 3
	dtypeInt32   int32 = 6
	dtypeInt64   int32 = 7
	dtypeFloat16 int32 = 10
)

// ONNX AttributeProto.AttributeType values.
const (
	attrFloat  = 1
	attrInt    = 2
	attrString = 3
	attrInts   = 7
)

// message is a protobuf message under construction: its fields in the
// order they are written.
type message struct {
	fields []field
	size   int // cached encoded size; -1 until computed
}

type field struct {
	num   protowire.Number
	typ   protowire.Type
	num64 uint64   // varint or fixed32 value
	data  []byte   // bytes value
	sub   *message // embedded message
	lazy  *lazyBytes
}

// lazyBytes is a bytes field whose length is known up front and whose
// content is produced while writing.
type lazyBytes struct {
	n     int
	write func(w io.Writer) error
}

func newMessage() *message { return &message{size: -1} }

func (m *message) varint(num protowire.Number, v uint64) *message {
	m.fields = append(m.fields, field{num: num, typ: protowire.VarintType, num64: v})
	m.size = -1
	return m
}

func (m *message) fixed32(num protowire.Number, v uint32) *message {
	m.fields = append(m.fields, field{num: num, typ: protowire.Fixed32Type, num64: uint64(v)})
	m.size = -1
	return m
}

func (m *message) bytes(num protowire.Number, b []byte) *message {
	m.fields = append(m.fields, field{num: num, typ: protowire.BytesType, data: b})
	m.size = -1
	return m
}

func (m *message) string(num protowire.Number, s string) *message {
	return m.bytes(num, []byte(s))
}

func (m *message) message(num protowire.Number, sub *message) *message {
	m.fields = append(m.fields, field{num: num, typ: protowire.BytesType, sub: sub})
	m.size = -1
	return m
}

func (m *message) lazyBytes(num protowire.Number, n int, write func(w io.Writer) error) *message {
	m.fields = append(m.fields, field{num: num, typ: protowire.BytesType, lazy: &lazyBytes{n: n, write: write}})
	m.size = -1
	return m
}

// encodedSize returns the number of bytes writeTo produces.
func (m *message) encodedSize() int {
	if m.size >= 0 {
		return m.size
	}
	n := 0
	for _, f := range m.fields {
		n += protowire.SizeTag(f.num)
		switch {
		case f.typ == protowire.VarintType:
			n += protowire.SizeVarint(f.num64)
		case f.typ == protowire.Fixed32Type:
			n += protowire.SizeFixed32()
		case f.sub != nil:
			n += protowire.SizeBytes(f.sub.encodedSize())
		case f.lazy != nil:
			n += protowire.SizeBytes(f.lazy.n)
		default:
			n += protowire.SizeBytes(len(f.data))
		}
	}
	m.size = n
	return n
}

// writeTo writes the message's wire encoding to w.
func (m *message) writeTo(w *bufio.Writer) error {
	var head []byte
	for _, f := range m.fields {
		head = protowire.AppendTag(head[:0], f.num, f.typ)
		switch {
		case f.typ == protowire.VarintType:
			head = protowire.AppendVarint(head, f.num64)
		case f.typ == protowire.Fixed32Type:
			head = protowire.AppendFixed32(head, uint32(f.num64))
		case f.sub != nil:
			head = protowire.AppendVarint(head, uint64(f.sub.encodedSize()))
		case f.lazy != nil:
			head = protowire.AppendVarint(head, uint64(f.lazy.n))
		default:
			head = protowire.AppendVarint(head, uint64(len(f.data)))
		}
		if _, err := w.Write(head); err != nil {
			return err
		}
		switch {
		case f.sub != nil:
			if err := f.sub.writeTo(w); err != nil {
				return err
			}
		case f.lazy != nil:
			cw := &countingWriter{w: w}
			if err := f.lazy.write(cw); err != nil {
				return err
			}
			if cw.n != f.lazy.n {
				return errLazyLength{want: f.lazy.n, got: cw.n}
			}
		case f.typ == protowire.BytesType:
			if _, err := w.Write(f.data); err != nil {
				return err
			}
		}
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// errLazyLength reports a raw_data writer that broke its declared length,
// which would corrupt every field after it.
type errLazyLength struct{ want, got int }

func (e errLazyLength) Error() string {
	return fmt.Sprintf("standin: internal error: tensor raw_data has %d bytes, declared %d", e.got, e.want)
}

// The constructors below name the onnx.proto messages they build.

// opsetProto builds an OperatorSetIdProto.
func opsetProto(domain string, version int64) *message {
	m := newMessage()
	if domain != "" {
		m.string(1, domain)
	}
	return m.varint(2, uint64(version))
}

// dim is one dimension of a graph input or output: a fixed size, or a
// symbolic name when param is set.
type dim struct {
	size  int64
	param string
}

// valueInfoProto builds a ValueInfoProto for a tensor.
func valueInfoProto(name string, elemType int32, dims ...dim) *message {
	shape := newMessage()
	for _, d := range dims {
		dm := newMessage()
		if d.param != "" {
			dm.string(2, d.param)
		} else {
			dm.varint(1, uint64(d.size))
		}
		shape.message(1, dm)
	}
	tensorType := newMessage().varint(1, uint64(elemType)).message(2, shape)
	typ := newMessage().message(1, tensorType)
	return newMessage().string(1, name).message(2, typ)
}

// tensorProto builds a TensorProto header (dims, data_type, name); the
// caller adds raw_data (field 9).
func tensorProto(name string, dtype int32, dims []int64) *message {
	m := newMessage()
	for _, d := range dims {
		m.varint(1, uint64(d))
	}
	m.varint(2, uint64(dtype))
	return m.string(8, name)
}

// attribute is one NodeProto attribute.
type attribute struct {
	name string
	kind int // attrFloat, attrInt, attrString or attrInts
	f    float32
	i    int64
	s    string
	ints []int64
}

func intAttr(name string, v int64) attribute     { return attribute{name: name, kind: attrInt, i: v} }
func floatAttr(name string, v float32) attribute { return attribute{name: name, kind: attrFloat, f: v} }
func stringAttr(name, v string) attribute        { return attribute{name: name, kind: attrString, s: v} }
func intsAttr(name string, v ...int64) attribute {
	return attribute{name: name, kind: attrInts, ints: v}
}

// proto builds the AttributeProto.
func (a attribute) proto() *message {
	m := newMessage().string(1, a.name)
	switch a.kind {
	case attrFloat:
		m.fixed32(2, math.Float32bits(a.f))
	case attrInt:
		m.varint(3, uint64(a.i))
	case attrString:
		m.string(4, a.s)
	case attrInts:
		for _, v := range a.ints {
			m.varint(8, uint64(v))
		}
	}
	return m.varint(20, uint64(a.kind))
}

// nodeProto builds a NodeProto.
func nodeProto(n *node) *message {
	m := newMessage()
	for _, in := range n.inputs {
		m.string(1, in)
	}
	for _, out := range n.outputs {
		m.string(2, out)
	}
	m.string(3, n.name)
	m.string(4, n.op)
	for _, a := range n.attrs {
		m.message(5, a.proto())
	}
	if n.domain != "" {
		m.string(7, n.domain)
	}
	return m
}
