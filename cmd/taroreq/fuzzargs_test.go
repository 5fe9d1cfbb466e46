package main

import (
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func FuzzParseArgs(f *testing.F) {
	f.Add("GET\x00:8080/items\x00page=2\x00q=go taro")
	f.Add("--timeout\x00-5s\x00--max-size\x00\x00--base-url\x00http://[::1%25x]:80\x00/x\x00a:=@\x00X:\r\n")
	f.Add("post\x00http://u:p@h:99999/x\x00@\x00a\\:b=c\x00H;\x00--backup\x00::")
	f.Add("--data-check\x00=\x00--print\x00Hh\x00--auth\x00x\x00u")
	f.Fuzz(func(t *testing.T, argv string) {
		args := strings.Split(argv, "\x00")
		for _, a := range args {
			if strings.Contains(a, "@") {
				return // no file reads from fuzzed names
			}
		}
		cfg, err := parseArgs(args)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if cfg.demo || cfg.help {
			return
		}
		opt := cfg.option()
		if opt.DataCheck != nil {
			opt.DataCheck(&client.Response{Data: `{"a":[{"b":1}]}`})
		}
	})
}
