package model_test

import (
	"testing"

	"cxdash/model"
)

func TestIsAllUnits(t *testing.T) {
	for u, want := range map[string]bool{"": true, model.AllUnits: true, "all": false, "All units": false, "Leeds": false} {
		if got := model.IsAllUnits(u); got != want {
			t.Errorf("IsAllUnits(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestUnitLabel(t *testing.T) {
	for u, want := range map[string]string{"": "All units", model.AllUnits: "All units", "Leeds": "Leeds", "all": "all"} {
		if got := model.UnitLabel(u); got != want {
			t.Errorf("UnitLabel(%q) = %q, want %q", u, got, want)
		}
	}
}
