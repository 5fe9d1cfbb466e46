package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// run is the whole command: it parses args, sends the request (or runs the
// demo) and returns the exit code. It never panics on bad input and never
// calls os.Exit, so tests can drive it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	_ = stdin // the body never comes from stdin: items and flags make it
	cfg, err := parseArgs(args)
	if errors.Is(err, errHelp) {
		printUsage(stdout)
		return exitOK
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

// usageFail reports a usage error followed by the help, and returns 2.
func usageFail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "taroreq: error: %v\n\n", err)
	printUsage(stderr)
	return exitUsage
}
