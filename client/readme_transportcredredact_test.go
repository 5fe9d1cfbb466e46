package client_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/transports"
)

// README (Composing middleware): through c.Transport() in a plain
// http.Client, the client's WithCredentialHeaders names are credentials to
// every layer: redacted in the log layer's records and in recordings.
func TestReadmeTransportCredentialNamesRedactedInLogsAndRecordings(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Workspace", r.Header.Get("X-Workspace")) // echoed back: a response header too
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	rec, err := transports.NewRecorder(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, nil))
	c := client.New(client.WithCredentialHeaders("X-Workspace"), client.WithTransport(rec),
		client.WithInnerLayers(reqlog.Middleware(l, reqlog.WithHeaders())))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest("GET", srv.URL+"/x", nil)
	req.Header.Set("X-Workspace", "tenant-7f3a9")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if strings.Contains(buf.String(), "tenant-7f3a9") || !strings.Contains(buf.String(), "X-Workspace=REDACTED") {
		t.Errorf("the log layer:\n%s", &buf)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("%d recordings", len(files))
	}
	b, _ := os.ReadFile(files[0])
	if bytes.Contains(b, []byte("tenant-7f3a9")) {
		t.Errorf("the recording holds the X-Workspace value:\n%s", b)
	}
}
