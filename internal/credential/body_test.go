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

// A recorded body's field named like a cookie is secret at any depth
// (SecretField): a JSON body's nested member is; a form body's field whose
// value is JSON with that member must be as well.
func TestBodyFormNestedCookieMember(t *testing.T) {
	j, _, _ := Keys(nil).BodyJSON([]byte(`{"meta":{"cookie":"SESSION123"}}`))
	t.Logf("BodyJSON: %s", j)
	for _, body := range []string{
		`meta=%7B%22cookie%22%3A%22SESSION123%22%7D`,
		`meta={"cookie":"SESSION123"}`,
		`meta=%7B%22set-cookie%22%3A%22sid%3DSESSION123%22%7D`,
	} {
		out, _ := Keys(nil).BodyForm([]byte(body))
		if out == nil {
			out = []byte(body)
		}
		if strings.Contains(string(out), "SESSION123") {
			t.Errorf("BodyForm(%s) = %s: the nested cookie member's value stays", body, out)
		}
	}
}

// A form value that is a URL holding a secret is redacted as a URL is, as
// a JSON string is: a webhook's signed callback, a paging link with an
// access_token. Other values, URLs without a secret included, are kept
// byte for byte.
func TestFormRedactsURLValuesWithSecrets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"callback=https%3A%2F%2Fme.example%2Fhook%3Fsig%3DS3CR3T&a=b", "callback=https%3A%2F%2Fme.example%2Fhook%3Fsig%3DREDACTED&a=b"},
		{"next=%2Fp%3Faccess_token%3DT%26page%3D2", "next=%2Fp%3Faccess_token%3DREDACTED%26page%3D2"},
		{"u=https%3A%2F%2Falice%3Apw%40api.example%2Fx", "u=https%3A%2F%2Fapi.example%2Fx"},
		{"code=1&u=https://api.example/x?token=T", "code=REDACTED&u=https%3A%2F%2Fapi.example%2Fx%3Ftoken%3DREDACTED"},
		{"text=see+https%3A%2F%2Fx%2F%3Ftoken%3D1+now", "text=see+https%3A%2F%2Fx%2F%3Ftoken%3DREDACTED+now"}, // a URL quoted in text
		// Kept as they are:
		{"home=https%3A%2F%2Fexample.com%2F%3Fpage%3D2&q=a+b", ""},
		{"path=%2Fitems%3Fpage%3D2", ""},
		{"bad=%zz%3Ftoken%3D1", ""},
		{"a=1&b=2", ""},
	} {
		out, changed := Keys(nil).Form([]byte(c.in))
		want := c.want
		if want == "" {
			want = c.in
		}
		if string(out) != want || changed != (c.want != "") {
			t.Errorf("Form(%s) = %s, %v; want %s, %v", c.in, out, changed, want, c.want != "")
		}
	}
}

// A JSON string that is a URL holding a secret is redacted as a URL is:
// Facebook's Graph API pages with "next" links that carry access_token, and
// S3 answers signed download URLs. Other strings, URLs without a secret
// included, are kept byte for byte.
func TestJSONRedactsURLValuesWithSecrets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"paging":{"next":"https://graph.example/v1/me/feed?access_token=S3CR3T&after=x"}}`,
			`{"paging":{"next":"https://graph.example/v1/me/feed?access_token=REDACTED\u0026after=x"}}`},
		{`["/files/1?X-Amz-Signature=abc&X-Amz-Date=1"]`, `["/files/1?X-Amz-Signature=REDACTED\u0026X-Amz-Date=1"]`},
		{`{"u":"https://alice:pw@api.example/x"}`, `{"u":"https://api.example/x"}`},
		{`{"u":"https://app.example/cb#access_token=T0K&token_type=bearer"}`, `{"u":"https://app.example/cb"}`},
		{`{"u":"/home;jsessionid=ABC?x=1"}`, `{"u":"/home;jsessionid=REDACTED?x=1"}`},
		{`{"u":"https:\/\/api.example\/x?token=\u0053"}`, `{"u":"https://api.example/x?token=REDACTED"}`},
		// Kept as they are:
		{`{"u":"https://api.example/x?page=2&q=a+b#top"}`, ``},
		// A URL quoted in text, as in an error message or a mail body.
		{`{"text":"see https://api.example/x?token=1 for more"}`, `{"text":"see https://api.example/x?token=REDACTED for more"}`},
		{`{"text":"log in at https://bob:pw@api.example/x now"}`, `{"text":"log in at https://api.example/x now"}`},
		{`{"path":"/items?page=2"}`, ``},
		{`{"q":"why? because; @home #tag"}`, ``},
		{`{"q":"see https://api.example/x?page=2 for more"}`, ``},
		{`{"t":"?token=1"}`, ``},
		{`["a","b",1,true,null]`, ``},
	} {
		out, changed, ok := Keys(nil).JSON([]byte(c.in))
		if !ok {
			t.Errorf("%s: not JSON", c.in)
			continue
		}
		want := c.want
		if want == "" {
			want = c.in
		}
		if string(out) != want || changed != (c.want != "") {
			t.Errorf("JSON(%s) = %s, %v; want %s, %v", c.in, out, changed, want, c.want != "")
		}
	}
}
