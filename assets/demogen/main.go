// Command demogen writes cxdash's demo workbook. It runs from
// `go generate ./assets`; its output is the same on every run.
package main

import (
	"flag"
	"fmt"
	"os"

	"cxdash/assets/internal/gen"
)

func main() {
	out := flag.String("o", "demo.xlsx", "output file")
	flag.Parse()
	if err := gen.WriteFile(*out, gen.WriteDemo); err != nil {
		fmt.Fprintln(os.Stderr, "demogen:", err)
		os.Exit(1)
	}
}
