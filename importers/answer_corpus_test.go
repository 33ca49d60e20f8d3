package importers_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"

	"cxdash/importers"
	"cxdash/model"
)

// TestAnswerScaleGoogleForms detects the scale of the two
// likelihood-to-recommend questions of a real Google Forms export (xlsx,
// read with this package's reader; model cannot import importers) and reads
// their answers: SOURCES.tsv's NPS figures follow from them.
func TestAnswerScaleGoogleForms(t *testing.T) {
	const path = "../../shared/corpus/cx/google_forms_r_community_2019.xlsx"
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		t.Skip("corpus file google_forms_r_community_2019.xlsx is absent")
	}
	b, err := importers.OpenBook(path, importers.BookOptions{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := b.Open("Form Responses 1")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var header importers.Row
	var rows []importers.Row
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if header.Cells == nil {
			header = row
		} else {
			rows = append(rows, row)
		}
	}
	for _, tc := range []struct {
		about                    string
		n, promoters, detractors int
	}{
		// 1,107 tens + 279 nines = 1,386 promoters; 3 ones + 1 two + 3 threes
		// + 11 fours + 11 fives + 29 sixes = 58 detractors; with 261 eights and
		// 90 sevens, 1,795 answers: NPS = (1,386 - 58) / 1,795 = +74.0. No one
		// answered 0, yet the question asks about recommending: 0-10.
		{"recommend R to", 1795, 1386, 58},
		// 204 + 131 = 335 promoters, 308 detractors of 1,015: NPS +2.7.
		{"recommend Python to", 1015, 335, 308},
	} {
		t.Run(tc.about, func(t *testing.T) {
			col := -1
			for _, c := range header.Cells {
				if strings.Contains(c.Text, tc.about) {
					col = c.Col
				}
			}
			if col < 0 {
				t.Fatalf("no question about %q", tc.about)
			}
			cells := make([]string, len(rows))
			for i, row := range rows {
				cells[i] = row.At(col).Text
			}
			question := header.At(col).Text
			s, ok := model.DetectScale(question, cells)
			if !ok || s.String() != "0-10" {
				t.Fatalf("DetectScale(%q) = %s, %v; want 0-10", question, s, ok)
			}
			read := model.NewAnswerReader(s)
			n, promoters, detractors, invalid := 0, 0, 0, 0
			for _, c := range cells {
				v, st := read.Read(c)
				switch st {
				case model.Answered:
					n++
					if v >= 9 {
						promoters++
					} else if v <= 6 {
						detractors++
					}
				case model.AnswerInvalid:
					invalid++
				}
			}
			if n != tc.n || promoters != tc.promoters || detractors != tc.detractors || invalid != 0 {
				t.Errorf("n %d, promoters %d, detractors %d, invalid %d; want %d, %d, %d, 0",
					n, promoters, detractors, invalid, tc.n, tc.promoters, tc.detractors)
			}
		})
	}
}
