package client_test

import (
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// MethodText names a method as the client's errors do.
func TestMethodText(t *testing.T) {
	long := strings.Repeat("X", 100)
	for in, want := range map[string]string{
		"":            "GET",
		"patch":       "patch",
		"POST":        "POST",
		"FETCH":       `"FETCH"`,
		"GET\r\nX: 1": `"GET\r\nX: 1"`,
		long:          `"` + long[:64] + `"…`,
	} {
		if got := client.MethodText(in); got != want {
			t.Errorf("MethodText(%q) = %q, want %q", in, got, want)
		}
	}
}
