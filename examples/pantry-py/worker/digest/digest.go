// Package digest builds the daily expiry digest mailed to the household.
package digest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// ExpiryAlert mirrors the JSON returned by GET /expiry of the pantry API.
type ExpiryAlert struct {
	ItemID   int    `json:"item_id"`
	Name     string `json:"name"`
	DaysLeft int    `json:"days_left"`
	Expired  bool   `json:"expired"`
}

// FetchAlerts reads the expiring items from the pantry API.
func FetchAlerts(client *http.Client, baseURL string, days int) ([]ExpiryAlert, error) {
	resp, err := client.Get(fmt.Sprintf("%s/expiry?days=%d", strings.TrimRight(baseURL, "/"), days))
	if err != nil {
		return nil, fmt.Errorf("fetch alerts: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("fetch alerts: status %d: %s", resp.StatusCode, body)
	}
	var alerts []ExpiryAlert
	if err := json.NewDecoder(resp.Body).Decode(&alerts); err != nil {
		return nil, fmt.Errorf("decode alerts: %w", err)
	}
	return alerts, nil
}

// RenderDigest formats the alerts as a plain-text email body; expired items come first.
func RenderDigest(alerts []ExpiryAlert, day time.Time) string {
	if len(alerts) == 0 {
		return ""
	}
	sorted := append([]ExpiryAlert(nil), alerts...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].DaysLeft != sorted[j].DaysLeft {
			return sorted[i].DaysLeft < sorted[j].DaysLeft
		}
		return sorted[i].Name < sorted[j].Name
	})
	var b strings.Builder
	fmt.Fprintf(&b, "Pantry digest for %s\n\n", day.Format("2006-01-02"))
	for _, a := range sorted {
		switch {
		case a.Expired:
			fmt.Fprintf(&b, "- %s: expired %d day(s) ago\n", a.Name, -a.DaysLeft)
		case a.DaysLeft == 0:
			fmt.Fprintf(&b, "- %s: expires today\n", a.Name)
		default:
			fmt.Fprintf(&b, "- %s: expires in %d day(s)\n", a.Name, a.DaysLeft)
		}
	}
	return b.String()
}
