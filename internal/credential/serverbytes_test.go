package credential

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// net/http quotes the first line (or word) of what a server sent where an
// answer should begin: on a kept-alive connection, maybe the late end of
// another user's answer. Withheld, in any text the client shows, however
// it is quoted around.
func TestServerBytesWithheld(t *testing.T) {
	for _, s := range []string{
		`net/http: HTTP/1.x transport connection broken: malformed HTTP response "{\"secret\":\"alice\"}"`,
		`malformed HTTP response "alice \"x\"" (earlier attempts: malformed HTTP response "alice")`,
		`malformed HTTP version "alice"`,
		`malformed HTTP response "alice`, // cut short
		`malformed HTTP response "\"alice\\"`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "alice") || !strings.Contains(got, withheldServerBytes) {
			t.Errorf("Text(%s) = %s", s, got)
		}
		if again := Keys(nil).Text(got); again != got {
			t.Errorf("Text twice: %s, then %s", got, again)
		}
	}
	for _, s := range []string{"malformed HTTP response", `malformed HTTP response x "y"`, `unexpected EOF reading "alice"`} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Text(%s) = %s; want it as it is", s, got)
		}
	}
}

// The bytes stay withheld when their quoted text is quoted again before it
// is redacted: a layer's or an interceptor's fmt.Errorf("... %q",
// err.Error()), a JSON string holding the error's text, at any depth;
// the text around them kept.
func TestServerBytesWithheldQuotedAgain(t *testing.T) {
	inner := `Get "http://h.test/b": malformed HTTP response "{\"secret\":\"alice\\\\\"}"`
	once := strconv.Quote(inner)
	twice := strconv.Quote("wrapped: " + once)
	js, _ := json.Marshal(map[string]string{"error": inner})
	for _, s := range []string{
		"upstream failed: " + once + " (after 2 tries)",
		"outer: " + twice + " end",
		string(js),
		"cut: " + once[:len(once)-12], // cut short inside the bytes
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "alice") || !strings.Contains(got, withheldServerBytes) {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
		if strings.HasSuffix(s, "end") && !strings.HasSuffix(got, " end") ||
			strings.HasSuffix(s, "tries)") && !strings.HasSuffix(got, `" (after 2 tries)`) {
			t.Errorf("Text(%s)\n = %s; want the text after the bytes kept", s, got)
		}
	}
	if s := `malformed HTTP response \x "y"`; Keys(nil).Text(s) != s {
		t.Errorf("Text(%s) = %s; want it as it is", s, Keys(nil).Text(s))
	}
}
