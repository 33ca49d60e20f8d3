// Command icongen draws cxdash's app icon, a 256x256 PNG. It runs from
// `go generate ./assets`; its output is the same on every run.
package main

import (
	"flag"
	"fmt"
	"os"

	"cxdash/assets/internal/gen"
)

func main() {
	out := flag.String("o", "icon.png", "output file")
	flag.Parse()
	if err := gen.WriteFile(*out, gen.WriteIcon); err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
}
