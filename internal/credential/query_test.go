package credential

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// nextParam cuts the first parameter off a raw query, split on '&' and
// ';' (the plain statement the tests compare the walker with).
func nextParam(raw string) (param, sep, rest string) {
	if i := strings.IndexAny(raw, "&;"); i >= 0 {
		return raw[:i], raw[i : i+1], raw[i+1:]
	}
	return raw, "", ""
}

// queryHasSecretByParams is the rule stated plainly: some parameter has a
// value and a secret name once unescaped, or the walk finds a secret one
// with a value (its JSON value; see paramWalker), however the query looks.
func queryHasSecretByParams(k Keys, raw string) bool {
	for rest := raw; rest != ""; {
		var p string
		p, _, rest = nextParam(rest)
		if name, _, hasValue := strings.Cut(p, "="); hasValue && k.Secret(unescape(name)) {
			return true
		}
	}
	for w := (paramWalker{k: k, raw: raw}); ; {
		p, _, secret, ok := w.next()
		if !ok {
			return false
		}
		if secret && strings.Contains(p, "=") {
			return true
		}
	}
}

func FuzzQueryHasSecret(f *testing.F) {
	for _, s := range []string{"a=1&token=2", "to%6Ben=1", "x;api_key=1", "token", "a=b=token", "&&=;", "pass+word=1", "se%ssion=1",
		`f={"token":1}`, "f=%7B%22token%22%3A1%7D", `f={"a":"x;y","pin":1}`, `f={"d":"10%","pin":1}`, `f={pin:1`, "f=%5B%7B%22a%22%3A%7B%22pin%22%3A1%7D%7D%5D", "f=+%7B%22pin%22:1}&g=2"} {
		f.Add(s)
	}
	k := NewKeys("custom")
	f.Fuzz(func(t *testing.T, raw string) {
		for _, keys := range []Keys{nil, k} {
			if got, want := keys.queryHasSecret(raw), queryHasSecretByParams(keys, raw); got != want {
				t.Errorf("queryHasSecret(%q) = %v, want %v", raw, got, want)
			}
		}
	})
}

func TestWithoutSecrets(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"page=1":                            "page=1",
		"access_token=s&page=1":             "page=1",
		"page=1&access%5Ftoken=s&q=a%26b":   "page=1&q=a%26b",
		"api_key=1&password=2&token=3":      "",
		"page=1&&sort=desc&client_secret=x": "page=1&sort=desc",
		"token&page=1":                      "page=1",
		// A secret's value runs to the next '&', as a server that splits
		// on '&' alone reads it (token="x;b=2"): what a ';' cuts off it
		// goes with it, whatever a ';'-splitting server would make of it.
		"a=1;access_token=x;b=2":        "a=1",
		"a=1&token=x;b=2&c=3":           "a=1&c=3",
		"a=1&password=abc;SEKRET":       "a=1",
		"a=1;b={%22x%22:1};token=x;":    "a=1;b={%22x%22:1}",
		"api%5Fkey=1&to%6Ben=2&q=token": "q=token",
	} {
		if got := Keys(nil).WithoutSecrets(in); got != want {
			t.Errorf("WithoutSecrets(%q) = %q, want %q", in, got, want)
		}
	}
	if got := NewKeys("custom").WithoutSecrets("custom=1&page=2"); got != "page=2" {
		t.Errorf("with a custom key: %q", got)
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"no url here, token=abc": "no url here, token=abc", // not after '?', '&' or ';'
		`parse "/cb%zz?access_token=S&p=1": invalid`:            `parse "/cb%zz?access_token=REDACTED&p=1": invalid`,
		`failed to parse Location header "/x?a=1;sig=S#f": bad`: `failed to parse Location header "/x?a=1;sig=REDACTED#f": bad`,
		`get \"http://h/?api%5Fkey=S\"`:                         `get \"http://h/?api%5Fkey=REDACTED\"`,
		"http://h/?page=2&q=token":                              "http://h/?page=2&q=token",
		"http://h/?token=REDACTED":                              "http://h/?token=REDACTED",
		"a?password=x y?secret=z":                               "a?password=REDACTED y?secret=REDACTED",
		"x?token=":                                              "x?token=",
	} {
		if got := Keys(nil).Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// An unparsable URL's userinfo, whatever it holds, is never in Bare's text
// nor in Error's.
func TestUnparsableUserinfo(t *testing.T) {
	for _, raw := range []string{
		"https://svc:Zm9v/YmFyQk@api.test/v1", "https://svc:Zm9vYmFy?QK@api.test/v1",
		"https://svc:Zm9vYmFy#QK@api.test/v1", "https://svc:Zm9v@h:bad/",
	} {
		_, err := url.Parse(raw)
		if err == nil {
			t.Fatalf("%q parses", raw)
		}
		for what, text := range map[string]string{"Bare": Bare(raw), "Error": Error(err), "String": String(raw)} {
			if strings.Contains(text, "Zm9v") || strings.Contains(text, "svc") {
				t.Errorf("%s(%q) = %q", what, raw, text)
			}
		}
	}
}

// A nested object or array of query Data is JSON text in one field: a
// secret-named member anywhere in it makes the field secret, for the
// redacted text (Query, Text, Form) and for another origin (WithoutSecrets).
func TestNestedSecretInAQueryValue(t *testing.T) {
	enc := url.QueryEscape
	secretJSON := []string{
		`{"api_key":"s3cret"}`,
		`[{"page":1},{"auth":{"token":"s3cret"}}]`,
		` {"pass\u0077ord":"s3cret"}`,
	}
	for _, v := range secretJSON {
		for _, raw := range []string{"page=1&filter=" + enc(v), "filter=" + enc(v) + ";page=1", "page=1&filter=" + v} {
			if got := Keys(nil).Query(raw); strings.Contains(got, "s3cret") || !strings.Contains(got, "filter="+Redacted) {
				t.Errorf("Query(%q) = %q", raw, got)
			}
			if got := Keys(nil).WithoutSecrets(raw); got != "page=1" {
				t.Errorf("WithoutSecrets(%q) = %q, want page=1", raw, got)
			}
			if got := URL(&url.URL{Scheme: "https", Host: "h", Path: "/p", RawQuery: raw}); strings.Contains(got, "s3cret") {
				t.Errorf("URL with query %q = %q", raw, got)
			}
			text := `Get "https://h/p?` + raw + `": status 503`
			if strings.Contains(raw, "= ") {
				continue // a raw space ends a URL in text: what follows is not its query
			}
			if got := Keys(nil).Text(text); strings.Contains(got, "s3cret") || !strings.Contains(got, "status 503") {
				t.Errorf("Text(%q) = %q", text, got)
			}
			if got, changed := Keys(nil).Form([]byte(raw)); !changed || strings.Contains(string(got), "s3cret") {
				t.Errorf("Form(%q) = %q", raw, got)
			}
		}
	}
	// JSON without a secret member, and text that is not JSON, stay.
	for _, raw := range []string{"filter=" + enc(`{"page":1,"tags":["a"]}`), "filter=%7Bnot+json", "q=[token]", "filter=" + enc(`"api_key"`)} {
		if got := Keys(nil).Query(raw); got != raw {
			t.Errorf("Query(%q) = %q, want it as it is", raw, got)
		}
		if got := Keys(nil).WithoutSecrets(raw); got != raw {
			t.Errorf("WithoutSecrets(%q) = %q, want it as it is", raw, got)
		}
	}
}

// A JSON value holding a ';' (a sort spec) or a '%' without two hex digits
// (a discount) is read as a server that splits on '&' alone and decodes
// leniently reads it: the secret member is found all the same. A value
// that starts like JSON but does not parse fails closed on a secret-looking
// member name. A ';' that ends a JSON value still separates parameters.
func TestNestedSecretWithSemicolonOrBarePercent(t *testing.T) {
	for _, c := range []struct{ raw, query, without string }{
		{`filter={%22api_key%22:%22S%22,%22sort%22:%22name;desc%22}&page=1`, "filter=REDACTED&page=1", "page=1"},
		{`page=1&filter={%22api_key%22:%22S%22,%22discount%22:%2210%%22}`, "page=1&filter=REDACTED", "page=1"},
		{`filter=%7B%22api_key%22%3A%22S%22%2C%22discount%22%3A%2210%%22%7D`, "filter=REDACTED", ""},
		{`filter={api_key:%22S%22}&page=1`, "filter=REDACTED&page=1", "page=1"},
		{`filter={%22api_key%22:%22S%22};page=1`, "filter=REDACTED;page=1", "page=1"},
		{`filter={%22x%22:1};token=S&page=1`, "filter={%22x%22:1};token=REDACTED&page=1", "filter={%22x%22:1}&page=1"},
		{`filter={%22x%22:%22a;b%22}&page=1`, `filter={%22x%22:%22a;b%22}&page=1`, `filter={%22x%22:%22a;b%22}&page=1`},
	} {
		if got := Keys(nil).Query(c.raw); got != c.query {
			t.Errorf("Query(%s) = %s, want %s", c.raw, got, c.query)
		}
		if got := Keys(nil).WithoutSecrets(c.raw); got != c.without {
			t.Errorf("WithoutSecrets(%s) = %s, want %s", c.raw, got, c.without)
		}
		if got, _ := Keys(nil).Form([]byte(c.raw)); string(got) != c.query {
			t.Errorf("Form(%s) = %s, want %s", c.raw, got, c.query)
		}
	}
}

// Free text quoting a URL whose JSON field encodeURIComponent escaped
// (which keeps ' ( ) raw) is redacted to the field's end.
func TestTextNestedSecretWithMarksEncodeURIComponentKeeps(t *testing.T) {
	q := "filter=%7B%22api_key%22%3A%22s3cret%22%2C%22note%22%3A%22it's%20(b)!%22%7D&page=1"
	text := `Get "http://h/x?` + q + `": dial tcp 127.0.0.1:1: connect: connection refused`
	got := Keys(nil).Text(text)
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "filter=REDACTED&page=1\": dial tcp") {
		t.Errorf("Text(%s) = %s", text, got)
	}
}

// Judging values costs time linear in the query's length, whatever its
// shape: a value that starts like JSON is read whole at most once per
// '&'-separated span.
func TestSecretDetectionIsLinear(t *testing.T) {
	const n = 1 << 15 // 128–420 KB of query: quadratic costs minutes
	for _, raw := range []string{
		strings.Repeat("a=b&", n),
		strings.Repeat("a={&", n),
		strings.Repeat("a={;", n),
		strings.Repeat("a=%7B%22x%22;", n),
		"f=" + strings.Repeat(`{"a":"b;`, n),
		strings.Repeat(`a={"k":"v;`, n/2) + "&" + strings.Repeat("[", n),
	} {
		start := cpuTime() // not the wall clock, which other processes' load stretches
		u := &url.URL{Scheme: "http", Host: "h", Path: "/", RawQuery: raw}
		URL(u)
		Keys(nil).WithoutSecrets(raw)
		Keys(nil).Form([]byte(raw))
		Keys(nil).Text(`Get "http://h/?` + raw + `"`)
		if d := cpuTime() - start; d > 5*time.Second {
			t.Errorf("%d bytes of %.12q…: %v", len(raw), raw, d)
		}
	}
}

// Whatever the text: no panic, and a secret value in a query that the
// redaction names is gone.
func FuzzText(f *testing.F) {
	for _, s := range []string{`Get "http://h/?token=x&f=%7B%22pin%22:1%7D"`, "?a={\"pin\":1};b=(", "?f=%7B%22pin%22:%22x;y%22", "&=[{", "?f=["} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Keys(nil).Text(s)
		if strings.Contains(s, "?token=secretvalue") && strings.Contains(got, "secretvalue") {
			t.Fatalf("Text(%q) = %q", s, got)
		}
		Keys(nil).Query(s)
		Keys(nil).WithoutSecrets(s)
	})
}

// WithoutAddedSecrets drops the secret parameters the made query lacks, and
// only those, keeping everything else byte for byte.
func TestWithoutAddedSecrets(t *testing.T) {
	for _, c := range []struct{ raw, made, want string }{
		{"", "", ""},
		{"a=1", "a=1", "a=1"},
		{"a=1&access_token=alice", "a=1", "a=1"},
		{"access_token=alice&a=1", "a=1", "a=1"},
		{"a=1&access_token=alice;b=2&c=3", "a=1", "a=1&c=3"},          // a secret's value runs to the '&'
		{"api_key=K&a=1&api_key=L", "api_key=K&a=1", "api_key=K&a=1"}, // the made one kept, the added one not
		{"a=1;access_token=x;", "a=1", "a=1"},
		{"q=%7B%22password%22%3A%22p%22%7D&a=1", "a=1", "a=1"}, // JSON with a secret member
		{"a=1&b=2", "", "a=1&b=2"},                             // nothing secret: untouched
		{"a=1&token", "a=1", "a=1"},                            // a secret name alone
		{"x=%zz&token=t", "x=%zz", "x=%zz"},
		{"page=2&q=go%20%26%20taro", "page=2", "page=2&q=go%20%26%20taro"},
	} {
		if got := Keys(nil).WithoutAddedSecrets(c.raw, c.made); got != c.want {
			t.Errorf("WithoutAddedSecrets(%q, %q) = %q, want %q", c.raw, c.made, got, c.want)
		}
	}
}

// Free text reads a parameter's name as the query does, brackets and
// parentheses included.
func TestTextBracketedSecretNames(t *testing.T) {
	for _, s := range []string{
		`parse "/cb%zz?access_token[]=S1&user[password]=S2&key[0]=S3&auth(token)=S4&page[size]=10"`,
	} {
		got := Keys(nil).Text(s)
		for _, secret := range []string{"S1", "S2", "S3", "S4"} {
			if strings.Contains(got, "="+secret) {
				t.Errorf("Text(%q) = %q: %s kept", s, got, secret)
			}
		}
		if !strings.Contains(got, "page[size]=10") {
			t.Errorf("Text(%q) = %q: a plain bracketed parameter redacted", s, got)
		}
	}
}

// Many ';'-separated parameters and no '&' (a=;a=;a=;…): the walker looks
// for the next '&' from every parameter a ';' ends, to the end of the
// query each time. Four times the query must take well under sixteen times
// as long (the '&' is looked for once per span).
func TestWalkerManySemicolonsIsLinear(t *testing.T) {
	for _, unit := range []string{"a=;", "a=1;", "q=x;"} {
		small, large, ok := linearTimes(20000, 80000, 20*time.Millisecond, func(n int) func() {
			raw := strings.Repeat(unit, n)
			return func() {
				Keys(nil).WithoutSecrets(raw)
				Keys(nil).Form([]byte(raw))
				Keys(nil).Query("password=x&" + raw)
			}
		})
		if !ok {
			t.Errorf("%q: 20000 took %v, 80000 took %v: not linear", unit, small, large)
		}
	}
}
