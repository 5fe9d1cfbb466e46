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

// TestRecorderRedactsEchoedQuerySecrets: a secret the request sent in its
// URL's query (?access_token=) or path (;jsessionid=) is a credential as
// much as the URL's password is: a server echoing it under a name no rule
// knows (a debug header, a text body) has it redacted in the recording,
// as sent and unescaped. A value too short to look for stays.
func TestRecorderRedactsEchoedQuerySecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		_, js, _ := strings.Cut(r.URL.EscapedPath(), ";jsessionid=")
		w.Header().Set("X-Echo", "t="+q.Get("access_token")+" js="+js)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "you sent "+q.Get("access_token")+" and "+q.Get("api_key")+" and "+js+"; short="+q.Get("sig"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	c := client.New(client.WithTransport(rec))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/a;jsessionid=SECRET-js-1?access_token=SECRET-qt%2F2&api_key=SECRET+k+3&sig=s1",
		DataType: "text"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("%d recordings, want 1", len(files))
	}
	b, _ := os.ReadFile(files[0])
	for _, s := range []string{"SECRET-js-1", "SECRET-qt", "SECRET k 3", "SECRET+k+3"} {
		if i := strings.Index(string(b), s); i >= 0 {
			t.Errorf("the recording holds the query's secret %q: ...%s", s, b[i:min(len(b), i+40)])
		}
	}
	if !strings.Contains(string(b), "short=s1") {
		t.Error("a 2-byte signature's text was redacted in the body: too short to look for")
	}
}
