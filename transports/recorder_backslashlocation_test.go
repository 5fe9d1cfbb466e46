package transports_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A Location, Content-Location or Link whose authority a browser finds
// behind backslashes or a tab ("/\alice:pw@host/x", "\\alice:pw@host/x",
// "/\t/alice:pw@host/x": //alice:pw@host/x to fetch, which reads a
// backslash as a slash and removes tabs) is recorded without its userinfo,
// as the same URL written with "//" is.
func TestRecorderRedactsUserinfoABrowserReadsBehindBackslashes(t *testing.T) {
	for _, loc := range []string{
		"/\\alice:pa55w0rd@evil.test/x",
		"\\\\alice:pa55w0rd@evil.test/x",
		"\\/alice:pa55w0rd@evil.test/x?q=1",
		"/\t/alice:pa55w0rd@evil.test/x",
		"http:/\t/alice:pa55w0rd@evil.test/x",
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Location"] = []string{loc}
			w.Header()["Content-Location"] = []string{loc}
			w.Header()["Link"] = []string{"<" + loc + ">; rel=next"}
			w.WriteHeader(http.StatusFound)
		}))
		dir := t.TempDir()
		rec, err := transports.NewRecorder(http.DefaultTransport, dir)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		resp, err := rec.RoundTrip(req) // an http.Client would refuse the Location before
		if err != nil {
			t.Fatalf("%q: %v", loc, err)
		}
		resp.Body.Close()
		srv.Close()
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if len(files) == 0 {
			t.Fatalf("%q: nothing recorded (%v)", loc, rec.Err())
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "pa55") || strings.Contains(string(b), "alice") {
				t.Errorf("%q: the recording holds the userinfo:\n%s", loc, b)
			}
		}
	}
}
