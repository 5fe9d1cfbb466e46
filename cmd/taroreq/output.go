package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// ANSI colours of the JSON output.
const (
	colKey    = "\x1b[1;34m"
	colString = "\x1b[32m"
	colNumber = "\x1b[36m"
	colLit    = "\x1b[35m" // true, false, null
	colReset  = "\x1b[0m"
)

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// style is how a body is printed.
type style struct {
	format bool // indent JSON
	color  bool // colour JSON
}

// styleFor resolves --pretty: auto is colour and indent on a terminal
// (unless NO_COLOR is set), indent only when piped.
func styleFor(pretty string, term bool) style {
	switch pretty {
	case "all":
		return style{format: true, color: true}
	case "colors":
		return style{color: true}
	case "format":
		return style{format: true}
	case "none":
		return style{}
	}
	return style{format: true, color: term && os.Getenv("NO_COLOR") == ""}
}

// writeBody prints a response body: JSON formatted per st, anything else as
// it is (with a final newline added on a terminal).
func writeBody(w io.Writer, body []byte, isJSON bool, st style, term bool) error {
	if isJSON && (st.format || st.color) {
		var buf bytes.Buffer
		if err := formatJSON(&buf, body, st); err == nil {
			buf.WriteByte('\n')
			_, err = w.Write(buf.Bytes())
			return err
		}
	}
	if _, err := w.Write(body); err != nil {
		return err
	}
	if term && len(body) > 0 && body[len(body)-1] != '\n' {
		_, err := io.WriteString(w, "\n")
		return err
	}
	return nil
}

// looksBinary reports whether body is unfit for a terminal.
func looksBinary(body []byte) bool {
	return bytes.IndexByte(body, 0) >= 0 || !utf8.Valid(body)
}

// formatJSON writes the one JSON value in data, indented by two spaces when
// st.format, coloured when st.color; key order and number text are kept as
// received.
func formatJSON(buf *bytes.Buffer, data []byte, st style) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		obj bool
		n   int // tokens written in the container
	}
	var stack []frame
	newline := func() {
		if st.format {
			buf.WriteByte('\n')
			buf.WriteString(strings.Repeat("  ", len(stack)))
		}
	}
	paint := func(col, text string) {
		if st.color {
			buf.WriteString(col + text + colReset)
		} else {
			buf.WriteString(text)
		}
	}
	// begin places a key, an element or a value; it reports whether the
	// next token is an object key.
	begin := func() (isKey bool) {
		if len(stack) == 0 {
			return false
		}
		f := &stack[len(stack)-1]
		if f.obj && f.n%2 == 1 { // a value after its key
			f.n++
			return false
		}
		if f.n > 0 {
			buf.WriteByte(',')
		}
		newline()
		f.n++
		return f.obj
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				begin()
				buf.WriteRune(rune(t))
				stack = append(stack, frame{obj: t == '{'})
			default:
				f := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if f.n > 0 {
					newline()
				}
				buf.WriteRune(rune(t))
			}
		case string:
			key := begin()
			if key {
				paint(colKey, quote(t))
				buf.WriteByte(':')
				if st.format {
					buf.WriteByte(' ')
				}
			} else {
				paint(colString, quote(t))
			}
		case json.Number:
			begin()
			paint(colNumber, t.String())
		case bool:
			begin()
			if t {
				paint(colLit, "true")
			} else {
				paint(colLit, "false")
			}
		case nil:
			begin()
			paint(colLit, "null")
		}
	}
	if len(stack) != 0 {
		return errors.New("unbalanced JSON")
	}
	return nil
}

// quote is s as a JSON string, without HTML escaping.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
