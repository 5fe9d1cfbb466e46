package reqlog_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A query field whose value is JSON with a secret member is REDACTED in the
// layer's url and the interceptor's answered_url, a ';' or a bare '%' in
// the JSON included.
func TestLogRedactsNestedSecretQueryFields(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithBaseURL(srv.URL),
		client.WithInterceptors(reqlog.Interceptor(logger)),
		client.WithInnerLayers(reqlog.Middleware(logger)))
	for _, data := range []any{
		map[string]any{"filter": map[string]any{"api_key": "SEKRET-MAP"}},
		`filter={"api_key":"SEKRET-SEMI","sort":"name;desc"}`,
		`filter={"api_key":"SEKRET-PCT","discount":"10%"}`,
	} {
		if _, err := c.Request(context.Background(), client.Option{URL: "/search", Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("filter=REDACTED")) {
		t.Fatalf("no redacted field in the log:\n%s", buf.String())
	}
	noSecrets(t, &buf, "SEKRET-MAP", "SEKRET-SEMI", "SEKRET-PCT")
}
