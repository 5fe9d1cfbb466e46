package main

import (
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// partFile makes the file that a whole body replacing the partial one at
// path is written to: beside path's target (a symlink is followed, so the
// link stays), with the target's permissions. It returns a nil file, and
// no error, when the directory takes no new file: the body is then written
// over path in place, as when nothing was there.
func partFile(path string) (f *os.File, target string, err error) {
	target = path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	f, err = os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".part-*")
	if err != nil {
		return nil, "", nil
	}
	if fi, err := os.Stat(target); err == nil {
		if err := f.Chmod(fi.Mode().Perm()); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, "", nil
		}
	}
	return f, target, nil
}

// unsatisfiedRangeSize parses the complete length of a 416's Content-Range,
// "bytes */complete" (RFC 9110 §14.4).
func unsatisfiedRangeSize(cr string) (int64, bool) {
	rest, ok := strings.CutPrefix(cr, "bytes */")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
	return n, err == nil && n >= 0
}

// contentRangeSpan parses the first and last bytes of "bytes
// first-last/complete". A range that ends at or past the complete length
// it states places bytes the file does not have: not a span.
func contentRangeSpan(cr string) (first, last int64, ok bool) {
	rest, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return 0, 0, false
	}
	a, rest, _ := strings.Cut(rest, "-")
	b, size, _ := strings.Cut(rest, "/")
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if n, err := strconv.ParseInt(size, 10, 64); err == nil && n <= last {
		return 0, 0, false
	}
	// The last a range can end at is one short of the largest int64: the
	// caller's span, last-first+1, must not overflow.
	return first, last, err1 == nil && err2 == nil && first >= 0 && last >= first && last < math.MaxInt64
}

// resumeFile is where the version of a partial -o file is recorded, beside
// it (validatorOf): a later -c sends it as If-Range when it is strong and
// compares it with the 206's, so that the rest of another version is never
// appended to it.
func resumeFile(output string) string {
	return filepath.Join(filepath.Dir(output), "."+filepath.Base(output)+".taroreq-resume")
}

// readValidator is the recorded version of the partial -o file, "" when
// none was (or it is no header value). The record is read as the snapshot
// files are, from the file opened: one another user could have put or
// written there (a FIFO, a link to a device, in a shared directory) is no
// record, and no more than its bound is read.
func readValidator(output string) string {
	f, err := openOwn(resumeFile(output))
	if err != nil {
		return ""
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || checkOwnFile(f.Name(), fi, false) != nil {
		return ""
	}
	b, err := io.ReadAll(io.LimitReader(f, 1025))
	if err != nil || len(b) > 1024 {
		return ""
	}
	v := strings.TrimSpace(string(b))
	if strings.ContainsFunc(v, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return ""
	}
	return v
}

// writeValidator records v, the version of what a cut transfer left in
// -o; an appended part keeps the version recorded before when its answer
// names none. Without a version, no record: a stale one is removed.
func writeValidator(output, v, recorded string, appending bool) {
	if v == "" && appending {
		v = recorded
	}
	if v == "" {
		os.Remove(resumeFile(output))
		return
	}
	// A new file (O_EXCL): whatever was at the name, a symlink included,
	// is replaced, never written through.
	os.Remove(resumeFile(output))
	f, err := os.OpenFile(resumeFile(output), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return
	}
	if _, err := f.WriteString(v + "\n"); err != nil || f.Close() != nil {
		f.Close()
		os.Remove(resumeFile(output))
	}
}

// validatorOf is the version of an answer recorded beside its part: its
// ETag, else its Last-Modified, "W/"-prefixed when that date is weak (of
// the second its Date says, or with no Date: RFC 9110 §8.8.2.2); "" when
// it has neither. Only a strong one is sent as If-Range (ifRangeOf); any
// is compared with a 206's (sameVersion).
func validatorOf(h http.Header) string {
	if et := h.Get("ETag"); et != "" {
		return et
	}
	lm := h.Get("Last-Modified")
	if lm == "" {
		return ""
	}
	if !middleware.StrongDate(lm, h.Get("Date")) {
		return "W/" + lm
	}
	return lm
}

// ifRangeOf is the If-Range a recorded version is sent as: a strong
// entity-tag (one quoted opaque-tag) or a strong date; "" for a weak or
// malformed one (an unquoted ETag, go-httpbin's range100000), which
// If-Range must not carry (RFC 9110 §13.1.5). Such a part resumes by Range
// alone, as curl -C does, and the 206's version is still compared.
func ifRangeOf(recorded string) string {
	if strings.HasPrefix(recorded, "W/") {
		return ""
	}
	if middleware.StrongETag(recorded) {
		return recorded
	}
	if _, err := http.ParseTime(recorded); err == nil {
		return recorded
	}
	return ""
}

// sameVersion reports whether a 206's header names no other version than
// the recorded one (an ETag, or a date); a 206 that names none is taken
// as the If-Range asked. A record that is no HTTP-date is an ETag, quoted
// or not (go-httpbin's range100000): read as a date, it let any 206
// without a Last-Modified through.
func sameVersion(recorded string, h http.Header) bool {
	if recorded == "" {
		return true
	}
	date := strings.TrimPrefix(recorded, "W/") // a weak date is compared as a date
	if _, err := http.ParseTime(date); err != nil {
		et := h.Get("ETag")
		return et == "" || et == recorded
	}
	lm := h.Get("Last-Modified")
	return lm == "" || lm == date
}
