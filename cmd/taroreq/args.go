package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware/retry"
)

// config is the parsed command line.
type config struct {
	method string // "" until decided: GET, or POST with data items
	url    string
	items  []item

	timeout          timeoutFlag
	retryTimes       int
	idempotent       bool
	backups          listFlag
	dataChecks       listFlag
	useStore         bool
	storeFile        string
	cacheFile        string
	storeCheckKey    string
	storeSign        string
	dataType         string
	responseType     string
	jsonp            bool
	jsonpCallback    string
	jsonpCache       bool
	mode             string
	credentials      string
	cache            string
	form             bool
	baseURL          string
	verbose          bool
	trace            bool
	output           string
	cont             bool // --continue: resume a partial -o file
	stream           bool // --stream: print the body as it arrives
	checkStatus      bool
	pretty           string
	maxSize          sizeFlag
	breakerThreshold uint
	demo             bool
	help             bool
	auth             string // -a USER:PASS, or the token with --auth-type bearer
	authType         string
	print            string // --print: what of H B h b to write on stdout
	ignoreStdin      bool
	bodyFile         string // @file: the raw body
	methodGiven      bool
	body             io.Reader // the raw body (@file or stdin), nil without one
	bodyType         string    // its Content-Type, guessed from the file name
}

// errHelp is --help: the help on stdout, exit 0.
var errHelp = errors.New("help requested")

// newFlagSet declares every flag on cfg.
func newFlagSet(cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("taroreq", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.Var(&cfg.timeout, "timeout", "")
	fs.IntVar(&cfg.retryTimes, "retry-times", retry.DefaultRetryTimes, "")
	fs.BoolVar(&cfg.idempotent, "idempotent", false, "")
	fs.Var(&cfg.backups, "backup", "")
	fs.Var(&cfg.dataChecks, "data-check", "")
	fs.BoolVar(&cfg.useStore, "use-store", false, "")
	fs.StringVar(&cfg.storeFile, "store-file", "", "")
	fs.StringVar(&cfg.storeCheckKey, "store-check-key", "", "")
	fs.StringVar(&cfg.storeSign, "store-sign", "", "")
	fs.StringVar(&cfg.dataType, "data-type", string(client.DataTypeJSON), "")
	fs.StringVar(&cfg.responseType, "response-type", string(client.ResponseTypeText), "")
	fs.BoolVar(&cfg.jsonp, "jsonp", false, "")
	fs.StringVar(&cfg.jsonpCallback, "jsonp-callback", "", "")
	fs.BoolVar(&cfg.jsonpCache, "jsonp-cache", false, "")
	fs.StringVar(&cfg.mode, "mode", "", "")
	fs.StringVar(&cfg.credentials, "credentials", "", "")
	fs.StringVar(&cfg.cache, "cache", "", "")
	fs.StringVar(&cfg.cacheFile, "cache-file", "", "")
	fs.BoolVar(&cfg.form, "form", false, "")
	fs.BoolVar(&cfg.form, "f", false, "")
	fs.StringVar(&cfg.baseURL, "base-url", "", "")
	fs.BoolVar(&cfg.verbose, "verbose", false, "")
	fs.BoolVar(&cfg.verbose, "v", false, "")
	fs.BoolVar(&cfg.trace, "trace", false, "")
	fs.StringVar(&cfg.output, "output", "", "")
	fs.StringVar(&cfg.output, "o", "", "")
	fs.BoolVar(&cfg.cont, "continue", false, "")
	fs.BoolVar(&cfg.cont, "c", false, "")
	fs.BoolVar(&cfg.stream, "stream", false, "")
	fs.BoolVar(&cfg.checkStatus, "check-status", false, "")
	fs.StringVar(&cfg.pretty, "pretty", "auto", "")
	fs.Var(&cfg.maxSize, "max-size", "")
	fs.UintVar(&cfg.breakerThreshold, "breaker-threshold", 0, "")
	fs.BoolVar(&cfg.demo, "demo", false, "")
	fs.BoolVar(&cfg.help, "help", false, "")
	fs.BoolVar(&cfg.help, "h", false, "")
	fs.StringVar(&cfg.auth, "auth", "", "")
	fs.StringVar(&cfg.auth, "a", "", "")
	fs.StringVar(&cfg.authType, "auth-type", "basic", "")
	fs.StringVar(&cfg.authType, "A", "basic", "")
	fs.StringVar(&cfg.print, "print", "", "")
	fs.StringVar(&cfg.print, "p", "", "")
	fs.BoolFunc("headers", "", func(string) error { cfg.print = "h"; return nil })
	fs.BoolFunc("body", "", func(string) error { cfg.print = "b"; return nil })
	fs.BoolVar(&cfg.ignoreStdin, "ignore-stdin", false, "")
	return fs
}

// parseArgs parses the command line; flags may come before and after the
// positional arguments, and "--" ends the flags.
func parseArgs(args []string) (*config, error) {
	cfg := &config{}
	fs := newFlagSet(cfg)
	var pos []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return nil, usagef("%v", strings.TrimPrefix(err.Error(), "flag: "))
		}
		consumed := len(rest) - fs.NArg()
		left := fs.Args()
		if consumed > 0 && rest[consumed-1] == "--" {
			pos = append(pos, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		pos = append(pos, left[0])
		rest = left[1:]
	}
	if cfg.help {
		return cfg, errHelp
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.demo {
		if len(pos) > 0 {
			return nil, usagef("--demo takes no URL or items")
		}
		return cfg, nil
	}
	return cfg, cfg.positional(pos)
}

// positional reads [METHOD] URL [items...].
func (cfg *config) positional(pos []string) error {
	if len(pos) == 0 {
		return usagef("no URL given")
	}
	if len(pos) >= 2 && isWord(pos[0]) {
		m := strings.ToUpper(pos[0])
		if !knownMethod(m) {
			return usagef("unknown method %q (want GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE or CONNECT)", pos[0])
		}
		cfg.method, cfg.methodGiven, pos = m, true, pos[1:]
	}
	u, err := normalizeURL(pos[0], cfg.baseURL != "")
	if err != nil {
		return err
	}
	cfg.url = u
	for _, s := range pos[1:] {
		it, err := parseItem(s)
		if err != nil {
			return err
		}
		if it.kind == itemBody {
			if cfg.bodyFile != "" {
				return usagef("two @file bodies: %q and %q", cfg.bodyFile, it.value)
			}
			cfg.bodyFile = it.value
			continue
		}
		cfg.items = append(cfg.items, it)
	}
	if cfg.bodyFile != "" && cfg.hasData() {
		return usagef("@%s is the body: it cannot be mixed with data items (key=value, key:=json)", cfg.bodyFile)
	}
	cfg.defaultMethod(cfg.bodyFile != "")
	for i, b := range cfg.backups {
		if cfg.backups[i], err = normalizeURL(b, cfg.baseURL != ""); err != nil {
			return fmt.Errorf("--backup: %w", err)
		}
	}
	if cfg.output != "" {
		for _, it := range cfg.items {
			if it.kind == itemHeader && it.key == "Accept-Encoding" && !strings.EqualFold(strings.TrimSpace(it.value), "identity") {
				// The client asks for gzip itself and decodes it (a
				// coding of yours would not be decoded at all): -o
				// saves the body as received, so it asks for identity.
				return usagef("-o saves the body as received: Accept-Encoding:%s would be decoded (or not at all); give none, or identity", it.value)
			}
		}
	}
	return nil
}

// hasData reports whether an item is a data field (which makes a body, or
// the query of a GET).
func (cfg *config) hasData() bool {
	for _, it := range cfg.items {
		if it.kind == itemData || it.kind == itemJSON {
			return true
		}
	}
	return false
}

// defaultMethod is httpie's: POST when there is data or a body, else GET;
// a method on the command line stands.
func (cfg *config) defaultMethod(haveBody bool) {
	if cfg.methodGiven {
		return
	}
	cfg.method = "GET"
	if haveBody || cfg.hasData() {
		cfg.method = "POST"
	}
}

// check validates the flags that the client would only refuse later.
func (cfg *config) check() error {
	switch cfg.responseType {
	case "text", "arraybuffer":
	default:
		return usagef("--response-type %q: want text or arraybuffer", cfg.responseType)
	}
	switch cfg.mode {
	case "", string(client.ModeSameOrigin), string(client.ModeCORS), string(client.ModeNoCORS):
	default:
		return usagef("--mode %q: want same-origin, cors or no-cors", cfg.mode)
	}
	switch cfg.credentials {
	case "", string(client.CredentialsOmit), string(client.CredentialsSameOrigin), string(client.CredentialsInclude):
	default:
		return usagef("--credentials %q: want omit, same-origin or include", cfg.credentials)
	}
	switch cfg.cache {
	case "", "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached":
	default:
		return usagef("--cache %q: want default, no-store, reload, no-cache, force-cache or only-if-cached", cfg.cache)
	}
	switch cfg.pretty {
	case "auto", "all", "colors", "format", "none":
	default:
		return usagef("--pretty %q: want auto, all, colors, format or none", cfg.pretty)
	}
	for _, c := range cfg.dataChecks {
		if k, _, ok := strings.Cut(c, "="); !ok || k == "" {
			return usagef("--data-check %q: want FIELD=VALUE", c)
		}
	}
	switch cfg.authType {
	case "basic", "bearer":
	default:
		return usagef("--auth-type %q: want basic or bearer", cfg.authType)
	}
	if cfg.auth != "" && cfg.authType == "basic" && !strings.Contains(cfg.auth, ":") {
		return usagef("--auth: want USER:PASS for basic (taroreq does not prompt for a password; --auth-type bearer for a token)")
	}
	if cfg.cont && cfg.output == "" {
		return usagef("-c/--continue resumes the file of -o FILE: give -o")
	}
	if cfg.cont && cfg.output == stdoutName {
		return usagef("-c/--continue resumes a file: -o - is stdout")
	}
	if strings.Trim(cfg.print, "HBhb") != "" {
		return usagef("--print %q: want letters of H (request headers), B (request body), h (response headers), b (response body)", cfg.print)
	}
	if cfg.baseURL = client.CleanURL(cfg.baseURL); cfg.baseURL != "" {
		u, err := url.Parse(credential.FragmentPercents(cfg.baseURL)) // "#%": as normalizeURL
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--base-url %q: want an absolute http or https URL", urlLabel(cfg.baseURL))
		}
	}
	return nil
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// timeoutFlag is --timeout: a duration, "0" or "none" for no per-attempt
// deadline. set tells whether it was given.
type timeoutFlag struct {
	d   time.Duration
	set bool
}

func (t *timeoutFlag) String() string { return t.d.String() }
func (t *timeoutFlag) Set(s string) error {
	t.set = true
	if s == "none" || s == "0" {
		t.d = -1
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as 500ms or 10s, or none")
	}
	if d <= 0 {
		d = -1
	}
	t.d = d
	return nil
}

// sizeFlag is a byte count with an optional K, M or G suffix (binary).
type sizeFlag struct {
	n   int64
	set bool
}

func (s *sizeFlag) String() string { return strconv.FormatInt(s.n, 10) }
func (s *sizeFlag) Set(v string) error {
	mult := int64(1)
	switch strings.ToUpper(v[len(v)-min(len(v), 1):]) {
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return fmt.Errorf("want a positive size such as 500K, 64M or 2G")
	}
	s.n, s.set = n*mult, true
	return nil
}
