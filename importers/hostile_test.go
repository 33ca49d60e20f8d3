package importers_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cxdash/importers"
)

// hostileCase is one file nobody should have to trust.
type hostileCase struct {
	name  string
	build func(t *testing.T) string // writes the file, returns its path
	// want are the phrases the first problem must hold, after "file: ";
	// nil means the file is readable and must import cleanly.
	want []string
	// check looks at what a readable file imported.
	check func(t *testing.T, rep importers.Result, sink *semSink)
	// maxHeap bounds the heap growth of one Read (default 200 MiB).
	maxHeap uint64
}

// longRows is a long-layout sheet of n rows of NPS values.
func longRows(n int) [][]any {
	rows := [][]any{{"Period", "Metric", "Value"}}
	for i := range n {
		rows = append(rows, []any{fmt.Sprintf("2024-%02d", i%12+1), "NPS", float64(i % 100)})
	}
	return rows
}

// TestHostileFiles feeds Read files that are broken, lying or absurd, dry
// and for real: each is refused with a problem that names the file (and the
// sheet and cell where there is one) and says what is wrong in plain words,
// or, when it is in fact readable, imports as it should. Every Read runs
// under a deadline and has its heap watched: none may hang or balloon.
func TestHostileFiles(t *testing.T) {
	goodPath := semXLSX(t, "good.xlsx", semXSheet{name: "Scores", rows: longRows(400)})
	good, err := os.ReadFile(goodPath)
	must(t, err)
	const sheetPart = "xl/worksheets/sheet1.xml"
	central, body, bodySize := zipEntry(t, good, sheetPart)

	rowXML := []byte(strings.Repeat(`<row><c t="inlineStr"><is><t>bomb</t></is></c><c><v>1</v></c></row>`, 1<<14))
	sheetHead := []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sheetTail := []byte(`</sheetData></worksheet>`)
	gib := (1 << 30) / len(rowXML) // copies of rowXML in a gibibyte

	rng := rand.New(rand.NewPCG(8, 8))
	noise := make([]byte, 8192)
	for i := range noise {
		noise[i] = byte(rng.UintN(256))
	}
	longNote := strings.Repeat("Customer said: “the app is slow”. ", 32767/34+1)[:32767-2] + "ok"

	cases := []hostileCase{
		{name: "truncated xlsx", want: []string{"not a readable xlsx workbook", "damaged or truncated"},
			build: func(t *testing.T) string { return writeFile(t, "cut.xlsx", good[:len(good)/2]) }},
		{name: "central directory checksum flipped", want: []string{"Scores", "damaged"},
			build: func(t *testing.T) string {
				return writeFile(t, "crc.xlsx", flipped(good, central+16, central+17))
			}},
		{name: "central directory offset flipped", want: []string{"Scores", "damaged"},
			build: func(t *testing.T) string { return writeFile(t, "offset.xlsx", flipped(good, central+42, central+43)) }},
		{name: "compressed sheet data flipped", want: []string{"Scores", "damaged"},
			build: func(t *testing.T) string {
				return writeFile(t, "bits.xlsx", flipped(good, body+bodySize/2, body+bodySize/2+7))
			}},
		{name: "content type says Word", want: []string{"Word"},
			build: func(t *testing.T) string {
				return rezip(t, goodPath, "word.xlsx", func(part string, data []byte) []byte {
					if part == "[Content_Types].xml" {
						return []byte(strings.ReplaceAll(string(data), "spreadsheetml.sheet.main+xml", "wordprocessingml.document.main+xml"))
					}
					return data
				})
			}},
		{name: "content types missing", want: []string{"damaged"},
			build: func(t *testing.T) string {
				return rezip(t, goodPath, "notypes.xlsx", func(part string, data []byte) []byte {
					if part == "[Content_Types].xml" {
						return nil
					}
					return data
				})
			}},
		{name: "zip bomb", want: []string{"zip bomb"},
			build: func(t *testing.T) string {
				path := filepath.Join(t.TempDir(), "bomb.xlsx")
				writeBombXLSX(t, path, xlsxPackage([]pkgSheet{{name: "S", xml: worksheet("")}}, "", "", nil), sheetPart,
					repeatedPart{head: sheetHead, chunk: rowXML, tail: sheetTail, n: gib})
				return path
			}},
		{name: "zip bomb that lies about its size", want: []string{"S", "damaged"},
			build: func(t *testing.T) string {
				path := filepath.Join(t.TempDir(), "liar.xlsx")
				writeBombXLSX(t, path, xlsxPackage([]pkgSheet{{name: "S", xml: worksheet("")}}, "", "", nil), sheetPart,
					repeatedPart{head: sheetHead, chunk: rowXML, tail: sheetTail, n: gib, declared: 64 << 10})
				return path
			}},
		{name: "shared strings bomb", want: []string{"text", "zip bomb"},
			build: func(t *testing.T) string {
				path := filepath.Join(t.TempDir(), "sst.xlsx")
				parts := xlsxPackage([]pkgSheet{{name: "S", xml: worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)}}, "", "", nil)
				si := []byte(strings.Repeat("<si><t>x</t></si>", 1<<16))
				writeBombXLSX(t, path, parts, "xl/sharedStrings.xml", repeatedPart{
					head:  []byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`),
					chunk: si, tail: []byte(`</sst>`), n: (400 << 20) / len(si)})
				return path
			}},
		{name: "2 GiB csv", want: []string{"2.0 GB", "too large"},
			build: func(t *testing.T) string {
				path := semCSV(t, "huge.csv", "Period,Metric,Value\n2024-01,NPS,10\n2024-02,NPS,12\n")
				must(t, os.Truncate(path, 2<<30))
				return path
			}},
		{name: "random bytes named csv", want: []string{"not a csv file"},
			build: func(t *testing.T) string { return writeFile(t, "noise.csv", noise) }},
		{name: "png named csv", want: []string{"PNG image", "not a csv file"},
			build: func(t *testing.T) string {
				return writeFile(t, "chart.csv", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), noise[:200]...))
			}},
		{name: "empty workbook", want: []string{"empty"},
			build: func(t *testing.T) string { return semXLSX(t, "empty.xlsx", semXSheet{name: "Sheet1"}) }},
		{name: "16,384 columns", maxHeap: 200 << 20,
			build: func(t *testing.T) string {
				header := make([]any, 16384)
				header[0], header[1], header[2] = "Period", "Metric", "Value"
				for c := 3; c < len(header); c++ {
					header[c] = "Extra " + strconv.Itoa(c+1)
				}
				row := make([]any, 16384)
				row[0], row[1], row[2], row[16383] = "2024-03", "NPS", 41.0, "last column"
				return semXLSX(t, "wide.xlsx", semXSheet{name: "Wide", rows: [][]any{header, row}})
			},
			check: func(t *testing.T, rep importers.Result, sink *semSink) {
				if rep.Values != 1 || (sink != nil && len(sink.Observations) != 1) {
					t.Errorf("values %d, want 1", rep.Values)
				}
			}},
		{name: "32,767-character notes",
			build: func(t *testing.T) string {
				return semXLSX(t, "notes.xlsx", semXSheet{name: "Notes", rows: [][]any{
					{"Period", "Metric", "Value", "Note"}, {"2024-01", "NPS", 30.0, longNote}, {"2024-02", "NPS", 31.0, "short"}}})
			},
			check: func(t *testing.T, rep importers.Result, sink *semSink) {
				if rep.Values != 2 {
					t.Errorf("values %d, want 2", rep.Values)
				}
				if sink != nil && (len(sink.Observations) != 2 || sink.Observations[0].Note != longNote) {
					t.Errorf("the long note did not survive: %d observations", len(sink.Observations))
				}
			}},
		{name: "32,767-character value", want: []string{"Values!C2", "is not a number"},
			build: func(t *testing.T) string {
				return semXLSX(t, "longvalue.xlsx", semXSheet{name: "Values", rows: [][]any{
					{"Period", "Metric", "Value"}, {"2024-01", "NPS", longNote}}})
			},
			check: func(t *testing.T, rep importers.Result, _ *semSink) {
				if msg := firstProblem(rep); len(msg) > 300 {
					t.Errorf("the problem quotes the whole cell: %d characters", len(msg))
				}
			}},
		{name: "NUL bytes in csv fields",
			build: func(t *testing.T) string {
				return semCSV(t, "nul.csv", "Period,Metric,Value,Note\n2024-01,N\x00PS,10,first\x00 note\n2024-02,NPS,11,\x00\n")
			},
			check: func(t *testing.T, rep importers.Result, sink *semSink) {
				if rep.Values != 2 {
					t.Errorf("values %d, want 2: %q", rep.Values, semProblems(rep))
				} else if sink != nil && (sink.Observations[0].Metric != "NPS" || sink.Observations[0].Note != "first note") {
					t.Errorf("observations %q", semObsList(sink.Observations))
				}
			}},
		{name: "NUL bytes in xlsx strings",
			build: func(t *testing.T) string {
				return writeZip(t, "nul.xlsx", xlsxPackage([]pkgSheet{{name: "S", xml: worksheet(
					`<row r="1"><c r="A1" t="inlineStr"><is><t>Period</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Value</t></is></c>` +
						`<c r="D1" t="inlineStr"><is><t>Note</t></is></c></row>` +
						`<row r="2"><c r="A2" t="inlineStr"><is><t>2024-01</t></is></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>5</v></c>` +
						`<c r="D2" t="inlineStr"><is><t>a` + "\x00" + `b_x0000_c</t></is></c></row>`)}},
					"", "", []string{"<t>Metric</t>", "<t>N\x00PS</t>"}))
			},
			check: func(t *testing.T, rep importers.Result, sink *semSink) {
				if rep.Values != 1 {
					t.Errorf("values %d, want 1: %q", rep.Values, semProblems(rep))
				} else if sink != nil && (sink.Observations[0].Metric != "NPS" || sink.Observations[0].Note != "abc") {
					t.Errorf("observation %q, note %q", semObs(sink.Observations[0]), sink.Observations[0].Note)
				}
			}},
		{name: "csv of only a BOM", want: []string{"empty"},
			build: func(t *testing.T) string { return semCSV(t, "bom.csv", "\xEF\xBB\xBF") }},
		{name: "csv with a 10 MB line", want: []string{"line 2"},
			build: func(t *testing.T) string {
				return semCSV(t, "oneline.csv", "Period,Metric,Value\n2024-01,NPS,"+strings.Repeat("9", 10<<20)+"\n")
			}},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.build(t)
			if st, err := os.Stat(path); err == nil {
				t.Logf("file %s: %d bytes", filepath.Base(path), st.Size())
			}
			maxHeap := tc.maxHeap
			if maxHeap == 0 {
				maxHeap = 200 << 20
			}
			var runs [2][]string
			for i, real := range []bool{false, true} {
				var sink *semSink
				var s importers.Sink
				if real {
					sink = newSemSink(t)
					s = sink
				}
				rep, use := measureRead(t, path, s)
				t.Logf("real=%v: %v, heap peak +%.1f MiB, allocated %.1f MiB: %q", real, use.elapsed.Round(1e6), mib(use.heapPeak), mib(use.allocs), firstProblem(rep))
				if use.heapPeak > maxHeap {
					t.Errorf("heap grew by %.0f MiB, more than %.0f MiB", mib(use.heapPeak), mib(maxHeap))
				}
				runs[i] = semProblems(rep)
				checkHostileResult(t, tc, path, rep)
				if tc.check != nil {
					tc.check(t, rep, sink)
				}
				if tc.want != nil && sink != nil && rep.Values == 0 && len(sink.Observations)+len(sink.order()) != 0 {
					t.Errorf("a refused file wrote %d metrics and %d observations", len(sink.order()), len(sink.Observations))
				}
			}
			if strings.Join(runs[0], "\n") != strings.Join(runs[1], "\n") {
				t.Errorf("dry run and real run differ:\n%q\n%q", runs[0], runs[1])
			}
		})
	}
}

// checkHostileResult checks the problems of one Read against the case.
func checkHostileResult(t *testing.T, tc hostileCase, path string, rep importers.Result) {
	t.Helper()
	if tc.want == nil {
		if !rep.OK() {
			t.Errorf("a readable file was refused: %q", semProblems(rep))
		}
		return
	}
	if rep.OK() || len(rep.Problems) == 0 {
		t.Fatalf("no problem reported, want one saying %q", tc.want)
	}
	msg := firstProblem(rep)
	if !strings.HasPrefix(msg, filepath.Base(path)+": ") {
		t.Errorf("problem %q does not start with the file name", msg)
	}
	said := strings.TrimPrefix(msg, filepath.Base(path)+": ")
	for _, w := range tc.want {
		if !strings.Contains(said, w) {
			t.Errorf("problem %q does not say %q", msg, w)
		}
	}
	if w := techWord(msg); w != "" {
		t.Errorf("problem %q speaks of %q", msg, w)
	}
}
