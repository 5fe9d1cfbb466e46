package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A retry that was refused (Retry-After over the cap) was never made: it
// must not be taken from the budget the backups share.
func TestARefusedRetryAfterLeavesTheSharedBudget(t *testing.T) {
	primary := faultserver.New(t, faultserver.RetryAfter(100, 503, "3600", faultserver.OK(`{}`)))
	second := faultserver.New(t, faultserver.FailThen(1, 503, faultserver.OK(`{"from":"backup"}`)))
	c := fastClient()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Backup: []string{second.URL + "/a"},
		Mode: client.ModeCORS, RetryTimes: 1})
	t.Logf("primary %d backup %d attempts %d err %v", primary.Count(), second.Count(), resp.Attempts, err)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("RetryTimes 1, primary's only retry refused (Retry-After 3600) and never made: the backup should get that retry; got status %d err %v (backup hits %d)", resp.StatusCode, err, second.Count())
	}
}

// Same with a retry refused because the ctx deadline is too close for the
// backoff: no retry made, but the budget is spent.
func TestARetryRefusedForTheDeadlineLeavesTheSharedBudget(t *testing.T) {
	primary := faultserver.New(t, faultserver.RetryAfter(100, 503, "5", faultserver.OK(`{}`)))
	second := faultserver.New(t, faultserver.FailThen(1, 503, faultserver.OK(`{"from":"backup"}`)))
	c := fastClient()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Backup: []string{second.URL + "/a"},
		Mode: client.ModeCORS, RetryTimes: 1})
	t.Logf("primary %d backup %d attempts %d err %v", primary.Count(), second.Count(), resp.Attempts, err)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("got status %d err %v (backup hits %d)", resp.StatusCode, err, second.Count())
	}
}
