package transports_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// rawPart is a multipart body of boundary XyZ with one part.
func rawPart(disposition, extraHeaders, content string) string {
	return "--XyZ\r\nContent-Disposition: " + disposition + "\r\n" + extraHeaders + "\r\n" + content + "\r\n--XyZ--\r\n"
}

// Each body goes as request and response; no file may hold SECRET, and the
// same request replays.
func TestRecorderNoSecretInScriptsAndParts(t *testing.T) {
	const mpct = "multipart/form-data; boundary=XyZ"
	for _, tc := range []struct{ name, ct, data string }{
		{"script: var before the call", "application/javascript", `var token = "SECRET-A1"; cb({"a":1})`},
		{"script: comment before the call", "application/javascript", `/* api_key=SECRET-A2 */ cb({"a":1});`},
		{"script: assignment line before the call", "text/javascript", "token=\"SECRET-A3\"\ncb({\"ok\":true})"},
		{"script: ) inside a JSON string", "application/javascript", "cb({\"a\":\")\",\"token\":\"SECRET-A4\"});\n"},
		{"script: two calls", "application/javascript", `cb({"a":1});cb({"token":"SECRET-A5"})`},
		{"script: trailing ; and newlines", "application/javascript", "cb({\"token\":\"SECRET-A6\"}) ;\r\n;\n"},
		{"multipart: credential header on a part", mpct, rawPart(`form-data; name="file"`, "Authorization: Bearer SECRET-B1\r\nX-Api-Key: SECRET-B1b\r\n", "hello")},
		{"multipart: disposition that does not parse", mpct, rawPart(`form-data; name="password"; filename=my file.txt`, "", "SECRET-B2")},
		{"multipart: duplicate name parameter", mpct, rawPart(`form-data; name="password"; name="password"`, "", "SECRET-B3")},
		{"multipart: script part with a var", mpct, rawPart(`form-data; name="js"`, "Content-Type: application/javascript\r\n", `var token="SECRET-B4"; cb({})`)},
		{"multipart: disposition not form-data", mpct, rawPart(`attachment; name="password"`, "", "SECRET-B6")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header()["Content-Type"] = []string{tc.ct}
				_, _ = io.WriteString(w, tc.data)
			})
			rec, dir := newRecorder(t, srv)
			h := http.Header{"Content-Type": {tc.ct}}
			resp, err := send(t, rec, "PUT", srv.URL, strings.NewReader(tc.data), h)
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
				if strings.Contains(string(raw), "SECRET") {
					x := load(t, dir)[0]
					t.Errorf("recorded in clear: request %+v", x.Request.Body)
				}
			}
			x := load(t, dir)[0]
			t.Logf("request body recorded: withheld=%v redacted=%v %q", x.Request.Body.Withheld, x.Request.Body.Redacted, x.Request.Body.Text)
			srv.Close()
			resp, err = send(t, newReplayer(t, dir), "PUT", srv.URL, strings.NewReader(tc.data), h)
			if err != nil {
				t.Errorf("replay: %v", err)
				return
			}
			readAll(t, resp)
		})
	}
}

var _ = transports.Redacted
