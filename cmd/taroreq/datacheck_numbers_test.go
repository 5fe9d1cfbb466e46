package main

import (
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// --data-check compares a number by its value as received: an id past 2^53
// matches its own digits (it was compared as the float64 nearest to it,
// 12345678901234567000000, and rejected), and 1.10, which the output
// shows, matches as 1.1 does; a number it is not is still rejected.
func TestDataCheckComparesNumbersAsReceived(t *testing.T) {
	raw := []byte(`{"id":12345678901234567890123,"price":1.10,"n":1,"big":1e21,"s":"12"}`)
	for _, tt := range []struct {
		check string
		want  bool
	}{
		{"id=12345678901234567890123", true},
		{"id=12345678901234567000000", false},
		{"id=12345678901234567890124", false},
		{"price=1.10", true},
		{"price=1.1", true},
		{"price=1.100", true},
		{"price=1.11", false},
		{"n=1", true},
		{"n=1.0", true},
		{"n=2", false},
		{"n=1/1", false},
		{"big=1e21", true},
		{"big=1000000000000000000000", true},
		{"s=12", true},
		{"s=12.0", false}, // a string by its text
	} {
		if got := dataCheck([]string{tt.check})(&client.Response{Raw: raw}); got != tt.want {
			t.Errorf("--data-check %s: %v, want %v", tt.check, got, tt.want)
		}
	}

	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, string(raw))
	})
	cli(t, "--data-check", "id=12345678901234567890123", "--data-check", "price=1.10", srv.URL).wantCode(t, exitOK)
	cli(t, "--retry-times", "0", "--data-check", "id=12345678901234567000000", srv.URL).wantCode(t, exitDataCheck)
}
