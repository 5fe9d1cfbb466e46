package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET    /search?page=2&q=go%20%26%20taro -> 200 map[page:2 query:go & taro] (request:ok)",
		`JSON   POST -> map[body:{"name":"taro","tags":["a","b"]} contentType:application/json]`,
		"Form   POST -> map[body:lang=go&user=ann%20lee contentType:application/x-www-form-urlencoded]",
		"Bytes  GET  -> 89 50 4e 47 0d 0a",
		"Typed  GET  -> {ID:7 Name:Ann Roles:[admin]}",
		"Abort  GET  -> request:fail abort (error: true)",
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(got) != len(want) {
		t.Fatalf("output:\n%s", out.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}
