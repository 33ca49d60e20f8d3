package dashboard

import "cxdash/app/governance"

// gapsToClose are the gaps to target an action can close, largest first,
// as the gaps chart shows them: disciplines at or above target, without a
// target or without data now have none.
func (v view) gapsToClose() []governance.Gap {
	var out []governance.Gap
	for _, b := range v.gaps.Bars {
		for _, ds := range v.cur.Disciplines {
			if ds.Name != b.Label || ds.Gap == nil || ds.Target == nil || *ds.Gap <= 0 || !ds.Present {
				continue
			}
			out = append(out, governance.Gap{Key: ds.Key, Name: ds.Name, Score: ds.Score, Target: *ds.Target, Unit: v.unit})
		}
	}
	return out
}
