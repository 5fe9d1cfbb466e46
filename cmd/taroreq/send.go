package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/httpstatus"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/transports"
)

// Response-size bounds: the client's default, and -o's.
const (
	defaultMaxSize  = client.DefaultMaxResponseBytes
	downloadMaxSize = 1 << 30
)

// send makes the request cfg describes, prints the outcome and returns the
// exit code.
func send(ctx context.Context, cfg *config, stdout, stderr io.Writer) int {
	tr := transports.Default()
	defer tr.CloseIdleConnections()
	printB := strings.Contains(cfg.printWhat(isTerminal(stdout)), "B")
	obs := &observer{keepBody: cfg.verbose || printB, allBody: printB}
	if cfg.trace {
		obs.trace = stderr
	}
	if cfg.output != "" && isTerminal(stderr) {
		obs.progress = func(total int64) *progress { return newProgress(stderr, total, nil) }
	}
	opts := []client.ClientOption{
		client.WithTransport(tr),
		client.WithInnerLayers(obs.layer),
		client.WithMaxResponseBytes(cfg.bodyLimit()),
	}
	if cfg.baseURL != "" {
		opts = append(opts, client.WithBaseURL(cfg.baseURL))
	}
	if cfg.breakerThreshold > 0 {
		opts = append(opts, client.WithBreaker(breaker.WithThreshold(uint32(min(cfg.breakerThreshold, 1<<31)))))
	}
	if cfg.storeFile != "" || cfg.cacheFile != "" {
		path, err := partitionKeyPath()
		var key []byte
		if err == nil {
			key, err = loadPartitionKey(path)
		}
		if err != nil {
			fmt.Fprintf(stderr, "taroreq: partition key: %v\n", err)
			return exitError
		}
		opts = append(opts, client.WithPartitionKey(key))
	}
	var mem *store.Memory
	if cfg.storeFile != "" {
		mem = store.NewMemory()
		err := loadSnapshot(mem, cfg.storeFile)
		if err == nil {
			err = checkSavable(cfg.storeFile)
		}
		if err != nil {
			fmt.Fprintf(stderr, "taroreq: --store-file: %v\n", err)
			return exitError
		}
		opts = append(opts, client.WithStore(mem))
	}
	var cacheMem *store.Memory
	if cfg.cacheFile != "" {
		cacheMem = store.NewMemory()
		err := loadSnapshot(cacheMem, cfg.cacheFile)
		if err == nil {
			err = checkSavable(cfg.cacheFile)
		}
		if err != nil {
			fmt.Fprintf(stderr, "taroreq: --cache-file: %v\n", err)
			return exitError
		}
		opts = append(opts, client.WithHTTPCache(httpcache.WithStorage(cacheMem)))
	}

	resp, err := client.New(opts...).Request(ctx, cfg.option())
	if cfg.verbose {
		attempts, events := obs.snapshot()
		printVerbose(stderr, attempts, events, resp)
	}
	if err != nil {
		fmt.Fprintln(stderr, errLine(err))
		sent := resp != nil && resp.Attempts > 0 // a refused redirect: after I/O
		if isUsage(err) && !sent {
			fmt.Fprintln(stderr, usageHint)
		}
		return requestExitCode(err, sent)
	}
	if resp.Body != nil { // streamed (-o, --stream): written as it arrives
		if cfg.output != "" && cfg.method != http.MethodHead { // HEAD has no body for -o: its head is printed
			printHead(cfg, resp, obs, stdout, cfg.print, false) // an explicit --print's headers; the body goes to the file
			return saveStream(cfg, resp, stdout, stderr)
		}
		if code := statusExit(resp.StatusCode); code != exitOK && cfg.checkStatus {
			// As buffered: the status on stderr, what --print asks for on stdout.
			printStatus(stderr, resp)
			if rc := printStream(cfg, resp, obs, stdout, stderr, false); rc != exitOK {
				return rc
			}
			return code
		}
		return printStream(cfg, resp, obs, stdout, stderr, true)
	}
	if mem != nil {
		if err := mem.SaveFile(cfg.storeFile); err != nil {
			fmt.Fprintf(stderr, "taroreq: --store-file: %v\n", err)
			return exitError
		}
	}
	if cacheMem != nil {
		if err := cacheMem.SaveFile(cfg.cacheFile); err != nil {
			fmt.Fprintf(stderr, "taroreq: --cache-file: %v\n", err)
			return exitError
		}
	}
	bad := resp.StatusCode >= 400
	if code := statusExit(resp.StatusCode); code != exitOK && cfg.checkStatus {
		printStatus(stderr, resp)
		if cfg.output == "" || cfg.method == http.MethodHead {
			_ = printResponse(cfg, resp, obs, stdout, stderr)
		}
		return code
	}
	if bad && cfg.cont && cfg.output != "" && cfg.method != http.MethodHead {
		// As streamed: an error page must not replace the part already downloaded.
		if fi, err := os.Stat(cfg.output); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			fmt.Fprintf(stderr, "taroreq: HTTP %s: %s kept as it was (%s); -c resumes it\n",
				httpstatus.Line(resp.StatusCode), cfg.output, humanBytes(fi.Size()))
			return exitError
		}
	}
	if bad {
		fmt.Fprintf(stderr, "taroreq: warning: HTTP %s\n", httpstatus.Line(resp.StatusCode))
	}
	if cfg.output != "" && cfg.method != http.MethodHead { // HEAD has no body: the file is left as it is
		printHead(cfg, resp, obs, stdout, cfg.print, false) // an explicit --print's headers; the body goes to the file
		if cfg.output == stdoutName {
			if _, err := stdout.Write(resp.Raw); err != nil {
				fmt.Fprintf(stderr, "taroreq: -o: %v\n", err)
				return exitError
			}
			return exitOK
		}
		if err := os.WriteFile(cfg.output, resp.Raw, 0o644); err != nil {
			fmt.Fprintf(stderr, "taroreq: -o: %v\n", err)
			return exitError
		}
		os.Remove(resumeFile(cfg.output)) // whole: no part's version to keep
		if isTerminal(stderr) {
			fmt.Fprintf(stderr, "taroreq: wrote %s to %s\n", humanBytes(int64(len(resp.Raw))), cfg.output)
		}
		return exitOK
	}
	if err := printResponse(cfg, resp, obs, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "taroreq: writing the body: %v\n", err)
		return exitError
	}
	return exitOK
}

// printWhat is --print, or its default: the response headers and body on a
// terminal, the body when piped (the status and headers for HEAD), as
// httpie does.
func (cfg *config) printWhat(term bool) string {
	switch {
	case cfg.print != "":
		return cfg.print
	case cfg.method == http.MethodHead:
		return "h"
	case term:
		return "hb"
	}
	return "b"
}

// printHead writes to stdout the parts of what (--print) that come before
// the response body: the request's headers (H) and body (B) as the first
// attempt sent them, the response's status line and headers (h), followed
// by a blank line when a body follows (b and bodyFollows).
func printHead(cfg *config, resp *client.Response, obs *observer, stdout io.Writer, what string, bodyFollows bool) {
	attempts, _ := obs.snapshot()
	if strings.Contains(what, "H") && len(attempts) > 0 {
		a := attempts[0]
		fmt.Fprintf(stdout, "%s %s %s\n", a.method, a.url, requestProto(attempts[:1]))
		writeHeader(stdout, "", a.header)
		fmt.Fprintln(stdout)
	}
	if strings.Contains(what, "B") && len(attempts) > 0 && len(attempts[0].body) > 0 {
		if b := attempts[0].body; isTerminal(stdout) && cfg.pretty != "none" && looksBinary(b) {
			// As the response body's: not written to a terminal.
			fmt.Fprintf(stdout, "(binary body, %s, not shown on a terminal)\n\n", humanBytes(int64(len(b))))
		} else {
			stdout.Write(b)
			fmt.Fprint(stdout, "\n\n")
		}
	}
	if strings.Contains(what, "h") {
		fmt.Fprintf(stdout, "%s %d %s\n", protoOf(attempts), resp.StatusCode, http.StatusText(resp.StatusCode))
		writeHeader(stdout, "", resp.Header)
		if strings.Contains(what, "b") && bodyFollows && cfg.method != http.MethodHead {
			fmt.Fprintln(stdout)
		}
	}
}

// protoOf is the protocol the last of attempts that got a response spoke
// ("HTTP/2.0" over h2), HTTP/1.1 when none did (an answer of the store).
func protoOf(attempts []attempt) string {
	for i := len(attempts) - 1; i >= 0; i-- {
		if attempts[i].proto != "" {
			return attempts[i].proto
		}
	}
	return "HTTP/1.1"
}

// requestProto is the protocol attempts' request went out in: HTTP/2.0
// over h2, else HTTP/1.1, which net/http's HTTP/1 transport always writes
// (a server answering HTTP/1.0 does not change what was sent).
func requestProto(attempts []attempt) string {
	if p := protoOf(attempts); strings.HasPrefix(p, "HTTP/2") {
		return p
	}
	return "HTTP/1.1"
}

// printResponse writes to stdout what --print asks for: the request's
// headers (H) and body (B) as the first attempt sent them, the response's
// status line and headers (h) and its body (b).
func printResponse(cfg *config, resp *client.Response, obs *observer, stdout, stderr io.Writer) error {
	term := isTerminal(stdout)
	what := cfg.printWhat(term)
	printHead(cfg, resp, obs, stdout, what, len(resp.Raw) > 0)
	if !strings.Contains(what, "b") || cfg.method == http.MethodHead {
		return nil
	}
	body := resp.Raw
	isJSON := cfg.dataType == string(client.DataTypeJSON) && cfg.responseType == string(client.ResponseTypeText) &&
		resp.DecodeErr == nil && len(body) > 0
	// A JSONP call's Raw is the payload inside the callback: printed as
	// any JSON, its numbers' text and its key order as received.
	st := styleFor(cfg.pretty, term)
	if term && cfg.pretty != "none" && looksBinary(body) {
		fmt.Fprintf(stderr, "taroreq: binary body (%s) not shown on a terminal; use -o FILE\n", humanBytes(int64(len(body))))
		return nil
	}
	return writeBody(stdout, body, isJSON, st, term)
}

// option is the client.Option of the command line.
func (cfg *config) option() client.Option {
	data, header, query := requestParts(cfg.items)
	if cfg.form && header.Get("Content-Type") == "" {
		header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cfg.auth != "" && header.Get("Authorization") == "" { // an explicit header wins
		if cfg.authType == "bearer" {
			header.Set("Authorization", "Bearer "+cfg.auth)
		} else {
			user, pass, _ := strings.Cut(cfg.auth, ":")
			header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pass)))
		}
	}
	u := cfg.url
	if query != "" {
		u = encoders.AppendQuery(u, query)
	}
	opt := client.Option{
		URL:           u,
		Method:        cfg.method,
		Header:        header,
		DataType:      client.DataType(cfg.dataType),
		ResponseType:  client.ResponseType(cfg.responseType),
		Idempotent:    cfg.idempotent,
		Backup:        cfg.backups,
		UseStore:      cfg.useStore || cfg.storeFile != "",
		StoreCheckKey: cfg.storeCheckKey,
		StoreSign:     cfg.storeSign,
		Cache:         client.Cache(cfg.cache),
		JSONP:         cfg.jsonp,
		JSONPCallback: cfg.jsonpCallback,
		JSONPCache:    cfg.jsonpCache,
		Mode:          client.Mode(cfg.mode),
		Credentials:   client.Credentials(cfg.credentials),
		RetryTimes:    cfg.retryTimes,
	}
	if data != nil {
		opt.Data = data // never a typed nil in the interface
	}
	if cfg.body != nil {
		opt.Data = cfg.body
		if header.Get("Content-Type") == "" && cfg.bodyType != "" {
			header.Set("Content-Type", cfg.bodyType)
		}
	}
	switch {
	case cfg.timeout.set:
		opt.Timeout = cfg.timeout.d
	case cfg.output != "":
		opt.Timeout = -1 // a download takes the time it takes
	case cfg.stream && cfg.streams():
		// An event stream may be quiet for long between events (a
		// heartbeat every 15 s or more), as httpie's --stream and the
		// client's Events have it: 2 s of silence ended it.
		opt.Timeout = -1
	}
	if cfg.retryTimes <= 0 {
		opt.RetryTimes = client.NoRetry
	}
	if cfg.output != "" {
		opt.ResponseType = client.ResponseTypeArrayBuffer
		// The file is the body as received, as httpie's --download
		// has it: net/http would ask for gzip and decode a .tar.gz
		// labelled Content-Encoding: gzip into the .tar it holds.
		if header.Get("Accept-Encoding") == "" {
			header.Set("Accept-Encoding", "identity")
		}
	}
	if len(cfg.dataChecks) > 0 {
		opt.DataCheck = dataCheck(cfg.dataChecks)
	}
	cfg.streamOption(&opt)
	return opt
}

// errLine is the message of a failed request, prefixed once with the
// command's name (the client's errors already carry it).
func errLine(err error) string {
	// The library's advice names its option; the CLI's is a flag.
	msg := strings.NewReplacer("set Mode: client.ModeCORS", "pass --mode cors",
		"Mode: client.ModeCORS", "--mode cors").Replace(err.Error())
	if !strings.HasPrefix(msg, "taroreq: ") {
		msg = "taroreq: " + msg
	}
	return msg
}

// bodyLimit is --max-size, or its default: 8M, 1G with -o.
func (cfg *config) bodyLimit() int64 {
	switch {
	case cfg.maxSize.set:
		return cfg.maxSize.n
	case cfg.output != "":
		return downloadMaxSize
	}
	return defaultMaxSize
}

// printStatus is --check-status's line for a failing status.
func printStatus(stderr io.Writer, resp *client.Response) {
	fmt.Fprintf(stderr, "taroreq: HTTP %s from %s\n", httpstatus.Line(resp.StatusCode), credential.String(resp.URL))
}
