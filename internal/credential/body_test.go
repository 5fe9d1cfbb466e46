package credential

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestJSON(t *testing.T) {
	k := NewKeys("pin")
	for _, tc := range []struct{ in, want string }{
		{`{"user":"bob","password":"s3cret"}`, `{"user":"bob","password":"REDACTED"}`},
		// Spacing, order and the other values are kept byte for byte.
		{"{ \"b\" : 1.50 ,\n\t\"access_token\" :\t\"t\" , \"a\":[true,null] }",
			"{ \"b\" : 1.50 ,\n\t\"access_token\" :\t\"REDACTED\" , \"a\":[true,null] }"},
		// Any depth, arrays of objects, every kind of value.
		{`{"data":{"items":[{"id":1,"client_secret":"cs1"},{"id":2,"client_secret":"cs2"}]}}`,
			`{"data":{"items":[{"id":1,"client_secret":"REDACTED"},{"id":2,"client_secret":"REDACTED"}]}}`},
		{`[[{"api_key":12345}],{"x":{"refresh_token":null}},{"Session":false}]`,
			`[[{"api_key":"REDACTED"}],{"x":{"refresh_token":"REDACTED"}},{"Session":"REDACTED"}]`},
		// A secret member's value goes whole, object or array.
		{`{"auth":{"user":"u","pass":"p"},"tokens":["a","b"],"n":1}`, `{"auth":"REDACTED","tokens":"REDACTED","n":1}`},
		// Duplicate names: all of them.
		{`{"token":"a","token":"b"}`, `{"token":"REDACTED","token":"REDACTED"}`},
		// Escaped names are compared unescaped; strings with quotes,
		// braces and escapes do not confuse the scan.
		{`{"pass\u0077ord":"x","note":"}\"{[","k\"":"v","\u0074oken":"y"}`,
			`{"pass\u0077ord":"REDACTED","note":"}\"{[","k\"":"v","\u0074oken":"REDACTED"}`},
		{`{"a":"password","b":"token"}`, `{"a":"password","b":"token"}`}, // values are not names
		{`{"pin":"1234","PIN":"5678"}`, `{"pin":"REDACTED","PIN":"REDACTED"}`},
		// JSON lines: several values.
		{"{\"secret\":1}\n{\"secret\":2}\n[]\n\"s\"\n", "{\"secret\":\"REDACTED\"}\n{\"secret\":\"REDACTED\"}\n[]\n\"s\"\n"},
		{`{"empty":{},"e":[],"password":{}}`, `{"empty":{},"e":[],"password":"REDACTED"}`},
	} {
		got, changed, ok := k.JSON([]byte(tc.in))
		if !ok || string(got) != tc.want || changed != (tc.in != tc.want) {
			t.Errorf("%s:\n got %s (changed %v, ok %v)\nwant %s", tc.in, got, changed, ok, tc.want)
		}
		if !json.Valid(got) && !strings.Contains(tc.in, "\n{") {
			t.Errorf("%s: redacted body is not JSON: %s", tc.in, got)
		}
	}

	// Unchanged bodies come back as they are, not copied.
	in := []byte(`{"a":1, "b":[{"c":"d"}]}`)
	if got, changed, ok := k.JSON(in); !ok || changed || &got[0] != &in[0] {
		t.Errorf("unchanged body: %s %v %v", got, changed, ok)
	}
	for _, s := range []string{"", "  ", "1", `"x"`, "null"} {
		if got, changed, ok := k.JSON([]byte(s)); !ok || changed || string(got) != s {
			t.Errorf("%q: %q %v %v", s, got, changed, ok)
		}
	}
	// Not JSON: nothing is redacted, the caller decides.
	for _, s := range []string{`{"password":"x"`, `{"password":"x"}}`, `{password:"x"}`, `{"a":1,}`, "{'a':1}", "[1,2", "password=x"} {
		if got, changed, ok := k.JSON([]byte(s)); ok || changed || got != nil {
			t.Errorf("%q is not JSON: got %q %v %v", s, got, changed, ok)
		}
	}
}

// Deep nesting stays within encoding/json's depth bound: refused beyond it,
// redacted within it, no stack trouble either way.
func TestJSONDeep(t *testing.T) {
	deep := func(n int) []byte {
		return []byte(strings.Repeat(`{"a":`, n) + `{"token":"t"}` + strings.Repeat("}", n))
	}
	got, changed, ok := Keys(nil).JSON(deep(5000))
	if !ok || !changed || bytes.Contains(got, []byte(`"t"`)) {
		t.Fatalf("5000 deep: changed %v ok %v", changed, ok)
	}
	if _, _, ok := Keys(nil).JSON(deep(20000)); ok {
		t.Fatal("20000 deep accepted as JSON")
	}
}

func TestForm(t *testing.T) {
	k := NewKeys("pin")
	for _, tc := range []struct{ in, want string }{
		{"grant_type=password&username=bob&password=hunter2&client_id=app&client_secret=cs",
			"grant_type=password&username=bob&password=REDACTED&client_id=app&client_secret=REDACTED"},
		// Repeated names, escaped names, + for space, ; as a separator.
		{"token=a&token=b&x=1", "token=REDACTED&token=REDACTED&x=1"},
		{"pass%77ord=a&%74oken=b&api+key=c", "pass%77ord=REDACTED&%74oken=REDACTED&api+key=REDACTED"},
		{"a=1;password=x;b=2&c=3", "a=1;password=REDACTED&c=3"}, // a secret value runs to the next '&'
		{"password=&token&=x&&", "password=REDACTED&token&=x&&"},
		{"PIN=1&note=password", "PIN=REDACTED&note=password"},
		{"a=%zz&password%zz=1", "a=%zz&password%zz=REDACTED"},
		{"password=a=b&c=d", "password=REDACTED&c=d"},
		{"password=x%26y&c=d", "password=REDACTED&c=d"},
		{"grant_type=authorization_code&code=c0de&redirect_uri=u&code_verifier=v&country_code=fr",
			"grant_type=authorization_code&code=REDACTED&redirect_uri=u&code_verifier=REDACTED&country_code=fr"},
		{"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=eyJ", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=REDACTED"},
	} {
		got, changed := k.Form([]byte(tc.in))
		if string(got) != tc.want || changed != (tc.in != tc.want) {
			t.Errorf("%s:\n got %s (changed %v)\nwant %s", tc.in, got, changed, tc.want)
		}
	}
	in := []byte("a=1&b=2")
	if got, changed := k.Form(in); changed || &got[0] != &in[0] {
		t.Errorf("unchanged body: %s %v", got, changed)
	}
	if got, changed := k.Form(nil); changed || len(got) != 0 {
		t.Errorf("empty body: %q %v", got, changed)
	}
}

// Whatever the bytes: no panic; JSON in gives JSON out with no secret
// member left but "REDACTED"; a form keeps its '&'-separated fields (a
// ';' inside a redacted JSON value goes with it).
func FuzzBodies(f *testing.F) {
	for _, s := range []string{`{"password":"x","a":[{"token":1}]}`, `[{"k\"":"v"}]`, "a=1&password=2;b", `{"a":"\\"}`, "1 2 {}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, changed, ok := Keys(nil).JSON(in)
		if ok && json.Valid(in) {
			if !json.Valid(out) {
				t.Fatalf("%q redacted to invalid JSON %q", in, out)
			}
			var v any
			_ = json.Unmarshal(out, &v)
			checkNoSecret(t, v)
		}
		if !ok && (changed || out != nil) {
			t.Fatalf("%q: not JSON but changed", in)
		}
		form, _ := Keys(nil).Form(in)
		if bytes.Count(form, []byte("&")) != bytes.Count(in, []byte("&")) {
			t.Fatalf("%q: form fields changed: %q", in, form)
		}
	})
}

func checkNoSecret(t *testing.T, v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if Keys(nil).Secret(k) && e != Redacted {
				t.Fatalf("member %q kept %v", k, e)
			}
			checkNoSecret(t, e)
		}
	case []any:
		for _, e := range x {
			checkNoSecret(t, e)
		}
	}
}
