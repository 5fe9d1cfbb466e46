package transports_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// TestRecorderRedactsEchoedCredentials: a server that echoes the request's
// credentials under names no rule knows (a debug header, go-httpbin's
// /headers body, which names the header as a JSON member, a text body)
// has them redacted in the recording: the values of the credential
// headers sent (a WithCredentialHeaders name's too), an Authorization's
// token alone, a cookie's value, for a client's call and a plain
// http.Client's over its Transport. A value too short to look for stays.
func TestRecorderRedactsEchoedCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, auth, ck := r.Header.Get("X-Workspace"), r.Header.Get("Authorization"), r.Header.Get("Cookie")
		tok := strings.TrimPrefix(auth, "Bearer ")
		w.Header().Set("X-Echo", "ws="+ws+" token="+tok+" cookie="+ck)
		if r.URL.Path == "/text" {
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "you sent "+ws+" and "+tok+"; short="+r.Header.Get("X-Api-Key"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"headers":{"X-Workspace":"`+ws+`","Cookie":"`+ck+`"},"t":"`+tok+`"}`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	c := client.New(client.WithTransport(rec), client.WithCredentialHeaders("X-Workspace"))
	for _, path := range []string{"/json", "/text"} {
		if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + path, DataType: "text",
			Header: http.Header{"X-Workspace": {"SECRET-ws-1"}, "Authorization": {"Bearer SECRET-tok-2"},
				"Cookie": {"a=SECRET-ck-3; b=1"}, "X-Api-Key": {"k1"}}}); err != nil {
			t.Fatal(err)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/text", nil)
	req.Header.Set("X-Workspace", "SECRET-plain-4")
	resp, err := (&http.Client{Transport: c.Transport()}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 3 {
		t.Fatalf("%d recordings, want 3", len(files))
	}
	shortKept := false
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if i := strings.Index(string(b), "SECRET"); i >= 0 {
			t.Errorf("%s holds a credential: ...%s", filepath.Base(f), b[i:min(len(b), i+40)])
		}
		shortKept = shortKept || strings.Contains(string(b), "short=k1")
	}
	if !shortKept {
		t.Error("a 2-byte key's text was redacted in the body: too short to look for")
	}
}
