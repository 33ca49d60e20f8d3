package importers

import (
	"archive/zip"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"cxdash/model"
)

// This file holds what keeps hostile files (huge, lying, damaged or not
// spreadsheets at all) to a short, plain refusal.

// DefaultMaxSharedStrings bounds the shared string table, the one part of
// an xlsx held in memory whole (see BookOptions.MaxSharedStrings).
const DefaultMaxSharedStrings = 128 << 20

// binaryError is a file that is not text; kind names it when its
// signature says what it is ("a PNG image").
type binaryError string

func (e binaryError) Error() string {
	if e == "" {
		return msgBinary
	}
	return string(e) + ", not a csv file"
}

// Is makes every binaryError match errBinary.
func (e binaryError) Is(target error) bool { return target == errBinary }

// checkFileSize refuses a file larger than the most any sheet may unpack
// to, before a byte of it is read: a 2 GB csv would otherwise be streamed
// to its end (and hashed before that) only to hit the row limit.
func checkFileSize(f *os.File, opts BookOptions) error {
	st, err := f.Stat()
	if err != nil {
		return fileError(err)
	}
	if st.Size() > opts.MaxUnzipSize {
		return fmt.Errorf("the file is %s, too large to import: cxdash reads files of up to %s; "+
			"split it (by year or by business unit) or remove columns it does not need", sizeText(st.Size()), sizeText(opts.MaxUnzipSize))
	}
	return nil
}

// CheckFileSize is checkFileSize for callers that read the file before
// importing it (the workspace hashes it to find duplicates): it returns
// the sentence Read would report for a file too large, or nil. A file that
// cannot be opened is left to the caller's own error.
func CheckFileSize(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	return checkFileSize(f, BookOptions{}.withDefaults())
}

// sizeText is a size as file managers show it: 512 MB, 2.0 GB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64) + " GB"
	case n >= 1<<20:
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt(n>>10, 10) + " KB"
}

// quoteCell quotes a cell's text for a problem message, shortened when
// long: a 32,767-character cell must not become a 32,767-character line.
func quoteCell(s string) string {
	const keep = 60
	if utf8.RuneCountInString(s) <= keep+10 {
		return strconv.Quote(s)
	}
	cut := 0
	for range keep {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return strconv.Quote(s[:cut]+"…") + " (" + model.FormatCount(utf8.RuneCountInString(s)) + " characters)"
}

// zipDamage turns what archive/zip and flate say about a part that cannot
// be unpacked into a sentence, or returns nil for other errors.
func zipDamage(err error) error {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return &openError{"its data does not match its checksum (the file was changed or not copied whole)", err}
	case errors.Is(err, zip.ErrFormat), errors.As(err, &ce), errors.Is(err, io.ErrUnexpectedEOF):
		return &openError{"its compressed data cannot be unpacked (the file was changed or not copied whole)", err}
	}
	return nil
}

// mainContentType is the content type [Content_Types].xml gives the
// workbook part: "" when it gives none. A package without the part is
// damaged: Excel refuses to open it too.
func (b *xlsxBook) mainContentType(wbPart string) (string, error) {
	data, err := b.readSmall("[content_types].xml", 16<<20)
	if err != nil {
		if b.parts["[content_types].xml"] == nil {
			return "", &openError{"not a readable xlsx workbook: the file is damaged (its list of contents, [Content_Types].xml, is missing); " +
				"open it in Excel and save it again", err}
		}
		return "", damagedWorkbook(err)
	}
	var types struct {
		Default []struct {
			Extension   string `xml:"Extension,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Override []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(data, &types); err != nil {
		return "", damagedWorkbook(err)
	}
	for _, o := range types.Override {
		if strings.EqualFold(strings.TrimPrefix(o.PartName, "/"), wbPart) {
			return o.ContentType, nil
		}
	}
	ext := wbPart[strings.LastIndexByte(wbPart, '.')+1:]
	for _, d := range types.Default {
		if strings.EqualFold(d.Extension, ext) {
			return d.ContentType, nil
		}
	}
	return "", nil
}

// checkContentType refuses a package whose workbook part is declared as
// another kind of document: a Word or PowerPoint file renamed, or built
// by a tool that does not know what it wrote. A generic type (plain XML)
// or none is let through: the part is parsed as a workbook anyway.
func (b *xlsxBook) checkContentType(wbPart string) error {
	ct, err := b.mainContentType(wbPart)
	if err != nil {
		return err
	}
	ct = strings.ToLower(ct)
	switch {
	case ct == "", strings.Contains(ct, "spreadsheetml"), strings.Contains(ct, "ms-excel"),
		ct == "application/xml", ct == "text/xml":
		return nil
	case strings.Contains(ct, "wordprocessingml"), strings.Contains(ct, "msword"):
		return errors.New("a Word document, not an xlsx workbook (so the file says inside): save the data from Excel as .xlsx")
	case strings.Contains(ct, "presentationml"), strings.Contains(ct, "powerpoint"):
		return errors.New("a PowerPoint file, not an xlsx workbook (so the file says inside): save the data from Excel as .xlsx")
	}
	return fmt.Errorf("not an xlsx workbook: the file says it holds %q; save the data from Excel as .xlsx", ct)
}

// checkSharedStrings refuses a shared string table that would not fit in
// memory: it is the one part read whole, so a small file whose table
// inflates to hundreds of megabytes would otherwise take the app down.
func (b *xlsxBook) checkSharedStrings() error {
	f := b.parts[b.sstPart]
	if f == nil || f.UncompressedSize64 <= uint64(b.opts.MaxSharedStrings) {
		return nil
	}
	return fmt.Errorf("the workbook's cell text unpacks to more than %s (a zip bomb or a far too large file)", sizeText(b.opts.MaxSharedStrings))
}
