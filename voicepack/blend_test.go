package voicepack

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ttsbench/ttsbench/internal/testenv"
)

func TestParseBlend(t *testing.T) {
	t.Parallel()
	tests := []struct {
		input   string
		want    Blend
		wantErr string // substring, "" when no error is expected
	}{
		// Normal cases.
		{"af_bella.6+af_sky.4", Blend{{"af_bella", 0.6}, {"af_sky", 0.4}}, ""},
		{"af_bella(2)+af_sky(1)", Blend{{"af_bella", 2}, {"af_sky", 1}}, ""},
		{"af_bella + af_sky", Blend{{"af_bella", 1}, {"af_sky", 1}}, ""},
		{"af_bella.25+af_sky(0.5)+am_adam", Blend{{"af_bella", 0.25}, {"af_sky", 0.5}, {"am_adam", 1}}, ""},
		{"af_bella( 1.5 )", Blend{{"af_bella", 1.5}}, ""},
		{"af_bella.05", Blend{{"af_bella", 0.05}}, ""},
		{"af_a(1e-300)+af_b(2e300)", Blend{{"af_a", 1e-300}, {"af_b", 2e300}}, ""},
		// Repeated voices have their weights added.
		{"af_bella(1)+af_sky(1)+af_bella(2)", Blend{{"af_bella", 3}, {"af_sky", 1}}, ""},

		// Errors.
		{"", nil, "empty term"},
		{"af_bella+", nil, "empty term"},
		{"af_bella(0)", nil, "greater than 0"},
		{"af_bella(-1)", nil, "greater than 0"},
		{"af_bella(NaN)", nil, "greater than 0"},
		{"af_bella(Inf)", nil, "greater than 0"},
		{"af_bella(two)", nil, "weight is not a number"},
		{"af_bella.", nil, "expected digits after '.'"},
		{"af_bella.6x", nil, "expected digits after '.'"},
		{"af_bella)", nil, "without '('"},
		{"af/bella(1)", nil, "voice name"},
		{"(1)", nil, "voice name"},
		{"af_a(1e308)+af_b(1e308)", nil, "sum of the weights overflows"},
		{"af_a(1e308)+af_a(1e308)", nil, `weight of voice "af_a" overflows`},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			got, err := ParseBlend(tt.input)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseBlend(%q) err = %v, want one containing %q", tt.input, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ParseBlend(%q) = %v, want %v", tt.input, got, tt.want)
			}
			for i := range got {
				if got[i].Voice != tt.want[i].Voice || math.Abs(got[i].Weight-tt.want[i].Weight) > 1e-12 {
					t.Errorf("term %d = %v, want %v", i, got[i], tt.want[i])
				}
			}

			again, err := ParseBlend(got.String())
			if err != nil || again.String() != got.String() {
				t.Errorf("String() %q does not parse back to itself: %v, %v", got.String(), again, err)
			}
		})
	}
}

func TestMixWeightedAverage(t *testing.T) {
	t.Parallel()
	a, b := mustPack(t, "a", synthRows(1)), mustPack(t, "b", synthRows(2))
	m, err := Mix("a(2)+b(1)", []*Pack{a, b}, []float64{2, 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.rows {
		want := float32((2*float64(a.rows[i]) + float64(b.rows[i])) / 3)
		if m.rows[i] != want {
			t.Fatalf("value %d = %v, want %v", i, m.rows[i], want)
		}
	}
	if m.Name != "a(2)+b(1)" {
		t.Errorf("Name = %q, want a(2)+b(1)", m.Name)
	}

	if _, err := Mix("x", []*Pack{a}, []float64{1, 2}); err == nil {
		t.Error("Mix accepted 1 pack with 2 weights")
	}
	if _, err := Mix("x", []*Pack{a}, []float64{0}); err == nil {
		t.Error("Mix accepted weight 0")
	}
}

func TestSetBlendRealPacks(t *testing.T) {
	t.Parallel()
	s, err := Open(testenv.VoicesDir(t))
	if err != nil {
		t.Fatal(err)
	}
	bella, err := s.Get("af_bella")
	if err != nil {
		t.Fatal(err)
	}
	sky, err := s.Get("af_sky")
	if err != nil {
		t.Fatal(err)
	}

	// The two spellings of a 60/40 blend give the same values.
	dotted, err := s.Get("af_bella.6+af_sky.4")
	if err != nil {
		t.Fatal(err)
	}
	bracketed, err := s.Get("af_bella(3)+af_sky(2)")
	if err != nil {
		t.Fatal(err)
	}
	for i := range dotted.rows {
		want := 0.6*float64(bella.rows[i]) + 0.4*float64(sky.rows[i])
		if math.Abs(float64(dotted.rows[i])-want) > 1e-6 || math.Abs(float64(bracketed.rows[i])-want) > 1e-6 {
			t.Fatalf("value %d = %v and %v, want %v", i, dotted.rows[i], bracketed.rows[i], want)
		}
	}
	if dotted.Name != "af_bella(0.6)+af_sky(0.4)" {
		t.Errorf("Name = %q, want af_bella(0.6)+af_sky(0.4)", dotted.Name)
	}

	// A blend of one voice is that voice, bit for bit.
	single, err := s.Get("af_bella(1)")
	if err != nil {
		t.Fatal(err)
	}
	if !slicesEqualBits(single.rows, bella.rows) {
		t.Error("blend af_bella(1) differs from af_bella")
	}

	if _, err := s.Get("af_bella+af_nobody"); err == nil || !strings.Contains(err.Error(), "af_nobody") {
		t.Errorf("blend with unknown voice: err = %v, want one naming af_nobody", err)
	}
	if filepath.Base(s.Source()) != testenv.VoicesRelease {
		t.Errorf("Source() = %q", s.Source())
	}
}

// FuzzParseBlend checks that ParseBlend never panics and that every blend it
// accepts has valid terms and prints to a form that parses back the same.
func FuzzParseBlend(f *testing.F) {
	for _, seed := range []string{"af_bella.6+af_sky.4", "af_bella(2)+af_sky(1)", "a+b+a", "x(1e308)+y(1e308)", "af_bella.", "(", ")"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBlend(s)
		if err != nil {
			return
		}
		if len(b) == 0 {
			t.Fatalf("ParseBlend(%q) returned no terms and no error", s)
		}
		for _, term := range b {
			if !validVoiceName(term.Voice) || !(term.Weight > 0) {
				t.Fatalf("ParseBlend(%q) returned invalid term %+v", s, term)
			}
		}
		again, err := ParseBlend(b.String())
		if err != nil {
			t.Fatalf("String() %q of ParseBlend(%q) does not parse: %v", b.String(), s, err)
		}
		if again.String() != b.String() {
			t.Fatalf("%q parsed back as %q", b.String(), again.String())
		}
	})
}
