package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"cxdash/model"
)

// frameworkKey is the setting that holds the workspace's framework overlay.
const frameworkKey = "framework"

// Setting returns the value stored under key, or ErrNotFound.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: setting %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: setting %q: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key, replacing what was there.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	err := s.write(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: set setting %q: %w", key, err)
	}
	return nil
}

// savedFramework is the stored form of a framework: only what a workspace may
// change, by discipline key, so that a renamed Go field never breaks a file.
type savedFramework struct {
	Disciplines []savedDiscipline `json:"disciplines,omitempty"`
	LevelNames  [5]string         `json:"level_names"`
}

type savedDiscipline struct {
	Key    string   `json:"key"`
	Name   string   `json:"name,omitempty"`
	Weight float64  `json:"weight,omitempty"`
	Target *float64 `json:"target,omitempty"`
}

// Framework returns model.DefaultFramework() overlaid with the workspace's
// saved discipline names, weights and targets and level names.
func (s *Store) Framework(ctx context.Context) (model.Framework, error) {
	fw := model.DefaultFramework()
	v, err := s.Setting(ctx, frameworkKey)
	if errors.Is(err, ErrNotFound) {
		return fw, nil
	}
	if err != nil {
		return fw, err
	}
	var saved savedFramework
	if err := json.Unmarshal([]byte(v), &saved); err != nil {
		return fw, fmt.Errorf("store: framework setting: %w", err)
	}
	for _, sd := range saved.Disciplines {
		for i := range fw.Disciplines {
			d := &fw.Disciplines[i]
			if d.Key != sd.Key {
				continue
			}
			if sd.Name != "" {
				d.Name = sd.Name
			}
			if sd.Weight > 0 {
				d.Weight = sd.Weight
			}
			d.Target = sd.Target
		}
	}
	for i, n := range saved.LevelNames {
		if n != "" {
			fw.LevelNames[i] = n
		}
	}
	return fw, nil
}

// SaveFramework stores the workspace's discipline names, weights and targets
// and level names. Disciplines must be the framework's keys; weights zero or
// more (zero means 1); targets maturity scores within 1..5.
func (s *Store) SaveFramework(ctx context.Context, fw model.Framework) error {
	saved := savedFramework{LevelNames: fw.LevelNames}
	for _, d := range fw.Disciplines {
		if _, ok := model.DefaultFramework().Discipline(d.Key); !ok {
			return fmt.Errorf("store: save framework: unknown discipline %q", d.Key)
		}
		if d.Weight < 0 || math.IsNaN(d.Weight) || math.IsInf(d.Weight, 0) {
			return fmt.Errorf("store: save framework: %s: weight %v must be zero or more", d.Name, d.Weight)
		}
		if d.Target != nil && !(*d.Target >= 1 && *d.Target <= 5) {
			return fmt.Errorf("store: save framework: %s: target %v must be within 1..5", d.Name, *d.Target)
		}
		saved.Disciplines = append(saved.Disciplines, savedDiscipline{Key: d.Key, Name: d.Name, Weight: d.Weight, Target: d.Target})
	}
	b, err := json.Marshal(saved)
	if err != nil {
		return fmt.Errorf("store: save framework: %w", err)
	}
	return s.SetSetting(ctx, frameworkKey, string(b))
}
