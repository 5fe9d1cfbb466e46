package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

// The spec's Backup: a URL has failed when its retry budget is spent or
// DataCheck returned false. DataCheck ran on a URL's last 503 all the
// same, before the failover its answer could not change: the check was
// called on a failure (a caller counting its verdicts, or parsing the data,
// saw the 503's error page), and the URL's error said "rejected by
// DataCheck" where the retry rule had failed it. Now a failed status
// (429, 5xx but 501) of a URL the backup layer fails over from, or fails
// the call on, is left unchecked; where the 503 is the call's answer (no
// backups; a POST, not failed over) DataCheck still judges it.
func TestDataCheckDoesNotJudgeAFailedURLsStatus(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	down := faultserver.New(t, faultserver.Status(http.StatusServiceUnavailable, `<h1>down</h1>`))
	up := faultserver.New(t, faultserver.OK(`{"code":0}`))
	var mu sync.Mutex
	var seen []int
	check := func(r *client.Response) bool {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, r.StatusCode)
		return r.StatusCode == 200
	}
	judged := func() []int {
		mu.Lock()
		defer mu.Unlock()
		out := seen
		seen = nil
		return out
	}
	c := fastClient()

	// A 503 then a backup that answers: DataCheck sees the answer alone.
	resp, err := c.Request(ctx, client.Option{URL: down.URL, Backup: []string{up.URL}, Mode: client.ModeCORS,
		RetryTimes: 1, DataCheck: check})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("failover: %v", err)
	}
	if got := judged(); len(got) != 1 || got[0] != 200 {
		t.Errorf("failover: DataCheck judged statuses %v, want [200] alone", got)
	}

	// Every URL 503: none judged, and the error is the statuses', not
	// DataCheck's.
	_, err = c.Request(ctx, client.Option{URL: down.URL, Backup: []string{down.URL + "/b"},
		RetryTimes: client.NoRetry, DataCheck: check})
	if got := judged(); len(got) != 0 {
		t.Errorf("every URL failed: DataCheck judged statuses %v, want none", got)
	}
	if err == nil || errors.Is(err, datacheck.ErrRejected) || !strings.Contains(err.Error(), "503") {
		t.Errorf("every URL failed: %v, want the 503s, not a rejection", err)
	}

	// No backups: the 503 is the call's answer, and DataCheck judges it.
	_, err = c.Request(ctx, client.Option{URL: down.URL, RetryTimes: client.NoRetry, DataCheck: check})
	if got := judged(); len(got) != 1 || got[0] != 503 || !errors.Is(err, datacheck.ErrRejected) {
		t.Errorf("no backups: judged %v, err %v; want [503] rejected", got, err)
	}

	// A POST answered 503 is not failed over (it may have been applied):
	// that 503 is its answer, judged.
	_, err = c.Request(ctx, client.Option{URL: down.URL, Method: "POST", Data: "x", Backup: []string{up.URL},
		Mode: client.ModeCORS, RetryTimes: client.NoRetry, DataCheck: check})
	if got := judged(); len(got) != 1 || got[0] != 503 || !errors.Is(err, datacheck.ErrRejected) {
		t.Errorf("POST not failed over: judged %v, err %v; want [503] rejected", got, err)
	}
}
