package transports_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A recording holds no secret of a query escaped twice (in the request's
// path, a Location, a header's value), nor of a quoted or grouped value,
// nor a SendGrid key: each was recorded whole before review26.
func TestRecorderRedactsQueriesEscapedTwiceAndGroupedValues(t *testing.T) {
	const secret = "s3cr3t-tok"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://x/next%253Fcode%253D"+secret)
		w.Header().Set("X-Context", `a=1; token='`+secret+` more'; b=2`)
		w.Header().Set("X-Mail", "SG.ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-"+secret+"-1s5cr")
	}))
	defer srv.Close()
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/cb%253Ftoken%253D"+secret+"?a=1", nil)
	req.Header.Set("X-Cb", "https://x/cb%253Faccess_token%253D"+secret+"%2526x%253D1")
	req.Header.Set("X-Ctx", `sig1=("`+secret+`" "b");created=1`)
	resp, err := (&http.Client{Transport: rec}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatal("nothing recorded")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s holds the secret:\n%s", filepath.Base(f), b)
		}
	}
}
