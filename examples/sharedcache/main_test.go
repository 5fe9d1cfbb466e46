package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"anonymous GET /news   -> 200 /news for anyone   origin requests 1",
		"alice     GET /news   -> 200 /news for anyone   origin requests 1, from the cache",
		"alice     GET /me     -> 200 /me for alice      origin requests 2",
		"alice     GET /me     -> 200 /me for alice      origin requests 3",
		"alice     GET /prices -> 200 /prices for alice  origin requests 4",
		"bob       GET /prices -> 200 /prices for alice  origin requests 4, from the cache",
		"anonymous GET /prices -> 200 /prices for alice  origin requests 4, from the cache",
		"alice     GET /inbox  -> 200 /inbox for alice   origin requests 5",
		"alice     GET /inbox  -> 200 /inbox for alice   origin requests 6",
		"anonymous GET /news   -> 200 /news for anyone   origin requests 6, from the cache (stale: origin-unreachable)",
		"anonymous GET /prices -> 502                    origin requests 6",
	}
	got := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("output:\n%s", out.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
}
