package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/httpstatus"
)

// streams reports whether the body goes out as it arrives (-o, --stream):
// unless an option needs it whole (a data check, the store, JSONP, the
// HTTP cache), which keeps -o's buffered path.
func (cfg *config) streams() bool {
	return (cfg.output != "" || cfg.stream) && len(cfg.dataChecks) == 0 && !cfg.useStore &&
		cfg.storeFile == "" && !cfg.jsonp && cfg.jsonpCallback == "" && cfg.cacheFile == "" &&
		(cfg.cache == "" || cfg.cache == string(client.CacheNoStore))
}

// streamOption makes opt a streamed one, and a resumption of the partial
// -o file with --continue.
func (cfg *config) streamOption(opt *client.Option) {
	if !cfg.streams() {
		return
	}
	opt.EnableChunked = true
	if cfg.cont && cfg.output != "" {
		if fi, err := os.Stat(cfg.output); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && opt.Header.Get("Range") == "" {
			opt.Header.Set("Range", "bytes="+strconv.FormatInt(fi.Size(), 10)+"-")
			// The partial file's version, when a run recorded it: a
			// server whose file changed since sends it whole (200).
			if v := ifRangeOf(readValidator(cfg.output)); v != "" && opt.Header.Get("If-Range") == "" {
				opt.Header.Set("If-Range", v)
			}
		}
	}
}

// saveStream writes the streamed body to -o: appended after the partial
// file when the server answered the --continue Range with a 206 starting
// at its end, else the whole file. A whole file that replaces a partial
// one (a server that ignored the Range) is written beside it and takes its
// place only once it holds more: a transfer cut before that leaves the
// partial file as it was. It returns the exit code.
func saveStream(cfg *config, resp *client.Response, stdout, stderr io.Writer) int {
	defer resp.Body.Close()
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	var have int64
	span := int64(-1) // the bytes a 206's Content-Range places, when appending
	recorded := ""    // the partial file's validator, when a run recorded it
	if cfg.cont {
		if fi, err := os.Stat(cfg.output); err == nil && fi.Mode().IsRegular() {
			have = fi.Size()
		}
		if have > 0 {
			recorded = readValidator(cfg.output)
		}
		switch {
		case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0:
			if size, ok := unsatisfiedRangeSize(resp.Header.Get("Content-Range")); ok && size != have {
				fmt.Fprintf(stderr, "taroreq: --continue: %s holds %s, the server's file %s: not a part of it; kept as it was\n",
					cfg.output, humanBytes(have), humanBytes(size))
				return exitError
			}
			fmt.Fprintf(stderr, "taroreq: %s is already complete (%s)\n", cfg.output, humanBytes(have))
			os.Remove(resumeFile(cfg.output))
			return exitOK
		case resp.StatusCode == http.StatusPartialContent:
			first, last, ok := contentRangeSpan(resp.Header.Get("Content-Range"))
			if !ok || first != have {
				fmt.Fprintf(stderr, "taroreq: --continue: Content-Range %q does not start at byte %d\n",
					resp.Header.Get("Content-Range"), have)
				return exitError
			}
			if !sameVersion(recorded, resp.Header) {
				// A server that ignored If-Range: its rest is of another
				// version than the part held.
				fmt.Fprintf(stderr, "taroreq: --continue: the server's file changed since %s was begun (%s, not %s): kept as it was; remove it to download again\n",
					cfg.output, validatorOf(resp.Header), recorded)
				return exitError
			}
			flags, span = os.O_WRONLY|os.O_APPEND, last-first+1
		case have > 0 && resp.StatusCode == http.StatusOK:
			fmt.Fprintf(stderr, "taroreq: --continue: the server sent the whole file (200), writing it again\n")
		}
	}
	switch code := statusExit(resp.StatusCode); {
	case code != exitOK && cfg.checkStatus:
		printStatus(stderr, resp)
		return code
	case resp.StatusCode >= 400 && have > 0:
		// An error page must not replace the part already downloaded.
		fmt.Fprintf(stderr, "taroreq: HTTP %s: %s kept as it was (%s); -c resumes it\n",
			httpstatus.Line(resp.StatusCode), cfg.output, humanBytes(have))
		return exitError
	case resp.StatusCode >= 400:
		fmt.Fprintf(stderr, "taroreq: warning: HTTP %s\n", httpstatus.Line(resp.StatusCode))
	}
	limit := cfg.bodyLimit()
	if n, err := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64); err == nil && n > limit {
		fmt.Fprintln(stderr, errLine(fmt.Errorf("%w (%d bytes)", client.ErrResponseTooLarge, limit)))
		return exitError
	}
	if cfg.output == stdoutName {
		return copyToStdout(resp, limit, stdout, stderr)
	}
	appending := flags&os.O_APPEND != 0
	replacing := !appending && have > 0 // a partial file a whole one replaces
	var f *os.File
	var target string // the file a replacing one is renamed to
	var err error
	if replacing {
		f, target, err = partFile(cfg.output)
		replacing = f != nil && target != ""
	}
	if f == nil && err == nil {
		f, err = os.OpenFile(cfg.output, flags, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "taroreq: -o: %v\n", err)
		return exitError
	}
	fi, serr := f.Stat()
	regular := serr == nil && fi.Mode().IsRegular() // not a device or a pipe: no part to resume
	if !replacing && regular {
		// The version -o is taking bytes of, recorded before the first
		// of them: a run cut by anything (a signal, a crash) leaves it
		// beside the part.
		writeValidator(cfg.output, validatorOf(resp.Header), recorded, appending)
	}
	var n int64
	if span >= 0 {
		// Only the bytes the Content-Range places: more, of no stated
		// place, would be appended where the next ones belong.
		n, err = io.Copy(f, io.LimitReader(resp.Body, min(span, limit+1)))
		if err == nil && n == span {
			var one [1]byte
			if m, _ := io.ReadFull(resp.Body, one[:]); m > 0 {
				// A line folded into the value may be a credential's: redacted.
				err = errors.New(credential.Error(fmt.Errorf("the 206 sent more than its Content-Range %q", resp.Header.Get("Content-Range"))))
			}
		}
	} else {
		n, err = io.Copy(f, io.LimitReader(resp.Body, limit+1))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	held := n     // what -o holds of the body now
	kept := false // -o holds the part it held before
	switch {
	case appending:
		held = have + n
	case replacing && (err == nil && n <= limit || err != nil && n > have):
		if rerr := os.Rename(f.Name(), target); rerr != nil {
			os.Remove(f.Name())
			fmt.Fprintf(stderr, "taroreq: -o: %v\n", rerr)
			return exitError
		}
	case replacing:
		os.Remove(f.Name()) // over the bound, or cut before it held more than the partial file
		held, kept = have, true
	}
	switch {
	case kept, !regular: // the record, if any, is still the part's; or no part
	case err == nil && (n <= limit || !appending):
		os.Remove(resumeFile(cfg.output)) // whole, or over the bound and removed
	case err != nil && replacing: // the new version's part took the old one's place
		writeValidator(cfg.output, validatorOf(resp.Header), "", false)
	}
	if err == nil && n > limit {
		if !appending && !replacing {
			os.Remove(cfg.output) // no file over the bound, as when buffered
		}
		fmt.Fprintln(stderr, errLine(fmt.Errorf("%w (%d bytes)", client.ErrResponseTooLarge, limit)))
		return exitError
	}
	if err != nil {
		fmt.Fprintln(stderr, errLine(err))
		if regular {
			fmt.Fprintf(stderr, "taroreq: %s holds the first %s; -c resumes it\n", cfg.output, humanBytes(held))
		}
		var e *client.Error
		if errors.As(err, &e) {
			return exitCode(err)
		}
		return exitError
	}
	if isTerminal(stderr) {
		fmt.Fprintf(stderr, "taroreq: wrote %s to %s\n", humanBytes(n), cfg.output)
	}
	return exitOK
}

// stdoutName is the -o that names stdout, as curl's and httpie's do: the
// body goes there as received, not to a file named "-".
const stdoutName = "-"

// copyToStdout is saveStream for -o -: the body, up to limit, to stdout.
func copyToStdout(resp *client.Response, limit int64, stdout, stderr io.Writer) int {
	n, err := io.Copy(stdout, io.LimitReader(resp.Body, limit+1))
	if err == nil && n > limit {
		err = fmt.Errorf("%w (%d bytes)", client.ErrResponseTooLarge, limit)
	}
	if err != nil {
		fmt.Fprintln(stderr, errLine(err))
		return exitCode(err)
	}
	return exitOK
}

// printStream is --stream: what --print asks for before the body (the
// status line and headers with h, HEAD's default), then, with b, chunks go
// to stdout as they arrive; an event stream prints one line per event
// ("data", or "type: data" for a named one; multi-line data keeps its
// lines). --max-size bounds each event, not the stream. A 4xx or 5xx is
// warned of on stderr (warn), as the buffered output does.
func printStream(cfg *config, resp *client.Response, obs *observer, stdout, stderr io.Writer, warn bool) int {
	defer resp.Body.Close()
	if warn && resp.StatusCode >= 400 {
		fmt.Fprintf(stderr, "taroreq: warning: HTTP %s\n", httpstatus.Line(resp.StatusCode))
	}
	what := cfg.printWhat(isTerminal(stdout))
	printHead(cfg, resp, obs, stdout, what, true)
	if !strings.Contains(what, "b") || cfg.method == http.MethodHead {
		return exitOK
	}
	var err error
	if client.IsEventStream(resp.Header.Get("Content-Type")) {
		for ev, rerr := range client.ReadEvents(resp.Body, int(min(cfg.bodyLimit(), math.MaxInt32))) {
			if rerr != nil {
				err = rerr
				break
			}
			if ev.Type == "message" {
				fmt.Fprintln(stdout, ev.Data)
			} else {
				fmt.Fprintf(stdout, "%s: %s\n", ev.Type, ev.Data)
			}
		}
	} else {
		// As buffered: a binary body is not shown on a terminal (httpie's
		// --stream does the same).
		var watch *binaryWatch
		if isTerminal(stdout) && cfg.pretty != "none" {
			watch = &binaryWatch{}
		}
		for chunk, rerr := range resp.Chunks() {
			if rerr != nil {
				err = rerr
				break
			}
			if watch != nil && watch.binary(chunk) {
				fmt.Fprintf(stderr, "taroreq: binary body not shown on a terminal; use -o FILE\n")
				break
			}
			if _, werr := stdout.Write(chunk); werr != nil {
				err = werr
				break
			}
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, errLine(err))
		return exitCode(err)
	}
	return exitOK
}

// binaryWatch tells, chunk by chunk, whether a streamed body is unfit for a
// terminal (looksBinary), a character split between two chunks being no
// sign of it.
type binaryWatch struct{ carry []byte }

func (b *binaryWatch) binary(chunk []byte) bool {
	buf := append(b.carry, chunk...)
	cut := len(buf) // an incomplete character at the end waits for the next chunk
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	b.carry = append([]byte(nil), buf[cut:]...)
	return looksBinary(buf[:cut])
}
