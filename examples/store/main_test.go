package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, filepath.Join(t.TempDir(), "snap")); err != nil {
		t.Fatal(err)
	}
	want := "first run:  from store false, server requests 1, data map[cities:[Hangzhou Shenzhen] version:v1]\n" +
		"restarted:  from store true, server requests 1\n" +
		"server down: from store true (stale fallback), server requests 2, request:ok\n"
	if got := out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
