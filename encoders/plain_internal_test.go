package encoders

import (
	"math"
	"reflect"
	"testing"
	"time"
)

type level int

func (l level) MarshalText() ([]byte, error) { return []byte("L" + string(rune('0'+l))), nil }

type name string

// A plain field is written as the general path writes it.
func TestPlainPairMatchesPair(t *testing.T) {
	for _, v := range []any{"", "a b&c=d/é+%", true, false, 0, -1, math.MinInt64, int8(-128), uint64(math.MaxUint64),
		uint8(255), name("x y"), time.Duration(-5)} {
		rv := reflect.ValueOf(v)
		if !plainType(rv.Type()) {
			t.Fatalf("%T is not plain", v)
		}
		want, _ := appendPair([]byte("p=1"), 0, "k y", rv)
		if got := appendPlainPair([]byte("p=1"), 0, "k y", rv); string(got) != string(want) {
			t.Errorf("%T %v: %q, want %q", v, v, got, want)
		}
	}
	for _, v := range []any{level(1), 1.5, []byte("x"), &struct{}{}, time.Time{}, any(nil)} {
		if v != nil && plainType(reflect.TypeOf(v)) {
			t.Errorf("%T is plain", v)
		}
	}
	type q struct {
		L level `json:"l"`
		N int   `json:"n"`
	}
	if got, err := Query(q{L: 2, N: 3}); err != nil || got != "l=L2&n=3" {
		t.Errorf("Query = %q, %v", got, err)
	}
}
