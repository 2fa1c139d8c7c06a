// Command expiry-digest prints (or mails, with -sendmail) the daily expiry digest.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"example.com/pantry/worker/digest"
)

func main() {
	api := flag.String("api", envOr("PANTRY_API", "http://localhost:8000"), "pantry API base URL")
	days := flag.Int("days", 3, "warning window in days")
	to := flag.String("sendmail", "", "mail the digest to this address via sendmail")
	flag.Parse()

	client := &http.Client{Timeout: 10 * time.Second}
	alerts, err := digest.FetchAlerts(client, *api, *days)
	if err != nil {
		log.Fatal(err)
	}
	body := digest.RenderDigest(alerts, time.Now())
	if body == "" {
		return
	}
	if *to == "" {
		fmt.Print(body)
		return
	}
	cmd := exec.Command("sendmail", *to)
	cmd.Stdin = strings.NewReader("Subject: Pantry expiry digest\n\n" + body)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("sendmail: %v: %s", err, out)
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
