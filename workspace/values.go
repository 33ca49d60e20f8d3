package workspace

import (
	"context"
	"fmt"
	"strings"

	"cxdash/model"
)

// MetricValues lists every metric's value per unit and period at
// granularity g (zero: the workspace's default), with the all-units rows;
// unit ("" or All for every unit and all units) and metric ("" for every
// one) narrow it. An unknown unit or metric is an error naming the ones
// there are.
func (w *Workspace) MetricValues(ctx context.Context, g model.Granularity, unit, metric string) ([]model.MetricValue, error) {
	sc, _, metrics, err := w.scorer(ctx)
	if err != nil {
		return nil, err
	}
	if g == 0 {
		g = sc.DefaultGranularity()
	}
	if strings.TrimSpace(unit) != "" {
		if unit, err = resolveUnit(sc.Units(), unit); err != nil {
			return nil, err
		}
	}
	if metric = strings.TrimSpace(metric); metric != "" {
		found := false
		var names []string
		for _, m := range metrics {
			names = append(names, m.Name)
			if model.MetricKey(m.Name) == model.MetricKey(metric) {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("no metric %q in the catalogue: it has %s", metric, strings.Join(names, ", "))
		}
	}
	return sc.MetricValues(g, unit, metric), nil
}
