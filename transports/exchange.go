package transports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Exchange is one recorded request and its response: the content of one
// JSON file in a Recorder's directory. Credential values in it are Redacted.
// Like its parts, it is a plain value, safe to share while nobody modifies
// it.
type Exchange struct {
	// Seq numbers the exchanges of one Recorder from 1, in the order their
	// requests arrived; a Replayer serves exchanges that match the same
	// request in this order.
	Seq      int64            `json:"seq"`
	Request  ExchangeRequest  `json:"request"`  // what was sent, redacted
	Response ExchangeResponse `json:"response"` // what came back, redacted
}

// ExchangeRequest is the request half of an Exchange. Like Exchange, it is
// a plain value, safe to share while nobody modifies it.
type ExchangeRequest struct {
	Method string       `json:"method"`           // as sent: "GET" for the empty method
	URL    string       `json:"url"`              // canonical and redacted; see Recorder
	Header http.Header  `json:"header,omitempty"` // credential values REDACTED
	Body   RecordedBody `json:"body"`             // see RecordedBody
}

// ExchangeResponse is the response half of an Exchange. Like Exchange, it
// is a plain value, safe to share while nobody modifies it.
type ExchangeResponse struct {
	Status int          `json:"status"`           // the status code
	Header http.Header  `json:"header,omitempty"` // credential values REDACTED
	Body   RecordedBody `json:"body"`             // see RecordedBody
}

// RecordedBody is a body as recorded: its first bytes, up to the recorder's
// bound, with the size and SHA-256 of all of it. It is a plain value, safe
// to share while nobody modifies it.
type RecordedBody struct {
	// Text holds the recorded bytes when they are valid UTF-8.
	Text string `json:"text,omitempty"`
	// Base64 holds the recorded bytes otherwise (base64 in the file).
	Base64 []byte `json:"base64,omitempty"`
	// Size is the length of the whole body, as far as it was read (of the
	// recorded bytes when Redacted).
	Size int64 `json:"size"`
	// SHA256 is the hex SHA-256 of the whole body, as far as it was read
	// (of the recorded bytes when Redacted, empty when Withheld).
	SHA256 string `json:"sha256"`
	// Truncated says that the recorded bytes are not the whole body: it was
	// longer than the bound, its reader stopped before its end, or it was
	// Withheld.
	Truncated bool `json:"truncated,omitempty"`
	// Redacted says that the recorded bytes are the body with the value of
	// each secret-named form field or JSON member replaced by REDACTED; Size
	// and SHA256 are then those of the recorded bytes, so that the file
	// holds no hash of a secret either.
	Redacted bool `json:"redacted,omitempty"`
	// Withheld says that no bytes were recorded, and no hash, because the
	// body may hold a credential that cannot be redacted: a form or JSON
	// body longer than the bound or content-encoded, a body declared JSON
	// that does not parse, the body of a redirect whose Location held a
	// secret. Size is the body's.
	Withheld bool `json:"withheld,omitempty"`
	// Broken says that reading the body failed before its end (a reset, a
	// Content-Length longer than what came, a timeout): a Replayer answers
	// with the recorded bytes, then io.ErrUnexpectedEOF, as the body that
	// was recorded failed, not with a short body that ends well.
	Broken bool `json:"broken,omitempty"`
}

// Bytes returns the recorded bytes.
func (b RecordedBody) Bytes() []byte {
	if b.Text != "" {
		return []byte(b.Text)
	}
	return b.Base64
}

// newRecordedBody holds data in Text or Base64, whichever fits.
func newRecordedBody(data []byte, size int64, sum string, truncated bool) RecordedBody {
	b := RecordedBody{Size: size, SHA256: sum, Truncated: truncated}
	if utf8.Valid(data) {
		b.Text = string(data)
	} else {
		b.Base64 = data
	}
	return b
}

// exchangeKey is what a Replayer matches: method, canonical redacted URL and
// the SHA-256 of the whole request body as recorded (redacted; empty when
// withheld).
func exchangeKey(method, redactedURL, bodySHA256 string) string {
	return method + " " + redactedURL + " " + bodySHA256
}

// fileName is the name of an exchange's file: sequence number, method and a
// short hash of the key, such as "000001-GET-1a2b3c4d.json".
func (x *Exchange) fileName() string {
	m := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, x.Request.Method)
	sum := sha256.Sum256([]byte(exchangeKey(x.Request.Method, x.Request.URL, x.Request.Body.SHA256)))
	return fmt.Sprintf("%06d-%s-%s.json", x.Seq, m, hex.EncodeToString(sum[:4]))
}

// writeExchange writes x to its file in dir atomically: to a temporary file
// first, renamed into place once complete, so that no reader ever sees half
// a file. The file is readable by its owner only.
func writeExchange(dir string, x *Exchange) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(x); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".exchange-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(buf.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, x.fileName()))
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

// LoadExchanges reads every exchange file (*.json) of a Recorder's
// directory, sorted by Seq; files whose names start with a dot (temporary
// files) are skipped. An unreadable or malformed file is an error that names
// it, and so is one that is not a regular file (a device, a FIFO, a symbolic
// link to one).
func LoadExchanges(dir string) ([]Exchange, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, fmt.Errorf("transports: %w", err)
	}
	var xs []Exchange
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		name := filepath.Join(dir, e.Name())
		// Only a regular file, a symbolic link's target included: a link
		// (which a cassette checked out of a repository may be) to
		// /dev/zero would be read for ever, into memory, and a FIFO would
		// block.
		if st, err := os.Stat(name); err != nil {
			return nil, fmt.Errorf("transports: %w", err)
		} else if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("transports: %s: not a regular file (%v)", name, st.Mode().Type())
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var x Exchange
		if err := json.Unmarshal(data, &x); err != nil {
			return nil, fmt.Errorf("transports: %s: %w", name, err)
		}
		if x.Request.Method == "" || x.Request.URL == "" || x.Response.Status < 100 || x.Response.Status > 999 {
			return nil, fmt.Errorf("transports: %s: not an exchange (method, URL or status missing)", name)
		}
		xs = append(xs, x)
	}
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].Seq < xs[j].Seq })
	return xs, nil
}
