package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// span is the part of stdouttrace's JSON that the test reads.
type span struct {
	Name        string
	SpanKind    int
	SpanContext struct{ TraceID, SpanID string }
	Parent      struct{ TraceID, SpanID string }
	Attributes  []struct {
		Key   string
		Value struct{ Value any }
	}
}

func (s span) attr(key string) any {
	for _, a := range s.Attributes {
		if a.Key == key {
			return a.Value.Value
		}
	}
	return nil
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	var reqs, attempts []span
	var summary string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if strings.HasPrefix(line, "# ") {
			summary = line
			continue
		}
		var s span
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		switch s.Name {
		case "taroreq GET":
			reqs = append(reqs, s)
		case "GET":
			attempts = append(attempts, s)
		default:
			t.Errorf("unexpected span %q", s.Name)
		}
	}
	if want := "# status 200, attempts 2, server requests 2, request:ok"; summary != want {
		t.Errorf("summary %q, want %q", summary, want)
	}
	if len(reqs) != 1 || len(attempts) != 2 {
		t.Fatalf("%d request spans and %d attempt spans, want 1 and 2:\n%s", len(reqs), len(attempts), &out)
	}
	req := reqs[0]
	if req.attr("taroreq.attempts") != 2.0 {
		t.Errorf("taroreq.attempts %v", req.attr("taroreq.attempts"))
	}
	resends := 0
	for _, a := range attempts {
		if a.Parent.SpanID != req.SpanContext.SpanID || a.SpanContext.TraceID != req.SpanContext.TraceID {
			t.Errorf("attempt span's parent %s, want %s", a.Parent.SpanID, req.SpanContext.SpanID)
		}
		if a.attr("http.request.resend_count") == 1.0 {
			resends++
		}
		if u, _ := a.attr("url.full").(string); !strings.HasSuffix(u, "/hello?token=REDACTED") {
			t.Errorf("url.full %q", u)
		}
	}
	if resends != 1 {
		t.Errorf("%d attempt spans with resend_count=1, want 1", resends)
	}
	if strings.Contains(out.String(), "s3cr3t") {
		t.Error("the token reached the exporter")
	}
}
