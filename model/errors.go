package model

import "errors"

// ErrNoData is returned when a workspace has nothing to score.
var ErrNoData = errors.New("the workspace has no data yet: import a workbook first")
