package digest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRenderDigestOrdersExpiredFirst(t *testing.T) {
	day := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	got := RenderDigest([]ExpiryAlert{
		{ItemID: 1, Name: "yoghurt", DaysLeft: 2},
		{ItemID: 2, Name: "cream", DaysLeft: -1, Expired: true},
		{ItemID: 3, Name: "bread", DaysLeft: 0},
	}, day)
	want := "Pantry digest for 2026-04-01\n\n- cream: expired 1 day(s) ago\n- bread: expires today\n- yoghurt: expires in 2 day(s)\n"
	if got != want {
		t.Fatalf("digest mismatch:\n%s\nwant:\n%s", got, want)
	}
}

func TestRenderDigestEmpty(t *testing.T) {
	if RenderDigest(nil, time.Now()) != "" {
		t.Fatal("expected empty digest")
	}
}

func TestFetchAlerts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/expiry" || r.URL.Query().Get("days") != "3" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`[{"item_id":1,"name":"milk","days_left":1,"expired":false}]`))
	}))
	defer srv.Close()
	alerts, err := FetchAlerts(srv.Client(), srv.URL+"/", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Name != "milk" {
		t.Fatalf("unexpected alerts %+v", alerts)
	}
	_, err = FetchAlerts(srv.Client(), srv.URL+"/missing", 3)
	if err == nil || !strings.Contains(err.Error(), "status 404") {
		t.Fatalf("expected 404 error, got %v", err)
	}
}
