package main

import (
	"bytes"
	"context"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	// 3 attempts on the primary (RetryTimes 2), 1 on each backup.
	if got, want := out.String(), "answered by backup 2 after 5 attempts: map[code:0 msg:hello]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
