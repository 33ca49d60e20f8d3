package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen/screentest"
	"cxdash/internal/pgtest"
	"cxdash/workspace"
)

// teamPG is the package's PostgreSQL server: started by the first test
// that needs one, so that the other tests of the package neither wait for
// it nor need PostgreSQL installed; TestMain stops it.
var teamPG struct {
	once sync.Once
	srv  *pgtest.Server
	err  error
}

// teamServer is the running server; the test's PGPASSFILE is its pass
// file, so that a URL without password connects, as pgtest.Main sets up.
func teamServer(t *testing.T) *pgtest.Server {
	t.Helper()
	if os.Getenv(pgtest.NoPostgresEnv) == "1" {
		t.Skipf("%s=1: no PostgreSQL", pgtest.NoPostgresEnv)
	}
	teamPG.once.Do(func() { teamPG.srv, teamPG.err = pgtest.Start(pgtest.Options{}) })
	if teamPG.err != nil {
		t.Fatal(teamPG.err)
	}
	t.Setenv("PGPASSFILE", teamPG.srv.PassFile())
	t.Setenv("PGPASSWORD", "")
	return teamPG.srv
}

func teamStopServer() {
	if teamPG.srv != nil {
		if err := teamPG.srv.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}

// teamNoPassFile makes the server ask for its password, as on a machine
// without ~/.pgpass.
func teamNoPassFile(t *testing.T) {
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "no-pgpass"))
}

// teamDBName is the database a pgtest URL names.
func teamDBName(t *testing.T, location string) string {
	u, err := url.Parse(location)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// teamTop is the dialog on top, nil when none.
func teamTop(u *UI) fyne.CanvasObject {
	return u.s.Window().Canvas().Overlays().Top()
}

// teamType types text into the dialog on top: into its password field
// when password is set, else into its URL field, replacing what is there.
func teamType(t *testing.T, u *UI, password bool, text string) {
	t.Helper()
	var found *widget.Entry
	screentest.Visit(u.s.Window().Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Password == password {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no entry (password %v) in the dialog on top: %q", password, screentest.Texts(u.s.Window().Canvas().Overlays().Top()))
	}
	found.SetText("")
	test.Type(found, text)
}

// teamURLField is what the server dialog's URL field holds.
func teamURLField(u *UI) string {
	var text string
	screentest.Visit(u.s.Window().Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && !e.Password {
			text = e.Text
		}
	})
	return text
}

// teamWaitDialog runs the UI until the dialog on top shows want.
func teamWaitDialog(t *testing.T, u *UI, want string) []string {
	t.Helper()
	var texts []string
	shellEventually(t, "a dialog showing "+want, func() bool {
		texts = screentest.DialogTexts(u.s.Window())
		return screentest.HasText(texts, want)
	})
	return texts
}

// teamWaitEngine runs the UI until the window shows a workspace of engine,
// loaded, with no dialog left open.
func teamWaitEngine(t *testing.T, u *UI, engine string) {
	t.Helper()
	shellEventually(t, "a "+engine+" workspace on screen", func() bool {
		if top := teamTop(u); top != nil {
			t.Logf("dialog: %q", screentest.Texts(top))
			return false
		}
		return u.s.Workspace().Engine() == engine && u.s.State() != nil
	})
	dashSettle(t, u)
}

// teamLog collects what the package logs during the test, every level.
func teamLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return &buf
}

// teamAssertNoSecret checks that no preference value and no log line holds
// any of secrets.
func teamAssertNoSecret(t *testing.T, u *UI, log *bytes.Buffer, secrets ...string) {
	t.Helper()
	prefs, ok := u.s.App().Preferences().(interface{ ReadValues(func(map[string]any)) })
	if !ok {
		t.Fatalf("cannot list the preferences of %T", u.s.App().Preferences())
	}
	var all string
	prefs.ReadValues(func(m map[string]any) { all = fmt.Sprint(m) })
	if !strings.Contains(all, prefRecentWS) || !strings.Contains(all, prefLastWS) {
		t.Fatalf("the preferences lack the workspace keys: %s", all)
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("a password is in the preferences: %s", all)
		}
		if strings.Contains(log.String(), s) {
			t.Errorf("a password is in the log:\n%s", log)
		}
	}
}

func TestTeamConnectGolden(t *testing.T) {
	u := dashTestUI(t, true)
	u.s.App().Settings().SetTheme(dashVariant{theme.DefaultTheme(), theme.VariantLight})
	f := u.connectDialog("")
	test.AssertImageMatches(t, "team_connect_light.png", u.s.Window().Canvas().Capture())

	teamType(t, u, false, "db.example.com/cx_programme")
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	if texts := screentest.DialogTexts(u.s.Window()); !screentest.HasText(texts, "Enter a postgres:// URL") {
		t.Errorf("a URL without postgres:// is not refused: %q", texts)
	}
	test.AssertImageMatches(t, "team_connect_invalid_light.png", u.s.Window().Canvas().Capture())
	test.Type(f.entry, "x")
	if f.problem.Visible() {
		t.Error("the problem stays while the URL is edited")
	}
}

func TestTeamConnectAsksForPassword(t *testing.T) {
	srv := teamServer(t)
	loc := srv.NewDatabase(t)
	teamNoPassFile(t)
	u, db := shellTestUI(t)
	log := teamLog(t)

	u.connectDialog("")
	teamType(t, u, false, loc)
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	texts := teamWaitDialog(t, u, "Password for cxdash at 127.0.0.1")
	if screentest.HasText(texts, "refused") {
		t.Errorf("the first prompt says the password was refused: %q", texts)
	}
	teamType(t, u, true, srv.Password())
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	teamWaitEngine(t, u, "PostgreSQL")

	name := teamDBName(t, loc)
	if got, want := u.s.Window().Title(), "cxdash — "+name+" on 127.0.0.1 (team)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got := u.s.Workspace().Path(); got != loc {
		t.Errorf("workspace %q, want %q", got, loc)
	}
	if recent := u.s.App().Preferences().StringList(prefRecentWS); len(recent) < 2 || recent[0] != loc || recent[1] != db {
		t.Errorf("recent workspaces %q", recent)
	}
	if workspace.ClientName(u.s.Workspace().Path()) != name || saveAsName(u.s.Workspace().Path()) != name+" copy.db" {
		t.Errorf("reports name the team workspace %q, Save as suggests %q", workspace.ClientName(u.s.Workspace().Path()), saveAsName(u.s.Workspace().Path()))
	}

	// Back to the file and to the server from Open recent: the password
	// typed this session is not asked again.
	u.switchWorkspace(db)
	teamWaitEngine(t, u, "SQLite")
	u.switchWorkspace(loc)
	teamWaitEngine(t, u, "PostgreSQL")
	teamAssertNoSecret(t, u, log, srv.Password())
}

func TestTeamWrongPasswordThenRight(t *testing.T) {
	srv := teamServer(t)
	loc := srv.NewDatabase(t)
	teamNoPassFile(t)
	u, _ := shellTestUI(t)
	log := teamLog(t)

	// A password typed into the URL is tried once, and is not remembered.
	withPW := strings.Replace(loc, "cxdash@", "cxdash:typed-in-url@", 1)
	u.connectDialog("")
	teamType(t, u, false, withPW)
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	teamWaitDialog(t, u, "The server refused the password")
	teamType(t, u, true, "wrong-typed-pw")
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	teamWaitDialog(t, u, "The server refused the password")
	if u.s.Workspace().Engine() != "SQLite" {
		t.Fatal("a refused password changed the workspace")
	}
	teamType(t, u, true, srv.Password())
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	teamWaitEngine(t, u, "PostgreSQL")
	if got := u.s.Workspace().Path(); got != loc {
		t.Errorf("workspace %q, want %q", got, loc)
	}
	if last, _ := StartupWorkspace(u.s.App()); last != loc {
		t.Errorf("next start opens %q, want %q", last, loc)
	}
	teamAssertNoSecret(t, u, log, srv.Password(), "typed-in-url", "wrong-typed-pw")
}

func TestTeamConnectErrorsStayInDialog(t *testing.T) {
	teamServer(t)
	u, _ := shellTestUI(t)
	// A port nobody listens on: the server is away.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	away := fmt.Sprintf("postgres://cxdash@%s/cx_programme?sslmode=disable", l.Addr())
	l.Close()

	u.connectDialog("")
	teamType(t, u, false, away)
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	texts := teamWaitDialog(t, u, "Cannot reach")
	if !screentest.HasText(texts, away) {
		t.Errorf("the message does not name the server: %q", texts)
	}
	if got := teamURLField(u); got != away {
		t.Errorf("the URL field holds %q after the failure, want %q", got, away)
	}
	if u.s.Workspace().Engine() != "SQLite" {
		t.Error("a failed connection changed the workspace")
	}
	screentest.TapDialogButton(t, u.s.Window(), "Cancel")
	if teamTop(u) != nil {
		t.Error("Cancel leaves the dialog open")
	}
}

func TestTeamStartupOffersServer(t *testing.T) {
	srv := teamServer(t)
	loc := srv.NewDatabase(t)
	teamNoPassFile(t)
	// The default workspace names the server too: the window falls back on
	// the file in the config folder.
	t.Setenv("CXDASH_DB", loc)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	local := filepath.Join(config, "cxdash", "cxdash.db")
	a := test.NewTempApp(t)
	start, err := StartupWorkspace(a)
	if err != nil || start != loc {
		t.Fatalf("start on %q (%v), want the server", start, err)
	}
	u, err := New(context.Background(), a, start)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.s.Workspace().Close() })
	shellWait(t, u.loaded)
	if u.s.Workspace().Path() != local {
		t.Errorf("the window opened on %q, want the local default %q", u.s.Workspace().Path(), local)
	}
	if got := a.Preferences().String(prefLastWS); got != loc {
		t.Errorf("the last workspace became %q; the next start should try the server again", got)
	}
	teamWaitDialog(t, u, "Password for cxdash at 127.0.0.1")
	teamType(t, u, true, srv.Password())
	screentest.TapDialogButton(t, u.s.Window(), "Connect")
	teamWaitEngine(t, u, "PostgreSQL")
	if got := u.s.Window().Title(); !strings.HasSuffix(got, " on 127.0.0.1 (team)") {
		t.Errorf("title %q", got)
	}
}

func TestTeamStartupServerAway(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	away := fmt.Sprintf("postgres://cxdash:secret-in-url@%s/cx_programme?sslmode=disable", l.Addr())
	l.Close()
	local := filepath.Join(t.TempDir(), "local.db")
	t.Setenv("CXDASH_DB", local)
	a := test.NewTempApp(t)
	u, err := New(context.Background(), a, away)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.s.Workspace().Close() })
	shellWait(t, u.loaded)
	if u.s.Workspace().Path() != local {
		t.Errorf("the window opened on %q, want %q", u.s.Workspace().Path(), local)
	}
	texts := teamWaitDialog(t, u, "Cannot reach")
	if got, want := teamURLField(u), workspace.Redact(away); got != want {
		t.Errorf("URL field %q, want %q", got, want)
	}
	if screentest.HasText(texts, "secret-in-url") || screentest.HasText(a.Preferences().StringList(prefRecentWS), "secret-in-url") ||
		strings.Contains(a.Preferences().String(prefLastWS), "secret-in-url") {
		t.Errorf("the password of the URL shows or is kept: %q", texts)
	}
}

func TestTeamWorkspaceNames(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://ana@db.example.com:5432/cx_programme?sslmode=require": "cx_programme on db.example.com (team)",
		"postgresql://ana:pw@db.example.com/cx%20live":                    "cx live on db.example.com (team)",
		"postgres://ana@/cx?host=/var/run/postgresql":                     "cx (team)",
		"postgres://ana@db.example.com":                                   "ana on db.example.com (team)",
		"/home/ana/acme.db":                                               "acme.db",
	} {
		if got := workspace.Label(in); got != want {
			t.Errorf("workspace.Label(%q) = %q, want %q", in, got, want)
		}
	}
	if got := workspace.ClientName("/home/ana/acme.db"); got != "acme" {
		t.Errorf("clientName of a file: %q", got)
	}
	if got := saveAsName("postgres://ana:pw@db.example.com/cx_programme"); got != "cx_programme copy.db" {
		t.Errorf("saveAsName: %q", got)
	}
}
