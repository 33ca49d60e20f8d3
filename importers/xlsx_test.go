package importers_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/importers"
)

// TestXLSXCellKinds writes every kind of cell with excelize and checks how
// it reads back.
func TestXLSXCellKinds(t *testing.T) {
	march15 := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	path := writeXLSX(t, "kinds.xlsx", func(f *excelize.File) {
		style := func(s *excelize.Style) int {
			id, err := f.NewStyle(s)
			must(t, err)
			return id
		}
		custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
		set := func(cell string, v any, styleID int) {
			must(t, f.SetCellValue("Sheet1", cell, v))
			if styleID != 0 {
				must(t, f.SetCellStyle("Sheet1", cell, cell, styleID))
			}
		}
		set("A1", "  Period  ", 0)
		set("B1", 42, 0)
		set("C1", 3.25, 0)
		set("D1", 0.45, style(&excelize.Style{NumFmt: 9}))
		set("E1", 0.123, style(&excelize.Style{NumFmt: 10}))
		set("F1", 0.07, custom("0.0%"))
		set("G1", march15, style(&excelize.Style{NumFmt: 14}))
		set("H1", march15, custom("mmm yyyy"))
		set("I1", march15.Add(14*time.Hour+30*time.Minute), custom("yyyy-mm-dd hh:mm"))
		set("J1", true, 0)
		set("K1", false, 0)
		set("L1", 21, 0) // a cached value, then the formula that made it
		must(t, f.SetCellFormula("Sheet1", "L1", "B1/2"))
		must(t, f.SetCellFormula("Sheet1", "M1", "B1*2")) // never computed: no value
		must(t, f.SetCellRichText("Sheet1", "N1", []excelize.RichTextRun{{Text: "Customer "}, {Text: "effort", Font: &excelize.Font{Bold: true}}}))
		must(t, f.SetCellStr("Sheet1", "O1", "shared"))
		set("P1", "1,234.5", 0)
		set("Q1", 0.1+0.2, 0)
		set("R1", "00123", 0)
		set("S1", 45292, custom("@")) // a number in a text format is a number
		set("T1", -5, custom(`#,##0.00" pts"`))
		set("A3", "after a gap", 0)
	})
	b := openBook(t, path)
	if b.Format() != "xlsx" || b.DecimalComma() {
		t.Errorf("Format, DecimalComma = %q, %v", b.Format(), b.DecimalComma())
	}
	rows := readSheet(t, b, "Sheet1")
	if len(rows) != 2 || rows[0].Index != 1 || rows[1].Index != 3 {
		t.Fatalf("rows %v, want indexes 1 and 3 (empty row 2 skipped)", rows)
	}
	r := rows[0]
	tests := []struct {
		col  int
		kind importers.CellKind
		text string
		num  float64
	}{
		{0, importers.CellText, "Period", 0},
		{1, importers.CellNumber, "42", 42},
		{2, importers.CellNumber, "3.25", 3.25},
		{3, importers.CellPercent, "45%", 45},
		{4, importers.CellPercent, "12.3%", 12.3},
		{5, importers.CellPercent, "7%", 7},
		{6, importers.CellDate, "2024-03-15", 45366},
		{7, importers.CellDate, "2024-03", 45366},
		{8, importers.CellDate, "2024-03-15 14:30", 45366 + 14.5/24},
		{9, importers.CellBool, "TRUE", 1},
		{10, importers.CellBool, "FALSE", 0},
		{11, importers.CellText, "21", 0}, // excelize types a cached formula value t="str"
		{12, importers.CellEmpty, "", 0},
		{13, importers.CellText, "Customer effort", 0},
		{14, importers.CellText, "shared", 0},
		{15, importers.CellText, "1,234.5", 0},
		{16, importers.CellNumber, "0.3", 0.3},
		{17, importers.CellText, "00123", 0},
		{18, importers.CellNumber, "45292", 45292},
		{19, importers.CellNumber, "-5", -5},
	}
	for _, tt := range tests {
		c := r.At(tt.col)
		if c.Col != tt.col || c.Kind != tt.kind || c.Text != tt.text || c.Num != tt.num {
			t.Errorf("column %d: got {Col:%d Kind:%d Text:%q Num:%v}, want kind %d text %q num %v",
				tt.col, c.Col, c.Kind, c.Text, c.Num, tt.kind, tt.text, tt.num)
		}
	}
	if got := r.At(6).Time; !got.Equal(march15) {
		t.Errorf("G1 time = %v, want %v", got, march15)
	}
	if got, want := r.At(8).Time, march15.Add(14*time.Hour+30*time.Minute); !got.Equal(want) {
		t.Errorf("I1 time = %v, want %v", got, want)
	}
}

// TestXLSXHandWritten reads cells only other applications write.
func TestXLSXHandWritten(t *testing.T) {
	sheet := worksheet(
		`<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
			`<c r="C1" t="d"><v>2024-03-15T00:00:00</v></c><c r="D1" t="d" s="1"><v>2024-03-01</v></c>` +
			`<c r="E1" t="b"><v>0</v></c><c r="F1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>` +
			`<c r="G1" s="2"><v>0.5</v></c><c r="H1" s="99"><v>7</v></c><c r="I1" t="n"><v>1E-3</v></c>` +
			`<c r="J1"><f>SUM(1,2)</f><v>3</v></c><c r="K1"><f>NOW()</f></c></row>` +
			// no r attributes: positions follow on
			`<row><c t="inlineStr"><is><t> inline </t></is></c><c/><c t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r></is></c></row>` +
			`<row r="5"><c r="A5" t="s"><v>0</v></c><c r="B5" t="s"><v>1</v></c><c r="C5" t="s"><v>2</v></c><c r="D5" t="s"><v></v></c>` +
			`<c r="E5" t="inlineStr"><is><t><![CDATA[<cdata> & more]]></t></is></c><c r="F5"><v>0.30000000000000004</v></c></row>`)
	parts := xlsxPackage([]pkgSheet{{name: "Data", xml: sheet}},
		`<numFmt numFmtId="164" formatCode="mmmm yyyy"/>`,
		`<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/>`,
		[]string{`<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh>`, `<t>ABC_x000D_&#10;DEF</t>`, `<r><t>a</t></r><r><t>b</t></r>`})
	b := openBook(t, writeZip(t, "hand.xlsx", parts))
	rows := readSheet(t, b, "Data")
	if len(rows) != 3 || rows[1].Index != 2 || rows[2].Index != 5 {
		t.Fatalf("got rows %v", rows)
	}
	want := map[int][]struct {
		kind importers.CellKind
		text string
	}{
		1: {{importers.CellError, "#N/A"}, {importers.CellError, "#DIV/0!"}, {importers.CellDate, "2024-03-15"},
			{importers.CellDate, "2024-03"}, {importers.CellBool, "FALSE"}, {importers.CellText, "ab"},
			{importers.CellPercent, "50%"}, {importers.CellNumber, "7"}, {importers.CellNumber, "0.001"},
			{importers.CellNumber, "3"}},
		2: {{importers.CellText, "inline"}, {importers.CellEmpty, ""}, {importers.CellText, "rich text"}},
		5: {{importers.CellText, "漢字"}, {importers.CellText, "ABC\r\nDEF"}, {importers.CellText, "ab"},
			{importers.CellEmpty, ""}, {importers.CellText, "<cdata> & more"}, {importers.CellNumber, "0.3"}},
	}
	for index, cells := range want {
		r := rowAt(t, rows, index)
		if len(r.Cells) != len(cells) {
			t.Errorf("row %d: %q, want %d cells", index, texts(r), len(cells))
			continue
		}
		for i, w := range cells {
			if c := r.Cells[i]; c.Kind != w.kind || c.Text != w.text || c.Col != i {
				t.Errorf("row %d col %d: got kind %d %q (Col %d), want kind %d %q", index, i, c.Kind, c.Text, c.Col, w.kind, w.text)
			}
		}
	}
	if c := rows[0].At(2); c.Num != 45366 || !c.Time.Equal(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ISO date cell: Num %v Time %v", c.Num, c.Time)
	}
	if !importers.IsBlank(rows[0].At(0).Text) || importers.IsBlank(rows[0].At(1).Text) {
		t.Error("#N/A should count as blank, #DIV/0! should not")
	}
}

func TestXLSXDate1904(t *testing.T) {
	day := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	path := writeXLSX(t, "1904.xlsx", func(f *excelize.File) {
		yes := true
		must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
		id, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(t, err)
		must(t, f.SetCellValue("Sheet1", "A1", day))
		must(t, f.SetCellStyle("Sheet1", "A1", "A1", id))
	})
	c := readSheet(t, openBook(t, path), "Sheet1")[0].At(0)
	if c.Kind != importers.CellDate || !c.Time.Equal(day) || c.Num != 43904 {
		t.Errorf("1904 date: kind %d time %v serial %v; want %v, serial 43904", c.Kind, c.Time, c.Num, day)
	}

	t.Run("corpus", func(t *testing.T) {
		skipWithoutCorpus(t)
		b := openBook(t, corpus+"/xlsx/calamine__date_1904.xlsx")
		c := readSheet(t, b, "Sheet1")[0].At(0)
		if c.Kind != importers.CellDate || c.Text != "2021-01-01" {
			t.Errorf("calamine__date_1904 A1 = kind %d %q, want the date 2021-01-01", c.Kind, c.Text)
		}
	})
}

func TestXLSXMergedCells(t *testing.T) {
	path := writeXLSX(t, "merged.xlsx", func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Unit", "Q1 2024", nil, "Q2 2024"}))
		must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"North", 1, 2, 3}))
		must(t, f.SetSheetRow("Sheet1", "B3", &[]any{4, 5, 6}))
		must(t, f.SetSheetRow("Sheet1", "B4", &[]any{7, 8, 9}))
		must(t, f.MergeCell("Sheet1", "B1", "C1")) // a header over two columns
		must(t, f.MergeCell("Sheet1", "A2", "A4")) // a unit down three rows
		must(t, f.MergeCell("Sheet1", "E1", "F2")) // empty top-left: nothing to copy
	})
	rows := readSheet(t, openBook(t, path), "Sheet1")
	want := [][]string{
		{"Unit", "Q1 2024", "Q1 2024", "Q2 2024"},
		{"North", "1", "2", "3"},
		{"North", "4", "5", "6"},
		{"North", "7", "8", "9"},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		if got := texts(rows[i]); strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q, want %q", rows[i].Index, got, w)
		}
		for j, c := range rows[i].Cells {
			if c.Col != j {
				t.Errorf("row %d cell %d has Col %d", rows[i].Index, j, c.Col)
			}
		}
	}
}

func TestXLSXSheets(t *testing.T) {
	path := writeXLSX(t, "sheets.xlsx", func(f *excelize.File) {
		must(t, f.SetSheetName("Sheet1", "Data"))
		for _, name := range []string{"Hidden", "Very hidden", "Notes"} {
			_, err := f.NewSheet(name)
			must(t, err)
		}
		must(t, f.SetSheetRow("Data", "A1", &[]any{"Metric", "Value"}))
		must(t, f.SetSheetRow("Data", "A2", &[]any{"NPS", 42}))
		must(t, f.SetSheetVisible("Hidden", false))
		must(t, f.SetSheetVisible("Very hidden", false, true))
		must(t, f.AddChartSheet("Chart", &excelize.Chart{
			Type:   excelize.Col,
			Series: []excelize.ChartSeries{{Name: "Data!$A$1", Categories: "Data!$A$2", Values: "Data!$B$2"}},
		}))
	})
	b := openBook(t, path)
	want := []importers.SheetInfo{
		{Name: "Data"}, {Name: "Hidden", Hidden: true}, {Name: "Very hidden", Hidden: true},
		{Name: "Notes"}, {Name: "Chart", Chart: true},
	}
	got := b.Sheets()
	if len(got) != len(want) {
		t.Fatalf("Sheets() = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sheet %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if rows := readSheet(t, b, "Chart"); len(rows) != 0 {
		t.Errorf("a chart sheet gave %d rows", len(rows))
	}
	if rows := readSheet(t, b, "Notes"); len(rows) != 0 {
		t.Errorf("an empty sheet gave %d rows", len(rows))
	}
	if rows := readSheet(t, b, "Data"); len(rows) != 2 {
		t.Errorf("Data gave %d rows, want 2", len(rows))
	}
	if _, err := b.Open("Nope"); err == nil || !strings.Contains(err.Error(), `"Nope"`) {
		t.Errorf("Open of a missing sheet: %v", err)
	}
}

// TestXLSXEmptyRows covers the cap on stored empty rows that whole-column
// formatting leaves behind.
func TestXLSXEmptyRows(t *testing.T) {
	var sd strings.Builder
	sd.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>top</t></is></c></row>`)
	for r := 2; r <= 60; r++ { // stored, styled, empty
		sd.WriteString(`<row r="` + strconv.Itoa(r) + `" s="1" customFormat="1"><c r="A` + strconv.Itoa(r) + `" s="1"/><c r="B` + strconv.Itoa(r) + `" s="1"><v></v></c></row>`)
	}
	sd.WriteString(`<row r="61"><c r="A61"><v>61</v></c></row>`)
	sd.WriteString(`<row r="900000"><c r="A900000"><v>900000</v></c></row>`) // far, but not stored in between
	parts := xlsxPackage([]pkgSheet{{name: "S", xml: worksheet(sd.String())}}, "", `<xf numFmtId="0"/><xf numFmtId="0"/>`, nil)
	path := writeZip(t, "empty-rows.xlsx", parts)

	tests := []struct {
		maxEmptyRun int
		want        []int
	}{
		{0, []int{1, 61, 900000}}, // default 10,000
		{100, []int{1, 61, 900000}},
		{58, []int{1}}, // 59 stored empty rows in a row: the sheet ends
	}
	for _, tt := range tests {
		t.Run("MaxEmptyRun="+strconv.Itoa(tt.maxEmptyRun), func(t *testing.T) {
			b := openBookOpts(t, path, importers.BookOptions{MaxEmptyRun: tt.maxEmptyRun})
			rows := readSheet(t, b, "S")
			var got []int
			for _, r := range rows {
				got = append(got, r.Index)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

func TestXLSXLimits(t *testing.T) {
	long := strings.Repeat("x", 32_767)
	path := writeXLSX(t, "wide.xlsx", func(f *excelize.File) {
		row := make([]any, 16_384)
		for i := range row {
			row[i] = i
		}
		must(t, f.SetSheetRow("Sheet1", "A1", &row))
		must(t, f.SetCellValue("Sheet1", "A2", long))
		for r := 3; r <= 7; r++ {
			must(t, f.SetCellValue("Sheet1", "B"+strconv.Itoa(r), r))
		}
	})

	t.Run("16384 columns and 32767 characters", func(t *testing.T) {
		rows := readSheet(t, openBook(t, path), "Sheet1")
		if n := len(rows[0].Cells); n != 16_384 {
			t.Errorf("row 1 has %d cells, want 16384", n)
		}
		if c := rows[0].At(16_383); c.Num != 16_383 || c.Col != 16_383 {
			t.Errorf("XFD1 = %+v", c)
		}
		if c := rows[1].At(0); c.Text != long {
			t.Errorf("A2 holds %d characters, want 32767", len(c.Text))
		}
	})
	t.Run("MaxRowsPerSheet", func(t *testing.T) {
		b := openBookOpts(t, path, importers.BookOptions{MaxRowsPerSheet: 4})
		rows, err := readSheetErr(b, "Sheet1")
		if !errors.Is(err, importers.ErrTooManyRows) || len(rows) != 4 {
			t.Errorf("got %d rows and %v, want 4 rows and ErrTooManyRows", len(rows), err)
		}
	})
	t.Run("Total", func(t *testing.T) {
		tests := map[string]int64{`<dimension ref="A1:XFD7"/>`: 7, `<dimension ref="B2:C1001"/>`: 1000, `<dimension ref="A1"/>`: -1, "": -1}
		for dim, want := range tests {
			sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + dim + `<sheetData/></worksheet>`
			b := openBook(t, writeZip(t, "dim.xlsx", xlsxPackage([]pkgSheet{{name: "S", xml: sheet}}, "", "", nil)))
			r, err := b.Open("S")
			must(t, err)
			if r.Total() != want {
				t.Errorf("Total() with %q = %d, want %d", dim, r.Total(), want)
			}
			r.Close()
		}
	})
}
