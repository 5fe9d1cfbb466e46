package transports_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A JSON body after a UTF-8 byte order mark is JSON to the client (its
// DataType "json" decoding skips the BOM, as fetch's json() does, whatever
// the Content-Type), so the recorder redacts it as JSON: "Recorded files
// hold no credential values". It looked for { or [ at the first byte that
// is not white space, found the BOM's, and recorded such a body sent as
// text/plain (or without a JSON type) as it was, an OAuth token answer's
// access_token included; declared JSON with a BOM did not parse and was
// withheld.
func TestRecorderRedactsJSONAfterAByteOrderMark(t *testing.T) {
	const bom = "\ufeff"
	for _, c := range []struct {
		name, reqType, reqBody, respType, respBody string
	}{
		{"request text/plain", "text/plain", bom + `{"user":"ann","password":"SECRET"}`, "text/plain", "ok"},
		{"response text/plain", "", "", "text/plain; charset=utf-8", bom + `{"access_token":"SECRET","expires_in":3600}`},
		{"response text/html", "", "", "text/html", bom + " \n[{\"id_token\":\"SECRET\"}]"},
		{"response application/json", "", "", "application/json", bom + `{"refresh_token":"SECRET"}`},
		// A JSONP call after a BOM is one call to the client, which unwraps
		// it (a browser's script decoding drops the BOM): its argument is
		// redacted, not the whole script withheld.
		{"JSONP response", "", "", "application/javascript", bom + `cb({"access_token":"SECRET","n":1});`},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", c.respType)
			io.WriteString(w, c.respBody)
		}))
		dir := t.TempDir()
		rec, err := transports.NewRecorder(nil, dir)
		if err != nil {
			t.Fatal(err)
		}
		send := func(rt http.RoundTripper) (string, error) {
			method, body := "GET", io.Reader(nil)
			if c.reqBody != "" {
				method, body = "POST", strings.NewReader(c.reqBody)
			}
			req, _ := http.NewRequest(method, srv.URL+"/token", body)
			if c.reqType != "" {
				req.Header.Set("Content-Type", c.reqType)
			}
			resp, err := rt.RoundTrip(req)
			if err != nil {
				return "", err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return string(b), nil
		}
		got, err := send(rec)
		srv.Close()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.respBody {
			t.Errorf("%s: the caller got %q, not the server's body", c.name, got)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(files) != 1 {
			t.Fatalf("%s: %d exchange files", c.name, len(files))
		}
		file, _ := os.ReadFile(files[0])
		if strings.Contains(string(file), "SECRET") {
			t.Errorf("%s: the secret is in the recording:\n%s", c.name, file)
		}
		exs, err := transports.LoadExchanges(dir)
		if err != nil {
			t.Fatal(err)
		}
		body := exs[0].Response.Body
		if c.reqBody != "" {
			body = exs[0].Request.Body
		}
		if !body.Redacted || body.Withheld || !strings.Contains(string(body.Bytes()), `"REDACTED"`) {
			t.Errorf("%s: recorded body %+v; want it redacted, its other members kept", c.name, body)
		}
		// The Replayer redacts the real request body the same way, so the
		// request that was recorded matches its exchange.
		rp, err := transports.NewReplayer(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := send(rp); err != nil {
			t.Errorf("%s: replay: %v", c.name, err)
		}
	}
}
