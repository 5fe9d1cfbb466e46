package transports_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

// A fake's miss matches middleware.ErrNoRetry (a8c0753), but an error a
// script gives on purpose (Step.Err, Fail) is the caller's to shape: it is
// returned as it is and retried as before, and a script that fails then
// answers still ends with its answer.
func TestFakesScriptedErrorIsStillRetried(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	boom := errors.New("connection reset by peer")
	s := transports.NewScripted()
	s.On("GET", "https://api.test/flaky").Then(transports.Step{Err: boom}, transports.Step{Err: boom}).Respond(200, `{"ok":true}`)
	c := client.New(client.WithTransport(s))
	resp, err := c.Request(ctx, client.Option{URL: "https://api.test/flaky", Mode: client.ModeCORS})
	if err != nil || resp.StatusCode != 200 || resp.Attempts != 3 {
		t.Fatalf("err %v, resp %+v: want the answer at the third attempt", err, resp)
	}
	s2 := transports.NewScripted()
	s2.On("GET", "https://api.test/down").Fail(boom)
	_, err = client.New(client.WithTransport(s2)).Request(ctx, client.Option{URL: "https://api.test/down", Mode: client.ModeCORS})
	if !errors.Is(err, boom) || errors.Is(err, middleware.ErrNoRetry) || s2.Count("GET", "https://api.test/down") != 3 {
		t.Errorf("Fail: err %v after %d requests, want boom, not ErrNoRetry, after 3", err, s2.Count("GET", "https://api.test/down"))
	}
}
