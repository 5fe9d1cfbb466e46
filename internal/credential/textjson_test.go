package credential

import (
	"strings"
	"testing"
	"time"
)

// Text reads a raw JSON value past its usual stops (filter={"api_key":…})
// and redacts it when it holds a secret member. One earlier value that
// starts with '[' or '{' but is no JSON (tags=[draft) must not switch that
// reading off for the rest of the text.
func TestTextRawJSONAfterAnUnparsableBracket(t *testing.T) {
	for _, s := range []string{
		`see http://h/x?filter={"api_key":"S3CRET"}&page=1 now`,
		`see http://h/x?tags=[draft&filter={"api_key":"S3CRET"}&page=1 now`,
		`see http://h/x?tags=[draft now; then http://h/y?filter={"api_key":"S3CRET"} failed`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}

// A raw value that opens a string ("x or {"a":"b) and never closes it is
// read as JSON within its '&'-span only: the next parameter
// (filter={"api_key":…}, one a server splitting on '&' reads apart) is
// still read as JSON and its secret redacted.
func TestTextRawJSONAfterAnOpenString(t *testing.T) {
	for _, s := range []string{
		`see http://h/x?tags=["x&filter={"api_key":"S3CRET"}&page=1 now`,
		`see http://h/x?tags=[{"a":"b&filter={"api_key":"S3CRET"}&page=1 now`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}

func TestTextRawJSONAfterAParsedOne(t *testing.T) {
	for _, s := range []string{
		`see http://h/x?a={};b={"api_key":"S3CRET"}&c=1 now`,
		`Get "https://h/x?a=[]": 1 x;b={"api_key":"S3CRET"}`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
	if got := Keys(nil).Query(`a={};b={"api_key":"S3CRET"}&c=1`); strings.Contains(got, "S3CRET") {
		t.Errorf("Query: %s", got) // the reference: Query gets it right
	}
}
func TestTextRawJSONFailClosedKeepsTheRest(t *testing.T) {
	for _, s := range []string{
		`Get "https://h/x?filter={%22api_key%22:%22S3CRET%22}": dial tcp: lookup h: no such host`,
		`Get "https://h/x?filter={\"api_key\":\"S3CRET\"}": dial tcp: lookup h: no such host`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "S3CRET") || !strings.HasSuffix(got, `": dial tcp: lookup h: no such host`) {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}

// 256 KB of parameters whose values open JSON that nothing closes, or are
// short JSON, after bracketed names and plain ones: each is judged without a
// JSON decoder (the decoder per value took 100-270 ms for 256 KB, growing
// with the square of the length).
func TestTextStaysFastOnOpenJSONAfterEveryName(t *testing.T) {
	for _, p := range []string{"&[=[", "&(=[", "&[={", "&x=[", "&x=[]", "&x={}", "&x=[1]&y=2"} {
		// Linear, not an absolute time (a loaded machine missed one): four
		// times the text takes about four times as long; quadratic, 16.
		small, large, ok := linearTimes(64<<10, 256<<10, 20*time.Millisecond*time.Duration(raceFactor), func(n int) func() {
			s := strings.Repeat(p, n/len(p)+1)[:n]
			return func() { _ = Keys(nil).Text(s) }
		})
		t.Logf("%-6q 64 KB %v, 256 KB %v", p, small, large)
		if !ok {
			t.Errorf("Text(256 KB of %q) took %v, 64 KB %v: not linear", p, large, small)
		}
	}
}

// A value that starts like JSON but does not parse fails closed on a
// secret member name as a JavaScript object literal has it: a bare word, or
// a string in double or single quotes (what JSON5 and Python-literal
// parsers read too).
func TestFailClosedSingleQuotedName(t *testing.T) {
	for _, raw := range []string{
		`filter={api_key:%22S3CRET%22}&page=1`,             // a bare word
		`filter={'api_key':'S3CRET'}&page=1`,               // single quotes
		`filter=%7B%27api_key%27%3A%27S3CRET%27%7D&page=1`, // single quotes
	} {
		if got := Keys(nil).WithoutSecrets(raw); got != "page=1" {
			t.Errorf("WithoutSecrets(%s) = %s, want page=1", raw, got)
		}
	}
}
