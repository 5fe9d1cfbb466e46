package encoders

import (
	"errors"
	"math"
	"net"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type queryInner struct {
	X int `json:"x"`
}

type QueryEmbedded struct {
	E string `json:"e"`
}

type queryParams struct {
	Zeta   string     `json:"zeta"`
	Alpha  int        // no tag: the Go name
	Skip   string     `json:"-"`
	Empty  string     `json:"empty,omitempty"`
	ZeroN  int        `json:"zn,omitempty"`
	Full   string     `json:"full,omitempty"`
	Ptr    *int       `json:"ptr"`
	Nested queryInner `json:"nested"`
	QueryEmbedded
	hidden string
	Dash   string    `json:"-,"` // named "-", as in encoding/json
	When   time.Time `json:"when,omitzero"`
}

func TestQuery(t *testing.T) {
	five := 5
	loop := map[string]any{}
	loop["self"] = loop
	var nilParams *queryParams
	tests := []struct {
		name string
		data any
		want string
	}{
		{"nil", nil, ""},
		{"string as is", "a=1&b=x y", "a=1&b=x y"},
		{"string leading ?", "?a=1", "a=1"},
		{"string leading &", "&a=1", "a=1"},
		{"bytes as is", []byte("a=%20"), "a=%20"},
		{"nil pointer", nilParams, ""},
		{"empty map", map[string]any{}, ""},
		{"sorted keys", map[string]string{"b": "2", "a": "1", "c": "3"}, "a=1&b=2&c=3"},
		{"space is %20", map[string]any{"q": "a b"}, "q=a%20b"},
		{"plus amp eq hash", map[string]any{"q": "a+b&c=d#e"}, "q=a%2Bb%26c%3Dd%23e"},
		{"escaped key", map[string]any{"a b&c": "v"}, "a%20b%26c=v"},
		{"unicode", map[string]any{"中文": "😀"}, "%E4%B8%AD%E6%96%87=%F0%9F%98%80"},
		{"unreserved", map[string]any{"s": "!'()*~-_."}, "s=!'()*~-_."},
		// Taro's serializeParams: an array's Object.keys, its indexes in
		// order (10 after 9), an object element as its JSON text.
		{"slice by index", []any{1, "b c", map[string]any{"k": 1}}, "0=1&1=b%20c&2=%7B%22k%22%3A1%7D"},
		{"slice nil element left out", []any{"a", nil, "c"}, "0=a&2=c"},
		{"slice indexes in numeric order", make([]int, 11), "0=0&1=0&2=0&3=0&4=0&5=0&6=0&7=0&8=0&9=0&10=0"},
		{"empty slice", []string{}, ""},
		{"array by index", [2]bool{true, false}, "0=true&1=false"},
		{"nested map", map[string]any{"a": map[string]any{"b": 1}}, "a=%7B%22b%22%3A1%7D"},
		{"slice value", map[string]any{"a": []int{1, 2}}, "a=%5B1%2C2%5D"},
		{"empty slice value", map[string]any{"a": []int{}}, "a=%5B%5D"},
		{"nested no html escape", map[string]any{"a": []string{"<&>"}}, "a=%5B%22%3C%26%3E%22%5D"},
		{"nil values left out", map[string]any{
			"a": nil, "b": (*int)(nil), "c": map[string]int(nil), "d": []int(nil), "e": "x", "f": "",
		}, "e=x&f="},
		{"numbers and bools", map[string]any{
			"i": 3, "f": 1.5, "g": 2.0, "t": true, "u": uint8(7), "big": 1e21, "small": 1.5e-7,
			"f32": float32(0.1), "neg": math.Copysign(0, -1), "n": -42, "nan": math.NaN(),
		}, "big=1e%2B21&f=1.5&f32=0.1&g=2&i=3&n=-42&nan=NaN&neg=0&small=1.5e-7&t=true&u=7"},
		{"bytes value", map[string]any{"b": []byte("x y")}, "b=x%20y"},
		{"time value", map[string]any{"t": time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}, "t=2024-01-02T03%3A04%3A05Z"},
		{"text marshaler", map[string]any{"ip": net.ParseIP("::1")}, "ip=%3A%3A1"},
		{"pointer value", map[string]*int{"p": &five, "q": nil}, "p=5"},
		{"int keys sorted as text", map[int]string{10: "a", 2: "b"}, "10=a&2=b"},
		{"url.Values repeated", url.Values{"b": {"2", "1"}, "a": {"x y"}}, "a=x%20y&b=2&b=1"},
		{"pointer to url.Values", &url.Values{"a": {"1"}}, "a=1"},
		{"struct", queryParams{
			Zeta: "z z", Alpha: 2, Skip: "no", Full: "f", Nested: queryInner{1},
			QueryEmbedded: QueryEmbedded{"emb"}, hidden: "h", Dash: "d",
		}, "zeta=z%20z&Alpha=2&full=f&nested=%7B%22x%22%3A1%7D&e=emb&-=d"},
		{"pointer to struct", &queryParams{Ptr: &five, When: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
			"zeta=&Alpha=0&ptr=5&nested=%7B%22x%22%3A0%7D&e=&-=&when=2024-01-02T00%3A00%3A00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Query(tt.data)
			if err != nil {
				t.Fatalf("Query: %v", err)
			}
			if got != tt.want {
				t.Errorf("Query =\n %q\nwant\n %q", got, tt.want)
			}
			if m, ok := tt.data.(map[string]any); ok { // the reflect path too
				if got, err := Query(namedMap(m)); err != nil || got != tt.want {
					t.Errorf("Query(namedMap) = %q, %v", got, err)
				}
			}
		})
	}
}

func TestQueryEmbeddedConflicts(t *testing.T) {
	type A struct{ Name, OnlyA string }
	type B struct{ Name, OnlyB string }
	type C struct {
		Name string `json:"name"`
	}
	type Outer struct {
		A
		B // A.Name and B.Name conflict at one depth: both dropped
		*C
		Top string
	}
	got, err := Query(Outer{A: A{"a", "oa"}, B: B{"b", "ob"}, C: &C{"c"}, Top: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "OnlyA=oa&OnlyB=ob&name=c&Top=t"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A nil embedded pointer leaves its fields out.
	got, err = Query(Outer{Top: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "OnlyA=&OnlyB=&Top=t"; got != want {
		t.Errorf("nil embedded: got %q, want %q", got, want)
	}
}

func TestQueryErrors(t *testing.T) {
	loop := map[string]any{}
	loop["self"] = loop
	type withFunc struct{ F func() }
	tests := []struct {
		name     string
		data     any
		contains string
	}{
		{"int", 5, "int"},
		{"bool", true, "bool"},
		{"chan", make(chan int), "chan int"},
		{"func", func() {}, "func()"},
		{"func value", map[string]any{"f": func() {}}, `"f"`},
		{"chan value", map[string]any{"c": make(chan int)}, `"c"`},
		{"complex value", map[string]any{"c": complex(1, 2)}, "complex128"},
		{"cyclic", loop, "cycle"},
		{"func field", withFunc{F: func() {}}, `"F"`},
		{"bad key", map[[2]int]string{{1, 2}: "x"}, "[2]int"},
		{"nested func", map[string]any{"m": map[string]any{"f": func() {}}}, "func()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Query(tt.data)
			if !errors.Is(err, ErrUnencodable) {
				t.Fatalf("Query = %q, %v; want an error wrapping ErrUnencodable", got, err)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not mention %q", err, tt.contains)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {0.1, "0.1"}, {1.5, "1.5"}, {100, "100"},
		{123456789012, "123456789012"}, {1e20, "100000000000000000000"}, {1e21, "1e+21"},
		{1.5e300, "1.5e+300"}, {1e-6, "0.000001"}, {1e-7, "1e-7"}, {-2.5e-8, "-2.5e-8"},
		{math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"}, {math.MaxFloat64, "1.7976931348623157e+308"},
		{5e-324, "5e-324"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.f, 64); got != tt.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// namedMap takes Query's reflect path.
type namedMap map[string]any

// FuzzQueryRoundTrip checks that url.ParseQuery reads back exactly the key
// and value that Query wrote.
func FuzzQueryRoundTrip(f *testing.F) {
	for _, seed := range [][2]string{
		{"a", "1"}, {"", ""}, {"k", ""}, {"", "v"}, {"a b", "c d"}, {"a+b", "c+d"},
		{"&", "="}, {"#", "?"}, {";", ";"}, {"%", "%25"}, {"中文", "😀"},
		{"!'()*~", "-_."}, {"\x00", "\x7f"}, {"k", "a=b&c=d"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, k, v string) {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			t.Skip()
		}
		q, err := Query(map[string]string{k: v})
		if err != nil {
			t.Fatal(err)
		}
		got, err := url.ParseQuery(q)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", q, err)
		}
		if len(got) != 1 || len(got[k]) != 1 || got[k][0] != v {
			t.Fatalf("Query(%q: %q) = %q, parsed back as %q", k, v, q, got)
		}
		// The other fast path and the generic (reflect) path give the same text.
		for _, data := range []any{map[string]any{k: v}, namedMap{k: v}} {
			if q2, err := Query(data); err != nil || q2 != q {
				t.Fatalf("%T gives %q, %v; map[string]string gives %q", data, q2, err, q)
			}
		}
	})
}

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
		if got := appendPlainPair([]byte("p=1"), 0, EncodeURIComponent("k y"), rv); string(got) != string(want) {
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
