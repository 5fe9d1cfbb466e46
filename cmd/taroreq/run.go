package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"os/signal"
	"path/filepath"
)

// run is the whole command: it parses args, sends the request (or runs the
// demo) and returns the exit code. It never panics on bad input and never
// calls os.Exit, so tests can drive it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args)
	if errors.Is(err, errHelp) {
		printUsage(stdout)
		return exitOK
	}
	if err == nil && !cfg.demo {
		var closeBody func()
		closeBody, err = cfg.rawBody(stdin)
		defer closeBody()
	}
	if err != nil {
		return usageFail(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if cfg.demo {
		if err := runDemo(ctx, stdout); err != nil {
			fmt.Fprintf(stderr, "taroreq: demo: %v\n", err)
			return exitError
		}
		return exitOK
	}
	return send(ctx, cfg, stdout, stderr)
}

// usageFail reports a usage error in one line and a hint, and returns 2.
func usageFail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "taroreq: error: %v\n%s\n", err, usageHint)
	return exitUsage
}

const usageHint = "Run 'taroreq --help' for the flags, items and exit codes."

// rawBody opens the @file body, or takes stdin as the body when it is a
// pipe or a file (not a terminal, not /dev/null) and --ignore-stdin is not
// given, as httpie does. The returned func closes what was opened.
func (cfg *config) rawBody(stdin io.Reader) (func(), error) {
	nothing := func() {}
	if cfg.bodyFile != "" {
		f, err := os.Open(cfg.bodyFile)
		if err != nil {
			return nothing, usagef("@%s: %v", cfg.bodyFile, err)
		}
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			return nothing, usagef("@%s: is a directory", cfg.bodyFile)
		}
		cfg.body, cfg.bodyType = f, mime.TypeByExtension(filepath.Ext(cfg.bodyFile))
		return func() { f.Close() }, cfg.bodyAllowed("@" + cfg.bodyFile)
	}
	if cfg.ignoreStdin || !stdinIsData(stdin) {
		return nothing, nil
	}
	br := bufio.NewReader(stdin)
	if _, err := br.Peek(1); err != nil {
		return nothing, nil // empty: no body
	}
	if cfg.hasData() {
		return nothing, usagef("the body comes from stdin: it cannot be mixed with data items (key=value, key:=json); use --ignore-stdin")
	}
	cfg.body = br
	cfg.defaultMethod(true)
	return nothing, cfg.bodyAllowed("stdin")
}

// bodyAllowed refuses a body (from where) with a method that carries none
// in taroreq, as in a browser's fetch: GET and HEAD.
func (cfg *config) bodyAllowed(from string) error {
	if cfg.method == "GET" || cfg.method == "HEAD" {
		if from == "stdin" {
			return usagef("%s sends no body, and a body comes from stdin: use POST or another method, or --ignore-stdin", cfg.method)
		}
		return usagef("%s sends no body, and a body comes from %s: use POST or another method", cfg.method, from)
	}
	return nil
}

// stdinIsData reports whether stdin may carry a body: a pipe or a regular
// file, or any reader that is not an *os.File (tests).
func stdinIsData(stdin io.Reader) bool {
	if stdin == nil {
		return false
	}
	f, ok := stdin.(*os.File)
	if !ok {
		return true
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	return st.Mode()&os.ModeNamedPipe != 0 || st.Mode().IsRegular()
}
