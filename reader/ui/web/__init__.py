"""Opening a web page as an article (File › Open Web Page…)."""
