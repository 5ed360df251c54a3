package standin

import (
	"fmt"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// This file decodes the ONNX files the package writes, with protowire
// alone, so the tests check the encoder against the wire format rather
// than against itself.

type wireField struct {
	num    protowire.Number
	typ    protowire.Type
	varint uint64
	fixed  uint32
	bytes  []byte
}

func decodeFields(b []byte) ([]wireField, error) {
	var out []wireField
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, fmt.Errorf("bad tag: %w", protowire.ParseError(n))
		}
		b = b[n:]
		f := wireField{num: num, typ: typ}
		switch typ {
		case protowire.VarintType:
			f.varint, n = protowire.ConsumeVarint(b)
		case protowire.Fixed32Type:
			f.fixed, n = protowire.ConsumeFixed32(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			return nil, fmt.Errorf("field %d: unexpected wire type %d", num, typ)
		}
		if n < 0 {
			return nil, fmt.Errorf("field %d: %w", num, protowire.ParseError(n))
		}
		b = b[n:]
		out = append(out, f)
	}
	return out, nil
}

type decodedModel struct {
	irVersion int64
	producer  string
	opsets    map[string]int64
	nodes     []decodedNode
	inits     []decodedTensor
	inputs    []decodedValueInfo
	outputs   []decodedValueInfo
}

type decodedNode struct {
	name, op, domain string
	inputs, outputs  []string
	attrs            map[string]decodedAttr
}

type decodedAttr struct {
	typ  int64
	f    float32
	i    int64
	s    string
	ints []int64
}

type decodedTensor struct {
	name  string
	dtype int32
	dims  []int64
	raw   []byte
}

func (t decodedTensor) elements() int64 {
	n := int64(1)
	for _, d := range t.dims {
		n *= d
	}
	return n
}

type decodedValueInfo struct {
	name     string
	elemType int32
	dims     []string // a number, or the symbolic name
}

func decodeModel(b []byte) (*decodedModel, error) {
	fields, err := decodeFields(b)
	if err != nil {
		return nil, fmt.Errorf("ModelProto: %w", err)
	}
	m := &decodedModel{opsets: map[string]int64{}}
	for _, f := range fields {
		switch f.num {
		case 1:
			m.irVersion = int64(f.varint)
		case 2:
			m.producer = string(f.bytes)
		case 7:
			if err := m.decodeGraph(f.bytes); err != nil {
				return nil, err
			}
		case 8:
			sub, err := decodeFields(f.bytes)
			if err != nil {
				return nil, fmt.Errorf("OperatorSetIdProto: %w", err)
			}
			var domain string
			var version int64
			for _, s := range sub {
				switch s.num {
				case 1:
					domain = string(s.bytes)
				case 2:
					version = int64(s.varint)
				}
			}
			m.opsets[domain] = version
		}
	}
	return m, nil
}

func (m *decodedModel) decodeGraph(b []byte) error {
	fields, err := decodeFields(b)
	if err != nil {
		return fmt.Errorf("GraphProto: %w", err)
	}
	for _, f := range fields {
		switch f.num {
		case 1:
			n, err := decodeNode(f.bytes)
			if err != nil {
				return err
			}
			m.nodes = append(m.nodes, n)
		case 5:
			t, err := decodeTensor(f.bytes)
			if err != nil {
				return err
			}
			m.inits = append(m.inits, t)
		case 11, 12:
			vi, err := decodeValueInfo(f.bytes)
			if err != nil {
				return err
			}
			if f.num == 11 {
				m.inputs = append(m.inputs, vi)
			} else {
				m.outputs = append(m.outputs, vi)
			}
		}
	}
	return nil
}

func decodeNode(b []byte) (decodedNode, error) {
	fields, err := decodeFields(b)
	if err != nil {
		return decodedNode{}, fmt.Errorf("NodeProto: %w", err)
	}
	n := decodedNode{attrs: map[string]decodedAttr{}}
	for _, f := range fields {
		switch f.num {
		case 1:
			n.inputs = append(n.inputs, string(f.bytes))
		case 2:
			n.outputs = append(n.outputs, string(f.bytes))
		case 3:
			n.name = string(f.bytes)
		case 4:
			n.op = string(f.bytes)
		case 7:
			n.domain = string(f.bytes)
		case 5:
			sub, err := decodeFields(f.bytes)
			if err != nil {
				return n, fmt.Errorf("AttributeProto: %w", err)
			}
			var name string
			var a decodedAttr
			for _, s := range sub {
				switch s.num {
				case 1:
					name = string(s.bytes)
				case 2:
					a.f = math.Float32frombits(s.fixed)
				case 3:
					a.i = int64(s.varint)
				case 4:
					a.s = string(s.bytes)
				case 8:
					a.ints = append(a.ints, int64(s.varint))
				case 20:
					a.typ = int64(s.varint)
				}
			}
			n.attrs[name] = a
		}
	}
	return n, nil
}

func decodeTensor(b []byte) (decodedTensor, error) {
	fields, err := decodeFields(b)
	if err != nil {
		return decodedTensor{}, fmt.Errorf("TensorProto: %w", err)
	}
	var t decodedTensor
	for _, f := range fields {
		switch f.num {
		case 1:
			t.dims = append(t.dims, int64(f.varint))
		case 2:
			t.dtype = int32(f.varint)
		case 8:
			t.name = string(f.bytes)
		case 9:
			t.raw = f.bytes
		}
	}
	return t, nil
}

func decodeValueInfo(b []byte) (decodedValueInfo, error) {
	var vi decodedValueInfo
	fields, err := decodeFields(b)
	if err != nil {
		return vi, fmt.Errorf("ValueInfoProto: %w", err)
	}
	for _, f := range fields {
		switch f.num {
		case 1:
			vi.name = string(f.bytes)
		case 2: // TypeProto
			typ, err := decodeFields(f.bytes)
			if err != nil {
				return vi, err
			}
			for _, tf := range typ {
				if tf.num != 1 { // tensor_type
					continue
				}
				tensor, err := decodeFields(tf.bytes)
				if err != nil {
					return vi, err
				}
				for _, ef := range tensor {
					switch ef.num {
					case 1:
						vi.elemType = int32(ef.varint)
					case 2: // TensorShapeProto
						shape, err := decodeFields(ef.bytes)
						if err != nil {
							return vi, err
						}
						for _, d := range shape {
							dimFields, err := decodeFields(d.bytes)
							if err != nil {
								return vi, err
							}
							for _, df := range dimFields {
								switch df.num {
								case 1:
									vi.dims = append(vi.dims, fmt.Sprint(df.varint))
								case 2:
									vi.dims = append(vi.dims, string(df.bytes))
								}
							}
						}
					}
				}
			}
		}
	}
	return vi, nil
}

// opTypes returns the distinct operator types in first-use order, written
// like graph.opTypes.
func (m *decodedModel) opTypes() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range m.nodes {
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
