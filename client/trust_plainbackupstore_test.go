package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A plain http.Client's GET over Client.Transport that a backup of another
// origin answered, sent without the outer layer's token, got what that
// origin gives strangers: the store keeps it apart from the token, so its
// fallback never answers alice with it once every URL is down (a call's
// store already refuses it). A backup that keeps the credentials, and a
// request without any, still have their answer kept for the fallback.
func TestPlainClientStoreKeepsAStrippedBackupsAnswerApart(t *testing.T) {
	echo := func(name string, down *atomic.Bool) *httptest.Server {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			_, _ = io.WriteString(w, name+":"+r.Header.Get("Authorization"))
		}))
		t.Cleanup(s.Close)
		return s
	}
	for _, tc := range []struct {
		name   string
		layers []middleware.Middleware
		bo     []backup.Option
		want   string // the fallback's answer once both are down
	}{
		{"token stripped from the backup", []middleware.Middleware{bearerEverywhere}, nil, ""},
		{"token kept across origins", []middleware.Middleware{bearerEverywhere},
			[]backup.Option{backup.WithCredentialsAcrossOrigins()}, "mirror:Bearer alice"},
		{"no token", nil, nil, "mirror:"},
	} {
		apiDown, mirrorDown := new(atomic.Bool), new(atomic.Bool)
		apiDown.Store(true)
		api, mirror := echo("api", apiDown), echo("mirror", mirrorDown)
		// One key, so that the layer and its fallback share partitions.
		c := client.New(client.WithPartitionKey([]byte("replicas")), client.WithOuterLayers(tc.layers...),
			client.WithBackup(append(tc.bo, backup.WithURLs(mirror.URL+"/profile"))...), client.WithRetry(retry.WithRetryTimes(0)))
		hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
		if got, want := plainGet(t, hc, api.URL+"/profile"), tc.want; want != "" && got != want {
			t.Fatalf("%s: the backup answered %q, want %q", tc.name, got, want)
		}
		mirrorDown.Store(true)
		if got := plainGet(t, hc, api.URL+"/profile"); got != tc.want {
			t.Errorf("%s: every URL down, the request was answered %q, want %q", tc.name, got, tc.want)
		}
	}
}
