package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
)

// README, errors: a 5xx that the retries did not mend is the call's
// response when it has no backup (fetch semantics, the retry layer hands
// back the last answer); with backups, once every URL has failed so, the
// call fails with backup.ErrExhausted, the last answer still on the
// Response. A 404 is no failure to fail over from: a response either way.
func TestFinal5xxIsAResponseWithoutBackupAndAnErrorWithOne(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"busy":true}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithRetry(retry.WithBackoff(nil, 0, 0)))
	defer c.CloseIdleConnections()
	ctx := context.Background()

	resp, err := c.Request(ctx, client.Option{URL: "/a"})
	if err != nil || resp.StatusCode != 503 || resp.ErrMsg != "request:ok" || resp.Attempts != 3 {
		t.Errorf("no backup: status %d, %q, %d attempts, err %v; want the 503 as the response after 3 attempts",
			resp.StatusCode, resp.ErrMsg, resp.Attempts, err)
	}
	resp, err = c.Request(ctx, client.Option{URL: "/a", Backup: []string{"/b"}})
	data, _ := resp.Data.(map[string]any)
	if !errors.Is(err, backup.ErrExhausted) || resp.StatusCode != 503 || data["busy"] != true {
		t.Errorf("with a backup: status %d, data %v, err %v; want backup.ErrExhausted with the last 503 on the Response",
			resp.StatusCode, resp.Data, err)
	}
	resp, err = c.Request(ctx, client.Option{URL: "/gone", Backup: []string{"/b"}})
	if err != nil || resp.StatusCode != 404 || resp.Attempts != 1 {
		t.Errorf("404 with a backup: status %d, %d attempts, err %v; want the 404 as the response", resp.StatusCode, resp.Attempts, err)
	}
}
