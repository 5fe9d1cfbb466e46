package credential

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestRedactUserinfoAndSemicolons(t *testing.T) {
	for in, want := range map[string]string{
		"https://alice:pw@h/x?q=1":        "https://h/x?q=1",
		"https://ghp_token@h/x":           "https://h/x",
		"https://alice:pw@h/x%zz?token=a": "https://h/x%zz",   // does not parse
		"https://alice:p@w@h:8/x%zz#frag": "https://h:8/x%zz", // '@' in the password
		// A secret's value runs to the next '&' (a server splitting on '&'
		// alone reads token="abc;b=2"): REDACTED, ';' and all.
		"https://h/x?a=1;token=abc;b=2&c=3":      "https://h/x?a=1;token=REDACTED&c=3",
		"https://h/x?a=1&access_token=abc;sig=z": "https://h/x?a=1&access_token=REDACTED",
		"::not a url alice:pw@h":                 "::not a url alice:pw@h", // no authority: nothing to find
	} {
		if got := String(in); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}

func TestIsHeader(t *testing.T) {
	extra := []string{"X-Tenant"}
	for name, want := range map[string]bool{
		"Authorization": true, "proxy-authorization": true, "Cookie": true, "Set-Cookie": true,
		"Cookie2": true, "set-cookie2": true,
		"X-Api-Key": true, "X-Auth-Token": true, "X-Client-Secret": true, "Api-Key": true,
		"x-tenant": true, "Idempotency-Key": false, "Accept": false, "Content-Type": false,
		"If-None-Match": false, "X-Request-Id": false,
		// JWTs, DPoP proofs and bearer tokens under their own names.
		"X-Jwt-Assertion": true, "X-Goog-Iap-Jwt-Assertion": true, "DPoP": true, "dpop": true, "X-Bearer": true,
		"Accept-Encoding": false, "Content-Encoding": false, "X-Error-Code": false, "Location": false,
	} {
		if got := IsHeader(name, extra); got != want {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	h := http.Header{"Authorization": {"a"}, "X-Api-Key": {"k"}, "X-Tenant": {"t"}, "Accept": {"*/*"}, "Idempotency-Key": {"i"}}
	if !HasAny(h, nil) {
		t.Error("HasAny: false")
	}
	Strip(h, extra)
	if len(h) != 2 || h.Get("Accept") != "*/*" || h.Get("Idempotency-Key") != "i" {
		t.Errorf("after Strip: %v", h)
	}
	if HasAny(h, extra) {
		t.Error("HasAny after Strip")
	}
}

func TestOrigin(t *testing.T) {
	parse := func(s string) *url.URL { u, _ := url.Parse(s); return u }
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"http://h/x", "http://H:80/y?q", true},
		{"https://h/x", "https://h:443/", true},
		{"http://h/x", "http://h:8080/x", false},
		{"http://h/x", "https://h/x", false},
		{"http://h/x", "http://g/x", false},
		{"http://[::1]:8/x", "http://[::1]:8/y", true},
	} {
		if got := SameOrigin(parse(c.a), parse(c.b)); got != c.same {
			t.Errorf("%s ~ %s: got %v", c.a, c.b, got)
		}
	}
	if got := Origin(parse("HTTP://Example.COM/x")); got != "http://example.com:80" {
		t.Errorf("Origin: %s", got)
	}
}

func TestPartition(t *testing.T) {
	p := NewPartitioner([]byte("k"))
	alice := http.Header{"Authorization": {"Bearer alice"}, "Accept": {"*/*"}}
	bob := http.Header{"Authorization": {"Bearer bob"}}
	anon := http.Header{"Accept": {"*/*"}}
	if got := p.Of(anon, nil, nil); got != p.None() || !NoCredentials(got) || got == "" ||
		got == NewPartitioner([]byte("other")).Of(anon, nil, nil) {
		t.Errorf("no credentials under a key given: %q, want a partition of that key's", got)
	}
	if got := NewPartitioner(nil).Of(anon, nil, nil); got != "" {
		t.Errorf("no credentials under a random key: %q, want the one every client shares", got)
	}
	// A RandomKey is the default shared by two layers: "" without
	// credentials, and one partition for a credential in both.
	rk := RandomKey()
	p1, p2 := NewPartitioner(rk), NewPartitioner(rk)
	if got := p1.Of(anon, nil, nil); got != "" {
		t.Errorf("no credentials under a RandomKey: %q, want \"\"", got)
	}
	if a1, a2 := p1.Of(alice, nil, nil), p2.Of(alice, nil, nil); a1 == "" || a1 != a2 ||
		a1 == NewPartitioner(RandomKey()).Of(alice, nil, nil) {
		t.Errorf("a credential under one RandomKey: %q and %q, want one partition of that key's", a1, a2)
	}
	a, b := p.Of(alice, nil, nil), p.Of(bob, nil, nil)
	if a == "" || a == b {
		t.Errorf("alice %q, bob %q", a, b)
	}
	if a2 := p.Of(http.Header{"Authorization": {"Bearer alice"}, "Accept": {"x"}}, nil, nil); a2 != a {
		t.Error("a non-credential header changed the partition")
	}
	if p.Of(alice, nil, nil) == NewPartitioner([]byte("other")).Of(alice, nil, nil) {
		t.Error("the key does not matter")
	}
	one, two := NewPartitioner(nil), NewPartitioner(nil) // each with its own random key
	if one.Of(alice, nil, nil) == two.Of(alice, nil, nil) {
		t.Error("two random keys agree")
	}
	jarA := []*http.Cookie{{Name: "sid", Value: "alice"}}
	jarB := []*http.Cookie{{Name: "sid", Value: "bob"}}
	if ja, jb := p.Of(anon, jarA, nil), p.Of(anon, jarB, nil); ja == "" || ja == jb {
		t.Errorf("jar cookies: %q %q", ja, jb)
	}
	if p.Of(http.Header{"X-Tenant": {"1"}}, nil, []string{"x-tenant"}) == "" {
		t.Error("extra name ignored")
	}
	for _, s := range []string{a, b} {
		if len(s) != 24 {
			t.Errorf("partition %q: want 24 characters", s)
		}
	}
}

func BenchmarkPartition(b *testing.B) {
	p := NewPartitioner([]byte("k"))
	none := http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}
	bearer := http.Header{"Accept": {"application/json"}, "Authorization": {"Bearer abcdefghijklmnopqrstuvwxyz"}}
	b.Run("none", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = p.Of(none, nil, nil)
		}
	})
	b.Run("bearer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = p.Of(bearer, nil, nil)
		}
	})
}

func TestPartitionIsHMAC(t *testing.T) {
	for _, key := range [][]byte{[]byte("k"), make([]byte, 64), make([]byte, 100)} {
		p := NewPartitioner(key)
		msg := []byte("some fields")
		derived := sha256.Sum256(append([]byte("taroreq partition key\x00"), key...))
		m := hmac.New(sha256.New, derived[:])
		m.Write(msg)
		if got := p.mac(msg); !hmac.Equal(got[:], m.Sum(nil)) {
			t.Errorf("key of %d bytes: not HMAC-SHA256 under the key's hash", len(key))
		}
	}
}

// HMAC pads a short key with zeros and hashes one past 64 bytes: keyed
// with the bytes given, "k" and "k\x00", or a long key and its SHA-256,
// were one key, and two users given them shared their partitions.
func TestPartitionKeysDifferingOnlyAsHMACPadsThemStayApart(t *testing.T) {
	long := bytes.Repeat([]byte("k"), 100)
	longSum := sha256.Sum256(long)
	h := http.Header{"Authorization": {"Bearer t"}}
	for _, pair := range [][2][]byte{
		{[]byte("k"), []byte("k\x00")},
		{[]byte("k"), append([]byte("k"), make([]byte, 63)...)},
		{long, longSum[:]},
	} {
		a, b := NewPartitioner(pair[0]), NewPartitioner(pair[1])
		if a.None() == b.None() || a.Of(h, nil, nil) == b.Of(h, nil, nil) {
			t.Errorf("keys %q and %q: one partition", pair[0], pair[1])
		}
	}
}

// README (Security): the partition costs no allocation for a request
// without credentials and 2 with a bearer token (BenchmarkPartition
// measures the time; this holds the counts, which go test runs).
func TestPartitionAllocations(t *testing.T) {
	p := NewPartitioner([]byte("k"))
	none := http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}
	bearer := http.Header{"Accept": {"application/json"}, "Authorization": {"Bearer abcdefghijklmnopqrstuvwxyz"}}
	if n := testing.AllocsPerRun(100, func() { _ = p.Of(none, nil, nil) }); n != 0 {
		t.Errorf("a request without credentials: %v allocations, the README says none", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = p.Of(bearer, nil, nil) }); n > 2 {
		t.Errorf("a request with a bearer token: %v allocations, the README says 2", n)
	}
}

// The fast path of IsHeader must agree with its rules: each name of
// PlainHeader's switch (read from its source, so that a name added there
// is checked too), in its canonical form and in others, is no credential
// by the word scans.
func TestPlainHeadersAreNoCredentials(t *testing.T) {
	names := plainHeaderNames(t)
	if len(names) < 30 {
		t.Fatalf("read %d names of PlainHeader's switch", len(names))
	}
	for _, name := range names {
		if !PlainHeader(name) {
			t.Errorf("%s: not on the fast path", name)
		}
		lower := strings.ToLower(name)
		if PlainHeader(lower) {
			t.Errorf("%s: the fast path takes only canonical names", lower)
		}
		if IsHeader(lower, nil) || SecretName(name) || IsIdentityHeader(name) || IsCookieHeader(name) {
			t.Errorf("%s: a credential by the rules, on the fast path", name)
		}
		// A name the user added wins over the fast path.
		if !IsHeader(name, []string{lower}) {
			t.Errorf("%s: added by the user, not taken for a credential", name)
		}
	}
	for _, name := range []string{"Authorization", "Cookie", "X-Api-Key", "X-User-Id", "Set-Cookie"} {
		if PlainHeader(name) || !IsHeader(name, nil) {
			t.Errorf("%s: not a credential", name)
		}
	}
}

// plainHeaderNames returns the string cases of PlainHeader's switch, read
// from header.go.
func plainHeaderNames(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "header.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "PlainHeader" {
			ast.Inspect(fn, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					names = append(names, s)
				}
				return true
			})
		}
	}
	return names
}
