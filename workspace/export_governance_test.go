package workspace_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

func govDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestExportGovernance: the reports carry the workspace's governance
// records; a unit's report has that unit's and every unit's.
func TestExportGovernance(t *testing.T) {
	ctx := context.Background()
	ws := openWorkspace(t, true)
	st := storeOf(t, ws)
	target := 4.0
	if err := st.PutOwnership(ctx, model.Ownership{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Ana Souza",
		Target: &target, Cadence: model.CadenceQuarterly}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []model.Action{
		{Title: "Online action", Unit: "Online", Due: govDate(2020, 1, 31), Status: model.ActionOpen},
		{Title: "Everyone's action", Due: govDate(2999, 1, 31), Status: model.ActionInProgress},
		{Title: "Retail action", Unit: "Retail", Status: model.ActionOpen},
	} {
		if _, err := st.SaveAction(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []model.CXIssue{
		{Date: govDate(2024, 3, 4), Touchpoint: "Web", Unit: "Online", Severity: model.SeverityHigh, Description: "Checkout down", Status: model.IssueOpen},
		{Date: govDate(2024, 3, 5), Touchpoint: "Store", Unit: "Retail", Severity: model.SeverityLow, Description: "Queue", Status: model.IssueOpen},
	} {
		if _, err := st.SaveIssue(ctx, i); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []model.Event{
		{Date: govDate(2024, 2, 1), Title: "Relaunch"},
		{Date: govDate(2024, 5, 1), Unit: "Retail", Title: "Store refit"},
	} {
		if _, err := st.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}

	titles := func(as []model.Action) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Title)
		}
		slices.Sort(out)
		return out
	}
	all, err := ws.ReportData(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Ownerships) != 1 || len(all.Issues) != 2 || len(all.Events) != 2 ||
		!slices.Equal(titles(all.Actions), []string{"Everyone's action", "Online action", "Retail action"}) {
		t.Errorf("all units: %d owners, actions %q, %d issues, %d events; want 1, all three, 2, 2",
			len(all.Ownerships), titles(all.Actions), len(all.Issues), len(all.Events))
	}
	if all.AsOf.IsZero() {
		t.Error("AsOf is not set")
	}
	online, err := ws.ReportData(ctx, "online")
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(online.Actions); !slices.Equal(got, []string{"Everyone's action", "Online action"}) {
		t.Errorf("Online's actions %q, want its own and everyone's", got)
	}
	if len(online.Issues) != 1 || online.Issues[0].Description != "Checkout down" {
		t.Errorf("Online's issues %+v", online.Issues)
	}
	if len(online.Events) != 1 || online.Events[0].Title != "Relaunch" {
		t.Errorf("Online's events %+v, want the all-units one", online.Events)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "online.xlsx")
	if err := ws.ExportXLSX(ctx, path, "Online", nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Actions")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
	}
	if want := []string{"Online action", "Everyone's action"}; !slices.Equal(got, want) {
		t.Errorf("Actions sheet %q, want %q (due order)", got, want)
	}
	if owners, _ := f.GetRows("Owners"); len(owners) != 2 || owners[1][1] != "Strategy" || owners[1][2] != "Ana Souza" {
		t.Errorf("Owners sheet %q", owners)
	}

	html := filepath.Join(dir, "online.html")
	if err := ws.ExportHTML(ctx, html, "Online", nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{`id="governance"`, "Online action", "Checkout down", "Relaunch", `<tr class="late">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML report lacks %q", want)
		}
	}
	if strings.Contains(page, "Retail action") || strings.Contains(page, "Store refit") {
		t.Error("Online's HTML report shows Retail's records")
	}
}
