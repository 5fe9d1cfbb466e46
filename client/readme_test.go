package client_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESnippetsAreExamples keeps every Go block of the README the same
// code as a block between "// README" markers of example_readme_test.go,
// where it is compiled and run against real servers. Lines are compared
// without their indentation.
func TestREADMESnippetsAreExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("example_readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	var examples []string
	for _, m := range regexp.MustCompile(`(?s)// README\n(.*?)\n\s*// README end\n`).FindAllSubmatch(src, -1) {
		examples = append(examples, trimLines(string(m[1])))
	}
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("no Go block in the README")
	}
	for _, b := range blocks {
		block, found := trimLines(string(b[1])), false
		for _, ex := range examples {
			found = found || ex == block
		}
		if !found {
			t.Errorf("README block is not an example of example_readme_test.go (copy it there, between // README markers, and run it):\n%s", b[1])
		}
	}
	if len(examples) != len(blocks) {
		t.Errorf("%d README Go blocks, %d examples: each example is a README block", len(blocks), len(examples))
	}
}

func trimLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
