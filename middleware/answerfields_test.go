package middleware

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"
)

// FieldsOf answers in one pass what FieldValues, ImpersonalWith and
// HandsSessionWith answer each in their own: for every header, the same.
func TestFieldsOfAgreesWithEachQuestion(t *testing.T) {
	names := []string{"Cache-Control", "cache-control", "CACHE-CONTROL", "Vary", "vary", "VARY", "Content-Type",
		"Set-Cookie", "set-cookie", "X-Session-Token", "Authorization", "Authentication-Info", "WWW-Authenticate",
		"X-Tenant-Key", "x-tenant-key", "Date", "ETag", "Varx", "Cache-Controk"}
	values := []string{"no-store", "public", "max-age=60", "public, no-store", "X-Shard", "*", "Cookie", "", "a=b"}
	rng := rand.New(rand.NewPCG(1, 2))
	credNames := [][]string{nil, {"X-Tenant-Key"}, {"cache-control"}}
	for i := 0; i < 5000; i++ {
		h := http.Header{}
		for n := rng.IntN(6); n > 0; n-- {
			var vs []string
			for m := rng.IntN(3); m > 0; m-- {
				vs = append(vs, values[rng.IntN(len(values))])
			}
			h[names[rng.IntN(len(names))]] = vs
		}
		cn := credNames[rng.IntN(len(credNames))]
		f := FieldsOf(h, cn)
		if want := FieldValues(h, "Cache-Control"); !slices.Equal(f.CacheControl, want) {
			t.Fatalf("%v: CacheControl %q, FieldValues %q", h, f.CacheControl, want)
		}
		if want := FieldValues(h, "Vary"); !slices.Equal(f.Vary, want) {
			t.Fatalf("%v: Vary %q, FieldValues %q", h, f.Vary, want)
		}
		if want := HandsSessionWith(h, cn); f.HandsSession != want {
			t.Fatalf("%v with %q: HandsSession %v, HandsSessionWith %v", h, cn, f.HandsSession, want)
		}
		imp := ImpersonalWith(h, cn)
		if copied := len(imp) != len(h); f.Personal != copied {
			t.Fatalf("%v with %q: Personal %v, ImpersonalWith left out %d fields", h, cn, f.Personal, len(h)-len(imp))
		}
	}
}
