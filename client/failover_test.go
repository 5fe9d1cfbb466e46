package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/backup"
)

// Defect 6: failover follows the retry rule. A POST answered 503 is neither
// retried nor sent to the backup (it may have been applied); marked
// Idempotent, or carrying an Idempotency-Key, it is both.
func TestPostFailoverFollowsTheRetryRule(t *testing.T) {
	primary := faultserver.New(t, faultserver.Status(503, `{"busy":true}`))
	second := faultserver.New(t, faultserver.OK(`{"from":"backup"}`))
	c := fastClient()
	opt := client.Option{URL: primary.URL + "/orders", Method: "POST", Data: map[string]any{"n": 1},
		Backup: []string{second.URL + "/orders"}}

	resp, err := c.Request(context.Background(), opt)
	if err != nil || resp.StatusCode != 503 || primary.Count() != 1 || second.Count() != 0 {
		t.Fatalf("POST: status %d err %v, primary %d backup %d; want the 503 once, the backup untouched",
			resp.StatusCode, err, primary.Count(), second.Count())
	}

	idem := opt
	idem.Idempotent = true
	resp, err = c.Request(context.Background(), idem)
	if err != nil || resp.StatusCode != 200 || primary.Count() != 4 || second.Count() != 1 {
		t.Fatalf("Idempotent: status %d err %v, primary %d backup %d; want 3 attempts then the backup",
			resp.StatusCode, err, primary.Count(), second.Count())
	}

	keyed := opt
	keyed.Header = http.Header{"Idempotency-Key": {"order-1"}}
	if resp, err = c.Request(context.Background(), keyed); err != nil || resp.StatusCode != 200 || second.Count() != 2 {
		t.Fatalf("Idempotency-Key: status %d err %v backup %d", resp.StatusCode, err, second.Count())
	}
	if got := string(second.Requests()[1].Body); got != `{"n":1}` {
		t.Errorf("backup got body %q", got)
	}
}

// A POST whose connection was reset may have been applied: the error says why the
// backups were not tried.
func TestPostResetNotFailedOver(t *testing.T) {
	primary := faultserver.New(t, faultserver.Reset())
	second := faultserver.New(t, faultserver.OK(`{}`))
	_, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL, Method: "POST",
		Data: "x", Backup: []string{second.URL}})
	var nf *backup.NotFailedOverError
	if !errors.As(err, &nf) || second.Count() != 0 || primary.Count() != 1 {
		t.Fatalf("err %v, primary %d backup %d; want NotFailedOverError, 1 and 0", err, primary.Count(), second.Count())
	}
}
