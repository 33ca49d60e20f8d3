package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// How an xlsx is read:
//   - the zip's directory is checked first: a package that claims to unpack
//     to more than BookOptions.MaxUnzipSize is refused (a zip bomb), and
//     archive/zip stops any part that unpacks to more than it claims;
//   - excelize parses the workbook and the styles (see readMeta) and is
//     closed again right away;
//   - each worksheet is streamed straight out of the zip by xlsxSheet, with
//     its own small XML scanner. excelize's Rows().Columns() returns only
//     formatted or raw strings, not the cell type and style needed to tell a
//     percentage or a date from a number, and costs about ten times more: a
//     million rows of six cells take 50 s or more there and 4 to 6 s here.

// xlsxBook is an opened workbook.
type xlsxBook struct {
	path     string
	opts     BookOptions
	zr       *zip.ReadCloser
	parts    map[string]*zip.File // by lower-case part name
	sheets   []xlsxSheetRef
	styles   []numStyle // by cellXfs index
	date1904 bool
	sstPart  string
	report   bool // written by cxdash's Excel report (reimport.go)

	sstOnce sync.Once
	sst     *sharedStrings
	sstErr  error
}

type xlsxSheetRef struct {
	info SheetInfo
	part string // "" when the workbook lists a sheet it does not contain
}

// openError is a plain sentence for the user that keeps its cause for the
// log.
type openError struct {
	msg   string
	cause error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.cause }

func damagedWorkbook(cause error) error { return &openError{msgDamagedZip, cause} }

func openXLSX(file string, opts BookOptions) (*xlsxBook, error) {
	zr, err := zip.OpenReader(file)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, damagedWorkbook(err)
	}
	b := &xlsxBook{path: file, opts: opts, zr: zr, parts: map[string]*zip.File{}}
	ok := false
	defer func() {
		if !ok {
			zr.Close()
		}
	}()
	// The sizes the zip declares: archive/zip refuses to unpack more.
	limit, unzipped := uint64(opts.MaxUnzipSize), uint64(0)
	for _, f := range zr.File {
		if f.UncompressedSize64 > limit-unzipped { // no overflow: unzipped <= limit
			return nil, zipBombError(opts.MaxUnzipSize)
		}
		unzipped += f.UncompressedSize64
		b.parts[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))] = f
	}
	wbPart, err := b.workbookPart()
	if err != nil {
		return nil, err
	}
	if err := b.checkContentType(wbPart); err != nil {
		return nil, err
	}
	relsPart := path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels")
	rels, err := b.readRels(relsPart)
	if err != nil {
		return nil, damagedWorkbook(err)
	}
	if err := b.readMeta(wbPart, relsPart, rels); err != nil {
		return nil, err
	}
	b.resolveSheets(wbPart, rels)
	if err := b.checkSharedStrings(); err != nil {
		return nil, err
	}
	ok = true
	return b, nil
}

func zipBombError(limit int64) error {
	return fmt.Errorf("the workbook unpacks to more than %s (a zip bomb or a far too large file)", sizeText(limit))
}

// workbookPart finds the main workbook part through the package's root
// relationships, and tells other zip files (OpenDocument, .xlsb, Word)
// from a damaged workbook.
func (b *xlsxBook) workbookPart() (string, error) {
	if b.parts["_rels/.rels"] == nil && b.parts["xl/workbook.xml"] == nil {
		mt, _ := b.readSmall("mimetype", 200)
		switch {
		case strings.Contains(string(mt), "opendocument"):
			return "", errors.New("an OpenDocument file (.ods), not an xlsx workbook: save it as .xlsx")
		case b.parts["word/document.xml"] != nil || b.parts["ppt/presentation.xml"] != nil:
			return "", errors.New("a Word or PowerPoint file, not an xlsx workbook")
		}
		return "", errors.New("a zip archive, not an xlsx workbook")
	}
	rels, err := b.readRels("_rels/.rels")
	wb := ""
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wb = resolvePart("", r.Target)
		}
	}
	if wb == "" && b.parts["xl/workbook.xml"] != nil {
		wb = "xl/workbook.xml"
	}
	switch {
	case strings.HasSuffix(wb, ".bin"):
		return "", errors.New("a binary workbook (.xlsb): save it as .xlsx")
	case strings.HasPrefix(wb, "word/") || strings.HasPrefix(wb, "ppt/"):
		return "", errors.New("a Word or PowerPoint file, not an xlsx workbook")
	case wb == "" || b.parts[wb] == nil:
		return "", damagedWorkbook(err)
	}
	return wb, nil
}

// readMeta lets excelize parse the workbook and its styles, then keeps
// what the reader needs: sheet names and states, the date system, number
// formats. excelize gets a copy of the package that holds only those parts
// (copied compressed, as they are): opened whole, it would unpack every
// worksheet once more, to memory or to a temp file, only for the sheets to
// be streamed again from the zip.
func (b *xlsxBook) readMeta(wbPart, relsPart string, rels []xmlRel) error {
	keep := []string{"[content_types].xml", "_rels/.rels", wbPart, relsPart, "xl/styles.xml", "docprops/core.xml"}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/styles") {
			keep = append(keep, resolvePart(path.Dir(wbPart), r.Target))
		}
	}
	meta, err := b.copyParts(keep)
	if err != nil {
		return damagedWorkbook(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(meta), excelize.Options{
		UnzipSizeLimit:    b.opts.MaxUnzipSize,
		UnzipXMLSizeLimit: b.opts.MaxXMLSize,
		TmpDir:            b.opts.TempDir,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return zipBombError(b.opts.MaxUnzipSize)
		}
		return damagedWorkbook(err)
	}
	defer f.Close()
	if f.WorkBook == nil || len(f.WorkBook.Sheets.Sheet) == 0 {
		return errors.New("the workbook has no sheets")
	}
	for _, s := range f.WorkBook.Sheets.Sheet {
		b.sheets = append(b.sheets, xlsxSheetRef{
			info: SheetInfo{Name: s.Name, Hidden: s.State == "hidden" || s.State == "veryHidden"},
			part: s.ID, // a relationship id until resolveSheets
		})
	}
	b.date1904 = f.WorkBook.WorkbookPr != nil && f.WorkBook.WorkbookPr.Date1904
	if props, err := f.GetDocProps(); err == nil {
		b.report = isCxdashReport(props.Category, props.Description)
	}
	b.styles = numStyles(f)
	return nil
}

// copyParts writes the named parts, still compressed, into a new zip.
func (b *xlsxBook) copyParts(names []string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	seen := map[string]bool{}
	for _, name := range names {
		zf := b.parts[name]
		if zf == nil || seen[name] {
			continue
		}
		seen[name] = true
		if zf.UncompressedSize64 > uint64(b.opts.MaxXMLSize) {
			return nil, fmt.Errorf("part %s is too large", name)
		}
		w, err := zw.CreateRaw(&zf.FileHeader)
		if err != nil {
			return nil, err
		}
		r, err := zf.OpenRaw()
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// numStyles classifies every cell style of the workbook once.
func numStyles(f *excelize.File) []numStyle {
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return nil
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, nf := range f.Styles.NumFmts.NumFmt {
			if nf == nil {
				continue
			}
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	out := make([]numStyle, len(f.Styles.CellXfs.Xf))
	for i, xf := range f.Styles.CellXfs.Xf {
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if code, ok := custom[id]; ok {
			out[i] = classifyFormat(code)
		} else if st, ok := builtinFormat(id); ok {
			out[i] = st
		}
	}
	return out
}

func (b *xlsxBook) style(i int) numStyle {
	if i < 0 || i >= len(b.styles) {
		return numStyle{}
	}
	return b.styles[i]
}

// resolveSheets maps each sheet's relationship id to its part and finds
// chart sheets and the shared string table.
func (b *xlsxBook) resolveSheets(wbPart string, rels []xmlRel) {
	dir := path.Dir(wbPart)
	byID := map[string]xmlRel{}
	for _, r := range rels {
		byID[r.ID] = r
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			b.sstPart = resolvePart(dir, r.Target)
		}
	}
	if b.sstPart == "" && b.parts["xl/sharedstrings.xml"] != nil {
		b.sstPart = "xl/sharedstrings.xml"
	}
	for i := range b.sheets {
		s := &b.sheets[i]
		r, ok := byID[s.part]
		s.part = ""
		if !ok {
			continue
		}
		p := resolvePart(dir, r.Target)
		if b.parts[p] != nil {
			s.part = p
		}
		s.info.Chart = strings.HasSuffix(r.Type, "/chartsheet") || strings.Contains(p, "chartsheets/")
	}
}

// resolvePart turns a relationship target into a lower-case part name.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.ToLower(path.Clean(target[1:]))
	}
	return strings.ToLower(strings.TrimPrefix(path.Clean(path.Join(dir, target)), "/"))
}

type xmlRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// readRels reads a relationships part (a few hundred bytes).
func (b *xlsxBook) readRels(name string) ([]xmlRel, error) {
	data, err := b.readSmall(name, 16<<20)
	if err != nil {
		return nil, err
	}
	var rels struct {
		Rel []xmlRel `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, err
	}
	return rels.Rel, nil
}

// readSmall reads a whole part that has no business being large.
func (b *xlsxBook) readSmall(name string, limit int64) ([]byte, error) {
	f := b.parts[strings.ToLower(name)]
	if f == nil {
		return nil, fmt.Errorf("part %s is missing", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("part %s is too large", name)
	}
	return data, nil
}

// sharedStrings loads the shared string table on first use.
func (b *xlsxBook) sharedStrings() (*sharedStrings, error) {
	b.sstOnce.Do(func() {
		f := b.parts[b.sstPart]
		if f == nil {
			b.sst = &sharedStrings{}
			return
		}
		rc, err := f.Open()
		if err != nil {
			b.sstErr = damagedWorkbook(err)
			return
		}
		defer rc.Close()
		if b.sst, err = readSharedStrings(rc); err != nil {
			if zerr := zipDamage(err); zerr != nil {
				b.sstErr = fmt.Errorf("the workbook's cell text is damaged: %w", zerr)
			} else {
				b.sstErr = fmt.Errorf("the shared strings are damaged (%v)", err)
			}
		}
	})
	return b.sst, b.sstErr
}

// Format returns "xlsx".
func (b *xlsxBook) Format() string { return "xlsx" }

// Sheets lists every sheet in workbook order.
func (b *xlsxBook) Sheets() []SheetInfo {
	out := make([]SheetInfo, len(b.sheets))
	for i, s := range b.sheets {
		out[i] = s.info
	}
	return out
}

// DecimalComma is false: workbook numbers are typed.
func (b *xlsxBook) DecimalComma() bool { return false }

// Open starts streaming a sheet. Chart sheets have no rows.
func (b *xlsxBook) Open(sheet string) (r SheetReader, err error) {
	defer recoverAs(&err, "the sheet could not be read")
	var ref *xlsxSheetRef
	for i := range b.sheets {
		if b.sheets[i].info.Name == sheet {
			ref = &b.sheets[i]
			break
		}
	}
	switch {
	case ref == nil:
		return nil, fmt.Errorf("no sheet named %q", sheet)
	case ref.info.Chart:
		return safeReader{&xlsxSheet{book: b, done: true}}, nil
	case ref.part == "":
		return nil, errors.New("the sheet is listed but missing from the file: the workbook is damaged")
	}
	zf := b.parts[ref.part]
	mrc, err := zf.Open()
	if err != nil {
		return nil, damagedWorkbook(err)
	}
	ranges, err := scanMerges(mrc)
	mrc.Close()
	if err != nil {
		return nil, xmlDamage(err)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, damagedWorkbook(err)
	}
	s := &xlsxSheet{book: b, rc: rc, sc: newXMLScanner(rc), merges: &mergeIndex{ranges: ranges}}
	if err := s.start(); err != nil {
		rc.Close()
		return nil, err
	}
	return safeReader{s}, nil
}

// Close closes the zip file.
func (b *xlsxBook) Close() error {
	if b.zr == nil {
		return nil
	}
	err := b.zr.Close()
	b.zr = nil
	return err
}

// CxdashReport says whether the workbook is an Excel report written by
// cxdash (see Read: only its governance sheets are imported).
func (b *xlsxBook) CxdashReport() bool { return b.report }
