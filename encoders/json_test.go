package encoders

import (
	"math"
	"testing"
)

// A negative zero is written 0, as JSON.stringify writes it; "-0" in a
// string and other numbers stay.
func TestMarshalJSONNegativeZero(t *testing.T) {
	nz := math.Copysign(0, -1)
	for _, c := range []struct {
		in   any
		want string
	}{
		{nz, `0`},
		{map[string]any{"z": nz, "s": "-0", "n": -0.5, "m": -10, "e": `a\"-0`}, `{"e":"a\\\"-0","m":-10,"n":-0.5,"s":"-0","z":0}`},
		{[]any{nz, nz, []float64{nz}}, `[0,0,[0]]`},
		{struct{ F float32 }{float32(nz)}, `{"F":0}`},
	} {
		got, err := MarshalJSON(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("MarshalJSON(%v) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
}
