package client

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/taroreq/taroreq/encoders"
)

// Event is one Server-Sent Event (text/event-stream): a plain value, the
// caller's own.
type Event struct {
	// Type is the event field, "message" when the event has none.
	Type string
	// Data is the event's data lines joined with "\n".
	Data string
	// ID is the last event ID as of this event: the stream's last id
	// field, which a later event without one keeps.
	ID string
	// Retry is the reconnection time the server set with a retry field
	// while this event was parsed, 0 if it did not.
	Retry time.Duration
}

// eventParser reads events by the WHATWG rules (HTML §9.2.6): one leading
// BOM is skipped; lines end with CRLF, LF or CR; a blank line dispatches;
// a line starting with ':' is a comment; "field: value" loses one space
// after the colon; field values are UTF-8 decoded as the WHATWG decoder
// does (an ill-formed sequence is U+FFFD, whose three bytes count against
// the bound); data lines are joined with LF; an id with a NUL is
// ignored; retry takes ASCII digits only; an event cut off by the end of
// the stream is dropped, its id with it. Lines are bounded by max bytes, so a server
// cannot grow the buffer without end.
type eventParser struct {
	r    *bufio.Reader
	max  int
	line []byte
	data []byte
	typ  string
	// idBuf is the last event ID buffer, set by an id field; lastID is the
	// event source's last event ID, set from it when a blank line
	// dispatches (with or without data). An event cut off by the end of
	// the stream never sets it: its id is not yet one the caller got.
	idBuf  string
	lastID string
	retry  time.Duration // set by this event's retry field
	// reconnect is the last retry field's time, event or not (the spec's
	// reconnection time), if reconnectSet: 0 is a time the server may set.
	reconnect    time.Duration
	reconnectSet bool
	bom          bool // the BOM check is done
	cr           bool // the last line ended with CR: skip a LF that follows
}

func newEventParser(r io.Reader, max int) *eventParser {
	return &eventParser{r: bufio.NewReaderSize(r, 4<<10), max: max}
}

// startFrom seeds the parser with the event source's last event ID (kept
// across connections, as browsers keep it): events without an id carry it.
func (p *eventParser) startFrom(lastID string) { p.idBuf, p.lastID = lastID, lastID }

// next returns the next event, or the error that ended the stream (io.EOF
// at a clean end).
func (p *eventParser) next() (Event, error) {
	for {
		line, err := p.readLine()
		if err != nil {
			return Event{}, err
		}
		if len(line) == 0 {
			if ev, ok := p.dispatch(); ok {
				return ev, nil
			}
			continue
		}
		if err := p.field(line); err != nil {
			return Event{}, err
		}
	}
}

// dispatch ends the event under way; an event without data is none.
func (p *eventParser) dispatch() (Event, bool) {
	retry := p.retry
	p.retry = 0
	p.lastID = p.idBuf
	if len(p.data) == 0 {
		p.typ = ""
		return Event{}, false
	}
	ev := Event{Type: p.typ, Data: string(bytes.TrimSuffix(p.data, []byte{'\n'})), ID: p.lastID, Retry: retry}
	if ev.Type == "" {
		ev.Type = "message"
	}
	p.data, p.typ = p.data[:0], ""
	return ev, true
}

// field applies one non-blank line.
func (p *eventParser) field(line []byte) error {
	if line[0] == ':' {
		return nil // a comment, e.g. a keep-alive
	}
	name, value, found := bytes.Cut(line, []byte{':'})
	if found && len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	if !utf8.Valid(value) {
		// The stream is UTF-8 decoded: a line end is ASCII, so no
		// ill-formed sequence spans two lines and each decodes alone.
		value = []byte(encoders.DecodeUTF8(value))
		if len(p.data)+len(value) > p.max {
			return p.tooLarge()
		}
	}
	switch string(name) {
	case "event":
		p.typ = string(value)
	case "data":
		p.data = append(append(p.data, value...), '\n')
	case "id":
		if bytes.IndexByte(value, 0) < 0 {
			p.idBuf = string(value)
		}
	case "retry":
		if d, ok := retryTime(value); ok {
			p.retry = d
			p.reconnect, p.reconnectSet = p.retry, true
		}
	}
	return nil
}

func (p *eventParser) tooLarge() error {
	return fmt.Errorf("%w: event stream line or event over %d bytes", ErrResponseTooLarge, p.max)
}

// retryTime parses a retry field: ASCII digits only, as the spec asks (no
// sign, no space), leading zeros allowed, in milliseconds. The spec sets
// whatever integer they make: one past what a Duration holds (292 years)
// is the longest Duration, as good as never.
func retryTime(b []byte) (time.Duration, bool) {
	if len(b) == 0 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	ms, err := strconv.ParseUint(string(b), 10, 64) // digits only: err is a range error
	if err != nil || ms > uint64(math.MaxInt64/int64(time.Millisecond)) {
		return time.Duration(math.MaxInt64), true
	}
	return time.Duration(ms) * time.Millisecond, true
}

// readLine returns the next line without its end. A line cut by the end of
// the stream is not a line: the stream's error (io.EOF) is returned.
func (p *eventParser) readLine() ([]byte, error) {
	p.line = p.line[:0]
	for {
		c, err := p.r.ReadByte()
		if err != nil {
			return nil, err
		}
		if !p.bom {
			p.bom = true
			if c == 0xEF {
				if b, _ := p.r.Peek(2); len(b) == 2 && b[0] == 0xBB && b[1] == 0xBF {
					p.r.Discard(2)
					continue
				}
			}
		}
		if p.cr {
			p.cr = false
			if c == '\n' {
				continue // the LF of a CRLF
			}
		}
		switch c {
		case '\r':
			p.cr = true
			return p.line, nil
		case '\n':
			return p.line, nil
		}
		if len(p.line)+len(p.data) >= p.max {
			return nil, p.tooLarge()
		}
		p.line = append(p.line, c)
	}
}

// IsEventStream reports whether a Content-Type is text/event-stream, its
// parameters (charset) aside.
func IsEventStream(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/event-stream")
}

// ReadEvents parses r as a text/event-stream and yields its events as they
// arrive, by the rules of Events but without reconnection; it ends at the
// end of r (an event cut off there is dropped) or with r's error. maxEvent
// bounds one event's data (0 means DefaultMaxResponseBytes).
func ReadEvents(r io.Reader, maxEvent int) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		if maxEvent <= 0 {
			maxEvent = DefaultMaxResponseBytes
		}
		if r == nil {
			yield(Event{}, errors.New("client: ReadEvents of a nil io.Reader"))
			return
		}
		p := newEventParser(r, maxEvent)
		for {
			ev, err := p.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Event{}, err)
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
}
