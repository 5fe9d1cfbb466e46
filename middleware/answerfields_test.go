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

// Print is of the header's content: another map of the same fields (made in
// another order, a clone, values in one backing array) prints the same;
// any change a writer could make to a field prints otherwise.
func TestFieldsPrintIsOfTheContent(t *testing.T) {
	base := func() http.Header {
		return http.Header{"Content-Type": {"application/json"}, "Date": {"Mon, 30 Nov 2026 02:00:00 GMT"},
			"X-Many": {"a", "b"}, "Empty": {}}
	}
	want := FieldsOf(base(), nil).Print
	if want == 0 {
		t.Fatal("a print is 0")
	}
	reordered := http.Header{}
	for _, k := range []string{"Empty", "X-Many", "Date", "Content-Type"} {
		reordered[k] = slices.Clone(base()[k])
	}
	for name, h := range map[string]http.Header{"again": base(), "clone": base().Clone(), "reordered": reordered} {
		if got := FieldsOf(h, nil).Print; got != want {
			t.Errorf("%s: print %x, want %x", name, got, want)
		}
	}
	changes := map[string]func(h http.Header){
		"value":            func(h http.Header) { h["Date"] = []string{"Mon, 30 Nov 2026 02:00:01 GMT"} },
		"value in place":   func(h http.Header) { h["X-Many"][1] = "c" },
		"values swapped":   func(h http.Header) { h["X-Many"] = []string{"b", "a"} },
		"value added":      func(h http.Header) { h.Add("X-Many", "c") },
		"value moved":      func(h http.Header) { h["X-Many"], h["Empty"] = []string{"a"}, []string{"b"} },
		"field added":      func(h http.Header) { h.Set("X-User", "alice") },
		"empty field":      func(h http.Header) { h["X-Other"] = nil },
		"field removed":    func(h http.Header) { delete(h, "Empty") },
		"name spelled":     func(h http.Header) { h["content-type"] = h["Content-Type"]; delete(h, "Content-Type") },
		"values joined":    func(h http.Header) { h["X-Many"] = []string{"a, b"} },
		"values exchanged": func(h http.Header) { h["Date"], h["Content-Type"] = h["Content-Type"], h["Date"] },
	}
	for name, change := range changes {
		h := base()
		change(h)
		if got := FieldsOf(h, nil).Print; got == want {
			t.Errorf("%s: the same print as the header before", name)
		}
	}
}
