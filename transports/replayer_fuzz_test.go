package transports_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// Whatever a cassette file holds: no panic; it loads or is refused with an
// error, and an exchange it loads answers its own request with its status
// and body.
func FuzzReplayerCassette(f *testing.F) {
	f.Add(`{"seq":1,"request":{"method":"GET","url":"http://h.test/a?token=REDACTED","body":{"size":0,"sha256":""}},` +
		`"response":{"status":200,"header":{"Content-Length":["99"]},"body":{"text":"hi","size":2,"sha256":"x"}}}`)
	f.Add(`{"seq":-1,"request":{"method":"HEAD","url":"http://[::1]:80/%zz","body":{"withheld":true}},"response":{"status":999,"body":{"base64":"AAEC"}}}`)
	f.Add(`{"request":{"method":"G\u0000ET","url":"::"},"response":{"status":100,"header":{"":["\r\n"]}}}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, cassette string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "000001-GET-00000000.json"), []byte(cassette), 0o644); err != nil {
			t.Fatal(err)
		}
		xs, err := transports.LoadExchanges(dir)
		if err != nil {
			return
		}
		p, err := transports.NewReplayer(dir)
		if err != nil {
			t.Fatalf("LoadExchanges loads it, NewReplayer refuses it: %v", err)
		}
		x := xs[0]
		req, err := http.NewRequest(x.Request.Method, x.Request.URL, nil)
		if err != nil {
			return
		}
		resp, err := p.RoundTrip(req)
		if err != nil {
			return // a URL or a body digest the request does not give back
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != x.Response.Status || req.Method != http.MethodHead && string(body) != string(x.Response.Body.Bytes()) {
			t.Fatalf("%d %q, recorded %d %q", resp.StatusCode, body, x.Response.Status, x.Response.Body.Bytes())
		}
	})
}
