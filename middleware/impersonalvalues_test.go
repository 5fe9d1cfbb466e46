package middleware

import (
	"math/rand/v2"
	"net/http"
	"reflect"
	"testing"
)

// ImpersonalCloneAndValues gives, for every header, the clone without the
// personal fields that Clone and ImpersonalWith give, and the values of
// every spelling of the name that FieldValues gives, personal ones too.
func TestImpersonalCloneAndValuesIsBoth(t *testing.T) {
	keys := []string{"Vary", "vary", "VARY", "VarY", "Set-Cookie", "X-Tenant-Key", "Content-Type", "Date", "Varx", ""}
	values := []string{"Accept", "X-Shard", "*", "", "a=b"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 3000; i++ {
		h := http.Header{}
		for n := rng.IntN(6); n > 0; n-- {
			k := keys[rng.IntN(len(keys))]
			switch rng.IntN(4) {
			case 0:
				h[k] = nil
			default:
				h[k] = append(h[k], values[rng.IntN(len(values))])
			}
		}
		names := [][]string{nil, {"x-tenant-key"}, {"vary"}}[i%3]
		for _, name := range []string{"Vary", "Date", ""} {
			clone, vs := ImpersonalCloneAndValues(h, names, name)
			// Built another way (ImpersonalCloneWith is this function):
			// Clone, then the personal fields left out.
			if want := ImpersonalWith(h.Clone(), names); !reflect.DeepEqual(clone, want) {
				t.Fatalf("%v, %v: clone %v, want %v", h, names, clone, want)
			}
			want := FieldValues(h, name)
			if name == "" {
				want = nil
			}
			if !reflect.DeepEqual(vs, want) {
				t.Fatalf("%v, %q: values %q, want %q", h, name, vs, want)
			}
		}
	}
	if c, vs := ImpersonalCloneAndValues(nil, nil, "Vary"); c != nil || vs != nil {
		t.Fatal("a nil header gives something")
	}
}
