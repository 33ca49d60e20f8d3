package app

// Layouts and small widgets the dashboard and the discipline view share.
