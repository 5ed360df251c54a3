package voicepack

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A BlendTerm is one voice of a blend with its relative weight.
type BlendTerm struct {
	// Voice is the voice name, such as "af_bella".
	Voice string
	// Weight is the voice's relative weight, greater than zero. Weights are
	// divided by their sum when the blend is mixed.
	Weight float64
}

// A Blend is a weighted average of voices.
type Blend []BlendTerm

// IsBlend reports whether s uses blend syntax ('+', '(' or '.'), none of which
// appear in plain voice names.
func IsBlend(s string) bool {
	return strings.ContainsAny(s, "+(.")
}

// ParseBlend parses a blend expression: voice terms joined by '+'. A term is a
// voice name alone (weight 1), a name with its weight in brackets
// ("af_bella(2)"), or a name followed by a decimal fraction ("af_bella.6" has
// weight 0.6). Terms naming the same voice have their weights added.
//
//	ParseBlend("af_bella.6+af_sky.4")     // 0.6 and 0.4
//	ParseBlend("af_bella(2)+af_sky(1)")   // 2/3 and 1/3 once mixed
func ParseBlend(s string) (Blend, error) {
	var b Blend
	index := map[string]int{}
	for _, term := range strings.Split(s, "+") {
		t, err := parseBlendTerm(strings.TrimSpace(term))
		if err != nil {
			return nil, fmt.Errorf("voicepack: invalid blend %q: %w", s, err)
		}
		if i, ok := index[t.Voice]; ok {
			b[i].Weight += t.Weight
			continue
		}
		index[t.Voice] = len(b)
		b = append(b, t)
	}
	if err := checkWeightSum(b); err != nil {
		return nil, fmt.Errorf("voicepack: invalid blend %q: %w", s, err)
	}
	return b, nil
}

func parseBlendTerm(term string) (BlendTerm, error) {
	var (
		name   = term
		weight = 1.0
	)
	switch {
	case term == "":
		return BlendTerm{}, fmt.Errorf("empty term, expected a voice name such as af_bella(2)")
	case strings.HasSuffix(term, ")"):
		open := strings.IndexByte(term, '(')
		if open < 0 {
			return BlendTerm{}, fmt.Errorf("term %q has ')' without '('", term)
		}
		name = strings.TrimSpace(term[:open])
		w, err := strconv.ParseFloat(strings.TrimSpace(term[open+1:len(term)-1]), 64)
		if err != nil {
			return BlendTerm{}, fmt.Errorf("term %q: weight is not a number", term)
		}
		weight = w
	case strings.Contains(term, "."):
		dot := strings.IndexByte(term, '.')
		name = term[:dot]
		digits := term[dot+1:]
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			return BlendTerm{}, fmt.Errorf("term %q: expected digits after '.', as in af_bella.6", term)
		}
		weight, _ = strconv.ParseFloat("0."+digits, 64)
	}

	if !validVoiceName(name) {
		return BlendTerm{}, fmt.Errorf("term %q: voice name %q must be letters, digits, '_' or '-'", term, name)
	}
	if !(weight > 0) || math.IsInf(weight, 0) {
		return BlendTerm{}, fmt.Errorf("term %q: weight %v must be a finite number greater than 0", term, weight)
	}
	return BlendTerm{Voice: name, Weight: weight}, nil
}

func validVoiceName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		ok := r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

// String returns the blend in bracket form, such as "af_bella(2)+af_sky(1)",
// which ParseBlend reads back to the same blend.
func (b Blend) String() string {
	terms := make([]string, len(b))
	for i, t := range b {
		// No exponent form: its '+' would split the term.
		terms[i] = t.Voice + "(" + strconv.FormatFloat(t.Weight, 'f', -1, 64) + ")"
	}
	return strings.Join(terms, "+")
}

// checkWeightSum rejects a blend whose merged weights or weight sum are not
// finite.
func checkWeightSum(b Blend) error {
	var sum float64
	for _, t := range b {
		if math.IsInf(t.Weight, 0) {
			return fmt.Errorf("weight of voice %q overflows float64; use smaller weights", t.Voice)
		}
		sum += t.Weight
	}
	if math.IsInf(sum, 0) {
		return fmt.Errorf("the sum of the weights overflows float64; use smaller weights")
	}
	return nil
}

// Mix returns the weighted average of packs, named name: each value is
// Σ weights[i]·packs[i] / Σ weights, computed in float64 and rounded to
// float32 once. Weights must be finite and greater than zero.
func Mix(name string, packs []*Pack, weights []float64) (*Pack, error) {
	if len(packs) == 0 || len(packs) != len(weights) {
		return nil, fmt.Errorf("voicepack: mix %q: %d packs and %d weights, expected the same number and at least one",
			name, len(packs), len(weights))
	}
	var sum float64
	for i, w := range weights {
		if !(w > 0) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("voicepack: mix %q: weight %v of voice %q must be a finite number greater than 0",
				name, w, packs[i].Name)
		}
		sum += w
	}
	if math.IsInf(sum, 0) {
		return nil, fmt.Errorf("voicepack: mix %q: the sum of the weights overflows float64; use smaller weights", name)
	}

	acc := make([]float64, Rows*Dim)
	for i, p := range packs {
		for j, v := range p.rows {
			acc[j] += weights[i] * float64(v)
		}
	}
	rows := make([]float32, Rows*Dim)
	for j, v := range acc {
		rows[j] = float32(v / sum)
	}
	return &Pack{Name: name, rows: rows}, nil
}
