package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	tlog "github.com/taroreq/taroreq/middleware/log"
)

// An inner client given a credential name (X-Workspace) logs, with a layer
// of its own, another client's call through its Transport(): the header so
// named is that client's secret as much as its own calls', and is redacted.
func TestNestedClientLogRedactsTheInnerClientsNames(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer api.Close()
	var out bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	inner := client.New(client.WithBaseURL(api.URL), client.WithCredentialHeaders("X-Workspace"),
		client.WithInnerLayers(tlog.Middleware(logger, tlog.WithHeaders(), tlog.WithLevel(slog.LevelInfo))))
	outer := client.New(client.WithBaseURL(api.URL), client.WithTransport(inner.Transport()))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := outer.Request(ctx, client.Option{URL: "/x", Header: http.Header{"X-Workspace": {"ws-secret-alice"}}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "X-Workspace") {
		t.Fatalf("the inner layer logged no header: %s", out.String())
	}
	if strings.Contains(out.String(), "ws-secret-alice") {
		t.Errorf("the inner client's log shows its credential header: %s", out.String())
	}
}
