package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSSE(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`event token id=0 "Streams"`,
		`event token id=1 " arrive"`,
		`event token id=2 " one"`,
		`event token id=3 " token"`, // after the reconnection
		`event token id=4 " at"`,
		`event token id=5 " a"`,
		`event token id=6 " time"`,
		`event token id=7 "."`,
		"text: Streams arrive one token at a time.",
		"export: 24 bytes, status 200",
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("output:\n%s\nwant:\n%s", out.String(), strings.Join(want, "\n"))
	}
}
