package transports_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// cassetteHolds fails the test if any file of dir holds any of secrets.
func cassetteHolds(t *testing.T, dir string, secrets ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%s holds %q:\n%s", e.Name(), s, raw)
			}
		}
	}
}

// An OAuth token exchange, as a new user records it: a token as the URL's
// user name, a form with password and client_secret (one repeated), a JSON
// answer with access_token and nested secrets. Nothing of it reaches the
// file, not even as a hash, and the cassette still replays.
func TestRecorderRedactsCredentialsInBodies(t *testing.T) {
	const form = "grant_type=password&username=bob&password=SECRET-PW&client_id=app" +
		"&client_secret=SECRET-CS1&client_secret=SECRET-CS2;api_key=SECRET-AK"
	const answer = `{"access_token":"SECRET-AT","type":"bearer","expires_in":3600,` +
		`"refresh_token":"SECRET-RT","user":{"id":7,"api_key":"SECRET-UK"},` +
		`"sessions":[{"id":"s1"}],"devices":[{"name":"a","secret":{"k":"SECRET-DEV"}}]}`
	var gotForm string
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotForm = string(b)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Access-Token", "SECRET-HDR")
		_, _ = io.WriteString(w, answer)
	})
	rec, dir := newRecorder(t, srv)
	tokenURL := strings.Replace(srv.URL, "http://", "http://ghp_SECRETTOKEN@", 1) + "/oauth/token"
	formHeader := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	resp, err := send(t, rec, "POST", tokenURL, strings.NewReader(form), formHeader)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != answer || gotForm != form {
		t.Fatalf("the real exchange was changed: sent %q as %q, got %q", form, gotForm, got)
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	cassetteHolds(t, dir, "SECRET", sum([]byte(form)), sum([]byte(answer)))

	x := load(t, dir)[0]
	wantURL := strings.Replace(srv.URL, "http://", "http://", 1) + "/oauth/token"
	wantForm := "grant_type=password&username=bob&password=REDACTED&client_id=app" +
		"&client_secret=REDACTED&client_secret=REDACTED" // a secret's value runs to the next '&', ';api_key=…' and all
	wantAnswer := `{"access_token":"REDACTED","type":"bearer","expires_in":3600,` +
		`"refresh_token":"REDACTED","user":{"id":7,"api_key":"REDACTED"},` +
		`"sessions":"REDACTED","devices":[{"name":"a","secret":"REDACTED"}]}`
	if x.Request.URL != wantURL {
		t.Errorf("URL = %s, want %s", x.Request.URL, wantURL)
	}
	for _, c := range []struct {
		name string
		got  transports.RecordedBody
		want string
	}{{"request", x.Request.Body, wantForm}, {"response", x.Response.Body, wantAnswer}} {
		want := transports.RecordedBody{Text: c.want, Size: int64(len(c.want)), SHA256: sum([]byte(c.want)), Redacted: true}
		if !reflect.DeepEqual(c.got, want) {
			t.Errorf("%s body =\n%+v\nwant\n%+v", c.name, c.got, want)
		}
	}

	// The replay: the same call, real secrets and all, matches (as a real
	// query token does); so does another password; another user does not.
	srv.Close()
	p := newReplayer(t, dir)
	for _, body := range []string{form, strings.Replace(form, "SECRET-PW", "other", 1)} {
		resp, err := send(t, p, "POST", tokenURL, strings.NewReader(body), formHeader)
		if err != nil {
			t.Fatalf("replay of %q: %v", body, err)
		}
		if got := readAll(t, resp); got != wantAnswer {
			t.Errorf("replayed %q, want the redacted answer", got)
		}
	}
	_, err = send(t, p, "POST", tokenURL, strings.NewReader(strings.Replace(form, "bob", "eve", 1)), formHeader)
	if !errors.Is(err, transports.ErrNotRecorded) {
		t.Fatalf("another user: err = %v, want ErrNotRecorded", err)
	}
	if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), sum([]byte(form))[:12]) {
		t.Fatalf("miss error names a secret or its hash: %v", err)
	}
}

// mp is a multipart body of boundary XyZ whose parts are given as name,
// Content-Type ("" for none) and content, as multipart.Writer writes it.
func mp(parts ...string) string {
	var b strings.Builder
	for i := 0; i < len(parts); i += 3 {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString("--XyZ\r\nContent-Disposition: form-data; name=\"" + parts[i] + "\"\r\n")
		if parts[i+1] != "" {
			b.WriteString("Content-Type: " + parts[i+1] + "\r\n")
		}
		b.WriteString("\r\n" + parts[i+2])
	}
	b.WriteString("\r\n--XyZ--\r\n")
	return b.String()
}

// Each kind of body, as recorded with a bound of 256 bytes.
func TestRecorderBodyRules(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = io.WriteString(zw, `{"access_token":"SECRET-GZ"}`)
	_ = zw.Close()
	long := `{"pad":"` + strings.Repeat("x", 300) + `","password":"SECRET-LONG"}`
	type body struct {
		ct, ce, data string
	}
	for _, tc := range []struct {
		name     string
		in       body
		want     string // recorded text when redacted or kept
		redacted bool
		withheld bool
	}{
		{"JSON nested arrays of objects", body{"application/json", "", `[{"a":[{"Client_Secret":"SECRET-1"}],"b":1}]`},
			`[{"a":[{"Client_Secret":"REDACTED"}],"b":1}]`, true, false},
		{"JSON suffix type, escaped name", body{"application/vnd.api+json", "", `{"data":{"pass\u0077ord":"SECRET-2"}}`},
			`{"data":{"pass\u0077ord":"REDACTED"}}`, true, false},
		{"JSON lines", body{"application/x-ndjson", "", "{\"token\":\"SECRET-3\"}\n{\"token\":\"SECRET-4\"}\n"},
			"{\"token\":\"REDACTED\"}\n{\"token\":\"REDACTED\"}\n", true, false},
		{"undeclared JSON is sniffed", body{"text/plain", "", ` {"session":"SECRET-5"}`}, ` {"session":"REDACTED"}`, true, false},
		{"no secret: kept as it is", body{"application/json", "", `{"a": 1,  "b":"password"}`}, `{"a": 1,  "b":"password"}`, false, false},
		{"declared JSON that does not parse", body{"application/json", "", `{"password":"SECRET-6"`}, "", false, true},
		{"JSON over the bound", body{"application/json", "", long}, "", false, true},
		{"undeclared JSON over the bound", body{"", "", long}, "", false, true},
		{"gzipped JSON", body{"application/json", "gzip", gz.String()}, "", false, true},
		{"form holding JSON", body{"application/x-www-form-urlencoded", "", `{"secret":"SECRET-7"}`}, `{"secret":"REDACTED"}`, true, false},
		{"PHP-style form names", body{"application/x-www-form-urlencoded", "", "user[password]=SECRET-8&user[name]=a"},
			"user[password]=REDACTED&user[name]=a", true, false},
		{"text that is not JSON", body{"text/plain", "", "[INFO] started"}, "[INFO] started", false, false},
		{"multipart form with a password", body{"multipart/form-data; boundary=XyZ", "", mp("user", "", "ann", "password", "", "SECRET-9")},
			mp("user", "", "ann", "password", "", "REDACTED"), true, false},
		{"multipart JSON part", body{"multipart/form-data; boundary=XyZ", "", mp("meta", "application/json", `{"token":"SECRET-10"}`)},
			mp("meta", "application/json", `{"token":"REDACTED"}`), true, false},
		{"multipart without a secret", body{"multipart/form-data; boundary=XyZ", "", mp("user", "", "ann")},
			mp("user", "", "ann"), false, false},
		{"multipart without its boundary", body{"multipart/form-data", "", mp("password", "", "SECRET-11")}, "", false, true},
		{"JSONP answer", body{"application/javascript", "", `cb({"access_token":"SECRET-12"});`},
			`cb({"access_token":"REDACTED"});`, true, false},
		{"JSONP behind a guard", body{"text/javascript; charset=utf-8", "", `/**/ typeof cb === 'function' && cb({"sid":"SECRET-13"});`},
			`/**/ typeof cb === 'function' && cb({"sid":"REDACTED"});`, true, false},
		{"JSONP of a literal that is not JSON", body{"application/javascript", "", `cb({token:'SECRET-14'})`}, "", false, true},
		{"a script that is no JSONP call", body{"application/javascript", "", `var token = "SECRET-15";`}, "", false, true},
		{"JSONP of any callee", body{"application/javascript", "", `window.my-cb && my-cb({"token":"SECRET-16"});`},
			`window.my-cb && my-cb({"token":"REDACTED"});`, true, false},
		{"JSONP after a comment with a parenthesis", body{"application/javascript", "", `/* (c) acme */ cb({"token":"SECRET-17"})`}, "", false, true},
		{"multipart JSON part that does not parse", body{"multipart/form-data; boundary=XyZ", "", mp("meta", "application/json", `{"password":"SECRET-18",}`)}, "", false, true},
		{"multipart base64 part", body{"multipart/form-data; boundary=XyZ", "", strings.Replace(mp("f", "", "cGFzc3dvcmQ9U0VDUkVULTE5"),
			"name=\"f\"\r\n", "name=\"f\"\r\nContent-Transfer-Encoding: base64\r\n", 1)}, "", false, true},
		{"multipart inside a multipart", body{"multipart/form-data; boundary=XyZ", "", mp("outer", "multipart/mixed; boundary=in",
			"--in\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nSECRET-20\r\n--in--")}, "", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header()["Content-Type"] = []string{in.ct} // kept even when empty: no sniffing
				if in.ce != "" {
					w.Header().Set("Content-Encoding", in.ce)
				}
				_, _ = io.WriteString(w, in.data)
			})
			rec, dir := newRecorder(t, srv, transports.WithBodyLimit(256))
			h := http.Header{"Content-Type": {in.ct}}
			if in.ce != "" {
				h.Set("Content-Encoding", in.ce)
				h.Set("Accept-Encoding", in.ce) // the transport hands it on encoded
			}
			resp, err := send(t, rec, "PUT", srv.URL, strings.NewReader(in.data), h)
			if err != nil {
				t.Fatal(err)
			}
			if got := readAll(t, resp); got != in.data {
				t.Fatalf("caller got %q", got)
			}
			if tc.redacted || tc.withheld {
				cassetteHolds(t, dir, "SECRET", sum([]byte(in.data)))
			}
			x := load(t, dir)[0]
			for half, b := range map[string]transports.RecordedBody{"request": x.Request.Body, "response": x.Response.Body} {
				var want transports.RecordedBody
				switch {
				case tc.withheld:
					want = transports.RecordedBody{Size: int64(len(in.data)), Truncated: true, Withheld: true}
				default:
					want = transports.RecordedBody{Text: tc.want, Size: int64(len(tc.want)), SHA256: sum([]byte(tc.want)), Redacted: tc.redacted}
				}
				if b.Text != want.Text || !bytes.Equal(b.Base64, want.Base64) || b.Size != want.Size || b.SHA256 != want.SHA256 ||
					b.Truncated != want.Truncated || b.Redacted != want.Redacted || b.Withheld != want.Withheld {
					t.Errorf("%s body =\n%+v\nwant\n%+v", half, b, want)
				}
			}

			// The same request replays: redacted, or withheld, the same way.
			srv.Close()
			resp, err = send(t, newReplayer(t, dir), "PUT", srv.URL, strings.NewReader(in.data), h)
			if err != nil {
				t.Fatalf("replay: %v", err)
			}
			if got := readAll(t, resp); got != tc.want {
				t.Errorf("replayed %q, want %q", got, tc.want)
			}
		})
	}
}

// Headers with secret-looking names are redacted both ways, not only the
// few always named.
func TestRecorderRedactsSecretLookingHeaders(t *testing.T) {
	names := []string{"X-Api-Key", "Api-Key", "X-Auth-Token", "X-Client-Secret", "X-Amz-Security-Token",
		"X-Csrf-Token", "X-Session-Id", "X-Password", "X-Signature", "X-Credential",
		"X-Jwt-Assertion", "X-Goog-Iap-Jwt-Assertion", "Dpop", "X-Bearer"}
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		for _, n := range names {
			w.Header().Set(n, "SECRET-RESP")
		}
		w.Header().Set("Www-Authenticate", `Bearer realm="x", error="SECRET-CHALLENGE"`)
	})
	rec, dir := newRecorder(t, srv)
	h := http.Header{"Accept": {"*/*"}}
	for _, n := range names {
		h.Set(n, "SECRET-REQ")
	}
	resp, err := send(t, rec, "GET", srv.URL, nil, h)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	cassetteHolds(t, dir, "SECRET")
	x := load(t, dir)[0]
	for _, n := range names {
		if got := x.Request.Header.Get(n); got != transports.Redacted {
			t.Errorf("request %s = %q", n, got)
		}
		if got := x.Response.Header.Get(n); got != transports.Redacted {
			t.Errorf("response %s = %q", n, got)
		}
	}
	if x.Request.Header.Get("Accept") != "*/*" {
		t.Error("a plain header was redacted")
	}
}

// URLs in response headers (an OAuth redirect's Location, a Content-Location
// with userinfo, Link and Refresh) lose their secrets in the file, and only
// there: the caller gets the headers as sent.
func TestRecorderRedactsURLHeaders(t *testing.T) {
	const (
		location = "https://app.example/cb?access_token=tok-SECRET&state=x"
		contLoc  = "https://bob:pw-SECRET@files.example/x"
		link     = `<https://api.example/items?page=2&token=lnk-SECRET>; rel="next", <https://api.example/items?page=1>; rel="prev"`
		refresh  = "0; url=https://app.example/next?sig=ref-SECRET&v=1"
	)
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", location)
		w.Header().Set("Content-Location", contLoc)
		w.Header().Set("Link", link)
		w.Header().Set("Refresh", refresh)
		w.Header().Set("X-Note", "https://h.example/?token=note-SECRET")
		w.WriteHeader(http.StatusFound)
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL+"/authorize?client_secret=cs-SECRET", nil,
		http.Header{"Referer": {"https://app.example/login?password=ref-SECRET&lang=en#frag-SECRET"}})
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	for name, want := range map[string]string{"Location": location, "Content-Location": contLoc, "Link": link, "Refresh": refresh} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("the caller's %s = %q, want %q", name, got, want)
		}
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	cassetteHolds(t, dir, "SECRET")
	x := load(t, dir)[0]
	for name, want := range map[string]string{
		"Location":         "https://app.example/cb?access_token=REDACTED&state=x",
		"Content-Location": "https://files.example/x",
		"Link":             `<https://api.example/items?page=2&token=REDACTED>; rel="next", <https://api.example/items?page=1>; rel="prev"`,
		"Refresh":          "0; url=https://app.example/next?sig=REDACTED&v=1",
		"X-Note":           "https://h.example/?token=REDACTED", // any header's URLs
	} {
		if got := x.Response.Header.Get(name); got != want {
			t.Errorf("recorded %s = %q, want %q", name, got, want)
		}
	}
	if got, want := x.Request.Header.Get("Referer"), "https://app.example/login?password=REDACTED&lang=en"; got != want {
		t.Errorf("recorded Referer = %q, want %q", got, want)
	}

	// The recording still replays, the redacted Location included.
	rp := newReplayer(t, dir)
	resp, err = send(t, rp, "GET", srv.URL+"/authorize?client_secret=other", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "https://app.example/cb?access_token=REDACTED&state=x" {
		t.Errorf("replayed %d %v", resp.StatusCode, resp.Header)
	}
}

// A field named like a cookie (Cookie, Set-Cookie: what an echo endpoint
// answers with) holds a session: recorded bodies redact it at any depth, in
// a form, a multipart part, a JSON body and a form field's JSON value (the
// client's encoding of a nested value).
func TestRecorderRedactsCookieFields(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		w.WriteHeader(204)
	})
	rec, dir := newRecorder(t, srv)
	for i, c := range []struct{ ct, body string }{
		{"application/x-www-form-urlencoded", "user=alice&cookie=SID-FORM"},
		{"multipart/form-data; boundary=XyZ", mp("user", "", "alice", "cookie", "", "SID-MULTIPART")},
		{"application/json", `{"meta":{"cookie":"SID-JSON"}}`},
		{"application/x-www-form-urlencoded", "user=alice&meta=%7B%22cookie%22%3A%22SID-FORMJSON%22%7D"},
	} {
		resp, err := send(t, rec, "POST", srv.URL+"/import/"+string(rune('a'+i)), strings.NewReader(c.body),
			http.Header{"Content-Type": {c.ct}})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	cassetteHolds(t, dir, "SID-FORM", "SID-MULTIPART", "SID-JSON", "SID-FORMJSON")
}
