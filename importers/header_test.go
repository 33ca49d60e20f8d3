package importers

import "testing"

func TestClassifyHeader(t *testing.T) {
	tests := []struct {
		text      string
		data, cat Role
		strong    bool
	}{
		{"Period", RolePeriod, RolePeriod, true},
		{"  AS OF ", RolePeriod, RolePeriod, true},
		{"Reporting period", RolePeriod, RolePeriod, true},
		{"Fiscal Period", RolePeriod, RolePeriod, true},
		{"Survey date", RolePeriod, RolePeriod, true},
		{"Date of survey", RolePeriod, RolePeriod, false},
		{"Unit", RoleUnit, RoleMeasureUnit, true},
		{"Business-Unit", RoleUnit, RoleUnit, true},
		{"BU", RoleUnit, RoleUnit, true},
		{"Region name", RoleUnit, RoleUnit, false},
		{"Segment", RoleUnit, RoleUnit, true},
		{"KPI", RoleMetric, RoleMetric, true},
		{"KPI Name", RoleMetric, RoleMetric, true},
		{"Question", RoleMetric, RoleMetric, true},
		{"Measure", RoleMetric, RoleMetric, true},
		{"Value (%)", RoleValue, RoleValue, true},
		{"Score", RoleValue, RoleValue, true},
		{"Actuals", RoleValue, RoleValue, true},
		{"Overall score", RoleValue, RoleValue, false},
		{"Pillar", RoleDiscipline, RoleDiscipline, true},
		{"Competency", RoleDiscipline, RoleDiscipline, true},
		{"Target value", RoleTarget, RoleTarget, true},
		{"Goal 2025", RoleTarget, RoleTarget, false},
		{"Comments", RoleNote, RoleNote, true},
		{"UoM", RoleMeasureUnit, RoleMeasureUnit, true},
		{"Unit of measure", RoleMeasureUnit, RoleMeasureUnit, true},
		{"Polarity", RoleDirection, RoleDirection, true},
		{"Higher is better?", RoleDirection, RoleDirection, true},
		{"T1", RoleT1, RoleT1, true},
		{"Level 3", RoleT3, RoleT3, true},
		{"L5", RoleT5, RoleT5, true},
		{"Threshold 2", RoleT2, RoleT2, true},
		{"Weighting", RoleWeight, RoleWeight, true},
		{"Metric owner", RoleOwner, RoleOwner, true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			roles, strong, ok := classifyHeader(tt.text)
			if !ok || roles.data != tt.data || roles.cat != tt.cat || strong != tt.strong {
				t.Errorf("classifyHeader(%q) = %+v strong %v ok %v, want %s/%s strong %v", tt.text, roles, strong, ok, tt.data, tt.cat, tt.strong)
			}
		})
	}
	for _, text := range []string{"", "Prepared by the CX team for the board", "Respondents", "(blank)", "Q1 2024", "NPS"} {
		if roles, _, ok := classifyHeader(text); ok {
			t.Errorf("classifyHeader(%q) = %+v, want no role", text, roles)
		}
	}
}

func TestHeaderSignature(t *testing.T) {
	a := HeaderSignature([]string{"Period", "Business Unit", "Value (%)", "", ""})
	if a != "period|business unit|value" {
		t.Errorf("signature %q", a)
	}
	for _, same := range [][]string{
		{" PERIOD", "business-unit", "Value  (%)"},
		{"period", "Business_Unit", "value %", ""},
	} {
		if got := HeaderSignature(same); got != a {
			t.Errorf("HeaderSignature(%q) = %q, want %q", same, got, a)
		}
	}
	for _, other := range [][]string{
		{"Period", "Value", "Business Unit"},
		{"Period", "Business Unit", "Value (pts)"},
		{"Period", "", "Business Unit", "Value"},
	} {
		if got := HeaderSignature(other); got == a {
			t.Errorf("HeaderSignature(%q) = %q, same as a different layout", other, got)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	for col, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnLetters(col); got != want {
			t.Errorf("columnLetters(%d) = %q, want %q", col, got, want)
		}
	}
}
