package main

import (
	"flag"
	"regexp"
	"strings"
	"testing"
)

// TestHelpListsEveryFlag: the README promises "taroreq --help lists every
// flag". Every flag the parser declares, long (--name) or short (-x), is
// named in the help text as a flag of its own, not merely as part of a
// longer one (--store-file does not count for --store), and every flag the
// help names is one the parser knows.
func TestHelpListsEveryFlag(t *testing.T) {
	fs := newFlagSet(&config{})
	declared := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) {
		declared[f.Name] = true
		spelled := "--" + f.Name
		if len(f.Name) == 1 {
			spelled = "-" + f.Name
		}
		if !regexp.MustCompile(`(^|[\s,(])` + regexp.QuoteMeta(spelled) + `([\s,)=]|$)`).MatchString(usageText) {
			t.Errorf("flag %s is not listed in --help", spelled)
		}
	})
	if len(declared) < 40 {
		t.Fatalf("only %d flags declared: the flag set was not read", len(declared))
	}
	// The flags column of the help: lines that start with two spaces and a dash.
	for _, line := range strings.Split(usageText, "\n") {
		if !strings.HasPrefix(line, "  -") {
			continue
		}
		col, _, _ := strings.Cut(strings.TrimSpace(line), "  ")
		for _, m := range regexp.MustCompile(`--?([a-zA-Z][a-zA-Z-]*)`).FindAllStringSubmatch(col, -1) {
			if !declared[m[1]] {
				t.Errorf("--help lists %q (%q), which the parser does not know", m[0], line)
			}
		}
	}
}
