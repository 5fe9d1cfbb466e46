package main

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/httpstatus"
	"github.com/taroreq/taroreq/middleware"
)

// printVerbose writes --verbose: every attempt's request and response
// headers, the layer events, then where the answer came from.
func printVerbose(w io.Writer, attempts []attempt, events []middleware.Event, resp *client.Response) {
	// A server that echoes what the request sent under a name no rule knows
	// (X-Echo: token=…) has it redacted too: -v is a log, pasted in reports.
	var secrets []string
	for _, a := range attempts {
		secrets = append(secrets, a.echoes()...)
	}
	answered := func(h http.Header) http.Header {
		out := redacted(h)
		credential.RedactEchoes(out, secrets)
		return out
	}
	for _, a := range attempts {
		a.body = a.body[:min(len(a.body), shownBody)] // --print B may have kept it all
		fmt.Fprintf(w, "* attempt %d\n", a.n)
		fmt.Fprintf(w, "> %s %s\n", a.method, a.url)
		writeHeader(w, "> ", redacted(a.header))
		switch {
		case len(a.body) > 0 && !looksBinary(a.body):
			fmt.Fprintf(w, ">\n> %s\n", strings.ReplaceAll(string(redactedBody(a.header, a.body)), "\n", "\n> "))
			if a.bodyLen > int64(len(a.body)) {
				fmt.Fprintf(w, "> (body: %d bytes, the first %d shown)\n", a.bodyLen, len(a.body))
			}
		case a.bodyLen > 0:
			fmt.Fprintf(w, "> (body: %d bytes)\n", a.bodyLen)
		}
		if a.err != nil {
			fmt.Fprintf(w, "! %s (after %v)\n", a.errText(), roundDur(a.dur))
			continue
		}
		fmt.Fprintf(w, "< %s (%v)\n", httpstatus.Line(a.status), roundDur(a.dur))
		writeHeader(w, "< ", answered(a.respHeader))
	}
	for _, e := range events {
		line := "* event " + e.Name
		if e.URL != "" {
			line += " " + e.URL
		}
		if e.Err != nil {
			line += ": " + credential.RedactEchoedText(e.Err.Error(), secrets)
		}
		fmt.Fprintln(w, line)
	}
	if resp == nil {
		return
	}
	switch {
	case resp.FromStore && resp.Attempts == 0:
		fmt.Fprintln(w, "* answered by the store, without the network")
	case resp.FromStore:
		fmt.Fprintf(w, "* answered by the store (stale fallback) after %d attempt(s)\n", resp.Attempts)
	case resp.FromCache:
		fmt.Fprintf(w, "* answered by the HTTP cache (%s)\n", credential.String(resp.URL))
	case resp.URL != "":
		fmt.Fprintf(w, "* answered by %s after %d attempt(s)\n", credential.String(resp.URL), resp.Attempts)
	default:
		fmt.Fprintf(w, "* no answer after %d attempt(s)\n", resp.Attempts)
	}
	if resp.StatusCode != 0 && (len(attempts) == 0 || resp.FromStore || resp.FromCache) {
		fmt.Fprintf(w, "< %s\n", httpstatus.Line(resp.StatusCode))
		writeHeader(w, "< ", answered(resp.Header))
	}
	if resp.DecodeErr != nil {
		fmt.Fprintf(w, "* body not parsed as JSON: %v\n", resp.DecodeErr)
	}
	fmt.Fprintf(w, "* %s\n", resp.ErrMsg)
}

// redacted is h as -v shows it, a log of the exchange: credential header
// values (Authorization, Cookie, Set-Cookie, X-Api-Key…) REDACTED and the
// secrets of the URLs in Location, Link… too, as the attempt lines show
// their URLs. --print shows headers as they went.
func redacted(h http.Header) http.Header { return credential.NewHeaders().Redact(h, nil, nil) }

// writeHeader writes h sorted by name, one value a line.
func writeHeader(w io.Writer, prefix string, h http.Header) {
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			fmt.Fprintf(w, "%s%s: %s\n", prefix, k, strings.TrimSpace(v))
		}
	}
}

// redactedBody is a request body as --verbose shows it: a JSON or form
// body with the values of its secret-named fields REDACTED at any depth
// (as recordings have them, and as the same field sent in a query is); a
// JSON body cut short by the shown bound, which does not parse, shows only
// its size.
func redactedBody(h http.Header, body []byte) []byte {
	mt := strings.ToLower(strings.TrimSpace(strings.Split(h.Get("Content-Type"), ";")[0]))
	// What a JSON decoder reads: past a UTF-8 BOM (the client's decoding
	// skips one) and white space.
	value := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case mt == "application/x-www-form-urlencoded":
		out, _ := credential.Keys(nil).BodyForm(body)
		return out
	case strings.Contains(mt, "json") || bytes.HasPrefix(value, []byte("{")) || bytes.HasPrefix(value, []byte("[")):
		if out, _, ok := credential.Keys(nil).BodyJSON(value); ok {
			return append(body[:len(body)-len(value):len(body)-len(value)], out...)
		}
		return []byte(fmt.Sprintf("(JSON body, %d bytes shown: not redactable, left out)", len(body)))
	}
	return body
}
