package screen

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/workspace"
)

// NoDataState is what a screen shows while the workspace has no data:
// title and msg centred, then buttons to import or to load the demo data.
func NoDataState(s Host, title, msg string) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	text := widget.NewLabelWithStyle(msg, fyne.TextAlignCenter, fyne.TextStyle{})
	imp := widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), func() { s.Show(At(Import)) })
	imp.Importance = widget.HighImportance
	demo := widget.NewButtonWithIcon("Load demo data", theme.MediaPlayIcon(), func() { LoadDemo(s) })
	return container.NewCenter(container.NewVBox(head, text, container.NewCenter(container.NewHBox(imp, demo))))
}

// LoadDemo imports the bundled demo workbook behind a progress dialog.
func LoadDemo(s Host) {
	ws := s.Workspace()
	s.Run("Loading the demo data", func(ctx context.Context, _ workspace.Progress) error {
		_, err := ws.LoadDemo(ctx, true)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		s.Reload()
	})
}

// SectionTitle is a small bold heading above a chart, in the theme's
// secondary text colour; it takes little height so the charts keep theirs.
type SectionTitle struct {
	widget.BaseWidget
	text string
}

func NewSectionTitle(text string) *SectionTitle {
	t := &SectionTitle{text: text}
	t.ExtendBaseWidget(t)
	return t
}

// SetText changes the heading.
func (t *SectionTitle) SetText(s string) {
	t.text = s
	t.Refresh()
}

func (t *SectionTitle) CreateRenderer() fyne.WidgetRenderer {
	txt := canvas.NewText("", color.Black)
	txt.TextStyle.Bold = true
	r := &sectionTitleRenderer{t: t, txt: txt}
	r.Refresh()
	return r
}

type sectionTitleRenderer struct {
	t   *SectionTitle
	txt *canvas.Text
}

func (r *sectionTitleRenderer) Layout(size fyne.Size) {
	r.txt.Move(fyne.NewPos(theme.Padding(), (size.Height-r.txt.MinSize().Height)/2))
}

func (r *sectionTitleRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.txt.MinSize().Width+2*theme.Padding(), r.txt.MinSize().Height+4)
}

func (r *sectionTitleRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.txt.Text = r.t.text
	r.txt.Color = th.Color(theme.ColorNameForeground, v)
	r.txt.TextSize = th.Size(theme.SizeNameText)
	r.txt.Refresh()
	r.Layout(r.t.Size())
}

func (r *sectionTitleRenderer) Destroy() {}

func (r *sectionTitleRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.txt} }

// Section puts a heading above content.
func Section(title fyne.CanvasObject, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(title, nil, nil, nil, content)
}

// InfoButton is a small "how was this made" button.
func InfoButton(tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.InfoIcon(), tapped)
	b.Importance = widget.LowImportance
	return b
}

// ShowExplanation shows how a number was made, in words a person can
// check, with an optional action (such as opening the discipline).
func ShowExplanation(win fyne.Window, title string, lines []string, action string, do func()) {
	var objs []fyne.CanvasObject
	for _, l := range lines {
		if l == "" {
			continue
		}
		lbl := widget.NewLabel(l)
		lbl.Wrapping = fyne.TextWrapWord
		objs = append(objs, lbl)
	}
	content := container.NewVBox(objs...)
	var d dialog.Dialog
	if do == nil {
		d = dialog.NewCustom(title, "Close", content, win)
	} else {
		d = dialog.NewCustomConfirm(title, action, "Close", content, func(ok bool) {
			if ok {
				do()
			}
		}, win)
	}
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// Text is the title shown.
func (t *SectionTitle) Text() string { return t.text }
